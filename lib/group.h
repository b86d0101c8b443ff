/*
 * group.h - sums of a value per distinct key, in first-seen order.
 *
 * One entry per key (never per row), over a keyset.  This is what --by
 * uses to turn order rows into one row per customer.
 */
#ifndef CRM_GROUP_H
#define CRM_GROUP_H

#include <stddef.h>

#include "error.h"
#include "keyset.h"

struct crm_group {
	double sum;
	size_t rows;
};

struct crm_groups {
	struct crm_group *g;	/* in first-seen order */
	size_t n, cap;
	struct crm_keyset keys;
};

void crm_groups_init(struct crm_groups *gs);

/*
 * Adds value to the group of key (len bytes), creating it if new.
 * Returns the group's index, or -1 when out of memory.
 */
long crm_groups_add(struct crm_groups *gs, const char *key, size_t len,
    double value, struct crm_error *e);

/* The key of group i (see crm_keyset_text) and its length. */
const char *crm_groups_key(const struct crm_groups *gs, size_t i,
    size_t *len);

void crm_groups_free(struct crm_groups *gs);

#endif
