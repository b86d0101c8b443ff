/*
 * keyset.c - keys numbered in first-seen order (see keyset.h).
 */
#include <stdlib.h>
#include <string.h>

#include "keyset.h"

/*
 * FNV-1a over 64 bits: customer ids are short, and there is no adversary
 * choosing them to collide.
 */
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
crm_keyset_init(struct crm_keyset *ks)
{
	memset(ks, 0, sizeof(*ks));
}

static int
rehash(struct crm_keyset *ks, size_t nslots)
{
	struct crm_keyslot *slot = calloc(nslots, sizeof(*slot));
	size_t i;

	if (slot == NULL)
		return -1;
	for (i = 0; i < ks->n; i++) {
		size_t s = ks->key[i].hash & (nslots - 1);

		while (slot[s].index1 != 0)
			s = (s + 1) & (nslots - 1);
		slot[s].index1 = (uint32_t)(i + 1);
		slot[s].hash32 = (uint32_t)(ks->key[i].hash >> 32);
	}
	free(ks->slot);
	ks->slot = slot;
	ks->nslots = nslots;
	return 0;
}

/* The slot holding key, or the empty slot where it would go. */
static size_t
probe(const struct crm_keyset *ks, const char *key, size_t len, uint64_t h)
{
	uint32_t h32 = (uint32_t)(h >> 32);
	size_t s;

	for (s = h & (ks->nslots - 1); ks->slot[s].index1 != 0;
	    s = (s + 1) & (ks->nslots - 1)) {
		const struct crm_key *k;

		if (ks->slot[s].hash32 != h32)
			continue;
		k = &ks->key[ks->slot[s].index1 - 1];
		if (k->hash == h && k->len == len &&
		    memcmp(len < CRM_KEY_INLINE ? k->t.buf : k->t.ptr, key,
		    len) == 0)
			break;
	}
	return s;
}

long
crm_keyset_find(const struct crm_keyset *ks, const char *key, size_t len)
{
	size_t s;

	if (ks->nslots == 0)
		return -1;
	s = probe(ks, key, len, hash_key(key, len));
	return (long)ks->slot[s].index1 - 1;
}

long
crm_keyset_add(struct crm_keyset *ks, const char *key, size_t len,
    int *added, struct crm_error *e)
{
	uint64_t h = hash_key(key, len);
	struct crm_key *k;
	size_t s;

	*added = 0;
	if ((ks->n + 1) * 2 > ks->nslots &&
	    rehash(ks, ks->nslots ? ks->nslots * 2 : 1024) < 0)
		goto nomem;
	s = probe(ks, key, len, h);
	if (ks->slot[s].index1 != 0)
		return (long)ks->slot[s].index1 - 1;
	if (ks->n >= UINT32_MAX - 1)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "more than %lu distinct keys", (unsigned long)UINT32_MAX - 2);
	if (ks->n == ks->cap) {
		size_t cap = ks->cap ? ks->cap * 2 : 1024;

		if ((k = realloc(ks->key, cap * sizeof(*k))) == NULL)
			goto nomem;
		ks->key = k;
		ks->cap = cap;
	}
	k = &ks->key[ks->n];
	if (len < CRM_KEY_INLINE) {
		memcpy(k->t.buf, key, len);
		k->t.buf[len] = '\0';
	} else if ((k->t.ptr = crm_arena_strndup(&ks->text, key, len)) ==
	    NULL) {
		goto nomem;
	}
	k->len = len;
	k->hash = h;
	ks->slot[s].index1 = (uint32_t)(ks->n + 1);
	ks->slot[s].hash32 = (uint32_t)(h >> 32);
	*added = 1;
	return (long)ks->n++;
nomem:
	return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0, "out of memory");
}

void
crm_keyset_free(struct crm_keyset *ks)
{
	free(ks->key);
	free(ks->slot);
	crm_arena_free(&ks->text);
	memset(ks, 0, sizeof(*ks));
}
