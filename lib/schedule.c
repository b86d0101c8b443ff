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
	size_t suppressed, deferred;
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
	    NULL) {
		free(s);
		crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0, "out of memory");
		return NULL;
	}
	s->r = r;
	s->env = env;
	s->owner = owner;
	s->cs = cs;
	crm_keyset_init(&s->owners);
	return s;
}

/* Notes the customer's segment: a cadence value no row has is a typo. */
static void
mark_value(struct crm_schedule *s, const struct crm_record *rec)
{
	const struct crm_fu_rules *r = s->r;
	size_t k;

	if (r->key_col < 0)
		return;
	for (k = 0; k < r->ncadence; k++)
		if (strcmp(rec->field[r->key_col], r->cadence[k].value) == 0)
			s->seen_value[k] = 1;
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
	if (s->owner != NULL &&
	    strcmp(rec->field[r->owner_col], s->owner) != 0)
		return CRM_RECORD_OK;
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

/* One follow-up as a VTODO. */
static void
write_todo(const struct crm_schedule *s, const struct crm_schedule_item *it,
    FILE *fp)
{
	const char *id = it->rec->field[s->r->id_col];
	const char *owner = it->rec->field[s->r->owner_col];
	char uid[512], summary[512], desc[1024], day[16];
	struct crm_ics_todo t;

	crm_date_format(it->due, day);
	snprintf(uid, sizeof(uid), "%s-%s@crm-followup", id, day);
	snprintf(summary, sizeof(summary), "%s: %s (%s)", it->action, id,
	    it->channel);
	snprintf(desc, sizeof(desc), "%s\nowner: %s", it->reason, owner);
	t.uid = uid;
	t.due = it->due;
	t.summary = summary;
	t.description = desc;
	t.categories = *owner != '\0' ? owner : NULL;
	t.priority = crm_schedule_ics_priority(it->kind, it->due,
	    s->env->as_of);
	crm_ics_todo(fp, &t, s->env->as_of);
}

int
crm_schedule_write_ics(const struct crm_schedule *s, FILE *fp,
    const char *name, struct crm_error *e)
{
	size_t i;

	crm_ics_begin(fp);
	for (i = 0; i < s->n; i++)
		if (!s->items[i].deferred)
			write_todo(s, &s->items[i], fp);
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
	crm_arena_free(&s->held);
	crm_keyset_free(&s->owners);
	free(s);
}
