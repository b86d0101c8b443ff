/*
 * test_orderset.c - distinct (customer, order id) pairs: exact texts,
 * short ids in the slot and long ones in the arena, growth, iteration.
 * Every count is worked out by hand beside it, or by construction.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "orderset.h"

static int
add(struct crm_orderset *s, uint32_t cust, const char *order)
{
	struct crm_error e;
	int added = -1;

	assert_int_equal(crm_orderset_add(s, cust, order, strlen(order),
	    &added, &e), 0);
	return added;
}

static void
test_pairs(void **state)
{
	struct crm_orderset s;

	(void)state;
	crm_orderset_init(&s);
	assert_false(crm_orderset_has(&s, 0, "I1", 2));
	assert_int_equal(add(&s, 0, "I1"), 1);
	assert_int_equal(add(&s, 0, "I1"), 0);
	/* the same id is another order of another customer */
	assert_int_equal(add(&s, 1, "I1"), 1);
	assert_int_equal(add(&s, 0, "I2"), 1);
	/* an empty id is an id like any other; a prefix is not the id */
	assert_int_equal(add(&s, 0, ""), 1);
	assert_int_equal(add(&s, 0, ""), 0);
	assert_int_equal(add(&s, 0, "I"), 1);
	/* 11 bytes in the slot, 12 in the arena */
	assert_int_equal(add(&s, 0, "ABCDEFGHIJK"), 1);
	assert_int_equal(add(&s, 0, "ABCDEFGHIJKL"), 1);
	assert_int_equal(add(&s, 0, "ABCDEFGHIJKL"), 0);
	assert_int_equal(add(&s, 0, "ABCDEFGHIJK"), 0);
	/* long ids that differ in their last byte only, or in length */
	assert_int_equal(add(&s, 0, "INVOICE-000000000001"), 1);
	assert_int_equal(add(&s, 0, "INVOICE-000000000002"), 1);
	assert_int_equal(add(&s, 0, "INVOICE-0000000000011"), 1);
	assert_int_equal(add(&s, 0, "INVOICE-000000000001"), 0);
	assert_int_equal(add(&s, 7, "INVOICE-000000000001"), 1);
	/* I1 twice, I2, "", I, 11, 12 bytes, three long ids, one of 7 */
	assert_int_equal(crm_orderset_count(&s), 11);
	assert_true(crm_orderset_has(&s, 7, "INVOICE-000000000001", 20));
	assert_false(crm_orderset_has(&s, 7, "INVOICE-000000000002", 20));
	assert_false(crm_orderset_has(&s, 2, "I1", 2));
	crm_orderset_free(&s);
}

/*
 * 3,000 customers with 40 orders each, the ids of every third order
 * long: 120,000 pairs over many doublings, each added three times in a
 * scrambled order; then every pair is seen once by the iteration.
 */
static void
test_growth_and_iteration(void **state)
{
	enum { C = 3000, O = 40 };
	struct crm_orderset s;
	struct crm_error e;
	char id[64];
	unsigned char *seen = calloc(C * O, 1);
	size_t pos = 0, len, k, n = 0;
	uint32_t cust;
	const char *order;
	int added, pass, j;

	(void)state;
	assert_non_null(seen);
	crm_orderset_init(&s);
	for (pass = 0; pass < 3; pass++)
		for (k = 0; k < (size_t)C * O; k++) {
			/* 7919 is prime to C * O: every pair, scrambled */
			size_t m = (k * 7919 + (size_t)pass * 13) % (C * O);

			snprintf(id, sizeof(id), m % 3 ? "%zu" :
			    "LONG-ORDER-ID-%zu", m % O);
			assert_int_equal(crm_orderset_add(&s,
			    (uint32_t)(m / O), id, strlen(id), &added, &e), 0);
			n += (size_t)added;
		}
	assert_int_equal(n, C * O);
	assert_int_equal(crm_orderset_count(&s), C * O);
	while (crm_orderset_next(&s, &pos, &cust, &order, &len)) {
		assert_true(cust < C);
		j = len > 14 ? atoi(order + 14) : atoi(order);
		assert_true(j >= 0 && j < O);
		assert_int_equal(seen[cust * O + (size_t)j], 0);
		seen[cust * O + (size_t)j] = 1;
		n--;
	}
	assert_int_equal(n, 0);
	assert_true(crm_orderset_bytes(&s) >= 16 * 2 * (size_t)C * O);
	free(seen);
	crm_orderset_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pairs),
		cmocka_unit_test(test_growth_and_iteration),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
