/*
 * test_followup.c - loading follow-up rules and evaluating customers.
 * Dates and weekdays worked by hand (checked with GNU date).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "followup.h"
#include "value.h"

/* An exact decimal is units / 10^scale. */
#define assert_decimal(d, u, s)	do {					\
	assert_true((d).units == (u));					\
	assert_int_equal((d).scale, (s));				\
} while (0)

/* Long numbers, spelled out once. */
#define ZEROS10	"0000000000"
#define ZEROS31	ZEROS10 ZEROS10 ZEROS10 "0"
#define ZEROS32	ZEROS31 "0"
#define ZEROS37	ZEROS32 "00000"
#define ZEROS38	ZEROS37 "0"
#define NINES38	"99999999999999999999999999999999999999"

static int32_t
day(const char *s)
{
	int32_t d;

	assert_int_equal(crm_date_parse(s, NULL, &d), CRM_VALUE_OK);
	return d;
}

static int
load(struct crm_fu_rules *r, struct crm_config *c, const char *text,
    struct crm_error *e)
{
	if (crm_config_load_string(c, "f.yaml", text, strlen(text), e) < 0)
		return -1;
	return crm_fu_load(r, c, e);
}

/* A record from comma-separated text (no quoting), at line. */
struct row {
	char text[2048];
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

/* Rules (from yaml, or the defaults for NULL) bound to a header. */
struct fx {
	struct crm_fu_rules r;
	struct crm_config c;
	struct crm_fu_env env;
	struct crm_fu_due due;
	size_t suppressed;
	struct crm_error e;
	struct row header, rec;
};

static void
setup(struct fx *f, const char *yaml, const char *header, const char *as_of)
{
	memset(f, 0, sizeof(*f));
	if (yaml == NULL)
		crm_fu_defaults(&f->r);
	else if (load(&f->r, &f->c, yaml, &f->e) < 0)
		fail_msg("%s", f->e.msg);
	if (crm_fu_bind(&f->r, &(struct crm_header){ row(&f->header, 1,
	    header), "t.csv" }, &f->e) < 0)
		fail_msg("%s", f->e.msg);
	f->env.as_of = day(as_of);
}

static int
eval(struct fx *f, const char *csv, const struct crm_contact *ct)
{
	memset(&f->due, 0, sizeof(f->due));
	return crm_fu_evaluate(&f->r, row(&f->rec, 2, csv), ct, &f->env,
	    &f->due, &f->suppressed, &f->e);
}

static void
teardown(struct fx *f)
{
	crm_fu_free(&f->r);
	if (f->c.loaded)
		crm_config_free(&f->c);
}

/* A contact-log state written out by hand; "" for no date. */
static struct crm_contact
contact(const char *talk, const char *complaint, const char *resolved,
    const char *unanswered_last, uint32_t unanswered)
{
	struct crm_contact c;

	c.last_talk = *talk ? day(talk) : CRM_NO_DATE;
	c.last_complaint = *complaint ? day(complaint) : CRM_NO_DATE;
	c.last_resolved = *resolved ? day(resolved) : CRM_NO_DATE;
	c.last_unanswered = *unanswered_last ? day(unanswered_last) :
	    CRM_NO_DATE;
	c.unanswered = unanswered;
	c.seen_in_table = 0;
	return c;
}

static void
test_load_errors(void **state)
{
	static const struct {
		const char *text;
		long line, column;
		const char *msg;
	} t[] = {
		{ "capacty: 3\n", 1, 1, "unknown key 'capacty'" },
		{ "capacity: 0\n", 1, 11,
		    "expected 1 or more follow-ups per owner and day" },
		{ "window: soon\n", 1, 9, "expected an interval such as "
		    "\"14 days\", \"2 weeks\" or \"3 months\", got \"soon\"" },
		{ "backoff:\n  unanswered: 2\n", 2, 3,
		    "backoff needs both 'unanswered' and 'wait'" },
		{ "triggers:\n  - column: x\n    before: 1 day\n    after: 2 "
		    "days\n", 2, 5, "give before or after, not both" },
		{ "milestones:\n  - column: x\n", 2, 5,
		    "missing key 'after'" },
		{ "milestones:\n  - column: x\n    below: 1\n", 3, 5,
		    "unknown key 'below'" },
		{ "triggers:\n  - column: p\n    below: 0.3\n    value: c\n",
		    2, 5, "give value and min_value together" },
		{ "triggers:\n  - column: p\n    below: 0.3\n    yearly: "
		    "true\n", 2, 5, "a trigger with below takes no before, "
		    "after or yearly" },
		{ "triggers:\n  - column: d\n    after: 1 day\n    every: 1 "
		    "week\n", 2, 5, "every, value and min_value are for a "
		    "trigger with below" },
		{ "triggers:\n  - column: p\n    below: low\n", 3, 12,
		    "expected a number, got \"low\"" },
		{ "workdays:\n  weekend: [sunday, funday]\n", 2, 21,
		    "expected a day of the week, got \"funday\"" },
		{ "call_hours:\n  from: \"9am\"\n", 2, 9,
		    "expected a time HH:MM, got \"9am\"" },
		{ "priority:\n  per_value: 1\n", 2, 3,
		    "per_value needs a value column" },
		/*
		 * Positions counted off the text: a value's column is the
		 * length of what comes before it on its line, plus one.
		 */
		{ "columns:\n  id: ''\n", 2, 7, "expected a value for 'id'" },
		{ "columns:\n  customer: id\n", 2, 3,
		    "unknown key 'customer'" },
		{ "columns: [id]\n", 1, 10, "expected a mapping, got a list" },
		{ "window: [1]\n", 1, 9, "expected a text value, got a list" },
		{ "cadence:\n  default: fortnight\n", 2, 12, "expected an "
		    "interval such as \"14 days\", \"2 weeks\" or \"3 "
		    "months\", got \"fortnight\"" },
		{ "cadence:\n  every: 2 weeks\n", 2, 10,
		    "expected a mapping of segment values to intervals" },
		{ "cadence:\n  column: tier\n  every: 1\n", 3, 10,
		    "expected a mapping of tier values to intervals" },
		/* "  every: {vip: " is 15 bytes */
		{ "cadence:\n  every: {vip: soon}\n", 2, 16, "expected an "
		    "interval such as \"2 weeks\", got \"soon\"" },
		/* "  every: {vip: 1 week, " is 23 bytes */
		{ "cadence:\n  every: {vip: 1 week, vip: 2 weeks}\n", 2, 24,
		    "duplicate key 'vip'" },
		{ "cadence:\n  every: {[a]: 1 week}\n", 2, 11,
		    "expected a text value, got a list" },
		{ "cadence:\n  weights: [1]\n", 2, 12,
		    "expected a mapping of segment values to numbers" },
		/* "  weights: {vip: " is 17 bytes */
		{ "cadence:\n  weights: {vip: lots}\n", 2, 18,
		    "expected a number, got \"lots\"" },
		/* "  weights: {vip: 1, " is 20 bytes */
		{ "cadence:\n  weights: {vip: 1, vip: 2}\n", 2, 21,
		    "duplicate key 'vip'" },
		{ "cadence:\n  weights: {[a]: 1}\n", 2, 13,
		    "expected a text value, got a list" },
		{ "winback:\n  often: 1\n", 2, 3, "unknown key 'often'" },
		{ "winback:\n  values: [lost]\n", 2, 3,
		    "missing key 'every'" },
		{ "winback:\n  every: 6 months\n", 2, 3,
		    "missing key 'values'" },
		{ "winback:\n  every: 6 months\n  values: lost\n", 3, 11,
		    "expected a list, got \"lost\"" },
		{ "winback:\n  every: 6 months\n  values: [[a]]\n", 3, 12,
		    "expected a text value, got a list" },
		{ "complaints:\n  priority: high\n", 2, 13,
		    "expected a number, got \"high\"" },
		{ "milestones:\n  - after: 3 days\n", 2, 5,
		    "missing key 'column'" },
		{ "milestones:\n  - column: d\n    before: 1 day\n", 3, 5,
		    "unknown key 'before'" },
		{ "milestones: {column: d}\n", 1, 13,
		    "expected a list, got a mapping" },
		{ "triggers:\n  - column: d\n    yearly: true\n"
		    "    after: 1 day\n", 2, 5, "a yearly trigger takes before "
		    "(or nothing), not after" },
		{ "triggers:\n  - column: d\n    yearly: maybe\n", 3, 13,
		    "expected true or false, got \"maybe\"" },
		{ "triggers:\n  - column: d\n    before: 1 day\n"
		    "    reason: ''\n", 4, 13, "expected a value for 'reason'" },
		{ "workdays:\n  weekend: [mon, tue, wed, thu, fri, sat, sun]\n",
		    2, 12, "every day of the week is off: nothing could be "
		    "scheduled" },
		{ "workdays:\n  weekend: [[mon]]\n", 2, 13,
		    "expected a text value, got a list" },
		{ "workdays:\n  weekend: monday\n", 2, 12,
		    "expected a list, got \"monday\"" },
		/* "  holidays: [" is 13 bytes */
		{ "workdays:\n  holidays: [2025-13-01]\n", 2, 14,
		    "expected a date (YYYY-MM-DD), got \"2025-13-01\"" },
		{ "workdays:\n  holidays: 2025-12-25\n", 2, 13,
		    "expected a list, got \"2025-12-25\"" },
		{ "workdays:\n  weekdays: [mon]\n", 2, 3,
		    "unknown key 'weekdays'" },
		{ "call_hours:\n  monday_from: \"10:00\"\n", 2, 3,
		    "monday_from needs from: the hour of the other days" },
		{ "call_hours:\n  from: \"24:00\"\n", 2, 9,
		    "expected a time HH:MM, got \"24:00\"" },
		{ "call_hours:\n  from: \"09:60\"\n", 2, 9,
		    "expected a time HH:MM, got \"09:60\"" },
		{ "call_hours:\n  from: \"09:00\"\n  monday_from: \"9:00\"\n",
		    3, 16, "expected a time HH:MM, got \"9:00\"" },
		{ "call_hours:\n  until: \"17:00\"\n", 2, 3,
		    "unknown key 'until'" },
		{ "backoff:\n  unanswered: 0\n  wait: 1 week\n", 2, 15,
		    "expected 1 or more attempts" },
		{ "backoff:\n  unanswered: two\n  wait: 1 week\n", 2, 15,
		    "expected a whole number, got \"two\"" },
		{ "backoff:\n  unanswered: 2\n  wait: later\n", 3, 9,
		    "expected an interval such as \"14 days\", \"2 weeks\" "
		    "or \"3 months\", got \"later\"" },
		{ "backoff:\n  tries: 2\n", 2, 3, "unknown key 'tries'" },
		{ "priority:\n  per_day_overdue: x\n", 2, 20,
		    "expected a number, got \"x\"" },
		{ "priority:\n  weight: 1\n", 2, 3, "unknown key 'weight'" },
		{ "capacity: many\n", 1, 11,
		    "expected a whole number, got \"many\"" },
		{ "complaints:\n  channel: ''\n", 2, 12,
		    "expected a value for 'channel'" },
		/* 39 digits: no exact priority could hold it */
		{ "priority:\n  per_day_overdue: 1" ZEROS38 "\n", 2, 20,
		    "expected a number of at most 38 digits" },
		/*
		 * 10^32 a day times the 3652058 days from 0001-01-01 to
		 * 9999-12-31 passes 38 digits: at per_day_overdue
		 */
		{ "priority:\n  per_day_overdue: 1" ZEROS32 "\n", 2, 20,
		    "this number can take a priority past 38 digits (base + "
		    "per_day_overdue * days overdue + weight)" },
		/* 10^31 a day: fine alone, not with a window of 10^5 years */
		{ "window: 100000 years\npriority:\n  per_day_overdue: "
		    "1" ZEROS31 "\n", 3, 20, "this number can take a "
		    "priority past 38 digits (base + per_day_overdue * days "
		    "overdue + weight)" },
		/* the largest base alone: 38 nines + 3652058 days */
		{ "complaints:\n  priority: 1\ntriggers:\n  - column: x\n"
		    "    yearly: yes\n    priority: -" NINES38 "\n", 6, 15,
		    "this number can take a priority past 38 digits (base + "
		    "per_day_overdue * days overdue + weight)" },
		/* 6 * 10^37 + 3652058 + 5 * 10^37: at the weight */
		{ "complaints:\n  priority: 6" ZEROS37 "\ncadence:\n"
		    "  weights: {a: 1, b: -5" ZEROS37 "}\n", 4, 22,
		    "this number can take a "
		    "priority past 38 digits (base + per_day_overdue * days "
		    "overdue + weight)" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct crm_fu_rules r;
		struct crm_config c;
		struct crm_error e;

		memset(&e, 0, sizeof(e));
		assert_int_equal(load(&r, &c, t[i].text, &e), -1);
		if (e.line != t[i].line || e.column != t[i].column ||
		    strcmp(e.msg, t[i].msg) != 0)
			fail_msg("case %zu: %ld:%ld: %s", i, e.line, e.column,
			    e.msg);
		assert_int_equal(e.status, CRM_EXIT_USAGE);
		crm_fu_free(&r);
		crm_config_free(&c);
	}
}

static void
test_evaluate(void **state)
{
	/*
	 * Cadence 1 month for "vip", default 2 weeks; as of Friday
	 * 2024-03-01.  vip last contacted 2024-01-31: due 02-29 (clamped),
	 * 1 day overdue, priority 10 (weight) + 1.  A normal customer
	 * contacted 02-16: due 03-01, today.  A blocked one: suppressed.
	 */
	static const char text[] = "cadence:\n  default: 2 weeks\n"
	    "  every: {vip: 1 month}\n  weights: {vip: 10}\n";
	char *hf[] = { "customer_id", "owner", "segment", "last_contact",
	    "do_not_call" };
	size_t hl[] = { 11, 5, 7, 12, 11 };
	struct crm_record header = { 5, hf, hl, 1, NULL, 0 };
	char *v1[] = { "C1", "ann", "vip", "2024-01-31", "" };
	char *v2[] = { "C2", "ann", "normal", "2024-02-16", "no" };
	char *v3[] = { "C3", "ann", "normal", "2024-02-16", "yes" };
	size_t l1[] = { 2, 3, 3, 10, 0 }, l2[] = { 2, 3, 6, 10, 2 },
	    l3[] = { 2, 3, 6, 10, 3 };
	struct crm_record r1 = { 5, v1, l1, 2, NULL, 0 },
	    r2 = { 5, v2, l2, 3, NULL, 0 }, r3 = { 5, v3, l3, 4, NULL, 0 };
	struct crm_fu_env env = { 0, 0, 0, NULL };
	struct crm_fu_rules rules;
	struct crm_config c;
	struct crm_error e;
	struct crm_fu_due due;
	size_t suppressed = 0;

	(void)state;
	env.as_of = day("2024-03-01");
	assert_int_equal(load(&rules, &c, text, &e), 0);
	assert_int_equal(crm_fu_bind(&rules, &(struct crm_header){ &header,
	    "t.csv" }, &e), 0);
	assert_int_equal(crm_fu_evaluate(&rules, &r1, NULL, &env, &due,
	    &suppressed, &e), 1);
	assert_int_equal(due.due, day("2024-02-29"));
	assert_true(due.priority == 11);
	assert_decimal(due.prio, 11, 0);
	assert_string_equal(due.reason,
	    "every 1 month for vip, last contact 2024-01-31");
	assert_int_equal(crm_fu_evaluate(&rules, &r2, NULL, &env, &due,
	    &suppressed, &e), 1);
	assert_int_equal(due.due, day("2024-03-01"));
	assert_int_equal(crm_fu_evaluate(&rules, &r3, NULL, &env, &due,
	    &suppressed, &e), 0);
	assert_int_equal(suppressed, 1);
	/* a bad flag is a bad field, not a silent "no" */
	v3[4] = "perhaps";
	l3[4] = 7;
	assert_int_equal(crm_fu_evaluate(&rules, &r3, NULL, &env, &due,
	    &suppressed, &e), -1);
	assert_string_equal(e.msg,
	    "column 'do_not_call': invalid yes/no value \"perhaps\"");
	crm_fu_free(&rules);
	crm_config_free(&c);
}

static void
test_defaults(void **state)
{
	/* the defaults crm-config(5) documents */
	struct crm_fu_rules r;
	int i;

	(void)state;
	crm_fu_defaults(&r);
	assert_string_equal(r.id, "customer_id");
	assert_string_equal(r.owner, "owner");
	assert_string_equal(r.last_contact, "last_contact");
	assert_string_equal(crm_fu_cadence_column(&r), "segment");
	assert_string_equal(r.log_id, "customer_id");
	assert_string_equal(r.log_date, "date");
	assert_string_equal(r.log_outcome, "outcome");
	assert_int_equal(r.default_every.n, 90);
	assert_int_equal(r.default_every.unit, CRM_DAYS);
	assert_int_equal(r.window.n, 30);
	assert_decimal(r.complaint_priority, 1000, 0);
	assert_decimal(r.per_day_overdue, 1, 0);
	assert_int_equal(r.capacity, 0);
	assert_int_equal(r.backoff_after, 0);
	assert_null(r.call_from);
	for (i = 0; i < 7; i++)
		assert_int_equal(r.workdays.weekend[i], i >= 5);
	crm_fu_free(&r);
}

static void
test_load_every_section(void **state)
{
	static const char text[] =
	    "columns:\n  id: cid\n  owner: rep\n  last_contact: seen\n"
	    "  do_not_call: no_calls\n"
	    "log:\n  id: customer\n  date: when\n  outcome: result\n"
	    "cadence:\n  column: tier\n  default: 3 weeks\n  channel: email\n"
	    "  action: write\n  every: {gold: 1 month}\n"
	    "  weights: {gold: 5, silver: 2}\n"
	    "winback:\n  values: [lost, gone]\n  every: 6 months\n"
	    "  channel: letter\n  action: send an offer\n"
	    "complaints:\n  priority: 900\n  channel: visit\n"
	    "  action: go and see\n"
	    "milestones:\n  - column: bought\n    after: 10 days\n"
	    "triggers:\n  - column: renewal\n    before: 2 weeks\n"
	    "    reason: renewal\n    priority: 40\n"
	    "  - column: born\n    yearly: yes\n    channel: card\n"
	    "window: 60 days\n"
	    "backoff:\n  unanswered: 3\n  wait: 1 week\n"
	    "workdays:\n  weekend: [friday, Sat]\n"
	    "  holidays: [2025-12-25, 2025-01-01]\n"
	    "priority:\n  per_day_overdue: 2\n  value: revenue\n"
	    "  per_value: 0.5\n"
	    "capacity: 12\n"
	    "call_hours:\n  from: \"09:30\"\n  monday_from: \"10:00\"\n";
	struct crm_fu_rules r;
	struct crm_config c;
	struct crm_error e;
	int i;

	(void)state;
	if (load(&r, &c, text, &e) < 0)
		fail_msg("%ld:%ld: %s", e.line, e.column, e.msg);
	assert_string_equal(r.id, "cid");
	assert_string_equal(r.owner, "rep");
	assert_string_equal(r.last_contact, "seen");
	assert_int_equal(r.last_contact_named, 1);
	assert_string_equal(r.dnc_call, "no_calls");
	assert_string_equal(r.dnc, "do_not_contact");
	assert_int_equal(r.dnc_named, 1);
	/* the log: section names the log's columns, not the table's */
	assert_string_equal(r.log_id, "customer");
	assert_string_equal(r.log_date, "when");
	assert_string_equal(r.log_outcome, "result");
	assert_string_equal(crm_fu_cadence_column(&r), "tier");
	assert_int_equal(r.default_every.n, 3);
	assert_int_equal(r.default_every.unit, CRM_WEEKS);
	assert_string_equal(r.cadence_channel, "email");
	assert_string_equal(r.cadence_action, "write");
	/* gold from every: and weights:, silver from weights: alone */
	assert_int_equal(r.ncadence, 2);
	assert_string_equal(r.cadence[0].value, "gold");
	assert_int_equal(r.cadence[0].has_every, 1);
	assert_int_equal(r.cadence[0].every.n, 1);
	assert_int_equal(r.cadence[0].every.unit, CRM_MONTHS);
	assert_decimal(r.cadence[0].weight, 5, 0);
	assert_string_equal(r.cadence[1].value, "silver");
	assert_int_equal(r.cadence[1].has_every, 0);
	assert_decimal(r.cadence[1].weight, 2, 0);
	assert_int_equal(r.nlost, 2);
	assert_string_equal(r.lost[1], "gone");
	assert_int_equal(r.winback_every.n, 6);
	assert_int_equal(r.winback_every.unit, CRM_MONTHS);
	assert_string_equal(r.winback_channel, "letter");
	assert_string_equal(r.winback_action, "send an offer");
	assert_decimal(r.complaint_priority, 900, 0);
	assert_string_equal(r.complaint_channel, "visit");
	assert_string_equal(r.complaint_action, "go and see");
	/*
	 * Date rules: the reason defaults to the column, the channel to
	 * the cadence's (read before them), the action by kind.
	 */
	assert_int_equal(r.ndates, 3);
	assert_int_equal(r.dates[0].milestone, 1);
	assert_int_equal(r.dates[0].when, CRM_AFTER);
	assert_int_equal(r.dates[0].offset.n, 10);
	assert_string_equal(r.dates[0].name, "bought");
	assert_string_equal(r.dates[0].channel, "email");
	assert_string_equal(r.dates[0].action, "follow up on the purchase");
	assert_int_equal(r.dates[1].milestone, 0);
	assert_int_equal(r.dates[1].when, CRM_BEFORE);
	assert_int_equal(r.dates[1].offset.unit, CRM_WEEKS);
	assert_string_equal(r.dates[1].name, "renewal");
	assert_string_equal(r.dates[1].action, "get in touch");
	assert_decimal(r.dates[1].priority, 40, 0);
	assert_int_equal(r.dates[2].when, CRM_YEARLY);
	assert_int_equal(r.dates[2].offset.n, 0);
	assert_string_equal(r.dates[2].channel, "card");
	assert_int_equal(r.window.n, 60);
	assert_int_equal(r.backoff_after, 3);
	assert_int_equal(r.backoff_wait.unit, CRM_WEEKS);
	/* weekend: replaces Saturday and Sunday; holidays are sorted */
	for (i = 0; i < 7; i++)
		assert_int_equal(r.workdays.weekend[i], i == 4 || i == 5);
	assert_int_equal(r.workdays.nholidays, 2);
	assert_int_equal(r.workdays.holidays[0], day("2025-01-01"));
	assert_int_equal(r.workdays.holidays[1], day("2025-12-25"));
	assert_decimal(r.per_day_overdue, 2, 0);
	assert_string_equal(r.value, "revenue");
	assert_decimal(r.per_value, 5, 1);
	assert_int_equal(r.capacity, 12);
	assert_string_equal(r.call_from, "09:30");
	assert_string_equal(r.monday_from, "10:00");
	crm_fu_free(&r);
	crm_config_free(&c);
}

static void
test_load_some_keys(void **state)
{
	/* a section given in part keeps the defaults of the rest */
	static const char text[] = "workdays:\n  weekend: [sunday]\n"
	    "call_hours:\n  from: \"08:00\"\n";
	struct crm_fu_rules r;
	struct crm_config c;
	struct crm_error e;
	int i;

	(void)state;
	assert_int_equal(load(&r, &c, text, &e), 0);
	for (i = 0; i < 7; i++)
		assert_int_equal(r.workdays.weekend[i], i == 6);
	assert_int_equal(r.workdays.nholidays, 0);
	assert_string_equal(r.call_from, "08:00");
	assert_null(r.monday_from);
	assert_int_equal(r.default_every.n, 90);
	crm_fu_free(&r);
	crm_config_free(&c);
}

static void
test_log_section(void **state)
{
	/* each key alone; the others keep their defaults */
	static const struct {
		const char *text, *id, *date, *outcome;
	} ok[] = {
		{ "log:\n  id: cust\n", "cust", "date", "outcome" },
		{ "log:\n  date: when\n", "customer_id", "when", "outcome" },
		{ "log:\n  outcome: result\n", "customer_id", "date",
		    "result" },
		{ "log: {}\n", "customer_id", "date", "outcome" },
	};
	/* positions counted off the text, as in test_load_errors */
	static const struct {
		const char *text;
		long line, column;
		const char *msg;
	} bad[] = {
		{ "log:\n  id: cid\n  when: d\n", 3, 3, "unknown key 'when'" },
		{ "log:\n  date: ''\n", 2, 9, "expected a value for 'date'" },
		{ "log: [id]\n", 1, 6, "expected a mapping, got a list" },
		{ "log:\n  outcome: [a]\n", 2, 12,
		    "expected a text value, got a list" },
		{ "log:\n  id: a\n  id: b\n", 3, 3, "duplicate key 'id'" },
	};
	struct crm_fu_rules r;
	struct crm_config c;
	struct crm_error e;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		if (load(&r, &c, ok[i].text, &e) < 0)
			fail_msg("ok %zu: %s", i, e.msg);
		assert_string_equal(r.log_id, ok[i].id);
		assert_string_equal(r.log_date, ok[i].date);
		assert_string_equal(r.log_outcome, ok[i].outcome);
		/* the table's id column is not the log's */
		assert_string_equal(r.id, "customer_id");
		crm_fu_free(&r);
		crm_config_free(&c);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&e, 0, sizeof(e));
		assert_int_equal(load(&r, &c, bad[i].text, &e), -1);
		if (e.line != bad[i].line || e.column != bad[i].column ||
		    strcmp(e.msg, bad[i].msg) != 0)
			fail_msg("bad %zu: %ld:%ld: %s", i, e.line, e.column,
			    e.msg);
		assert_int_equal(e.status, CRM_EXIT_USAGE);
		assert_string_equal(e.file, "f.yaml");
		crm_fu_free(&r);
		crm_config_free(&c);
	}
}

static void
test_bind(void **state)
{
	static const struct {
		const char *yaml, *header, *msg;
	} bad[] = {
		{ NULL, "id,owner",
		    "no column 'customer_id' in the header (id,owner)" },
		{ NULL, "customer_id,rep",
		    "no column 'owner' in the header (customer_id,rep)" },
		/* named in the config: required */
		{ "columns:\n  last_contact: seen\n", "customer_id,owner",
		    "no column 'seen' in the header (customer_id,owner)" },
		/* cadences name segment values: the column is needed */
		{ "cadence:\n  every: {vip: 1 week}\n", "customer_id,owner",
		    "no column 'segment' in the header (customer_id,owner)" },
		{ "winback:\n  values: [lost]\n  every: 1 year\n",
		    "customer_id,owner",
		    "no column 'segment' in the header (customer_id,owner)" },
		{ "priority:\n  value: revenue\n", "customer_id,owner",
		    "no column 'revenue' in the header (customer_id,owner)" },
		{ "milestones:\n  - column: bought\n    after: 1 week\n",
		    "customer_id,owner",
		    "no column 'bought' in the header (customer_id,owner)" },
		{ "columns:\n  do_not_call: dnc\n", "customer_id,owner",
		    "none of the do-not-contact columns the config names "
		    "(do_not_contact, dnc, do_not_email) is in the header" },
	};
	struct fx f;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&f, 0, sizeof(f));
		if (bad[i].yaml == NULL)
			crm_fu_defaults(&f.r);
		else
			assert_int_equal(load(&f.r, &f.c, bad[i].yaml, &f.e),
			    0);
		assert_int_equal(crm_fu_bind(&f.r, &(struct crm_header){
		    row(&f.header, 1, bad[i].header), "t.csv" }, &f.e), -1);
		if (strcmp(f.e.msg, bad[i].msg) != 0)
			fail_msg("case %zu: %s", i, f.e.msg);
		assert_int_equal(f.e.status, CRM_EXIT_USAGE);
		assert_string_equal(f.e.file, "t.csv");
		teardown(&f);
	}
	/* by default last_contact, segment and the flags are optional */
	setup(&f, NULL, "owner,customer_id", "2025-12-31");
	assert_int_equal(f.r.id_col, 1);
	assert_int_equal(f.r.owner_col, 0);
	assert_int_equal(f.r.last_contact_col, -1);
	assert_int_equal(f.r.key_col, -1);
	assert_int_equal(f.r.dnc_col, -1);
	teardown(&f);
	/* one named flag of three is enough */
	setup(&f, "columns:\n  do_not_call: dnc\n",
	    "customer_id,owner,do_not_email", "2025-12-31");
	assert_int_equal(f.r.dnc_email_col, 2);
	assert_int_equal(f.r.dnc_call_col, -1);
	teardown(&f);
}

static void
test_complaints_and_log(void **state)
{
	/*
	 * Default rules (every 90 days; complaints 1000, plus 1 a day
	 * overdue), as of Wednesday 2025-12-31.
	 */
	struct crm_contact k = contact("2025-12-20", "2025-12-20",
	    "2025-12-10", "", 0);
	struct crm_contact l = contact("2025-10-15", "", "", "", 0);
	struct fx f;

	(void)state;
	setup(&f, NULL, "customer_id,owner,last_contact", "2025-12-31");
	/*
	 * K: a complaint on Saturday 12-20, resolved only before it
	 * (12-10): open.  Due on the next working day, Monday 12-22: 9
	 * days overdue.  Its cadence (12-20 + 90 days) is not due.
	 */
	assert_int_equal(eval(&f, "K,ann,2025-12-01", &k), 1);
	assert_int_equal(f.due.kind, CRM_FU_COMPLAINT);
	assert_int_equal(f.due.due, day("2025-12-22"));
	assert_true(f.due.priority == 1009);
	assert_string_equal(f.due.reason, "open complaint since 2025-12-20");
	assert_string_equal(f.due.channel, "phone");
	assert_string_equal(f.due.action, "resolve the complaint");
	/*
	 * L: the log's talk (10-15) is later than the table's (09-01):
	 * due 10-15 + 90 days = Tuesday 2026-01-13; not by today, listed
	 * with a horizon of 13 days (12-31 + 13 = 01-13), not of 12.
	 */
	assert_int_equal(eval(&f, "L,ann,2025-09-01", &l), 0);
	f.env.horizon = 12;
	assert_int_equal(eval(&f, "L,ann,2025-09-01", &l), 0);
	f.env.horizon = 13;
	assert_int_equal(eval(&f, "L,ann,2025-09-01", &l), 1);
	assert_int_equal(f.due.kind, CRM_FU_CADENCE);
	assert_int_equal(f.due.due, day("2026-01-13"));
	assert_true(f.due.priority == 0);	/* not overdue: no bonus */
	assert_string_equal(f.due.reason,
	    "every 90 days, last contact 2025-10-15");
	/* the table's date when it is the later one: 11-01 + 90 days is
	   2026-01-30, past the horizon */
	assert_int_equal(eval(&f, "L,ann,2025-11-01", &l), 0);
	f.env.horizon = 0;
	/* no contact anywhere: due today, priority 0 */
	assert_int_equal(eval(&f, "N,ann,", NULL), 1);
	assert_int_equal(f.due.due, day("2025-12-31"));
	assert_true(f.due.priority == 0);
	assert_string_equal(f.due.reason, "no contact on record");
	/* a bad last_contact is a bad field, placed by the caller */
	assert_int_equal(eval(&f, "N,ann,yesterday", NULL), -1);
	assert_string_equal(f.e.msg,
	    "column 'last_contact': invalid date \"yesterday\"");
	assert_int_equal(f.e.status, CRM_EXIT_DATA);
	assert_int_equal(f.e.line, 0);
	teardown(&f);
}

static void
test_winback(void **state)
{
	static const char text[] = "cadence:\n  every: {vip: 1 week}\n"
	    "winback:\n  values: [lost, gone]\n  every: 6 months\n";
	struct fx f;

	(void)state;
	setup(&f, text, "customer_id,owner,segment,last_contact",
	    "2025-12-31");
	/*
	 * 2025-06-30 + 6 months = Tuesday 2025-12-30: 1 day overdue.  The
	 * win-back replaces the cadence (90 days would have made it due
	 * on 09-28).
	 */
	assert_int_equal(eval(&f, "W,ann,lost,2025-06-30", NULL), 1);
	assert_int_equal(f.due.kind, CRM_FU_WINBACK);
	assert_int_equal(f.due.due, day("2025-12-30"));
	assert_true(f.due.priority == 1);
	assert_string_equal(f.due.reason,
	    "win-back (lost): every 6 months, last contact 2025-06-30");
	assert_string_equal(f.due.channel, "phone");
	assert_string_equal(f.due.action, "win-back offer");
	/* no contact on record: due today */
	assert_int_equal(eval(&f, "G,ann,gone,", NULL), 1);
	assert_int_equal(f.due.kind, CRM_FU_WINBACK);
	assert_int_equal(f.due.due, day("2025-12-31"));
	assert_string_equal(f.due.reason,
	    "win-back (gone): no contact on record");
	/* not lost: the segment's cadence, 12-20 + 1 week = Saturday
	   12-27, moved to Monday 12-29: 2 days overdue */
	assert_int_equal(eval(&f, "V,ann,vip,2025-12-20", NULL), 1);
	assert_int_equal(f.due.kind, CRM_FU_CADENCE);
	assert_int_equal(f.due.due, day("2025-12-29"));
	assert_true(f.due.priority == 2);
	assert_string_equal(f.due.reason,
	    "every 1 week for vip, last contact 2025-12-20");
	/* a segment without a cadence of its own: the default's words */
	assert_int_equal(eval(&f, "O,ann,other,2025-09-01", NULL), 1);
	assert_string_equal(f.due.reason,
	    "every 90 days, last contact 2025-09-01");
	teardown(&f);
}

/*
 * A trigger on a number, for a win-back: p_alive below 0.3 for a clv of
 * at least 500, again 3 months after a contact.  The cadence (a year)
 * is never due here, save for A, who has no contact: there the trigger
 * wins on priority.  As of Wednesday 2025-12-31.
 */
static void
test_threshold_trigger(void **state)
{
	static const char text[] = "cadence:\n  default: 1 year\n"
	    "triggers:\n  - column: p_alive\n    below: 0.3\n"
	    "    value: clv\n    min_value: 500\n    every: 3 months\n"
	    "    reason: slipping away\n    action: win-back call\n"
	    "    priority: 50\n";
	struct fx f;

	(void)state;
	setup(&f, text, "customer_id,owner,p_alive,clv,last_contact",
	    "2025-12-31");
	assert_int_equal(eval(&f, "A,ann,0.2,800,", NULL), 1);
	assert_int_equal(f.due.kind, CRM_FU_TRIGGER);
	assert_int_equal(f.due.due, day("2025-12-31"));
	assert_true(f.due.priority == 50);
	assert_string_equal(f.due.action, "win-back call");
	assert_string_equal(f.due.reason, "slipping away: p_alive 0.2 below "
	    "0.3, clv 800 at least 500, no contact on record");
	/* contacted 12-01: not again before 2026-03-01 */
	assert_int_equal(eval(&f, "B,ann,0.2,800,2025-12-01", NULL), 0);
	f.env.horizon = 61;
	assert_int_equal(eval(&f, "B,ann,0.2,800,2025-12-01", NULL), 1);
	assert_int_equal(f.due.due, day("2026-03-02"));	/* 03-01: Sunday */
	f.env.horizon = 0;
	/*
	 * 08-15 + 3 months = 11-15, before today: due today, not 46 days
	 * overdue (no one knows since when p_alive has been that low).
	 */
	assert_int_equal(eval(&f, "C,ann,0.2,800,2025-08-15", NULL), 1);
	assert_int_equal(f.due.due, day("2025-12-31"));
	assert_true(f.due.priority == 50);
	assert_string_equal(f.due.reason, "slipping away: p_alive 0.2 below "
	    "0.3, clv 800 at least 500, last contact 2025-08-15 (every 3 "
	    "months)");
	/* not below, value under its minimum, an empty field: nothing */
	assert_int_equal(eval(&f, "D,ann,0.3,800,2025-08-15", NULL), 0);
	assert_int_equal(eval(&f, "E,ann,0.1,499.99,2025-08-15", NULL), 0);
	assert_int_equal(eval(&f, "F,ann,,800,2025-08-15", NULL), 0);
	assert_int_equal(eval(&f, "F,ann,0.1,,2025-08-15", NULL), 0);
	assert_int_equal(eval(&f, "G,ann,x,800,", NULL), -1);
	assert_string_equal(f.e.msg, "column 'p_alive': invalid number "
	    "\"x\"");
	teardown(&f);
	/* without value: every customer under the threshold; 90 days */
	setup(&f, "triggers:\n  - column: p_alive\n    below: 0.5\n"
	    "    priority: 40\n", "customer_id,owner,p_alive,last_contact",
	    "2025-12-31");
	assert_int_equal(eval(&f, "H,ann,0.25,2025-12-01", NULL), 0);
	/*
	 * 09-01 + 90 days = Sunday 11-30: the cadence falls due on Monday
	 * 12-01, 30 days overdue (priority 30); the trigger today, 40.
	 */
	assert_int_equal(eval(&f, "H,ann,0.25,2025-09-01", NULL), 1);
	assert_int_equal(f.due.kind, CRM_FU_TRIGGER);
	assert_string_equal(f.due.reason, "p_alive: p_alive 0.25 below 0.5, "
	    "last contact 2025-09-01 (every 90 days)");
	teardown(&f);
}

static void
test_backoff(void **state)
{
	static const char text[] =
	    "backoff:\n  unanswered: 2\n  wait: 14 days\n";
	/* C: reached 09-01, then 2 unanswered calls, the last 12-22 */
	struct crm_contact c = contact("2025-09-01", "", "", "2025-12-22", 2);
	/* D: a complaint on Monday 12-29, then 2 unanswered (12-31) */
	struct crm_contact d = contact("2025-12-29", "2025-12-29", "",
	    "2025-12-31", 2);
	/* E: 2 unanswered, the last 06-20: the wait ended long ago */
	struct crm_contact e = contact("2025-06-01", "", "", "2025-06-20", 2);
	/* G: 1 unanswered only: no back-off */
	struct crm_contact g = contact("2025-09-01", "", "", "2025-12-22", 1);
	struct fx f;

	(void)state;
	setup(&f, text, "customer_id,owner", "2025-12-31");
	/*
	 * C's cadence fell due on 09-01 + 90 days = 11-30, but not before
	 * 12-22 + 14 days = Monday 2026-01-05: listed from a horizon of 5.
	 */
	assert_int_equal(eval(&f, "C,ann", &c), 0);
	f.env.horizon = 5;
	assert_int_equal(eval(&f, "C,ann", &c), 1);
	assert_int_equal(f.due.due, day("2026-01-05"));
	assert_string_equal(f.due.reason, "every 90 days, last contact "
	    "2025-09-01; 2 unanswered attempts, so not before 2026-01-05");
	f.env.horizon = 0;
	/* complaints do not back off: due 12-29, 1000 + 2 */
	assert_int_equal(eval(&f, "D,ann", &d), 1);
	assert_int_equal(f.due.kind, CRM_FU_COMPLAINT);
	assert_int_equal(f.due.due, day("2025-12-29"));
	assert_true(f.due.priority == 1002);
	/*
	 * E: due 06-01 + 90 days = Saturday 08-30, moved to Monday 09-01;
	 * the wait (07-04) ended before: 121 days overdue (29 more in
	 * September, 31 + 30 + 31 after it).
	 */
	assert_int_equal(eval(&f, "E,ann", &e), 1);
	assert_int_equal(f.due.due, day("2025-09-01"));
	assert_true(f.due.priority == 121);
	assert_string_equal(f.due.reason,
	    "every 90 days, last contact 2025-06-01");
	/* G: one attempt of two: due 11-30 (Sunday), Monday 12-01 */
	assert_int_equal(eval(&f, "G,ann", &g), 1);
	assert_int_equal(f.due.due, day("2025-12-01"));
	teardown(&f);
}

static void
test_date_rules(void **state)
{
	/*
	 * Last contact 12-01 unless said: the cadence (12-01 + 90 days =
	 * 2026-03-01) stays out of every horizon below.  As of Wednesday
	 * 2025-12-31, window 30 days: nothing due before 12-01 is kept.
	 */
	static const char text[] =
	    "milestones:\n  - column: bought\n    after: 10 days\n"
	    "    priority: 20\n"
	    "triggers:\n  - column: renewal\n    before: 2 weeks\n"
	    "    reason: renewal\n    priority: 40\n"
	    "  - column: born\n    yearly: true\n    reason: birthday\n"
	    "    priority: 15\n    channel: email\n"
	    "  - column: born\n    yearly: true\n    before: 3 days\n"
	    "    reason: card\n    priority: 5\n";
	struct fx f;

	(void)state;
	setup(&f, text, "customer_id,owner,last_contact,bought,renewal,born",
	    "2025-12-31");
	/* bought 12-15: due 12-25 (Thursday), 6 days overdue: 20 + 6 */
	assert_int_equal(eval(&f, "M1,ann,2025-12-01,2025-12-15,,", NULL), 1);
	assert_int_equal(f.due.kind, CRM_FU_MILESTONE);
	assert_int_equal(f.due.due, day("2025-12-25"));
	assert_true(f.due.priority == 26);
	assert_string_equal(f.due.reason, "bought: 10 days after 2025-12-15");
	assert_string_equal(f.due.action, "follow up on the purchase");
	/* bought 10-01: due 10-11, missed for longer than the window */
	assert_int_equal(eval(&f, "M2,ann,2025-12-01,2025-10-01,,", NULL), 0);
	/* contacted 12-26, on or after the due date: done */
	assert_int_equal(eval(&f, "M3,ann,2025-12-26,2025-12-15,,", NULL), 0);
	/* renewal 2026-01-10 - 2 weeks = Saturday 12-27, Monday 12-29: 2
	   days overdue, 40 + 2 */
	assert_int_equal(eval(&f, "T1,ann,2025-12-01,,2026-01-10,", NULL), 1);
	assert_int_equal(f.due.kind, CRM_FU_TRIGGER);
	assert_int_equal(f.due.due, day("2025-12-29"));
	assert_true(f.due.priority == 42);
	assert_string_equal(f.due.reason, "renewal: 2 weeks before 2026-01-10");
	assert_string_equal(f.due.action, "get in touch");
	/* the renewal has passed: nothing */
	assert_int_equal(eval(&f, "T2,ann,2025-12-01,,2025-12-20,", NULL), 0);
	/*
	 * born 1990-12-10: birthday 2025-12-10, 21 days overdue (15 + 21);
	 * the card 3 days before, Sunday 12-07, Monday 12-08 (5 + 23),
	 * loses on priority.
	 */
	assert_int_equal(eval(&f, "Y2,ann,2025-12-01,,,1990-12-10", NULL), 1);
	assert_int_equal(f.due.due, day("2025-12-10"));
	assert_true(f.due.priority == 36);
	assert_string_equal(f.due.reason,
	    "birthday on 2025-12-10 (every year since 1990-12-10)");
	assert_string_equal(f.due.channel, "email");
	/* contacted 12-15: this year's is done, the next (2026-12-10) is
	   out of reach, as is the cadence (12-15 + 90 days) */
	assert_int_equal(eval(&f, "Y3,ann,2025-12-15,,,1990-12-10", NULL), 0);
	/*
	 * born 1990-01-02: the card is due Tuesday 12-30 (5 + 1), the
	 * birthday on Friday 2026-01-02.  With a horizon of 2 both are in
	 * reach, and the one due by today wins though its priority (6) is
	 * lower than the birthday's (15).
	 */
	assert_int_equal(eval(&f, "Y1,ann,2025-12-01,,,1990-01-02", NULL), 1);
	assert_int_equal(f.due.due, day("2025-12-30"));
	f.env.horizon = 2;
	assert_int_equal(eval(&f, "Y1,ann,2025-12-01,,,1990-01-02", NULL), 1);
	assert_int_equal(f.due.due, day("2025-12-30"));
	assert_true(f.due.priority == 6);
	assert_string_equal(f.due.reason, "card on 2026-01-02 (every year "
	    "since 1990-01-02): 3 days before");
	/* a bad date in a rule's column is a bad field */
	assert_int_equal(eval(&f, "B,ann,2025-12-01,someday,,", NULL), -1);
	assert_string_equal(f.e.msg,
	    "column 'bought': invalid date \"someday\"");
	teardown(&f);
}

static void
test_equal_priorities(void **state)
{
	/*
	 * Two reminders of one event with the same priority (0, and no
	 * overdue bonus: neither is due yet): the earlier one wins.
	 * 2026-01-20 - 1 week = 01-13, - 2 weeks = 01-06, both Tuesdays.
	 */
	static const char text[] =
	    "triggers:\n  - column: event\n    before: 1 week\n"
	    "    reason: soon\n"
	    "  - column: event\n    before: 2 weeks\n    reason: soon\n";
	struct fx f;

	(void)state;
	setup(&f, text, "customer_id,owner,last_contact,event",
	    "2025-12-31");
	f.env.horizon = 30;
	assert_int_equal(eval(&f, "A,ann,2025-12-30,2026-01-20", NULL), 1);
	assert_int_equal(f.due.due, day("2026-01-06"));
	assert_string_equal(f.due.reason, "soon: 2 weeks before 2026-01-20");
	teardown(&f);
}

static void
test_value_and_flags(void **state)
{
	/* no contact: everyone is due today, priority weight + revenue/100 */
	static const char text[] = "cadence:\n  channel: Email\n"
	    "  weights: {vip: 10}\n"
	    "priority:\n  value: revenue\n  per_value: 0.01\n";
	struct fx f;

	(void)state;
	setup(&f, text, "customer_id,owner,segment,revenue,do_not_call,"
	    "do_not_email,do_not_contact", "2025-12-31");
	/* "$1500.00" is 1500: 10 + 15 */
	assert_int_equal(eval(&f, "A,ann,vip,$1500.00,,,", NULL), 1);
	assert_true(f.due.priority == 25);
	assert_string_equal(f.due.channel, "Email");
	/* no revenue counts 0 */
	assert_int_equal(eval(&f, "A,ann,vip,,,,", NULL), 1);
	assert_true(f.due.priority == 10);
	/* with a decimal comma, "1.500" is 1500: 0 + 15 */
	f.env.decimal_comma = 1;
	assert_int_equal(eval(&f, "A,ann,other,1.500,,,", NULL), 1);
	assert_true(f.due.priority == 15);
	f.env.decimal_comma = 0;
	assert_int_equal(eval(&f, "A,ann,vip,lots,,,", NULL), -1);
	assert_string_equal(f.e.msg,
	    "column 'revenue': invalid number \"lots\"");
	/* the channel is email (any case): do_not_call does not block
	   it, do_not_email and do_not_contact do */
	f.suppressed = 0;
	assert_int_equal(eval(&f, "A,ann,vip,,yes,,", NULL), 1);
	assert_int_equal(eval(&f, "A,ann,vip,,,y,", NULL), 0);
	assert_int_equal(eval(&f, "A,ann,vip,,,,true", NULL), 0);
	assert_int_equal(f.suppressed, 2);
	assert_int_equal(eval(&f, "A,ann,vip,,,,maybe", NULL), -1);
	assert_string_equal(f.e.msg,
	    "column 'do_not_contact': invalid yes/no value \"maybe\"");
	teardown(&f);
}

static void
test_priority_exact(void **state)
{
	/*
	 * Priorities are exact decimals: 72 (weight) + 0.125 * 1 day
	 * overdue = 72.125, which crm-followup writes 72.13 (the double
	 * 72.125 is exact, and printf broke the tie to even: 72.12).  The
	 * cadence: last contact 2025-01-01, every 12 days, due Monday
	 * 2025-01-13, as of 2025-01-14.  A value of 9 * 10^37 times 2 has
	 * 39 digits: a bad field.  per_value 0.1 times 0.2: 0.02, exactly.
	 */
	static const char text[] = "cadence:\n  default: 12 days\n"
	    "  weights: {gold: 72}\n"
	    "priority:\n  per_day_overdue: 0.125\n  value: rev\n"
	    "  per_value: 0.1\n";
	struct fx f;

	(void)state;
	setup(&f, text, "customer_id,owner,segment,last_contact,rev",
	    "2025-01-14");
	assert_int_equal(eval(&f, "A,ann,gold,2025-01-01,", NULL), 1);
	assert_true(f.due.prio.units == 72125 && f.due.prio.scale == 3);
	assert_true(f.due.priority == 72.125);
	assert_int_equal(eval(&f, "A,ann,gold,2025-01-01,0.2", NULL), 1);
	/* 72.125 + 0.02 = 72.145 at 3 places */
	assert_true(f.due.prio.units == 72145 && f.due.prio.scale == 3);
	assert_int_equal(eval(&f, "A,ann,gold,2025-01-01,9" ZEROS38, NULL),
	    -1);
	assert_string_equal(f.e.msg, "column 'rev': number \"9" ZEROS38 "\" "
	    "has more than 38 digits: too long to add up exactly");
	assert_int_equal(eval(&f, "A,ann,gold,2025-01-01," NINES38, NULL),
	    -1);
	assert_string_equal(f.e.msg, "column 'rev': value \"" NINES38 "\" "
	    "takes the priority past 38 digits");
	teardown(&f);
}

/* Appends n euro signs (3 bytes each in UTF-8) at o in buf. */
static size_t
euros(char *buf, size_t size, size_t o, size_t n)
{
	while (n-- > 0)
		o += (size_t)snprintf(buf + o, size - o, "\xe2\x82\xac");
	return o;
}

static void
test_reason_cut_on_a_character(void **state)
{
	/*
	 * The reason holds 511 bytes.  A name of 200 euro signs cut at
	 * 511 bytes leaves 170 whole signs (510 bytes) and one lead byte,
	 * which goes.  Behind one ASCII byte, the 511 bytes are "x" and
	 * 170 whole signs: nothing to drop.
	 */
	char text[1400], want[600];
	struct fx f;
	size_t o;

	(void)state;
	o = (size_t)snprintf(text, sizeof(text), "triggers:\n"
	    "  - column: d\n    after: 1 day\n    reason: ");
	o = euros(text, sizeof(text), o, 200);
	o += (size_t)snprintf(text + o, sizeof(text) - o, "\n"
	    "  - column: d2\n    after: 1 day\n    reason: x");
	o = euros(text, sizeof(text), o, 200);
	snprintf(text + o, sizeof(text) - o, "\n");
	euros(want, sizeof(want), 0, 170);
	setup(&f, text, "customer_id,owner,last_contact,d,d2", "2025-12-31");
	/* d 12-29: due Tuesday 12-30 */
	assert_int_equal(eval(&f, "A,ann,2025-12-01,2025-12-29,", NULL), 1);
	assert_int_equal(strlen(f.due.reason), 510);
	assert_string_equal(f.due.reason, want);
	assert_int_equal(eval(&f, "A,ann,2025-12-01,,2025-12-29", NULL), 1);
	assert_int_equal(strlen(f.due.reason), 511);
	assert_int_equal(f.due.reason[0], 'x');
	assert_string_equal(f.due.reason + 1, want);
	teardown(&f);
}

static void
test_unread_flag(void **state)
{
	struct fx f;

	(void)state;
	/* "Do Not-Call" squeezes to donotcall: a flag, and not the
	   default do_not_call, so not read */
	setup(&f, NULL, "customer_id,owner,notes,Do Not-Call,opt_out",
	    "2025-12-31");
	assert_string_equal(crm_fu_unread_flag(&f.r, &f.header.rec),
	    "Do Not-Call");
	teardown(&f);
	/* named in the config, it is read; opt_out is the next */
	setup(&f, "columns:\n  do_not_call: Do Not-Call\n",
	    "customer_id,owner,notes,Do Not-Call,opt_out", "2025-12-31");
	assert_string_equal(crm_fu_unread_flag(&f.r, &f.header.rec),
	    "opt_out");
	teardown(&f);
	/* the default flags, read, and names merely like one */
	setup(&f, NULL, "customer_id,owner,do_not_call,do_not_email,"
	    "do_not_contact,DNC-list,dncs", "2025-12-31");
	assert_null(crm_fu_unread_flag(&f.r, &f.header.rec));
	teardown(&f);
}

/*
 * 100,000 cadence values, each with an interval and every tenth with a
 * weight, and win-back values naming some twice: loaded by hash (the
 * old linear search per value took 6.6 s for 50,000, four times as long
 * for twice as many), found by crm_fu_cadence_find and
 * crm_fu_lost_find.  Value vN waits N mod 9 + 1 days; v99990's weight
 * is 99990 mod 7 = 2 (7 x 14284 = 99988).
 */
static void
test_many_cadence_values(void **state)
{
	struct crm_fu_rules r;
	struct crm_config c;
	struct crm_error e;
	size_t n = 100000, i, len = 0, cap = n * 48 + 256;
	char *text = malloc(cap);
	long k;

	(void)state;
	assert_non_null(text);
	len += (size_t)snprintf(text + len, cap - len,
	    "winback:\n  every: 1 year\n  values: [v5, gone, v5, v7]\n"
	    "cadence:\n  every:\n");
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(text + len, cap - len,
		    "    v%zu: %zu days\n", i, i % 9 + 1);
	len += (size_t)snprintf(text + len, cap - len, "  weights:\n");
	for (i = 0; i < n; i += 10)
		len += (size_t)snprintf(text + len, cap - len,
		    "    v%zu: %zu\n", i, i % 7);
	/* one value that only weights: names, at the end */
	len += (size_t)snprintf(text + len, cap - len, "    extra: 3\n");
	if (load(&r, &c, text, &e) < 0)
		fail_msg("%ld:%ld: %s", e.line, e.column, e.msg);
	assert_int_equal(r.ncadence, n + 1);
	k = crm_fu_cadence_find(&r, "v99990", 6);
	assert_int_equal(k, 99990);
	assert_int_equal(r.cadence[k].every.n, 99990 % 9 + 1);
	assert_int_equal(r.cadence[k].every.unit, CRM_DAYS);
	assert_decimal(r.cadence[k].weight, 2, 0);
	assert_int_equal(r.cadence[k].has_weight, 1);
	k = crm_fu_cadence_find(&r, "v99999", 6);
	assert_int_equal(k, 99999);
	assert_int_equal(r.cadence[k].has_weight, 0);
	k = crm_fu_cadence_find(&r, "extra", 5);
	assert_int_equal(k, (long)n);
	assert_int_equal(r.cadence[k].has_every, 0);
	assert_int_equal(crm_fu_cadence_find(&r, "v100000", 7), -1);
	assert_int_equal(crm_fu_cadence_find(&r, "v1", 1), -1);
	/* the list keeps its four values, the lookup the three distinct */
	assert_int_equal(r.nlost, 4);
	assert_int_equal(crm_fu_lost_find(&r, "v5", 2), 0);
	assert_int_equal(crm_fu_lost_find(&r, "gone", 4), 1);
	assert_int_equal(crm_fu_lost_find(&r, "v7", 2), 2);
	assert_int_equal(crm_fu_lost_find(&r, "v6", 2), -1);
	crm_fu_free(&r);
	crm_config_free(&c);
	free(text);
}

/*
 * Columns read only if they are there (last_contact, the do-not-contact
 * flags, phone...) must not be named twice either: with the defaults,
 * the first do_not_contact would have let a "yes" in the second one
 * through (issue 13 item 10).  Bad input at the header, status 1.
 */
static void
test_bind_duplicate(void **state)
{
	static const char *const headers[] = {
		"customer_id,owner,do_not_contact,do_not_contact",
		"customer_id,owner,last_contact,x,last_contact",
		"customer_id,phone,owner,phone",
	};
	static const char *const msgs[] = {
		"column 'do_not_contact' appears twice in the header "
		    "(fields 3 and 4)",
		"column 'last_contact' appears twice in the header "
		    "(fields 3 and 5)",
		"column 'phone' appears twice in the header (fields 2 and 4)",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(headers) / sizeof(headers[0]); i++) {
		struct crm_fu_rules r;
		struct crm_error e;
		struct row h;

		crm_fu_defaults(&r);
		assert_int_equal(crm_fu_bind(&r, &(struct crm_header){
		    row(&h, 1, headers[i]), "t.csv" }, &e), -1);
		assert_int_equal(e.status, CRM_EXIT_DATA);
		assert_string_equal(e.msg, msgs[i]);
		crm_fu_free(&r);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_bind_duplicate),
		cmocka_unit_test(test_load_errors),
		cmocka_unit_test(test_load_every_section),
		cmocka_unit_test(test_load_some_keys),
		cmocka_unit_test(test_log_section),
		cmocka_unit_test(test_bind),
		cmocka_unit_test(test_evaluate),
		cmocka_unit_test(test_complaints_and_log),
		cmocka_unit_test(test_winback),
		cmocka_unit_test(test_threshold_trigger),
		cmocka_unit_test(test_backoff),
		cmocka_unit_test(test_date_rules),
		cmocka_unit_test(test_equal_priorities),
		cmocka_unit_test(test_priority_exact),
		cmocka_unit_test(test_value_and_flags),
		cmocka_unit_test(test_reason_cut_on_a_character),
		cmocka_unit_test(test_unread_flag),
		cmocka_unit_test(test_many_cadence_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
