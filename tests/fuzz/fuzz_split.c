/*
 * fuzz_split.c - libFuzzer harness for the cut of a file into ranges at
 * record boundaries (split.h), on any bytes, for 1 to 9 ranges, against
 * a byte-by-byte reference: the ranges follow each other from the first
 * byte to the last; range k (k > 0) starts right after the first line
 * feed at or after its chunk's first byte that has an even number of
 * quotes before it (or at the end when there is none); its line is one
 * more than the line feeds before it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "split.h"

/* The first boundary at or after from, as split.h defines it. */
static size_t
reference(const char *s, size_t len, size_t from)
{
	size_t i, quotes = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '\n' && i >= from && quotes % 2 == 0)
			return i + 1;
		if (s[i] == '"')
			quotes++;
	}
	return len;
}

static long
line_of(const char *s, size_t pos)
{
	long line = 1;
	size_t i;

	for (i = 0; i < pos; i++)
		line += s[i] == '\n';
	return line;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct crm_split_range rg[9];
	const char *s = (const char *)data;
	off_t at[10];
	int n, k;

	for (n = 1; n <= 9; n++) {
		crm_split_buffer(s, 0, (off_t)size, 1, n, rg);
		crm_split_chunks(0, (off_t)size, n, at);
		if (rg[0].start != 0 || rg[0].line != 1 ||
		    rg[n - 1].end != (off_t)size)
			abort();
		for (k = 1; k < n; k++) {
			size_t b = reference(s, size, (size_t)at[k]);

			if (rg[k].start != (off_t)b ||
			    rg[k - 1].end != rg[k].start ||
			    rg[k].line != line_of(s, b))
				abort();
		}
	}
	return 0;
}
