#!/bin/sh
# make bench: speed and memory of the crm programs side by side with the
# tools a user would otherwise use (Miller, GNU datamash, gawk, mawk,
# sqlite3, csvkit, DuckDB), on generated order exports; and the parallel
# paths (-j, --partial/--merge under GNU parallel) on a quiet and a busy
# machine.  See bench/README.md.
#
#   sh bench/run.sh [BUILD_DIR]        (programs in BUILD_DIR/bin)
#
# Environment: BENCH_SIZES (default "1m 10m"; any NNk or NNm: NN thousand or
# million rows, one customer per 10 rows), REPEAT (rounds: runs per command,
# default 3), BENCH_TIMEOUT (seconds per command, default 600), CSVKIT_SIZES (sizes
# on which csvkit runs, default "1m"), BENCH_RESULTS (the results file,
# default bench/RESULTS.md), BASELINE (a build directory of another
# version of crm, e.g. one built from an older commit: its programs run
# beside ours in the same rounds, and must give the same bytes).
#
# Not a test: nothing passes or fails on time.  Each peer's answer is
# checked against ours before its time is reported.

set -u

B=${1:-build}
BIN=$B/bin
BASELINE=${BASELINE:-}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
PEERS=$HERE/peers
W=$B/bench
OUT=$W/out
REPEAT=${REPEAT:-3}
BENCH_SIZES=${BENCH_SIZES:-"1m 10m"}
TIMEOUT=${BENCH_TIMEOUT:-600}
CSVKIT_SIZES=${CSVKIT_SIZES:-"1m"}
RESULTS=${BENCH_RESULTS:-$HERE/RESULTS.md}
AS_OF=2025-12-31
TAB=$(printf '\t')

# The C locale everywhere: byte order for sort, '.' as decimal point.
LC_ALL=C
export LC_ALL
# csvkit's SQLAlchemy prints a deprecation banner on every run otherwise.
SQLALCHEMY_SILENCE_UBER_WARNING=1
PYTHONWARNINGS=ignore
export SQLALCHEMY_SILENCE_UBER_WARNING PYTHONWARNINGS

say() { printf 'bench: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }

case $REPEAT in ''|*[!0-9]*|0) die "REPEAT must be a whole number >= 1" ;; esac
for p in crm-score crm-pareto crm-segment crm-followup; do
	[ -x "$BIN/$p" ] || die "$BIN/$p: not built (run make first)"
done
if [ -n "$BASELINE" ]; then
	for p in crm-score crm-pareto crm-segment crm-followup; do
		[ -x "$BASELINE/bin/$p" ] || die "$BASELINE/bin/$p: not built"
	done
	BASE_BIN=$(cd "$BASELINE/bin" && pwd)
fi
mkdir -p "$W" "$OUT" || die "cannot create $W"
# absolute paths from here on: commands run in sh -c
W=$(cd "$W" && pwd)
OUT=$W/out
BIN=$(cd "$BIN" && pwd)

# ---------------------------------------------------------------- peers

# Installs the missing peers from Debian packages: all at once, then after
# an apt-get update one by one, so that one that cannot be installed does
# not keep the others out.  Each peer is optional; /usr/bin/time is not.
install_peers() {
	need=""
	for p in mlr:miller datamash:datamash gawk:gawk mawk:mawk \
	    sqlite3:sqlite3 csvsql:csvkit /usr/bin/time:time timeout:coreutils \
	    node:nodejs npm:npm parallel:parallel; do
		have "${p%%:*}" || need="$need ${p#*:}"
	done
	[ -z "$need" ] && return 0
	say "installing:$need"
	if [ "$(id -u)" != 0 ] || ! have apt-get; then
		say "not root or no apt-get: cannot install$need"
		return 0
	fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need \
	    >/dev/null 2>&1 && return 0
	apt-get update -qq >/dev/null 2>&1
	for pkg in $need; do
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$pkg" \
		    >/dev/null 2>&1 || say "could not install $pkg"
	done
}

install_peers
[ -x /usr/bin/time ] || die "/usr/bin/time (GNU time, package time) is needed"
have timeout || die "timeout (coreutils) is needed"
if have bash; then RUNSH="bash -o pipefail -c"; else RUNSH="sh -c"; fi
# The normaliser of answers: any awk; mawk when there, as it is fastest.
if have mawk; then AWK=mawk; elif have gawk; then AWK=gawk; else AWK=awk; fi
# The generator: the same bytes under any of them.
GEN_AWK=$AWK

# DuckDB through @duckdb/node-api from the npm registry (the package ships
# DuckDB's library: nothing to build), installed into its own folder,
# BUILD_DIR/bench/duckdb, from bench/duckdb/package.json when missing or
# when package.json changed.  DUCKDB_VERSION is empty, and DUCKDB_WHY
# says why, when it cannot be installed or loaded.
DUCKDB_DIR=$W/duckdb
DUCKDB_JS=$HERE/duckdb/query.cjs
DUCKDB_VERSION=
DUCKDB_WHY=
install_duckdb() {
	if ! have node || ! have npm; then
		DUCKDB_WHY="node or npm missing (Debian packages nodejs, npm)"
		return 0
	fi
	if [ ! -f "$DUCKDB_DIR/node_modules/@duckdb/node-api/package.json" ] ||
	    ! cmp -s "$HERE/duckdb/package.json" "$DUCKDB_DIR/package.json"; then
		say "installing @duckdb/node-api into $DUCKDB_DIR"
		mkdir -p "$DUCKDB_DIR" &&
		    cp "$HERE/duckdb/package.json" "$DUCKDB_DIR/package.json" &&
		    (cd "$DUCKDB_DIR" && npm install --no-audit --no-fund \
		    --loglevel=error > npm.log 2>&1) || {
			DUCKDB_WHY="npm install failed: $(tail -1 "$DUCKDB_DIR/npm.log" 2>/dev/null)"
			say "DuckDB: $DUCKDB_WHY"
			return 0
		}
	fi
	DUCKDB_VERSION=$(node "$DUCKDB_JS" "$DUCKDB_DIR" version 2>&1) || {
		DUCKDB_WHY="it does not load: $(printf '%s' "$DUCKDB_VERSION" | head -1)"
		DUCKDB_VERSION=
		say "DuckDB: $DUCKDB_WHY"
	}
}
install_duckdb

# ---------------------------------------------------------------- parse

CC=${CC:-cc}
PARSE=$W/parse
if [ ! -x "$PARSE" ] || [ "$HERE/parse.c" -nt "$PARSE" ]; then
	say "building $PARSE"
	$CC -O2 -o "$PARSE" "$HERE/parse.c" -lcsv ||
	    die "cannot build bench/parse.c (libcsv-dev missing? run make first)"
fi

# The stages of crm-score --model (bench/clvstages.c), over the library
# of the build.
CLVSTAGES=$W/clvstages
LIBCRM=$(cd "$B" && pwd)/libcrm.a
if [ ! -x "$CLVSTAGES" ] || [ "$HERE/clvstages.c" -nt "$CLVSTAGES" ] ||
    [ "$LIBCRM" -nt "$CLVSTAGES" ]; then
	say "building $CLVSTAGES"
	$CC -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O2 \
	    -I"$ROOT/lib" -o "$CLVSTAGES" "$HERE/clvstages.c" "$LIBCRM" \
	    -lcsv -lyaml -lgsl -lgslcblas -lm ||
	    die "cannot build bench/clvstages.c (run make first)"
fi

# has_opt PROG OPTION: PROG's --help mentions OPTION (-j, --partial ...):
# the rows that need an option the build lacks say "not available in
# this build" instead of failing.
has_opt() {
	"$BIN/$1" --help 2>&1 | grep -q -E -e "(^|[^a-z-])$2([^a-z-]|\$)"
}
SCORE_J= PARETO_J= SCORE_PARTIAL= PARETO_PARTIAL=
has_opt crm-score -j && SCORE_J=1
has_opt crm-pareto -j && PARETO_J=1
has_opt crm-score --partial && has_opt crm-score --merge && SCORE_PARTIAL=1
has_opt crm-pareto --partial && has_opt crm-pareto --merge && PARETO_PARTIAL=1
NOT_IN_BUILD="not available in this build"

# A CPU hog for the busy-machine rows: one shell loop, one core.
HOG=
start_hog() {
	sh -c 'while :; do :; done' &
	HOG=$!
}
stop_hog() {
	if [ -n "$HOG" ]; then
		kill "$HOG" 2>/dev/null
		wait "$HOG" 2>/dev/null
		HOG=
	fi
}
trap stop_hog EXIT
trap 'exit 1' INT TERM HUP

# ---------------------------------------------------------------- data

# size_rows NAME: the number of rows of a size name (1m, 10m, 250k ...).
size_rows() {
	case $1 in
	*[!0-9km]*|'') echo 0 ;;
	*m) echo $(( ${1%m} * 1000000 )) ;;
	*k) echo $(( ${1%k} * 1000 )) ;;
	*) echo "$1" ;;
	esac
}

fsize() { wc -c < "$1" | tr -d ' '; }

# gen NAME ROWS CUSTOMERS: the orders file, kept between runs: generated
# again only when missing, of another size than the stamp says, or when
# gen.awk or the parameters changed.
gen() {
	g_file=$W/orders-$1.csv
	g_stamp=$W/orders-$1.stamp
	g_want="rows=$2 customers=$3 gen=$(cksum < "$HERE/gen.awk" | cut -d' ' -f1)"
	if [ -f "$g_file" ] && [ -f "$g_stamp" ] &&
	    [ "$(sed -n 1p "$g_stamp")" = "$g_want" ] &&
	    [ "$(fsize "$g_file")" = "$(sed -n 2p "$g_stamp")" ]; then
		say "$1: $g_file is there ($(fsize "$g_file") bytes)"
		return 0
	fi
	say "$1: generating $2 rows, $3 customers into $g_file"
	rm -f "$g_stamp"
	$GEN_AWK -v rows="$2" -v customers="$3" -f "$HERE/gen.awk" \
	    > "$g_file.tmp" || die "generator failed"
	mv "$g_file.tmp" "$g_file"
	printf '%s\n%s\n' "$g_want" "$(fsize "$g_file")" > "$g_stamp"
}

# ---------------------------------------------------------------- timing

# measure TOOL OUTFILE COMMAND: runs COMMAND once, in this round, with
# its standard output in OUTFILE.  Sets M_TIME (median wall time in
# seconds of the runs so far, from date +%s%N around each run), M_RSS
# (largest peak RSS of the runs in KiB, GNU time's %M) and M_STATUS (ok,
# or why not).  The rounds run every command once each in turn, so that a
# slow spell of the machine falls on several tools, not on every run of
# one; a command that failed is not run again.
measure() {
	m_tool=$1 m_out=$2 m_cmd=$3
	m_key=$TIMES/$TASK-$(printf '%s' "$m_tool" | cksum | cut -d' ' -f1)
	M_RSS=0 M_STATUS=ok M_TIME=
	if [ -f "$m_key.status" ]; then
		M_STATUS=$(cat "$m_key.status")
		return 0
	fi
	say "$SIZE $TASK: $m_tool (round $ROUND of $REPEAT)"
	# the last round's output goes before the clock starts: freeing its
	# pages on truncation (70 ms for 60 MB here) is not this run's work
	[ -f "$m_out" ] && rm -f "$m_out"
	m_t0=$(date +%s%N)
	/usr/bin/time -f '%M' -o "$W/time.out" \
	    timeout "$TIMEOUT" $RUNSH "$m_cmd" > "$m_out" 2> "$W/stderr.out"
	m_rc=$?
	m_t1=$(date +%s%N)
	if [ "$m_rc" -eq 124 ]; then
		M_STATUS="timeout (over $TIMEOUT s)"
	elif [ "$m_rc" -ne 0 ]; then
		M_STATUS="failed (exit $m_rc: $(grep -v '^ *$' "$W/stderr.out" |
		    head -1 | cut -c1-120 | tr '|' '/'))"
		say "$m_tool: $M_STATUS"
	fi
	if [ "$M_STATUS" != ok ]; then
		printf '%s\n' "$M_STATUS" > "$m_key.status"
		return 0
	fi
	echo $(( (m_t1 - m_t0) / 1000 )) >> "$m_key.times"
	m_rss=$(tail -1 "$W/time.out")
	case $m_rss in ''|*[!0-9]*) m_rss=0 ;; esac
	M_RSS=$(cat "$m_key.rss" 2>/dev/null || echo 0)
	[ "$m_rss" -gt "$M_RSS" ] && M_RSS=$m_rss
	echo "$M_RSS" > "$m_key.rss"
	M_TIME=$(sort -n "$m_key.times" | $AWK '
	    { a[NR] = $1 }
	    END { m = NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
	          printf "%.3f", m / 1e6 }')
	return 0
}

# record TOOL CHECK: appends the last measure to the rows of the task.
record() {
	printf '%s|%s|%s|%s|%s\n' "$1" "$M_TIME" "$M_RSS" "$M_STATUS" "$2" \
	    >> "$ROWS"
}

# baseline TOOL REF COMMAND: with BASELINE set, runs COMMAND (written with
# $BIN) with the baseline's programs instead, as "TOOL (baseline)", and
# checks that its output is byte for byte REF, ours.
baseline() {
	[ -n "$BASELINE" ] || return 0
	b_out=$REF.baseline
	measure "$1 (baseline)" "$b_out" "$(printf '%s' "$3" |
	    sed "s|'$BIN/|'$BASE_BIN/|g")"
	if [ "$M_STATUS" = ok ] && cmp -s "$2" "$b_out"; then
		record "$1 (baseline)" "same bytes"
	else
		record "$1 (baseline)" "differs"
	fi
}

# ---------------------------------------------------------------- checks

# norm SPEC FILE: the chosen fields of a CSV answer, normalised, sorted.
norm() { $AWK -v cols="$1" -f "$HERE/norm.awk" "$2" | sort; }

# ndiff A B: how many keys (first field) have a line in one sorted
# normalised file and not in the other: customers missing, extra or with
# another value.
ndiff() {
	comm -3 "$1" "$2" | sed "s/^$TAB//" | cut -f1 | sort -u | wc -l |
	    tr -d ' '
}

# ncum A B: ranks (first field) whose cumulative share (second field)
# differs by more than 1e-6, or that only one file has.
ncum() {
	$AWK -F "$TAB" 'NR == FNR { c[$1] = $2; next }
	    { seen[$1] = 1; d = c[$1] - $2
	      if (!($1 in c) || d > 1e-6 || d < -1e-6) bad++ }
	    END { for (k in c) if (!(k in seen)) bad++; print bad + 0 }' "$1" "$2"
}

# check_keyed REF_SPEC REF PEER_SPEC PEER: "yes" or "wrong (...)".  The
# keyed comparison of the RFM and segmentation tasks.
check_keyed() {
	norm "$1" "$2" > "$W/ref.n"
	if ! norm "$3" "$4" > "$W/peer.n" 2> "$W/norm.err"; then
		echo "wrong ($(head -1 "$W/norm.err" | tr '|' '/'))"
		return
	fi
	ck_n=$(ndiff "$W/ref.n" "$W/peer.n")
	ck_all=$(wc -l < "$W/ref.n" | tr -d ' ')
	if [ "$ck_n" -eq 0 ] && [ "$ck_all" -gt 0 ]; then
		echo "yes"
	else
		echo "wrong ($ck_n of $ck_all customers differ)"
	fi
}

# check_pareto REF PEER KEY VALUE RANK CUM: the per-customer sums, and the
# cumulative share at each rank (which does not depend on how ties are
# ordered, as tied items have the same value).
check_pareto() {
	norm "customer_id:id,amount:money" "$1" > "$W/ref.n"
	norm "pareto_rank:int,cum_share:num" "$1" > "$W/ref.c"
	if ! norm "$3:id,$4:money" "$2" > "$W/peer.n" 2> "$W/norm.err" ||
	    ! norm "$5:int,$6:num" "$2" > "$W/peer.c" 2>> "$W/norm.err"; then
		echo "wrong ($(head -1 "$W/norm.err" | tr '|' '/'))"
		return
	fi
	cp_a=$(ndiff "$W/ref.n" "$W/peer.n")
	cp_b=$(ncum "$W/ref.c" "$W/peer.c")
	cp_all=$(wc -l < "$W/ref.n" | tr -d ' ')
	if [ "$cp_a" -eq 0 ] && [ "$cp_b" -eq 0 ] && [ "$cp_all" -gt 0 ]; then
		echo "yes"
	else
		echo "wrong ($cp_a of $cp_all customer sums, $cp_b ranks' cumulative shares differ)"
	fi
}

# selftest: the checks must catch a wrong answer.  Our own answer with one
# customer left out, and with one value changed, must each give "wrong".
selftest() {
	st_ref=$1 st_spec=$2
	$AWK 'NR != 3' "$st_ref" > "$W/selftest.csv"
	case $(check_keyed "$st_spec" "$st_ref" "$st_spec" "$W/selftest.csv") in
	"wrong (1 of "*) ;;
	*) die "self-test: the check did not catch a missing customer" ;;
	esac
	norm "$st_spec" "$st_ref" > "$W/ref.n"
	$AWK -F "$TAB" -v OFS="$TAB" 'NR == 2 { $NF = $NF "9" } { print }' \
	    "$W/ref.n" > "$W/peer.n"
	[ "$(ndiff "$W/ref.n" "$W/peer.n")" -eq 1 ] ||
	    die "self-test: the check did not catch a changed value"
	case $(check_keyed "$st_spec" "$st_ref" "$st_spec" "$st_ref") in
	yes) ;;
	*) die "self-test: our answer does not match itself" ;;
	esac
}

# sqlite_script SCRIPT SQL IMPORT: a sqlite3 script that runs IMPORT
# (lines that load the input) and then peers/SQL, with CSV output.
sqlite_script() {
	printf '%s\n.headers on\n.mode csv\n.read %s\n' "$3" "'$PEERS/$2'" > "$1"
}

# keyed_sql_peers LABEL SQL TABLE INPUT IMPORT: the sqlite3 peer of the
# task ("sqlite3 (.import + LABEL)") and on CSVKIT_SIZES csvkit's, both
# running peers/SQL over INPUT as TABLE (loaded by IMPORT for sqlite3),
# checked by keyed_peer against REF_SPEC.
keyed_sql_peers() {
	if have sqlite3; then
		sqlite_script "$W/sqlite-$TASK.sql" "$2" "$5"
		keyed_peer "sqlite3 (.import + $1)" "$O-$TASK-sqlite.csv" \
		    "$REF_SPEC" "sqlite3 < '$W/sqlite-$TASK.sql'"
	else printf 'sqlite3|||not available|\n' >> "$ROWS"; fi
	case " $CSVKIT_SIZES " in
	*" $SIZE "*)
		if have csvsql; then
			keyed_peer "csvkit csvsql -I" "$O-$TASK-csvkit.csv" \
			    "$REF_SPEC" "csvsql -I --tables $3 --query '$PEERS/$2' '$4'"
		else printf 'csvkit|||not available|\n' >> "$ROWS"; fi ;;
	esac
}

# ---------------------------------------------------------------- report

# table FILE_SIZE REF_TIME: the rows of the task as a Markdown table, with
# MB/s over FILE_SIZE bytes and ratios to ours (the first row whose check
# is "reference") and to REF_TIME (the bare libcsv parse of the input).
table() {
	$AWK -F '|' -v size="$1" -v parse="$2" '
	function ratio(t, r) { return (t == "" || r == "" || r + 0 == 0) ? "—" : sprintf("%.2f", t / r) }
	{ tool[NR] = $1; t[NR] = $2; rss[NR] = $3; st[NR] = $4; ck[NR] = $5
	  if (ours == "" && $5 == "reference" && $2 != "") ours = $2 }
	END {
		print "| tool | median s | MB/s | peak RSS MB | × ours | × bare parse | correct? |"
		print "| --- | ---: | ---: | ---: | ---: | ---: | --- |"
		for (i = 1; i <= NR; i++) {
			if (st[i] != "ok") {
				printf "| %s | — | — | — | — | — | %s |\n", tool[i], st[i]
				continue
			}
			if (ck[i] == "reference")
				ro = "1.00"
			else if (ck[i] == "physical reference")
				ro = "—"
			else
				ro = ratio(t[i], ours)
			mbs = t[i] > 0 ? size / 1e6 / t[i] : 0
			printf "| %s | %.3f | %.1f | %.1f | %s | %s | %s |\n", tool[i],
			    t[i], mbs, rss[i] / 1024, ro, ratio(t[i], parse), ck[i]
		}
	}' "$ROWS"
}

# get TASK TOOL FIELD: a field (2 time, 3 rss) of a recorded row.
get() {
	$AWK -F '|' -v tool="$2" -v f="$3" '$1 == tool && $4 == "ok" { print $f; exit }' \
	    "$W/rows-$SIZE-$1"
}

# target TEXT VALUE OP LIMIT: one line of the targets list.
target() {
	if [ -z "$2" ]; then
		echo "- $1: not measured"
		return
	fi
	$AWK -v text="$1" -v v="$2" -v op="$3" -v lim="$4" 'BEGIN {
		ok = op == "<=" ? v <= lim : v >= lim
		printf "- %s: %.2f (target %s %s): %s\n", text, v, op, lim, ok ? "met" : "NOT met" }'
}

div() { [ -n "$1" ] && [ -n "$2" ] && $AWK -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.4f", a / b }'; }

# ---------------------------------------------------------------- models

# models_task FILE DATE_COL CAL_END AS_OF PARSE_TIME: crm-score --model on
# FILE (dates in DATE_COL, calibration end CAL_END, as of AS_OF), timed
# with its peak memory: BG/NBD and Pareto/NBD with Gamma-Gamma, fit and
# scoring; then Pareto/NBD again with the parameters its fit saved
# (--params-in: the summary pass and the scoring, no fit), which must
# give the same bytes.  The last round adds where the time goes, stage
# by stage (bench/clvstages.c).
models_task() {
	mt_f=$1 mt_date=$2 mt_cal=$3 mt_asof=$4 mt_parse=$5
	TASK=models
	ROWS=$W/rows-$SIZE-$TASK
	: > "$ROWS"
	mt_opts="--spend gamma-gamma --date $mt_date --calibration-end $mt_cal --as-of $mt_asof -q"
	REF=$O-models-bgnbd.csv
	measure "crm-score --model bgnbd (fit, score)" "$REF" \
	    "'$BIN/crm-score' --model bgnbd $mt_opts --params '$W/params-bgnbd-$SIZE.csv' '$mt_f'"
	record "crm-score --model bgnbd (fit, score)" reference
	REF=$O-models-pnbd.csv
	measure "crm-score --model pnbd (fit, score)" "$REF" \
	    "'$BIN/crm-score' --model pnbd $mt_opts --params '$W/params-pnbd-$SIZE.csv' '$mt_f'"
	record "crm-score --model pnbd (fit, score)" "—"
	if [ "$M_STATUS" = ok ]; then
		measure "crm-score --model pnbd --params-in (score only)" \
		    "$O-models-pnbd-in.csv" \
		    "'$BIN/crm-score' --model pnbd $mt_opts --params-in '$W/params-pnbd-$SIZE.csv' '$mt_f'"
		if [ "$M_STATUS" = ok ] && cmp -s "$REF" "$O-models-pnbd-in.csv"; then
			record "crm-score --model pnbd --params-in (score only)" "same bytes as the fit's"
		else
			record "crm-score --model pnbd --params-in (score only)" "differs"
		fi
	fi
	{
		echo
		echo "#### Customer-base models (crm-score --model ... --spend gamma-gamma, calibration end $mt_cal)"
		echo
		table "$(fsize "$mt_f")" "$mt_parse"
	} >> "$REPORT"
	[ "$ROUND" -eq "$REPEAT" ] || return 0
	{
		echo
		echo "Where the time goes, stage by stage (bench/clvstages.c, one run, weeks):"
		echo
		echo "| stage | s | |"
		echo "| --- | ---: | --- |"
		"$CLVSTAGES" "$mt_f" customer_id "$mt_date" amount "$mt_cal" \
		    "$mt_asof" 2>&1 || echo "| clvstages failed | | |"
	} >> "$REPORT"
}

# cdnow_task: the models on the CDNOW master file of the team's shared
# data (23,570 customers; converted to CSV on the fly), weeks, calibration
# end 1997-09-30 as in the papers, when the file is there.
CDNOW_MASTER=$ROOT/../shared/data/cdnow/CDNOW_master.txt
cdnow_task() {
	if [ ! -f "$CDNOW_MASTER" ]; then
		printf '\n### CDNOW master\n\nNot run: %s is not there.\n' \
		    "$CDNOW_MASTER" >> "$REPORT"
		return 0
	fi
	C=$W/cdnow-master.csv
	tr -d '\r' < "$CDNOW_MASTER" | $AWK 'NR == 1 {
		print "customer_id,date,cds,amount"; next }
	    { print $1 "," $2 "," $3 "," $4 }' > "$C" ||
	    die "cannot convert $CDNOW_MASTER"
	SIZE=cdnow O=$OUT/cdnow
	TIMES=$W/times-cdnow
	rm -rf "$TIMES" && mkdir -p "$TIMES" || die "cannot create $TIMES"
	c_all=$REPORT
	REPORT=$W/report-cdnow.md
	ROUND=1
	while [ "$ROUND" -le "$REPEAT" ]; do
		{
			echo
			echo "### CDNOW master: $(($(wc -l < "$C") - 1)) purchase rows, $(($(cut -d, -f1 "$C" | sort -u | wc -l) - 1)) customers, $(fsize "$C") bytes"
		} > "$REPORT"
		cat "$C" > /dev/null
		models_task "$C" date 1997-09-30 1998-06-30 ""
		ROUND=$((ROUND + 1))
	done
	cat "$REPORT" >> "$c_all"
	REPORT=$c_all
}

# ---------------------------------------------------------------- tasks

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)
REPORT=$W/report.md
: > "$REPORT"

CRM_VERSION=$("$BIN/crm-score" -V 2>&1 | head -1)
ver() { if have "$1"; then shift; "$@" 2>&1 | head -1; else echo "not available"; fi; }

# same_peer TOOL OUTFILE COMMAND: one of our own commands (another -j, the
# partial/merge path ...), which must write REF's bytes.
same_peer() {
	measure "$1" "$2" "$3"
	if [ "$M_STATUS" != ok ]; then
		record "$1" "—"
	elif cmp -s "$REF" "$2"; then
		record "$1" "same bytes"
	else
		record "$1" "differs"
	fi
}

# na_row TOOL WHY: a row that was not run.
na_row() { printf '%s|||%s|\n' "$1" "$2" >> "$ROWS"; }

threads() { if [ "$1" -eq 1 ]; then echo "1 thread"; else echo "$1 threads"; fi; }

# duckdb_rows KIND [SUFFIX]: DuckDB at 1 and 2 threads on the task KIND
# (rfm: plain sums, and count(DISTINCT order_id); pareto), checked as the
# other peers are; SUFFIX is added to the tool's name.
duckdb_rows() {
	if [ -z "$DUCKDB_VERSION" ]; then
		na_row "DuckDB (node-api)" "not available: $DUCKDB_WHY"
		return 0
	fi
	for th in 1 2; do
		dr_n=$(threads $th)${2:-}
		dr_js="node '$DUCKDB_JS' '$DUCKDB_DIR'"
		case $1 in
		rfm)
			keyed_peer "DuckDB, $dr_n" "$O-$TASK-duckdb$th.csv" \
			    "$REF_SPEC" "$dr_js rfm '$F' $th"
			[ -n "${2:-}" ] && continue
			keyed_peer "DuckDB count(DISTINCT order_id), $dr_n" \
			    "$O-$TASK-duckdb-distinct$th.csv" "$REF_SPEC" \
			    "$dr_js rfm-distinct '$F' $th" ;;
		pareto)
			pareto_peer "DuckDB, $dr_n" "$O-$TASK-duckdb$th.csv" \
			    customer_id amount pareto_rank cum_share \
			    "$dr_js pareto '$F' $th" ;;
		esac
	done
}

# jobs_rows PROG OPTS KIND: PROG at -j 1 and -j 2 (when the build has -j),
# and its partial/merge path at 2 local jobs under GNU parallel, then the
# merge alone over the saved partial state (its own time and memory).
jobs_rows() {
	jr_p=$1 jr_o=$2 jr_k=$3
	jr_has_j=$SCORE_J jr_has_partial=$SCORE_PARTIAL
	if [ "$jr_p" = crm-pareto ]; then
		jr_has_j=$PARETO_J jr_has_partial=$PARETO_PARTIAL
	fi
	if [ -n "$jr_has_j" ]; then
		for j in 1 2; do
			same_peer "$jr_p -j $j" "$O-$jr_k-j$j.csv" \
			    "'$BIN/$jr_p' -j $j $jr_o -q '$F'"
		done
	else
		na_row "$jr_p -j 1, -j 2" "$NOT_IN_BUILD"
	fi
	jr_par="$jr_p --partial in 2 jobs (GNU parallel --pipepart), then --merge"
	if [ -z "$jr_has_partial" ]; then
		na_row "$jr_par" "$NOT_IN_BUILD"
		return 0
	fi
	if ! have parallel; then
		na_row "$jr_par" "not available: no GNU parallel"
		return 0
	fi
	jr_map="parallel --will-cite -j 2 --pipepart --block -1 --header : -a '$F' '$BIN/$jr_p' --partial $jr_o -q"
	same_peer "$jr_par" "$O-$jr_k-par.csv" \
	    "$jr_map | '$BIN/$jr_p' --merge $jr_o -q"
	jr_state=$W/partial-$jr_k-$SIZE.txt
	[ -s "$jr_state" ] || $RUNSH "$jr_map" > "$jr_state" ||
	    die "$jr_p --partial under GNU parallel failed"
	same_peer "$jr_p --merge alone (the 2 jobs' partial state)" \
	    "$O-$jr_k-merge.csv" "'$BIN/$jr_p' --merge $jr_o -q < '$jr_state'"
}

# run_tasks: one round of every task on the files of SIZE; the report of
# the last round is the one kept.
run_tasks() {
	{
		echo
		echo "### $SIZE: $ROWS_N order rows, $NCUST customers, $(div "$FSIZE" 1000000 | cut -d. -f1) MB"
		echo
		echo "Orders file $(basename "$F"), $FSIZE bytes; customer table (crm-score output) $SCSIZE bytes; follow-up table $FOSIZE bytes."
	} >> "$REPORT"

	# ---- a. reading
	TASK=reading
	ROWS=$W/rows-$SIZE-$TASK
	: > "$ROWS"
	cat "$F" > /dev/null	# warm the cache
	measure "cat > /dev/null" /dev/null "cat '$F'"
	record "cat > /dev/null" "physical reference"
	measure "bare libcsv parse (bench/parse.c)" "$O-parse.txt" "'$PARSE' '$F'"
	record "bare libcsv parse (bench/parse.c)" "physical reference"
	PARSE_T=$M_TIME
	# the yardstick of -j 2: each half parsed by its own process, both at
	# once
	measure "two bare libcsv parses of half the file each, at once" \
	    "$O-parse-halves.txt" \
	    "'$PARSE' '$H1' & p=\$!; '$PARSE' '$H2' && wait \$p"
	record "two bare libcsv parses of half the file each, at once" "physical reference"
	{ echo; echo "#### Reading the orders file"; echo; table "$FSIZE" "$PARSE_T"; } >> "$REPORT"

	# ---- b. RFM aggregation
	TASK=rfm
	ROWS=$W/rows-$SIZE-$TASK
	: > "$ROWS"
	REF=$O-rfm-ours.csv
	REF_SPEC="customer_id:id,last_order:text,frequency:int,monetary:money"
	measure "crm-score" "$REF" "'$BIN/crm-score' --as-of $AS_OF -q '$F'"
	record "crm-score" reference
	[ "$M_STATUS" = ok ] || die "crm-score failed: $M_STATUS"
	baseline "crm-score" "$REF" "'$BIN/crm-score' --as-of $AS_OF -q '$F'"
	selftest "$REF" "$REF_SPEC"

	# keyed_peer TOOL OUTFILE SPEC COMMAND: compared with REF on REF_SPEC
	keyed_peer() {
		measure "$1" "$2" "$4"
		if [ "$M_STATUS" = ok ]; then
			record "$1" "$(check_keyed "$REF_SPEC" "$REF" "$3" "$2")"
		else
			record "$1" "—"
		fi
	}
	if have mlr; then
		keyed_peer "mlr put + stats1" "$O-rfm-mlr.csv" \
		    "customer_id:id,order_date_max:text,order_date_count:int,amount_sum:money" \
		    "mlr --icsv --ocsv put 'if (\$amount < 0) {\$order_date = \"\"}' then stats1 -a max,count,sum -f order_date,amount -g customer_id '$F'"
	else printf 'mlr|||not available|\n' >> "$ROWS"; fi
	if have datamash; then
		# no conditional count in datamash: compared on last date and sum
		keyed_peer "datamash -t, -s -g" "$O-rfm-datamash.csv" \
		    "1:id,2:text,4:money" \
		    "datamash -t, -H -s -g 2 last 4 count 4 sum 5 < '$F'"
	else printf 'datamash|||not available|\n' >> "$ROWS"; fi
	if have gawk; then
		keyed_peer "gawk (FPAT CSV)" "$O-rfm-gawk.csv" "$REF_SPEC" \
		    "gawk -f '$PEERS/fpat.awk' -f '$PEERS/rfm.awk' '$F'"
	else printf 'gawk|||not available|\n' >> "$ROWS"; fi
	if have mawk; then
		keyed_peer "mawk -F," "$O-rfm-mawk.csv" "$REF_SPEC" \
		    "mawk -F, -f '$PEERS/rfm.awk' '$F'"
	else printf 'mawk|||not available|\n' >> "$ROWS"; fi
	# the orders typed, for sqlite3 (the SQL casts anyway, for csvsql -I)
	ORDERS_IMPORT="CREATE TABLE orders(order_id TEXT, customer_id TEXT, name TEXT, order_date TEXT, amount REAL);
.import --csv --skip 1 '$F' orders"
	keyed_sql_peers "GROUP BY" rfm.sql orders "$F" "$ORDERS_IMPORT"
	# the parallel paths, count(DISTINCT) and DuckDB (issue 16)
	jobs_rows crm-score "--as-of $AS_OF" rfm
	same_peer "crm-score --order order_id" "$O-rfm-order.csv" \
	    "'$BIN/crm-score' --order order_id --as-of $AS_OF -q '$F'"
	duckdb_rows rfm
	{ echo; echo "#### RFM aggregation per customer (crm-score --as-of $AS_OF)"; echo; table "$FSIZE" "$PARSE_T"; } >> "$REPORT"

	# ---- c. Pareto ranking
	TASK=pareto
	ROWS=$W/rows-$SIZE-$TASK
	: > "$ROWS"
	REF=$O-pareto-ours.csv
	measure "crm-pareto --by" "$REF" "'$BIN/crm-pareto' --by customer_id --value amount -q '$F'"
	record "crm-pareto --by" reference
	[ "$M_STATUS" = ok ] || die "crm-pareto failed: $M_STATUS"
	baseline "crm-pareto --by" "$REF" "'$BIN/crm-pareto' --by customer_id --value amount -q '$F'"
	selftest "$REF" "customer_id:id,amount:money,cum_share:num"
	case $(check_pareto "$REF" "$REF" customer_id amount pareto_rank cum_share) in
	yes) ;; *) die "self-test: the Pareto check does not match our answer with itself" ;;
	esac
	$AWK -F, -v OFS=, '
	    NR == 4 { $(NF - 2) = $(NF - 2) + 0.001 } { print }' "$REF" > "$W/selftest.csv"
	case $(check_pareto "$REF" "$W/selftest.csv" customer_id amount pareto_rank cum_share) in
	"wrong (0 of "*", 1 ranks"*) ;;
	*) die "self-test: the Pareto check did not catch a changed cumulative share" ;;
	esac

	# pareto_peer TOOL OUTFILE KEY VALUE RANK CUM COMMAND
	pareto_peer() {
		measure "$1" "$2" "$7"
		if [ "$M_STATUS" = ok ]; then
			record "$1" "$(check_pareto "$REF" "$2" "$3" "$4" "$5" "$6")"
		else
			record "$1" "—"
		fi
	}
	if have mlr; then
		pareto_peer "mlr stats1 + sort + put" "$O-pareto-mlr.csv" \
		    customer_id amount_sum pareto_rank cum_share \
		    "mlr --icsv --ocsv stats1 -a sum -f amount -g customer_id then sort -nr amount_sum then put -q -f '$PEERS/pareto.mlr' '$F'"
	else printf 'mlr|||not available|\n' >> "$ROWS"; fi
	if have gawk; then
		pareto_peer "gawk (FPAT) + sort + gawk" "$O-pareto-gawk.csv" \
		    customer_id amount pareto_rank cum_share \
		    "gawk -f '$PEERS/fpat.awk' -f '$PEERS/pareto-sum.awk' '$F' | sort -t '$TAB' -k2,2gr | gawk -f '$PEERS/pareto-cum.awk'"
	else printf 'gawk|||not available|\n' >> "$ROWS"; fi
	if have mawk; then
		pareto_peer "mawk -F, + sort + mawk" "$O-pareto-mawk.csv" \
		    customer_id amount pareto_rank cum_share \
		    "mawk -F, -f '$PEERS/pareto-sum.awk' '$F' | sort -t '$TAB' -k2,2gr | mawk -f '$PEERS/pareto-cum.awk'"
	else printf 'mawk|||not available|\n' >> "$ROWS"; fi
	if have sqlite3; then
		sqlite_script "$W/sqlite-pareto.sql" pareto.sql "$ORDERS_IMPORT"
		pareto_peer "sqlite3 (.import + window sum)" "$O-pareto-sqlite.csv" \
		    customer_id amount pareto_rank cum_share \
		    "sqlite3 < '$W/sqlite-pareto.sql'"
	else printf 'sqlite3|||not available|\n' >> "$ROWS"; fi
	if have datamash; then
		# datamash sums; its failure must not be hidden by the pipe
		pareto_peer "datamash -t, -s -g + sort + mawk" "$O-pareto-datamash.csv" \
		    customer_id amount pareto_rank cum_share \
		    "datamash -t, --header-in -s -g 2 sum 5 < '$F' > '$W/datamash-sums.csv' && tr , '$TAB' < '$W/datamash-sums.csv' | sort -t '$TAB' -k2,2gr | $AWK -f '$PEERS/pareto-cum.awk'"
	else printf 'datamash|||not available|\n' >> "$ROWS"; fi
	case " $CSVKIT_SIZES " in
	*" $SIZE "*)
		if have csvsql; then
			pareto_peer "csvkit csvsql -I" "$O-pareto-csvkit.csv" \
			    customer_id amount pareto_rank cum_share \
			    "csvsql -I --tables orders --query '$PEERS/pareto.sql' '$F'"
		else printf 'csvkit|||not available|\n' >> "$ROWS"; fi ;;
	esac
	jobs_rows crm-pareto "--by customer_id --value amount" pareto
	duckdb_rows pareto
	{ echo; echo "#### Pareto ranking with cumulative share (crm-pareto --by customer_id --value amount)"; echo; table "$FSIZE" "$PARSE_T"; } >> "$REPORT"

	# ---- d. segmentation
	TASK=segment
	ROWS=$W/rows-$SIZE-$TASK
	: > "$ROWS"
	cat "$SCORES" > /dev/null
	measure "bare libcsv parse (bench/parse.c)" "$O-segment-parse.txt" "'$PARSE' '$SCORES' monetary"
	record "bare libcsv parse (bench/parse.c)" "physical reference"
	SPARSE_T=$M_TIME
	REF=$O-segment-ours.csv
	SEG_SPEC="customer_id:id,segment:text"
	REF_SPEC=$SEG_SPEC
	measure "crm-segment --preset rfm" "$REF" "'$BIN/crm-segment' --preset rfm '$SCORES'"
	record "crm-segment --preset rfm" reference
	[ "$M_STATUS" = ok ] || die "crm-segment failed: $M_STATUS"
	baseline "crm-segment --preset rfm" "$REF" "'$BIN/crm-segment' --preset rfm '$SCORES'"
	selftest "$REF" "$SEG_SPEC"
	if have mlr; then
		keyed_peer "mlr put if/elif" "$O-segment-mlr.csv" "$SEG_SPEC" \
		    "mlr --icsv --ocsv put -f '$PEERS/segment.mlr' '$SCORES'"
	else printf 'mlr|||not available|\n' >> "$ROWS"; fi
	if have gawk; then
		keyed_peer "gawk (FPAT CSV)" "$O-segment-gawk.csv" "$SEG_SPEC" \
		    "gawk -f '$PEERS/fpat.awk' -f '$PEERS/segment.awk' '$SCORES'"
	else printf 'gawk|||not available|\n' >> "$ROWS"; fi
	if have mawk; then
		keyed_peer "mawk -F," "$O-segment-mawk.csv" "$SEG_SPEC" \
		    "mawk -F, -f '$PEERS/segment.awk' '$SCORES'"
	else printf 'mawk|||not available|\n' >> "$ROWS"; fi
	keyed_sql_peers CASE segment.sql customers "$SCORES" \
	    ".import --csv '$SCORES' customers"
	{ echo; echo "#### Rule segmentation of the customer table (crm-segment --preset rfm)"; echo; echo "Input: the $NCUST-row customer table from crm-score, $SCSIZE bytes; MB/s and the bare parse are over that table."; echo; table "$SCSIZE" "$SPARSE_T"; } >> "$REPORT"

	# ---- e. follow-up list
	TASK=followup
	ROWS=$W/rows-$SIZE-$TASK
	: > "$ROWS"
	cat "$FOLLOW" > /dev/null
	measure "bare libcsv parse (bench/parse.c)" "$O-followup-parse.txt" "'$PARSE' '$FOLLOW' monetary"
	record "bare libcsv parse (bench/parse.c)" "physical reference"
	FPARSE_T=$M_TIME
	REF=$O-followup-ours.csv
	measure "crm-followup" "$REF" \
	    "'$BIN/crm-followup' -c '$ROOT/samples/followup.yaml' --as-of $AS_OF -q '$FOLLOW'"
	record "crm-followup" reference
	baseline "crm-followup" "$REF" "'$BIN/crm-followup' -c '$ROOT/samples/followup.yaml' --as-of $AS_OF -q '$FOLLOW'"
	{ echo; echo "#### Follow-up list (crm-followup -c samples/followup.yaml --as-of $AS_OF)"; echo
	  echo "Input: the segmented customer table with an owner column (5 owners), $FOSIZE bytes. No peer: an equivalent needs working days and holidays, month-end clamping, milestone windows and a per-owner daily capacity, which is a program, not a one-liner; ours is timed alone."; echo
	  table "$FOSIZE" "$FPARSE_T"; } >> "$REPORT"

	# ---- f. customer-base models, fitted on everything to the as-of date
	models_task "$F" order_date "$AS_OF" "$AS_OF" "$PARSE_T"

	# ---- g. the second core on a busy machine: one core kept busy by a
	# shell loop while the one- and two-thread runs are timed again
	TASK=busy
	ROWS=$W/rows-$SIZE-$TASK
	: > "$ROWS"
	start_hog
	REF=$O-rfm-ours.csv
	REF_SPEC="customer_id:id,last_order:text,frequency:int,monetary:money"
	if [ -n "$SCORE_J" ]; then
		for j in 1 2; do
			same_peer "crm-score -j $j, one core busy" \
			    "$O-busy-rfm-j$j.csv" \
			    "'$BIN/crm-score' -j $j --as-of $AS_OF -q '$F'"
		done
	else
		same_peer "crm-score, one core busy" "$O-busy-rfm.csv" \
		    "'$BIN/crm-score' --as-of $AS_OF -q '$F'"
	fi
	duckdb_rows rfm ", one core busy"
	REF=$O-pareto-ours.csv
	if [ -n "$PARETO_J" ]; then
		for j in 1 2; do
			same_peer "crm-pareto --by -j $j, one core busy" \
			    "$O-busy-pareto-j$j.csv" \
			    "'$BIN/crm-pareto' -j $j --by customer_id --value amount -q '$F'"
		done
	else
		same_peer "crm-pareto --by, one core busy" "$O-busy-pareto.csv" \
		    "'$BIN/crm-pareto' --by customer_id --value amount -q '$F'"
	fi
	duckdb_rows pareto ", one core busy"
	stop_hog
	{ echo; echo "#### The second core on a busy machine (one core kept busy by a shell loop)"; echo
	  echo "The RFM rows, then the Pareto rows, each checked against the quiet run's answer; the targets below set them beside the quiet runs."; echo
	  table "$FSIZE" "$PARSE_T"; } >> "$REPORT"

	# ---- targets of issue 7
	SCORE_T=$(get rfm crm-score 2); PARETO_T=$(get pareto "crm-pareto --by" 2)
	SEG_T=$(get segment "crm-segment --preset rfm" 2); FOL_T=$(get followup crm-followup 2)
	{
		echo
		echo "#### Targets (issue 7)"
		echo
		target "crm-score RFM time / bare parse" "$(div "$SCORE_T" "$PARSE_T")" "<=" 2
		target "mlr / crm-score" "$(div "$(get rfm "mlr put + stats1" 2)" "$SCORE_T")" ">=" 10
		target "sqlite3 / crm-score" "$(div "$(get rfm "sqlite3 (.import + GROUP BY)" 2)" "$SCORE_T")" ">=" 4
		target "mawk / crm-score" "$(div "$(get rfm "mawk -F," 2)" "$SCORE_T")" ">=" 3
		target "mlr / crm-pareto --by" "$(div "$(get pareto "mlr stats1 + sort + put" 2)" "$PARETO_T")" ">=" 5
		target "crm-segment / bare parse of its table" "$(div "$SEG_T" "$SPARSE_T")" "<=" 1.5
		target "crm-segment peak RSS MB" "$(div "$(get segment "crm-segment --preset rfm" 3)" 1024)" "<=" 32
		if [ -n "$BASELINE" ]; then
			for t in "rfm|crm-score" "pareto|crm-pareto --by" \
			    "segment|crm-segment --preset rfm" "followup|crm-followup"; do
				target "${t#*|} time / baseline's" "$(div "$(get "${t%%|*}" "${t#*|}" 2)" "$(get "${t%%|*}" "${t#*|} (baseline)" 2)")" "<=" 1.05
			done
		fi
		# crm-followup sorts every due follow-up by owner and priority
		# before it writes one: it holds one entry per due customer, an
		# aggregating program, not a row-wise one
		$AWK -v a="$(div "$FOL_T" "$FPARSE_T")" 'BEGIN {
			printf "- crm-followup / bare parse of its table: %.2f (aggregating: it sorts the due rows; no time target)\n", a }'
		if [ "$CUST_N" -le 100000 ]; then
			target "crm-score peak RSS MB" "$(div "$(get rfm crm-score 3)" 1024)" "<=" 64
			target "crm-pareto --by peak RSS MB" "$(div "$(get pareto "crm-pareto --by" 3)" 1024)" "<=" 64
			target "crm-followup peak RSS MB (one entry per due customer)" "$(div "$(get followup crm-followup 3)" 1024)" "<=" 64
		else
			$AWK -v a="$(div "$(get rfm crm-score 3)" 1024)" \
			    -v b="$(div "$(get pareto "crm-pareto --by" 3)" 1024)" \
			    -v c="$(div "$(get followup crm-followup 3)" 1024)" -v n="$NCUST" 'BEGIN {
				printf "- peak RSS at %d customers: crm-score %.1f MB, crm-pareto --by %.1f MB, crm-followup %.1f MB (the 64 MB target is for 100,000)\n", n, a, b, c }'
		fi
	} >> "$REPORT"
	targets16 >> "$REPORT"
}

# best_duckdb TASK PREFIX [SUFFIX]: "TIME THREADS" of the faster of DuckDB's
# 1- and 2-thread rows named PREFIX, 1 thread[SUFFIX] ...
best_duckdb() {
	bd_1=$(get "$1" "$2, 1 thread${3:-}" 2)
	bd_2=$(get "$1" "$2, 2 threads${3:-}" 2)
	$AWK -v a="$bd_1" -v b="$bd_2" 'BEGIN {
		if (a == "" && b == "") exit
		if (b == "" || (a != "" && a + 0 <= b + 0)) print a, 1
		else print b, 2 }'
}

# vs_duckdb TEXT TASK OURS PREFIX: ours against DuckDB at its best thread
# count: DuckDB's time over ours, target >= 1, aim 1.5.
vs_duckdb() {
	vd_best=$(best_duckdb "$2" "$4")
	vd_ours=$(get "$2" "$3" 2)
	if [ -z "$vd_best" ] || [ -z "$vd_ours" ]; then
		echo "- $1: not measured"
		return
	fi
	$AWK -v text="$1" -v d="${vd_best% *}" -v n="${vd_best#* }" \
	    -v o="$vd_ours" 'BEGIN {
		r = d / o
		printf "- %s: DuckDB at its best (%d thread%s, %.3f s) / ours (%.3f s) = %.2f (target >= 1, aim 1.5): %s\n",
		    text, n, (n > 1 ? "s" : ""), d, o, r,
		    (r >= 1.5 ? "met, and the aim" : (r >= 1 ? "met, not the aim" : "NOT met")) }'
}

# per100k TASK TOOL: peak RSS in MB per 100,000 customers.
per100k() {
	p_rss=$(get "$1" "$2" 3)
	[ -n "$p_rss" ] && $AWK -v r="$p_rss" -v n="$NCUST" \
	    'BEGIN { if (n > 0) printf "%.2f", r / 1024 / (n / 100000) }'
}

# speedup TEXT SLOW FAST: the ratio of two times, no target.
speedup() {
	if [ -z "$2" ] || [ -z "$3" ]; then
		echo "- $1: not measured"
		return
	fi
	$AWK -v text="$1" -v a="$2" -v b="$3" 'BEGIN {
		printf "- %s: %.3f s / %.3f s = %.2f\n", text, a, b, a / b }'
}

# targets16: the figures of issue 16, met or not.
targets16() {
	echo
	echo "#### Targets (issue 16)"
	echo
	t16_all=$(nproc 2>/dev/null || echo "?")
	if [ -n "$SCORE_J" ]; then
		echo "crm-score and crm-pareto below run with their default -j: all $t16_all CPUs."
	else
		echo "crm-score and crm-pareto below run on one thread: -j is $NOT_IN_BUILD."
	fi
	echo
	if [ -n "$DUCKDB_VERSION" ]; then
		vs_duckdb "crm-score (RFM, plain sums)" rfm crm-score DuckDB
		vs_duckdb "crm-score --order order_id (count(DISTINCT order_id))" \
		    rfm "crm-score --order order_id" "DuckDB count(DISTINCT order_id)"
		vs_duckdb "crm-pareto --by" pareto "crm-pareto --by" DuckDB
		$AWK -v a="$(div "$(get rfm "DuckDB, 1 thread" 3)" 1024)" \
		    -v b="$(div "$(get rfm "DuckDB, 2 threads" 3)" 1024)" \
		    -v c="$(div "$(get pareto "DuckDB, 2 threads" 3)" 1024)" \
		    -v d="$(div "$(get rfm crm-score 3)" 1024)" \
		    -v e="$(div "$(get pareto "crm-pareto --by" 3)" 1024)" 'BEGIN {
			printf "- memory beside: DuckDB (node'"'"'s peak RSS) %.0f MB at 1 thread, %.0f MB at 2 (RFM), %.0f MB (Pareto, 2 threads); crm-score %.0f MB, crm-pareto --by %.0f MB\n", a, b, c, d, e }'
	else
		echo "- DuckDB: not measured ($DUCKDB_WHY)"
	fi
	# below some 90,000 customers the process's own few MB dominate
	if [ "$NCUST" -ge 90000 ]; then
		target "crm-score peak RSS MB per 100,000 customers" "$(per100k rfm crm-score)" "<=" 64
		target "crm-pareto --by peak RSS MB per 100,000 customers" "$(per100k pareto "crm-pareto --by")" "<=" 64
	else
		echo "- peak RSS per 100,000 customers: not meaningful at $NCUST customers (measured from 90,000)"
	fi
	t16_half=$(get reading "two bare libcsv parses of half the file each, at once" 2)
	for t16_p in "rfm|crm-score|$SCORE_J" "pareto|crm-pareto|$PARETO_J"; do
		t16_k=${t16_p%%|*} t16_r=${t16_p#*|}
		t16_n=${t16_r%%|*} t16_has=${t16_r#*|}
		if [ -z "$t16_has" ]; then
			echo "- $t16_n -j 2 / two half parses at once: -j is $NOT_IN_BUILD"
			continue
		fi
		target "$t16_n -j 2 / two bare libcsv parses of half the file each, at once" \
		    "$(div "$(get "$t16_k" "$t16_n -j 2" 2)" "$t16_half")" "<=" 1.5
		[ "$NCUST" -ge 90000 ] &&
		    target "$t16_n -j 2 peak RSS MB per 100,000 customers" \
		    "$(per100k "$t16_k" "$t16_n -j 2")" "<=" 64
	done
	for t16_p in "rfm|crm-score|$SCORE_PARTIAL|$SCORE_J" \
	    "pareto|crm-pareto|$PARETO_PARTIAL|$PARETO_J"; do
		t16_k=${t16_p%%|*} t16_r=${t16_p#*|}
		t16_n=${t16_r%%|*} t16_r=${t16_r#*|}
		if [ -z "${t16_r%%|*}" ]; then
			echo "- $t16_n --partial and --merge under GNU parallel: $NOT_IN_BUILD"
			continue
		fi
		t16_one="$t16_n"
		[ "$t16_n" = crm-pareto ] && t16_one="crm-pareto --by"
		[ -n "${t16_r#*|}" ] && t16_one="$t16_n -j 1"
		speedup "one process ($t16_one) / $t16_n --partial in 2 local jobs, then --merge" \
		    "$(get "$t16_k" "$t16_one" 2)" \
		    "$(get "$t16_k" "$t16_n --partial in 2 jobs (GNU parallel --pipepart), then --merge" 2)"
		t16_m="$t16_n --merge alone (the 2 jobs' partial state)"
		t16_t=$(get "$t16_k" "$t16_m" 2)
		[ -n "$t16_t" ] && $AWK -v name="$t16_n" -v t="$t16_t" \
		    -v r="$(get "$t16_k" "$t16_m" 3)" -v n="$NCUST" \
		    -v b="$(fsize "$W/partial-$t16_k-$SIZE.txt")" 'BEGIN {
			printf "- %s --merge alone, over the 2 jobs'"'"' partial state (%d bytes): %.3f s, peak RSS %.1f MB", name, b, t, r / 1024
			if (n >= 90000)
				printf ", %.1f MB per 100,000 customers", r / 1024 / (n / 100000)
			printf "\n" }'
	done
	# what the second core gives: one thread over two, quiet and busy
	if [ -n "$SCORE_J" ]; then
		speedup "second core, quiet: crm-score -j 1 / -j 2" \
		    "$(get rfm "crm-score -j 1" 2)" "$(get rfm "crm-score -j 2" 2)"
		speedup "second core, one core busy: crm-score -j 1 / -j 2" \
		    "$(get busy "crm-score -j 1, one core busy" 2)" \
		    "$(get busy "crm-score -j 2, one core busy" 2)"
	fi
	if [ -n "$PARETO_J" ]; then
		speedup "second core, quiet: crm-pareto --by -j 1 / -j 2" \
		    "$(get pareto "crm-pareto -j 1" 2)" "$(get pareto "crm-pareto -j 2" 2)"
		speedup "second core, one core busy: crm-pareto --by -j 1 / -j 2" \
		    "$(get busy "crm-pareto --by -j 1, one core busy" 2)" \
		    "$(get busy "crm-pareto --by -j 2, one core busy" 2)"
	fi
	[ -n "$SCORE_J" ] || echo "- second core, crm: -j is $NOT_IN_BUILD"
	if [ -n "$DUCKDB_VERSION" ]; then
		speedup "second core, quiet: DuckDB RFM 1 thread / 2 threads" \
		    "$(get rfm "DuckDB, 1 thread" 2)" "$(get rfm "DuckDB, 2 threads" 2)"
		speedup "second core, one core busy: DuckDB RFM 1 thread / 2 threads" \
		    "$(get busy "DuckDB, 1 thread, one core busy" 2)" \
		    "$(get busy "DuckDB, 2 threads, one core busy" 2)"
		vs_busy=$(best_duckdb busy DuckDB ", one core busy")
		t16_o="crm-score, one core busy"
		[ -n "$SCORE_J" ] && t16_o="crm-score -j 2, one core busy"
		[ -n "$vs_busy" ] && speedup "one core busy: DuckDB at its best (${vs_busy#* } thread(s)) / $t16_o" \
		    "${vs_busy% *}" "$(get busy "$t16_o" 2)"
	fi
}

cdnow_task

for SIZE in $BENCH_SIZES; do
	ROWS_N=$(size_rows "$SIZE")
	[ "$ROWS_N" -gt 0 ] || die "unknown size '$SIZE' (use 1m, 10m, 250k ...)"
	CUST_N=$((ROWS_N / 10))
	[ "$CUST_N" -gt 0 ] || CUST_N=1
	gen "$SIZE" "$ROWS_N" "$CUST_N"
	F=$W/orders-$SIZE.csv
	FSIZE=$(fsize "$F")
	O=$OUT/$SIZE
	rm -f "$O"-* "$W"/partial-*-"$SIZE".txt
	# the two halves of the file, each with the header, for the two
	# half parses (gen.awk writes one line per record)
	H1=$W/orders-$SIZE-half1.csv
	H2=$W/orders-$SIZE-half2.csv
	if [ ! -f "$H2" ] || [ "$F" -nt "$H2" ]; then
		h_n=$(( (ROWS_N + 1) / 2 ))
		head -n $((h_n + 1)) "$F" > "$H1" &&
		    { head -n 1 "$F"; tail -n +$((h_n + 2)) "$F"; } > "$H2" ||
		    die "cannot write the halves of $F"
	fi

	# the customer tables, made by our programs, not timed
	SCORES=$W/scores-$SIZE.csv
	FOLLOW=$W/followup-$SIZE.csv
	"$BIN/crm-score" --as-of $AS_OF --keep name -q "$F" > "$SCORES" ||
	    die "crm-score failed on $F"
	"$BIN/crm-segment" --preset rfm "$SCORES" |
	    $AWK 'NR == 1 { print $0 ",owner"; next }
	          { print $0 "," substr("alicebob  chen dana emre ", (NR % 5) * 5 + 1, 5) }' |
	    sed 's/ *$//' > "$FOLLOW" || die "crm-segment failed on $SCORES"
	SCSIZE=$(fsize "$SCORES")
	FOSIZE=$(fsize "$FOLLOW")
	NCUST=$(($(wc -l < "$SCORES") - 1))

	# every command once per round, REPEAT rounds
	TIMES=$W/times-$SIZE
	rm -rf "$TIMES" && mkdir -p "$TIMES" || die "cannot create $TIMES"
	REPORT_ALL=$REPORT
	REPORT=$W/report-$SIZE.md
	ROUND=1
	while [ "$ROUND" -le "$REPEAT" ]; do
		: > "$REPORT"
		run_tasks
		ROUND=$((ROUND + 1))
	done
	cat "$REPORT" >> "$REPORT_ALL"
	REPORT=$REPORT_ALL
done

# ---------------------------------------------------------------- results

CPU=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
MEM=$($AWK '/^MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)
NEW=$W/results-new.md
{
	echo "## Run of $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo
	echo "- machine: $(uname -m), $(nproc) CPUs, $MEM RAM, ${CPU:-unknown CPU}; $(uname -sr)"
	echo "- load average at the start: $LOAD_START (other work on the machine skews the times)"
	echo "- sizes: $BENCH_SIZES; $REPEAT runs per command in $REPEAT rounds (every command once per round, in turn), median wall time; peak RSS is the largest of the runs; warm page cache"
	echo "- crm: $CRM_VERSION ($B/bin, CFLAGS of the build); libcsv $(dpkg-query -W -f '${Version}' libcsv3 2>/dev/null || echo '?'); $($CC --version 2>/dev/null | head -1)"
	echo "- peers: $(ver mlr mlr --version); $(ver datamash datamash --version); $(ver gawk gawk --version | cut -d, -f1); $(ver mawk mawk -W version); sqlite3 $(ver sqlite3 sqlite3 --version | cut -d' ' -f1); $(ver csvsql csvsql --version); $(sort --version | head -1); DuckDB ${DUCKDB_VERSION:-not available ($DUCKDB_WHY)} (@duckdb/node-api, node $(ver node node --version)); $(ver parallel parallel --version)"
	echo "- × ours: the tool's median time divided by ours (above 1: ours is faster); × bare parse: divided by the bare libcsv parse of the same input"
	cat "$REPORT"
	echo
} > "$NEW"

if [ -f "$RESULTS" ]; then
	# keep the title block, put the new run above the older ones
	$AWK '/^## Run of / { exit } { print }' "$RESULTS" > "$W/results-head.md"
	$AWK 'f || /^## Run of / { f = 1; print }' "$RESULTS" > "$W/results-old.md"
else
	{
		echo "# make bench results"
		echo
		echo "Written by \`make bench\` (bench/run.sh); newest run first. What is measured and how each answer is checked: bench/README.md."
		echo
	} > "$W/results-head.md"
	: > "$W/results-old.md"
fi
cat "$W/results-head.md" "$NEW" "$W/results-old.md" > "$RESULTS.tmp" &&
    mv "$RESULTS.tmp" "$RESULTS"
say "results written to $RESULTS"
cat "$NEW"
