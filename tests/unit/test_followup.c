/*
 * test_followup.c - loading follow-up rules and evaluating customers.
 * Dates and weekdays worked by hand (checked with GNU date).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "followup.h"
#include "value.h"

static int32_t
day(const char *s)
{
	int32_t d;

	assert_int_equal(crm_date_parse(s, NULL, &d), CRM_VALUE_OK);
	return d;
}

static int
load(struct crm_fu_rules *r, struct crm_config *c, const char *text,
    struct crm_error *e)
{
	if (crm_config_load_string(c, "f.yaml", text, strlen(text), e) < 0)
		return -1;
	return crm_fu_load(r, c, e);
}

static void
test_load_errors(void **state)
{
	static const struct {
		const char *text;
		long line, column;
		const char *msg;
	} t[] = {
		{ "capacty: 3\n", 1, 1, "unknown key 'capacty'" },
		{ "capacity: 0\n", 1, 11,
		    "expected 1 or more follow-ups per owner and day" },
		{ "window: soon\n", 1, 9, "expected an interval such as "
		    "\"14 days\", \"2 weeks\" or \"3 months\", got \"soon\"" },
		{ "backoff:\n  unanswered: 2\n", 2, 3,
		    "backoff needs both 'unanswered' and 'wait'" },
		{ "triggers:\n  - column: x\n    before: 1 day\n    after: 2 "
		    "days\n", 2, 5, "give before or after, not both" },
		{ "milestones:\n  - column: x\n", 2, 5,
		    "missing key 'after'" },
		{ "workdays:\n  weekend: [sunday, funday]\n", 2, 21,
		    "expected a day of the week, got \"funday\"" },
		{ "call_hours:\n  from: \"9am\"\n", 2, 9,
		    "expected a time HH:MM, got \"9am\"" },
		{ "priority:\n  per_value: 1\n", 2, 3,
		    "per_value needs a value column" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct crm_fu_rules r;
		struct crm_config c;
		struct crm_error e;

		memset(&e, 0, sizeof(e));
		assert_int_equal(load(&r, &c, t[i].text, &e), -1);
		if (e.line != t[i].line || e.column != t[i].column ||
		    strcmp(e.msg, t[i].msg) != 0)
			fail_msg("case %zu: %ld:%ld: %s", i, e.line, e.column,
			    e.msg);
		assert_int_equal(e.status, CRM_EXIT_USAGE);
		crm_fu_free(&r);
		crm_config_free(&c);
	}
}

static void
test_evaluate(void **state)
{
	/*
	 * Cadence 1 month for "vip", default 2 weeks; as of Friday
	 * 2024-03-01.  vip last contacted 2024-01-31: due 02-29 (clamped),
	 * 1 day overdue, priority 10 (weight) + 1.  A normal customer
	 * contacted 02-16: due 03-01, today.  A blocked one: suppressed.
	 */
	static const char text[] = "cadence:\n  default: 2 weeks\n"
	    "  every: {vip: 1 month}\n  weights: {vip: 10}\n";
	char *hf[] = { "customer_id", "owner", "segment", "last_contact",
	    "do_not_call" };
	size_t hl[] = { 11, 5, 7, 12, 11 };
	struct crm_record header = { 5, hf, hl, 1, NULL, 0 };
	char *v1[] = { "C1", "ann", "vip", "2024-01-31", "" };
	char *v2[] = { "C2", "ann", "normal", "2024-02-16", "no" };
	char *v3[] = { "C3", "ann", "normal", "2024-02-16", "yes" };
	size_t l1[] = { 2, 3, 3, 10, 0 }, l2[] = { 2, 3, 6, 10, 2 },
	    l3[] = { 2, 3, 6, 10, 3 };
	struct crm_record r1 = { 5, v1, l1, 2, NULL, 0 },
	    r2 = { 5, v2, l2, 3, NULL, 0 }, r3 = { 5, v3, l3, 4, NULL, 0 };
	struct crm_fu_env env = { 0, 0, 0, NULL };
	struct crm_fu_rules rules;
	struct crm_config c;
	struct crm_error e;
	struct crm_fu_due due;
	size_t suppressed = 0;

	(void)state;
	env.as_of = day("2024-03-01");
	assert_int_equal(load(&rules, &c, text, &e), 0);
	assert_int_equal(crm_fu_bind(&rules, &(struct crm_header){ &header,
	    "t.csv" }, &e), 0);
	assert_int_equal(crm_fu_evaluate(&rules, &r1, NULL, &env, &due,
	    &suppressed, &e), 1);
	assert_int_equal(due.due, day("2024-02-29"));
	assert_true(due.priority == 11);
	assert_string_equal(due.reason,
	    "every 1 month for vip, last contact 2024-01-31");
	assert_int_equal(crm_fu_evaluate(&rules, &r2, NULL, &env, &due,
	    &suppressed, &e), 1);
	assert_int_equal(due.due, day("2024-03-01"));
	assert_int_equal(crm_fu_evaluate(&rules, &r3, NULL, &env, &due,
	    &suppressed, &e), 0);
	assert_int_equal(suppressed, 1);
	/* a bad flag is a bad field, not a silent "no" */
	v3[4] = "perhaps";
	l3[4] = 7;
	assert_int_equal(crm_fu_evaluate(&rules, &r3, NULL, &env, &due,
	    &suppressed, &e), -1);
	assert_string_equal(e.msg,
	    "column 'do_not_call': invalid yes/no value \"perhaps\"");
	crm_fu_free(&rules);
	crm_config_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_errors),
		cmocka_unit_test(test_evaluate),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
