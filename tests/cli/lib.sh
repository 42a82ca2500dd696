# lib.sh - the checks the scripts of tests/cli share (each sources it once
# FDI, the binary, is set).  ok and bad count the checks; expect runs fdi
# into $OUT and $ERR, which the script sets (a file each) before using it.
# shellcheck shell=bash
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }

# fdi ARGS...: the binary, under valgrind when FDI_VALGRIND=1
fdi() {
    if [ "${FDI_VALGRIND:-0}" = 1 ]; then
        valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=all \
            --suppressions="$SRC/tests/valgrind.supp" "$FDI" "$@"
    else
        "$FDI" "$@"
    fi
}

# expect RC ARGS...: fdi's exit status is RC (its output in $OUT, its
# messages in $ERR, shown when it is not)
expect() {
    local want=$1
    shift
    fdi "$@" >"$OUT" 2>"$ERR"
    local rc=$?
    if [ "$rc" = "$want" ]; then ok; else
        bad "fdi $* exited $rc, expected $want"
        head -c 600 "$ERR" | sed 's/^/    /' >&2
    fi
}

# has FILE TEXT NAME / hasnt FILE TEXT NAME: FILE holds the text TEXT, or
# not (the file's start shown when the check fails)
has() {
    if grep -qF -- "$2" "$1"; then ok; else
        bad "$3: no \"$2\" in $1:"
        head -c 600 "$1" | sed 's/^/    /' >&2
    fi
}
hasnt() {
    if grep -qF -- "$2" "$1"; then
        bad "$3: \"$2\" in $1:"
        head -c 600 "$1" | sed 's/^/    /' >&2
    else ok; fi
}

# summary [NAME]: the counts; the status is 0 when no check failed
summary() {
    echo "${1:+$1: }$pass passed, $fail failed"
    [ "$fail" = 0 ]
}
