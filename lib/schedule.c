/*
 * schedule.c - the day's follow-up list: collection, capacity, order and
 * writing (see schedule.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "ics.h"
#include "keyset.h"
#include "schedule.h"
#include "table.h"
#include "value.h"

struct crm_schedule {
	const struct crm_fu_rules *r;
	const struct crm_fu_env *env;
	const char *owner;		/* only this owner's; NULL: all */
	struct crm_contacts *cs;	/* may be NULL */
	struct crm_schedule_item *items;
	size_t n, cap;
	struct crm_arena held;		/* the rows and reasons of the items */
	struct crm_keyset owners;	/* numbered as first seen */
	unsigned char *seen_value;	/* by cadence entry: some row had it */
	unsigned char *seen_lost;	/* by win-back value: some row had it */
	size_t suppressed, deferred;
	/* with an owner filter: did a row match, and if not, whose rows */
	size_t rows;
	int owner_matched;
	struct crm_keyset all_owners;
};

int32_t
crm_schedule_work_day(int32_t due, int32_t as_of)
{
	return due > as_of ? due : as_of;
}

/* The list's order, without the tie-break on position. */
static int
list_order(const struct crm_schedule_item *x, const struct crm_schedule_item *y)
{
	int c;

	if (x->owner != y->owner)
		return x->owner < y->owner ? -1 : 1;
	/*
	 * Priorities: the nearest doubles keep the order of the exact
	 * values, but may tie them past 15 digits; then the exact ones.
	 */
	if (x->priority != y->priority)
		return x->priority > y->priority ? -1 : 1;
	if ((c = crm_decimal_cmp(x->prio, y->prio)) != 0)
		return -c;
	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	return strcmp(x->id, y->id);
}

static int
by_position(const struct crm_schedule_item *x,
    const struct crm_schedule_item *y)
{
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

static int
by_list_order(const void *a, const void *b)
{
	int c = list_order(a, b);

	return c != 0 ? c : by_position(a, b);
}

static int
by_owner_day(const void *a, const void *b)
{
	const struct crm_schedule_item *x = a, *y = b;
	int c;

	if (x->owner != y->owner)
		return x->owner < y->owner ? -1 : 1;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	c = list_order(x, y);
	return c != 0 ? c : by_position(x, y);
}

void
crm_schedule_order(struct crm_schedule_item *items, size_t n)
{
	size_t i;

	if (n == 0)
		return;
	for (i = 0; i < n; i++)
		items[i].pos = i;
	qsort(items, n, sizeof(*items), by_list_order);
}

size_t
crm_schedule_defer(struct crm_schedule_item *items, size_t n,
    long capacity, const struct crm_workdays *w, int32_t as_of)
{
	size_t i, run = 0, deferred = 0;
	int32_t next;

	if (capacity <= 0 || n == 0)
		return 0;
	for (i = 0; i < n; i++) {
		items[i].day = crm_schedule_work_day(items[i].due, as_of);
		items[i].pos = i;
	}
	qsort(items, n, sizeof(*items), by_owner_day);
	for (i = 0; i < n; i++) {
		if (i == 0 || items[i].owner != items[i - 1].owner ||
		    items[i].day != items[i - 1].day)
			run = 0;
		if (++run <= (size_t)capacity)
			continue;
		next = crm_next_workday(w, items[i].day + 1);
		items[i].deferred = 1;
		items[i].due = next == CRM_NO_WORKDAY ? items[i].day + 1 : next;
		deferred++;
	}
	return deferred;
}

int
crm_schedule_ics_priority(enum crm_fu_kind kind, int32_t due, int32_t as_of)
{
	if (kind == CRM_FU_COMPLAINT)
		return 1;
	return due < as_of ? 3 : 5;
}

const char *
crm_schedule_call_time(const struct crm_fu_rules *r, const char *channel,
    int32_t day)
{
	if (r->call_from == NULL || strcasecmp(channel, "phone") != 0)
		return "";
	return crm_weekday(day) == 0 && r->monday_from != NULL ?
	    r->monday_from : r->call_from;
}

struct crm_schedule *
crm_schedule_new(const struct crm_fu_rules *r, const struct crm_fu_env *env,
    const char *owner, struct crm_contacts *cs, struct crm_error *e)
{
	struct crm_schedule *s = calloc(1, sizeof(*s));

	if (s == NULL || (s->seen_value = calloc(r->ncadence + 1, 1)) ==
	    NULL || (s->seen_lost = calloc(r->nlost + 1, 1)) == NULL) {
		if (s != NULL)
			free(s->seen_value);
		free(s);
		crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0, "out of memory");
		return NULL;
	}
	s->r = r;
	s->env = env;
	s->owner = owner;
	s->cs = cs;
	crm_keyset_init(&s->owners);
	crm_keyset_init(&s->all_owners);
	return s;
}

/*
 * Notes the customer's segment: a cadence or win-back value no row has
 * is a typo.
 */
static void
mark_value(struct crm_schedule *s, const struct crm_record *rec)
{
	const struct crm_fu_rules *r = s->r;
	long k;

	if (r->key_col < 0)
		return;
	/* hashed: a row costs the same with 100,000 values */
	k = crm_fu_cadence_find(r, rec->field[r->key_col],
	    rec->len[r->key_col]);
	if (k >= 0)
		s->seen_value[k] = 1;
	k = crm_fu_lost_find(r, rec->field[r->key_col], rec->len[r->key_col]);
	if (r->has_winback && k >= 0)
		s->seen_lost[k] = 1;
}

/*
 * The owner filter: 1 when rec is the owner's, else 0.  Until a row
 * matches, every owner is noted, to say which there are if none does.
 */
static int
owner_filter(struct crm_schedule *s, const struct crm_record *rec,
    struct crm_error *why)
{
	const struct crm_fu_rules *r = s->r;
	int added;

	s->rows++;
	if (strcmp(rec->field[r->owner_col], s->owner) == 0) {
		s->owner_matched = 1;
		return 1;
	}
	if (!s->owner_matched && crm_keyset_add(&s->all_owners,
	    rec->field[r->owner_col], rec->len[r->owner_col], &added,
	    why) < 0)
		return -1;
	return 0;
}

/* Holds a copy of rec with its due follow-up. */
static int
hold(struct crm_schedule *s, const struct crm_record *rec,
    const struct crm_fu_due *due, struct crm_error *why)
{
	const struct crm_fu_rules *r = s->r;
	struct crm_schedule_item *it;
	struct crm_decimal *prio;
	struct crm_record *copy;
	long owner;
	int added;

	if (crm_grow(&s->items, &s->cap, s->n + 1, sizeof(*s->items)) < 0)
		goto nomem;
	it = &s->items[s->n];
	memset(it, 0, sizeof(*it));
	it->kind = due->kind;
	it->due = due->due;
	it->priority = due->priority;
	/* held beside the reason, not in the item the sorts move */
	if ((prio = crm_arena_alloc(&s->held, sizeof(*prio))) == NULL)
		goto nomem;
	*prio = due->prio;
	it->prio = prio;
	it->channel = due->channel;
	it->action = due->action;
	if ((it->reason = crm_arena_strndup(&s->held, due->reason,
	    strlen(due->reason))) == NULL)
		goto nomem;
	if ((owner = crm_keyset_add(&s->owners, rec->field[r->owner_col],
	    rec->len[r->owner_col], &added, why)) < 0)
		return CRM_RECORD_STOP;
	it->owner = (uint32_t)owner;
	if ((copy = crm_record_copy(&s->held, rec)) == NULL)
		goto nomem;
	it->rec = copy;
	it->id = copy->field[r->id_col];
	s->n++;
	return CRM_RECORD_OK;
nomem:
	crm_error_set(why, CRM_EXIT_DATA, NULL, 0, 0, "out of memory");
	return CRM_RECORD_STOP;
}

int
crm_schedule_add(struct crm_schedule *s, const struct crm_record *rec,
    struct crm_error *why)
{
	const struct crm_fu_rules *r = s->r;
	struct crm_contact *ct = NULL;
	struct crm_fu_due due;
	int got;

	if (s->cs != NULL && (ct = crm_contacts_find(s->cs,
	    rec->field[r->id_col], rec->len[r->id_col])) != NULL)
		ct->seen_in_table = 1;
	mark_value(s, rec);
	if (s->owner != NULL && (got = owner_filter(s, rec, why)) <= 0)
		return got < 0 ? CRM_RECORD_STOP : CRM_RECORD_OK;
	got = crm_fu_evaluate(r, rec, ct, s->env, &due, &s->suppressed, why);
	if (got < 0)
		return CRM_RECORD_BAD;
	if (got == 0)
		return CRM_RECORD_OK;
	return hold(s, rec, &due, why);
}

/* One owner's name and its first-seen number, to be sorted by name. */
struct owner_name {
	const char *text;
	uint32_t number;
};

static int
by_name(const void *a, const void *b)
{
	return strcmp(((const struct owner_name *)a)->text,
	    ((const struct owner_name *)b)->text);
}

/*
 * Turns each item's owner number (first-seen order) into the rank of
 * the owner's name, so that the sorts compare integers, not strings: a
 * list of 100,000 follow-ups has a handful of owners.
 */
static int
rank_owners(struct crm_schedule *s, struct crm_error *e)
{
	size_t n = s->owners.n, i;
	struct owner_name *names;
	uint32_t *rank;

	if (n == 0)
		return 0;
	names = malloc(n * sizeof(*names));
	rank = malloc(n * sizeof(*rank));
	if (names == NULL || rank == NULL) {
		free(names);
		free(rank);
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "out of memory");
	}
	for (i = 0; i < n; i++) {
		names[i].text = crm_keyset_text(&s->owners, i);
		names[i].number = (uint32_t)i;
	}
	qsort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n; i++)
		rank[names[i].number] = (uint32_t)i;
	for (i = 0; i < s->n; i++)
		s->items[i].owner = rank[s->items[i].owner];
	free(names);
	free(rank);
	return 0;
}

int
crm_schedule_done(struct crm_schedule *s, struct crm_error *e)
{
	if (rank_owners(s, e) < 0)
		return -1;
	s->deferred = crm_schedule_defer(s->items, s->n, s->r->capacity,
	    &s->r->workdays, s->env->as_of);
	crm_schedule_order(s->items, s->n);
	return 0;
}

size_t
crm_schedule_deferred(const struct crm_schedule *s)
{
	return s->deferred;
}

size_t
crm_schedule_suppressed(const struct crm_schedule *s)
{
	return s->suppressed;
}

const char *
crm_schedule_unmatched(const struct crm_schedule *s, size_t *k)
{
	for (; *k < s->r->ncadence; (*k)++)
		if (!s->seen_value[*k])
			return s->r->cadence[(*k)++].value;
	return NULL;
}

const char *
crm_schedule_unmatched_lost(const struct crm_schedule *s, size_t *k)
{
	const char *v;

	/* seen_lost is by distinct value: the list may name one twice */
	for (; s->r->has_winback && *k < s->r->nlost; (*k)++) {
		v = s->r->lost[*k];
		if (!s->seen_lost[crm_fu_lost_find(s->r, v, strlen(v))])
			return s->r->lost[(*k)++];
	}
	return NULL;
}

static int
by_text(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* 'a', 'b', ... (N owners): the first few by bytes, within size. */
static void
owner_list(const char **names, size_t n, char *buf, size_t size)
{
	size_t i, o = 0, shown = n < 10 ? n : 10, len, cut;

	qsort(names, n, sizeof(*names), by_text);
	*buf = '\0';
	for (i = 0; i < shown; i++) {
		len = strlen(names[i]);
		/* room for this one and the " ... (N owners)" ending */
		if (o + len + 8 + 32 >= size)
			break;
		o += (size_t)snprintf(buf + o, size - o, "%s'%s'",
		    i ? ", " : "", names[i]);
	}
	if (i < n) {
		cut = o + 64 < size ? o : size - 64;
		snprintf(buf + cut, size - cut, "%s... (%zu owners)",
		    cut ? ", " : "", n);
	}
}

int
crm_schedule_owner_missed(const struct crm_schedule *s, char *buf,
    size_t size, const char **near)
{
	size_t n = s->all_owners.n, i;
	const char **names;

	*near = NULL;
	if (s->owner == NULL || s->owner_matched || s->rows == 0 ||
	    size < 128)
		return 0;
	if ((names = malloc(n * sizeof(*names))) == NULL) {
		snprintf(buf, size, "%zu owners", n);
		return 1;
	}
	for (i = 0; i < n; i++) {
		names[i] = crm_keyset_text(&s->all_owners, i);
		if (crm_name_near(names[i], s->owner))
			*near = *near == NULL ? names[i] : "";
	}
	if (*near != NULL && **near == '\0')
		*near = NULL;	/* two candidates: no suggestion */
	owner_list(names, n, buf, size);
	free(names);
	return 1;
}

static const char *const own_names[] = { "due_date", "days_overdue",
    "reason", "channel", "action", "priority", "due_time" };

int
crm_schedule_write_csv(const struct crm_schedule *s,
    struct crm_csv_writer *w, const struct crm_record *header, int deferred,
    struct crm_error *e)
{
	const struct crm_fu_rules *r = s->r;
	int32_t as_of = s->env->as_of;
	size_t nown = r->call_from != NULL ? 7 : 6, i;
	char due[16], overdue[32], prio[64];
	const char *own[7];
	struct crm_columns cols;

	if (crm_columns_init(&cols, header, own_names, nown, e) < 0)
		return -1;
	crm_columns_write_header(&cols, w, header);
	for (i = 0; i < s->n; i++) {
		const struct crm_schedule_item *it = &s->items[i];

		if (it->deferred != deferred)
			continue;
		crm_date_format(it->due, due);
		snprintf(overdue, sizeof(overdue), "%ld",
		    (long)as_of - it->due);
		crm_decimal_format_trim(it->prio->units, it->prio->scale, 2,
		    prio, sizeof(prio));
		own[0] = due;
		own[1] = overdue;
		own[2] = it->reason;
		own[3] = it->channel;
		own[4] = it->action;
		own[5] = prio;
		own[6] = crm_schedule_call_time(r, it->channel,
		    crm_schedule_work_day(it->due, as_of));
		crm_columns_write(&cols, w, it->rec->field, it->rec->len, own);
	}
	crm_columns_free(&cols);
	return 0;
}

/*
 * Appends s to the string in buf (size bytes), as much as fits, never
 * cutting a UTF-8 character: a calendar line of a megabyte-long field is
 * cut, not broken.
 */
static void
cat(char *buf, size_t size, const char *s)
{
	size_t len = strlen(buf), n = strlen(s);

	if (len + n >= size) {
		n = size - 1 - len;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(buf + len, s, n);
	buf[len + n] = '\0';
}

/* The field at col of the item's row, or "" when the table has none. */
static const char *
field_at(const struct crm_schedule_item *it, long col)
{
	return col >= 0 && (size_t)col < it->rec->n ? it->rec->field[col] :
	    "";
}

char *
crm_schedule_uid(const char *id, int events)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(id), o = 0, i;
	char *uid = malloc(3 * n + 32);
	unsigned char c;

	if (uid == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		c = (unsigned char)id[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		    c == '-') {
			uid[o++] = (char)c;
		} else {
			uid[o++] = '%';
			uid[o++] = hex[c >> 4];
			uid[o++] = hex[c & 15];
		}
	}
	snprintf(uid + o, 32, "-%s@crm-followup", events ? "event" : "todo");
	return uid;
}

/*
 * The contact detail of the channel (any case): the phone number for
 * phone, the address for email or e-mail; "" for another channel or an
 * empty field.
 */
static const char *
channel_detail(const struct crm_fu_rules *r,
    const struct crm_schedule_item *it)
{
	if (strcasecmp(it->channel, "phone") == 0)
		return field_at(it, r->phone_col);
	if (strcasecmp(it->channel, "email") == 0 ||
	    strcasecmp(it->channel, "e-mail") == 0)
		return field_at(it, r->email_col);
	return "";
}

/* "Evergreen Hardware (C0001)", or the id alone without a name. */
static void
customer_text(const struct crm_fu_rules *r,
    const struct crm_schedule_item *it, char *buf, size_t size)
{
	const char *name = field_at(it, r->name_col);

	*buf = '\0';
	if (*name != '\0') {
		cat(buf, size, name);
		cat(buf, size, " (");
		cat(buf, size, it->id);
		cat(buf, size, ")");
	} else {
		cat(buf, size, it->id);
	}
}

/*
 * "check in: Evergreen Hardware (C0001), phone +1-415-555-0152": the
 * action, whom, and how to reach them on the follow-up's channel.
 */
static void
summary_text(const struct crm_fu_rules *r,
    const struct crm_schedule_item *it, char *buf, size_t size)
{
	char who[512];
	const char *detail = channel_detail(r, it);

	customer_text(r, it, who, sizeof(who));
	*buf = '\0';
	cat(buf, size, it->action);
	cat(buf, size, ": ");
	cat(buf, size, who);
	cat(buf, size, ", ");
	cat(buf, size, it->channel);
	if (*detail != '\0') {
		cat(buf, size, " ");
		cat(buf, size, detail);
	}
}

/* One "label: value" line of the description, left out when empty. */
static void
detail_line(char *buf, size_t size, const char *label, const char *value)
{
	if (*value == '\0')
		return;
	cat(buf, size, "\n");
	cat(buf, size, label);
	cat(buf, size, ": ");
	cat(buf, size, value);
}

/*
 * The reason, when it is overdue since when, then the customer, every
 * contact column the table has (under the table's own names) and the
 * owner, a line each.
 */
static void
description_text(const struct crm_fu_rules *r,
    const struct crm_schedule_item *it, int32_t as_of, char *buf,
    size_t size)
{
	char who[512], due[64];

	customer_text(r, it, who, sizeof(who));
	*buf = '\0';
	cat(buf, size, it->reason);
	if (it->due < as_of) {
		crm_date_format(it->due, due);
		snprintf(due + strlen(due), sizeof(due) - strlen(due),
		    " (%ld day%s overdue)", (long)(as_of - it->due),
		    as_of - it->due == 1 ? "" : "s");
		detail_line(buf, size, "due", due);
	}
	detail_line(buf, size, "customer", who);
	if (r->phone_col >= 0)
		detail_line(buf, size, r->phone, field_at(it, r->phone_col));
	if (r->email_col >= 0)
		detail_line(buf, size, r->email, field_at(it, r->email_col));
	detail_line(buf, size, "owner", field_at(it, r->owner_col));
}

/* One follow-up as a VTODO, or as a VEVENT with events. */
static int
write_item(const struct crm_schedule *s, const struct crm_schedule_item *it,
    FILE *fp, int events)
{
	const char *owner = field_at(it, s->r->owner_col);
	char summary[1024], desc[4096];
	struct crm_ics_todo t;
	char *uid;

	if ((uid = crm_schedule_uid(it->id, events)) == NULL)
		return -1;
	summary_text(s->r, it, summary, sizeof(summary));
	description_text(s->r, it, s->env->as_of, desc, sizeof(desc));
	t.uid = uid;
	/* an event in the past is out of sight: overdue ones show today */
	t.due = events ? crm_schedule_work_day(it->due, s->env->as_of) :
	    it->due;
	t.summary = summary;
	t.description = desc;
	t.categories = *owner != '\0' ? owner : NULL;
	t.priority = crm_schedule_ics_priority(it->kind, it->due,
	    s->env->as_of);
	if (events)
		crm_ics_event(fp, &t, s->env->as_of);
	else
		crm_ics_todo(fp, &t, s->env->as_of);
	free(uid);
	return 0;
}

int
crm_schedule_write_ics(const struct crm_schedule *s, FILE *fp, int events,
    const char *name, struct crm_error *e)
{
	size_t i;

	crm_ics_begin(fp);
	for (i = 0; i < s->n; i++)
		if (!s->items[i].deferred &&
		    write_item(s, &s->items[i], fp, events) < 0)
			return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
			    "out of memory");
	if (crm_ics_end(fp) < 0)
		return crm_error_set(e, CRM_EXIT_DATA, name ? name :
		    "<stdout>", 0, 0, "write error: %s", strerror(errno));
	return 0;
}

void
crm_schedule_free(struct crm_schedule *s)
{
	if (s == NULL)
		return;
	free(s->items);
	free(s->seen_value);
	free(s->seen_lost);
	crm_arena_free(&s->held);
	crm_keyset_free(&s->owners);
	crm_keyset_free(&s->all_owners);
	free(s);
}
