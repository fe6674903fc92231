#!/usr/bin/env bash
# {{banner}}
set -euo pipefail

# Prints the characters of the first argument in reverse order.
{{snake}}() {
  local text="$1" out="" i
  for ((i = ${#text} - 1; i >= 0; i--)); do
    out+="${text:i:1}"
  done
  printf '%s\n' "$out"
}

{{snake}} "${1:-hello world}"
