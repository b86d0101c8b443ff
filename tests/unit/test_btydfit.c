/*
 * test_btydfit.c - the log-likelihood over distinct histories, checked
 * against crm_btyd_loglik customer by customer (itself checked against
 * mpmath in test_btyd), and the fit's refusals.  The fit on CDNOW, against
 * the published estimates, is in test_clv.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <math.h>
#include <cmocka.h>

#include "btydfit.h"

/* Customers: x = 0, t_x = T, repeated histories, a large x. */
static const double hist[][3] = {
	{ 0, 0, 38 }, { 0, 0, 38 }, { 0, 0, 12.5 }, { 1, 3, 38 },
	{ 1, 3, 38 }, { 2, 30, 38 }, { 2, 38, 38 }, { 5, 20, 20 },
	{ 7, 35, 38 }, { 300, 30, 39 }, { 1, 0.5, 1e5 }, { 0, 0, 0 },
};
#define NHIST	(sizeof(hist) / sizeof(hist[0]))

static void
histories(struct crm_triples *t)
{
	struct crm_error e;
	size_t i;

	crm_triples_init(t);
	for (i = 0; i < NHIST; i++)
		assert_int_equal(crm_triples_add(t, hist[i][0], hist[i][1],
		    hist[i][2], 1, &e), 0);
	assert_int_equal(crm_triples_index(t, &e), 0);
	assert_int_equal(t->n, NHIST - 2);
}

static void
same_sum(const struct crm_triples *t, const struct crm_btyd *m)
{
	struct crm_error e;
	double want = 0, ll, got;
	size_t i, bad;

	for (i = 0; i < NHIST; i++) {
		assert_int_equal(crm_btyd_loglik(m, hist[i][0], hist[i][1],
		    hist[i][2], &ll, &e), 0);
		want += ll;
	}
	assert_int_equal(crm_btydfit_loglik(t, m, &got, &bad, &e), 0);
	if (!(fabs(got - want) <= 1e-12 * fabs(want)))
		fail_msg("%s %g %g %g %g: %.17g, customer by customer %.17g",
		    crm_btyd_model_name(m->model), m->par[0], m->par[1],
		    m->par[2], m->par[3], got, want);
}

/* The published CDNOW estimates, and alpha far from beta both ways. */
static void
test_sum_over_histories(void **state)
{
	static const struct crm_btyd m[] = {
		{ CRM_BGNBD, { 0.243, 4.414, 0.793, 2.426 } },
		{ CRM_BGNBD, { 0.5, 2, 0.3, 0.4 } },
		{ CRM_PNBD, { 0.553, 10.578, 0.606, 11.669 } },
		{ CRM_PNBD, { 0.8, 0.05, 0.5, 400 } },
		{ CRM_PNBD, { 0.8, 400, 0.5, 0.05 } },
		{ CRM_PNBD, { 0.001, 0.001, 0.001, 1000 } },
	};
	struct crm_triples t;
	size_t i;

	(void)state;
	histories(&t);
	for (i = 0; i < sizeof(m) / sizeof(m[0]); i++)
		same_sum(&t, &m[i]);
	crm_triples_free(&t);
}

static void
test_refusals(void **state)
{
	struct crm_triples t;
	struct crm_btyd m = { CRM_PNBD, { 0 } };
	struct crm_mlfit_result res;
	struct crm_error e;
	double ll;
	size_t bad;

	(void)state;
	crm_triples_init(&t);
	assert_int_equal(crm_btydfit_fit(&t, &m, &res, &e), -1);
	assert_string_equal(e.msg,
	    "no customer with a calibration history: nothing to fit");
	assert_int_equal(crm_triples_add(&t, 0, 0, 10, 3, &e), 0);
	assert_int_equal(crm_btydfit_loglik(&t, &m, &ll, &bad, &e), -1);
	assert_string_equal(e.msg, "the histories are not indexed");
	assert_int_equal(crm_triples_index(&t, &e), 0);
	assert_int_equal(crm_btydfit_loglik(&t, &m, &ll, &bad, &e), -1);
	assert_string_equal(e.msg,
	    "parameter r is 0: it must be a finite number above 0");
	assert_int_equal(crm_btydfit_fit(&t, &m, &res, &e), -1);
	assert_string_equal(e.msg, "no repeat purchase in the calibration "
	    "period: the model cannot be fitted");
	crm_triples_free(&t);
	/*
	 * s = 1e300: GSL's 2F1 gives up and the death-time integral (of
	 * (1 + c (e^u - 1))^-(r+x) e^-(s u)) underflows to 0 at once: the
	 * message names the history, as the fit knows no customer.  (The
	 * first history, t_x = T, needs no integral.)
	 */
	crm_triples_init(&t);
	assert_int_equal(crm_triples_add(&t, 2, 2, 2, 1, &e), 0);
	assert_int_equal(crm_triples_add(&t, 3, 1, 2, 1, &e), 0);
	assert_int_equal(crm_triples_index(&t, &e), 0);
	m.par[0] = 0.5, m.par[1] = 1, m.par[2] = 1e300, m.par[3] = 1e30;
	assert_int_equal(crm_btydfit_loglik(&t, &m, &ll, &bad, &e), -1);
	assert_int_equal(bad, 1);
	assert_string_equal(e.msg, "history (x 3, t_x 1, T 2): cannot "
	    "evaluate the Pareto/NBD death-time integral");
	crm_triples_free(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sum_over_histories),
		cmocka_unit_test(test_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
