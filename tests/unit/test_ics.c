/*
 * test_ics.c - the iCalendar writer: exact bytes of a VTODO, TEXT
 * escaping, folding at 75 octets without cutting UTF-8 characters or
 * escapes, CRLF line ends, and repeatable output.
 *
 * Expected text is written out by hand from RFC 5545 (3.1 folding,
 * 3.3.11 TEXT, 3.6.1 VEVENT, 3.6.2 VTODO); octet counts and day numbers
 * are worked out in comments.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ics.h"
#include "value.h"

/* Renders a calendar of n todos into a malloc'ed string. */
static char *
render(const struct crm_ics_todo *t, size_t n, int32_t stamp)
{
	char *buf = NULL;
	size_t len = 0, i;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	crm_ics_begin(fp);
	for (i = 0; i < n; i++)
		crm_ics_todo(fp, &t[i], stamp);
	assert_int_equal(crm_ics_end(fp), 0);
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(strlen(buf), len);	/* no NUL in the output */
	return buf;
}

/* Removes every CRLF followed by a space (RFC 5545 3.1 unfolding). */
static void
unfold(char *s)
{
	char *r = s, *w = s;

	while (*r != '\0') {
		if (r[0] == '\r' && r[1] == '\n' && r[2] == ' ')
			r += 3;
		else
			*w++ = *r++;
	}
	*w = '\0';
}

/* Whether s[0..len) is whole UTF-8 sequences (lead byte + continuations). */
static int
utf8_whole(const unsigned char *s, size_t len)
{
	size_t i = 0, n, k;

	while (i < len) {
		if (s[i] < 0x80)
			n = 1;
		else if ((s[i] & 0xe0) == 0xc0)
			n = 2;
		else if ((s[i] & 0xf0) == 0xe0)
			n = 3;
		else if ((s[i] & 0xf8) == 0xf0)
			n = 4;
		else
			return 0;
		if (i + n > len)
			return 0;
		for (k = 1; k < n; k++)
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
		i += n;
	}
	return 1;
}

/*
 * Checks every physical line: ends in CRLF, no bare CR or LF, at most 75
 * octets before the CRLF, whole UTF-8 characters only.  Returns the
 * number of continuation lines.
 */
static int
check_lines(const char *s)
{
	const char *p = s, *eol;
	int folds = 0;

	while (*p != '\0') {
		eol = strstr(p, "\r\n");
		if (eol == NULL)
			fail_msg("last line has no CRLF: \"%s\"", p);
		if (memchr(p, '\n', (size_t)(eol - p)) != NULL ||
		    memchr(p, '\r', (size_t)(eol - p)) != NULL)
			fail_msg("bare CR or LF in \"%.*s\"", (int)(eol - p), p);
		if (eol - p > 75)
			fail_msg("%d octets: \"%.*s\"", (int)(eol - p),
			    (int)(eol - p), p);
		if (!utf8_whole((const unsigned char *)p, (size_t)(eol - p)))
			fail_msg("cut UTF-8 in \"%.*s\"", (int)(eol - p), p);
		if (*p == ' ')
			folds++;
		p = eol + 2;
	}
	return folds;
}

/* The physical line that holds name (at a line start), without CRLF. */
static char *
first_line(const char *s, const char *name, char *out, size_t size)
{
	const char *p = strstr(s, name), *eol;

	assert_non_null(p);
	eol = strstr(p, "\r\n");
	assert_non_null(eol);
	assert_true((size_t)(eol - p) < size);
	memcpy(out, p, (size_t)(eol - p));
	out[eol - p] = '\0';
	return out;
}

static void
test_exact_vtodo(void **state)
{
	struct crm_ics_todo t[2];
	char *out;

	(void)state;
	memset(t, 0, sizeof(t));
	t[0].uid = "C0042-cadence";
	t[0].due = crm_days_from_civil(2025, 12, 26);
	t[0].summary = "Call Ada Lovelace";
	t[0].description = "Last order 2025-09-26";
	t[0].categories = "alice";
	t[0].priority = 1;
	/* no description, categories or priority: those lines left out */
	t[1].uid = "C0007-birthday";
	t[1].due = crm_days_from_civil(2026, 1, 1);
	t[1].summary = "Birthday";
	t[1].description = "";
	t[1].priority = 0;
	/*
	 * SEQUENCE, the day number of 2025-12-01: 2026-01-01 is 56 years
	 * of 365 days plus 14 leap days (1972 .. 2024) = 20454 days after
	 * 1970-01-01, and 2025-12-01 is 31 days earlier: 20423.
	 */
	out = render(t, 2, crm_days_from_civil(2025, 12, 1));
	assert_string_equal(out,
	    "BEGIN:VCALENDAR\r\n"
	    "VERSION:2.0\r\n"
	    "PRODID:-//crm//crm-followup//EN\r\n"
	    "BEGIN:VTODO\r\n"
	    "UID:C0042-cadence\r\n"
	    "DTSTAMP:20251201T000000Z\r\n"
	    "SEQUENCE:20423\r\n"
	    "DUE;VALUE=DATE:20251226\r\n"
	    "SUMMARY:Call Ada Lovelace\r\n"
	    "DESCRIPTION:Last order 2025-09-26\r\n"
	    "CATEGORIES:alice\r\n"
	    "PRIORITY:1\r\n"
	    "STATUS:NEEDS-ACTION\r\n"
	    "END:VTODO\r\n"
	    "BEGIN:VTODO\r\n"
	    "UID:C0007-birthday\r\n"
	    "DTSTAMP:20251201T000000Z\r\n"
	    "SEQUENCE:20423\r\n"
	    "DUE;VALUE=DATE:20260101\r\n"
	    "SUMMARY:Birthday\r\n"
	    "STATUS:NEEDS-ACTION\r\n"
	    "END:VTODO\r\n"
	    "END:VCALENDAR\r\n");
	free(out);
}

/*
 * An all-day event: DTSTART the due date, DTEND the day after (RFC 5545
 * 3.6.1: "DTEND" of a DATE event is exclusive), the same UID, DTSTAMP
 * and SEQUENCE as a to-do, no STATUS (NEEDS-ACTION is a to-do's), free
 * time.  2025-12-31 runs to 2026-01-01: over a year end.
 */
static void
test_exact_vevent(void **state)
{
	struct crm_ics_todo t;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	(void)state;
	memset(&t, 0, sizeof(t));
	t.uid = "C0042-event@crm-followup";
	t.due = crm_days_from_civil(2025, 12, 31);
	t.summary = "check in: Ada (C0042), phone +44 20 7946 0000";
	t.description = "every 2 weeks\nowner: alice";
	t.categories = "alice";
	t.priority = 3;
	assert_non_null(fp);
	crm_ics_begin(fp);
	crm_ics_event(fp, &t, crm_days_from_civil(2025, 12, 1));
	assert_int_equal(crm_ics_end(fp), 0);
	fclose(fp);
	assert_string_equal(buf,
	    "BEGIN:VCALENDAR\r\n"
	    "VERSION:2.0\r\n"
	    "PRODID:-//crm//crm-followup//EN\r\n"
	    "BEGIN:VEVENT\r\n"
	    "UID:C0042-event@crm-followup\r\n"
	    "DTSTAMP:20251201T000000Z\r\n"
	    "SEQUENCE:20423\r\n"
	    "DTSTART;VALUE=DATE:20251231\r\n"
	    "DTEND;VALUE=DATE:20260101\r\n"
	    "SUMMARY:check in: Ada (C0042)\\, phone +44 20 7946 0000\r\n"
	    "DESCRIPTION:every 2 weeks\\nowner: alice\r\n"
	    "CATEGORIES:alice\r\n"
	    "PRIORITY:3\r\n"
	    "TRANSP:TRANSPARENT\r\n"
	    "END:VEVENT\r\n"
	    "END:VCALENDAR\r\n");
	free(buf);
}

/*
 * SEQUENCE is the as-of day number: it grows by one a day, so that each
 * night's import of a follow-up replaces the last one's; never negative.
 * 2000-01-01: 30 years of 365 days plus 7 leap days (1972 .. 1996).
 */
static void
test_sequence(void **state)
{
	(void)state;
	assert_int_equal(crm_ics_sequence(0), 0);
	assert_int_equal(crm_ics_sequence(-5), 0);
	assert_int_equal(crm_ics_sequence(crm_days_from_civil(2000, 1, 1)),
	    10957);
	assert_true(crm_ics_sequence(crm_days_from_civil(2026, 1, 6)) ==
	    crm_ics_sequence(crm_days_from_civil(2026, 1, 5)) + 1);
}

static void
test_empty_calendar(void **state)
{
	char *out;

	(void)state;
	out = render(NULL, 0, 0);
	assert_string_equal(out,
	    "BEGIN:VCALENDAR\r\n"
	    "VERSION:2.0\r\n"
	    "PRODID:-//crm//crm-followup//EN\r\n"
	    "END:VCALENDAR\r\n");
	free(out);
}

static void
test_priority_range(void **state)
{
	struct crm_ics_todo t[3];
	char *out;

	(void)state;
	memset(t, 0, sizeof(t));
	t[0].uid = "a";
	t[0].summary = "x";
	t[0].priority = 9;
	t[1] = t[0];
	t[1].priority = 10;
	t[2] = t[0];
	t[2].priority = -1;
	out = render(t, 3, 0);
	assert_non_null(strstr(out, "\r\nPRIORITY:9\r\n"));
	/* only the first has a priority: 10 and -1 are outside 1..9 */
	assert_null(strstr(strstr(out, "PRIORITY:9") + 1, "PRIORITY"));
	/* 1970-01-01 is day 0 */
	assert_non_null(strstr(out, "\r\nDUE;VALUE=DATE:19700101\r\n"));
	assert_non_null(strstr(out, "\r\nDTSTAMP:19700101T000000Z\r\n"));
	free(out);
}

static void
test_escaping(void **state)
{
	struct crm_ics_todo t;
	char *out;

	(void)state;
	memset(&t, 0, sizeof(t));
	/* TEXT escapes backslash, semicolon and comma; colon is plain */
	t.uid = "C1,x;y\\z";
	t.summary = "Call back, re: order; path C:\\tmp";
	/* LF and CRLF become \n; tab is kept; \001, DEL and lone CR go */
	t.description = "line1\nline2\r\nline3\tend\001\177\rX";
	t.categories = "Smith, J";
	out = render(&t, 1, 0);
	assert_non_null(strstr(out, "\r\nUID:C1\\,x\\;y\\\\z\r\n"));
	assert_non_null(strstr(out,
	    "\r\nSUMMARY:Call back\\, re: order\\; path C:\\\\tmp\r\n"));
	assert_non_null(strstr(out,
	    "\r\nDESCRIPTION:line1\\nline2\\nline3\tendX\r\n"));
	/* one category with a comma in it, not a list of two */
	assert_non_null(strstr(out, "\r\nCATEGORIES:Smith\\, J\r\n"));
	check_lines(out);
	free(out);
}

static void
test_fold_utf8(void **state)
{
	/*
	 * 40 x "é" (2 octets each, 80) and 60 Chinese characters (3 octets
	 * each, 180): "SUMMARY:" is 8 octets, so the first line holds 33
	 * é (8 + 66 = 74; one more would make 76).  The next line is the
	 * space, 7 é (15 octets) and 20 Chinese characters (75); then 40
	 * Chinese characters need two more lines of 1 + 24 * 3 = 73 and
	 * 1 + 16 * 3 = 49 octets.  3 continuation lines in all.
	 */
	static const char han[] = "客户跟进提醒请在本周内致电确认续约事宜";
	char summary[1024], want[1100], line[128], *out, *u;
	struct crm_ics_todo t;
	int i;

	(void)state;
	assert_int_equal(strlen(han), 19 * 3);
	summary[0] = '\0';
	for (i = 0; i < 40; i++)
		strcat(summary, "é");
	strcat(summary, han);
	strcat(summary, han);
	strcat(summary, han);
	strcat(summary, "谢谢谢");		/* 3 * 19 + 3 = 60 */
	assert_int_equal(strlen(summary), 80 + 180);
	memset(&t, 0, sizeof(t));
	t.uid = "C0001-cadence";
	t.summary = summary;
	out = render(&t, 1, 0);
	assert_int_equal(check_lines(out), 3);
	first_line(out, "SUMMARY:", line, sizeof(line));
	assert_int_equal(strlen(line), 74);
	/* unfolding gives back the whole line */
	u = strdup(out);
	assert_non_null(u);
	unfold(u);
	snprintf(want, sizeof(want), "\r\nSUMMARY:%s\r\n", summary);
	assert_non_null(strstr(u, want));
	free(u);
	free(out);
}

static void
test_fold_ascii_and_escapes(void **state)
{
	/*
	 * "SUMMARY:" + 66 "a" is 74 octets; the comma's escape "\," is
	 * two, so the fold comes before the backslash, not between it
	 * and the comma.  A 75-octet line is not folded at all.
	 */
	char summary[256], want[300], line[128], *out, *u;
	struct crm_ics_todo t;

	(void)state;
	memset(summary, 'a', 66);
	strcpy(summary + 66, ",b");
	memset(&t, 0, sizeof(t));
	t.uid = "u";
	t.summary = summary;
	out = render(&t, 1, 0);
	assert_int_equal(check_lines(out), 1);
	first_line(out, "SUMMARY:", line, sizeof(line));
	assert_int_equal(strlen(line), 74);
	assert_non_null(strstr(out, "a\r\n \\,b\r\n"));
	u = strdup(out);
	assert_non_null(u);
	unfold(u);
	snprintf(want, sizeof(want), "\r\nSUMMARY:%.66s\\,b\r\n", summary);
	assert_non_null(strstr(u, want));
	free(u);
	free(out);

	/* 8 + 67 = 75 octets exactly: fits */
	memset(summary, 'a', 67);
	summary[67] = '\0';
	out = render(&t, 1, 0);
	assert_int_equal(check_lines(out), 0);
	free(out);

	/* 8 + 68 = 76: one fold, after 67 "a" */
	memset(summary, 'a', 68);
	summary[68] = '\0';
	out = render(&t, 1, 0);
	assert_int_equal(check_lines(out), 1);
	assert_non_null(strstr(out, "a\r\n a\r\n"));
	free(out);
}

static void
test_fold_long_description(void **state)
{
	/* 1000 octets of escaped text with newlines: many folds, all legal */
	char desc[1001], want[2200], *out, *u, *w;
	struct crm_ics_todo t;
	int i;

	(void)state;
	for (i = 0; i < 1000; i++)
		desc[i] = "ab,;\\\n\xc3\xa9"[i % 8];
	/* i % 8 == 6, 7 make an é; 1000 is a multiple of 8 */
	desc[1000] = '\0';
	memset(&t, 0, sizeof(t));
	t.uid = "u";
	t.summary = "s";
	t.description = desc;
	out = render(&t, 1, 0);
	assert_true(check_lines(out) > 10);
	u = strdup(out);
	assert_non_null(u);
	unfold(u);
	w = want + sprintf(want, "\r\nDESCRIPTION:");
	for (i = 0; i < 125; i++)
		w += sprintf(w, "ab\\,\\;\\\\\\n\xc3\xa9");
	strcpy(w, "\r\n");
	assert_non_null(strstr(u, want));
	free(u);
	free(out);
}

static void
test_repeatable(void **state)
{
	struct crm_ics_todo t;
	char *a, *b;

	(void)state;
	memset(&t, 0, sizeof(t));
	t.uid = "C0042-cadence";
	t.due = crm_days_from_civil(2026, 3, 31);
	t.summary = "Quarterly review, ACME; 季度回顾";
	t.description = "Notes:\nrenewal";
	t.categories = "bob";
	t.priority = 5;
	a = render(&t, 1, crm_days_from_civil(2026, 3, 1));
	b = render(&t, 1, crm_days_from_civil(2026, 3, 1));
	assert_string_equal(a, b);
	free(a);
	free(b);
}

static void
test_write_error(void **state)
{
	struct crm_ics_todo t;
	FILE *fp;

	(void)state;
	fp = fopen("/dev/full", "w");
	if (fp == NULL)
		skip();
	memset(&t, 0, sizeof(t));
	t.uid = "u";
	t.summary = "s";
	crm_ics_begin(fp);
	crm_ics_todo(fp, &t, 0);
	assert_int_equal(crm_ics_end(fp), -1);
	fclose(fp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exact_vtodo),
		cmocka_unit_test(test_exact_vevent),
		cmocka_unit_test(test_sequence),
		cmocka_unit_test(test_empty_calendar),
		cmocka_unit_test(test_priority_range),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_fold_utf8),
		cmocka_unit_test(test_fold_ascii_and_escapes),
		cmocka_unit_test(test_fold_long_description),
		cmocka_unit_test(test_repeatable),
		cmocka_unit_test(test_write_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
