/*
 * test_group.c - per-key sums in first-seen order.
 *
 * Sums are exact whole numbers of units of a scale the caller keeps
 * (here hundredths: 1050 is 10.50), worked by hand beside each test.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "group.h"

static long
add(struct crm_groups *gs, const char *key, long long v)
{
	struct crm_error e;

	return crm_groups_add(gs, key, strlen(key), v, &e);
}

static void
expect_group(const struct crm_groups *gs, size_t i, const char *key,
    size_t keylen, long long sum, size_t rows)
{
	const struct crm_group *g = &gs->g[i];
	size_t len;
	const char *text = crm_groups_key(gs, i, &len);

	assert_true(i < gs->n);
	assert_int_equal(len, keylen);
	assert_memory_equal(text, key, keylen);
	assert_int_equal(text[keylen], '\0');
	assert_true(g->sum == sum && crm_groups_sum(gs, i) == sum);
	assert_int_equal(g->rows, rows);
}

static void
test_first_seen_order(void **state)
{
	struct crm_groups gs;

	(void)state;
	crm_groups_init(&gs);
	assert_int_equal(gs.n, 0);
	assert_int_equal(add(&gs, "C2", 1050), 0);
	assert_int_equal(add(&gs, "C1", 325), 1);
	assert_int_equal(add(&gs, "C2", 450), 0);
	assert_int_equal(add(&gs, "C3", -200), 2);
	assert_int_equal(gs.n, 3);
	/* C2: 10.50 + 4.50 = 15 over 2 rows; C1: 3.25, 1 row; C3: -2 */
	expect_group(&gs, 0, "C2", 2, 1500, 2);
	expect_group(&gs, 1, "C1", 2, 325, 1);
	expect_group(&gs, 2, "C3", 2, -200, 1);
	/* a value with a third decimal: every sum times 10 */
	crm_groups_rescale(&gs, 1);
	expect_group(&gs, 0, "C2", 2, 15000, 2);
	expect_group(&gs, 2, "C3", 2, -2000, 1);
	crm_groups_free(&gs);
	assert_null(gs.g);
	assert_null(gs.keys.slot);
	assert_int_equal(gs.n, 0);
}

/*
 * Widened, the sums hold 128 bits: 9 * 10^18 (below 2^63 - 1, about
 * 9.22 * 10^18) plus 9 * 10^18 is 1.8 * 10^19, past it; then a raise of
 * 2 places makes 1.8 * 10^21 (by hand).
 */
static void
test_widen(void **state)
{
	struct crm_groups gs;
	struct crm_error e;
	crm_i128 nine = (crm_i128)9000000000000000000LL;

	(void)state;
	crm_groups_init(&gs);
	assert_int_equal(add(&gs, "a", 9000000000000000000LL), 0);
	assert_int_equal(add(&gs, "b", -5), 1);
	assert_int_equal(crm_groups_widen(&gs, &e), 0);
	assert_int_equal(crm_groups_widen(&gs, &e), 0);	/* once is enough */
	assert_int_equal(add(&gs, "a", 9000000000000000000LL), 0);
	assert_true(crm_groups_sum(&gs, 0) == 2 * nine);
	crm_groups_rescale(&gs, 2);
	assert_true(crm_groups_sum(&gs, 0) == 200 * nine);
	assert_true(crm_groups_sum(&gs, 1) == -500);
	/* a new group after widening starts in the wide sums */
	assert_int_equal(add(&gs, "c", 7), 2);
	assert_true(crm_groups_sum(&gs, 2) == 7);
	assert_int_equal(gs.g[0].rows, 2);
	crm_groups_free(&gs);
}

/*
 * A caller that looks keys up itself (paretotable.c, through
 * lookahead.h): crm_groups_room makes key i's group, empty, and
 * crm_groups_fold adds to it, as crm_groups_add would.  C1 1050 + 450 =
 * 1500 over 2 rows, C2 -200 plus a part of 3 rows summing 700: 500 over
 * 4 rows; widened, a new group C3 starts at 0 in the wide sums (by hand).
 */
static void
test_room_and_fold(void **state)
{
	struct crm_groups gs;
	struct crm_error e;
	int added;

	(void)state;
	crm_groups_init(&gs);
	assert_int_equal(crm_keyset_add(&gs.keys, "C1", 2, &added, &e), 0);
	assert_non_null(crm_groups_room(&gs, 0, &e));
	assert_int_equal(gs.n, 1);
	assert_true(crm_groups_sum(&gs, 0) == 0 && gs.g[0].rows == 0);
	crm_groups_fold(&gs, 0, 1050, 1);
	assert_int_equal(crm_keyset_add(&gs.keys, "C2", 2, &added, &e), 1);
	assert_ptr_equal(crm_groups_room(&gs, 1, &e), gs.g);
	crm_groups_fold(&gs, 1, -200, 1);
	crm_groups_fold(&gs, 0, 450, 1);
	crm_groups_fold(&gs, 1, 700, 3);
	expect_group(&gs, 0, "C1", 2, 1500, 2);
	expect_group(&gs, 1, "C2", 2, 500, 4);
	assert_int_equal(crm_groups_widen(&gs, &e), 0);
	assert_int_equal(crm_keyset_add(&gs.keys, "C3", 2, &added, &e), 2);
	assert_non_null(crm_groups_room(&gs, 2, &e));
	assert_true(crm_groups_sum(&gs, 2) == 0);
	crm_groups_fold(&gs, 2, 5, 1);
	crm_groups_fold(&gs, 0, 1, 1);
	assert_true(crm_groups_sum(&gs, 2) == 5);
	assert_true(crm_groups_sum(&gs, 0) == 1501);
	assert_int_equal(gs.g[0].rows, 3);
	/* and crm_groups_add goes on from there */
	assert_int_equal(add(&gs, "C3", 10), 2);
	assert_true(crm_groups_sum(&gs, 2) == 15);
	assert_int_equal(gs.g[2].rows, 2);
	crm_groups_free(&gs);
}

static void
test_keys_differing_in_length(void **state)
{
	struct crm_groups gs;
	struct crm_error e;

	(void)state;
	crm_groups_init(&gs);
	/* "a" and "a\0b": the same C string, different keys */
	assert_int_equal(crm_groups_add(&gs, "a", 1, 1, &e), 0);
	assert_int_equal(crm_groups_add(&gs, "a\0b", 3, 2, &e), 1);
	assert_int_equal(crm_groups_add(&gs, "a\0b", 3, 4, &e), 1);
	assert_int_equal(crm_groups_add(&gs, "a", 1, 8, &e), 0);
	/* "ab" is a prefix of "abc", and "" a key of its own */
	assert_int_equal(add(&gs, "ab", 16), 2);
	assert_int_equal(add(&gs, "abc", 32), 3);
	assert_int_equal(add(&gs, "", 64), 4);
	assert_int_equal(add(&gs, "ab", 128), 2);
	assert_int_equal(add(&gs, "", 256), 4);
	assert_int_equal(gs.n, 5);
	expect_group(&gs, 0, "a", 1, 1 + 8, 2);
	expect_group(&gs, 1, "a\0b", 3, 2 + 4, 2);
	expect_group(&gs, 2, "ab", 2, 16 + 128, 2);
	expect_group(&gs, 3, "abc", 3, 32, 1);
	expect_group(&gs, 4, "", 0, 64 + 256, 2);
	crm_groups_free(&gs);
}

/*
 * key i is "k<i>"; group i gets i + 0.5 on a first pass, 2 * i later,
 * in units of one half
 */
#define NKEYS	200000

static void
test_many_keys_rehash(void **state)
{
	struct crm_groups gs;
	char key[32];
	size_t i;

	(void)state;
	crm_groups_init(&gs);
	for (i = 0; i < NKEYS; i++) {
		snprintf(key, sizeof(key), "k%zu", i);
		assert_int_equal(add(&gs, key, 2 * (long long)i + 1),
		    (long)i);
	}
	assert_int_equal(gs.n, NKEYS);
	/* found again after every rehash, in reverse order for a change */
	for (i = NKEYS; i-- > 0;) {
		snprintf(key, sizeof(key), "k%zu", i);
		assert_int_equal(add(&gs, key, 4 * (long long)i), (long)i);
	}
	assert_int_equal(gs.n, NKEYS);
	for (i = 0; i < NKEYS; i++) {
		const struct crm_group *g = &gs.g[i];
		size_t len;

		snprintf(key, sizeof(key), "k%zu", i);
		assert_string_equal(crm_groups_key(&gs, i, &len), key);
		/* in halves: (i + 0.5) + 2i = 3i + 0.5, 6i + 1 halves */
		assert_true(g->sum == 6 * (crm_i128)i + 1);
		assert_int_equal(g->rows, 2);
	}
	crm_groups_free(&gs);
}

static void
test_free_then_reuse(void **state)
{
	struct crm_groups gs;

	(void)state;
	crm_groups_init(&gs);
	assert_int_equal(add(&gs, "x", 1), 0);
	crm_groups_free(&gs);
	/* after free the struct is empty again and usable */
	assert_int_equal(add(&gs, "y", 2), 0);
	assert_int_equal(add(&gs, "x", 3), 1);
	expect_group(&gs, 0, "y", 1, 2, 1);
	expect_group(&gs, 1, "x", 1, 3, 1);
	crm_groups_free(&gs);
	/* freeing twice is harmless */
	crm_groups_free(&gs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_seen_order),
		cmocka_unit_test(test_widen),
		cmocka_unit_test(test_room_and_fold),
		cmocka_unit_test(test_keys_differing_in_length),
		cmocka_unit_test(test_many_keys_rehash),
		cmocka_unit_test(test_free_then_reuse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
