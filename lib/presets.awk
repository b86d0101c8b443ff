# Turns samples/segment-NAME.yaml files into the C table of built-in
# presets (lib/presets.h), so that the files a user can copy and edit are
# the very text the program runs.  Usage: awk -f presets.awk FILE...
function flush() {
	if (name == "")
		return
	printf "\t{ \"%s\", \"%s\", \"%s\",\n%s\t},\n", name, file, summary, text
}
# Escapes by concatenation, not gsub: what "\\" means in a gsub
# replacement differs between awks (mawk made one backslash of it, and a
# line ending in one then swallowed the next line).
function cstring(s,    out, i, c) {
	out = ""
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c == "\\" || c == "\"")
			out = out "\\"
		out = out c
	}
	return "\t    \"" out "\\n\"\n"
}
BEGIN {
	print "/* Generated from samples/segment-*.yaml by lib/presets.awk. */"
	print "#include <stddef.h>"
	print ""
	print "#include \"presets.h\""
	print ""
	print "const struct crm_preset crm_presets[] = {"
}
FNR == 1 {
	flush()
	file = FILENAME
	sub(/.*\//, "", file)
	name = file
	sub(/^segment-/, "", name)
	sub(/\.yaml$/, "", name)
	# the first line reads "# NAME: what it is"
	summary = $0
	sub(/^# *[^:]*: */, "", summary)
	gsub(/"/, "\\\"", summary)
	text = ""
}
{ text = text cstring($0) }
END {
	flush()
	print "};"
	print ""
	print "const size_t crm_npresets = sizeof(crm_presets) / sizeof(crm_presets[0]);"
}
