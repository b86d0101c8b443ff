/*
 * test_pareto.c - ranking, shares, classes and the concentration figures.
 *
 * Every expected value is worked out by hand in the comment beside it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "pareto.h"
#include "value.h"

/* cmocka 1.1's assert_float_equal works in float; these need double. */
#define assert_near(a, b, eps)	near((a), (b), (eps), #a, __LINE__)

static void
near(double got, double want, double eps, const char *what, int line)
{
	double d = got > want ? got - want : want - got;

	if (!(d <= eps))
		fail_msg("line %d: %s is %.17g, expected %.17g", line, what,
		    got, want);
}

/* The default bounds, 80% and 95%. */
static const struct crm_decimal abc[] = { { 80, 0 }, { 95, 0 } };

/* Ranks the values v (texts, read exactly); payloads point into v. */
static void
rank_values(struct crm_pareto *p, const struct crm_decimal *bounds,
    size_t nb, const char *const *v, size_t n)
{
	struct crm_decimal d;
	size_t i;

	assert_int_equal(crm_pareto_init(p, bounds, nb, NULL), 0);
	for (i = 0; i < n; i++) {
		assert_int_equal(crm_decimal_parse(v[i], 0, &d, NULL),
		    CRM_VALUE_OK);
		assert_int_equal(crm_pareto_add(p, d.units, d.scale,
		    (void *)(v + i), NULL), 0);
	}
	assert_int_equal(crm_pareto_rank(p, NULL), 0);
}

/* Whether d is units / 10^scale. */
static int
is(const struct crm_decimal *d, long long units, int scale)
{
	return d->units == units && d->scale == scale;
}

static void
test_parse_classes(void **state)
{
	struct crm_decimal b[CRM_PARETO_MAX_BOUNDS];
	struct crm_error e;
	size_t n;

	(void)state;
	assert_int_equal(crm_pareto_parse_classes("80,95", b, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_true(is(&b[0], 80, 0) && is(&b[1], 95, 0));
	assert_int_equal(crm_pareto_parse_classes("50,80,95", b, &n, &e), 0);
	assert_int_equal(n, 3);
	assert_int_equal(crm_pareto_parse_classes("70", b, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(crm_pareto_parse_classes("12.5,80", b, &n, &e), 0);
	assert_true(is(&b[0], 125, 1));
	/* 80.0 is not above 80, however it is written */
	assert_int_equal(crm_pareto_parse_classes("80,80.0", b, &n, &e), -1);
	assert_int_equal(crm_pareto_parse_classes("79.99,80", b, &n, &e), 0);
	assert_int_equal(crm_pareto_parse_classes("99.999999,99.9999999", b,
	    &n, &e), 0);
	assert_int_equal(crm_pareto_parse_classes("95,80", b, &n, &e), -1);
	assert_int_equal(e.status, CRM_EXIT_USAGE);
	assert_int_equal(crm_pareto_parse_classes("80,80", b, &n, &e), -1);
	assert_int_equal(crm_pareto_parse_classes("0,80", b, &n, &e), -1);
	assert_int_equal(crm_pareto_parse_classes("80,100", b, &n, &e), -1);
	assert_int_equal(crm_pareto_parse_classes("80,100.0", b, &n, &e), -1);
	assert_int_equal(crm_pareto_parse_classes("80,", b, &n, &e), -1);
	assert_int_equal(crm_pareto_parse_classes(",80", b, &n, &e), -1);
	assert_int_equal(crm_pareto_parse_classes("", b, &n, &e), -1);
	assert_int_equal(crm_pareto_parse_classes("eighty", b, &n, &e), -1);
}

static void
test_rank_shares_classes(void **state)
{
	/* 50, 5, 30, 15: total 100, ranked 50, 30, 15, 5 */
	const char *const v[] = { "50", "5", "30", "15" };
	struct crm_pareto p;

	(void)state;
	rank_values(&p, abc, 2, v, 4);
	assert_true(p.items[0].value == 50 && p.items[1].value == 30 &&
	    p.items[2].value == 15 && p.items[3].value == 5);
	assert_int_equal(p.items[3].rank, 4);
	assert_true(p.items[1].payload == v + 2);
	assert_near(p.items[0].share, 0.5, 1e-12);
	assert_near(p.items[1].cum_share, 0.8, 1e-12);
	assert_near(p.items[2].cum_share, 0.95, 1e-12);
	assert_near(p.items[3].cum_share, 1.0, 0);
	assert_near(p.items[2].cum_item_share, 0.75, 0);
	/* before each: 0, .5, .8, .95 -> A, A (crosses 80%), B, C */
	assert_int_equal(p.items[0].cls, 0);
	assert_int_equal(p.items[1].cls, 0);
	assert_int_equal(p.items[2].cls, 1);
	assert_int_equal(p.items[3].cls, 2);
	crm_pareto_free(&p);
}

static void
test_boundary_with_rounding(void **state)
{
	/*
	 * 1.2 is exactly 80% of 1.2 + 0.2 + 0.1 = 1.5 (in binary the total
	 * is 1.5000000000000002, and 0.8 times it a hair above 1.2).  The
	 * item after 1.2 starts at 80% and is B, not A: the sums are exact.
	 */
	const char *const v[] = { "0.1", "1.2", "0.2" };
	struct crm_pareto p;

	(void)state;
	rank_values(&p, abc, 2, v, 3);
	assert_int_equal(p.items[0].cls, 0);
	assert_int_equal(p.items[1].cls, 1);
	crm_pareto_free(&p);
}

static void
test_boundary_exact(void **state)
{
	/*
	 * 799999999 of 10^9 is 79.9999999%, short of 80: the item after it
	 * is still A (the old tolerance of 1e-9 of the total made it B).
	 * Ranked 799999999, 100000000, 100000000, 1; before each: 0,
	 * 79.9999999, 89.9999999, 99.9999999 -> A, A, B, C.
	 */
	const char *const v[] = { "799999999", "1", "100000000",
	    "100000000" };
	/* 80% exactly reaches 80, not 80.0000005 */
	const char *const w[] = { "800000000", "100000000", "100000000" };
	const struct crm_decimal odd[] = { { 800000005, 7 } };
	struct crm_pareto p;

	(void)state;
	rank_values(&p, abc, 2, v, 4);
	assert_int_equal(p.items[0].cls, 0);
	assert_int_equal(p.items[1].cls, 0);
	assert_int_equal(p.items[2].cls, 1);
	assert_int_equal(p.items[3].cls, 2);
	crm_pareto_free(&p);
	rank_values(&p, abc, 2, w, 3);
	assert_int_equal(p.items[1].cls, 1);
	crm_pareto_free(&p);
	rank_values(&p, odd, 1, w, 3);
	assert_int_equal(p.items[1].cls, 0);
	assert_int_equal(p.items[2].cls, 1);
	crm_pareto_free(&p);
}

static void
test_large_values_exact(void **state)
{
	/*
	 * Past 2^53 doubles merge neighbours: 9007199254740993 would be
	 * ...992 and tie with it.  Exact, it ranks first; the total is
	 * 9007199254740993 + 9007199254740992 + 12345678901234567890 =
	 * 12363693299744049875 (by hand, checked with bc).
	 */
	const char *const v[] = { "9007199254740992", "9007199254740993",
	    "12345678901234567890" };
	struct crm_pareto p;

	(void)state;
	rank_values(&p, abc, 2, v, 3);
	assert_true(p.items[0].payload == v + 2);
	assert_true(p.items[1].payload == v + 1);
	assert_true(p.items[2].payload == v + 0);
	assert_true(p.total_units == (crm_i128)12363693299744049875ULL);
	assert_int_equal(p.scale, 0);
	crm_pareto_free(&p);
}

static void
test_scales_align(void **state)
{
	/* 1.5 + 2 + 0.25 at two places: 150 + 200 + 25 = 375 units */
	const char *const v[] = { "1.5", "2", "0.25" };
	struct crm_pareto p;

	(void)state;
	rank_values(&p, abc, 2, v, 3);
	assert_int_equal(p.scale, 2);
	assert_true(p.positive_units == 375);
	assert_true(p.items[0].units == 200 && p.items[1].units == 150 &&
	    p.items[2].units == 25);
	crm_pareto_free(&p);
}

static void
test_ties_keep_input_order(void **state)
{
	const char *const v[] = { "10", "20", "10", "20", "10" };
	struct crm_pareto p;

	(void)state;
	rank_values(&p, abc, 2, v, 5);
	/* 20 (#1), 20 (#3), 10 (#0), 10 (#2), 10 (#4) */
	assert_true(p.items[0].payload == v + 1);
	assert_true(p.items[1].payload == v + 3);
	assert_true(p.items[2].payload == v + 0);
	assert_true(p.items[3].payload == v + 2);
	assert_true(p.items[4].payload == v + 4);
	crm_pareto_free(&p);
}

static void
test_zero_and_negative(void **state)
{
	/* positive total 50; -5 and 0 add nothing and are C */
	const char *const v[] = { "10", "-5", "0", "10", "30" };
	struct crm_pareto p;
	struct crm_pareto_summary s;
	size_t i;

	(void)state;
	rank_values(&p, abc, 2, v, 5);
	assert_near(p.total, 45, 0);
	assert_near(p.positive_total, 50, 0);
	for (i = 0; i < 5; i++)
		assert_true(p.items[i].cum_share <= 1.0);
	assert_near(p.items[4].value, -5, 0);
	assert_near(p.items[4].share, -0.1, 1e-12);
	assert_near(p.items[4].cum_share, 1.0, 0);
	assert_int_equal(p.items[3].cls, 2);
	assert_int_equal(p.items[4].cls, 2);
	crm_pareto_summarize(&p, &s);
	assert_int_equal(s.nonpositive_items, 2);
	/* Lorenz at 1 item: 30/50; 80% reached exactly after 2 items */
	assert_near(s.top20_value_share, 0.6, 1e-12);
	assert_near(s.items_share_for_80, 0.4, 1e-12);
	assert_int_equal(s.items_for_80, 2);
	assert_int_equal(s.class_items[0], 2);
	assert_true(s.class_value[2] == -5);
	assert_true(s.total == 45 && s.positive_total == 50);
	/* 2*(3*10 + 4*10 + 5*30)/(5*50) - 6/5 = 0.56 */
	assert_near(s.gini, 0.56, 1e-12);
	crm_pareto_free(&p);
}

static void
test_summary_interpolates(void **state)
{
	/*
	 * 7 items 40, 20, 15, 10, 8, 5, 2 (total 100).  20% of 7 = 1.4
	 * items: 0.40 + 0.4 * 0.20 = 0.48.  80% lies in item 4 (cum .75 ->
	 * .85): (3 + (.80 - .75) / .10) / 7 = 3.5 / 7 = 0.5.
	 */
	const char *const v[] = { "40", "20", "15", "10", "8", "5", "2" };
	struct crm_pareto p;
	struct crm_pareto_summary s;

	(void)state;
	rank_values(&p, abc, 2, v, 7);
	crm_pareto_summarize(&p, &s);
	assert_near(s.top20_value_share, 0.48, 1e-12);
	assert_near(s.items_share_for_80, 0.5, 1e-12);
	assert_int_equal(s.items_for_80, 4);
	/* before: 0 .4 .6 .75 .85 .93 .98 -> A A A A B B C */
	assert_int_equal(s.class_items[0], 4);
	assert_int_equal(s.class_items[1], 2);
	assert_int_equal(s.class_items[2], 1);
	assert_true(s.class_value[1] == 13);
	crm_pareto_free(&p);
}

static void
test_gini_extremes(void **state)
{
	/* all equal: 0; one holds all of 4: (n-1)/n = 0.75 */
	const char *const equal[] = { "5", "5", "5", "5" };
	const char *const one[] = { "0", "0", "9", "0" };
	struct crm_pareto p;
	struct crm_pareto_summary s;

	(void)state;
	rank_values(&p, abc, 2, equal, 4);
	crm_pareto_summarize(&p, &s);
	assert_near(s.gini, 0, 1e-12);
	/* 20% of 4 = 0.8 item: 0.8 * 0.25 */
	assert_near(s.top20_value_share, 0.2, 1e-12);
	crm_pareto_free(&p);
	rank_values(&p, abc, 2, one, 4);
	crm_pareto_summarize(&p, &s);
	assert_near(s.gini, 0.75, 1e-12);
	assert_int_equal(s.items_for_80, 1);
	/* 80% of the one item that holds everything: 0.8 / 4 */
	assert_near(s.items_share_for_80, 0.2, 1e-12);
	crm_pareto_free(&p);
}

static void
test_nothing_positive(void **state)
{
	const char *const v[] = { "0", "-3" };
	struct crm_pareto p;
	struct crm_pareto_summary s;

	(void)state;
	rank_values(&p, abc, 2, v, 2);
	assert_near(p.items[0].share, 0, 0);
	assert_near(p.items[1].cum_share, 0, 0);
	assert_int_equal(p.items[0].cls, 2);
	crm_pareto_summarize(&p, &s);
	assert_near(s.gini, 0, 0);
	assert_int_equal(s.items_for_80, 0);
	crm_pareto_free(&p);
	/* and no items at all */
	rank_values(&p, abc, 2, v, 0);
	crm_pareto_summarize(&p, &s);
	assert_int_equal(s.items, 0);
	crm_pareto_free(&p);
}

static void
test_init_rejects_bad_bounds(void **state)
{
	const struct crm_decimal bad[] = { { 95, 0 }, { 80, 0 } };
	const struct crm_decimal out[] = { { 50, 0 }, { 100, 0 } };
	struct crm_pareto p;
	struct crm_error e;

	(void)state;
	assert_int_equal(crm_pareto_init(&p, bad, 2, &e), -1);
	assert_int_equal(e.status, CRM_EXIT_USAGE);
	assert_int_equal(crm_pareto_init(&p, out, 2, &e), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_classes),
		cmocka_unit_test(test_rank_shares_classes),
		cmocka_unit_test(test_boundary_with_rounding),
		cmocka_unit_test(test_boundary_exact),
		cmocka_unit_test(test_large_values_exact),
		cmocka_unit_test(test_scales_align),
		cmocka_unit_test(test_ties_keep_input_order),
		cmocka_unit_test(test_zero_and_negative),
		cmocka_unit_test(test_summary_interpolates),
		cmocka_unit_test(test_gini_extremes),
		cmocka_unit_test(test_nothing_positive),
		cmocka_unit_test(test_init_rejects_bad_bounds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
