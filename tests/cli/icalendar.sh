#!/bin/sh
# crm-followup's calendars (--format ics and ics-events) read back by
# python3's icalendar package, an independent reader (issue 14 item 12):
# tests/cli/ics_check.py checks the octets (CRLF, 75-octet folding, whole
# UTF-8), parses each calendar and compares every item with the CSV list
# of the same run, then checks that a later night's calendar keeps the
# UIDs and raises SEQUENCE.  Over the samples, and over a table whose
# names hold ; , " \ and a newline, a long UTF-8 name and an owner with
# a comma.  Skipped, with a note, when no python3 has the module (Debian
# package python3-icalendar).  Prints "icalendar: N passed, N failed".
# Usage: sh tests/cli/icalendar.sh BUILD_DIR

build=$(cd "${1:?usage: icalendar.sh BUILD_DIR}" && pwd)
top=$(cd "$(dirname "$0")/../.." && pwd)
here=$top/tests/cli
py=
for p in python3 /usr/bin/python3; do
	if command -v "$p" >/dev/null 2>&1 &&
	    "$p" -c 'import icalendar' 2>/dev/null; then
		py=$p
		break
	fi
done
if [ -z "$py" ]; then
	echo "icalendar: skipped: no python3 with the icalendar module" \
	    "(apt-get install python3-icalendar)"
	exit 0
fi
scratch=$build/icalendar
rm -rf "$scratch"
mkdir -p "$scratch"
cd "$scratch" || exit 1
PATH=$build/bin:$PATH
LC_ALL=C.UTF-8
TZ=UTC
export PATH LC_ALL TZ

printf '%s\n' \
    'customer_id,name,owner,email,phone,last_contact,segment' \
    'T1,"Smith; Jones, ""Q"" & Co \ back' \
    'slash",ann,a@example.com,+1 555 0100,2025-11-01,x' \
    'T2,Søndergaard & Friis ApS – Ærøskøbing Østergade 北京科技有限公司 Zürich Straße Ölmühle Çağlayan Dağıtım,"Smith, J",,+45 1234 5678,,x' \
    'T3,,carl,c@example.com,,,lost' \
    'T4,Plain,dana,d@example.com,+1 555 0104,2025-12-30,x' > tricky.csv
printf '%s\n' 'cadence:' '  default: 1 week' 'winback:' \
    '  values: [lost]' '  every: 6 months' '  channel: E-Mail' \
    '  action: send an offer' > tricky.yaml

pass=0
fail=0
# run NAME AS_OF LATER ARGS...: the list, both calendars, both nights
run() {
	name=$1 d1=$2 d2=$3
	shift 3
	crm-followup -q --as-of "$d1" -o "$name.csv" "$@" || return 1
	for kind in todo event; do
		fmt=ics
		[ $kind = event ] && fmt=ics-events
		crm-followup -q --as-of "$d1" --format $fmt -o "$name-1.ics" \
		    "$@" &&
		crm-followup -q --as-of "$d2" --format $fmt -o "$name-2.ics" \
		    "$@" &&
		if out=$("$py" "$here/ics_check.py" "$name.csv" "$d1" $kind \
		    "$name-1.ics" "$name-2.ics" 2>&1); then
			pass=$((pass + 1))
		else
			echo "FAIL icalendar $name $kind:"
			echo "$out" | sed 's/^/	/'
			fail=$((fail + 1))
		fi
	done
}
run tricky 2026-01-05 2026-01-06 -c tricky.yaml tricky.csv
run samples 2026-01-05 2026-01-06 -c "$top/samples/followup-customers.yaml" \
    "$top/samples/customers.csv"
echo "icalendar: $pass passed, $fail failed"
[ $fail = 0 ]
