# Normalise a CSV answer for comparison: `awk -v cols=SPEC -f norm.awk FILE`
# prints, for each record after the header, the chosen fields separated by
# TAB.  SPEC is a comma-separated list of NAME:KIND or INDEX:KIND (1-based
# column number, for outputs without a usable header), KIND one of
#   id     the text, unquoted as CSV;
#   money  a number rounded to 2 decimals (-0.00 written 0.00);
#   int    a whole number;
#   num    a number, written with 9 decimals (compared with a tolerance);
#   text   the text as is.
# A column missing from the header is an error (exit 3).  A field that
# cannot be split (an unterminated quote, as naive splitters write) ends the
# record there.  Empty lines are skipped.  Written for any POSIX awk, not
# with gawk's FPAT, so that it does not share the CSV parse of the gawk peer.

function split_csv(line, f,    n, i, c, q, s, len) {
	n = 0
	if (index(line, "\"") == 0)
		return split(line, f, ",")
	len = length(line)
	i = 1
	while (i <= len + 1) {
		s = ""
		if (substr(line, i, 1) == "\"") {
			i++
			while (i <= len) {
				c = substr(line, i, 1)
				if (c == "\"") {
					if (substr(line, i + 1, 1) == "\"") {
						s = s "\""; i += 2; continue
					}
					i++; break
				}
				s = s c; i++
			}
			# text after a closing quote, up to the comma, is kept
			while (i <= len && substr(line, i, 1) != ",") {
				s = s substr(line, i, 1); i++
			}
		} else {
			while (i <= len && (c = substr(line, i, 1)) != ",") {
				s = s c; i++
			}
		}
		f[++n] = s
		i++
	}
	return n
}

BEGIN {
	nc = split(cols, spec, ",")
	for (j = 1; j <= nc; j++) {
		k = index(spec[j], ":")
		want[j] = substr(spec[j], 1, k - 1)
		kind[j] = substr(spec[j], k + 1)
	}
}

/^[ \t\r]*$/ { next }

!header_done {
	sub(/\r$/, "")
	sub(/^\357\273\277/, "")
	n = split_csv($0, h)
	for (j = 1; j <= nc; j++) {
		if (want[j] ~ /^[0-9]+$/) {
			pos[j] = want[j] + 0
			continue
		}
		pos[j] = 0
		for (i = 1; i <= n; i++)
			if (h[i] == want[j]) { pos[j] = i; break }
		if (!pos[j]) {
			printf "norm.awk: no column '%s' in %s\n", want[j], FILENAME > "/dev/stderr"
			exit 3
		}
	}
	header_done = 1
	next
}

{
	sub(/\r$/, "")
	n = split_csv($0, f)
	out = ""
	for (j = 1; j <= nc; j++) {
		v = (pos[j] <= n) ? f[pos[j]] : ""
		if (kind[j] == "money") {
			v = sprintf("%.2f", v + 0)
			if (v == "-0.00") v = "0.00"
		} else if (kind[j] == "int")
			v = sprintf("%d", v + 0)
		else if (kind[j] == "num")
			v = sprintf("%.9f", v + 0)
		out = out (j > 1 ? "\t" : "") v
	}
	print out
}
