#!/bin/sh
# make test: builds, then runs every suite (the cmocka unit tests, the CLI
# cases, the table of messages, the calendars read back by python3's
# icalendar, the man page lint, the shape of the code (tests/style), every
# command of the README and its crontab lines run as cron does, the unit
# tests, cases and messages again under ASan and UBSan, the recipes
# under GNU parallel and Hadoop Streaming's contract, the fuzzers for a
# few seconds each) and prints one line per suite with its counts.  A
# failing suite
# is printed in full after its line; everything goes to BUILD_DIR/test.log.
# Usage: sh tests/suites.sh MAKE BUILD_DIR
make=${1:?usage: suites.sh MAKE BUILD_DIR}
B=${2:?usage: suites.sh MAKE BUILD_DIR}
mkdir -p "$B" || exit 1
log=$B/test.log
: > "$log"
nfailed=0

# suite NAME SUMMARY CMD...: runs CMD with its output in the log; prints
# "NAME: " and the suite's summary (SUMMARY is a function of the output
# file), and the output in full when CMD failed.
suite() {
	s_name=$1 s_sum=$2
	shift 2
	s_out=$B/test-$(printf '%s' "$s_name" | tr -c 'a-z0-9' '-').out
	"$@" > "$s_out" 2>&1
	s_rc=$?
	{ echo "==== $s_name"; cat "$s_out"; } >> "$log"
	printf '%s: %s\n' "$s_name" "$($s_sum "$s_out")"
	if [ "$s_rc" -ne 0 ]; then
		nfailed=$((nfailed + 1))
		sed 's/^/    /' "$s_out"
	fi
	return 0
}

last_line() { grep -v '^ *$' "$1" | tail -1; }
grep_line() { grep "$2" "$1" | tail -1 | sed "s/^$3//"; }
cli_sum() { grep_line "$1" '^cli: ' 'cli: '; }
messages_sum() { grep_line "$1" '^messages: [0-9]* passed' 'messages: '; }
fuzz_sum() { grep_line "$1" '^fuzz: ' 'fuzz: '; }
ics_sum() { grep_line "$1" '^icalendar: ' 'icalendar: '; }
shape_sum() { grep_line "$1" '^shape: ' 'shape: '; }
engines_sum() { grep_line "$1" '^engines: ' 'engines: '; }
readme_sum() { grep_line "$1" '^readme: ' 'readme: '; }
cron_sum() { grep_line "$1" '^cron: ' 'cron: '; }
build_sum() { if [ "$s_rc" -eq 0 ]; then echo ok; else echo failed; fi; }

# units DIR: the test binary in DIR of each tests/unit source in turn
# (one missing is a failure); prints the failing ones' output in full at
# the end and a count line.
units() {
	u_fail=0 u_bins=0 u_tests=0 u_passed=0
	u_tmp=$B/test-unit-one.out
	for src in tests/unit/test_*.c; do
		# the tests of the sources, not a stale binary of a removed one
		t=$1/$(basename "$src" .c)
		if [ ! -x "$t" ]; then
			u_fail=$((u_fail + 1))
			echo "== $t: not built"
			continue
		fi
		u_bins=$((u_bins + 1))
		"$t" > "$u_tmp" 2>&1
		u_rc=$?
		u_tests=$((u_tests + $(sed -n 's/^\[==========\] \([0-9]*\) test(s) run\./\1/p' "$u_tmp" | tail -1 | grep . || echo 0)))
		u_passed=$((u_passed + $(sed -n 's/^\[  PASSED  \] \([0-9]*\) test(s)\./\1/p' "$u_tmp" | tail -1 | grep . || echo 0)))
		if [ "$u_rc" -ne 0 ]; then
			u_fail=$((u_fail + 1))
			echo "== $t: exit status $u_rc"
			cat "$u_tmp"
		fi
	done
	echo "unit: $u_bins programs, $u_tests tests: $u_passed passed, $((u_tests - u_passed)) failed; $u_fail programs failed"
	[ "$u_fail" -eq 0 ] && [ "$u_bins" -gt 0 ]
}
unit_sum() { grep_line "$1" '^unit: ' 'unit: '; }

man_sum() {
	if [ "$s_rc" -eq 0 ]; then
		echo "mandoc -Tlint and groff at 80 columns clean"
	else
		echo "$(grep -c . "$1") problems"
	fi
}

M="$make --no-print-directory -s"
suite build build_sum $M B="$B" all units
suite unit unit_sum units "$B/tests"
suite cli cli_sum sh tests/cli/run.sh "$B"
suite messages messages_sum sh tests/cli/messages.sh "$B"
suite icalendar ics_sum sh tests/cli/icalendar.sh "$B"
suite man man_sum $M man-lint
suite shape shape_sum sh tests/style/shape.sh
suite readme readme_sum sh tests/readme/run.sh "$B"
suite cron cron_sum sh tests/cron/run.sh "$B" "$make"
suite "build (asan)" build_sum $M asan-build
suite "unit (asan)" unit_sum units "$B/asan/tests"
suite "cli (asan)" cli_sum sh tests/cli/run.sh "$B/asan"
suite "messages (asan)" messages_sum sh tests/cli/messages.sh "$B/asan"
suite engines engines_sum sh tests/engines/run.sh "$B" "$make"
suite fuzz fuzz_sum $M fuzz-smoke

if [ "$nfailed" -eq 0 ]; then
	echo "all suites passed; the whole log is in $log"
else
	echo "$nfailed suite(s) failed; the whole log is in $log"
	exit 1
fi
