#!/usr/bin/python3
"""Write the workbooks tests/xlsx/run.sh reads, with openpyxl (Debian:
python3-openpyxl), into OUTDIR: nothing binary is committed.

  book.xlsx       the Hai Phong file (datasets/haiphong/haiphong_fdi.csv)
                  shaped as spreadsheets are: a title merged across the
                  table, a note, an empty row, the header's "period" cell
                  merged down two rows, periods as date serials (a built-in
                  and a custom date format), numbers as numbers, one number
                  stored as text ("1,523.11"), an empty row between years
                  and a styled empty one; a second sheet "Notes"
  book1904.xlsx   the same in the 1904 date system
  shared.xlsx     book.xlsx (openpyxl writes inline strings) with every
                  other text cell a shared string, written as rich text
                  runs (with a phonetic run that is not part of the text)
  quirk.xlsx      raw serials 1, 59, 91, 121 (1900 system: 1900-01-01,
                  02-28, 03-31, 04-30: Excel's 1900-02-29 counted)
  quirk1904.xlsx  raw serials 0, 59, 60, 91 (1904-01-01, 02-29, 03-01,
                  04-01)
  roundtrip.xlsx  doubles with many digits (roundtrip.txt: the values
                  openpyxl reads back from it, one repr a line)
  badnum.xlsx     book.xlsx with FDI!D9 the text "12x"
  na.xlsx         book.xlsx with FDI!D10 the error #N/A
  formula.xlsx    book.xlsx with FDI!D11 the formula =1+1 as openpyxl
                  writes it: no computed value (never recalculated)
  badxml.xlsx     book.xlsx whose cell B12 is not closed (</x>)
  badsst.xlsx     shared.xlsx whose cell B7 names shared string 99999
  trunc.xlsx      the first half of book.xlsx's bytes
  notbook.xlsx    a zip without xl/workbook.xml
usage: books.py OUTDIR SRCDIR
"""
import csv
import datetime
import re
import sys
import zipfile

import openpyxl
from openpyxl.styles import PatternFill
from openpyxl.utils.datetime import CALENDAR_MAC_1904

out, src = sys.argv[1], sys.argv[2]
with open(src + "/datasets/haiphong/haiphong_fdi.csv", encoding="utf-8") as fh:
    rows = list(csv.reader(fh))
header, data = rows[0], rows[1:]


def book(epoch=None):
    wb = openpyxl.Workbook()
    if epoch:
        wb.epoch = epoch
    ws = wb.active
    ws.title = "FDI"
    ws["A1"] = "Hai Phong: foreign direct investment by month"
    ws.merge_cells("A1:F1")
    ws["A2"] = "Unit: USD million; projects: count"
    ws["A4"] = "period"  # row 3 left out: an empty row
    ws.merge_cells("A4:A5")
    for j, h in enumerate(header[1:], start=2):
        ws.cell(row=5, column=j, value=h)
    r, year, text_done = 6, None, False
    for k, d in enumerate(data):
        y, m = map(int, d[0].split("-"))
        if year and y != year:
            r += 1  # an empty row between years, styled once
            if y == 2016:
                ws.cell(row=r - 1, column=1).fill = PatternFill("solid", fgColor="FFFF00")
        year = y
        c = ws.cell(row=r, column=1, value=datetime.date(y, m, 1))
        c.number_format = "mm-dd-yy" if k % 2 else "yyyy-mm"  # built-in 14, custom
        ws.cell(row=r, column=2, value=d[1])
        ws.cell(row=r, column=3, value=d[2])
        if d[3] and float(d[3]) >= 1000 and not text_done:
            ws.cell(row=r, column=4, value="{:,.2f}".format(float(d[3]))).number_format = "@"
            text_done = True
        elif d[3]:
            ws.cell(row=r, column=4, value=float(d[3]))
        if d[4]:
            ws.cell(row=r, column=5, value=int(d[4]))
        ws.cell(row=r, column=6, value=d[5])
        r += 1
    notes = wb.create_sheet("Notes")
    notes["A1"] = "constructed data; see datasets/SOURCES.md"
    return wb


def serials(name, values, epoch=None):
    wb = openpyxl.Workbook()
    if epoch:
        wb.epoch = epoch
    ws = wb.active
    ws.append(["period", "series", "value"])
    for i, s in enumerate(values, start=1):
        ws.append([s, "a", i])
        ws.cell(row=i + 1, column=1).number_format = "yyyy-mm-dd"
    wb.save(out + "/" + name)


def patched(name, base, fixes, extra=None):
    """base with parts rewritten (fixes: part -> function) and parts added."""
    with zipfile.ZipFile(out + "/" + base) as zin, \
            zipfile.ZipFile(out + "/" + name, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            text = zin.read(item.filename)
            if item.filename in fixes:
                text = fixes[item.filename](text.decode("utf-8")).encode("utf-8")
            zout.writestr(item, text)
        for part, text in (extra or {}).items():
            zout.writestr(part, text)


def shared(name, base):
    """base (openpyxl writes inline strings) with every other text cell
    a shared string, written as rich text runs with a phonetic run."""
    strings, n = [], [0]

    def one(m):
        n[0] += 1
        if n[0] % 2:
            return m.group(0)
        strings.append(m.group(3))
        return '<c r="%s"%s t="s"><v>%d</v></c>' % (m.group(1), m.group(2), len(strings) - 1)

    def cells(xml):
        return re.sub(r'<c r="([A-Z]+[0-9]+)"((?: s="[0-9]+")?) t="inlineStr">'
                      r'<is><t>([^<]*)</t></is></c>', one, xml)
    with zipfile.ZipFile(out + "/" + base) as z:
        sheet = cells(z.read("xl/worksheets/sheet1.xml").decode("utf-8"))
    si = "".join('<si><r><t xml:space="preserve">%s</t></r><r><rPr><b/></rPr>'
                 '<t xml:space="preserve">%s</t></r><rPh sb="0" eb="1"><t>x</t></rPh></si>'
                 % (t[:3], t[3:]) for t in strings)
    ns = "http://schemas.openxmlformats.org/"
    sst = ('<sst xmlns="%sspreadsheetml/2006/main" count="%d" uniqueCount="%d">%s</sst>'
           % (ns, len(strings), len(strings), si))
    rel = ('<Relationship Id="rIdSst" Type="%sofficeDocument/2006/relationships/'
           'sharedStrings" Target="sharedStrings.xml"/></Relationships>' % ns)
    typ = ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
           'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    patched(name, base, {
        "xl/worksheets/sheet1.xml": lambda x: sheet,
        "xl/_rels/workbook.xml.rels": lambda x: x.replace("</Relationships>", rel),
        "[Content_Types].xml": lambda x: x.replace("</Types>", typ)},
        {"xl/sharedStrings.xml": sst})


book().save(out + "/book.xlsx")
book(CALENDAR_MAC_1904).save(out + "/book1904.xlsx")
shared("shared.xlsx", "book.xlsx")
serials("quirk.xlsx", [1, 59, 91, 121])
serials("quirk1904.xlsx", [0, 59, 60, 91], CALENDAR_MAC_1904)

values = [0.1 + 0.2, 1 / 3, 2 / 3 * 1e6, 1e-7, 123456789.12345679, -2.5, 1523.11,
          7.0000000000000009, 1e15 + 0.3, 299792.458, 6.02214076e23, 0.0]
wb = openpyxl.Workbook()
ws = wb.active
ws.append(["period", "series", "value"])
for i, v in enumerate(values):
    ws.append([datetime.date(2020 + i // 12, 1 + i % 12, 1), "s", v])
    ws.cell(row=i + 2, column=1).number_format = "yyyy-mm"
wb.save(out + "/roundtrip.xlsx")
# the numbers as openpyxl reads them back from the file (it writes 16
# significant digits, so 0.1 + 0.2 is stored as 0.3): fdi must read the same
back = [r[2] for r in openpyxl.load_workbook(out + "/roundtrip.xlsx").active.iter_rows(
    min_row=2, values_only=True)]
with open(out + "/roundtrip.txt", "w") as fh:
    fh.write("".join(repr(float(v)) + "\n" for v in back))

b = book()
b["FDI"]["D9"] = "12x"
b.save(out + "/badnum.xlsx")
b = book()
b["FDI"]["D10"] = "#N/A"
b.save(out + "/na.xlsx")
b = book()
b["FDI"]["D11"] = "=1+1"
b.save(out + "/formula.xlsx")
patched("badxml.xlsx", "book.xlsx", {"xl/worksheets/sheet1.xml":
        lambda x: re.sub(r'(<c r="B12"[^>]*>.*?)</c>', r"\1</x>", x, count=1)})
patched("badsst.xlsx", "shared.xlsx", {"xl/worksheets/sheet1.xml":
        lambda x: re.sub(r'(<c r="B7"[^>]*t="s"[^>]*>)<v>[0-9]+</v>', r"\1<v>99999</v>", x,
                         count=1)})
# sheets "FDI" and "fdi" (Excel refuses names that differ only by case,
# other writers do not): the Notes sheet renamed in the workbook part
patched("twocase.xlsx", "book.xlsx", {"xl/workbook.xml":
        lambda x: x.replace('name="Notes"', 'name="fdi"', 1)})
with open(out + "/book.xlsx", "rb") as fh:
    whole = fh.read()
with open(out + "/trunc.xlsx", "wb") as fh:
    fh.write(whole[:len(whole) // 2])
with zipfile.ZipFile(out + "/notbook.xlsx", "w") as z:
    z.writestr("readme.txt", "not a workbook")
