# Deterministic generator of order exports for `make bench`.
#
#   awk -v rows=N -v customers=C [-v seed=S] -f bench/gen.awk > orders.csv
#
# Columns: order_id,customer_id,name,order_date,amount.  Only integer
# arithmetic below 2^53 and one LCG of our own (minstd: x = x * 48271 mod
# 2^31-1), no rand(): mawk and gawk write the same bytes.
#
# Shape, like a real sales export:
# - rows in date order over two years, 2024-01-01 .. 2025-12-30;
# - the customer of a row is drawn by a power law: size rank
#   r = floor(C * u^4), so rank 0 has C^(-1/4) of the rows (5.6% at
#   100,000 customers), the top 20% of customers two thirds of the rows,
#   and the tail customers 1 to 3 orders each; the id is a permutation of
#   the rank, so big accounts are not simply C000000, C000001 ...;
# - amounts in cents, written with 2 decimals, from 5.00 up, skewed (u^3);
# - about 2% refunds: a negative amount, a share of the customer's previous
#   order, dated on that order's date, with an R order id.  A refund is
#   only drawn for a customer who already ordered, so no customer has
#   refunds only and no refund is later than the customer's last order;
# - quoted fields with commas: one customer in 97 (size rank 13 among
#   them, a big account) has an id with a branch suffix, "C012345,B", one
#   name in 9 is a partnership such as "Smith, Jones & Co", one name in
#   211 holds double quotes ("The ""Best"" Shop").

function next_u() {
	# minstd; x stays below 2^31, x * 48271 below 2^47: exact in doubles
	seed_x = (seed_x * 48271) % 2147483647
	return seed_x / 2147483647
}

function days_in(y, m) {
	if (m == 2)
		return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28
	return (m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31
}

function money(c,    s) {
	s = ""
	if (c < 0) { s = "-"; c = -c }
	return s sprintf("%d.%02d", int(c / 100), c % 100)
}

function cust_id(r,    n, id) {
	n = (r * 7919 + 12345) % customers
	id = sprintf(idfmt, n)
	if (r % 97 == 13)
		id = "\"" id ",B\""
	return id
}

function cust_name(r,    a, b, k) {
	a = W1[r % nw1 + 1]
	b = W2[int(r / nw1) % nw2 + 1]
	k = r % 9
	if (r % 211 == 5)
		return "\"The \"\"" a "\"\" " b "\""
	if (k == 4)
		return "\"" S1[int(r / 7) % ns + 1] ", " S2[int(r / 3) % ns + 1] " & Co\""
	if (k == 1 || k == 7)
		return a " " b " Co"
	if (k == 2)
		return a " " b " Ltd"
	return a " " b
}

BEGIN {
	if (rows == "") rows = 1000000
	if (customers == "") customers = 100000
	if (seed == "") seed = 20251230
	seed_x = seed % 2147483647
	if (seed_x <= 0) seed_x = 1
	w = length(customers - 1 "")
	if (w < 4) w = 4
	idfmt = "C%0" w "d"

	nw1 = split("Acme Birch Cobalt Delta Elm Fox Granite Harbor Iris Juniper Kite Lotus Maple North Oak Pine Quartz River Stone Tide Umber Vale Willow Yarrow Zinc Amber Bay Cedar Dune Echo Fern", W1, " ")
	nw2 = split("Tools Bakery Labs Farms Dental Supply Works Foods Motors Print Design Garden Hardware Media Optics Textiles Logistics Pharma Trading Electric Studio Market Metals", W2, " ")
	ns = split("Smith Jones Brown Chen Garcia Novak Okafor Silva Tanaka Weber Rossi Kim Patel Dubois Larsen Moreau Nagy", S1, " ")
	split("Smith Jones Brown Chen Garcia Novak Okafor Silva Tanaka Weber Rossi Kim Patel Dubois Larsen Moreau Nagy", S2, " ")

	# the 730 days 2024-01-01 .. 2025-12-30
	nd = 0
	for (y = 2024; y <= 2025; y++)
		for (m = 1; m <= 12; m++)
			for (d = 1; d <= days_in(y, m) && nd < 730; d++)
				D[nd++] = sprintf("%04d-%02d-%02d", y, m, d)

	print "order_id,customer_id,name,order_date,amount"
	for (i = 0; i < rows; i++) {
		day = int(i * 730 / rows)
		u = next_u()
		r = int(customers * u * u * u * u)
		if (r >= customers) r = customers - 1
		v = next_u()
		if (v < 0.02 && (r in last_c)) {
			c = int(last_c[r] * (0.1 + 0.9 * next_u()))
			if (c < 1) c = 1
			printf "R%d,%s,%s,%s,%s\n", i + 1, cust_id(r),
			    cust_name(r), last_d[r], money(-c)
			continue
		}
		u = next_u()
		c = 500 + int(200000 * u * u * u)
		last_c[r] = c
		last_d[r] = D[day]
		printf "%d,%s,%s,%s,%s\n", i + 1, cust_id(r),
		    cust_name(r), D[day], money(c)
	}
}
