# Whether the output a README example shows (file EXP, first operand)
# is what the command printed (ACTUAL, second operand): line for line,
# except that a line "..." in EXP stands for any number of lines and a
# CR at the end of a line of ACTUAL is not compared.  Exits
# 0 when it is, else 1 after one line naming the first line that differs.
# Usage: awk -f match.awk EXP ACTUAL

# (not FNR == NR, which an empty EXP would make true for ACTUAL too)
FILENAME == ARGV[1] { want[++ne] = $0; next }
# a terminal shows a line ending in CRLF (iCalendar) as one ending in LF
{ sub(/\r$/, ""); got[++na] = $0 }

END {
	j = 1
	for (i = 1; i <= ne; i++) {
		if (want[i] == "...") {
			gap = 1
			continue
		}
		while (gap && j <= na && got[j] != want[i])
			j++
		if (j > na || got[j] != want[i]) {
			printf "expected \"%s\", got %s\n", want[i], \
			    (j > na ? "the end of the output" : "\"" got[j] "\"")
			exit 1
		}
		gap = 0
		j++
	}
	if (!gap && j <= na) {
		printf "expected the end of the output, got \"%s\"\n", got[j]
		exit 1
	}
}
