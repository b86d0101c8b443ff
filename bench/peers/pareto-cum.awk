# Pareto, stage 3 of the awk peer, after sort -gr on the sums: rank and
# cumulative share of the positive total.
BEGIN { FS = "\t" }
{ id[NR] = $1; v[NR] = $2; if ($2 > 0) t += $2 }
END {
	print "customer_id,amount,pareto_rank,cum_share"
	for (i = 1; i <= NR; i++) {
		if (v[i] > 0)
			c += v[i]
		printf "%s,%s,%d,%.6f\n", id[i], v[i], i, (t > 0 ? c / t : 0)
	}
}
