/*
 * test_lookahead.c - rows pushed through the ring: each new key announced
 * once, before any row of it is folded; each row folded exactly once and
 * in the order pushed, with its key's number, whether its lookup added the
 * key, its extra strings and its data; the delay between pushing and
 * folding; errors from the callbacks.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "lookahead.h"

#define ROWS	100

struct payload {
	int seq;
	double x;
};

/* What the callbacks saw, with room for one more row than ROWS. */
struct log {
	long added_key[ROWS + 1];
	int folded[ROWS + 1];
	int nadded, nfolded;
	long key[ROWS + 1];
	int added[ROWS + 1];
	char extra[ROWS + 1][32];
	double x[ROWS + 1];
	long fail_added_at;		/* a key number; -1: never */
	int fail_fold_at;		/* a row; -1: never */
	char entries[ROWS + 1];		/* what added hands back */
};

static void *
added(void *ctx, long key, struct crm_error *e)
{
	struct log *l = ctx;

	if (key == l->fail_added_at) {
		crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0, "added %ld", key);
		return NULL;
	}
	l->added_key[l->nadded++] = key;
	return l->entries;
}

static int
fold(void *ctx, const struct crm_lookahead_row *row, struct crm_error *e)
{
	struct log *l = ctx;
	struct payload p;
	const char *extra;
	size_t size, i;

	memcpy(&p, row->data, sizeof(p));
	if (p.seq == l->fail_fold_at)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0, "fold %d",
		    p.seq);
	/* the key was announced before its first row is folded */
	assert_true(row->key < l->nadded);
	l->folded[l->nfolded] = p.seq;
	l->key[l->nfolded] = row->key;
	l->added[l->nfolded] = row->added;
	l->x[l->nfolded] = p.x;
	extra = crm_lookahead_extra(row, &size);
	/* "a\0b\0" -> "a|b|" */
	assert_true(size < sizeof(l->extra[0]));
	memcpy(l->extra[l->nfolded], extra, size);
	for (i = 0; i < size; i++)
		if (l->extra[l->nfolded][i] == '\0')
			l->extra[l->nfolded][i] = '|';
	l->extra[l->nfolded][size] = '\0';
	l->nfolded++;
	return 0;
}

/* Row i: key "k<i % 3>", extras "e<i>" and "<i * 2>", data {i, i / 4}. */
static int
push(struct crm_lookahead *la, int i, struct crm_error *e)
{
	char key[8], e1[16], e2[16];
	char *extra[2] = { e1, e2 };
	size_t len[2];
	struct payload p = { i, i / 4.0 };

	snprintf(key, sizeof(key), "k%d", i % 3);
	len[0] = (size_t)snprintf(e1, sizeof(e1), "e%d", i);
	len[1] = (size_t)snprintf(e2, sizeof(e2), "%d", i * 2);
	memcpy(crm_lookahead_data(la), &p, sizeof(p));
	return crm_lookahead_push(la, key, strlen(key), extra, len, 2, e);
}

static void
start(struct crm_lookahead *la, struct crm_keyset *keys, struct log *l)
{
	memset(l, 0, sizeof(*l));
	l->fail_added_at = l->fail_fold_at = -1;
	crm_lookahead_init(la, keys, 1, added, fold, l);
}

static void
test_order_and_delay(void **state)
{
	struct crm_lookahead la;
	struct crm_keyset keys;
	struct crm_error e;
	struct log l;
	char want[32];
	int i;

	(void)state;
	crm_keyset_init(&keys);
	start(&la, &keys, &l);
	for (i = 0; i < ROWS; i++) {
		assert_int_equal(push(&la, i, &e), 0);
		/* pushed i + 1 rows: looked up STEP, folded 2 STEP behind */
		assert_int_equal(keys.n, i + 1 > CRM_LOOKAHEAD_STEP ?
		    (i + 1 - CRM_LOOKAHEAD_STEP < 3 ?
		    i + 1 - CRM_LOOKAHEAD_STEP : 3) : 0);
		assert_int_equal(l.nfolded, i + 1 > 2 * CRM_LOOKAHEAD_STEP ?
		    i + 1 - 2 * CRM_LOOKAHEAD_STEP : 0);
	}
	assert_int_equal(crm_lookahead_drain(&la, &e), 0);
	assert_int_equal(l.nfolded, ROWS);
	assert_int_equal(keys.n, 3);
	/* each key announced once, in order */
	assert_int_equal(l.nadded, 3);
	assert_int_equal(l.added_key[0], 0);
	assert_int_equal(l.added_key[2], 2);
	for (i = 0; i < ROWS; i++) {
		assert_int_equal(l.folded[i], i);
		/* keys k0, k1, k2 are numbered in the order first seen */
		assert_int_equal(l.key[i], i % 3);
		assert_int_equal(l.added[i], i < 3);
		assert_true(l.x[i] == i / 4.0);
		snprintf(want, sizeof(want), "e%d|%d|", i, i * 2);
		assert_string_equal(l.extra[i], want);
	}
	/* after a drain the ring starts again */
	assert_int_equal(push(&la, 3, &e), 0);
	assert_int_equal(crm_lookahead_drain(&la, &e), 0);
	assert_int_equal(l.nfolded, ROWS + 1);
	assert_int_equal(l.added[ROWS], 0);
	crm_lookahead_free(&la);
	crm_keyset_free(&keys);
}

/* What looked() saw and noted: rows in order, keys found, data kept. */
static int looked_seq[ROWS + 1], nlooked;

static void
looked(void *ctx, struct crm_lookahead_row *row)
{
	struct log *l = ctx;
	struct payload p;

	memcpy(&p, row->data, sizeof(p));
	/* the key is known (announced), the row not folded yet */
	assert_true(row->key >= 0 && row->key < l->nadded);
	assert_true(l->nfolded <= p.seq);
	looked_seq[nlooked++] = p.seq;
	p.x = -p.seq;	/* the fold sees what looked() wrote */
	memcpy(row->data, &p, sizeof(p));
}

static void
test_looked(void **state)
{
	struct crm_lookahead la;
	struct crm_keyset keys;
	struct crm_error e;
	struct log l;
	int i;

	(void)state;
	crm_keyset_init(&keys);
	start(&la, &keys, &l);
	crm_lookahead_on_lookup(&la, looked);
	nlooked = 0;
	for (i = 0; i < ROWS; i++) {
		assert_int_equal(push(&la, i, &e), 0);
		assert_int_equal(nlooked, i + 1 > CRM_LOOKAHEAD_STEP ?
		    i + 1 - CRM_LOOKAHEAD_STEP : 0);
	}
	assert_int_equal(crm_lookahead_drain(&la, &e), 0);
	assert_int_equal(nlooked, ROWS);
	for (i = 0; i < ROWS; i++) {
		assert_int_equal(looked_seq[i], i);
		assert_true(l.x[i] == -i);
	}
	crm_lookahead_free(&la);
	crm_keyset_free(&keys);
}

/* Fewer rows than the ring holds: all of them wait for the drain. */
static void
test_short_input(void **state)
{
	struct crm_lookahead la;
	struct crm_keyset keys;
	struct crm_error e;
	struct log l;
	int i;

	(void)state;
	crm_keyset_init(&keys);
	start(&la, &keys, &l);
	assert_int_equal(crm_lookahead_drain(&la, &e), 0);
	assert_int_equal(l.nfolded, 0);
	for (i = 0; i < 3; i++)
		assert_int_equal(push(&la, i, &e), 0);
	assert_int_equal(l.nfolded, 0);
	assert_int_equal(crm_lookahead_drain(&la, &e), 0);
	assert_int_equal(l.nfolded, 3);
	assert_int_equal(l.folded[2], 2);
	crm_lookahead_free(&la);
	crm_keyset_free(&keys);
}

/* What a callback says stops the push or the drain that called it. */
static void
test_callback_errors(void **state)
{
	struct crm_lookahead la;
	struct crm_keyset keys;
	struct crm_error e;
	struct log l;
	int i;

	(void)state;
	crm_keyset_init(&keys);
	start(&la, &keys, &l);
	l.fail_added_at = 2;
	/* key 2 is added by row 2, looked up when row 2 + STEP is pushed */
	for (i = 0; i < 2 + CRM_LOOKAHEAD_STEP; i++)
		assert_int_equal(push(&la, i, &e), 0);
	assert_int_equal(push(&la, i, &e), -1);
	assert_string_equal(e.msg, "added 2");
	crm_lookahead_free(&la);
	crm_keyset_free(&keys);

	crm_keyset_init(&keys);
	start(&la, &keys, &l);
	l.fail_fold_at = 1;
	for (i = 0; i < 2; i++)
		assert_int_equal(push(&la, i, &e), 0);
	assert_int_equal(crm_lookahead_drain(&la, &e), -1);
	assert_string_equal(e.msg, "fold 1");
	crm_lookahead_free(&la);
	crm_keyset_free(&keys);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order_and_delay),
		cmocka_unit_test(test_looked),
		cmocka_unit_test(test_short_input),
		cmocka_unit_test(test_callback_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
