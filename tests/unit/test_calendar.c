/*
 * test_calendar.c - intervals, month-end clamping, weekdays,
 * anniversaries and working days.
 *
 * Dates are written as YYYY-MM-DD and compared as text through
 * crm_date_format, so a failure shows the date.  Weekdays come from a
 * printed calendar (checked with GNU date -d ... +%A).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "calendar.h"
#include "value.h"

static int32_t
day(const char *iso)
{
	int y = 0, m = 0, d = 0, neg = 0;
	const char *p = iso;

	if (*p == '-') {
		neg = 1;
		p++;
	}
	while (*p != '-')
		y = y * 10 + (*p++ - '0');
	p++;
	m = (p[0] - '0') * 10 + (p[1] - '0');
	d = (p[3] - '0') * 10 + (p[4] - '0');
	return crm_days_from_civil(neg ? -y : y, m, d);
}

static const char *
iso(int32_t days)
{
	static char buf[4][11];
	static int i;

	i = (i + 1) % 4;
	crm_date_format(days, buf[i]);
	return buf[i];
}

static struct crm_interval
iv(long n, enum crm_unit unit)
{
	struct crm_interval v;

	v.n = n;
	v.unit = unit;
	return v;
}

static const char *
add(const char *date, long n, enum crm_unit unit)
{
	struct crm_interval v = iv(n, unit);

	return iso(crm_date_add(day(date), &v));
}

static const char *
sub(const char *date, long n, enum crm_unit unit)
{
	struct crm_interval v = iv(n, unit);

	return iso(crm_date_sub(day(date), &v));
}

static void
test_month_end_clamp(void **state)
{
	(void)state;
	/* 2024 is a leap year: February has 29 days */
	assert_string_equal(add("2024-01-31", 1, CRM_MONTHS), "2024-02-29");
	/* 2023 is not: 28 */
	assert_string_equal(add("2023-01-31", 1, CRM_MONTHS), "2023-02-28");
	/* each step from the original date: Jan 31 + 2 months is Mar 31 */
	assert_string_equal(add("2024-01-31", 2, CRM_MONTHS), "2024-03-31");
	/* April has 30 days */
	assert_string_equal(add("2024-03-31", 1, CRM_MONTHS), "2024-04-30");
	assert_string_equal(sub("2024-03-31", 1, CRM_MONTHS), "2024-02-29");
	assert_string_equal(sub("2023-03-31", 1, CRM_MONTHS), "2023-02-28");
	/* 2025 is common: Feb 29 + 12 months clamps to Feb 28 */
	assert_string_equal(add("2024-02-29", 12, CRM_MONTHS), "2025-02-28");
	/* 48 months later is a leap year again */
	assert_string_equal(add("2024-02-29", 48, CRM_MONTHS), "2028-02-29");
	/* a day that fits every month is kept */
	assert_string_equal(add("2024-01-15", 1, CRM_MONTHS), "2024-02-15");
	assert_string_equal(add("2024-05-15", 0, CRM_MONTHS), "2024-05-15");
}

static void
test_month_year_rollover(void **state)
{
	(void)state;
	/* Nov + 3 = Feb of the next year; Feb 2025 has 28 days */
	assert_string_equal(add("2024-11-30", 3, CRM_MONTHS), "2025-02-28");
	/* Jan - 1 = Dec of the previous year */
	assert_string_equal(sub("2024-01-31", 1, CRM_MONTHS), "2023-12-31");
	/* Mar 2024 - 14 months = Jan 2023 */
	assert_string_equal(sub("2024-03-10", 14, CRM_MONTHS), "2023-01-10");
	/* 25 months after 1969-12-31 (before the epoch): 1972-01-31 */
	assert_string_equal(add("1969-12-31", 25, CRM_MONTHS), "1972-01-31");
}

static void
test_century_leap_years(void **state)
{
	(void)state;
	/* 1900: divisible by 100, not by 400, so common */
	assert_string_equal(add("1900-01-31", 1, CRM_MONTHS), "1900-02-28");
	assert_string_equal(add("1900-02-28", 1, CRM_DAYS), "1900-03-01");
	/* 2000: divisible by 400, so leap */
	assert_string_equal(add("2000-01-31", 1, CRM_MONTHS), "2000-02-29");
	assert_string_equal(add("2000-02-28", 1, CRM_DAYS), "2000-02-29");
	/* 2100: common again */
	assert_string_equal(add("2100-01-31", 1, CRM_MONTHS), "2100-02-28");
	assert_string_equal(add("2100-02-28", 1, CRM_DAYS), "2100-03-01");
	/* 2096 + 4 years from Feb 29 lands in common 2100 */
	assert_string_equal(add("2096-02-29", 48, CRM_MONTHS), "2100-02-28");
}

static void
test_days_and_weeks(void **state)
{
	(void)state;
	/* 2024-02-28 + 1 = Feb 29 (leap), + 2 = Mar 1 */
	assert_string_equal(add("2024-02-28", 1, CRM_DAYS), "2024-02-29");
	assert_string_equal(add("2024-02-28", 2, CRM_DAYS), "2024-03-01");
	/* 2 weeks = 14 days: Dec 25 + 14 = Jan 8 */
	assert_string_equal(add("2025-12-25", 2, CRM_WEEKS), "2026-01-08");
	assert_string_equal(sub("2026-01-08", 2, CRM_WEEKS), "2025-12-25");
	/* 2024 has 366 days */
	assert_string_equal(add("2024-01-01", 366, CRM_DAYS), "2025-01-01");
	assert_string_equal(sub("2025-01-01", 366, CRM_DAYS), "2024-01-01");
	/* crossing the epoch backwards */
	assert_string_equal(sub("1970-01-01", 1, CRM_DAYS), "1969-12-31");
	assert_string_equal(sub("1970-01-08", 2, CRM_WEEKS), "1969-12-25");
}

static void
test_weekday(void **state)
{
	(void)state;
	/* Monday = 0 .. Sunday = 6 */
	assert_int_equal(crm_weekday(0), 3);		/* 1970-01-01 Thu */
	assert_int_equal(crm_weekday(day("2024-02-29")), 3);	/* Thu */
	assert_int_equal(crm_weekday(day("2025-12-25")), 3);	/* Thu */
	assert_int_equal(crm_weekday(day("2026-01-01")), 3);	/* Thu */
	assert_int_equal(crm_weekday(day("2025-01-04")), 5);	/* Sat */
	assert_int_equal(crm_weekday(day("2025-06-08")), 6);	/* Sun */
	assert_int_equal(crm_weekday(day("2025-06-09")), 0);	/* Mon */
}

static void
test_weekday_before_1970(void **state)
{
	(void)state;
	/* the day before a Thursday */
	assert_int_equal(crm_weekday(-1), 2);			/* Wed */
	assert_int_equal(crm_weekday(-7), 3);			/* Thu */
	assert_int_equal(crm_weekday(-8), 2);			/* Wed */
	assert_int_equal(crm_weekday(day("1969-12-29")), 0);	/* Mon */
	assert_int_equal(crm_weekday(day("1945-05-08")), 1);	/* Tue */
	assert_int_equal(crm_weekday(day("1900-01-01")), 0);	/* Mon */
	assert_int_equal(crm_weekday(day("1776-07-04")), 3);	/* Thu */
	/* proleptic Gregorian */
	assert_int_equal(crm_weekday(day("1600-03-01")), 2);	/* Wed */
	/* extremes must not overflow: any 0..6 will do */
	assert_in_range(crm_weekday(INT32_MIN), 0, 6);
	assert_in_range(crm_weekday(INT32_MAX), 0, 6);
}

static void
test_anniversary(void **state)
{
	(void)state;
	/* birthday 1985-07-20: from mid-2025 before it -> this year */
	assert_string_equal(iso(crm_next_anniversary(day("1985-07-20"),
	    day("2025-03-01"))), "2025-07-20");
	/* after it -> next year */
	assert_string_equal(iso(crm_next_anniversary(day("1985-07-20"),
	    day("2025-07-21"))), "2026-07-20");
	/* from equal to the anniversary: on or after, so that day */
	assert_string_equal(iso(crm_next_anniversary(day("1985-07-20"),
	    day("2025-07-20"))), "2025-07-20");
	/* year-end: Dec 31 seen from Jan 1 is the same year */
	assert_string_equal(iso(crm_next_anniversary(day("2000-12-31"),
	    day("2026-01-01"))), "2026-12-31");
	/* Jan 1 seen from Jan 2 is the next year */
	assert_string_equal(iso(crm_next_anniversary(day("2000-01-01"),
	    day("2025-01-02"))), "2026-01-01");
	/* a date in the future: from before it gives its first anniversary */
	assert_string_equal(iso(crm_next_anniversary(day("2030-05-05"),
	    day("2025-01-01"))), "2025-05-05");
}

static void
test_anniversary_feb29(void **state)
{
	(void)state;
	/* 2025 is common: Feb 29 falls on Feb 28 */
	assert_string_equal(iso(crm_next_anniversary(day("2024-02-29"),
	    day("2025-01-01"))), "2025-02-28");
	/* from Feb 28 2025 itself: that day */
	assert_string_equal(iso(crm_next_anniversary(day("2024-02-29"),
	    day("2025-02-28"))), "2025-02-28");
	/* from Mar 1 2025: next is 2026-02-28 (2026 common) */
	assert_string_equal(iso(crm_next_anniversary(day("2024-02-29"),
	    day("2025-03-01"))), "2026-02-28");
	/* 2028 is leap: the real Feb 29 */
	assert_string_equal(iso(crm_next_anniversary(day("2024-02-29"),
	    day("2028-01-15"))), "2028-02-29");
	/* from Feb 29 2028 itself */
	assert_string_equal(iso(crm_next_anniversary(day("2024-02-29"),
	    day("2028-02-29"))), "2028-02-29");
	/* from 2028-02-28: Feb 29 is still ahead, not the clamped 28th */
	assert_string_equal(iso(crm_next_anniversary(day("2024-02-29"),
	    day("2028-02-28"))), "2028-02-29");
	/* 2100 is common */
	assert_string_equal(iso(crm_next_anniversary(day("2096-02-29"),
	    day("2100-01-01"))), "2100-02-28");
}

static void
test_interval_parse(void **state)
{
	static const struct {
		const char *s;
		long n;
		enum crm_unit unit;
	} ok[] = {
		{ "7", 7, CRM_DAYS },
		{ "0", 0, CRM_DAYS },
		{ "1 day", 1, CRM_DAYS },
		{ "30 days", 30, CRM_DAYS },
		{ "30days", 30, CRM_DAYS },
		{ "30   days", 30, CRM_DAYS },
		{ "  2 weeks  ", 2, CRM_WEEKS },
		{ "1 WEEK", 1, CRM_WEEKS },
		{ "3 Months", 3, CRM_MONTHS },
		{ "1 month", 1, CRM_MONTHS },
		{ "1 year", 12, CRM_MONTHS },		/* years are 12 months */
		{ "2 YeArS", 24, CRM_MONTHS },
		{ "007 days", 7, CRM_DAYS },
		{ "100000 days", 100000, CRM_DAYS },
		{ "\t5\tdays\t", 5, CRM_DAYS },
	};
	static const char *const bad[] = {
		"-1 day", "1.5 days", "3 fortnights", "", "day", "2 dayss",
		"   ", "+1 day", "1 day 2", "1 d", "1 days ago", "1,000 days",
		"100001 days", "99999999999999999999 days", "1 mon th",
		"0x10", "1 dày",
	};
	struct crm_interval v;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		v.n = -1;
		if (crm_interval_parse(ok[i].s, &v) != 0)
			fail_msg("rejected \"%s\"", ok[i].s);
		assert_int_equal(v.n, ok[i].n);
		assert_int_equal(v.unit, ok[i].unit);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (crm_interval_parse(bad[i], &v) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
}

static void
test_weekday_parse(void **state)
{
	(void)state;
	assert_int_equal(crm_weekday_parse("monday"), 0);
	assert_int_equal(crm_weekday_parse("Mon"), 0);
	assert_int_equal(crm_weekday_parse("TUESDAY"), 1);
	assert_int_equal(crm_weekday_parse("wed"), 2);
	assert_int_equal(crm_weekday_parse("Thursday"), 3);
	assert_int_equal(crm_weekday_parse("fri"), 4);
	assert_int_equal(crm_weekday_parse("SaT"), 5);
	assert_int_equal(crm_weekday_parse("sunday"), 6);
	assert_int_equal(crm_weekday_parse("sun"), 6);
	assert_int_equal(crm_weekday_parse(""), -1);
	assert_int_equal(crm_weekday_parse("mo"), -1);
	assert_int_equal(crm_weekday_parse("mond"), -1);
	assert_int_equal(crm_weekday_parse("mondays"), -1);
	assert_int_equal(crm_weekday_parse(" monday"), -1);
	assert_int_equal(crm_weekday_parse("montag"), -1);
}

static void
test_workdays_default(void **state)
{
	struct crm_workdays w;

	(void)state;
	crm_workdays_default(&w);
	assert_null(w.holidays);
	assert_int_equal(w.nholidays, 0);
	assert_true(crm_is_workday(&w, day("2025-01-03")));	/* Fri */
	assert_false(crm_is_workday(&w, day("2025-01-04")));	/* Sat */
	assert_false(crm_is_workday(&w, day("2025-01-05")));	/* Sun */
	assert_true(crm_is_workday(&w, day("2025-01-06")));	/* Mon */
	crm_workdays_free(&w);
}

static void
test_set_holidays(void **state)
{
	/* unsorted, with a duplicate */
	const int32_t days[] = { day("2025-12-26"), day("2025-01-01"),
	    day("2025-12-25"), day("2025-01-01") };
	const int32_t one[] = { day("2025-05-01") };
	struct crm_workdays w;
	struct crm_error e;

	(void)state;
	crm_workdays_default(&w);
	assert_int_equal(crm_workdays_set_holidays(&w, days, 4, &e), 0);
	assert_int_equal(w.nholidays, 3);
	assert_string_equal(iso(w.holidays[0]), "2025-01-01");
	assert_string_equal(iso(w.holidays[1]), "2025-12-25");
	assert_string_equal(iso(w.holidays[2]), "2025-12-26");
	assert_false(crm_is_workday(&w, day("2025-12-25")));	/* Thu */
	assert_true(crm_is_workday(&w, day("2025-12-24")));	/* Wed */
	/* setting again replaces the list (valgrind checks the free) */
	assert_int_equal(crm_workdays_set_holidays(&w, one, 1, &e), 0);
	assert_int_equal(w.nholidays, 1);
	assert_true(crm_is_workday(&w, day("2025-12-25")));
	assert_false(crm_is_workday(&w, day("2025-05-01")));	/* Thu */
	assert_int_equal(crm_workdays_set_holidays(&w, NULL, 0, &e), 0);
	assert_int_equal(w.nholidays, 0);
	assert_true(crm_is_workday(&w, day("2025-05-01")));
	crm_workdays_free(&w);
	assert_null(w.holidays);
}

static void
test_next_workday(void **state)
{
	/* Whit Monday 2025-06-09; Boxing Day 2025-12-26 is a Friday */
	const int32_t hol[] = { day("2025-06-09"), day("2025-12-26") };
	struct crm_workdays w;
	struct crm_error e;

	(void)state;
	crm_workdays_default(&w);
	/* a working day is its own next working day: Fri 2025-01-03 */
	assert_string_equal(iso(crm_next_workday(&w, day("2025-01-03"))),
	    "2025-01-03");
	/* across a weekend: Sat 2025-01-04, Sun -> Mon 2025-01-06 */
	assert_string_equal(iso(crm_next_workday(&w, day("2025-01-04"))),
	    "2025-01-06");
	assert_string_equal(iso(crm_next_workday(&w, day("2025-01-05"))),
	    "2025-01-06");
	assert_int_equal(crm_workdays_set_holidays(&w, hol, 2, &e), 0);
	/* Sat 06-07, Sun 06-08, Mon 06-09 holiday -> Tue 06-10 */
	assert_string_equal(iso(crm_next_workday(&w, day("2025-06-07"))),
	    "2025-06-10");
	assert_string_equal(iso(crm_next_workday(&w, day("2025-06-09"))),
	    "2025-06-10");
	/* Fri 12-26 holiday, Sat, Sun -> Mon 12-29 */
	assert_string_equal(iso(crm_next_workday(&w, day("2025-12-26"))),
	    "2025-12-29");
	/* before 1970: Sat 1969-12-27 -> Mon 1969-12-29 */
	assert_string_equal(iso(crm_next_workday(&w, day("1969-12-27"))),
	    "1969-12-29");
	crm_workdays_free(&w);
}

static void
test_next_workday_none(void **state)
{
	struct crm_workdays w;
	struct crm_error e;
	int32_t hol[4 * 366], start = day("2025-01-01");
	size_t i;

	(void)state;
	/* every day of the week off */
	crm_workdays_default(&w);
	memset(w.weekend, 1, sizeof(w.weekend));
	assert_int_equal(crm_next_workday(&w, start), CRM_NO_WORKDAY);
	/* weekends off and four years of holidays: none within 3 years */
	crm_workdays_default(&w);
	for (i = 0; i < sizeof(hol) / sizeof(hol[0]); i++)
		hol[i] = start + (int32_t)i;
	assert_int_equal(crm_workdays_set_holidays(&w, hol, 4 * 366, &e), 0);
	assert_int_equal(crm_next_workday(&w, start), CRM_NO_WORKDAY);
	/* one year of holidays: 2026-01-01 (Thu) is past them */
	assert_int_equal(crm_workdays_set_holidays(&w, hol, 365, &e), 0);
	assert_string_equal(iso(crm_next_workday(&w, start)), "2026-01-01");
	crm_workdays_free(&w);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_month_end_clamp),
		cmocka_unit_test(test_month_year_rollover),
		cmocka_unit_test(test_century_leap_years),
		cmocka_unit_test(test_days_and_weeks),
		cmocka_unit_test(test_weekday),
		cmocka_unit_test(test_weekday_before_1970),
		cmocka_unit_test(test_anniversary),
		cmocka_unit_test(test_anniversary_feb29),
		cmocka_unit_test(test_interval_parse),
		cmocka_unit_test(test_weekday_parse),
		cmocka_unit_test(test_workdays_default),
		cmocka_unit_test(test_set_holidays),
		cmocka_unit_test(test_next_workday),
		cmocka_unit_test(test_next_workday_none),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
