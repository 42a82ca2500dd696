#!/usr/bin/env bash
# fdi report -o r.html (issue 17, item 7) rendered in a real browser.
#  - the page as written: one file, the viewport meta, no script, no URL
#    (nothing fetched), valid UTF-8, one inline <svg>, the paragraphs in
#    both languages (only the one asked with --lang), the figures;
#  - Chromium (headless, the distribution's package) prints it to PDF: the
#    PDF holds the paragraph and the year to date 2,729.86, which this
#    test sums itself from the CSV with Python (an independent hand sum of
#    Jan-Sep 2016, new + adjusted, Hai Phong Economic Zone);
#  - Chromium's DOM of the page holds the chart's <svg> (its title, its
#    drawn paths) and the paragraph, and its log has no console message
#    (the harness is checked on a page that does log an error);
#  - a phone-wide (375 px) screenshot is taken;
#  - names with & and < are escaped, several series get the ranking chart.
# Skipped (exit 77) only when chromium is not installed; a render failure
# fails.
# usage: report_html.sh FDI_BINARY SOURCE_DIR
set -u
FDI=$1
SRC=$2
PY=/usr/bin/python3
H=$SRC/datasets/haiphong/haiphong_fdi.csv
PLAN=$SRC/datasets/haiphong/plan.csv
ARGS=(--as-of 2016-09 --value value_usd_m --filter "area=Hai Phong Economic Zone"
      --filter "flow=new|adjusted" --by area --plan "$PLAN")
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
    echo "SKIP: chromium is not installed (bash scripts/setup.sh --test installs it)"
    exit 77
fi
D=$(mktemp -d)
trap 'rm -rf "$D"' EXIT
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
# hasnt_re FILE REGEX NAME: no line of FILE matches the extended REGEX,
# case ignored
hasnt_re() { grep -qiE -- "$2" "$1" && bad "$3: \"$2\" in $1" || ok; }
chrome() { # chrome OUTPUT_STDERR ARGS...: headless Chromium, its own profile
    local err=$1
    shift
    timeout 180 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
        --user-data-dir="$D/profile" --virtual-time-budget=5000 "$@" 2>"$err"
}

# the year to date by hand from the CSV (python's csv, not fdi)
YTD=$($PY - "$H" <<'EOF'
import csv, sys
s = sum(float(r["value_usd_m"]) for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))
        if r["area"] == "Hai Phong Economic Zone" and r["flow"] in ("new", "adjusted")
        and "2016-01" <= r["period"] <= "2016-09")
print(f"{s:,.2f}")
EOF
)
[ "$YTD" = "2,729.86" ] && ok || bad "hand sum $YTD, the published report says 2,729"

# ---- the page as written --------------------------------------------------
"$FDI" report "$H" "${ARGS[@]}" -o "$D/r.html" && ok || bad "report -o r.html: exit $?"
P=$D/r.html
has "$P" '<meta name="viewport" content="width=device-width, initial-scale=1">' viewport
has "$P" '<svg role="img" viewBox="0 0 900 540"' "inline chart"
has "$P" "<td class=\"num\">$YTD</td>" "figures table"
has "$P" '<div class="scroll">' "table in a scrolling box"
has "$P" 'From the start of the year to 30 September 2016, Hai Phong Economic Zone attracted 2.729 bn USD' "English paragraph"
has "$P" 'Từ đầu năm đến 30/9/2016, Hai Phong Economic Zone thu hút 2,729 tỷ USD' "Vietnamese paragraph"
has "$P" "<code>$H</code> (as of 2016-09); plan: <code>$PLAN</code>" "source line"
has "$P" '<li>less than 2 full years of history</li>' notes
hasnt_re "$P" 'https?:|<script|<link|<img|src=|@import|url\(' "self-contained"
[ "$(grep -c '<svg' "$P")" = 1 ] && ok || bad "not one <svg> in the page"
$PY -c 'import sys; open(sys.argv[1], encoding="utf-8", errors="strict").read()' "$P" &&
    ok || bad "the page is not valid UTF-8"
"$FDI" report "$H" "${ARGS[@]}" --format html > "$D/stdout.html" && cmp -s "$D/stdout.html" "$P" &&
    ok || bad "--format html to stdout differs from -o r.html"
"$FDI" report "$H" "${ARGS[@]}" --lang vi -o "$D/vi.html" && ok || bad "--lang vi: exit $?"
has "$D/vi.html" '<html lang="vi">' "--lang vi page language"
has "$D/vi.html" '<p lang="vi">' "--lang vi paragraph"
hasnt_re "$D/vi.html" '<p lang="en">' "--lang vi shows only Vietnamese"
"$FDI" report "$H" "${ARGS[@]}" --lang en -o "$D/en.html" && ok || bad "--lang en: exit $?"
hasnt_re "$D/en.html" '<p lang="vi">' "--lang en shows only English"

# ---- printed to PDF by Chromium -------------------------------------------
chrome "$D/pdf.err" --print-to-pdf="$D/r.pdf" "file://$P" >/dev/null ||
    bad "chromium --print-to-pdf: exit $? ($(tail -3 "$D/pdf.err"))"
if [ -s "$D/r.pdf" ] && [ "$(head -c 5 "$D/r.pdf")" = "%PDF-" ] &&
   [ "$(stat -c %s "$D/r.pdf")" -gt 20000 ]; then ok; else bad "no PDF, or a trivial one"; fi
if command -v pdftotext >/dev/null; then
    pdftotext "$D/r.pdf" "$D/r.txt" && ok || bad "pdftotext failed"
    has "$D/r.txt" "$YTD" "PDF text: the year to date"
    has "$D/r.txt" "From the start of the year to 30 September 2016" "PDF text: the paragraph"
    has "$D/r.txt" "Từ đầu năm đến 30/9/2016" "PDF text: the Vietnamese paragraph"
else
    echo "note: pdftotext (poppler-utils) missing: the PDF's text is not read back"
fi

# ---- the DOM and the console ----------------------------------------------
console() { # console PAGE STEM: the DOM into STEM.dom, Chromium's log into STEM.log
    chrome "$2.log" --enable-logging=stderr --v=0 --dump-dom "file://$1" > "$2.dom"
}
printf '<!DOCTYPE html><html><body><p>x</p><script>console.error("boom"); nosuch();</script></body></html>\n' \
    > "$D/broken.html"
console "$D/broken.html" "$D/broken"
grep -q 'CONSOLE.*Uncaught' "$D/broken.log" && ok ||
    bad "the harness does not see a console error (flags changed?): $(tail -3 "$D/broken.log")"
console "$P" "$D/r" || bad "chromium --dump-dom: exit $?"
has "$D/r.dom" '<svg role="img" viewBox="0 0 900 540"' "DOM: the chart"
has "$D/r.dom" '<title>Hai Phong Economic Zone: year to date, 2016</title>' "DOM: the chart's title"
[ "$(grep -o '<path' "$D/r.dom" | wc -l)" -gt 50 ] && ok || bad "DOM: the chart draws no paths"
has "$D/r.dom" "attracted 2.729 bn USD, more than 6 times the same period of 2015" "DOM: the paragraph"
hasnt_re "$D/r.log" 'CONSOLE|Uncaught' "console messages rendering the page"

# ---- a phone's width ------------------------------------------------------
chrome "$D/shot.err" --window-size=375,800 --screenshot="$D/shot.png" "file://$P" >/dev/null
if [ "$(head -c 4 "$D/shot.png" 2>/dev/null | tail -c 3)" = "PNG" ] &&
   [ "$(stat -c %s "$D/shot.png")" -gt 5000 ]; then ok; else bad "no 375 px screenshot"; fi

# ---- escaping, several series (the ranking chart) -------------------------
$PY - "$D/amp.csv" <<'EOF'
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("period,area,value\n")
    for y in (2015, 2016):
        for m in range(1, 13):
            for a, v in (("A&B <Zone>", 10), ("Đình Vũ", 20)):
                f.write(f"{y}-{m:02d},\"{a}\",{v + m}\n")
EOF
"$FDI" report "$D/amp.csv" --as-of 2016-09 --by area -o "$D/amp.html" && ok || bad "two series: exit $?"
has "$D/amp.html" '<h2>A&amp;B &lt;Zone&gt;</h2>' "escaped heading"
has "$D/amp.html" '<h2>Đình Vũ</h2>' "UTF-8 heading"
has "$D/amp.html" '<svg role="img"' "ranking chart"
console "$D/amp.html" "$D/amp"
hasnt_re "$D/amp.log" 'CONSOLE|Uncaught' "console messages rendering the two-series page"

summary report_html
