#!/usr/bin/env bash
# Excel workbooks read directly (issue 17): the workbooks are written here
# by openpyxl (books.py says what each holds), none is committed.
#   - the Hai Phong file shaped as a spreadsheet (title rows, a merged
#     header cell, dates as serials, a number stored as text, empty rows),
#     in the 1900 and the 1904 date systems, with inline and with shared
#     (rich text) strings, gives byte for byte the ytd and yoy output of
#     datasets/haiphong/haiphong_fdi.csv;
#   - date serials across Excel's 1900-02-29 and in the 1904 system fall in
#     the months Excel shows (checked by hand: serial 91 is 1900-03-31);
#   - the doubles openpyxl wrote are read bit for bit (roundtrip.py);
#   - damaged workbooks are exit 2 naming the sheet and cell where there
#     is one; --sheet picks by name or number, an absent one is exit 1.
# usage: run.sh FDI_BINARY SOURCE_DIR LIBFDI_SO
set -u
FDI=$1
SRC=$2
SO=$3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }

/usr/bin/python3 "$SRC/tests/xlsx/books.py" "$T" "$SRC" || { echo "FAIL: books.py" >&2; exit 1; }
H=$SRC/datasets/haiphong/haiphong_fdi.csv

# same CMD ARGS...: the workbooks give the CSV's output, byte for byte
same() {
    "$FDI" "$@" "$H" --format csv >"$T/want" 2>&1
    for b in book.xlsx book1904.xlsx shared.xlsx "book.xlsx --sheet FDI" "book.xlsx --sheet 1"; do
        # shellcheck disable=SC2086
        "$FDI" "$@" $T/$b --format csv >"$T/got" 2>&1
        cmp -s "$T/want" "$T/got" && ok || bad "$* $b: differs from the CSV: $(diff "$T/want" "$T/got" | head -5)"
    done
}
same ytd --as-of 2016-09
same yoy --as-of 2016-09
same ytd --as-of 2016-09 --by area --value value_usd_m --filter 'flow=new|adjusted'
same yoy --as-of 2016-12 --by none --value projects

# expect RC TEXT ARGS...: exit RC, and TEXT in the output
expect() {
    local want=$1 text=$2
    shift 2
    timeout 20 "$FDI" "$@" >"$T/out" 2>&1
    local rc=$?
    [ "$rc" = "$want" ] && ok || bad "fdi $*: exit $rc, expected $want: $(head -c 300 "$T/out")"
    grep -qF -- "$text" "$T/out" && ok || bad "fdi $*: expected \"$text\" in: $(head -c 400 "$T/out")"
}
# the 1900 system counts a 29 February 1900 (serial 60): 91 is 1900-03-31
expect 0 "a,value,1900-04,10,4,0" ytd "$T/quirk.xlsx" --as-of 1900-04 --format csv
expect 0 "a,value,1904-04,10,4,0" ytd "$T/quirk1904.xlsx" --as-of 1904-04 --format csv
expect 0 "header: row 5 (4 rows before it skipped)" info "$T/book.xlsx"
expect 0 "1 blank" info "$T/book.xlsx"
expect 0 "sheet: FDI" info "$T/book1904.xlsx"
# damaged or wrong: exit 2 naming the sheet and the cell
expect 2 "badnum.xlsx: FDI!D9: column \"value_usd_m\": expected a number" ytd "$T/badnum.xlsx" --as-of 2016-09
expect 0 "the first: $T/badnum.xlsx: FDI!D9" ytd "$T/badnum.xlsx" --as-of 2016-09 --lenient
# a formula whose value was never computed is no empty cell (it was read
# as one: exit 0, its month missing without a word)
expect 2 "formula.xlsx: FDI!D11: column \"value_usd_m\": expected a number" ytd "$T/formula.xlsx" --as-of 2016-09
expect 2 "(found \"(formula, no cached value)\")" ytd "$T/formula.xlsx" --as-of 2016-09
expect 0 "badnum.xlsx: FDI!D9: column" info "$T/badnum.xlsx"
expect 2 "na.xlsx: FDI!D10: column \"value_usd_m\"" ytd "$T/na.xlsx" --as-of 2016-09
expect 2 "(found \"#N/A\")" ytd "$T/na.xlsx" --as-of 2016-09
expect 2 "badxml.xlsx: FDI!B12: the workbook is damaged" ytd "$T/badxml.xlsx" --as-of 2016-09
expect 2 "badsst.xlsx: FDI!B7: the workbook is damaged: a shared string" ytd "$T/badsst.xlsx" --as-of 2016-09
expect 2 "trunc.xlsx: the workbook is damaged: not a readable zip" ytd "$T/trunc.xlsx" --as-of 2016-09
expect 2 "not an Excel workbook" ytd "$T/notbook.xlsx" --as-of 2016-09
expect 2 "book.xlsx: Notes: no header found" ytd "$T/book.xlsx" --sheet Notes
expect 1 "its sheets are \"FDI\", \"Notes\"" ytd "$T/book.xlsx" --sheet Data
expect 1 "no such sheet" ytd "$T/book.xlsx" --sheet 3
# sheet names as Excel matches them: case ignored (it was exit 1, no such
# sheet), unless two sheets differ only by case: then the exact spelling
# is needed, and picks its own sheet
for b in "book.xlsx --sheet fdi" "book.xlsx --sheet Fdi" "twocase.xlsx --sheet FDI"; do
    # shellcheck disable=SC2086
    "$FDI" ytd $T/$b --as-of 2016-09 --format csv >"$T/got" 2>&1
    "$FDI" ytd "$H" --as-of 2016-09 --format csv >"$T/want" 2>&1
    cmp -s "$T/want" "$T/got" && ok || bad "ytd $b: differs from the CSV: $(head -c 300 "$T/got")"
done
expect 1 "--sheet Fdi: sheets \"FDI\" (1) and \"fdi\" (2) differ only by case; give the exact spelling" ytd "$T/twocase.xlsx" --sheet Fdi
expect 2 "twocase.xlsx: fdi: no header found" ytd "$T/twocase.xlsx" --sheet fdi
# --sheet on a text file would be ignored: a usage error (it was exit 0)
expect 1 "--sheet FDI: --sheet applies to an Excel workbook (.xlsx) only" ytd "$H" --sheet FDI --as-of 2016-09
gzip -c "$H" >"$T/h.csv.gz"
expect 1 "h.csv.gz: --sheet 1: --sheet applies to an Excel workbook" ytd "$T/h.csv.gz" --sheet 1 --as-of 2016-09
# the file is known by its content, not its name
cp "$T/book.xlsx" "$T/book.csv"
expect 0 "Hai Phong city,new,value_usd_m,million USD,2016-09" ytd "$T/book.csv" --as-of 2016-09 --format csv

# the doubles, bit for bit (a sanitized libfdi.so needs its runtime first)
pre=
if ldd "$SO" | grep -q libasan; then pre=$(gcc -print-file-name=libasan.so); fi
LD_PRELOAD=$pre ASAN_OPTIONS=detect_leaks=0 /usr/bin/python3 "$SRC/tests/xlsx/roundtrip.py" \
    "$SO" "$T/roundtrip.xlsx" "$T/roundtrip.txt" && ok || bad "roundtrip.py"

echo "xlsx: $pass passed, $fail failed"
[ "$fail" = 0 ]
