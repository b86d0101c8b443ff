/*
 * test_man.c - the eight MAN classes against the table of the issue:
 * 1 M+A+N, 2 M+A+n, 3 M+a+N, 4 m+A+N, 5 m+a+N, 6 m+A+n, 7 M+a+n, 8 m+a+n.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "man.h"

static void
test_classes_and_codes(void **state)
{
	static const struct {
		int m, a, n, cls;
		const char *code;
	} t[] = {
		{ 1, 1, 1, 1, "M+A+N" }, { 1, 1, 0, 2, "M+A+n" },
		{ 1, 0, 1, 3, "M+a+N" }, { 0, 1, 1, 4, "m+A+N" },
		{ 0, 0, 1, 5, "m+a+N" }, { 0, 1, 0, 6, "m+A+n" },
		{ 1, 0, 0, 7, "M+a+n" }, { 0, 0, 0, 8, "m+a+n" },
	};
	char code[6];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		assert_int_equal(crm_man_class(t[i].m, t[i].a, t[i].n),
		    t[i].cls);
		crm_man_code(t[i].m, t[i].a, t[i].n, code);
		assert_string_equal(code, t[i].code);
	}
}

static void
test_actions(void **state)
{
	(void)state;
	assert_string_equal(crm_man_action(1),
	    "qualified: ideal target, pursue now");
	assert_string_equal(crm_man_action(4),
	    "contact: check finances and credit first");
	assert_string_equal(crm_man_action(6),
	    "nurture: keep in touch until a second condition is met");
	assert_string_equal(crm_man_action(8),
	    "not a prospect: stop spending time");
	assert_string_equal(crm_man_action(0), "");
	assert_string_equal(crm_man_action(9), "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classes_and_codes),
		cmocka_unit_test(test_actions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
