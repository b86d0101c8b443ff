/*
 * test_rfmpartial.c - crm-score's customers cut into parts, by -j's
 * threads (crm_rfm_parallel) or by --partial/--merge
 * (crm_rfm_write_partial, crm_rfm_merge_row), give the table of one
 * reading, with an order whose lines fall into two parts counted once.
 *
 * By hand, as of 2025-12-31 with --order: A has orders I1 (10 and 5 on
 * 01-05), I3 (20 on 02-01) and a refund of 5 on 02-03: first 01-05, last
 * 02-01 (a refund is no order), recency 365 - 32 = 333 days, 2 orders,
 * 30.0 (one decimal, as 7.5 has).  B: I2, 7.5 on 01-06: 359 days, 1.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "csvio.h"
#include "partial.h"
#include "rfm.h"
#include "rfmopts.h"
#include "rfmpartial.h"
#include "value.h"

static char *rows[][4] = {
	{ "A", "2025-01-05", "10", "I1" },
	{ "B", "2025-01-06", "7.5", "I2" },
	{ "A", "2025-02-01", "20", "I3" },
	{ "A", "2025-01-05", "5", "I1" },
	{ "A", "2025-02-03", "-5", "C9" },
};
#define NROWS	(sizeof(rows) / sizeof(rows[0]))

static char *hf[] = { "customer_id", "order_date", "amount", "order_id" };
static size_t hl[] = { 11, 10, 6, 8 };
static struct crm_record hrec = { 4, hf, hl, 1, NULL, 0 };
static struct crm_header hdr = { &hrec, "orders.csv" };

static void
options(struct crm_rfm_opts *o)
{
	struct crm_common c;
	struct crm_error e;

	memset(&c, 0, sizeof(c));
	assert_int_equal(crm_date_parse("2025-12-31", NULL, &c.as_of),
	    CRM_VALUE_OK);
	crm_rfm_opts_init(o);
	o->order = "order_id";
	assert_int_equal(crm_rfm_opts_finish(o, &c, &e), 0);
}

/* Row i into agg by the ops, as a thread of -j feeds it. */
static void
feed(void *agg, size_t i)
{
	size_t len[4], k;
	struct crm_record r = { 4, rows[i], len, (long)i + 2, NULL, 0 };
	struct crm_error why;

	for (k = 0; k < 4; k++)
		len[k] = strlen(rows[i][k]);
	assert_int_equal(crm_rfm_parallel.row(agg, &r, &why), CRM_RECORD_OK);
}

/* r finished, scored and written, in a malloc'd buffer. */
static char *
scored(struct crm_rfm *r)
{
	struct crm_csv_writer w;
	struct crm_error e;
	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);

	assert_non_null(fp);
	assert_int_equal(crm_rfm_finish(r, &e), 0);
	assert_int_equal(crm_rfm_score(r, &e), 0);
	crm_csv_writer_init(&w, fp, ',');
	crm_rfm_write(r, &w);
	assert_int_equal(fclose(fp), 0);
	return out;
}

static void
check_hand(const char *out)
{
	assert_non_null(strstr(out, "\nA,2025-01-05,2025-02-01,333,2,30.0,"));
	assert_non_null(strstr(out, "\nB,2025-01-06,2025-01-06,359,1,7.5,"));
}

/*
 * Rows 0..cut-1 in the caller's table, the rest in one the ops make,
 * both finished and merged: every cut gives the table of one reading
 * (cut = NROWS), whose figures are the hand ones.
 */
static void
test_threads_merge(void **state)
{
	struct crm_rfm_opts o;
	struct crm_error e;
	struct crm_rfm r;
	char *out, *whole = NULL;
	size_t i, cut;
	void *part;

	(void)state;
	options(&o);
	for (cut = NROWS + 1; cut-- > 0;) {
		crm_rfm_init(&r, &o);
		assert_int_equal(crm_rfm_bind(&r, &hdr, &e), 0);
		assert_non_null(part = crm_rfm_parallel.make(&r, &hdr, &e));
		for (i = 0; i < NROWS; i++)
			feed(i < cut ? (void *)&r : part, i);
		assert_int_equal(crm_rfm_parallel.finish(&r, &e), 0);
		assert_int_equal(crm_rfm_parallel.finish(part, &e), 0);
		assert_int_equal(crm_rfm_parallel.merge(&r, part, &e), 0);
		crm_rfm_parallel.free(part);
		out = scored(&r);
		check_hand(out);
		if (whole == NULL)
			whole = out;
		else {
			assert_string_equal(out, whole);
			free(out);
		}
		crm_rfm_free(&r);
	}
	free(whole);
	crm_rfm_opts_free(&o);
}

/* The partial state of rows from..to-1, as text (malloc'd). */
static char *
partial(const struct crm_rfm_opts *o, size_t from, size_t to)
{
	struct crm_csv_writer w;
	struct crm_error e;
	struct crm_rfm r;
	char *out = NULL;
	size_t len = 0, i;
	FILE *fp = open_memstream(&out, &len);

	assert_non_null(fp);
	crm_rfm_init(&r, o);
	assert_int_equal(crm_rfm_bind(&r, &hdr, &e), 0);
	for (i = from; i < to; i++)
		feed(&r, i);
	assert_int_equal(crm_rfm_finish(&r, &e), 0);
	crm_csv_writer_init(&w, fp, ',');
	crm_rfm_write_partial(&r, &w);
	assert_int_equal(fclose(fp), 0);
	crm_rfm_free(&r);
	return out;
}

/* Merges the rows of partial state text into r. */
static void
merge_text(struct crm_rfm *r, const char *text)
{
	struct crm_csv_options opt = { .delim = ',', .headerless = 1 };
	struct crm_csv_reader *rd;
	struct crm_record *rec;
	struct crm_error e;
	FILE *fp = fmemopen((void *)(uintptr_t)text, strlen(text), "r");

	assert_non_null(fp);
	assert_non_null(rd = crm_csv_open(fp, "p.csv", &opt, &e));
	while (crm_csv_read(rd, &rec, &e) == CRM_CSV_RECORD) {
		assert_int_equal(crm_partial_decode(rec, &e), CRM_RECORD_OK);
		if (crm_rfm_merge_row(r, rec, &e) != CRM_RECORD_OK)
			fail_msg("line %ld: %s", rec->line, e.msg);
	}
	crm_csv_close(rd);
	fclose(fp);
}

/* --partial of two parts, merged in either order: the hand figures. */
static void
test_partial_then_merge(void **state)
{
	struct crm_rfm_opts o;
	struct crm_rfm r;
	char *a, *b, *out;
	size_t cut;
	int order;

	(void)state;
	options(&o);
	for (cut = 0; cut <= NROWS; cut++)
		for (order = 0; order < 2; order++) {
			a = partial(&o, 0, cut);
			b = partial(&o, cut, NROWS);
			crm_rfm_init(&r, &o);
			merge_text(&r, order ? b : a);
			merge_text(&r, order ? a : b);
			out = scored(&r);
			check_hand(out);
			free(out);
			free(a);
			free(b);
			crm_rfm_free(&r);
		}
	crm_rfm_opts_free(&o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_threads_merge),
		cmocka_unit_test(test_partial_then_merge),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
