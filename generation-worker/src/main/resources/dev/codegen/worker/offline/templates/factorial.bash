#!/usr/bin/env bash
# {{banner}}
set -euo pipefail

# Prints n! for a non-negative integer n (up to 20, the limit of bash arithmetic).
{{snake}}() {
  local n="$1" result=1 i
  if ((n < 0 || n > 20)); then
    echo "n must be between 0 and 20" >&2
    return 1
  fi
  for ((i = 2; i <= n; i++)); do
    result=$((result * i))
  done
  printf '%d\n' "$result"
}

{{snake}} "${1:-10}"
