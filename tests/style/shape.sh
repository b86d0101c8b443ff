#!/bin/sh
# The shape issue 12 set for the code, checked: no function in cmd/ or
# lib/ over 80 lines, no main over 60, cmd/ under 1,300 lines in all.  A
# function is counted from the line with its name (style(9): the name
# starts a line) to its closing brace at the start of a line.
# Usage: sh tests/style/shape.sh   (from the top of the tree)
fail=0
long=$(awk '
	/^[a-zA-Z_][a-zA-Z0-9_]*\(/ { name = $0; sub(/\(.*/, "", name)
		start = FNR; infn = 1; next }
	infn && /^}/ { len = FNR - start + 1; infn = 0
		max = name == "main" ? 60 : 80
		if (len > max)
			printf "%s: %s is %d lines (at most %d)\n",
			    FILENAME, name, len, max }
	' cmd/*.c lib/*.c)
if [ -n "$long" ]; then
	echo "$long"
	fail=1
fi
lines=$(cat cmd/*.c | wc -l | tr -d ' ')
if [ "$lines" -ge 1300 ]; then
	echo "cmd/ has $lines lines (under 1300 wanted)"
	fail=1
fi
n=$(awk '/^[a-zA-Z_][a-zA-Z0-9_]*\(/ { n++ } END { print n }' cmd/*.c lib/*.c)
echo "shape: $n functions, none over 80 lines, each main at most 60; cmd/ $lines lines" |
    { [ $fail = 0 ] && cat || sed 's/^shape:.*/shape: failed/'; }
[ $fail = 0 ]
