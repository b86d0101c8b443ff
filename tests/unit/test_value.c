/*
 * test_value.c - unit tests for lib/value.c: numbers, dates, booleans
 * and their formatting.  Every expected value is worked out by hand; the
 * day counts are derived in the comments beside them.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "value.h"

/*
 * Day numbers used below.  1970-01-01 is day 0.
 * 2024-01-01: 1970..2023 is 54 years = 54 * 365 = 19710 days, plus the
 *   13 leap days of 1972, 1976, ..., 2020 ((2020 - 1972) / 4 + 1) = 19723.
 * 2000-01-01: 30 years * 365 = 10950, plus 7 leap days (1972..1996) =
 *   10957 (also 946684800 s / 86400, the well-known Unix time).
 * 0001-01-01: the 1969 years 0001..1969 hold 1969 * 365 = 718685 days plus
 *   1969/4 - 1969/100 + 1969/400 = 492 - 19 + 4 = 477 leap days = 719162
 *   days before 1970-01-01, so it is day -719162.
 * 9999-12-31: the 8030 years 1970..9999 hold 8030 * 365 = 2930950 days
 *   plus (2499 - 99 + 24) - 477 = 1947 leap days = 2932897 days up to
 *   10000-01-01, so 9999-12-31 is day 2932896.
 */
#define D_2024_01_01	19723
#define D_2000_01_01	10957
#define D_0001_01_01	(-719162)
#define D_9999_12_31	2932896

static void
assert_number(const char *s, int decimal_comma, double want, int want_dec)
{
	double v = -999;
	int dec = -1;

	if (crm_number_parse(s, decimal_comma, &v, &dec) != CRM_VALUE_OK)
		fail_msg("\"%s\" did not parse", s);
	if (v != want)
		fail_msg("\"%s\": got %.17g, want %.17g", s, v, want);
	if (dec != want_dec)
		fail_msg("\"%s\": got %d decimals, want %d", s, dec, want_dec);
}

static void
assert_number_invalid(const char *s, int decimal_comma)
{
	double v;
	int dec;

	if (crm_number_parse(s, decimal_comma, &v, &dec) != CRM_VALUE_INVALID)
		fail_msg("\"%s\" was not rejected", s);
}

static void
test_number_plain(void **state)
{
	(void)state;
	assert_number("42", 0, 42, 0);
	assert_number(" 42 ", 0, 42, 0);
	assert_number("\t-0.25\t", 0, -0.25, 2);
	assert_number("+5", 0, 5, 0);
	assert_number(".5", 0, 0.5, 1);
	assert_number("5.", 0, 5, 0);
	assert_number("007", 0, 7, 0);
	assert_number("12.500", 0, 12.5, 3);
}

static void
test_number_thousands(void **state)
{
	(void)state;
	assert_number("1,234.50", 0, 1234.5, 2);
	assert_number("1,234,567", 0, 1234567, 0);
	assert_number("123,456", 0, 123456, 0);
	assert_number("-1,000", 0, -1000, 0);
	assert_number("1,234.", 0, 1234, 0);
}

static void
test_number_currency(void **state)
{
	(void)state;
	assert_number("\xc2\xa5" "1,000", 0, 1000, 0);		/* ¥ */
	assert_number("\xef\xbf\xa5" "1,000", 0, 1000, 0);	/* ￥ */
	assert_number("$-12.50", 0, -12.5, 2);
	assert_number("-$12.50", 0, -12.5, 2);
	assert_number("12.50\xe2\x82\xac", 0, 12.5, 2);		/* 12.50€ */
	assert_number("-12.50\xe2\x82\xac", 0, -12.5, 2);
	assert_number("\xc2\xa3" "7", 0, 7, 0);			/* £7 */
	assert_number(" $1,234.56 ", 0, 1234.56, 2);
	assert_number("$ 3", 0, 3, 0);
	assert_number("3 $", 0, 3, 0);
}

static void
test_number_parentheses(void **state)
{
	(void)state;
	assert_number("(3.00)", 0, -3, 2);
	assert_number("(12.50)", 0, -12.5, 2);
	assert_number("($12.50)", 0, -12.5, 2);
	assert_number("(1,000)", 0, -1000, 0);
}

static void
test_number_decimal_comma(void **state)
{
	(void)state;
	assert_number("1.234,50", 1, 1234.5, 2);
	assert_number("12,50 \xe2\x82\xac", 1, 12.5, 2);	/* 12,50 € */
	assert_number("-0,5", 1, -0.5, 1);
	assert_number("1.000.000", 1, 1000000, 0);
	assert_number_invalid("1,234.50", 1);
	assert_number_invalid("1.23", 1);
}

static void
test_number_negative_zero(void **state)
{
	double v;

	(void)state;
	assert_int_equal(crm_number_parse("-0", 0, &v, NULL), CRM_VALUE_OK);
	assert_true(v == 0 && !signbit(v));
	assert_int_equal(crm_number_parse("(0.00)", 0, &v, NULL),
	    CRM_VALUE_OK);
	assert_true(v == 0 && !signbit(v));
	assert_int_equal(crm_number_parse("-0.000", 0, &v, NULL),
	    CRM_VALUE_OK);
	assert_true(v == 0 && !signbit(v));
}

static void
test_number_invalid(void **state)
{
	static const char *const bad[] = {
		"1e400", "1e5", "--5", "+-5", "-+5", "1,23", "12,34,567",
		/* a decimal comma misread as a thousands separator */
		"0,500", "01,234",
		",123", "1234,567", "1,2345", "1.2.3", "(-3)", "(+3)", "-(3)",
		"$", "-$", "$-", "()", "(", "(3", "3)", "( 3)", "abc", "12a",
		"1 000", "- 5", "inf", "-inf", "nan", "0x10", ".", ",", "-",
		"$12$", "$-$1", "+$-5", "($-3)", "(-$3)", "1,234.5,6", "5-",
		"1.5e3", "\xe2\x82\xac", "12.5.",
		("1\302\240" "000"),	/* a no-break space as separator */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_number_invalid(bad[i], 0);
}

static void
test_number_empty(void **state)
{
	double v = 7;
	int dec = 7;

	(void)state;
	assert_int_equal(crm_number_parse("", 0, &v, &dec), CRM_VALUE_EMPTY);
	assert_int_equal(crm_number_parse("   ", 0, &v, &dec),
	    CRM_VALUE_EMPTY);
	assert_int_equal(crm_number_parse(" \t ", 1, &v, &dec),
	    CRM_VALUE_EMPTY);
	/* Missing is not zero: the outputs are left alone. */
	assert_true(v == 7);
	assert_int_equal(dec, 7);
}

static void
test_number_long(void **state)
{
	char s[1001];
	double v;

	(void)state;
	memset(s, '9', 1000);
	s[1000] = '\0';
	assert_int_equal(crm_number_parse(s, 0, &v, NULL), CRM_VALUE_INVALID);

	/* "1" and 308 zeros is 1e308, below DBL_MAX (about 1.797e308). */
	s[0] = '1';
	memset(s + 1, '0', 308);
	s[309] = '\0';
	assert_int_equal(crm_number_parse(s, 0, &v, NULL), CRM_VALUE_OK);
	assert_true(v == 1e308);

	/* One more zero is 1e309: too short to be cut, but overflows. */
	s[309] = '0';
	s[310] = '\0';
	assert_int_equal(crm_number_parse(s, 0, &v, NULL), CRM_VALUE_INVALID);
}

static void
assert_date(const char *s, const char *fmt, int32_t want)
{
	int32_t days = -12345678;

	if (crm_date_parse(s, fmt, &days) != CRM_VALUE_OK)
		fail_msg("\"%s\" (%s) did not parse", s, fmt ? fmt : "NULL");
	if (days != want)
		fail_msg("\"%s\": got day %ld, want %ld", s, (long)days,
		    (long)want);
}

static void
assert_date_invalid(const char *s, const char *fmt)
{
	int32_t days;

	if (crm_date_parse(s, fmt, &days) != CRM_VALUE_INVALID)
		fail_msg("\"%s\" (%s) was not rejected", s,
		    fmt ? fmt : "NULL");
}

/* s parses exactly to units / 10^scale, with dec decimals written. */
static void
assert_decimal(const char *s, int decimal_comma, long long units, int scale,
    int dec)
{
	struct crm_decimal d;
	int got = -1, r;

	if ((r = crm_decimal_parse(s, decimal_comma, &d, &got)) !=
	    CRM_VALUE_OK)
		fail_msg("\"%s\": result %d", s, r);
	if (d.units != units || d.scale != scale || got != dec)
		fail_msg("\"%s\": got %lld / 10^%d (%d written), want %lld / "
		    "10^%d (%d)", s, (long long)d.units, d.scale, got, units,
		    scale, dec);
}

static void
test_decimal_parse(void **state)
{
	struct crm_decimal d;
	char s[400];

	(void)state;
	/* the grammar of crm_number_parse, exactly */
	assert_decimal("42", 0, 42, 0, 0);
	assert_decimal("\t-0.25 ", 0, -25, 2, 2);
	assert_decimal("5.50", 0, 550, 2, 2);
	assert_decimal("$1,234.50", 0, 123450, 2, 2);
	assert_decimal("1.234,5 \xe2\x82\xac", 1, 12345, 1, 1);
	assert_decimal("(5.50)", 0, -550, 2, 2);
	assert_decimal("-$3", 0, -3, 0, 0);
	assert_decimal(".5", 0, 5, 1, 1);
	assert_decimal("5.", 0, 5, 0, 0);
	/* no -0: integers have one zero */
	assert_decimal("-0", 0, 0, 0, 0);
	assert_decimal("-0.00", 0, 0, 2, 2);
	assert_decimal("(0.00)", 0, 0, 2, 2);
	/* 18 digits: the one-pass path; 19 and more: the full one */
	assert_decimal("999999999999999999", 0, 999999999999999999LL, 0, 0);
	assert_decimal("9223372036854775807", 0, 9223372036854775807LL, 0,
	    0);
	assert_decimal("-92233720368547758.07", 0, -9223372036854775807LL, 2,
	    2);
	assert_int_equal(crm_decimal_parse("", 0, &d, NULL), CRM_VALUE_EMPTY);
	assert_int_equal(crm_decimal_parse("1x", 0, &d, NULL),
	    CRM_VALUE_INVALID);
	assert_int_equal(crm_decimal_parse("1e5", 0, &d, NULL),
	    CRM_VALUE_INVALID);
	assert_int_equal(crm_decimal_parse("1,23", 0, &d, NULL),
	    CRM_VALUE_INVALID);
	/* 38 digits hold; 39 do not (leading zeros are not digits) */
	memset(s, '9', 38);
	s[38] = '\0';
	assert_int_equal(crm_decimal_parse(s, 0, &d, NULL), CRM_VALUE_OK);
	assert_true(d.units == crm_decimal_max());
	snprintf(s, sizeof(s), "1%038d", 0);
	assert_int_equal(crm_decimal_parse(s, 0, &d, NULL), CRM_VALUE_RANGE);
	snprintf(s, sizeof(s), "-000%038d", 1);
	assert_int_equal(crm_decimal_parse(s, 0, &d, NULL), CRM_VALUE_OK);
	assert_true(d.units == -1 && d.scale == 0);
	snprintf(s, sizeof(s), "%0308d", 1);
	assert_int_equal(crm_decimal_parse(s, 0, &d, NULL), CRM_VALUE_OK);
	snprintf(s, sizeof(s), "1%0308d", 0);
	assert_int_equal(crm_decimal_parse(s, 0, &d, NULL), CRM_VALUE_RANGE);
	/* 38 decimals hold, 39 do not; zeros past the 38th are dropped */
	snprintf(s, sizeof(s), "0.%038d", 1);
	assert_decimal(s, 0, 1, 38, 38);
	snprintf(s, sizeof(s), "0.%039d", 1);
	assert_int_equal(crm_decimal_parse(s, 0, &d, NULL), CRM_VALUE_RANGE);
	snprintf(s, sizeof(s), "0.5%040d", 0);
	assert_int_equal(crm_decimal_parse(s, 0, &d, NULL), CRM_VALUE_OK);
	assert_true(d.units == 5 * (crm_i128)crm_decimal_pow10(37) &&
	    d.scale == 38);
}

static void
test_decimal_parse_matches(void **state)
{
	/*
	 * crm_number_parse is the reference: the exact value, as a double,
	 * is the double it gives (both correctly rounded), and the decimals
	 * agree.  Random decimals of 1 to 38 digits from a fixed xorshift
	 * sequence, with a sign, a point, and every third one in thousands;
	 * written back with all its decimals, the value is the digits read.
	 */
	unsigned long long x = 88172645463325252ULL;
	char s[128], digits[64], back[CRM_DECIMAL_SIZE];
	struct crm_decimal d;
	long i;

	(void)state;
	for (i = 0; i < 200000; i++) {
		int n, point, k, o = 0, dec = -1, dec2 = -1;
		double v, w;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		n = 1 + (int)(x % 38);
		point = (int)((x >> 8) % (unsigned)(n + 1));
		digits[0] = (char)('1' + (x >> 16) % 9);
		for (k = 1; k < n; k++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			digits[k] = (char)('0' + x % 10);
		}
		if (i % 2)
			s[o++] = '-';
		for (k = 0; k < n; k++) {
			if (k == n - point && point > 0) {
				if (k == 0)
					s[o++] = '0';
				s[o++] = '.';
			}
			s[o++] = digits[k];
		}
		s[o] = '\0';
		assert_int_equal(crm_decimal_parse(s, 0, &d, &dec),
		    CRM_VALUE_OK);
		assert_int_equal(crm_number_parse(s, 0, &v, &dec2),
		    CRM_VALUE_OK);
		assert_int_equal(dec, dec2);
		assert_int_equal(d.scale, point);
		w = crm_decimal_to_double(d.units, d.scale);
		if (v != w)
			fail_msg("%s: %.17g exact, %.17g parsed", s, w, v);
		crm_decimal_format(d.units, d.scale, d.scale, back,
		    sizeof(back));
		if (strcmp(back, s) != 0)
			fail_msg("%s read back as %s", s, back);
	}
}

static void
test_date_iso(void **state)
{
	(void)state;
	assert_date("1970-01-01", NULL, 0);
	assert_date("1969-12-31", NULL, -1);
	/* Jan 31 + Feb 28 days before Feb 29: 19723 + 59 = 19782. */
	assert_date("2024-02-29", NULL, 19782);
	/* 2024-01-31 is 30 days after 2024-01-01. */
	assert_date("2024-01-31", NULL, D_2024_01_01 + 30);
	assert_date("2024/01/31", NULL, D_2024_01_01 + 30);
	assert_date("20240131", NULL, D_2024_01_01 + 30);
	assert_date("  2024-01-31 ", NULL, D_2024_01_01 + 30);
	/* 2000 is a leap year (divisible by 400): 10957 + 59. */
	assert_date("2000-02-29", NULL, D_2000_01_01 + 59);
	assert_date("0001-01-01", NULL, D_0001_01_01);
	assert_date("9999-12-31", NULL, D_9999_12_31);
}

/*
 * YYYY-MM-DD alone takes a shorter path than YYYY/MM/DD: every month 00
 * to 13 and day 00 to 32 of four years (1900 not leap, 2000 leap by the
 * 400 rule, 2023, 2024) parses exactly when the calendar below has the
 * day, and to the same day as its YYYY/MM/DD spelling; the day before
 * each 1st is the last of the month before.
 */
static void
test_date_every_day(void **state)
{
	static const int years[] = { 1900, 2000, 2023, 2024 };
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };
	char dash[16], slash[16];
	int32_t a, b, prev_last = 0;
	size_t i;
	int m, d;

	(void)state;
	for (i = 0; i < 4; i++) {
		int y = years[i], leap = y % 4 == 0 && (y % 100 || y == 2000);

		for (m = 0; m <= 13; m++) {
			for (d = 0; d <= 32; d++) {
				int valid = m >= 1 && m <= 12 && d >= 1 &&
				    d <= mdays[m - 1] + (m == 2 && leap);

				snprintf(dash, sizeof(dash), "%04d-%02d-%02d",
				    y, m, d);
				snprintf(slash, sizeof(slash), "%04d/%02d/%02d",
				    y, m, d);
				if (!valid) {
					assert_date_invalid(dash, NULL);
					continue;
				}
				assert_int_equal(crm_date_parse(dash, NULL,
				    &a), CRM_VALUE_OK);
				assert_int_equal(crm_date_parse(slash, NULL,
				    &b), CRM_VALUE_OK);
				assert_int_equal(a, b);
				if (d == 1 && m > 1)
					assert_int_equal(a, prev_last + 1);
				prev_last = a;
			}
		}
	}
}

static void
test_date_time(void **state)
{
	const int32_t want = D_2024_01_01 + 30;

	(void)state;
	assert_date("2024-01-31T10:20:30", NULL, want);
	assert_date("2024-01-31 10:20:30.5Z", NULL, want);
	assert_date("2024-01-31 10:20", NULL, want);
	assert_date("2024-01-31T10:20Z", NULL, want);
	assert_date("2024-01-31T10:20+02:00", NULL, want);
	assert_date("2024-01-31T10:20:30-0530", NULL, want);
	assert_date("2024-01-31T23:59:60", NULL, want);
	assert_date("2024-01-31T00:00:00.000001", NULL, want);
	assert_date("2024/01/31 10:20", NULL, want);
	assert_date("20240131T10:20", NULL, want);
}

static void
test_date_invalid(void **state)
{
	static const char *const bad[] = {
		"2024-02-30", "2023-02-29", "1900-02-29", "2024-13-01",
		"2024-00-10", "2024-04-31", "2024-01-00", "0000-00-00",
		"0000-01-01", "10000-01-01", "2024-01-31+02:00", "2024-01-31Z",
		"2024-1-31", "2024-01-1", "24-01-31", "2024-01/31",
		"2024/01-31", "2024.01.31", "202401311", "2024013",
		"2024-01-31T", "2024-01-31  10:20",
		"2024-01-31t10:20", "2024-01-31x", "2024-01-31T24:00",
		"2024-01-31T10:60", "2024-01-31T10:20:61", "2024-01-31T1:20",
		"2024-01-31T10:20:30.", "2024-01-31T10:20:3",
		"2024-01-31T10:20 extra", "2024-01-31T10:20+2",
		"2024-01-31T10:20+24:00",
		"2024-01-31T10:20+02:60", "2024-01-31T10:20ZZ", "31/12/2024",
		"abc", "2024-01-31T10",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_date_invalid(bad[i], NULL);
}

static void
test_date_format_string(void **state)
{
	(void)state;
	/* 2024 is leap, 366 days: 2024-12-31 is 19723 + 365 = 20088. */
	assert_date("31/12/2024", "%d/%m/%Y", D_2024_01_01 + 365);
	/* 5 March 2024: Jan 31 + Feb 29 + 4 = 64 days after Jan 1. */
	assert_date("5 Mar 2024", "%d %b %Y", D_2024_01_01 + 64);
	assert_date("05 MAR 2024", "%d %b %Y", D_2024_01_01 + 64);
	assert_date("05-mar-2024", "%d-%b-%Y", D_2024_01_01 + 64);
	assert_date("3/5/2024", "%m/%d/%Y", D_2024_01_01 + 64);
	assert_date("20240305", "%Y%m%d", D_2024_01_01 + 64);
	assert_date("31/12/2024 10:20:30", "%d/%m/%Y %H:%M:%S",
	    D_2024_01_01 + 365);
	assert_date("31/12/2024 %", "%d/%m/%Y %%", D_2024_01_01 + 365);
	assert_date(" 31/12/2024 ", "%d/%m/%Y", D_2024_01_01 + 365);
}

/*
 * A time after any format, as exports write it (Excel's US CSV writes
 * 3/5/2024 14:35): 5 March 2024 is day 19723 + 64 (see above).
 */
static void
test_date_format_then_time(void **state)
{
	int32_t want = D_2024_01_01 + 64;

	(void)state;
	assert_date("3/5/2024 14:35", "%m/%d/%Y", want);
	assert_date("3/5/2024 9:05", "%m/%d/%Y", want);
	assert_date("03/05/2024 14:35:59", "%m/%d/%Y", want);
	assert_date("3/5/2024T14:35:59.250Z", "%m/%d/%Y", want);
	assert_date("3/5/2024 14:35+01:00", "%m/%d/%Y", want);
	assert_date("3/5/2024 2:35 PM", "%m/%d/%Y", want);
	assert_date("3/5/2024 12:00 am", "%m/%d/%Y", want);
	assert_date("3/5/2024 11:59:59PM", "%m/%d/%Y", want);
	assert_date(" 5 Mar 2024 08:00 ", "%d %b %Y", want);
	assert_date("05.03.2024 14:35", "%d.%m.%Y", want);
	/* a format that reads a time takes no second one */
	assert_date("3/5/2024 14:35", "%m/%d/%Y %H:%M", want);
	assert_date_invalid("3/5/2024 14:35 14:35", "%m/%d/%Y %H:%M");
	assert_date_invalid("3/5/2024 14", "%m/%d/%Y");
	assert_date_invalid("3/5/2024 14:3", "%m/%d/%Y");
	assert_date_invalid("3/5/2024 24:00", "%m/%d/%Y");
	assert_date_invalid("3/5/2024 13:00 PM", "%m/%d/%Y");
	assert_date_invalid("3/5/2024 0:00 AM", "%m/%d/%Y");
	assert_date_invalid("3/5/2024 2:35 PMx", "%m/%d/%Y");
	assert_date_invalid("3/5/2024 2:35 PM+01:00", "%m/%d/%Y");
	assert_date_invalid("3/5/2024  14:35", "%m/%d/%Y");
	assert_date_invalid("3/5/2024x14:35", "%m/%d/%Y");
	assert_date_invalid("2/30/2024 14:35", "%m/%d/%Y");
	/* the ISO layouts keep their two-digit hours, with no AM or PM */
	assert_date_invalid("2024-03-05 9:05", NULL);
	assert_date_invalid("2024-03-05 09:05 PM", NULL);
}

/* Which refused values get "(see --date-format)" (value.h). */
static void
test_date_hint(void **state)
{
	static const char *const hint[] = {
		"3/5/2024", "3/5/2024 14:35", "05.03.2024", "5 Mar 2024",
		"Mar 5, 2024", "2024-3-5", "03052024", "31122024",
		"2024.03.05", " 5-mar-2024 ",
	};
	static const char *const none[] = {
		"", "  ", "soon", "n/a", "yesterday", "45352", "2024",
		"0000-00-00", "2024-02-30", "2024-13-01", "2024/02/30",
		"2024-02-30T10:00", "20240230", "3/5/24", "Q1 2024",
		"2024-03-05 25:00", "0000/00/00",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(hint) / sizeof(hint[0]); i++)
		if (!crm_date_hint(hint[i], NULL))
			fail_msg("no hint for \"%s\"", hint[i]);
	for (i = 0; i < sizeof(none) / sizeof(none[0]); i++)
		if (crm_date_hint(none[i], NULL))
			fail_msg("a hint for \"%s\"", none[i]);
	/* with a format: 13 cannot be the month, 30 February is no day */
	assert_true(crm_date_hint("13/5/2024", "%m/%d/%Y"));
	assert_true(crm_date_hint("2024-03-05", "%m/%d/%Y"));
	assert_false(crm_date_hint("2/30/2024", "%m/%d/%Y"));
	assert_false(crm_date_hint("3/5/2024 25:00", "%m/%d/%Y"));
	assert_false(crm_date_hint("soon", "%m/%d/%Y"));
}

static void
test_date_format_string_invalid(void **state)
{
	int32_t days;

	(void)state;
	assert_date_invalid("31-12-2024", "%d/%m/%Y");
	assert_date_invalid("31/12/2024x", "%d/%m/%Y");
	assert_date_invalid("31/12/24", "%d/%m/%Y");
	assert_date_invalid("31/12/20245", "%d/%m/%Y");
	assert_date_invalid("31/13/2024", "%d/%m/%Y");
	assert_date_invalid("31/02/2024", "%d/%m/%Y");
	assert_date_invalid("5 Mrz 2024", "%d %b %Y");
	assert_date_invalid("5 March 2024", "%d %b %Y");
	assert_date_invalid("31/12/2024 25:00:00", "%d/%m/%Y %H:%M:%S");
	assert_date_invalid("31/12/2024 10:61:00", "%d/%m/%Y %H:%M:%S");
	assert_date_invalid("31/12/2024 x", "%d/%m/%Y %%");
	/* Unknown conversion, a lone '%', and a format missing the day. */
	assert_date_invalid("31/12/24", "%d/%m/%y");
	assert_date_invalid("31/12/2024", "%d/%m/%Y%");
	assert_date_invalid("2024-12", "%Y-%m");
	assert_int_equal(crm_date_parse("", "%d/%m/%Y", &days),
	    CRM_VALUE_EMPTY);
}

static void
test_date_empty(void **state)
{
	int32_t days = 5;

	(void)state;
	assert_int_equal(crm_date_parse("", NULL, &days), CRM_VALUE_EMPTY);
	assert_int_equal(crm_date_parse("   ", NULL, &days), CRM_VALUE_EMPTY);
	assert_int_equal(days, 5);
}

/* The calendar rule, written independently of lib/value.c. */
static int
month_length(int y, int m)
{
	if (m == 2)
		return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28;
	return m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
}

/*
 * Walks every day from 0001-01-01 to 9999-12-31 one day at a time with
 * the rule above and checks both conversions at each step, and that the
 * walk ends on the day number computed by hand.
 */
static void
test_civil_round_trip(void **state)
{
	int32_t days = D_0001_01_01;
	int y = 1, m = 1, d = 1, gy, gm, gd;

	(void)state;
	for (;;) {
		crm_civil_from_days(days, &gy, &gm, &gd);
		if (gy != y || gm != m || gd != d)
			fail_msg("day %ld: got %d-%d-%d, want %d-%d-%d",
			    (long)days, gy, gm, gd, y, m, d);
		if (crm_days_from_civil(y, m, d) != days)
			fail_msg("%d-%d-%d: got day %ld, want %ld", y, m, d,
			    (long)crm_days_from_civil(y, m, d), (long)days);
		if (y == 9999 && m == 12 && d == 31)
			break;
		days++;
		if (++d > month_length(y, m)) {
			d = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
	assert_int_equal(days, D_9999_12_31);
}

static void
test_date_format(void **state)
{
	char buf[11];

	(void)state;
	crm_date_format(0, buf);
	assert_string_equal(buf, "1970-01-01");
	crm_date_format(-1, buf);
	assert_string_equal(buf, "1969-12-31");
	crm_date_format(19782, buf);
	assert_string_equal(buf, "2024-02-29");
	crm_date_format(D_2024_01_01 + 365, buf);
	assert_string_equal(buf, "2024-12-31");
	crm_date_format(D_0001_01_01, buf);
	assert_string_equal(buf, "0001-01-01");
	crm_date_format(D_9999_12_31, buf);
	assert_string_equal(buf, "9999-12-31");
	/* Year 10000 does not fit YYYY. */
	crm_date_format(D_9999_12_31 + 1, buf);
	assert_string_equal(buf, "0000-00-00");
}

static void
test_bool(void **state)
{
	static const struct {
		const char *s;
		int want;
	} cases[] = {
		{ "1", 1 }, { "0", 0 },
		{ "true", 1 }, { "TRUE", 1 }, { "True", 1 }, { "tRuE", 1 },
		{ "false", 0 }, { "FALSE", 0 }, { "False", 0 },
		{ "yes", 1 }, { "YES", 1 }, { "Yes", 1 },
		{ "no", 0 }, { "NO", 0 }, { "No", 0 },
		{ "y", 1 }, { "Y", 1 }, { "n", 0 }, { "N", 0 },
		{ "t", 1 }, { "T", 1 }, { "f", 0 }, { "F", 0 },
		{ "x", 1 }, { "X", 1 },
		{ "\xe6\x98\xaf", 1 },		/* 是 */
		{ "\xe5\x90\xa6", 0 },		/* 否 */
		{ " yes ", 1 }, { "\tN\t", 0 }, { " \xe6\x98\xaf ", 1 },
		{ "", 0 }, { "   ", 0 },
	};
	size_t i;
	int v;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		v = -1;
		if (crm_bool_parse(cases[i].s, &v) != CRM_VALUE_OK)
			fail_msg("\"%s\" did not parse", cases[i].s);
		if (v != cases[i].want)
			fail_msg("\"%s\": got %d, want %d", cases[i].s, v,
			    cases[i].want);
	}
}

static void
test_bool_invalid(void **state)
{
	static const char *const bad[] = {
		"maybe", "2", "-1", "yess", "ye", "tr", "t r", "on", "off",
		"xx", "\xe6\x98\xaf\xe5\x90\xa6", "\xe6\x98", "00", "1.0",
	};
	size_t i;
	int v;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (crm_bool_parse(bad[i], &v) != CRM_VALUE_INVALID)
			fail_msg("\"%s\" was not rejected", bad[i]);
}

static void
assert_number_format(double v, int decimals, const char *want)
{
	char buf[64];
	int n;

	n = crm_number_format(v, decimals, buf, sizeof(buf));
	assert_string_equal(buf, want);
	assert_int_equal(n, strlen(want));
}

static void
test_number_format(void **state)
{
	char buf[4];

	(void)state;
	assert_number_format(-0.001, 2, "0.00");
	assert_number_format(1234.5, 2, "1234.50");
	assert_number_format(0, 2, "0.00");
	assert_number_format(-0.0, 0, "0");
	assert_number_format(-0.4, 0, "0");
	assert_number_format(-12.345678, 3, "-12.346");
	assert_number_format(-0.01, 2, "-0.01");
	/* decimals clamp to 0..9. */
	assert_number_format(0.5, 12, "0.500000000");
	assert_number_format(7.25, -1, "7");
	/* snprintf semantics: cut to fit, return the full length. */
	assert_int_equal(crm_number_format(1234.5, 2, buf, sizeof(buf)), 7);
	assert_string_equal(buf, "123");
}

static void
assert_fraction_format(double v, int decimals, const char *want)
{
	char buf[64];
	int n;

	n = crm_fraction_format(v, decimals, buf, sizeof(buf));
	assert_string_equal(buf, want);
	assert_int_equal(n, strlen(want));
}

static void
test_fraction_format(void **state)
{
	(void)state;
	assert_fraction_format(0.25, 6, "0.25");
	assert_fraction_format(1.0, 6, "1");
	assert_fraction_format(1.0 / 3, 6, "0.333333");
	assert_fraction_format(-0.0000001, 6, "0");
	assert_fraction_format(2.0 / 3, 2, "0.67");
	assert_fraction_format(10, 0, "10");
	assert_fraction_format(100, 3, "100");
	assert_fraction_format(100.5, 3, "100.5");
	assert_fraction_format(-0.5, 6, "-0.5");
	assert_fraction_format(0.0000004, 6, "0");
	assert_fraction_format(0.9999999, 6, "1");
}

static void
test_round_decimals(void **state)
{
	(void)state;
	/* 0.1 + 0.2 - 0.3 is 5.55e-17 in binary; in tenths it is 0 */
	assert_true(crm_round_decimals(0.1 + 0.2 - 0.3, 1) == 0.0);
	/* 0.1 + 0.2 is 0.30000000000000004; rounded it is the double 0.3 */
	assert_true(crm_round_decimals(0.1 + 0.2, 1) == 0.3);
	assert_true(crm_round_decimals(-0.1 - 0.2, 2) == -0.3);
	assert_true(crm_round_decimals(1234.5678, 2) == 1234.57);
	/* too large to hold 2^53 hundredths: left alone */
	assert_true(crm_round_decimals(1e300, 2) == 1e300);
}

static void
test_date_format_check(void **state)
{
	(void)state;
	assert_int_equal(crm_date_format_check("%d/%m/%Y"), 0);
	assert_int_equal(crm_date_format_check("%d %b %Y %H:%M:%S"), 0);
	assert_int_equal(crm_date_format_check("%Y%%%m%%%d"), 0);
	assert_int_equal(crm_date_format_check("%Q %d %m %Y"), -1);
	assert_int_equal(crm_date_format_check("%m/%Y"), -1);	/* no day */
	assert_int_equal(crm_date_format_check("%d/%m/%Y%"), -1);
	assert_int_equal(crm_date_format_check(""), -1);
}

/*
 * The reference of the rule: the shortest decimal that reads back as v,
 * by brute force (the first of "%.1e" .. "%.17e" that strtod turns back
 * into v), then rounded half away from zero to d places on its digits
 * in a string, the obvious way.  want holds 400 bytes.
 */
static void
reference(double v, int d, char *want)
{
	char s[64], digits[64], out[400];
	int p, n = 0, exp, i, o = 0, keep, carry, nonzero = 0;

	for (p = 1; p <= 17; p++) {
		snprintf(s, sizeof(s), "%.*e", p - 1, v);
		if (strtod(s, NULL) == v)
			break;
	}
	/* digits, and the exponent of the first one */
	for (i = s[0] == '-'; s[i] != 'e'; i++)
		if (s[i] != '.')
			digits[n++] = s[i];
	exp = atoi(strchr(s, 'e') + 1);
	/* as a fixed string of 340 digits, the point after index 320 */
	memset(out, '0', 340);
	for (i = 0; i < n; i++)
		if (320 - exp + i >= 0 && 320 - exp + i < 340)
			out[320 - exp + i] = digits[i];
	keep = 321 + d;		/* digits before this one stay */
	carry = out[keep] >= '5';
	for (i = keep - 1; carry && i >= 0; i--) {
		carry = out[i] == '9';
		out[i] = carry ? '0' : (char)(out[i] + 1);
	}
	for (i = 0; i < keep; i++)
		nonzero |= out[i] != '0';
	if (v < 0 && nonzero)
		want[o++] = '-';
	for (i = 0; i < 320 && out[i] == '0'; i++)
		;
	for (; i < 321; i++)
		want[o++] = out[i];
	if (d > 0)
		want[o++] = '.';
	for (; i < keep; i++)
		want[o++] = out[i];
	want[o] = '\0';
}

static void
test_format_matches_reference(void **state)
{
	/*
	 * The rule of crm_number_format (value.h), against reference():
	 * the fast path away from ties must agree with it too.  Values:
	 * cents, fractions, thousandths, halves at d places, and large
	 * amounts from a fixed xorshift sequence.  Where printf differs,
	 * the value is a decimal tie (or a number of 17+ digits whose
	 * binary tail printf writes out).
	 */
	unsigned long long x = 88172645463325252ULL;
	char got[CRM_NUMBER_SIZE], want[400], pf[400];
	long i, ties = 0;

	(void)state;
	for (i = 0; i < 400000; i++) {
		double v;
		int d;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		d = (int)(x % 10);
		switch (i % 5) {
		case 0:
			v = (double)(long long)(x % 2000000001) / 100.0 - 1e7;
			break;
		case 1:
			v = (double)(x >> 11) / 4503599627370496.0 - 1;
			break;
		case 2:
			v = (double)(long long)(x % 1000000) / 1000.0;
			break;
		case 3:
			/* a half at d places: k + 5 * 10^-(d+1) */
			v = ((double)(long long)(x % 200001) - 100000) / 10.0 +
			    (x & 1 ? 5 : -5) / pow(10, d + 1);
			break;
		default:
			v = ((double)(x >> 11) / 9007199254740992.0 - 0.5) *
			    1e12;
			break;
		}
		crm_number_format(v, d, got, sizeof(got));
		reference(v, d, want);
		if (strcmp(got, want) != 0)
			fail_msg("%.17g with %d decimals: %s, reference %s", v,
			    d, got, want);
		snprintf(pf, sizeof(pf), "%.*f", d, v);
		ties += strcmp(pf, got) != 0;
	}
	/* the halves of case 3 that printf rounds to even, or down */
	assert_true(ties > 1000);
	crm_number_format(0.125, 2, got, sizeof(got));
	assert_string_equal(got, "0.13");
	crm_number_format(-0.125, 2, got, sizeof(got));
	assert_string_equal(got, "-0.13");
	crm_number_format(72.125, 2, got, sizeof(got));
	assert_string_equal(got, "72.13");
	crm_number_format(1.015, 2, got, sizeof(got));
	assert_string_equal(got, "1.02");
	crm_number_format(2.5, 0, got, sizeof(got));
	assert_string_equal(got, "3");
	crm_number_format(9.995, 2, got, sizeof(got));
	assert_string_equal(got, "10.00");
	crm_number_format(-0.004, 2, got, sizeof(got));
	assert_string_equal(got, "0.00");
	/* 0.1 * 3 is 0.30000000000000004: that is its shortest decimal */
	crm_number_format(0.1 * 3, 9, got, sizeof(got));
	assert_string_equal(got, "0.300000000");
	/* no binary tail: 1e23 is 99999999999999991611392 in binary */
	crm_number_format(1e23, 0, got, sizeof(got));
	assert_string_equal(got, "100000000000000000000000");
	crm_number_format(12345678901.2345, 6, got, sizeof(got));
	assert_string_equal(got, "12345678901.234500");
}

/* No format writes inf or nan: an empty text and -1 instead. */
static void
test_format_not_finite(void **state)
{
	char buf[CRM_NUMBER_SIZE];

	(void)state;
	assert_int_equal(crm_number_format(HUGE_VAL, 2, buf, sizeof(buf)),
	    -1);
	assert_string_equal(buf, "");
	assert_int_equal(crm_fraction_format(-HUGE_VAL, 6, buf, sizeof(buf)),
	    -1);
	assert_string_equal(buf, "");
	assert_int_equal(crm_fraction_format(NAN, 6, buf, sizeof(buf)), -1);
	assert_string_equal(buf, "");
}

static void
test_integer_format(void **state)
{
	char buf[24];

	(void)state;
	assert_int_equal(crm_integer_format(0, buf), 1);
	assert_string_equal(buf, "0");
	crm_integer_format(-7, buf);
	assert_string_equal(buf, "-7");
	crm_integer_format(1234567890123LL, buf);
	assert_string_equal(buf, "1234567890123");
	/* the most negative value has no positive twin */
	crm_integer_format(-9223372036854775807LL - 1, buf);
	assert_string_equal(buf, "-9223372036854775808");
}

static void
test_parse_matches_strtod(void **state)
{
	/*
	 * strtod is the reference: short numbers take a faster exact path
	 * and must give the very same double, and the decimals counted.
	 * Random decimals of 1 to 15 digits from a fixed xorshift sequence,
	 * and 16+ digits (strtod's); integers read the same with a decimal
	 * comma.
	 */
	unsigned long long x = 88172645463325252ULL;
	char s[64];
	long i;

	(void)state;
	for (i = 0; i < 400000; i++) {
		unsigned long long m, lim = 1, p = 1;
		int digits, d, k;
		double b;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		digits = 1 + (int)(x % 18);
		d = (int)((x >> 8) % (unsigned)(digits + 1));
		for (k = 0; k < digits; k++)
			lim *= 10;
		m = (x >> 4) % lim;
		for (k = 0; k < d; k++)
			p *= 10;
		if (d == 0)
			snprintf(s, sizeof(s), "%s%llu", (x & 1) ? "-" : "", m);
		else
			snprintf(s, sizeof(s), "%s%llu.%0*llu", (x & 1) ? "-" :
			    "", m / p, d, m % p);
		b = strtod(s, NULL);
		if (b == 0)
			b = 0;
		assert_number(s, 0, b, d);
		if (d == 0)
			assert_number(s, 1, b, 0);
	}
}

/*
 * The Gregorian rule: every fourth year, but not centuries, except every
 * fourth century.  Month lengths from the rhyme "thirty days hath
 * September...".
 */
static void
test_leap_years_and_month_lengths(void **state)
{
	static const int mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int m;

	(void)state;
	assert_true(crm_is_leap_year(2024));
	assert_true(crm_is_leap_year(2000));
	assert_true(crm_is_leap_year(1600));
	assert_false(crm_is_leap_year(2023));
	assert_false(crm_is_leap_year(1900));
	assert_false(crm_is_leap_year(2100));
	/* the proleptic calendar before year 1: -4 and 0 are leap years */
	assert_true(crm_is_leap_year(0));
	assert_true(crm_is_leap_year(-4));
	assert_false(crm_is_leap_year(-1));
	for (m = 1; m <= 12; m++) {
		assert_int_equal(crm_days_in_month(2023, m), mdays[m - 1]);
		assert_int_equal(crm_days_in_month(2024, m),
		    mdays[m - 1] + (m == 2));
	}
	assert_int_equal(crm_days_in_month(1900, 2), 28);
	assert_int_equal(crm_days_in_month(2000, 2), 29);
}

/* Blanks are spaces and tabs, at either end only. */
static void
test_text_trim(void **state)
{
	static const struct {
		const char *in;
		size_t off, len;
	} cases[] = {
		{ "abc", 0, 3 },
		{ "  a b\t", 2, 3 },
		{ "\t\tx", 2, 1 },
		{ "   ", 3, 0 },
		{ "", 0, 0 },
		{ " \n ", 1, 1 },	/* a line end is not a blank */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *s = cases[i].in;
		size_t len = strlen(s);

		crm_text_trim(&s, &len);
		assert_ptr_equal(s, cases[i].in + cases[i].off);
		assert_int_equal(len, cases[i].len);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_leap_years_and_month_lengths),
		cmocka_unit_test(test_text_trim),
		cmocka_unit_test(test_round_decimals),
		cmocka_unit_test(test_parse_matches_strtod),
		cmocka_unit_test(test_integer_format),
		cmocka_unit_test(test_format_matches_reference),
		cmocka_unit_test(test_format_not_finite),
		cmocka_unit_test(test_date_format_check),
		cmocka_unit_test(test_number_plain),
		cmocka_unit_test(test_number_thousands),
		cmocka_unit_test(test_number_currency),
		cmocka_unit_test(test_number_parentheses),
		cmocka_unit_test(test_number_decimal_comma),
		cmocka_unit_test(test_number_negative_zero),
		cmocka_unit_test(test_number_invalid),
		cmocka_unit_test(test_number_empty),
		cmocka_unit_test(test_number_long),
		cmocka_unit_test(test_decimal_parse),
		cmocka_unit_test(test_decimal_parse_matches),
		cmocka_unit_test(test_date_iso),
		cmocka_unit_test(test_date_every_day),
		cmocka_unit_test(test_date_time),
		cmocka_unit_test(test_date_invalid),
		cmocka_unit_test(test_date_format_string),
		cmocka_unit_test(test_date_format_string_invalid),
		cmocka_unit_test(test_date_format_then_time),
		cmocka_unit_test(test_date_hint),
		cmocka_unit_test(test_date_empty),
		cmocka_unit_test(test_civil_round_trip),
		cmocka_unit_test(test_date_format),
		cmocka_unit_test(test_bool),
		cmocka_unit_test(test_bool_invalid),
		cmocka_unit_test(test_number_format),
		cmocka_unit_test(test_fraction_format),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
