/*
 * rfm.c - per-customer RFM measures and scores (see rfm.h).
 */
#include <stdlib.h>
#include <string.h>

#include "rfm.h"
#include "value.h"

void
crm_rfm_init(struct crm_rfm *r, size_t nkeep, int by_order)
{
	memset(r, 0, sizeof(*r));
	crm_keyset_init(&r->ids);
	r->nkeep = nkeep;
	r->by_order = by_order;
}

/* Makes *buf (of *cap bytes) hold at least size bytes. */
static int
reserve(char **buf, size_t *cap, size_t size)
{
	char *p;

	if (size <= *cap)
		return 0;
	if ((p = realloc(*buf, size)) == NULL)
		return -1;
	*buf = p;
	*cap = size;
	return 0;
}

/* Replaces a customer's kept values with size bytes of text. */
static int
keep_values(struct crm_rfm_kept *k, const char *text, size_t size)
{
	if (reserve(&k->text, &k->size, size) < 0)
		return -1;
	memcpy(k->text, text, size);
	return 0;
}

/* Room for cap customers; the entries stay on cache-line boundaries. */
static int
grow(struct crm_rfm *r, size_t cap)
{
	struct crm_rfm_customer *c;
	struct crm_rfm_kept *k;

	if (cap > SIZE_MAX / 2 / sizeof(*c))
		return -1;
	/* the kept values first: a failure leaves both arrays as they were */
	if (r->nkeep > 0) {
		if ((k = realloc(r->kept, cap * sizeof(*k))) == NULL)
			return -1;
		memset(k + r->cap, 0, (cap - r->cap) * sizeof(*k));
		r->kept = k;
	}
	if ((c = aligned_alloc(64, cap * sizeof(*c))) == NULL)
		return -1;
	if (r->cap > 0)
		memcpy(c, r->c, r->cap * sizeof(*c));
	free(r->c);
	r->c = c;
	r->cap = cap;
	return 0;
}

/* Copies the row's id and kept values into its ring entry. */
static int
hold_text(struct crm_rfm_row *w, const char *id, size_t idlen, size_t nkeep,
    char *const *keep, const size_t *keeplen)
{
	size_t size = idlen + 1, i;
	char *p;

	for (i = 0; i < nkeep; i++)
		size += keeplen[i] + 1;
	if (reserve(&w->text, &w->size, size) < 0)
		return -1;
	memcpy(w->text, id, idlen);
	w->text[idlen] = '\0';
	w->idlen = idlen;
	w->used = size;
	p = w->text + idlen + 1;
	for (i = 0; i < nkeep; i++) {
		memcpy(p, keep[i], keeplen[i]);
		p[keeplen[i]] = '\0';
		p += keeplen[i] + 1;
	}
	return 0;
}

/* First stage: finds (or makes) the row's customer. */
static int
look_up(struct crm_rfm *r, struct crm_rfm_row *w, struct crm_error *e)
{
	struct crm_rfm_customer *c;

	if ((w->customer = crm_keyset_add(&r->ids, w->text, w->idlen,
	    &w->added, e)) < 0)
		return -1;
	if (w->added) {
		/* 1024 entries of 32 bytes: a multiple of aligned_alloc's 64 */
		if ((size_t)w->customer == r->cap && grow(r, r->cap ?
		    r->cap * 2 : 1024) < 0)
			return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
			    "out of memory");
		c = &r->c[w->customer];
		memset(c, 0, sizeof(*c));
		c->kept_date = w->date;
	}
	__builtin_prefetch(&r->c[w->customer]);
	return 0;
}

/* Second stage: folds the row into its customer's entry. */
static int
fold(struct crm_rfm *r, const struct crm_rfm_row *w, struct crm_error *e)
{
	struct crm_rfm_customer *c = &r->c[w->customer];

	c->amount += w->amount;
	if (w->added || w->date >= c->kept_date) {
		c->kept_date = w->date;
		if (r->nkeep > 0 && keep_values(&r->kept[w->customer],
		    w->text + w->idlen + 1, w->used - w->idlen - 1) < 0)
			return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
			    "out of memory");
	}
	if (w->amount < 0)
		return 0;	/* a refund: no order, no purchase date */
	if (r->by_order) {
		if (c->orders > 0 && w->order_hash == c->order_hash)
			return 0;	/* another line of the same order */
		c->order_hash = w->order_hash;
	}
	if (c->orders == 0 || w->date < c->first)
		c->first = w->date;
	if (c->orders == 0 || w->date > c->last)
		c->last = w->date;
	c->orders++;
	return 0;
}

/* a row is looked up AHEAD rows, and folded 2 * AHEAD rows, after it came */
_Static_assert(CRM_RFM_RING > 2 * CRM_RFM_AHEAD, "the ring holds every row "
    "between its adding and its folding");

#define RING(r, n)	(&(r)->ring[(n) % CRM_RFM_RING])

int
crm_rfm_add(struct crm_rfm *r, const char *id, size_t idlen, int32_t date,
    double amount, const char *order, size_t orderlen, char *const *keep,
    const size_t *keeplen, struct crm_error *e)
{
	struct crm_rfm_row *w = RING(r, r->rows);
	uint64_t n;

	if (hold_text(w, id, idlen, r->nkeep, keep, keeplen) < 0)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "out of memory");
	w->date = date;
	w->amount = amount;
	w->order_hash = r->by_order ? crm_keyset_hash(order, orderlen) : 0;
	crm_keyset_prefetch(&r->ids, id, idlen);
	n = r->rows++;
	if (n >= CRM_RFM_AHEAD &&
	    look_up(r, RING(r, n - CRM_RFM_AHEAD), e) < 0)
		return -1;
	if (n >= 2 * CRM_RFM_AHEAD &&
	    fold(r, RING(r, n - 2 * CRM_RFM_AHEAD), e) < 0)
		return -1;
	return 0;
}

int
crm_rfm_finish(struct crm_rfm *r, struct crm_error *e)
{
	uint64_t n = r->rows, i;

	i = n > CRM_RFM_AHEAD ? n - CRM_RFM_AHEAD : 0;
	for (; i < n; i++)
		if (look_up(r, RING(r, i), e) < 0)
			return -1;
	i = n > 2 * CRM_RFM_AHEAD ? n - 2 * CRM_RFM_AHEAD : 0;
	for (; i < n; i++)
		if (fold(r, RING(r, i), e) < 0)
			return -1;
	r->rows = 0;
	return 0;
}

const char *
crm_rfm_kept(const struct crm_rfm *r, size_t c, size_t i)
{
	const char *p = r->kept[c].text;

	while (i-- > 0)
		p += strlen(p) + 1;
	return p;
}

int
crm_rfm_score(const struct crm_rfm *r, const struct crm_rfm_settings *s,
    struct crm_rfm_result **out, struct crm_scale scale[3],
    struct crm_error *e)
{
	size_t n = r->ids.n, i, m, k;
	struct crm_rfm_result *res;
	double *v;

	res = calloc(n ? n : 1, sizeof(*res));
	v = malloc((n ? n : 1) * sizeof(*v));
	if (res == NULL || v == NULL) {
		free(res);
		free(v);
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "out of memory");
	}
	for (i = 0; i < n; i++) {
		const struct crm_rfm_customer *c = &r->c[i];
		double amount = crm_round_decimals(c->amount, s->decimals);

		res[i].measure[CRM_R] = (double)s->as_of - c->last;
		res[i].measure[CRM_F] = c->orders;
		res[i].measure[CRM_M] = amount;
		if (s->monetary_mean && c->orders > 0)
			res[i].measure[CRM_M] = crm_round_decimals(amount /
			    c->orders, s->decimals);
	}
	for (k = 0; k < 3; k++) {
		if (s->fixed[k] != NULL) {
			scale[k] = *s->fixed[k];
		} else {
			for (i = m = 0; i < n; i++)
				if (r->c[i].orders > 0)
					v[m++] = res[i].measure[k];
			crm_scale_from_values(&scale[k], s->kind, s->bins,
			    k == CRM_R, v, m);
		}
		for (i = 0; i < n; i++)
			if (r->c[i].orders > 0)
				res[i].score[k] = crm_scale_score(&scale[k],
				    res[i].measure[k]);
	}
	free(v);
	*out = res;
	return 0;
}

static const struct crm_keyset *sort_ids;

static int
by_id(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	const struct crm_key *x = &sort_ids->key[i], *y = &sort_ids->key[j];
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(crm_keyset_text(sort_ids, i),
	    crm_keyset_text(sort_ids, j), n);

	if (c != 0)
		return c;
	return (x->len > y->len) - (x->len < y->len);
}

size_t *
crm_rfm_order_by_id(const struct crm_rfm *r)
{
	size_t *idx = malloc((r->ids.n ? r->ids.n : 1) * sizeof(*idx)), i;

	if (idx == NULL)
		return NULL;
	for (i = 0; i < r->ids.n; i++)
		idx[i] = i;
	sort_ids = &r->ids;
	qsort(idx, r->ids.n, sizeof(*idx), by_id);
	sort_ids = NULL;
	return idx;
}

void
crm_rfm_free(struct crm_rfm *r)
{
	size_t i;

	for (i = 0; i < r->ids.n && r->kept != NULL; i++)
		free(r->kept[i].text);
	for (i = 0; i < CRM_RFM_RING; i++)
		free(r->ring[i].text);
	free(r->kept);
	free(r->c);
	crm_keyset_free(&r->ids);
	memset(r, 0, sizeof(*r));
}
