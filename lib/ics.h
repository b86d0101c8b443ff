/*
 * ics.h - follow-ups as an iCalendar (RFC 5545) file of VTODO items, for
 * calendar programs to import.
 *
 * Lines end with CRLF and are folded at 75 octets (never inside a UTF-8
 * character); TEXT values escape backslash, semicolon, comma and newline.
 * DTSTAMP is the as-of date at midnight UTC, not the wall clock, so the
 * same input and --as-of give byte-identical output.
 */
#ifndef CRM_ICS_H
#define CRM_ICS_H

#include <stdint.h>
#include <stdio.h>

struct crm_ics_todo {
	const char *uid;	/* unique and stable, e.g. "C0042-cadence" */
	int32_t due;		/* days since 1970-01-01 */
	const char *summary;	/* one line */
	const char *description;	/* may hold newlines */
	const char *categories;	/* e.g. the owner; NULL for none */
	int priority;		/* RFC 5545: 1 highest .. 9 lowest; 0 none */
};

/* Writes BEGIN:VCALENDAR, VERSION, PRODID. */
void crm_ics_begin(FILE *fp);

/* Writes one VTODO; stamp is the as-of date. */
void crm_ics_todo(FILE *fp, const struct crm_ics_todo *t, int32_t stamp);

/* Writes END:VCALENDAR.  Returns -1 if fp has an error. */
int crm_ics_end(FILE *fp);

#endif
