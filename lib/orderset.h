/*
 * orderset.h - the distinct order ids of each customer: a set of
 * (customer number, order id text) pairs, exact.
 *
 * With --order, a customer's frequency is the number of distinct order
 * ids among its purchase rows, whatever the order of the rows (SQL's
 * count(DISTINCT order_id)).  A hash of the order id alone could make
 * two orders one, so the set compares the whole text: an open-addressing
 * table with linear probing, at most half full, whose 16-byte slots hold
 * the customer's number and, for an order id of at most 11 bytes, the
 * id itself (one cache line per lookup); a longer id is copied into an
 * arena and the slot holds a fragment of its hash and a pointer to it.
 * Each pair costs 32 to 64 bytes of table (16 a slot, a quarter to a
 * half of the slots used) plus, for ids longer than 11 bytes, the id and
 * its NUL in the arena.
 */
#ifndef CRM_ORDERSET_H
#define CRM_ORDERSET_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "error.h"

#define CRM_ORDER_INLINE	11	/* ids up to this long live in the slot */

struct crm_orderslot {
	uint32_t cust1;		/* customer number + 1; 0: an empty slot */
	uint8_t tag[12];	/* see orderset.c */
};

struct crm_orderset {
	struct crm_orderslot *slot;
	size_t nslots;		/* 0, or a power of two */
	size_t n;		/* pairs in the set */
	struct crm_arena text;	/* the ids longer than CRM_ORDER_INLINE */
};

void crm_orderset_init(struct crm_orderset *s);

/* The hash of a pair, which crm_orderset_prefetch and _add compute. */
uint64_t crm_orderset_hash(uint32_t cust, const char *order, size_t len);

/*
 * Starts loading the slot where the pair of hash h would be looked up,
 * so that a crm_orderset_add of it a few rows later finds it in cache.
 */
static inline void
crm_orderset_prefetch(const struct crm_orderset *s, uint64_t h)
{
	if (s->nslots > 0)
		__builtin_prefetch(&s->slot[h & (s->nslots - 1)]);
}

/*
 * Adds the pair (cust, order: len bytes, no NUL); *added says whether it
 * was new.  Returns 0, or -1 when out of memory (the set then as it
 * was, but for a text copied into the arena).
 */
int crm_orderset_add(struct crm_orderset *s, uint32_t cust,
    const char *order, size_t len, int *added, struct crm_error *e);

/* The same, with the pair's hash h (crm_orderset_hash) at hand. */
int crm_orderset_add_hashed(struct crm_orderset *s, uint64_t h,
    uint32_t cust, const char *order, size_t len, int *added,
    struct crm_error *e);

/* Nonzero when the pair is in the set. */
int crm_orderset_has(const struct crm_orderset *s, uint32_t cust,
    const char *order, size_t len);

/* Pairs in the set; bytes its table and arena hold. */
size_t crm_orderset_count(const struct crm_orderset *s);
size_t crm_orderset_bytes(const struct crm_orderset *s);

/*
 * The pairs in no particular order: start with *pos = 0; each call sets
 * *cust, *order and *len (the text is not NUL-terminated, and valid
 * until the next add) and returns 1, then 0 when every pair was seen.
 */
int crm_orderset_next(const struct crm_orderset *s, size_t *pos,
    uint32_t *cust, const char **order, size_t *len);

void crm_orderset_free(struct crm_orderset *s);

#endif
