# Order lines for the engine tests (tests/engines/run.sh): deterministic,
# small, and made so that any split of the file cuts orders in two.
#
#   awk -v rows=N -v customers=C [-v seed=S] [-v newlines=1] \
#       -f tests/engines/orders.awk > orders.csv
#
# Columns: order_id,customer_id,name,owner,order_date,amount.  An order has
# 1 to 4 lines (the same order id, customer and date).  The customers'
# rows are interleaved at random, each customer's in its own order, so the
# lines of an order are adjacent among that customer's rows (as exports
# list them, and as crm-score --order counts them) but lie apart in the
# file, with other customers' rows between them: parts of a few kilobytes
# cut many orders in two.  About 3% of the lines are refunds (a negative
# amount, an order id of its own, the date of an order of the customer).
# The file holds what a real export holds and a
# split must keep whole:
# - quoted ids with a comma ("C0013,B": one customer in 37) and one with
#   a double quote ("C0042 ""HQ""");
# - names with commas and double quotes, quoted;
# - amounts with thousands separators ("1,234.50", quoted), with 0, 1 and
#   3 decimals here and there (1250, 12.5, 0.125), and a few of 0.00;
# - owners: alice, bob, chen, dana, emre, fixed per customer.
# With -v newlines=1 every name holds a line break inside its quotes, so a
# split at a line end falls inside a quoted field about half the time.
# Only integer arithmetic and one LCG (minstd), so mawk and gawk write the
# same bytes.

function next_u() {
	seed_x = (seed_x * 48271) % 2147483647
	return seed_x / 2147483647
}

function cust_id(r) {
	if (r == 42)
		return "\"C0042 \"\"HQ\"\"\""
	if (r % 37 == 13)
		return sprintf("\"C%04d,B\"", r)
	return sprintf("C%04d", r)
}

function cust_name(r,    s) {
	if (r % 7 == 3)
		s = "\"" W[r % nw + 1] ", " W[(r * 3) % nw + 1] " & Co"
	else if (r % 11 == 5)
		s = "\"The \"\"" W[r % nw + 1] "\"\" Shop"
	else
		s = "\"" W[r % nw + 1] " " W[(r * 5) % nw + 1]
	if (newlines)
		s = s "\nDept. " (r % 9)
	return s "\""
}

# money C: cents C as the export writes it, in one of its spellings.
function money(c,    s, a, k) {
	s = c < 0 ? "-" : ""
	a = c < 0 ? -c : c
	k = a % 23
	if (a >= 100000 && k < 8)
		return sprintf("\"%s%d,%03d.%02d\"", s, int(a / 100000),
		    int(a / 100) % 1000, a % 100)
	if (k == 9 && a % 100 == 0)
		return sprintf("%s%d", s, a / 100)
	if (k == 10 && a % 10 == 0)
		return sprintf("%s%d.%d", s, int(a / 100), (a % 100) / 10)
	if (k == 11)
		return sprintf("%s%d.%02d5", s, int(a / 100), a % 100)
	return sprintf("%s%d.%02d", s, int(a / 100), a % 100)
}

BEGIN {
	if (rows == "") rows = 3000
	if (customers == "") customers = 400
	if (seed == "") seed = 16
	seed_x = seed % 2147483647
	if (seed_x <= 0) seed_x = 1
	nw = split("Acme Birch Cobalt Delta Elm Fox Granite Harbor Iris Juniper Kite Lotus Maple North Oak Pine Quartz River Stone Tide", W, " ")
	split("alice bob chen dana emre", OWN, " ")
	mdays = "31 29 31 30 31 30 31 31 30 31 30 31"
	split(mdays, MD, " ")

	n = 0
	orders = 0
	while (n < rows) {
		u = next_u()
		r = int(customers * u * u)
		y = 2024 + int(next_u() * 2)
		m = 1 + int(next_u() * 12)
		d = 1 + int(next_u() * (m == 2 && y == 2025 ? 28 : MD[m]))
		date = sprintf("%04d-%02d-%02d", y, m, d)
		if (next_u() < 0.03 && (r in last)) {
			c = -(1 + int(next_u() * 20000))
			refunds++
			add(r, sprintf("R%d,%s,%s,%s,%s,%s", refunds,
			    cust_id(r), cust_name(r), OWN[r % 5 + 1], last[r],
			    money(c)))
			continue
		}
		orders++
		last[r] = date
		k = 1 + int(next_u() * next_u() * 4)
		for (j = 0; j < k && n < rows; j++) {
			c = int(next_u() * next_u() * 300000)
			if (c % 97 == 0)
				c = 0
			add(r, sprintf("%d,%s,%s,%s,%s,%s", 100000 + orders,
			    cust_id(r), cust_name(r), OWN[r % 5 + 1], date,
			    money(c)))
		}
	}
	# each line the next one of a customer drawn among those that have
	# lines left
	print "order_id,customer_id,name,owner,order_date,amount"
	na = 0
	for (r = 0; r < customers; r++)
		if (cn[r] > 0)
			act[na++] = r
	while (na > 0) {
		i = int(next_u() * na)
		r = act[i]
		print cl[r, pos[r]++]
		if (pos[r] == cn[r])
			act[i] = act[--na]
	}
}

# add R LINE: LINE is customer R's next row.
function add(r, s) {
	cl[r, cn[r]++] = s
	n++
}
