#!/bin/sh
# The memory of the final --merge, measured: the figures of crm(7), "Many
# cores and many machines".  Not part of make test (a million customers
# take a minute or two).
#
#   sh tests/engines/mergemem.sh BUILD_DIR [N ...]
#
# For each N (default: 100000 1000000): N customers with three order
# lines each, in two orders on two days (two purchases, for the model),
# one order with a line in each of two files (a.csv and b.csv, made by
# awk below); each file read with --partial, then GNU time's peak
# resident memory (%M, KiB) and elapsed time of the final merge over the
# two streams, for crm-score (RFM; --order with --keep name; --model
# bgnbd with --params-in) and crm-pareto --by.  Prints per N and kind
# the peak in MB (10^6 bytes) and bytes per customer, and from one N to
# the next the bytes each added customer took (the fixed part left out).
# Needs /usr/bin/time (Debian's time).

set -u
B=$(cd "${1:?usage: mergemem.sh BUILD_DIR [N ...]}" && pwd) || exit 2
shift
[ $# -gt 0 ] || set -- 100000 1000000
[ -x /usr/bin/time ] ||
    { echo "mergemem: no /usr/bin/time (package time)" >&2; exit 2; }
T=$(mktemp -d "${TMPDIR:-/tmp}/crm-mergemem.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
trap 'exit 1' INT TERM HUP
S=$B/bin/crm-score P=$B/bin/crm-pareto
AS_OF="--as-of 2025-12-31"
LC_ALL=C
export LC_ALL

# kind NAME: the options of kind NAME (the program is the first word)
kind() {
	case $1 in
	rfm) echo "$S $AS_OF" ;;
	order) echo "$S $AS_OF --order order_id --keep name" ;;
	model) echo "$S $AS_OF --model bgnbd --params-in $T/params.csv" ;;
	pareto) echo "$P --by customer_id --value amount" ;;
	esac
}

# the model's parameters given (CDNOW's fit, Fader, Hardie and Lee):
# these rows are too regular to fit, and the merge is what is measured
printf 'parameter,value\nr,0.243\nalpha,4.414\na,0.793\nb,2.426\n' \
    > "$T/params.csv"
prev_n=
for n in "$@"; do
	awk -v n="$n" -v dir="$T" 'BEGIN {
		a = dir "/a.csv"; b = dir "/b.csv"
		h = "order_id,customer_id,name,order_date,amount"
		print h > a; print h > b
		for (i = 0; i < n; i++) {
			id = sprintf("C%07d", i)
			date = sprintf("2025-%02d-%02d", 1 + i % 12, 1 + i % 28)
			date2 = sprintf("2025-%02d-%02d", 1 + i % 12,
			    1 + (i + 9) % 28)
			nm = "Name " (i % 9973)
			printf "O%d-1,%s,%s,%s,%d.%02d\n", i, id, nm, date,
			    10 + i % 90, i % 100 > a
			printf "O%d-2,%s,%s,%s,%d.50\n", i, id, nm, date2,
			    5 + i % 50 > b
			printf "O%d-1,%s,%s,%s,%d\n", i, id, nm, date,
			    1 + i % 7 > b
		}
	}' || exit 1
	for k in rfm order model pareto; do
		cmd=$(kind $k)
		$cmd --partial "$T/a.csv" > "$T/a.part" &&
		    $cmd --partial "$T/b.csv" > "$T/b.part" || exit 1
		/usr/bin/time -f "%M %e" -o "$T/time" \
		    $cmd --merge "$T/a.part" "$T/b.part" > /dev/null || exit 1
		set -- $(cat "$T/time")
		eval "kib_${k}_$n=$1"
		awk -v n="$n" -v k="$k" -v kib="$1" -v s="$2" '
		BEGIN {
			printf "%d customers, %s: %.1f MB, %.0f bytes per " \
			    "customer, %s s\n", n, k, kib * 1024 / 1e6,
			    kib * 1024 / n, s }'
		if [ -n "$prev_n" ]; then
			eval "was=\$kib_${k}_$prev_n"
			awk -v n="$n" -v p="$prev_n" -v k="$k" -v a="$was" \
			    -v b="$1" 'BEGIN {
				printf "  from %d to %d customers, %s: %.0f " \
				    "bytes per added customer\n", p, n, k,
				    (b - a) * 1024 / (n - p) }'
		fi
	done
	prev_n=$n
done
