# RFM aggregation per customer for the awk peers: last order date, number of
# orders and sum of amounts.  A negative amount is a refund: it counts in the
# sum but is neither an order nor an order date (as crm-score(1) defines it).
# gawk runs it with a CSV-aware FPAT; mawk with -F, (the naive split).
NR > 1 {
	id = $2
	s[id] += $5
	if ($5 >= 0) {
		n[id]++
		if ($4 > d[id])
			d[id] = $4
	} else if (!(id in n))
		n[id] = 0
}
END {
	print "customer_id,last_order,frequency,monetary"
	for (k in s)
		printf "%s,%s,%d,%.2f\n", k, d[k], n[k], s[k]
}
