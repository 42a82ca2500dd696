#!/usr/bin/env bash
# Bash completion (completion/fdi) is what the option tables generate, and
# completes: fails when the committed file differs from
# scripts/gen_completion.sh's (run it again to write it), or when a
# completion below gives other words.
# usage: completion.sh FDI_BINARY SOURCE_DIR
set -u
FDI=$1
SRC=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail=0
bash "$SRC/scripts/gen_completion.sh" "$FDI" "$TMP/fdi" || exit 1
if ! diff -u "$SRC/completion/fdi" "$TMP/fdi" >&2; then
    echo "FAIL: completion/fdi differs from what the tables generate (scripts/gen_completion.sh)" >&2
    fail=1
fi
# complete WORD... : the words bash offers for the last one
complete_words() {
    bash -c '
        source "$1"; shift
        COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
        _fdi
        printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' _ "$TMP/fdi" "$@"
}
expect() {
    local want=$1
    shift
    local got
    got=$(cd "$TMP" && complete_words "$@")
    if [ "${got% }" != "$want" ]; then
        echo "FAIL: completing '$*': got '${got% }', expected '$want'" >&2
        fail=1
    fi
}
touch "$TMP/plan.csv" "$TMP/plain.txt"
expect "yoy ytd" fdi y
expect "--as-of" fdi ytd f.csv --as
# ytd does not take --seek: it is not offered (the tables say which command takes what)
expect "" fdi ytd f.csv --se
expect "--seed --seek" fdi whatif f.csv --se
expect "off on" fdi forecast f.csv --calibrate ""
expect "csv" fdi yoy f.csv --format c
expect "plain.txt plan.csv" fdi plan f.csv --plan pl
expect "en vi" fdi report f.csv --lang ""
[ "$fail" = 0 ] && echo "completion as generated, and it completes"
exit "$fail"
