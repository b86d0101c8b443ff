# Input: value,first,key,rows sorted by value (largest first), then key.
# Writes the ranking like crm-pareto and its summary to want-summary.csv.
function frac(v, d,   s) {
	s = sprintf("%." d "f", v)
	if (s ~ /\./) { sub(/0+$/, "", s); sub(/\.$/, "", s) }
	if (s == "-0") s = "0"
	return s
}
function money(v,   s) { s = sprintf("%.2f", v); if (s == "-0.00") s = "0.00"; return s }
{ val[NR] = $1 + 0; key[NR] = $3; rows[NR] = $4; n = NR
  total += val[NR]; if (val[NR] > 0) pos += val[NR] }
END {
	print "customer_id,amount,rows,pareto_rank,share,cum_share,cum_item_share,pareto_class"
	cum = 0
	for (i = 1; i <= n; i++) {
		before = cum
		if (val[i] > 0) cum += val[i]
		c[i] = cum / pos
		cls = "C"
		if (val[i] > 0) {
			if (before < 0.80 * pos - 1e-9 * pos) cls = "A"
			else if (before < 0.95 * pos - 1e-9 * pos) cls = "B"
		}
		if (val[i] <= 0) nonpos++
		cnt[cls]++; cv[cls] += val[i]
		printf "%s,%s,%d,%d,%s,%s,%s,%s\n", key[i], money(val[i]), rows[i], i,
		    frac(val[i] / pos, 6), frac(c[i], 6), frac(i / n, 6), cls
	}
	out = "want-summary.csv"
	print "metric,value" > out
	print "items," n > out
	print "total," money(total) > out
	print "positive_total," money(pos) > out
	print "nonpositive_items," nonpos + 0 > out
	# Lorenz curve at 20% of the items, linear between items
	x = 0.2 * n; k = int(x); c[0] = 0
	print "top20_value_share," frac(c[k] + (x - k) * (c[k + 1] - c[k]), 6) > out
	for (k = 1; k <= n && c[k] < 0.8 - 1e-9; k++) ;
	print "items_share_for_80," frac((k - 1 + (0.8 - c[k - 1]) / (c[k] - c[k - 1])) / n, 6) > out
	print "items_for_80," k > out
	split("A B C", L, " ")
	for (j = 1; j <= 3; j++) {
		l = L[j]
		print "class_" l "_items," cnt[l] + 0 > out
		print "class_" l "_item_share," frac(cnt[l] / n, 6) > out
		print "class_" l "_value," money(cv[l]) > out
		print "class_" l "_value_share," frac(cv[l] / pos, 6) > out
	}
	# Gini with values ascending: item i of n (descending) is n-i+1
	for (i = 1; i <= n; i++) { v = val[i] > 0 ? val[i] : 0; w += (n - i + 1) * v; s += v }
	print "gini," frac(2 * w / (n * s) - (n + 1) / n, 6) > out
}
