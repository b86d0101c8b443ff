# Sum of amount, number of rows (and first-seen position) per customer.
NR > 1 {
	if (!($2 in sum)) { first[$2] = ++n; rows[$2] = 0; sum[$2] = 0 }
	sum[$2] += $NF; rows[$2]++
}
END { for (k in sum) printf "%.17g,%d,%s,%d\n", sum[k], first[k], k, rows[k] }
