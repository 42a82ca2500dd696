#!/usr/bin/env bash
# The progress bar: shown on a terminal for long work (here from the first
# chunk: FDI_PROGRESS_DELAY=0), never
# when stderr is not a terminal, never with --quiet.
# usage: progress.sh FDI_BINARY
set -u
FDI=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
awk 'BEGIN { print "period,province,partner,value"
    for (y = 2000; y <= 2024; y++) for (m = 1; m <= 12; m++) for (p = 1; p <= 60; p++)
        for (q = 1; q <= 40; q++) printf "%d-%02d,P%d,Q%d,%d\n", y, m, p, q, (p * q + m) % 97 }' >"$T/big.csv"
# a terminal: `script` gives fdi one
script -qec "FDI_PROGRESS_DELAY=0 $FDI info $T/big.csv" /dev/null >"$T/tty.txt" 2>&1
grep -q 'reading \[#' "$T/tty.txt" && ok || bad "no bar on a terminal"
script -qec "FDI_PROGRESS_DELAY=0 $FDI info $T/big.csv --quiet" /dev/null >"$T/quiet.txt" 2>&1
! grep -q 'reading \[' "$T/quiet.txt" && ok || bad "bar despite --quiet"
"$FDI" info "$T/big.csv" >"$T/out.txt" 2>"$T/err.txt"
! grep -q 'reading \[' "$T/err.txt" && ok || bad "bar without a terminal"
grep -q "^rows: 720000 read = 720000 used" "$T/out.txt" && ok || bad "the file was not read whole"
summary
