/*
 * gammagamma.h - the Gamma-Gamma model of spend per purchase (Colombo
 * and Jiang 1999; Fader, Hardie and Lee 2005, "RFM and CLV: using
 * iso-value curves for customer base analysis", Journal of Marketing
 * Research 42(4), 415-430; Fader and Hardie 2013, "The Gamma-Gamma
 * model of monetary value", note 025).
 *
 * A customer's purchase values are gamma(p, nu), nu gamma(q, gamma)
 * across customers, independent of the purchase process.  Data: per
 * repeat buyer, x (repeat purchases, >= 1) and m (their mean value,
 * > 0); customers without repeat purchases tell nothing about their own
 * nu and are not in the fit.  Everything in logarithms, from GSL's
 * log-gamma; never nan or inf: a failure fills *e.
 */
#ifndef CRM_GAMMAGAMMA_H
#define CRM_GAMMAGAMMA_H

#include <stddef.h>

#include "error.h"
#include "mlfit.h"

#define CRM_GG_NPARAM	3

struct crm_gg {
	double par[CRM_GG_NPARAM];	/* p, q, gamma; all > 0 */
};

/* "p", "q" or "gamma". */
const char *crm_gg_param_name(int i);

/*
 * *ll = log f(m | p, q, gamma, x), the density of the mean m of x
 * purchase values (x >= 1 whole, m > 0).
 */
int crm_gg_loglik(const struct crm_gg *g, double x, double m, double *ll,
    struct crm_error *e);

/*
 * *es = E(M | p, q, gamma, m, x), the expected value of the customer's
 * purchases given x repeat purchases of mean m (x = 0: the population
 * mean p gamma / (q - 1), which needs q > 1; m is then ignored).
 */
int crm_gg_expected_spend(const struct crm_gg *g, double x, double m,
    double *es, struct crm_error *e);

/*
 * Fits the model to n repeat buyers (x[i] >= 1, m[i] > 0): g receives
 * the estimates, *res the log-likelihood and the work done.
 */
int crm_gg_fit(const double *x, const double *m, size_t n, struct crm_gg *g,
    struct crm_mlfit_result *res, struct crm_error *e);

/* se[0..2] = the standard errors of g's parameters (see mlfit.h). */
int crm_gg_std_errors(const double *x, const double *m, size_t n,
    const struct crm_gg *g, double *se, struct crm_error *e);

#endif
