/*
 * keyset.h - distinct keys (customer ids, group values) numbered in the
 * order they are first seen.
 *
 * An open-addressing hash table whose slots hold the key's number and a
 * fragment of its hash, so that most probes touch one cache line; key
 * texts are copied into an arena.  Callers keep their per-key data in
 * their own arrays, indexed by the number: one entry per key, never one
 * per row.
 */
#ifndef CRM_KEYSET_H
#define CRM_KEYSET_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "error.h"

struct crm_key {
	const char *text;	/* NUL-terminated, in the arena */
	size_t len;
	uint64_t hash;
};

struct crm_keyslot {
	uint32_t index1;	/* key number + 1; 0 for an empty slot */
	uint32_t hash32;	/* high half of the key's hash */
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

/* The number of key, or -1 if it was never added. */
long crm_keyset_find(const struct crm_keyset *ks, const char *key,
    size_t len);

void crm_keyset_free(struct crm_keyset *ks);

#endif
