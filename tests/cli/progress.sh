#!/usr/bin/env bash
# The progress bar: shown on a terminal for long work (here from the first
# chunk: FDI_PROGRESS_DELAY=0), never
# when stderr is not a terminal, never with --quiet.
# usage: progress.sh FDI_BINARY
set -u
FDI=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
awk 'BEGIN { print "period,province,partner,value"
    for (y = 2000; y <= 2024; y++) for (m = 1; m <= 12; m++) for (p = 1; p <= 60; p++)
        for (q = 1; q <= 40; q++) printf "%d-%02d,P%d,Q%d,%d\n", y, m, p, q, (p * q + m) % 97 }' >"$T/big.csv"
# a terminal: `script` gives fdi one
script -qec "FDI_PROGRESS_DELAY=0 $FDI info $T/big.csv" /dev/null >"$T/tty.txt" 2>&1
grep -q 'reading \[#' "$T/tty.txt" && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: no bar on a terminal" >&2; }
script -qec "FDI_PROGRESS_DELAY=0 $FDI info $T/big.csv --quiet" /dev/null >"$T/quiet.txt" 2>&1
grep -q 'reading \[' "$T/quiet.txt" && { fail=$((fail + 1)); echo "FAIL: bar despite --quiet" >&2; } || pass=$((pass + 1))
"$FDI" info "$T/big.csv" >"$T/out.txt" 2>"$T/err.txt"
grep -q 'reading \[' "$T/err.txt" && { fail=$((fail + 1)); echo "FAIL: bar without a terminal" >&2; } || pass=$((pass + 1))
grep -q "^rows: 720000 read = 720000 used" "$T/out.txt" && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: the file was not read whole" >&2; }
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
