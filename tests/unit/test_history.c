/*
 * test_history.c - purchase histories from order rows.  The expected
 * histories are worked out by hand from the rows below (days counted on
 * a calendar).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "history.h"
#include "value.h"

static void
near(double got, double want)
{
	if (!(fabs(got - want) <= 1e-12))
		fail_msg("%.17g, expected %.17g", got, want);
}

static int32_t
d(int y, int m, int dd)
{
	return crm_days_from_civil(y, m, dd);
}

static void
add(struct crm_history_set *h, const char *id, int32_t date, double amount)
{
	struct crm_error e;

	assert_int_equal(crm_history_add(h, id, strlen(id), date, amount, &e),
	    0);
}

/* The customer numbered i must have the id and the history given. */
static void
expect(const struct crm_history_set *h, size_t i, const char *id,
    enum crm_unit u, const struct crm_history *want)
{
	struct crm_history got;

	assert_string_equal(crm_history_id(h, i), id);
	crm_history_get(h, i, u, &got);
	assert_int_equal(got.x, want->x);
	near(got.t_x, want->t_x);
	near(got.T, want->T);
	assert_int_equal(got.holdout, want->holdout);
	near(got.spend, want->spend);
	assert_int_equal(got.late, want->late);
}

/*
 * Calibration to 2024-02-29, holdout to 2024-03-31.  Customer A: birth
 * 2024-01-01 (two rows, 15.00), repeat purchases 2024-01-15 (20.00) and
 * 2024-02-01 (30.00, with a refund the same day that changes nothing);
 * holdout 2024-03-10 (two rows) and 2024-03-20: x = 2, t_x = 31 days,
 * T = 59 days, holdout 2, spend (20 + 30) / 2 = 25.
 */
static void
test_rules(void **state)
{
	struct crm_history_set *h;
	struct crm_error e;
	struct crm_history a = { 2, 31, 59, 2, 25, 0 };

	(void)state;
	h = crm_history_new(d(2024, 2, 29), d(2024, 3, 31), &e);
	assert_non_null(h);
	add(h, "A", d(2024, 1, 1), 10);
	add(h, "A", d(2024, 1, 1), 5);
	add(h, "B", d(2024, 1, 3), -4);		/* refunds only: no customer */
	add(h, "A", d(2024, 1, 15), 20);
	add(h, "A", d(2024, 2, 1), 30);
	add(h, "A", d(2024, 2, 1), -5);
	add(h, "A", d(2024, 3, 10), 7);
	add(h, "A", d(2024, 3, 10), 1);
	add(h, "A", d(2024, 3, 20), 2);
	assert_int_equal(crm_history_count(h), 1);
	assert_int_equal(crm_history_refunds(h), 2);
	expect(h, 0, "A", CRM_DAYS, &a);
	a.t_x = 31.0 / 7;
	a.T = 59.0 / 7;
	expect(h, 0, "A", CRM_WEEKS, &a);
	a.t_x = 31 / 30.4375;		/* 365.25 / 12 days a month */
	a.T = 59 / 30.4375;
	expect(h, 0, "A", CRM_MONTHS, &a);
	near(crm_history_span(h, CRM_WEEKS), 31.0 / 7);
	crm_history_free(h);
}

/*
 * Customer C is born in the holdout period (late); D has one purchase,
 * on the calibration end itself; E has two on one day only.
 */
static void
test_late_and_single(void **state)
{
	struct crm_history_set *h;
	struct crm_error e;
	struct crm_history c = { 0, 0, 0, 2, 0, 1 };
	struct crm_history dd = { 0, 0, 0, 0, 0, 0 };
	struct crm_history ee = { 0, 0, 10, 0, 0, 0 };

	(void)state;
	h = crm_history_new(d(2024, 2, 29), d(2024, 3, 31), &e);
	add(h, "C", d(2024, 3, 5), 3);
	add(h, "C", d(2024, 3, 6), 3);
	add(h, "D", d(2024, 2, 29), 9);
	add(h, "E", d(2024, 2, 19), 1);
	add(h, "E", d(2024, 2, 19), 2);
	expect(h, 0, "C", CRM_DAYS, &c);
	expect(h, 1, "D", CRM_DAYS, &dd);
	expect(h, 2, "E", CRM_DAYS, &ee);
	crm_history_free(h);
}

/*
 * Rows newest first: birth 2024-01-05 (1.00), repeat purchases
 * 2024-02-10 (4 + 6) and 2024-02-20 (8): x = 2, t_x = 46, T = 55,
 * spend 9; an earlier birth turns the old one into a repeat purchase.
 */
static void
test_descending(void **state)
{
	struct crm_history_set *h;
	struct crm_error e;
	struct crm_history want = { 2, 46, 55, 0, 9, 0 };

	(void)state;
	h = crm_history_new(d(2024, 2, 29), d(2024, 3, 31), &e);
	add(h, "D", d(2024, 2, 20), 8);
	add(h, "D", d(2024, 2, 10), 4);
	add(h, "D", d(2024, 2, 10), 6);
	add(h, "D", d(2024, 1, 5), 1);
	expect(h, 0, "D", CRM_DAYS, &want);
	crm_history_free(h);
}

static void
test_errors(void **state)
{
	struct crm_history_set *h;
	struct crm_error e;

	(void)state;
	assert_null(crm_history_new(d(2024, 4, 1), d(2024, 3, 31), &e));
	assert_string_equal(e.msg,
	    "the calibration end is after the as-of date");
	h = crm_history_new(d(2024, 2, 29), d(2024, 3, 31), &e);
	add(h, "E", d(2024, 1, 1), 1);
	add(h, "E", d(2024, 2, 1), 1);
	add(h, "E", d(2024, 2, 1), 1);	/* the last day again: fine */
	add(h, "E", d(2024, 1, 1), 1);	/* the first day again: fine */
	assert_int_equal(crm_history_add(h, "E", 1, d(2024, 1, 15), 1, &e),
	    -1);
	assert_int_equal(e.status, CRM_EXIT_DATA);
	assert_string_equal(e.msg, "customer \"E\": order of 2024-01-15 "
	    "comes after orders of 2024-01-01 and 2024-02-01: each "
	    "customer's orders must be in date order");
	assert_int_equal(crm_history_add(h, "F", 1, d(2024, 4, 1), 1, &e),
	    -1);
	assert_string_equal(e.msg, "order date after the as-of date");
	assert_int_equal(crm_history_add(h, "F", 1, d(2024, 1, 1), NAN, &e),
	    -1);
	assert_string_equal(e.msg, "amount is not a finite number");
	assert_int_equal(crm_history_count(h), 1);
	crm_history_free(h);
}

static void
test_order_by_id(void **state)
{
	struct crm_history_set *h;
	struct crm_error e;
	size_t *idx;

	(void)state;
	h = crm_history_new(d(2024, 2, 29), d(2024, 3, 31), &e);
	add(h, "b", d(2024, 1, 1), 1);
	add(h, "ab", d(2024, 1, 1), 1);
	add(h, "a", d(2024, 1, 1), 1);
	idx = crm_history_order_by_id(h);
	assert_non_null(idx);
	assert_int_equal(idx[0], 2);
	assert_int_equal(idx[1], 1);
	assert_int_equal(idx[2], 0);
	free(idx);
	crm_history_free(h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_late_and_single),
		cmocka_unit_test(test_descending),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_order_by_id),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
