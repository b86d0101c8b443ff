# Whether the output a README example shows (file EXP, first operand)
# is what the command printed (ACTUAL, second operand): line for line,
# except that a line "..." in EXP stands for any number of lines.  Exits
# 0 when it is, else 1 after one line naming the first line that differs.
# Usage: awk -f match.awk EXP ACTUAL

FNR == NR { want[++ne] = $0; next }
{ got[++na] = $0 }

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
