/*
 * test_paretotable.c - crm-pareto's table: the config, the options'
 * defaults, records added (grouped or as rows), and what is written: the
 * ranked table, the summary, the chart's title.
 *
 * The figures are worked out by hand in the comments; shares are
 * fractions of the positive total, written with at most 6 decimals.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "paretopartial.h"
#include "paretotable.h"
#include "partial.h"
#include "value.h"

/* Whether d is units / 10^scale. */
static int
is(const struct crm_decimal *d, long long units, int scale)
{
	return d->units == units && d->scale == scale;
}

/* Loads text as config t.yaml and applies it to *o. */
static int
apply(const char *text, struct crm_pareto_opts *o, struct crm_config *cfg,
    struct crm_error *e)
{
	memset(cfg, 0, sizeof(*cfg));
	if (crm_config_load_string(cfg, "t.yaml", text, strlen(text), e) < 0)
		return -1;
	return crm_pareto_config(o, cfg, e);
}

/* text is refused at t.yaml:line:column with msg. */
static void
assert_config_error(const char *text, long line, long column,
    const char *msg)
{
	struct crm_pareto_opts o;
	struct crm_config cfg;
	struct crm_error e;

	memset(&o, 0, sizeof(o));
	assert_int_equal(apply(text, &o, &cfg, &e), -1);
	assert_int_equal(e.status, 2);
	assert_string_equal(e.file, "t.yaml");
	assert_int_equal(e.line, line);
	assert_int_equal(e.column, column);
	assert_string_equal(e.msg, msg);
	crm_config_free(&cfg);
}

static void
test_config(void **state)
{
	struct crm_pareto_opts o;
	struct crm_config cfg;
	struct crm_error e;

	(void)state;
	memset(&o, 0, sizeof(o));
	assert_int_equal(apply("value: amount\nby: customer_id\n"
	    "classes: [50, 80, 95]\n", &o, &cfg, &e), 0);
	assert_string_equal(o.value, "amount");
	assert_string_equal(o.by, "customer_id");
	assert_int_equal(o.nbounds, 3);
	assert_true(is(&o.bounds[0], 50, 0));
	assert_true(is(&o.bounds[1], 80, 0));
	assert_true(is(&o.bounds[2], 95, 0));
	crm_config_free(&cfg);

	/* what the command line set wins */
	memset(&o, 0, sizeof(o));
	o.value = "total";
	o.bounds[0].units = 70;
	o.nbounds = 1;
	assert_int_equal(apply("value: amount\nby: id\nclasses: [50]\n", &o,
	    &cfg, &e), 0);
	assert_string_equal(o.value, "total");
	assert_string_equal(o.by, "id");
	assert_int_equal(o.nbounds, 1);
	assert_true(is(&o.bounds[0], 70, 0));
	crm_config_free(&cfg);
}

/* Each problem at the node that has it (line and column from 1). */
static void
test_config_errors(void **state)
{
	(void)state;
	assert_config_error("value: amount\nclases: [80, 95]\n", 2, 1,
	    "unknown key 'clases'");
	assert_config_error("classes: [eighty, 95]\n", 1, 11,
	    "expected a number, got \"eighty\"");
	/* not increasing: at the bound that breaks the order */
	assert_config_error("classes: [95, 80]\n", 1, 15,
	    "class bounds must be increasing percentages between 0 and 100");
	assert_config_error("classes:\n  - 50\n  - 100\n", 3, 5,
	    "class bounds must be increasing percentages between 0 and 100");
	assert_config_error("classes: [0, 50]\n", 1, 11,
	    "class bounds must be increasing percentages between 0 and 100");
	assert_config_error("classes: []\n", 1, 10,
	    "expected 1 to 25 class bounds");
	assert_config_error("classes: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, "
	    "13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26]\n", 1, 10,
	    "expected 1 to 25 class bounds");
	assert_config_error("classes: 80\n", 1, 10,
	    "expected a list, got \"80\"");
	assert_config_error("value: \"\"\n", 1, 8, "expected a column name");
	assert_config_error("by: [a, b]\n", 1, 5,
	    "expected a text value, got a list");
}

/* A broken config is an error even where the command line overrides it. */
static void
test_config_checked_when_overridden(void **state)
{
	struct crm_pareto_opts o;
	struct crm_config cfg;
	struct crm_error e;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.value = "amount";
	o.bounds[0].units = 80;
	o.nbounds = 1;
	assert_int_equal(apply("value: \"\"\n", &o, &cfg, &e), -1);
	assert_string_equal(e.msg, "expected a column name");
	crm_config_free(&cfg);
	assert_int_equal(apply("classes: [95, 80]\n", &o, &cfg, &e), -1);
	assert_int_equal(e.line, 1);
	assert_int_equal(e.column, 15);
	crm_config_free(&cfg);
}

static void
test_opts_finish(void **state)
{
	struct crm_pareto_opts o;
	struct crm_error e;

	(void)state;
	memset(&o, 0, sizeof(o));
	assert_int_equal(crm_pareto_opts_finish(&o, &e), 0);
	assert_string_equal(o.value, "monetary");
	assert_int_equal(o.nbounds, 2);
	assert_true(is(&o.bounds[0], 80, 0));
	assert_true(is(&o.bounds[1], 95, 0));

	/* grouped output: key, value, rows and ours, all distinct */
	o.by = "k";
	o.value = "rows";
	assert_int_equal(crm_pareto_opts_finish(&o, &e), -1);
	assert_int_equal(e.status, 2);
	assert_string_equal(e.msg,
	    "column 'rows' would appear twice in the --by output");
	o.value = "k";
	assert_int_equal(crm_pareto_opts_finish(&o, &e), -1);
	assert_string_equal(e.msg,
	    "column 'k' would appear twice in the --by output");
	o.by = "share";
	o.value = "amount";
	assert_int_equal(crm_pareto_opts_finish(&o, &e), -1);
	assert_string_equal(e.msg,
	    "column 'share' would appear twice in the --by output");
	/* without --by the input's columns are kept: no clash */
	o.by = NULL;
	o.value = "rows";
	assert_int_equal(crm_pareto_opts_finish(&o, &e), 0);
}

/* Records of two fields, lengths from strlen. */
struct rec {
	struct crm_record r;
	char *field[3];
	size_t len[3];
};

static const struct crm_record *
rec2(struct rec *x, char *a, char *b)
{
	memset(x, 0, sizeof(*x));
	x->field[0] = a;
	x->field[1] = b;
	x->len[0] = strlen(a);
	x->len[1] = strlen(b);
	x->r.n = 2;
	x->r.field = x->field;
	x->r.len = x->len;
	return &x->r;
}

/* A table of the options given, bound to the header "id,amount". */
static void
table(struct crm_pareto_table *t, const char *by, int percent)
{
	char *hf[] = { "id", "amount" };
	size_t hl[] = { 2, 6 };
	struct crm_record h = { 2, hf, hl, 1, NULL, 0 };
	struct crm_header hdr = { &h, "in.csv" };
	struct crm_pareto_opts o;
	struct crm_error e;

	memset(&o, 0, sizeof(o));
	o.value = "amount";
	o.by = by;
	o.percent = percent;
	assert_int_equal(crm_pareto_opts_finish(&o, &e), 0);
	assert_int_equal(crm_pareto_table_init(t, &o, &e), 0);
	assert_int_equal(crm_pareto_table_bind(t, &hdr, &e), 0);
}

static void
add(struct crm_pareto_table *t, char *id, char *amount, int verdict)
{
	struct crm_error why;
	struct rec x;

	assert_int_equal(crm_pareto_table_add(t, rec2(&x, id, amount), &why),
	    verdict);
}

/*
 * Orders a 39.5, b 30, c 10, a 20.5, d 0, e -5: the groups a 60, b 30,
 * c 10, d 0, e -5 (one decimal, as 39.5 has).  Positive total 100:
 * shares .6 .3 .1 0 -.05; cumulative .6 .9 1 1 1 (the negative adds
 * nothing); items 1/5 .. 5/5.  Classes (80, 95): a and b start below 80%
 * (0 and 60): A; c starts at 90: B; d and e are not positive: C.
 */
static void
add_orders(struct crm_pareto_table *t)
{
	add(t, "a", "39.5", CRM_RECORD_OK);
	add(t, "b", "30", CRM_RECORD_OK);
	add(t, "c", "10", CRM_RECORD_OK);
	add(t, "a", "20.5", CRM_RECORD_OK);
	add(t, "d", "0", CRM_RECORD_OK);
	add(t, "e", "-5", CRM_RECORD_OK);
}

/* The CSV t writes (its table or its summary), in a static buffer. */
static const char *
written(const struct crm_pareto_table *t, int summary)
{
	static char buf[4096];
	char *hf[] = { "id", "amount" };
	size_t hl[] = { 2, 6 };
	struct crm_record h = { 2, hf, hl, 1, NULL, 0 };
	struct crm_csv_writer w;
	struct crm_error e;
	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);

	assert_non_null(fp);
	crm_csv_writer_init(&w, fp, ',');
	if (summary)
		crm_pareto_table_summary(t, &w);
	else
		assert_int_equal(crm_pareto_table_write(t, &w, &h, &e), 0);
	fclose(fp);
	snprintf(buf, sizeof(buf), "%s", out);
	free(out);
	return buf;
}

static void
test_grouped(void **state)
{
	struct crm_pareto_table t;
	struct crm_error e;

	(void)state;
	table(&t, "id", 0);
	add_orders(&t);
	assert_int_equal(crm_pareto_table_rank(&t, &e), 0);
	assert_string_equal(written(&t, 0),
	    "id,amount,rows,pareto_rank,share,cum_share,cum_item_share,"
	    "pareto_class\n"
	    "a,60.0,2,1,0.6,0.6,0.2,A\n"
	    "b,30.0,1,2,0.3,0.9,0.4,A\n"
	    "c,10.0,1,3,0.1,1,0.6,B\n"
	    "d,0.0,1,4,0,1,0.8,C\n"
	    "e,-5.0,1,5,-0.05,1,1,C\n");
	assert_false(crm_pareto_table_all_nonpositive(&t));
	crm_pareto_table_free(&t);
}

static void
test_grouped_percent(void **state)
{
	struct crm_pareto_table t;
	struct crm_error e;

	(void)state;
	table(&t, "id", 1);
	add_orders(&t);
	assert_int_equal(crm_pareto_table_rank(&t, &e), 0);
	assert_string_equal(written(&t, 0),
	    "id,amount,rows,pareto_rank,share,cum_share,cum_item_share,"
	    "pareto_class\n"
	    "a,60.0,2,1,60,60,20,A\n"
	    "b,30.0,1,2,30,90,40,A\n"
	    "c,10.0,1,3,10,100,60,B\n"
	    "d,0.0,1,4,0,100,80,C\n"
	    "e,-5.0,1,5,-5,100,100,C\n");
	crm_pareto_table_free(&t);
}

/* An empty key, a bad or missing value: bad records, nothing added. */
static void
test_bad_records(void **state)
{
	struct crm_pareto_table t;
	struct crm_error why, e;
	struct rec x;

	(void)state;
	table(&t, "id", 0);
	assert_int_equal(crm_pareto_table_add(&t, rec2(&x, "", "5"), &why),
	    CRM_RECORD_BAD);
	assert_int_equal(why.status, 1);
	assert_int_equal(why.line, 0);
	assert_string_equal(why.msg, "column 'id': empty key");
	assert_int_equal(crm_pareto_table_add(&t, rec2(&x, "a", "5x"), &why),
	    CRM_RECORD_BAD);
	assert_string_equal(why.msg, "column 'amount': invalid number \"5x\"");
	assert_int_equal(crm_pareto_table_add(&t, rec2(&x, "a", ""), &why),
	    CRM_RECORD_BAD);
	assert_string_equal(why.msg, "column 'amount': missing value");
	/* a key of spaces is a key */
	add(&t, " ", "1.25", CRM_RECORD_OK);
	assert_int_equal(crm_pareto_table_rank(&t, &e), 0);
	assert_string_equal(written(&t, 0),
	    "id,amount,rows,pareto_rank,share,cum_share,cum_item_share,"
	    "pareto_class\n"
	    " ,1.25,1,1,1,1,1,A\n");
	crm_pareto_table_free(&t);
}

/*
 * Sums are exact past 2^53 (by hand): L 9007199254740993 + 1 =
 * 9007199254740994, K 12345678901234567890; shares from python3's
 * decimal, 6 places half away from zero: 0.999271 and 0.000729.  A value
 * that would take the sum of the positive values past 38 digits is a bad
 * record; a bad record's decimals do not widen the output.
 */
static void
test_exact_sums(void **state)
{
	struct crm_pareto_table t;
	struct crm_error why, e;
	struct rec x;

	(void)state;
	table(&t, "id", 0);
	add(&t, "K", "12345678901234567890", CRM_RECORD_OK);
	add(&t, "L", "9007199254740993", CRM_RECORD_OK);
	add(&t, "L", "1", CRM_RECORD_OK);
	assert_int_equal(crm_pareto_table_add(&t, rec2(&x, "M",
	    "99999999999999999999999999999999999999.5"), &why),
	    CRM_RECORD_BAD);
	assert_string_equal(why.msg, "column 'amount': number "
	    "\"99999999999999999999999999999999999999.5\" has more than 38 "
	    "digits: too long to add up exactly");
	assert_int_equal(crm_pareto_table_add(&t, rec2(&x, "M",
	    "99999999999999999999999999999999999999"), &why),
	    CRM_RECORD_BAD);
	assert_string_equal(why.msg, "column 'amount': the values add up to "
	    "more than 38 digits (decimals: 0): too large to sum exactly");
	assert_int_equal(crm_pareto_table_add(&t, rec2(&x, "", "0.5"), &why),
	    CRM_RECORD_BAD);
	assert_int_equal(crm_pareto_table_rank(&t, &e), 0);
	assert_string_equal(written(&t, 0),
	    "id,amount,rows,pareto_rank,share,cum_share,cum_item_share,"
	    "pareto_class\n"
	    "K,12345678901234567890,1,1,0.999271,0.999271,0.5,A\n"
	    "L,9007199254740994,2,2,0.000729,1,1,C\n");
	crm_pareto_table_free(&t);
}

/*
 * Grouped rows are folded a few rows late (lookahead.h): a change of
 * scale or width while rows wait must fold them first, at the old scale.
 * Rows 1-10 alternate a and b, 1 each; row 11 a 0.25 (scale 0 -> 2);
 * row 12 b 10^19 (past 2^63 - 1, about 9.22 * 10^18: the sums widen);
 * rows 13-21 c 1.  By hand, in hundredths: a 5.25 = 525 over 6 rows,
 * b 10^19 + 5 = 1000000000000000000500 over 6, c 9 = 900 over 9.  The
 * last rows are in once crm_pareto_table_finish has been called.
 */
static void
test_grouped_held_rows(void **state)
{
	struct crm_pareto_table t;
	struct crm_error e;
	crm_i128 b = (crm_i128)1000000000000000000LL * 1000 + 500;
	int i;

	(void)state;
	table(&t, "id", 0);
	for (i = 0; i < 10; i++)
		add(&t, i % 2 ? "b" : "a", "1", CRM_RECORD_OK);
	add(&t, "a", "0.25", CRM_RECORD_OK);
	add(&t, "b", "10000000000000000000", CRM_RECORD_OK);
	for (i = 0; i < 9; i++)
		add(&t, "c", "1", CRM_RECORD_OK);
	assert_int_equal(crm_pareto_table_finish(&t, &e), 0);
	assert_int_equal(crm_pareto_table_finish(&t, &e), 0);
	assert_int_equal(t.values.scale, 2);
	assert_int_equal(t.groups.n, 3);
	assert_true(crm_groups_sum(&t.groups, 0) == 525);
	assert_true(crm_groups_sum(&t.groups, 1) == b);
	assert_true(crm_groups_sum(&t.groups, 2) == 900);
	assert_int_equal(t.groups.g[0].rows, 6);
	assert_int_equal(t.groups.g[1].rows, 6);
	assert_int_equal(t.groups.g[2].rows, 9);
	crm_pareto_table_free(&t);
}

/*
 * Row mode: every input column kept, pareto_class of the input replaced
 * in place, ours appended.  y 3, x 1, w 0: shares .75 .25 0, cumulative
 * .75 1 1, items 1/3 2/3 1; y and x start below 80%: A; w: C.
 */
static void
test_rows(void **state)
{
	char *hf[] = { "id", "amount", "pareto_class" };
	size_t hl[] = { 2, 6, 12 };
	struct crm_record h = { 3, hf, hl, 1, NULL, 0 };
	struct crm_header hdr = { &h, "in.csv" };
	char *r1[] = { "x", "1", "old" }, *r2[] = { "y", "3", "old" };
	char *r3[] = { "w, Inc", "0", "" };
	size_t l1[] = { 1, 1, 3 }, l2[] = { 1, 1, 3 }, l3[] = { 6, 1, 0 };
	struct crm_record rec[3] = {
		{ 3, r1, l1, 2, NULL, 0 }, { 3, r2, l2, 3, NULL, 0 },
		{ 3, r3, l3, 4, NULL, 0 }
	};
	struct crm_pareto_opts o;
	struct crm_pareto_table t;
	struct crm_csv_writer w;
	struct crm_error e, why;
	char *out = NULL;
	size_t len = 0, i;
	FILE *fp;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.value = "amount";
	assert_int_equal(crm_pareto_opts_finish(&o, &e), 0);
	assert_int_equal(crm_pareto_table_init(&t, &o, &e), 0);
	assert_int_equal(crm_pareto_table_bind(&t, &hdr, &e), 0);
	for (i = 0; i < 3; i++)
		assert_int_equal(crm_pareto_table_add(&t, &rec[i], &why),
		    CRM_RECORD_OK);
	/* the table holds copies: the caller's records may go */
	r1[0] = r2[0] = r3[0] = "gone";
	assert_int_equal(crm_pareto_table_rank(&t, &e), 0);
	fp = open_memstream(&out, &len);
	crm_csv_writer_init(&w, fp, ',');
	assert_int_equal(crm_pareto_table_write(&t, &w, &h, &e), 0);
	fclose(fp);
	assert_string_equal(out,
	    "id,amount,pareto_class,pareto_rank,share,cum_share,"
	    "cum_item_share\n"
	    "y,3,A,1,0.75,0.75,0.333333\n"
	    "x,1,A,2,0.25,1,0.666667\n"
	    "\"w, Inc\",0,C,3,0,1,1\n");
	free(out);
	crm_pareto_table_free(&t);
}

/*
 * The summary of the orders above.  Total 95, positive total 100, two
 * items not positive.  20% of 5 items is the first: 0.6 of the value.
 * 80% is reached within the second item: 1 + (0.8 - 0.6) / (0.9 - 0.6)
 * = 5/3 items of 5, 0.333333; 2 whole items.  Classes: A holds a and b
 * (2 items, 0.4, 90, 0.9), B holds c (1, 0.2, 10, 0.1), C holds d and e
 * (2, 0.4, -5, -0.05).  Gini over 60 30 10 0 0: the mean absolute
 * difference of all 25 ordered pairs is 600 / 25 = 24, over twice the
 * mean (20): 0.6.
 */
static void
test_summary(void **state)
{
	struct crm_pareto_table t;
	struct crm_error e;

	(void)state;
	table(&t, "id", 0);
	add_orders(&t);
	assert_int_equal(crm_pareto_table_rank(&t, &e), 0);
	assert_string_equal(written(&t, 1),
	    "metric,value\n"
	    "items,5\n"
	    "total,95.0\n"
	    "positive_total,100.0\n"
	    "nonpositive_items,2\n"
	    "top20_value_share,0.6\n"
	    "items_share_for_80,0.333333\n"
	    "items_for_80,2\n"
	    "class_A_items,2\n"
	    "class_A_item_share,0.4\n"
	    "class_A_value,90.0\n"
	    "class_A_value_share,0.9\n"
	    "class_B_items,1\n"
	    "class_B_item_share,0.2\n"
	    "class_B_value,10.0\n"
	    "class_B_value_share,0.1\n"
	    "class_C_items,2\n"
	    "class_C_item_share,0.4\n"
	    "class_C_value,-5.0\n"
	    "class_C_value_share,-0.05\n"
	    "gini,0.6\n");
	crm_pareto_table_free(&t);
}

/* No item with a positive value: every share is 0, and it is said. */
static void
test_all_nonpositive(void **state)
{
	struct crm_pareto_table t;
	struct crm_error e;

	(void)state;
	table(&t, "id", 0);
	assert_int_equal(crm_pareto_table_rank(&t, &e), 0);
	/* no items at all is not "no positive value" */
	assert_false(crm_pareto_table_all_nonpositive(&t));
	crm_pareto_table_free(&t);
	table(&t, "id", 0);
	add(&t, "a", "0", CRM_RECORD_OK);
	add(&t, "b", "-2", CRM_RECORD_OK);
	assert_int_equal(crm_pareto_table_rank(&t, &e), 0);
	assert_true(crm_pareto_table_all_nonpositive(&t));
	assert_string_equal(written(&t, 0),
	    "id,amount,rows,pareto_rank,share,cum_share,cum_item_share,"
	    "pareto_class\n"
	    "a,0,1,1,0,0,0.5,C\n"
	    "b,-2,1,2,0,0,1,C\n");
	crm_pareto_table_free(&t);
}

static void
test_bind(void **state)
{
	char *hf[] = { "id", "total" };
	size_t hl[] = { 2, 5 };
	struct crm_record h = { 2, hf, hl, 1, NULL, 0 };
	struct crm_header hdr = { &h, "in.csv" };
	struct crm_pareto_opts o;
	struct crm_pareto_table t;
	struct crm_error e;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.value = "amount";
	assert_int_equal(crm_pareto_opts_finish(&o, &e), 0);
	assert_int_equal(crm_pareto_table_init(&t, &o, &e), 0);
	assert_int_equal(crm_pareto_table_bind(&t, &hdr, &e), -1);
	assert_int_equal(e.status, 2);
	assert_string_equal(e.file, "in.csv");
	assert_string_equal(e.msg,
	    "no column 'amount' in the header (id,total)");
	crm_pareto_table_free(&t);
	o.value = "total";
	o.by = "customer";
	assert_int_equal(crm_pareto_table_init(&t, &o, &e), 0);
	assert_int_equal(crm_pareto_table_bind(&t, &hdr, &e), -1);
	assert_string_equal(e.msg,
	    "no column 'customer' in the header (id,total)");
	crm_pareto_table_free(&t);
}

/* --keep lists: 1 to 64 names, none empty; a second list replaces. */
static void
test_keep_list(void **state)
{
	struct crm_pareto_opts o;
	struct crm_error e;
	char many[64 * 3 + 8];
	size_t i;

	(void)state;
	memset(&o, 0, sizeof(o));
	assert_int_equal(crm_pareto_opts_keep(&o, "name,owner", &e), 0);
	assert_int_equal(o.nkeep, 2);
	assert_string_equal(o.keep[0], "name");
	assert_string_equal(o.keep[1], "owner");
	assert_int_equal(crm_pareto_opts_keep(&o, "email", &e), 0);
	assert_int_equal(o.nkeep, 1);
	assert_string_equal(o.keep[0], "email");
	assert_int_equal(crm_pareto_opts_keep(&o, "name,,owner", &e), -1);
	assert_int_equal(e.status, 2);
	assert_string_equal(e.msg, "invalid --keep list: expected 1 to 64 "
	    "names separated by commas");
	assert_int_equal(crm_pareto_opts_keep(&o, "", &e), -1);
	assert_int_equal(crm_pareto_opts_keep(&o, "name,", &e), -1);
	/* 64 names "a0".."a63" are fine, a 65th is not */
	many[0] = '\0';
	for (i = 0; i < 64; i++)
		snprintf(many + strlen(many), sizeof(many) - strlen(many),
		    "%s%c%c", i ? "," : "", 'a' + (int)(i / 26),
		    'a' + (int)(i % 26));
	assert_int_equal(crm_pareto_opts_keep(&o, many, &e), 0);
	assert_int_equal(o.nkeep, 64);
	strcat(many, ",zz");
	assert_int_equal(crm_pareto_opts_keep(&o, many, &e), -1);
	crm_pareto_opts_free(&o);
	assert_null(o.keep_text);
	assert_int_equal(o.nkeep, 0);
}

/* What --keep and --label may name, checked before any input is read. */
static void
test_opts_finish_keep_label(void **state)
{
	struct crm_pareto_opts o;
	struct crm_error e;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.value = "amount";
	assert_int_equal(crm_pareto_opts_keep(&o, "name", &e), 0);
	assert_int_equal(crm_pareto_opts_finish(&o, &e), -1);
	assert_int_equal(e.status, 2);
	assert_string_equal(e.msg, "--keep needs --by: without it every "
	    "input column is kept");
	o.by = "customer_id";
	assert_int_equal(crm_pareto_opts_finish(&o, &e), 0);
	/* a kept column may not clash with the key, value, rows or ours */
	assert_int_equal(crm_pareto_opts_keep(&o, "name,customer_id", &e), 0);
	assert_int_equal(crm_pareto_opts_finish(&o, &e), -1);
	assert_string_equal(e.msg,
	    "column 'customer_id' would appear twice in the --by output");
	assert_int_equal(crm_pareto_opts_keep(&o, "name,amount", &e), 0);
	assert_int_equal(crm_pareto_opts_finish(&o, &e), -1);
	assert_string_equal(e.msg,
	    "column 'amount' would appear twice in the --by output");
	assert_int_equal(crm_pareto_opts_keep(&o, "rows", &e), 0);
	assert_int_equal(crm_pareto_opts_finish(&o, &e), -1);
	assert_string_equal(e.msg,
	    "column 'rows' would appear twice in the --by output");
	assert_int_equal(crm_pareto_opts_keep(&o, "name,owner,name", &e), 0);
	assert_int_equal(crm_pareto_opts_finish(&o, &e), -1);
	assert_string_equal(e.msg,
	    "column 'name' would appear twice in the --by output");
	/* with --by, the label is the key or a kept column */
	assert_int_equal(crm_pareto_opts_keep(&o, "name,owner", &e), 0);
	o.label = "owner";
	assert_int_equal(crm_pareto_opts_finish(&o, &e), 0);
	o.label = "customer_id";
	assert_int_equal(crm_pareto_opts_finish(&o, &e), 0);
	o.label = "email";
	assert_int_equal(crm_pareto_opts_finish(&o, &e), -1);
	assert_int_equal(e.status, 2);
	assert_string_equal(e.msg, "--label email: with --by, the label is "
	    "the key or a --keep column");
	/* without --by any column will do (bind looks for it) */
	crm_pareto_opts_free(&o);
	o.by = NULL;
	assert_int_equal(crm_pareto_opts_finish(&o, &e), 0);
}

/* Records of three fields, lengths from strlen. */
static const struct crm_record *
rec3(struct rec *x, char *a, char *b, char *c)
{
	rec2(x, a, b);
	x->field[2] = c;
	x->len[2] = strlen(c);
	x->r.n = 3;
	return &x->r;
}

/*
 * --by id --keep name over "id,name,amount": the kept value of each key
 * is the one that sorts last among its rows' (a's later "Alpha Renamed"
 * after "Alpha"; the first row's would depend on the order of the
 * rows), written after the key; an empty kept value stays empty.  Sums and ranks as in
 * test_grouped: a 60, b 30, c 10.  The chart labels a group with its
 * first kept value, or with its key when that is empty (c).
 */
static void
test_grouped_keep(void **state)
{
	char *hf[] = { "id", "name", "amount" };
	size_t hl[] = { 2, 4, 6 };
	struct crm_record h = { 3, hf, hl, 1, NULL, 0 };
	struct crm_header hdr = { &h, "in.csv" };
	struct crm_pareto_opts o;
	struct crm_pareto_table t;
	struct crm_csv_writer w;
	struct crm_error e, why;
	struct rec x;
	char *out = NULL, *svg = NULL;
	size_t len = 0, slen = 0;
	FILE *fp;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.value = "amount";
	o.by = "id";
	assert_int_equal(crm_pareto_opts_keep(&o, "name", &e), 0);
	assert_int_equal(crm_pareto_opts_finish(&o, &e), 0);
	assert_int_equal(crm_pareto_table_init(&t, &o, &e), 0);
	assert_int_equal(crm_pareto_table_bind(&t, &hdr, &e), 0);
	assert_int_equal(crm_pareto_table_add(&t, rec3(&x, "a", "Alpha",
	    "39.5"), &why), CRM_RECORD_OK);
	assert_int_equal(crm_pareto_table_add(&t, rec3(&x, "b", "Beta, Inc",
	    "30"), &why), CRM_RECORD_OK);
	/* a bad row of a new key keeps nothing: the key comes later */
	assert_int_equal(crm_pareto_table_add(&t, rec3(&x, "c", "Bad",
	    "x"), &why), CRM_RECORD_BAD);
	assert_int_equal(crm_pareto_table_add(&t, rec3(&x, "c", "", "10"),
	    &why), CRM_RECORD_OK);
	assert_int_equal(crm_pareto_table_add(&t, rec3(&x, "a",
	    "Alpha Renamed", "20.5"), &why), CRM_RECORD_OK);
	assert_int_equal(crm_pareto_table_rank(&t, &e), 0);
	fp = open_memstream(&out, &len);
	crm_csv_writer_init(&w, fp, ',');
	assert_int_equal(crm_pareto_table_write(&t, &w, &h, &e), 0);
	fclose(fp);
	assert_string_equal(out,
	    "id,name,amount,rows,pareto_rank,share,cum_share,"
	    "cum_item_share,pareto_class\n"
	    "a,Alpha Renamed,60.0,2,1,0.6,0.6,0.333333,A\n"
	    "b,\"Beta, Inc\",30.0,1,2,0.3,0.9,0.666667,A\n"
	    "c,,10.0,1,3,0.1,1,1,B\n");
	assert_string_equal(crm_pareto_table_label(&t, &t.rank.items[0]),
	    "Alpha Renamed");
	assert_string_equal(crm_pareto_table_label(&t, &t.rank.items[2]),
	    "c");
	fp = open_memstream(&svg, &slen);
	assert_int_equal(crm_pareto_table_svg(&t, fp, &e), 0);
	fclose(fp);
	assert_non_null(strstr(svg, ">Alpha Renamed</text>"));
	assert_non_null(strstr(svg, ">Beta, Inc</text>"));
	/* the values as the table writes them: one decimal */
	assert_non_null(strstr(svg, ">60.0</text>"));
	free(svg);
	free(out);
	crm_pareto_table_free(&t);
	crm_pareto_opts_free(&o);
}

/*
 * Groups of equal sums are ranked in the order of their keys, not of
 * their first rows: b (seen first), a and c all sum to 5, d to 6.  By
 * hand: d 1, then a 2, b 3, c 4.
 */
static void
test_grouped_ties_by_key(void **state)
{
	char *hf[] = { "id", "name", "amount" };
	size_t hl[] = { 2, 4, 6 };
	struct crm_record h = { 3, hf, hl, 1, NULL, 0 };
	struct crm_header hdr = { &h, "in.csv" };
	static char *rows[][2] = {
		{ "b", "5" }, { "c", "2" }, { "a", "5" }, { "d", "6" },
		{ "c", "3" },
	};
	static const char *const want[] = { "d", "a", "b", "c" };
	struct crm_pareto_opts o;
	struct crm_pareto_table t;
	struct crm_error e, why;
	struct rec x;
	size_t i;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.value = "amount";
	o.by = "id";
	assert_int_equal(crm_pareto_opts_finish(&o, &e), 0);
	assert_int_equal(crm_pareto_table_init(&t, &o, &e), 0);
	assert_int_equal(crm_pareto_table_bind(&t, &hdr, &e), 0);
	for (i = 0; i < 5; i++)
		assert_int_equal(crm_pareto_table_add(&t, rec3(&x, rows[i][0],
		    (char *)"", rows[i][1]), &why), CRM_RECORD_OK);
	assert_int_equal(crm_pareto_table_rank(&t, &e), 0);
	for (i = 0; i < 4; i++)
		assert_string_equal(crm_pareto_table_label(&t,
		    &t.rank.items[i]), want[i]);
	crm_pareto_table_free(&t);
	crm_pareto_opts_free(&o);
}

/*
 * The label column: --label, else in row mode the first column, or the
 * second when the first is the value, or none for a lone value column;
 * with --by and --label of the key, the key even when names are kept.
 */
static void
test_label_columns(void **state)
{
	char *hf[] = { "amount", "sku", "name" };
	size_t hl[] = { 6, 3, 4 };
	struct crm_record h = { 3, hf, hl, 1, NULL, 0 };
	struct crm_header hdr = { &h, "in.csv" };
	struct crm_pareto_opts o;
	struct crm_pareto_table t;
	struct crm_error e, why;
	struct rec x;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.value = "amount";
	assert_int_equal(crm_pareto_opts_finish(&o, &e), 0);
	assert_int_equal(crm_pareto_table_init(&t, &o, &e), 0);
	assert_int_equal(crm_pareto_table_bind(&t, &hdr, &e), 0);
	assert_int_equal(t.labelc, 1);
	crm_pareto_table_free(&t);
	o.label = "name";
	assert_int_equal(crm_pareto_table_init(&t, &o, &e), 0);
	assert_int_equal(crm_pareto_table_bind(&t, &hdr, &e), 0);
	assert_int_equal(t.labelc, 2);
	assert_int_equal(crm_pareto_table_add(&t, rec3(&x, "5", "S1",
	    "Widget"), &why), CRM_RECORD_OK);
	assert_int_equal(crm_pareto_table_rank(&t, &e), 0);
	assert_string_equal(crm_pareto_table_label(&t, &t.rank.items[0]),
	    "Widget");
	crm_pareto_table_free(&t);
	o.label = "Name";
	assert_int_equal(crm_pareto_table_init(&t, &o, &e), 0);
	assert_int_equal(crm_pareto_table_bind(&t, &hdr, &e), -1);
	assert_string_equal(e.msg, "no column 'Name' in the header "
	    "(amount,sku,name); did you mean 'name'?");
	crm_pareto_table_free(&t);
	/* a lone value column: no label */
	h.n = 1;
	o.label = NULL;
	assert_int_equal(crm_pareto_table_init(&t, &o, &e), 0);
	assert_int_equal(crm_pareto_table_bind(&t, &hdr, &e), 0);
	assert_int_equal(t.labelc, -1);
	crm_pareto_table_free(&t);
	/* grouped: --label of the key beside kept names */
	h.n = 3;
	o.by = "sku";
	o.label = "sku";
	assert_int_equal(crm_pareto_opts_keep(&o, "name", &e), 0);
	assert_int_equal(crm_pareto_opts_finish(&o, &e), 0);
	assert_int_equal(crm_pareto_table_init(&t, &o, &e), 0);
	assert_int_equal(crm_pareto_table_bind(&t, &hdr, &e), 0);
	assert_int_equal(t.label_kept, -1);
	assert_int_equal(crm_pareto_table_add(&t, rec3(&x, "5", "S1",
	    "Widget"), &why), CRM_RECORD_OK);
	assert_int_equal(crm_pareto_table_rank(&t, &e), 0);
	assert_string_equal(crm_pareto_table_label(&t, &t.rank.items[0]),
	    "S1");
	crm_pareto_table_free(&t);
	crm_pareto_opts_free(&o);
}

static void
test_svg_title(void **state)
{
	struct crm_pareto_table t;
	struct crm_error e;
	char *out = NULL;
	size_t len = 0;
	FILE *fp;

	(void)state;
	table(&t, "id", 0);
	add_orders(&t);
	assert_int_equal(crm_pareto_table_rank(&t, &e), 0);
	fp = open_memstream(&out, &len);
	assert_int_equal(crm_pareto_table_svg(&t, fp, &e), 0);
	fclose(fp);
	assert_non_null(strstr(out, "Pareto chart: amount by id"));
	free(out);
	crm_pareto_table_free(&t);
}

/* Merges a part of group key: its sum, rows, decimals, kept name. */
static void
merge_group(struct crm_pareto_table *t, const char *key, const char *sum,
    size_t rows, int decimals, const char *name)
{
	char *keep[1] = { (char *)(uintptr_t)name };
	size_t keeplen[1] = { strlen(name) };
	struct crm_pareto_part p = { { 0, 0 }, rows, decimals, keep,
	    keeplen };
	struct crm_error why;

	assert_int_equal(crm_decimal_parse(sum, 0, &p.sum, NULL),
	    CRM_VALUE_OK);
	assert_int_equal(crm_pareto_table_merge_group(t, key, strlen(key), &p,
	    &why), CRM_RECORD_OK);
}

/* The ranked table as text. */
static char *
ranked(struct crm_pareto_table *t, const struct crm_record *h)
{
	struct crm_csv_writer w;
	struct crm_error e;
	char *out = NULL;
	size_t len = 0;
	FILE *fp;

	assert_int_equal(crm_pareto_table_rank(t, &e), 0);
	assert_non_null(fp = open_memstream(&out, &len));
	crm_csv_writer_init(&w, fp, ',');
	assert_int_equal(crm_pareto_table_write(t, &w, h, &e), 0);
	fclose(fp);
	return out;
}

/*
 * crm_pareto_table_merge_group, by hand: test_grouped_keep's groups in
 * parts, in another order.  a: 39.5 (1 row, "Alpha"), 20.50 (2 rows,
 * "Alpha Renamed"), 0 (no row, "Aardvark", which sorts first: not
 * kept); b 30 ("Beta, Inc"); c 10 (""), then c 0.000 of a part with 3
 * decimals.  Sums a 60, b 30, c 10 written with 3 decimals, the most a
 * part had; rows 3, 1, 1; shares as in test_grouped_keep.
 */
static void
test_grouped_merge(void **state)
{
	char *hf[] = { "id", "name", "amount" };
	size_t hl[] = { 2, 4, 6 };
	struct crm_record h = { 3, hf, hl, 1, NULL, 0 };
	struct crm_pareto_opts o;
	struct crm_pareto_table t;
	struct crm_error e;
	char *out;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.value = "amount";
	o.by = "id";
	assert_int_equal(crm_pareto_opts_keep(&o, "name", &e), 0);
	assert_int_equal(crm_pareto_opts_finish(&o, &e), 0);
	assert_int_equal(crm_pareto_table_init(&t, &o, &e), 0);
	assert_int_equal(crm_pareto_table_bind_merge(&t, &e), 0);
	merge_group(&t, "c", "10", 1, 0, "");
	merge_group(&t, "a", "20.50", 2, 2, "Alpha Renamed");
	merge_group(&t, "b", "30", 1, 0, "Beta, Inc");
	merge_group(&t, "a", "0", 0, 0, "Aardvark");
	merge_group(&t, "a", "39.5", 1, 1, "Alpha");
	merge_group(&t, "c", "0.000", 0, 3, "");
	out = ranked(&t, &h);
	assert_string_equal(out,
	    "id,name,amount,rows,pareto_rank,share,cum_share,"
	    "cum_item_share,pareto_class\n"
	    "a,Alpha Renamed,60.000,3,1,0.6,0.6,0.333333,A\n"
	    "b,\"Beta, Inc\",30.000,1,2,0.3,0.9,0.666667,A\n"
	    "c,,10.000,1,3,0.1,1,1,B\n");
	free(out);
	crm_pareto_table_free(&t);
	crm_pareto_opts_free(&o);
}

/*
 * --partial's rows, by hand (paretopartial.h: KEY,crm1.pareto,SUM,ROWS,
 * DECIMALS,KEPT), read back: two streams, the second naming a new group
 * d with a line end in its kept value (written \n) and adding to a.
 */
static void
test_grouped_partial_text(void **state)
{
	static const char more[] = "d,crm1.pareto,5,1,0,two\\nlines\n"
	    "a,crm1.pareto,-10.0,1,1,Alpha\n";
	char *hf[] = { "id", "name", "amount" };
	size_t hl[] = { 2, 4, 6 };
	struct crm_record h = { 3, hf, hl, 1, NULL, 0 };
	struct crm_csv_options copt = { .headerless = 1 };
	struct crm_pareto_opts o;
	struct crm_pareto_table t, m;
	struct crm_csv_writer w;
	struct crm_csv_reader *rd;
	struct crm_record *rec;
	struct crm_error e;
	char *text = NULL, *out;
	const char *streams[2];
	size_t len = 0, k;
	FILE *fp;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.value = "amount";
	o.by = "id";
	assert_int_equal(crm_pareto_opts_keep(&o, "name", &e), 0);
	assert_int_equal(crm_pareto_opts_finish(&o, &e), 0);
	assert_int_equal(crm_pareto_table_init(&t, &o, &e), 0);
	assert_int_equal(crm_pareto_table_bind_merge(&t, &e), 0);
	merge_group(&t, "a", "39.5", 1, 1, "Alpha");
	merge_group(&t, "b", "30", 2, 0, "Beta, Inc");
	assert_non_null(fp = open_memstream(&text, &len));
	crm_csv_writer_init(&w, fp, ',');
	crm_pareto_table_write_partial(&t, &w);
	fclose(fp);
	/* sums at the table's scale, decimals the most of the stream's */
	assert_string_equal(text, "a,crm1.pareto,39.5,1,1,Alpha\n"
	    "b,crm1.pareto,30.0,2,1,\"Beta, Inc\"\n");
	assert_int_equal(crm_pareto_table_init(&m, &o, &e), 0);
	assert_int_equal(crm_pareto_table_bind_merge(&m, &e), 0);
	streams[0] = more;
	streams[1] = text;
	for (k = 0; k < 2; k++) {
		fp = fmemopen((void *)(uintptr_t)streams[k],
		    strlen(streams[k]), "r");
		assert_non_null(rd = crm_csv_open(fp, "p.csv", &copt, &e));
		while (crm_csv_read(rd, &rec, &e) == CRM_CSV_RECORD) {
			assert_int_equal(crm_partial_decode(rec, &e),
			    CRM_RECORD_OK);
			assert_int_equal(crm_pareto_table_merge_row(&m, rec,
			    &e), CRM_RECORD_OK);
		}
		crm_csv_close(rd);
		fclose(fp);
	}
	/*
	 * a 29.5 (2 rows), b 30 (2), d 5 (1); total 64.5: shares 30/64.5 =
	 * 0.465116..., 29.5/64.5 = 0.457364 (cum 0.922481), 5/64.5; classes
	 * by the share before each item (crm-pareto(1), Classes): 0 and
	 * 0.465 below 80%: A; 0.922 below 95%: B
	 */
	out = ranked(&m, &h);
	assert_string_equal(out,
	    "id,name,amount,rows,pareto_rank,share,cum_share,"
	    "cum_item_share,pareto_class\n"
	    "b,\"Beta, Inc\",30.0,2,1,0.465116,0.465116,0.333333,A\n"
	    "a,Alpha,29.5,2,2,0.457364,0.922481,0.666667,A\n"
	    "d,\"two\nlines\",5.0,1,3,0.077519,1,1,B\n");
	free(out);
	free(text);
	crm_pareto_table_free(&m);
	crm_pareto_table_free(&t);
	crm_pareto_opts_free(&o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_config),
		cmocka_unit_test(test_config_errors),
		cmocka_unit_test(test_config_checked_when_overridden),
		cmocka_unit_test(test_opts_finish),
		cmocka_unit_test(test_grouped),
		cmocka_unit_test(test_grouped_percent),
		cmocka_unit_test(test_bad_records),
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_summary),
		cmocka_unit_test(test_exact_sums),
		cmocka_unit_test(test_all_nonpositive),
		cmocka_unit_test(test_bind),
		cmocka_unit_test(test_keep_list),
		cmocka_unit_test(test_opts_finish_keep_label),
		cmocka_unit_test(test_grouped_keep),
		cmocka_unit_test(test_grouped_ties_by_key),
		cmocka_unit_test(test_label_columns),
		cmocka_unit_test(test_grouped_merge),
		cmocka_unit_test(test_grouped_partial_text),
		cmocka_unit_test(test_svg_title),
		cmocka_unit_test(test_grouped_held_rows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
