# msgcheck.awk - does every message format of the sources have an entry
# in the message table?
#
# Usage: awk -f tests/cli/msgcheck.awk FORMATS messages.txt
#
# FORMATS is the output of msgformats.awk (TEXT, tab, FILE:LINE).  Each
# format becomes a pattern: a printf conversion is a wildcard, the rest
# is literal, and the pattern must end the line, right after ": " (the
# program's name or a FILE:LINE: position comes before every message).
# A line of the table (err: or unreachable:) covers the matching
# formats with the most literal text, so that "expected %s, got %s"
# is not covered by a line that "expected a list, got %s" explains
# better; an entry's fmt: line names the format it is for when the line
# alone cannot tell (a message inside another, such as "skipped %s").
# Formats with no literal text ("%s": a message passed on) need none.
#
# Fails, naming them, for a format no line covers, a line that no
# format explains (unless its entry says via: where the text comes
# from: libyaml, strerror, the config), a fmt: naming no format, and
# an unreachable: entry without its why:.  Prints the formats covered
# per program.

function pattern(f,    out, i, c, rest, lit) {
	out = ""
	lit = 0
	for (i = 1; i <= length(f); i++) {
		c = substr(f, i, 1)
		if (c == "%") {
			rest = substr(f, i + 1)
			if (substr(rest, 1, 1) == "%") {
				out = out "%"
				lit++
				i++
				continue
			}
			if (match(rest, /^[-+ #0]*([0-9]+|\*)?(\.([0-9]+|\*)?)?(hh|h|ll|l|L|z|j|t)?[diouxXeEfgGcspaA]/)) {
				out = out ".*"
				i += RLENGTH
				continue
			}
		}
		if (index("\\^$.[]|()*+?{}", c))
			out = out "\\" c
		else
			out = out c
		lit++
	}
	literal = lit
	return out
}

# The formats that explain line s best (most literal text), as the
# keys of best[]; returns how many.
function explain(s,    k, j, n, most) {
	for (k in best)
		delete best[k]
	most = 0
	n = 0
	for (k = 1; k <= nf; k++) {
		if (!(s ~ (": " re[k] "$")))
			continue
		if (lits[k] > most) {
			for (j in best)
				delete best[j]
			n = 0
			most = lits[k]
		}
		if (lits[k] == most) {
			best[k] = 1
			n++
		}
	}
	return n
}

function problem(msg) {
	print "messages: " msg
	bad++
}

# One entry of the table, from its lines e_*.
function entry(    i, j, k, n, found) {
	if (e_start == 0)
		return
	if (e_unreachable != "" && e_why == 0)
		problem(FILENAME ":" e_start ": unreachable: without why:")
	for (i = 1; i <= e_nlines; i++) {
		n = explain(e_line[i])
		if (n == 0 && !e_via)
			problem(FILENAME ":" e_start ": no message format of " \
			    "the sources explains: " e_line[i])
		for (k in best)
			covered(k)
	}
	for (i = 1; i <= e_nfmt; i++) {
		if (!(e_fmt[i] in fmtno)) {
			problem(FILENAME ":" e_start ": fmt: names no format " \
			    "of the sources: " e_fmt[i])
			continue
		}
		k = fmtno[e_fmt[i]]
		found = 0
		for (j = 1; j <= e_nlines; j++)
			if (e_line[j] ~ (": " re[k] "$"))
				found = 1
		if (!found)
			problem(FILENAME ":" e_start ": no line matches its " \
			    "fmt: " e_fmt[i])
		covered(k)
	}
	e_start = e_nlines = e_nfmt = e_via = e_why = 0
	e_prog = e_unreachable = ""
}

function covered(k) {
	cover[k] = 1
	if (e_unreachable != "")
		unreach[k] = 1
	else if (!((e_prog, k) in byprog)) {
		byprog[e_prog, k] = 1
		nprog[e_prog]++
	}
}

FNR == NR {
	tab = index($0, "\t")
	text = substr($0, 1, tab - 1)
	re_ = pattern(text)
	if (literal == 0) {
		npass++
		next
	}
	nf++
	fmt[nf] = text
	where[nf] = substr($0, tab + 1)
	re[nf] = re_
	lits[nf] = literal
	fmtno[text] = nf
	next
}

/^[ \t]*$/ {
	entry()
	next
}

/^#/ || /^\|/ {
	next
}

{
	if (e_start == 0)
		e_start = FNR
	key = $0
	sub(/:.*/, "", key)
	val = substr($0, length(key) + 2)
	sub(/^ /, "", val)
	if (key == "err") {
		e_line[++e_nlines] = val
	} else if (key == "unreachable") {
		e_unreachable = val
		e_line[++e_nlines] = val
		e_prog = val
		sub(/:.*/, "", e_prog)
	} else if (key == "fmt") {
		e_fmt[++e_nfmt] = val
	} else if (key == "via") {
		e_via = 1
	} else if (key == "why") {
		e_why = 1
	} else if (key == "prog") {
		e_prog = val
	}
}

END {
	entry()
	missing = 0
	for (k = 1; k <= nf; k++)
		if (!(k in cover)) {
			problem("no entry for \"" fmt[k] "\" (" where[k] ")")
			missing++
		}
	only = 0
	for (k in unreach) {
		run = 0
		for (p in nprog)
			if ((p, k) in byprog)
				run = 1
		only += !run
	}
	printf "messages: %d formats in lib/ and cmd/: %d with an entry " \
	    "(%d of them unreachable), %d without, %d passing a message " \
	    "on\n", nf + npass, nf - missing, only, missing, npass
	list = ""
	for (p in nprog)
		list = list sprintf("%s %d\n", p, nprog[p])
	n = split(list, lines, "\n")
	# a few programs: a plain insertion sort keeps their order fixed
	for (i = 2; i < n; i++)
		for (j = i; j > 1 && lines[j] < lines[j - 1]; j--) {
			t = lines[j]
			lines[j] = lines[j - 1]
			lines[j - 1] = t
		}
	list = ""
	for (i = 1; i < n; i++)
		list = list (i > 1 ? ", " : "") lines[i]
	print "messages: formats exercised: " list
	exit bad > 0
}
