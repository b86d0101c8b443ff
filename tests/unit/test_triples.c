/*
 * test_triples.c - distinct histories with their counts, and their
 * distinct values and pairs.  Expected values by hand from the adds.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <math.h>
#include <cmocka.h>

#include "triples.h"

static void
add(struct crm_triples *t, double x, double t_x, double T)
{
	struct crm_error e;

	assert_int_equal(crm_triples_add(t, x, t_x, T, 1, &e), 0);
}

static void
test_counts(void **state)
{
	struct crm_triples t;

	(void)state;
	crm_triples_init(&t);
	add(&t, 0, 0, 10);
	add(&t, 2, 5, 10);
	add(&t, 0, -0.0, 10);		/* -0 is 0 */
	add(&t, 2, 5, 10);
	add(&t, 2, 5, 12);
	assert_int_equal(t.n, 3);
	assert_true(t.customers == 5);
	assert_true(t.x[0] == 0 && t.T[0] == 10 && t.count[0] == 2);
	assert_true(t.x[1] == 2 && t.t_x[1] == 5 && t.count[1] == 2);
	assert_true(t.T[2] == 12 && t.count[2] == 1);
	crm_triples_free(&t);
}

/* Every history finds its values and pairs back through the indexes. */
static void
test_index(void **state)
{
	struct crm_triples t;
	struct crm_error e;
	size_t i;

	(void)state;
	crm_triples_init(&t);
	add(&t, 0, 0, 10);
	add(&t, 2, 5, 10);
	add(&t, 2, 5, 12);
	add(&t, 3, 5, 12);
	add(&t, 2, 7, 12);
	assert_int_equal(crm_triples_index(&t, &e), 0);
	assert_int_equal(t.nx, 3);	/* 0 2 3 */
	assert_int_equal(t.ntx, 3);	/* 0 5 7 */
	assert_int_equal(t.nT, 2);	/* 10 12 */
	assert_int_equal(t.nxtx, 4);	/* (0,0) (2,5) (3,5) (2,7) */
	assert_int_equal(t.nxT, 4);	/* (0,10) (2,10) (2,12) (3,12) */
	for (i = 0; i < t.n; i++) {
		assert_true(t.vx[t.ix[i]] == t.x[i]);
		assert_true(t.vtx[t.itx[i]] == t.t_x[i]);
		assert_true(t.vT[t.iT[i]] == t.T[i]);
		assert_true(t.vx[t.pxtx_x[t.ixtx[i]]] == t.x[i]);
		assert_true(t.vtx[t.pxtx_t[t.ixtx[i]]] == t.t_x[i]);
		assert_true(t.vx[t.pxT_x[t.ixT[i]]] == t.x[i]);
		assert_true(t.vT[t.pxT_T[t.ixT[i]]] == t.T[i]);
	}
	crm_triples_free(&t);
}

/*
 * Sorted by x, t_x, T, with their counts; a repeat after the sort is
 * still counted with its history, and the index is built afresh.
 */
static void
test_sort(void **state)
{
	static const double want[][4] = {
		{ 0, 0, 10, 2 }, { 2, 5, 10, 1 }, { 2, 5, 12, 1 },
		{ 2, 7, 12, 1 }, { 3, 5, 12, 1 }
	};
	struct crm_triples t;
	struct crm_error e;
	size_t i;

	(void)state;
	crm_triples_init(&t);
	add(&t, 3, 5, 12);
	add(&t, 2, 7, 12);
	add(&t, 0, 0, 10);
	add(&t, 2, 5, 12);
	add(&t, 2, 5, 10);
	add(&t, 0, 0, 10);
	assert_int_equal(crm_triples_index(&t, &e), 0);
	assert_int_equal(crm_triples_sort(&t, &e), 0);
	assert_null(t.ix);
	assert_int_equal(t.n, 5);
	assert_true(t.customers == 6);
	for (i = 0; i < 5; i++)
		assert_true(t.x[i] == want[i][0] && t.t_x[i] == want[i][1] &&
		    t.T[i] == want[i][2] && t.count[i] == want[i][3]);
	add(&t, 2, 7, 12);
	assert_int_equal(t.n, 5);
	assert_true(t.count[3] == 2 && t.customers == 7);
	assert_int_equal(crm_triples_index(&t, &e), 0);
	assert_int_equal(t.nx, 3);
	crm_triples_free(&t);
}

static void
test_not_a_history(void **state)
{
	struct crm_triples t;
	struct crm_error e;

	(void)state;
	crm_triples_init(&t);
	assert_int_equal(crm_triples_add(&t, 1, 3, 2, 1, &e), -1);
	assert_string_equal(e.msg,
	    "(x 1, t_x 3, T 2) is not a purchase history");
	assert_int_equal(crm_triples_add(&t, 0, 1, 2, 1, &e), -1);
	assert_int_equal(crm_triples_add(&t, 0.5, 0, 2, 1, &e), -1);
	assert_int_equal(crm_triples_add(&t, 1, 0, NAN, 1, &e), -1);
	assert_int_equal(crm_triples_add(&t, 1, 0, 2, 0, &e), -1);
	assert_string_equal(e.msg, "a history's count must be above 0");
	assert_int_equal(t.n, 0);
	assert_int_equal(crm_triples_index(&t, &e), 0);
	crm_triples_free(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_index),
		cmocka_unit_test(test_sort),
		cmocka_unit_test(test_not_a_history),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
