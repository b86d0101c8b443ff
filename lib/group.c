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
	long i;
	int added;

	if ((i = crm_keyset_add(&gs->keys, key, len, &added, e)) < 0)
		return -1;
	if (added && crm_groups_room(gs, (size_t)i, e) == NULL)
		return -1;
	crm_groups_fold(gs, (size_t)i, value, rows);
	return i;
}

struct crm_group *
crm_groups_room(struct crm_groups *gs, size_t i, struct crm_error *e)
{
	crm_i128 *w;
	size_t cap = gs->cap;

	if (crm_grow(&gs->g, &gs->cap, i + 1, sizeof(*gs->g)) < 0)
		goto nomem;
	if (gs->wide != NULL && gs->cap != cap) {
		if ((w = realloc(gs->wide, gs->cap * sizeof(*w))) == NULL)
			goto nomem;
		gs->wide = w;
	}
	gs->g[i].sum = 0;
	gs->g[i].rows = 0;
	if (gs->wide != NULL)
		gs->wide[i] = 0;
	gs->n = i + 1;
	return gs->g;
nomem:
	crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0, "out of memory");
	return NULL;
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
