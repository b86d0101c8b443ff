/*
 * arena.c - block allocator (see arena.h).
 */
#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

#define BLOCK	(1024 * 1024)

struct crm_arena_block {
	struct crm_arena_block *next;
	alignas(max_align_t) unsigned char data[];
};

void *
crm_arena_alloc(struct crm_arena *a, size_t n)
{
	const size_t align = alignof(max_align_t);
	size_t at = (a->used + align - 1) & ~(align - 1);
	struct crm_arena_block *b;
	size_t size;

	if (a->head == NULL || at > a->size || n > a->size - at) {
		size = n > BLOCK ? n : BLOCK;
		if (size > SIZE_MAX - sizeof(*b))
			return NULL;
		if ((b = malloc(sizeof(*b) + size)) == NULL)
			return NULL;
		b->next = a->head;
		a->head = b;
		a->size = size;
		at = 0;
	}
	a->used = at + n;
	a->total += n;
	return a->head->data + at;
}

char *
crm_arena_strndup(struct crm_arena *a, const char *s, size_t len)
{
	char *p;

	if (len == SIZE_MAX || (p = crm_arena_alloc(a, len + 1)) == NULL)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

void
crm_arena_free(struct crm_arena *a)
{
	struct crm_arena_block *b = a->head, *next;

	for (; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	memset(a, 0, sizeof(*a));
}

int
crm_grow(void *arrayp, size_t *cap, size_t need, size_t elem)
{
	size_t n = *cap ? *cap : 1024;
	void *old, *p;

	if (need <= *cap)
		return 0;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			return -1;
		n *= 2;
	}
	/* the array's pointer is read and written as bytes: its type is
	   the caller's */
	memcpy(&old, arrayp, sizeof(old));
	if (n > SIZE_MAX / elem || (p = realloc(old, n * elem)) == NULL)
		return -1;
	memcpy(arrayp, &p, sizeof(p));
	*cap = n;
	return 0;
}
