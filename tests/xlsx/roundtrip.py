#!/usr/bin/python3
"""The doubles openpyxl wrote (books.py: roundtrip.xlsx, their repr in
roundtrip.txt) are the doubles libfdi reads, bit for bit, each in its month:
the frame's observations through the library's API (ctypes).
usage: roundtrip.py LIBFDI_SO roundtrip.xlsx roundtrip.txt"""
import ctypes as C
import sys


class Err(C.Structure):
    _fields_ = [("status", C.c_int), ("file", C.c_char_p), ("line", C.c_size_t),
                ("column", C.c_size_t), ("message", C.c_char * 2048), ("sheet", C.c_char * 128)]


lib = C.CDLL(sys.argv[1])
want = [float(x) for x in open(sys.argv[3])]
lib.fdi_input_create.argtypes = [C.c_char_p, C.POINTER(C.c_void_p), C.POINTER(Err)]
lib.fdi_input_open.argtypes = [C.c_void_p, C.c_int32, C.POINTER(C.c_void_p),
                               C.POINTER(C.c_void_p), C.POINTER(Err)]
for name in ("fdi_frame_nobs",):
    getattr(lib, name).restype = C.c_size_t
    getattr(lib, name).argtypes = [C.c_void_p]
lib.fdi_frame_obs_value.restype = C.POINTER(C.c_double)
lib.fdi_frame_obs_period.restype = C.POINTER(C.c_int32)
lib.fdi_frame_obs_line.restype = C.POINTER(C.c_uint32)
for name in ("fdi_frame_obs_value", "fdi_frame_obs_period", "fdi_frame_obs_line"):
    getattr(lib, name).argtypes = [C.c_void_p]
inp, frame, panel, err = C.c_void_p(), C.c_void_p(), C.c_void_p(), Err()
if lib.fdi_input_create(sys.argv[2].encode(), C.byref(inp), C.byref(err)) or \
        lib.fdi_input_open(inp, 2**31 - 1, C.byref(frame), C.byref(panel), C.byref(err)):
    sys.exit("roundtrip: %s" % err.message.decode())
n = lib.fdi_frame_nobs(frame)
value, period, line = (lib.fdi_frame_obs_value(frame), lib.fdi_frame_obs_period(frame),
                       lib.fdi_frame_obs_line(frame))
got = sorted((line[i], period[i], value[i]) for i in range(n))
bad = 0
if len(got) != len(want):
    sys.exit("roundtrip: %d values read, %d written" % (len(got), len(want)))
for i, (ln, per, v) in enumerate(got):
    month = 2020 * 12 + i  # written 2020-01, 2020-02, ...
    if ln != i + 2 or per != month or v != want[i] or v.hex() != want[i].hex():
        print("roundtrip: row %d: read %r in month %d, wrote %r in month %d"
              % (ln, v, per, want[i], month))
        bad += 1
sys.exit(1 if bad else 0)
