/*
 * btydfit.c - BG/NBD and Pareto/NBD fitted to distinct histories (see
 * btydfit.h).  The formulas are those of btyd.c, rearranged so that each
 * piece is computed once per distinct value; test_btydfit checks the sum
 * against crm_btyd_loglik customer by customer.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "btydfit.h"

/* Scratch for one evaluation: per distinct x, t_x, T and pair. */
struct scratch {
	double *kx, *b1, *b2;	/* per x */
	double *la, *lb;	/* per t_x, then per T: log(alpha + it), */
				/* log(beta + it) */
	double *f1, *f2;	/* per (x, t_x), (x, T): log F */
	char *ok1, *ok2;	/* ... when GSL could */
	double *t1, *ap;	/* per (x, T): see pn_pairs */
	char *hasa;
	void *mem;
};

static int
scratch_get(struct scratch *s, const struct crm_triples *t,
    struct crm_error *e)
{
	size_t nd = 3 * t->nx + 2 * (t->ntx + t->nT) + t->nxtx + 3 * t->nxT;
	double *p;

	memset(s, 0, sizeof(*s));
	if ((s->mem = malloc(nd * sizeof(double) + t->nxtx + 2 * t->nxT +
	    1)) == NULL)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "out of memory");
	p = s->mem;
	s->kx = p, p += t->nx;
	s->b1 = p, p += t->nx;
	s->b2 = p, p += t->nx;
	s->la = p, p += t->ntx + t->nT;
	s->lb = p, p += t->ntx + t->nT;
	s->f1 = p, p += t->nxtx;
	s->f2 = p, p += t->nxT;
	s->t1 = p, p += t->nxT;
	s->ap = p, p += t->nxT;
	s->ok1 = (char *)p;
	s->ok2 = s->ok1 + t->nxtx;
	s->hasa = s->ok2 + t->nxT;
	return 0;
}

/* log(alpha + v), log(beta + v) for the distinct t_x, then the T */
static void
shifted_logs(const struct crm_triples *t, const struct crm_btyd *m,
    struct scratch *s)
{
	size_t j;

	for (j = 0; j < t->ntx; j++) {
		s->la[j] = log(m->par[1] + t->vtx[j]);
		s->lb[j] = log(m->par[3] + t->vtx[j]);
	}
	for (j = 0; j < t->nT; j++) {
		s->la[t->ntx + j] = log(m->par[1] + t->vT[j]);
		s->lb[t->ntx + j] = log(m->par[3] + t->vT[j]);
	}
}

/*
 * BG/NBD, FHL eq. (6) (btyd.c): per x the constant
 * log(G(r+x) alpha^r / (G(r) B(a,b))) and log B(a, b+x), log B(a+1, b+x-1).
 */
static int
bg_per_x(const struct crm_triples *t, const double *p, struct scratch *s,
    struct crm_error *e)
{
	double r = p[0], al = p[1], a = p[2], b = p[3], g0, b0, g1;
	size_t j;

	if (crm_btyd_lngamma(r, &g0) < 0 || crm_btyd_lnbeta(a, b, &b0) < 0)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "cannot evaluate the log-gamma and log-beta functions");
	for (j = 0; j < t->nx; j++) {
		double x = t->vx[j];

		s->b2[j] = 0;
		if (crm_btyd_lngamma(r + x, &g1) < 0 ||
		    crm_btyd_lnbeta(a, b + x, &s->b1[j]) < 0 ||
		    (x > 0 &&
		    crm_btyd_lnbeta(a + 1, b + x - 1, &s->b2[j]) < 0))
			return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
			    "cannot evaluate the log-gamma and log-beta "
			    "functions for x = %g", x);
		s->kx[j] = g1 - g0 + r * log(al) - b0;
	}
	return 0;
}

static int
bg_loglik(const struct crm_triples *t, const struct crm_btyd *m,
    struct scratch *s, double *ll, size_t *bad, struct crm_error *e)
{
	double sum = 0;
	size_t i;

	*bad = t->n;
	if (bg_per_x(t, m->par, s, e) < 0)
		return -1;
	shifted_logs(t, m, s);
	for (i = 0; i < t->n; i++) {
		uint32_t jx = t->ix[i];
		double k = m->par[0] + t->x[i], l;

		l = s->b1[jx] - k * s->la[t->ntx + t->iT[i]];
		if (t->x[i] > 0)
			l = crm_btyd_logaddexp(l,
			    s->b2[jx] - k * s->la[t->itx[i]]);
		sum += t->count[i] * (s->kx[jx] + l);
	}
	*ll = sum;
	return 0;
}

/*
 * Pareto/NBD (btyd.c, FH05 section 3): per x the constant
 * log(G(r+x) alpha^r beta^s / G(r)) (in kx) and log(s/(r+s+x)) (in b1),
 * per pair log F(t_x) and log F(T).
 */
static int
pn_pieces(const struct crm_triples *t, const struct crm_btyd *m,
    struct scratch *s, struct crm_error *e)
{
	double r = m->par[0], sp = m->par[2], g0, g1;
	size_t j;

	if (crm_btyd_lngamma(r, &g0) < 0)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "cannot evaluate the log-gamma function");
	for (j = 0; j < t->nx; j++) {
		if (crm_btyd_lngamma(r + t->vx[j], &g1) < 0)
			return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
			    "cannot evaluate the log-gamma function for "
			    "x = %g", t->vx[j]);
		s->kx[j] = g1 - g0 + r * log(m->par[1]) +
		    sp * log(m->par[3]);
		s->b1[j] = log(sp) - log(r + sp + t->vx[j]);
	}
	for (j = 0; j < t->nxtx; j++)
		s->ok1[j] = crm_btyd_pnbd_lnf(m, t->vx[t->pxtx_x[j]],
		    t->vtx[t->pxtx_t[j]], &s->f1[j]) == 0;
	for (j = 0; j < t->nxT; j++)
		s->ok2[j] = crm_btyd_pnbd_lnf(m, t->vx[t->pxT_x[j]],
		    t->vT[t->pxT_T[j]], &s->f2[j]) == 0;
	shifted_logs(t, m, s);
	return 0;
}

/*
 * The braces of L are e^t1 + c (F(t_x) - F(T)), t1 = log((alpha+T)^-(r+x)
 * (beta+T)^-s), c = s/(r+s+x); per (x, T) pair their part that does not
 * depend on t_x, ap = log(e^t1 - c F(T)), so that a history costs one
 * log-sum-exp.  e^t1 >= c F(T) (c F(T) is s times the death-time
 * integral from T on, btyd.c); where rounding makes them equal the part
 * is 0 (hasa = 0), and its true value is below the rounding of L.
 */
static void
pn_pairs(const struct crm_triples *t, const struct crm_btyd *m,
    struct scratch *s)
{
	double x, d;
	size_t j, k;

	for (j = 0; j < t->nxT; j++) {
		x = t->vx[t->pxT_x[j]];
		k = t->ntx + t->pxT_T[j];
		s->t1[j] = -(m->par[0] + x) * s->la[k] - m->par[2] * s->lb[k];
		d = s->b1[t->pxT_x[j]] + s->f2[j] - s->t1[j];
		s->hasa[j] = s->ok2[j] && d < 0;
		if (s->hasa[j])
			s->ap[j] = s->t1[j] + crm_btyd_log1mexp(d);
	}
}

static int
pn_loglik(const struct crm_triples *t, const struct crm_btyd *m,
    struct scratch *s, double *ll, size_t *bad, struct crm_error *e)
{
	double sum = 0, l, v;
	size_t i, jp, jx;

	*bad = t->n;
	if (pn_pieces(t, m, s, e) < 0)
		return -1;
	pn_pairs(t, m, s);
	for (i = 0; i < t->n; i++) {
		jp = t->ixT[i];
		jx = t->ix[i];
		if (t->t_x[i] == t->T[i])
			l = s->t1[jp];
		else if (s->ok1[t->ixtx[i]] && s->ok2[jp]) {
			v = s->b1[jx] + s->f1[t->ixtx[i]];
			l = s->hasa[jp] ? crm_btyd_logaddexp(s->ap[jp], v) : v;
		} else if (crm_btyd_pnbd_lnsi_quad(m, t->x[i], t->t_x[i],
		    t->T[i], &v, e) == 0)
			l = crm_btyd_logaddexp(s->t1[jp], v);
		else {
			*bad = i;
			return -1;
		}
		sum += t->count[i] * (s->kx[jx] + l);
	}
	*ll = sum;
	return 0;
}

/* Prefixes *e with history i: the fit's messages name no customer. */
static int
name_history(const struct crm_triples *t, size_t i, struct crm_error *e)
{
	char msg[sizeof(e->msg)];

	snprintf(msg, sizeof(msg), "%s", e->msg);
	return crm_error_set(e, e->status, NULL, 0, 0,
	    "history (x %g, t_x %g, T %g): %s", t->x[i], t->t_x[i], t->T[i],
	    msg);
}

int
crm_btydfit_loglik(const struct crm_triples *t, const struct crm_btyd *m,
    double *ll, size_t *bad, struct crm_error *e)
{
	struct scratch s;
	int rc;

	crm_btyd_gsl_quiet();
	*bad = t->n;
	if (t->n > 0 && t->ix == NULL)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "the histories are not indexed");
	if (crm_btyd_check_params(m, e) < 0 || scratch_get(&s, t, e) < 0)
		return -1;
	if (m->model == CRM_PNBD)
		rc = pn_loglik(t, m, &s, ll, bad, e);
	else
		rc = bg_loglik(t, m, &s, ll, bad, e);
	free(s.mem);
	if (rc < 0 && *bad < t->n)
		return name_history(t, *bad, e);
	if (rc == 0 && !isfinite(*ll))
		rc = crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "the log-likelihood is not finite");
	return rc;
}

struct problem {
	const struct crm_triples *t;
	enum crm_btyd_model model;
	const char *names[CRM_BTYD_NPARAM];
};

static int
objective(const double *theta, void *arg, double *ll, struct crm_error *e)
{
	const struct problem *p = arg;
	struct crm_btyd m;
	size_t bad;

	m.model = p->model;
	memcpy(m.par, theta, sizeof(m.par));
	return crm_btydfit_loglik(p->t, &m, ll, &bad, e);
}

static void
problem_init(struct problem *p, struct crm_mlfit *f,
    const struct crm_triples *t, enum crm_btyd_model model)
{
	int i;

	p->t = t;
	p->model = model;
	for (i = 0; i < CRM_BTYD_NPARAM; i++)
		p->names[i] = crm_btyd_param_name(model, i);
	f->dim = CRM_BTYD_NPARAM;
	f->loglik = objective;
	f->arg = p;
	f->customers = t->customers > 0 ? t->customers : 1;
	f->names = p->names;
}

/*
 * Where the search starts: r = 1 and a = b = 1 (BG/NBD) or s = 1, with
 * alpha (and beta) the customers' mean age, so that the start does not
 * depend on the unit.
 */
static int
start(const struct crm_triples *t, double *par, struct crm_error *e)
{
	double age = 0, repeat = 0;
	size_t i;

	for (i = 0; i < t->n; i++) {
		age += t->count[i] * t->T[i];
		repeat += t->count[i] * t->x[i];
	}
	if (t->customers <= 0)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "no customer with a calibration history: nothing to fit");
	if (repeat <= 0)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "no repeat purchase in the calibration period: the "
		    "model cannot be fitted");
	age /= t->customers;
	par[0] = par[2] = 1;
	par[1] = par[3] = age > 0 ? age : 1;
	return 0;
}

int
crm_btydfit_fit(const struct crm_triples *t, struct crm_btyd *m,
    struct crm_mlfit_result *res, struct crm_error *e)
{
	struct problem p;
	struct crm_mlfit f;
	double par[CRM_BTYD_NPARAM];

	if (start(t, par, e) < 0)
		return -1;
	if (m->model == CRM_BGNBD)
		par[3] = 1;
	problem_init(&p, &f, t, m->model);
	if (crm_mlfit_maximize(&f, par, res, e) < 0)
		return -1;
	memcpy(m->par, par, sizeof(par));
	return 0;
}

int
crm_btydfit_std_errors(const struct crm_triples *t, const struct crm_btyd *m,
    double *se, struct crm_error *e)
{
	struct problem p;
	struct crm_mlfit f;

	problem_init(&p, &f, t, m->model);
	return crm_mlfit_std_errors(&f, m->par, se, e);
}
