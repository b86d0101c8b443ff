/*
 * arena.h - memory in bulk: many small allocations freed together, and
 * arrays that grow.
 *
 * Keys and stored records are copied into large blocks, so that holding
 * a million customers costs one malloc per megabyte, not one per string,
 * and pointers handed out stay valid until crm_arena_free.  Arrays of one
 * entry per customer grow by doubling, with crm_grow.
 */
#ifndef CRM_ARENA_H
#define CRM_ARENA_H

#include <stddef.h>

struct crm_arena_block;

struct crm_arena {
	struct crm_arena_block *head;
	size_t used, size;	/* in the head block */
	size_t total;		/* bytes handed out, for reports */
};

/* An empty arena is all zeros. */
#define CRM_ARENA_INIT	{ NULL, 0, 0, 0 }

/* n bytes aligned for any type, or NULL when out of memory. */
void *crm_arena_alloc(struct crm_arena *a, size_t n);

/* A NUL-terminated copy of len bytes of s, or NULL. */
char *crm_arena_strndup(struct crm_arena *a, const char *s, size_t len);

void crm_arena_free(struct crm_arena *a);

/*
 * Makes the array *arrayp (a pointer to the array's pointer), of *cap
 * elements of elem bytes, hold at least need elements, doubling its
 * capacity (1024 at first).  Returns 0, or -1 when out of memory (or the
 * size would overflow), the array then left as it was.
 */
int crm_grow(void *arrayp, size_t *cap, size_t need, size_t elem);

#endif
