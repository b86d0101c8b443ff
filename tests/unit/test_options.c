/*
 * test_options.c - the common options and a program's own.
 *
 * Every test calls crm_options_parse several times in one process, the
 * way the tests of a program would: getopt's hidden state must not leak
 * from one call into the next.  Day counts are days since 1970-01-01,
 * checked with `date -u -d DATE +%s` divided by 86400.
 */
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "options.h"

#define ARGC(a)	((int)(sizeof(a) / sizeof((a)[0])) - 1)

enum { OPT_VALUE = CRM_OPT_PROGRAM, OPT_FLAG };

struct seen {
	int n;
	int opt[8];
	char arg[8][64];
	int fail_on;		/* an option code that makes the callback fail */
};

static int
own_fn(int opt, const char *arg, void *ctx, struct crm_error *e)
{
	struct seen *s = ctx;

	if (opt == s->fail_on)
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "bad value \"%s\"", arg ? arg : "");
	if (s->n < 8) {
		s->opt[s->n] = opt;
		snprintf(s->arg[s->n], sizeof(s->arg[0]), "%s",
		    arg ? arg : "(null)");
		s->n++;
	}
	return 0;
}

static const struct option own_long[] = {
	{ "value", required_argument, NULL, OPT_VALUE },
	{ "flag", no_argument, NULL, OPT_FLAG },
	{ "by", required_argument, NULL, 'b' },
	{ NULL, 0, NULL, 0 }
};

struct parsed {
	struct crm_common c;
	struct crm_error e;
	struct seen s;
	int rv;
};

static int
parse(struct parsed *p, int argc, char **argv)
{
	memset(p, 0, sizeof(*p));
	p->rv = crm_options_parse(argc, argv, "b:", own_long, own_fn, &p->s,
	    &p->c, &p->e);
	return p->rv;
}

/* Today's local date as days since 1970-01-01, without value.c. */
static int32_t
local_today(void)
{
	time_t now = time(NULL);
	struct tm tm, utc;

	localtime_r(&now, &tm);
	memset(&utc, 0, sizeof(utc));
	utc.tm_year = tm.tm_year;
	utc.tm_mon = tm.tm_mon;
	utc.tm_mday = tm.tm_mday;
	return (int32_t)(timegm(&utc) / 86400);
}

static void
test_defaults(void **state)
{
	char *argv[] = { "crm-x", NULL };
	struct parsed p;
	int32_t before, after;

	(void)state;
	before = local_today();
	assert_int_equal(parse(&p, ARGC(argv), argv), CRM_OPTIONS_RUN);
	after = local_today();
	assert_int_equal(p.c.delim, ',');
	assert_int_equal(p.c.csv.delim, ',');
	/* around midnight the day may turn between the calls */
	assert_true(p.c.as_of == before || p.c.as_of == after);
	assert_int_equal(p.c.as_of_given, 0);
	assert_null(p.c.output);
	assert_null(p.c.config);
	assert_null(p.c.date_format);
	assert_null(p.c.rejects);
	assert_null(p.c.encoding);
	assert_null(p.c.csv.encoding);
	assert_int_equal(p.c.decimal_comma, 0);
	assert_int_equal(p.c.skip_bad, 0);
	assert_int_equal(p.c.quiet, 0);
	assert_int_equal(p.c.bom, 0);
	assert_int_equal(optind, 1);
	assert_int_equal(p.s.n, 0);
}

static void
test_output_config_delimiter(void **state)
{
	char *a1[] = { "crm-x", "-o", "out.csv", "-c", "rules.yaml",
	    "-d", ";", NULL };
	char *a2[] = { "crm-x", "--output=o2.csv", "--config", "c.yaml",
	    "--delimiter", "|", NULL };
	char *a3[] = { "crm-x", "-d", "tab", NULL };
	char *a4[] = { "crm-x", "-d", "\\t", NULL };
	char *a5[] = { "crm-x", "-d", "\t", NULL };
	char *a6[] = { "crm-x", "--tsv", NULL };
	char *a7[] = { "crm-x", "-oout.csv", "-d;", NULL };
	struct parsed p;

	(void)state;
	assert_int_equal(parse(&p, ARGC(a1), a1), 0);
	assert_string_equal(p.c.output, "out.csv");
	assert_string_equal(p.c.config, "rules.yaml");
	assert_int_equal(p.c.delim, ';');
	assert_int_equal(p.c.csv.delim, ';');
	assert_int_equal(optind, 7);

	assert_int_equal(parse(&p, ARGC(a2), a2), 0);
	assert_string_equal(p.c.output, "o2.csv");
	assert_string_equal(p.c.config, "c.yaml");
	assert_int_equal(p.c.delim, '|');

	assert_int_equal(parse(&p, ARGC(a3), a3), 0);
	assert_int_equal(p.c.delim, '\t');
	assert_int_equal(p.c.csv.delim, '\t');
	assert_int_equal(parse(&p, ARGC(a4), a4), 0);
	assert_int_equal(p.c.delim, '\t');
	assert_int_equal(parse(&p, ARGC(a5), a5), 0);
	assert_int_equal(p.c.delim, '\t');
	assert_int_equal(parse(&p, ARGC(a6), a6), 0);
	assert_int_equal(p.c.delim, '\t');
	assert_int_equal(p.c.csv.delim, '\t');

	/* arguments attached to short options */
	assert_int_equal(parse(&p, ARGC(a7), a7), 0);
	assert_string_equal(p.c.output, "out.csv");
	assert_int_equal(p.c.delim, ';');
}

static void
test_bad_delimiter(void **state)
{
	char *a1[] = { "crm-x", "-d", "ab", NULL };
	char *a2[] = { "crm-x", "-d", "", NULL };
	char *a3[] = { "crm-x", "-d", "\"", NULL };
	char *a4[] = { "crm-x", "-d", "\n", NULL };
	struct parsed p;

	(void)state;
	assert_int_equal(parse(&p, ARGC(a1), a1), -1);
	assert_int_equal(p.e.status, 2);
	assert_string_equal(p.e.msg,
	    "invalid delimiter 'ab': expected one character, or tab");
	assert_int_equal(parse(&p, ARGC(a2), a2), -1);
	assert_int_equal(p.e.status, 2);
	assert_int_equal(parse(&p, ARGC(a3), a3), -1);
	assert_int_equal(p.e.status, 2);
	assert_int_equal(parse(&p, ARGC(a4), a4), -1);
	assert_int_equal(p.e.status, 2);
}

/*
 * An empty file name is bad usage (status 2), named by its option:
 * before, -o '' went on to "write error: No such file or directory".
 */
static void
test_empty_file_names(void **state)
{
	char *a1[] = { "crm-x", "-o", "", NULL };
	char *a2[] = { "crm-x", "--output=", NULL };
	char *a3[] = { "crm-x", "-c", "", NULL };
	char *a4[] = { "crm-x", "--rejects", "", NULL };
	char *a5[] = { "crm-x", "-o", " ", "-c", "-", NULL };
	struct parsed p;

	(void)state;
	assert_int_equal(parse(&p, ARGC(a1), a1), -1);
	assert_int_equal(p.e.status, 2);
	assert_string_equal(p.e.msg, "invalid -o \"\": expected a file name");
	assert_int_equal(parse(&p, ARGC(a2), a2), -1);
	assert_string_equal(p.e.msg, "invalid -o \"\": expected a file name");
	assert_int_equal(parse(&p, ARGC(a3), a3), -1);
	assert_int_equal(p.e.status, 2);
	assert_string_equal(p.e.msg, "invalid -c \"\": expected a file name");
	assert_int_equal(parse(&p, ARGC(a4), a4), -1);
	assert_string_equal(p.e.msg,
	    "invalid --rejects \"\": expected a file name");
	assert_null(p.c.rejects);
	/* a space or "-" is a name */
	assert_int_equal(parse(&p, ARGC(a5), a5), 0);
	assert_string_equal(p.c.output, " ");
	assert_string_equal(p.c.config, "-");
}

static void
test_as_of(void **state)
{
	char *a1[] = { "crm-x", "--as-of", "2025-12-31", NULL };
	char *a2[] = { "crm-x", "--as-of=1970-01-01", NULL };
	char *a3[] = { "crm-x", "--as-of", "2025-02-30", NULL };
	char *a4[] = { "crm-x", "--as-of", "yesterday", NULL };
	struct parsed p;

	(void)state;
	assert_int_equal(parse(&p, ARGC(a1), a1), 0);
	/*
	 * 1970..2024 is 55 years with 14 leap days (1972..2024): 20089
	 * days to 2025-01-01, plus 364 to Dec 31; date -u gives
	 * 1767139200 s = 20453 days
	 */
	assert_int_equal(p.c.as_of, 20453);
	assert_int_equal(p.c.as_of_given, 1);
	assert_int_equal(parse(&p, ARGC(a2), a2), 0);
	assert_int_equal(p.c.as_of, 0);
	assert_int_equal(p.c.as_of_given, 1);

	assert_int_equal(parse(&p, ARGC(a3), a3), -1);
	assert_int_equal(p.e.status, 2);
	assert_string_equal(p.e.msg,
	    "invalid --as-of date \"2025-02-30\": expected YYYY-MM-DD "
	    "or today");
	assert_int_equal(parse(&p, ARGC(a4), a4), -1);
	assert_int_equal(p.e.status, 2);
}

/* --as-of today: the local date, as the default, but given. */
static void
test_as_of_today(void **state)
{
	char *a1[] = { "crm-x", "--as-of", "today", NULL };
	char *a2[] = { "crm-x", "--as-of", "Today", NULL };
	struct parsed p;
	int32_t before, after;

	(void)state;
	before = local_today();
	assert_int_equal(parse(&p, ARGC(a1), a1), 0);
	after = local_today();
	assert_true(p.c.as_of == before || p.c.as_of == after);
	assert_int_equal(p.c.as_of_given, 1);
	/* the word exactly, as for the other values of options */
	assert_int_equal(parse(&p, ARGC(a2), a2), -1);
	assert_int_equal(p.e.status, 2);
	assert_string_equal(p.e.msg,
	    "invalid --as-of date \"Today\": expected YYYY-MM-DD or today");
}

static void
test_flags_and_values(void **state)
{
	char *a1[] = { "crm-x", "--date-format", "%d/%m/%Y",
	    "--decimal-comma", "--skip-bad", "-q", "--encoding", "GB18030",
	    "--bom", NULL };
	char *a2[] = { "crm-x", "--rejects", "bad.csv", NULL };
	char *a3[] = { "crm-x", "--quiet", NULL };
	struct parsed p;

	(void)state;
	assert_int_equal(parse(&p, ARGC(a1), a1), 0);
	assert_string_equal(p.c.date_format, "%d/%m/%Y");
	assert_int_equal(p.c.decimal_comma, 1);
	assert_int_equal(p.c.skip_bad, 1);
	assert_int_equal(p.c.quiet, 1);
	assert_string_equal(p.c.encoding, "GB18030");
	assert_string_equal(p.c.csv.encoding, "GB18030");
	assert_int_equal(p.c.bom, 1);
	assert_null(p.c.rejects);

	/* --rejects implies --skip-bad */
	assert_int_equal(parse(&p, ARGC(a2), a2), 0);
	assert_string_equal(p.c.rejects, "bad.csv");
	assert_int_equal(p.c.skip_bad, 1);
	assert_int_equal(p.c.quiet, 0);

	assert_int_equal(parse(&p, ARGC(a3), a3), 0);
	assert_int_equal(p.c.quiet, 1);
	assert_int_equal(p.c.skip_bad, 0);
}

static void
test_help_version(void **state)
{
	char *a1[] = { "crm-x", "-h", NULL };
	char *a2[] = { "crm-x", "--help", NULL };
	char *a3[] = { "crm-x", "-V", NULL };
	char *a4[] = { "crm-x", "--version", NULL };
	char *a5[] = { "crm-x", "-q", "--help", "--bogus", NULL };
	struct parsed p;

	(void)state;
	assert_int_equal(parse(&p, ARGC(a1), a1), CRM_OPTIONS_HELP);
	assert_int_equal(parse(&p, ARGC(a2), a2), CRM_OPTIONS_HELP);
	assert_int_equal(parse(&p, ARGC(a3), a3), CRM_OPTIONS_VERSION);
	assert_int_equal(parse(&p, ARGC(a4), a4), CRM_OPTIONS_VERSION);
	/* help stops the parse before a later error */
	assert_int_equal(parse(&p, ARGC(a5), a5), CRM_OPTIONS_HELP);
}

static void
test_unknown_and_missing(void **state)
{
	char *a1[] = { "crm-x", "--bogus", NULL };
	char *a2[] = { "crm-x", "-Z", NULL };
	char *a3[] = { "crm-x", "-o", NULL };
	char *a4[] = { "crm-x", "in.csv", "--output", NULL };
	char *a5[] = { "crm-x", "-qZ", NULL };
	char *a6[] = { "crm-x", "--bogus=1", NULL };
	char *a7[] = { "crm-x", "-qo", NULL };
	char *a8[] = { "crm-x", "--tsv", "-qb", NULL };
	struct parsed p;

	(void)state;
	assert_int_equal(parse(&p, ARGC(a1), a1), -1);
	assert_int_equal(p.e.status, 2);
	assert_string_equal(p.e.msg, "unknown option '--bogus' (try --help)");
	assert_string_equal(p.e.file, "");

	assert_int_equal(parse(&p, ARGC(a2), a2), -1);
	assert_int_equal(p.e.status, 2);
	assert_string_equal(p.e.msg, "unknown option '-Z' (try --help)");

	assert_int_equal(parse(&p, ARGC(a3), a3), -1);
	assert_int_equal(p.e.status, 2);
	assert_string_equal(p.e.msg, "option '-o' needs a value");

	assert_int_equal(parse(&p, ARGC(a4), a4), -1);
	assert_int_equal(p.e.status, 2);
	assert_string_equal(p.e.msg, "option '--output' needs a value");

	assert_int_equal(parse(&p, ARGC(a5), a5), -1);
	assert_string_equal(p.e.msg, "unknown option '-Z' (try --help)");

	/* a missing value at the end of a group names the option alone */
	assert_int_equal(parse(&p, ARGC(a7), a7), -1);
	assert_int_equal(p.e.status, 2);
	assert_string_equal(p.e.msg, "option '-o' needs a value");
	assert_int_equal(parse(&p, ARGC(a8), a8), -1);
	assert_string_equal(p.e.msg, "option '-b' needs a value");

	assert_int_equal(parse(&p, ARGC(a6), a6), -1);
	assert_int_equal(p.e.status, 2);
	assert_string_equal(p.e.msg, "unknown option '--bogus=1' (try --help)");
}

/* An unknown letter in the middle of a group, after an operand. */
static void
test_unknown_inside_group(void **state)
{
	char *a1[] = { "crm-x", "-Zq", NULL };
	char *a2[] = { "crm-x", "in.csv", "-Zq", NULL };
	char *a3[] = { "crm-x", "--tsv", "-qZq", NULL };
	struct parsed p;

	(void)state;
	assert_int_equal(parse(&p, ARGC(a1), a1), -1);
	assert_int_equal(p.e.status, 2);
	assert_string_equal(p.e.msg, "unknown option '-Z' (try --help)");
	assert_int_equal(parse(&p, ARGC(a2), a2), -1);
	assert_string_equal(p.e.msg, "unknown option '-Z' (try --help)");
	assert_int_equal(parse(&p, ARGC(a3), a3), -1);
	assert_string_equal(p.e.msg, "unknown option '-Z' (try --help)");
}

static void
test_program_options(void **state)
{
	char *a1[] = { "crm-x", "--value", "42", "-b", "customer_id",
	    "--flag", "--by=email", "-q", NULL };
	struct parsed p;

	(void)state;
	assert_int_equal(parse(&p, ARGC(a1), a1), 0);
	/* the common -q is not handed to the callback */
	assert_int_equal(p.c.quiet, 1);
	assert_int_equal(p.s.n, 4);
	assert_int_equal(p.s.opt[0], CRM_OPT_PROGRAM);
	assert_string_equal(p.s.arg[0], "42");
	assert_int_equal(p.s.opt[1], 'b');
	assert_string_equal(p.s.arg[1], "customer_id");
	assert_int_equal(p.s.opt[2], CRM_OPT_PROGRAM + 1);
	assert_string_equal(p.s.arg[2], "(null)");
	assert_int_equal(p.s.opt[3], 'b');
	assert_string_equal(p.s.arg[3], "email");
}

static int
fail_quietly(int opt, const char *arg, void *ctx, struct crm_error *e)
{
	(void)opt;
	(void)arg;
	(void)ctx;
	(void)e;
	return -1;
}

static void
test_callback_failure(void **state)
{
	char *a1[] = { "crm-x", "-q", "--value", "x", "-o", "o.csv", NULL };
	char *a2[] = { "crm-x", "--value", "x", NULL };
	struct crm_common c;
	struct crm_error e;
	struct parsed p;

	(void)state;
	memset(&p, 0, sizeof(p));
	p.s.fail_on = OPT_VALUE;
	assert_int_equal(crm_options_parse(ARGC(a1), a1, "b:", own_long,
	    own_fn, &p.s, &p.c, &p.e), -1);
	assert_int_equal(p.e.status, 2);
	assert_string_equal(p.e.msg, "bad value \"x\"");
	/* the parse stopped there: -o was not reached */
	assert_null(p.c.output);

	/* a callback that says nothing still fails with status 2 */
	memset(&e, 0, sizeof(e));
	assert_int_equal(crm_options_parse(ARGC(a2), a2, "", own_long,
	    fail_quietly, NULL, &c, &e), -1);
	assert_int_equal(e.status, 2);
}

static void
test_operands(void **state)
{
	char *a1[] = { "crm-x", "-q", "-o", "out.csv", "a.csv", "b.csv",
	    NULL };
	char *a2[] = { "crm-x", "a.csv", "--tsv", "b.csv", "-q", NULL };
	char *a3[] = { "crm-x", "-q", "--", "-o", "a.csv", NULL };
	char *a4[] = { "crm-x", "-", NULL };
	struct parsed p;

	(void)state;
	assert_int_equal(parse(&p, ARGC(a1), a1), 0);
	assert_int_equal(optind, 4);
	assert_string_equal(a1[optind], "a.csv");
	assert_string_equal(a1[optind + 1], "b.csv");

	/* options after operands are taken too; getopt moves operands last */
	assert_int_equal(parse(&p, ARGC(a2), a2), 0);
	assert_int_equal(p.c.delim, '\t');
	assert_int_equal(p.c.quiet, 1);
	assert_int_equal(optind, 3);
	assert_string_equal(a2[3], "a.csv");
	assert_string_equal(a2[4], "b.csv");

	/* after "--" everything is an operand */
	assert_int_equal(parse(&p, ARGC(a3), a3), 0);
	assert_null(p.c.output);
	assert_int_equal(optind, 3);
	assert_string_equal(a3[optind], "-o");

	/* "-" is an operand (standard input) */
	assert_int_equal(parse(&p, ARGC(a4), a4), 0);
	assert_int_equal(optind, 1);
}

/*
 * A parse that stops inside a group of short options ("-hq" stops at h)
 * must not leave getopt pointing into that group for the next parse.
 */
static void
test_repeated_parses_reset_getopt(void **state)
{
	char *a1[] = { "crm-x", "-hq", NULL };
	char *a2[] = { "crm-x", "-o", "out.csv", NULL };
	char *a3[] = { "crm-x", "-Zo", NULL };
	char *a4[] = { "crm-x", "-d", ";", "x.csv", NULL };
	struct parsed p;

	(void)state;
	assert_int_equal(parse(&p, ARGC(a1), a1), CRM_OPTIONS_HELP);
	assert_int_equal(parse(&p, ARGC(a2), a2), 0);
	assert_int_equal(p.c.quiet, 0);
	assert_non_null(p.c.output);
	assert_string_equal(p.c.output, "out.csv");
	assert_int_equal(optind, 3);

	assert_int_equal(parse(&p, ARGC(a3), a3), -1);
	assert_string_equal(p.e.msg, "unknown option '-Z' (try --help)");
	assert_int_equal(parse(&p, ARGC(a4), a4), 0);
	assert_null(p.c.output);
	assert_int_equal(p.c.delim, ';');
	assert_int_equal(optind, 3);
}

/* crm_option_int accepts v from "text" with min 2, max 9. */
static void
assert_int_option(const char *text, long want)
{
	struct crm_error e;
	long v = -99;

	assert_int_equal(crm_option_int("--bins", text, 2, 9, NULL, &v, &e),
	    0);
	assert_int_equal(v, want);
}

/* ... and refuses it, leaving *out alone. */
static void
assert_bad_int_option(const char *text)
{
	struct crm_error e;
	char want[200];
	long v = -99;

	assert_int_equal(crm_option_int("--bins", text, 2, 9, NULL, &v, &e),
	    -1);
	assert_int_equal(v, -99);
	assert_int_equal(e.status, 2);
	assert_string_equal(e.file, "");
	snprintf(want, sizeof(want), "invalid --bins \"%s\": expected a "
	    "whole number from 2 to 9", text);
	assert_string_equal(e.msg, want);
}

/*
 * Integer options: the range is checked before the value becomes a
 * long, so that an absurd value is an error, never undefined behaviour
 * (the make asan run would report a conversion out of range).
 */
static void
test_option_int(void **state)
{
	static const char *const bad[] = {
		"1", "10", "-1", "0", "5.5", "2.000001", "1e30", "1e3",
		"99999999999", "100000000000000000000000", "nan", "NaN", "inf",
		"-inf", "Infinity", "", " ", "x", "0x5", "5x", "--5",
	};
	struct crm_error e;
	long v;
	size_t i;

	(void)state;
	assert_int_option("2", 2);
	assert_int_option("9", 9);
	assert_int_option("5", 5);
	/* written as the contract's numbers are: 5.0 is the whole number 5 */
	assert_int_option("5.0", 5);
	assert_int_option(" 7 ", 7);
	assert_int_option("+3", 3);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_bad_int_option(bad[i]);

	/* the unit, when given, is named */
	assert_int_equal(crm_option_int("--horizon", "1e9", 0, 3660, "days",
	    &v, &e), -1);
	assert_string_equal(e.msg, "invalid --horizon \"1e9\": expected a "
	    "whole number of days from 0 to 3660");
	assert_int_equal(crm_option_int("--horizon", "1,000", 0, 3660,
	    "days", &v, &e), 0);
	assert_int_equal(v, 1000);
	assert_int_equal(crm_option_int("--horizon", "-0", 0, 3660, "days",
	    &v, &e), 0);
	assert_int_equal(v, 0);

	/*
	 * At the edges of long: LONG_MAX as a double is 2^63, which no long
	 * holds; 2^62 (4611686018427387904) is exact and fits.
	 */
	assert_int_equal(crm_option_int("--n", "9223372036854775807", 0,
	    LONG_MAX, NULL, &v, &e), -1);
	assert_string_equal(e.msg, "invalid --n \"9223372036854775807\": "
	    "expected a whole number from 0 to 9223372036854775807");
	assert_int_equal(crm_option_int("--n", "9223372036854775808", 0,
	    LONG_MAX, NULL, &v, &e), -1);
	assert_int_equal(crm_option_int("--n", "4611686018427387904", 0,
	    LONG_MAX, NULL, &v, &e), 0);
	assert_true(v == 4611686018427387904L);
	assert_int_equal(crm_option_int("--n", "-9223372036854775808",
	    LONG_MIN, 0, NULL, &v, &e), 0);
	assert_true(v == LONG_MIN);
	/* a max that rounds up as a double still bounds the value */
	assert_int_equal(crm_option_int("--n", "4611686018427387904", 0,
	    4611686018427387903L, NULL, &v, &e), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_option_int),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_output_config_delimiter),
		cmocka_unit_test(test_bad_delimiter),
		cmocka_unit_test(test_empty_file_names),
		cmocka_unit_test(test_as_of),
		cmocka_unit_test(test_as_of_today),
		cmocka_unit_test(test_flags_and_values),
		cmocka_unit_test(test_help_version),
		cmocka_unit_test(test_unknown_and_missing),
		cmocka_unit_test(test_unknown_inside_group),
		cmocka_unit_test(test_program_options),
		cmocka_unit_test(test_callback_failure),
		cmocka_unit_test(test_operands),
		cmocka_unit_test(test_repeated_parses_reset_getopt),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
