/*
 * triples.c - distinct histories with their counts (see triples.h).
 *
 * A history is a key of three doubles in a crm_keyset (their bytes; -0 is
 * made +0 first, and no NaN gets in): equal histories are equal doubles,
 * as the history module makes them from whole days.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "triples.h"

void
crm_triples_init(struct crm_triples *t)
{
	memset(t, 0, sizeof(*t));
	crm_keyset_init(&t->keys);
}

static int
oom(struct crm_error *e)
{
	return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0, "out of memory");
}

static int
grow(struct crm_triples *t, struct crm_error *e)
{
	size_t cap = t->cap ? 2 * t->cap : 256;
	double **a[] = { &t->x, &t->t_x, &t->T, &t->count };
	size_t i;

	if (cap > SIZE_MAX / sizeof(double))
		return oom(e);
	for (i = 0; i < sizeof(a) / sizeof(a[0]); i++) {
		double *p = realloc(*a[i], cap * sizeof(double));

		if (p == NULL)
			return oom(e);
		*a[i] = p;
	}
	t->cap = cap;
	return 0;
}

int
crm_triples_add(struct crm_triples *t, double x, double t_x, double T,
    double count, struct crm_error *e)
{
	double key[3];
	long i;
	int added;

	if (!(isfinite(x) && x >= 0 && x == floor(x) && isfinite(T) &&
	    isfinite(t_x) && t_x >= 0 && t_x <= T && (x > 0 || t_x == 0)))
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "(x %g, t_x %g, T %g) is not a purchase history", x,
		    t_x, T);
	if (!(isfinite(count) && count > 0))
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "a history's count must be above 0");
	key[0] = x + 0.0;
	key[1] = t_x + 0.0;
	key[2] = T + 0.0;
	if (t->n == t->cap && grow(t, e) < 0)
		return -1;
	i = crm_keyset_add(&t->keys, (const char *)key, sizeof(key), &added,
	    e);
	if (i < 0)
		return -1;
	if (added) {
		t->x[i] = key[0];
		t->t_x[i] = key[1];
		t->T[i] = key[2];
		t->count[i] = 0;
		t->n++;
	}
	t->count[i] += count;
	t->customers += count;
	return 0;
}

static const struct crm_triples *sorting;

static int
by_history(const void *a, const void *b)
{
	const struct crm_triples *t = sorting;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;

	if (t->x[i] != t->x[j])
		return t->x[i] < t->x[j] ? -1 : 1;
	if (t->t_x[i] != t->t_x[j])
		return t->t_x[i] < t->t_x[j] ? -1 : 1;
	if (t->T[i] != t->T[j])
		return t->T[i] < t->T[j] ? -1 : 1;
	return 0;
}

/* The histories again, added in the order of idx. */
int
crm_triples_sort(struct crm_triples *t, struct crm_error *e)
{
	struct crm_triples s;
	size_t *idx, i;
	int rc = 0;

	if ((idx = malloc((t->n ? t->n : 1) * sizeof(*idx))) == NULL)
		return oom(e);
	for (i = 0; i < t->n; i++)
		idx[i] = i;
	sorting = t;
	qsort(idx, t->n, sizeof(*idx), by_history);
	sorting = NULL;
	crm_triples_init(&s);
	for (i = 0; i < t->n && rc == 0; i++)
		rc = crm_triples_add(&s, t->x[idx[i]], t->t_x[idx[i]],
		    t->T[idx[i]], t->count[idx[i]], e);
	free(idx);
	if (rc < 0) {
		crm_triples_free(&s);
		return -1;
	}
	crm_triples_free(t);
	*t = s;
	return 0;
}

enum { BY_X, BY_TX, BY_T, BY_XTX, BY_XT };

/*
 * Numbers the distinct keys of one kind among the histories: idx[i] is
 * history i's number, (*rep)[j] the first history with key j.
 */
static int
number(const struct crm_triples *t, int kind, uint32_t *idx, uint32_t **rep,
    size_t *nd, struct crm_error *e)
{
	struct crm_keyset ks;
	double key[2];
	size_t i, len;
	long j;
	int added, rc = -1;

	crm_keyset_init(&ks);
	if ((*rep = malloc((t->n ? t->n : 1) * sizeof(**rep))) == NULL) {
		oom(e);
		goto out;
	}
	for (i = 0; i < t->n; i++) {
		len = sizeof(double);
		key[0] = kind == BY_TX ? t->t_x[i] : kind == BY_T ? t->T[i] :
		    t->x[i];
		if (kind == BY_XTX || kind == BY_XT) {
			key[1] = kind == BY_XTX ? t->t_x[i] : t->T[i];
			len = 2 * sizeof(double);
		}
		if ((j = crm_keyset_add(&ks, (const char *)key, len, &added,
		    e)) < 0)
			goto out;
		if (added)
			(*rep)[j] = (uint32_t)i;
		idx[i] = (uint32_t)j;
	}
	*nd = ks.n;
	rc = 0;
out:
	crm_keyset_free(&ks);
	return rc;
}

static void
drop_index(struct crm_triples *t)
{
	free(t->vx);
	free(t->vtx);
	free(t->vT);
	free(t->ix);
	free(t->itx);
	free(t->iT);
	free(t->ixtx);
	free(t->ixT);
	free(t->pxtx_x);
	free(t->pxtx_t);
	free(t->pxT_x);
	free(t->pxT_T);
	t->vx = t->vtx = t->vT = NULL;
	t->ix = t->itx = t->iT = t->ixtx = t->ixT = NULL;
	t->pxtx_x = t->pxtx_t = t->pxT_x = t->pxT_T = NULL;
	t->nx = t->ntx = t->nT = t->nxtx = t->nxT = 0;
}

/* The distinct values of one of x, t_x, T, from their first histories. */
static int
values(const double *of, const uint32_t *rep, size_t n, double **out,
    struct crm_error *e)
{
	size_t j;

	if ((*out = malloc((n ? n : 1) * sizeof(**out))) == NULL)
		return oom(e);
	for (j = 0; j < n; j++)
		(*out)[j] = of[rep[j]];
	return 0;
}

/* A pair's two value numbers, from its first histories. */
static int
pairs(const uint32_t *a, const uint32_t *b, const uint32_t *rep, size_t n,
    uint32_t **pa, uint32_t **pb, struct crm_error *e)
{
	size_t j;

	*pa = malloc((n ? n : 1) * sizeof(**pa));
	*pb = malloc((n ? n : 1) * sizeof(**pb));
	if (*pa == NULL || *pb == NULL)
		return oom(e);
	for (j = 0; j < n; j++) {
		(*pa)[j] = a[rep[j]];
		(*pb)[j] = b[rep[j]];
	}
	return 0;
}

int
crm_triples_index(struct crm_triples *t, struct crm_error *e)
{
	uint32_t **idx[] = { &t->ix, &t->itx, &t->iT, &t->ixtx, &t->ixT };
	size_t *nd[] = { &t->nx, &t->ntx, &t->nT, &t->nxtx, &t->nxT };
	uint32_t *rep[5] = { NULL };
	size_t k, sz = (t->n ? t->n : 1) * sizeof(uint32_t);
	int rc = -1;

	drop_index(t);
	for (k = 0; k < 5; k++) {
		if ((*idx[k] = malloc(sz)) == NULL) {
			oom(e);
			goto out;
		}
		if (number(t, (int)k, *idx[k], &rep[k], nd[k], e) < 0)
			goto out;
	}
	if (values(t->x, rep[BY_X], t->nx, &t->vx, e) < 0 ||
	    values(t->t_x, rep[BY_TX], t->ntx, &t->vtx, e) < 0 ||
	    values(t->T, rep[BY_T], t->nT, &t->vT, e) < 0 ||
	    pairs(t->ix, t->itx, rep[BY_XTX], t->nxtx, &t->pxtx_x,
	    &t->pxtx_t, e) < 0 ||
	    pairs(t->ix, t->iT, rep[BY_XT], t->nxT, &t->pxT_x, &t->pxT_T,
	    e) < 0)
		goto out;
	rc = 0;
out:
	for (k = 0; k < 5; k++)
		free(rep[k]);
	if (rc < 0)
		drop_index(t);
	return rc;
}

void
crm_triples_free(struct crm_triples *t)
{
	drop_index(t);
	free(t->x);
	free(t->t_x);
	free(t->T);
	free(t->count);
	crm_keyset_free(&t->keys);
	memset(t, 0, sizeof(*t));
}
