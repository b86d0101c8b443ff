/*
 * test_field.c - a record's field as a number, a date or a yes/no
 * value, and the message a bad one gets (with no place: the input adds
 * the file and line).
 *
 * Day numbers are days since 1970-01-01: 2024-01-01 is 19723 (54 years
 * of 365 days and the 13 leap days 1972..2020), checked with
 * `date -u -d 2024-01-01 +%s` / 86400.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "field.h"

/* A record of the given fields (at most 8), lengths from strlen. */
struct rec {
	struct crm_record r;
	char *field[8];
	size_t len[8];
};

static const struct crm_record *
make(struct rec *x, size_t n, char **fields)
{
	size_t i;

	memset(x, 0, sizeof(*x));
	for (i = 0; i < n; i++) {
		x->field[i] = fields[i];
		x->len[i] = strlen(fields[i]);
	}
	x->r.n = n;
	x->r.field = x->field;
	x->r.len = x->len;
	x->r.line = 7;
	return &x->r;
}

/* why says msg, with status 1 and no place. */
static void
assert_why(const struct crm_error *why, const char *msg)
{
	assert_int_equal(why->status, 1);
	assert_string_equal(why->file, "");
	assert_int_equal(why->line, 0);
	assert_int_equal(why->column, 0);
	assert_string_equal(why->msg, msg);
}

static void
test_number(void **state)
{
	char *f[] = { "C1", "1,234.50", " -3 ", "0.1234567891234" };
	struct crm_error why;
	struct rec x;
	const struct crm_record *r = make(&x, 4, f);
	double v = 0;
	int decimals = 0;

	(void)state;
	assert_int_equal(crm_field_number(r, 1, "amount", 0, &v, &decimals,
	    &why), 0);
	assert_true(v == 1234.5);
	assert_int_equal(decimals, 2);
	/* decimals only rises: -3 has none, the 2 stay */
	assert_int_equal(crm_field_number(r, 2, "amount", 0, &v, &decimals,
	    &why), 0);
	assert_true(v == -3);
	assert_int_equal(decimals, 2);
	/* 13 digits after the point count as 9 */
	assert_int_equal(crm_field_number(r, 3, "amount", 0, &v, &decimals,
	    &why), 0);
	assert_int_equal(decimals, 9);
	/* decimals may be NULL */
	assert_int_equal(crm_field_number(r, 1, "amount", 0, &v, NULL, &why),
	    0);
}

static void
test_number_decimal_comma(void **state)
{
	char *f[] = { "1.234,5" };
	struct crm_error why;
	struct rec x;
	const struct crm_record *r = make(&x, 1, f);
	double v = 0;
	int decimals = 0;

	(void)state;
	assert_int_equal(crm_field_number(r, 0, "amount", 1, &v, &decimals,
	    &why), 0);
	assert_true(v == 1234.5);
	assert_int_equal(decimals, 1);
	/* read with a point, "1.234,5" is not a number */
	assert_int_equal(crm_field_number(r, 0, "amount", 0, &v, &decimals,
	    &why), -1);
	assert_why(&why, "column 'amount': invalid number \"1.234,5\"");
}

static void
test_number_bad(void **state)
{
	static char long_one[] = "12345678901234567890123456789012345678901234"
	    "567890x";
	char *f[] = { "1x", "", "   ", long_one };
	struct crm_error why;
	struct rec x;
	const struct crm_record *r = make(&x, 4, f);
	double v = 42;
	int decimals = 3;

	(void)state;
	assert_int_equal(crm_field_number(r, 0, "amount", 0, &v, &decimals,
	    &why), -1);
	assert_why(&why, "column 'amount': invalid number \"1x\"");
	/* empty is missing, not zero */
	assert_int_equal(crm_field_number(r, 1, "amount", 0, &v, &decimals,
	    &why), -1);
	assert_why(&why, "column 'amount': missing value");
	assert_int_equal(crm_field_number(r, 2, "amount", 0, &v, &decimals,
	    &why), -1);
	assert_why(&why, "column 'amount': missing value");
	/* a long bad value is shown cut at 40 bytes */
	assert_int_equal(crm_field_number(r, 3, "total", 0, &v, &decimals,
	    &why), -1);
	assert_why(&why, "column 'total': invalid number "
	    "\"1234567890123456789012345678901234567890...\"");
	/* a bad value leaves decimals alone */
	assert_int_equal(decimals, 3);
}

static void
test_date(void **state)
{
	char *f[] = { "2024-03-01", "2024/01/01 10:30", "01.02.2024", "" };
	struct crm_error why;
	struct rec x;
	const struct crm_record *r = make(&x, 4, f);
	int32_t d = 0;

	(void)state;
	/* 19723 + 31 (January) + 29 (February of a leap year) */
	assert_int_equal(crm_field_date(r, 0, "order_date", NULL, &d, &why),
	    0);
	assert_int_equal(d, 19783);
	assert_int_equal(crm_field_date(r, 1, "order_date", NULL, &d, &why),
	    0);
	assert_int_equal(d, 19723);
	/* another layout needs --date-format, and the message says so */
	assert_int_equal(crm_field_date(r, 2, "order_date", NULL, &d, &why),
	    -1);
	assert_why(&why, "column 'order_date': invalid date \"01.02.2024\" "
	    "(see --date-format)");
	assert_int_equal(crm_field_date(r, 2, "order_date", "%d.%m.%Y", &d,
	    &why), 0);
	assert_int_equal(d, 19723 + 31);
	assert_int_equal(crm_field_date(r, 3, "order_date", NULL, &d, &why),
	    -1);
	assert_why(&why, "column 'order_date': missing value");
}

static void
test_date_that_does_not_exist(void **state)
{
	char *f[] = { "2023-02-29", "2024-13-01" };
	struct crm_error why;
	struct rec x;
	const struct crm_record *r = make(&x, 2, f);
	int32_t d = 0;

	(void)state;
	assert_int_equal(crm_field_date(r, 0, "d", NULL, &d, &why), -1);
	assert_why(&why, "column 'd': invalid date \"2023-02-29\"");
	assert_int_equal(crm_field_date(r, 1, "d", NULL, &d, &why), -1);
	assert_why(&why, "column 'd': invalid date \"2024-13-01\"");
}

/*
 * The hint of an invalid date: only where another --date-format might
 * read the value (see crm_date_hint); an export's dates as US exports
 * write them, with a time.
 */
static void
test_date_hint(void **state)
{
	char *f[] = { "3/5/2024", "3/5/2024 14:35", "soon", "2024-02-30",
	    "13/5/2024", "2/30/2024", "5 Mar 2024", "45352" };
	struct crm_error why;
	struct rec x;
	const struct crm_record *r = make(&x, 8, f);
	int32_t d = 0;

	(void)state;
	assert_int_equal(crm_field_date(r, 0, "order_date", NULL, &d, &why),
	    -1);
	assert_why(&why, "column 'order_date': invalid date \"3/5/2024\" "
	    "(see --date-format)");
	/* 2024-03-05 is 19723 + 31 + 29 + 4 */
	assert_int_equal(crm_field_date(r, 1, "order_date", "%m/%d/%Y", &d,
	    &why), 0);
	assert_int_equal(d, 19723 + 64);
	assert_int_equal(crm_field_date(r, 2, "d", NULL, &d, &why), -1);
	assert_why(&why, "column 'd': invalid date \"soon\"");
	assert_int_equal(crm_field_date(r, 3, "d", "%Y-%m-%d", &d, &why), -1);
	assert_why(&why, "column 'd': invalid date \"2024-02-30\"");
	/* month 13 under %m/%d/%Y: perhaps %d/%m/%Y */
	assert_int_equal(crm_field_date(r, 4, "d", "%m/%d/%Y", &d, &why), -1);
	assert_why(&why, "column 'd': invalid date \"13/5/2024\" "
	    "(see --date-format)");
	assert_int_equal(crm_field_date(r, 5, "d", "%m/%d/%Y", &d, &why), -1);
	assert_why(&why, "column 'd': invalid date \"2/30/2024\"");
	assert_int_equal(crm_field_date(r, 6, "d", NULL, &d, &why), -1);
	assert_why(&why, "column 'd': invalid date \"5 Mar 2024\" "
	    "(see --date-format)");
	/* an Excel serial number: no format reads it */
	assert_int_equal(crm_field_date(r, 7, "d", NULL, &d, &why), -1);
	assert_why(&why, "column 'd': invalid date \"45352\"");
	assert_int_equal(crm_field_bad_date("d", "1.2.2024", 8, NULL, &why),
	    -1);
	assert_int_equal(why.status, 1);
	assert_why(&why, "column 'd': invalid date \"1.2.2024\" "
	    "(see --date-format)");
}

static void
test_bool(void **state)
{
	char *f[] = { "Yes", "0", "", "x", "maybe", "\xe6\x98\xaf" };
	struct crm_error why;
	struct rec x;
	const struct crm_record *r = make(&x, 4, f);
	int b = -1;

	(void)state;
	assert_int_equal(crm_field_bool(r, 0, "vip", &b, &why), 0);
	assert_int_equal(b, 1);
	assert_int_equal(crm_field_bool(r, 1, "vip", &b, &why), 0);
	assert_int_equal(b, 0);
	/* empty is false, not missing */
	b = -1;
	assert_int_equal(crm_field_bool(r, 2, "vip", &b, &why), 0);
	assert_int_equal(b, 0);
	assert_int_equal(crm_field_bool(r, 3, "vip", &b, &why), 0);
	assert_int_equal(b, 1);
	r = make(&x, 2, f + 4);
	assert_int_equal(crm_field_bool(r, 0, "vip", &b, &why), -1);
	assert_why(&why, "column 'vip': invalid yes/no value \"maybe\"");
	/* 是 (yes) */
	assert_int_equal(crm_field_bool(r, 1, "vip", &b, &why), 0);
	assert_int_equal(b, 1);
}

static void
test_decimal(void **state)
{
	static char big[] = "100000000000000000000000000000000000000";
	char *f[] = { "1,234.50", "-3", "0.1234567891234", big };
	struct crm_error why;
	struct rec x;
	const struct crm_record *r = make(&x, 4, f);
	struct crm_decimal v;
	int decimals = 0;

	(void)state;
	assert_int_equal(crm_field_decimal(r, 0, "amount", 0, &v, &decimals,
	    &why), 0);
	assert_true(v.units == 123450 && v.scale == 2);
	assert_int_equal(decimals, 2);
	assert_int_equal(crm_field_decimal(r, 1, "amount", 0, &v, &decimals,
	    &why), 0);
	assert_true(v.units == -3 && v.scale == 0);
	assert_int_equal(decimals, 2);
	/* exact with its 13 decimals; the decimals written stop at 9 */
	assert_int_equal(crm_field_decimal(r, 2, "amount", 0, &v, &decimals,
	    &why), 0);
	assert_true(v.units == 1234567891234LL && v.scale == 13);
	assert_int_equal(decimals, 9);
	/* 10^38 has 39 digits: no exact sum could hold it */
	decimals = 1;
	assert_int_equal(crm_field_decimal(r, 3, "amount", 0, &v, &decimals,
	    &why), -1);
	assert_why(&why, "column 'amount': number "
	    "\"100000000000000000000000000000000000000\" has more than "
	    "38 digits: too long to add up exactly");
	assert_int_equal(decimals, 1);
}

/* The amount of an order row and whether it is a refund. */
static void
amount_of(char *qty, char *price, long long units, int scale, int refund,
    int decimals)
{
	char *f[] = { price, qty };
	struct crm_amount_cols c = { 0, "price", qty != NULL ? 1 : -1,
	    "qty" };
	struct crm_decimal a;
	struct crm_error why;
	struct rec x;
	int rf = -1, dec = 0;

	assert_int_equal(crm_field_amount(make(&x, qty != NULL ? 2 : 1, f),
	    &c, 0, &a, &rf, &dec, &why), 0);
	if (a.units != units || a.scale != scale || rf != refund ||
	    dec != decimals)
		fail_msg("%s x %s: %lld / 10^%d, refund %d, %d decimals", qty,
		    price, (long long)a.units, a.scale, rf, dec);
}

static void
test_amount(void **state)
{
	char big[] = "10000000000000000000";	/* 10^19 */
	char *f[] = { big, big };
	struct crm_amount_cols c = { 0, "price", 1, "qty" };
	struct crm_decimal a;
	struct crm_error why;
	struct rec x;
	int rf;

	(void)state;
	/* without a quantity the amount is the column, negative a refund */
	amount_of(NULL, "12.50", 1250, 2, 0, 2);
	amount_of(NULL, "-12.50", -1250, 2, 1, 2);
	amount_of(NULL, "-0.00", 0, 2, 0, 2);
	/* 6 x 2.55 = 15.30 (decimals add up: 0 + 2) */
	amount_of("6", "2.55", 1530, 2, 0, 2);
	/* 1.5 x 2.25 = 3.375 (1 + 2) */
	amount_of("1.5", "2.25", 3375, 3, 0, 3);
	/* returned goods: -2 x 2.50 = -5.00; at price 0 a refund too */
	amount_of("-2", "2.50", -500, 2, 1, 2);
	amount_of("-1", "0.00", 0, 2, 1, 2);
	amount_of("-1", "-0.00", 0, 2, 1, 2);
	/* a negative price: -5.00; both negative: +5.00, an order */
	amount_of("1", "-5.00", -500, 2, 1, 2);
	amount_of("-1", "-5.00", 500, 2, 0, 2);
	/* nothing bought, or free goods: an order of 0 */
	amount_of("0", "5.00", 0, 2, 0, 2);
	amount_of("-0", "5", 0, 0, 0, 0);
	amount_of("2", "0", 0, 0, 0, 0);
	/* 10^19 x 10^19 has 39 digits */
	assert_int_equal(crm_field_amount(make(&x, 2, f), &c, 0, &a, &rf,
	    NULL, &why), -1);
	assert_why(&why, "columns 'qty' and 'price': quantity times price has "
	    "more than 38 digits: too long to add up exactly");
}

static void
test_sum_error(void **state)
{
	struct crm_error why;

	(void)state;
	assert_int_equal(crm_field_sum_error("amount", 2, &why), -1);
	assert_why(&why, "column 'amount': the values add up to more than 38 "
	    "digits (decimals: 2): too large to sum exactly");
}

/* Control bytes in a bad value are shown, not written raw. */
static void
test_bad_value_quoted(void **state)
{
	char *f[] = { "1\t2\"" };
	struct crm_error why;
	struct rec x;
	const struct crm_record *r = make(&x, 1, f);
	double v;

	(void)state;
	assert_int_equal(crm_field_number(r, 0, "a", 0, &v, NULL, &why), -1);
	assert_why(&why, "column 'a': invalid number \"1\\x092\\\"\"");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_number),
		cmocka_unit_test(test_number_decimal_comma),
		cmocka_unit_test(test_number_bad),
		cmocka_unit_test(test_date),
		cmocka_unit_test(test_date_that_does_not_exist),
		cmocka_unit_test(test_date_hint),
		cmocka_unit_test(test_bool),
		cmocka_unit_test(test_bad_value_quoted),
		cmocka_unit_test(test_decimal),
		cmocka_unit_test(test_amount),
		cmocka_unit_test(test_sum_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
