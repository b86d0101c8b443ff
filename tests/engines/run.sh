#!/bin/sh
# The engine tests: the recipes of crm(7) and the README that run the
# programs under GNU parallel (local jobs, and over ssh to an sshd this
# test starts on 127.0.0.1) and under Hadoop Streaming's contract (the
# stand-in tests/engines/streaming.sh), each compared byte for byte with
# the single-process run on the same rows.  See tests/engines/README.md.
#
#   sh tests/engines/run.sh BUILD_DIR [MAKE]
#
# The programs are installed into a temporary prefix first (MAKE install
# PREFIX=...), and only that prefix is on the PATH that the jobs get, here
# and on the ssh side (--env PATH).  Prints one line per check and
# "engines: N passed, N failed, N skipped"; exit status 1 when a check
# failed.  A check is skipped, with the reason, when what it needs is not
# there: GNU parallel; root, for the sshd; --partial and --merge in
# crm-score and crm-pareto (they are tested as soon as the programs'
# --help mentions them).

set -u
B=$(cd "${1:?usage: run.sh BUILD_DIR [MAKE]}" && pwd) || exit 2
MAKE=${2:-make}
HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HERE/../.." && pwd)
LC_ALL=C.UTF-8
TZ=UTC
export LC_ALL TZ

npass=0 nfail=0 nskip=0
ok() { npass=$((npass + 1)); echo "ok   $1"; }
bad() { nfail=$((nfail + 1)); echo "FAIL $1"; shift; for l; do echo "     $l"; done; }
skip() { nskip=$((nskip + 1)); echo "skip $1 ($2)"; }
finish() {
	echo "engines: $npass passed, $nfail failed, $nskip skipped"
	[ "$nfail" -eq 0 ]
	exit
}

T=$(mktemp -d "${TMPDIR:-/tmp}/crm-engines.XXXXXX") || exit 1
. "$HERE/sshd.sh"
cleanup() { sshd_stop; rm -rf "$T"; }
trap cleanup EXIT
trap 'exit 1' INT TERM HUP PIPE

# ---------------------------------------------------------------- setup

if ! $MAKE -s --no-print-directory -C "$TOP" B="$B" install \
    PREFIX="$T/prefix" > "$T/install.log" 2>&1; then
	bad "make install PREFIX=..." "$(tail -5 "$T/install.log")"
	finish
fi
PATH=$T/prefix/bin:$PATH
# parallel keeps its state in ~/.parallel: a home of the test's own
HOME=$T/home
export PATH HOME
mkdir -p "$HOME"

AS_OF=2025-12-31
D=$T/data
mkdir -p "$D"
# orders.csv: 3000 order lines, 400 customers (tests/engines/orders.awk);
# orders-nl.csv: the same with a line break inside every name
awk -f "$HERE/orders.awk" > "$D/orders.csv" &&
    awk -v newlines=1 -f "$HERE/orders.awk" > "$D/orders-nl.csv" &&
    crm-score --as-of $AS_OF --keep name,owner "$D/orders.csv" |
    crm-segment --preset rfm > "$D/customers.csv" &&
    crm-score --as-of $AS_OF --keep name,owner "$D/orders-nl.csv" \
    > "$D/scores-nl.csv" || { bad "test data" "see $HERE/orders.awk"; finish; }

# same NAME EXPECTED ACTUAL: byte for byte.
same() {
	if cmp -s "$2" "$3"; then
		ok "$1"
	else
		bad "$1" "differs from the single-process run:" \
		    "$(diff "$2" "$3" | head -6)" \
		    "$(head -3 "$T/err" 2>/dev/null)"
	fi
}

# has PROG OPTION: the program's --help mentions OPTION.
has() { "$1" --help 2>&1 | grep -q -e "$2"; }

# the header of each part's output, dropped after the first
DEDUP='NR == 1 { h = $0 } NR == 1 || $0 != h'

# ---------------------------------------------------------------- GNU parallel

HAVE_PARALLEL=
if command -v parallel >/dev/null 2>&1 &&
    parallel --version 2>/dev/null | grep -q 'GNU parallel'; then
	HAVE_PARALLEL=1
fi
HAVE_SSH=
SSH_WHY="no GNU parallel"
if [ -n "$HAVE_PARALLEL" ]; then
	if sshd_start "$T/ssh"; then
		HAVE_SSH=1
	else
		SSH_WHY=$SSHD_WHY
	fi
fi
HAVE_PARTIAL=
if has crm-score --partial && has crm-score --merge &&
    has crm-pareto --partial && has crm-pareto --merge; then
	HAVE_PARTIAL=1
fi
NO_PARTIAL="crm-score and crm-pareto have no --partial/--merge in this build"

# par WHERE ARGS...: GNU parallel with the jobs WHERE: local (two job
# slots here), ssh (two slots on the sshd, PATH passed on) or mixed (one
# slot each).
par() {
	p_where=$1
	shift
	case $p_where in
	local) parallel --will-cite -j 2 "$@" ;;
	ssh) parallel --will-cite --ssh "ssh -F $SSH_CFG" -S 2/crmtest \
	    --env PATH "$@" ;;
	mixed) parallel --will-cite --ssh "ssh -F $SSH_CFG" \
	    -S 1/:,1/crmtest --env PATH "$@" ;;
	esac
}

# not_here NAME WHERE: skips the check when WHERE is out of reach.
not_here() {
	[ "$2" = local ] && return 1
	[ -n "$HAVE_SSH" ] && return 1
	skip "$1" "$SSH_WHY"
	return 0
}

parallel_tests() {
	if [ -n "$HAVE_SSH" ]; then
		# the ssh side really is another login: the jobs see sshd's
		# SSH_CONNECTION, to the test's port
		par ssh --pipepart -a "$D/customers.csv" --block 4k --header : \
		    'echo "$SSH_CONNECTION"' > "$T/conn.txt" 2>&1
		port=$(sed -n 's/^Port //p' "$T/ssh/sshd_config")
		if [ -s "$T/conn.txt" ] &&
		    ! grep -v -q " 127.0.0.1 $port\$" "$T/conn.txt"; then
			ok "parallel over ssh: every job logged in through the test's sshd (port $port)"
		else
			bad "parallel over ssh: the jobs did not run through the sshd" \
			    "$(head -3 "$T/conn.txt")"
		fi
	else
		skip "parallel over ssh" "$SSH_WHY"
	fi

	# crm-segment is row-wise: parts in order, one header
	crm-segment --preset rfm --as-of $AS_OF "$D/customers.csv" > "$T/seg.1"
	for w in local ssh mixed; do
		n="parallel $w: crm-segment --pipepart --header : --keep-order"
		not_here "$n" $w && continue
		par $w --pipepart -a "$D/customers.csv" --block 4k --header : \
		    --keep-order --halt now,fail=1 \
		    crm-segment --preset rfm --as-of $AS_OF 2> "$T/err" |
		    awk "$DEDUP" > "$T/seg.$w"
		same "$n" "$T/seg.1" "$T/seg.$w"
	done
	# the summary of the whole: a second pass over the joined output
	crm-segment --preset rfm --as-of $AS_OF --summary - -o /dev/null \
	    "$D/customers.csv" > "$T/segsum.1" 2>&1
	crm-segment --preset rfm --as-of $AS_OF --summary - -o /dev/null \
	    "$T/seg.local" > "$T/segsum.2" 2>&1
	same "crm-segment --summary of the joined output is the single run's" \
	    "$T/segsum.1" "$T/segsum.2"
	# a line break inside quotes at a split point: the part before it
	# ends inside the quotes, so its program stops (exit 1) and parallel
	# fails; never a silent wrong answer
	crm-segment --preset rfm "$D/scores-nl.csv" > "$T/segnl.1"
	{
		par local --pipepart -a "$D/scores-nl.csv" --block 4k --header : \
		    --keep-order --halt now,fail=1 crm-segment --preset rfm \
		    2> "$T/err"
		echo $? > "$T/status"
	} | awk "$DEDUP" > "$T/segnl.2"
	fails_or_same "parallel local: crm-segment, line breaks inside quotes at the split points" \
	    "$T/segnl.1" "$T/segnl.2"

	# crm-followup: one job per owner (it sorts per owner, byte order)
	cfg=$TOP/samples/followup.yaml log=$TOP/samples/contacts.csv
	crm-followup -q -c "$cfg" --log "$log" --as-of $AS_OF \
	    "$D/customers.csv" > "$T/fol.1"
	for w in local ssh; do
		n="parallel $w: crm-followup --owner {} ::: owners in byte order"
		not_here "$n" $w && continue
		par $w --keep-order --halt now,fail=1 crm-followup -q -c "$cfg" \
		    --log "$log" --as-of $AS_OF --owner {} "$D/customers.csv" \
		    ::: alice bob chen dana emre 2> "$T/err" |
		    awk "$DEDUP" > "$T/fol.$w"
		same "$n" "$T/fol.1" "$T/fol.$w"
	done

	# crm-score and crm-pareto --by: partial state, merged
	if [ -z "$HAVE_PARTIAL" ]; then
		skip "parallel: crm-score and crm-pareto --partial | --merge" "$NO_PARTIAL"
		return
	fi
	for opts in "--as-of $AS_OF" \
	    "--as-of $AS_OF --order order_id --bins 4"; do
		crm-score $opts "$D/orders.csv" > "$T/rfm.1"
		for w in local ssh mixed; do
			n="parallel $w: crm-score --partial $opts | crm-score --merge"
			not_here "$n" $w && continue
			par $w --pipepart -a "$D/orders.csv" --block 16k \
			    --header : --halt now,fail=1 \
			    crm-score --partial $opts 2> "$T/err" |
			    crm-score --merge $opts > "$T/rfm.$w" 2>> "$T/err"
			same "$n" "$T/rfm.1" "$T/rfm.$w"
		done
		# a combining stage, and the partial rows in another order
		par local --pipepart -a "$D/orders.csv" --block 8k --header : \
		    --halt now,fail=1 crm-score --partial $opts 2> "$T/err" |
		    crm-score --merge --partial $opts | sort -r |
		    crm-score --merge $opts > "$T/rfm.c" 2>> "$T/err"
		same "parallel local: crm-score --partial | --merge --partial | sort -r | --merge ($opts)" \
		    "$T/rfm.1" "$T/rfm.c"
	done
	# the lifetime models, and kept values with commas and quotes
	for opts in "--as-of $AS_OF --model bgnbd --spend gamma-gamma --keep name,owner" \
	    "--as-of $AS_OF --keep name,owner --order order_id --monetary mean"; do
		crm-score $opts "$D/orders.csv" > "$T/mod.1"
		for w in local ssh; do
			n="parallel $w: crm-score --partial $opts | crm-score --merge"
			not_here "$n" $w && continue
			par $w --pipepart -a "$D/orders.csv" --block 8k \
			    --header : --halt now,fail=1 \
			    crm-score --partial $opts 2> "$T/err" |
			    crm-score --merge $opts > "$T/mod.$w" 2>> "$T/err"
			same "$n" "$T/mod.1" "$T/mod.$w"
		done
	done
	# a combining stage that cuts the partial state at lines, not by
	# customer (parallel --pipe, 2 KB blocks): a customer's rows, its
	# crm1.order rows among them, go to several combiners
	opts="--as-of $AS_OF --keep name,owner --order order_id"
	crm-score $opts "$D/orders.csv" > "$T/pipe.1"
	n="parallel local: crm-score --partial | parallel --pipe crm-score --merge --partial | crm-score --merge ($opts)"
	par local --pipepart -a "$D/orders.csv" --block 8k --header : \
	    --halt now,fail=1 crm-score --partial $opts 2> "$T/err" |
	    par local --pipe --block 2k --halt now,fail=1 \
	    crm-score --merge --partial $opts 2>> "$T/err" |
	    crm-score --merge $opts > "$T/pipe.2" 2>> "$T/err"
	same "$n" "$T/pipe.1" "$T/pipe.2"
	popts="--by customer_id --value amount"
	crm-pareto $popts --classes 50,80 --summary "$T/sum.1" \
	    "$D/orders.csv" > "$T/par.1"
	for w in local ssh; do
		n="parallel $w: crm-pareto $popts --partial | crm-pareto --merge (and --summary)"
		not_here "$n" $w && continue
		par $w --pipepart -a "$D/orders.csv" --block 16k --header : \
		    --halt now,fail=1 crm-pareto $popts --classes 50,80 \
		    --partial 2> "$T/err" |
		    crm-pareto $popts --classes 50,80 --merge \
		    --summary "$T/sum.$w" > "$T/par.$w" 2>> "$T/err"
		same "$n" "$T/par.1" "$T/par.$w"
		same "$n: the summary" "$T/sum.1" "$T/sum.$w"
	done
	crm-score --as-of $AS_OF "$D/orders-nl.csv" > "$T/rfmnl.1"
	{
		par local --pipepart -a "$D/orders-nl.csv" --block 8k --header : \
		    --halt now,fail=1 crm-score --partial --as-of $AS_OF \
		    2> "$T/err"
		echo $? > "$T/status"
	} | crm-score --merge --as-of $AS_OF > "$T/rfmnl.2" 2>> "$T/err"
	fails_or_same "parallel local: crm-score --partial, line breaks inside quotes at the split points" \
	    "$T/rfmnl.1" "$T/rfmnl.2"
}

# fails_or_same NAME EXPECTED ACTUAL: parallel's status (in $T/status)
# is non-zero with a message of malformed CSV, or the output is right.
fails_or_same() {
	if [ "$(cat "$T/status")" -ne 0 ] &&
	    grep -q -e 'unterminated quoted field' -e 'malformed CSV' "$T/err"; then
		ok "$1: parallel fails ($(grep -m1 -o -e 'unterminated quoted field' -e 'malformed CSV' "$T/err"))"
	elif [ "$(cat "$T/status")" -eq 0 ] && cmp -s "$2" "$3"; then
		ok "$1: every split fell between records"
	else
		bad "$1: neither a failure nor the right answer" \
		    "parallel exit status $(cat "$T/status")" "$(head -3 "$T/err")"
	fi
}

# ---------------------------------------------------------------- Hadoop

# The settings of the Hadoop Streaming recipe in crm(7): the customer id,
# the partial row's text up to its first comma, is the key; reducers read
# and write key,value as the line it was.
HADOOP_D="-D stream.map.output.field.separator=,
-D stream.num.map.output.key.fields=1
-D stream.reduce.input.field.separator=,
-D stream.reduce.output.field.separator=,
-D mapreduce.output.textoutputformat.separator=,"

# hadoop NAME PROG OPTS INPUT SPLIT REDUCERS [D-SETTINGS]: the recipe's job
# through the stand-in (the header shipped with -files, the input without
# it), then PROG --merge OPTS over the part files; compared with PROG OPTS
# INPUT.  Sets H_OUT to the merged output.
hadoop() {
	h_name=$1 h_prog=$2 h_opts=$3 h_in=$4 h_split=$5 h_red=$6
	h_d=${7-$HADOOP_D}
	h_w=$T/hadoop-$(printf '%s' "$h_name" | cksum | cut -d' ' -f1)
	rm -rf "$h_w"
	mkdir -p "$h_w"
	sed -n 1p "$h_in" > "$h_w/header.csv"
	sed 1d "$h_in" > "$h_w/body.csv"
	# shellcheck disable=SC2086
	sh "$HERE/streaming.sh" $h_d \
	    -D mapreduce.input.fileinputformat.split.maxsize="$h_split" \
	    -D mapreduce.job.reduces="$h_red" \
	    -files "$h_w/header.csv" -input "$h_w/body.csv" -output "$h_w/out" \
	    -mapper "sh -c 'cat header.csv - | $h_prog --partial $h_opts'" \
	    -combiner "$h_prog --merge --partial $h_opts" \
	    -reducer "$h_prog --merge --partial $h_opts" 2> "$h_w/err"
	h_rc=$?
	$h_prog $h_opts "$h_in" > "$h_w/single"
	H_OUT=$h_w/merged
	if [ "$h_rc" -ne 0 ]; then
		: > "$H_OUT"
		return 1
	fi
	cat "$h_w"/out/part-* | $h_prog --merge $h_opts > "$H_OUT" 2>> "$h_w/err"
}

hadoop_tests() {
	# the stand-in itself: Text.hashCode("hello") is 31^5 (the seed 1)
	# plus Java's String.hashCode("hello"), 28629151 + 99162322
	h=$(sh "$HERE/streaming.sh" -hash hello)
	if [ "$h" = 127791473 ]; then
		ok "streaming stand-in: the partitioner's hash is Hadoop's (hello: $h)"
	else
		bad "streaming stand-in: hash of hello is $h, Hadoop's is 127791473"
	fi
	# every line in exactly one split and one reducer: an identity job
	# over 1000-byte splits (CRLF lines come out LF, as in Hadoop)
	w=$T/identity
	tr -d '\r' < "$D/orders.csv" | sed 1d | sort > "$T/lines.sorted"
	sed 1d "$D/orders.csv" | sed 's/$/\r/' > "$T/body-crlf.csv"
	# shellcheck disable=SC2086
	sh "$HERE/streaming.sh" $HADOOP_D \
	    -D mapreduce.input.fileinputformat.split.maxsize=1000 \
	    -numReduceTasks 3 -input "$T/body-crlf.csv" -output "$w" \
	    -mapper cat -reducer cat 2> "$T/err" &&
	    sort "$w"/part-* > "$T/identity.sorted"
	same "streaming stand-in: an identity job gives every line once" \
	    "$T/lines.sorted" "$T/identity.sorted"
	# without the recipe's separator settings the key is the whole line
	# and TextOutputFormat writes it with a TAB at its end: the settings
	# are needed
	w=$T/identity-tab
	sed 's/$/	/' "$T/lines.sorted" > "$T/lines-tab.sorted"
	sh "$HERE/streaming.sh" \
	    -D mapreduce.input.fileinputformat.split.maxsize=1000 \
	    -numReduceTasks 3 -input "$T/body-crlf.csv" -output "$w" \
	    -mapper cat -reducer cat 2> "$T/err" &&
	    sort "$w"/part-* > "$T/identity-tab.sorted"
	same "streaming stand-in: without the -D settings each line gains a TAB, as in Hadoop" \
	    "$T/lines-tab.sorted" "$T/identity-tab.sorted"

	if [ -z "$HAVE_PARTIAL" ]; then
		skip "hadoop streaming recipe: crm-score and crm-pareto" "$NO_PARTIAL"
		return
	fi
	for opts in "--as-of $AS_OF" \
	    "--as-of $AS_OF --order order_id --bins 4"; do
		n="hadoop streaming: crm-score $opts, 16k splits, 3 reducers"
		if hadoop "$n" crm-score "$opts" "$D/orders.csv" 16384 3; then
			same "$n" "$h_w/single" "$H_OUT"
		else
			bad "$n" "$(tail -3 "$h_w/err")"
		fi
	done
	n="hadoop streaming: crm-pareto --by customer_id --value amount, 16k splits, 3 reducers"
	if hadoop "$n" crm-pareto "--by customer_id --value amount" \
	    "$D/orders.csv" 16384 3; then
		same "$n" "$h_w/single" "$H_OUT"
	else
		bad "$n" "$(tail -3 "$h_w/err")"
	fi
	n="hadoop streaming: crm-score --keep name,owner --order order_id, 8k splits, 4 reducers"
	if hadoop "$n" crm-score "--as-of $AS_OF --keep name,owner --order order_id" \
	    "$D/orders.csv" 8192 4; then
		same "$n" "$h_w/single" "$H_OUT"
	else
		bad "$n" "$(tail -3 "$h_w/err")"
	fi
	n="hadoop streaming: crm-score --model pnbd --keep name, 16k splits, 2 reducers"
	if hadoop "$n" crm-score "--as-of $AS_OF --model pnbd --unit day --keep name" \
	    "$D/orders.csv" 16384 2; then
		same "$n" "$h_w/single" "$H_OUT"
	else
		bad "$n" "$(tail -3 "$h_w/err")"
	fi
	n="hadoop streaming: crm-pareto --by customer_id --keep name,owner, 8k splits, 3 reducers"
	if hadoop "$n" crm-pareto "--by customer_id --value amount --keep name,owner" \
	    "$D/orders.csv" 8192 3; then
		same "$n" "$h_w/single" "$H_OUT"
	else
		bad "$n" "$(tail -3 "$h_w/err")"
	fi
	# partial state whose kept names hold line breaks: each row is one
	# line all the same (\n inside), so a shuffle of lines keeps it whole;
	# the partial state of the whole file as the job's input, the mapper
	# cat, the combiner and reducers merging
	nlopts="--as-of $AS_OF --keep name,owner"
	crm-score --partial $nlopts "$D/orders-nl.csv" > "$T/nl.part"
	w=$T/nl-job
	n="hadoop streaming: partial state of names with line breaks, shuffled as lines, 4k splits, 3 reducers"
	# shellcheck disable=SC2086
	if sh "$HERE/streaming.sh" $HADOOP_D \
	    -D mapreduce.input.fileinputformat.split.maxsize=4096 \
	    -D mapreduce.job.reduces=3 -input "$T/nl.part" -output "$w" \
	    -mapper cat -combiner "crm-score --merge --partial $nlopts" \
	    -reducer "crm-score --merge --partial $nlopts" 2> "$T/err"; then
		cat "$w"/part-* | crm-score --merge $nlopts > "$T/nl.out" 2>> "$T/err"
		same "$n" "$D/scores-nl.csv" "$T/nl.out"
	else
		bad "$n" "$(tail -3 "$T/err")"
	fi
	# empty map splits (40-byte splits of 50-byte lines) and reducers
	# with nothing to reduce (7 of them for 3 customers)
	sed -n 1,4p "$D/orders.csv" > "$T/tiny.csv"
	n="hadoop streaming: crm-score, 3 lines, empty splits and reducers"
	if hadoop "$n" crm-score "--as-of $AS_OF --order order_id" \
	    "$T/tiny.csv" 40 7; then
		same "$n" "$h_w/single" "$H_OUT"
	else
		bad "$n" "$(tail -3 "$h_w/err")"
	fi
}

# ---------------------------------------------------------------- run

if [ -n "$HAVE_PARALLEL" ]; then
	parallel_tests
else
	skip "GNU parallel recipes" "no GNU parallel (Debian package parallel)"
fi
hadoop_tests
finish
