/*
 * test_scale.c - quantiles, cut points, scores and their intervals.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "scale.h"

static void
near(double got, double want)
{
	double d = got > want ? got - want : want - got;

	if (!(d <= 1e-12))
		fail_msg("%.17g, expected %.17g", got, want);
}

static void
test_quantile7(void **state)
{
	/* 1 2 3 4 10: h = 4p; p=.2 -> x[0.8] = 1 + .8*1 = 1.8 */
	const double v[] = { 1, 2, 3, 4, 10 };

	(void)state;
	near(crm_quantile7(v, 5, 0.0), 1);
	near(crm_quantile7(v, 5, 0.2), 1.8);
	near(crm_quantile7(v, 5, 0.5), 3);
	/* p=.8 -> h=3.2 -> 4 + .2*6 = 5.2 */
	near(crm_quantile7(v, 5, 0.8), 5.2);
	near(crm_quantile7(v, 5, 1.0), 10);
	near(crm_quantile7(v, 1, 0.3), 1);
}

/*
 * Between two equal values R returns the value itself, not the mix
 * (1 - h) x + h x, which rounding could move off it: 0.1 three times,
 * p = 0.3 (h = 0.6) gives 0.1 exactly, through the quantile and through
 * the cut points alike (they share the arithmetic).
 */
static void
test_quantile7_between_equal_values(void **state)
{
	const double v[] = { 0.1, 0.1, 0.1, 7 };
	double w[] = { 7, 0.1, 0.1, 0.1 };
	struct crm_scale s;

	(void)state;
	assert_true(crm_quantile7(v, 3, 0.3) == 0.1);
	/* 4 values, 2 bins: index 1 + 3 * 0.5 = 2.5, between 0.1 and 0.1 */
	assert_true(crm_quantile7(v, 4, 0.5) == 0.1);
	crm_scale_from_values(&s, CRM_SCALE_QUANTILE, 2, 0, w, 4);
	assert_true(s.cut[0] == 0.1);
	/* 3 bins: index 2 (exactly 0.1) and 3 (exactly 0.1) */
	crm_scale_from_values(&s, CRM_SCALE_QUANTILE, 3, 0, w, 4);
	assert_true(s.cut[0] == 0.1 && s.cut[1] == 0.1);
}

static void
test_higher_is_better(void **state)
{
	/* 10 values 1..10, N=5: cuts at h = 9*.2 = 1.8 -> 2.8, 4.6, 6.4, 8.2 */
	/* in no order: the scale selects, it does not need them sorted */
	double v[] = { 7, 2, 10, 4, 1, 6, 9, 3, 8, 5 };
	struct crm_scale s;
	char buf[64];

	(void)state;
	crm_scale_from_values(&s, CRM_SCALE_QUANTILE, 5, 0, v, 10);
	near(s.cut[0], 2.8);
	near(s.cut[3], 8.2);
	assert_int_equal(crm_scale_score(&s, 1), 1);
	assert_int_equal(crm_scale_score(&s, 2.8), 1);	/* on a cut: lower */
	assert_int_equal(crm_scale_score(&s, 3), 2);
	assert_int_equal(crm_scale_score(&s, 8), 4);
	assert_int_equal(crm_scale_score(&s, 9), 5);
	crm_scale_interval(&s, 1, buf, sizeof(buf));
	assert_string_equal(buf, "(-inf, 2.8]");
	crm_scale_interval(&s, 3, buf, sizeof(buf));
	assert_string_equal(buf, "(4.6, 6.4]");
	crm_scale_interval(&s, 5, buf, sizeof(buf));
	assert_string_equal(buf, "(8.2, +inf)");
}

static void
test_lower_is_better(void **state)
{
	/* recency days 0, 10, 20, 30, 40: h = 4p -> cuts 8, 16, 24, 32 */
	double v[] = { 40, 0, 30, 10, 20 };
	struct crm_scale s;
	char buf[64];

	(void)state;
	crm_scale_from_values(&s, CRM_SCALE_QUANTILE, 5, 1, v, 5);
	assert_int_equal(crm_scale_score(&s, 0), 5);
	assert_int_equal(crm_scale_score(&s, 8), 4);	/* on a cut: lower */
	assert_int_equal(crm_scale_score(&s, 20), 3);
	assert_int_equal(crm_scale_score(&s, 40), 1);
	crm_scale_interval(&s, 5, buf, sizeof(buf));
	assert_string_equal(buf, "(-inf, 8)");
	crm_scale_interval(&s, 4, buf, sizeof(buf));
	assert_string_equal(buf, "[8, 16)");
	crm_scale_interval(&s, 1, buf, sizeof(buf));
	assert_string_equal(buf, "[32, +inf)");
}

static void
test_fewer_distinct_values_than_bins(void **state)
{
	/*
	 * Frequencies 1 1 1 1 1 1 1 2 2 5 (n=10): h = 9p gives cuts
	 * x[1.8]=1, x[3.6]=1, x[5.4]=1, x[7.2]=2.  One-time buyers score
	 * 1, two-time buyers 4 (three cuts below 2), five 5; scores 2 and
	 * 3 are never given.
	 */
	double v[] = { 2, 1, 5, 1, 1, 2, 1, 1, 1, 1 };
	struct crm_scale s;
	char buf[64];

	(void)state;
	crm_scale_from_values(&s, CRM_SCALE_QUANTILE, 5, 0, v, 10);
	assert_int_equal(crm_scale_score(&s, 1), 1);
	assert_int_equal(crm_scale_score(&s, 2), 4);
	assert_int_equal(crm_scale_score(&s, 5), 5);
	crm_scale_interval(&s, 2, buf, sizeof(buf));
	assert_string_equal(buf, "none");
	crm_scale_interval(&s, 4, buf, sizeof(buf));
	assert_string_equal(buf, "(1, 2]");
}

static void
test_r_rfm(void **state)
{
	/*
	 * Values 1..10, N=5: R's cuts are quantile(.2,.4,.6,.8) + 1 =
	 * 3.8, 5.6, 7.4, 9.2; bins [1,3.8) [3.8,5.6) [5.6,7.4) [7.4,9.2)
	 * [9.2,11).
	 */
	double v[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
	struct crm_scale s;
	char buf[64];

	(void)state;
	crm_scale_from_values(&s, CRM_SCALE_R_RFM, 5, 0, v, 10);
	near(s.cut[0], 3.8);
	assert_int_equal(crm_scale_score(&s, 3), 1);
	assert_int_equal(crm_scale_score(&s, 4), 2);
	assert_int_equal(crm_scale_score(&s, 10), 5);
	crm_scale_interval(&s, 5, buf, sizeof(buf));
	assert_string_equal(buf, "[9.2, 11)");
	/* recency reversed: the lowest bin scores 5 */
	crm_scale_from_values(&s, CRM_SCALE_R_RFM, 5, 1, v, 10);
	assert_int_equal(crm_scale_score(&s, 1), 5);
	assert_int_equal(crm_scale_score(&s, 10), 1);
	crm_scale_interval(&s, 5, buf, sizeof(buf));
	assert_string_equal(buf, "[1, 3.8)");
}

static void
test_fixed(void **state)
{
	const double days[] = { 30, 90, 180, 365 };
	const double bad[] = { 5, 3 };
	struct crm_scale s;
	struct crm_error e;

	(void)state;
	assert_int_equal(crm_scale_fixed(&s, days, 4, 1, &e), 0);
	assert_int_equal(s.bins, 5);
	assert_int_equal(crm_scale_score(&s, 10), 5);
	assert_int_equal(crm_scale_score(&s, 30), 4);
	assert_int_equal(crm_scale_score(&s, 400), 1);
	assert_int_equal(crm_scale_fixed(&s, bad, 2, 0, &e), -1);
	assert_int_equal(e.status, CRM_EXIT_USAGE);
	assert_int_equal(crm_scale_fixed(&s, days, 0, 0, &e), -1);
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void
test_selection_equals_sorted_quantiles(void **state)
{
	/*
	 * The scale selects order statistics instead of sorting; on random
	 * arrays with many ties its cut points must equal crm_quantile7 over
	 * a sorted copy (qsort), bit for bit, for every bin count.
	 */
	static double v[997], sorted[997];
	unsigned long long x = 2463534242ULL;
	size_t n, i;
	int bins, round;

	(void)state;
	for (round = 0; round < 200; round++) {
		n = 1 + (size_t)(round * 5) % 997;
		for (i = 0; i < n; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			v[i] = (double)(x % (round % 3 ? 50 : 100000)) / 4;
		}
		for (bins = 2; bins <= CRM_SCALE_MAX_BINS; bins++) {
			struct crm_scale s;
			double work[997];
			int b;

			memcpy(work, v, n * sizeof(double));
			memcpy(sorted, v, n * sizeof(double));
			qsort(sorted, n, sizeof(double), cmp_double);
			crm_scale_from_values(&s, CRM_SCALE_QUANTILE, bins, 0,
			    work, n);
			for (b = 1; b < bins; b++)
				if (s.cut[b - 1] != crm_quantile7(sorted, n,
				    b * (1.0 / bins)))
					fail_msg("n %zu, %d bins, cut %d: %.17g "
					    "vs %.17g", n, bins, b, s.cut[b - 1],
					    crm_quantile7(sorted, n,
					    b * (1.0 / bins)));
			assert_true(s.min == sorted[0] && s.max == sorted[n - 1]);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quantile7),
		cmocka_unit_test(test_quantile7_between_equal_values),
		cmocka_unit_test(test_higher_is_better),
		cmocka_unit_test(test_lower_is_better),
		cmocka_unit_test(test_fewer_distinct_values_than_bins),
		cmocka_unit_test(test_r_rfm),
		cmocka_unit_test(test_fixed),
		cmocka_unit_test(test_selection_equals_sorted_quantiles),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
