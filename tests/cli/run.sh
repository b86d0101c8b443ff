#!/bin/sh
# End-to-end cases: each directory under tests/cli/cases holds
#   cmd     shell commands, run in a scratch directory with the programs
#           first on PATH, $CASE naming the case directory and $SAMPLES
#           the samples directory
#   stdout  the expected standard output (absent: must be empty)
#   stderr  the expected standard error (absent: must be empty)
#   status  the expected exit status (absent: 0)
# plus any input files the commands read.  Prints "N passed, N failed".
# Usage: sh tests/cli/run.sh BUILD_DIR [CASE ...]

build=$(cd "${1:?usage: run.sh BUILD_DIR [CASE ...]}" && pwd)
shift
top=$(cd "$(dirname "$0")/../.." && pwd)
cases=$top/tests/cli/cases
scratch=$build/cli
rm -rf "$scratch"
mkdir -p "$scratch"

if [ $# -eq 0 ]; then
	set -- $(ls "$cases")
fi

pass=0
fail=0
for name in "$@"; do
	dir=$cases/$name
	work=$scratch/$name
	mkdir -p "$work"
	(
		cd "$work" &&
		PATH=$build/bin:$PATH CASE=$dir SAMPLES=$top/samples \
		    LC_ALL=C.UTF-8 TZ=UTC sh "$dir/cmd" >"$work/.stdout" \
		    2>"$work/.stderr" </dev/null
		echo $? >"$work/.status"
	)
	want_status=0
	[ -f "$dir/status" ] && want_status=$(cat "$dir/status")
	ok=1
	if [ "$(cat "$work/.status")" != "$want_status" ]; then
		echo "FAIL $name: exit status $(cat "$work/.status"), expected $want_status"
		ok=0
	fi
	for stream in stdout stderr; do
		want=$dir/$stream
		[ -f "$want" ] || want=/dev/null
		if ! cmp -s "$want" "$work/.$stream"; then
			echo "FAIL $name: $stream differs (expected, got):"
			diff "$want" "$work/.$stream" | head -20
			ok=0
		fi
	done
	if [ $ok = 1 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
	fi
done
echo "cli: $pass passed, $fail failed"
[ $fail = 0 ]
