/*
 * test_arena.c - the block allocator.
 *
 * Every allocation is filled with a pattern derived from its index and
 * checked again after all later allocations: a pointer that moved, an
 * overlap or a block freed too early shows up as a wrong byte (and under
 * valgrind as an invalid access).
 */
#include <stdarg.h>
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "arena.h"

#define BLOCK	(1024 * 1024)	/* arena.c's block size */
#define NALLOC	20000

static void
check_aligned(const void *p)
{
	assert_int_equal((uintptr_t)p % alignof(max_align_t), 0);
}

struct span {
	uintptr_t at;
	size_t n;
};

static int
by_address(const void *a, const void *b)
{
	const struct span *x = a, *y = b;

	return x->at < y->at ? -1 : x->at > y->at;
}

static void
test_many_aligned_distinct_stable(void **state)
{
	struct crm_arena a = CRM_ARENA_INIT;
	static struct span span[NALLOC];
	unsigned char **p;
	size_t *n, i, j, total = 0;

	(void)state;
	p = malloc(NALLOC * sizeof(*p));
	n = malloc(NALLOC * sizeof(*n));
	assert_non_null(p);
	assert_non_null(n);
	/*
	 * sizes 1..157 cycling: odd sizes force padding, and 20000 of them
	 * (about 1.5 MB) need more than one block
	 */
	for (i = 0; i < NALLOC; i++) {
		n[i] = 1 + (i * 7) % 157;
		p[i] = crm_arena_alloc(&a, n[i]);
		assert_non_null(p[i]);
		check_aligned(p[i]);
		/* low and high byte of i in turn: 20000 < 65536, unique */
		for (j = 0; j < n[i]; j++)
			p[i][j] = (unsigned char)(j % 2 ? i >> 8 : i);
		total += n[i];
	}
	assert_int_equal(a.total, total);
	for (i = 0; i < NALLOC; i++)
		for (j = 0; j < n[i]; j++)
			assert_int_equal(p[i][j],
			    (unsigned char)(j % 2 ? i >> 8 : i));
	/* distinct and not overlapping: sorted by address, none reaches the next */
	for (i = 0; i < NALLOC; i++)
		span[i] = (struct span){ (uintptr_t)p[i], n[i] };
	qsort(span, NALLOC, sizeof(*span), by_address);
	for (i = 1; i < NALLOC; i++)
		assert_true(span[i - 1].at + span[i - 1].n <= span[i].at);
	crm_arena_free(&a);
	free(p);
	free(n);
}

static void
test_block_sized_and_larger(void **state)
{
	struct crm_arena a = CRM_ARENA_INIT;
	unsigned char *small, *whole, *big, *after;

	(void)state;
	small = crm_arena_alloc(&a, 10);
	assert_non_null(small);
	memset(small, 's', 10);

	/* a whole block does not fit after 10 bytes: a new block */
	whole = crm_arena_alloc(&a, BLOCK);
	assert_non_null(whole);
	check_aligned(whole);
	memset(whole, 'w', BLOCK);

	/* larger than a block: a block of its own size */
	big = crm_arena_alloc(&a, 3 * BLOCK + 1);
	assert_non_null(big);
	check_aligned(big);
	memset(big, 'b', 3 * BLOCK + 1);
	assert_int_equal(a.size, 3 * BLOCK + 1);

	after = crm_arena_alloc(&a, 100);
	assert_non_null(after);
	check_aligned(after);
	memset(after, 'a', 100);

	assert_int_equal(small[0], 's');
	assert_int_equal(small[9], 's');
	assert_int_equal(whole[0], 'w');
	assert_int_equal(whole[BLOCK - 1], 'w');
	assert_int_equal(big[0], 'b');
	assert_int_equal(big[3 * BLOCK], 'b');
	assert_int_equal(after[99], 'a');
	/* 10 + BLOCK + 3 BLOCK + 1 + 100 bytes handed out */
	assert_int_equal(a.total, 10 + 4 * (size_t)BLOCK + 1 + 100);
	crm_arena_free(&a);
}

static void
test_zero_size(void **state)
{
	struct crm_arena a = CRM_ARENA_INIT;
	void *p, *q;

	(void)state;
	p = crm_arena_alloc(&a, 0);
	assert_non_null(p);
	q = crm_arena_alloc(&a, 0);
	assert_non_null(q);
	check_aligned(q);
	crm_arena_free(&a);
}

static void
test_strndup(void **state)
{
	struct crm_arena a = CRM_ARENA_INIT;
	const char src[] = "customer_id,amount";
	char *s, *t, *u;

	(void)state;
	s = crm_arena_strndup(&a, src, 11);
	assert_non_null(s);
	assert_string_equal(s, "customer_id");
	assert_ptr_not_equal(s, src);
	/* embedded NUL: len bytes copied, then a NUL */
	t = crm_arena_strndup(&a, "a\0b", 3);
	assert_non_null(t);
	assert_memory_equal(t, "a\0b\0", 4);
	u = crm_arena_strndup(&a, "xyz", 0);
	assert_non_null(u);
	assert_string_equal(u, "");
	/* still intact after the others */
	assert_string_equal(s, "customer_id");
	/* 12 + 4 + 1 bytes, each with its NUL */
	assert_int_equal(a.total, 17);
	assert_null(crm_arena_strndup(&a, "x", SIZE_MAX));
	crm_arena_free(&a);
}

static void
test_free_resets(void **state)
{
	struct crm_arena a = CRM_ARENA_INIT;
	char *s;

	(void)state;
	assert_non_null(crm_arena_alloc(&a, 100));
	assert_non_null(crm_arena_alloc(&a, 2 * BLOCK));
	crm_arena_free(&a);
	assert_null(a.head);
	assert_int_equal(a.used, 0);
	assert_int_equal(a.size, 0);
	assert_int_equal(a.total, 0);
	/* freeing an empty arena is harmless, and it can be used again */
	crm_arena_free(&a);
	s = crm_arena_strndup(&a, "again", 5);
	assert_string_equal(s, "again");
	assert_int_equal(a.total, 6);
	crm_arena_free(&a);
}

/*
 * crm_grow doubles from 1024 up to the first capacity that holds what is
 * needed (1024, 2048, 4096: 3000 needs 4096), keeps the elements, and
 * refuses a size that would overflow without touching the array.
 */
static void
test_grow(void **state)
{
	struct pair { long a, b; } *v = NULL;
	size_t cap = 0, i;

	(void)state;
	assert_int_equal(crm_grow(&v, &cap, 0, sizeof(*v)), 0);
	assert_null(v);
	assert_int_equal(cap, 0);
	assert_int_equal(crm_grow(&v, &cap, 1, sizeof(*v)), 0);
	assert_int_equal(cap, 1024);
	for (i = 0; i < 1024; i++) {
		v[i].a = (long)i;
		v[i].b = -(long)i;
	}
	assert_int_equal(crm_grow(&v, &cap, 1024, sizeof(*v)), 0);
	assert_int_equal(cap, 1024);
	assert_int_equal(crm_grow(&v, &cap, 3000, sizeof(*v)), 0);
	assert_int_equal(cap, 4096);
	for (i = 0; i < 1024; i++)
		assert_true(v[i].a == (long)i && v[i].b == -(long)i);
	assert_int_equal(crm_grow(&v, &cap, SIZE_MAX / 8, sizeof(*v)), -1);
	assert_int_equal(cap, 4096);
	assert_true(v[1023].a == 1023);
	free(v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_many_aligned_distinct_stable),
		cmocka_unit_test(test_block_sized_and_larger),
		cmocka_unit_test(test_zero_size),
		cmocka_unit_test(test_strndup),
		cmocka_unit_test(test_free_resets),
		cmocka_unit_test(test_grow),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
