# The commands of README.md, for tests/readme/run.sh.  Reads the fenced
# code blocks:
#   ```console  "$ " starts a command, the other lines are its output
#               as a terminal shows it ("..." stands for any lines);
#   ```sh       commands only, their output is not shown;
#   ```crontab  crontab lines, which tests/cron runs as cron does.
# A command goes on over the next line while it ends in "|", "\", "&&"
# or "||".  A block right after a line
#   <!-- readme-test: skip: REASON -->
# is skipped for REASON.  Any other kind of fenced block is an error: a
# command the test cannot see must not slip into the README.
#
# Writes, for the Nth command, DIR/cmd.N (its text), DIR/exp.N (console
# blocks: the output shown), DIR/blk.N (the number of its block), and
# DIR/skipped: one line "REASON<TAB>COUNT" per skipped block.  Exits 1
# on a block of an unknown kind or an unterminated block.
# Usage: awk -v dir=DIR -f extract.awk README.md

function flush_cmd() { cur = "" }
function continued(s) { return s ~ /(\||\\|&&|\|\|)[ \t]*$/ }
function new_cmd(text) {
	n++
	cmdf = dir "/cmd." n
	printf "%s\n", text > cmdf
	close(cmdf)
	printf "%d\n", nblk > (dir "/blk." n)
	close(dir "/blk." n)
	if (kind == "console")
		printf "" > (dir "/exp." n)
	cur = text
}
function add_line(text) {
	printf "%s\n", text >> cmdf
	close(cmdf)
	cur = text
}

BEGIN { n = 0; nblk = 0; inblk = 0; skip = "" }

!inblk && /^ *```/ {
	indent = match($0, /[^ ]/) - 1
	kind = $0
	sub(/^ *```/, "", kind)
	sub(/[ \t].*/, "", kind)
	inblk = 1
	nblk++
	start = NR
	cur = ""
	if (kind != "console" && kind != "sh" && kind != "crontab") {
		printf "README.md:%d: a code block of kind '%s': %s\n", NR, \
		    kind, "use console, sh or crontab"
		bad = 1
	}
	blkskip = skip
	if (blkskip == "" && kind == "crontab")
		blkskip = "crontab lines, run as cron does by tests/cron"
	ncmd = 0
	skip = ""
	next
}

inblk && /^ *```[ \t]*$/ {
	inblk = 0
	if (blkskip != "")
		printf "%s\t%d\n", blkskip, ncmd > (dir "/skipped")
	next
}

inblk {
	line = $0
	if (substr(line, 1, indent) ~ /^ *$/)
		line = substr(line, indent + 1)
	if (blkskip != "") {
		if (kind == "console" ? line ~ /^\$ / : \
		    (line !~ /^[ \t]*(#|$)/ && !continued(prev)))
			ncmd++
		prev = line
		next
	}
	if (kind == "console") {
		if (cur != "" && continued(cur)) {
			add_line(line)
		} else if (line ~ /^\$ /) {
			new_cmd(substr(line, 3))
		} else if (n > 0 && cur != "") {
			printf "%s\n", line >> (dir "/exp." n)
			close(dir "/exp." n)
		} else {
			printf "README.md:%d: output before any command\n", NR
			bad = 1
		}
	} else {
		if (cur != "" && continued(cur))
			add_line(line)
		else if (line ~ /^[ \t]*(#|$)/)
			cur = ""
		else
			new_cmd(line)
	}
	next
}

/^<!-- readme-test: skip: .* -->[ \t]*$/ {
	skip = $0
	sub(/^<!-- readme-test: skip: /, "", skip)
	sub(/ -->[ \t]*$/, "", skip)
	next
}

/^[ \t]*$/ { next }
{ skip = "" }

END {
	if (inblk) {
		printf "README.md:%d: code block not closed\n", start
		bad = 1
	}
	printf "%d\n", n > (dir "/count")
	exit bad
}
