/*
 * test_decimal.c - exact decimal arithmetic: limits, adding, scaling,
 * rounding half away from zero, products, quotients, ratio comparisons,
 * the formatters and the column bounds.
 *
 * Every expected value is worked out by hand beside it (the long ones
 * checked with bc or python3's decimal module, as noted).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "decimal.h"

/* 10^k as a signed value. */
static crm_i128
p10(int k)
{
	return (crm_i128)crm_decimal_pow10(k);
}

/* The text of units / 10^scale at places decimals. */
static const char *
fmt(crm_i128 units, int scale, int places)
{
	static char buf[CRM_DECIMAL_SIZE];

	crm_decimal_format(units, scale, places, buf, sizeof(buf));
	return buf;
}

static void
test_limits(void **state)
{
	crm_i128 max = crm_decimal_max();

	(void)state;
	/* 10^38 - 1: 38 nines */
	assert_string_equal(fmt(max, 0, 0),
	    "99999999999999999999999999999999999999");
	assert_true(max == p10(38) - 1);
	assert_true(crm_decimal_fits(max) && crm_decimal_fits(-max));
	assert_false(crm_decimal_fits(max + 1) || crm_decimal_fits(-max - 1));
	assert_true(crm_decimal_pow10(0) == 1);
	assert_string_equal(fmt(p10(19), 0, 0), "10000000000000000000");
	assert_string_equal(fmt(p10(37), 0, 0),
	    "10000000000000000000000000000000000000");
}

static void
test_add(void **state)
{
	crm_i128 max = crm_decimal_max(), s;

	(void)state;
	s = 9007199254740993LL;		/* 2^53 + 1 */
	assert_int_equal(crm_decimal_add(&s, 1), 0);
	assert_true(s == 9007199254740994LL);
	s = max - 1;
	assert_int_equal(crm_decimal_add(&s, 1), 0);
	assert_true(s == max);
	/* one more passes 38 digits: refused, s unchanged */
	assert_int_equal(crm_decimal_add(&s, 1), -1);
	assert_true(s == max);
	s = -max;
	assert_int_equal(crm_decimal_add(&s, -1), -1);
	assert_true(s == -max);
	/* opposite signs never overflow */
	assert_int_equal(crm_decimal_add(&s, max), 0);
	assert_true(s == 0);
}

static void
test_add_to(void **state)
{
	struct crm_decimal a = { 1015, 3 }, b = { 5, 1 };	/* 1.015, 0.5 */

	(void)state;
	/* 1.015 + 0.5 = 1.515, at 3 places */
	assert_int_equal(crm_decimal_add_to(&a, &b), 0);
	assert_true(a.units == 1515 && a.scale == 3);
	/* 10^37 at 0 places plus 0.1: 10^38 + 1 tenths, 39 digits */
	a.units = p10(37);
	a.scale = 0;
	b.units = 1;
	b.scale = 1;
	assert_int_equal(crm_decimal_add_to(&a, &b), -1);
	assert_true(a.units == p10(37) && a.scale == 0);
}

static void
test_shift_and_round(void **state)
{
	crm_i128 u = 12345;

	(void)state;
	assert_int_equal(crm_decimal_shift(&u, 3), 0);
	assert_true(u == 12345000);
	u = p10(37);
	assert_int_equal(crm_decimal_shift(&u, 1), -1);	/* 10^38 */
	assert_true(u == p10(37));
	u = 0;
	assert_int_equal(crm_decimal_shift(&u, 50), 0);	/* 0 stays */
	/* halves away from zero: 1.015 -> 1.02, -1.015 -> -1.02 */
	assert_true(crm_decimal_round(1015, 1) == 102);
	assert_true(crm_decimal_round(-1015, 1) == -102);
	assert_true(crm_decimal_round(1014, 1) == 101);
	assert_true(crm_decimal_round(-1014, 1) == -101);
	/* 0.5 -> 1, 0.4999 -> 0; 9.995 -> 10.00 */
	assert_true(crm_decimal_round(5, 1) == 1);
	assert_true(crm_decimal_round(4999, 4) == 0);
	assert_true(crm_decimal_round(9995, 1) == 1000);
	/* 128-bit division: 38 nines to 0 places less 20 */
	assert_true(crm_decimal_round(crm_decimal_max(), 20) == p10(18));
	assert_true(crm_decimal_round(crm_decimal_max(), 39) == 0);
}

static void
test_mul(void **state)
{
	struct crm_decimal a = { 250, 2 }, b = { 4, 0 }, p;	/* 2.50, 4 */

	(void)state;
	assert_int_equal(crm_decimal_mul(&a, &b, &p), 0);
	assert_true(p.units == 1000 && p.scale == 2);		/* 10.00 */
	b.units = -3;
	assert_int_equal(crm_decimal_mul(&a, &b, &p), 0);
	assert_true(p.units == -750 && p.scale == 2);		/* -7.50 */
	/* 10^19 * 10^19 = 10^38: 39 digits, refused */
	a.units = p10(19);
	a.scale = 0;
	b.units = p10(19);
	assert_int_equal(crm_decimal_mul(&a, &b, &p), -1);
	/* 10^19 * (10^19 - 1) = 10^38 - 10^19 fits */
	b.units = p10(19) - 1;
	assert_int_equal(crm_decimal_mul(&a, &b, &p), 0);
	assert_true(p.units == p10(38) - p10(19));
	/* past 38 places trailing zeros go: 0.1 (at 20 places) squared */
	a.units = p10(19);
	a.scale = 20;
	b = a;
	assert_int_equal(crm_decimal_mul(&a, &b, &p), 0);
	assert_true(p.units == p10(36) && p.scale == 38);	/* 0.01 */
	/* 0.(19 zeros)1 squared needs 40 places: refused */
	a.units = 1;
	b = a;
	assert_int_equal(crm_decimal_mul(&a, &b, &p), -1);
}

static void
test_quotient(void **state)
{
	crm_i128 q;

	(void)state;
	/* (1.01 + 1.02) / 2 at 2 places: 203 / 2 = 101.5 -> 102 */
	assert_int_equal(crm_decimal_quotient(203, 2, 0, &q), 0);
	assert_true(q == 102);
	assert_int_equal(crm_decimal_quotient(-203, 2, 0, &q), 0);
	assert_true(q == -102);
	/* 13612.070 / 20 at 3 places: 13612070 / 20 = 680603.5 -> 680604 */
	assert_int_equal(crm_decimal_quotient(13612070, 20, 0, &q), 0);
	assert_true(q == 680604);
	/* 2.03 to 1 place from 2 (shift -1): 20.3 / 10 -> 2.0; 2.05 -> 2.1 */
	assert_int_equal(crm_decimal_quotient(203, 1, -1, &q), 0);
	assert_true(q == 20);
	assert_int_equal(crm_decimal_quotient(205, 1, -1, &q), 0);
	assert_true(q == 21);
	/* a share to 6 places: 1 / 3 -> 333333, 2 / 3 -> 666667 */
	assert_int_equal(crm_decimal_quotient(1, 3, 6, &q), 0);
	assert_true(q == 333333);
	assert_int_equal(crm_decimal_quotient(2, 3, 6, &q), 0);
	assert_true(q == 666667);
	/*
	 * The 256-bit path: (10^38 - 1) * 10^6 / (10^38 - 2), a hair above
	 * 10^6: 1000000 (python3's decimal: 1000000.00000000000000000...).
	 */
	assert_int_equal(crm_decimal_quotient(crm_decimal_max(),
	    crm_decimal_max() - 1, 6, &q), 0);
	assert_true(q == 1000000);
	/* 7 * 10^37 * 10^6 / 3 = 2.33... * 10^43: past 38 digits */
	assert_int_equal(crm_decimal_quotient(7 * p10(37), 3, 6, &q), -1);
	/* (10^38 - 1) / (7 * 10^38) is 0.14...: 0 */
	assert_int_equal(crm_decimal_quotient(crm_decimal_max(), 7, -38, &q),
	    0);
	assert_true(q == 0);
	/* 5 * 10^37 / 10^38 is exactly one half: 1 */
	assert_int_equal(crm_decimal_quotient(5 * p10(37), 1, -38, &q), 0);
	assert_true(q == 1);
}

static void
test_ratio_cmp(void **state)
{
	crm_i128 max = crm_decimal_max();

	(void)state;
	/* 79999999 / 10^8 < 80 / 100 = 8 / 10 */
	assert_true(crm_decimal_ratio_cmp(79999999, 100000000, 80, 100) < 0);
	assert_true(crm_decimal_ratio_cmp(80000000, 100000000, 8, 10) == 0);
	assert_true(crm_decimal_ratio_cmp(3, 2, 1, 1) > 0);
	/* signs: -1/2 < 0 < 1/3 */
	assert_true(crm_decimal_ratio_cmp(-1, 2, 0, 1) < 0);
	assert_true(crm_decimal_ratio_cmp(-1, 2, -1, 3) < 0);
	assert_true(crm_decimal_ratio_cmp(0, 5, 0, 7) == 0);
	/* products of 76 digits: (max - 1) / max < 1, x / (x - 1) falls */
	assert_true(crm_decimal_ratio_cmp(max - 1, max, max, max) < 0);
	assert_true(crm_decimal_ratio_cmp(max, max - 1, max - 1, max - 2) <
	    0);
}

static void
test_format(void **state)
{
	char buf[CRM_DECIMAL_SIZE];

	(void)state;
	assert_string_equal(fmt(123450, 2, 2), "1234.50");
	assert_string_equal(fmt(123450, 2, 4), "1234.5000");
	assert_string_equal(fmt(123455, 3, 2), "123.46");	/* 123.455 */
	assert_string_equal(fmt(-123455, 3, 2), "-123.46");
	assert_string_equal(fmt(-4, 3, 2), "0.00");	/* never -0 */
	assert_string_equal(fmt(-5, 3, 2), "-0.01");
	assert_string_equal(fmt(5, 0, 0), "5");
	assert_string_equal(fmt(7, 9, 9), "0.000000007");
	assert_string_equal(fmt(0, 0, 3), "0.000");
	assert_string_equal(fmt(-crm_decimal_max(), 2, 2),
	    "-999999999999999999999999999999999999.99");
	/* 38 places of 1: the longest text, within CRM_DECIMAL_SIZE */
	assert_string_equal(fmt(1, 38, 38),
	    "0.00000000000000000000000000000000000001");
	crm_decimal_format_trim(1250, 3, 6, buf, sizeof(buf));
	assert_string_equal(buf, "1.25");
	crm_decimal_format_trim(1000, 3, 6, buf, sizeof(buf));
	assert_string_equal(buf, "1");
	crm_decimal_format_trim(1000005, 7, 6, buf, sizeof(buf));
	assert_string_equal(buf, "0.100001");	/* 0.1000005 */
	/* snprintf's truncation: the length is the whole text's */
	assert_int_equal(crm_decimal_format(123450, 2, 2, buf, 4), 7);
	assert_string_equal(buf, "123");
}

static void
test_ratio_format(void **state)
{
	char buf[CRM_DECIMAL_SIZE];

	(void)state;
	crm_decimal_ratio_format(1, 2000000, 0, 6, buf, sizeof(buf));
	assert_string_equal(buf, "0.000001");		/* 0.0000005 */
	crm_decimal_ratio_format(1999999, 2000000, 0, 6, buf, sizeof(buf));
	assert_string_equal(buf, "1");			/* 0.9999995 */
	crm_decimal_ratio_format(1, 3, 0, 6, buf, sizeof(buf));
	assert_string_equal(buf, "0.333333");
	crm_decimal_ratio_format(-1, 3, 0, 6, buf, sizeof(buf));
	assert_string_equal(buf, "-0.333333");
	crm_decimal_ratio_format(-1, 3000000000LL, 0, 6, buf, sizeof(buf));
	assert_string_equal(buf, "0");			/* never -0 */
	crm_decimal_ratio_format(5, 2, 0, 6, buf, sizeof(buf));
	assert_string_equal(buf, "2.5");
	/* percentages: 4 places of 100 times */
	crm_decimal_ratio_format(1, 3, 2, 4, buf, sizeof(buf));
	assert_string_equal(buf, "33.3333");
	crm_decimal_ratio_format(1, 2000000, 2, 4, buf, sizeof(buf));
	assert_string_equal(buf, "0.0001");		/* 0.00005 */
	crm_decimal_ratio_format(1999999, 2000000, 2, 4, buf, sizeof(buf));
	assert_string_equal(buf, "100");		/* 99.99995 */
	crm_decimal_ratio_format(3, 1, 2, 4, buf, sizeof(buf));
	assert_string_equal(buf, "300");
	/* a huge ratio: 38 nines over 1, as a percentage */
	crm_decimal_ratio_format(crm_decimal_max(), 1, 2, 4, buf,
	    sizeof(buf));
	assert_string_equal(buf,
	    "9999999999999999999999999999999999999900");
	crm_decimal_ratio_format(-crm_decimal_max(), 7, 0, 6, buf,
	    sizeof(buf));
	/* bc: -(10^38 - 1) / 7 = -1428571...14285714.142857 (38 digits) */
	assert_string_equal(buf,
	    "-14285714285714285714285714285714285714.142857");
}

static void
test_to_double(void **state)
{
	(void)state;
	assert_true(crm_decimal_to_double(1015, 3) == 1.015);
	assert_true(crm_decimal_to_double(-25, 1) == -2.5);
	/* past 2^53: the nearest double, by strtod */
	assert_true(crm_decimal_to_double(9007199254740993LL, 0) ==
	    9007199254740992.0);
	assert_true(crm_decimal_to_double(crm_decimal_max(), 0) == 1e38);
	assert_true(crm_decimal_to_double(1, 38) == 1e-38);
}

static void
test_column(void **state)
{
	struct crm_decimal_column c;
	struct crm_decimal d;
	crm_i128 u;
	int raise;

	(void)state;
	memset(&c, 0, sizeof(c));
	d.units = 1050;
	d.scale = 2;				/* 10.50 */
	assert_int_equal(crm_decimal_column_add(&c, &d, &u, &raise), 1);
	assert_true(u == 1050 && raise == 2 && c.scale == 2);
	d.units = -3;
	d.scale = 0;				/* -3 at 2 places */
	assert_int_equal(crm_decimal_column_add(&c, &d, &u, &raise), 1);
	assert_true(u == -300 && raise == 0);
	assert_true(c.pos == 1050 && c.neg == -300);
	d.units = 1;
	d.scale = 3;				/* 0.001: every sum * 10 */
	assert_int_equal(crm_decimal_column_add(&c, &d, &u, &raise), 1);
	assert_true(u == 1 && raise == 1 && c.scale == 3);
	assert_true(c.pos == 10501 && c.neg == -3000);
	/* a value that takes the positive sum past 38 digits: refused */
	d.units = crm_decimal_max() - 10000;
	d.scale = 3;
	assert_int_equal(crm_decimal_column_add(&c, &d, &u, &raise), -1);
	assert_true(c.pos == 10501 && c.scale == 3);
	/* and one whose decimals would take it there */
	memset(&c, 0, sizeof(c));
	d.units = 9 * p10(37);
	d.scale = 0;
	assert_int_equal(crm_decimal_column_add(&c, &d, &u, &raise), 1);
	d.units = 1;
	d.scale = 1;
	assert_int_equal(crm_decimal_column_add(&c, &d, &u, &raise), -1);
	assert_int_equal(c.scale, 0);
}

static void
test_column_take(void **state)
{
	struct crm_decimal_column c;
	struct crm_decimal d = { 0, 2 };
	crm_i128 u;
	int raise, i;

	(void)state;
	memset(&c, 0, sizeof(c));
	crm_decimal_column_limit(&c, 1000);
	/* the first value sets the scale: the slow path, 1 */
	d.units = 100;
	assert_int_equal(crm_decimal_column_take(&c, &d, &u, &raise), 1);
	assert_true(raise == 2 && c.pos == 100 && c.budget == 900);
	/* then 8 more of 100 within the budget of 900: the fast path */
	for (i = 0; i < 8; i++)
		assert_int_equal(crm_decimal_column_take(&c, &d, &u, &raise),
		    0);
	assert_true(c.pos == 900 && c.budget == 100);
	/* 100 more would reach the limit exactly: checked, 1 */
	assert_int_equal(crm_decimal_column_take(&c, &d, &u, &raise), 1);
	assert_true(c.pos == 1000 && c.budget == 0);
	/* past the limit the caller is told every time (1), not refused */
	d.units = -5;
	assert_int_equal(crm_decimal_column_take(&c, &d, &u, &raise), 1);
	assert_true(c.neg == -5);
	/* a new limit gives a new budget: 10^38 - 1 - 1000 */
	crm_decimal_column_limit(&c, 0);
	assert_true(c.budget == INT64_MAX);
	assert_int_equal(crm_decimal_column_take(&c, &d, &u, &raise), 0);
	assert_true(c.neg == -10 && u == -5);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_add),
		cmocka_unit_test(test_add_to),
		cmocka_unit_test(test_shift_and_round),
		cmocka_unit_test(test_mul),
		cmocka_unit_test(test_quotient),
		cmocka_unit_test(test_ratio_cmp),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_ratio_format),
		cmocka_unit_test(test_to_double),
		cmocka_unit_test(test_column),
		cmocka_unit_test(test_column_take),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
