/*
 * group.c - per-key sums (see group.h).
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "group.h"

void
crm_groups_init(struct crm_groups *gs)
{
	memset(gs, 0, sizeof(*gs));
	crm_keyset_init(&gs->keys);
}

long
crm_groups_add(struct crm_groups *gs, const char *key, size_t len,
    crm_i128 value, struct crm_error *e)
{
	struct crm_group *g;
	long i;
	int added;

	if ((i = crm_keyset_add(&gs->keys, key, len, &added, e)) < 0)
		return -1;
	if (!added) {
		gs->g[i].sum += value;
		gs->g[i].rows++;
		return i;
	}
	if (crm_grow(&gs->g, &gs->cap, gs->n + 1, sizeof(*gs->g)) < 0)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "out of memory");
	g = &gs->g[gs->n++];
	g->sum = value;
	g->rows = 1;
	return i;
}

void
crm_groups_rescale(struct crm_groups *gs, int raise)
{
	size_t i;

	for (i = 0; i < gs->n; i++)
		crm_decimal_shift(&gs->g[i].sum, raise);
}

const char *
crm_groups_key(const struct crm_groups *gs, size_t i, size_t *len)
{
	*len = gs->keys.key[i].len;
	return crm_keyset_text(&gs->keys, i);
}

void
crm_groups_free(struct crm_groups *gs)
{
	free(gs->g);
	crm_keyset_free(&gs->keys);
	memset(gs, 0, sizeof(*gs));
}
