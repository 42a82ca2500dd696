#!/usr/bin/env bash
# fdi under mpirun (a build with -DFDI_MPI=ON; issue 18, items 1-3):
#   - forecast, backtest and whatif (scenarios, a sweep, a seek) under
#     mpirun -np 1, 2 and 3 print byte for byte what the same binary prints
#     without mpirun, on the bundled Hai Phong file and on 20 generated
#     monthly series (scripts/gen_series.py, seeded), and -o FILE too;
#   - a series that fails on rank 1 (a year-to-date series without its as-of
#     figure) fails the run with the message one process gives, exit 3 and
#     no table;
#   - a rank that fails before the results are gathered (it cannot read its
#     input) ends the run: nonzero exit, its message, no table.
# usage: tests/cli/mpi.sh FDI_MPI_BINARY SOURCE_DIR
# Skips (exit 0, saying so) when mpirun is absent; scripts/setup.sh --test
# installs Open MPI, so the test command runs it.
set -uo pipefail
FDI=$1
SRC=$2
if ! command -v mpirun >/dev/null; then
    echo "mpi.sh: SKIPPED: mpirun not found (apt-get install openmpi-bin libopenmpi-dev," \
         "or bash scripts/setup.sh --test)"
    exit 0
fi
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_btl_vader_single_copy_mechanism=none # containers: no CMA
MPIRUN=(mpirun --oversubscribe)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
ok() { :; }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }

/usr/bin/python3 "$SRC/scripts/gen_series.py" --n 20 --seed 3 --out "$T/s20.csv" 2>/dev/null
printf 'scenario,filter,from,to,op,value\nslow,,2023-10,2023-12,scale,0.7\nbig,series=S00007,2023-11,2023-11,add,500\nlate,,2023-12,2023-12,scale,1\n' >"$T/sc.csv"
HP=$SRC/datasets/haiphong/haiphong_fdi.csv
G=(--key series --value value --as-of 2023-09 --paths 300 --method ets)
H=(--as-of 2016-09 --value value_usd_m --paths 400)

# name, then the fdi arguments: one process, then -np 1, 2, 3
same() {
    local name=$1
    shift
    "$FDI" "$@" >"$T/one" 2>"$T/one.err"
    local rc1=$?
    [ -s "$T/one" ] || bad "$name: one process printed nothing (exit $rc1)"
    for np in 1 2 3; do
        "${MPIRUN[@]}" -np $np "$FDI" "$@" >"$T/np" 2>"$T/np.err"
        local rc=$?
        [ $rc = $rc1 ] || bad "$name: -np $np exit $rc, one process $rc1"
        cmp -s "$T/one" "$T/np" || { bad "$name: -np $np differs"; diff "$T/one" "$T/np" | head -5; }
    done
}
same "forecast (Hai Phong)" forecast "$HP" "${H[@]}" --format csv
same "forecast (Hai Phong, table, by area)" forecast "$HP" "${H[@]}" --by area --target 3000
same "whatif (Hai Phong)" whatif "$HP" "${H[@]}" --scenarios "$SRC/datasets/haiphong/scenarios.csv" \
    --filter "area=Hai Phong Economic Zone" --by area --target 3000 --format csv
same "forecast (20 series)" forecast "$T/s20.csv" "${G[@]}" --format csv
same "forecast (20 series, json)" forecast "$T/s20.csv" "${G[@]}" --format json
same "backtest (20 series)" backtest "$T/s20.csv" --key series --value value --format csv \
    --method runrate,seasonal,ets --cutoffs 3,9
same "backtest --cases (20 series)" backtest "$T/s20.csv" --key series --value value --format csv \
    --method seasonal,ets --cutoffs 3,9 --cases
same "backtest --horizon (20 series)" backtest "$T/s20.csv" --key series --value value \
    --method snaive,seasonal --horizon 6
same "whatif (20 series)" whatif "$T/s20.csv" "${G[@]}" --scenarios "$T/sc.csv" --format csv
same "whatif --sweep (20 series)" whatif "$T/s20.csv" "${G[@]}" --scenarios "$T/sc.csv" \
    --sweep late=0.5:1.5:0.25 --format csv
same "whatif --seek (20 series)" whatif "$T/s20.csv" "${G[@]}" --scenarios "$T/sc.csv" \
    --seek p_target=0.5 --vary slow --target 100 --format csv

# -o FILE: rank 0 writes it, whole
"$FDI" forecast "$T/s20.csv" "${G[@]}" -o "$T/one.csv"
"${MPIRUN[@]}" -np 2 "$FDI" forecast "$T/s20.csv" "${G[@]}" -o "$T/np.csv"
cmp -s "$T/one.csv" "$T/np.csv" || bad "forecast -o: -np 2 wrote another file"

# a series that fails on rank 1: S00002 loses its as-of figure; it is the
# lightest series (104 observed months, the others 105), so the
# longest-processing-time rule gives it to rank 1 last (10 series on rank 0,
# 9 on rank 1 before it)
awk -F, 'NR==1 { print "series,period,value"; next }
         { k = $1 substr($3, 1, 4); c[k] += $4
           if (!($1 == "S00002" && $3 == "2023-09")) printf "%s,%s,%.2f\n", $1, $3, c[k] }' \
    "$T/s20.csv" >"$T/ytd.csv"
"$FDI" whatif "$T/ytd.csv" --ytd "${G[@]}" --scenarios "$T/sc.csv" >"$T/one" 2>"$T/one.err"
rc1=$?
"${MPIRUN[@]}" -np 2 "$FDI" whatif "$T/ytd.csv" --ytd "${G[@]}" --scenarios "$T/sc.csv" \
    >"$T/np" 2>"$T/np.err"
rc=$?
[ $rc1 = 3 ] || bad "whatif with a failing series: one process exit $rc1, not 3"
[ $rc = 3 ] || bad "whatif with a failing series on rank 1: exit $rc, not 3"
[ -s "$T/np" ] && bad "whatif with a failing series on rank 1: a table was printed"
msg=$(head -1 "$T/one.err")
grep -qF "$msg" "$T/np.err" || bad "whatif, failing series on rank 1: not the message \"$msg\""
case "$msg" in *"no forecast for S00002: "*"no year to date"*) ;; *) bad "unexpected message: $msg" ;; esac

# rank 1 cannot read its input while rank 0 waits for its results
"${MPIRUN[@]}" -np 1 -x FDI_MPI_WAIT=1 "$FDI" forecast "$T/s20.csv" "${G[@]}" : \
    -np 1 -x FDI_MPI_WAIT=1 "$FDI" forecast "$T/missing.csv" "${G[@]}" >"$T/np" 2>"$T/np.err"
rc=$?
[ $rc != 0 ] || bad "a rank that cannot read: exit 0"
[ -s "$T/np" ] && bad "a rank that cannot read: a table was printed"
grep -q "\[rank 1\] fdi: .*missing.csv: cannot open" "$T/np.err" ||
    bad "a rank that cannot read: its message is missing: $(head -3 "$T/np.err")"

if [ $fails -ne 0 ]; then
    echo "mpi.sh: $fails failure(s)"
    exit 1
fi
echo "mpi.sh: mpirun -np 1, 2, 3 byte-identical to one process; faults fail the run"
