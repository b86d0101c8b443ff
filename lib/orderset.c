/*
 * orderset.c - distinct (customer, order id) pairs (see orderset.h).
 *
 * A slot's tag: for an id of at most CRM_ORDER_INLINE bytes, its length
 * and its bytes, zero padded, so that equal tags (and customers) mean
 * equal pairs; for a longer id, 0xFF, three bytes of its hash, and the
 * pointer to its copy in the arena, compared when the rest matches.
 */
#include <stdlib.h>
#include <string.h>

#include "keyset.h"
#include "orderset.h"

void
crm_orderset_init(struct crm_orderset *s)
{
	memset(s, 0, sizeof(*s));
}

/*
 * FNV-1a over the customer's number and the id, then SplitMix64's
 * finaliser: FNV-1a's low bits, which the mask keeps, are weak (its
 * lowest is the parity of the bytes' lowest bits).
 */
uint64_t
crm_orderset_hash(uint32_t cust, const char *order, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;
	int k;

	for (k = 0; k < 4; k++) {
		h ^= (cust >> (8 * k)) & 0xFF;
		h *= 1099511628211ULL;
	}
	for (i = 0; i < len; i++) {
		h ^= (unsigned char)order[i];
		h *= 1099511628211ULL;
	}
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebULL;
	h ^= h >> 31;
	return h;
}

/* The tag of a short id (the long ones are made in store_long). */
static void
short_tag(uint8_t tag[12], const char *order, size_t len)
{
	memset(tag, 0, 12);
	tag[0] = (uint8_t)len;
	memcpy(tag + 1, order, len);
}

static const char *
long_text(const struct crm_orderslot *sl)
{
	const char *p;

	memcpy(&p, sl->tag + 4, sizeof(p));
	return p;
}

/* The slot of the pair, or the empty slot where it would go. */
static size_t
probe(const struct crm_orderset *s, uint32_t cust1, const char *order,
    size_t len, uint64_t h)
{
	size_t mask = s->nslots - 1, i = h & mask;
	/* the high bits: the low ones are alike along a run of slots */
	uint32_t frag = (uint32_t)(h >> 40);
	uint8_t tag[12];
	const char *p;

	if (len <= CRM_ORDER_INLINE) {
		short_tag(tag, order, len);
		for (; s->slot[i].cust1 != 0; i = (i + 1) & mask)
			if (s->slot[i].cust1 == cust1 &&
			    memcmp(s->slot[i].tag, tag, 12) == 0)
				break;
		return i;
	}
	for (; s->slot[i].cust1 != 0; i = (i + 1) & mask) {
		const struct crm_orderslot *sl = &s->slot[i];

		if (sl->cust1 != cust1 || sl->tag[0] != 0xFF ||
		    memcmp(sl->tag + 1, &frag, 3) != 0)
			continue;
		p = long_text(sl);
		if (memcmp(p, order, len) == 0 && p[len] == '\0')
			break;
	}
	return i;
}

/* The pair in slot sl: its id and length. */
static const char *
slot_text(const struct crm_orderslot *sl, size_t *len)
{
	const char *p;

	if (sl->tag[0] != 0xFF) {
		*len = sl->tag[0];
		return (const char *)sl->tag + 1;
	}
	p = long_text(sl);
	*len = strlen(p);
	return p;
}

static int
rehash(struct crm_orderset *s, size_t nslots)
{
	struct crm_orderslot *slot;
	size_t i, j, len;
	const char *t;

	/* on huge pages when large: its lookups are at random (keyset.h) */
	if (nslots > SIZE_MAX / sizeof(*slot) || (slot =
	    crm_keyset_alloc_table(nslots * sizeof(*slot))) == NULL)
		return -1;
	memset(slot, 0, nslots * sizeof(*slot));
	for (i = 0; i < s->nslots; i++) {
		if (s->slot[i].cust1 == 0)
			continue;
		t = slot_text(&s->slot[i], &len);
		j = crm_orderset_hash(s->slot[i].cust1 - 1, t, len) &
		    (nslots - 1);
		while (slot[j].cust1 != 0)
			j = (j + 1) & (nslots - 1);
		slot[j] = s->slot[i];
	}
	free(s->slot);
	s->slot = slot;
	s->nslots = nslots;
	return 0;
}

/* Fills the empty slot sl with the pair. */
static int
store(struct crm_orderset *s, struct crm_orderslot *sl, uint32_t cust1,
    const char *order, size_t len, uint64_t h)
{
	uint32_t frag = (uint32_t)(h >> 40);
	char *p;

	if (len <= CRM_ORDER_INLINE) {
		short_tag(sl->tag, order, len);
	} else {
		if ((p = crm_arena_strndup(&s->text, order, len)) == NULL)
			return -1;
		memset(sl->tag, 0, 12);
		sl->tag[0] = 0xFF;
		memcpy(sl->tag + 1, &frag, 3);
		memcpy(sl->tag + 4, &p, sizeof(p));
	}
	sl->cust1 = cust1;
	return 0;
}

int
crm_orderset_add(struct crm_orderset *s, uint32_t cust, const char *order,
    size_t len, int *added, struct crm_error *e)
{
	return crm_orderset_add_hashed(s, crm_orderset_hash(cust, order, len),
	    cust, order, len, added, e);
}

int
crm_orderset_add_hashed(struct crm_orderset *s, uint64_t h, uint32_t cust,
    const char *order, size_t len, int *added, struct crm_error *e)
{
	size_t i;

	*added = 0;
	if ((s->n + 1) * 2 > s->nslots &&
	    rehash(s, s->nslots ? s->nslots * 2 : 1024) < 0)
		goto nomem;
	i = probe(s, cust + 1, order, len, h);
	if (s->slot[i].cust1 != 0)
		return 0;
	if (store(s, &s->slot[i], cust + 1, order, len, h) < 0)
		goto nomem;
	s->n++;
	*added = 1;
	return 0;
nomem:
	return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0, "out of memory");
}

int
crm_orderset_has(const struct crm_orderset *s, uint32_t cust,
    const char *order, size_t len)
{
	if (s->nslots == 0)
		return 0;
	return s->slot[probe(s, cust + 1, order, len,
	    crm_orderset_hash(cust, order, len))].cust1 != 0;
}

size_t
crm_orderset_count(const struct crm_orderset *s)
{
	return s->n;
}

size_t
crm_orderset_bytes(const struct crm_orderset *s)
{
	return s->nslots * sizeof(*s->slot) + s->text.total;
}

int
crm_orderset_next(const struct crm_orderset *s, size_t *pos,
    uint32_t *cust, const char **order, size_t *len)
{
	for (; *pos < s->nslots; (*pos)++) {
		const struct crm_orderslot *sl = &s->slot[*pos];

		if (sl->cust1 == 0)
			continue;
		*cust = sl->cust1 - 1;
		*order = slot_text(sl, len);
		(*pos)++;
		return 1;
	}
	return 0;
}

void
crm_orderset_free(struct crm_orderset *s)
{
	free(s->slot);
	crm_arena_free(&s->text);
	memset(s, 0, sizeof(*s));
}
