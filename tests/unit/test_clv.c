/*
 * test_clv.c - the customer-base models on CDNOW (tests/data/
 * cdnow_sample.csv, see tests/data/README.md): the published estimates
 * of Fader, Hardie and Lee (2005), to the digits they give; then the
 * same fits, standard errors, holdout table and customer figures
 * against tests/data/clv_reference.py (SciPy fits, mpmath formulas).
 * Weeks; calibration end 1997-09-30; holdout to 1998-06-30.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "clv.h"
#include "value.h"

#define CDNOW	"tests/data/cdnow_sample.csv"

#define near(got, want, rel)	near_at(got, want, rel, __LINE__)

static void
near_at(double got, double want, double rel, int line)
{
	if (!(fabs(got - want) <= rel * fabs(want)))
		fail_msg("line %d: %.17g, expected %.17g", line, got, want);
}

/* got rounds to want, given to the decimals of unit */
#define digits(got, want, unit)	digits_at(got, want, unit, __LINE__)

static void
digits_at(double got, double want, double unit, int line)
{
	if (!(fabs(got - want) <= unit / 2))
		fail_msg("line %d: %.17g does not round to %g", line, got,
		    want);
}

static struct crm_history_set *cdnow;

/* The rows, as read, for test_shuffled. */
static struct row {
	char id[16];
	int32_t day;
	struct crm_decimal amount;
} *rows;
static size_t nrows;

/* customer_id,sample_id,date,cds,amount */
static int
load(void **state)
{
	struct crm_error e;
	char line[256], id[16], date[16], text[32];
	int32_t end, as_of, day;
	struct crm_decimal amount;
	FILE *fp;

	(void)state;
	crm_date_parse("1997-09-30", NULL, &end);
	crm_date_parse("1998-06-30", NULL, &as_of);
	if ((fp = fopen(CDNOW, "r")) == NULL) {
		print_error("cannot open %s: run from the top directory\n",
		    CDNOW);
		return -1;
	}
	cdnow = crm_history_new(end, as_of, &e);
	crm_history_decimals(cdnow, 2);
	if ((rows = malloc(8000 * sizeof(*rows))) == NULL ||
	    fgets(line, sizeof(line), fp) == NULL)
		return -1;
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (nrows == 8000 ||
		    sscanf(line, "%15[^,],%*[^,],%15[^,],%*[^,],%31[^\r\n]", id,
		    date, text) != 3 || crm_date_parse(date, NULL, &day) < 0 ||
		    crm_decimal_parse(text, 0, &amount, NULL) != CRM_VALUE_OK ||
		    crm_history_add(cdnow, id, strlen(id), day, &amount,
		    amount.units < 0, &e) < 0)
			return -1;
		snprintf(rows[nrows].id, sizeof(rows[nrows].id), "%s", id);
		rows[nrows].day = day;
		rows[nrows++].amount = amount;
	}
	fclose(fp);
	return 0;
}

static int
unload(void **state)
{
	(void)state;
	crm_history_free(cdnow);
	free(rows);
	return 0;
}

/*
 * 2,357 customers (FHL), 946 of them repeat buyers (FHL "RFM and CLV"),
 * and clv_reference.py's totals and first customer.
 */
static void
test_histories(void **state)
{
	struct crm_history c;
	double x = 0, holdout = 0, buyers = 0;
	size_t i;

	(void)state;
	assert_int_equal(crm_history_count(cdnow), 2357);
	for (i = 0; i < 2357; i++) {
		crm_history_get(cdnow, i, CRM_WEEKS, &c);
		assert_false(c.late);
		x += c.x;
		holdout += c.holdout;
		buyers += c.x > 0;
	}
	assert_true(buyers == 946 && x == 2457 && holdout == 1882);
	assert_string_equal(crm_history_id(cdnow, 0), "00004");
	crm_history_get(cdnow, 0, CRM_WEEKS, &c);
	assert_int_equal(c.x, 2);
	near(c.t_x, 213.0 / 7, 1e-15);
	near(c.T, 272.0 / 7, 1e-15);
	assert_int_equal(c.holdout, 1);
	near(c.spend, 22.345, 1e-14);
	near(crm_history_span(cdnow, CRM_WEEKS), 39, 1e-15);
}

static void
fit(enum crm_btyd_model model, struct crm_btyd *m,
    struct crm_clv_estimate *est)
{
	struct crm_error e;

	m->model = model;
	if (crm_clv_fit_purchases(cdnow, CRM_WEEKS, m, est, &e) < 0)
		fail_msg("%s", e.msg);
	assert_true(est->have_se);
	assert_true(est->customers == 2357);
}

/*
 * FHL: r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9582.4;
 * clv_reference.py: 0.2425945101 4.413601709 0.7929220559 2.425906659,
 * LL -9582.4292066739, standard errors 0.0125574 0.378224 0.185734
 * 0.705414 (Richardson-extrapolated differences).
 */
static void
test_bgnbd(void **state)
{
	static const double ref[] = { 0.2425945101, 4.413601709, 0.7929220559,
	    2.425906659 };
	static const double se[] = { 0.0125574, 0.378224, 0.185734,
	    0.705414 };
	struct crm_btyd m;
	struct crm_clv_estimate est;
	int i;

	(void)state;
	fit(CRM_BGNBD, &m, &est);
	digits(m.par[0], 0.243, 0.001);
	digits(m.par[1], 4.414, 0.001);
	digits(m.par[2], 0.793, 0.001);
	digits(m.par[3], 2.426, 0.001);
	digits(est.loglik, -9582.4, 0.1);
	near(est.loglik, -9582.4292066739, 1e-11);
	for (i = 0; i < 4; i++) {
		near(m.par[i], ref[i], 1e-5);
		near(est.value[i], m.par[i], 0);
		near(est.se[i], se[i], 1e-4);
	}
}

/*
 * FHL: r = 0.553, alpha = 10.578, s = 0.606, beta = 11.669, LL = -9595.0;
 * clv_reference.py: 0.5532769997 10.57768331 0.6062399672 11.66873503,
 * LL -9594.9761789395, standard errors 0.0476279 0.842722 0.187281
 * 6.2111.
 */
static void
test_pnbd(void **state)
{
	static const double ref[] = { 0.5532769997, 10.57768331, 0.6062399672,
	    11.66873503 };
	static const double se[] = { 0.0476279, 0.842722, 0.187281, 6.2111 };
	struct crm_btyd m;
	struct crm_clv_estimate est;
	int i;

	(void)state;
	fit(CRM_PNBD, &m, &est);
	digits(m.par[0], 0.553, 0.001);
	digits(m.par[1], 10.578, 0.001);
	digits(m.par[2], 0.606, 0.001);
	digits(m.par[3], 11.669, 0.001);
	digits(est.loglik, -9595.0, 0.1);
	near(est.loglik, -9594.9761789395, 1e-11);
	for (i = 0; i < 4; i++) {
		near(m.par[i], ref[i], 1e-5);
		near(est.se[i], se[i], 1e-4);
	}
}

/*
 * FHL "RFM and CLV": p = 6.25, q = 3.74, gamma = 15.44 on the 946 repeat
 * buyers; clv_reference.py: 6.249573094 3.744224698 15.44351898, LL
 * -4055.9176948019, standard errors 1.19006 0.290133 4.15942.
 */
static void
test_gamma_gamma(void **state)
{
	static const double ref[] = { 6.249573094, 3.744224698, 15.44351898 };
	static const double se[] = { 1.19006, 0.290133, 4.15942 };
	struct crm_gg g;
	struct crm_clv_estimate est;
	struct crm_error e;
	int i;

	(void)state;
	if (crm_clv_fit_spend(cdnow, CRM_WEEKS, &g, &est, &e) < 0)
		fail_msg("%s", e.msg);
	digits(g.par[0], 6.25, 0.01);
	digits(g.par[1], 3.74, 0.01);
	digits(g.par[2], 15.44, 0.01);
	assert_true(est.customers == 946 && est.have_se);
	near(est.loglik, -4055.9176948019, 1e-11);
	for (i = 0; i < 3; i++) {
		near(g.par[i], ref[i], 1e-4);
		near(est.se[i], se[i], 1e-4);
	}
}

/*
 * FHL's Figure 3 at the published estimates: customers, mean actual and
 * mean expected purchases in the 39 holdout weeks by calibration x;
 * clv_reference.py, mpmath.
 */
static void
test_holdout(void **state)
{
	static const struct crm_btyd bg = { CRM_BGNBD, { 0.243, 4.414,
	    0.793, 2.426 } };
	static const struct crm_btyd pn = { CRM_PNBD, { 0.553, 10.578,
	    0.606, 11.669 } };
	static const double want[9][4] = {	/* customers, actual, bg, pn */
		{ 1411, 0.236711552091, 0.225450879157, 0.138466305570 },
		{ 439, 0.697038724374, 0.523176131644, 0.599545966649 },
		{ 214, 1.392523364486, 1.044169720170, 1.195969148517 },
		{ 100, 1.56, 1.520292679812, 1.714039576025 },
		{ 62, 2.532258064516, 2.163874733155, 2.398540260852 },
		{ 38, 2.947368421053, 2.653831669090, 2.907492735197 },
		{ 29, 3.862068965517, 3.503990654438, 3.818959994648 },
		{ 64, 6.359375, 6.157071766779, 6.403611075383 },
		{ 2357, 0.798472634705, 0.701714577562, 0.706700534868 },
	};
	struct crm_clv_holdout_row rb[CRM_CLV_HOLDOUT_ROWS];
	struct crm_clv_holdout_row rp[CRM_CLV_HOLDOUT_ROWS];
	struct crm_error e;
	int i;

	(void)state;
	assert_int_equal(crm_clv_holdout(&bg, cdnow, CRM_WEEKS, rb, &e), 0);
	assert_int_equal(crm_clv_holdout(&pn, cdnow, CRM_WEEKS, rp, &e), 0);
	for (i = 0; i < CRM_CLV_HOLDOUT_ROWS; i++) {
		assert_int_equal(rb[i].x, i < 8 ? i : -1);
		assert_true(rb[i].customers == want[i][0]);
		near(rb[i].actual, want[i][1], 1e-11);
		near(rb[i].expected, want[i][2], 1e-11);
		near(rp[i].expected, want[i][3], 1e-11);
	}
}

/*
 * Customer 00004 (x 2, t_x 213/7, T 272/7, mean repeat spend 22.345) at
 * the published estimates, clv_reference.py: E[Y(52)], E(M) and the
 * value over 52 weeks undiscounted, discounted 1% a week, and over 2.5
 * weeks at 10% a week (units 1, 2 and the half unit to 2.5).
 */
static void
test_customer(void **state)
{
	static const struct crm_btyd m[] = {
		{ CRM_BGNBD, { 0.243, 4.414, 0.793, 2.426 } },
		{ CRM_PNBD, { 0.553, 10.578, 0.606, 11.669 } },
	};
	/* E52; clv over 52 weeks, 52 at 1%, 2.5 at 10% */
	static const double want[2][4] = {
		{ 1.55882897181284, 38.4401189612476, 30.410592360694,
		    1.95115605872453 },
		{ 1.85095458707882, 45.6438235404567, 36.109154929018,
		    2.32381182641036 },
	};
	static const struct crm_gg g = { { 6.25, 3.74, 15.44 } };
	struct crm_history c;
	struct crm_clv_figures f;
	struct crm_error e;
	int i;

	(void)state;
	crm_history_get(cdnow, 0, CRM_WEEKS, &c);
	for (i = 0; i < 2; i++) {
		assert_int_equal(crm_clv_score(&m[i], &g, &c, 52, 0, &f, &e),
		    0);
		near(f.expected_purchases, want[i][0], 1e-12);
		near(f.expected_spend, 24.6596128608924, 1e-13);
		near(f.clv, want[i][1], 1e-12);
		assert_int_equal(crm_clv_score(&m[i], &g, &c, 52, 0.01, &f, &e),
		    0);
		near(f.clv, want[i][2], 1e-12);
		assert_int_equal(crm_clv_score(&m[i], &g, &c, 2.5, 0.1, &f, &e),
		    0);
		near(f.clv, want[i][3], 1e-12);
		assert_int_equal(crm_clv_score(&m[i], NULL, &c, 52, 0, &f, &e),
		    0);
		assert_true(f.expected_spend == 0 && f.clv == 0);
	}
}

/*
 * Every CDNOW customer, both models: finite figures, the same as one by
 * one; a customer born after the calibration end is a new customer
 * (E[X(52)], FHL eq. 7 and FH05 eq. 27: 1.4460505953964, 1.47299680337511).
 */
static void
test_score_all(void **state)
{
	static const struct crm_btyd m[] = {
		{ CRM_BGNBD, { 0.243, 4.414, 0.793, 2.426 } },
		{ CRM_PNBD, { 0.553, 10.578, 0.606, 11.669 } },
	};
	static const double fresh[] = { 1.4460505953964, 1.47299680337511 };
	static const struct crm_gg g = { { 6.25, 3.74, 15.44 } };
	static const struct crm_history late = { 0, 0, 0, 3, 0, 1, 0 };
	struct crm_clv_figures *all = malloc(2357 * sizeof(*all)), f;
	struct crm_history c;
	struct crm_error e;
	size_t i, k;

	(void)state;
	for (k = 0; k < 2; k++) {
		assert_int_equal(crm_clv_score_all(&m[k], &g, cdnow, NULL,
		    CRM_WEEKS, 52, 0.01, all, &e), 0);
		for (i = 0; i < 2357; i++) {
			crm_history_get(cdnow, i, CRM_WEEKS, &c);
			assert_int_equal(crm_clv_score(&m[k], &g, &c, 52, 0.01,
			    &f, &e), 0);
			assert_true(isfinite(all[i].clv) && all[i].clv >= 0);
			assert_true(all[i].p_alive >= 0 && all[i].p_alive <= 1);
			assert_memory_equal(&f, &all[i], sizeof(f));
		}
		assert_int_equal(crm_clv_score(&m[k], &g, &late, 52, 0, &f, &e),
		    0);
		assert_true(f.p_alive == 1);
		near(f.expected_purchases, fresh[k], 1e-12);
	}
	free(all);
}

/* Failures name the customer; a set without repeat purchases. */
static void
test_failures(void **state)
{
	static const struct crm_btyd bg = { CRM_BGNBD, { 0.243, 4.414,
	    0.793, 2.426 } };
	static const struct crm_gg g = { { 6.25, 0.9, 15.44 } };
	static const struct crm_decimal five = { 5, 0 };
	struct crm_clv_figures *all = malloc(2357 * sizeof(*all));
	struct crm_history_set *h;
	struct crm_clv_estimate est;
	struct crm_btyd m = { CRM_PNBD, { 0 } };
	struct crm_error e;

	(void)state;
	assert_int_equal(crm_clv_score_all(&bg, &g, cdnow, NULL, CRM_WEEKS,
	    52, 0, all, &e), -1);
	assert_string_equal(e.msg, "customer \"00050\": the spend model has "
	    "no mean for x = 0 (q = 0.9: p x + q must be above 1)");
	assert_int_equal(crm_clv_score_all(&bg, NULL, cdnow, NULL, CRM_WEEKS,
	    -1, 0, all, &e), -1);
	assert_int_equal(e.status, CRM_EXIT_USAGE);
	assert_string_equal(e.msg,
	    "the horizon (-1) must be between 0 and 1e+06 units");
	free(all);
	h = crm_history_new(10, 20, &e);
	assert_int_equal(crm_history_add(h, "a", 1, 1, &five, 0, &e), 0);
	assert_int_equal(crm_history_add(h, "b", 1, 2, &five, 0, &e), 1);
	assert_int_equal(crm_clv_fit_purchases(h, CRM_DAYS, &m, &est, &e), -1);
	assert_string_equal(e.msg, "no repeat purchase in the calibration "
	    "period: the model cannot be fitted");
	crm_history_free(h);
}

/*
 * The rows of CDNOW shuffled (a Fisher-Yates shuffle, fixed seed), and
 * reversed: every customer's history is the same as from the file's
 * order (by customer, then date), to the last bit, and so are the fits.
 */
static void
test_shuffled(void **state)
{
	struct crm_history_set *h;
	struct crm_history a, b;
	struct crm_btyd m1, m2;
	struct crm_clv_estimate est;
	struct crm_error e;
	struct row t;
	unsigned long seed = 2357;
	size_t i, j, k;
	long n;
	int pass;

	(void)state;
	for (pass = 0; pass < 2; pass++) {
		for (i = nrows - 1; pass == 0 && i > 0; i--) {
			seed = seed * 6364136223846793005UL +
			    1442695040888963407UL;
			j = (size_t)(seed >> 33) % (i + 1);
			t = rows[i], rows[i] = rows[j], rows[j] = t;
		}
		h = crm_history_new(crm_days_from_civil(1997, 9, 30),
		    crm_days_from_civil(1998, 6, 30), &e);
		crm_history_decimals(h, 2);
		for (k = 0; k < nrows; k++) {
			i = pass == 0 ? k : nrows - 1 - k;
			assert_true(crm_history_add(h, rows[i].id,
			    strlen(rows[i].id), rows[i].day, &rows[i].amount,
			    rows[i].amount.units < 0, &e) >= 0);
		}
		assert_int_equal(crm_history_count(h), 2357);
		for (i = 0; i < 2357; i++) {
			const char *id = crm_history_id(cdnow, i);

			for (n = 0; strcmp(crm_history_id(h, (size_t)n), id);)
				n++;
			crm_history_get(cdnow, i, CRM_WEEKS, &a);
			crm_history_get(h, (size_t)n, CRM_WEEKS, &b);
			assert_true(a.x == b.x && a.t_x == b.t_x &&
			    a.T == b.T && a.holdout == b.holdout &&
			    a.spend == b.spend && a.late == b.late);
		}
		m1.model = m2.model = CRM_BGNBD;
		assert_int_equal(crm_clv_fit_purchases(cdnow, CRM_WEEKS, &m1,
		    &est, &e), 0);
		assert_int_equal(crm_clv_fit_purchases(h, CRM_WEEKS, &m2,
		    &est, &e), 0);
		for (i = 0; i < 4; i++)
			near(m2.par[i], m1.par[i], 1e-9);
		crm_history_free(h);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_histories),
		cmocka_unit_test(test_bgnbd),
		cmocka_unit_test(test_pnbd),
		cmocka_unit_test(test_gamma_gamma),
		cmocka_unit_test(test_holdout),
		cmocka_unit_test(test_customer),
		cmocka_unit_test(test_score_all),
		cmocka_unit_test(test_failures),
		cmocka_unit_test(test_shuffled),
	};

	return cmocka_run_group_tests(tests, load, unload);
}
