/*
 * test_kept.c - the --keep values by customer: set from a packed block
 * or from separate values, replaced by a longer and a shorter set, room
 * for many customers, "" for a customer with none; the order of sets of
 * values (column by column, byte by byte), worked out by hand.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "kept.h"

static void
test_kept(void **state)
{
	struct crm_kept k;
	struct crm_error e;
	char *v[2] = { "north", "gold" };
	size_t len[2] = { 5, 3 };	/* "gol": only len bytes are kept */

	(void)state;
	crm_kept_init(&k, 2);
	assert_int_equal(crm_kept_room(&k, 3), 0);
	assert_int_equal(crm_kept_set(&k, 0, "a\0bc", 5, &e), 0);
	assert_int_equal(crm_kept_set_values(&k, 2, v, len, &e), 0);
	assert_string_equal(crm_kept_get(&k, 0, 0), "a");
	assert_string_equal(crm_kept_get(&k, 0, 1), "bc");
	assert_string_equal(crm_kept_get(&k, 1, 0), "");
	assert_string_equal(crm_kept_get(&k, 2, 0), "north");
	assert_string_equal(crm_kept_get(&k, 2, 1), "gol");
	assert_int_equal(crm_kept_set(&k, 0, "longer\0values", 14, &e), 0);
	assert_string_equal(crm_kept_get(&k, 0, 1), "values");
	assert_int_equal(crm_kept_set(&k, 0, "x\0y", 4, &e), 0);
	assert_string_equal(crm_kept_get(&k, 0, 0), "x");
	assert_string_equal(crm_kept_get(&k, 0, 1), "y");
	/* past the first 1024 entries: the new ones start empty */
	assert_int_equal(crm_kept_room(&k, 5000), 0);
	assert_true(k.cap >= 5000);
	assert_string_equal(crm_kept_get(&k, 4999, 1), "");
	assert_string_equal(crm_kept_get(&k, 2, 0), "north");
	crm_kept_free(&k);
}

/* sign of c: -1, 0, 1 */
static int
sign(int c)
{
	return (c > 0) - (c < 0);
}

/*
 * Customer 0 holds ("Alpha", "b").  By hand: ("Alpha GmbH", "") is after
 * it (a value sorts after the value it begins), ("Alpha", "a") before,
 * ("Alpha", "b") equal, ("Alpha", "bb") after, ("Alph", "zzz") before,
 * ("", "") before, ("Beta", "") after.  Customer 1 has no values yet:
 * anything sorts after that.
 */
static void
test_compare(void **state)
{
	static const struct {
		const char *a, *b;
		int want;
	} cases[] = {
		{ "Alpha GmbH", "", 1 }, { "Alpha", "a", -1 },
		{ "Alpha", "b", 0 }, { "Alpha", "bb", 1 },
		{ "Alph", "zzz", -1 }, { "", "", -1 }, { "Beta", "", 1 },
	};
	struct crm_kept k;
	struct crm_error e;
	char block[64], *v[2];
	size_t len[2], i, n;

	(void)state;
	crm_kept_init(&k, 2);
	assert_int_equal(crm_kept_room(&k, 2), 0);
	assert_int_equal(crm_kept_set(&k, 0, "Alpha\0b", 8, &e), 0);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		v[0] = (char *)cases[i].a;
		v[1] = (char *)cases[i].b;
		len[0] = strlen(v[0]);
		len[1] = strlen(v[1]);
		n = (size_t)snprintf(block, sizeof(block), "%s%c%s", v[0], 0,
		    v[1]) + 1;
		assert_int_equal(sign(crm_kept_cmp(&k, 0, block, n)),
		    cases[i].want);
		assert_int_equal(sign(crm_kept_cmp_values(&k, 0, v, len)),
		    cases[i].want);
		assert_int_equal(crm_kept_cmp(&k, 1, block, n), 1);
		assert_int_equal(crm_kept_cmp_values(&k, 1, v, len), 1);
	}
	crm_kept_free(&k);
}

/* With nothing to keep, no room is taken. */
static void
test_nothing(void **state)
{
	struct crm_kept k;

	(void)state;
	crm_kept_init(&k, 0);
	assert_int_equal(crm_kept_room(&k, 100), 0);
	assert_null(k.v);
	crm_kept_free(&k);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kept),
		cmocka_unit_test(test_compare),
		cmocka_unit_test(test_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
