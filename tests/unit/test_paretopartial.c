/*
 * test_paretopartial.c - crm-pareto --by's sums cut into parts, by -j's
 * threads (crm_pareto_table_parallel) or by --partial/--merge
 * (crm_pareto_table_write_partial, crm_pareto_table_merge_row), give the
 * table of one reading.
 *
 * The rows and their table are test_paretotable.c's grouped case,
 * worked out by hand there: a 39.5 + 20.5 = 60, b 30, c 10, d 0, e -5.
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
#include "paretopartial.h"
#include "paretotable.h"
#include "partial.h"

static char *rows[][2] = {
	{ "a", "39.5" }, { "b", "30" }, { "c", "10" }, { "a", "20.5" },
	{ "d", "0" }, { "e", "-5" }
};
#define NROWS	(sizeof(rows) / sizeof(rows[0]))

static const char want[] =
    "id,amount,rows,pareto_rank,share,cum_share,cum_item_share,"
    "pareto_class\n"
    "a,60.0,2,1,0.6,0.6,0.2,A\n"
    "b,30.0,1,2,0.3,0.9,0.4,A\n"
    "c,10.0,1,3,0.1,1,0.6,B\n"
    "d,0.0,1,4,0,1,0.8,C\n"
    "e,-5.0,1,5,-0.05,1,1,C\n";

static char *hf[] = { "id", "amount" };
static size_t hl[] = { 2, 6 };
static struct crm_record hrec = { 2, hf, hl, 1, NULL, 0 };
static struct crm_header hdr = { &hrec, "in.csv" };

static void
table(struct crm_pareto_table *t, struct crm_pareto_opts *o)
{
	struct crm_error e;

	memset(o, 0, sizeof(*o));
	o->value = "amount";
	o->by = "id";
	assert_int_equal(crm_pareto_opts_finish(o, &e), 0);
	assert_int_equal(crm_pareto_table_init(t, o, &e), 0);
}

/* Row i into agg by the ops, as a thread of -j feeds it. */
static void
feed(void *agg, size_t i)
{
	size_t len[2] = { strlen(rows[i][0]), strlen(rows[i][1]) };
	struct crm_record r = { 2, rows[i], len, (long)i + 2, NULL, 0 };
	struct crm_error why;

	assert_int_equal(crm_pareto_table_parallel.row(agg, &r, &why),
	    CRM_RECORD_OK);
}

/* t ranked and written, in a malloc'd buffer. */
static char *
ranked(struct crm_pareto_table *t)
{
	struct crm_csv_writer w;
	struct crm_error e;
	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);

	assert_non_null(fp);
	assert_int_equal(crm_pareto_table_rank(t, &e), 0);
	crm_csv_writer_init(&w, fp, ',');
	assert_int_equal(crm_pareto_table_write(t, &w, &hrec, &e), 0);
	assert_int_equal(fclose(fp), 0);
	return out;
}

/*
 * Rows 0..cut-1 in the caller's table, the rest in one made by the ops
 * (each finished: rows wait in the lookahead ring until then), merged:
 * every cut gives the hand table.
 */
static void
test_threads_merge(void **state)
{
	struct crm_pareto_table t;
	struct crm_pareto_opts o;
	struct crm_error e;
	size_t cut, i;
	void *part;
	char *out;

	(void)state;
	for (cut = 0; cut <= NROWS; cut++) {
		table(&t, &o);
		assert_int_equal(crm_pareto_table_bind(&t, &hdr, &e), 0);
		assert_non_null(part = crm_pareto_table_parallel.make(&t, &hdr,
		    &e));
		for (i = 0; i < NROWS; i++)
			feed(i < cut ? (void *)&t : part, i);
		assert_int_equal(crm_pareto_table_parallel.finish(&t, &e), 0);
		assert_int_equal(crm_pareto_table_parallel.finish(part, &e),
		    0);
		assert_int_equal(crm_pareto_table_parallel.merge(&t, part, &e),
		    0);
		crm_pareto_table_parallel.free(part);
		out = ranked(&t);
		assert_string_equal(out, want);
		free(out);
		crm_pareto_table_free(&t);
	}
}

/* The partial state of rows from..to-1, as text (malloc'd). */
static char *
partial(size_t from, size_t to)
{
	struct crm_pareto_table t;
	struct crm_pareto_opts o;
	struct crm_csv_writer w;
	struct crm_error e;
	char *out = NULL;
	size_t len = 0, i;
	FILE *fp = open_memstream(&out, &len);

	assert_non_null(fp);
	table(&t, &o);
	assert_int_equal(crm_pareto_table_bind(&t, &hdr, &e), 0);
	for (i = from; i < to; i++)
		feed(&t, i);
	assert_int_equal(crm_pareto_table_finish(&t, &e), 0);
	crm_csv_writer_init(&w, fp, ',');
	crm_pareto_table_write_partial(&t, &w);
	assert_int_equal(fclose(fp), 0);
	crm_pareto_table_free(&t);
	return out;
}

/* Merges the rows of partial state text into t. */
static void
merge_text(struct crm_pareto_table *t, const char *text)
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
		if (crm_pareto_table_merge_row(t, rec, &e) != CRM_RECORD_OK)
			fail_msg("line %ld: %s", rec->line, e.msg);
	}
	crm_csv_close(rd);
	fclose(fp);
}

/*
 * --partial of the first rows and of the others, merged in either order
 * by a --merge run (bound without a header): the hand table.
 */
static void
test_partial_then_merge(void **state)
{
	struct crm_pareto_table t;
	struct crm_pareto_opts o;
	struct crm_error e;
	size_t cut;
	char *a, *b, *out;
	int order;

	(void)state;
	for (cut = 0; cut <= NROWS; cut++)
		for (order = 0; order < 2; order++) {
			a = partial(0, cut);
			b = partial(cut, NROWS);
			table(&t, &o);
			assert_int_equal(crm_pareto_table_bind_merge(&t, &e),
			    0);
			merge_text(&t, order ? b : a);
			merge_text(&t, order ? a : b);
			out = ranked(&t);
			assert_string_equal(out, want);
			free(out);
			free(a);
			free(b);
			crm_pareto_table_free(&t);
		}
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
