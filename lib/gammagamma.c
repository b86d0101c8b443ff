/*
 * gammagamma.c - the Gamma-Gamma spend model (see gammagamma.h).
 *
 * FH13 is Fader and Hardie's note, FHL05 "RFM and CLV".
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "btyd.h"
#include "gammagamma.h"
#include "keyset.h"

const char *
crm_gg_param_name(int i)
{
	static const char *const names[] = { "p", "q", "gamma" };

	return i >= 0 && i < CRM_GG_NPARAM ? names[i] : "?";
}

static int
check(const struct crm_gg *g, struct crm_error *e)
{
	int i;

	for (i = 0; i < CRM_GG_NPARAM; i++)
		if (!(isfinite(g->par[i]) && g->par[i] > 0))
			return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
			    "parameter %s is %g: it must be a finite number "
			    "above 0", crm_gg_param_name(i), g->par[i]);
	return 0;
}

static int
check_buyer(double x, double m, struct crm_error *e)
{
	if (!(isfinite(x) && x >= 1 && x == floor(x)))
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "x is %g: the spend model needs a whole number of "
		    "repeat purchases, 1 or more", x);
	if (!(isfinite(m) && m > 0))
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "mean spend %g: the spend model needs it above 0", m);
	return 0;
}

/*
 * FH13's density of the mean m of x purchase values (the likelihood of
 * FHL05's spend sub-model; Colombo and Jiang 1999):
 *   f(m | p, q, gamma, x) = G(px+q) / (G(px) G(q))
 *       gamma^q m^(px-1) x^(px) / (gamma + m x)^(px+q).
 */
int
crm_gg_loglik(const struct crm_gg *g, double x, double m, double *ll,
    struct crm_error *e)
{
	double p = g->par[0], q = g->par[1], ga = g->par[2], a, b, c;

	crm_btyd_gsl_quiet();
	if (check(g, e) < 0 || check_buyer(x, m, e) < 0)
		return -1;
	if (crm_btyd_lngamma(p * x + q, &a) < 0 ||
	    crm_btyd_lngamma(p * x, &b) < 0 || crm_btyd_lngamma(q, &c) < 0)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "cannot evaluate the log-gamma function");
	*ll = a - b - c + q * log(ga) + (p * x - 1) * log(m) +
	    p * x * log(x) - (p * x + q) * log(ga + m * x);
	return isfinite(*ll) ? 0 : crm_error_set(e, CRM_EXIT_DATA, NULL, 0,
	    0, "cannot evaluate the spend log-likelihood");
}

/*
 * FH13 eq. (5) (FHL05): the posterior mean of the customer's mean
 * purchase value, a weighted mean of the population mean p gamma/(q-1)
 * and the customer's own m:
 *   E(M | p, q, gamma, m, x) = p (gamma + m x) / (p x + q - 1).
 */
int
crm_gg_expected_spend(const struct crm_gg *g, double x, double m,
    double *es, struct crm_error *e)
{
	double p = g->par[0], q = g->par[1], ga = g->par[2];

	if (check(g, e) < 0)
		return -1;
	if (!(isfinite(x) && x >= 0 && x == floor(x)))
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "x is %g: it must be a whole number, 0 or more", x);
	if (x == 0)
		m = 0;
	else if (!(isfinite(m) && m >= 0))
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "mean spend %g: it must be 0 or more", m);
	if (!(p * x + q - 1 > 0))
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "the spend model has no mean for x = %g (q = %g: "
		    "p x + q must be above 1)", x, q);
	*es = exp(log(p) + log(ga + m * x) - log(p * x + q - 1));
	return isfinite(*es) ? 0 : crm_error_set(e, CRM_EXIT_DATA, NULL, 0,
	    0, "cannot evaluate the expected spend");
}

/*
 * The data of a fit, arranged so that the log-likelihood costs one
 * logarithm per buyer: the log-gamma terms per distinct x, the terms
 * linear in p summed once.
 */
struct data {
	const double *x, *m;
	size_t n, nx;
	double *vx, *cx;	/* distinct x, buyers with it */
	double slm, sxlm, sxlx;	/* sums of log m, x log m, x log x */
};

static int
data_init(struct data *d, const double *x, const double *m, size_t n,
    struct crm_error *e)
{
	struct crm_keyset ks;
	size_t i;
	long j;
	int added, rc = -1;

	memset(d, 0, sizeof(*d));
	d->x = x, d->m = m, d->n = n;
	crm_keyset_init(&ks);
	d->vx = malloc((n ? n : 1) * sizeof(double));
	d->cx = calloc(n ? n : 1, sizeof(double));
	if (d->vx == NULL || d->cx == NULL) {
		crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0, "out of memory");
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (check_buyer(x[i], m[i], e) < 0 ||
		    (j = crm_keyset_add(&ks, (const char *)&x[i],
		    sizeof(x[i]), &added, e)) < 0)
			goto out;
		d->vx[j] = x[i];
		d->cx[j]++;
		d->slm += log(m[i]);
		d->sxlm += x[i] * log(m[i]);
		d->sxlx += x[i] * log(x[i]);
	}
	d->nx = ks.n;
	rc = 0;
out:
	crm_keyset_free(&ks);
	return rc;
}

static int
data_loglik(const double *th, void *arg, double *ll, struct crm_error *e)
{
	const struct data *d = arg;
	double p = th[0], q = th[1], ga = th[2], a, b, sum, n = (double)d->n;
	size_t i;

	if (crm_btyd_lngamma(q, &a) < 0)
		goto fail;
	sum = -n * a + n * q * log(ga) + p * d->sxlm - d->slm + p * d->sxlx;
	for (i = 0; i < d->nx; i++) {
		if (crm_btyd_lngamma(p * d->vx[i] + q, &a) < 0 ||
		    crm_btyd_lngamma(p * d->vx[i], &b) < 0)
			goto fail;
		sum += d->cx[i] * (a - b);
	}
	for (i = 0; i < d->n; i++)
		sum -= (p * d->x[i] + q) * log(ga + d->m[i] * d->x[i]);
	*ll = sum;
	return isfinite(sum) ? 0 : crm_error_set(e, CRM_EXIT_DATA, NULL, 0,
	    0, "the spend log-likelihood is not finite");
fail:
	return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
	    "cannot evaluate the log-gamma function");
}

static void
problem(struct crm_mlfit *f, struct data *d)
{
	static const char *const names[] = { "p", "q", "gamma" };

	f->dim = CRM_GG_NPARAM;
	f->loglik = data_loglik;
	f->arg = d;
	f->customers = d->n > 0 ? (double)d->n : 1;
	f->names = names;
}

/*
 * The search starts at p = 1, q = 2 and gamma the buyers' mean spend:
 * a population mean p gamma / (q - 1) equal to it, whatever the currency.
 */
int
crm_gg_fit(const double *x, const double *m, size_t n, struct crm_gg *g,
    struct crm_mlfit_result *res, struct crm_error *e)
{
	struct data d;
	struct crm_mlfit f;
	double th[CRM_GG_NPARAM] = { 1, 2, 0 };
	size_t i;
	int rc = -1;

	crm_btyd_gsl_quiet();
	memset(&d, 0, sizeof(d));
	if (n == 0)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "no repeat buyer with spend above 0: the spend model "
		    "cannot be fitted");
	if (data_init(&d, x, m, n, e) < 0)
		goto out;
	for (i = 0; i < n; i++)
		th[2] += m[i] / (double)n;
	problem(&f, &d);
	if (crm_mlfit_maximize(&f, th, res, e) < 0)
		goto out;
	memcpy(g->par, th, sizeof(th));
	rc = 0;
out:
	free(d.vx);
	free(d.cx);
	return rc;
}

int
crm_gg_std_errors(const double *x, const double *m, size_t n,
    const struct crm_gg *g, double *se, struct crm_error *e)
{
	struct data d;
	struct crm_mlfit f;
	int rc = -1;

	crm_btyd_gsl_quiet();
	memset(&d, 0, sizeof(d));
	if (check(g, e) < 0 || data_init(&d, x, m, n, e) < 0)
		goto out;
	problem(&f, &d);
	rc = crm_mlfit_std_errors(&f, g->par, se, e);
out:
	free(d.vx);
	free(d.cx);
	return rc;
}
