#!/usr/bin/env bash
# Prints a summary of the files under a directory: count, total size and the largest files.
set -euo pipefail

usage() {
  echo "usage: $0 DIRECTORY [TOP]" >&2
  exit 2
}

human_size() {
  local bytes="$1"
  if ((bytes >= 1048576)); then
    echo "$((bytes / 1048576)) MiB"
  elif ((bytes >= 1024)); then
    echo "$((bytes / 1024)) KiB"
  else
    echo "$bytes B"
  fi
}

main() {
  local dir="${1:-}" top="${2:-5}" count=0 total=0 size path
  [[ -n "$dir" && -d "$dir" ]] || usage
  if ! [[ "$top" =~ ^[0-9]+$ ]]; then
    usage
  fi
  local listing
  listing="$(mktemp)"
  trap 'rm -f "$listing"' EXIT
  while IFS= read -r -d '' path; do
    size="$(stat -c %s "$path")"
    count=$((count + 1))
    total=$((total + size))
    printf '%s\t%s\n' "$size" "$path" >>"$listing"
  done < <(find "$dir" -type f -print0)
  echo "files: $count"
  echo "total: $(human_size "$total")"
  echo "largest:"
  sort -rn "$listing" | head -n "$top" | while IFS=$'\t' read -r size path; do
    printf '  %10s  %s\n' "$(human_size "$size")" "$path"
  done
}

main "$@"
