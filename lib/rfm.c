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

static uint64_t
hash_bytes(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static int
keep_values(struct crm_rfm_customer *c, size_t nkeep, char *const *keep,
    const size_t *keeplen)
{
	size_t size = 0, i;
	char *p;

	for (i = 0; i < nkeep; i++)
		size += keeplen[i] + 1;
	if (size > c->kept_size) {
		if ((p = realloc(c->kept, size)) == NULL)
			return -1;
		c->kept = p;
	}
	c->kept_size = size > c->kept_size ? size : c->kept_size;
	p = c->kept;
	for (i = 0; i < nkeep; i++) {
		memcpy(p, keep[i], keeplen[i]);
		p[keeplen[i]] = '\0';
		p += keeplen[i] + 1;
	}
	return 0;
}

int
crm_rfm_add(struct crm_rfm *r, const char *id, size_t idlen, int32_t date,
    double amount, const char *order, size_t orderlen, char *const *keep,
    const size_t *keeplen, struct crm_error *e)
{
	struct crm_rfm_customer *c;
	long i;
	int added;

	if ((i = crm_keyset_add(&r->ids, id, idlen, &added, e)) < 0)
		return -1;
	if (added) {
		if ((size_t)i == r->cap) {
			size_t cap = r->cap ? r->cap * 2 : 1024;

			if ((c = realloc(r->c, cap * sizeof(*c))) == NULL)
				goto nomem;
			r->c = c;
			r->cap = cap;
		}
		c = &r->c[i];
		memset(c, 0, sizeof(*c));
		c->kept_date = date;
		if (keep_values(c, r->nkeep, keep, keeplen) < 0)
			goto nomem;
	}
	c = &r->c[i];
	c->amount += amount;
	if (!added && date >= c->kept_date) {
		c->kept_date = date;
		if (keep_values(c, r->nkeep, keep, keeplen) < 0)
			goto nomem;
	}
	if (amount < 0)
		return 0;	/* a refund: no order, no purchase date */
	if (r->by_order) {
		uint64_t h = hash_bytes(order, orderlen);

		if (c->orders > 0 && h == c->order_hash)
			return 0;	/* another line of the same order */
		c->order_hash = h;
	}
	if (c->orders == 0 || date < c->first)
		c->first = date;
	if (c->orders == 0 || date > c->last)
		c->last = date;
	c->orders++;
	return 0;
nomem:
	return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0, "out of memory");
}

const char *
crm_rfm_kept(const struct crm_rfm *r, size_t c, size_t i)
{
	const char *p = r->c[c].kept;

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

	for (i = 0; i < r->ids.n; i++)
		free(r->c[i].kept);
	free(r->c);
	crm_keyset_free(&r->ids);
	memset(r, 0, sizeof(*r));
}
