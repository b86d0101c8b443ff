#!/bin/sh
# Every command of README.md, run as written from a clean copy of the
# tree after `make demo`, the way a new user would type them: one bash
# session (a Debian user's login shell) with an empty environment but
# PATH=/usr/bin:/bin and a HOME of its own, so that the programs are
# found only through the README's own `export PATH=...` line (and the
# README's `set -o pipefail` holds from where it is typed on, as it would
# in a terminal).  Each code block starts at the top of the copy.
#
#   sh tests/readme/run.sh [-s] BUILD_DIR [README]
#
# -s: any exit status will do, only the output shown is compared (for
# the man pages' examples, which show error messages; tests/readme/man.sh).
#
# The commands come from the fenced code blocks (tests/readme/extract.awk
# says which kinds there are): each must exit 0, and in a console block
# print what the README shows (standard output and standard error as a
# terminal shows them; "..." stands for any lines; tests/readme/match.awk).
# A block marked "<!-- readme-test: skip: REASON -->" is not run, nor are
# the crontab lines (tests/cron runs them as cron does); they are counted
# with their reasons.  BUILD_DIR holds the programs already built: it is
# copied with the tree, times kept, so that `make demo` in the copy finds
# them up to date.  Prints one line per command and "readme: N passed,
# N failed, N skipped (...)"; exit status 1 when a command failed.

set -u
anystatus=0
if [ "${1:-}" = -s ]; then
	anystatus=1
	shift
fi
B=$(cd "${1:?usage: run.sh [-s] BUILD_DIR [README]}" && pwd) || exit 2
HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HERE/../.." && pwd)
README=${2:-$TOP/README.md}

T=$(mktemp -d "${TMPDIR:-/tmp}/crm-readme.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
trap 'exit 1' INT TERM HUP PIPE
mkdir "$T/tree" "$T/cmds" "$T/out" "$T/home"

# The copy: the files git knows (a clean clone has no others), the
# README under test, and the build with its times.
if git -C "$TOP" rev-parse --git-dir >/dev/null 2>&1; then
	(cd "$TOP" && git ls-files -z | tar --null -T - -cf - 2>/dev/null) |
	    tar -xf - -C "$T/tree" || exit 1
else
	(cd "$TOP" && tar -cf - --exclude=./build .) | tar -xf - -C "$T/tree" ||
	    exit 1
fi
cp "$README" "$T/tree/README.md" || exit 1
mkdir "$T/tree/build"
(cd "$B" && tar -cf - bin lib libcrm.a presets_data.c) |
    tar -xf - -C "$T/tree/build" || exit 1

if ! awk -v dir="$T/cmds" -f "$HERE/extract.awk" "$README"; then
	echo "readme: the README's code blocks cannot be read"
	exit 1
fi
n=$(cat "$T/cmds/count")

# The session: each command sourced in turn, its output and status kept.
# shellcheck disable=SC2016 # the session expands these, not this script
{
	blk=0
	i=1
	while [ "$i" -le "$n" ]; do
		b=$(cat "$T/cmds/blk.$i")
		if [ "$b" != "$blk" ]; then
			printf 'cd "$TREE"\n'
			blk=$b
		fi
		printf '{ . "$CMDS/cmd.%d"; } > "$OUT/out.%d" 2>&1 < /dev/null\n' \
		    "$i" "$i"
		printf 'echo $? > "$OUT/rc.%d"\n' "$i"
		i=$((i + 1))
	done
} > "$T/session.sh"
(cd "$T/tree" && env -i PATH=/usr/bin:/bin HOME="$T/home" \
    TREE="$T/tree" CMDS="$T/cmds" OUT="$T/out" \
    timeout 300 bash "$T/session.sh")

npass=0 nfail=0
i=1
while [ "$i" -le "$n" ]; do
	cmd=$(head -1 "$T/cmds/cmd.$i")
	rc=$(cat "$T/out/rc.$i" 2>/dev/null || echo "not run")
	why=
	if [ "$rc" != 0 ] && { [ "$anystatus" -eq 0 ] || [ "$rc" = "not run" ]; }
	then
		why="exit status $rc"
	elif [ -f "$T/cmds/exp.$i" ] &&
	    ! why=$(awk -f "$HERE/match.awk" "$T/cmds/exp.$i" "$T/out/out.$i")
	then
		:
	else
		why=
	fi
	if [ -z "$why" ]; then
		npass=$((npass + 1))
		printf 'ok   %s\n' "$cmd"
	else
		nfail=$((nfail + 1))
		printf 'FAIL %s\n     %s\n' "$cmd" "$why"
		sed 's/^/     | /' "$T/out/out.$i" 2>/dev/null | head -20
	fi
	i=$((i + 1))
done

nskip=0 reasons=
if [ -f "$T/cmds/skipped" ]; then
	nskip=$(awk -F '\t' '{ s += $2 } END { print s + 0 }' "$T/cmds/skipped")
	reasons=$(awk -F '\t' '
		!($1 in c) { o[++k] = $1 }
		{ c[$1] += $2 }
		END { for (i = 1; i <= k; i++)
			printf "%s%d: %s", (i > 1 ? "; " : ""), c[o[i]], o[i] }' \
	    "$T/cmds/skipped")
fi
echo "readme: $npass passed, $nfail failed," \
    "$nskip skipped${reasons:+ ($reasons)}"
[ "$nfail" -eq 0 ]
