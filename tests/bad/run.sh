#!/usr/bin/env bash
# The bad-file corpus: files from many hands, each broken one way.  Each
# must give a clear error (exit 2, file:line: what was expected) or a
# counted rejection (exit 0 with rows read = used + rejected and the
# reason), never a crash, a hang (20 s limit) or a silent 0.  The files are
# made here (the big ones would bloat the repository).
# usage: run.sh FDI_BINARY
set -u
FDI=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }

# check NAME RC MESSAGE [ARGS...]: fdi info on $T/NAME exits RC, stderr has MESSAGE
check() {
    local name=$1 want=$2 msg=$3
    shift 3
    timeout 20 "$FDI" info "$T/$name" "$@" >"$T/out" 2>"$T/err"
    local rc=$?
    [ "$rc" = "$want" ] && ok || bad "$name: exit $rc, expected $want ($(head -c 300 "$T/err"))"
    [ -z "$msg" ] && return
    cat "$T/err" "$T/out" | grep -qF -- "$msg" && ok ||
        bad "$name: expected \"$msg\" in: $(head -c 300 "$T/err")"
}
# accounted: rows read = used + rejected in fdi info's output
accounted() {
    awk '/^rows:/ { ok = ($2 == $5 + $8) } END { exit !ok }' "$T/out" && ok ||
        bad "$1: rows read != used + rejected: $(grep '^rows' "$T/out")"
}

printf 'period,area,value\n2016-01,A,1\n2016-02,"A,2\n2016-03,A,3\n' >"$T/open_quote.csv"
check open_quote.csv 2 'open_quote.csv:3:2: a quoted field starting on this line is never closed'

printf 'period,area,value\n2016-01,A,1,9\n2016-02,A\n2016-03,A,3\n' >"$T/field_count.csv"
check field_count.csv 0 'field_count.csv:2: the row has 4 fields, the header has 3'
accounted field_count.csv
grep -q "field_count.csv:3: the row has 2 fields" "$T/out" && ok || bad "too few fields listed"

printf 'period,area,value\n2016-01,A,1\n2016-02,A,2\n2016-03,A,' >"$T/truncated.csv"
check truncated.csv 0 ''
grep -q "cells: 2 values kept, 1 empty" "$T/out" && ok || bad "truncated: the cut cell counts as empty, not 0"

{ printf 'period,area,value\n'; head -c 4096 /dev/urandom | tr -d '\n'; printf '\n'; } >"$T/garbage.csv"
timeout 20 "$FDI" info "$T/garbage.csv" >/dev/null 2>"$T/err"
rc=$?
{ [ "$rc" -ge 1 ] && [ "$rc" -le 2 ] && grep -q '^fdi: ' "$T/err"; } && ok ||
    bad "garbage: exit $rc (expected a clear error, 1 or 2)"
printf 'period,area,value\n2016-01,A,1\n\0\1\2\3binary\n' >"$T/nul.csv"
check nul.csv 2 'nul.csv:3: a NUL byte: this is not a text CSV file'

{ printf 'period,area,value\n2016-01,'; head -c 10000000 /dev/zero | tr '\0' 'x'; printf ',1\n2016-02,B,oops\n'; } >"$T/big_field.csv"
check big_field.csv 0 'big_field.csv:3:3: column "value": expected a number' --value value
accounted big_field.csv

awk 'BEGIN { printf "period"; for (i = 1; i <= 1000000; i++) printf ",c%d", i; printf "\n2016-01"; for (i = 1; i <= 1000000; i++) printf ",1"; printf "\n" }' >"$T/million_columns.csv"
check million_columns.csv 2 'million_columns.csv:1: the header has 1000001 columns; fdi reads at most 100000'

printf 'period,area,value\n2016-01,A,1\n2199-05,A,2\n' >"$T/future.csv"
check future.csv 0 'future.csv:3:1: column "period": a period in the future'
accounted future.csv
check future.csv 0 '' --allow-future
grep -q "rows: 2 read = 2 used" "$T/out" && ok || bad "--allow-future reads it"

printf 'date,area,value\n2016-02-28,A,1\n2016-02-30,A,2\n' >"$T/feb30.csv"
check feb30.csv 0 'feb30.csv:3:1: column "date": day out of range for that month (found "2016-02-30")'

printf 'period,area,value\n2016-01,A,1\n99999-01,A,2\n' >"$T/year99999.csv"
check year99999.csv 0 'year99999.csv:3:1: column "period": expected a period like 2019-06'

printf 'period,area,value\n2016-01,A,4\n2016-02,A,NaN\n2016-03,A,Inf\n2016-04,A,-inf\n' >"$T/nan_inf.csv"
check nan_inf.csv 0 'nan_inf.csv:4:3: column "value": expected a number' --value value
accounted nan_inf.csv
grep -q "cells: 1 value kept, 1 empty or NA" "$T/out" && ok || bad "NaN is a missing marker, not 0"

awk 'BEGIN { print "period,area,value"; printf "2016-01,A,"; for (i = 0; i < 400; i++) printf "9"; print ""; print "2016-02,A,4" }' >"$T/digits400.csv"
check digits400.csv 0 'digits400.csv:2:3: column "value": number too long'
accounted digits400.csv

: >"$T/empty.csv"
check empty.csv 2 'the file is empty: expected a header line and data'

printf 'period,area,value\n' >"$T/header_only.csv"
check header_only.csv 0 ''
grep -q "rows: 0 read = 0 used + 0 rejected" "$T/out" && ok || bad "header only: nothing read"
timeout 20 "$FDI" ytd "$T/header_only.csv" --as-of 2016-01 >/dev/null 2>"$T/err"
[ $? = 3 ] && ok || bad "header only: ytd has nothing to compute (exit 3)"
grep -q "no series: the file has no data rows" "$T/err" && ok || bad "header only: not blamed on --filter"

printf 'period,area,value\n2016-01,A,1\n2016-01,A,2\n' >"$T/same_period.csv"
check same_period.csv 2 'series (A, value) has period 2016-01 twice: lines 2 and 3; choose --dedupe first|last|sum'

printf 'period,area,value\n2016-01,A,1\n2016-02,A,2\n' | iconv -f utf-8 -t utf-16 >"$T/utf16.csv"
check utf16.csv 2 'utf16.csv:1: the file is UTF-16 text: save it as UTF-8'

printf 'period,area,value\r2016-01,A,1\r2016-02,A,x\r2016-03,A,3\r' >"$T/mac_cr.csv"
check mac_cr.csv 0 'mac_cr.csv:3:3: column "value": expected a number'

# Strict reading (the default but for info, which lists every rejection):
# a computing command stops at the first rejected rows, exit 2, naming them.
# strict NAME MESSAGE [ARGS...]: fdi ytd on $T/NAME exits 2, stderr has MESSAGE
strict() {
    local name=$1 msg=$2
    shift 2
    timeout 20 "$FDI" ytd "$T/$name" --as-of 2016-12 "$@" >"$T/out" 2>"$T/err"
    local rc=$?
    [ "$rc" = 2 ] && ok || bad "$name: ytd exit $rc, expected 2 ($(head -c 300 "$T/err"))"
    grep -qF -- "$msg" "$T/err" && ok || bad "$name: expected \"$msg\" in: $(head -c 300 "$T/err")"
}
strict field_count.csv 'field_count.csv:2: the row has 4 fields, the header has 3'
strict mac_cr.csv 'mac_cr.csv:3:3: column "value": expected a number'
strict feb30.csv '1 of 2 rows rejected (--lenient reads on without them); the first:'

printf 'period,area,value,value\n2016-01,A,1,2\n' >"$T/dup_header.csv"
check dup_header.csv 2 'dup_header.csv:1:4: the header names "value" twice (columns 3 and 4)'
strict dup_header.csv 'dup_header.csv:1:4: the header names "value" twice'

printf 'period,area,value\n2016-01,A,1\n2016-02,H\xe0i Ph\xf2ng,2\n' >"$T/latin1_key.csv"
check latin1_key.csv 0 'latin1_key.csv:3:2: column "area": not UTF-8 (byte 0xE0 at byte 2 of the key)'
accounted latin1_key.csv
strict latin1_key.csv 'latin1_key.csv:3:2: column "area": not UTF-8'
check latin1_key.csv 0 '' --encoding latin1
grep -q "rows: 2 read = 2 used + 0 rejected" "$T/out" && ok || bad "--encoding latin1 reads it"
printf 'period,area,value\n2016-01,A,1\n2016-02,B\x81,2\n' >"$T/cp1258_hole.csv"
check cp1258_hole.csv 2 'cp1258_hole.csv:3:10: byte 0x81 is no character in cp1258' --encoding cp1258

printf 'period,area,value\n2016-01,A,1\n2016-02,"A\x01",2\n' >"$T/control_key.csv"
strict control_key.csv 'control_key.csv:3:2: column "area": a control character (byte 0x01)'

printf 'period,area,value\n2016-01,A,1\n2016-02,,2\n2016-03,  ,3\n' >"$T/empty_key.csv"
check empty_key.csv 0 'empty_key.csv:3:2: column "area": an empty key'
accounted empty_key.csv
grep -q "rows: 3 read = 1 used + 2 rejected" "$T/out" && ok || bad "empty keys: rejected, not a blank series"
strict empty_key.csv 'empty_key.csv:4:2: column "area": an empty key'

awk 'BEGIN { printf "period,area,value\n2016-01,"; for (i = 0; i < 5000; i++) printf "k"; print ",1" }' >"$T/long_key.csv"
strict long_key.csv 'long_key.csv:2:2: column "area": a key of 5000 bytes (4096 at most)'

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
