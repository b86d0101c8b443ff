/*
 * calendar.h - calendar arithmetic for follow-up scheduling: intervals
 * in days, weeks or months, month ends, anniversaries, and working days.
 *
 * Dates are days since 1970-01-01 (value.h).  Month arithmetic clamps to
 * the end of the month: 2024-01-31 plus one month is 2024-02-29, plus two
 * is 2024-03-31 (each step from the original date, not from the clamped
 * one).  An anniversary of 29 February falls on 28 February in years
 * that have no 29th.
 */
#ifndef CRM_CALENDAR_H
#define CRM_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

enum crm_unit { CRM_DAYS, CRM_WEEKS, CRM_MONTHS };

struct crm_interval {
	long n;			/* >= 0 */
	enum crm_unit unit;
};

/*
 * Parses "N day(s)", "N week(s)", "N month(s)", "N year(s)" (12
 * months), or a bare "N" (days); N a whole number from 0 to 100000;
 * spaces or tabs (or none) between, around; any case.  Returns 0, or -1
 * (the caller reports where).
 */
int crm_interval_parse(const char *s, struct crm_interval *iv);

/* date + iv, clamping month arithmetic to month ends. */
int32_t crm_date_add(int32_t date, const struct crm_interval *iv);

/* date - iv, the same way. */
int32_t crm_date_sub(int32_t date, const struct crm_interval *iv);

/* Day of the week: 0 Monday .. 6 Sunday. */
int crm_weekday(int32_t date);

/*
 * The first anniversary (same month and day) of date on or after from;
 * 29 February maps to 28 February in common years.
 */
int32_t crm_next_anniversary(int32_t date, int32_t from);

struct crm_workdays {
	unsigned char weekend[7];	/* 1 for a day off, Monday first */
	int32_t *holidays;		/* sorted ascending */
	size_t nholidays;
};

/*
 * Parses a weekday name (monday, mon, Monday...; any case) into 0..6,
 * or -1.
 */
int crm_weekday_parse(const char *s);

/* Saturday and Sunday off, no holidays: for a fresh struct only. */
void crm_workdays_default(struct crm_workdays *w);

/* Sorts and stores n holidays (copied); fails only when out of memory. */
int crm_workdays_set_holidays(struct crm_workdays *w, const int32_t *days,
    size_t n, struct crm_error *e);

int crm_is_workday(const struct crm_workdays *w, int32_t date);

#define CRM_NO_WORKDAY	INT32_MIN

/*
 * date if it is a working day, else the next one; CRM_NO_WORKDAY when
 * there is none within three years.
 */
int32_t crm_next_workday(const struct crm_workdays *w, int32_t date);

void crm_workdays_free(struct crm_workdays *w);

#endif
