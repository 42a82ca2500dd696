#!/usr/bin/env bash
# Which options each fdi command takes, the spec written out independently
# of engine/cli/options.c: every command against every option it must
# refuse (exit 1, the message naming the option and the command), every
# option it must accept (parsed with --help: exit 0), every single-valued
# option given twice (exit 1), and --by naming a column twice or none
# (exit 1).
# usage: options.sh FDI_BINARY SOURCE_DIR
set -u
FDI=$1
SRC=$2
H=$SRC/datasets/haiphong/haiphong_fdi.csv
SC=$SRC/datasets/haiphong/scenarios.csv
PLAN=$SRC/datasets/haiphong/plan.csv
ERR=$(mktemp)
OUTD=$(mktemp -d)
trap 'rm -rf "$ERR" "$OUTD"' EXIT
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

# a valid value for every option ("" : a flag)
declare -A V=(
    [period]=period [key]=area,flow [value]=value_usd_m [measure-col]=flow
    [value-col]=value_usd_m [ytd]= [decimal]=. [thousands]=none [delimiter]=,
    [skip]=0 [scale]=1 [fy-start]=1 [filter]=flow=new [by]=area [fill]=zero
    [dedupe]=sum [keep-totals]= [strict]= [lenient]= [encoding]=latin1 [quiet]= [threads]=1
    [allow-future]= [format]=csv
    [as-of]=2016-09 [single]= [plan]=$PLAN [plan-value]=1800 [target]=3000
    [method]=ets [level]=80 [k-years]=2 [ets-model]=ANN [calibrate]=off [seed]=7
    [paths]=100 [cutoffs]=3,6 [from]=2015 [horizon]=3 [scenarios]=$SC
    [sweep]=q4_scale=0:1:0.5 [seek]=p_target=0.8 [vary]=q4_scale [lang]=vi
    [chart]=/dev/null [unit]=bn [output]=$OUTD/out.csv [help]=)
ALL="${!V[*]}"

INPUT="period key value measure-col value-col ytd decimal thousands delimiter skip
       scale fy-start filter fill dedupe strict lenient encoding quiet threads allow-future as-of
       output"
MODEL="method k-years ets-model calibrate seed paths"
declare -A ACCEPT=(
    [info]="$INPUT format"
    [ytd]="$INPUT by keep-totals format unit"
    [yoy]="$INPUT by keep-totals format single unit"
    [plan]="$INPUT by keep-totals format plan plan-value target unit"
    [forecast]="$INPUT by keep-totals format plan plan-value target level unit $MODEL"
    [backtest]="$INPUT by keep-totals format cutoffs from horizon $MODEL"
    [whatif]="$INPUT by keep-totals format plan plan-value target scenarios sweep seek vary unit $MODEL"
    [report]="$INPUT by keep-totals format plan plan-value target lang chart unit $MODEL")

# args NAME: the option as arguments
args() {
    if [ -n "${V[$1]}" ]; then printf '%s\n%s\n' "--$1" "${V[$1]}"; else printf '%s\n' "--$1"; fi
}
run() { "$FDI" "$@" >/dev/null 2>"$ERR"; }

for cmd in info ytd yoy plan forecast backtest whatif report; do
    acc=" $(echo ${ACCEPT[$cmd]}) help "
    for opt in $ALL; do
        mapfile -t a < <(args "$opt")
        [ "$opt" = format ] && [ "$cmd" = report ] && a=(--format markdown)
        if [[ "$acc" == *" $opt "* ]]; then
            run "$cmd" "$H" "${a[@]}" --help
            rc=$?
            [ $rc = 0 ] && ok || { bad "fdi $cmd ${a[*]} --help exited $rc"; sed 's/^/    /' "$ERR" >&2; }
            [ "$opt" = help ] || [ "$opt" = filter ] && continue
            run "$cmd" "$H" "${a[@]}" "${a[@]}"
            rc=$?
            if [ $rc = 1 ] && grep -qF -- "--$opt is given more than once" "$ERR"; then ok; else
                bad "fdi $cmd ${a[*]} ${a[*]} exited $rc, expected 1 naming --$opt"
            fi
        else
            run "$cmd" "$H" --as-of 2016-09 --value value_usd_m "${a[@]}"
            rc=$?
            if [ $rc = 1 ] && grep -qF -- "fdi $cmd: --$opt is not an option of $cmd" "$ERR"; then ok; else
                bad "fdi $cmd ${a[*]} exited $rc, expected 1 naming --$opt"
                sed 's/^/    /' "$ERR" >&2
            fi
        fi
    done
    # the option as --name=value too, and --filter repeats
    run "$cmd" "$H" --as-of=2016-09 --filter flow=new --filter area=x --help
    [ $? = 0 ] && ok || bad "fdi $cmd --as-of=... --filter twice --help"
done

# each command runs with its options (not a usage error)
base=(--as-of 2016-09 --value value_usd_m --quiet)
fc=(--filter "area=Hai Phong Economic Zone" --by area --paths 200)
runs() { # runs CMD ARGS...: fdi CMD on the file with base and ARGS, not exit 1
    local cmd=$1
    shift
    run "$cmd" "$H" "${base[@]}" "$@"
    local rc=$?
    [ $rc != 1 ] && ok || { bad "fdi $cmd ... $* exited 1"; sed 's/^/    /' "$ERR" >&2; }
}
runs info
runs ytd --by area,flow --format csv
runs yoy --single --by area
runs plan --plan "$PLAN" --target 3000 --by area
runs forecast --method seasonal --level 90 --k-years 2 "${fc[@]}"
runs backtest --method runrate --cutoffs 6 --from 2016
runs whatif --scenarios "$SC" --target 3000 --method seasonal "${fc[@]}"
runs report --plan "$PLAN" --lang vi --format markdown --method seasonal "${fc[@]}"
# -o, the short form of --output, once
run ytd "$H" "${base[@]}" -o "$OUTD/a.csv" -o "$OUTD/b.csv"
[ $? = 1 ] && grep -qF -- "--output is given more than once" "$ERR" && ok || bad "-o twice"
run ytd "$H" "${base[@]}" -o
[ $? = 1 ] && grep -qF -- "-o needs a value" "$ERR" && ok || bad "-o without a value"
[ -z "$(ls "$OUTD")" ] && ok || bad "a usage error wrote $(ls "$OUTD")"

# --by: a column twice (in any case, blanks around), too many names
for by in area,area "area, AREA" "flow,area,flow"; do
    run ytd "$H" "${base[@]}" --by "$by"
    rc=$?
    [ $rc = 1 ] && grep -qF -- "twice" "$ERR" && ok || bad "--by $by exited $rc, expected 1"
done
# --by naming no column acted as --by none (one total, exit 0): a usage error
for by in "" " " "," " , "; do
    run ytd "$H" "${base[@]}" --by "$by"
    rc=$?
    [ $rc = 1 ] && grep -qF -- "names no key column" "$ERR" && ok ||
        bad "--by '$by' exited $rc, expected 1"
done
run ytd "$H" "${base[@]}" --by "$(printf 'k%d,' $(seq 1 40))"
[ $? = 1 ] && grep -qF -- "--by takes at most" "$ERR" && ok || bad "--by with 40 names"
run ytd "$H" "${base[@]}" --by "$(head -c 300 /dev/zero | tr '\0' a)"
[ $? = 1 ] && ok || bad "--by with a 300-character name"
# abbreviations are not options, nor are flags with a value
run ytd "$H" "${base[@]}" --form csv
[ $? = 1 ] && grep -qF 'unknown option "--form"' "$ERR" && ok || bad "--form accepted"
run ytd "$H" "${base[@]}" --ytd=1
[ $? = 1 ] && grep -qF -- '--ytd takes no value' "$ERR" && ok || bad "--ytd=1 accepted"
run ytd "$H" "${base[@]}" --plan
[ $? = 1 ] && grep -qF -- '--plan is not an option of ytd' "$ERR" && ok || bad "ytd --plan (no value)"

summary
