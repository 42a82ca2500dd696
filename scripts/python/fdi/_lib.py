"""The ctypes binding: finding libfdi.so, its structs and signatures."""
import ctypes
import ctypes.util
import os
import re

_HERE = os.path.dirname(os.path.abspath(__file__))


def _candidates():
    env = os.environ.get("FDI_LIB")
    if env:
        yield env
    # installed: <prefix>/lib/python3/dist-packages/fdi -> <prefix>/lib*/libfdi.so
    prefix = os.path.abspath(os.path.join(_HERE, "..", "..", "..", ".."))
    for libdir in ("lib", "lib64", os.path.join("lib", "x86_64-linux-gnu")):
        yield os.path.join(prefix, libdir, "libfdi.so.0")
    # the build tree: scripts/python/fdi -> <source>/build/libfdi.so
    source = os.path.abspath(os.path.join(_HERE, "..", "..", ".."))
    for build in ("build", "build-asan", "build-valgrind"):
        yield os.path.join(source, build, "libfdi.so.0")
    found = ctypes.util.find_library("fdi")
    if found:
        yield found


def _load():
    tried = []
    for path in _candidates():
        if os.path.sep in path and not os.path.exists(path):
            tried.append(path)
            continue
        try:
            return ctypes.CDLL(path)
        except OSError as e:
            tried.append("%s (%s)" % (path, e))
    raise ImportError("fdi: libfdi.so not found; build it (cmake --build build) or set "
                      "FDI_LIB to its path.  Tried: " + ", ".join(tried))


lib = _load()

c_double_p = ctypes.POINTER(ctypes.c_double)


class FdiError(ctypes.Structure):
    _fields_ = [("status", ctypes.c_int), ("file", ctypes.c_char_p),
                ("line", ctypes.c_size_t), ("column", ctypes.c_size_t),
                ("message", ctypes.c_char * 2048), ("sheet", ctypes.c_char * 128)]


PROGRESS = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_size_t, ctypes.c_size_t)


class FcOptions(ctypes.Structure):
    _fields_ = [("method", ctypes.c_int), ("k_years", ctypes.c_int),
                ("ets_model", ctypes.c_char_p), ("calibrate", ctypes.c_int),
                ("levels", ctypes.c_int * 4), ("nlevels", ctypes.c_int),
                ("paths", ctypes.c_size_t), ("seed", ctypes.c_ulong),
                ("progress", ctypes.c_void_p), ("progress_ctx", ctypes.c_void_p),
                ("shard", ctypes.c_void_p),  # fdi/shard.h; NULL here
                ("threads", ctypes.c_int)]


class PlanSource(ctypes.Structure):
    _fields_ = [("plan_file", ctypes.c_char_p), ("plan_value", ctypes.c_double),
                ("target", ctypes.c_double)]


class WhatifOptions(ctypes.Structure):
    _fields_ = [("scenarios_file", ctypes.c_char_p), ("sweep", ctypes.c_char_p),
                ("seek", ctypes.c_char_p), ("vary", ctypes.c_char_p)]


# FDI_FC_NMETHODS (fdi/forecast.h): checked against the library at import
NMETHODS = 8


class BacktestOptions(ctypes.Structure):
    _fields_ = [("methods", ctypes.c_int * NMETHODS), ("nmethods", ctypes.c_int),
                ("cutoffs", ctypes.c_int * 12), ("ncutoffs", ctypes.c_int),
                ("horizon", ctypes.c_int), ("from_year", ctypes.c_int),
                ("cases", ctypes.c_int)]


class ReportOptions(ctypes.Structure):
    _fields_ = [("lang", ctypes.c_int), ("markdown", ctypes.c_int),
                ("unit", ctypes.c_char_p), ("chart", ctypes.c_char_p),
                ("disbursed_hint", ctypes.c_char_p)]


class ReportPage(ctypes.Structure):
    _fields_ = [("langs", ctypes.c_int), ("inputs", ctypes.POINTER(ctypes.c_char_p)),
                ("ninputs", ctypes.c_size_t), ("plan", ctypes.c_char_p)]


PAGE_EN, PAGE_VI = 1, 2  # FDI_PAGE_EN, FDI_PAGE_VI (fdi/ask.h)
FORMAT_HTML = 4          # FDI_FORMAT_HTML (fdi/table.h)


class FrameStats(ctypes.Structure):
    _fields_ = [("rows_read", ctypes.c_size_t), ("rows_used", ctypes.c_size_t),
                ("rows_rejected", ctypes.c_size_t)]


vp, int_, size_t, dbl, cp = (ctypes.c_void_p, ctypes.c_int, ctypes.c_size_t,
                             ctypes.c_double, ctypes.c_char_p)
pvp = ctypes.POINTER(vp)
perr = ctypes.POINTER(FdiError)
i32 = ctypes.c_int32

_SIGNATURES = {
    "fdi_fc_method_name": (cp, [int_]),
    "fdi_input_create": (int_, [cp, pvp, perr]),
    "fdi_input_add_file": (int_, [vp, cp, perr]),
    "fdi_input_destroy": (None, [vp]),
    "fdi_input_set": (int_, [vp, cp, cp, perr]),
    "fdi_input_open": (int_, [vp, i32, pvp, pvp, perr]),
    "fdi_frame_destroy": (None, [vp]),
    "fdi_panel_destroy": (None, [vp]),
    "fdi_panel_nseries": (size_t, [vp]),
    "fdi_frame_stats": (ctypes.POINTER(FrameStats), [vp]),
    "fdi_parse_period": (int_, [cp, size_t, ctypes.POINTER(i32), ctypes.POINTER(int_),
                                ctypes.POINTER(cp)]),
    "fdi_fc_method_parse": (int_, [cp, ctypes.POINTER(int_)]),
    "fdi_fc_options_default": (FcOptions, []),
    "fdi_ask_ytd": (int_, [vp, i32, pvp, perr]),
    "fdi_ask_yoy": (int_, [vp, i32, int_, pvp, perr]),
    "fdi_ask_plan": (int_, [vp, i32, ctypes.POINTER(PlanSource), pvp, perr]),
    "fdi_ask_forecast": (int_, [vp, i32, ctypes.POINTER(PlanSource),
                                ctypes.POINTER(FcOptions), pvp, perr]),
    "fdi_ask_backtest": (int_, [vp, ctypes.POINTER(FcOptions),
                                ctypes.POINTER(BacktestOptions), pvp, perr]),
    "fdi_ask_whatif": (int_, [vp, i32, ctypes.POINTER(PlanSource), ctypes.POINTER(FcOptions),
                              ctypes.POINTER(WhatifOptions), pvp, perr]),
    "fdi_ask_report": (int_, [vp, i32, ctypes.POINTER(PlanSource), ctypes.POINTER(FcOptions),
                              ctypes.POINTER(ReportOptions), pvp, perr]),
    "fdi_report_destroy": (None, [vp]),
    "fdi_report_count": (size_t, [vp]),
    "fdi_report_title": (cp, [vp, size_t]),
    "fdi_report_text": (cp, [vp, size_t]),
    "fdi_report_document": (cp, [vp]),
    "fdi_report_table": (vp, [vp]),
    "fdi_report_months": (vp, [vp]),
    "fdi_ask_report_with_svg": (int_, [vp, i32, ctypes.POINTER(PlanSource),
                                       ctypes.POINTER(FcOptions), ctypes.POINTER(ReportOptions),
                                       pvp, perr]),
    "fdi_report_write_html": (int_, [vp, ctypes.POINTER(ReportPage), vp, perr]),
    "fdi_output_open": (int_, [cp, int_, cp, pvp, perr]),
    "fdi_output_stream": (vp, [vp]),
    "fdi_output_commit": (int_, [vp, perr]),
    "fdi_output_discard": (None, [vp]),
    "fdi_input_panel_options": (vp, [vp]),
    "fdi_info_table": (int_, [vp, vp, pvp, perr]),
    "fdi_info_totals": (int_, [vp, vp, pvp, perr]),
    "fdi_table_destroy": (None, [vp]),
    "fdi_table_nrows": (size_t, [vp]),
    "fdi_table_ncols": (size_t, [vp]),
    "fdi_table_column_name": (cp, [vp, int_]),
    "fdi_table_column_kind": (int_, [vp, int_]),
    "fdi_table_num": (dbl, [vp, ctypes.c_long, int_]),
    "fdi_table_text": (cp, [vp, ctypes.c_long, int_]),
    "fdi_location_format": (None, [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_size_t,
                                   ctypes.c_size_t, ctypes.c_char_p, ctypes.c_size_t]),
}

for _name, (_res, _args) in _SIGNATURES.items():
    _f = getattr(lib, _name)
    _f.restype = _res
    _f.argtypes = _args

# the structs above mirror the library's: a method added there (its array
# in fdi_backtest_options grows) must be added here, or every field after
# it would be read from the wrong place
if lib.fdi_fc_method_name(NMETHODS - 1) == b"?" or lib.fdi_fc_method_name(NMETHODS) != b"?":
    raise ImportError("fdi: this module knows %d forecast methods, the library %s: "
                      "update NMETHODS in fdi/_lib.py" % (NMETHODS, "fewer" if
                      lib.fdi_fc_method_name(NMETHODS - 1) == b"?" else "more"))

COL_TEXT = 0


class Error(Exception):
    """An fdi error: message, status name, and file, line, column where a
    file is at fault (None where not); in an Excel workbook also sheet, the
    line then the sheet's row and column its column (1 is A)."""

    def __init__(self, err, status_name=None):
        self.message = err.message.decode("utf-8", "replace")
        self.status = status_name or err.status
        self.file = err.file.decode("utf-8", "replace") if err.file else None
        self.line = err.line or None
        self.column = err.column or None
        self.sheet = err.sheet.decode("utf-8", "replace") or None
        if self.file and not self.line:
            self.line, self.column = _first_position(self.message, self.file)
        where = ":".join(str(x) for x in (self.file, self.line, self.column) if x)
        if self.sheet:
            buf = ctypes.create_string_buffer(1024)
            lib.fdi_location_format(err.file, err.sheet, err.line, err.column, buf, len(buf))
            where = buf.value.decode("utf-8", "replace")
        super().__init__("%s: %s" % (where, self.message) if where else self.message)


def _first_position(message, path):
    """Line and column of the first "  FILE:LINE[:COL]: ..." entry a strict
    read lists under its summary ("3 of 4 rows rejected ...; the first:"),
    whose own position is the file's alone; (None, None) when none."""
    m = re.search(r"^  %s:(\d+)(?::(\d+))?: " % re.escape(path), message, re.M)
    if not m:
        return None, None
    return int(m.group(1)), int(m.group(2)) if m.group(2) else None


def check(status, err):
    if status != 0:
        raise Error(err)


def text(s):
    return s.encode("utf-8") if isinstance(s, str) else s
