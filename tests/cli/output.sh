#!/usr/bin/env bash
# -o FILE on every command (issue 17, items 3, 6 and 2): the format from
# the extension, the file written whole or not at all.
#  - each command with -o x.csv / x.json / x.md / x.html / x.xlsx: exit 0,
#    the csv, json and md files byte for byte what --format writes to
#    stdout, the json parsed by Python's json.tool, the html a whole page;
#  - the workbook read back with openpyxl (an independent reader): the
#    header and every cell equal to the csv's (numbers as numbers, not
#    text), the number formats of the column kinds, the frozen header, and
#    for forecast and report a line chart whose year-end band is the
#    csv's lo80 and hi80;
#  - failed runs (a usage error, a missing file, nothing to compute) leave
#    no file, no temporary and an older file as it was; an unknown
#    extension is a usage error; a write error (/dev/full, a path through
#    a file, a missing directory) is exit 2 naming the path.
# usage: output.sh FDI_BINARY SOURCE_DIR
set -u
FDI=$1
SRC=$2
PY=/usr/bin/python3
H=$SRC/datasets/haiphong/haiphong_fdi.csv
PLAN=$SRC/datasets/haiphong/plan.csv
SC=$SRC/datasets/haiphong/scenarios.csv
D=$(mktemp -d)
trap 'rm -rf "$D"' EXIT
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

one=(--as-of 2016-09 --value value_usd_m --filter "area=Hai Phong Economic Zone"
     --filter "flow=new|adjusted" --by area --quiet)
declare -A ARGS=(
    [info]="--ytd"
    [ytd]="--as-of 2016-09 --value value_usd_m --by area,flow"
    [yoy]="--as-of 2016-09 --value value_usd_m --by area"
    [plan]="PLAN"
    [forecast]="ONE --target 3000 --paths 500"
    [backtest]="--value value_usd_m --by area --method runrate,seasonal --cutoffs 6 --quiet"
    [whatif]="ONE --target 3000 --paths 500 --method seasonal --scenarios $SC"
    [report]="ONE --plan $PLAN --paths 500")
# args CMD: the command's arguments as lines
args() {
    local a=${ARGS[$1]}
    case $a in
        PLAN) printf '%s\n' "${one[@]}" --plan "$PLAN" ;;
        ONE*) printf '%s\n' "${one[@]}"; printf '%s\n' ${a#ONE} ;;
        *) printf '%s\n' $a ;;
    esac
}
input() { [ "$1" = info ] && echo "$SRC/datasets/vietnam/fdi_registered_ytd.csv" || echo "$H"; }
leftovers() { ls -A "$D" | grep '\.tmp' || true; }

for cmd in info ytd yoy plan forecast backtest whatif report; do
    mapfile -t a < <(args "$cmd")
    f=$(input "$cmd")
    for ext in csv json md html xlsx; do
        out=$D/$cmd.$ext
        "$FDI" "$cmd" "$f" "${a[@]}" -o "$out" 2>"$D/err"
        rc=$?
        [ $rc = 0 ] && [ -s "$out" ] && ok || { bad "fdi $cmd -o $cmd.$ext: exit $rc"; cat "$D/err" >&2; }
        [ -z "$(leftovers)" ] && ok || bad "fdi $cmd -o $cmd.$ext left $(leftovers)"
    done
    for fmt in csv json; do
        "$FDI" "$cmd" "$f" "${a[@]}" --format $fmt >"$D/stdout.$fmt" 2>/dev/null
        cmp -s "$D/stdout.$fmt" "$D/$cmd.$fmt" && ok || bad "fdi $cmd -o $cmd.$fmt differs from --format $fmt"
    done
    "$FDI" "$cmd" "$f" "${a[@]}" --format markdown >"$D/stdout.md" 2>/dev/null
    cmp -s "$D/stdout.md" "$D/$cmd.md" && ok || bad "fdi $cmd -o $cmd.md differs from --format markdown"
    $PY -m json.tool "$D/$cmd.json" >/dev/null && ok || bad "fdi $cmd -o $cmd.json: not JSON"
    head -1 "$D/$cmd.html" | grep -qx '<!DOCTYPE html>' && tail -1 "$D/$cmd.html" | grep -qx '</html>' &&
        ok || bad "fdi $cmd -o $cmd.html: not a whole page"
    # the workbook against the csv, by openpyxl
    $PY - "$D/$cmd.xlsx" "$D/$cmd.csv" "$cmd" <<'PYEOF' && ok || bad "fdi $cmd -o $cmd.xlsx (above)"
import csv, sys
import openpyxl
xlsx, csvfile, cmd = sys.argv[1:]
rows = list(csv.reader(open(csvfile, encoding="utf-8", newline="")))
wb = openpyxl.load_workbook(xlsx)
ws = wb.worksheets[0]
cells = [list(r) for r in ws.iter_rows(values_only=True)]
errors = []
if cells[0] != rows[0]:
    errors.append("header %r, csv %r" % (cells[0], rows[0]))
if len(cells) != len(rows):
    errors.append("%d rows, csv %d" % (len(cells), len(rows)))
def number(w):
    try:
        float(w)
        return True
    except ValueError:
        return False
# a column whose csv values are all numbers holds numbers, not text
numeric = [all(number(r[c]) for r in rows[1:] if r[c] != "") for c in range(len(rows[0]))]
numbers = 0
for r, (got, want) in enumerate(zip(cells[1:], rows[1:]), start=2):
    for c, (g, w) in enumerate(zip(got, want)):
        if w == "":
            ok = g is None or g == ""
        elif numeric[c]:
            ok = isinstance(g, (int, float)) and float(w) == g  # the csv's 15 digits
            numbers += 1
        else:
            ok = g == w or (isinstance(g, (int, float)) and float(w) == g)
        if not ok:
            errors.append("%s%d: %r, csv %r" % (chr(65 + c), r, g, w))
if numbers == 0:
    errors.append("no numeric cell")
if ws.freeze_panes != "A2":
    errors.append("header not frozen: %r" % ws.freeze_panes)
head = cells[0]
fmt = {name: ws.cell(row=2, column=i + 1).number_format for i, name in enumerate(head)}
for name, want in {"ytd": "#,##0.00", "multiple": '0.00"x"', "p_target": "0.0%",
                   "pct_of_plan": '#,##0.0"%"'}.items():
    if name in fmt and ws.cell(row=2, column=head.index(name) + 1).value is not None \
            and fmt[name] != want:
        errors.append("%s formatted %r, not %r" % (name, fmt[name], want))
if cmd in ("forecast", "report"):
    charts = [(s, ch) for s in wb.worksheets for ch in s._charts]
    if len(charts) != 1 or type(charts[0][1]).__name__ != "LineChart":
        errors.append("charts: %r" % charts)
    else:
        data = [list(r) for r in charts[0][0].iter_rows(values_only=True)]
        dec = data[12]
        want = {k: float(rows[1][rows[0].index(k)]) for k in ("lo80", "hi80")}
        got = {k: dec[data[0].index(k)] for k in ("lo80", "hi80")}
        if data[0][:2] != ["month", "ytd"] or len(data) != 13 or \
                any(abs(got[k] - want[k]) > 1e-9 * abs(want[k]) for k in want):
            errors.append("chart data: December %r, csv %r" % (got, want))
for e in errors[:10]:
    print(cmd + ".xlsx: " + e, file=sys.stderr)
sys.exit(1 if errors else 0)
PYEOF
done

# the report's json: both paragraphs, every figure they state, method, notes
$PY - "$D/report.json" <<'PYEOF' && ok || bad "report.json (above)"
import json, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))[0]
want = {"ytd": 2729.86, "ytd_prev": 440, "plan": 1800, "target": 3000}
errs = [k for k, v in want.items() if abs(r[k] - v) > 1e-9]
if not (r["paragraph_en"].startswith("From the start of the year to 30 September 2016")
        and "2.729 bn USD" in r["paragraph_en"] and "2,729 tỷ USD" in r["paragraph_vi"]):
    errs.append("paragraphs")
if "52% above" not in r["paragraph_en"] or round(r["overshoot_pct"]) != 52:
    errs.append("overshoot")
if not r["method"] or "less than 2 full years" not in r["note"] or not 0 < r["p_target"] <= 1:
    errs.append("method/note/p_target %r %r %r" % (r["method"], r["note"], r["p_target"]))
for k in ("forecast", "lo80", "hi80"):  # bn USD truncated to 3 decimals
    bn = "%.6f" % (r[k] / 1000)
    if bn[:bn.index(".") + 4] + " bn USD" not in r["paragraph_en"]:
        errs.append(k + " not in the paragraph")
print(errs, file=sys.stderr) if errs else None
sys.exit(1 if errs else 0)
PYEOF

# failed runs leave nothing, and an older file as it was
echo old >"$D/keep.csv"
for bad_run in "yoy $H --as-of 2016-13" "yoy $D/missing.csv --as-of 2016-09" \
               "forecast $H --as-of 2016-09 --value value_usd_m --method ets --ets-model MAM --by none --filter area=nowhere"; do
    for ext in csv xlsx; do
        rm -f "$D/fail.$ext"
        "$FDI" $bad_run --quiet -o "$D/fail.$ext" 2>/dev/null
        rc=$?
        [ $rc != 0 ] && [ ! -e "$D/fail.$ext" ] && [ -z "$(leftovers)" ] && ok ||
            bad "fdi $bad_run -o fail.$ext: exit $rc, left $(ls -A "$D" | grep fail)"
    done
    "$FDI" $bad_run --quiet -o "$D/keep.csv" 2>/dev/null
    [ "$(cat "$D/keep.csv")" = old ] && ok || bad "fdi $bad_run changed keep.csv"
done
# an extension that names no format: a usage error, before any work
"$FDI" yoy "$H" --as-of 2016-09 -o "$D/out.txt" 2>"$D/err"
[ $? = 1 ] && grep -qF "out.txt" "$D/err" && [ ! -e "$D/out.txt" ] && ok || bad "-o out.txt"
"$FDI" yoy "$H" --as-of 2016-09 --format xlsx >/dev/null 2>"$D/err"
[ $? = 1 ] && grep -qF -- "-o FILE.xlsx" "$D/err" && ok || bad "--format xlsx to stdout"
# --format decides over the extension
"$FDI" yoy "$H" --as-of 2016-09 --value value_usd_m -o "$D/data.out" --format json 2>/dev/null
$PY -m json.tool "$D/data.out" >/dev/null && ok || bad "--format json -o data.out"
# write errors: exit 2 naming the path
for target in /dev/full "/dev/full/x.csv" "$D/no/such/dir/x.csv"; do
    for fmt in csv xlsx; do
        "$FDI" yoy "$H" --as-of 2016-09 --value value_usd_m -o "$target" --format $fmt 2>"$D/err"
        rc=$?
        [ $rc = 2 ] && grep -qF "fdi: cannot" "$D/err" && grep -qF "$target" "$D/err" && ok ||
            { bad "-o $target --format $fmt: exit $rc"; cat "$D/err" >&2; }
    done
done
# ... and the same on standard output (> /dev/full): exit 2 naming it, as
# -o /dev/full is (README: a file that cannot be written is exit 2); it
# was exit 3.  ytd's table, info's listing, the report's paragraphs and
# the report's page each write their own way.
for cmd in "ytd|--as-of 2016-09" "yoy|--as-of 2016-09 --format json" "info|--ytd" \
    "report|--as-of 2016-09 --value value_usd_m --by area --paths 200" \
    "report|--as-of 2016-09 --value value_usd_m --by area --paths 200 --format html"; do
    "$FDI" ${cmd%%|*} "$H" ${cmd#*|} >/dev/full 2>"$D/err"
    rc=$?
    [ $rc = 2 ] && grep -qF "fdi: cannot write" "$D/err" && ok ||
        { bad "fdi ${cmd%%|*} ${cmd#*|} >/dev/full: exit $rc, expected 2"; cat "$D/err" >&2; }
done
# help, the version and the man page are output too: a full disk is no
# silent exit 0 there either
for args in "--help" "--version" "help ytd" "ytd --help" "--man ytd"; do
    # shellcheck disable=SC2086
    "$FDI" $args >/dev/full 2>"$D/err"
    rc=$?
    [ $rc = 2 ] && grep -qF "fdi: cannot write standard output" "$D/err" && ok ||
        bad "fdi $args >/dev/full: exit $rc, expected 2"
done
"$FDI" ytd "$H" --as-of 2016-09 >/dev/full 2>"$D/err"
grep -qF "cannot write standard output: No space left on device" "$D/err" && ok ||
    { bad "> /dev/full: the message names standard output"; cat "$D/err" >&2; }
if [ "$(id -u)" != 0 ]; then # root writes anywhere
    mkdir "$D/ro" && chmod 555 "$D/ro"
    "$FDI" yoy "$H" --as-of 2016-09 -o "$D/ro/x.csv" 2>"$D/err"
    [ $? = 2 ] && grep -qF "$D/ro/x.csv" "$D/err" && ok || bad "-o into a read-only directory"
fi

summary output
