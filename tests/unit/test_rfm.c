/*
 * test_rfm.c - per-customer measures from order rows, and their scores.
 * Every expected value is worked out by hand beside it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "rfm.h"
#include "value.h"

static int32_t
day(const char *s)
{
	int32_t d;

	assert_int_equal(crm_date_parse(s, NULL, &d), CRM_VALUE_OK);
	return d;
}

static void
add(struct crm_rfm *r, const char *id, const char *date, double amount,
    const char *order, const char *kept)
{
	struct crm_error e;
	char *keep[1] = { (char *)kept };
	size_t keeplen[1] = { kept ? strlen(kept) : 0 };

	assert_int_equal(crm_rfm_add(r, id, strlen(id), day(date), amount,
	    order, order ? strlen(order) : 0, keep, keeplen, &e), 0);
}

/* Rows are folded in a few rows late: this folds in the rest. */
static void
finish(struct crm_rfm *r)
{
	struct crm_error e;

	assert_int_equal(crm_rfm_finish(r, &e), 0);
}

static void
test_orders_refunds_and_kept(void **state)
{
	struct crm_rfm r;

	(void)state;
	crm_rfm_init(&r, 1, 1);
	add(&r, "A", "2025-01-05", 10, "I1", "first");
	add(&r, "A", "2025-01-05", 5, "I1", "first");	/* same order */
	add(&r, "B", "2025-01-06", 7, "I2", "b");
	add(&r, "A", "2025-02-01", 20, "I3", "later");
	add(&r, "A", "2025-02-03", -5, "C9", "refund");	/* no order */
	add(&r, "A", "2025-01-20", 1, "I4", "older");	/* kept stays */
	finish(&r);
	assert_int_equal(r.ids.n, 2);
	/* A: I1, I3, I4 are orders; 10 + 5 + 20 - 5 + 1 = 31 */
	assert_int_equal(r.c[0].orders, 3);
	assert_true(r.c[0].amount == 31);
	assert_int_equal(r.c[0].first, day("2025-01-05"));
	assert_int_equal(r.c[0].last, day("2025-02-01"));
	/* the kept value comes from the most recent row, the refund */
	assert_string_equal(crm_rfm_kept(&r, 0, 0), "refund");
	assert_string_equal(crm_rfm_kept(&r, 1, 0), "b");
	crm_rfm_free(&r);
}

static void
test_rows_are_orders_without_ids(void **state)
{
	struct crm_rfm r;

	(void)state;
	crm_rfm_init(&r, 0, 0);
	add(&r, "A", "2025-01-05", 10, NULL, NULL);
	add(&r, "A", "2025-01-05", 5, NULL, NULL);
	finish(&r);
	assert_int_equal(r.c[0].orders, 2);
	crm_rfm_free(&r);
}

static void
test_scores_and_refund_only(void **state)
{
	/*
	 * As in tests/cli/cases/score-rfm-hand: as-of 2025-01-31, 3 bins.
	 * A 0 days/2 orders/150, B 30/1/250, C 61/1/80, D 31/2/40,
	 * E 10/1/80, F refund only.
	 */
	struct crm_rfm_settings s;
	struct crm_rfm_result *res;
	struct crm_scale scale[3];
	struct crm_error e;
	struct crm_rfm r;
	static const int want[5][3] = {
		{ 3, 3, 3 }, { 2, 1, 3 }, { 1, 1, 1 }, { 1, 3, 1 }, { 3, 1, 1 }
	};
	size_t i, *order;

	(void)state;
	crm_rfm_init(&r, 0, 0);
	add(&r, "E", "2025-01-21", 80, NULL, NULL);
	add(&r, "A", "2025-01-31", 100, NULL, NULL);
	add(&r, "A", "2025-01-10", 50, NULL, NULL);
	add(&r, "B", "2025-01-01", 300, NULL, NULL);
	add(&r, "B", "2025-01-01", -50, NULL, NULL);
	add(&r, "C", "2024-12-01", 80, NULL, NULL);
	add(&r, "D", "2024-11-01", 20, NULL, NULL);
	add(&r, "D", "2024-12-31", 20, NULL, NULL);
	add(&r, "F", "2024-10-01", -30, NULL, NULL);
	memset(&s, 0, sizeof(s));
	s.as_of = day("2025-01-31");
	s.bins = 3;
	s.kind = CRM_SCALE_QUANTILE;
	s.decimals = 2;
	finish(&r);
	assert_int_equal(crm_rfm_score(&r, &s, &res, scale, &e), 0);
	order = crm_rfm_order_by_id(&r);
	assert_non_null(order);
	for (i = 0; i < 5; i++) {
		const struct crm_rfm_result *x = &res[order[i]];

		assert_int_equal(x->score[CRM_R], want[i][0]);
		assert_int_equal(x->score[CRM_F], want[i][1]);
		assert_int_equal(x->score[CRM_M], want[i][2]);
	}
	/* F: no order, no scores, monetary -30 */
	assert_string_equal(crm_keyset_text(&r.ids, order[5]), "F");
	assert_int_equal(res[order[5]].score[CRM_R], 0);
	assert_true(res[order[5]].measure[CRM_M] == -30);
	assert_true(res[order[1]].measure[CRM_M] == 250);
	free(order);
	free(res);
	crm_rfm_free(&r);
}

static void
test_monetary_mean_rounded(void **state)
{
	/* 10.00 + 10.01 + 10.01 over 3 orders = 10.0066.. -> 10.01 */
	struct crm_rfm_settings s;
	struct crm_rfm_result *res;
	struct crm_scale scale[3];
	struct crm_error e;
	struct crm_rfm r;

	(void)state;
	crm_rfm_init(&r, 0, 0);
	add(&r, "A", "2025-01-01", 10.00, NULL, NULL);
	add(&r, "A", "2025-01-02", 10.01, NULL, NULL);
	add(&r, "A", "2025-01-03", 10.01, NULL, NULL);
	memset(&s, 0, sizeof(s));
	s.as_of = day("2025-01-03");
	s.bins = 5;
	s.monetary_mean = 1;
	s.decimals = 2;
	finish(&r);
	assert_int_equal(crm_rfm_score(&r, &s, &res, scale, &e), 0);
	assert_true(res[0].measure[CRM_M] == 10.01);
	assert_true(res[0].measure[CRM_R] == 0);
	free(res);
	crm_rfm_free(&r);
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
	struct crm_rfm r;
	char id[8], order[16], kept[16], want[16];
	int32_t base = day("2025-01-01");
	struct crm_error e;
	long i, k;

	(void)state;
	crm_rfm_init(&r, 1, 1);
	for (i = 0; i < 1000; i++) {
		char *keep[1] = { kept };
		size_t keeplen[1];
		long o = i % 35 >= 28 ? i - 7 : i;	/* rows 28..34 of 35 */

		snprintf(id, sizeof(id), "K%ld", i % 7);
		snprintf(order, sizeof(order), "O%ld", o);
		keeplen[0] = (size_t)snprintf(kept, sizeof(kept), "v%ld", i);
		assert_int_equal(crm_rfm_add(&r, id, strlen(id),
		    base + (int32_t)(i / 7), 1, order, strlen(order), keep,
		    keeplen, &e), 0);
	}
	finish(&r);
	assert_int_equal(r.ids.n, 7);
	for (k = 0; k < 7; k++) {
		long rows = k < 6 ? 143 : 142, last = k < 6 ? 994 + k : 993;
		/*
		 * Rows 28..34 of each 35 repeat an order: one row of each
		 * customer per 35 rows; 1000 = 28 * 35 + 20, so 28 repeats
		 * for everyone, and none in the last 20 rows (< 28).
		 */
		long repeats = 28;

		assert_int_equal(crm_keyset_text(&r.ids, (size_t)k)[1],
		    '0' + k);
		assert_true(r.c[k].amount == rows);
		assert_int_equal(r.c[k].orders, rows - repeats);
		assert_int_equal(r.c[k].first, base);
		assert_int_equal(r.c[k].last, base + (int32_t)(last / 7));
		snprintf(want, sizeof(want), "v%ld", last);
		assert_string_equal(crm_rfm_kept(&r, (size_t)k, 0), want);
	}
	crm_rfm_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_orders_refunds_and_kept),
		cmocka_unit_test(test_rows_are_orders_without_ids),
		cmocka_unit_test(test_scores_and_refund_only),
		cmocka_unit_test(test_monetary_mean_rounded),
		cmocka_unit_test(test_many_rows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
