# The examples of a man page as README code blocks, for
# tests/readme/man.sh: each literal display (.Bd -literal) holding "$ "
# lines becomes a ```console block, roff escapes undone; "$ cat FILE"
# followed by text becomes a ```sh block that writes FILE, as the reader
# would before running the next command.
# Usage: awk -f man2md.awk PAGE

function file_block(f, from,   j, t) {
	print "```sh"
	print "printf '%s\\n' \\"
	for (j = from; j <= k && l[j] !~ /^\$ /; j++) {
		t = l[j]
		gsub(/'/, "'\\''", t)
		printf "'%s' \\\n", t
	}
	print "> " f
	print "```"
	return j
}

function flush(   i, j) {
	i = 1
	while (i <= k) {
		if (l[i] ~ /^\$ cat [^ |<>]+$/) {
			i = file_block(substr(l[i], 7), i + 1)
			continue
		}
		print "```console"
		for (j = i; j <= k; j++) {
			if (j > i && l[j] ~ /^\$ cat [^ |<>]+$/)
				break
			print l[j]
		}
		print "```"
		i = j
	}
	print ""
}

/^\.Bd -literal/ { on = 1; k = 0; has = 0; next }
on && /^\.Ed/ {
	on = 0
	if (has)
		flush()
	next
}
on {
	s = $0
	gsub(/\\e/, "\\", s)
	gsub(/\\\(dq/, "\"", s)
	gsub(/\\\(aq/, "'", s)
	gsub(/\\-/, "-", s)
	gsub(/\\&/, "", s)
	gsub(/\\\(:u/, "\303\274", s)
	l[++k] = s
	if (s ~ /^\$ /)
		has = 1
}
