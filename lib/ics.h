/*
 * ics.h - follow-ups as an iCalendar (RFC 5545) file, for calendar
 * programs to import: VTODO items (to-dos: Thunderbird, CalDAV servers)
 * or all-day VEVENT items (events: Outlook and Google Calendar, which
 * import no to-dos).
 *
 * Lines end with CRLF and are folded at 75 octets (never inside a UTF-8
 * character); TEXT values escape backslash, semicolon, comma and newline.
 * DTSTAMP is the as-of date at midnight UTC, not the wall clock, so the
 * same input and --as-of give byte-identical output.
 *
 * Updates: a calendar that imports an item whose UID it already holds
 * keeps the one with the higher SEQUENCE (RFC 5546 2.1.5; Outlook and
 * Google Calendar do).  A nightly export must therefore give a
 * follow-up the same UID every night (the caller's business: see
 * schedule.h) and a SEQUENCE that never goes down and goes up whenever
 * the item may have changed, with nothing remembered between runs: the
 * as-of date's day number (crm_ics_sequence).  Two exports of the same
 * as-of date are the same version; a later one replaces them.
 */
#ifndef CRM_ICS_H
#define CRM_ICS_H

#include <stdint.h>
#include <stdio.h>

/* One follow-up, written as a to-do or as an event. */
struct crm_ics_todo {
	const char *uid;	/* unique and stable, e.g. "C0042-todo@..." */
	int32_t due;		/* days since 1970-01-01 */
	const char *summary;	/* one line */
	const char *description;	/* may hold newlines */
	const char *categories;	/* e.g. the owner; NULL for none */
	int priority;		/* RFC 5545: 1 highest .. 9 lowest; 0 none */
};

/* Writes BEGIN:VCALENDAR, VERSION, PRODID. */
void crm_ics_begin(FILE *fp);

/*
 * The SEQUENCE of every item written on as-of date stamp (days since
 * 1970-01-01): the day number itself, 0 before 1970.
 */
long crm_ics_sequence(int32_t stamp);

/* Writes one VTODO due on t->due; stamp is the as-of date. */
void crm_ics_todo(FILE *fp, const struct crm_ics_todo *t, int32_t stamp);

/*
 * Writes one all-day VEVENT on t->due (DTSTART that day, DTEND the next,
 * as RFC 5545 3.6.1 has all-day events end), shown as free time
 * (TRANSP:TRANSPARENT): a follow-up does not book the day.
 */
void crm_ics_event(FILE *fp, const struct crm_ics_todo *t, int32_t stamp);

/* Writes END:VCALENDAR.  Returns -1 if fp has an error. */
int crm_ics_end(FILE *fp);

#endif
