#!/bin/sh
# The table test of messages, after GNU datamash's datamash-error-msgs.pl
# and jq's %%FAIL cases: tests/cli/messages.txt holds one entry per
# message of the four programs (command line, exit status, the exact
# standard error).  First checks that every message format of lib/ and
# cmd/ has an entry (msgformats.awk, msgcheck.awk), then runs each
# entry against BUILD_DIR's programs, in a scratch directory with
# $SAMPLES naming samples/.  Prints "messages: N passed, N failed".
# Usage: sh tests/cli/messages.sh BUILD_DIR [LINE ...]
# (LINE: run only the entries starting on these lines of the table)

build=$(cd "${1:?usage: messages.sh BUILD_DIR [LINE ...]}" && pwd)
shift
top=$(cd "$(dirname "$0")/../.." && pwd)
here=$top/tests/cli
table=$here/messages.txt
scratch=$build/messages
rm -rf "$scratch"
mkdir -p "$scratch"

ok=1
(cd "$top" && awk -f "$here/msgformats.awk" lib/*.h lib/*.c cmd/*.c) \
    >"$scratch/formats" || exit 1
awk -f "$here/msgcheck.awk" "$scratch/formats" "$table" || ok=0
awk -v dir="$scratch" -f "$here/msgsplit.awk" "$table" || exit 1

if [ $# -eq 0 ]; then
	set -- $(cd "$scratch" && ls -d e[0-9]* | sed 's/^e0*//')
fi

pass=0
fail=0
for n in "$@"; do
	d=$scratch/$(printf 'e%04d' "$n")
	if [ ! -d "$d" ]; then
		echo "messages: no entry starts on line $n of messages.txt"
		fail=$((fail + 1))
		continue
	fi
	(
		cd "$d/work" &&
		PATH=$build/bin:$PATH SAMPLES=$top/samples LC_ALL=C.UTF-8 \
		    TZ=UTC sh "$d/cmd" >"$d/out" 2>"$d/err" </dev/null
		echo $? >"$d/rc"
	)
	prog=$(cat "$d/prog")
	why=""
	[ "$(cat "$d/rc")" = "$(cat "$d/status")" ] ||
		why="exit status $(cat "$d/rc"), expected $(cat "$d/status")"
	if ! cmp -s "$d/stderr" "$d/err"; then
		why="${why:+$why; }standard error differs (expected, got)"
	elif grep -v -q "^$prog: " "$d/stderr"; then
		why="a line of err: does not start with \"$prog: \""
	fi
	if [ -z "$why" ]; then
		pass=$((pass + 1))
		continue
	fi
	fail=$((fail + 1))
	echo "FAIL messages.txt:$n: $why"
	sed 's/^/	run: /' "$d/cmd"
	if ! cmp -s "$d/stderr" "$d/err"; then
		diff "$d/stderr" "$d/err" | head -10
	fi
done
echo "messages: $pass passed, $fail failed"
[ $fail = 0 ] && [ $ok = 1 ]
