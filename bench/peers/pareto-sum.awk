# Pareto, stage 1 of the awk peer: the sum per customer, as ID TAB SUM.
NR > 1 { s[$2] += $5 }
END { for (k in s) printf "%s\t%.2f\n", k, s[k] }
