#!/usr/bin/python3
"""Memory that follows the output when --by sums keys away (issue 18, item 0).

`fdi yoy FILE --as-of 2024-09 --by province,measure` over a cube of
province x partner x measure reads the rows straight into the group sums
(fdi_ingest_summed, include/fdi/load.h) instead of keeping every
observation.  This test writes the cube here (20 provinces x P partners x
2 measures x 120 months, sorted by period then keys, as scripts/gen_cube.py
writes them) at two sizes, P = 100 and P = 400 (about 19 and 77 MB), and
checks:
  - the answers: each province and measure's ytd and ytd_prev against sums
    made here in Python from the values written (not from fdi), relative
    1e-9, and byte-identical to the materialising path's (`--dedupe first`,
    which takes the usual way: frame, matrix of every series, sums);
  - the peak resident memory above fdi's own (a run on a 3-line file),
    read on one thread (--threads 1): at most BOUND_MB at the big size,
    where the materialising path needs more (checked too, so the bound is
    one it would fail: its frame alone holds 20 bytes for each of the
    1.3 M observations read, and its matrix 8 bytes a series and month);
  - that memory follows the output, not the file: from the small size to
    the big one (4x the rows, the same 40 output rows) the one-thread
    streamed peak above fdi's own grows by at most GROWTH_MB (the
    per-series tables: 16,000 series at the big size);
  - on two threads (the default) the parts of the file in flight (16 MB
    of text each, read by two readers kept from part to part, each with
    its keys table and the observations of the part it reads,
    two_threads.c) add to that: the peak is checked to stay at
    least MARGIN_MB under the materialising path's at the big size;
  - the strict checks kept: a series and month twice is still exit 2
    naming both lines; rows of a period in another order than the series
    first came give the same bytes as the materialising path.
Under AddressSanitizer (shadow memory, red zones) the bounds are 3x.

usage: summed.py FDI   (exit 0 when every check passes)
"""
import csv
import io
import os
import subprocess
import sys
import tempfile

MB = 1024 * 1024
BOUND_MB = 24
GROWTH_MB = 8
MARGIN_MB = 12
PROVINCES = ["P%02d" % i for i in range(20)]
MEASURES = ["new", "disbursed"]
MONTHS = [(y, m) for y in range(2015, 2025) for m in range(1, 13)]
fails = 0


def check(ok, what):
    global fails
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        fails += 1


def run(argv):
    """(exit code, stdout, stderr, peak RSS in bytes), the peak from
    /usr/bin/time (a child's ru_maxrss would carry Python's own)."""
    with tempfile.NamedTemporaryFile(mode="r") as peak:
        p = subprocess.run(["/usr/bin/time", "-o", peak.name, "-f", "%M"] + argv,
                           capture_output=True)
        return p.returncode, p.stdout.decode(), p.stderr.decode(), \
            int(peak.read().split()[-1]) * 1024


def value(i):
    return (i * 7919 % 100003) / 100.0  # two decimals, 0 .. 1000.02


def write_cube(path, npartners, shuffle_period=None):
    """The cube, and Python's ytd sums {(province, measure): [2024 Jan-Sep,
    2023 Jan-Sep]}."""
    partners = ["Partner %03d" % k for k in range(npartners)]
    sums = {(p, m): [0.0, 0.0] for p in PROVINCES for m in MEASURES}
    i = 0
    with open(path, "w") as f:
        f.write("period,province,partner,measure,value_usd_m\n")
        for (y, mo) in MONTHS:
            lines = []
            for p in PROVINCES:
                for q in partners:
                    for m in MEASURES:
                        v = value(i)
                        i += 1
                        lines.append("%d-%02d,%s,%s,%s,%.2f\n" % (y, mo, p, q, m, v))
                        if mo <= 9 and y in (2023, 2024):
                            sums[(p, m)][2024 - y] += float("%.2f" % v)
            if (y, mo) == shuffle_period:
                lines.reverse()  # the series of this month in reverse order
            f.write("".join(lines))
    return sums


def yoy(fdi, path, *extra):
    return run([fdi, "yoy", path, "--as-of", "2024-09", "--by", "province,measure",
                "--format", "csv"] + list(extra))


def answers_ok(out, sums):
    rows = list(csv.DictReader(io.StringIO(out)))
    if len(rows) != len(sums):
        return False
    for r in rows:
        want = sums[(r["province"], r["measure"])]
        for got, w in ((float(r["ytd"]), want[0]), (float(r["ytd_prev"]), want[1])):
            if abs(got - w) > 1e-9 * abs(w):
                return False
    return True


def main():
    fdi = sys.argv[1]
    asan = subprocess.run(["nm", "-an", fdi], capture_output=True, text=True).stdout.count(
        "__asan_init") > 0
    scale = 3 if asan else 1
    with tempfile.TemporaryDirectory() as tmp:
        tiny = os.path.join(tmp, "tiny.csv")
        with open(tiny, "w") as f:
            f.write("period,province,partner,measure,value_usd_m\n"
                    "2024-08,P00,A,new,1\n2024-09,P00,A,new,2\n")
        rc, _, _, base = yoy(fdi, tiny)
        check(rc == 0, "a 3-line file reads (fdi's own peak %.1f MB)" % (base / MB))
        peaks = {}
        for npartners in (100, 400):
            path = os.path.join(tmp, "cube%d.csv" % npartners)
            sums = write_cube(path, npartners)
            size = os.path.getsize(path) / MB
            rc, out, err, peak = yoy(fdi, path)
            rc1, out1, _, peak1 = yoy(fdi, path, "--threads", "1")
            rc2, out2, _, peak2 = yoy(fdi, path, "--dedupe", "first")
            check(rc == 0 and answers_ok(out, sums),
                  "%d partners (%.0f MB): ytd and ytd_prev of the 40 rows as Python sums them"
                  % (npartners, size))
            check(rc1 == 0 and rc2 == 0 and out == out2 and out1 == out2,
                  "%d partners: the same bytes on one thread and on the materialising path"
                  % npartners)
            peaks[npartners] = (peak1 - base, peak2 - base, peak - base)
            print("     peak above fdi's own: streamed %.1f MB (two threads %.1f MB), "
                  "materialising %.1f MB" % ((peak1 - base) / MB, (peak - base) / MB,
                                             (peak2 - base) / MB))
            os.remove(path)
        big, big_mat, big2 = peaks[400]
        check(big <= BOUND_MB * scale * MB,
              "400 partners: streamed peak above fdi's own %.1f MB <= %d MB"
              % (big / MB, BOUND_MB * scale))
        check(big_mat > BOUND_MB * scale * MB,
              "400 partners: the materialising path needs more (%.1f MB > %d MB)"
              % (big_mat / MB, BOUND_MB * scale))
        check(big - peaks[100][0] <= GROWTH_MB * scale * MB,
              "4x the rows, the same output: the streamed peak grows %.1f MB <= %d MB"
              % ((big - peaks[100][0]) / MB, GROWTH_MB * scale))
        check(big2 <= big_mat - MARGIN_MB * MB,
              "400 partners, two threads: %.1f MB, at least %d MB under the materialising path"
              % (big2 / MB, MARGIN_MB))
        strict_checks(fdi, tmp)
    print("%d failed" % fails if fails else "all passed")
    return 1 if fails else 0


def strict_checks(fdi, tmp):
    path = os.path.join(tmp, "dup.csv")
    write_cube(path, 10)
    with open(path, "a") as f:
        f.write("2024-03,P05,Partner 007,new,12.50\n")
    nlines = sum(1 for _ in open(path))
    rc, _, err, _ = yoy(fdi, path)
    check(rc == 2 and "has period 2024-03 twice: lines " in err
          and ("and %d;" % nlines) in err,
          "a series and month twice: exit 2 naming both lines (%s)" % err.strip()[:160])
    path = os.path.join(tmp, "order.csv")
    write_cube(path, 10, shuffle_period=(2024, 2))
    rc, out, _, _ = yoy(fdi, path)
    rc2, out2, _, _ = yoy(fdi, path, "--dedupe", "first")
    check(rc == 0 and rc2 == 0 and out == out2,
          "a month whose series come in another order: the materialising path's bytes")


if __name__ == "__main__":
    sys.exit(main())
