/*
 * test_threads.c - crm_threads_run calls the function once for each
 * argument, all of them done when it returns.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "threads.h"

struct slot {
	int index;
	long calls;
	long sum;	/* 1 + 2 + ... + 100000 = 5000050000 */
};

static void
work(void *arg)
{
	struct slot *s = arg;
	long i;

	s->calls++;
	for (i = 1; i <= 100000; i++)
		s->sum += i;
}

static void
test_each_argument_once(void **state)
{
	static const int counts[] = { 1, 2, 3, 8, 64 };
	struct slot s[64];
	size_t k;
	int i;

	(void)state;
	for (k = 0; k < sizeof(counts) / sizeof(counts[0]); k++) {
		memset(s, 0, sizeof(s));
		for (i = 0; i < 64; i++)
			s[i].index = i;
		crm_threads_run(counts[k], work, s, sizeof(s[0]));
		for (i = 0; i < 64; i++) {
			/* slots past n are not touched */
			assert_int_equal(s[i].calls, i < counts[k]);
			assert_int_equal(s[i].sum, i < counts[k] ?
			    5000050000L : 0);
			assert_int_equal(s[i].index, i);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_argument_once),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
