/*
 * test_u64set.c - the set of 64-bit keys: adds, repeats, the key that
 * marks an empty slot, growth past many doublings, keys that differ in
 * their high half only (as the (customer, day) pairs of history.c do).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "u64set.h"

static void
test_add(void **state)
{
	struct crm_u64set s;
	struct crm_error e;
	int added;

	(void)state;
	crm_u64set_init(&s);
	assert_false(crm_u64set_has(&s, 0));
	assert_int_equal(crm_u64set_add(&s, 0, &added, &e), 0);
	assert_true(added);
	assert_int_equal(crm_u64set_add(&s, 0, &added, &e), 0);
	assert_false(added);
	assert_int_equal(crm_u64set_add(&s, CRM_U64SET_EMPTY, &added, &e), 0);
	assert_true(added);
	assert_int_equal(crm_u64set_add(&s, CRM_U64SET_EMPTY, &added, &e), 0);
	assert_false(added);
	assert_int_equal(crm_u64set_add(&s, 42, NULL, &e), 0);
	assert_true(crm_u64set_has(&s, 0));
	assert_true(crm_u64set_has(&s, 42));
	assert_true(crm_u64set_has(&s, CRM_U64SET_EMPTY));
	assert_false(crm_u64set_has(&s, 43));
	assert_int_equal(crm_u64set_count(&s), 3);
	/* 1024 slots at first, 8 bytes each */
	assert_int_equal(crm_u64set_bytes(&s), 8192);
	crm_u64set_free(&s);
	assert_int_equal(crm_u64set_count(&s), 0);
}

/*
 * 200,000 keys (customer k << 32 | day): every one found, none twice,
 * none that was not added; the table at most half full, so 2^19 slots
 * (262,144 < 200,000 * 2 <= 524,288).
 */
static void
test_many(void **state)
{
	struct crm_u64set s;
	struct crm_error e;
	uint64_t k;
	int added;

	(void)state;
	crm_u64set_init(&s);
	for (k = 0; k < 200000; k++) {
		assert_int_equal(crm_u64set_add(&s, (k % 1000) << 32 |
		    (k / 1000), &added, &e), 0);
		assert_true(added);
	}
	for (k = 0; k < 200000; k++) {
		assert_true(crm_u64set_has(&s, (k % 1000) << 32 | (k / 1000)));
		assert_false(crm_u64set_has(&s, (k % 1000) << 32 |
		    (k / 1000 + 200)));
		assert_int_equal(crm_u64set_add(&s, (k % 1000) << 32 |
		    (k / 1000), &added, &e), 0);
		assert_false(added);
	}
	assert_int_equal(crm_u64set_count(&s), 200000);
	assert_int_equal(crm_u64set_bytes(&s), 524288 * 8);
	crm_u64set_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add),
		cmocka_unit_test(test_many),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
