/*
 * test_rfm.c - RFM from order rows: the row rules (empty ids, invalid
 * values, future dates, quantity * price, decimals), the folding rules
 * (refunds, orders by id, first and last dates, kept values), the scores
 * and the two tables written.  Every expected value is worked out by hand
 * beside it; records are built from comma-separated text (no quoting).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "partial.h"
#include "rfm.h"
#include "rfmpartial.h"
#include "value.h"

#define MAXF	8

static int32_t
day(const char *s)
{
	int32_t d;

	assert_int_equal(crm_date_parse(s, NULL, &d), CRM_VALUE_OK);
	return d;
}

/* A record split from "a,b,c" (a copy: the fields point into it). */
struct rec {
	char text[256];
	char *f[MAXF];
	size_t len[MAXF];
	struct crm_record r;
};

static const struct crm_record *
record(struct rec *b, const char *line)
{
	char *p;

	snprintf(b->text, sizeof(b->text), "%s", line);
	b->r.n = 0;
	for (p = b->text;; p++) {
		char *comma = strchr(p, ',');

		assert_true(b->r.n < MAXF);
		b->f[b->r.n] = p;
		if (comma != NULL)
			*comma = '\0';
		b->len[b->r.n] = strlen(p);
		b->r.n++;
		if (comma == NULL)
			break;
		p = comma;
	}
	b->r.field = b->f;
	b->r.len = b->len;
	b->r.line = 7;
	return &b->r;
}

/* Options finished as crm-score finishes them, as of the date given. */
static void
opts(struct crm_rfm_opts *o, const char *as_of)
{
	struct crm_common c;
	struct crm_error e;

	memset(&c, 0, sizeof(c));
	c.as_of = day(as_of);
	assert_int_equal(crm_rfm_opts_finish(o, &c, &e), 0);
}

/* A table over the header line, bound. */
static void
start(struct crm_rfm *r, const struct crm_rfm_opts *o, const char *header)
{
	struct crm_error e;
	struct rec h;

	crm_rfm_init(r, o);
	if (crm_rfm_bind(r, &(struct crm_header){ record(&h, header),
	    "orders.csv" }, &e) != 0)
		fail_msg("bind: %s", e.msg);
}

/* Reads one row that must be good. */
static void
row(struct crm_rfm *r, const char *line)
{
	struct crm_error why;
	struct rec b;

	if (crm_rfm_row(r, record(&b, line), &why) != CRM_RECORD_OK)
		fail_msg("%s: %s", line, why.msg);
}

/* Reads one row that must be bad, with the message want. */
static void
bad_row(struct crm_rfm *r, const char *line, const char *want)
{
	struct crm_error why;
	struct rec b;

	memset(&why, 0, sizeof(why));
	assert_int_equal(crm_rfm_row(r, record(&b, line), &why),
	    CRM_RECORD_BAD);
	assert_int_equal(why.status, CRM_EXIT_DATA);
	assert_int_equal(why.line, 0);	/* the input places it */
	assert_string_equal(why.msg, want);
}

static void
finish_and_score(struct crm_rfm *r)
{
	struct crm_error e;

	assert_int_equal(crm_rfm_finish(r, &e), 0);
	assert_int_equal(crm_rfm_score(r, &e), 0);
}

/* The customer table (thresholds too, if asked) as text; free it. */
static char *
written(const struct crm_rfm *r, int thresholds)
{
	struct crm_csv_writer w;
	char *text = NULL;
	size_t size = 0;
	FILE *fp = open_memstream(&text, &size);

	assert_non_null(fp);
	crm_csv_writer_init(&w, fp, ',');
	if (thresholds)
		crm_rfm_write_thresholds(r, &w);
	else
		crm_rfm_write(r, &w);
	assert_int_equal(fclose(fp), 0);
	return text;
}

/* Adds a row read already; a negative amount is a refund. */
static void
add(struct crm_rfm *r, const char *id, const char *date, const char *amount,
    const char *order, const char *kept)
{
	struct crm_decimal d;
	struct crm_error e;
	char *keep[1] = { (char *)kept };
	size_t keeplen[1] = { kept ? strlen(kept) : 0 };

	assert_int_equal(crm_decimal_parse(amount, 0, &d, NULL),
	    CRM_VALUE_OK);
	assert_int_equal(crm_rfm_add(r, id, strlen(id), day(date), &d,
	    d.units < 0, order, order ? strlen(order) : 0, keep, keeplen,
	    &e), CRM_RECORD_OK);
}

/* Whether customer i's exact sum is units / 10^scale. */
static int
sum_is(const struct crm_rfm *r, size_t i, long long units, int scale)
{
	struct crm_decimal d;

	crm_rfm_amount(r, i, &d);
	return d.units == units && d.scale == scale;
}

static void
test_orders_refunds_and_kept(void **state)
{
	const struct crm_rfm_customer *a;
	struct crm_rfm_opts o;
	struct crm_error e;
	struct crm_rfm r;

	(void)state;
	crm_rfm_opts_init(&o);
	o.order = "order_id";
	assert_int_equal(crm_rfm_opts_keep(&o, "name", &e), 0);
	opts(&o, "2025-12-31");
	crm_rfm_init(&r, &o);
	add(&r, "A", "2025-01-05", "10", "I1", "first");
	add(&r, "A", "2025-01-05", "5", "I1", "first");	/* same order */
	add(&r, "B", "2025-01-06", "7", "I2", "b");
	add(&r, "A", "2025-02-01", "20", "I3", "later");
	add(&r, "A", "2025-02-03", "-5", "C9", "refund");	/* no order */
	add(&r, "A", "2025-01-20", "1", "I4", "older");	/* kept stays */
	assert_int_equal(crm_rfm_finish(&r, &e), 0);
	assert_int_equal(crm_rfm_count(&r), 2);
	/* A: I1, I3, I4 are orders; 10 + 5 + 20 - 5 + 1 = 31 */
	a = crm_rfm_customer(&r, 0);
	assert_int_equal(a->orders, 3);
	assert_true(sum_is(&r, 0, 31, 0));
	/* the refund of 02-03 is not a purchase date */
	assert_int_equal(a->first, day("2025-01-05"));
	assert_int_equal(a->last, day("2025-02-01"));
	/* the kept value comes from the most recent row, the refund */
	assert_string_equal(crm_rfm_kept(&r, 0, 0), "refund");
	assert_string_equal(crm_rfm_kept(&r, 1, 0), "b");
	crm_rfm_free(&r);
	crm_rfm_opts_free(&o);
}

/*
 * Issue 14 item 5: the lines of an order need not be adjacent.  A's
 * orders, by hand: I1 (three lines, the last one dated 01-09, after
 * I2 and a line of B between), I2, and two long ids (past the 11 bytes
 * a slot holds) that come back after other orders: 4 orders.  The
 * refund C1 is not an order, nor is a refund line of I2 a second I2.
 * B has an order I1 too: another customer's, one order.  Dates: A's
 * first is 01-03 (I2), its last 01-09 (the late line of I1).
 */
static void
test_order_lines_any_order(void **state)
{
	static const char *const rows[][3] = {
		{ "A", "2025-01-05", "I1" }, { "A", "2025-01-03", "I2" },
		{ "B", "2025-01-04", "I1" }, { "A", "2025-01-05", "I1" },
		{ "A", "2025-01-06", "INVOICE-000000000001" },
		{ "A", "2025-01-07", "INVOICE-000000000002" },
		{ "A", "2025-01-09", "I1" },
		{ "A", "2025-01-06", "INVOICE-000000000001" },
		{ "A", "2025-01-03", "I2" },
		{ "A", "2025-01-07", "INVOICE-000000000002" },
	};
	struct crm_rfm_opts o;
	struct crm_error e;
	struct crm_rfm r;
	size_t i, n = sizeof(rows) / sizeof(rows[0]);
	int dir;

	(void)state;
	crm_rfm_opts_init(&o);
	o.order = "order_id";
	opts(&o, "2025-12-31");
	/* forwards and backwards: the same counts */
	for (dir = 0; dir < 2; dir++) {
		crm_rfm_init(&r, &o);
		for (i = 0; i < n; i++) {
			const char *const *w = rows[dir ? n - 1 - i : i];

			add(&r, w[0], w[1], "1", w[2], NULL);
			if (i == 4) {
				add(&r, "A", "2025-01-08", "-1", "C1", NULL);
				add(&r, "A", "2025-01-08", "-1", "I2", NULL);
			}
		}
		assert_int_equal(crm_rfm_finish(&r, &e), 0);
		i = strcmp(crm_rfm_id(&r, 0, NULL), "A") == 0 ? 0 : 1;
		assert_int_equal(crm_rfm_customer(&r, i)->orders, 4);
		assert_int_equal(crm_rfm_customer(&r, i)->first,
		    day("2025-01-03"));
		assert_int_equal(crm_rfm_customer(&r, i)->last,
		    day("2025-01-09"));
		assert_int_equal(crm_rfm_customer(&r, 1 - i)->orders, 1);
		crm_rfm_free(&r);
	}
}

/*
 * 2,000 customers with 6 orders of 3 lines each, the 36,000 lines in a
 * scrambled order (m = k * 7919 mod 36000, 7919 prime to 36000): 6
 * orders each by construction, as if the lines were adjacent.
 */
static void
test_order_lines_scrambled(void **state)
{
	enum { C = 2000, O = 6, L = 3, N = C * O * L };
	struct crm_rfm_opts o;
	struct crm_error e;
	struct crm_rfm r;
	char id[16], order[24];
	size_t k, m;

	(void)state;
	crm_rfm_opts_init(&o);
	o.order = "order_id";
	opts(&o, "2025-12-31");
	crm_rfm_init(&r, &o);
	for (k = 0; k < N; k++) {
		m = k * 7919 % N;
		snprintf(id, sizeof(id), "C%zu", m / (O * L));
		snprintf(order, sizeof(order), "%zu", m / L);
		add(&r, id, "2025-03-01", "2", order, NULL);
	}
	assert_int_equal(crm_rfm_finish(&r, &e), 0);
	assert_int_equal(crm_rfm_count(&r), C);
	for (k = 0; k < C; k++)
		assert_int_equal(crm_rfm_customer(&r, k)->orders, O);
	assert_int_equal(crm_orderset_count(&r.orders), C * O);
	crm_rfm_free(&r);
}

/*
 * The kept values of rows on one date: the ones that sort last ("Acme
 * Ltd" after "Acme"), whichever row comes first; an older row's ("Zeta")
 * never, a newer one's always.
 */
static void
test_kept_on_one_date(void **state)
{
	struct crm_rfm_opts o;
	struct crm_error e;
	struct crm_rfm r;
	int dir;

	(void)state;
	crm_rfm_opts_init(&o);
	assert_int_equal(crm_rfm_opts_keep(&o, "name", &e), 0);
	opts(&o, "2025-12-31");
	for (dir = 0; dir < 2; dir++) {
		crm_rfm_init(&r, &o);
		add(&r, "A", "2025-01-05", "1", NULL, dir ? "Acme Ltd" : "Acme");
		add(&r, "A", "2025-01-04", "1", NULL, "Zeta");
		add(&r, "A", "2025-01-05", "1", NULL, dir ? "Acme" : "Acme Ltd");
		add(&r, "B", "2025-01-05", "1", NULL, "Zeta");
		add(&r, "B", "2025-01-06", "-1", NULL, "Beta");
		assert_int_equal(crm_rfm_finish(&r, &e), 0);
		assert_string_equal(crm_rfm_kept(&r, 0, 0), "Acme Ltd");
		assert_string_equal(crm_rfm_kept(&r, 1, 0), "Beta");
		crm_rfm_free(&r);
	}
	crm_rfm_opts_free(&o);
}

static void
test_rows_are_orders_without_ids(void **state)
{
	struct crm_rfm_opts o;
	struct crm_error e;
	struct crm_rfm r;

	(void)state;
	crm_rfm_opts_init(&o);
	opts(&o, "2025-12-31");
	crm_rfm_init(&r, &o);
	add(&r, "A", "2025-01-05", "10", NULL, NULL);
	add(&r, "A", "2025-01-05", "5", NULL, NULL);
	assert_int_equal(crm_rfm_finish(&r, &e), 0);
	assert_int_equal(crm_rfm_customer(&r, 0)->orders, 2);
	crm_rfm_free(&r);
}

/*
 * As in tests/cli/cases/score-rfm-hand (worked by hand in its README):
 * as-of 2025-01-31, 3 bins.  A 0 days/2 orders/150, B 30/1/250, C
 * 61/1/80, D 31/2/40, E 10/1/80, F refund only.  Amounts have two
 * decimals, so monetary is written with two.
 */
static void
test_scores_and_tables(void **state)
{
	static const char *const rows[] = {
		"1,A,2025-01-31,100.00", "2,A,2025-01-10,50.00",
		"3,B,2025-01-01,300.00", "4,B,2025-01-01,-50.00",
		"5,C,2024-12-01,80.00", "6,D,2024-11-01,20.00",
		"7,D,2024-12-31,20.00", "8,E,2025-01-21,80.00",
		"9,F,2024-10-01,-30.00",
	};
	struct crm_rfm_opts o;
	struct crm_error e;
	struct crm_rfm r;
	char *text;
	size_t i;

	(void)state;
	crm_rfm_opts_init(&o);
	assert_int_equal(crm_rfm_opts_bins(&o, "3", &e), 0);
	opts(&o, "2025-01-31");
	start(&r, &o, "order_id,customer_id,order_date,amount");
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		row(&r, rows[i]);
	finish_and_score(&r);
	assert_int_equal(crm_rfm_refunds_only(&r), 1);
	assert_int_equal(crm_rfm_future(&r), 0);
	text = written(&r, 0);
	assert_string_equal(text,
	    "customer_id,first_order,last_order,recency_days,frequency,"
	    "monetary,r_score,f_score,m_score,rfm_cell,rfm_score\n"
	    "A,2025-01-10,2025-01-31,0,2,150.00,3,3,3,333,333\n"
	    "B,2025-01-01,2025-01-01,30,1,250.00,2,1,3,213,213\n"
	    "C,2024-12-01,2024-12-01,61,1,80.00,1,1,1,111,111\n"
	    "D,2024-11-01,2024-12-31,31,2,40.00,1,3,1,131,131\n"
	    "E,2025-01-21,2025-01-21,10,1,80.00,3,1,1,311,311\n"
	    "F,,,,0,-30.00,,,,,\n");
	free(text);
	/* the cut points of the README: 16.667 and 30.667, 1 and 1.667... */
	text = written(&r, 1);
	assert_string_equal(text, "measure,score,interval\n"
	    "recency,3,\"(-inf, 16.666667)\"\n"
	    "recency,2,\"[16.666667, 30.666667)\"\n"
	    "recency,1,\"[30.666667, +inf)\"\n"
	    "frequency,3,\"(1.666667, +inf)\"\n"
	    "frequency,2,\"(1, 1.666667]\"\n"
	    "frequency,1,\"(-inf, 1]\"\n"
	    "monetary,3,\"(126.666667, +inf)\"\n"
	    "monetary,2,\"(80, 126.666667]\"\n"
	    "monetary,1,\"(-inf, 80]\"\n");
	free(text);
	crm_rfm_free(&r);
}

/*
 * 2 bins, weights 1,2,3, a kept name.  Two scored customers, so each cut
 * point is the midpoint of their two values (type 7 at 1/2): recency 0
 * and 2 -> 1, frequency 1 and 2 -> 1.5, monetary 5 and 40 -> 22.5.
 * a: recency 2 (not below the cut: 1), 1 order (1), 5 (1): 1+2+3 = 6.
 * b: 0 (2), 2 orders (2), 40 (2): 2+4+6 = 12.  c: a refund only.
 * Whole amounts: monetary has no decimals.
 */
static void
test_keep_and_weights(void **state)
{
	struct crm_rfm_opts o;
	struct crm_error e;
	struct crm_rfm r;
	char *text;

	(void)state;
	crm_rfm_opts_init(&o);
	assert_int_equal(crm_rfm_opts_bins(&o, "2", &e), 0);
	assert_int_equal(crm_rfm_opts_weights(&o, "1,2,3", &e), 0);
	assert_int_equal(crm_rfm_opts_keep(&o, "name", &e), 0);
	opts(&o, "2025-01-05");
	start(&r, &o, "customer_id,name,order_date,amount");
	row(&r, "b,Bee old,2025-01-01,10");
	row(&r, "c,Cee,2025-01-02,-7");
	row(&r, "a,Ay,2025-01-03,5");
	row(&r, "b,Bee,2025-01-05,30");
	finish_and_score(&r);
	text = written(&r, 0);
	assert_string_equal(text,
	    "customer_id,name,first_order,last_order,recency_days,frequency,"
	    "monetary,r_score,f_score,m_score,rfm_cell,rfm_score\n"
	    "a,Ay,2025-01-03,2025-01-03,2,1,5,1,1,1,111,6\n"
	    "b,Bee,2025-01-01,2025-01-05,0,2,40,2,2,2,222,12\n"
	    "c,Cee,,,,0,-7,,,,,\n");
	free(text);
	crm_rfm_free(&r);
	crm_rfm_opts_free(&o);
}

/*
 * With a quantity column the amount is quantity * unit price.  X buys 4
 * at 2.50 (an order of 10.00, on 01-10) and returns 2 at 2.50 (-5.00: a
 * refund, on 01-20, neither an order nor a purchase date): 500 units of
 * 0.01.  Y's only row is 3 returned at price 0: goods returned, a refund
 * (issue 14: it was counted as an order, 0 * -3 being -0 and not below
 * zero), so Y has refunds only; monetary stays 0.00, never "-0.00".
 */
static void
test_quantity_refunds_at_price_zero(void **state)
{
	const struct crm_rfm_customer *x, *y;
	struct crm_rfm_opts o;
	struct crm_rfm r;
	char *text;

	(void)state;
	crm_rfm_opts_init(&o);
	o.quantity = "qty";
	opts(&o, "2025-01-31");
	start(&r, &o, "customer_id,order_date,amount,qty");
	row(&r, "X,2025-01-10,2.50,4");
	row(&r, "X,2025-01-20,2.50,-2");
	row(&r, "Y,2025-01-25,0,-3");
	finish_and_score(&r);
	x = crm_rfm_customer(&r, 0);
	y = crm_rfm_customer(&r, 1);
	assert_int_equal(x->orders, 1);
	assert_true(sum_is(&r, 0, 500, 2));
	assert_int_equal(x->last, day("2025-01-10"));
	assert_int_equal(y->orders, 0);
	assert_int_equal(crm_rfm_refunds_only(&r), 1);
	text = written(&r, 0);
	assert_non_null(strstr(text, "\nY,,,,0,0.00,,,,,\n"));
	free(text);
	crm_rfm_free(&r);
}

/*
 * The neighbours of a return at price 0, one customer each (refund or
 * order by crm_field_amount's rule, worked by hand):
 *   Z  -1 at -0.00: price 0 however written, goods returned: refund
 *   W   0 at 5.00:  amount 0, an order (as any amount of 0)
 *   V   1 at -5.00: amount -5.00, a refund
 *   U  -1 at -5.00: amount +5.00, an order
 *   T  -0 at 5:     quantity 0, amount 0: an order
 *   S   2 at 0:     free goods, amount 0: an order
 */
static void
test_refund_neighbours(void **state)
{
	static const struct {
		const char *row;
		unsigned orders;
	} cases[] = {
		{ "Z,2025-01-02,-0.00,-1", 0 }, { "W,2025-01-02,5.00,0", 1 },
		{ "V,2025-01-02,-5.00,1", 0 }, { "U,2025-01-02,-5.00,-1", 1 },
		{ "T,2025-01-02,5,-0", 1 }, { "S,2025-01-02,0,2", 1 },
	};
	struct crm_rfm_opts o;
	struct crm_rfm r;
	size_t i;

	(void)state;
	crm_rfm_opts_init(&o);
	o.quantity = "qty";
	opts(&o, "2025-01-31");
	start(&r, &o, "customer_id,order_date,amount,qty");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		row(&r, cases[i].row);
	finish_and_score(&r);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(crm_rfm_customer(&r, i)->orders,
		    cases[i].orders);
	/* V's -5.00 and U's +5.00 */
	assert_true(sum_is(&r, 2, -500, 2));
	assert_true(sum_is(&r, 3, 500, 2));
	crm_rfm_free(&r);
}

/*
 * Monetary keeps the most decimals any amount had, quantity decimals
 * added: 1.5 (1) * 2.25 (2) = 3.375 with 3 decimals, so Q's whole 6 is
 * written 6.000.  Past 9 the count stops: 0.123456 (6) * 1.00001 (5) =
 * 0.12345723456, rounded to 9 decimals 0.123457235.
 */
static void
test_decimals(void **state)
{
	struct crm_rfm_opts o;
	struct crm_rfm r;
	char *text;

	(void)state;
	crm_rfm_opts_init(&o);
	o.quantity = "qty";
	opts(&o, "2025-01-31");
	start(&r, &o, "customer_id,order_date,amount,qty");
	row(&r, "P,2025-01-10,1.5,2.25");
	row(&r, "Q,2025-01-10,2,3");
	finish_and_score(&r);
	text = written(&r, 0);
	assert_non_null(strstr(text, "\nP,2025-01-10,2025-01-10,21,1,3.375,"));
	assert_non_null(strstr(text, "\nQ,2025-01-10,2025-01-10,21,1,6.000,"));
	free(text);
	crm_rfm_free(&r);

	start(&r, &o, "customer_id,order_date,amount,qty");
	row(&r, "P,2025-01-10,0.123456,1.00001");
	finish_and_score(&r);
	text = written(&r, 0);
	assert_non_null(strstr(text, ",1,0.123457235,"));
	free(text);
	crm_rfm_free(&r);
}

/* Bad rows leave no trace: the table stays empty. */
static void
test_bad_rows(void **state)
{
	struct crm_rfm_opts o;
	struct crm_rfm r;

	(void)state;
	crm_rfm_opts_init(&o);
	o.quantity = "qty";
	opts(&o, "2025-01-31");
	start(&r, &o, "customer_id,order_date,amount,qty");
	bad_row(&r, ",2025-01-10,1,1",
	    "column 'customer_id': empty customer id");
	bad_row(&r, "A,2025-02-30,1,1",
	    "column 'order_date': invalid date \"2025-02-30\"");
	bad_row(&r, "A,2025-01-10,1x,1",
	    "column 'amount': invalid number \"1x\"");
	bad_row(&r, "A,2025-01-10,,1", "column 'amount': missing value");
	bad_row(&r, "A,2025-01-10,1,", "column 'qty': missing value");
	/* the date is checked before the amount */
	bad_row(&r, "A,x,y,1", "column 'order_date': invalid date \"x\"");
	bad_row(&r, "A,2025-02-01,1,1", "column 'order_date': order date "
	    "2025-02-01 is after the as-of date 2025-01-31 (see "
	    "--ignore-future)");
	finish_and_score(&r);
	assert_int_equal(crm_rfm_count(&r), 0);
	crm_rfm_free(&r);
}

/* ignore_future: a later row is good, left out and counted. */
static void
test_ignore_future(void **state)
{
	struct crm_rfm_opts o;
	struct crm_rfm r;

	(void)state;
	crm_rfm_opts_init(&o);
	o.ignore_future = 1;
	opts(&o, "2025-01-31");
	start(&r, &o, "customer_id,order_date,amount");
	row(&r, "A,2025-01-31,10");	/* the as-of day is not the future */
	row(&r, "A,2025-02-01,99");
	row(&r, "B,2026-01-01,5");
	finish_and_score(&r);
	assert_int_equal(crm_rfm_future(&r), 2);
	assert_int_equal(crm_rfm_count(&r), 1);
	assert_true(sum_is(&r, 0, 10, 0));
	crm_rfm_free(&r);
}

/* Columns are looked for in order: id, date, amount, quantity, order. */
static void
test_bind_missing_column(void **state)
{
	struct crm_rfm_opts o;
	struct crm_error e;
	struct crm_rfm r;
	struct rec h;

	(void)state;
	crm_rfm_opts_init(&o);
	o.quantity = "qty";
	o.order = "invoice";
	opts(&o, "2025-01-31");
	crm_rfm_init(&r, &o);
	assert_int_equal(crm_rfm_bind(&r, &(struct crm_header){ record(&h,
	    "customer_id,order_date,amount,invoice"), "o.csv" }, &e), -1);
	assert_int_equal(e.status, CRM_EXIT_USAGE);
	assert_string_equal(e.file, "o.csv");
	assert_string_equal(e.msg, "no column 'qty' in the header "
	    "(customer_id,order_date,amount,invoice)");
	crm_rfm_free(&r);
}

static void
test_monetary_mean_rounded(void **state)
{
	/* 10.00 + 10.01 + 10.01 over 3 orders = 10.0066.. -> 10.01 */
	struct crm_rfm_opts o;
	struct crm_error e;
	struct crm_rfm r;

	(void)state;
	crm_rfm_opts_init(&o);
	assert_int_equal(crm_rfm_opts_monetary(&o, "mean", &e), 0);
	opts(&o, "2025-01-03");
	start(&r, &o, "customer_id,order_date,amount");
	row(&r, "A,2025-01-01,10.00");
	row(&r, "A,2025-01-02,10.01");
	row(&r, "A,2025-01-03,10.01");
	finish_and_score(&r);
	assert_true(crm_rfm_result(&r, 0)->measure[CRM_M] == 10.01);
	assert_true(crm_rfm_result(&r, 0)->measure[CRM_R] == 0);
	crm_rfm_free(&r);
}

/*
 * --monetary mean rounds exact halves away from zero, in decimal:
 * A (1.01 + 1.02) / 2 = 1.015 -> 1.02 (binary 1.015 is 1.01499..., which
 * printf rounded to 1.01); C (2.50 + 2.51 + 2.52 + 2.53) / 4 = 2.515 ->
 * 2.52.  The UCI customer of issue 14: 13612.070 over 20 orders is
 * 680.6035 -> 680.604 (checked with python3's decimal, ROUND_HALF_UP).
 */
static void
test_mean_halves(void **state)
{
	struct crm_rfm_opts o;
	struct crm_error e;
	struct crm_rfm r;
	char *text;
	int i;

	(void)state;
	crm_rfm_opts_init(&o);
	assert_int_equal(crm_rfm_opts_monetary(&o, "mean", &e), 0);
	opts(&o, "2025-01-31");
	start(&r, &o, "customer_id,order_date,amount");
	row(&r, "A,2025-01-01,1.01");
	row(&r, "A,2025-01-02,1.02");
	row(&r, "C,2025-01-01,2.50");
	row(&r, "C,2025-01-02,2.51");
	row(&r, "C,2025-01-03,2.52");
	row(&r, "C,2025-01-04,2.53");
	finish_and_score(&r);
	text = written(&r, 0);
	assert_non_null(strstr(text, "\nA,2025-01-01,2025-01-02,29,2,1.02,"));
	assert_non_null(strstr(text, "\nC,2025-01-01,2025-01-04,27,4,2.52,"));
	free(text);
	crm_rfm_free(&r);

	/* 19 orders of 680.603 and one of 680.613: 13612.070 / 20 */
	start(&r, &o, "customer_id,order_date,amount");
	for (i = 0; i < 19; i++)
		row(&r, "U,2025-01-01,680.603");
	row(&r, "U,2025-01-01,680.613");
	finish_and_score(&r);
	text = written(&r, 0);
	assert_non_null(strstr(text, ",20,680.604,"));
	free(text);
	crm_rfm_free(&r);
}

/*
 * Sums past 2^53 stay exact: 9007199254740993 + 1 is 9007199254740994
 * (doubles give ...992 + 1 = ...992), and sums past 2^63 units move to
 * 128 bits: 12345678901234567890 + 0.5 at one decimal is
 * 123456789012345678905 units of 0.1 (by hand).
 */
static void
test_exact_sums(void **state)
{
	struct crm_rfm_opts o;
	struct crm_rfm r;
	struct crm_decimal d;
	char *text;

	(void)state;
	crm_rfm_opts_init(&o);
	opts(&o, "2025-01-31");
	start(&r, &o, "customer_id,order_date,amount");
	row(&r, "L,2025-01-01,9007199254740993");
	row(&r, "L,2025-01-02,1");
	row(&r, "K,2025-01-01,12345678901234567890");
	row(&r, "K,2025-01-02,0.5");
	finish_and_score(&r);
	/* K's 0.5 raised the scale to one decimal */
	assert_true(sum_is(&r, 0, 90071992547409940LL, 1));
	crm_rfm_amount(&r, 1, &d);
	assert_int_equal(d.scale, 1);
	assert_true(d.units == (crm_i128)12345678901234567890ULL * 10 + 5);
	text = written(&r, 0);
	assert_non_null(strstr(text, ",2,9007199254740994.0,"));
	assert_non_null(strstr(text, ",2,12345678901234567890.5,"));
	free(text);
	crm_rfm_free(&r);
}

/*
 * The row that would take the sum of the positive amounts (or of the
 * refunds) past 38 digits is bad, and leaves no trace: 6 * 10^37 twice is
 * 1.2 * 10^38.  A row with more decimals that would scale the sums past
 * 38 digits is bad too: -1.0 would put 6 * 10^37 at one decimal (39
 * digits), and 0.01 would put 9 * 10^36 at two.
 */
static void
test_sum_overflow(void **state)
{
	struct crm_rfm_opts o;
	struct crm_decimal d;
	struct crm_rfm r;

	(void)state;
	crm_rfm_opts_init(&o);
	opts(&o, "2025-01-31");
	start(&r, &o, "customer_id,order_date,amount");
	row(&r, "A,2025-01-01,60000000000000000000000000000000000000");
	bad_row(&r, "B,2025-01-01,60000000000000000000000000000000000000",
	    "column 'amount': the values add up to more than 38 digits "
	    "(decimals: 0): too large to sum exactly");
	bad_row(&r, "B,2025-01-01,-1.0",
	    "column 'amount': the values add up to more than 38 digits "
	    "(decimals: 1): too large to sum exactly");
	row(&r, "C,2025-01-01,-60000000000000000000000000000000000000");
	bad_row(&r, "A,2025-01-01,100000000000000000000000000000000000000",
	    "column 'amount': number "
	    "\"100000000000000000000000000000000000000\" "
	    "has more than 38 digits: too long to add up exactly");
	finish_and_score(&r);
	assert_int_equal(crm_rfm_count(&r), 2);
	crm_rfm_free(&r);

	start(&r, &o, "customer_id,order_date,amount");
	row(&r, "A,2025-01-01,9000000000000000000000000000000000000");
	bad_row(&r, "B,2025-01-01,0.01", "column 'amount': the values add "
	    "up to more than 38 digits (decimals: 2): too large to sum "
	    "exactly");
	row(&r, "B,2025-01-01,0.1");
	finish_and_score(&r);
	crm_rfm_amount(&r, 0, &d);
	/* 9 * 10^36 at one decimal: 9 * 10^37 units */
	assert_true(d.units == (crm_i128)crm_decimal_pow10(37) * 9);
	assert_int_equal(d.scale, 1);
	crm_rfm_free(&r);
}

/*
 * rfm_score with weights is exact: 0.1,0.2,0.3 with scores 1,1,1 is 0.6
 * (in doubles 0.6000000000000001, which 6 places hide), and weights of
 * more than 6 decimals round half away from zero: 0.0000005 * 1 is
 * 0.000001, 0.0000004999 * 1 is 0.
 */
static void
test_weights_exact(void **state)
{
	struct crm_rfm_opts o;
	struct crm_error e;
	struct crm_rfm r;
	char *text;

	(void)state;
	crm_rfm_opts_init(&o);
	assert_int_equal(crm_rfm_opts_bins(&o, "2", &e), 0);
	assert_int_equal(crm_rfm_opts_weights(&o, "0.1,0.2,0.3", &e), 0);
	opts(&o, "2025-01-31");
	start(&r, &o, "customer_id,order_date,amount");
	row(&r, "A,2025-01-01,1");
	finish_and_score(&r);
	text = written(&r, 0);
	assert_non_null(strstr(text, ",111,0.6\n"));
	free(text);
	crm_rfm_free(&r);
	crm_rfm_opts_free(&o);

	crm_rfm_opts_init(&o);
	assert_int_equal(crm_rfm_opts_weights(&o, "0.0000005,0,0", &e), 0);
	opts(&o, "2025-01-31");
	start(&r, &o, "customer_id,order_date,amount");
	row(&r, "A,2025-01-01,1");
	finish_and_score(&r);
	text = written(&r, 0);
	assert_non_null(strstr(text, ",111,0.000001\n"));
	free(text);
	crm_rfm_free(&r);
	crm_rfm_opts_free(&o);

	/* weights that could take a score past 38 digits are refused */
	crm_rfm_opts_init(&o);
	assert_int_equal(crm_rfm_opts_weights(&o,
	    "20000000000000000000000000000000000000,0,0", &e), -1);
	assert_string_equal(e.msg, "invalid --weights \"2000000000000000000"
	    "0000000000000000000,0,0\": too large: a weighted score would "
	    "pass 38 digits");
	assert_int_equal(crm_rfm_opts_weights(&o, "1,-0.5,1", &e), -1);
	crm_rfm_opts_free(&o);
}

/*
 * Many more rows than are held back: row i belongs to customer K(i % 7),
 * on day i / 7 of January 2025 and after, amount 1, order Oi, kept value
 * vi.  1000 = 7 * 142 + 6, so K0..K5 have 143 rows (the last one
 * 994 + k, on day 142) and K6 has 142 (the last one 993, on day 141).
 * Every fifth row repeats the order id of the row before it of the
 * same customer, so it is not another order.
 */
static void
test_many_rows(void **state)
{
	struct crm_rfm_opts o;
	struct crm_rfm r;
	char id[8], order[16], kept[16], want[16];
	int32_t base = day("2025-01-01");
	const struct crm_decimal one = { 1, 0 };
	struct crm_error e;
	long i, k;

	(void)state;
	crm_rfm_opts_init(&o);
	o.order = "order_id";
	assert_int_equal(crm_rfm_opts_keep(&o, "v", &e), 0);
	opts(&o, "2025-12-31");
	crm_rfm_init(&r, &o);
	for (i = 0; i < 1000; i++) {
		char *keep[1] = { kept };
		size_t keeplen[1];
		long or = i % 35 >= 28 ? i - 7 : i;	/* rows 28..34 */

		snprintf(id, sizeof(id), "K%ld", i % 7);
		snprintf(order, sizeof(order), "O%ld", or);
		keeplen[0] = (size_t)snprintf(kept, sizeof(kept), "v%ld", i);
		assert_int_equal(crm_rfm_add(&r, id, strlen(id),
		    base + (int32_t)(i / 7), &one, 0, order, strlen(order),
		    keep, keeplen, &e), 0);
	}
	assert_int_equal(crm_rfm_finish(&r, &e), 0);
	assert_int_equal(crm_rfm_count(&r), 7);
	for (k = 0; k < 7; k++) {
		const struct crm_rfm_customer *c = crm_rfm_customer(&r,
		    (size_t)k);
		long rows = k < 6 ? 143 : 142, last = k < 6 ? 994 + k : 993;
		/*
		 * Rows 28..34 of each 35 repeat an order: one row of each
		 * customer per 35 rows; 1000 = 28 * 35 + 20, so 28 repeats
		 * for everyone, and none in the last 20 rows (< 28).
		 */
		long repeats = 28;

		assert_int_equal(crm_rfm_id(&r, (size_t)k, NULL)[1], '0' + k);
		assert_true(sum_is(&r, (size_t)k, rows, 0));
		assert_int_equal(c->orders, rows - repeats);
		assert_int_equal(c->first, base);
		assert_int_equal(c->last, base + (int32_t)(last / 7));
		snprintf(want, sizeof(want), "v%ld", last);
		assert_string_equal(crm_rfm_kept(&r, (size_t)k, 0), want);
	}
	crm_rfm_free(&r);
	crm_rfm_opts_free(&o);
}

/* A part of customer id: dates (NULL: refunds only), orders, sum... */
static void
merge_part(struct crm_rfm *r, const char *id, const char *first,
    const char *last, uint32_t orders, const char *amount, int decimals,
    const char *kept_date, const char *kept)
{
	char *keep[1] = { (char *)kept };
	size_t keeplen[1] = { strlen(kept) };
	struct crm_rfm_part p = { first != NULL, 0, 0, orders, { 0, 0 },
	    decimals, 0, keep, keeplen };
	struct crm_error why;

	if (first != NULL) {
		p.first = day(first);
		p.last = day(last);
	}
	assert_int_equal(crm_decimal_parse(amount, 0, &p.amount, NULL),
	    CRM_VALUE_OK);
	p.kept_date = day(kept_date);
	assert_int_equal(crm_rfm_merge_customer(r, id, strlen(id), &p, &why),
	    CRM_RECORD_OK);
}

/*
 * crm_rfm_merge_customer, by hand: A's parts say 01-05..02-01, 2
 * orders, 10.50 (kept "x" of 02-01); 01-01..01-20, 1 order, 2.125 (kept
 * "y" of 02-01 too); refunds only, -1 (kept of 01-31).  Merged in that
 * order or another: first 01-01, last 02-01, 3 orders, 10.50 + 2.125 -
 * 1 = 11.625 (3 decimals, the most a part had), kept "y" (of two on the
 * latest date, the value that sorts last).  B has refunds only.
 */
static void
test_merge_customer(void **state)
{
	const struct crm_rfm_customer *a;
	struct crm_rfm_opts o;
	struct crm_error e;
	struct crm_rfm r;
	int pass;

	(void)state;
	for (pass = 0; pass < 2; pass++) {
		crm_rfm_opts_init(&o);
		assert_int_equal(crm_rfm_opts_keep(&o, "name", &e), 0);
		opts(&o, "2025-12-31");
		crm_rfm_init(&r, &o);
		merge_part(&r, "A", NULL, NULL, 0, "-1", 0, "2025-01-31", "r");
		if (pass == 0)
			merge_part(&r, "A", "2025-01-05", "2025-02-01", 2,
			    "10.50", 2, "2025-02-01", "x");
		merge_part(&r, "A", "2025-01-01", "2025-01-20", 1, "2.125", 3,
		    "2025-02-01", "y");
		merge_part(&r, "B", NULL, NULL, 0, "-4", 0, "2025-01-07", "b");
		if (pass == 1)
			merge_part(&r, "A", "2025-01-05", "2025-02-01", 2,
			    "10.50", 2, "2025-02-01", "x");
		assert_int_equal(crm_rfm_finish(&r, &e), 0);
		assert_int_equal(crm_rfm_count(&r), 2);
		a = crm_rfm_customer(&r, 0);
		assert_int_equal(a->first, day("2025-01-01"));
		assert_int_equal(a->last, day("2025-02-01"));
		assert_int_equal(a->orders, 3);
		assert_true(sum_is(&r, 0, 11625, 3));
		assert_int_equal(r.rd.decimals, 3);
		assert_string_equal(crm_rfm_kept(&r, 0, 0), "y");
		assert_true(sum_is(&r, 1, -4000, 3));
		assert_string_equal(crm_rfm_kept(&r, 1, 0), "b");
		assert_int_equal(crm_rfm_refunds_only(&r), 1);
		crm_rfm_free(&r);
		crm_rfm_opts_free(&o);
	}
}

/* Merges every row of partial state text into r. */
static void
merge_text(struct crm_rfm *r, const char *text)
{
	struct crm_csv_options opt = { .headerless = 1 };
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

/* r's partial state as text (malloc'd). */
static char *
partial_text(const struct crm_rfm *r)
{
	struct crm_csv_writer w;
	char *text = NULL;
	size_t size = 0;
	FILE *fp = open_memstream(&text, &size);

	assert_non_null(fp);
	crm_csv_writer_init(&w, fp, ',');
	crm_rfm_write_partial(r, &w);
	assert_int_equal(fclose(fp), 0);
	return text;
}

/*
 * --partial's text, by hand (partial.h), for rows of A (I1 of two lines
 * 10 and 5 on 01-05, I3 20 on 02-01, a refund -5 on 02-03) and B (I2 7.5
 * on 01-06), with --order and --keep name: sums at the table's scale (1
 * decimal, from 7.5), the orders field empty (the crm1.order rows count
 * them), A's kept value the refund's (its most recent row), a name with
 * a line end escaped.  Read back with another part (A: 03-01, 1.25 of
 * order I9 and I1 again, 2 rows after as-of), A has orders I1 I3 I9,
 * 31.25, first 01-05, last 03-01: recency 2025-12-31 - 03-01 = 305 days
 * (day 365 - day 60).
 */
static void
test_partial_round_trip(void **state)
{
	static const char more[] = ",crm1.meta,rfm,2025-12-31,,2\n"
	    "A,crm1.rfm,2025-03-01,2025-03-01,,1.25,2,2025-03-01,new\\nest\n"
	    "A,crm1.order,I9\nA,crm1.order,I1\n";
	static const char head[] = ",crm1.meta,rfm,2025-12-31,,0\n"
	    "A,crm1.rfm,2025-01-05,2025-02-01,,30.0,0,2025-02-03,refund\n"
	    "B,crm1.rfm,2025-01-06,2025-01-06,,7.5,0,2025-01-06,b\\nb\n";
	struct crm_rfm_opts o;
	struct crm_csv_writer w;
	struct crm_error e;
	struct crm_rfm r, m;
	char *text = NULL, *out;
	size_t size = 0;
	FILE *fp;

	(void)state;
	crm_rfm_opts_init(&o);
	o.order = "order_id";
	assert_int_equal(crm_rfm_opts_keep(&o, "name", &e), 0);
	opts(&o, "2025-12-31");
	crm_rfm_init(&r, &o);
	add(&r, "A", "2025-01-05", "10", "I1", "first");
	add(&r, "A", "2025-01-05", "5", "I1", "first");
	add(&r, "B", "2025-01-06", "7.5", "I2", "b\nb");
	add(&r, "A", "2025-02-01", "20", "I3", "later");
	add(&r, "A", "2025-02-03", "-5", "C9", "refund");
	assert_int_equal(crm_rfm_finish(&r, &e), 0);
	assert_non_null(fp = open_memstream(&text, &size));
	crm_csv_writer_init(&w, fp, ',');
	crm_rfm_write_partial(&r, &w);
	assert_int_equal(fclose(fp), 0);
	/*
	 * the decimals are the rows' (crm_rfm_row counts them, add() does
	 * not: 0); the order rows come in the set's order: looked for one
	 * by one, 16 bytes each
	 */
	assert_true(strlen(text) == sizeof(head) - 1 + 3 * 16);
	assert_memory_equal(text, head, sizeof(head) - 1);
	assert_non_null(strstr(text, "\nA,crm1.order,I1\n"));
	assert_non_null(strstr(text, "\nA,crm1.order,I3\n"));
	assert_non_null(strstr(text, "\nB,crm1.order,I2\n"));
	crm_rfm_init(&m, &o);
	merge_text(&m, more);
	merge_text(&m, text);
	assert_int_equal(crm_rfm_finish(&m, &e), 0);
	assert_int_equal(crm_rfm_score(&m, &e), 0);
	assert_int_equal(crm_rfm_future(&m), 2);
	out = written(&m, 0);
	assert_non_null(strstr(out, "\nA,\"new\nest\",2025-01-05,"
	    "2025-03-01,305,3,31.25,"));
	assert_non_null(strstr(out, "\nB,\"b\nb\",2025-01-06,2025-01-06,359,"
	    "1,7.50,"));
	free(out);
	free(text);
	crm_rfm_free(&m);
	crm_rfm_free(&r);
	crm_rfm_opts_free(&o);
}

/*
 * Partial state split by lines, not by key: a combiner may get the
 * crm1.order rows of a customer without its crm1.rfm row.  It writes the
 * customer with no dates, no sum, no kept date and empty kept values
 * (by hand, from rfmpartial.h), which merge with the customer's real
 * row into what that row alone with the order gives.  A final merge
 * that never gets the real row refuses to score (no recency to give).
 */
static void
test_order_rows_alone(void **state)
{
	static const char orders[] = ",crm1.meta,rfm,2025-12-31,,0\n"
	    "A,crm1.order,I1\n";
	static const char pseudo[] = ",crm1.meta,rfm,2025-12-31,,0\n"
	    "A,crm1.rfm,,,,0,0,,\nA,crm1.order,I1\n";
	struct crm_rfm_opts o;
	struct crm_error e;
	struct crm_rfm r;
	char *text, *out;

	(void)state;
	crm_rfm_opts_init(&o);
	o.order = "order_id";
	assert_int_equal(crm_rfm_opts_keep(&o, "name", &e), 0);
	opts(&o, "2025-12-31");
	crm_rfm_init(&r, &o);
	merge_text(&r, orders);
	assert_int_equal(crm_rfm_finish(&r, &e), 0);
	text = partial_text(&r);
	assert_string_equal(text, pseudo);
	free(text);
	assert_int_equal(crm_rfm_score(&r, &e), -1);
	assert_int_equal(e.status, CRM_EXIT_DATA);
	assert_string_equal(e.msg, "partial state: customer \"A\" has "
	    "crm1.order rows and no crm1.rfm row with its dates (a part left "
	    "out?)");
	crm_rfm_free(&r);
	/* with the real row, before or after: one order, its dates */
	crm_rfm_init(&r, &o);
	merge_text(&r, pseudo);
	merge_text(&r, "A,crm1.rfm,2025-01-01,2025-01-02,,5,0,2025-01-02,x\n"
	    "A,crm1.order,I1\n");
	merge_text(&r, pseudo);
	assert_int_equal(crm_rfm_finish(&r, &e), 0);
	assert_int_equal(crm_rfm_score(&r, &e), 0);
	out = written(&r, 0);
	/* 2025-12-31 - 2025-01-02: 365 - 2 = 363 days */
	assert_non_null(strstr(out, "\nA,x,2025-01-01,2025-01-02,363,1,5,"));
	free(out);
	crm_rfm_free(&r);
	crm_rfm_opts_free(&o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_orders_refunds_and_kept),
		cmocka_unit_test(test_rows_are_orders_without_ids),
		cmocka_unit_test(test_order_lines_any_order),
		cmocka_unit_test(test_kept_on_one_date),
		cmocka_unit_test(test_order_lines_scrambled),
		cmocka_unit_test(test_scores_and_tables),
		cmocka_unit_test(test_keep_and_weights),
		cmocka_unit_test(test_quantity_refunds_at_price_zero),
		cmocka_unit_test(test_refund_neighbours),
		cmocka_unit_test(test_mean_halves),
		cmocka_unit_test(test_exact_sums),
		cmocka_unit_test(test_sum_overflow),
		cmocka_unit_test(test_weights_exact),
		cmocka_unit_test(test_decimals),
		cmocka_unit_test(test_bad_rows),
		cmocka_unit_test(test_ignore_future),
		cmocka_unit_test(test_bind_missing_column),
		cmocka_unit_test(test_monetary_mean_rounded),
		cmocka_unit_test(test_many_rows),
		cmocka_unit_test(test_merge_customer),
		cmocka_unit_test(test_partial_round_trip),
		cmocka_unit_test(test_order_rows_alone),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
