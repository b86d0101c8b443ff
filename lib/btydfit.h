/*
 * btydfit.h - BG/NBD and Pareto/NBD fitted by maximum likelihood to the
 * distinct histories of a set of customers (triples.h), with GSL
 * (mlfit.h): the log-likelihood over the histories, the estimates and
 * their standard errors.
 *
 * The log-likelihood is that of btyd.h, sum over the distinct histories
 * of count times a history's log-likelihood; what depends on x alone (the
 * log-gamma and log-beta terms) is evaluated once per distinct x, the
 * logarithms of alpha + T and the like once per distinct T or t_x, and
 * the Pareto/NBD's hypergeometric functions once per distinct (x, t_x)
 * and (x, T).
 */
#ifndef CRM_BTYDFIT_H
#define CRM_BTYDFIT_H

#include <stddef.h>

#include "btyd.h"
#include "error.h"
#include "mlfit.h"
#include "triples.h"

/*
 * *ll = the log-likelihood of the histories t (indexed: see
 * crm_triples_index) under m.  On failure *bad is the history whose
 * log-likelihood cannot be evaluated (or t->n when none is to blame),
 * and the message names it: "history (x 2, t_x 30.4286, T 38.8571):
 * ..." (the fit works on histories, not customers).
 */
int crm_btydfit_loglik(const struct crm_triples *t, const struct crm_btyd *m,
    double *ll, size_t *bad, struct crm_error *e);

/*
 * Fits m->model to the histories t (indexed): m->par receives the
 * estimates, *res the log-likelihood and the work done.  Fails when the
 * data cannot determine the model (no customer, no repeat purchase, a
 * parameter running off) or a log-likelihood at the estimate cannot be
 * evaluated.
 */
int crm_btydfit_fit(const struct crm_triples *t, struct crm_btyd *m,
    struct crm_mlfit_result *res, struct crm_error *e);

/* se[0..3] = the standard errors of m's parameters (see mlfit.h). */
int crm_btydfit_std_errors(const struct crm_triples *t,
    const struct crm_btyd *m, double *se, struct crm_error *e);

#endif
