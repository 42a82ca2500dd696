#!/usr/bin/env bash
# Write man/fdi-COMMAND.1 for every fdi command from the option tables
# (engine/cli/options.c, args.c) through the hidden `fdi --man COMMAND`.
# usage: scripts/gen_man.sh FDI_BINARY [OUT_DIR]   (default OUT_DIR: man/)
# tests/cli/man.sh fails when a committed page differs from what this writes.
set -eu
FDI=$1
OUT=${2:-$(dirname "$0")/../man}
commands=$("$FDI" --help | awk '/^  [a-z]+ +[a-z(]/ { print $1 }')
[ -n "$commands" ] || { echo "gen_man.sh: no commands in $FDI --help" >&2; exit 1; }
for c in $commands; do
    "$FDI" --man "$c" >"$OUT/fdi-$c.1"
done
