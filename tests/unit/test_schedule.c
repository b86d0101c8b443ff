/*
 * test_schedule.c - the day's follow-up list: capacity per owner per
 * day with deferral to the next working day, the list's order (owner
 * name bytes, priority, due date, id), call hours, calendar priorities,
 * and the CSV and iCalendar lists.
 *
 * Expected values are worked out by hand in the comments; weekdays come
 * from a printed calendar (checked with GNU date -d ... +%a): 2025-12-29
 * is a Monday, 2025-12-31 a Wednesday, 2026-01-01 a Thursday, 2026-01-02
 * a Friday, 2026-01-05 a Monday.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "contacts.h"
#include "schedule.h"
#include "value.h"

static int32_t
day(const char *s)
{
	int32_t d;

	assert_int_equal(crm_date_parse(s, NULL, &d), CRM_VALUE_OK);
	return d;
}

static const char *
iso(int32_t d)
{
	static char buf[4][16];
	static int i;

	i = (i + 1) % 4;
	crm_date_format(d, buf[i]);
	return buf[i];
}

/* The exact priorities of the items below, as the list holds them. */
static struct crm_decimal held[64];
static size_t nheld;

/* An item as the list holds it; tag goes in reason, to tell them apart. */
static struct crm_schedule_item
item(uint32_t owner, double priority, const char *due, const char *id,
    const char *tag)
{
	struct crm_schedule_item it;
	size_t k;

	memset(&it, 0, sizeof(it));
	it.owner = owner;
	it.priority = priority;
	/* whole priorities here: the exact one is priority / 10^0 */
	k = nheld++ % 64;	/* the tests hold fewer items than that */
	held[k].units = (crm_i128)priority;
	held[k].scale = 0;
	it.prio = &held[k];
	it.due = day(due);
	it.id = id;
	it.reason = tag;
	it.kind = CRM_FU_CADENCE;
	return it;
}

/* The tags of items in their order, as one string. */
static const char *
tags(const struct crm_schedule_item *items, size_t n)
{
	static char buf[256];
	size_t i, o = 0;

	for (i = 0; i < n; i++)
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s",
		    items[i].reason);
	buf[o] = '\0';
	return buf;
}

static void
test_work_day_and_ics_priority(void **state)
{
	int32_t today = day("2025-12-31");

	(void)state;
	/* overdue work is done today; the rest on its day */
	assert_int_equal(crm_schedule_work_day(day("2025-12-20"), today),
	    today);
	assert_int_equal(crm_schedule_work_day(today, today), today);
	assert_int_equal(crm_schedule_work_day(day("2026-01-05"), today),
	    day("2026-01-05"));
	/* RFC 5545 PRIORITY: complaints 1, overdue 3, the rest 5 */
	assert_int_equal(crm_schedule_ics_priority(CRM_FU_COMPLAINT,
	    day("2026-01-05"), today), 1);
	assert_int_equal(crm_schedule_ics_priority(CRM_FU_CADENCE,
	    day("2025-12-30"), today), 3);
	assert_int_equal(crm_schedule_ics_priority(CRM_FU_TRIGGER, today,
	    today), 5);
	assert_int_equal(crm_schedule_ics_priority(CRM_FU_MILESTONE,
	    day("2026-01-02"), today), 5);
}

static void
test_call_time(void **state)
{
	struct crm_fu_rules r;

	(void)state;
	crm_fu_defaults(&r);
	/* no call hours: no time at all */
	assert_string_equal(crm_schedule_call_time(&r, "phone",
	    day("2025-12-29")), "");
	r.call_from = "09:00";
	/* no Monday hour: the same hour every day */
	assert_string_equal(crm_schedule_call_time(&r, "phone",
	    day("2025-12-29")), "09:00");
	r.monday_from = "10:30";
	assert_string_equal(crm_schedule_call_time(&r, "Phone",
	    day("2025-12-29")), "10:30");
	assert_string_equal(crm_schedule_call_time(&r, "PHONE",
	    day("2025-12-31")), "09:00");
	/* only calls have an hour */
	assert_string_equal(crm_schedule_call_time(&r, "email",
	    day("2025-12-29")), "");
	r.call_from = r.monday_from = NULL;
	crm_fu_free(&r);
}

static void
test_order(void **state)
{
	/*
	 * Owner 0: C (priority 7) first; then priority 5 due 12-10: ids
	 * "C" (0x43) before "c" (0x63), and D and F, equal in everything,
	 * in their order; then B, due later.  Owner 1: G (9), then A.
	 */
	struct crm_schedule_item items[] = {
		item(1, 5, "2025-12-10", "x", "A"),
		item(0, 5, "2025-12-12", "b", "B"),
		item(0, 7, "2025-12-15", "z", "C"),
		item(0, 5, "2025-12-10", "c", "D"),
		item(0, 5, "2025-12-10", "C", "E"),
		item(0, 5, "2025-12-10", "c", "F"),
		item(1, 9, "2025-12-20", "a", "G"),
	};

	(void)state;
	crm_schedule_order(items, 7);
	assert_string_equal(tags(items, 7), "CEDFBGA");
	/* in order already: nothing moves */
	crm_schedule_order(items, 7);
	assert_string_equal(tags(items, 7), "CEDFBGA");
	crm_schedule_order(NULL, 0);
}

static void
test_defer(void **state)
{
	/*
	 * Capacity 2 a day, as of Wednesday 12-31, New Year's Day a
	 * holiday.  Owner 0 works a (overdue since 12-20), c (overdue
	 * since 12-29), b and d (due today) all today: a and c, the
	 * highest priorities, stay; b and d move to the next working day
	 * after 12-31, past the holiday: Friday 01-02.  e is worked on
	 * Friday, alone on its day (the deferred ones do not count
	 * there).  Owner 1 has three on Friday: z, the lowest, moves past
	 * the weekend to Monday 01-05.
	 */
	struct crm_schedule_item items[] = {
		item(0, 5, "2025-12-31", "d", "d"),
		item(1, 3, "2026-01-02", "x", "x"),
		item(0, 30, "2025-12-20", "a", "a"),
		item(0, 1, "2026-01-02", "e", "e"),
		item(1, 1, "2026-01-02", "z", "z"),
		item(0, 10, "2025-12-31", "b", "b"),
		item(1, 2, "2026-01-02", "y", "y"),
		item(0, 20, "2025-12-29", "c", "c"),
	};
	static const char *const due[] = { "2025-12-20", "2025-12-29",
	    "2026-01-02", "2026-01-02", "2026-01-02", "2026-01-02",
	    "2026-01-02", "2026-01-05" };
	static const int deferred[] = { 0, 0, 1, 1, 0, 0, 0, 1 };
	int32_t holiday = day("2026-01-01");
	struct crm_workdays w;
	struct crm_error e;
	size_t i;

	(void)state;
	memset(&w, 0, sizeof(w));
	crm_workdays_default(&w);
	assert_int_equal(crm_workdays_set_holidays(&w, &holiday, 1, &e), 0);
	/* no capacity: nothing moves */
	assert_int_equal(crm_schedule_defer(items, 8, 0, &w,
	    day("2025-12-31")), 0);
	assert_string_equal(tags(items, 8), "dxaezbyc");
	assert_int_equal(crm_schedule_defer(items, 8, 2, &w,
	    day("2025-12-31")), 3);
	/* by owner, work day, then the list's order */
	assert_string_equal(tags(items, 8), "acbdexyz");
	for (i = 0; i < 8; i++) {
		if (strcmp(iso(items[i].due), due[i]) != 0 ||
		    items[i].deferred != deferred[i])
			fail_msg("item %s: due %s, deferred %d", items[i].id,
			    iso(items[i].due), items[i].deferred);
	}
	/* the work day stays the one before deferral */
	assert_string_equal(iso(items[2].day), "2025-12-31");
	assert_string_equal(iso(items[4].day), "2026-01-02");
	crm_workdays_free(&w);
}

static void
test_defer_without_workdays(void **state)
{
	/* every day off (only possible by hand): the day after */
	struct crm_schedule_item items[] = {
		item(0, 1, "2025-12-31", "q", "q"),
		item(0, 2, "2025-12-31", "p", "p"),
	};
	struct crm_workdays w;

	(void)state;
	memset(&w, 0, sizeof(w));
	memset(w.weekend, 1, sizeof(w.weekend));
	assert_int_equal(crm_schedule_defer(items, 2, 1, &w,
	    day("2025-12-31")), 1);
	assert_string_equal(tags(items, 2), "pq");
	assert_string_equal(iso(items[1].due), "2026-01-01");
	assert_int_equal(items[1].deferred, 1);
	assert_int_equal(crm_schedule_defer(NULL, 0, 1, &w, 0), 0);
}

/* A record from comma-separated text (no quoting), at line. */
struct row {
	char text[512];
	char *field[16];
	size_t len[16];
	struct crm_record rec;
};

static const struct crm_record *
row(struct row *r, long line, const char *csv)
{
	char *p, *comma;
	size_t n = 0;

	snprintf(r->text, sizeof(r->text), "%s", csv);
	for (p = r->text;; p = comma + 1) {
		comma = strchr(p, ',');
		if (comma != NULL)
			*comma = '\0';
		r->field[n] = p;
		r->len[n] = strlen(p);
		n++;
		if (comma == NULL)
			break;
	}
	r->rec.n = n;
	r->rec.field = r->field;
	r->rec.len = r->len;
	r->rec.line = line;
	r->rec.raw = NULL;
	r->rec.rawlen = 0;
	return &r->rec;
}

/* Rules from yaml bound to a header, and a list over them. */
struct fx {
	struct crm_fu_rules r;
	struct crm_config c;
	struct crm_fu_env env;
	struct crm_contacts cs;
	struct row header;
	struct crm_schedule *s;
};

static void
setup(struct fx *f, const char *yaml, const char *header, const char *owner,
    long horizon)
{
	struct crm_error e;

	memset(f, 0, sizeof(*f));
	if (yaml == NULL)
		crm_fu_defaults(&f->r);
	else if (crm_config_load_string(&f->c, "f.yaml", yaml, strlen(yaml),
	    &e) < 0 || crm_fu_load(&f->r, &f->c, &e) < 0)
		fail_msg("%s", e.msg);
	assert_int_equal(crm_fu_bind(&f->r, &(struct crm_header){
	    row(&f->header, 1, header), "t.csv" }, &e), 0);
	f->env.as_of = day("2025-12-31");
	f->env.horizon = horizon;
	crm_contacts_init(&f->cs);
	f->s = crm_schedule_new(&f->r, &f->env, owner, &f->cs, &e);
	assert_non_null(f->s);
}

static int
add(struct fx *f, long line, const char *csv, struct crm_error *why)
{
	struct row r;

	return crm_schedule_add(f->s, row(&r, line, csv), why);
}

static void
add_ok(struct fx *f, long line, const char *csv)
{
	struct crm_error why;

	if (add(f, line, csv, &why) != CRM_RECORD_OK)
		fail_msg("line %ld: %s", line, why.msg);
}

static void
teardown(struct fx *f)
{
	crm_schedule_free(f->s);
	crm_contacts_free(&f->cs);
	crm_fu_free(&f->r);
	if (f->c.loaded)
		crm_config_free(&f->c);
}

/* The CSV list (deferred 0) or the deferred one (1), malloc'ed. */
static char *
csv(struct fx *f, int deferred)
{
	struct crm_csv_writer w;
	struct crm_error e;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	crm_csv_writer_init(&w, fp, ',');
	assert_int_equal(crm_schedule_write_csv(f->s, &w, &f->header.rec,
	    deferred, &e), 0);
	assert_int_equal(fclose(fp), 0);
	return buf;
}

static size_t
count(const char *hay, const char *needle)
{
	size_t k = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		k++;
		hay += strlen(needle);
	}
	return k;
}

/* The calendar of to-dos (events 0) or of events (1), malloc'ed. */
static char *
ics_of(struct fx *f, int events)
{
	struct crm_error e;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	assert_int_equal(crm_schedule_write_ics(f->s, fp, events, NULL, &e),
	    0);
	assert_int_equal(fclose(fp), 0);
	return buf;
}

static char *
ics(struct fx *f)
{
	return ics_of(f, 0);
}

/* Removes every CRLF followed by a space (RFC 5545 3.1 unfolding). */
static char *
unfold(char *s)
{
	char *r = s, *w = s;

	while (*r != '\0') {
		if (r[0] == '\r' && r[1] == '\n' && r[2] == ' ')
			r += 3;
		else
			*w++ = *r++;
	}
	*w = '\0';
	return s;
}

/* The item of uid in a calendar: from its UID line to its END line. */
static const char *
todo(const char *cal, const char *uid, char *buf, size_t size)
{
	char want[128];
	const char *p, *end;

	snprintf(want, sizeof(want), "UID:%s\r\n", uid);
	if ((p = strstr(cal, want)) == NULL)
		return "";
	end = strstr(p, "END:");
	assert_non_null(end);
	snprintf(buf, size, "%.*s", (int)(end - p), p);
	return buf;
}

static void
test_list(void **state)
{
	/*
	 * Capacity 1, as of Wednesday 12-31 with a horizon of 7 days
	 * (01-07); calls from 09:00, Mondays 10:30.
	 *   C3 vip, 12-20 + 1 week = Saturday 12-27 -> Monday 12-29: 2
	 *      days overdue, priority 2, worked on today (Wednesday)
	 *   C1 no contact: due today, priority 0
	 *   C2 09-01 + 90 days = Sunday 11-30 -> Monday 12-01: 30
	 *   C4 12-30 + 90 days: past the horizon
	 *   C5 do_not_contact: suppressed
	 *   C6 a bad date: a bad record
	 *   C7 vip, 12-29 + 1 week = Monday 01-05, in the horizon: 5 days
	 *      early, priority 0, called at the Monday hour
	 *   C8 complaint open since Monday 12-29 (from the log): 1000 + 2
	 * ann has C2 and C1 today: C1, the lower, moves to Thursday 01-01
	 * (no holidays here), 1 day early.
	 */
	static const char yaml[] = "capacity: 1\n"
	    "call_hours:\n  from: \"09:00\"\n  monday_from: \"10:30\"\n"
	    "cadence:\n  every: {vip: 1 week, ghost: 2 weeks}\n";
	static const char want_list[] =
	    "customer_id,owner,segment,last_contact,do_not_contact,"
	    "due_date,days_overdue,reason,channel,action,priority,due_time\n"
	    "C2,ann,normal,2025-09-01,,2025-12-01,30,"
	    "\"every 90 days, last contact 2025-09-01\",phone,check in,30,"
	    "09:00\n"
	    "C3,bob,vip,2025-12-20,,2025-12-29,2,"
	    "\"every 1 week for vip, last contact 2025-12-20\",phone,"
	    "check in,2,09:00\n"
	    "C7,carl,vip,2025-12-29,,2026-01-05,-5,"
	    "\"every 1 week for vip, last contact 2025-12-29\",phone,"
	    "check in,0,10:30\n"
	    "C8,dana,normal,2025-12-29,,2025-12-29,2,"
	    "open complaint since 2025-12-29,phone,resolve the complaint,"
	    "1002,09:00\n";
	static const char want_deferred[] =
	    "customer_id,owner,segment,last_contact,do_not_contact,"
	    "due_date,days_overdue,reason,channel,action,priority,due_time\n"
	    "C1,ann,normal,,,2026-01-01,-1,no contact on record,phone,"
	    "check in,0,09:00\n";
	struct crm_error e, why;
	struct fx f;
	char *got, buf[1024];
	size_t k = 0;

	(void)state;
	setup(&f, yaml, "customer_id,owner,segment,last_contact,"
	    "do_not_contact", NULL, 7);
	assert_int_equal(crm_contacts_first(&f.cs, "C8", 2, day("2025-12-29"),
	    CRM_COMPLAINT, &e), 0);
	assert_int_equal(crm_contacts_first(&f.cs, "C4", 2, day("2025-12-30"),
	    CRM_REACHED, &e), 0);
	assert_int_equal(crm_contacts_first(&f.cs, "Z9", 2, day("2025-12-01"),
	    CRM_REACHED, &e), 0);
	add_ok(&f, 2, "C3,bob,vip,2025-12-20,");
	add_ok(&f, 3, "C1,ann,normal,,");
	add_ok(&f, 4, "C2,ann,normal,2025-09-01,");
	add_ok(&f, 5, "C4,bob,normal,2025-12-30,");
	add_ok(&f, 6, "C5,ann,normal,,yes");
	assert_int_equal(add(&f, 7, "C6,bob,vip,bad-date,", &why),
	    CRM_RECORD_BAD);
	assert_string_equal(why.msg,
	    "column 'last_contact': invalid date \"bad-date\"");
	add_ok(&f, 8, "C7,carl,vip,2025-12-29,");
	add_ok(&f, 9, "C8,dana,normal,2025-12-29,");
	assert_int_equal(crm_schedule_done(f.s, &e), 0);
	assert_int_equal(crm_schedule_deferred(f.s), 1);
	assert_int_equal(crm_schedule_suppressed(f.s), 1);
	/* Z9 is the log's only customer the table lacks */
	assert_int_equal(crm_contacts_unseen(&f.cs), 1);
	/* vip is somebody's segment, ghost nobody's */
	assert_string_equal(crm_schedule_unmatched(f.s, &k), "ghost");
	assert_null(crm_schedule_unmatched(f.s, &k));
	got = csv(&f, 0);
	assert_string_equal(got, want_list);
	free(got);
	got = csv(&f, 1);
	assert_string_equal(got, want_deferred);
	free(got);
	/*
	 * The calendar: the four listed, none deferred.  PRIORITY 3 for
	 * C2 (overdue), 5 for C7 (not yet due), 1 for the complaint;
	 * SEQUENCE the as-of day number: 2026-01-01 is 56 * 365 + 14 leap
	 * days = 20454 days after 1970-01-01, so 12-31 is 20453.
	 * DESCRIPTION: the reason (its comma escaped), the due date of an
	 * overdue one, the customer (the table has no name) and the owner;
	 * its 12 + 100 octets fold after the 75th, " (30 da|ys".
	 */
	got = ics(&f);
	assert_non_null(strstr(got, "BEGIN:VCALENDAR\r\n"));
	assert_null(strstr(got, "UID:C1-"));
	assert_string_equal(todo(got, "C2-todo@crm-followup", buf,
	    sizeof(buf)), "UID:C2-todo@crm-followup\r\n"
	    "DTSTAMP:20251231T000000Z\r\n"
	    "SEQUENCE:20453\r\n"
	    "DUE;VALUE=DATE:20251201\r\n"
	    "SUMMARY:check in: C2\\, phone\r\n"
	    "DESCRIPTION:every 90 days\\, last contact 2025-09-01\\ndue: "
	    "2025-12-01 (30 da\r\n"
	    " ys overdue)\\ncustomer: C2\\nowner: ann\r\n"
	    "CATEGORIES:ann\r\n"
	    "PRIORITY:3\r\n"
	    "STATUS:NEEDS-ACTION\r\n");
	assert_non_null(strstr(todo(got, "C7-todo@crm-followup", buf,
	    sizeof(buf)), "PRIORITY:5\r\n"));
	/* not overdue: no due line */
	todo(got, "C7-todo@crm-followup", buf, sizeof(buf));
	assert_non_null(strstr(unfold(buf), "DESCRIPTION:every 1 week for "
	    "vip\\, last contact 2025-12-29\\ncustomer: C7\\nowner: "
	    "carl\r\n"));
	assert_non_null(strstr(todo(got, "C8-todo@crm-followup", buf,
	    sizeof(buf)), "PRIORITY:1\r\n"));
	assert_non_null(strstr(todo(got, "C8-todo@crm-followup", buf,
	    sizeof(buf)), "SUMMARY:resolve the complaint: C8\\, phone\r\n"));
	free(got);
	/*
	 * As events: C2, overdue since 12-01, on the as-of day (12-31 to
	 * 01-01); C7, due Monday 01-05, on that day.
	 */
	got = ics_of(&f, 1);
	assert_non_null(strstr(todo(got, "C2-event@crm-followup", buf,
	    sizeof(buf)), "SEQUENCE:20453\r\n"
	    "DTSTART;VALUE=DATE:20251231\r\n"
	    "DTEND;VALUE=DATE:20260101\r\n"
	    "SUMMARY:check in: C2\\, phone\r\n"));
	assert_non_null(strstr(todo(got, "C7-event@crm-followup", buf,
	    sizeof(buf)), "DTSTART;VALUE=DATE:20260105\r\n"
	    "DTEND;VALUE=DATE:20260106\r\n"));
	assert_non_null(strstr(todo(got, "C7-event@crm-followup", buf,
	    sizeof(buf)), "PRIORITY:5\r\nTRANSP:TRANSPARENT\r\n"));
	assert_null(strstr(got, "VTODO"));
	assert_int_equal(count(got, "BEGIN:VEVENT\r\n"), 4);
	free(got);
	teardown(&f);
}

/*
 * Issue 14 item 3: a to-do says whom to reach and how.  Its 12 + 107
 * octets of DESCRIPTION fold after "phone:", the 75th octet.  The table has
 * name, phone and email (the default columns): the summary carries the
 * name and the detail of the channel, the description every contact
 * column the table has.  All due today (no contact on record).
 */
static void
test_contact_details(void **state)
{
	static const char yaml[] = "winback:\n  values: [lost]\n"
	    "  every: 6 months\n  channel: Email\n  action: win back\n";
	struct crm_error e;
	struct fx f;
	char *got, buf[2048];

	(void)state;
	setup(&f, yaml, "customer_id,owner,name,phone,email,segment", NULL,
	    0);
	add_ok(&f, 2, "C1,ann,Evergreen Hardware,+1-415-555-0152,"
	    "priya@example.com,vip");
	add_ok(&f, 3, "C2,ann,,,,vip");
	add_ok(&f, 4, "C3,bob,Orchard Inc.,+1-312-555-0198,zoe@example.com,"
	    "lost");
	assert_int_equal(crm_schedule_done(f.s, &e), 0);
	got = ics(&f);
	assert_string_equal(todo(got, "C1-todo@crm-followup", buf,
	    sizeof(buf)), "UID:C1-todo@crm-followup\r\n"
	    "DTSTAMP:20251231T000000Z\r\n"
	    "SEQUENCE:20453\r\n"
	    "DUE;VALUE=DATE:20251231\r\n"
	    "SUMMARY:check in: Evergreen Hardware (C1)\\, phone +1-415-555-0152\r\n"
	    "DESCRIPTION:no contact on record\\ncustomer: Evergreen Hardware "
	    "(C1)\\nphone:\r\n"
	    "  +1-415-555-0152\\nemail: priya@example.com\\nowner: ann\r\n"
	    "CATEGORIES:ann\r\n"
	    "PRIORITY:5\r\n"
	    "STATUS:NEEDS-ACTION\r\n");
	/* empty name, phone and email: the id alone, no empty lines */
	assert_non_null(strstr(todo(got, "C2-todo@crm-followup", buf,
	    sizeof(buf)), "SUMMARY:check in: C2\\, phone\r\n"
	    "DESCRIPTION:no contact on record\\ncustomer: C2\\nowner: ann\r\n"));
	/* the email channel (any case) shows the address */
	assert_non_null(strstr(todo(got, "C3-todo@crm-followup", buf,
	    sizeof(buf)), "SUMMARY:win back: Orchard Inc. (C3)\\, Email "
	    "zoe@example.com\r\n"));
	free(got);
	teardown(&f);
}

/*
 * Contact columns under other names, from columns: in the config: the
 * description uses the table's names; a named column must be there.
 */
static void
test_contact_columns_named(void **state)
{
	static const char yaml[] = "columns:\n  name: Firma\n"
	    "  phone: Telefon\n  email: Mail\n";
	struct crm_fu_rules r;
	struct crm_config c;
	struct crm_error e;
	struct row h;
	struct fx f;
	char *got, buf[2048];

	(void)state;
	setup(&f, yaml, "customer_id,owner,Firma,Telefon,Mail,name", NULL, 0);
	add_ok(&f, 2, "K1,ann,M\xc3\xbcller GmbH,+49 30 1234,info@m.de,"
	    "not this");
	assert_int_equal(crm_schedule_done(f.s, &e), 0);
	got = ics(&f);
	assert_non_null(strstr(todo(got, "K1-todo@crm-followup", buf,
	    sizeof(buf)), "SUMMARY:check in: M\xc3\xbcller GmbH (K1)\\, phone "
	    "+49 30 1234\r\n"));
	assert_non_null(strstr(unfold(buf), "\\nTelefon: +49 30 1234\\nMail: "
	    "info@m.de\\n"));
	free(got);
	teardown(&f);
	/* named but missing: the column is required, with its message */
	assert_int_equal(crm_config_load_string(&c, "f.yaml", yaml,
	    strlen(yaml), &e), 0);
	assert_int_equal(crm_fu_load(&r, &c, &e), 0);
	assert_int_equal(crm_fu_bind(&r, &(struct crm_header){ row(&h, 1,
	    "customer_id,owner,Firma,telefon"), "t.csv" }, &e), -1);
	assert_string_equal(e.msg, "no column 'Telefon' in the header "
	    "(customer_id,owner,Firma,telefon); did you mean 'telefon'?");
	crm_fu_free(&r);
	crm_config_free(&c);
}

/*
 * UIDs: the id with every byte but ASCII letters, digits, '.', '_' and
 * '-' as %XX (hex by hand: space 20, comma 2C, e-acute C3 A9, % 25).
 */
static void
test_uid(void **state)
{
	char *u;

	(void)state;
	u = crm_schedule_uid("C 1,\xc3\xa9%x.y_z-0", 0);
	assert_string_equal(u, "C%201%2C%C3%A9%25x.y_z-0-todo@crm-followup");
	free(u);
	u = crm_schedule_uid("C0201", 1);
	assert_string_equal(u, "C0201-event@crm-followup");
	free(u);
	/* "%25" as an id is not "%" encoded: no two ids share a UID */
	u = crm_schedule_uid("%25", 0);
	assert_string_equal(u, "%2525-todo@crm-followup");
	free(u);
}

static void
test_owner_order(void **state)
{
	/*
	 * Default rules, no contact: everyone due today, priority 0.
	 * Owners in byte order: "Ann" (0x41) < "ann" < "bob" < "zed",
	 * whatever order they come in; ann's two by id.
	 */
	static const char want[] =
	    "customer_id,owner,due_date,days_overdue,reason,channel,action,"
	    "priority\n"
	    "a1,Ann,2025-12-31,0,no contact on record,phone,check in,0\n"
	    "a0,ann,2025-12-31,0,no contact on record,phone,check in,0\n"
	    "b2,ann,2025-12-31,0,no contact on record,phone,check in,0\n"
	    "c3,bob,2025-12-31,0,no contact on record,phone,check in,0\n"
	    "d4,zed,2025-12-31,0,no contact on record,phone,check in,0\n";
	struct crm_error e;
	struct fx f;
	char *got;
	size_t k = 0;

	(void)state;
	setup(&f, NULL, "customer_id,owner", NULL, 0);
	add_ok(&f, 2, "d4,zed");
	add_ok(&f, 3, "a1,Ann");
	add_ok(&f, 4, "c3,bob");
	add_ok(&f, 5, "b2,ann");
	add_ok(&f, 6, "a0,ann");
	assert_int_equal(crm_schedule_done(f.s, &e), 0);
	assert_int_equal(crm_schedule_deferred(f.s), 0);
	assert_null(crm_schedule_unmatched(f.s, &k));
	got = csv(&f, 0);
	assert_string_equal(got, want);
	free(got);
	teardown(&f);
}

static void
test_one_owner(void **state)
{
	/* --owner bob: ann's rows are left out, but still seen in the
	   table (the log's customers are matched against every row) */
	static const char want[] =
	    "customer_id,owner,due_date,days_overdue,reason,channel,action,"
	    "priority\n"
	    "B1,bob,2025-12-31,0,no contact on record,phone,check in,0\n";
	struct crm_error e;
	struct fx f;
	char *got;

	(void)state;
	setup(&f, NULL, "customer_id,owner", "bob", 0);
	assert_int_equal(crm_contacts_first(&f.cs, "A1", 2, day("2024-01-01"),
	    CRM_REACHED, &e), 0);
	add_ok(&f, 2, "A1,ann");
	add_ok(&f, 3, "B1,bob");
	assert_int_equal(crm_schedule_done(f.s, &e), 0);
	assert_int_equal(crm_contacts_unseen(&f.cs), 0);
	got = csv(&f, 0);
	assert_string_equal(got, want);
	free(got);
	teardown(&f);
}

/*
 * Issue 14 item 8: an --owner no row has.  The owners of the table are
 * given back in byte order ("Ann" < "ann" < "bob"), with the one that
 * differs only in case suggested; once a row matches, nothing is said.
 */
static void
test_owner_missed(void **state)
{
	struct crm_error e;
	struct fx f;
	const char *near;
	char buf[512];

	(void)state;
	setup(&f, NULL, "customer_id,owner", "Bob", 0);
	add_ok(&f, 2, "a1,bob");
	add_ok(&f, 3, "a2,ann");
	add_ok(&f, 4, "a3,Ann");
	add_ok(&f, 5, "a4,bob");
	assert_int_equal(crm_schedule_done(f.s, &e), 0);
	assert_int_equal(crm_schedule_owner_missed(f.s, buf, sizeof(buf),
	    &near), 1);
	assert_string_equal(buf, "'Ann', 'ann', 'bob'");
	assert_string_equal(near, "bob");
	teardown(&f);
	/* " ann " is near both "ann" and "Ann": no suggestion */
	setup(&f, NULL, "customer_id,owner", " ann ", 0);
	add_ok(&f, 2, "a2,ann");
	add_ok(&f, 3, "a3,Ann");
	assert_int_equal(crm_schedule_owner_missed(f.s, buf, sizeof(buf),
	    &near), 1);
	assert_string_equal(buf, "'Ann', 'ann'");
	assert_null(near);
	teardown(&f);
	/* a match, even a late one: nothing to say */
	setup(&f, NULL, "customer_id,owner", "zed", 0);
	add_ok(&f, 2, "a2,ann");
	add_ok(&f, 3, "z1,zed");
	assert_int_equal(crm_schedule_owner_missed(f.s, buf, sizeof(buf),
	    &near), 0);
	teardown(&f);
	/* no filter, or no rows at all: nothing to say either */
	setup(&f, NULL, "customer_id,owner", NULL, 0);
	add_ok(&f, 2, "a2,ann");
	assert_int_equal(crm_schedule_owner_missed(f.s, buf, sizeof(buf),
	    &near), 0);
	teardown(&f);
	setup(&f, NULL, "customer_id,owner", "ann", 0);
	assert_int_equal(crm_schedule_owner_missed(f.s, buf, sizeof(buf),
	    &near), 0);
	teardown(&f);
}

/* Many owners: the first 10 by bytes, then how many there are. */
static void
test_owner_missed_many(void **state)
{
	struct fx f;
	const char *near;
	char buf[512], line[32];
	int i;

	(void)state;
	setup(&f, NULL, "customer_id,owner", "x", 0);
	for (i = 30; i >= 1; i--) {
		snprintf(line, sizeof(line), "c%d,o%02d", i, i);
		add_ok(&f, 32 - i, line);
	}
	assert_int_equal(crm_schedule_owner_missed(f.s, buf, sizeof(buf),
	    &near), 1);
	assert_string_equal(buf, "'o01', 'o02', 'o03', 'o04', 'o05', 'o06', "
	    "'o07', 'o08', 'o09', 'o10', ... (30 owners)");
	assert_null(near);
	teardown(&f);
}

/* A win-back value no row has is reported, as a cadence value is. */
static void
test_unmatched_lost(void **state)
{
	static const char yaml[] = "winback:\n  values: [lost, Lost, gone]\n"
	    "  every: 6 months\n";
	struct fx f;
	size_t k = 0;

	(void)state;
	setup(&f, yaml, "customer_id,owner,segment", NULL, 0);
	add_ok(&f, 2, "c1,ann,lost");
	add_ok(&f, 3, "c2,ann,vip");
	assert_string_equal(crm_schedule_unmatched_lost(f.s, &k), "Lost");
	assert_string_equal(crm_schedule_unmatched_lost(f.s, &k), "gone");
	assert_null(crm_schedule_unmatched_lost(f.s, &k));
	teardown(&f);
}

static void
test_empty_list_and_write_error(void **state)
{
	struct crm_error e;
	struct fx f;
	char *got;
	FILE *fp;

	(void)state;
	setup(&f, NULL, "customer_id,owner", NULL, 0);
	assert_int_equal(crm_schedule_done(f.s, &e), 0);
	got = csv(&f, 0);
	assert_string_equal(got, "customer_id,owner,due_date,days_overdue,"
	    "reason,channel,action,priority\n");
	free(got);
	got = ics(&f);
	assert_string_equal(got, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
	    "PRODID:-//crm//crm-followup//EN\r\nEND:VCALENDAR\r\n");
	free(got);
	/* a stream that cannot be written: an error naming the output */
	fp = fopen("/dev/null", "r");
	assert_non_null(fp);
	assert_int_equal(crm_schedule_write_ics(f.s, fp, 0, "out.ics", &e),
	    -1);
	assert_int_equal(e.status, CRM_EXIT_DATA);
	assert_string_equal(e.file, "out.ics");
	assert_memory_equal(e.msg, "write error: ", 13);
	assert_int_equal(crm_schedule_write_ics(f.s, fp, 1, NULL, &e), -1);
	assert_string_equal(e.file, "<stdout>");
	fclose(fp);
	teardown(&f);
	crm_schedule_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_work_day_and_ics_priority),
		cmocka_unit_test(test_call_time),
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_defer),
		cmocka_unit_test(test_defer_without_workdays),
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_contact_details),
		cmocka_unit_test(test_contact_columns_named),
		cmocka_unit_test(test_uid),
		cmocka_unit_test(test_owner_missed),
		cmocka_unit_test(test_owner_missed_many),
		cmocka_unit_test(test_unmatched_lost),
		cmocka_unit_test(test_owner_order),
		cmocka_unit_test(test_one_owner),
		cmocka_unit_test(test_empty_list_and_write_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
