/*
 * schedule.h - the day's follow-up list: each customer's due follow-up
 * (followup.h) collected, held to each owner's daily capacity, put in
 * order, and written as CSV or as an iCalendar file (ics.h).
 *
 * Order: owners by the bytes of their names; within an owner, priority
 * (highest first), then due date (earliest first), then customer id
 * (bytes).  Capacity: an owner works at most `capacity` follow-ups a day
 * (the rules' capacity; 0 for none), an overdue follow-up on the as-of
 * date; the lowest priorities of a full day are deferred to the next
 * working day (workdays), out of the list and into the deferred one.
 *
 *   crm_schedule_new    an empty list for rules bound to the table
 *   crm_schedule_add    one customer row (evaluated by crm_fu_evaluate)
 *   crm_schedule_done   capacity and order, once every row is in
 *   crm_schedule_write_csv, crm_schedule_write_ics   the lists
 *
 * Below them, the steps on plain items, for callers and tests:
 * crm_schedule_defer (capacity) and crm_schedule_order (the order).
 */
#ifndef CRM_SCHEDULE_H
#define CRM_SCHEDULE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "calendar.h"
#include "contacts.h"
#include "csvio.h"
#include "error.h"
#include "followup.h"

/* A customer with a follow-up due, held until the list is in order. */
struct crm_schedule_item {
	const struct crm_record *rec;	/* the customer's row (copied) */
	const char *id;			/* its id: the last order key */
	uint32_t owner;			/* rank of the owner's name in bytes */
	enum crm_fu_kind kind;
	int32_t due;			/* deferred: the day it moved to */
	int32_t day;			/* crm_schedule_defer's work day */
	double priority;		/* the nearest double of: */
	const struct crm_decimal *prio;	/* the exact one (in held) */
	const char *channel, *action, *reason;
	int deferred;			/* past the owner's capacity */
	size_t pos;			/* set by the sorts: for stability */
};

/* The day a follow-up is worked on: its due date, or as_of if overdue. */
int32_t crm_schedule_work_day(int32_t due, int32_t as_of);

/*
 * Holds items to capacity per owner per work day (capacity <= 0: no
 * limit, nothing done): marks the lowest priorities of a full day
 * deferred and moves their due date to the next working day after it
 * (or the day after, when w has none within three years).  Sets each
 * item's day (its work day before any deferral) and leaves the items
 * ordered by owner, day, then the list's order (stable, as
 * crm_schedule_order).  Returns how many it deferred.
 */
size_t crm_schedule_defer(struct crm_schedule_item *items, size_t n,
    long capacity, const struct crm_workdays *w, int32_t as_of);

/*
 * Puts items in the list's order: owner rank, priority (highest first),
 * due date, id (bytes).  A stable sort: items equal on all four keep
 * their order.
 */
void crm_schedule_order(struct crm_schedule_item *items, size_t n);

/*
 * The calendar priority of a follow-up (RFC 5545, 1 highest): 1 for a
 * complaint, 3 when it is overdue at as_of, 5 otherwise.
 */
int crm_schedule_ics_priority(enum crm_fu_kind kind, int32_t due,
    int32_t as_of);

/*
 * The due_time of a follow-up on channel worked on day: "" unless the
 * rules give call hours and the channel is phone (any case); then the
 * Monday hour on a Monday when there is one, else the hour.
 */
const char *crm_schedule_call_time(const struct crm_fu_rules *r,
    const char *channel, int32_t day);

struct crm_schedule;

/*
 * An empty list for the rules r (bound to the table's header by
 * crm_fu_bind) evaluated under env; owner, if not NULL, keeps only that
 * owner's follow-ups; cs is the contact log (may be NULL), whose
 * customers the list marks as seen in the table.  r, env, owner and cs
 * must outlive the list.  NULL when out of memory (*e filled).
 */
struct crm_schedule *crm_schedule_new(const struct crm_fu_rules *r,
    const struct crm_fu_env *env, const char *owner,
    struct crm_contacts *cs, struct crm_error *e);

/*
 * One row of the customer table: evaluated, and held (a copy) when a
 * follow-up is due.  Returns a verdict (error.h): ok (due or not), bad
 * for a bad field (*why without file or line: see crm_fu_evaluate), stop
 * when out of memory.
 */
int crm_schedule_add(struct crm_schedule *s, const struct crm_record *rec,
    struct crm_error *why);

/* Applies the capacity and puts the list in order; -1 when out of memory. */
int crm_schedule_done(struct crm_schedule *s, struct crm_error *e);

/* Follow-ups deferred past the owners' capacity (after done). */
size_t crm_schedule_deferred(const struct crm_schedule *s);

/* Follow-ups dropped by do-not-contact flags. */
size_t crm_schedule_suppressed(const struct crm_schedule *s);

/*
 * The values of the cadence column that the config names but no row of
 * the table had (a typo?), one per call: starts at *k (0 for the first),
 * returns the next one and moves *k past it, or NULL at the end.
 */
const char *crm_schedule_unmatched(const struct crm_schedule *s, size_t *k);

/* The same for the win-back values of the config. */
const char *crm_schedule_unmatched_lost(const struct crm_schedule *s,
    size_t *k);

/*
 * With an owner filter (crm_schedule_new) that no row of a table of
 * rows matched: returns 1 and writes the owners the table has to buf, at
 * most 10 of them in byte order, quoted and cut short with their number
 * ("'alice', 'bob', ... (37 owners)"); *near is the one owner equal to
 * the filter but for ASCII case and surrounding spaces (crm_name_near),
 * or NULL.  Returns 0, buf untouched, without a filter, when a row
 * matched, or when the table had no rows.  size: 128 bytes or more.
 * The pointers are valid until the list is freed.
 */
int crm_schedule_owner_missed(const struct crm_schedule *s, char *buf,
    size_t size, const char **near);

/*
 * Writes the list (deferred 0) or the deferred follow-ups (1) as CSV:
 * every column of header in its place, then due_date, days_overdue,
 * reason, channel, action, priority, and due_time when the rules give
 * call hours.  -1 when out of memory.
 */
int crm_schedule_write_csv(const struct crm_schedule *s,
    struct crm_csv_writer *w, const struct crm_record *header, int deferred,
    struct crm_error *e);

/*
 * Writes the list (not the deferred) as an iCalendar file (ics.h): VTODO
 * items due on the due dates, or with events all-day VEVENT items on the
 * days the follow-ups are worked (crm_schedule_work_day: an overdue one
 * today, where a calendar user looks, not weeks back).  An item's
 * summary reads "ACTION: NAME (ID), CHANNEL DETAIL", the name and the
 * detail (the phone number for phone, the address for email) when the
 * table has them; its description holds the reason, the due date when
 * overdue, then the customer, the phone and email columns the table has,
 * and the owner, a line each.
 * Its UID is crm_schedule_uid's, so that a calendar holds one item per
 * customer, moved and retitled by each night's import, never duplicated.
 * name is the output's, for the message of a write error (status 1);
 * NULL for standard output.
 */
int crm_schedule_write_ics(const struct crm_schedule *s, FILE *fp,
    int events, const char *name, struct crm_error *e);

/*
 * The UID of a customer's follow-up in a calendar, malloc'ed (NULL when
 * out of memory): the id, bytes other than ASCII letters, digits, '.',
 * '_' and '-' written %XX (so that no two ids give one UID), then
 * "-todo@crm-followup" or with events "-event@crm-followup" (a CalDAV
 * collection may not hold a to-do and an event of one UID).  It holds
 * neither the due date nor the kind of follow-up: the list has one
 * follow-up per customer, and tomorrow's may fall on another day or be
 * of another kind, yet it must replace today's, not sit beside it.
 */
char *crm_schedule_uid(const char *id, int events);

void crm_schedule_free(struct crm_schedule *s);

#endif
