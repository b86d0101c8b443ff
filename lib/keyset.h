/*
 * keyset.h - distinct keys (customer ids, group values) numbered in the
 * order they are first seen.
 *
 * An open-addressing hash table whose slots hold the key's number and
 * the key itself when it is short (a fragment of its hash otherwise), so
 * that most lookups touch one cache line; long key texts are copied into
 * an arena.  Callers keep their per-key data in their own arrays, indexed
 * by the number: one entry per key, never one per row.  Large slot tables
 * (and the callers' arrays, from crm_keyset_alloc_table) go on huge
 * pages where the system has them: fewer TLB misses per lookup.
 */
#ifndef CRM_KEYSET_H
#define CRM_KEYSET_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "error.h"

#define CRM_KEY_INLINE	16	/* keys shorter than this live in the entry */

/*
 * A key: short ones (customer ids, mostly) are kept in the entry itself,
 * so that a lookup touches one cache line after the slot; longer ones in
 * the arena.  Read the text with crm_keyset_text.
 */
struct crm_key {
	uint64_t hash;
	size_t len;
	union {
		char buf[CRM_KEY_INLINE];	/* len < CRM_KEY_INLINE */
		const char *ptr;		/* otherwise, in the arena */
	} t;
};

#define CRM_SLOT_INLINE	11	/* keys shorter than this live in the slot */

/*
 * A slot of the table, 16 bytes, four to a cache line.  A short key is
 * compared in the slot itself: one cache miss per lookup, not two.  A
 * longer one keeps a fragment of its hash there, and is compared in its
 * entry when the fragment matches.
 */
struct crm_keyslot {
	uint32_t index1;	/* key number + 1; 0 for an empty slot */
	uint8_t tag[12];	/* see slot_tag in keyset.c */
};

struct crm_keyset {
	struct crm_key *key;	/* in first-seen order */
	size_t n, cap;
	struct crm_keyslot *slot;
	size_t nslots;		/* a power of two, at most half full */
	struct crm_arena text;
};

void crm_keyset_init(struct crm_keyset *ks);

/*
 * The number of key (len bytes, may hold NUL), adding it if new; *added
 * says which.  Returns -1 when out of memory or past 2^32 - 2 keys.
 */
long crm_keyset_add(struct crm_keyset *ks, const char *key, size_t len,
    int *added, struct crm_error *e);

/*
 * The NUL-terminated text of key i.  The pointer is valid until the next
 * crm_keyset_add (short keys move when the table grows).
 */
static inline const char *
crm_keyset_text(const struct crm_keyset *ks, size_t i)
{
	const struct crm_key *k = &ks->key[i];

	return k->len < CRM_KEY_INLINE ? k->t.buf : k->t.ptr;
}

/* The 64-bit FNV-1a hash the table uses, for callers that fingerprint. */
uint64_t crm_keyset_hash(const char *s, size_t len);

/* crm_keyset_add of a key whose crm_keyset_hash is h. */
long crm_keyset_add_hashed(struct crm_keyset *ks, const char *key,
    size_t len, uint64_t h, int *added, struct crm_error *e);

/* crm_keyset_prefetch of a key whose crm_keyset_hash is h. */
static inline void
crm_keyset_prefetch_hashed(const struct crm_keyset *ks, uint64_t h)
{
	if (ks->nslots > 0)
		__builtin_prefetch(&ks->slot[h & (ks->nslots - 1)]);
}

/*
 * Starts loading the slot where key's lookup begins, so that a lookup
 * made after other work (parsing the rest of the row) finds it in cache.
 */
void crm_keyset_prefetch(const struct crm_keyset *ks, const char *key,
    size_t len);

/* The number of key, or -1 if it was never added. */
long crm_keyset_find(const struct crm_keyset *ks, const char *key,
    size_t len);

void crm_keyset_free(struct crm_keyset *ks);

/*
 * Memory for a table of size bytes that lookups reach at random (the
 * slots, or a caller's entries by key number): 64-byte aligned, not
 * zeroed, on huge pages when it is large and the system has them.  NULL
 * when out of memory; free it with free().
 */
void *crm_keyset_alloc_table(size_t size);

#endif
