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
	return crm_groups_add_rows(gs, key, len, value, 1, e);
}

long
crm_groups_add_rows(struct crm_groups *gs, const char *key, size_t len,
    crm_i128 value, size_t rows, struct crm_error *e)
{
	struct crm_group *g;
	crm_i128 *w;
	size_t cap;
	long i;
	int added;

	if ((i = crm_keyset_add(&gs->keys, key, len, &added, e)) < 0)
		return -1;
	if (!added) {
		if (gs->wide != NULL)
			gs->wide[i] += value;
		else
			gs->g[i].sum += (int64_t)value;
		gs->g[i].rows += rows;
		return i;
	}
	cap = gs->cap;
	if (crm_grow(&gs->g, &gs->cap, gs->n + 1, sizeof(*gs->g)) < 0)
		goto nomem;
	if (gs->wide != NULL && gs->cap != cap) {
		if ((w = realloc(gs->wide, gs->cap * sizeof(*w))) == NULL)
			goto nomem;
		gs->wide = w;
	}
	g = &gs->g[gs->n++];
	g->sum = 0;
	if (gs->wide != NULL)
		gs->wide[i] = value;
	else
		g->sum = (int64_t)value;
	g->rows = rows;
	return i;
nomem:
	return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0, "out of memory");
}

int
crm_groups_widen(struct crm_groups *gs, struct crm_error *e)
{
	size_t i;

	if (gs->wide != NULL)
		return 0;
	if ((gs->wide = malloc((gs->cap ? gs->cap : 1) *
	    sizeof(*gs->wide))) == NULL)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "out of memory");
	for (i = 0; i < gs->n; i++)
		gs->wide[i] = gs->g[i].sum;
	return 0;
}

crm_i128
crm_groups_sum(const struct crm_groups *gs, size_t i)
{
	return gs->wide != NULL ? gs->wide[i] : gs->g[i].sum;
}

void
crm_groups_rescale(struct crm_groups *gs, int raise)
{
	int64_t m = 1;
	size_t i;
	int k;

	for (k = 0; k < raise && gs->wide == NULL; k++)
		m *= 10;
	for (i = 0; i < gs->n; i++) {
		if (gs->wide != NULL)
			crm_decimal_shift(&gs->wide[i], raise);
		else
			gs->g[i].sum *= m;
	}
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
	free(gs->wide);
	crm_keyset_free(&gs->keys);
	memset(gs, 0, sizeof(*gs));
}
