/*
 * test_split.c - the cut of a CSV file into ranges at record boundaries
 * (-j N): hand-built inputs whose boundaries are worked out byte by byte
 * in the comments (quoted newlines at the split point, "" escapes, CRLF,
 * a range that starts inside quotes, a record longer than a range, tiny
 * files, a header before the records), the scan fed in blocks of every
 * size, the file version (pread in threads) against the buffer version,
 * and random RFC 4180 text checked against a plain byte-by-byte reading
 * of the quotes written here (the oracle: a state machine, no parity).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "split.h"

/* Cuts s (all of it, from line 1) into n ranges. */
static void
cut(const char *s, int n, struct crm_split_range *rg)
{
	crm_split_buffer(s, 0, (off_t)strlen(s), 1, n, rg);
}

static void
assert_range(const struct crm_split_range *r, off_t start, off_t end,
    long line)
{
	assert_int_equal(r->start, start);
	assert_int_equal(r->end, end);
	assert_int_equal(r->line, line);
}

static void
test_plain_lines(void **state)
{
	struct crm_split_range rg[2];

	(void)state;
	/* a0 \n1 b2 \n3 | c4 \n5 d6 \n7: chunk 1 starts at 4, its first
	   line feed is 5, so range 1 is "d\n", line 4 */
	cut("a\nb\nc\nd\n", 2, rg);
	assert_range(&rg[0], 0, 6, 1);
	assert_range(&rg[1], 6, 8, 4);
}

static void
test_quoted_newline_at_split(void **state)
{
	struct crm_split_range rg[4];

	(void)state;
	/* "0 x1 \n2 y3 | "4 \n5 z6 \n7: the chunk starts inside quotes (one
	   quote before it); the feed at 2 is quoted, the one at 5 is not */
	cut("\"x\ny\"\nz\n", 2, rg);
	assert_range(&rg[0], 0, 6, 1);
	assert_range(&rg[1], 6, 8, 3);
	/* four chunks [0,2) [2,4) [4,6) [6,8): chunks 1 and 2 both find
	   the feed at 5 (chunk 1 has only the quoted one), chunk 3 the one
	   at 7: ranges [0,6) [6,6) [6,8) [8,8) */
	cut("\"x\ny\"\nz\n", 4, rg);
	assert_range(&rg[0], 0, 6, 1);
	assert_range(&rg[1], 6, 6, 3);
	assert_range(&rg[2], 6, 8, 3);
	assert_range(&rg[3], 8, 8, 4);
}

static void
test_escaped_quotes(void **state)
{
	struct crm_split_range rg[2];

	(void)state;
	/* "0 a1 "2 "3 \n4 "5 | "6 b7 "8 \n9 c10 \n11: the field is a"\n"b;
	   chunk 1 starts between the two quotes of an escape (an even
	   count, 4, before it), and its first feed outside quotes is 9 */
	cut("\"a\"\"\n\"\"b\"\nc\n", 2, rg);
	assert_range(&rg[0], 0, 10, 1);
	assert_range(&rg[1], 10, 12, 3);
}

static void
test_crlf(void **state)
{
	struct crm_split_range rg[3];

	(void)state;
	/* a0 \r1 \n2 b3 | \r4 \n5 c6 \r7 \n8 (chunks [0,3) [3,6) [6,9)):
	   never between CR and LF */
	cut("a\r\nb\r\nc\r\n", 3, rg);
	assert_range(&rg[0], 0, 6, 1);
	assert_range(&rg[1], 6, 9, 3);
	assert_range(&rg[2], 9, 9, 4);
	/* a lone CR (a record end for libcsv) is no boundary: a0 \r1 b2
	   \n3 | c4 \n5 */
	cut("a\rb\nc\n", 2, rg);
	assert_range(&rg[0], 0, 4, 1);
	assert_range(&rg[1], 4, 6, 2);
}

static void
test_long_record(void **state)
{
	struct crm_split_range rg[4];
	const char *s = "\"0123456789\n0123456789\"\nz\n";

	(void)state;
	/* 26 bytes, chunks [0,6) [6,13) [13,19) [19,26); the quoted feed is
	   11, the first outside quotes 23: ranges 1 and 2 are empty, range
	   3 ("z\n", line 3) starts after 23 too */
	cut(s, 4, rg);
	assert_range(&rg[0], 0, 24, 1);
	assert_range(&rg[1], 24, 24, 3);
	assert_range(&rg[2], 24, 24, 3);
	assert_range(&rg[3], 24, 26, 3);
}

static void
test_tiny(void **state)
{
	struct crm_split_range rg[3];

	(void)state;
	/* no byte at all: three empty ranges at the start */
	cut("", 3, rg);
	assert_range(&rg[0], 0, 0, 1);
	assert_range(&rg[1], 0, 0, 1);
	assert_range(&rg[2], 0, 0, 1);
	/* one record without a line end: all of it in range 0 */
	cut("a", 3, rg);
	assert_range(&rg[0], 0, 1, 1);
	assert_range(&rg[1], 1, 1, 1);
	assert_range(&rg[2], 1, 1, 1);
	/* one job: the whole */
	cut("a\nb\n", 1, rg);
	assert_range(&rg[0], 0, 4, 1);
}

static void
test_after_header(void **state)
{
	struct crm_split_range rg[2];
	const char *s = "\xEF\xBB\xBFh\nx\ny\n";

	(void)state;
	/* a mark and "h\n" before the records: they start at 5, line 2;
	   chunks [5,7) [7,9): x5 \n6 | y7 \n8 */
	crm_split_buffer(s, 5, 9, 2, 2, rg);
	assert_range(&rg[0], 5, 9, 2);
	assert_range(&rg[1], 9, 9, 4);
}

/*
 * Random RFC 4180 text: records of fields, each plain, quoted with
 * commas, escapes, CR and LF inside, or empty; CRLF or LF line ends.
 */
static size_t
random_csv(char *buf, size_t cap, unsigned *seed)
{
	static const char *const pieces[] = { "ab", ",", "\"\"", "\n",
	    "\r\n", "x" };
	size_t n = 0;

	while (n + 32 < cap) {
		int fields = 1 + rand_r(seed) % 3, f;

		for (f = 0; f < fields; f++) {
			int kind = rand_r(seed) % 3, k, m = rand_r(seed) % 5;

			if (f > 0)
				buf[n++] = ',';
			if (kind == 0)
				continue;
			if (kind == 1) {
				buf[n++] = 'v';
				continue;
			}
			buf[n++] = '"';
			for (k = 0; k < m && n + 16 < cap; k++) {
				const char *p = pieces[rand_r(seed) % 6];

				memcpy(buf + n, p, strlen(p));
				n += strlen(p);
			}
			buf[n++] = '"';
		}
		if (rand_r(seed) % 2)
			buf[n++] = '\r';
		buf[n++] = '\n';
	}
	return n;
}

/*
 * The oracle: the first byte at or after from that follows a line feed
 * outside quotes, read as a CSV reader reads quotes (open at a field's
 * start, "" inside a quoted field an escape, a closing quote).
 */
static size_t
oracle_boundary(const char *s, size_t len, size_t from, long *line)
{
	int quoted = 0, fieldstart = 1;
	size_t i;
	long ln = 1;

	for (i = 0; i < len; i++) {
		char c = s[i];

		if (quoted) {
			if (c == '"' && i + 1 < len && s[i + 1] == '"')
				i++;
			else if (c == '"')
				quoted = 0;
			else if (c == '\n')
				ln++;
			continue;
		}
		if (c == '"' && fieldstart) {
			quoted = 1;
		} else if (c == '\n') {
			ln++;
			if (i >= from) {
				*line = ln;
				return i + 1;
			}
		}
		fieldstart = c == ',' || c == '\n' || c == '\r';
	}
	*line = ln;
	return len;
}

static void
test_random_against_oracle(void **state)
{
	static char buf[4096];
	unsigned seed = 7;
	int round, n, k;

	(void)state;
	for (round = 0; round < 300; round++) {
		size_t len = random_csv(buf, 64 + (size_t)round * 12, &seed);
		struct crm_split_range rg[9];
		off_t at[10];

		for (n = 1; n <= 9; n++) {
			crm_split_buffer(buf, 0, (off_t)len, 1, n, rg);
			crm_split_chunks(0, (off_t)len, n, at);
			assert_range(&rg[0], 0, rg[0].end, 1);
			assert_int_equal(rg[n - 1].end, len);
			for (k = 1; k < n; k++) {
				long line;
				size_t b = oracle_boundary(buf, len,
				    (size_t)at[k], &line);

				assert_int_equal(rg[k].start, b);
				assert_int_equal(rg[k - 1].end, b);
				assert_int_equal(rg[k].line, line);
			}
		}
	}
}

/* The scan is the same whatever blocks the chunk comes in. */
static void
test_scan_blocks(void **state)
{
	static char buf[2048];
	struct crm_split_scan whole, parts;
	unsigned seed = 11;
	size_t len = random_csv(buf, sizeof(buf), &seed), step, i;

	(void)state;
	crm_split_scan_init(&whole);
	crm_split_scan_add(&whole, buf + 3, len - 3);
	for (step = 1; step <= 41; step++) {
		crm_split_scan_init(&parts);
		for (i = 3; i < len; i += step)
			crm_split_scan_add(&parts, buf + i,
			    len - i < step ? len - i : step);
		assert_memory_equal(&whole, &parts, sizeof(whole));
	}
}

/* The file version (threads, pread) cuts as the buffer version. */
static void
test_file(void **state)
{
	static char buf[300000];
	struct crm_split_range a[7], b[7];
	struct crm_error e;
	unsigned seed = 3;
	size_t len = random_csv(buf, sizeof(buf), &seed);
	FILE *fp = tmpfile();
	int n;

	(void)state;
	assert_non_null(fp);
	assert_int_equal(fwrite(buf, 1, len, fp), len);
	assert_int_equal(fflush(fp), 0);
	for (n = 1; n <= 7; n++) {
		crm_split_buffer(buf, 10, (off_t)len, 5, n, a);
		assert_int_equal(crm_split_file(fileno(fp), "t.csv", 10,
		    (off_t)len, 5, n, b, &e), 0);
		assert_memory_equal(a, b, (size_t)n * sizeof(a[0]));
	}
	/* a file shorter than it was said to be: a read error */
	assert_int_equal(crm_split_file(fileno(fp), "t.csv", 0,
	    (off_t)len + 10, 1, 2, b, &e), -1);
	assert_string_equal(e.file, "t.csv");
	assert_string_equal(e.msg, "read error: Input/output error");
	fclose(fp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_lines),
		cmocka_unit_test(test_quoted_newline_at_split),
		cmocka_unit_test(test_escaped_quotes),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_long_record),
		cmocka_unit_test(test_tiny),
		cmocka_unit_test(test_after_header),
		cmocka_unit_test(test_random_against_oracle),
		cmocka_unit_test(test_scan_blocks),
		cmocka_unit_test(test_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
