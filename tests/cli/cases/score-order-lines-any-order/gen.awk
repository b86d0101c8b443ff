# Writes lines.csv of this case: order lines of 300 customers, one
# order's lines adjacent, customer by customer (awk -f gen.awk >
# lines.csv).
# Each customer has 1 to 8 orders of 1 to 6 lines; one line in 5 is
# dated a day after its order's first line; every 7th order has a long
# id (past the 11 bytes a slot holds); one order in 13 has a refund line
# (negative quantity) under a C id, and one in 17 a refund line under
# its own id; customer 77 has refunds only; a few lines are free goods
# (price 0) and returns at no charge (negative quantity at price 0).
# Its own LCG: the same bytes under mawk and gawk.
function u() { x = (x * 48271) % 2147483647; return x / 2147483647 }
BEGIN {
	x = 4242
	print "invoice,customer,date,qty,price"
	inv = 536000
	for (c = 1; c <= 300; c++) {
		norders = 1 + int(u() * 8)
		for (o = 0; o < norders; o++) {
			inv++
			id = (inv % 7 == 0) ? sprintf("WEB-2025-%06d-DE", inv) : inv
			d = 1 + int(u() * 27)
			nl = 1 + int(u() * 6)
			for (l = 0; l < nl; l++) {
				dd = d + (u() < 0.2)
				q = 1 + int(u() * 12)
				p = sprintf("%.2f", (u() < 0.05) ? 0 : 0.5 + u() * 20)
				if (c == 77)
					q = -q
				else if (l == 1 && inv % 11 == 0)
					q = -q
				printf "%s,K%03d,2025-03-%02d,%d,%s\n", id, c, dd, q, p
			}
			if (inv % 13 == 0)
				printf "C%s,K%03d,2025-03-%02d,-1,2.50\n", id, c, d + 1
			if (inv % 17 == 0)
				printf "%s,K%03d,2025-03-%02d,-2,1.25\n", id, c, d + 1
		}
	}
}
