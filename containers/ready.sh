#!/bin/bash
# Healthcheck of the Java images (they have bash, not curl):
#   ready PORT        a TCP connection to 127.0.0.1:PORT is accepted
#   ready PORT PATH   GET PATH on 127.0.0.1:PORT answers 200
set -euo pipefail
exec 3<>"/dev/tcp/127.0.0.1/$1"
[[ $# -lt 2 ]] && exit 0
printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$2" >&3
IFS= read -r -t 4 status <&3
[[ "$status" == *" 200 "* ]]
