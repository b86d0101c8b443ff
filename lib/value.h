/*
 * value.h - the field values of the contract: numbers, dates, booleans.
 *
 * Parsers take a NUL-terminated field and never consult the locale.  An
 * empty field is reported as missing, never as zero.  Dates are whole
 * days since 1970-01-01 in the proleptic Gregorian calendar; the time of
 * day is checked and then ignored.
 */
#ifndef CRM_VALUE_H
#define CRM_VALUE_H

#include <stddef.h>
#include <stdint.h>

#include "decimal.h"

enum crm_value_result {
	CRM_VALUE_OK = 0,
	CRM_VALUE_EMPTY = 1,	/* empty or only spaces: missing */
	CRM_VALUE_INVALID = -1,
	CRM_VALUE_RANGE = -2	/* a number, too long to hold exactly */
};

/*
 * Parses a number: optional sign, digits with an optional decimal point,
 * thousands separators in groups of three, a currency symbol ($ € £ ¥ ￥)
 * before or after, surrounding spaces, (12.50) as -12.50.  With
 * decimal_comma, ',' is the decimal point and '.' the thousands
 * separator.  No exponents, no inf/nan.  On success stores the value in
 * *out and, if decimals is not NULL, the number of digits after the
 * decimal point in *decimals.
 */
int crm_number_parse(const char *s, int decimal_comma, double *out,
    int *decimals);

/*
 * Parses a number as crm_number_parse does, exactly (decimal.h): *out
 * holds it as a whole number of units of its last decimal place ("5.50"
 * is 550 units of 0.01, scale 2; "-0" is 0), *decimals (if not NULL) the
 * digits after the point as written.  Zeros past the 38th decimal are
 * dropped; a number of the grammar with more than 38 digits (leading
 * zeros not counted) or more than 38 decimals is CRM_VALUE_RANGE: no
 * exact sum could hold it.
 */
int crm_decimal_parse(const char *s, int decimal_comma,
    struct crm_decimal *out, int *decimals);

/*
 * Parses a date.  With fmt NULL: YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD,
 * optionally followed by 'T' or ' ' and a time HH:MM[:SS[.fraction]]
 * with an optional 'Z' or +HH:MM offset.  With fmt: the strptime-style
 * conversions %Y %m %d %b (English month abbreviation, any case) %H %M
 * %S and %%; other characters match themselves; %m %d %H %M %S read one
 * or two digits (3/5/2024).  A format without %H may be followed by 'T'
 * or ' ' and a time as exports write it: the ISO one, or H:MM[:SS] with
 * AM or PM (3/5/2024 2:35 PM).  The day must exist (2024-02-30 is
 * invalid).  Stores days since 1970-01-01 in *days.
 */
int crm_date_parse(const char *s, const char *fmt, int32_t *days);

/*
 * Whether a field that crm_date_parse(s, fmt) refused might be read with
 * another --date-format: it does not have the layout with only the day
 * wrong (2024-02-30; with fmt NULL, any YYYY-MM-DD or YYYY/MM/DD, as
 * 2024-13-01), and it holds a year (four digits, not 0000), a month (1
 * to 12 or an English abbreviation) and a day (1 to 31), as 3/5/2024
 * and 5 Mar 2024 do, or eight digits that read as a date in some order
 * (03052024).  "soon", "n/a" and 45352 get no hint.  For messages only:
 * no result depends on it.
 */
int crm_date_hint(const char *s, const char *fmt);

/*
 * Checks a --date-format: only the conversions crm_date_parse knows, and
 * enough of them to make a date (%Y, %m or %b, and %d).  Returns 0 or -1.
 */
int crm_date_format_check(const char *fmt);

/* Nonzero when y is a leap year of the proleptic Gregorian calendar. */
int crm_is_leap_year(int y);

/* The number of days in month m (1..12) of year y. */
int crm_days_in_month(int y, int m);

/* Days since 1970-01-01 from a valid civil date, and back. */
int32_t crm_days_from_civil(int y, int m, int d);
void crm_civil_from_days(int32_t days, int *y, int *m, int *d);

/* Writes days as YYYY-MM-DD into buf (at least 11 bytes). */
void crm_date_format(int32_t days, char *buf);

/*
 * Parses a boolean: 1/0 true/false yes/no y/n t/f x/(empty), any case,
 * and 是/否.  An empty field is false.  Stores 1 or 0 in *out.
 */
int crm_bool_parse(const char *s, int *out);

/*
 * Rounds a sum of values that have at most `decimals` digits after the
 * point to that many digits: such a sum is a whole number of units of
 * 10^-decimals, so this removes binary noise (0.1 + 0.2 - 0.3 is 0, not
 * 5.55e-17).  Values too large for the rounding to matter are returned
 * unchanged.
 */
double crm_round_decimals(double sum, int decimals);

/* Narrows s and len to the text between leading and trailing blanks. */
void crm_text_trim(const char **s, size_t *len);

/*
 * Compares two byte strings ignoring ASCII case (bytes from 0x80 compare
 * as they are); returns <0, 0 or >0 as strcmp does.
 */
int crm_text_casecmp(const char *a, size_t alen, const char *b,
    size_t blen);

/* Room for any number crm_number_format writes: 309 digits, 9 decimals. */
#define CRM_NUMBER_SIZE	352

/*
 * Formats v with exactly `decimals` digits after the point (0..9), never
 * "-0": v is read as the shortest decimal that converts back to it (what
 * Python's repr shows: 72.125, 1.015, 0.1), rounded half away from zero
 * in decimal (72.13, 1.02 at 2 places; printf would round the binary
 * value, 72.12 and 1.01).  Returns the length written (snprintf
 * semantics); an inf or nan, which no caller may pass, writes "" and
 * returns -1.
 */
int crm_number_format(double v, int decimals, char *buf, size_t size);

/*
 * Writes the whole number v in decimal into buf (at least 21 bytes): the
 * per-row counts and ranks, without printf's cost.  Returns the length.
 */
int crm_integer_format(long long v, char *buf);

/*
 * Formats v as crm_number_format does, with trailing zeros and a trailing
 * point removed: 0.25, 1, 0.333333.
 */
int crm_fraction_format(double v, int decimals, char *buf, size_t size);

#endif
