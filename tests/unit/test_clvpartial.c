/*
 * test_clvpartial.c - crm-score --model's histories cut into parts by
 * -j's threads (crm_clvmode_parallel) or by --partial/--merge
 * (crm_clvmode_write_partial, crm_clvmode_merge_row) score as one
 * reading: the orders, saved parameters and figures of
 * tests/cli/cases/score-model-hand (worked out by hand in its README),
 * as test_clvmode.c's test_hand has them, for every cut of the rows.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "clvcsv.h"
#include "clvmode.h"
#include "clvpartial.h"
#include "partial.h"
#include "value.h"

#define MAXF	12

struct rec {
	char text[512];
	char *f[MAXF];
	size_t len[MAXF];
	struct crm_record r;
};

static const struct crm_record *
record(struct rec *b, const char *line)
{
	char *p, *comma;

	snprintf(b->text, sizeof(b->text), "%s", line);
	b->r.n = 0;
	for (p = b->text;; p = comma + 1) {
		assert_true(b->r.n < MAXF);
		b->f[b->r.n] = p;
		if ((comma = strchr(p, ',')) != NULL)
			*comma = '\0';
		b->len[b->r.n++] = strlen(p);
		if (comma == NULL)
			break;
	}
	b->r.field = b->f;
	b->r.len = b->len;
	return &b->r;
}

static const char *const orders[] = {
	"A,2024-01-01,10,north", "A,2024-01-11,20,north",
	"E,2024-02-20,10,south", "A,2024-01-31,30,north",
	"B,2024-02-09,40,west", "E,2024-01-20,10,east",
	"C,2024-03-05,8,north", "D,2024-01-15,-5,west",
	"A,2024-03-10,5,north", "E,2024-02-01,10,east",
	"E,2024-02-01,5,east"
};

/* Options as crm-score finishes them for the hand case. */
static void
options(struct crm_rfm_opts *ro, struct crm_clv_opts *co, int saved)
{
	struct crm_common c;
	struct crm_error e;

	memset(&c, 0, sizeof(c));
	c.as_of = crm_days_from_civil(2024, 3, 31);
	crm_rfm_opts_init(ro);
	assert_int_equal(crm_rfm_opts_keep(ro, "region", &e), 0);
	ro->columns = crm_clv_columns;
	ro->ncolumns = 8;
	assert_int_equal(crm_rfm_opts_finish(ro, &c, &e), 0);
	crm_clv_opts_init(co);
	co->model = CRM_PNBD;
	co->spend = 1;
	co->unit = CRM_DAYS;
	co->horizon_text = "30";
	assert_int_equal(crm_clv_opts_calibration_end(co, "2024-02-29", &e),
	    0);
	assert_int_equal(crm_clv_opts_finish(co, &c, &e), 0);
	if (saved) {
		co->params_in = "params.csv";
		co->saved.m.model = CRM_PNBD;
		co->saved.m.par[0] = 1, co->saved.m.par[1] = 10;
		co->saved.m.par[2] = 2, co->saved.m.par[3] = 10;
		co->saved.g.par[0] = 2, co->saved.g.par[1] = 3;
		co->saved.g.par[2] = 10;
	}
}

static void
start(struct crm_clvmode *cm, const struct crm_clv_opts *co,
    const struct crm_rfm_opts *ro)
{
	struct crm_header h;
	struct crm_error e;
	struct rec b;

	assert_int_equal(crm_clvmode_init(cm, co, ro, &e), 0);
	h.rec = record(&b, "customer_id,order_date,amount,region");
	h.file = "orders.csv";
	assert_int_equal(crm_clvmode_bind(cm, &h, &e), 0);
}

#define NORDERS	(sizeof(orders) / sizeof(orders[0]))

static const char want[] = "customer_id,region,x,t_x,T,p_alive,"
    "expected_purchases,avg_spend,expected_spend,clv\n"
    "A,north,2,30,59,0.149042,0.135493,25,20,2.70986\n"
    "B,west,0,0,20,0.0545455,0.0272727,0,10,0.272727\n"
    "C,north,0,0,0,1,0.75,0,10,7.5\n"
    "E,south,2,31,40,0.59562,0.670072,12.5,11.6667,7.81751\n";

/* cm fitted (with the saved parameters: no fit), scored, written. */
static char *
figures(struct crm_clvmode *cm)
{
	struct crm_csv_writer w;
	struct crm_error e;
	char *text = NULL;
	size_t size = 0;
	FILE *fp;

	assert_int_equal(crm_clvmode_fit(cm, &e), 0);
	assert_int_equal(crm_clvmode_score(cm, &e), 0);
	assert_non_null(fp = open_memstream(&text, &size));
	crm_csv_writer_init(&w, fp, ',');
	crm_clvcsv_write_figures(cm, &w);
	assert_int_equal(fclose(fp), 0);
	return text;
}

/* Order i into agg by the ops, as a thread of -j feeds it. */
static void
feed(void *agg, size_t i)
{
	struct crm_error why;
	struct rec b;

	assert_int_equal(crm_clvmode_parallel.row(agg, record(&b, orders[i]),
	    &why), CRM_RECORD_OK);
}

/* Rows 0..cut-1 in the caller's mode, the rest in one the ops make. */
static void
test_threads_merge(void **state)
{
	struct crm_rfm_opts ro;
	struct crm_clv_opts co;
	struct crm_clvmode cm;
	struct crm_header h;
	struct crm_error e;
	struct rec b;
	size_t i, cut;
	void *part;
	char *text;

	(void)state;
	options(&ro, &co, 1);
	for (cut = 0; cut <= NORDERS; cut++) {
		start(&cm, &co, &ro);
		h.rec = record(&b, "customer_id,order_date,amount,region");
		h.file = "orders.csv";
		assert_non_null(part = crm_clvmode_parallel.make(&cm, &h, &e));
		for (i = 0; i < NORDERS; i++)
			feed(i < cut ? (void *)&cm : part, i);
		assert_int_equal(crm_clvmode_merge(&cm, part, &e), 0);
		crm_clvmode_parallel.free(part);
		text = figures(&cm);
		assert_string_equal(text, want);
		free(text);
		crm_clvmode_free(&cm);
	}
	crm_rfm_opts_free(&ro);
}

/* The partial state of orders from..to-1, as text (malloc'd). */
static char *
partial(const struct crm_clv_opts *co, const struct crm_rfm_opts *ro,
    size_t from, size_t to)
{
	struct crm_csv_writer w;
	struct crm_clvmode cm;
	char *text = NULL;
	size_t size = 0, i;
	FILE *fp;

	start(&cm, co, ro);
	for (i = from; i < to; i++)
		feed(&cm, i);
	assert_non_null(fp = open_memstream(&text, &size));
	crm_csv_writer_init(&w, fp, ',');
	crm_clvmode_write_partial(&cm, &w);
	assert_int_equal(fclose(fp), 0);
	crm_clvmode_free(&cm);
	return text;
}

/* Merges the rows of partial state text into cm. */
static void
merge_text(struct crm_clvmode *cm, const char *text)
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
		if (crm_clvmode_merge_row(cm, rec, &e) != CRM_RECORD_OK)
			fail_msg("line %ld: %s", rec->line, e.msg);
	}
	crm_csv_close(rd);
	fclose(fp);
}

/* --partial of two parts, merged (not bound) in either order. */
static void
test_partial_then_merge(void **state)
{
	struct crm_rfm_opts ro;
	struct crm_clv_opts co;
	struct crm_clvmode cm;
	struct crm_error e;
	char *a, *b, *text;
	size_t cut;
	int order;

	(void)state;
	options(&ro, &co, 1);
	for (cut = 0; cut <= NORDERS; cut++)
		for (order = 0; order < 2; order++) {
			a = partial(&co, &ro, 0, cut);
			b = partial(&co, &ro, cut, NORDERS);
			assert_int_equal(crm_clvmode_init(&cm, &co, &ro, &e),
			    0);
			merge_text(&cm, order ? b : a);
			merge_text(&cm, order ? a : b);
			text = figures(&cm);
			assert_string_equal(text, want);
			free(text);
			free(a);
			free(b);
			crm_clvmode_free(&cm);
		}
	crm_rfm_opts_free(&ro);
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
