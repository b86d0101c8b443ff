/*
 * value.c - parsing and formatting the field values of the contract:
 * numbers (with thousands separators, currency symbols and accounting
 * parentheses), dates (ISO layouts or a strptime-style format) and
 * booleans, plus the civil-date arithmetic they rest on.
 *
 * Nothing here consults the locale: strptime and the ctype functions
 * would, so the scanners below are hand-written.  The number parser runs
 * on every row of large files and therefore never allocates.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "value.h"

/* Longer fields cannot be a number anyone typed; refusing them bounds buf. */
#define NUMBER_MAX	400

static int
is_space(int c)
{
	return c == ' ' || c == '\t';
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
is_alpha(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int
to_lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}

void
crm_text_trim(const char **s, size_t *len)
{
	while (*len > 0 && is_space((unsigned char)**s)) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && is_space((unsigned char)(*s)[*len - 1]))
		(*len)--;
}

/* The UTF-8 spellings of the currency symbols the contract accepts. */
static const struct {
	const char *text;
	size_t len;
} currencies[] = {
	{ "$", 1 },
	{ "\xe2\x82\xac", 3 },	/* € */
	{ "\xc2\xa3", 2 },		/* £ */
	{ "\xc2\xa5", 2 },		/* ¥ */
	{ "\xef\xbf\xa5", 3 }	/* ￥ */
};

/* Length of the currency symbol starting at p, or 0. */
static size_t
currency_prefix(const char *p, const char *e)
{
	size_t i, n;

	/* Most fields start with a digit: skip the table for them. */
	if (p == e || (*p != '$' && (unsigned char)*p < 0x80))
		return 0;
	for (i = 0; i < sizeof(currencies) / sizeof(currencies[0]); i++) {
		n = currencies[i].len;
		if ((size_t)(e - p) >= n &&
		    memcmp(p, currencies[i].text, n) == 0)
			return n;
	}
	return 0;
}

/* Length of the currency symbol ending at e, or 0. */
static size_t
currency_suffix(const char *b, const char *e)
{
	size_t i, n;

	if (b == e || (e[-1] != '$' && (unsigned char)e[-1] < 0x80))
		return 0;
	for (i = 0; i < sizeof(currencies) / sizeof(currencies[0]); i++) {
		n = currencies[i].len;
		if ((size_t)(e - b) >= n &&
		    memcmp(e - n, currencies[i].text, n) == 0)
			return n;
	}
	return 0;
}

/*
 * Checks the bare number in [b, e) and copies it to buf as the C-locale
 * text strtod expects: digits, then '.' and digits.  buf holds at least
 * e - b + 1 bytes.
 */
static int
clean_number(const char *b, const char *e, int decimal_comma, char *buf,
    size_t *len, int *decimals)
{
	const char point = decimal_comma ? ',' : '.';
	const char sep = decimal_comma ? '.' : ',';
	const char *p = b;
	size_t n = 0;
	int lead = 0, group = -1, frac = 0;

	/* group is -1 until the first separator, then counts its digits. */
	for (; p < e; p++) {
		if (is_digit((unsigned char)*p)) {
			buf[n++] = *p;
			if (group < 0)
				lead++;
			else if (++group > 3)
				return -1;
		} else if (*p == sep) {
			/*
			 * "0,500" is a decimal comma misread, not five
			 * hundred: a grouped number never starts with 0.
			 */
			if (group < 0 ? lead == 0 || lead > 3 || b[0] == '0' :
			    group != 3)
				return -1;
			group = 0;
		} else
			break;
	}
	if (group >= 0 && group != 3)
		return -1;
	if (p < e && *p == point) {
		buf[n++] = '.';
		for (p++; p < e && is_digit((unsigned char)*p); p++) {
			buf[n++] = *p;
			frac++;
		}
	}
	if (p != e || lead + frac == 0)
		return -1;
	buf[n] = '\0';
	*len = n;
	*decimals = frac;
	return 0;
}

/* The powers of ten a double holds exactly. */
static const double exact_pow10[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6,
    1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };

/*
 * Clinger's fast path: with at most 15 digits in all, the digits make an
 * integer m that a double holds exactly, and m / 10^d (d <= 15, also
 * exact) is one correctly rounded division: the very double strtod
 * returns, at a fraction of its cost.  buf is the cleaned number, such
 * as "-1234.50".  Returns -1 to leave the number to strtod.
 */
static int
exact_decimal(const char *buf, size_t len, double *v)
{
	unsigned long long m = 0;
	size_t i = 0;
	int digits = 0, frac = -1, neg = 0;

	if (i < len && buf[i] == '-') {
		neg = 1;
		i++;
	}
	for (; i < len; i++) {
		if (buf[i] == '.') {
			frac = 0;
			continue;
		}
		if (++digits > 15)
			return -1;
		m = m * 10 + (unsigned)(buf[i] - '0');
		if (frac >= 0)
			frac++;
	}
	*v = frac > 0 ? (double)m / exact_pow10[frac] : (double)m;
	if (neg)
		*v = -*v;
	return 0;
}

/*
 * The usual field, [-]digits[.digits] with at most 15 digits and nothing
 * around them, read in one pass: the value and decimals the full parse
 * below gives it (the same division as exact_decimal), at a fraction of
 * the cost.  Returns -1 for anything else, left to the full parse.
 */
static int
plain_decimal(const char *s, int decimal_comma, double *out, int *decimals)
{
	const char *p = s, *f;
	unsigned long long m = 0;
	int neg = *p == '-', frac = 0;
	double v;

	p += neg;
	for (f = p; is_digit((unsigned char)*p); p++)
		m = m * 10 + (unsigned)(*p - '0');
	if (p == f)
		return -1;
	if (*p == '.' && !decimal_comma) {
		for (f = ++p; is_digit((unsigned char)*p); p++)
			m = m * 10 + (unsigned)(*p - '0');
		if ((frac = (int)(p - f)) == 0)
			return -1;
	}
	/* 15 digits in all: p - s less the sign and the point */
	if (*p != '\0' || p - s - neg - (frac > 0) > 15)
		return -1;
	v = frac > 0 ? (double)m / exact_pow10[frac] : (double)m;
	/* "-0" is plain zero, as below */
	*out = neg && m != 0 ? -v : v;
	if (decimals != NULL)
		*decimals = frac;
	return 0;
}

/*
 * Checks the field s against the grammar and copies the bare number to
 * buf (NUMBER_MAX + 2 bytes) as "[-]digits[.digits]", with its length
 * and the digits after its point.  Returns a crm_value_result.
 */
static int
scan_number(const char *s, int decimal_comma, char *buf, size_t *len,
    int *frac)
{
	const char *b, *e;
	size_t n;
	int neg = 0, sign = 0, symbol = 0, paren = 0;

	b = s;
	n = strlen(s);
	crm_text_trim(&b, &n);
	if (n == 0)
		return CRM_VALUE_EMPTY;
	e = b + n;
	if (e - b > NUMBER_MAX)
		return CRM_VALUE_INVALID;
	if (*b == '(') {
		if (e - b < 2 || e[-1] != ')')
			return CRM_VALUE_INVALID;
		b++;
		e--;
		neg = paren = 1;
	}
	/* A sign may come before or after a leading symbol: -$1, $-1. */
	if (!paren && b < e && (*b == '-' || *b == '+')) {
		neg = *b++ == '-';
		sign = 1;
	}
	if ((n = currency_prefix(b, e)) > 0) {
		b += n;
		symbol = 1;
		while (b < e && is_space((unsigned char)*b))
			b++;
	}
	if (!paren && !sign && symbol && b < e && (*b == '-' || *b == '+'))
		neg = *b++ == '-';
	if (!symbol && (n = currency_suffix(b, e)) > 0) {
		e -= n;
		while (e > b && is_space((unsigned char)e[-1]))
			e--;
	}
	*len = 0;
	if (neg)
		buf[(*len)++] = '-';
	if (clean_number(b, e, decimal_comma, buf + *len, &n, frac) == -1)
		return CRM_VALUE_INVALID;
	*len += n;
	return CRM_VALUE_OK;
}

int
crm_number_parse(const char *s, int decimal_comma, double *out,
    int *decimals)
{
	char buf[NUMBER_MAX + 2], *end;
	size_t len;
	int frac, r;
	double v;

	if (plain_decimal(s, decimal_comma, out, decimals) == 0)
		return CRM_VALUE_OK;
	if ((r = scan_number(s, decimal_comma, buf, &len, &frac)) !=
	    CRM_VALUE_OK)
		return r;
	if (exact_decimal(buf, len, &v) < 0) {
		errno = 0;
		v = strtod(buf, &end);
		if (end != buf + len)
			return CRM_VALUE_INVALID;
		if (errno == ERANGE && (v == HUGE_VAL || v == -HUGE_VAL))
			return CRM_VALUE_INVALID;
	}
	/* "-0" and "(0.00)" are plain zero: keep -0.0 out of the callers. */
	if (v == 0)
		v = 0;
	*out = v;
	if (decimals != NULL)
		*decimals = frac;
	return CRM_VALUE_OK;
}

/*
 * The usual field, [-]digits[.digits] with at most 18 digits in all and
 * nothing around them, read in one pass into 64 bits (which hold any 18
 * digits).  Returns -1 for anything else, left to the full parse.
 */
static int
plain_units(const char *s, int decimal_comma, struct crm_decimal *out,
    int *decimals)
{
	const char *p = s, *f;
	uint64_t m = 0;
	int neg = *p == '-', frac = 0;

	p += neg;
	for (f = p; is_digit((unsigned char)*p); p++)
		m = m * 10 + (unsigned)(*p - '0');
	if (p == f)
		return -1;
	if (*p == '.' && !decimal_comma) {
		for (f = ++p; is_digit((unsigned char)*p); p++)
			m = m * 10 + (unsigned)(*p - '0');
		if ((frac = (int)(p - f)) == 0)
			return -1;
	}
	if (*p != '\0' || p - s - neg - (frac > 0) > 18)
		return -1;
	out->units = neg ? -(crm_i128)m : (crm_i128)m;
	out->scale = frac;
	if (decimals != NULL)
		*decimals = frac;
	return 0;
}

/*
 * The cleaned number buf ("[-]digits[.digits]") as units of its last
 * decimal place, or of the 38th when more follow, all zeros; -1 when it
 * does not fit (38 digits, 38 decimals).
 */
static int
exact_units(const char *buf, size_t len, struct crm_decimal *out)
{
	const char *p = buf, *e = buf + len, *point = memchr(buf, '.', len);
	crm_u128 m = 0, lim = (crm_u128)crm_decimal_max() / 10;
	int neg = *p == '-', scale = 0;

	p += neg;
	if (point != NULL) {
		while (e - point - 1 > CRM_DECIMAL_MAX_SCALE && e[-1] == '0')
			e--;
		if (e == point + 1)
			e = point;
	}
	for (; p < e; p++) {
		if (*p == '.') {
			scale = (int)(e - p - 1);
			continue;
		}
		/* m <= lim: m * 10 + 9 is at most the largest 38 digits */
		if (m > lim)
			return -1;
		m = m * 10 + (unsigned)(*p - '0');
	}
	if (scale > CRM_DECIMAL_MAX_SCALE)
		return -1;
	out->units = neg ? -(crm_i128)m : (crm_i128)m;
	out->scale = scale;
	return 0;
}

int
crm_decimal_parse(const char *s, int decimal_comma, struct crm_decimal *out,
    int *decimals)
{
	char buf[NUMBER_MAX + 2];
	size_t len;
	int frac, r;

	if (plain_units(s, decimal_comma, out, decimals) == 0)
		return CRM_VALUE_OK;
	if ((r = scan_number(s, decimal_comma, buf, &len, &frac)) !=
	    CRM_VALUE_OK)
		return r;
	if (exact_units(buf, len, out) < 0)
		return CRM_VALUE_RANGE;
	if (decimals != NULL)
		*decimals = frac;
	return CRM_VALUE_OK;
}

int
crm_is_leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
crm_days_in_month(int y, int m)
{
	static const int mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return m == 2 && crm_is_leap_year(y) ? 29 : mdays[m - 1];
}

static int
valid_civil(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= crm_days_in_month(y, m);
}

/* Reads exactly n digits at *pp into *v. */
static int
digits(const char **pp, const char *e, int n, int *v)
{
	const char *p = *pp;
	int i, x = 0;

	if (e - p < n)
		return -1;
	for (i = 0; i < n; i++) {
		if (!is_digit((unsigned char)p[i]))
			return -1;
		x = x * 10 + (p[i] - '0');
	}
	*pp = p + n;
	*v = x;
	return 0;
}

/* Reads one or two digits at *pp into *v, as strptime's %m and %d do. */
static int
digits12(const char **pp, const char *e, int *v)
{
	const char *p = *pp;

	if (p >= e || !is_digit((unsigned char)*p))
		return -1;
	*v = *p++ - '0';
	if (p < e && is_digit((unsigned char)*p))
		*v = *v * 10 + (*p++ - '0');
	*pp = p;
	return 0;
}

static int
valid_time(int h, int mi, int sec)
{
	/* Second 60 is a leap second. */
	return h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && sec >= 0 &&
	    sec <= 60;
}

/*
 * " AM" or "PM" (any case, the space optional) at the end of p..e, as
 * exports write a 12-hour clock: turns *h (1 to 12) into 0 to 23 and
 * moves *pp past it.  0 when there is none, -1 for an hour out of range.
 */
static int
meridiem(const char **pp, const char *e, int *h)
{
	const char *p = *pp;
	int c;

	if (p < e && *p == ' ')
		p++;
	if (e - p != 2 || to_lower((unsigned char)p[1]) != 'm')
		return 0;
	c = to_lower((unsigned char)p[0]);
	if (c != 'a' && c != 'p')
		return 0;
	if (*h < 1 || *h > 12)
		return -1;
	*h = *h % 12 + (c == 'p' ? 12 : 0);
	*pp = e;
	return 1;
}

/*
 * HH:MM, then optionally :SS and .fraction, then an optional Z, +HH:MM
 * or +HHMM: the time after an ISO date.  After a --date-format (loose),
 * as exports write it: also H:MM, and AM or PM instead of a zone.
 */
static int
parse_time(const char *p, const char *e, int loose)
{
	int h, mi, sec = 0, oh, om, r = 0;

	if ((loose ? digits12(&p, e, &h) : digits(&p, e, 2, &h)) == -1 ||
	    p == e || *p++ != ':' || digits(&p, e, 2, &mi) == -1)
		return -1;
	if (p < e && *p == ':') {
		p++;
		if (digits(&p, e, 2, &sec) == -1)
			return -1;
		if (p < e && *p == '.') {
			p++;
			if (p == e || !is_digit((unsigned char)*p))
				return -1;
			while (p < e && is_digit((unsigned char)*p))
				p++;
		}
	}
	if ((loose && (r = meridiem(&p, e, &h)) == -1) ||
	    !valid_time(h, mi, sec))
		return -1;
	if (r == 0 && p < e && *p == 'Z')
		p++;
	else if (r == 0 && p < e && (*p == '+' || *p == '-')) {
		p++;
		if (digits(&p, e, 2, &oh) == -1)
			return -1;
		if (p < e && *p == ':')
			p++;
		if (digits(&p, e, 2, &om) == -1 || oh > 23 || om > 59)
			return -1;
	}
	return p == e ? 0 : -1;
}

/*
 * The date of the ISO layouts at p: YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD.
 * Returns where it ends, or NULL.
 */
static const char *
iso_date(const char *p, const char *e, int *y, int *m, int *d)
{
	char sep;

	if (digits(&p, e, 4, y) == -1 || p == e)
		return NULL;
	if (*p == '-' || *p == '/') {
		sep = *p++;
		if (digits(&p, e, 2, m) == -1 || p == e || *p++ != sep ||
		    digits(&p, e, 2, d) == -1)
			return NULL;
	} else if (digits(&p, e, 2, m) == -1 || digits(&p, e, 2, d) == -1)
		return NULL;
	return p;
}

static int
parse_iso(const char *p, const char *e, int *y, int *m, int *d)
{
	if ((p = iso_date(p, e, y, m, d)) == NULL)
		return -1;
	if (p == e)
		return 0;
	if (*p != 'T' && *p != ' ')
		return -1;
	return parse_time(p + 1, e, 0);
}

/*
 * The usual field, YYYY-MM-DD and nothing around it, read without the
 * scans of the full parse (which gives it the same y, m, d); -1 for
 * anything else.  The tests stop at the first byte that fails, so none
 * reads past the end of a shorter text.
 */
static int
plain_iso(const char *s, int *y, int *m, int *d)
{
	const unsigned char *u = (const unsigned char *)s;

	if (!(is_digit(u[0]) && is_digit(u[1]) && is_digit(u[2]) &&
	    is_digit(u[3]) && u[4] == '-' && is_digit(u[5]) &&
	    is_digit(u[6]) && u[7] == '-' && is_digit(u[8]) &&
	    is_digit(u[9]) && u[10] == '\0'))
		return -1;
	*y = (u[0] - '0') * 1000 + (u[1] - '0') * 100 + (u[2] - '0') * 10 +
	    (u[3] - '0');
	*m = (u[5] - '0') * 10 + (u[6] - '0');
	*d = (u[8] - '0') * 10 + (u[9] - '0');
	return 0;
}

/* The month number of the English abbreviation at p, in any case, or -1. */
static int
month_abbr(const char *p, const char *e)
{
	static const char months[12][4] = {
		"jan", "feb", "mar", "apr", "may", "jun",
		"jul", "aug", "sep", "oct", "nov", "dec"
	};
	int i;

	if (e - p < 3)
		return -1;
	for (i = 0; i < 12; i++)
		if (to_lower((unsigned char)p[0]) == months[i][0] &&
		    to_lower((unsigned char)p[1]) == months[i][1] &&
		    to_lower((unsigned char)p[2]) == months[i][2])
			return i + 1;
	return -1;
}

static int
parse_fmt(const char *p, const char *e, const char *f, int *y, int *m,
    int *d)
{
	int h = 0, mi = 0, sec = 0, v, timed = 0;

	*y = *m = *d = -1;
	for (; *f != '\0'; f++) {
		if (*f != '%') {
			if (p == e || *p++ != *f)
				return -1;
			continue;
		}
		switch (*++f) {
		case 'Y':
			if (digits(&p, e, 4, y) == -1)
				return -1;
			break;
		case 'm':
		case 'd':
		case 'H':
		case 'M':
		case 'S':
			if (digits12(&p, e, &v) == -1)
				return -1;
			timed |= *f == 'H';
			if (*f == 'm')
				*m = v;
			else if (*f == 'd')
				*d = v;
			else if (*f == 'H')
				h = v;
			else if (*f == 'M')
				mi = v;
			else
				sec = v;
			break;
		case 'b':
			if ((*m = month_abbr(p, e)) == -1)
				return -1;
			p += 3;
			break;
		case '%':
			if (p == e || *p++ != '%')
				return -1;
			break;
		default:
			/* Unknown conversions, and a lone '%' at the end. */
			return -1;
		}
	}
	/* -2: the date has the layout, what follows it is wrong */
	if (!valid_time(h, mi, sec))
		return -2;
	if (p == e)
		return 0;
	/* a time after the date, as exports add one, unless it reads one */
	if (timed || (*p != 'T' && *p != ' '))
		return -2;
	return parse_time(p + 1, e, 1) == 0 ? 0 : -2;
}

int
crm_date_parse(const char *s, const char *fmt, int32_t *days)
{
	const char *b = s;
	size_t n;
	int y, m, d, r;

	if (fmt == NULL && plain_iso(s, &y, &m, &d) == 0) {
		r = 0;
	} else {
		n = strlen(s);
		crm_text_trim(&b, &n);
		if (n == 0)
			return CRM_VALUE_EMPTY;
		if (fmt == NULL)
			r = parse_iso(b, b + n, &y, &m, &d);
		else
			r = parse_fmt(b, b + n, fmt, &y, &m, &d);
	}
	/* A format without %Y, %m/%b or %d leaves -1 behind: no guessing. */
	if (r < 0 || !valid_civil(y, m, d))
		return CRM_VALUE_INVALID;
	*days = crm_days_from_civil(y, m, d);
	return CRM_VALUE_OK;
}

/*
 * Whether the numbers of an eight-digit run d read as a date in one of
 * the orders a format could give them: YYYYMMDD, MMDDYYYY, DDMMYYYY.
 */
static int
eight_digit_date(const char *d)
{
	int a = (d[0] - '0') * 10 + (d[1] - '0');
	int b = (d[2] - '0') * 10 + (d[3] - '0');
	int c = (d[4] - '0') * 10 + (d[5] - '0');
	int x = (d[6] - '0') * 10 + (d[7] - '0');

	return (a * 100 + b > 0 && c >= 1 && c <= 12 && x >= 1 && x <= 31) ||
	    (c * 100 + x > 0 && ((a >= 1 && a <= 12 && b >= 1 && b <= 31) ||
	    (b >= 1 && b <= 12 && a >= 1 && a <= 31)));
}

/*
 * Whether b..e holds the parts of a date that some --date-format could
 * read: a year (four digits, not 0000), a month (a number from 1 to 12,
 * or an English abbreviation) and a day (1 to 31, another number), or
 * eight digits in a row that read as a date.
 */
static int
has_date_parts(const char *b, const char *e)
{
	int year = 0, month = 0, abbr = 0, day = 0, v;
	const char *p = b, *q, *r;

	while (p < e) {
		for (q = p; q < e && is_digit((unsigned char)*q); q++)
			;
		if (q == p) {
			abbr |= month_abbr(p, e) > 0 && (p == b ||
			    !is_alpha((unsigned char)p[-1]));
			p++;
			continue;
		}
		if (q - p == 8 && eight_digit_date(p))
			return 1;
		r = p;
		if (q - p == 4 && digits(&r, q, 4, &v) == 0)
			year |= v > 0;
		else if (q - p <= 2 && digits12(&r, q, &v) == 0) {
			month += v >= 1 && v <= 12;
			day += v >= 1 && v <= 31;
		}
		p = q;
	}
	return year && ((abbr && day >= 1) || (month >= 1 && day >= 2));
}

int
crm_date_hint(const char *s, const char *fmt)
{
	const char *b = s, *p;
	size_t n = strlen(s);
	int y, m, d, r;

	crm_text_trim(&b, &n);
	if (n == 0)
		return 0;
	/*
	 * The layout is right, with a month and a day that could be, and
	 * the day does not exist (2024-02-30) or the time is wrong: no
	 * format would help.  13/5/2024 read as %m/%d/%Y may be 13 May.  An
	 * ISO date with separators is one whatever its numbers (2024-13-01
	 * is a typo, not a %Y-%d-%m); eight digits may be 03052024.
	 */
	if (fmt != NULL)
		r = parse_fmt(b, b + n, fmt, &y, &m, &d) == -1 ? -1 : 0;
	else if ((p = iso_date(b, b + n, &y, &m, &d)) == NULL ||
	    (p != b + n && *p != 'T' && *p != ' '))
		r = -1;
	else
		r = b[4] == '-' || b[4] == '/' ? 1 : 0;
	if (r == 1 || (r == 0 && m >= 1 && m <= 12 && d >= 1 && d <= 31))
		return 0;
	return has_date_parts(b, b + n);
}

/*
 * Howard Hinnant's days_from_civil and civil_from_days
 * (http://howardhinnant.github.io/date_algorithms.html): the year is
 * shifted to start on March 1 so the leap day falls at its end, and
 * counted in 400-year eras of 146097 days.
 */
int32_t
crm_days_from_civil(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int32_t)era * 146097 + doe - 719468;
}

void
crm_civil_from_days(int32_t days, int *y, int *m, int *d)
{
	/* 64 bits so that days near INT32_MAX do not overflow the shift. */
	int64_t z, era, doe, yoe, doy, mp;

	z = (int64_t)days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

void
crm_date_format(int32_t days, char *buf)
{
	int y, m, d;

	crm_civil_from_days(days, &y, &m, &d);
	/* YYYY cannot hold other years; write a date no parser accepts. */
	if (y < 0 || y > 9999)
		y = m = d = 0;
	buf[0] = '0' + y / 1000;
	buf[1] = '0' + y / 100 % 10;
	buf[2] = '0' + y / 10 % 10;
	buf[3] = '0' + y % 10;
	buf[4] = '-';
	buf[5] = '0' + m / 10;
	buf[6] = '0' + m % 10;
	buf[7] = '-';
	buf[8] = '0' + d / 10;
	buf[9] = '0' + d % 10;
	buf[10] = '\0';
}

int
crm_bool_parse(const char *s, int *out)
{
	static const struct {
		const char *text;
		int value;
	} words[] = {
		{ "1", 1 }, { "0", 0 }, { "true", 1 }, { "false", 0 },
		{ "yes", 1 }, { "no", 0 }, { "y", 1 }, { "n", 0 },
		{ "t", 1 }, { "f", 0 }, { "x", 1 },
		{ "\xe6\x98\xaf" /* 是 */, 1 }, { "\xe5\x90\xa6" /* 否 */, 0 }
	};
	const char *b = s;
	size_t i, j, n = strlen(s);

	crm_text_trim(&b, &n);
	if (n == 0) {
		*out = 0;
		return CRM_VALUE_OK;
	}
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (strlen(words[i].text) != n)
			continue;
		for (j = 0; j < n; j++)
			if (to_lower((unsigned char)b[j]) !=
			    (unsigned char)words[i].text[j])
				break;
		if (j == n) {
			*out = words[i].value;
			return CRM_VALUE_OK;
		}
	}
	return CRM_VALUE_INVALID;
}

/* Copies s into buf with snprintf's truncation and return value. */
static int
copy_out(const char *s, char *buf, size_t size)
{
	size_t n = strlen(s);

	if (size > 0) {
		memcpy(buf, s, n < size ? n : size - 1);
		buf[n < size ? n : size - 1] = '\0';
	}
	return (int)n;
}

/* Skips the sign of a result that printf rounded to zero. */
static const char *
unsign_zero(const char *s)
{
	const char *p;

	if (*s != '-')
		return s;
	for (p = s + 1; *p != '\0'; p++)
		if (*p != '0' && *p != '.')
			return s;
	return s + 1;
}

static int
clamp_decimals(int decimals)
{
	return decimals < 0 ? 0 : decimals > 9 ? 9 : decimals;
}

/* DBL_MAX has 309 integer digits; with sign, point and 9 decimals: 320. */
#define FORMAT_MAX	352

/*
 * decimal_fixed below without its printf, for the common case: when
 * v * 10^d is well away from a rounding tie, rounding it to the nearest
 * integer gives the digits decimal_fixed would write, many times faster,
 * which shows in outputs of a million rows.  Returns the length, or -1
 * to ask decimal_fixed.
 */
static int
fast_fixed(double v, int d, char *tmp)
{
	static const double pow10[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
	    1e8, 1e9 };
	double x = v * pow10[d], r, frac;
	unsigned long long u;
	char digits[32];
	int n = 0, o = 0, neg;

	if (!(x > -4e15 && x < 4e15))
		return -1;
	r = floor(x);
	frac = x - r;
	/*
	 * x is v * 10^d within 1.2e-16 of it, and v the shortest decimal
	 * that reads back as it within as much again: near a tie, let the
	 * decimal decide.
	 */
	if (fabs(frac - 0.5) <= 1e-7 + fabs(x) * 4e-16)
		return -1;
	if (frac > 0.5)
		r += 1;
	neg = r < 0;
	u = (unsigned long long)(neg ? -r : r);
	do {
		digits[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0 || n <= d);
	if (neg && (n > 1 || digits[0] != '0'))
		tmp[o++] = '-';
	while (n > d)
		tmp[o++] = digits[--n];
	if (d > 0) {
		tmp[o++] = '.';
		while (n > 0)
			tmp[o++] = digits[--n];
	}
	tmp[o] = '\0';
	return o;
}

/*
 * The shortest decimal that reads back as v (finite, not 0), as Python's
 * repr finds it: its digits without trailing zeros into d (18 bytes),
 * with *exp such that |v| is 0.d * 10^exp; returns how many.  printf's
 * "%.*e" rounds correctly, and the first of 15, 16 and 17 digits that
 * reads back is the shortest: a double holds at most one decimal of 15
 * digits or fewer (DBL_DIG), and 17 always read back.
 */
static int
shortest_digits(double v, char *d, int *exp)
{
	char tmp[40];
	const char *q;
	int p, n = 0;

	for (p = 15; p < 17; p++) {
		snprintf(tmp, sizeof(tmp), "%.*e", p - 1, v);
		if (strtod(tmp, NULL) == v)
			break;
	}
	if (p == 17)
		snprintf(tmp, sizeof(tmp), "%.16e", v);
	q = tmp + (*tmp == '-');
	d[n++] = *q++;
	for (q++; is_digit((unsigned char)*q); q++)
		d[n++] = *q;
	while (n > 1 && d[n - 1] == '0')
		n--;
	*exp = atoi(q + 1) + 1;
	return n;
}

/*
 * "%.*f" in decimal: v is read as the shortest decimal that converts
 * back to it (72.125, 1.015, 0.1), and that decimal is rounded to
 * `places`, halves away from zero: 72.13 and 1.02, where printf, which
 * rounds the binary value, writes 72.12 (a tie broken to even) and 1.01
 * (1.015 is 1.01499999999999990 in binary), and no digits past the
 * seventeenth of a double.  Returns the length written to tmp
 * (FORMAT_MAX bytes).
 */
static int
decimal_fixed(double v, int places, char *tmp)
{
	char d[20];
	int n, exp, keep, i, o = 0, up, nonzero = 0;

	if (v == 0) {
		d[0] = '0';
		n = exp = 1;
	} else {
		n = shortest_digits(v, d, &exp);
	}
	if ((keep = exp + places) < n) {
		/* the digits past `places` are at least a half: round up */
		up = keep >= 0 && d[keep] >= '5';
		n = keep > 0 ? keep : 0;
		for (i = n - 1; up && i >= 0; i--) {
			if (d[i] == '9') {
				d[i] = '0';
			} else {
				d[i]++;
				up = 0;
			}
		}
		if (up) {	/* 9.995 -> 10.00, or 0.005 -> 0.01 */
			memmove(d + 1, d, (size_t)n);
			d[0] = '1';
			n++;
			exp++;
		}
	}
	for (i = 0; i < n; i++)
		nonzero |= d[i] != '0';
	if (v < 0 && nonzero)
		tmp[o++] = '-';
	if (exp <= 0)
		tmp[o++] = '0';
	for (i = 0; i < exp; i++)
		tmp[o++] = i < n ? d[i] : '0';
	if (places > 0)
		tmp[o++] = '.';
	for (i = exp; i < exp + places; i++)
		tmp[o++] = i >= 0 && i < n ? d[i] : '0';
	tmp[o] = '\0';
	return o;
}

/* The fixed text of v, or "" (-1) when v is not finite. */
static int
fixed(double v, int d, char *tmp)
{
	int n;

	if (!isfinite(v)) {
		*tmp = '\0';
		return -1;
	}
	if ((n = fast_fixed(v, d, tmp)) < 0)
		n = decimal_fixed(v, d, tmp);
	return n;
}

int
crm_number_format(double v, int decimals, char *buf, size_t size)
{
	char tmp[FORMAT_MAX];

	if (fixed(v, clamp_decimals(decimals), tmp) < 0)
		return copy_out("", buf, size) - 1;
	return copy_out(unsign_zero(tmp), buf, size);
}

int
crm_fraction_format(double v, int decimals, char *buf, size_t size)
{
	char tmp[FORMAT_MAX];
	int n;

	if ((n = fixed(v, clamp_decimals(decimals), tmp)) < 0)
		return copy_out("", buf, size) - 1;
	if (strchr(tmp, '.') != NULL) {
		while (tmp[n - 1] == '0')
			n--;
		if (tmp[n - 1] == '.')
			n--;
		tmp[n] = '\0';
	}
	return copy_out(unsign_zero(tmp), buf, size);
}

double
crm_round_decimals(double sum, int decimals)
{
	double scale, units;

	if (decimals < 0)
		decimals = 0;
	if (decimals > 9)
		decimals = 9;
	scale = pow(10, decimals);
	units = sum * scale;
	/* past 2^53 units every double is a whole number already */
	if (!(fabs(units) < 9007199254740992.0))
		return sum;
	return round(units) / scale;
}

int
crm_date_format_check(const char *fmt)
{
	int year = 0, month = 0, mday = 0;

	for (; *fmt != '\0'; fmt++) {
		if (*fmt != '%')
			continue;
		switch (*++fmt) {
		case 'Y': year = 1; break;
		case 'm': case 'b': month = 1; break;
		case 'd': mday = 1; break;
		case 'H': case 'M': case 'S': case '%': break;
		default: return -1;	/* unknown, or a lone % at the end */
		}
	}
	return year && month && mday ? 0 : -1;
}

int
crm_text_casecmp(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i;

	for (i = 0; i < alen && i < blen; i++) {
		int x = (unsigned char)a[i], y = (unsigned char)b[i];

		if (x >= 'A' && x <= 'Z')
			x += 'a' - 'A';
		if (y >= 'A' && y <= 'Z')
			y += 'a' - 'A';
		if (x != y)
			return x - y;
	}
	return alen < blen ? -1 : alen > blen;
}

int
crm_integer_format(long long v, char *buf)
{
	char digits[24];
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v :
	    (unsigned long long)v;
	int n = 0, o = 0;

	do {
		digits[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	if (v < 0)
		buf[o++] = '-';
	while (n > 0)
		buf[o++] = digits[--n];
	buf[o] = '\0';
	return o;
}
