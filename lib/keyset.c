/*
 * keyset.c - keys numbered in first-seen order (see keyset.h).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "keyset.h"

/*
 * FNV-1a over 64 bits: customer ids are short, and there is no adversary
 * choosing them to collide.
 */
uint64_t
crm_keyset_hash(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037ULL;
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

/*
 * What a slot holds besides the key's number: for a key shorter than
 * CRM_SLOT_INLINE, its length and its bytes, zero padded; for a longer
 * one, 0xFF and the high half of its hash.  Equal tags mean equal short
 * keys, so only long keys are compared in their entry.
 */
static void
slot_tag(uint8_t tag[12], const char *key, size_t len, uint64_t h)
{
	uint32_t h32 = (uint32_t)(h >> 32);

	memset(tag, 0, 12);
	if (len < CRM_SLOT_INLINE) {
		tag[0] = (uint8_t)len;
		memcpy(tag + 1, key, len);
	} else {
		tag[0] = 0xFF;
		memcpy(tag + 1, &h32, sizeof(h32));
	}
}

/*
 * Tables of 2 MB or more, which every lookup reaches at random, go on
 * huge pages where the system has them (Linux's transparent huge pages
 * on request): one TLB entry then maps 2 MB, so that a lookup's cache
 * miss is not also a page walk (two nested ones in a virtual machine).
 */
#define HUGE_PAGE	((size_t)2 << 20)

void *
crm_keyset_alloc_table(size_t size)
{
	void *p;

#ifdef MADV_HUGEPAGE
	if (size >= HUGE_PAGE && size % HUGE_PAGE == 0) {
		if (posix_memalign(&p, HUGE_PAGE, size) != 0)
			return NULL;
		/* advice: without huge pages the table works as well */
		(void)madvise(p, size, MADV_HUGEPAGE);
		return p;
	}
#endif
	return posix_memalign(&p, 64, size) != 0 ? NULL : p;
}

static int
rehash(struct crm_keyset *ks, size_t nslots)
{
	struct crm_keyslot *slot;
	size_t i;

	/* nslots is a power of two, and smaller than SIZE_MAX / 16 */
	if ((slot = crm_keyset_alloc_table(nslots * sizeof(*slot))) == NULL)
		return -1;
	memset(slot, 0, nslots * sizeof(*slot));
	for (i = 0; i < ks->n; i++) {
		const struct crm_key *k = &ks->key[i];
		size_t s = k->hash & (nslots - 1);

		while (slot[s].index1 != 0)
			s = (s + 1) & (nslots - 1);
		slot[s].index1 = (uint32_t)(i + 1);
		slot_tag(slot[s].tag, crm_keyset_text(ks, i), k->len, k->hash);
	}
	free(ks->slot);
	ks->slot = slot;
	ks->nslots = nslots;
	return 0;
}

/* The slot holding key (tagged tag), or the empty slot where it would go. */
static size_t
probe(const struct crm_keyset *ks, const char *key, size_t len, uint64_t h,
    const uint8_t tag[12])
{
	size_t s;

	for (s = h & (ks->nslots - 1); ks->slot[s].index1 != 0;
	    s = (s + 1) & (ks->nslots - 1)) {
		const struct crm_key *k;

		if (memcmp(ks->slot[s].tag, tag, 12) != 0)
			continue;
		if (len < CRM_SLOT_INLINE)
			break;
		k = &ks->key[ks->slot[s].index1 - 1];
		if (k->hash == h && k->len == len &&
		    memcmp(crm_keyset_text(ks, ks->slot[s].index1 - 1), key,
		    len) == 0)
			break;
	}
	return s;
}

void
crm_keyset_prefetch(const struct crm_keyset *ks, const char *key,
    size_t len)
{
	crm_keyset_prefetch_hashed(ks, crm_keyset_hash(key, len));
}

long
crm_keyset_find(const struct crm_keyset *ks, const char *key, size_t len)
{
	uint64_t h;
	uint8_t tag[12];
	size_t s;

	if (ks->nslots == 0)
		return -1;
	h = crm_keyset_hash(key, len);
	slot_tag(tag, key, len, h);
	s = probe(ks, key, len, h, tag);
	return (long)ks->slot[s].index1 - 1;
}

long
crm_keyset_add(struct crm_keyset *ks, const char *key, size_t len,
    int *added, struct crm_error *e)
{
	return crm_keyset_add_hashed(ks, key, len, crm_keyset_hash(key, len),
	    added, e);
}

long
crm_keyset_add_hashed(struct crm_keyset *ks, const char *key, size_t len,
    uint64_t h, int *added, struct crm_error *e)
{
	uint8_t tag[12];
	struct crm_key *k;
	size_t s;

	*added = 0;
	if ((ks->n + 1) * 2 > ks->nslots &&
	    rehash(ks, ks->nslots ? ks->nslots * 2 : 1024) < 0)
		goto nomem;
	slot_tag(tag, key, len, h);
	s = probe(ks, key, len, h, tag);
	if (ks->slot[s].index1 != 0)
		return (long)ks->slot[s].index1 - 1;
	if (ks->n >= UINT32_MAX - 1)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "more than %lu distinct keys", (unsigned long)UINT32_MAX - 2);
	if (crm_grow(&ks->key, &ks->cap, ks->n + 1, sizeof(*ks->key)) < 0)
		goto nomem;
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
	memcpy(ks->slot[s].tag, tag, 12);
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
