#!/bin/sh
# The crontab of README.md, run the way cron runs it.  The programs are
# installed into a temporary prefix (MAKE install PREFIX=...); the lines
# of the README's ```crontab blocks are read from the README itself, with
# /usr/local replaced by that prefix and /var/tmp by a directory of the
# test's own.  As cron(8) does (Debian's cron 3.0), each job's command is
# run by /bin/sh -c in an environment holding only PATH=/usr/bin:/bin,
# SHELL=/bin/sh, HOME and LOGNAME, overridden by the crontab's NAME=VALUE
# lines; an unescaped % ends the command (the rest is its standard
# input, each further % a newline) and \% is a %.
#
#   sh tests/cron/run.sh BUILD_DIR [MAKE [README]]
#
# Checks: each job exits 0 and prints nothing (cron mails any output, and
# nobody reads it); the follow-up list is written where its -o says, the
# same as the same command run by hand on today's date; a temporary
# file left by a run killed with SIGKILL is removed by the cleanup line
# once it is an hour old, and a younger one is kept.  The crontab lines
# of the man pages (crm-followup(1), crm(7)) are run the same way: each
# exits 0 quietly and writes the files its -o and --deferred name.
# Prints one line per
# check and "cron: N passed, N failed"; exit status 1 when one failed.

set -u
B=$(cd "${1:?usage: run.sh BUILD_DIR [MAKE [README]]}" && pwd) || exit 2
MAKE=${2:-make}
HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HERE/../.." && pwd)
README=${3:-$TOP/README.md}

npass=0 nfail=0
ok() { npass=$((npass + 1)); printf 'ok   %s\n' "$1"; }
bad() {
	nfail=$((nfail + 1))
	printf 'FAIL %s\n' "$1"
	shift
	for l; do printf '%s\n' "$l" | sed 's/^/     /'; done
}
finish() {
	echo "cron: $npass passed, $nfail failed"
	[ "$nfail" -eq 0 ]
	exit
}

T=$(mktemp -d "${TMPDIR:-/tmp}/crm-cron.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
trap 'exit 1' INT TERM HUP PIPE
P=$T/prefix
V=$T/var
mkdir "$V" "$T/home" "$T/jobs"

if ! $MAKE -s --no-print-directory -C "$TOP" B="$B" install PREFIX="$P" \
    > "$T/install.log" 2>&1; then
	bad "make install PREFIX=..." "$(tail -5 "$T/install.log")"
	finish
fi

# The crontab: the lines of every crontab block, in order.
awk '
	/^ *```crontab[ \t]*$/ { on = 1; next }
	on && /^ *```/ { on = 0; next }
	on { sub(/^ */, ""); print }
' "$README" > "$T/crontab"
if ! [ -s "$T/crontab" ]; then
	bad "a crontab in the README" "no \`\`\`crontab block in $README"
	finish
fi

# Split it as cron does: NAME=VALUE lines set the environment of the
# jobs after them (quotes around VALUE dropped); a job line is five time
# fields (or an @ keyword) and the command, with % and \% handled.  Each
# job becomes JOBS/N.cmd, N.in and N.env (NAME=VALUE lines).
# Usage: split_crontab CRONTAB VAR JOBS
split_crontab() {
	mkdir -p "$2" "$3"
	sed -e "s|/usr/local|$P|g" -e "s|/var/tmp|$2|g" "$1" |
	awk -v dir="$3" '
function unquote(v) {
	if (v ~ /^".*"$/ || v ~ /^\047.*\047$/)
		v = substr(v, 2, length(v) - 2)
	return v
}
/^[ \t]*(#|$)/ { next }
/^[ \t]*[A-Za-z_][A-Za-z0-9_]*[ \t]*=/ {
	name = $0
	sub(/^[ \t]*/, "", name)
	sub(/[ \t]*=.*/, "", name)
	v = $0
	sub(/^[^=]*=[ \t]*/, "", v)
	sub(/[ \t]*$/, "", v)
	env[name] = unquote(v)
	if (!(name in seen)) { order[++nenv] = name; seen[name] = 1 }
	next
}
{
	line = $0
	sub(/^[ \t]*/, "", line)
	nf = line ~ /^@/ ? 1 : 5
	for (i = 0; i < nf; i++)
		sub(/^[^ \t]+[ \t]+/, "", line)
	cmd = ""; in_ = ""; pct = 0
	for (i = 1; i <= length(line); i++) {
		c = substr(line, i, 1)
		if (c == "\\" && substr(line, i + 1, 1) == "%") {
			c = "%"; i++
		} else if (c == "%") {
			if (pct++ == 0) continue
			c = "\n"
		}
		if (pct) in_ = in_ c; else cmd = cmd c
	}
	n++
	printf "%s\n", cmd > (dir "/" n ".cmd")
	printf "%s%s", in_, (pct ? "\n" : "") > (dir "/" n ".in")
	printf "" > (dir "/" n ".env")
	for (i = 1; i <= nenv; i++)
		printf "%s=%s\n", order[i], env[order[i]] > (dir "/" n ".env")
	close(dir "/" n ".cmd"); close(dir "/" n ".in"); close(dir "/" n ".env")
}
END { printf "%d\n", n > (dir "/count") }
'
}

# A temporary file of a killed run: crm-segment -o into $V, killed with
# SIGKILL while it writes (its input a FIFO kept open); aged two hours,
# and a second one left young, for the cleanup line.
mkfifo "$T/fifo"
"$P/bin/crm-segment" --preset lifecycle --as-of 2025-12-31 \
    -o "$V/segments.csv" "$T/fifo" 2>/dev/null &
seg=$!
exec 3> "$T/fifo"
{
	cat "$P/share/crm/samples/customers.csv"
	i=0
	while [ "$i" -lt 20 ]; do
		tail -n +2 "$P/share/crm/samples/customers.csv"
		i=$((i + 1))
	done
} >&3
i=0
while [ "$i" -lt 50 ] && ! ls "$V"/.segments.csv.crm-segment.* \
    >/dev/null 2>&1; do
	sleep 0.1
	i=$((i + 1))
done
kill -9 "$seg"
wait "$seg" 2>/dev/null
exec 3>&-
old=$(find "$V" -name '.segments.csv.crm-segment.*' | head -1)
if [ -n "$old" ]; then
	ok "a run killed by SIGKILL leaves ${old##*/}"
	touch -d '2 hours ago' "$old"
else
	bad "a run killed by SIGKILL leaves .segments.csv.crm-segment.XXXXXX" \
	    "$(ls -a "$V")"
fi
young=$V/.young.csv.crm-score.AbC123
: > "$young"
: > "$V/keep.csv"
touch -d '2 hours ago' "$V/keep.csv"

# The jobs of JOBS, as cron runs them: each must exit 0 and print
# nothing.  Usage: run_jobs LABEL JOBS
LOGNAME=$(id -un 2>/dev/null || echo root)
run_jobs() {
	n=$(cat "$2/count")
	i=1
	while [ "$i" -le "$n" ]; do
		cmd=$(cat "$2/$i.cmd")
		# shellcheck disable=SC2046 # one NAME=VALUE word per line
		(
			IFS='
'
			env -i PATH=/usr/bin:/bin SHELL=/bin/sh HOME="$T/home" \
			    LOGNAME="$LOGNAME" $(cat "$2/$i.env") \
			    /bin/sh -c "$cmd" < "$2/$i.in" > "$2/$i.out" 2>&1
		)
		rc=$?
		if [ "$rc" -eq 0 ] && ! [ -s "$2/$i.out" ]; then
			ok "$1: job $i exits 0 quietly: $cmd"
		else
			bad "$1: job $i: exit status $rc: $cmd" \
			    "$(head -20 "$2/$i.out")"
		fi
		i=$((i + 1))
	done
}

split_crontab "$T/crontab" "$V" "$T/jobs"
run_jobs README "$T/jobs"

# What the jobs did.
if grep -q 'crm-followup' "$T/jobs/"*.cmd 2>/dev/null; then
	out=$(sed -n 's/.*crm-followup.* -o \([^ ]*\).*/\1/p' "$T/jobs/"*.cmd |
	    head -1)
	(cd "$P/share/crm/samples" && "$P/bin/crm-followup" \
	    --as-of "$(date +%F)" -c followup-customers.yaml \
	    --log contacts.csv -q customers.csv) > "$T/expected.csv"
	if [ -n "$out" ] && [ -s "$out" ] && cmp -s "$out" "$T/expected.csv"
	then
		ok "the follow-up list is in ${out#"$T"/}, as by hand today"
	else
		bad "the follow-up list is in ${out:-(no -o)}" \
		    "$(ls -la "$V")"
	fi
else
	bad "a crm-followup job in the crontab"
fi
if [ -n "$old" ] && [ -e "$old" ]; then
	bad "the cleanup line removes the killed run's file" "$(ls -la "$V")"
elif [ -n "$old" ]; then
	ok "the cleanup line removes the killed run's file"
fi
if [ -e "$young" ] && [ -e "$V/keep.csv" ]; then
	ok "the cleanup line keeps a younger one and other files"
else
	bad "the cleanup line keeps a younger one and other files" \
	    "$(ls -la "$V")"
fi

# The crontab lines of the man pages: each page's literal displays (.Bd
# -literal) that hold a crontab line (five time fields and a command)
# make its crontab, in order; each job must exit 0 quietly and write
# every file it names with -o or --deferred.
for m in "$TOP"/man/*.[1-9]; do
	name=${m##*/}
	awk '
		/^\.Bd -literal/ { on = 1; k = 0; cron = 0; next }
		on && /^\.Ed/ {
			on = 0
			if (cron)
				for (i = 1; i <= k; i++)
					print l[i]
			next
		}
		on {
			gsub(/\\e/, "\\")
			l[++k] = $0
			if ($0 ~ /^([0-9*][^ ]* +){5}[^ ]/)
				cron = 1
		}
	' "$m" > "$T/crontab.$name"
	[ -s "$T/crontab.$name" ] || continue
	split_crontab "$T/crontab.$name" "$T/var.$name" "$T/jobs.$name"
	run_jobs "$name" "$T/jobs.$name"
	# shellcheck disable=SC2013 # names without spaces, one per word
	for f in $(cat "$T/jobs.$name"/*.cmd |
	    grep -o -e ' -o [^ ]*' -e ' --deferred [^ ]*' | awk '{ print $2 }')
	do
		if [ -s "$f" ]; then
			ok "$name: the jobs write ${f#"$T"/}"
		else
			bad "$name: the jobs write ${f#"$T"/}" \
			    "$(ls -la "$T/var.$name")"
		fi
	done
done
finish
