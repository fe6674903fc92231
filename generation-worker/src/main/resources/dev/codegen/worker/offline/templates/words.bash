#!/usr/bin/env bash
# {{banner}}
# Requested: {{summary}}
set -euo pipefail

# Offline stand-in: prints the number of words in its arguments.
{{snake}}() {
  local -a words
  read -r -a words <<<"$*"
  printf '%d\n' "${#words[@]}"
}

{{snake}} "${@:-hello offline world}"
