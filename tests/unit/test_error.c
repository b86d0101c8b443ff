/*
 * test_error.c - filling, formatting and quoting struct crm_error.
 *
 * Expected strings are spelled out from error.h's contract: the
 * "FILE:LINE:COLUMN: " prefix loses the parts that are unknown, and a
 * quoted value is cut after 40 bytes with "...".
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "error.h"

static void
test_set_fills_fields(void **state)
{
	struct crm_error e;

	(void)state;
	memset(&e, 0x55, sizeof(e));
	assert_int_equal(crm_error_set(&e, CRM_EXIT_DATA, "orders.csv", 42, 7,
	    "column '%s': invalid number \"%s\"", "amount", "1x"), -1);
	assert_int_equal(e.status, 1);
	assert_string_equal(e.file, "orders.csv");
	assert_int_equal(e.line, 42);
	assert_int_equal(e.column, 7);
	assert_string_equal(e.msg, "column 'amount': invalid number \"1x\"");

	/* a NULL file is stored as "" */
	assert_int_equal(crm_error_set(&e, CRM_EXIT_USAGE, NULL, 0, 0,
	    "unknown option '%s'", "--x"), -1);
	assert_int_equal(e.status, 2);
	assert_string_equal(e.file, "");
	assert_int_equal(e.line, 0);
	assert_int_equal(e.column, 0);
	assert_string_equal(e.msg, "unknown option '--x'");

	/* no struct: still -1 */
	assert_int_equal(crm_error_set(NULL, 1, "f", 1, 1, "x"), -1);
}

static void
test_set_truncates_long_file_and_msg(void **state)
{
	struct crm_error e;
	char longname[400], hugename[PATH_MAX + 10], longmsg[800];

	(void)state;
	memset(longname, 'f', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	memset(hugename, 'g', sizeof(hugename) - 1);
	hugename[sizeof(hugename) - 1] = '\0';
	memset(longmsg, 'm', sizeof(longmsg) - 1);
	longmsg[sizeof(longmsg) - 1] = '\0';
	/* a file name past NAME_MAX (255) is kept whole: it fits PATH_MAX */
	crm_error_set(&e, 1, longname, 1, 1, "%s", longmsg);
	assert_string_equal(e.file, longname);
	/* msg[512] keeps 511 bytes plus the NUL */
	assert_int_equal(strlen(e.msg), 511);
	/* only a name longer than any the system opens is cut */
	crm_error_set(&e, 1, hugename, 1, 1, "x");
	assert_int_equal(strlen(e.file), PATH_MAX - 1);
}

/*
 * The formatted text holds the whole name: 399 bytes of name, ":7: "
 * and the message, 399 + 4 + 3 = 406 bytes.
 */
static void
test_format_long_file(void **state)
{
	struct crm_error e;
	char name[400], buf[CRM_ERROR_TEXT];

	(void)state;
	memset(name, 'f', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	crm_error_set(&e, 1, name, 7, 0, "bad");
	crm_error_format(&e, buf, sizeof(buf));
	assert_int_equal(strlen(buf), 406);
	assert_int_equal(strncmp(buf, name, 399), 0);
	assert_string_equal(buf + 399, ":7: bad");
}

static void
test_format(void **state)
{
	struct crm_error e;
	char buf[600];

	(void)state;
	crm_error_set(&e, 2, "rules.yaml", 3, 7, "unknown key 'wieght'");
	crm_error_format(&e, buf, sizeof(buf));
	assert_string_equal(buf, "rules.yaml:3:7: unknown key 'wieght'");

	crm_error_set(&e, 1, "orders.csv", 1042, 0, "bad");
	crm_error_format(&e, buf, sizeof(buf));
	assert_string_equal(buf, "orders.csv:1042: bad");

	crm_error_set(&e, 1, "orders.csv", 0, 0, "cannot open: x");
	crm_error_format(&e, buf, sizeof(buf));
	assert_string_equal(buf, "orders.csv: cannot open: x");

	/* a column without a line means nothing: left out with the line */
	crm_error_set(&e, 1, "orders.csv", 0, 5, "y");
	crm_error_format(&e, buf, sizeof(buf));
	assert_string_equal(buf, "orders.csv: y");

	crm_error_set(&e, 2, NULL, 3, 4, "unknown option '-Z' (try --help)");
	crm_error_format(&e, buf, sizeof(buf));
	assert_string_equal(buf, "unknown option '-Z' (try --help)");
}

static void
test_format_truncates(void **state)
{
	struct crm_error e;
	char buf[12];

	(void)state;
	crm_error_set(&e, 1, "a.csv", 12, 0, "message");
	crm_error_format(&e, buf, sizeof(buf));
	/* "a.csv:12: message" cut to 11 bytes */
	assert_string_equal(buf, "a.csv:12: m");
}

static void
test_quote_plain(void **state)
{
	char buf[64];

	(void)state;
	assert_ptr_equal(crm_error_quote("12,3.4", 6, buf, sizeof(buf)), buf);
	assert_string_equal(buf, "\"12,3.4\"");
	/* len counts, not the NUL */
	crm_error_quote("abcdef", 3, buf, sizeof(buf));
	assert_string_equal(buf, "\"abc\"");
	crm_error_quote("", 0, buf, sizeof(buf));
	assert_string_equal(buf, "\"\"");
}

static void
test_quote_control_and_quote(void **state)
{
	char buf[64];

	(void)state;
	crm_error_quote("a\x01" "b", 3, buf, sizeof(buf));
	assert_string_equal(buf, "\"a\\x01b\"");
	crm_error_quote("\t\x7f", 2, buf, sizeof(buf));
	assert_string_equal(buf, "\"\\x09\\x7F\"");
	/* an embedded NUL is a control byte too */
	crm_error_quote("a\0b", 3, buf, sizeof(buf));
	assert_string_equal(buf, "\"a\\x00b\"");
	crm_error_quote("say \"hi\"", 8, buf, sizeof(buf));
	assert_string_equal(buf, "\"say \\\"hi\\\"\"");
	crm_error_quote("a\\b", 3, buf, sizeof(buf));
	assert_string_equal(buf, "\"a\\\\b\"");
}

static void
test_quote_cut_at_40(void **state)
{
	const char *s50 = "0123456789" "0123456789" "0123456789"
	    "0123456789" "abcdefghij";
	char buf[128];

	(void)state;
	/* exactly 40 bytes: whole, no "..." */
	crm_error_quote(s50, 40, buf, sizeof(buf));
	assert_string_equal(buf, "\"0123456789012345678901234567890123456789\"");
	/* 41 and 50 bytes: the first 40 and "..." */
	crm_error_quote(s50, 41, buf, sizeof(buf));
	assert_string_equal(buf,
	    "\"0123456789012345678901234567890123456789...\"");
	crm_error_quote(s50, 50, buf, sizeof(buf));
	assert_string_equal(buf,
	    "\"0123456789012345678901234567890123456789...\"");
}

static void
test_quote_tiny_buffer(void **state)
{
	char buf[16];

	(void)state;
	/* below 8 bytes: an empty string, never an overflow */
	memset(buf, 'z', sizeof(buf));
	crm_error_quote("abc", 3, buf, 7);
	assert_string_equal(buf, "");
	assert_int_equal(buf[1], 'z');
	memset(buf, 'z', sizeof(buf));
	crm_error_quote("abc", 3, buf, 0);
	assert_int_equal(buf[0], 'z');

	/*
	 * size 8: one byte fits (o + 6 < 8 lets o go from 1 to 2), then
	 * "..." and the closing quote: 6 bytes and the NUL.
	 */
	memset(buf, 'z', sizeof(buf));
	crm_error_quote("abcdef", 6, buf, 8);
	assert_string_equal(buf, "\"a...\"");
	assert_int_equal(buf[8], 'z');

	/* size 10: three bytes fit, then "..." */
	memset(buf, 'z', sizeof(buf));
	crm_error_quote("abcdef", 6, buf, 10);
	assert_string_equal(buf, "\"abc...\"");
	assert_true(strlen(buf) < 10);
	assert_int_equal(buf[10], 'z');

	/* a control byte that does not fit is left out, never half written */
	memset(buf, 'z', sizeof(buf));
	crm_error_quote("ab\x01", 3, buf, 9);
	assert_string_equal(buf, "\"ab...\"");
	assert_int_equal(buf[9], 'z');
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_set_fills_fields),
		cmocka_unit_test(test_set_truncates_long_file_and_msg),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_format_long_file),
		cmocka_unit_test(test_format_truncates),
		cmocka_unit_test(test_quote_plain),
		cmocka_unit_test(test_quote_control_and_quote),
		cmocka_unit_test(test_quote_cut_at_40),
		cmocka_unit_test(test_quote_tiny_buffer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
