/*
 * test_mlfit.c - the maximiser and the standard errors on likelihoods
 * whose answers are known in closed form.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <math.h>
#include <cmocka.h>

#include "mlfit.h"

#define near(got, want, rel)	near_at(got, want, rel, __LINE__)

static void
near_at(double got, double want, double rel, int line)
{
	if (!(fabs(got - want) <= rel * fabs(want)))
		fail_msg("line %d: %.17g, expected %.17g", line, got, want);
}

static const double data[] = { 1, 2, 3, 4, 10 };

/* The normal log-likelihood of data at mu = th[0], sigma = th[1]. */
static int
normal(const double *th, void *arg, double *ll, struct crm_error *e)
{
	size_t i;

	(void)arg;
	(void)e;
	*ll = 0;
	for (i = 0; i < 5; i++)
		*ll += -0.5 * log(2 * M_PI * th[1] * th[1]) -
		    (data[i] - th[0]) * (data[i] - th[0]) / (2 * th[1] * th[1]);
	return 0;
}

static const char *const names[] = { "mu", "sigma" };

/*
 * By hand: mu = mean = 4, sigma^2 = 50/5 = 10, ll = -5/2 log(2 pi 10)
 * - 5/2; standard errors sigma/sqrt(n) = sqrt(2) and sigma/sqrt(2n) = 1.
 */
static void
test_normal(void **state)
{
	struct crm_mlfit f = { 2, normal, NULL, 5, names };
	struct crm_mlfit_result res;
	struct crm_error e;
	double th[2] = { 1, 1 }, se[2];

	(void)state;
	assert_int_equal(crm_mlfit_maximize(&f, th, &res, &e), 0);
	near(th[0], 4, 1e-7);
	near(th[1], sqrt(10), 1e-7);
	near(res.loglik, -2.5 * log(2 * M_PI * 10) - 2.5, 1e-12);
	assert_true(res.iterations > 0 && res.evaluations > res.iterations);
	assert_int_equal(crm_mlfit_std_errors(&f, th, se, &e), 0);
	near(se[0], sqrt(2), 1e-6);
	near(se[1], 1, 1e-6);
}

/* -theta: the maximum is at theta -> 0 */
static int
decreasing(const double *th, void *arg, double *ll, struct crm_error *e)
{
	(void)arg;
	(void)e;
	*ll = -th[0];
	return 0;
}

static int
never(const double *th, void *arg, double *ll, struct crm_error *e)
{
	(void)th;
	(void)arg;
	(void)ll;
	return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0, "no such thing");
}

static int
flat(const double *th, void *arg, double *ll, struct crm_error *e)
{
	(void)th;
	(void)arg;
	(void)e;
	*ll = 1;
	return 0;
}

static void
test_failures(void **state)
{
	struct crm_mlfit f = { 1, decreasing, NULL, 1, names };
	struct crm_mlfit_result res;
	struct crm_error e;
	double th[2] = { 1, 1 }, se[2];

	(void)state;
	assert_int_equal(crm_mlfit_maximize(&f, th, &res, &e), -1);
	assert_string_equal(e.msg, "the fit does not converge: parameter mu "
	    "runs off towards 0 (the data do not determine it)");
	assert_true(th[0] == 1);
	f.loglik = never;
	assert_int_equal(crm_mlfit_maximize(&f, th, &res, &e), -1);
	assert_string_equal(e.msg, "no such thing");
	f.loglik = flat;
	assert_int_equal(crm_mlfit_std_errors(&f, th, se, &e), -1);
	assert_string_equal(e.msg, "no standard errors: the log-likelihood "
	    "is not at a strict maximum (its Hessian is not negative "
	    "definite)");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normal),
		cmocka_unit_test(test_failures),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
