/*
 * calendar.c - calendar arithmetic for follow-up scheduling (see
 * calendar.h): interval parsing, day/week/month steps that clamp to month
 * ends, weekdays, anniversaries, and working days with holidays.
 *
 * All arithmetic that could leave int32_t is done in 64 bits and
 * saturated, so no input date makes it undefined.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "value.h"

/* Largest N crm_interval_parse accepts: 100000 years is 1.2M months. */
#define INTERVAL_MAX	100000L

/*
 * Years crm_days_from_civil can take without overflow; int32_t days
 * reach about 5.8 million years either way, so beyond this a result
 * saturates.
 */
#define YEAR_LIMIT	5000000

/* How far crm_next_workday looks: three years, leap days included. */
#define WORKDAY_SEARCH	(3 * 366)

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Whether s[0..len) is w[0..len), ignoring ASCII case; w is lower case. */
static int
prefix_eq(const char *s, const char *w, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (lower((unsigned char)s[i]) != w[i])
			return 0;
	return 1;
}

/* Whether s[0..len) is the lower-case word w, ignoring ASCII case. */
static int
word_eq(const char *s, size_t len, const char *w)
{
	return strlen(w) == len && prefix_eq(s, w, len);
}

static int
is_space(int c)
{
	return c == ' ' || c == '\t';
}

int
crm_interval_parse(const char *s, struct crm_interval *iv)
{
	static const struct {
		const char *one, *many;
		enum crm_unit unit;
		long factor;
	} units[] = {
		{ "day", "days", CRM_DAYS, 1 },
		{ "week", "weeks", CRM_WEEKS, 1 },
		{ "month", "months", CRM_MONTHS, 1 },
		{ "year", "years", CRM_MONTHS, 12 },
	};
	const char *p = s, *w;
	long n = 0;
	size_t len, i;

	while (is_space((unsigned char)*p))
		p++;
	if (!(*p >= '0' && *p <= '9'))
		return -1;
	while (*p >= '0' && *p <= '9') {
		n = n * 10 + (*p++ - '0');
		if (n > INTERVAL_MAX)
			return -1;
	}
	while (is_space((unsigned char)*p))
		p++;
	w = p;
	while (*p != '\0' && !is_space((unsigned char)*p))
		p++;
	len = (size_t)(p - w);
	while (is_space((unsigned char)*p))
		p++;
	if (*p != '\0')
		return -1;
	if (len == 0) {
		iv->n = n;
		iv->unit = CRM_DAYS;
		return 0;
	}
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (word_eq(w, len, units[i].one) ||
		    word_eq(w, len, units[i].many)) {
			iv->n = n * units[i].factor;
			iv->unit = units[i].unit;
			return 0;
		}
	}
	return -1;
}

static int32_t
saturate(int64_t v)
{
	if (v > INT32_MAX)
		return INT32_MAX;
	if (v < INT32_MIN)
		return INT32_MIN;
	return (int32_t)v;
}

/* The date `months` civil months from date, its day clamped to the month. */
static int32_t
add_months(int32_t date, int64_t months)
{
	int y, m, d, len;
	int64_t idx, ny;
	int nm;

	crm_civil_from_days(date, &y, &m, &d);
	idx = (int64_t)y * 12 + (m - 1) + months;
	/* floor division, so that months before year 0 work too */
	ny = idx >= 0 ? idx / 12 : -((-idx + 11) / 12);
	nm = (int)(idx - ny * 12) + 1;
	if (ny > YEAR_LIMIT)
		return INT32_MAX;
	if (ny < -YEAR_LIMIT)
		return INT32_MIN;
	len = crm_days_in_month((int)ny, nm);
	if (d > len)
		d = len;
	return crm_days_from_civil((int)ny, nm, d);
}

int32_t
crm_date_add(int32_t date, const struct crm_interval *iv)
{
	switch (iv->unit) {
	case CRM_DAYS:
		return saturate((int64_t)date + iv->n);
	case CRM_WEEKS:
		return saturate((int64_t)date + (int64_t)iv->n * 7);
	case CRM_MONTHS:
		return add_months(date, iv->n);
	}
	return date;
}

int32_t
crm_date_sub(int32_t date, const struct crm_interval *iv)
{
	switch (iv->unit) {
	case CRM_DAYS:
		return saturate((int64_t)date - iv->n);
	case CRM_WEEKS:
		return saturate((int64_t)date - (int64_t)iv->n * 7);
	case CRM_MONTHS:
		return add_months(date, -(int64_t)iv->n);
	}
	return date;
}

int
crm_weekday(int32_t date)
{
	/* 1970-01-01 was a Thursday (3); floor modulo for earlier dates. */
	int64_t r = ((int64_t)date + 3) % 7;

	return (int)(r < 0 ? r + 7 : r);
}

/* date's month and day in year y, 29 February becoming 28 if need be. */
static int32_t
anniversary_in(int y, int m, int d)
{
	if (y > YEAR_LIMIT)
		return INT32_MAX;
	if (y < -YEAR_LIMIT)
		return INT32_MIN;
	if (m == 2 && d == 29 && !crm_is_leap_year(y))
		d = 28;
	return crm_days_from_civil(y, m, d);
}

int32_t
crm_next_anniversary(int32_t date, int32_t from)
{
	int y, m, d, fy, fm, fd;
	int32_t a;

	crm_civil_from_days(date, &y, &m, &d);
	crm_civil_from_days(from, &fy, &fm, &fd);
	a = anniversary_in(fy, m, d);
	if (a < from)
		a = anniversary_in(fy + 1, m, d);
	return a;
}

int
crm_weekday_parse(const char *s)
{
	static const char *const names[7] = {
		"monday", "tuesday", "wednesday", "thursday", "friday",
		"saturday", "sunday"
	};
	size_t len = strlen(s);
	int i;

	for (i = 0; i < 7; i++)
		if (word_eq(s, len, names[i]) ||
		    (len == 3 && prefix_eq(s, names[i], 3)))
			return i;
	return -1;
}

void
crm_workdays_default(struct crm_workdays *w)
{
	memset(w, 0, sizeof(*w));
	w->weekend[5] = 1;
	w->weekend[6] = 1;
}

static int
cmp_day(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;

	return (x > y) - (x < y);
}

/*
 * Replaces the holidays in w with a sorted copy of days[0..n), duplicates
 * dropped.  On failure w is left as it was.
 */
int
crm_workdays_set_holidays(struct crm_workdays *w, const int32_t *days,
    size_t n, struct crm_error *e)
{
	int32_t *copy = NULL;
	size_t i, k = 0;

	if (n > 0) {
		if (n > SIZE_MAX / sizeof(*copy) ||
		    (copy = malloc(n * sizeof(*copy))) == NULL)
			return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
			    "out of memory");
		memcpy(copy, days, n * sizeof(*copy));
		qsort(copy, n, sizeof(*copy), cmp_day);
		for (i = 0; i < n; i++)
			if (k == 0 || copy[k - 1] != copy[i])
				copy[k++] = copy[i];
	}
	free(w->holidays);
	w->holidays = copy;
	w->nholidays = k;
	return 0;
}

int
crm_is_workday(const struct crm_workdays *w, int32_t date)
{
	if (w->weekend[crm_weekday(date)])
		return 0;
	if (w->nholidays > 0 && bsearch(&date, w->holidays, w->nholidays,
	    sizeof(*w->holidays), cmp_day) != NULL)
		return 0;
	return 1;
}

int32_t
crm_next_workday(const struct crm_workdays *w, int32_t date)
{
	int64_t d;

	/* bounded: a week of days off, or years of holidays, must end */
	for (d = date; d <= (int64_t)date + WORKDAY_SEARCH && d <= INT32_MAX;
	    d++)
		if (crm_is_workday(w, (int32_t)d))
			return (int32_t)d;
	return CRM_NO_WORKDAY;
}

void
crm_workdays_free(struct crm_workdays *w)
{
	free(w->holidays);
	w->holidays = NULL;
	w->nholidays = 0;
}
