# Order rows for the -j cases: pad bytes in the first record's name shift
# every later byte, so that over pads 0..23 the cut points of -j 2, 3 and
# 7 fall at every byte of the records below (quoted names of one to
# three lines, "" escapes, CRLF and LF, blank lines).  Our own LCG: the
# same bytes under mawk and gawk.
function u() { x = (x * 48271) % 2147483647; return x / 2147483647 }
BEGIN {
	x = seed + 1
	print "order_id,customer_id,name,order_date,amount"
	printf "o0,C0,%s,2025-01-01,1.00\n", substr("xxxxxxxxxxxxxxxxxxxxxxxx", 1, pad)
	for (i = 1; i <= n; i++) {
		r = u()
		if (r < 0.3)
			name = "\"two\nlines " i "\""
		else if (r < 0.45)
			name = "\"a \"\"quote\"\"\r\nand\nthree\""
		else if (r < 0.55)
			name = "\"\""
		else
			name = "n" i
		eol = u() < 0.3 ? "\r\n" : "\n"
		# orders of two lines, some apart
		printf "o%d,C%d,%s,2025-%02d-%02d,%d.%02d%s", int(i / 2),
		    int(u() * 9), name, 1 + int(u() * 12), 1 + int(u() * 28),
		    int(u() * 100), int(u() * 100), eol
		if (u() < 0.04)
			printf "\n"
	}
}
