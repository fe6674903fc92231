#!/bin/sh
# Starts /app/app.jar. JAVA_OPTS, when set, replaces /app/jvm.options (as bin/codegen does);
# /app/exports.options (the plugin worker's --add-exports flags) is passed either way.
set -eu
opts=""
if [ -n "${JAVA_OPTS:-}" ]; then
  opts="$JAVA_OPTS"
elif [ -f /app/jvm.options ]; then
  opts="@/app/jvm.options"
fi
if [ -f /app/exports.options ]; then
  opts="$opts @/app/exports.options"
fi
# shellcheck disable=SC2086
exec java $opts -jar /app/app.jar "$@"
