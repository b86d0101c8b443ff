/*
 * test_gammagamma.c - the Gamma-Gamma spend model.  Expected values from
 * tests/data/clv_reference.py (FH13's density and eq. (5) in mpmath) at
 * the published CDNOW estimates p = 6.25, q = 3.74, gamma = 15.44; the
 * fit on CDNOW itself is in test_clv.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <math.h>
#include <cmocka.h>

#include "gammagamma.h"

#define near(got, want, rel)	near_at(got, want, rel, __LINE__)

static void
near_at(double got, double want, double rel, int line)
{
	if (!(fabs(got - want) <= rel * fabs(want)))
		fail_msg("line %d: %.17g, expected %.17g", line, got, want);
}

static const struct crm_gg gg = { { 6.25, 3.74, 15.44 } };

static void
test_values(void **state)
{
	static const double w[][4] = {	/* x, m, ll, expected spend */
		{ 1, 20, -3.5941964929492, 24.6384872080089 },
		{ 5, 35.5, -4.06440265484461, 35.4773462783171 },
		{ 300, 12.25, -4.13510563790931, 12.2835163547669 },
	};
	struct crm_error e;
	double v;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
		assert_int_equal(crm_gg_loglik(&gg, w[i][0], w[i][1], &v, &e),
		    0);
		near(v, w[i][2], 1e-12);
		assert_int_equal(crm_gg_expected_spend(&gg, w[i][0], w[i][1],
		    &v, &e), 0);
		near(v, w[i][3], 1e-12);
	}
	/* no repeat purchase: the population mean p gamma / (q - 1) */
	assert_int_equal(crm_gg_expected_spend(&gg, 0, 99, &v, &e), 0);
	near(v, 6.25 * 15.44 / 2.74, 1e-14);
}

static void
test_refusals(void **state)
{
	struct crm_gg g = { { 2, 0.9, 10 } };
	struct crm_mlfit_result res;
	struct crm_error e;
	double v, x = 1, m = 0;

	(void)state;
	assert_int_equal(crm_gg_expected_spend(&g, 0, 0, &v, &e), -1);
	assert_string_equal(e.msg, "the spend model has no mean for x = 0 "
	    "(q = 0.9: p x + q must be above 1)");
	assert_int_equal(crm_gg_expected_spend(&g, 1, 5, &v, &e), 0);
	near(v, 2 * 15.0 / 1.9, 1e-14);
	assert_int_equal(crm_gg_loglik(&gg, 0, 5, &v, &e), -1);
	assert_string_equal(e.msg, "x is 0: the spend model needs a whole "
	    "number of repeat purchases, 1 or more");
	assert_int_equal(crm_gg_loglik(&gg, 2, 0, &v, &e), -1);
	assert_string_equal(e.msg,
	    "mean spend 0: the spend model needs it above 0");
	g.par[2] = INFINITY;
	assert_int_equal(crm_gg_loglik(&g, 2, 3, &v, &e), -1);
	assert_string_equal(e.msg,
	    "parameter gamma is inf: it must be a finite number above 0");
	assert_int_equal(crm_gg_fit(&x, &m, 0, &g, &res, &e), -1);
	assert_string_equal(e.msg, "no repeat buyer with spend above 0: the "
	    "spend model cannot be fitted");
	assert_int_equal(crm_gg_fit(&x, &m, 1, &g, &res, &e), -1);
	assert_string_equal(e.msg,
	    "mean spend 0: the spend model needs it above 0");
	assert_string_equal(crm_gg_param_name(2), "gamma");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
