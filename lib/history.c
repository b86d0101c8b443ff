/*
 * history.c - purchase histories from order rows (see history.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "history.h"
#include "arena.h"
#include "keyset.h"
#include "u64set.h"
#include "value.h"

/* 40 bytes a customer; all 0 until its first purchase. */
struct entry {
	int32_t first, last;	/* first and last purchase days */
	int32_t last_cal;	/* last calibration purchase; if ncal > 0 */
	uint32_t ncal, nhold;	/* purchase days in each period */
	double first_amount;	/* the birth day's amount */
	double repeat_amount;	/* calibration days after the birth */
};

struct crm_history_set {
	struct crm_keyset ids;
	struct entry *c;
	size_t cap;
	struct crm_u64set days;	/* (customer, day) strictly inside */
	int32_t cal_end, as_of;
	int decimals;		/* of the amounts; -1: no rounding */
	uint64_t refunds;
};

struct crm_history_set *
crm_history_new(int32_t cal_end, int32_t as_of, struct crm_error *e)
{
	struct crm_history_set *h;

	if (cal_end > as_of) {
		crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "the calibration end is after the as-of date");
		return NULL;
	}
	if ((h = calloc(1, sizeof(*h))) == NULL) {
		crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0, "out of memory");
		return NULL;
	}
	crm_keyset_init(&h->ids);
	crm_u64set_init(&h->days);
	h->cal_end = cal_end;
	h->as_of = as_of;
	h->decimals = -1;
	return h;
}

void
crm_history_decimals(struct crm_history_set *h, int d)
{
	h->decimals = d > 9 ? 9 : d;
}

/* Counts a new purchase day of customer c (not its birth day). */
static void
new_day(struct crm_history_set *h, struct entry *c, int32_t date,
    double amount)
{
	if (date <= h->cal_end) {
		if (c->ncal == 0 || date > c->last_cal)
			c->last_cal = date;
		c->ncal++;
		c->repeat_amount += amount;
	} else
		c->nhold++;
}

/* Starts customer c's history with its first purchase. */
static void
born(struct crm_history_set *h, struct entry *c, int32_t date, double amount)
{
	memset(c, 0, sizeof(*c));
	c->first = c->last = date;
	c->first_amount = amount;
	new_day(h, c, date, 0);
}

static uint64_t
pair(long i, int32_t date)
{
	return (uint64_t)i << 32 | (uint32_t)date;
}

/*
 * A purchase day of customer i strictly between its first and last: a
 * new day when the set did not have it.
 */
static int
inside(struct crm_history_set *h, long i, int32_t date, double amount,
    struct crm_error *e)
{
	struct entry *c = &h->c[i];
	int added;

	if (crm_u64set_add(&h->days, pair(i, date), &added, e) < 0)
		return -1;
	if (added)
		new_day(h, c, date, amount);
	else if (date <= h->cal_end)
		c->repeat_amount += amount;
	return 0;
}

/*
 * Folds a purchase row into customer i's history.  A first or last day
 * that stops being one goes into the set of days inside.
 */
static int
fold(struct crm_history_set *h, long i, int32_t date, double amount,
    struct crm_error *e)
{
	struct entry *c = &h->c[i];
	int32_t old;

	if (c->ncal == 0 && c->nhold == 0) {
		born(h, c, date, amount);
	} else if (date == c->first) {
		c->first_amount += amount;
	} else if (date == c->last) {
		if (date <= h->cal_end)
			c->repeat_amount += amount;
	} else if (date > c->last) {
		if (c->last != c->first &&
		    crm_u64set_add(&h->days, pair(i, c->last), NULL, e) < 0)
			return -1;
		c->last = date;
		new_day(h, c, date, amount);
	} else if (date < c->first) {
		if (c->last != c->first &&
		    crm_u64set_add(&h->days, pair(i, c->first), NULL, e) < 0)
			return -1;
		/* an earlier birth: the old one becomes a repeat purchase */
		old = c->first;
		c->first = date;
		if (old <= h->cal_end)
			c->repeat_amount += c->first_amount;
		c->first_amount = amount;
		new_day(h, c, date, 0);
	} else
		return inside(h, i, date, amount, e);
	return 0;
}

long
crm_history_add(struct crm_history_set *h, const char *id, size_t idlen,
    int32_t date, double amount, struct crm_error *e)
{
	int added;
	long i;

	if (!isfinite(amount))
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "amount is not a finite number");
	if (date > h->as_of)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "order date after the as-of date");
	if (crm_grow(&h->c, &h->cap, h->ids.n + 1, sizeof(*h->c)) < 0)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "out of memory");
	if ((i = crm_keyset_add(&h->ids, id, idlen, &added, e)) < 0)
		return -1;
	if (added)
		memset(&h->c[i], 0, sizeof(h->c[i]));
	if (amount < 0) {
		h->refunds++;
		return i;
	}
	return fold(h, i, date, amount, e) < 0 ? -1 : i;
}

void
crm_history_prefetch(const struct crm_history_set *h, const char *id,
    size_t idlen)
{
	crm_keyset_prefetch(&h->ids, id, idlen);
}

size_t
crm_history_day_pairs(const struct crm_history_set *h)
{
	return crm_u64set_count(&h->days);
}

size_t
crm_history_day_bytes(const struct crm_history_set *h)
{
	return crm_u64set_bytes(&h->days);
}

size_t
crm_history_count(const struct crm_history_set *h)
{
	return h->ids.n;
}

const char *
crm_history_id(const struct crm_history_set *h, size_t i)
{
	return crm_keyset_text(&h->ids, i);
}

double
crm_history_unit_days(enum crm_unit u)
{
	switch (u) {
	case CRM_WEEKS:
		return 7;
	case CRM_MONTHS:
		return 365.25 / 12;
	default:
		return 1;
	}
}

void
crm_history_get(const struct crm_history_set *h, size_t i, enum crm_unit u,
    struct crm_history *out)
{
	const struct entry *c = &h->c[i];
	double days = crm_history_unit_days(u);

	memset(out, 0, sizeof(*out));
	out->holdout = c->nhold;
	if (c->ncal == 0) {
		out->late = 1;
		out->refunds_only = c->nhold == 0;
		return;
	}
	out->x = c->ncal - 1;
	out->t_x = (double)(c->last_cal - c->first) / days;
	out->T = (double)(h->cal_end - c->first) / days;
	if (out->x > 0)
		out->spend = (h->decimals < 0 ? c->repeat_amount :
		    crm_round_decimals(c->repeat_amount, h->decimals)) / out->x;
}

uint64_t
crm_history_refunds(const struct crm_history_set *h)
{
	return h->refunds;
}

double
crm_history_span(const struct crm_history_set *h, enum crm_unit u)
{
	return (double)(h->as_of - h->cal_end) / crm_history_unit_days(u);
}

static const struct crm_keyset *sort_ids;

static int
by_id(const void *a, const void *b)
{
	const struct crm_key *ka = &sort_ids->key[*(const size_t *)a];
	const struct crm_key *kb = &sort_ids->key[*(const size_t *)b];
	size_t n = ka->len < kb->len ? ka->len : kb->len;
	int c = memcmp(crm_keyset_text(sort_ids, *(const size_t *)a),
	    crm_keyset_text(sort_ids, *(const size_t *)b), n);

	if (c != 0)
		return c;
	return (ka->len > kb->len) - (ka->len < kb->len);
}

size_t *
crm_history_order_by_id(const struct crm_history_set *h)
{
	size_t *idx = malloc((h->ids.n ? h->ids.n : 1) * sizeof(*idx)), i;

	if (idx == NULL)
		return NULL;
	for (i = 0; i < h->ids.n; i++)
		idx[i] = i;
	sort_ids = &h->ids;
	qsort(idx, h->ids.n, sizeof(*idx), by_id);
	sort_ids = NULL;
	return idx;
}

void
crm_history_free(struct crm_history_set *h)
{
	if (h == NULL)
		return;
	crm_keyset_free(&h->ids);
	crm_u64set_free(&h->days);
	free(h->c);
	free(h);
}
