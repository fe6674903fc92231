#!/usr/bin/env bash
set -euo pipefail
target=${1:?usage: clean DIR}
rm -rf -- "${target:?}/build"
find . -name '*.log' -exec gzip -- {} +
printf '%s\n' "cleaned $target"
