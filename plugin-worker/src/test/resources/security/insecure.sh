#!/usr/bin/env bash
target=$1
rm -rf "$target/"
find . -name '*.log' -exec sh -c "gzip {}" \;
echo $target
