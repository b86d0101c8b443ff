/*
 * test_keyset.c - keys numbered in first-seen order.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "keyset.h"

static long
add(struct crm_keyset *ks, const char *key, size_t len, int want_added)
{
	struct crm_error e;
	int added = -1;
	long i = crm_keyset_add(ks, key, len, &added, &e);

	assert_int_equal(added, want_added);
	return i;
}

static void
test_numbers_in_first_seen_order(void **state)
{
	struct crm_keyset ks;

	(void)state;
	crm_keyset_init(&ks);
	assert_int_equal(crm_keyset_find(&ks, "C1", 2), -1);
	assert_int_equal(add(&ks, "C2", 2, 1), 0);
	assert_int_equal(add(&ks, "C1", 2, 1), 1);
	assert_int_equal(add(&ks, "C2", 2, 0), 0);
	assert_int_equal(add(&ks, "", 0, 1), 2);
	assert_int_equal(add(&ks, "", 0, 0), 2);
	assert_int_equal(ks.n, 3);
	assert_string_equal(crm_keyset_text(&ks, 1), "C1");
	assert_int_equal(crm_keyset_find(&ks, "C1", 2), 1);
	assert_int_equal(crm_keyset_find(&ks, "C3", 2), -1);
	crm_keyset_free(&ks);
}

static void
test_length_matters(void **state)
{
	struct crm_keyset ks;

	(void)state;
	crm_keyset_init(&ks);
	assert_int_equal(add(&ks, "a", 1, 1), 0);
	assert_int_equal(add(&ks, "a\0b", 3, 1), 1);
	assert_int_equal(add(&ks, "ab", 2, 1), 2);
	assert_int_equal(add(&ks, "a\0b", 3, 0), 1);
	assert_int_equal(ks.key[1].len, 3);
	assert_memory_equal(crm_keyset_text(&ks, 1), "a\0b", 4);
	/* a key too long to keep inline, and one just short enough */
	assert_int_equal(add(&ks, "0123456789abcdefXYZ", 19, 1), 3);
	assert_int_equal(add(&ks, "0123456789abcde", 15, 1), 4);
	assert_string_equal(crm_keyset_text(&ks, 3), "0123456789abcdefXYZ");
	assert_string_equal(crm_keyset_text(&ks, 4), "0123456789abcde");
	assert_int_equal(crm_keyset_find(&ks, "0123456789abcdefXYZ", 19), 3);
	/*
	 * Keys of 10 bytes are compared in the slot, of 11 in their entry:
	 * keys that differ only in their last byte, on both sides.
	 */
	assert_int_equal(add(&ks, "012345678X", 10, 1), 5);
	assert_int_equal(add(&ks, "012345678Y", 10, 1), 6);
	assert_int_equal(add(&ks, "0123456789X", 11, 1), 7);
	assert_int_equal(add(&ks, "0123456789Y", 11, 1), 8);
	assert_int_equal(add(&ks, "012345678Y", 10, 0), 6);
	assert_int_equal(add(&ks, "0123456789Y", 11, 0), 8);
	assert_int_equal(crm_keyset_find(&ks, "012345678Z", 10), -1);
	assert_int_equal(crm_keyset_find(&ks, "0123456789Z", 11), -1);
	crm_keyset_free(&ks);
}

static void
test_many_keys(void **state)
{
	enum { NKEYS = 300000 };
	struct crm_keyset ks;
	char key[32];
	long i;

	(void)state;
	crm_keyset_init(&ks);
	for (i = 0; i < NKEYS; i++) {
		int n = snprintf(key, sizeof(key), "C%07ld", i * 7919 % NKEYS);

		assert_int_equal(add(&ks, key, (size_t)n, 1), i);
	}
	/* every key found again after the table grew, in reverse order */
	for (i = NKEYS - 1; i >= 0; i--) {
		int n = snprintf(key, sizeof(key), "C%07ld", i * 7919 % NKEYS);

		assert_int_equal(crm_keyset_find(&ks, key, (size_t)n), i);
	}
	/* and one never added is not: C0300000 is past the last, C0299999 */
	assert_int_equal(crm_keyset_find(&ks, "C0300000", 8), -1);
	crm_keyset_free(&ks);
}

/*
 * The hash is 64-bit FNV-1a: the published test vectors (the offset
 * basis for "", 0xaf63dc4c8601ec8c for "a").  A key added with its hash
 * (lookahead.h hashes once, for the prefetch and the lookup) is numbered
 * and found as crm_keyset_add does.
 */
static void
test_hashed(void **state)
{
	struct crm_keyset ks;
	struct crm_error e;
	int added;

	(void)state;
	assert_true(crm_keyset_hash("", 0) == 0xcbf29ce484222325ULL);
	assert_true(crm_keyset_hash("a", 1) == 0xaf63dc4c8601ec8cULL);
	crm_keyset_init(&ks);
	crm_keyset_prefetch_hashed(&ks, 1);	/* no table yet: nothing */
	assert_int_equal(crm_keyset_add_hashed(&ks, "C7", 2,
	    crm_keyset_hash("C7", 2), &added, &e), 0);
	assert_int_equal(added, 1);
	assert_int_equal(add(&ks, "C8", 2, 1), 1);
	crm_keyset_prefetch_hashed(&ks, crm_keyset_hash("C8", 2));
	assert_int_equal(crm_keyset_add_hashed(&ks, "C8", 2,
	    crm_keyset_hash("C8", 2), &added, &e), 1);
	assert_int_equal(added, 0);
	assert_int_equal(add(&ks, "C7", 2, 0), 0);
	assert_int_equal(crm_keyset_find(&ks, "C7", 2), 0);
	crm_keyset_free(&ks);
}

/* Tables small and large (huge pages, where asked): 64-byte aligned. */
static void
test_alloc_table(void **state)
{
	size_t size[] = { 64, 32768, (size_t)2 << 20, (size_t)4 << 20,
	    ((size_t)4 << 20) + 64 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(size) / sizeof(size[0]); i++) {
		unsigned char *p = crm_keyset_alloc_table(size[i]);

		assert_non_null(p);
		assert_int_equal((uintptr_t)p % 64, 0);
		memset(p, 0xA5, size[i]);
		assert_int_equal(p[size[i] - 1], 0xA5);
		free(p);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers_in_first_seen_order),
		cmocka_unit_test(test_length_matters),
		cmocka_unit_test(test_many_keys),
		cmocka_unit_test(test_hashed),
		cmocka_unit_test(test_alloc_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
