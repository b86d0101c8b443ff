/*
 * history.c - purchase histories from order rows (see history.h).
 */
#include <stdlib.h>
#include <string.h>

#include "history.h"
#include "arena.h"
#include "keyset.h"
#include "u64set.h"
#include "value.h"

/* The two sums of a customer: the birth day's amount, the repeats'. */
enum { BIRTH, REPEAT };

/* 40 bytes a customer; all 0 until its first purchase. */
struct entry {
	int32_t first, last;	/* first and last purchase days */
	int32_t last_cal;	/* last calibration purchase; if ncal > 0 */
	uint32_t ncal, nhold;	/* purchase days in each period */
	int64_t sum[2];		/* BIRTH, REPEAT (calibration days after
				   the birth), in units; unused once wide */
};

/* The sums once they need more than 64 bits. */
struct wide {
	crm_i128 sum[2];
};

struct crm_history_set {
	struct crm_keyset ids;
	struct entry *c;
	size_t cap;
	struct crm_u64set days;	/* (customer, day) strictly inside */
	int32_t cal_end, as_of;
	int decimals;		/* of the amounts; -1: no rounding */
	uint64_t refunds;
	/*
	 * The purchases' scale and bounds (decimal.h): while their sum fits
	 * in 64 bits so does every customer's, in c[].sum; past that the
	 * sums are in wide[], by customer number, wide_cap of them.
	 */
	struct crm_decimal_column amounts;
	struct wide *wide;
	size_t wide_cap;
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
	crm_decimal_column_limit(&h->amounts, INT64_MAX);
	return h;
}

void
crm_history_decimals(struct crm_history_set *h, int d)
{
	h->decimals = d > 9 ? 9 : d;
}

static crm_i128
sum_get(const struct crm_history_set *h, long i, int k)
{
	return h->wide != NULL ? h->wide[i].sum[k] : h->c[i].sum[k];
}

/* The bounds checked when the amount came: no overflow here. */
static void
sum_set(struct crm_history_set *h, long i, int k, crm_i128 v)
{
	if (h->wide != NULL)
		h->wide[i].sum[k] = v;
	else
		h->c[i].sum[k] = (int64_t)v;
}

static void
sum_add(struct crm_history_set *h, long i, int k, crm_i128 v)
{
	sum_set(h, i, k, sum_get(h, i, k) + v);
}

/* Counts a new purchase day of customer i (not its birth day). */
static void
new_day(struct crm_history_set *h, long i, int32_t date, crm_i128 units)
{
	struct entry *c = &h->c[i];

	if (date <= h->cal_end) {
		if (c->ncal == 0 || date > c->last_cal)
			c->last_cal = date;
		c->ncal++;
		sum_add(h, i, REPEAT, units);
	} else
		c->nhold++;
}

/* Starts customer i's history with its first purchase. */
static void
born(struct crm_history_set *h, long i, int32_t date, crm_i128 units)
{
	struct entry *c = &h->c[i];

	memset(c, 0, sizeof(*c));
	c->first = c->last = date;
	sum_set(h, i, BIRTH, units);
	sum_set(h, i, REPEAT, 0);
	new_day(h, i, date, 0);
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
inside(struct crm_history_set *h, long i, int32_t date, crm_i128 units,
    struct crm_error *e)
{
	int added;

	if (crm_u64set_add(&h->days, pair(i, date), &added, e) < 0)
		return -1;
	if (added)
		new_day(h, i, date, units);
	else if (date <= h->cal_end)
		sum_add(h, i, REPEAT, units);
	return 0;
}

/*
 * Folds a purchase row into customer i's history.  A first or last day
 * that stops being one goes into the set of days inside.
 */
static int
fold(struct crm_history_set *h, long i, int32_t date, crm_i128 units,
    struct crm_error *e)
{
	struct entry *c = &h->c[i];
	int32_t old;

	if (c->ncal == 0 && c->nhold == 0) {
		born(h, i, date, units);
	} else if (date == c->first) {
		sum_add(h, i, BIRTH, units);
	} else if (date == c->last) {
		if (date <= h->cal_end)
			sum_add(h, i, REPEAT, units);
	} else if (date > c->last) {
		if (c->last != c->first &&
		    crm_u64set_add(&h->days, pair(i, c->last), NULL, e) < 0)
			return -1;
		c->last = date;
		new_day(h, i, date, units);
	} else if (date < c->first) {
		if (c->last != c->first &&
		    crm_u64set_add(&h->days, pair(i, c->first), NULL, e) < 0)
			return -1;
		/* an earlier birth: the old one becomes a repeat purchase */
		old = c->first;
		c->first = date;
		if (old <= h->cal_end)
			sum_add(h, i, REPEAT, sum_get(h, i, BIRTH));
		sum_set(h, i, BIRTH, units);
		new_day(h, i, date, 0);
	} else
		return inside(h, i, date, units, e);
	return 0;
}

/* The sums move to wide[], at the scale they have. */
static int
widen(struct crm_history_set *h, struct crm_error *e)
{
	size_t i;
	int k;

	if ((h->wide = malloc((h->cap ? h->cap : 1) * sizeof(*h->wide))) ==
	    NULL)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "out of memory");
	h->wide_cap = h->cap ? h->cap : 1;
	for (i = 0; i < h->ids.n; i++)
		for (k = 0; k < 2; k++)
			h->wide[i].sum[k] = h->c[i].sum[k];
	crm_decimal_column_limit(&h->amounts, 0);
	return 0;
}

/*
 * Takes a purchase's amount into the bounds: its units at the sums'
 * scale in *units.  When the bounds pass 64 bits the sums are widened,
 * and when the scale goes up they are scaled up with it (the bounds were
 * checked at the new scale: nothing overflows).  0, -1 with *e (out of
 * memory), or CRM_HISTORY_TOO_LARGE.
 */
static int
take(struct crm_history_set *h, const struct crm_decimal *amount,
    crm_i128 *units, struct crm_error *e)
{
	size_t i;
	int raise, r, k;
	crm_i128 m = 1;

	if ((r = crm_decimal_column_take(&h->amounts, amount, units,
	    &raise)) <= 0)
		return r < 0 ? CRM_HISTORY_TOO_LARGE : 0;
	if (h->wide == NULL && h->amounts.pos > INT64_MAX &&
	    widen(h, e) < 0)
		return -1;
	for (k = 0; k < raise; k++)
		m *= 10;
	for (i = 0; i < h->ids.n && raise > 0; i++)
		for (k = 0; k < 2; k++)
			sum_set(h, (long)i, k, sum_get(h, (long)i, k) * m);
	return 0;
}

/* Room for one more customer's entry (and sums, once wide). */
static int
room(struct crm_history_set *h, struct crm_error *e)
{
	if (crm_grow(&h->c, &h->cap, h->ids.n + 1, sizeof(*h->c)) < 0 ||
	    (h->wide != NULL && crm_grow(&h->wide, &h->wide_cap,
	    h->ids.n + 1, sizeof(*h->wide)) < 0))
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "out of memory");
	return 0;
}

/* The number of customer id, an empty entry if new (room() made room). */
static long
customer(struct crm_history_set *h, const char *id, size_t idlen,
    struct crm_error *e)
{
	int added;
	long i;

	if ((i = crm_keyset_add(&h->ids, id, idlen, &added, e)) < 0)
		return -1;
	if (added) {
		memset(&h->c[i], 0, sizeof(h->c[i]));
		if (h->wide != NULL)
			memset(&h->wide[i], 0, sizeof(h->wide[i]));
	}
	return i;
}

long
crm_history_add(struct crm_history_set *h, const char *id, size_t idlen,
    int32_t date, const struct crm_decimal *amount, int refund,
    struct crm_error *e)
{
	crm_i128 units = 0;
	int r;
	long i;

	if (date > h->as_of)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "order date after the as-of date");
	if (room(h, e) < 0)
		return -1;
	/* refunds are not spend: only purchases are summed */
	if (!refund && (r = take(h, amount, &units, e)) < 0)
		return r;
	if ((i = customer(h, id, idlen, e)) < 0)
		return -1;
	if (refund) {
		h->refunds++;
		return i;
	}
	return fold(h, i, date, units, e) < 0 ? -1 : i;
}

void
crm_history_part(const struct crm_history_set *h, size_t i,
    struct crm_history_part *out)
{
	const struct entry *c = &h->c[i];

	memset(out, 0, sizeof(*out));
	out->has = c->ncal > 0 || c->nhold > 0;
	out->first = c->first;
	out->last = c->last;
	out->birth.units = sum_get(h, (long)i, BIRTH);
	out->repeat.units = sum_get(h, (long)i, REPEAT);
	out->birth.scale = out->repeat.scale = h->amounts.scale;
}

int
crm_history_next_day(const struct crm_history_set *h, size_t *pos,
    size_t *i, int32_t *day)
{
	uint64_t k;

	if (!crm_u64set_next(&h->days, pos, &k))
		return 0;
	*i = (size_t)(k >> 32);
	*day = (int32_t)(uint32_t)k;
	return 1;
}

/*
 * Takes the part's two sums into the bounds: *birth and *repeat at the
 * sums' scale once both are in (the second may raise it).
 */
static int
take_part(struct crm_history_set *h, const struct crm_history_part *p,
    crm_i128 *birth, crm_i128 *repeat, struct crm_error *e)
{
	int r;

	if ((r = take(h, &p->birth, birth, e)) < 0 ||
	    (r = take(h, &p->repeat, repeat, e)) < 0)
		return r;
	/* the bounds hold both at the final scale: no overflow */
	*birth = p->birth.units;
	crm_decimal_shift(birth, h->amounts.scale - p->birth.scale);
	return 0;
}

long
crm_history_merge(struct crm_history_set *h, const char *id, size_t idlen,
    const struct crm_history_part *p, struct crm_error *e)
{
	crm_i128 birth = 0, repeat = 0;
	long i;
	int r;

	if (room(h, e) < 0)
		return -1;
	if (p->has && (r = take_part(h, p, &birth, &repeat, e)) < 0)
		return r;
	if ((i = customer(h, id, idlen, e)) < 0 || !p->has)
		return i;
	/* the part's first day and its sum, then its last day */
	if (fold(h, i, p->first, birth, e) < 0 || (p->last != p->first &&
	    fold(h, i, p->last, 0, e) < 0))
		return -1;
	/* its repeat days are after its first: after the merge's too */
	sum_add(h, i, REPEAT, repeat);
	return i;
}

long
crm_history_merge_day(struct crm_history_set *h, const char *id,
    size_t idlen, int32_t day, struct crm_error *e)
{
	long i;

	if (room(h, e) < 0 || (i = customer(h, id, idlen, e)) < 0 ||
	    fold(h, i, day, 0, e) < 0)
		return -1;
	return i;
}

int
crm_history_scale(const struct crm_history_set *h)
{
	return h->amounts.scale;
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

/* Customer i's repeat purchases, rounded to the decimals. */
static double
repeat_spend(const struct crm_history_set *h, size_t i)
{
	crm_i128 u = sum_get(h, (long)i, REPEAT);
	int scale = h->amounts.scale;

	if (h->decimals >= 0 && scale > h->decimals) {
		u = crm_decimal_round(u, scale - h->decimals);
		scale = h->decimals;
	}
	return crm_decimal_to_double(u, scale);
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
		out->spend = repeat_spend(h, i) / out->x;
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
	free(h->wide);
	free(h);
}
