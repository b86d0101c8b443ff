# An iCalendar check at the level of a validator's first pass (RFC 5545):
# every line ends in CRLF and holds at most 75 octets, continuation lines
# start with a space, BEGIN/END pairs nest, every VTODO carries UID,
# DTSTAMP, SEQUENCE and DUE, every VEVENT UID, DTSTAMP, SEQUENCE, DTSTART
# and DTEND.  Run with LC_ALL=C so that length() counts octets.
{
	if (substr($0, length($0), 1) != "\r") { print "line " NR ": no CRLF"; bad = 1 }
	line = substr($0, 1, length($0) - 1)
	if (length(line) > 75) { print "line " NR ": " length(line) " octets"; bad = 1 }
	if (line ~ /^ /) next
	split(line, kv, ":")
	name = kv[1]; sub(/;.*/, "", name)
	if (name == "BEGIN") { stack[++depth] = kv[2]; if (kv[2] ~ /^V(TODO|EVENT)$/) have = "" }
	else if (name == "END") {
		if (depth == 0 || stack[depth] != kv[2]) { print "line " NR ": END:" kv[2] " unmatched"; bad = 1 }
		if (kv[2] == "VTODO" && have != " UID DTSTAMP SEQUENCE DUE") { print "line " NR ": VTODO lacks UID, DTSTAMP, SEQUENCE or DUE: " have; bad = 1 }
		if (kv[2] == "VEVENT" && have != " UID DTSTAMP SEQUENCE DTSTART DTEND") { print "line " NR ": VEVENT lacks UID, DTSTAMP, SEQUENCE, DTSTART or DTEND: " have; bad = 1 }
		if (kv[2] == "VTODO") todos++
		if (kv[2] == "VEVENT") events++
		depth--
	} else if (name ~ /^(UID|DTSTAMP|SEQUENCE|DUE|DTSTART|DTEND)$/) have = have " " name
}
END {
	if (depth != 0) { print "unclosed " stack[depth]; bad = 1 }
	if (!bad) print "valid, " (events ? events " events" : todos " to-dos")
	exit bad
}
