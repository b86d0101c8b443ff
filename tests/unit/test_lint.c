/*
 * test_lint.c - crm-segment --lint (lib/lint.c through crm_segment_lint):
 * a rule shadowed by one earlier rule and by the union of two, a rule
 * that only a value between two cut points reaches (3.5 between 3 and
 * 4), dates and days_ago, texts with and without ignore_case, empty
 * fields, require:, bad values, a column tested as a number and as a
 * date, the run's own spellings (--decimal-comma, --date-format), the
 * rfm preset, and a grid too large to try.
 *
 * Configs are loaded from strings named "user.yaml".  Each expected
 * report was worked out by hand from the rules, as the comment beside it
 * shows: which values a later rule holds for, and which earlier rule
 * takes each of them.  "Today" is 2024-03-01 (2024 is a leap year).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "config.h"
#include "error.h"
#include "lint.h"
#include "segment.h"
#include "value.h"

static struct crm_rules_env
today(void)
{
	struct crm_rules_env env = { 0, 0, NULL };

	env.as_of = crm_days_from_civil(2024, 3, 1);
	return env;
}

/*
 * Lints the user config text (NULL: none) with the preset (NULL: none)
 * under env (NULL: today()).  Returns what crm_lint_write wrote, to be
 * freed, with *ok set to crm_lint_ok; NULL on error, with *e filled.
 */
static char *
lint_env(const char *text, const char *preset,
    const struct crm_rules_env *env, int *ok, struct crm_error *e)
{
	struct crm_segment_opts o;
	struct crm_rules_env t = today();
	struct crm_segmenter *sg;
	struct crm_config c;
	struct crm_lint l;
	char *out = NULL;
	size_t size = 0;
	FILE *fp;

	memset(&o, 0, sizeof(o));
	memset(e, 0, sizeof(*e));
	o.preset = preset;
	if (text != NULL && crm_config_load_string(&c, "user.yaml", text,
	    strlen(text), e) < 0)
		fail_msg("user.yaml: %s", e->msg);
	sg = crm_segment_new(&o, text != NULL ? &c : NULL,
	    env != NULL ? env : &t, e);
	if (sg == NULL)
		fail_msg("user.yaml: %s", e->msg);
	if (crm_segment_lint(sg, &l, e) < 0) {
		crm_lint_free(&l);
		crm_segment_free(sg);
		return NULL;
	}
	assert_non_null(fp = open_memstream(&out, &size));
	crm_lint_write(&l, crm_segment_rules(sg), fp);
	fclose(fp);
	*ok = crm_lint_ok(&l);
	crm_lint_free(&l);
	crm_segment_free(sg);
	return out;
}

/* Asserts that text lints to the report want, and exit status 0 or 1. */
static void
check_env(const char *text, const struct crm_rules_env *env,
    const char *want)
{
	struct crm_error e;
	char *got;
	int ok;

	if ((got = lint_env(text, NULL, env, &ok, &e)) == NULL)
		fail_msg("--lint: %s", e.msg);
	assert_string_equal(got, want);
	assert_int_equal(ok, *want == '\0');
	free(got);
}

static void
check(const char *text, const char *want)
{
	check_env(text, NULL, want);
}

static void
test_shadowed(void **state)
{
	(void)state;
	/* every x above 20 is at least 10: A takes them all */
	check("default: none\n"
	    "rules:\n"
	    "  - {name: A, when: {x: {at_least: 10}}}\n"
	    "  - {name: B, when: {x: {above: 20}}}\n",
	    "B: never matches (shadowed by A)\n");
	/* the other way round both match: 10 to 20 is left for A */
	check("default: none\n"
	    "rules:\n"
	    "  - {name: B, when: {x: {above: 20}}}\n"
	    "  - {name: A, when: {x: {at_least: 10}}}\n", "");
	/* the same condition twice: the second is shadowed by the first */
	check("default: none\n"
	    "rules:\n"
	    "  - {name: one, when: {x: 5}}\n"
	    "  - {name: two, when: {x: {equals: 5}}}\n",
	    "two: never matches (shadowed by one)\n");
}

static void
test_union(void **state)
{
	(void)state;
	/*
	 * C holds for 3 to 7: below 5 goes to A, 5 and up to B; neither
	 * covers C alone, together they do.
	 */
	check("default: none\n"
	    "rules:\n"
	    "  - {name: A, when: {x: {below: 5}}}\n"
	    "  - {name: B, when: {x: {at_least: 5}}}\n"
	    "  - {name: C, when: {x: {between: [3, 7]}}}\n",
	    "C: never matches (shadowed by A, B)\n");
	/*
	 * Two columns: C needs x and y at least 1; A takes x at least 2,
	 * B takes y at least 2, and x = y = 1 is left for C.
	 */
	check("default: none\n"
	    "rules:\n"
	    "  - {name: A, when: {x: {at_least: 2}}}\n"
	    "  - {name: B, when: {y: {at_least: 2}}}\n"
	    "  - {name: C, when: {x: {at_least: 1}, y: {at_least: 1}}}\n",
	    "");
	/* with B taking y at least 1, C is covered: x >= 2 by A, else B */
	check("default: none\n"
	    "rules:\n"
	    "  - {name: A, when: {x: {at_least: 2}}}\n"
	    "  - {name: B, when: {y: {at_least: 1}}}\n"
	    "  - {name: C, when: {x: {at_least: 1}, y: {at_least: 1}}}\n",
	    "C: never matches (shadowed by A, B)\n");
}

static void
test_gap(void **state)
{
	(void)state;
	/*
	 * Scores are 1 to 5, but a field may hold 3.5: neither at most 3
	 * nor at least 4, so C gets it.  D, the same test as C, does not.
	 */
	check("default: none\n"
	    "rules:\n"
	    "  - {name: A, when: {x: {at_most: 3}}}\n"
	    "  - {name: B, when: {x: {at_least: 4}}}\n"
	    "  - {name: C, when: {x: {above: 3, below: 4}}}\n"
	    "  - {name: D, when: {x: {between: [3.2, 3.8]}}}\n",
	    "D: never matches (shadowed by C)\n");
	/* 3 is below 3.0001: A's */
	check("default: none\n"
	    "rules:\n"
	    "  - {name: A, when: {x: {below: 3.0001}}}\n"
	    "  - {name: B, when: {x: {above: 3}}}\n"
	    "  - {name: C, when: {x: 3}}\n",
	    "C: never matches (shadowed by A)\n");
	/* nothing is above 5 and below 4 */
	check("default: none\n"
	    "rules:\n"
	    "  - {name: A, when: {x: {above: 5, below: 4}}}\n",
	    "A: never matches (no record meets its condition)\n");
}

static void
test_dates(void **state)
{
	(void)state;
	/*
	 * C holds on 2024-02-29 (A's: before March) and 2024-03-01 (no
	 * one's), so it matches; D, 0 days ago on 2024-03-01, is that very
	 * day, which C takes; E, a day ago or more, is on or before
	 * 2024-02-29, all A's.
	 */
	check("default: none\n"
	    "rules:\n"
	    "  - {name: A, when: {d: {before: 2024-03-01}}}\n"
	    "  - {name: B, when: {d: {after: 2024-03-01}}}\n"
	    "  - {name: C, when: {d: {after: 2024-02-28, "
	    "before: 2024-03-02}}}\n"
	    "  - {name: D, when: {d: {days_ago: 0}}}\n"
	    "  - {name: E, when: {d: {days_ago: {at_least: 1}}}}\n",
	    "D: never matches (shadowed by C)\n"
	    "E: never matches (shadowed by A)\n");
	/* 2023 is no leap year: after 02-27 and before 03-01 is 02-28 */
	check("default: none\n"
	    "rules:\n"
	    "  - {name: A, when: {d: {before: 2023-02-28}}}\n"
	    "  - {name: B, when: {d: {after: 2023-02-28}}}\n"
	    "  - {name: C, when: {d: {after: 2023-02-27, "
	    "before: 2023-03-01}}}\n"
	    "  - {name: D, when: {d: {after: 2023-02-27, "
	    "before: 2023-02-28}}}\n",
	    "D: never matches (no record meets its condition)\n");
}

static void
test_texts(void **state)
{
	(void)state;
	/*
	 * A takes vip in any case, so B's VIP is A's; C (not vip in any
	 * case) holds on every other field, the empty one too, so D has
	 * nothing left.
	 */
	check("default: none\n"
	    "rules:\n"
	    "  - {name: A, when: {s: {is: vip, ignore_case: true}}}\n"
	    "  - {name: B, when: {s: {is: VIP}}}\n"
	    "  - {name: C, when: {s: {is_not: vip, ignore_case: true}}}\n"
	    "  - {name: D, when: {s: {empty: true}}}\n",
	    "B: never matches (shadowed by A)\n"
	    "D: never matches (shadowed by C)\n");
	/* exact first: VIP is A's, vip and Vip are B's */
	check("default: none\n"
	    "rules:\n"
	    "  - {name: A, when: {s: {is: VIP}}}\n"
	    "  - {name: B, when: {s: {is: vip, ignore_case: true}}}\n",
	    "");
	/*
	 * Of the four spellings of "ab", A takes three exactly; B still
	 * gets "aB".  C, in any case, has nothing left.
	 */
	check("default: none\n"
	    "rules:\n"
	    "  - {name: A, when: {s: {in: [ab, AB, Ab]}}}\n"
	    "  - {name: B, when: {s: {is: ab, ignore_case: true}}}\n"
	    "  - {name: C, when: {s: {is: AB, ignore_case: true}}}\n",
	    "C: never matches (shadowed by A, B)\n");
	/* a field that is neither empty nor a compared text */
	check("default: none\n"
	    "rules:\n"
	    "  - {name: A, when: {s: {empty: true}}}\n"
	    "  - {name: B, when: {s: {in: ['~', '~~']}}}\n"
	    "  - {name: C, when: {s: {empty: false}}}\n", "");
}

static void
test_require(void **state)
{
	(void)state;
	/*
	 * require: refuses x below 0, so A holds only on records that are
	 * bad input; B, 0 and up, matches.
	 */
	check("default: none\n"
	    "require:\n"
	    "  - {message: no negatives, when: {x: {at_least: 0}}}\n"
	    "rules:\n"
	    "  - {name: A, when: {x: {below: 0}}}\n"
	    "  - {name: B, when: {x: {at_least: 0}}}\n",
	    "A: never matches (its records are bad input)\n");
	/*
	 * require: refuses x above 10: B holds for 5 and up, 5 to 10 is
	 * A's, the rest is bad input and not named.
	 */
	check("default: none\n"
	    "require:\n"
	    "  - {message: at most 10, when: {x: {at_most: 10}}}\n"
	    "rules:\n"
	    "  - {name: A, when: {x: {between: [5, 10]}}}\n"
	    "  - {name: B, when: {x: {at_least: 5}}}\n",
	    "B: never matches (shadowed by A)\n");
}

static void
test_bad_values(void **state)
{
	(void)state;
	/* foo is no number: A's test rejects the record before B sees it */
	check("default: none\n"
	    "rules:\n"
	    "  - {name: A, when: {x: {above: 3}}}\n"
	    "  - {name: B, when: {x: {is: foo}}}\n",
	    "B: never matches (its records are bad input)\n");
	/* the other way round, B's text test comes first and settles it */
	check("default: none\n"
	    "rules:\n"
	    "  - {name: B, when: {x: {is: foo}}}\n"
	    "  - {name: A, when: {x: {above: 3}}}\n", "");
	/*
	 * With y = a, A matches before the number test is read (C's foo is
	 * A's); otherwise B rejects foo, which is not named.
	 */
	check("default: none\n"
	    "rules:\n"
	    "  - {name: A, when: {y: a}}\n"
	    "  - {name: B, when: {x: {above: 3}}}\n"
	    "  - {name: C, when: {x: {is: foo}}}\n",
	    "C: never matches (shadowed by A)\n");
}

static void
test_number_and_date(void **state)
{
	(void)state;
	/*
	 * 20240305 is a date (YYYYMMDD) after 2024-01-01, so not A's, and a
	 * number above 20240000: B's.  C, the same as B, is shadowed by B
	 * (a number above 20240000 that is no date, 20240000.5, is bad
	 * input for A's date test, and not named).
	 */
	check("default: none\n"
	    "rules:\n"
	    "  - {name: A, when: {x: {before: 2024-01-01}}}\n"
	    "  - {name: B, when: {x: {above: 20240000}}}\n"
	    "  - {name: C, when: {x: {above: 20240000}}}\n",
	    "C: never matches (shadowed by B)\n");
	/*
	 * B needs a number from 20231232 to 20231299 that is a date on or
	 * after 2024-01-01: none is a date at all.
	 */
	check("default: none\n"
	    "rules:\n"
	    "  - {name: A, when: {x: {before: 2024-01-01}}}\n"
	    "  - {name: B, when: {x: {between: [20231232, 20231299]}}}\n",
	    "B: never matches (its records are bad input)\n");
}

/*
 * Under --date-format the values that are both a number and a date are
 * not all tried: the check names the column.  Without it, none.
 */
static void
test_inexact(void **state)
{
	static const char text[] = "default: none\n"
	    "rules:\n"
	    "  - {name: A, when: {x: {before: 2024-01-01}, y: 1}}\n"
	    "  - {name: B, when: {x: {above: 20240000}}}\n";
	struct crm_segment_opts o;
	struct crm_rules_env env = today();
	struct crm_segmenter *sg;
	struct crm_config c;
	struct crm_error e;
	struct crm_lint l;
	int round;

	(void)state;
	memset(&o, 0, sizeof(o));
	for (round = 0; round < 2; round++) {
		env.date_format = round == 0 ? NULL : "%d%m%Y";
		if (crm_config_load_string(&c, "user.yaml", text,
		    strlen(text), &e) < 0)
			fail_msg("%s", e.msg);
		assert_non_null(sg = crm_segment_new(&o, &c, &env, &e));
		assert_int_equal(crm_segment_lint(sg, &l, &e), 0);
		assert_int_equal(l.ninexact, (size_t)round);
		if (round == 1)
			assert_string_equal(l.inexact[0], "x");
		crm_lint_free(&l);
		crm_segment_free(sg);
	}
}

static void
test_spellings(void **state)
{
	struct crm_rules_env env = today();
	const char *gap = "default: none\n"
	    "rules:\n"
	    "  - {name: A, when: {x: {at_most: 3}}}\n"
	    "  - {name: B, when: {x: {at_least: 4}}}\n"
	    "  - {name: C, when: {x: {above: 3, below: 4}}}\n";
	const char *days = "default: none\n"
	    "rules:\n"
	    "  - {name: A, when: {d: {before: 2024-03-01}}}\n"
	    "  - {name: B, when: {d: {after: 2024-03-01}}}\n"
	    "  - {name: C, when: {d: {days_ago: 0}}}\n";

	(void)state;
	/* 3,5 under --decimal-comma is C's, as 3.5 is without */
	env.decimal_comma = 1;
	check_env(gap, &env, "");
	/* 01.03.2024 under --date-format is C's, today */
	env.decimal_comma = 0;
	env.date_format = "%d.%m.%Y";
	check_env(days, &env, "");
	env.date_format = "%b %d, %Y %H:%M";
	check_env(days, &env, "");
	/*
	 * Today spelled "Mar 01 2024" in any case is A's, but "Mar 1 2024"
	 * is today too, and B's.
	 */
	env.date_format = "%b %d %Y";
	check_env("default: none\n"
	    "rules:\n"
	    "  - {name: A, when: {d: {is: mar 01 2024, ignore_case: true}}}\n"
	    "  - {name: B, when: {d: {days_ago: 0}}}\n", &env, "");
	/* a compared text that is a number: "3" is A's, "3.0" is B's */
	check("default: none\n"
	    "rules:\n"
	    "  - {name: A, when: {x: {is: '3'}}}\n"
	    "  - {name: B, when: {x: {equals: 3}}}\n", "");
}

/*
 * The rfm preset's grid, as crm-segment(1) states it: each score column
 * takes the empty field, a text, 0, 1, 1.5, 2, ..., 5 and 10 (the cut
 * points 1 to 5 of between, the numbers between them, one either side):
 * 13 values, 13^3 = 2,197 cells, all tried since some rules never match.
 */
static void
rfm_cells(void)
{
	struct crm_segment_opts o;
	struct crm_rules_env env = today();
	struct crm_segmenter *sg;
	struct crm_error e;
	struct crm_lint l;

	memset(&o, 0, sizeof(o));
	o.preset = "rfm";
	assert_non_null(sg = crm_segment_new(&o, NULL, &env, &e));
	assert_int_equal(crm_segment_lint(sg, &l, &e), 0);
	assert_int_equal(l.cells, 2197);
	crm_lint_free(&l);
	crm_segment_free(sg);
}

static void
test_rfm_preset(void **state)
{
	struct crm_error e;
	char *got;
	int ok;

	(void)state;
	/*
	 * From samples/segment-rfm.yaml by hand: New Customers (r 4-5, f 1,
	 * m 1) and Promising (r 3-4, f 1, m 1) lie inside Potential
	 * Loyalist (r 3-5, f 1-3, m 1-3), and Champions and Loyal Customers
	 * need f 4 and f 3; Can't Lose Them (r 1, f 4-5, m 4-5) lies inside
	 * At Risk (r 1-2, f 2-5, m 2-5), and every rule before At Risk
	 * needs r 2 or more.  The others match: Champions 5,5,5; Loyal
	 * 2,3,3; Potential Loyalist 3,1,1; Need Attention 2,2,2; About To
	 * Sleep 2,1,1; At Risk 1,2,2; Lost 1,1,1.
	 */
	got = lint_env(NULL, "rfm", NULL, &ok, &e);
	assert_non_null(got);
	assert_string_equal(got,
	    "New Customers: never matches (shadowed by Potential Loyalist)\n"
	    "Promising: never matches (shadowed by Potential Loyalist)\n"
	    "Can't Lose Them: never matches (shadowed by At Risk)\n");
	assert_false(ok);
	free(got);
	rfm_cells();
}

static void
test_too_many(void **state)
{
	char text[4096], *got;
	struct crm_error e;
	size_t o;
	int ok, c, i;

	(void)state;
	/*
	 * Six columns with 30 texts each: 32 values a column (the texts,
	 * the empty field, one other), 32^6 = 1,073,741,824 cells.
	 */
	o = (size_t)snprintf(text, sizeof(text), "default: none\nrules:\n"
	    "  - name: A\n    when:\n");
	for (c = 0; c < 6; c++) {
		o += (size_t)snprintf(text + o, sizeof(text) - o,
		    "      c%d: {in: [", c);
		for (i = 0; i < 30; i++)
			o += (size_t)snprintf(text + o, sizeof(text) - o,
			    "%st%d", i > 0 ? ", " : "", i);
		o += (size_t)snprintf(text + o, sizeof(text) - o, "]}\n");
	}
	assert_true(o < sizeof(text));
	got = lint_env(text, NULL, NULL, &ok, &e);
	assert_null(got);
	assert_int_equal(e.status, CRM_EXIT_USAGE);
	assert_string_equal(e.msg, "--lint: 1073741824 combinations of the "
	    "values of 6 columns are too many to try on the rules (at most "
	    "100000000 combinations times rules)");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shadowed),
		cmocka_unit_test(test_union),
		cmocka_unit_test(test_gap),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_texts),
		cmocka_unit_test(test_require),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_number_and_date),
		cmocka_unit_test(test_inexact),
		cmocka_unit_test(test_spellings),
		cmocka_unit_test(test_rfm_preset),
		cmocka_unit_test(test_too_many),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
