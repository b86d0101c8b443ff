/*
 * btyd.c - BG/NBD and Pareto/NBD for one customer (see btyd.h).
 *
 * Notation: a customer with x repeat purchases, the last at t_x, observed
 * up to T (its age); parameters r, alpha (the gamma distribution of the
 * purchase rates) and a, b (BG/NBD: the beta distribution of the dropout
 * probability after each purchase) or s, beta (Pareto/NBD: the gamma
 * distribution of the dropout rates).
 */
#include <math.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_hyperg.h>

#include "btyd.h"

#define HYP_REL		1e-10	/* a 2F1 from GSL must be this precise */
#define QUAD_REL	1e-11	/* relative tolerance of the quadratures */
#define QUAD_LIMIT	200	/* their subintervals */

void
crm_btyd_gsl_quiet(void)
{
	static int done;

	if (!done) {
		gsl_set_error_handler_off();
		done = 1;
	}
}

const char *
crm_btyd_model_name(enum crm_btyd_model m)
{
	return m == CRM_PNBD ? "pnbd" : "bgnbd";
}

const char *
crm_btyd_param_name(enum crm_btyd_model m, int i)
{
	static const char *const bg[] = { "r", "alpha", "a", "b" };
	static const char *const pn[] = { "r", "alpha", "s", "beta" };

	if (i < 0 || i >= CRM_BTYD_NPARAM)
		return "?";
	return m == CRM_PNBD ? pn[i] : bg[i];
}

int
crm_btyd_check_params(const struct crm_btyd *m, struct crm_error *e)
{
	int i;

	for (i = 0; i < CRM_BTYD_NPARAM; i++)
		if (!(isfinite(m->par[i]) && m->par[i] > 0))
			return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
			    "parameter %s is %g: it must be a finite number "
			    "above 0", crm_btyd_param_name(m->model, i),
			    m->par[i]);
	return 0;
}

int
crm_btyd_check(const struct crm_btyd *m, double x, double t_x, double T,
    struct crm_error *e)
{
	if (crm_btyd_check_params(m, e) < 0)
		return -1;
	if (!(isfinite(x) && x >= 0 && x == floor(x)))
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "x is %g: it must be a whole number, 0 or more", x);
	if (!(isfinite(T) && isfinite(t_x) && t_x >= 0 && t_x <= T))
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "t_x (%g) must be between 0 and T (%g)", t_x, T);
	if (x == 0 && t_x != 0)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "x is 0 but t_x is %g: with no repeat purchase it is 0",
		    t_x);
	return 0;
}

static int
fail(struct crm_error *e, const char *what)
{
	return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
	    "cannot evaluate %s", what);
}

int
crm_btyd_lngamma(double x, double *out)
{
	gsl_sf_result r;

	if (gsl_sf_lngamma_e(x, &r) != GSL_SUCCESS || !isfinite(r.val))
		return -1;
	*out = r.val;
	return 0;
}

int
crm_btyd_lnbeta(double a, double b, double *out)
{
	gsl_sf_result r;

	if (gsl_sf_lnbeta_e(a, b, &r) != GSL_SUCCESS || !isfinite(r.val))
		return -1;
	*out = r.val;
	return 0;
}

/* 2F1(a, b; c; z) from GSL, when GSL vouches for HYP_REL. */
static int
hyp2f1(double a, double b, double c, double z, double *out)
{
	gsl_sf_result r;

	if (gsl_sf_hyperg_2F1_e(a, b, c, z, &r) != GSL_SUCCESS ||
	    !isfinite(r.val) || !(r.err <= HYP_REL * fabs(r.val)))
		return -1;
	*out = r.val;
	return 0;
}

/* log(exp(a) + exp(b)) */
double
crm_btyd_logaddexp(double a, double b)
{
	double m = a > b ? a : b;

	return m + log1p(exp(-fabs(a - b)));
}

/* log(1 + exp(y)) */
static double
log1pexp(double y)
{
	return y > 0 ? y + log1p(exp(-y)) : log1p(exp(y));
}

/* log(1 - exp(d)), d < 0 */
double
crm_btyd_log1mexp(double d)
{
	return d > -M_LN2 ? log(-expm1(d)) : log1p(-exp(d));
}

/*
 * BG/NBD log-likelihood, FHL eq. (6):
 *   L = B(a, b+x)/B(a, b) * G(r+x) alpha^r / (G(r) (alpha+T)^(r+x))
 *     + [x > 0] B(a+1, b+x-1)/B(a, b) * G(r+x) alpha^r
 *       / (G(r) (alpha+t_x)^(r+x)),
 * summed in logarithms (log-sum-exp), never as a difference.
 */
static int
bg_loglik(const double *p, double x, double t_x, double T, double *ll,
    struct crm_error *e)
{
	double r = p[0], al = p[1], a = p[2], b = p[3];
	double g1, g0, b0, b1, b2, l;

	if (crm_btyd_lngamma(r + x, &g1) < 0 ||
	    crm_btyd_lngamma(r, &g0) < 0 || crm_btyd_lnbeta(a, b, &b0) < 0 ||
	    crm_btyd_lnbeta(a, b + x, &b1) < 0)
		return fail(e, "the log-gamma and log-beta functions");
	l = b1 - b0 - (r + x) * log(al + T);
	if (x > 0) {
		if (crm_btyd_lnbeta(a + 1, b + x - 1, &b2) < 0)
			return fail(e, "the log-beta function");
		l = crm_btyd_logaddexp(l,
		    b2 - b0 - (r + x) * log(al + t_x));
	}
	*ll = g1 - g0 + r * log(al) + l;
	return isfinite(*ll) ? 0 : fail(e, "the log-likelihood");
}

/*
 * BG/NBD P(alive), FH08:
 *   P = 1 / (1 + [x > 0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)),
 * from the logarithm of the odds of being dead.
 */
static double
bg_p_alive(const double *p, double x, double t_x, double T)
{
	double r = p[0], al = p[1], a = p[2], b = p[3];
	double lodds;

	if (x == 0)
		return 1;
	lodds = log(a) - log(b + x - 1) +
	    (r + x) * log1p((T - t_x) / (al + t_x));
	return exp(-log1pexp(lodds));
}

struct bgq {
	double k, w;	/* r + x, t / (alpha + T) */
	double fa, fb;	/* the part of the density's exponents in f */
	double lb;	/* log B(a, b + x) */
	double mu, sd;	/* the mean and standard deviation of p */
};

/*
 * h(p) = (1 - (1 + p w)^-k) / p (its limit k w at p = 0) times the part
 * p^fa (1-p)^fb / B(a, b+x) of the beta density that the rule does not
 * take as its weight.
 */
static double
bgq_f(double p, void *arg)
{
	const struct bgq *q = arg;
	double h = p <= 0 ? q->k * q->w : -expm1(-q->k * log1p(p * q->w)) / p;

	if ((p <= 0 && q->fa != 0) || (p >= 1 && q->fb != 0))
		return 0;
	return h * exp((q->fa != 0 ? q->fa * log(p) : 0) +
	    (q->fb != 0 ? q->fb * log1p(-p) : 0) - q->lb);
}

/*
 * The integral of bgq_f over [lo, hi] against the weight
 * (p-lo)^wa (hi-p)^wb: GSL's QAWS rule where there is a weight (an
 * algebraic singularity or a steep edge at an end), else GSL's QAGP with
 * break points at the mean and 3, 10 and 30 standard deviations either
 * side (the density is a narrow bump when a and b+x are large).
 */
static int
bg_quad_piece(struct bgq *q, double lo, double hi, double wa, double wb,
    double *v, double *err)
{
	double pts[9], k[] = { -30, -10, -3, 0, 3, 10, 30 }, pt;
	gsl_function f = { bgq_f, q };
	gsl_integration_qaws_table *tab = NULL;
	gsl_integration_workspace *ws;
	size_t i, n = 0;
	int st = GSL_ENOMEM;

	pts[n++] = lo;
	for (i = 0; i < sizeof(k) / sizeof(k[0]); i++)
		if ((pt = q->mu + k[i] * q->sd) > pts[n - 1] && pt < hi)
			pts[n++] = pt;
	pts[n++] = hi;
	ws = gsl_integration_workspace_alloc(QUAD_LIMIT);
	if (wa != 0 || wb != 0)
		tab = gsl_integration_qaws_table_alloc(wa, wb, 0, 0);
	if (ws != NULL && (tab != NULL || (wa == 0 && wb == 0)))
		st = tab != NULL ? gsl_integration_qaws(&f, lo, hi, tab, 0,
		    QUAD_REL, QUAD_LIMIT, ws, v, err) :
		    gsl_integration_qagp(&f, pts, n, 0, QUAD_REL, QUAD_LIMIT,
		    ws, v, err);
	gsl_integration_qaws_table_free(tab);
	gsl_integration_workspace_free(ws);
	if (st == GSL_EROUND && *err <= 1e-8 * fabs(*v))
		st = GSL_SUCCESS;
	return st == GSL_SUCCESS && isfinite(*v) && *v >= 0 ? 0 : -1;
}

/*
 * The purchases of an alive customer from their definition: an alive
 * customer with rate lambda and dropout probability p makes
 * (1 - exp(-lambda p t)) / p purchases in t on average; lambda is
 * gamma(r+x, alpha+T) and p beta(a, b+x) given the history, so the
 * mean over lambda is h(p) = (1 - (1 + p t/(alpha+T))^-(r+x)) / p, and
 * M the mean of h over the beta distribution: GSL quadratures, the
 * density's end with an exponent below 1 (a - 1 or b+x-1) taken by
 * QAWS as a weight, the rest as a smooth bump.
 */
int
crm_btyd_bgnbd_alive_quad(const struct crm_btyd *mo, double x, double T,
    double t, double *m, struct crm_error *e)
{
	const double *p = mo->par;
	double a = p[2], bx = p[3] + x, v1 = 0, v2 = 0, err, c;
	struct bgq q = { p[0] + x, t / (p[1] + T), a - 1, bx - 1, 0, 0, 0 };
	int rc;

	q.mu = a / (a + bx);
	q.sd = sqrt(q.mu * (1 - q.mu) / (a + bx + 1));
	if (crm_btyd_lnbeta(a, bx, &q.lb) < 0)
		return fail(e, "the log-beta function");
	if (a >= 2 && bx >= 2)
		rc = bg_quad_piece(&q, 0, 1, 0, 0, &v1, &err);
	else if (a < 2 && bx < 2) {
		q.fa = q.fb = 0;
		rc = bg_quad_piece(&q, 0, 1, a - 1, bx - 1, &v1, &err);
	} else if (a < 2) {
		c = fmin(0.5, q.mu + 10 * q.sd);
		rc = bg_quad_piece(&q, c, 1, 0, 0, &v2, &err);
		q.fa = 0;
		rc |= bg_quad_piece(&q, 0, c, a - 1, 0, &v1, &err);
	} else {
		c = fmax(0.5, q.mu - 10 * q.sd);
		rc = bg_quad_piece(&q, 0, c, 0, 0, &v1, &err);
		q.fb = 0;
		rc |= bg_quad_piece(&q, c, 1, 0, bx - 1, &v2, &err);
	}
	if (rc != 0 || !(isfinite(*m = v1 + v2) && *m > 0))
		return fail(e, "the expected purchases (BG/NBD integral)");
	return 0;
}

/*
 * The purchases in (T, T+t] of an alive BG/NBD customer: FHL eq. (10)
 * without its denominator (which is 1 / P(alive)),
 *   M = (a+b+x-1)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x)
 *       2F1(r+x, b+x; a+b+x-1; z)],   z = t/(alpha+T+t),
 * with Euler's transformation 2F1(A, B; C; z) = (1-z)^(C-A-B)
 * 2F1(C-A, C-B; C; z), which turns the bracket into
 *   1 - (1-z)^(a-1) 2F1(a-1, a+b-1-r; a+b+x-1; z):
 * parameters that do not grow with x, and no overflow of the 2F1 that
 * the factor (1-z)^(r+x) would have to cancel.  The 2F1 is negative for
 * some a + b < 1 (x = 0): nothing here takes its logarithm.  The
 * bracket is a difference: where it cancels more than 1e4-fold (near
 * the removable singularities a = 1 and a+b+x-1 = 0, or for a small
 * r + x), or where GSL cannot give the 2F1 precisely, the integral of
 * crm_btyd_bgnbd_alive_quad instead.
 */
/*
 * (1-z)^(a-1) 2F1(a-1, a+b-1-r; a+b+x-1; z), that is log(1-z) = lz, from
 * GSL.  Where GSL's error estimate is not small (it can be the size of
 * the value for a < 1 however good the value), the untransformed
 * (1-z)^(r+x) 2F1(r+x, b+x; a+b+x-1; z) must agree with it to 1e-12.
 */
static int
bg_euler(const double *p, double x, double lz, double *out)
{
	double r = p[0], a = p[2], b = p[3], c = a + b + x - 1;
	double z = -expm1(lz), f, g;
	gsl_sf_result h;

	if (hyp2f1(a - 1, a + b - 1 - r, c, z, &f) == 0) {
		*out = exp((a - 1) * lz) * f;
		return 0;
	}
	if (gsl_sf_hyperg_2F1_e(a - 1, a + b - 1 - r, c, z, &h) !=
	    GSL_SUCCESS || !isfinite(h.val))
		return -1;
	f = exp((a - 1) * lz) * h.val;
	if (gsl_sf_hyperg_2F1_e(r + x, b + x, c, z, &h) != GSL_SUCCESS ||
	    !isfinite(g = exp((r + x) * lz) * h.val) ||
	    !(fabs(f - g) <= 1e-12 * fabs(f)))
		return -1;
	*out = f;
	return 0;
}

static int
bg_alive(const struct crm_btyd *mo, double x, double T, double t, double *m,
    struct crm_error *e)
{
	const double *p = mo->par;
	double a = p[2], c = a + p[3] + x - 1, lz, f, u, br;

	if (t == 0) {
		*m = 0;
		return 0;
	}
	lz = -log1p(t / (p[1] + T));	/* log(1 - z) */
	if (fabs(a - 1) > 1e-6 && fabs(c) > 1e-6 &&
	    bg_euler(p, x, lz, &f) == 0) {
		u = (a - 1) * lz;
		br = -(expm1(u) + (f - exp(u)));
		*m = c / (a - 1) * br;
		if (isfinite(*m) && *m > 0 &&
		    fabs(expm1(u)) + fabs(f) <= 1e4 * fabs(br))
			return 0;
	}
	return crm_btyd_bgnbd_alive_quad(mo, x, T, t, m, e);
}

/*
 * Pareto/NBD.  FH05 section 3 writes the likelihood as
 *   L = G(r+x) alpha^r beta^s / G(r)
 *       { 1/((alpha+T)^(r+x) (beta+T)^s) + s/(r+s+x) A0 },
 * A0 = F(t_x) - F(T), where F(tau) = 2F1(r+s+x, s+1; r+s+x+1;
 * (alpha-beta)/(alpha+tau)) / (alpha+tau)^(r+s+x) when alpha >= beta, and
 * 2F1(r+s+x, r+x; r+s+x+1; (beta-alpha)/(beta+tau)) / (beta+tau)^(r+s+x)
 * otherwise.  s/(r+s+x) A0 is s I, I the integral over the death time
 *   I = int_{t_x}^{T} (alpha+tau)^-(r+x) (beta+tau)^-(s+1) dtau,
 * and (r+s+x) F(tau) is the same integral from tau to infinity.
 *
 * GSL's 2F1 gives up on large x with the parameters as written (both
 * numerator parameters large); Euler's transformation makes the first
 * one 1:
 *   alpha >= beta: F = (alpha+tau)^-(r+x) (beta+tau)^-s
 *                      2F1(1, r+x; r+s+x+1; z),
 *   alpha < beta:  F = (beta+tau)^-(s+1) (alpha+tau)^(1-r-x)
 *                      2F1(1, s+1; r+s+x+1; z),
 * series of positive terms, >= 1, that GSL sums for any x while z is not
 * too close to 1.  Returns -1 when GSL cannot vouch for the result.
 */
int
crm_btyd_pnbd_lnf(const struct crm_btyd *m, double x, double tau,
    double *lnf)
{
	double r = m->par[0], al = m->par[1], s = m->par[2], be = m->par[3];
	double g, pre;
	int st;

	if (al >= be) {
		st = hyp2f1(1, r + x, r + s + x + 1, (al - be) / (al + tau),
		    &g);
		pre = -(r + x) * log(al + tau) - s * log(be + tau);
	} else {
		st = hyp2f1(1, s + 1, r + s + x + 1, (be - al) / (be + tau),
		    &g);
		pre = -(s + 1) * log(be + tau) - (r + x - 1) * log(al + tau);
	}
	if (st < 0 || !(g >= 1))
		return -1;
	*lnf = pre + log(g);
	return isfinite(*lnf) ? 0 : -1;
}

void
crm_btyd_pnbd_lnsi_from_f(const struct crm_btyd *m, double x, double f1,
    double f2, double *lnsi, int *zero)
{
	double r = m->par[0], s = m->par[2];

	/*
	 * F(t_x) > F(T) when t_x < T; when rounding says otherwise, s I is
	 * below the rounding of the first term of L (s I <= s F(T)/(r+s+x)
	 * <= that term), and adds nothing.
	 */
	if (!(f2 < f1)) {
		*zero = 1;
		*lnsi = 0;
		return;
	}
	*zero = 0;
	*lnsi = log(s) - log(r + s + x) + f1 + crm_btyd_log1mexp(f2 - f1);
}

struct pnq {
	double k, s;	/* r + x, s */
	double c;	/* (beta + t_x) / (alpha + t_x) */
};

/* the integrand of I after tau = t_x + (beta+t_x) expm1(u), scaled to 1 */
static double
pnq_f(double u, void *arg)
{
	const struct pnq *q = arg;

	return exp(-q->k * log1p(q->c * expm1(u)) - q->s * u);
}

/*
 * log(s I) from the integral itself, with GSL's adaptive Gauss-Kronrod
 * rule, where the 2F1 cannot be had.  With u = log((beta+tau)/(beta+t_x))
 * the integrand is (alpha+tau)^-(r+x) (beta+tau)^-s: smooth, decreasing,
 * and on a short interval even for a huge T.
 */
int
crm_btyd_pnbd_lnsi_quad(const struct crm_btyd *m, double x, double t_x,
    double T, double *lnsi, struct crm_error *e)
{
	double r = m->par[0], al = m->par[1], s = m->par[2], be = m->par[3];
	struct pnq q = { r + x, s, (be + t_x) / (al + t_x) };
	gsl_function f = { pnq_f, &q };
	gsl_integration_workspace *ws;
	double v = 0, err = 0, hi = log1p((T - t_x) / (be + t_x));
	int st = GSL_ENOMEM;

	if ((ws = gsl_integration_workspace_alloc(QUAD_LIMIT)) != NULL)
		st = gsl_integration_qag(&f, 0, hi, 0, QUAD_REL, QUAD_LIMIT,
		    GSL_INTEG_GAUSS41, ws, &v, &err);
	gsl_integration_workspace_free(ws);
	if (st == GSL_EROUND && err <= 1e-8 * fabs(v))
		st = GSL_SUCCESS;
	if (st != GSL_SUCCESS || !(isfinite(v) && v > 0))
		return fail(e, "the Pareto/NBD death-time integral");
	*lnsi = log(s) - (r + x) * log(al + t_x) - s * log(be + t_x) +
	    log(v);
	return isfinite(*lnsi) ? 0 : fail(e, "the Pareto/NBD likelihood");
}

int
crm_btyd_pnbd_lnsi(const struct crm_btyd *m, double x, double t_x,
    double T, double *lnsi, int *zero, struct crm_error *e)
{
	double f1, f2;

	*zero = 0;
	if (t_x == T) {
		*zero = 1;
		*lnsi = 0;
		return 0;
	}
	if (crm_btyd_pnbd_lnf(m, x, t_x, &f1) == 0 &&
	    crm_btyd_pnbd_lnf(m, x, T, &f2) == 0) {
		crm_btyd_pnbd_lnsi_from_f(m, x, f1, f2, lnsi, zero);
		return 0;
	}
	return crm_btyd_pnbd_lnsi_quad(m, x, t_x, T, lnsi, e);
}

/* log of the first term of L in braces: (alpha+T)^-(r+x) (beta+T)^-s */
static void
pn_terms(const struct crm_btyd *m, double x, double T, double *t1)
{
	double r = m->par[0], al = m->par[1], s = m->par[2], be = m->par[3];

	*t1 = -(r + x) * log(al + T) - s * log(be + T);
}

static int
pn_loglik(const struct crm_btyd *m, double x, double t_x, double T,
    double *ll, struct crm_error *e)
{
	double r = m->par[0], al = m->par[1], s = m->par[2], be = m->par[3];
	double g1, g0, t1, lnsi;
	int zero;

	if (crm_btyd_lngamma(r + x, &g1) < 0 || crm_btyd_lngamma(r, &g0) < 0)
		return fail(e, "the log-gamma function");
	if (crm_btyd_pnbd_lnsi(m, x, t_x, T, &lnsi, &zero, e) < 0)
		return -1;
	pn_terms(m, x, T, &t1);
	*ll = g1 - g0 + r * log(al) + s * log(be) +
	    (zero ? t1 : crm_btyd_logaddexp(t1, lnsi));
	return isfinite(*ll) ? 0 : fail(e, "the log-likelihood");
}

/*
 * Pareto/NBD P(alive), FH05 section 5.1 (SMC eq. 11):
 *   P = 1 / (1 + s/(r+s+x) (alpha+T)^(r+x) (beta+T)^s A0),
 * that is the first term in braces of L over the braces.
 */
static int
pn_p_alive(const struct crm_btyd *m, double x, double t_x, double T,
    double *p, struct crm_error *e)
{
	double t1, lnsi;
	int zero;

	if (crm_btyd_pnbd_lnsi(m, x, t_x, T, &lnsi, &zero, e) < 0)
		return -1;
	pn_terms(m, x, T, &t1);
	*p = zero ? 1 : exp(-log1pexp(lnsi - t1));
	return 0;
}

/*
 * The purchases in (T, T+t] of an alive Pareto/NBD customer, FH05 eq. (41)
 * without its factor P(alive):
 *   M = (r+x)(beta+T) / ((alpha+T)(s-1)) [1 - ((beta+T)/(beta+T+t))^(s-1)],
 * the bracket over s-1 computed as -expm1((s-1) log q)/(s-1), which is
 * exact near s = 1 and becomes -log q at s = 1 (the limit).
 */
static int
pn_alive(const double *p, double x, double T, double t, double *m,
    struct crm_error *e)
{
	double r = p[0], al = p[1], s = p[2], be = p[3];
	double lq = -log1p(t / (be + T)), u = (s - 1) * lq, d;

	d = u == 0 ? -lq : -expm1(u) / (s - 1);
	*m = (r + x) / (al + T) * (be + T) * d;
	return isfinite(*m) && *m >= 0 ? 0 :
	    fail(e, "the expected purchases (Pareto/NBD)");
}

int
crm_btyd_loglik(const struct crm_btyd *m, double x, double t_x, double T,
    double *ll, struct crm_error *e)
{
	crm_btyd_gsl_quiet();
	if (crm_btyd_check(m, x, t_x, T, e) < 0)
		return -1;
	if (m->model == CRM_PNBD)
		return pn_loglik(m, x, t_x, T, ll, e);
	return bg_loglik(m->par, x, t_x, T, ll, e);
}

int
crm_btyd_p_alive(const struct crm_btyd *m, double x, double t_x, double T,
    double *p, struct crm_error *e)
{
	crm_btyd_gsl_quiet();
	if (crm_btyd_check(m, x, t_x, T, e) < 0)
		return -1;
	if (m->model == CRM_PNBD)
		return pn_p_alive(m, x, t_x, T, p, e);
	*p = bg_p_alive(m->par, x, t_x, T);
	return 0;
}

int
crm_btyd_alive_purchases(const struct crm_btyd *m, double x, double T,
    double t, double *ey, struct crm_error *e)
{
	crm_btyd_gsl_quiet();
	if (crm_btyd_check(m, x, 0, T, e) < 0)
		return -1;
	if (!(isfinite(t) && t >= 0))
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "the horizon (%g) must be a finite number, 0 or more", t);
	if (m->model == CRM_PNBD)
		return pn_alive(m->par, x, T, t, ey, e);
	return bg_alive(m, x, T, t, ey, e);
}

int
crm_btyd_expected(const struct crm_btyd *m, double x, double t_x, double T,
    double t, double *ey, struct crm_error *e)
{
	double p, a;

	if (crm_btyd_p_alive(m, x, t_x, T, &p, e) < 0 ||
	    crm_btyd_alive_purchases(m, x, T, t, &a, e) < 0)
		return -1;
	*ey = p * a;
	return 0;
}
