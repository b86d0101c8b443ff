/*
 * lookahead.c - the ring of rows in flight between pushing, looking up
 * and folding (see lookahead.h).
 */
#include <stdlib.h>
#include <string.h>

#include "lookahead.h"

/* a row is looked up STEP rows, and folded 2 * STEP rows, after it came */
_Static_assert(CRM_LOOKAHEAD_RING > 2 * CRM_LOOKAHEAD_STEP, "the ring holds "
    "every row between its pushing and its folding");

#define RING(la, n)	(&(la)->ring[(n) % CRM_LOOKAHEAD_RING])

void
crm_lookahead_init(struct crm_lookahead *la, struct crm_keyset *keys,
    size_t entsize, crm_lookahead_added_fn added, crm_lookahead_fold_fn fold,
    void *ctx)
{
	memset(la, 0, sizeof(*la));
	la->keys = keys;
	la->entsize = entsize;
	la->added = added;
	la->fold = fold;
	la->ctx = ctx;
}

void
crm_lookahead_on_lookup(struct crm_lookahead *la,
    crm_lookahead_looked_fn looked)
{
	la->looked = looked;
}

/* Copies the key and the extra strings into the row's text. */
static int
hold_text(struct crm_lookahead_row *w, const char *key, size_t keylen,
    char *const *extra, const size_t *extralen, size_t nextra)
{
	size_t size = keylen + 1, i;
	char *p;

	for (i = 0; i < nextra; i++)
		size += extralen[i] + 1;
	if (size > w->size) {
		if ((p = realloc(w->text, size)) == NULL)
			return -1;
		w->text = p;
		w->size = size;
	}
	memcpy(w->text, key, keylen);
	w->text[keylen] = '\0';
	w->keylen = keylen;
	w->used = size;
	p = w->text + keylen + 1;
	for (i = 0; i < nextra; i++) {
		memcpy(p, extra[i], extralen[i]);
		p[extralen[i]] = '\0';
		p += extralen[i] + 1;
	}
	return 0;
}

/* First stage: finds (or adds) the row's key, prefetches its entry. */
static int
look_up(struct crm_lookahead *la, struct crm_lookahead_row *w,
    struct crm_error *e)
{
	if ((w->key = crm_keyset_add_hashed(la->keys, w->text, w->keylen,
	    w->hash, &w->added, e)) < 0)
		return -1;
	if (w->added && (la->entries = la->added(la->ctx, w->key, e)) == NULL)
		return -1;
	__builtin_prefetch((const char *)la->entries +
	    (size_t)w->key * la->entsize);
	if (la->looked != NULL)
		la->looked(la->ctx, w);
	return 0;
}

int
crm_lookahead_push(struct crm_lookahead *la, const char *key,
    size_t keylen, char *const *extra, const size_t *extralen, size_t nextra,
    struct crm_error *e)
{
	struct crm_lookahead_row *w = RING(la, la->rows);
	uint64_t n;

	if (hold_text(w, key, keylen, extra, extralen, nextra) < 0)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "out of memory");
	/* hashed once: for this prefetch and the lookup STEP rows later */
	w->hash = crm_keyset_hash(key, keylen);
	crm_keyset_prefetch_hashed(la->keys, w->hash);
	n = la->rows++;
	if (n >= CRM_LOOKAHEAD_STEP &&
	    look_up(la, RING(la, n - CRM_LOOKAHEAD_STEP), e) < 0)
		return -1;
	if (n >= 2 * CRM_LOOKAHEAD_STEP &&
	    la->fold(la->ctx, RING(la, n - 2 * CRM_LOOKAHEAD_STEP), e) < 0)
		return -1;
	return 0;
}

int
crm_lookahead_drain(struct crm_lookahead *la, struct crm_error *e)
{
	uint64_t n = la->rows, i;

	i = n > CRM_LOOKAHEAD_STEP ? n - CRM_LOOKAHEAD_STEP : 0;
	for (; i < n; i++)
		if (look_up(la, RING(la, i), e) < 0)
			return -1;
	i = n > 2 * CRM_LOOKAHEAD_STEP ? n - 2 * CRM_LOOKAHEAD_STEP : 0;
	for (; i < n; i++)
		if (la->fold(la->ctx, RING(la, i), e) < 0)
			return -1;
	la->rows = 0;
	return 0;
}

void
crm_lookahead_free(struct crm_lookahead *la)
{
	size_t i;

	for (i = 0; i < CRM_LOOKAHEAD_RING; i++) {
		free(la->ring[i].text);
		la->ring[i].text = NULL;
		la->ring[i].size = 0;
	}
	la->rows = 0;
}
