"""Panels and the questions asked of them."""
import ctypes
import math
import os
import warnings

from . import _lib
from ._lib import Error, check, lib, text

METHODS = ("runrate", "seasonal", "snaive", "ets", "theta", "ensemble", "auto")


class Rows(list):
    """A question's answer: one dict per row, keyed by the command's csv
    column names; .columns lists them in order."""

    def __init__(self, rows, columns):
        super().__init__(rows)
        self.columns = columns

    def to_pandas(self):
        import pandas  # optional: only this method needs it
        return pandas.DataFrame(list(self), columns=self.columns)


class Report:
    """The report: .paragraphs as (title, text) pairs, .text as the command
    prints it, .rows its table (the command's --format csv/json: every
    figure the paragraphs state, the method, summed, members_missing, the
    notes and the paragraphs in both languages), .months the forecast
    month by month (one monthly series with a forecast; else None)."""

    def __init__(self, paragraphs, document, rows=None, months=None):
        self.paragraphs = paragraphs
        self.text = document
        self.rows = rows
        self.months = months

    def __str__(self):
        return self.text


def _read_rows(table):
    """The C table as Rows (the table stays the caller's)."""
    ncols = lib.fdi_table_ncols(table)
    names = [lib.fdi_table_column_name(table, c).decode("utf-8") for c in range(ncols)]
    kinds = [lib.fdi_table_column_kind(table, c) for c in range(ncols)]
    rows = []
    for r in range(lib.fdi_table_nrows(table)):
        row = {}
        for c in range(ncols):
            if kinds[c] == _lib.COL_TEXT:
                v = lib.fdi_table_text(table, r, c)
                row[names[c]] = v.decode("utf-8") if v is not None else None
            else:
                x = lib.fdi_table_num(table, r, c)
                row[names[c]] = None if math.isnan(x) or math.isinf(x) else x
        rows.append(row)
    return Rows(rows, names)


def _rows_of(table):
    """The C table as Rows, then freed."""
    try:
        return _read_rows(table)
    finally:
        lib.fdi_table_destroy(table)


def _period(as_of):
    s = text(str(as_of))
    month, freq, why = ctypes.c_int32(), ctypes.c_int(), ctypes.c_char_p()
    if lib.fdi_parse_period(s, len(s), ctypes.byref(month), ctypes.byref(freq),
                            ctypes.byref(why)) != 0:
        raise ValueError("as_of takes YYYY-MM (or YYYY for annual data), not %r" % as_of)
    return month.value


def _method(name):
    m = ctypes.c_int()
    if lib.fdi_fc_method_parse(text(name), ctypes.byref(m)) != 0:
        raise ValueError("method takes one of %s, not %r" % (", ".join(METHODS), name))
    return m.value


def _levels(level):
    levels = [level] if isinstance(level, int) else list(level)
    if not 1 <= len(levels) <= 4:
        raise ValueError("level takes one to four interval levels")
    return levels


def _fc_options(method=None, k_years=None, ets_model=None, calibrate=None, level=None,
                paths=None, seed=None):
    o = lib.fdi_fc_options_default()
    if method is not None:
        o.method = _method(method)
    if k_years is not None:
        o.k_years = k_years
    if ets_model is not None:
        o.ets_model = text(ets_model)
    if calibrate is not None:
        o.calibrate = 1 if calibrate else 0
    if level is not None:
        levels = _levels(level)
        o.nlevels = len(levels)
        for i, v in enumerate(levels):
            o.levels[i] = v
    if paths is not None:
        o.paths = paths
    if seed is not None:
        o.seed = seed
    return o


def _plans(plan=None, target=None):
    """plan: a plan file's path or one number for every series."""
    src = _lib.PlanSource(None, math.nan, math.nan)
    if isinstance(plan, (int, float)):
        src.plan_value = float(plan)
    elif plan is not None:
        src.plan_file = text(str(plan))
    if target is not None:
        src.target = float(target)
    return src


class Panel:
    """A file read into a panel (fdi.load); ask it questions."""

    def __init__(self, path, **options):
        self._frame = self._panel = self._input = None
        err = _lib.FdiError()
        inp = ctypes.c_void_p()
        paths = [path] if isinstance(path, (str, bytes)) or not hasattr(path, "__iter__") \
            else list(path)
        if not paths:  # paths[0] below was an IndexError
            raise ValueError("fdi.load: no file given (an empty list): give a path, or a "
                             "list of the files to read as one")
        self._paths = [os.fsdecode(p) for p in paths]
        check(lib.fdi_input_create(text(str(paths[0])), ctypes.byref(inp), ctypes.byref(err)),
              err)
        self._input = inp
        for more in paths[1:]:  # read with the first into one panel
            check(lib.fdi_input_add_file(inp, text(str(more)), ctypes.byref(err)), err)
        for name, value in options.items():
            values = value if isinstance(value, (list, tuple)) else [value]
            for v in values:
                if v is False or v is None:
                    continue
                arg = None if v is True else text(str(v))
                check(lib.fdi_input_set(inp, text(name), arg, ctypes.byref(err)), err)
        frame, panel = ctypes.c_void_p(), ctypes.c_void_p()
        check(lib.fdi_input_open(inp, 2**31 - 1, ctypes.byref(frame), ctypes.byref(panel),
                                 ctypes.byref(err)), err)
        self._frame, self._panel = frame, panel
        stats = lib.fdi_frame_stats(frame).contents
        self.rows_read, self.rows_rejected = stats.rows_read, stats.rows_rejected
        if stats.rows_rejected:
            warnings.warn("fdi: %d of %d rows rejected in %s (fdi info lists them)"
                          % (stats.rows_rejected, stats.rows_read, path))

    def close(self):
        if self._panel:
            lib.fdi_panel_destroy(self._panel)
        if self._frame:
            lib.fdi_frame_destroy(self._frame)
        if self._input:
            lib.fdi_input_destroy(self._input)
        self._frame = self._panel = self._input = None

    def __del__(self):
        self.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @property
    def nseries(self):
        return lib.fdi_panel_nseries(self._panel)

    def _ask(self, fn, *args):
        err = _lib.FdiError()
        out = ctypes.c_void_p()
        check(fn(self._panel, *args, ctypes.byref(out), ctypes.byref(err)), err)
        return out

    def ytd(self, as_of):
        return _rows_of(self._ask(lib.fdi_ask_ytd, _period(as_of)))

    def yoy(self, as_of, single=False):
        return _rows_of(self._ask(lib.fdi_ask_yoy, _period(as_of), 1 if single else 0))

    def plan(self, as_of, plan=None, target=None):
        src = _plans(plan, target)
        return _rows_of(self._ask(lib.fdi_ask_plan, _period(as_of), ctypes.byref(src)))

    def forecast(self, as_of, plan=None, target=None, **fc):
        src, o = _plans(plan, target), _fc_options(**fc)
        return _rows_of(self._ask(lib.fdi_ask_forecast, _period(as_of), ctypes.byref(src),
                                  ctypes.byref(o)))

    def backtest(self, method=None, cutoffs=None, horizon=0, from_year=0, cases=False, **fc):
        o = _fc_options(**fc)
        b = _lib.BacktestOptions()
        methods = [method] if isinstance(method, str) else list(method or [])
        b.nmethods = len(methods)
        for i, m in enumerate(methods):
            b.methods[i] = _method(m)
        cut = list(cutoffs or [])
        b.ncutoffs = len(cut)
        for i, c in enumerate(cut):
            b.cutoffs[i] = c
        b.horizon, b.from_year, b.cases = horizon, from_year, int(bool(cases))
        return _rows_of(self._ask(lib.fdi_ask_backtest, ctypes.byref(o), ctypes.byref(b)))

    def whatif(self, as_of, scenarios, sweep=None, seek=None, vary=None, plan=None,
               target=None, **fc):
        src, o = _plans(plan, target), _fc_options(**fc)
        w = _lib.WhatifOptions(text(str(scenarios)), text(sweep) if sweep else None,
                               text(seek) if seek else None, text(vary) if vary else None)
        return _rows_of(self._ask(lib.fdi_ask_whatif, _period(as_of), ctypes.byref(src),
                                  ctypes.byref(o), ctypes.byref(w)))

    def _report(self, fn, as_of, plan, target, lang, markdown, unit, chart, disbursed_hint,
                fc):
        """The C report (the caller destroys it)."""
        src, o = _plans(plan, target), _fc_options(**fc)
        if lang not in ("en", "vi"):
            raise ValueError("lang takes en or vi, not %r" % lang)
        ro = _lib.ReportOptions(1 if lang == "vi" else 0, 1 if markdown else 0,
                                text(unit) if unit else None,
                                text(str(chart)) if chart else None,
                                text(disbursed_hint) if disbursed_hint else None)
        return self._ask(fn, _period(as_of), ctypes.byref(src), ctypes.byref(o),
                         ctypes.byref(ro))

    def report(self, as_of, plan=None, target=None, lang="en", markdown=False, unit=None,
               chart=None, disbursed_hint=None, **fc):
        rep = self._report(lib.fdi_ask_report, as_of, plan, target, lang, markdown, unit,
                           chart, disbursed_hint, fc)
        try:
            paragraphs = [(lib.fdi_report_title(rep, i).decode("utf-8"),
                           lib.fdi_report_text(rep, i).decode("utf-8"))
                          for i in range(lib.fdi_report_count(rep))]
            months = lib.fdi_report_months(rep)
            return Report(paragraphs, lib.fdi_report_document(rep).decode("utf-8"),
                          _read_rows(lib.fdi_report_table(rep)),
                          _read_rows(months) if months else None)
        finally:
            lib.fdi_report_destroy(rep)

    def report_html(self, as_of, path=None, plan=None, target=None, lang=None, unit=None,
                    disbursed_hint=None, **fc):
        """The report as one self-contained HTML page, as `fdi report ...
        -o PATH.html` writes it (lang None: both languages, as the command
        without --lang): written to path (whole or not at all) and None
        returned, or without path the page returned as a string."""
        rep = self._report(lib.fdi_ask_report_with_svg, as_of, plan, target, lang or "en",
                           False, unit, None, disbursed_hint, fc)
        try:
            if path is not None:
                self._write_page(rep, str(path), lang, plan)
                return None
            import tempfile
            with tempfile.TemporaryDirectory() as d:
                page = os.path.join(d, "report.html")
                self._write_page(rep, page, lang, plan)
                with open(page, encoding="utf-8") as f:
                    return f.read()
        finally:
            lib.fdi_report_destroy(rep)

    def _write_page(self, rep, path, lang, plan):
        err = _lib.FdiError()
        langs = {None: _lib.PAGE_EN | _lib.PAGE_VI, "en": _lib.PAGE_EN, "vi": _lib.PAGE_VI}[lang]
        inputs = (ctypes.c_char_p * len(self._paths))(*[text(p) for p in self._paths])
        pg = _lib.ReportPage(langs, inputs, len(self._paths),
                             text(str(plan)) if isinstance(plan, (str, os.PathLike)) else None)
        out = ctypes.c_void_p()
        title = text("fdi report " + os.path.basename(self._paths[0]))
        check(lib.fdi_output_open(text(path), _lib.FORMAT_HTML, title, ctypes.byref(out),
                                  ctypes.byref(err)), err)
        st = lib.fdi_report_write_html(rep, ctypes.byref(pg), lib.fdi_output_stream(out),
                                       ctypes.byref(err))
        if st != 0:
            lib.fdi_output_discard(out)
            raise Error(err)
        check(lib.fdi_output_commit(out, ctypes.byref(err)), err)

    def _info(self, fn):
        err = _lib.FdiError()
        out = ctypes.c_void_p()
        check(fn(self._frame, lib.fdi_input_panel_options(self._input), ctypes.byref(out),
                 ctypes.byref(err)), err)
        return _rows_of(out)

    def info(self):
        """What `fdi info FILE --format csv` gives: one row per fact
        (section, item, value, text; the "total" section's figures in
        members_missing, members_sum, published_total, difference,
        difference_pct)."""
        return self._info(lib.fdi_info_table)

    def info_totals(self):
        """Where the file holds total rows beside their members ("World",
        "Total", "Cả nước", or a row whose figures are the others' sum):
        per total and period the members' sum, the published total and how
        far apart they are (total, period, members, members_missing,
        members_sum, published_total, difference, difference_pct, found:
        "label" or "figures"); no rows when there is no total row."""
        return self._info(lib.fdi_info_totals)


def load(path, **options):
    """Read path (or a list of files whose columns agree, as one) into a
    panel with the command's input options."""
    return Panel(path, **options)
