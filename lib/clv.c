/*
 * clv.c - fitting, scoring and the holdout table over purchase histories
 * (see clv.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "btydfit.h"
#include "clv.h"
#include "keyset.h"
#include "triples.h"

#define MAX_HORIZON	1e6	/* units: the discounted sum loops over them */

int
crm_clv_fit_purchases(const struct crm_history_set *h, enum crm_unit u,
    struct crm_btyd *m, struct crm_clv_estimate *est, struct crm_error *e)
{
	struct crm_triples t;
	struct crm_mlfit_result res;
	struct crm_history c;
	size_t i, n = crm_history_count(h);
	int rc = -1;

	memset(est, 0, sizeof(*est));
	crm_triples_init(&t);
	for (i = 0; i < n; i++) {
		crm_history_get(h, i, u, &c);
		if (!c.late && crm_triples_add(&t, c.x, c.t_x, c.T, 1, e) < 0)
			goto out;
	}
	/* sorted, so that the fit does not depend on the customers' order */
	if (crm_triples_sort(&t, e) < 0 || crm_triples_index(&t, e) < 0 ||
	    crm_btydfit_fit(&t, m, &res, e) < 0)
		goto out;
	memcpy(est->value, m->par, sizeof(m->par));
	est->loglik = res.loglik;
	est->customers = t.customers;
	est->iterations = res.iterations;
	est->have_se = crm_btydfit_std_errors(&t, m, est->se,
	    &est->se_error) == 0;
	rc = 0;
out:
	crm_triples_free(&t);
	return rc;
}

struct buyer {
	double x, m;
};

static int
by_buyer(const void *a, const void *b)
{
	const struct buyer *p = a, *q = b;

	if (p->x != q->x)
		return p->x < q->x ? -1 : 1;
	return (p->m > q->m) - (p->m < q->m);
}

/*
 * The repeat buyers' x and mean spend, in ascending order (so that the
 * fit does not depend on the customers' order); *n of them.
 */
static int
buyers(const struct crm_history_set *h, enum crm_unit u, double **x,
    double **m, size_t *n, struct crm_error *e)
{
	struct crm_history c;
	struct buyer *b;
	size_t i, k = 0, nc = crm_history_count(h);

	*x = malloc((nc ? nc : 1) * sizeof(**x));
	*m = malloc((nc ? nc : 1) * sizeof(**m));
	b = malloc((nc ? nc : 1) * sizeof(*b));
	if (*x == NULL || *m == NULL || b == NULL) {
		free(b);
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "out of memory");
	}
	for (i = 0; i < nc; i++) {
		crm_history_get(h, i, u, &c);
		if (!c.late && c.x > 0 && c.spend > 0) {
			b[k].x = c.x;
			b[k++].m = c.spend;
		}
	}
	qsort(b, k, sizeof(*b), by_buyer);
	for (i = 0; i < k; i++) {
		(*x)[i] = b[i].x;
		(*m)[i] = b[i].m;
	}
	free(b);
	*n = k;
	return 0;
}

int
crm_clv_fit_spend(const struct crm_history_set *h, enum crm_unit u,
    struct crm_gg *g, struct crm_clv_estimate *est, struct crm_error *e)
{
	struct crm_mlfit_result res;
	double *x = NULL, *m = NULL;
	size_t k = 0;
	int rc = -1;

	memset(est, 0, sizeof(*est));
	if (buyers(h, u, &x, &m, &k, e) < 0)
		goto out;
	if (crm_gg_fit(x, m, k, g, &res, e) < 0)
		goto out;
	memcpy(est->value, g->par, sizeof(g->par));
	est->loglik = res.loglik;
	est->customers = (double)k;
	est->iterations = res.iterations;
	est->have_se = crm_gg_std_errors(x, m, k, g, est->se,
	    &est->se_error) == 0;
	rc = 0;
out:
	free(x);
	free(m);
	return rc;
}

static int
check_horizon(double h, double d, struct crm_error *e)
{
	if (!(isfinite(h) && h >= 0 && h <= MAX_HORIZON))
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "the horizon (%g) must be between 0 and %g units", h,
		    MAX_HORIZON);
	if (!(isfinite(d) && d >= 0))
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "the discount rate (%g) must be 0 or more", d);
	return 0;
}

/*
 * What scoring needs of an alive customer with x and T: the purchases
 * over the horizon, *all, and their value discounted unit by unit, *disc
 * (see clv.h; the same when d = 0).
 */
static int
alive_sums(const struct crm_btyd *m, double x, double T, double h, double d,
    double *all, double *disc, struct crm_error *e)
{
	double prev = 0, cur, tk, sum = 0, ld = log1p(d);
	long k, K = (long)ceil(h);

	if (crm_btyd_alive_purchases(m, x, T, h, all, e) < 0)
		return -1;
	if (d == 0) {
		*disc = *all;
		return 0;
	}
	for (k = 1; k <= K; k++) {
		tk = k < h ? (double)k : h;
		if (crm_btyd_alive_purchases(m, x, T, tk, &cur, e) < 0)
			return -1;
		/* M grows with t: a step below 0 is rounding */
		if (cur > prev) {
			sum += (cur - prev) * exp(-tk * ld);
			prev = cur;
		}
	}
	*disc = sum;
	return 0;
}

/* The figures from P(alive) and the alive sums. */
static int
figures(const struct crm_gg *g, const struct crm_history *c, double p,
    double all, double disc, struct crm_clv_figures *out,
    struct crm_error *e)
{
	memset(out, 0, sizeof(*out));
	out->p_alive = p;
	out->expected_purchases = p * all;
	if (g == NULL)
		return 0;
	if (crm_gg_expected_spend(g, c->x, c->spend, &out->expected_spend,
	    e) < 0)
		return -1;
	out->clv = out->expected_spend * p * disc;
	return isfinite(out->clv) ? 0 : crm_error_set(e, CRM_EXIT_DATA,
	    NULL, 0, 0, "cannot evaluate the customer lifetime value");
}

int
crm_clv_score(const struct crm_btyd *m, const struct crm_gg *g,
    const struct crm_history *c, double h, double d,
    struct crm_clv_figures *out, struct crm_error *e)
{
	double p, all, disc;

	if (check_horizon(h, d, e) < 0 ||
	    crm_btyd_p_alive(m, c->x, c->t_x, c->T, &p, e) < 0 ||
	    alive_sums(m, c->x, c->T, h, d, &all, &disc, e) < 0)
		return -1;
	return figures(g, c, p, all, disc, out, e);
}

/* Alive sums shared by the customers with the same x and T. */
struct cache {
	struct crm_keyset keys;
	double *all, *disc;
	size_t cap;
};

static int
cached_sums(struct cache *k, const struct crm_btyd *m,
    const struct crm_history *c, double h, double d, double *all,
    double *disc, struct crm_error *e)
{
	double key[2] = { (double)c->x, c->T + 0.0 };
	long i;
	int added;

	if (k->keys.n == k->cap) {
		size_t cap = k->cap ? 2 * k->cap : 1024;
		double *a = realloc(k->all, cap * sizeof(*a)), *b;

		if (a != NULL)
			k->all = a;
		if (a == NULL || (b = realloc(k->disc, cap * sizeof(*b))) ==
		    NULL)
			return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
			    "out of memory");
		k->disc = b;
		k->cap = cap;
	}
	if ((i = crm_keyset_add(&k->keys, (const char *)key, sizeof(key),
	    &added, e)) < 0)
		return -1;
	if (added && alive_sums(m, c->x, c->T, h, d, &k->all[i],
	    &k->disc[i], e) < 0)
		return -1;
	*all = k->all[i];
	*disc = k->disc[i];
	return 0;
}

/* Prefixes *e with the customer's id. */
static int
name_customer(const struct crm_history_set *s, size_t i, struct crm_error *e)
{
	char q[64], msg[sizeof(e->msg)];
	const char *id = crm_history_id(s, i);

	snprintf(msg, sizeof(msg), "%s", e->msg);
	return crm_error_set(e, e->status, NULL, 0, 0, "customer %s: %s",
	    crm_error_quote(id, strlen(id), q, sizeof(q)), msg);
}

/* Prefixes *e with the history. */
static int
name_history(const struct crm_history *c, struct crm_error *e)
{
	char msg[sizeof(e->msg)];

	snprintf(msg, sizeof(msg), "%s", e->msg);
	return crm_error_set(e, e->status, NULL, 0, 0,
	    "history (x %g, t_x %g, T %g): %s", (double)c->x, c->t_x, c->T,
	    msg);
}

int
crm_clv_score_all(const struct crm_btyd *m, const struct crm_gg *g,
    const struct crm_history_set *s, const size_t *order, enum crm_unit u,
    double h, double d, struct crm_clv_figures *out, struct crm_error *e)
{
	struct cache k;
	struct crm_history c;
	size_t i, j, n = crm_history_count(s);
	double p, all = 0, disc = 0;
	int rc = 0;

	if (check_horizon(h, d, e) < 0)
		return -1;
	memset(&k, 0, sizeof(k));
	crm_keyset_init(&k.keys);
	for (j = 0; j < n && rc == 0; j++) {
		i = order != NULL ? order[j] : j;
		crm_history_get(s, i, u, &c);
		if (c.refunds_only) {
			memset(&out[i], 0, sizeof(out[i]));
			continue;
		}
		if (crm_btyd_p_alive(m, c.x, c.t_x, c.T, &p, e) < 0 ||
		    cached_sums(&k, m, &c, h, d, &all, &disc, e) < 0 ||
		    figures(g, &c, p, all, disc, &out[i], e) < 0)
			rc = name_customer(s, i, e);
	}
	crm_keyset_free(&k.keys);
	free(k.all);
	free(k.disc);
	return rc;
}

static void
tally(struct crm_clv_holdout_row *row, double actual, double expected)
{
	row->customers++;
	row->actual += actual;
	row->expected += expected;
}

static int
by_history(const void *a, const void *b)
{
	const struct crm_history *p = a, *q = b;

	if (p->x != q->x)
		return p->x < q->x ? -1 : 1;
	if (p->t_x != q->t_x)
		return p->t_x < q->t_x ? -1 : 1;
	if (p->T != q->T)
		return p->T < q->T ? -1 : 1;
	return (p->holdout > q->holdout) - (p->holdout < q->holdout);
}

/*
 * The histories of the customers in the fit, sorted: the table's sums
 * are then made in one order whatever the customers' order.
 */
static struct crm_history *
sorted_histories(const struct crm_history_set *s, enum crm_unit u,
    size_t *n, struct crm_error *e)
{
	size_t i, k = 0, nc = crm_history_count(s);
	struct crm_history *c = malloc((nc ? nc : 1) * sizeof(*c));

	if (c == NULL) {
		crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0, "out of memory");
		return NULL;
	}
	for (i = 0; i < nc; i++) {
		crm_history_get(s, i, u, &c[k]);
		if (!c[k].late)
			k++;
	}
	qsort(c, k, sizeof(*c), by_history);
	*n = k;
	return c;
}

int
crm_clv_holdout(const struct crm_btyd *m, const struct crm_history_set *s,
    enum crm_unit u, struct crm_clv_holdout_row *rows, struct crm_error *e)
{
	struct cache k;
	struct crm_history *c;
	size_t i, n;
	double span = crm_history_span(s, u), p, all = 0, disc;
	int j, rc = 0;

	for (j = 0; j < CRM_CLV_HOLDOUT_ROWS; j++) {
		memset(&rows[j], 0, sizeof(rows[j]));
		rows[j].x = j < CRM_CLV_HOLDOUT_ROWS - 1 ? j : -1;
	}
	if ((c = sorted_histories(s, u, &n, e)) == NULL)
		return -1;
	memset(&k, 0, sizeof(k));
	crm_keyset_init(&k.keys);
	for (i = 0; i < n && rc == 0; i++) {
		if (crm_btyd_p_alive(m, c[i].x, c[i].t_x, c[i].T, &p, e) < 0 ||
		    cached_sums(&k, m, &c[i], span, 0, &all, &disc, e) < 0) {
			rc = name_history(&c[i], e);
			break;
		}
		tally(&rows[c[i].x < 7 ? c[i].x : 7], c[i].holdout, p * all);
		tally(&rows[8], c[i].holdout, p * all);
	}
	crm_keyset_free(&k.keys);
	free(k.all);
	free(k.disc);
	free(c);
	for (j = 0; j < CRM_CLV_HOLDOUT_ROWS; j++)
		if (rows[j].customers > 0) {
			rows[j].actual /= rows[j].customers;
			rows[j].expected /= rows[j].customers;
		}
	return rc;
}
