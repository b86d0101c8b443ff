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

/* An amount as a row writes it; negative: a refund. */
static struct crm_decimal
dec(const char *text)
{
	struct crm_decimal v;

	assert_int_equal(crm_decimal_parse(text, 0, &v, NULL), CRM_VALUE_OK);
	return v;
}

static void
add(struct crm_history_set *h, const char *id, int32_t date,
    const char *amount)
{
	struct crm_decimal v = dec(amount);
	struct crm_error e;

	assert_true(crm_history_add(h, id, strlen(id), date, &v, v.units < 0,
	    &e) >= 0);
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
	assert_int_equal(got.refunds_only, want->refunds_only);
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
	struct crm_history a = { 2, 31, 59, 2, 25, 0, 0 };
	struct crm_history b = { 0, 0, 0, 0, 0, 1, 1 };

	(void)state;
	h = crm_history_new(d(2024, 2, 29), d(2024, 3, 31), &e);
	assert_non_null(h);
	add(h, "A", d(2024, 1, 1), "10");
	add(h, "A", d(2024, 1, 1), "5");
	add(h, "B", d(2024, 1, 3), "-4");		/* refunds only: no history */
	add(h, "A", d(2024, 1, 15), "20");
	add(h, "A", d(2024, 2, 1), "30");
	add(h, "A", d(2024, 2, 1), "-5");
	add(h, "A", d(2024, 3, 10), "7");
	add(h, "A", d(2024, 3, 10), "1");
	add(h, "A", d(2024, 3, 20), "2");
	assert_int_equal(crm_history_count(h), 2);
	assert_int_equal(crm_history_refunds(h), 2);
	expect(h, 0, "A", CRM_DAYS, &a);
	expect(h, 1, "B", CRM_DAYS, &b);
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
	struct crm_history c = { 0, 0, 0, 2, 0, 1, 0 };
	struct crm_history dd = { 0, 0, 0, 0, 0, 0, 0 };
	struct crm_history ee = { 0, 0, 10, 0, 0, 0, 0 };

	(void)state;
	h = crm_history_new(d(2024, 2, 29), d(2024, 3, 31), &e);
	add(h, "C", d(2024, 3, 5), "3");
	add(h, "C", d(2024, 3, 6), "3");
	add(h, "D", d(2024, 2, 29), "9");
	add(h, "E", d(2024, 2, 19), "1");
	add(h, "E", d(2024, 2, 19), "2");
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
	struct crm_history want = { 2, 46, 55, 0, 9, 0, 0 };

	(void)state;
	h = crm_history_new(d(2024, 2, 29), d(2024, 3, 31), &e);
	add(h, "D", d(2024, 2, 20), "8");
	add(h, "D", d(2024, 2, 10), "4");
	add(h, "D", d(2024, 2, 10), "6");
	add(h, "D", d(2024, 1, 5), "1");
	expect(h, 0, "D", CRM_DAYS, &want);
	crm_history_free(h);
}

/*
 * The rows of test_rules's customer A in other orders: every order of
 * its nine rows gives the same history (x = 2, t_x = 31, T = 59,
 * holdout 2, spend 25, worked out there by hand).  The days inside the
 * first and last are remembered, a day seen before is not counted again
 * (2024-01-15 twice below, once after the first and last have moved
 * past it).
 */
static const struct {
	int32_t m, dd;
	const char *amount;
} a_rows[] = {
	{ 1, 1, "10" }, { 1, 1, "5" }, { 1, 15, "20" }, { 2, 1, "30" },
	{ 2, 1, "-5" }, { 3, 10, "7" }, { 3, 10, "1" }, { 3, 20, "2" },
	{ 1, 15, "0" }
};

static void
check_order(const size_t *perm, size_t n)
{
	struct crm_history_set *h;
	struct crm_error e;
	struct crm_history a = { 2, 31, 59, 2, 25, 0, 0 };
	size_t k;

	h = crm_history_new(d(2024, 2, 29), d(2024, 3, 31), &e);
	crm_history_decimals(h, 2);
	for (k = 0; k < n; k++)
		add(h, "A", d(2024, a_rows[perm[k]].m, a_rows[perm[k]].dd),
		    a_rows[perm[k]].amount);
	expect(h, 0, "A", CRM_DAYS, &a);
	crm_history_free(h);
}

static void
test_any_order(void **state)
{
	size_t n = sizeof(a_rows) / sizeof(a_rows[0]), perm[16], k, j, t;
	unsigned long seed = 12345;
	int round;

	(void)state;
	for (k = 0; k < n; k++)
		perm[k] = k;
	check_order(perm, n);
	for (k = 0; k < n; k++)
		perm[k] = n - 1 - k;
	check_order(perm, n);
	/* the middle days first, then the ends, then the middle again */
	{
		size_t mid[] = { 2, 3, 0, 7, 8, 4, 1, 5, 6 };

		check_order(mid, n);
	}
	for (round = 0; round < 2000; round++) {
		for (k = n - 1; k > 0; k--) {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			j = (size_t)(seed >> 33) % (k + 1);
			t = perm[k];
			perm[k] = perm[j];
			perm[j] = t;
		}
		check_order(perm, n);
	}
}

static void
test_errors(void **state)
{
	struct crm_history_set *h;
	struct crm_decimal v;
	struct crm_error e;

	(void)state;
	assert_null(crm_history_new(d(2024, 4, 1), d(2024, 3, 31), &e));
	assert_string_equal(e.msg,
	    "the calibration end is after the as-of date");
	h = crm_history_new(d(2024, 2, 29), d(2024, 3, 31), &e);
	add(h, "E", d(2024, 1, 1), "1");
	v = dec("1");
	assert_int_equal(crm_history_add(h, "F", 1, d(2024, 4, 1), &v, 0, &e),
	    -1);
	assert_string_equal(e.msg, "order date after the as-of date");
	/* 1 + (10^38 - 1) is 39 digits: refused, nothing added */
	v = dec("99999999999999999999999999999999999999");
	assert_int_equal(crm_history_add(h, "F", 1, d(2024, 1, 1), &v, 0, &e),
	    CRM_HISTORY_TOO_LARGE);
	assert_int_equal(crm_history_count(h), 1);
	/* a refund is not summed: any size will do */
	v.units = -v.units;
	assert_int_equal(crm_history_add(h, "F", 1, d(2024, 1, 1), &v, 1, &e),
	    1);
	/* 10^38 - 2 takes the sum of the purchases to 10^38 - 1 exactly */
	v = dec("99999999999999999999999999999999999998");
	assert_int_equal(crm_history_add(h, "G", 1, d(2024, 1, 1), &v, 0, &e),
	    2);
	assert_int_equal(crm_history_scale(h), 0);
	crm_history_free(h);
}

/*
 * The refund flag is the caller's (orderrow.h): a row of 0 flagged as a
 * refund (a negative quantity at price 0) is no purchase, a row of 0
 * not flagged is one.
 */
static void
test_refund_flag(void **state)
{
	struct crm_history_set *h;
	struct crm_decimal zero = { 0, 0 };
	struct crm_error e;
	struct crm_history z = { 0, 0, 0, 0, 0, 1, 1 };
	struct crm_history y = { 0, 0, 59, 0, 0, 0, 0 };

	(void)state;
	h = crm_history_new(d(2024, 2, 29), d(2024, 3, 31), &e);
	assert_int_equal(crm_history_add(h, "Z", 1, d(2024, 1, 1), &zero, 1,
	    &e), 0);
	assert_int_equal(crm_history_add(h, "Y", 1, d(2024, 1, 1), &zero, 0,
	    &e), 1);
	assert_int_equal(crm_history_refunds(h), 1);
	expect(h, 0, "Z", CRM_DAYS, &z);
	expect(h, 1, "Y", CRM_DAYS, &y);
	crm_history_free(h);
}

/*
 * Exact sums.  Customer P: repeat purchases of 2^53 + 1 and 1 sum to
 * 9007199254740994 (in doubles 2^53 + 1 is 2^53, and 2^53 + 1 rounds to
 * 2^53 again), spend 4503599627370497, a double exactly.  Customer W:
 * repeat purchases of 2^63 - 1, 2^63 - 1 and 3 sum to 2^64 + 1, past 64
 * bits (the sums move to 128); spend (2^64 + 1) / 3, as the double
 * nearest the sum, 2^64, divided by 3.  Then an amount of 0.25 raises
 * the scale to 2 decimals: every sum is multiplied by 100 and the
 * spends stay the same; customer A's repeats 10, 10 and 0.25 give
 * 20.25 / 3 = 6.75.
 */
static void
test_exact_sums(void **state)
{
	struct crm_history_set *h;
	struct crm_error e;
	struct crm_history got;

	(void)state;
	h = crm_history_new(d(2024, 2, 29), d(2024, 3, 31), &e);
	add(h, "A", d(2024, 1, 1), "1");
	add(h, "A", d(2024, 1, 2), "10");
	add(h, "A", d(2024, 1, 3), "10");
	add(h, "P", d(2024, 1, 1), "5");
	add(h, "P", d(2024, 1, 2), "9007199254740993");
	add(h, "P", d(2024, 1, 3), "1");
	crm_history_get(h, 1, CRM_DAYS, &got);
	assert_true(got.spend == 4503599627370497.0);
	add(h, "W", d(2024, 1, 1), "5");
	add(h, "W", d(2024, 1, 2), "9223372036854775807");
	add(h, "W", d(2024, 1, 3), "9223372036854775807");
	add(h, "W", d(2024, 1, 4), "3");
	crm_history_get(h, 2, CRM_DAYS, &got);
	assert_true(got.spend == 18446744073709551616.0 / 3);
	add(h, "A", d(2024, 1, 4), "0.25");
	assert_int_equal(crm_history_scale(h), 2);
	crm_history_get(h, 0, CRM_DAYS, &got);
	assert_true(got.spend == 6.75);
	crm_history_get(h, 1, CRM_DAYS, &got);
	assert_true(got.spend == 4503599627370497.0);
	crm_history_get(h, 2, CRM_DAYS, &got);
	assert_true(got.spend == 18446744073709551616.0 / 3);
	crm_history_free(h);
}

/*
 * The same below 64 bits: 10.25 raises the scale of sums held in 64
 * bits (the birth's 1 becomes 100 hundredths), 0.5 comes at a lower
 * scale; spend (10.25 + 0.5) / 2; with 0 decimals asked for, 10.75 is
 * rounded half away from zero to 11 before the division by x = 2: 5.5.
 */
static void
test_scale_narrow(void **state)
{
	struct crm_history_set *h;
	struct crm_error e;
	struct crm_history got;

	(void)state;
	h = crm_history_new(d(2024, 2, 29), d(2024, 3, 31), &e);
	add(h, "A", d(2024, 1, 1), "1");
	add(h, "A", d(2024, 1, 2), "10.25");
	add(h, "A", d(2024, 1, 3), "0.5");
	crm_history_get(h, 0, CRM_DAYS, &got);
	assert_true(got.spend == 10.75 / 2);
	crm_history_decimals(h, 0);
	crm_history_get(h, 0, CRM_DAYS, &got);
	assert_true(got.spend == 5.5);
	crm_history_free(h);
}

/*
 * Spend the same in any order: repeat purchases of 0.1, 0.2 and 0.3 sum
 * as doubles to 0.6000000000000001 in that order and to 0.6 in the
 * other (Python says so); summed exactly, both are 0.6.
 */
static void
test_decimals(void **state)
{
	struct crm_history_set *h;
	struct crm_error e;
	struct crm_history got;

	(void)state;
	h = crm_history_new(d(2024, 2, 29), d(2024, 3, 31), &e);
	crm_history_decimals(h, 1);
	add(h, "A", d(2024, 1, 1), "5");
	add(h, "A", d(2024, 1, 2), "0.1");
	add(h, "A", d(2024, 1, 3), "0.2");
	add(h, "A", d(2024, 1, 4), "0.3");
	add(h, "B", d(2024, 1, 1), "5");
	add(h, "B", d(2024, 1, 4), "0.3");
	add(h, "B", d(2024, 1, 3), "0.2");
	add(h, "B", d(2024, 1, 2), "0.1");
	crm_history_get(h, 0, CRM_DAYS, &got);
	assert_true(got.spend == 0.6 / 3);
	crm_history_get(h, 1, CRM_DAYS, &got);
	assert_true(got.spend == 0.6 / 3);
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
	add(h, "b", d(2024, 1, 1), "1");
	add(h, "ab", d(2024, 1, 1), "1");
	add(h, "a", d(2024, 1, 1), "1");
	idx = crm_history_order_by_id(h);
	assert_non_null(idx);
	assert_int_equal(idx[0], 2);
	assert_int_equal(idx[1], 1);
	assert_int_equal(idx[2], 0);
	free(idx);
	crm_history_free(h);
}

/*
 * Merges a part of id: first..last, the birth and repeat sums; first 0
 * (1970-01-01, never a day here): refunds only.
 */
static void
part(struct crm_history_set *h, const char *id, int32_t first,
    int32_t last, const char *birth, const char *repeat)
{
	struct crm_history_part p = { first != 0, first, last, dec(birth),
	    dec(repeat) };
	struct crm_error e;

	assert_true(crm_history_merge(h, id, strlen(id), &p, &e) >= 0);
}

static void
day_of(struct crm_history_set *h, const char *id, int32_t day)
{
	struct crm_error e;

	assert_true(crm_history_merge_day(h, id, strlen(id), day, &e) >= 0);
}

/*
 * crm_history_merge, the rows of test_rules as parts, merged in an
 * order other than the rows': A's part P2 (first 01-15, 20.00; 02-01,
 * 30.00, a repeat; 03-10 between; last 03-20) before P1 (01-01 only,
 * 15.00).  Merged, 01-01 is the birth and P2's birth a repeat: x = 2,
 * t_x = 31 days, T = 59, holdout 2 (03-10 and 03-20), spend (20 + 30) /
 * 2 = 25: test_rules's figures.  C: two parts of the same single day
 * (10 and 5) are one purchase, x = 0.  D: 01-01 (1) then 02-01 (4) in
 * one part, 02-01 (6) alone in another: the days 01-01 and 02-01, x =
 * 1, spend (4 + 6) / 1 = 10.  B: refunds only (a part without dates).
 */
static void
test_merge(void **state)
{
	struct crm_history_set *h;
	struct crm_error e;
	struct crm_history a = { 2, 31, 59, 2, 25, 0, 0 };
	struct crm_history b = { 0, 0, 0, 0, 0, 1, 1 };
	struct crm_history c = { 0, 0, 59, 0, 0, 0, 0 };
	struct crm_history dd = { 1, 31, 59, 0, 10, 0, 0 };

	(void)state;
	h = crm_history_new(d(2024, 2, 29), d(2024, 3, 31), &e);
	assert_non_null(h);
	part(h, "A", d(2024, 1, 15), d(2024, 3, 20), "20.00", "30.00");
	day_of(h, "A", d(2024, 2, 1));
	day_of(h, "A", d(2024, 3, 10));
	part(h, "B", 0, 0, "0", "0");
	part(h, "A", d(2024, 1, 1), d(2024, 1, 1), "15.00", "0");
	part(h, "C", d(2024, 1, 1), d(2024, 1, 1), "10", "0");
	part(h, "C", d(2024, 1, 1), d(2024, 1, 1), "5", "0");
	part(h, "D", d(2024, 2, 1), d(2024, 2, 1), "6", "0");
	part(h, "D", d(2024, 1, 1), d(2024, 2, 1), "1", "4");
	assert_int_equal(crm_history_count(h), 4);
	expect(h, 0, "A", CRM_DAYS, &a);
	expect(h, 1, "B", CRM_DAYS, &b);
	expect(h, 2, "C", CRM_DAYS, &c);
	expect(h, 3, "D", CRM_DAYS, &dd);
	crm_history_free(h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_late_and_single),
		cmocka_unit_test(test_descending),
		cmocka_unit_test(test_any_order),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_refund_flag),
		cmocka_unit_test(test_exact_sums),
		cmocka_unit_test(test_scale_narrow),
		cmocka_unit_test(test_decimals),
		cmocka_unit_test(test_order_by_id),
		cmocka_unit_test(test_merge),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
