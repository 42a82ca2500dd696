#!/usr/bin/python3
"""The Python module against the fdi command: the same figures for ytd,
yoy, plan, forecast (same seed), backtest, what-if (scenarios, sweep,
seek), the report (text, table, HTML page) and info (its table, and the
members' sums against the total rows, also checked with pandas), on the
Hai Phong case, Vietnamese series and the World Bank file; and errors that
carry fdi's message and file:line:col.

usage: test_fdi.py FDI_BINARY   (FDI_LIB: libfdi.so, else the module finds it)
The command's csv carries 15 significant digits: numbers are compared to
a relative 1e-14, text exactly.
"""
import csv
import io
import math
import os
import re
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import fdi  # noqa: E402

FDI = os.path.abspath(sys.argv.pop(1)) if len(sys.argv) > 1 else os.path.join(SOURCE, "build", "fdi")
D = os.path.join(SOURCE, "datasets")
HP_FILE = os.path.join(D, "haiphong", "haiphong_fdi.csv")
HP_OPTS = dict(value="value_usd_m", filter=["area=Hai Phong Economic Zone", "flow=new|adjusted"],
               by="area")
HP_ARGS = ["--value", "value_usd_m", "--filter", "area=Hai Phong Economic Zone",
           "--filter", "flow=new|adjusted", "--by", "area"]
PLAN = os.path.join(D, "haiphong", "plan.csv")
SCEN = os.path.join(D, "haiphong", "scenarios.csv")
DISB = os.path.join(D, "vietnam", "fdi_disbursed.csv")
WB = os.path.join(D, "worldbank", "API_BX.KLT.DINV.CD.WD_DS2_en_csv_v2.csv")
# the World Bank's seven regions, whose sum is its "World" row
REGIONS = ["East Asia & Pacific", "Europe & Central Asia", "Latin America & Caribbean",
           "Middle East & North Africa", "North America", "South Asia", "Sub-Saharan Africa"]
WB_FILTER = "Country Name=" + "|".join(["World"] + REGIONS)
WB_AGGREGATES = """AFE AFW ARB CEB CSS EAP EAR EAS ECA ECS EMU EUU FCS HIC HPC IBD IBT IDA IDB
    IDX INX LAC LCN LDC LIC LMC LMY LTE MEA MIC MNA NAC OED OSS PRE PSS PST SAS SSA
    SSF SST TEA TEC TLA TMN TSA TSS UMC WLD""".split()
PROVINCES = os.path.join(D, "vietnam", "fdi_provinces_en.csv")
CAP = "Newly registered capital+Adjusted capital+Value of capital contribution"


def command(*args, fmt="csv"):
    cmd = [FDI] + [str(a) for a in args] + (["--format", fmt] if fmt else [])
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return out if fmt is None else list(csv.DictReader(io.StringIO(out)))


class SameFigures(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.hp = fdi.load(HP_FILE, **HP_OPTS)
        cls.disb = fdi.load(DISB)

    def same(self, rows, want):
        self.assertEqual(len(rows), len(want))
        self.assertGreater(len(rows), 0)
        self.assertEqual(rows.columns, list(want[0].keys()))
        for got, exp in zip(rows, want):
            for col, text in exp.items():
                v = got[col]
                if text == "":
                    self.assertIn(v, (None, ""), col)
                elif isinstance(v, float):
                    self.assertTrue(math.isclose(v, float(text), rel_tol=1e-14, abs_tol=1e-12),
                                    "%s: %r against the command's %s" % (col, v, text))
                else:
                    self.assertEqual(v, text, col)

    def test_ytd(self):
        self.same(self.hp.ytd("2016-09"), command("ytd", HP_FILE, "--as-of", "2016-09", *HP_ARGS))
        self.assertEqual(self.hp.ytd("2016-09")[0]["ytd"], 2729.86)  # the 2016 report

    def test_several_files(self):
        # two halves of the Hai Phong file (each with the header), read as
        # one: the same figures as the command on the whole file
        with open(HP_FILE, encoding="utf-8") as f:
            lines = f.readlines()
        half = (len(lines) - 1) // 2 + 1
        with tempfile.TemporaryDirectory() as d:
            a, b = os.path.join(d, "a.csv"), os.path.join(d, "b.csv")
            with open(a, "w", encoding="utf-8") as f:
                f.writelines(lines[:half])
            with open(b, "w", encoding="utf-8") as f:
                f.writelines(lines[:1] + lines[half:])
            both = fdi.load([a, b], **HP_OPTS)
            self.same(both.yoy("2016-09"),
                      command("yoy", HP_FILE, "--as-of", "2016-09", *HP_ARGS))
            with self.assertRaises(fdi.Error) as e:
                fdi.load([a, HP_FILE], **HP_OPTS).ytd("2016-09")
            self.assertIn("twice", str(e.exception))

    def test_yoy(self):
        self.same(self.hp.yoy("2016-09"), command("yoy", HP_FILE, "--as-of", "2016-09", *HP_ARGS))
        self.same(self.hp.yoy("2016-09", single=True),
                  command("yoy", HP_FILE, "--as-of", "2016-09", "--single", *HP_ARGS))
        self.assertGreater(self.hp.yoy("2016-09")[0]["multiple"], 6)  # "more than 6 times"

    def test_plan(self):
        rows = self.hp.plan("2016-09", plan=PLAN)
        self.same(rows, command("plan", HP_FILE, "--as-of", "2016-09", "--plan", PLAN, *HP_ARGS))
        self.assertAlmostEqual(rows[0]["overshoot_pct"], 51.6588888888889, places=9)
        self.same(self.hp.plan("2016-09", plan=1800, target=3000),
                  command("plan", HP_FILE, "--as-of", "2016-09", "--plan-value", 1800,
                          "--target", 3000, *HP_ARGS))

    def test_forecast(self):
        self.same(self.hp.forecast("2016-09", target=3000, seed=7),
                  command("forecast", HP_FILE, "--as-of", "2016-09", "--target", 3000,
                          "--seed", 7, *HP_ARGS))
        self.same(self.disb.forecast("2025-09", method="ets", ets_model="AAdN", level=[50, 90],
                                     paths=2000),
                  command("forecast", DISB, "--as-of", "2025-09", "--method", "ets",
                          "--ets-model", "AAdN", "--level", "50,90", "--paths", 2000))

    def test_backtest(self):
        self.same(self.disb.backtest(method=["seasonal", "theta"], cutoffs=[3, 6, 9]),
                  command("backtest", DISB, "--method", "seasonal,theta", "--cutoffs", "3,6,9"))

    def test_whatif(self):
        base = ["--as-of", "2016-09", "--target", 3000, "--scenarios", SCEN]
        self.same(self.hp.whatif("2016-09", scenarios=SCEN, target=3000),
                  command("whatif", HP_FILE, *base, *HP_ARGS))
        self.same(self.hp.whatif("2016-09", scenarios=SCEN, target=3000,
                                 sweep="q4_scale=0.5:1.5:0.25"),
                  command("whatif", HP_FILE, *base, "--sweep", "q4_scale=0.5:1.5:0.25", *HP_ARGS))
        self.same(self.hp.whatif("2016-09", scenarios=SCEN, target=3000, seek="p_target=0.5",
                                 vary="q4_scale"),
                  command("whatif", HP_FILE, *base, "--seek", "p_target=0.5", "--vary",
                          "q4_scale", *HP_ARGS))

    def test_report(self):
        rep = self.hp.report("2016-09", plan=PLAN, lang="vi")
        want = command("report", HP_FILE, "--as-of", "2016-09", "--plan", PLAN, "--lang", "vi",
                       *HP_ARGS, fmt=None)
        self.assertEqual(rep.text, want)
        self.assertEqual(rep.paragraphs[0][0], "Hai Phong Economic Zone")
        self.assertIn("2,729 tỷ USD", rep.paragraphs[0][1])  # Vietnamese decimal comma

    def test_report_verb_and_unit(self):
        # the verb follows the measure from the library alone: --filter
        # flow=disbursed says "disbursed" with no hint from the caller (the
        # rule lived in the command); the unit from the column name
        disb = fdi.load(HP_FILE, value="value_usd_m", by="area",
                        filter=["area=Hai Phong Economic Zone", "flow=disbursed"])
        text = disb.report("2016-09").text
        self.assertIn("Hai Phong Economic Zone disbursed 500 million USD", text)
        # the unit column of a Vietnamese file: tỷ đồng, never USD
        pi = fdi.load(os.path.join(D, "vietnam", "public_investment_ytd.csv"), ytd=True)
        text = pi.report("2024-09").text
        self.assertIn("value came to 427,134.94 bn VND", text)
        self.assertNotIn("USD", text)

    def test_report_table_and_page(self):
        rep = self.hp.report("2016-09", plan=PLAN)
        self.same(rep.rows, command("report", HP_FILE, "--as-of", "2016-09", "--plan", PLAN,
                                    *HP_ARGS))
        # the HTML page, as a string and written to a path: the command's bytes
        want = command("report", HP_FILE, "--as-of", "2016-09", "--plan", PLAN, *HP_ARGS,
                       "--format", "html", fmt=None)
        # cairo names an SVG's surfaces by a counter of its process
        # ("surface1" in the command's, the nth surface in this one's)
        def same_page(got, exp):
            self.assertEqual(re.sub(r"surface\d+", "surface", got),
                             re.sub(r"surface\d+", "surface", exp))
        page = self.hp.report_html("2016-09", plan=PLAN)
        same_page(page, want)
        self.assertIn("<svg", page)
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "r.html")
            self.assertIsNone(self.hp.report_html("2016-09", path=path, plan=PLAN, lang="vi"))
            with open(path, encoding="utf-8") as f:
                same_page(f.read(), command("report", HP_FILE, "--as-of", "2016-09",
                                                   "--plan", PLAN, "--lang", "vi", *HP_ARGS,
                                                   "--format", "html", fmt=None))

    def test_incomplete_sum(self):
        # a --by sum lacking members that had values before keeps its
        # figure (the official 24,372.63) and says so: 8 (province, measure)
        # series with a 2015 value have none in 2016 (pandas below)
        prov = fdi.load(PROVINCES, value=CAP, by="none")
        want = command("ytd", PROVINCES, "--as-of", "2016", "--value", CAP, "--by", "none")
        rows = prov.ytd("2016")
        # (the command reads up to --as-of only, so its "summed" counts the
        # provinces to 2016; the module's panel holds the whole file)
        self.assertTrue(math.isclose(rows[0]["ytd"], float(want[0]["ytd"]), rel_tol=1e-14))
        self.assertEqual(rows[0]["members_missing"], float(want[0]["members_missing"]))
        self.assertAlmostEqual(rows[0]["ytd"], 24372.63, places=9)
        self.assertEqual(rows[0]["members_missing"], 8)
        self.assertIn("incomplete sum: 8 members", rows[0]["note"])
        rep = prov.report("2016")
        self.assertEqual(rep.rows[0]["members_missing"], 8)
        self.assertIn("the sum is incomplete: 8 of its members", rep.text)
        try:
            import pandas
        except ImportError:
            self.skipTest("pandas is not installed")
        d = pandas.read_csv(PROVINCES, encoding="utf-8-sig", dtype=str)
        d.columns = ["order", "province", "n1", "new", "n2", "adj", "n3", "con", "year"]
        long = d.melt(id_vars=["province", "year"], value_vars=["new", "adj", "con"])
        long = long[long["value"].fillna("").str.strip() != ""]
        have = set(zip(long.province.str.strip(), long.variable, long.year.astype(int)))
        members = {(p, m) for p, m, _ in have}
        lost = [k for k in members if (k[0], k[1], 2015) in have and (k[0], k[1], 2016) not in have]
        self.assertEqual(len(lost), 8)

    def test_info(self):
        self.same(self.disb.info(), command("info", DISB))
        wb = fdi.load(WB, filter=WB_FILTER)
        self.same(wb.info(), command("info", WB, "--filter", WB_FILTER))
        self.assertEqual(wb.info_totals().columns,
                         ["total", "period", "members", "members_missing", "members_sum",
                          "published_total", "difference", "difference_pct", "found"])
        self.assertEqual(len(self.disb.info_totals()), 0)  # no total row

    def test_info_totals_against_pandas(self):
        # the 217 economies against the World row, per year, computed again
        # with pandas from the World Bank's file as downloaded; the World
        # Bank's 46 other aggregates (regions, income and lending groups:
        # their codes listed here, apart from the library's list) are
        # neither members nor compared
        try:
            import pandas
        except ImportError:
            self.skipTest("pandas is not installed")
        rows = fdi.load(WB).info_totals()
        d = pandas.read_csv(WB, skiprows=4, encoding="utf-8-sig")
        years = [c for c in d.columns if c.isdigit()]
        world = d[d["Country Code"] == "WLD"][years].iloc[0]
        econ = d[~d["Country Code"].isin(WB_AGGREGATES)][years]
        econ = econ[econ.notna().any(axis=1)]  # series with a value somewhere
        want = [(y, econ[y].count(), econ[y].sum(), world[y]) for y in years
                if econ[y].count() and not math.isnan(world[y])]
        self.assertEqual([r["period"] for r in rows], [w[0] for w in want])
        for r, (y, n, total_sum, pub) in zip(rows, want):
            self.assertEqual(r["members"], n)
            self.assertEqual(r["members_missing"], len(econ) - n)
            self.assertTrue(math.isclose(r["members_sum"], total_sum, rel_tol=1e-12), y)
            self.assertEqual(r["published_total"], pub)
            self.assertTrue(math.isclose(r["difference"], total_sum - pub, abs_tol=1e-3), y)
        self.assertEqual(len(rows), 46)  # 1970 .. 2015
        self.assertTrue(rows[0]["total"].startswith("World"))
        # 2015: the economies' sum is 0.11% under World (2.415 bn US$)
        self.assertAlmostEqual(rows[-1]["difference"], -2.415e9, delta=1e3)

    def test_to_pandas(self):
        try:
            import pandas  # noqa: F401
        except ImportError:
            self.skipTest("pandas is not installed")
        rows = self.hp.ytd("2016-09")
        df = rows.to_pandas()
        self.assertEqual(list(df.columns), rows.columns)  # the command's csv columns, in order
        self.assertIn("summed", rows.columns)  # --by area summed flow=new|adjusted
        self.assertEqual(df["ytd"].iloc[0], 2729.86)


class Errors(unittest.TestCase):
    def test_missing_file(self):
        with self.assertRaises(fdi.Error) as e:
            fdi.load(os.path.join(D, "no_such_file.csv"))
        self.assertIn("no_such_file.csv", str(e.exception))

    def test_no_file(self):
        # fdi.load([]) raised IndexError (list index out of range)
        for empty in ([], (), iter([])):
            with self.assertRaises(ValueError) as e:
                fdi.load(empty)
            self.assertIn("no file given", str(e.exception))

    def test_unknown_option(self):
        with self.assertRaises(fdi.Error) as e:
            fdi.load(HP_FILE, decimal=";")
        self.assertIn("--decimal", e.exception.message)

    def test_panel_error_names_the_file(self):
        # the panel's errors named the frame's copy of the path, freed before
        # the error reached Python: e.file and the message's start were
        # garbage bytes (a read after free)
        for _ in range(3):
            with self.assertRaises(fdi.Error) as e:
                fdi.load(HP_FILE, filter=["area=Nowhere"])
            self.assertEqual(e.exception.file, HP_FILE)
            self.assertTrue(str(e.exception).startswith(HP_FILE + ": --filter area=Nowhere"))

    def test_bad_scenario_row_has_line_and_column(self):
        p = fdi.load(HP_FILE, **HP_OPTS)
        with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
            f.write("scenario,filter,from,to,op,value\nbad,,2016-10,2016-12,scale,abc\n")
        try:
            with self.assertRaises(fdi.Error) as e:
                p.whatif("2016-09", scenarios=f.name)
            self.assertEqual(e.exception.file, f.name)
            self.assertEqual(e.exception.line, 2)
            self.assertIsNotNone(e.exception.column)
        finally:
            os.unlink(f.name)

    def test_strict_by_default_lenient_reads_on(self):
        bad = os.path.join(D, "cases", "bad_rows.csv")  # broken on purpose
        with self.assertRaises(fdi.Error) as e:
            fdi.load(bad)
        self.assertIn("7 of 10 rows rejected", e.exception.message)
        self.assertIn("bad_rows.csv:4:1:", e.exception.message)
        # the first rejection's position (the summary's own is the file's
        # alone: line and column were None): line 3, a ragged row (no column)
        self.assertEqual((e.exception.file, e.exception.line, e.exception.column), (bad, 3, None))
        with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
            f.write("period,area,value\n2016-01,A,1\n2016-02,A,abc\n")
        try:
            with self.assertRaises(fdi.Error) as e:
                fdi.load(f.name, value="value")
            self.assertEqual((e.exception.line, e.exception.column), (3, 3))
        finally:
            os.unlink(f.name)
        with self.assertWarns(UserWarning):
            p = fdi.load(bad, lenient=True)
        self.assertEqual((p.rows_read, p.rows_rejected), (10, 7))

    def test_plan_needs_a_plan(self):
        with self.assertRaises(fdi.Error) as e:
            fdi.load(HP_FILE, **HP_OPTS).plan("2016-09")
        self.assertIn("plan", e.exception.message)


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=1).result
    failed = len(result.failures) + len(result.errors)
    print("%d passed, %d failed, %d skipped" % (result.testsRun - failed - len(result.skipped),
                                               failed, len(result.skipped)))
    sys.exit(1 if failed else 0)
