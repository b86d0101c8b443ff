/*
 * mlfit.c - maximum likelihood with GSL (see mlfit.h).
 */
#include <math.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_vector.h>

#include "mlfit.h"

#define PENALTY		1e10	/* per customer, where ll cannot be had */
#define ULIMIT		40	/* |log theta| tried at most */
#define UBOUND		25	/* |log theta| an estimate may have */
#define GRAD_STEP	1e-5	/* of the numeric gradient, in log theta */
#define STABLE_F	1e-10	/* per customer, between two rounds */
#define STABLE_U	1e-6	/* in log theta, between two rounds */
#define MAX_ROUNDS	10

struct state {
	const struct crm_mlfit *f;
	double best;			/* least -ll per customer seen */
	double ubest[CRM_MLFIT_MAXDIM];	/* where */
	long evals, iters;
	int have;			/* best is set */
	struct crm_error why;		/* the last failed evaluation */
};

/* -ll per customer at theta = exp(u); PENALTY where it cannot be had. */
static double
objective(const gsl_vector *u, void *arg)
{
	struct state *s = arg;
	double th[CRM_MLFIT_MAXDIM], ll, v;
	size_t i, n = s->f->dim;

	for (i = 0; i < n; i++) {
		double ui = gsl_vector_get(u, i);

		if (!(fabs(ui) <= ULIMIT))
			return PENALTY;
		th[i] = exp(ui);
	}
	s->evals++;
	if (s->f->loglik(th, s->f->arg, &ll, &s->why) < 0 || !isfinite(ll))
		return PENALTY;
	v = -ll / s->f->customers;
	if (!s->have || v < s->best) {
		s->best = v;
		for (i = 0; i < n; i++)
			s->ubest[i] = gsl_vector_get(u, i);
		s->have = 1;
	}
	return v;
}

/* Central differences; a failed evaluation makes a huge slope. */
static void
gradient(const gsl_vector *u, void *arg, gsl_vector *g)
{
	struct state *s = arg;
	double w[CRM_MLFIT_MAXDIM];
	gsl_vector_view v = gsl_vector_view_array(w, s->f->dim);
	size_t i;

	for (i = 0; i < s->f->dim; i++)
		w[i] = gsl_vector_get(u, i);
	for (i = 0; i < s->f->dim; i++) {
		double ui = w[i], hi, lo;

		w[i] = ui + GRAD_STEP;
		hi = objective(&v.vector, arg);
		w[i] = ui - GRAD_STEP;
		lo = objective(&v.vector, arg);
		w[i] = ui;
		gsl_vector_set(g, i, (hi - lo) / (2 * GRAD_STEP));
	}
}

static void
objective_gradient(const gsl_vector *u, void *arg, double *f, gsl_vector *g)
{
	*f = objective(u, arg);
	gradient(u, arg, g);
}

/* Nelder-Mead from u (steps of step) until the simplex is below tol. */
static void
simplex(struct state *s, double *u, double step, double tol, long maxit)
{
	size_t n = s->f->dim;
	gsl_multimin_function fn = { objective, n, s };
	gsl_vector_view x = gsl_vector_view_array(u, n);
	gsl_multimin_fminimizer *m;
	gsl_vector *ss;
	long it = 0;
	int st;

	m = gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2,
	    n);
	ss = gsl_vector_alloc(n);
	if (m == NULL || ss == NULL)
		goto out;
	gsl_vector_set_all(ss, step);
	if (gsl_multimin_fminimizer_set(m, &fn, &x.vector, ss) != GSL_SUCCESS)
		goto out;
	do {
		it++;
		if (gsl_multimin_fminimizer_iterate(m) != GSL_SUCCESS)
			break;
		st = gsl_multimin_test_size(gsl_multimin_fminimizer_size(m),
		    tol);
	} while (st == GSL_CONTINUE && it < maxit);
out:
	s->iters += it;
	gsl_multimin_fminimizer_free(m);
	gsl_vector_free(ss);
	if (s->have)
		memcpy(u, s->ubest, n * sizeof(*u));
}

/* BFGS from u until the gradient (per customer) is below 1e-9. */
static void
bfgs(struct state *s, double *u, long maxit)
{
	size_t n = s->f->dim;
	gsl_multimin_function_fdf fn = { objective, gradient,
	    objective_gradient, n, s };
	gsl_vector_view x = gsl_vector_view_array(u, n);
	gsl_multimin_fdfminimizer *m;
	long it = 0;
	int st;

	m = gsl_multimin_fdfminimizer_alloc(
	    gsl_multimin_fdfminimizer_vector_bfgs2, n);
	if (m == NULL ||
	    gsl_multimin_fdfminimizer_set(m, &fn, &x.vector, 0.01, 0.1) !=
	    GSL_SUCCESS)
		goto out;
	do {
		it++;
		if (gsl_multimin_fdfminimizer_iterate(m) != GSL_SUCCESS)
			break;
		st = gsl_multimin_test_gradient(
		    gsl_multimin_fdfminimizer_gradient(m), 1e-9);
	} while (st == GSL_CONTINUE && it < maxit);
out:
	s->iters += it;
	gsl_multimin_fdfminimizer_free(m);
	if (s->have)
		memcpy(u, s->ubest, n * sizeof(*u));
}

static double
max_diff(const double *a, const double *b, size_t n)
{
	double d = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (fabs(a[i] - b[i]) > d)
			d = fabs(a[i] - b[i]);
	return d;
}

/* The estimate must be inside the box and evaluate. */
static int
finish(const struct crm_mlfit *f, const double *u, double *theta,
    struct crm_mlfit_result *res, struct crm_error *e)
{
	double th[CRM_MLFIT_MAXDIM];
	size_t i;

	for (i = 0; i < f->dim; i++) {
		if (fabs(u[i]) > UBOUND)
			return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
			    "the fit does not converge: parameter %s runs "
			    "off towards %s (the data do not determine it)",
			    f->names[i], u[i] > 0 ? "infinity" : "0");
		th[i] = exp(u[i]);
	}
	if (f->loglik(th, f->arg, &res->loglik, e) < 0)
		return -1;
	memcpy(theta, th, f->dim * sizeof(*th));
	return 0;
}

int
crm_mlfit_maximize(const struct crm_mlfit *f, double *theta,
    struct crm_mlfit_result *res, struct crm_error *e)
{
	struct state s;
	double u[CRM_MLFIT_MAXDIM], u0[CRM_MLFIT_MAXDIM], f0;
	gsl_vector_view v = gsl_vector_view_array(u, f->dim);
	size_t i;

	gsl_set_error_handler_off();
	memset(&s, 0, sizeof(s));
	memset(res, 0, sizeof(*res));
	s.f = f;
	for (i = 0; i < f->dim; i++)
		u[i] = log(theta[i]);
	if (objective(&v.vector, &s) >= PENALTY) {
		*e = s.why;
		return -1;
	}
	simplex(&s, u, 1.0, 1e-5, 5000);
	do {
		memcpy(u0, u, sizeof(u));
		f0 = s.best;
		bfgs(&s, u, 500);
		res->rounds++;
	} while ((f0 - s.best > STABLE_F ||
	    max_diff(u, u0, f->dim) > STABLE_U) && res->rounds < MAX_ROUNDS);
	if (res->rounds == MAX_ROUNDS)
		simplex(&s, u, 0.01, 1e-7, 5000);
	res->iterations = s.iters;
	res->evaluations = s.evals;
	return finish(f, u, theta, res, e);
}

/* ll at theta + di * h[i] + dj * h[j] */
static int
shifted(const struct crm_mlfit *f, const double *theta, const double *h,
    size_t i, int di, size_t j, int dj, double *ll, struct crm_error *e)
{
	double th[CRM_MLFIT_MAXDIM];

	memcpy(th, theta, f->dim * sizeof(*th));
	th[i] += di * h[i];
	th[j] += dj * h[j];
	return f->loglik(th, f->arg, ll, e);
}

/* H[i][j] by central second differences. */
static int
hessian_entry(const struct crm_mlfit *f, const double *theta,
    const double *h, double l0, size_t i, size_t j, double *out,
    struct crm_error *e)
{
	double pp, pm, mp, mm;

	if (i == j) {
		if (shifted(f, theta, h, i, 1, i, 0, &pp, e) < 0 ||
		    shifted(f, theta, h, i, -1, i, 0, &mm, e) < 0)
			return -1;
		*out = (pp - 2 * l0 + mm) / (h[i] * h[i]);
		return 0;
	}
	if (shifted(f, theta, h, i, 1, j, 1, &pp, e) < 0 ||
	    shifted(f, theta, h, i, 1, j, -1, &pm, e) < 0 ||
	    shifted(f, theta, h, i, -1, j, 1, &mp, e) < 0 ||
	    shifted(f, theta, h, i, -1, j, -1, &mm, e) < 0)
		return -1;
	*out = (pp - pm - mp + mm) / (4 * h[i] * h[j]);
	return 0;
}

int
crm_mlfit_std_errors(const struct crm_mlfit *f, const double *theta,
    double *se, struct crm_error *e)
{
	double h[CRM_MLFIT_MAXDIM], h2[CRM_MLFIT_MAXDIM];
	double a[CRM_MLFIT_MAXDIM * CRM_MLFIT_MAXDIM], l0, hij, hij2;
	gsl_matrix_view m = gsl_matrix_view_array(a, f->dim, f->dim);
	size_t i, j;

	gsl_set_error_handler_off();
	if (f->loglik(theta, f->arg, &l0, e) < 0)
		return -1;
	for (i = 0; i < f->dim; i++) {
		h[i] = 1e-3 * theta[i];
		h2[i] = 2 * h[i];
	}
	for (i = 0; i < f->dim; i++)
		for (j = 0; j <= i; j++) {
			if (hessian_entry(f, theta, h, l0, i, j, &hij, e) < 0 ||
			    hessian_entry(f, theta, h2, l0, i, j, &hij2, e) < 0)
				return -1;
			/* Richardson: the h^2 terms of the error cancel */
			hij = (4 * hij - hij2) / 3;
			gsl_matrix_set(&m.matrix, i, j, -hij);
			gsl_matrix_set(&m.matrix, j, i, -hij);
		}
	if (gsl_linalg_cholesky_decomp1(&m.matrix) != GSL_SUCCESS ||
	    gsl_linalg_cholesky_invert(&m.matrix) != GSL_SUCCESS)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "no standard errors: the log-likelihood is not at a "
		    "strict maximum (its Hessian is not negative definite)");
	for (i = 0; i < f->dim; i++) {
		double vii = gsl_matrix_get(&m.matrix, i, i);

		if (!(isfinite(vii) && vii > 0))
			return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
			    "no standard error for parameter %s",
			    f->names[i]);
		se[i] = sqrt(vii);
	}
	return 0;
}
