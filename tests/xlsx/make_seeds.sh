#!/usr/bin/env bash
# Write the fuzz seeds of the workbook reader (tests/fuzz/seeds/xlsx_*):
# small workbooks from books.py, whole, damaged (a sheet whose XML breaks)
# and cut short, each after the two option bytes fuzz_ingest.c reads first.
# usage: tests/xlsx/make_seeds.sh   (from the source tree; commit the result)
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
/usr/bin/python3 "$src/tests/xlsx/books.py" "$T" "$src"
/usr/bin/python3 - "$T" "$src/tests/fuzz/seeds" <<'PY'
import re, sys, zipfile
t, out = sys.argv[1], sys.argv[2]
whole = open(t + "/quirk.xlsx", "rb").read()
with zipfile.ZipFile(t + "/quirk.xlsx") as zin, \
        zipfile.ZipFile(t + "/broken.xlsx", "w", zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        data = zin.read(item.filename)
        if item.filename == "xl/worksheets/sheet1.xml":
            data = re.sub(rb'(<c r="B3"[^>]*>.*?)</c>', rb"\1</x>", data, count=1)
        zout.writestr(item, data)
for name, data in (("xlsx_quirk.seed", whole),
                   ("xlsx_badxml.seed", open(t + "/broken.xlsx", "rb").read()),
                   ("xlsx_cut.seed", whole[:len(whole) * 2 // 3])):
    open(out + "/" + name, "wb").write(b"\0\0" + data)
PY
