# msgsplit.awk - the entries of the message table as files to run.
#
# Usage: awk -v dir=SCRATCH -f tests/cli/msgsplit.awk messages.txt
#
# For the entry starting on line N, writes SCRATCH/eNNNN/ with
#   cmd     the run: lines, one per line
#   stderr  the err: lines: the whole expected standard error
#   status  the exit: value
#   prog    the prog: value
#   work/   the entry's file: files, where cmd runs
# Unreachable entries (unreachable:, why:) are not run.  Fails on an
# entry without prog:, run:, exit: or err:, or with an unknown key.

function flush(    d, f, i) {
	if (start == 0)
		return
	if (unreachable) {
		start = unreachable = nrun = nerr = nfile = 0
		prog = status = ""
		return
	}
	if (prog == "" || nrun == 0 || status == "" || nerr == 0) {
		printf "%s:%d: an entry needs prog:, run:, exit: and err:\n", \
		    FILENAME, start > "/dev/stderr"
		failed = 1
	}
	d = sprintf("%s/e%04d", dir, start)
	system("mkdir -p '" d "/work'")
	for (i = 1; i <= nrun; i++)
		print run[i] > (d "/cmd")
	close(d "/cmd")
	for (i = 1; i <= nerr; i++)
		print err[i] > (d "/stderr")
	close(d "/stderr")
	print status > (d "/status")
	close(d "/status")
	print prog > (d "/prog")
	close(d "/prog")
	for (i = 1; i <= nfile; i++) {
		f = d "/work/" fname[i]
		printf "%s", fbody[i] > f
		close(f)
	}
	start = unreachable = nrun = nerr = nfile = 0
	prog = status = ""
}

/^[ \t]*$/ {
	flush()
	next
}

/^#/ {
	next
}

/^\|/ {
	line = substr($0, 2)
	sub(/^ /, "", line)
	fbody[nfile] = fbody[nfile] line "\n"
	next
}

{
	if (start == 0)
		start = FNR
	key = $0
	sub(/:.*/, "", key)
	val = substr($0, length(key) + 2)
	sub(/^ /, "", val)
	if (key == "run")
		run[++nrun] = val
	else if (key == "err")
		err[++nerr] = val
	else if (key == "exit")
		status = val
	else if (key == "prog")
		prog = val
	else if (key == "file") {
		fname[++nfile] = val
		fbody[nfile] = ""
	} else if (key == "unreachable")
		unreachable = 1
	else if (key != "fmt" && key != "via" && key != "why") {
		printf "%s:%d: unknown key '%s'\n", FILENAME, FNR, key \
		    > "/dev/stderr"
		failed = 1
	}
}

END {
	flush()
	exit failed
}
