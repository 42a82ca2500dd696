#!/usr/bin/python3
"""Agreement checks for bench/t1.sh (standard library only).

    t1_check.py t1   REFERENCE.csv PEER.csv   join on province,measure; compare
                                              ytd, ytd_prev, multiple
    t1_check.py full REFERENCE.csv PEER.csv   compare the checksums
                                              ytd_sum,multiple_count,multiple_sum
The reference is fdi's `--format csv` output (for t1) or fdi's checksum
(bench/t1full.c, for full); extra columns in either file are ignored.  Numbers agree
within a relative 1e-9 (absolute for |x| < 1e-9); an empty cell (null) agrees
only with an empty cell.  Prints one line (ok ... / MISMATCH ...); exit status
0 when they agree, 1 when not.
"""
import csv
import sys

TOL = 1e-9


def num(s):
    s = s.strip()
    return None if s in ("", "NA", "null", "nan", "NaN") else float(s)


def close(a, b):
    if a is None or b is None:
        return a is None and b is None, 0.0
    d = abs(a - b) / max(abs(a), abs(b), 1.0 if max(abs(a), abs(b)) < TOL else 0.0)
    return d <= TOL, d


def load(path, keys):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    return {tuple(r[k] for k in keys): r for r in rows}, len(rows)


def compare(ref, peer, keys, cols):
    a, na = load(ref, keys)
    b, nb = load(peer, keys)
    bad, worst = [], 0.0
    if na != len(a) or nb != len(b):
        bad.append("duplicate keys (%d rows, %d keys; %d rows, %d keys)" % (na, len(a), nb, len(b)))
    for k in sorted(set(a) ^ set(b)):
        bad.append("%s only in %s" % ("/".join(k), ref if k in a else peer))
    for k in sorted(set(a) & set(b)):
        for c in cols:
            ok, d = close(num(a[k][c]), num(b[k][c]))
            worst = max(worst, d)
            if not ok:
                bad.append("%s %s: %s vs %s" % ("/".join(k) or "-", c, a[k][c] or "null", b[k][c] or "null"))
    if bad:
        print("MISMATCH %d: %s" % (len(bad), "; ".join(bad[:5]) + (" ..." if len(bad) > 5 else "")))
        return 1
    print(("ok %d rows, max rel. diff %.1e" % (len(a), worst)) if keys
          else "ok, max rel. diff %.1e" % worst)
    return 0


def main():
    mode, ref, peer = sys.argv[1:4]
    if mode == "t1":
        return compare(ref, peer, ["province", "measure"], ["ytd", "ytd_prev", "multiple"])
    if mode == "full":
        return compare(ref, peer, [], ["ytd_sum", "multiple_count", "multiple_sum"])
    sys.exit("mode: t1 or full")


if __name__ == "__main__":
    sys.exit(main())
