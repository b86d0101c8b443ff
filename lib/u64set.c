/*
 * u64set.c - a set of 64-bit keys (see u64set.h).
 */
#include <stdlib.h>
#include <string.h>

#include "u64set.h"

void
crm_u64set_init(struct crm_u64set *s)
{
	memset(s, 0, sizeof(*s));
}

/*
 * The finaliser of SplitMix64 (Steele, Lea and Flood 2014): every bit
 * of the key moves the low bits the mask keeps, so that keys that
 * differ in their high half only (the customer, in history.c) spread.
 */
static size_t
slot_of(uint64_t k, size_t mask)
{
	k ^= k >> 30;
	k *= 0xbf58476d1ce4e5b9ULL;
	k ^= k >> 27;
	k *= 0x94d049bb133111ebULL;
	k ^= k >> 31;
	return (size_t)k & mask;
}

static void
place(uint64_t *slot, size_t mask, uint64_t k)
{
	size_t i = slot_of(k, mask);

	while (slot[i] != CRM_U64SET_EMPTY)
		i = (i + 1) & mask;
	slot[i] = k;
}

static int
rehash(struct crm_u64set *s, size_t nslots, struct crm_error *e)
{
	uint64_t *slot;
	size_t i;

	if (nslots > SIZE_MAX / sizeof(*slot) ||
	    (slot = malloc(nslots * sizeof(*slot))) == NULL)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "out of memory");
	memset(slot, 0xff, nslots * sizeof(*slot));
	for (i = 0; i < s->nslots; i++)
		if (s->slot[i] != CRM_U64SET_EMPTY)
			place(slot, nslots - 1, s->slot[i]);
	free(s->slot);
	s->slot = slot;
	s->nslots = nslots;
	return 0;
}

int
crm_u64set_add(struct crm_u64set *s, uint64_t key, int *added,
    struct crm_error *e)
{
	size_t i, mask;
	int dummy;

	if (added == NULL)
		added = &dummy;
	*added = 0;
	if (key == CRM_U64SET_EMPTY) {
		*added = !s->has_empty;
		s->has_empty = 1;
		return 0;
	}
	if (2 * (s->n + 1) > s->nslots &&
	    rehash(s, s->nslots ? 2 * s->nslots : 1024, e) < 0)
		return -1;
	mask = s->nslots - 1;
	for (i = slot_of(key, mask); s->slot[i] != CRM_U64SET_EMPTY;
	    i = (i + 1) & mask)
		if (s->slot[i] == key)
			return 0;
	s->slot[i] = key;
	s->n++;
	*added = 1;
	return 0;
}

int
crm_u64set_has(const struct crm_u64set *s, uint64_t key)
{
	size_t i, mask;

	if (key == CRM_U64SET_EMPTY)
		return s->has_empty;
	if (s->nslots == 0)
		return 0;
	mask = s->nslots - 1;
	for (i = slot_of(key, mask); s->slot[i] != CRM_U64SET_EMPTY;
	    i = (i + 1) & mask)
		if (s->slot[i] == key)
			return 1;
	return 0;
}

size_t
crm_u64set_count(const struct crm_u64set *s)
{
	return s->n + (s->has_empty != 0);
}

int
crm_u64set_next(const struct crm_u64set *s, size_t *pos, uint64_t *key)
{
	/* the slots, then the key that marks an empty slot, if held */
	for (; *pos < s->nslots; (*pos)++)
		if (s->slot[*pos] != CRM_U64SET_EMPTY) {
			*key = s->slot[(*pos)++];
			return 1;
		}
	if (*pos == s->nslots && s->has_empty) {
		(*pos)++;
		*key = CRM_U64SET_EMPTY;
		return 1;
	}
	return 0;
}

size_t
crm_u64set_bytes(const struct crm_u64set *s)
{
	return s->nslots * sizeof(*s->slot);
}

void
crm_u64set_free(struct crm_u64set *s)
{
	free(s->slot);
	memset(s, 0, sizeof(*s));
}
