/*
 * fuzz_values.c - libFuzzer harness for the number, date and boolean
 * parsers, the formatters, exact decimals and integer option values.  A
 * printed number must parse and print again to the same text; a parsed
 * date must format and parse back; an integer option value must be in
 * its range (and never reach an out-of-range conversion, which UBSan
 * would report).
 *
 * Exact decimals (decimal.h) are checked against a slow reference of
 * our own, decimal digits in a char array: the input's lines, read
 * exactly, are summed both ways; a sum refused for passing 38 digits must
 * pass them in the reference; the sum rounded half away from zero to
 * each number of places must be the reference's rounding; and a number
 * of 15 digits or fewer must print through the double formatters
 * exactly as through the decimal one (halves away from zero both).
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decimal.h"
#include "options.h"
#include "value.h"

/* s as an integer option in a few ranges, the widest ones included. */
static void
check_option_int(const char *s)
{
	static const long range[][2] = {
		{ 2, 9 }, { 0, 3660 }, { LONG_MIN, LONG_MAX }, { 0, LONG_MAX },
		{ -4611686018427387903L, 4611686018427387903L }
	};
	struct crm_error e;
	size_t i;
	long v;

	for (i = 0; i < sizeof(range) / sizeof(range[0]); i++)
		if (crm_option_int("--n", s, range[i][0], range[i][1], NULL,
		    &v, &e) == 0 && (v < range[i][0] || v > range[i][1]))
			abort();
}

/*
 * The reference: a signed number as NDIG decimal digits, the last SCALE
 * of them decimals, most significant first.  Slow and obvious.
 */
#define NDIG	160
#define SCALE	60

struct ref {
	int neg;
	unsigned char d[NDIG];
};

/* The exact text "[-]digits[.digits]" of a decimal into a reference. */
static void
ref_from(struct ref *r, crm_i128 units, int scale)
{
	char text[CRM_DECIMAL_SIZE], *p, *point;
	int i, k;

	memset(r, 0, sizeof(*r));
	crm_decimal_format(units, scale, scale, text, sizeof(text));
	p = text;
	if (*p == '-') {
		r->neg = 1;
		p++;
	}
	point = strchr(p, '.');
	k = point != NULL ? (int)(point - p) : (int)strlen(p);
	for (i = 0; i < k; i++)
		r->d[NDIG - SCALE - k + i] = (unsigned char)(p[i] - '0');
	for (i = 0; point != NULL && point[1 + i] != '\0'; i++)
		r->d[NDIG - SCALE + i] = (unsigned char)(point[1 + i] - '0');
}

/* Compares magnitudes. */
static int
ref_cmp_mag(const struct ref *a, const struct ref *b)
{
	return memcmp(a->d, b->d, NDIG);
}

/* a += b. */
static void
ref_add(struct ref *a, const struct ref *b)
{
	const struct ref *big, *small;
	struct ref r;
	int i, carry = 0;

	if (a->neg == b->neg) {
		for (i = NDIG - 1; i >= 0; i--) {
			int s = a->d[i] + b->d[i] + carry;

			a->d[i] = (unsigned char)(s % 10);
			carry = s / 10;
		}
		return;
	}
	big = ref_cmp_mag(a, b) >= 0 ? a : b;
	small = big == a ? b : a;
	r.neg = big->neg;
	for (i = NDIG - 1; i >= 0; i--) {
		int s = big->d[i] - small->d[i] - carry;

		carry = s < 0;
		r.d[i] = (unsigned char)(s + 10 * carry);
	}
	*a = r;
}

/* The digits of r that matter: more than 38 of them at scale? */
static int
ref_too_long(const struct ref *r, int scale)
{
	int first;

	for (first = 0; first < NDIG && r->d[first] == 0; first++)
		;
	return NDIG - SCALE + scale - first > CRM_DECIMAL_DIGITS;
}

/* r rounded half away from zero to places decimals, as text. */
static void
ref_text(const struct ref *r, int places, char *out)
{
	struct ref x = *r;
	int i, end = NDIG - SCALE + places, o = 0, zero = 1, first;

	if (x.d[end] >= 5) {
		for (i = end - 1; i >= 0; i--) {
			if (x.d[i] < 9) {
				x.d[i]++;
				break;
			}
			x.d[i] = 0;
		}
	}
	for (i = 0; i < end; i++)
		zero &= x.d[i] == 0;
	if (x.neg && !zero)
		out[o++] = '-';
	for (first = 0; first < NDIG - SCALE - 1 && x.d[first] == 0; first++)
		;
	for (i = first; i < NDIG - SCALE; i++)
		out[o++] = (char)('0' + x.d[i]);
	if (places > 0)
		out[o++] = '.';
	for (; i < end; i++)
		out[o++] = (char)('0' + x.d[i]);
	out[o] = '\0';
}

/*
 * The lines of s read exactly and summed in a column (decimal.h), the
 * sum held as the programs hold it; every check against the reference.
 */
static void
check_sums(const char *s)
{
	struct crm_decimal_column col;
	struct crm_decimal d;
	struct ref sum, pos, neg, v;
	char line[512], got[CRM_DECIMAL_SIZE], want[CRM_DECIMAL_SIZE + 64];
	crm_i128 total = 0, u;
	const char *p = s, *nl;
	int raise, places, n;

	memset(&col, 0, sizeof(col));
	memset(&sum, 0, sizeof(sum));
	memset(&pos, 0, sizeof(pos));
	memset(&neg, 0, sizeof(neg));
	neg.neg = 1;
	for (n = 0; n < 16 && *p != '\0'; n++, p = *nl ? nl + 1 : nl) {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		if ((size_t)(nl - p) >= sizeof(line))
			continue;
		memcpy(line, p, (size_t)(nl - p));
		line[nl - p] = '\0';
		if (crm_decimal_parse(line, 0, &d, NULL) != CRM_VALUE_OK)
			continue;
		ref_from(&v, d.units, d.scale);
		if (crm_decimal_column_add(&col, &d, &u, &raise) < 0) {
			/* refused: the positive or negative sum is too long */
			struct ref t = v.neg ? neg : pos;
			int scale = d.scale > col.scale ? d.scale : col.scale;

			ref_add(&t, &v);
			if (!ref_too_long(&t, scale) &&
			    !ref_too_long(&pos, scale) &&
			    !ref_too_long(&neg, scale))
				abort();
			continue;
		}
		if (crm_decimal_shift(&total, raise) < 0)
			abort();	/* the bounds promised it would fit */
		total += u;
		ref_add(&sum, &v);
		ref_add(v.neg ? &neg : &pos, &v);
	}
	for (places = 0; places <= 12; places++) {
		crm_decimal_format(total, col.scale, places, got, sizeof(got));
		ref_text(&sum, places, want);
		if (strcmp(got, want) != 0)
			abort();
	}
}

/*
 * A number of 15 significant digits or fewer is the one decimal its
 * double reads back as: the double formatters must round it as the
 * decimal one does, halves away from zero.
 */
static void
check_double_rounding(const char *s)
{
	char a[CRM_NUMBER_SIZE], b[CRM_DECIMAL_SIZE];
	struct crm_decimal d;
	crm_u128 m;
	double v;
	int places, digits;

	if (crm_decimal_parse(s, 0, &d, NULL) != CRM_VALUE_OK ||
	    crm_number_parse(s, 0, &v, NULL) != CRM_VALUE_OK)
		return;
	if (crm_decimal_to_double(d.units, d.scale) != v)
		abort();	/* both must be the correctly rounded double */
	m = d.units < 0 ? (crm_u128)0 - (crm_u128)d.units :
	    (crm_u128)d.units;
	for (digits = 0; m != 0; m /= 10)
		digits++;
	if (digits > 15)
		return;
	for (places = 0; places <= 9; places++) {
		crm_number_format(v, places, a, sizeof(a));
		crm_decimal_format(d.units, d.scale, places, b, sizeof(b));
		if (strcmp(a, b) != 0)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char s[512], fmt[64], buf[CRM_NUMBER_SIZE];
	size_t n = size < sizeof(s) - 1 ? size : sizeof(s) - 1, split;
	double v, back;
	int32_t days, again;
	int dec, b;

	memcpy(s, data, n);
	s[n] = '\0';
	if (crm_number_parse(s, 0, &v, &dec) == CRM_VALUE_OK) {
		char again_buf[CRM_NUMBER_SIZE];

		crm_number_format(v, dec, buf, sizeof(buf));
		if (crm_number_parse(buf, 0, &back, NULL) != CRM_VALUE_OK)
			abort();
		crm_number_format(back, dec, again_buf, sizeof(again_buf));
		if (strcmp(buf, again_buf) != 0)
			abort();
	}
	crm_number_parse(s, 1, &v, &dec);
	if (crm_date_parse(s, NULL, &days) == CRM_VALUE_OK) {
		crm_date_format(days, buf);
		if (crm_date_parse(buf, NULL, &again) != CRM_VALUE_OK ||
		    again != days)
			abort();
	}
	/* the first part as a --date-format, the rest as the date */
	split = memchr(s, '\n', n) ? (size_t)((char *)memchr(s, '\n', n) - s) :
	    n / 2;
	if (split < sizeof(fmt)) {
		memcpy(fmt, s, split);
		fmt[split] = '\0';
		if (crm_date_format_check(fmt) == 0)
			crm_date_parse(s + split + (split < n), fmt, &days);
	}
	crm_bool_parse(s, &b);
	/* no format writes inf or nan: they give "" and -1 */
	if (crm_fraction_format(v, dec % 10, buf, sizeof(buf)) < 0 &&
	    *buf != '\0')
		abort();
	check_option_int(s);
	check_sums(s);
	check_double_rounding(s);
	return 0;
}
