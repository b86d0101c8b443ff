/*
 * group.h - sums of a value per distinct key, in first-seen order.
 *
 * One entry per key (never per row), over a keyset.  This is what --by
 * uses to turn order rows into one row per customer.  The sums are exact
 * (decimal.h), in units of 10^-scale of a scale the caller keeps: it
 * checks each value against a struct crm_decimal_column, which bounds
 * every sum, and raises the scale of the sums with it.  The sums live in
 * 64 bits, 16 bytes an entry, until the caller widens them to 128
 * (crm_groups_widen) because the bounds passed 64 bits.
 */
#ifndef CRM_GROUP_H
#define CRM_GROUP_H

#include <stddef.h>
#include <stdint.h>

#include "decimal.h"
#include "error.h"
#include "keyset.h"

struct crm_group {
	int64_t sum;		/* until widened: crm_groups_sum */
	size_t rows;
};

struct crm_groups {
	struct crm_group *g;	/* in first-seen order */
	size_t n, cap;
	crm_i128 *wide;		/* the sums once widened, cap of them */
	struct crm_keyset keys;
};

void crm_groups_init(struct crm_groups *gs);

/*
 * Adds value (units at the sums' scale, checked so that the sum cannot
 * overflow, in 64 bits until widened) to the group of key (len bytes),
 * creating it if new.  Returns the group's index, or -1 when out of
 * memory.
 */
long crm_groups_add(struct crm_groups *gs, const char *key, size_t len,
    crm_i128 value, struct crm_error *e);

/*
 * The same for a sum of rows rows (a part's sum, merged: partial.h):
 * the group counts rows more.
 */
long crm_groups_add_rows(struct crm_groups *gs, const char *key, size_t len,
    crm_i128 value, size_t rows, struct crm_error *e);

/*
 * For callers that look keys up themselves (lookahead.h): key number i
 * was just added to gs->keys (i == gs->n): makes its group, with a zero
 * sum and no rows.  Returns the groups (they may have moved), or NULL
 * with *e filled when out of memory.
 */
struct crm_group *crm_groups_room(struct crm_groups *gs, size_t i,
    struct crm_error *e);

/* Adds value (as crm_groups_add) and rows rows to group i. */
static inline void
crm_groups_fold(struct crm_groups *gs, size_t i, crm_i128 value,
    size_t rows)
{
	if (gs->wide != NULL)
		gs->wide[i] += value;
	else
		gs->g[i].sum += (int64_t)value;
	gs->g[i].rows += rows;
}

/* Moves the sums to 128 bits; fails only when out of memory. */
int crm_groups_widen(struct crm_groups *gs, struct crm_error *e);

/* Group i's sum. */
crm_i128 crm_groups_sum(const struct crm_groups *gs, size_t i);

/*
 * Multiplies every sum by 10^raise: the scale went up by raise places
 * (the caller's bounds say the results fit, in 64 bits until widened).
 */
void crm_groups_rescale(struct crm_groups *gs, int raise);

/* The key of group i (see crm_keyset_text) and its length. */
const char *crm_groups_key(const struct crm_groups *gs, size_t i,
    size_t *len);

void crm_groups_free(struct crm_groups *gs);

#endif
