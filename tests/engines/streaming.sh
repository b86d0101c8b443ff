#!/bin/sh
# A stand-in for Hadoop Streaming, in POSIX sh and the standard tools
# (awk, sort, mkdir, ln), for the engine tests: Hadoop is not in Debian,
# so its contract is what is tested, not Hadoop.
#
#   sh streaming.sh [-D NAME=VALUE ...] [-files FILE,...] -input FILE ...
#       -output DIR -mapper CMD [-combiner CMD] [-reducer CMD]
#       [-numReduceTasks N]
#
# What it does, as Hadoop Streaming with TextInputFormat, the default
# HashPartitioner and TextOutputFormat does it (Hadoop 2 and 3):
#
# 1. Input splits: each input file is cut into splits of
#    mapreduce.input.fileinputformat.split.maxsize bytes (the last one up
#    to 1.1 times that, FileInputFormat's SPLIT_SLOP).  A line belongs to
#    the split in which it starts, counted as LineRecordReader counts:
#    a line starting at byte o goes to the split [s, e) with s < o <= e
#    (o = 0 to the first), so a line that crosses a split's end is read
#    whole by that split.  The mapper gets each line without its line end
#    (a CR before the LF is dropped too), followed by LF.
# 2. Map: each split is a task that runs CMD (with `sh -c`, in a task
#    folder holding links to the -files); a non-zero exit fails the job.
#    Each output line is cut into key and value at the
#    stream.num.map.output.key.fields-th stream.map.output.field.separator
#    (default: the first TAB); a line with fewer separators is all key and
#    an empty value.
# 3. Partition: by Text.hashCode() of the key (WritableComparator.hashBytes:
#    h = 31 * h + b over the key's signed bytes from h = 1), as
#    HashPartitioner: (h & Integer.MAX_VALUE) % reducers.
# 4. Sort and combine: each map's partition is sorted by key, bytewise;
#    the combiner runs on it as a reducer does (below), and its output
#    goes back to the same partition, sorted again.  Hadoop runs a
#    combiner zero, one or more times; here map task k runs it (k mod 3)
#    times, so every count of 0, 1 and 2 is exercised.
# 5. Shuffle and reduce: reducer r reads partition r of every map, merged
#    in key order, each record written to CMD as key,
#    stream.reduce.input.field.separator (default TAB), value, LF.  Its
#    output lines are cut at the stream.num.reduce.output.key.fields-th
#    stream.reduce.output.field.separator (default TAB) and written to
#    DIR/part-NNNNN as key, mapreduce.output.textoutputformat.separator
#    (default TAB), value: so a line without the separator gains one at
#    its end, as it does in Hadoop.  Without -reducer the reduce is the
#    identity.  A reducer with no input runs all the same, on nothing.
#
# Not done: compression, counters, speculative or retried tasks, record
# readers other than lines, keys holding the byte 0x01 (used inside as
# the key's end; refused).  A CR alone (not before LF) is a line end to
# Hadoop but not here.  The stand-in prints the task counts on standard
# error; exit status 0, or 1 when a task failed, 2 on bad usage.
#
#   sh streaming.sh -hash STRING    prints the partitioner's hash of STRING

set -u
LC_ALL=C
export LC_ALL

die() { printf 'streaming: %s\n' "$*" >&2; exit "${2:-2}"; }
fail() { printf 'streaming: %s\n' "$*" >&2; exit 1; }

# The partitioner in awk: hashBytes over the key, HashPartitioner.
HASH_AWK='
function hinit(   i) { for (i = 1; i < 256; i++) ord[sprintf("%c", i)] = i }
function hash(s,    h, i, b) {
	h = 1
	for (i = 1; i <= length(s); i++) {
		b = ord[substr(s, i, 1)]
		if (b >= 128)
			b -= 256
		h = (31 * h + b) % 4294967296
		if (h < 0)
			h += 4294967296
	}
	return h
}
function part(s, n) { return (hash(s) % 2147483648) % n }
'

if [ "${1:-}" = -hash ]; then
	[ $# -eq 2 ] || die "usage: streaming.sh -hash STRING"
	awk -v s="$2" "$HASH_AWK"'
	BEGIN { hinit(); h = hash(s); if (h >= 2147483648) h -= 4294967296
		printf "%d\n", h }'
	exit 0
fi

TAB=$(printf '\t')
SOH=$(printf '\001')
MAP_SEP=$TAB MAP_KEYS=1 RED_IN_SEP=$TAB RED_OUT_SEP=$TAB RED_KEYS=1
OUT_SEP=$TAB REDUCES=1 SPLIT=33554432
MAPPER= COMBINER= REDUCER= OUTPUT= FILES= INPUTS=

unescape() { if [ "$1" = '\t' ]; then printf '%s' "$TAB"; else printf '%s' "$1"; fi; }
number() {
	case $2 in ''|*[!0-9]*) die "$1: not a whole number: $2" ;; esac
	printf '%s' "$2"
}

while [ $# -gt 0 ]; do
	[ $# -ge 2 ] || die "$1: a value is missing"
	case $1 in
	-D)
		v=${2#*=}
		case ${2%%=*} in
		stream.map.output.field.separator) MAP_SEP=$(unescape "$v") ;;
		stream.num.map.output.key.fields) MAP_KEYS=$(number "$2" "$v") ;;
		stream.reduce.input.field.separator) RED_IN_SEP=$(unescape "$v") ;;
		stream.reduce.output.field.separator) RED_OUT_SEP=$(unescape "$v") ;;
		stream.num.reduce.output.key.fields) RED_KEYS=$(number "$2" "$v") ;;
		mapreduce.output.textoutputformat.separator) OUT_SEP=$(unescape "$v") ;;
		mapreduce.job.reduces) REDUCES=$(number "$2" "$v") ;;
		mapreduce.input.fileinputformat.split.maxsize) SPLIT=$(number "$2" "$v") ;;
		*) die "-D ${2%%=*}: not a setting this stand-in knows" ;;
		esac ;;
	-files) FILES=$2 ;;
	-input) [ -f "$2" ] || die "$2: no such file"
		INPUTS="$INPUTS$2$TAB" ;;
	-output) OUTPUT=$2 ;;
	-mapper) MAPPER=$2 ;;
	-combiner) COMBINER=$2 ;;
	-reducer) REDUCER=$2 ;;
	-numReduceTasks) REDUCES=$(number "$1" "$2") ;;
	*) die "$1: unknown option" ;;
	esac
	shift 2
done
[ -n "$INPUTS" ] && [ -n "$OUTPUT" ] && [ -n "$MAPPER" ] ||
    die "usage: streaming.sh [-D NAME=VALUE ...] [-files F,...] -input FILE ... -output DIR -mapper CMD [-combiner CMD] [-reducer CMD]"
[ "$REDUCES" -ge 1 ] || die "map-only jobs are not done here"
[ "$SPLIT" -ge 1 ] || die "the split size must be at least 1 byte"
[ -e "$OUTPUT" ] && die "$OUTPUT: the output folder exists (Hadoop refuses it too)"
mkdir -p "$OUTPUT" || die "$OUTPUT: cannot create"
OUTPUT=$(cd "$OUTPUT" && pwd)
W=$(mktemp -d "${TMPDIR:-/tmp}/streaming.XXXXXX") || die "no temporary folder"
trap 'rm -rf "$W"' EXIT
trap 'exit 1' INT TERM HUP PIPE

# task DIR CMD IN OUT: runs CMD in a fresh task folder DIR with the
# -files linked in, IN on standard input, OUT the standard output.
task() {
	mkdir -p "$1" || exit 1
	old_ifs=$IFS
	IFS=,
	for f in $FILES; do
		IFS=$old_ifs
		[ -f "$f" ] || fail "-files $f: no such file"
		ln -s "$(cd "$(dirname "$f")" && pwd)/$(basename "$f")" \
		    "$1/$(basename "$f")"
	done
	IFS=$old_ifs
	(cd "$1" && sh -c "$2") < "$3" > "$4" 2> "$1/stderr"
	t_rc=$?
	if [ "$t_rc" -ne 0 ]; then
		sed 's/^/  /' "$1/stderr" >&2
		fail "task $(basename "$1") failed (exit status $t_rc): $2"
	fi
	cat "$1/stderr" >&2
}

# cut_kv SEP KEYS: lines to KEY SOH VALUE, cut at the KEYS-th SEP.
cut_kv() {
	awk -v sep="$1" -v nk="$2" '
	index($0, "\001") { print "streaming: a record holds the byte 0x01" > "/dev/stderr"; exit 3 }
	{
		rest = $0; key = ""; n = 0
		while (n < nk && (i = index(rest, sep)) > 0) {
			key = key (n ? sep : "") substr(rest, 1, i - 1)
			rest = substr(rest, i + length(sep)); n++
		}
		if (n < nk)
			print $0 "\001"
		else
			print key "\001" rest
	}'
}

# join_kv SEP: KEY SOH VALUE lines to KEY SEP VALUE.
join_kv() { awk -v sep="$1" '{ i = index($0, "\001"); print substr($0, 1, i - 1) sep substr($0, i + 1) }'; }

sort_kv() { sort -t "$SOH" -k1,1 "$@"; }

# combine_or_reduce DIR CMD IN OUT: the records of IN (KEY SOH VALUE,
# sorted) through CMD, its output cut into KEY SOH VALUE in OUT.
combine_or_reduce() {
	join_kv "$RED_IN_SEP" < "$3" > "$1.in" || exit 1
	task "$1" "$2" "$1.in" "$1.out"
	cut_kv "$RED_OUT_SEP" "$RED_KEYS" < "$1.out" > "$4" ||
	    fail "task $(basename "$1"): its output holds the byte 0x01"
}

# 1. splits
nmaps=0
fi=0
old_ifs=$IFS
IFS=$TAB
for inp in $INPUTS; do
	IFS=$old_ifs
	fi=$((fi + 1))
	size=$(wc -c < "$inp" | tr -d ' ')
	awk -v S="$SPLIT" -v size="$size" -v dir="$W" -v fi="$fi" '
	BEGIN {
		n = 0; start = 0; rem = size
		while (rem / S > 1.1) {
			st[n] = start; en[n] = start + S; n++
			start += S; rem -= S
		}
		if (rem > 0 || n == 0) { st[n] = start; en[n] = size; n++ }
		for (k = 0; k < n; k++) {
			f[k] = sprintf("%s/split-%03d-%05d", dir, fi, k)
			printf "" > f[k]; close(f[k])
		}
		o = 0; k = 0
	}
	{
		while (k < n - 1 && o > en[k]) { close(f[k]); k++ }
		line = $0
		sub(/\r$/, "", line)
		print line > f[k]
		o += length($0) + 1
	}' "$inp" || fail "$inp: cannot split"
	IFS=$TAB
done
IFS=$old_ifs

# 2-4. map tasks, partitions, combiners
k=0
for s in "$W"/split-*; do
	m=$W/map-$(printf '%05d' "$k")
	task "$m" "$MAPPER" "$s" "$m.out"
	cut_kv "$MAP_SEP" "$MAP_KEYS" < "$m.out" |
	    awk -v R="$REDUCES" -v base="$m.p" "$HASH_AWK"'
	BEGIN { hinit(); for (r = 0; r < R; r++) printf "" > (base r) }
	{ i = index($0, "\001"); print > (base part(substr($0, 1, i - 1), R)) }' ||
	    fail "map task $k: cannot partition its output"
	r=0
	while [ "$r" -lt "$REDUCES" ]; do
		sort_kv "$m.p$r" > "$m.s$r" || exit 1
		passes=0
		[ -n "$COMBINER" ] && passes=$((k % 3))
		c=0
		while [ "$c" -lt "$passes" ]; do
			combine_or_reduce "$m-combine-$r-$c" "$COMBINER" \
			    "$m.s$r" "$m.c$r"
			sort_kv "$m.c$r" > "$m.s$r" || exit 1
			c=$((c + 1))
		done
		r=$((r + 1))
	done
	k=$((k + 1))
done
nmaps=$k

# 5. shuffle, sort, reduce
r=0
while [ "$r" -lt "$REDUCES" ]; do
	red=$W/reduce-$(printf '%05d' "$r")
	sort_kv -m "$W"/map-*.s$r > "$red.s" || exit 1
	if [ -n "$REDUCER" ]; then
		combine_or_reduce "$red" "$REDUCER" "$red.s" "$red.kv"
	else
		cp "$red.s" "$red.kv"
	fi
	join_kv "$OUT_SEP" < "$red.kv" > "$OUTPUT/part-$(printf '%05d' "$r")" ||
	    exit 1
	r=$((r + 1))
done
printf 'streaming: %d map tasks, %d reduce tasks\n' "$nmaps" "$REDUCES" >&2
exit 0
