/*
 * test_btyd.c - BG/NBD and Pareto/NBD for one customer.
 *
 * The expected values come from tests/data/clv_reference.py, which
 * evaluates the papers' formulas with mpmath at 40 digits (its "single
 * histories" section), or from the defining integrals there.  The
 * parameters are the published CDNOW estimates unless said otherwise.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <math.h>
#include <string.h>
#include <cmocka.h>

#include "btyd.h"

#define near(got, want, rel)	near_at(got, want, rel, __LINE__)

static void
near_at(double got, double want, double rel, int line)
{
	if (!(fabs(got - want) <= rel * fabs(want)))
		fail_msg("line %d: %.17g, expected %.17g", line, got, want);
}

static const struct crm_btyd bg = { CRM_BGNBD, { 0.243, 4.414, 0.793,
    2.426 } };
static const struct crm_btyd pn = { CRM_PNBD, { 0.553, 10.578, 0.606,
    11.669 } };

struct want {
	double x, t_x, T;
	double ll, p_alive, e52;	/* E[Y(52) | x, t_x, T] */
};

static void
check(const struct crm_btyd *m, const struct want *w, double rel)
{
	struct crm_error e;
	double v;

	assert_int_equal(crm_btyd_loglik(m, w->x, w->t_x, w->T, &v, &e), 0);
	near(v, w->ll, rel);
	assert_int_equal(crm_btyd_p_alive(m, w->x, w->t_x, w->T, &v, &e), 0);
	near(v, w->p_alive, rel);
	assert_int_equal(crm_btyd_expected(m, w->x, w->t_x, w->T, 52, &v, &e),
	    0);
	near(v, w->e52, rel);
}

/*
 * x = 0; customer 00004 of CDNOW; x = 300; t_x = T; a huge T; and a
 * frequent customer, for each model.
 */
static void
test_published_parameters(void **state)
{
	static const struct want wb[] = {
		{ 0, 0, 272.0 / 7, -0.554697231962602, 1, 0.2520876568721 },
		{ 2, 213.0 / 7, 272.0 / 7, -9.4584735574885,
		    0.726589721835495, 1.55882897181284 },
		{ 300, 30, 39, 337.432422971122, 1.93640350414684e-28,
		    4.98050301843922e-26 },
		{ 5, 20, 20, -14.9512354488105, 0.89015099044189,
		    6.57202117937883 },
		{ 2, 1e5, 1e6, -28.5899202283725, 0.0240968128512796,
		    2.81050745111337e-06 },
		{ 7, 35, 38, -22.0129201344972, 0.861991065093433,
		    5.7286816643461 },
	};
	static const struct want wp[] = {
		{ 0, 0, 272.0 / 7, -0.521036856410157, 0.295303374265796,
		    0.136215236785416 },
		{ 2, 213.0 / 7, 272.0 / 7, -9.55412282414903,
		    0.869186154651162, 1.85095458707882 },
		{ 300, 30, 39, 293.163474557501, 3.22625277985622e-24,
		    8.0689558366844e-22 },
		{ 5, 20, 20, -14.7248087826793, 1, 6.80734434139462 },
		{ 2, 1e5, 1e6, -35.3767941716984, 0.00360533678567616,
		    4.78617486505665e-07 },
		{ 7, 35, 38, -21.6917341508542, 0.952839625687501,
		    6.09022011898911 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(wb) / sizeof(wb[0]); i++)
		check(&bg, &wb[i], 1e-11);
	for (i = 0; i < sizeof(wp) / sizeof(wp[0]); i++)
		check(&pn, &wp[i], 1e-11);
}

/*
 * a + b < 1: FHL (10)'s 2F1 has c = a+b+x-1 < 0 at x = 0 and is negative
 * there; the mpmath values agree with the integral over the dropout
 * probability (clv_reference.py prints both).
 */
static void
test_a_plus_b_below_1(void **state)
{
	static const struct crm_btyd m = { CRM_BGNBD, { 0.5, 2, 0.3, 0.4 } };
	static const struct want w[] = {
		{ 0, 0, 10, -0.895879734614027, 1, 1.24878253252541 },
		{ 1, 5, 10, -3.6464665119225, 0.372662221883046,
		    1.62584088883183 },
		{ 4, 8, 10, -9.72756894424575, 0.833036360537107,
		    11.5667961762416 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		check(&m, &w[i], 1e-11);
}

/*
 * alpha far from beta, both ways: the 2F1 argument of FH05's A0 near 1
 * (0.99987 at x = 0).
 */
static void
test_pnbd_z_near_1(void **state)
{
	static const struct crm_btyd m1 = { CRM_PNBD, { 0.8, 0.05, 0.5,
	    400 } };
	static const struct crm_btyd m2 = { CRM_PNBD, { 0.8, 400, 0.5,
	    0.05 } };
	static const struct want w1[] = {
		{ 0, 0, 39, -5.20744409431206, 0.845748319308692,
		    0.87576813580903 },
		{ 20, 30, 39, -36.7476892569126, 0.709130835003644,
		    19.0918368457536 },
		{ 300, 30, 39, 378.541396629594, 5.07165913025153e-31,
		    1.97463075902031e-28 },
	};
	static const struct want w2[] = {
		{ 0, 0, 39, -0.00510066875924323, 0.0333861278557575,
		    0.00250394857878385 },
		{ 20, 30, 39, -83.3510618210029, 0.849411670540501,
		    1.65634547424832 },
		{ 300, 30, 39, -412.508674630454, 0.0718555398991512,
		    2.02631731500502 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < 3; i++) {
		check(&m1, &w1[i], 1e-10);
		check(&m2, &w2[i], 1e-10);
	}
}

/* The quadratures used where GSL's 2F1 cannot serve, on their own. */
static void
test_quadratures(void **state)
{
	static const struct crm_btyd m1 = { CRM_PNBD, { 0.8, 0.05, 0.5,
	    400 } };
	static const struct crm_btyd m2 = { CRM_PNBD, { 0.8, 400, 0.5,
	    0.05 } };
	static const struct crm_btyd low = { CRM_BGNBD, { 0.5, 2, 0.3,
	    0.4 } };
	struct crm_error e;
	double v;

	(void)state;
	/* log(s/(r+s+x) A0), mpmath */
	assert_int_equal(crm_btyd_pnbd_lnsi_quad(&m1, 0, 0, 39, &v, &e), 0);
	near(v, -7.67576026938707, 1e-11);
	assert_int_equal(crm_btyd_pnbd_lnsi_quad(&m1, 300, 30, 39, &v, &e),
	    0);
	near(v, -1035.67051701916, 1e-11);
	assert_int_equal(crm_btyd_pnbd_lnsi_quad(&m2, 20, 30, 39, &v, &e),
	    0);
	near(v, -130.120003368903, 1e-11);
	/* E[Y(52)] / P(alive) of the cases above; the beta integrals */
	assert_int_equal(crm_btyd_bgnbd_alive_quad(&bg, 2, 272.0 / 7, 52, &v,
	    &e), 0);
	near(v, 1.55882897181284 / 0.726589721835495, 1e-10);
	assert_int_equal(crm_btyd_bgnbd_alive_quad(&low, 0, 10, 52, &v, &e),
	    0);
	near(v, 1.24878253252541, 1e-10);
	assert_int_equal(crm_btyd_bgnbd_alive_quad(&low, 4, 10, 52, &v, &e),
	    0);
	near(v, 13.8851036091422, 1e-10);
	assert_int_equal(crm_btyd_bgnbd_alive_quad(&bg, 300, 39, 52, &v, &e),
	    0);
	near(v, 4.98050301843922e-26 / 1.93640350414684e-28, 1e-10);
}

/*
 * The removable singularities of FHL (10), a = 1 and a+b+x-1 = 0, where
 * the closed form is 0/0: the integral over the dropout probability
 * (mpmath quadrature).
 */
static void
test_bgnbd_singularities(void **state)
{
	static const struct crm_btyd a1 = { CRM_BGNBD, { 0.5, 2, 1, 0.4 } };
	static const struct crm_btyd c0 = { CRM_BGNBD, { 0.5, 2, 0.3,
	    0.7 } };
	struct crm_error e;
	double v;

	(void)state;
	assert_int_equal(crm_btyd_alive_purchases(&a1, 0, 10, 52, &v, &e), 0);
	near(v, 0.793759642459166, 1e-10);
	assert_int_equal(crm_btyd_alive_purchases(&c0, 0, 10, 52, &v, &e), 0);
	near(v, 1.42941906237735, 1e-10);
	assert_int_equal(crm_btyd_alive_purchases(&bg, 3, 10, 0, &v, &e), 0);
	assert_true(v == 0);
}

static void
test_bad_arguments(void **state)
{
	struct crm_btyd m = bg;
	struct crm_error e;
	double v;

	(void)state;
	m.par[3] = 0;
	assert_int_equal(crm_btyd_loglik(&m, 1, 1, 2, &v, &e), -1);
	assert_string_equal(e.msg,
	    "parameter b is 0: it must be a finite number above 0");
	m = pn;
	m.par[1] = NAN;
	assert_int_equal(crm_btyd_p_alive(&m, 1, 1, 2, &v, &e), -1);
	assert_string_equal(e.msg,
	    "parameter alpha is nan: it must be a finite number above 0");
	assert_int_equal(crm_btyd_loglik(&bg, 1.5, 1, 2, &v, &e), -1);
	assert_string_equal(e.msg,
	    "x is 1.5: it must be a whole number, 0 or more");
	assert_int_equal(crm_btyd_loglik(&bg, 1, 3, 2, &v, &e), -1);
	assert_string_equal(e.msg, "t_x (3) must be between 0 and T (2)");
	assert_int_equal(crm_btyd_loglik(&pn, 0, 1, 2, &v, &e), -1);
	assert_string_equal(e.msg,
	    "x is 0 but t_x is 1: with no repeat purchase it is 0");
	assert_int_equal(crm_btyd_expected(&pn, 1, 1, 2, -1, &v, &e), -1);
	assert_string_equal(e.msg,
	    "the horizon (-1) must be a finite number, 0 or more");
	assert_string_equal(crm_btyd_param_name(CRM_PNBD, 3), "beta");
	assert_string_equal(crm_btyd_model_name(CRM_BGNBD), "bgnbd");
}

static uint64_t lcg = 20240901;

/* uniform in [0, 1): the top 53 bits of a 64-bit LCG (Knuth's MMIX) */
static double
uniform(void)
{
	lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
	return (double)(lcg >> 11) / 9007199254740992.0;
}

/* One random parameter set and history: every output finite and sane. */
static void
one_draw(enum crm_btyd_model model, int *quad_checked)
{
	static const double xs[] = { 0, 1, 2, 3, 5, 10, 30, 100, 300, 1000 };
	static const double ts[] = { 0, 1, 52, 1000 };
	struct crm_btyd m = { model, { 0 } };
	struct crm_error e;
	double x, T, t_x, t, ll, p, ey, a, q;
	int i;

	for (i = 0; i < CRM_BTYD_NPARAM; i++)
		m.par[i] = exp(-5 + 10 * uniform());
	x = xs[(int)(uniform() * 10)];
	T = exp(-3 + 13 * uniform());
	t_x = x > 0 ? (uniform() < 0.1 ? T : T * uniform()) : 0;
	t = ts[(int)(uniform() * 4)];
	assert_int_equal(crm_btyd_loglik(&m, x, t_x, T, &ll, &e), 0);
	assert_true(isfinite(ll));
	assert_int_equal(crm_btyd_p_alive(&m, x, t_x, T, &p, &e), 0);
	assert_true(p >= 0 && p <= 1);
	assert_int_equal(crm_btyd_expected(&m, x, t_x, T, t, &ey, &e), 0);
	assert_true(isfinite(ey) && ey >= 0);
	/* the closed forms agree with the defining integrals */
	if (model == CRM_BGNBD && t > 0 &&
	    crm_btyd_alive_purchases(&m, x, T, t, &a, &e) == 0 &&
	    crm_btyd_bgnbd_alive_quad(&m, x, T, t, &q, &e) == 0) {
		near(a, q, 1e-8);
		(*quad_checked)++;
	}
	if (model == CRM_PNBD && t_x < T &&
	    crm_btyd_pnbd_lnsi_quad(&m, x, t_x, T, &q, &e) == 0) {
		a = -(m.par[0] + x) * log(m.par[1] + T) -
		    m.par[2] * log(m.par[3] + T);
		if (!(fabs(p - 1 / (1 + exp(q - a))) <= 1e-9))
			fail_msg("P(alive) %.17g, from the integral %.17g", p,
			    1 / (1 + exp(q - a)));
		(*quad_checked)++;
	}
}

/*
 * A property test: 20,000 random parameter sets (each from e^-5 to e^5)
 * and histories (x up to 1000, T from e^-3 to e^10, t_x = T one time in
 * ten); nothing fails, nothing is nan or inf, and the closed forms
 * agree with the defining integrals (BG/NBD: the purchases of an alive
 * customer; Pareto/NBD: P(alive)).
 */
static void
test_random_never_nan(void **state)
{
	int i, checked = 0;

	(void)state;
	for (i = 0; i < 20000; i++)
		one_draw(i % 2 ? CRM_PNBD : CRM_BGNBD, &checked);
	assert_true(checked > 10000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_published_parameters),
		cmocka_unit_test(test_a_plus_b_below_1),
		cmocka_unit_test(test_pnbd_z_near_1),
		cmocka_unit_test(test_quadratures),
		cmocka_unit_test(test_bgnbd_singularities),
		cmocka_unit_test(test_bad_arguments),
		cmocka_unit_test(test_random_never_nan),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
