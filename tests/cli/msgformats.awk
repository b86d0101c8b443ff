# msgformats.awk - the message format strings of C sources.
#
# Usage: awk -f tests/cli/msgformats.awk lib/*.h lib/*.c cmd/*.c
#
# Prints one line per distinct format string: the text (C escapes
# decoded), a tab, and FILE:LINE of its first use.  A format string is
# a string literal (adjacent literals and string macros concatenated) in
# the format argument of a call to a function that takes one:
#
#   - a function declared or defined with a parameter named fmt
#     (crm_error_set, crm_config_error_at, crm_input_bad,
#     crm_program_warn, crm_program_note, and static helpers alike);
#   - a function declared with __attribute__((format(printf, N, M)));
#   - warnx, errx, warn and err, and fprintf to stderr.
#
# The functions are found by their prototypes, not listed by file, so
# that moving code between files (or adding a helper that takes fmt)
# changes nothing here; calls inside a #define count too.  An argument
# such as `x ? "a" : "b"` gives both texts, a name given a literal
# (static const char msg[] = "...") the literal, and an argument
# without a literal (fmt, e->msg) none.

function add_tok(type, val, line) {
	ntok++
	tt[ntok] = type
	tv[ntok] = val
	tl[ntok] = line
	tf[ntok] = FILENAME_OF
}

# Splits the C text src of file name, from line line0, into tokens:
# "s" string literals (raw, escapes kept), "i" identifiers and numbers,
# "p" punctuation.  Comments and character literals are dropped.  Of the
# preprocessor lines, a #define of string literals makes a string macro
# (its name stands for them from then on); another #define is read as
# code, so that a call inside a macro counts; the rest are dropped.
function tokenize(src, name, line0,    n, i, c, d, j, line, s, start, dl,
    m, v, k, bol) {
	FILENAME_OF = name
	n = length(src)
	i = 1
	line = line0
	bol = 1
	while (i <= n) {
		c = substr(src, i, 1)
		if (c == "\n") {
			line++
			i++
			bol = 1
			continue
		}
		if (c == " " || c == "\t" || c == "\r" || c == "\f") {
			i++
			continue
		}
		if (c == "#" && bol) {
			# a preprocessor line, with its continuations
			start = i
			while (i <= n) {
				d = substr(src, i, 1)
				if (d == "\n" && substr(src, i - 1, 1) != "\\")
					break
				i++
			}
			dl = substr(src, start, i - start)
			if (!define(dl) && dl ~ /^#[ \t]*define[ \t]/) {
				sub(/^#[ \t]*define/, "", dl)
				tokenize(dl, name, line)
				FILENAME_OF = name
			}
			add_tok("p", ";", line)
			s = substr(src, start, i - start)
			line += gsub(/\n/, "", s)
			continue
		}
		bol = 0
		if (c == "/" && substr(src, i + 1, 1) == "*") {
			j = index(substr(src, i + 2), "*/")
			if (j == 0)
				j = n
			s = substr(src, i, j + 3)
			line += gsub(/\n/, "", s)
			i += j + 3
			continue
		}
		if (c == "/" && substr(src, i + 1, 1) == "/") {
			while (i <= n && substr(src, i, 1) != "\n")
				i++
			continue
		}
		if (c == "\"" || c == "'") {
			start = i
			i++
			while (i <= n) {
				d = substr(src, i, 1)
				if (d == "\\") {
					i += 2
					continue
				}
				if (d == c || d == "\n")
					break
				i++
			}
			if (c == "\"")
				add_tok("s", substr(src, start + 1,
				    i - start - 1), line)
			i++
			continue
		}
		if (c ~ /[A-Za-z0-9_]/) {
			start = i
			while (i <= n && substr(src, i, 1) ~ /[A-Za-z0-9_]/)
				i++
			v = substr(src, start, i - start)
			if (v in macro) {
				m = split(macro[v], mparts, SUBSEP)
				for (k = 1; k <= m; k++)
					add_tok("s", mparts[k], line)
			} else {
				add_tok("i", v, line)
			}
			continue
		}
		add_tok("p", c, line)
		i++
	}
}

# #define NAME "text" "more": NAME stands for the literal from then on.
# Returns whether dl was such a line.
function define(dl,    name, rest, parts, lit) {
	gsub(/\\\n/, " ", dl)
	if (dl !~ /^#[ \t]*define[ \t]+[A-Za-z_][A-Za-z0-9_]*[ \t]+"/)
		return 0
	sub(/^#[ \t]*define[ \t]+/, "", dl)
	name = dl
	sub(/[ \t].*/, "", name)
	rest = substr(dl, length(name) + 1)
	parts = ""
	while (match(rest, /^[ \t]*"([^"\\]|\\.)*"/)) {
		lit = substr(rest, RSTART, RLENGTH)
		sub(/^[ \t]*"/, "", lit)
		lit = substr(lit, 1, length(lit) - 1)
		parts = parts (parts == "" ? "" : SUBSEP) lit
		rest = substr(rest, RSTART + RLENGTH)
	}
	if (rest !~ /^[ \t]*$/ || parts == "")
		return 0
	macro[name] = parts
	return 1
}

# The index of the token closing the parenthesis opened at token i.
function closing(i,    depth) {
	depth = 0
	for (; i <= ntok; i++) {
		if (tt[i] != "p")
			continue
		if (tv[i] == "(" || tv[i] == "[" || tv[i] == "{")
			depth++
		else if (tv[i] == ")" || tv[i] == "]" || tv[i] == "}") {
			if (--depth == 0)
				return i
		}
	}
	return ntok
}

# Splits the tokens between ( at open and ) at shut into arguments:
# argfrom[k], argto[k] for k = 1..n; returns n.
function split_args(open, shut,    i, depth, n) {
	n = 1
	argfrom[1] = open + 1
	depth = 0
	for (i = open + 1; i < shut; i++) {
		if (tt[i] != "p")
			continue
		if (tv[i] == "(" || tv[i] == "[" || tv[i] == "{")
			depth++
		else if (tv[i] == ")" || tv[i] == "]" || tv[i] == "}")
			depth--
		else if (tv[i] == "," && depth == 0) {
			argto[n] = i - 1
			n++
			argfrom[n] = i + 1
		}
	}
	argto[n] = shut - 1
	if (argfrom[1] > argto[1] && n == 1)
		return 0
	return n
}

# Pass 1: functions whose prototype names a parameter fmt, or carries
# a printf format attribute; fmtarg[NAME] is the format's position.
function find_functions(    i, shut, n, k, j, name) {
	name = ""
	for (i = 1; i < ntok; i++) {
		if (tt[i] == "i" && tv[i] == "__attribute__" && name != "") {
			for (j = i; j < i + 12 && j <= ntok; j++)
				if (tt[j] == "i" && tv[j] == "printf" &&
				    tv[j + 1] == "," && tt[j + 2] == "i") {
					fmtarg[name] = tv[j + 2] + 0
					break
				}
			continue
		}
		if (tt[i] == "p" && (tv[i] == ";" || tv[i] == "{" ||
		    tv[i] == "}"))
			name = ""
		if (!(tt[i] == "i" && tt[i + 1] == "p" && tv[i + 1] == "("))
			continue
		shut = closing(i + 1)
		n = split_args(i + 1, shut)
		# a parameter declared "char *fmt" (not an argument fmt)
		for (k = 1; k <= n && !(tv[i] in keyword); k++) {
			j = argto[k]
			if (j - 2 >= argfrom[k] && tv[j] == "fmt" &&
			    tv[j - 1] == "*" && tv[j - 2] == "char")
				fmtarg[tv[i]] = k
		}
		# a declaration's name stays until its ; for the attribute
		if (name == "")
			name = tv[i]
	}
}

# Names given a string literal and nothing else: NAME = "text";, or
# NAME[] = "text"; a format passed by such a name counts as the text.
# A name given two different texts is left out.
function find_strings(    i, j, lit) {
	for (i = 1; i < ntok; i++) {
		if (tt[i] != "i")
			continue
		j = i + 1
		if (tv[j] == "[" && tv[j + 1] == "]")
			j += 2
		else if (tv[j] == "[" && tt[j + 1] == "i" && tv[j + 2] == "]")
			j += 3
		if (tv[j] != "=" || tt[j + 1] != "s")
			continue
		lit = ""
		for (j++; tt[j] == "s"; j++)
			lit = lit tv[j]
		if (tv[j] != ";" && tv[j] != ",")
			continue
		if ((tv[i] in strconst) && strconst[tv[i]] != lit)
			clash[tv[i]] = 1
		strconst[tv[i]] = lit
	}
}

# Pass 2: the literals in the format argument of every call (and of
# fprintf to stderr).
function find_formats(    i, shut, n, k, j, lit, have) {
	for (i = 1; i < ntok; i++) {
		if (!(tt[i] == "i" && tt[i + 1] == "p" && tv[i + 1] == "("))
			continue
		if (tv[i] in fmtarg)
			k = fmtarg[tv[i]]
		else if (tv[i] == "fprintf" && tv[i + 2] == "stderr")
			k = 2
		else
			continue
		shut = closing(i + 1)
		n = split_args(i + 1, shut)
		if (k > n)
			continue
		j = argfrom[k]
		if (j == argto[k] && tt[j] == "i" && (tv[j] in strconst) &&
		    !(tv[j] in clash)) {
			emit(strconst[tv[j]], tf[i] ":" tl[i])
			continue
		}
		have = 0
		lit = ""
		for (; j <= argto[k] + 1; j++) {
			if (j <= argto[k] && tt[j] == "s") {
				lit = lit tv[j]
				have = 1
				continue
			}
			if (have)
				emit(lit, tf[i] ":" tl[i])
			have = 0
			lit = ""
		}
	}
}

function decode(s,    out, i, c, d, hex) {
	out = ""
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c != "\\") {
			out = out c
			continue
		}
		d = substr(s, ++i, 1)
		if (d == "n")
			out = out "\n"
		else if (d == "t")
			out = out "\t"
		else if (d == "r")
			out = out "\r"
		else if (d == "x") {
			hex = ""
			while (substr(s, i + 1, 1) ~ /[0-9A-Fa-f]/)
				hex = hex substr(s, ++i, 1)
			out = out "\\x" hex
		} else
			out = out d
	}
	return out
}

# One line per format: a message ends at its newline, if it has one.
function emit(lit, where,    text) {
	text = decode(lit)
	sub(/\n$/, "", text)
	gsub(/\n/, "\\n", text)
	if (text in seen)
		return
	seen[text] = 1
	printf "%s\t%s\n", text, where
}

BEGIN {
	split("if for while switch return sizeof", kw, " ")
	for (k in kw)
		keyword[kw[k]] = 1
	fmtarg["warnx"] = 1
	fmtarg["errx"] = 2
	fmtarg["warn"] = 1
	fmtarg["err"] = 2
}

FNR == 1 && NR > 1 {
	tokenize(src, prev, 1)
	src = ""
}

{
	src = src $0 "\n"
	prev = FILENAME
}

END {
	if (prev != "")
		tokenize(src, prev, 1)
	find_strings()
	find_functions()
	find_formats()
}
