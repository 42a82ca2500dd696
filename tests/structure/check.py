#!/usr/bin/python3
"""The structure rules of engine/ (README "Layout", issue 14):
  - no function longer than 80 lines (brace to brace);
  - no call circle between files, and calls go down the layers only
    (a file may call its own layer and the layers listed before it);
  - nothing below engine/cli/ includes a cli/ header;
  - libcsv through its public API only: no `struct csv_parser` field is read
    (pstate, quoted, entry_buf, ...: undocumented, they change between
    versions; engine/ingest/csv_track.h knows "between records" instead).
Calls are read from the library's object files (nm: what each defines and
what it leaves undefined), so a macro or an inline wrapper cannot hide one.

usage: check.py SOURCE_DIR OBJECT_DIR   (OBJECT_DIR: the build's
       CMakeFiles/fdi_objects.dir)
"""
import collections
import glob
import os
import re
import subprocess
import sys

MAX_LINES = 80
LAYERS = ["base", "output", "frame", "period", "kernels", "ingest", "panel", "load",
          "measures", "forecast", "whatif", "report"]


def long_functions(src):
    found = []
    for path in sorted(glob.glob(os.path.join(src, "engine", "**", "*.c"), recursive=True)):
        lines = open(path, encoding="utf-8", errors="replace").read().split("\n")
        start, name = None, "?"
        for i, line in enumerate(lines):
            if line == "{":
                start = i
                j = i - 1
                while j > 0 and "(" not in lines[j]:
                    j -= 1
                m = re.search(r"(\w+)\s*\(", lines[j])
                name = m.group(1) if m else "?"
            elif line == "}" and start is not None:
                if i - start + 1 > MAX_LINES:
                    found.append("%s: %s is %d lines" % (os.path.relpath(path, src), name,
                                                          i - start + 1))
                start = None
    return found


def call_graph(objdir):
    defined, used = {}, collections.defaultdict(set)
    for obj in glob.glob(os.path.join(objdir, "engine", "**", "*.o"), recursive=True):
        unit = os.path.relpath(obj, os.path.join(objdir, "engine"))[:-len(".c.o")]
        out = subprocess.run(["nm", obj], capture_output=True, text=True, check=True).stdout
        for line in out.splitlines():
            f = line.split()
            if len(f) == 3 and f[1] in "TDBR":
                defined[f[2]] = unit
            elif len(f) == 2 and f[0] == "U":
                used[unit].add(f[1])
    graph = collections.defaultdict(set)
    for unit, syms in used.items():
        for s in syms:
            if s in defined and defined[s] != unit:
                graph[unit].add(defined[s])
    return graph


def circles(graph):
    """Strongly connected groups of more than one file (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    sys.setrecursionlimit(10000)
    for v in list(graph):
        if v not in index:
            visit(v)
    return out


def upward_calls(graph):
    bad = []
    for unit, callees in graph.items():
        for c in callees:
            a, b = unit.split("/")[0], c.split("/")[0]
            if a in LAYERS and b in LAYERS and LAYERS.index(b) > LAYERS.index(a):
                bad.append("%s calls up into %s" % (unit, c))
    return bad


def cli_includes(src):
    bad = []
    for path in glob.glob(os.path.join(src, "engine", "**", "*.[ch]"), recursive=True):
        rel = os.path.relpath(path, os.path.join(src, "engine"))
        if rel.startswith("cli/"):
            continue
        for n, line in enumerate(open(path, encoding="utf-8", errors="replace"), 1):
            if re.match(r'\s*#\s*include\s+"(cli/|cli\.h)', line):
                bad.append("engine/%s:%d includes a cli header" % (rel, n))
    return bad


# the fields of libcsv's struct csv_parser (csv.h), none of them documented
CSV_FIELDS = ("pstate", "quoted", "spaces", "entry_buf", "entry_pos", "entry_size",
              "status", "options", "quote_char", "delim_char", "is_space", "is_term",
              "blk_size", "malloc_func", "realloc_func", "free_func")


def libcsv_private(src):
    """Reads of a csv_parser's fields: `x.csv.f` / `p.f` / `->csv.f` where the
    object is a struct csv_parser (named csv, or p in csv_small.c)."""
    bad = []
    pat = re.compile(r"(?:\bcsv|\bp)\s*(?:\.|->)\s*(%s)\b" % "|".join(CSV_FIELDS))
    for path in glob.glob(os.path.join(src, "engine", "**", "*.[ch]"), recursive=True):
        text = open(path, encoding="utf-8", errors="replace").read()
        if "csv_parser" not in text and "<csv.h>" not in text:
            continue
        rel = os.path.relpath(path, src)
        for n, line in enumerate(text.split("\n"), 1):
            m = pat.search(line)
            if m and not line.lstrip().startswith(("*", "/*", "//")):
                bad.append("%s:%d reads libcsv's private field %s" % (rel, n, m.group(1)))
    return bad


def main():
    src, objdir = sys.argv[1], sys.argv[2]
    graph = call_graph(objdir)
    if not graph:
        print("no object files under %s" % objdir)
        return 1
    problems = long_functions(src)
    problems += ["call circle: " + " <-> ".join(g) for g in circles(graph)]
    problems += upward_calls(graph)
    problems += cli_includes(src)
    problems += libcsv_private(src)
    for p in problems:
        print(p)
    print("%d files checked, %d problems" % (len(graph), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
