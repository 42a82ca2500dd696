"""fdi: foreign direct investment month by month, from Python.

A thin layer over libfdi.so (ctypes, the standard library): every figure
comes from the same library calls the fdi command makes, so a script gets
the command's numbers, column for column.  It never runs the fdi command.

    import fdi
    panel = fdi.load("haiphong_fdi.csv", value="value_usd_m",
                     filter=["area=Hai Phong Economic Zone", "flow=new|adjusted"],
                     by="area")
    for row in panel.whatif("2016-09", scenarios="scenarios.csv", target=3000):
        print(row["scenario"], row["forecast"], row["p_target"])

Input options have the command's names (value, filter, by, ytd, decimal,
thousands, delimiter, skip, scale, fy_start, fill, dedupe, period, key,
measure_col, value_col, allow_future, threads, lenient, encoding, sheet); filter
takes a string or a list.  A file with rows that cannot be read raises
fdi.Error naming the first ones, unless lenient=True (then they are
counted in .rows_rejected, with a warning).  Each question returns a Rows object: a list of dicts whose keys are
the command's csv columns (numbers as floats, None where the command prints
n/a), with .columns and .to_pandas().  Errors raise fdi.Error carrying
fdi's message and, where a file is at fault, file, line and column.
"""
from ._lib import Error
from ._panel import Panel, Rows, Report, load

__all__ = ["Error", "Panel", "Rows", "Report", "load"]
