# rfm_table_order() of the R package rfm 0.3.0, redone in awk from its
# source (R/rfm-table-transaction.R, R/utils.R) to check crm-score:
#   recency_days = analysis_date - max(order_date)
#   transaction_count = n(), amount = sum(revenue)
#   bins: quantile(x, probs = seq(0, 1, length.out = 6)) (type 7), the
#     inner four, each + 1; lower = c(min(x), bins), upper = c(bins,
#     max(x) + 1); x gets score i where lower[i] <= x < upper[i]
#     (recency: 6 - i)
#   rfm_score = 100 R + 10 F + M
# Input: the CSV with quoted fields and no commas inside them.
function days(d,   y, m, dd, era, yoe, doy, doe) {
	y = substr(d, 1, 4) + 0; m = substr(d, 6, 2) + 0; dd = substr(d, 9, 2) + 0
	if (m <= 2) y--
	era = int((y >= 0 ? y : y - 399) / 400)
	yoe = y - era * 400
	doy = int((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + dd - 1
	doe = yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy
	return era * 146097 + doe - 719468
}
function sortnum(a, n,   i, j, t) {	# insertion sort is enough for 995
	for (i = 2; i <= n; i++) {
		t = a[i]
		for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]
		a[j + 1] = t
	}
}
function quantile7(a, n, p,   index_, lo, hi, h, qs) {
	index_ = 1 + (n - 1) * p
	lo = int(index_); hi = (index_ > lo) ? lo + 1 : lo
	qs = a[lo]
	if (index_ > lo && a[hi] != qs) {
		h = index_ - lo
		qs = (1 - h) * qs + h * a[hi]
	}
	return qs
}
function score(x, lower, upper, reverse,   i, s) {
	for (i = 1; i <= 5; i++)
		if (x >= lower[i] && x < upper[i]) s = reverse ? 6 - i : i
	return s
}
function bounds(v, n, lower, upper,   s, i, k, by) {
	for (i = 1; i <= n; i++) s[i] = v[i]
	sortnum(s, n)
	by = 1 / 5
	lower[1] = s[1]
	for (k = 1; k <= 4; k++) {
		lower[k + 1] = quantile7(s, n, k * by) + 1
		upper[k] = lower[k + 1]
	}
	upper[5] = s[n] + 1
}
BEGIN { FS = ","; asof = days("2006-12-31") }
NR > 1 {
	gsub(/"/, "")
	id = $1
	if (!(id in count)) { ids[++n] = id; last[id] = $2; amount[id] = 0 }
	count[id]++
	amount[id] += $3
	if ($2 > last[id]) last[id] = $2
}
END {
	for (i = 1; i <= n; i++) {
		r[i] = asof - days(last[ids[i]])
		f[i] = count[ids[i]]
		m[i] = amount[ids[i]]
	}
	bounds(r, n, rl, ru); bounds(f, n, fl, fu); bounds(m, n, ml, mu)
	for (i = 1; i <= n; i++) {
		rs = score(r[i], rl, ru, 1); fs = score(f[i], fl, fu, 0)
		ms = score(m[i], ml, mu, 0)
		printf "%s,%d,%d,%d,%d,%d,%d,%d\n", ids[i], r[i], f[i], m[i],
		    rs, fs, ms, 100 * rs + 10 * fs + ms
	}
}
