/*
 * mlfit.h - maximum likelihood with GSL for the customer-base models:
 * the maximiser and the standard errors, for any log-likelihood of a few
 * parameters that are all > 0.
 *
 * crm_mlfit_maximize searches on the logarithms of the parameters (so
 * that every point it tries is valid): GSL's Nelder-Mead simplex
 * (nmsimplex2) from the start, then rounds of GSL's BFGS (vector_bfgs2,
 * central-difference gradient) each followed by a simplex restarted at
 * its result, until a round improves the log-likelihood by less than
 * 1e-10 per customer and moves no parameter by more than 1e-6 relative:
 * the optimum is then the same from both methods.  A parameter set at
 * which the log-likelihood cannot be evaluated counts as a very poor one
 * (the search moves away from it); the estimate itself must evaluate.
 *
 * crm_mlfit_std_errors: the square roots of the diagonal of the inverse
 * of minus the Hessian of the log-likelihood at the estimate, the
 * Hessian by central second differences on the parameters themselves,
 * with steps of 1e-3 and 2e-3 of each, Richardson-extrapolated (the
 * error is then of the order of the step to the fourth, and the rounding
 * of the log-likelihood is divided by a step not too small: the spend
 * model's errors are ill-conditioned, and steps of 1e-4 gave them to
 * 0.3% only), inverted by GSL's Cholesky decomposition (which also
 * checks that the estimate is a maximum).
 */
#ifndef CRM_MLFIT_H
#define CRM_MLFIT_H

#include <stddef.h>

#include "error.h"

#define CRM_MLFIT_MAXDIM	4

/*
 * The log-likelihood: 0 and *ll (finite), or -1 and the reason in *e,
 * at the parameters theta (dim of them, all > 0).
 */
typedef int crm_mlfit_fn(const double *theta, void *arg, double *ll,
    struct crm_error *e);

struct crm_mlfit {
	size_t dim;		/* 1 .. CRM_MLFIT_MAXDIM */
	crm_mlfit_fn *loglik;
	void *arg;
	double customers;	/* the search works per customer */
	const char *const *names;	/* of the parameters, for messages */
};

struct crm_mlfit_result {
	double loglik;		/* at the estimate */
	long iterations;	/* of the simplex and BFGS steps, in all */
	long evaluations;	/* of the log-likelihood */
	int rounds;		/* BFGS-and-simplex rounds */
};

/*
 * Maximises f's log-likelihood from theta (dim values > 0), leaving the
 * estimate in theta.  Fails (theta unchanged) when the log-likelihood
 * cannot be evaluated at the start or at the estimate, or when a
 * parameter runs off towards 0 or infinity (beyond e^-25 .. e^25): the
 * data do not determine it.
 */
int crm_mlfit_maximize(const struct crm_mlfit *f, double *theta,
    struct crm_mlfit_result *res, struct crm_error *e);

/*
 * se[i] = the standard error of parameter i at the estimate theta.
 * Fails when a log-likelihood near theta cannot be evaluated, or when
 * minus the Hessian is not positive definite (theta is not a maximum).
 */
int crm_mlfit_std_errors(const struct crm_mlfit *f, const double *theta,
    double *se, struct crm_error *e);

#endif
