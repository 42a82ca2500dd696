#!/usr/bin/env bash
# fdi forecast under mpirun (issue 18, item 4): series per second for
# -np 1 and -np 2 on a generated set of FDI_MPI_SERIES (default 50,000)
# monthly series of 120 months (scripts/gen_series.py, seeded), the
# outputs compared byte for byte, and the cost model a 16-node run is
# predicted from.  Writes bench/results/mpi.md.
#
# The machine is shared: every figure is user+system CPU seconds per rank
# (/usr/bin/time around each rank), not wall-clock; a rank's CPU is its
# share of the critical path, and with one rank per core (no
# oversubscription on a quiet machine) the run's wall-clock is the largest
# rank's.  The merger may rerun it on a quiet machine.
#
# usage: bash bench/mpi.sh [BUILD_DIR]   (default build-mpi, configured
#        with -DFDI_MPI=ON -DCMAKE_BUILD_TYPE=Release when missing)
set -euo pipefail
cd "$(dirname "$0")/.."
B=${1:-build-mpi}
S=${FDI_MPI_SERIES:-50000}
ARGS=(--key series --value value --as-of 2023-09 --method seasonal --paths 1000 --format csv)
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
if [ ! -x "$B/fdi" ]; then
    cmake -S . -B "$B" -DCMAKE_BUILD_TYPE=Release -DFDI_MPI=ON -DFDI_BUILD_TESTS=OFF >/dev/null
    cmake --build "$B" -j2 --target fdi_cli >/dev/null
fi
FDI=$PWD/$B/fdi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
DATA=$T/series.csv
/usr/bin/python3 scripts/gen_series.py --n "$S" --seed 1 --out "$DATA" 2>/dev/null
BYTES=$(stat -c %s "$DATA")

cpu() { awk '{ print $1 + $2 }' "$1"; }
# reading alone: fdi info reads and checks every row, as forecast does
# (ytd and yoy skip the rows before their six-year window unchecked)
/usr/bin/time -f "%U %S %M" -o "$T/read" "$FDI" info "$DATA" --key series --value value \
    >/dev/null
# one process, no mpirun
/usr/bin/time -f "%U %S %M" -o "$T/plain" "$FDI" forecast "$DATA" "${ARGS[@]}" >"$T/plain.csv"
# N ranks, each timed
ranks() {
    local n=$1
    mpirun --oversubscribe -np "$n" sh -c \
        '/usr/bin/time -f "%U %S %M" -o "$0.$OMPI_COMM_WORLD_RANK" "$@"' "$T/np$n" \
        "$FDI" forecast "$DATA" "${ARGS[@]}" >"$T/np$n.csv"
}
ranks 1
ranks 2
cmp -s "$T/plain.csv" "$T/np1.csv" && cmp -s "$T/plain.csv" "$T/np2.csv" && SAME=yes || SAME=NO

R=$(cpu "$T/read")
P=$(cpu "$T/plain")
N1=$(cpu "$T/np1.0")
A2=$(cpu "$T/np2.0")
B2=$(cpu "$T/np2.1")
/usr/bin/python3 - "$S" "$BYTES" "$R" "$P" "$N1" "$A2" "$B2" "$SAME" >bench/results/mpi.md <<'EOF'
import sys
S, nbytes = int(sys.argv[1]), int(sys.argv[2])
read, plain, n1, a2, b2 = map(float, sys.argv[3:8])
same = sys.argv[8]
fit = (n1 - read) / S                 # CPU per series: fit, simulate, its row
rec = 640                             # bytes a series' result sends (series_record + header)
def model(ranks, bw=1e9, lat=20e-6):
    # read on every rank at once, fit its share, gather to rank 0
    # (a tree: log2(ranks) latencies, every byte once through rank 0's link)
    import math
    gather = math.ceil(math.log2(ranks)) * lat + S * rec / bw if ranks > 1 else 0.0
    return read + fit * S / ranks + gather, gather
crit2 = max(a2, b2)
p2, _ = model(2)
p32, g32 = model(32)
p16, g16 = model(16)
print(f"""# fdi forecast under mpirun: series per second (bench/mpi.sh)

{S:,} monthly series of 120 months (`scripts/gen_series.py --n {S} --seed 1`,
{nbytes / 1e6:.0f} MB), `fdi forecast --method seasonal --paths 1000 --as-of 2023-09`,
built with `-DFDI_MPI=ON -DCMAKE_BUILD_TYPE=Release`.  The machine (2 cores)
is shared with five other engineers' builds, so every figure is **CPU
seconds (user + system) per rank** from `/usr/bin/time`, not wall-clock:
with one rank per core the run takes as long as its busiest rank.  The
outputs of one process, `-np 1` and `-np 2` are byte-identical: **{same}**.

| run | rank 0 CPU s | rank 1 CPU s | critical path s | series/s |
| --- | ---: | ---: | ---: | ---: |
| one process, no mpirun | {plain:.2f} | | {plain:.2f} | {S / plain:,.0f} |
| `mpirun -np 1` | {n1:.2f} | | {n1:.2f} | {S / n1:,.0f} |
| `mpirun -np 2` | {a2:.2f} | {b2:.2f} | {crit2:.2f} | {S / crit2:,.0f} |

Reading alone (`fdi info` on the same file: every row read and checked):
{read:.2f} s.  Fitted to the two measured points instead, T(N) = a + b / N
gives a = {2 * crit2 - n1:.2f} s that does not shrink with N and b =
{2 * (n1 - crit2):.2f} s that does.

## Cost model

T(N) = read + S x fit / N + gather(N), with every rank reading the whole
file at once (on a cluster each node reads its own copy or the shared file
system; the read does not shrink with N), fit = (T(1) - read) / S =
{fit * 1e3:.3f} ms per series (fitting, 1,000 paths, the row), and gather =
log2(N) x 20 us + S x {rec} bytes / 1 GB/s (every series' result passes rank
0's link once: {S * rec / 1e6:.0f} MB, {S * rec / 1e9:.3f} s).

| N | predicted s | measured critical path s | series/s |
| ---: | ---: | ---: | ---: |
| 1 | {model(1)[0]:.2f} | {n1:.2f} | {S / model(1)[0]:,.0f} |
| 2 | {p2:.2f} | {crit2:.2f} | {S / p2:,.0f} |
| 16 nodes x 1 rank | {p16:.2f} | | {S / p16:,.0f} |
| 16 nodes x 2 ranks (one per core) | {p32:.2f} | | {S / p32:,.0f} |

The 2-rank prediction against the measured busiest rank: {100 * (crit2 / p2 - 1):+.0f}%.
Rank 1 prints nothing, so its CPU is the read plus its half of the series:
an excess there is the cost per series growing when both cores work (this
is a 2-vCPU virtual machine, load average about 5 during the run: the
vCPUs may share a physical core's caches), not the gather, which is
{S * rec / 1e6:.0f} MB.  The quiet-machine rerun will tell how much is the
machine.  At 16 nodes x 2 ranks the read ({read:.2f} s) is
{100 * read / p32:.0f}% of the predicted run: past that, speed comes from
reading (each rank reading only its series' byte ranges), not from more
ranks.

Reproduce: `bash bench/mpi.sh` (`FDI_MPI_SERIES=N` for another size).
""")
EOF
cat bench/results/mpi.md
