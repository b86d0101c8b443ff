/*
 * kept.h - the --keep values of each customer (crm-score), by customer
 * number: each customer's values as one block of NUL-terminated strings,
 * replaced as a more recent row comes.  Which row is more recent is the
 * caller's rule (rfm.h, clvmode.h); here are only the blocks.
 */
#ifndef CRM_KEPT_H
#define CRM_KEPT_H

#include <stddef.h>

#include "error.h"

struct crm_kept_values {
	char *text;		/* the values, each NUL-terminated */
	size_t size;		/* bytes allocated */
};

struct crm_kept {
	struct crm_kept_values *v;	/* by customer number */
	size_t cap;
	size_t nkeep;		/* values per customer */
};

/* An empty store of nkeep values a customer (nkeep 0: stores nothing). */
void crm_kept_init(struct crm_kept *k, size_t nkeep);

/*
 * Room for customers 0 .. n-1, the new ones with no values yet.  Returns
 * 0, or -1 when out of memory (the store then as it was).
 */
int crm_kept_room(struct crm_kept *k, size_t n);

/*
 * Customer i's values become the size bytes of text (nkeep strings,
 * each NUL-terminated, one after the other).  0, or -1 (out of memory).
 */
int crm_kept_set(struct crm_kept *k, size_t i, const char *text,
    size_t size, struct crm_error *e);

/*
 * The same from nkeep separate values (value[j] of len[j] bytes, no NUL
 * needed), packed as crm_kept_set wants them.
 */
int crm_kept_set_values(struct crm_kept *k, size_t i, char *const *value,
    const size_t *len, struct crm_error *e);

/*
 * Compares the values text (nkeep NUL-terminated strings, size bytes)
 * with customer i's, column by column, byte by byte (a value sorts
 * before a longer one it begins); a customer with no values yet sorts
 * before any.  <0, 0 or >0 as text sorts before, with or after them.
 * The rules of rfm.h, clvmode.h and paretotable.h keep the values that
 * sort last among rows that tie otherwise: the same whatever the order
 * of the rows.
 */
int crm_kept_cmp(const struct crm_kept *k, size_t i, const char *text,
    size_t size);

/* The same for nkeep separate values (value[j] of len[j] bytes). */
int crm_kept_cmp_values(const struct crm_kept *k, size_t i,
    char *const *value, const size_t *len);

/* Customer i's value j ("" when it has none yet). */
const char *crm_kept_get(const struct crm_kept *k, size_t i, size_t j);

/* Frees every customer's values and the store. */
void crm_kept_free(struct crm_kept *k);

#endif
