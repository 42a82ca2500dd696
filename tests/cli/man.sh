#!/usr/bin/env bash
# The committed man pages are what the option tables generate: fails when
# man/fdi-COMMAND.1 differs from `fdi --man COMMAND` (run
# scripts/gen_man.sh FDI to write them again) or a page is missing.
# usage: man.sh FDI_BINARY SOURCE_DIR
set -u
FDI=$1
SRC=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
bash "$SRC/scripts/gen_man.sh" "$FDI" "$TMP" || exit 1
fail=0
n=0
for page in "$TMP"/fdi-*.1; do
    n=$((n + 1))
    name=$(basename "$page")
    if ! diff -u "$SRC/man/$name" "$page" >&2; then
        echo "FAIL: man/$name differs from what the tables generate (scripts/gen_man.sh)" >&2
        fail=1
    fi
done
[ "$n" = 8 ] || { echo "FAIL: $n man pages generated, expected 8" >&2; fail=1; }
# fdi --man refuses what is not a command
"$FDI" --man nosuch >/dev/null 2>&1 && { echo "FAIL: fdi --man nosuch exited 0" >&2; fail=1; }
[ "$fail" = 0 ] && echo "$n man pages as generated"
exit "$fail"
