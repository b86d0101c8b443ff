/*
 * group.c - per-key sums over a hash table (see group.h).
 */
#include <stdlib.h>
#include <string.h>

#include "group.h"

/* FNV-1a: short keys such as customer ids, no adversary to defend from. */
static uint64_t
hash_key(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

void
crm_groups_init(struct crm_groups *gs)
{
	memset(gs, 0, sizeof(*gs));
}

static int
rehash(struct crm_groups *gs, size_t nslots)
{
	uint32_t *slot = calloc(nslots, sizeof(*slot));
	size_t i;

	if (slot == NULL)
		return -1;
	for (i = 0; i < gs->n; i++) {
		size_t s = gs->g[i].hash & (nslots - 1);

		while (slot[s] != 0)
			s = (s + 1) & (nslots - 1);
		slot[s] = (uint32_t)(i + 1);
	}
	free(gs->slot);
	gs->slot = slot;
	gs->nslots = nslots;
	return 0;
}

long
crm_groups_add(struct crm_groups *gs, const char *key, size_t len,
    double value, struct crm_error *e)
{
	uint64_t h = hash_key(key, len);
	struct crm_group *g;
	size_t s;

	/* keep the table at most half full */
	if ((gs->n + 1) * 2 > gs->nslots &&
	    rehash(gs, gs->nslots ? gs->nslots * 2 : 1024) < 0)
		goto nomem;
	for (s = h & (gs->nslots - 1); gs->slot[s] != 0;
	    s = (s + 1) & (gs->nslots - 1)) {
		g = &gs->g[gs->slot[s] - 1];
		if (g->hash == h && g->keylen == len &&
		    memcmp(g->key, key, len) == 0) {
			g->sum += value;
			g->rows++;
			return (long)(gs->slot[s] - 1);
		}
	}
	if (gs->n == UINT32_MAX - 1)
		goto nomem;
	if (gs->n == gs->cap) {
		size_t cap = gs->cap ? gs->cap * 2 : 1024;
		struct crm_group *ng = realloc(gs->g, cap * sizeof(*ng));

		if (ng == NULL)
			goto nomem;
		gs->g = ng;
		gs->cap = cap;
	}
	g = &gs->g[gs->n];
	if ((g->key = crm_arena_strndup(&gs->keys, key, len)) == NULL)
		goto nomem;
	g->keylen = len;
	g->hash = h;
	g->sum = value;
	g->rows = 1;
	gs->slot[s] = (uint32_t)(gs->n + 1);
	return (long)gs->n++;
nomem:
	return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0, "out of memory");
}

void
crm_groups_free(struct crm_groups *gs)
{
	free(gs->g);
	free(gs->slot);
	crm_arena_free(&gs->keys);
	memset(gs, 0, sizeof(*gs));
}
