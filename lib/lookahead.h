/*
 * lookahead.h - rows keyed by a keyset, folded a few rows after they come,
 * so that the cache misses of their lookups overlap other work.
 *
 * An aggregation that folds each row into its key's entry (one entry per
 * customer) spends most of its time waiting for memory: the hash slot of
 * the key, then the entry.  Here a row is held in a small ring when it is
 * pushed (its key hashed, its slot prefetched), looked up
 * CRM_LOOKAHEAD_STEP rows later (its entry prefetched), and folded
 * CRM_LOOKAHEAD_STEP rows after that, by the caller's callbacks, in the
 * order the rows came (crm-score's RFM sums, crm-pareto --by's groups).
 * A longer distance (8 rows) measured no faster (bench/README.md, "hash
 * lookup").  The caller sees every row folded once, in order, with its
 * key's number: the ring changes when a row is folded, never what
 * folding it does.
 *
 * A row is its key, some extra strings (copied after the key) and a few
 * bytes of the caller's own data.
 */
#ifndef CRM_LOOKAHEAD_H
#define CRM_LOOKAHEAD_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "keyset.h"

#define CRM_LOOKAHEAD_STEP	4	/* rows between two stages */
#define CRM_LOOKAHEAD_RING	16	/* > 2 * CRM_LOOKAHEAD_STEP */
#define CRM_LOOKAHEAD_DATA	48	/* bytes of caller's data per row */

/* A row, as the callbacks see it. */
struct crm_lookahead_row {
	long key;		/* the key's number in the keyset */
	int added;		/* the lookup of this row added the key */
	char *text;		/* the key, then the extras, each + NUL */
	size_t keylen;
	uint64_t hash;		/* the key's crm_keyset_hash */
	size_t used, size;	/* bytes of text used, allocated */
	/* the caller's data: memcpy it out to read it */
	unsigned char data[CRM_LOOKAHEAD_DATA];
};

/* The extra strings of row, each NUL-terminated, in *size bytes. */
static inline const char *
crm_lookahead_extra(const struct crm_lookahead_row *row, size_t *size)
{
	*size = row->used - row->keylen - 1;
	return row->text + row->keylen + 1;
}

/*
 * added: a row's lookup added key number key (the keys so far are key +
 * 1): makes room for its entry; returns the array of entries (which may
 * have moved), or NULL with *e filled when the run must stop (out of
 * memory).
 * fold: folds the row into its key's entry; returns 0, or -1 with *e.
 */
typedef void *(*crm_lookahead_added_fn)(void *ctx, long key,
    struct crm_error *e);
typedef int (*crm_lookahead_fold_fn)(void *ctx,
    const struct crm_lookahead_row *row, struct crm_error *e);

/*
 * looked: the row's key was just found (row->key set), CRM_LOOKAHEAD_STEP
 * rows before it is folded: the caller may prefetch what folding it will
 * touch besides the key's entry (and note it in the row's data).
 */
typedef void (*crm_lookahead_looked_fn)(void *ctx,
    struct crm_lookahead_row *row);

struct crm_lookahead {
	struct crm_keyset *keys;	/* the caller's */
	void *entries;		/* the caller's, entsize bytes by key number */
	size_t entsize;
	crm_lookahead_added_fn added;
	crm_lookahead_fold_fn fold;
	crm_lookahead_looked_fn looked;	/* NULL: none */
	void *ctx;
	uint64_t rows;		/* pushed since the last drain */
	struct crm_lookahead_row ring[CRM_LOOKAHEAD_RING];
};

/*
 * Rows will be keyed in keys and folded into the caller's entries, one
 * of entsize bytes per key (added says where they are), each prefetched
 * before a row is folded into it.
 */
void crm_lookahead_init(struct crm_lookahead *la, struct crm_keyset *keys,
    size_t entsize, crm_lookahead_added_fn added, crm_lookahead_fold_fn fold,
    void *ctx);

/* Calls looked for each row once its key is found (see above). */
void crm_lookahead_on_lookup(struct crm_lookahead *la,
    crm_lookahead_looked_fn looked);

/*
 * The data of the row to be pushed next (CRM_LOOKAHEAD_DATA bytes): the
 * caller copies its own data there, then pushes.
 */
static inline void *
crm_lookahead_data(struct crm_lookahead *la)
{
	return la->ring[la->rows % CRM_LOOKAHEAD_RING].data;
}

/*
 * Pushes a row: key (keylen bytes) and nextra extra strings (extra[i] of
 * extralen[i] bytes), copied, with the data set through
 * crm_lookahead_data.  Older rows are looked up and folded on the way.
 * Returns 0, or -1 with *e filled (out of memory, or what a callback
 * said).
 */
int crm_lookahead_push(struct crm_lookahead *la, const char *key,
    size_t keylen, char *const *extra, const size_t *extralen, size_t nextra,
    struct crm_error *e);

/* Looks up and folds every row still held; returns 0 or -1 as push. */
int crm_lookahead_drain(struct crm_lookahead *la, struct crm_error *e);

void crm_lookahead_free(struct crm_lookahead *la);

#endif
