/*
 * u64set.h - a set of 64-bit keys: an open-addressing hash table with
 * linear probing, at most half full, 8 bytes a slot (so 16 to 32 bytes a
 * key, as the table doubles).  The purchase histories use it for the
 * (customer, day) pairs they must remember to count distinct purchase
 * days whatever the order of the rows (history.c).
 */
#ifndef CRM_U64SET_H
#define CRM_U64SET_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

struct crm_u64set {
	uint64_t *slot;		/* CRM_U64SET_EMPTY where free */
	size_t nslots;		/* 0, or a power of two */
	size_t n;		/* keys in the table */
	int has_empty;		/* the key CRM_U64SET_EMPTY is in the set */
};

#define CRM_U64SET_EMPTY	UINT64_MAX

void crm_u64set_init(struct crm_u64set *s);

/*
 * Adds key; *added (if not NULL) says whether it was new.  Returns 0,
 * or -1 when out of memory (the set is then unchanged).
 */
int crm_u64set_add(struct crm_u64set *s, uint64_t key, int *added,
    struct crm_error *e);

/* Nonzero when key is in the set. */
int crm_u64set_has(const struct crm_u64set *s, uint64_t key);

/* Keys in the set. */
size_t crm_u64set_count(const struct crm_u64set *s);

/*
 * The keys in no particular order: start with *pos = 0; each call sets
 * *key and returns 1, then 0 once every key was seen.  The set may not
 * change in between.
 */
int crm_u64set_next(const struct crm_u64set *s, size_t *pos,
    uint64_t *key);

/* Bytes the table holds (for the man page's cost per key). */
size_t crm_u64set_bytes(const struct crm_u64set *s);

void crm_u64set_free(struct crm_u64set *s);

#endif
