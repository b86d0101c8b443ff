/*
 * rfm.c - per-customer RFM measures and scores (see rfm.h for the rules).
 *
 * In file order: adding a row read by orderrow.h (crm_rfm_row: its
 * amount taken into the exact sums' bounds, regear when their scale or
 * width changes), folding it into its customer (fold: the sum, refunds,
 * orders, first and last dates, kept values), scoring, and writing the
 * tables.  The ring that brings rows to fold a few rows late is
 * lookahead.c's; here it only calls room() and fold().
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "rfm.h"
#include "value.h"

/* What a row brings to its customer besides the id and kept values. */
struct order_row {
	crm_i128 units;		/* the amount at the table's scale */
	int32_t date;
	int refund;
	uint32_t orderlen;	/* the order id: the row's last extra */
	/* by looked(), with an order column: */
	int same;		/* the pair of the purchase row before */
	uint64_t pair_hash;	/* else the pair's hash */
};

_Static_assert(sizeof(struct order_row) <= CRM_LOOKAHEAD_DATA,
    "an order row fits in a lookahead row");

static void *room(void *ctx, long key, struct crm_error *e);
static int fold(void *ctx, const struct crm_lookahead_row *row,
    struct crm_error *e);
static void looked(void *ctx, struct crm_lookahead_row *row);

void
crm_rfm_init(struct crm_rfm *r, const struct crm_rfm_opts *o)
{
	memset(r, 0, sizeof(*r));
	r->o = *o;
	r->o.keep_text = NULL;	/* the caller's */
	crm_keyset_init(&r->ids);
	crm_lookahead_init(&r->ahead, &r->ids, sizeof(r->c[0]), room, fold,
	    r);
	crm_orderset_init(&r->orders);
	r->last_key = -1;
	if (r->o.order != NULL)
		crm_lookahead_on_lookup(&r->ahead, looked);
	crm_order_reader_init(&r->rd, &r->o);
	crm_kept_init(&r->kept, r->o.nkeep);
	/* the sums fit in c[].amount while the bounds fit in 64 bits */
	crm_decimal_column_limit(&r->amounts, INT64_MAX);
}

int
crm_rfm_bind(struct crm_rfm *r, const struct crm_header *h,
    struct crm_error *e)
{
	return crm_order_reader_bind(&r->rd, h, e);
}

/* Whether every customer's sum fits in 64 bits: the bounds do. */
static int
narrow(const struct crm_decimal_column *c)
{
	return c->pos <= INT64_MAX && c->neg >= -INT64_MAX;
}

/*
 * After the amounts' scale went up by raise places, or their bounds
 * passed 64 bits: folds the rows on their way (at the old scale), moves
 * the sums to wide[] if they need it, and scales them up.  The bounds
 * were checked at the new scale, so no sum can overflow.
 */
static int
regear(struct crm_rfm *r, int raise, struct crm_error *e)
{
	size_t i, n;
	int64_t m = 1;
	int k;

	if (crm_lookahead_drain(&r->ahead, e) < 0)
		return -1;
	n = r->ids.n;
	if (r->wide == NULL && !narrow(&r->amounts)) {
		if ((r->wide = malloc((r->cap ? r->cap : 1) *
		    sizeof(*r->wide))) == NULL)
			return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
			    "out of memory");
		for (i = 0; i < n; i++)
			r->wide[i] = r->c[i].amount;
		crm_decimal_column_limit(&r->amounts, 0);
	}
	for (k = 0; k < raise && r->wide == NULL; k++)
		m *= 10;
	for (i = 0; i < n && raise > 0; i++) {
		if (r->wide != NULL)
			crm_decimal_shift(&r->wide[i], raise);
		else
			r->c[i].amount *= m;
	}
	return 0;
}

/*
 * Pushes a row with an order id: the id goes after the kept values, as
 * the row's last extra string (its length is in the row's data).
 */
static int
push_with_order(struct crm_rfm *r, const char *id, size_t idlen,
    const char *order, size_t orderlen, char *const *keep,
    const size_t *keeplen, struct crm_error *why)
{
	char *extra[CRM_RFM_MAX_KEEP + 1];
	size_t len[CRM_RFM_MAX_KEEP + 1], k;

	for (k = 0; k < r->o.nkeep; k++) {
		extra[k] = keep[k];
		len[k] = keeplen[k];
	}
	extra[k] = (char *)(uintptr_t)order;
	len[k] = orderlen;
	return crm_lookahead_push(&r->ahead, id, idlen, extra, len, k + 1,
	    why);
}

/*
 * crm_rfm_add, inline in crm_rfm_row: takes the amount into the sums'
 * bounds (0: nothing changed but the sums; 1: check the scale and the
 * width), then pushes the row towards its customer.
 */
static inline __attribute__((always_inline)) int
add_row(struct crm_rfm *r, const char *id, size_t idlen, int32_t date,
    const struct crm_decimal *amount, int refund, const char *order,
    size_t orderlen, char *const *keep, const size_t *keeplen,
    struct crm_error *why)
{
	struct order_row row;
	int raise, v;

	if ((v = crm_decimal_column_take(&r->amounts, amount, &row.units,
	    &raise)) < 0) {
		crm_field_sum_error(r->o.amount, amount->scale >
		    r->amounts.scale ? amount->scale : r->amounts.scale, why);
		return CRM_RECORD_BAD;
	}
	if (v > 0 && (raise > 0 || (r->wide == NULL &&
	    !narrow(&r->amounts))) && regear(r, raise, why) < 0)
		return CRM_RECORD_STOP;
	row.date = date;
	row.refund = refund;
	/* a field is at most CRM_CSV_MAX_FIELD_DEFAULT bytes, or so capped */
	row.orderlen = r->o.order != NULL ? (uint32_t)orderlen : 0;
	memcpy(crm_lookahead_data(&r->ahead), &row, sizeof(row));
	if (r->o.order == NULL)
		v = crm_lookahead_push(&r->ahead, id, idlen, keep, keeplen,
		    r->o.nkeep, why);
	else
		v = push_with_order(r, id, idlen, order, orderlen, keep,
		    keeplen, why);
	return v < 0 ? CRM_RECORD_STOP : CRM_RECORD_OK;
}

int
crm_rfm_add(struct crm_rfm *r, const char *id, size_t idlen, int32_t date,
    const struct crm_decimal *amount, int refund, const char *order,
    size_t orderlen, char *const *keep, const size_t *keeplen,
    struct crm_error *why)
{
	return add_row(r, id, idlen, date, amount, refund, order, orderlen,
	    keep, keeplen, why);
}

int
crm_rfm_row(struct crm_rfm *r, const struct crm_record *rec,
    struct crm_error *why)
{
	struct crm_order_row row;
	int v;

	if ((v = crm_order_reader_read(&r->rd, rec, &row, why)) != 0)
		return v == CRM_ORDER_LEFT_OUT ? CRM_RECORD_OK : v;
	v = add_row(r, row.id, row.idlen, row.date, &row.amount, row.refund,
	    row.order, row.orderlen, row.keep, row.keeplen, why);
	/* only an amount in the sums may widen the output (orderrow.h) */
	if (v == CRM_RECORD_OK)
		crm_order_reader_took(&r->rd, &row);
	return v;
}

int
crm_rfm_finish(struct crm_rfm *r, struct crm_error *e)
{
	return crm_lookahead_drain(&r->ahead, e);
}

/* Room for cap customers; the entries stay on cache-line boundaries. */
static int
grow(struct crm_rfm *r, size_t cap)
{
	struct crm_rfm_customer *c;
	crm_i128 *w;

	/* an entry (32 bytes) is the larger of the two */
	if (cap > SIZE_MAX / 2 / sizeof(*c))
		return -1;
	/* the others first: a failure leaves every array as it was */
	if (crm_kept_room(&r->kept, cap) < 0)
		return -1;
	if (r->wide != NULL) {
		if ((w = realloc(r->wide, cap * sizeof(*w))) == NULL)
			return -1;
		r->wide = w;
	}
	if ((c = crm_keyset_alloc_table(cap * sizeof(*c))) == NULL)
		return -1;
	if (r->cap > 0)
		memcpy(c, r->c, r->cap * sizeof(*c));
	free(r->c);
	r->c = c;
	r->cap = cap;
	return 0;
}

/* A new customer, number c: an empty entry. */
static void *
room(void *ctx, long c, struct crm_error *e)
{
	struct crm_rfm *r = ctx;

	/* 1024 entries of 32 bytes: a multiple of aligned_alloc's 64 */
	if ((size_t)c == r->cap && grow(r, r->cap ? r->cap * 2 : 1024) < 0) {
		crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0, "out of memory");
		return NULL;
	}
	memset(&r->c[c], 0, sizeof(r->c[0]));
	/* no purchase yet, no row to keep values from */
	r->c[c].first = INT32_MAX;
	r->c[c].last = INT32_MIN;
	r->c[c].kept_date = INT32_MIN;
	if (r->wide != NULL)
		r->wide[c] = 0;
	return r->c;
}

/* The order id of a row pushed by push_with_order. */
static const char *
row_order(const struct crm_lookahead_row *row, const struct order_row *w)
{
	return row->text + row->used - w->orderlen - 1;
}

/*
 * Whether the purchase row before this one had the same customer and
 * order id (the lines of an order, as exports list them): that pair is
 * in the set when this row is folded, no need to look.  Otherwise this
 * row's pair becomes the one to compare with (while it is short).
 */
static int
same_order(struct crm_rfm *r, long key, const char *order, size_t len)
{
	if (r->last_key == key && r->last_len == len &&
	    memcmp(r->last_order, order, len) == 0)
		return 1;
	r->last_key = len <= sizeof(r->last_order) ? key : -1;
	r->last_len = len;
	if (len <= sizeof(r->last_order))
		memcpy(r->last_order, order, len);
	return 0;
}

/*
 * A row's customer is known, 4 rows before the row is folded (rows are
 * looked up in the order they are folded): unless it is another line of
 * the order before, its (customer, order) slot is fetched.
 */
static void
looked(void *ctx, struct crm_lookahead_row *row)
{
	struct crm_rfm *r = ctx;
	struct order_row w;
	const char *order;

	memcpy(&w, row->data, sizeof(w));
	if (w.refund)
		return;
	order = row_order(row, &w);
	if (!(w.same = same_order(r, row->key, order, w.orderlen))) {
		w.pair_hash = crm_orderset_hash((uint32_t)row->key, order,
		    w.orderlen);
		crm_orderset_prefetch(&r->orders, w.pair_hash);
	}
	memcpy(row->data, &w, sizeof(w));
}

/*
 * A purchase row of customer c (number key): the first and last order
 * dates, and one more order when the row's order id is new to the
 * customer (or for every row without order ids).
 */
static int
purchase(struct crm_rfm *r, struct crm_rfm_customer *c, long key,
    const struct crm_lookahead_row *row, const struct order_row *w,
    struct crm_error *e)
{
	const char *order;
	int added = 1;

	if (w->date < c->first)
		c->first = w->date;
	if (w->date > c->last)
		c->last = w->date;
	if (r->o.order != NULL) {
		if (w->same)
			return 0;
		order = row_order(row, w);
		if (crm_orderset_add_hashed(&r->orders, w->pair_hash,
		    (uint32_t)key, order, w->orderlen, &added, e) < 0)
			return -1;
	}
	c->orders += (uint32_t)added;
	return 0;
}

/*
 * A row at least as recent as the one customer c's kept values are from:
 * its values are kept if it is more recent, or as recent with values
 * that sort after them (rfm.h), so that no order of the rows matters.
 */
static int
keep(struct crm_rfm *r, struct crm_rfm_customer *c,
    const struct crm_lookahead_row *row, const struct order_row *w,
    struct crm_error *e)
{
	const char *kept;
	size_t size;

	if (r->o.nkeep == 0) {
		c->kept_date = w->date;
		return 0;
	}
	kept = crm_lookahead_extra(row, &size);
	if (r->o.order != NULL)
		size -= w->orderlen + 1;
	if (w->date == c->kept_date &&
	    crm_kept_cmp(&r->kept, (size_t)row->key, kept, size) <= 0)
		return 0;
	c->kept_date = w->date;
	return crm_kept_set(&r->kept, (size_t)row->key, kept, size, e);
}

/* The rules: folds one row into its customer's entry (see rfm.h). */
static int
fold(void *ctx, const struct crm_lookahead_row *row, struct crm_error *e)
{
	struct crm_rfm *r = ctx;
	struct crm_rfm_customer *c = &r->c[row->key];
	struct order_row w;

	memcpy(&w, row->data, sizeof(w));
	/* the bounds were checked when the row came: no overflow here */
	if (r->wide != NULL)
		r->wide[row->key] += w.units;
	else
		c->amount += (int64_t)w.units;
	if (w.date >= c->kept_date && keep(r, c, row, &w, e) < 0)
		return -1;
	if (w.refund)
		return 0;	/* a refund: no order, no purchase date */
	return purchase(r, c, row->key, row, &w, e);
}

/*
 * The number of customer id, with an empty entry if it is new; -1 when
 * out of memory.
 */
static long
entry(struct crm_rfm *r, const char *id, size_t idlen, struct crm_error *e)
{
	long key;
	int added;

	if ((key = crm_keyset_add(&r->ids, id, idlen, &added, e)) < 0)
		return -1;
	if (added && room(r, key, e) == NULL)
		return -1;
	return key;
}

/*
 * Takes a part's sum into the amounts' bounds, at their scale in *units:
 * a verdict, bad when the sums would pass 38 digits.
 */
static int
take_sum(struct crm_rfm *r, const struct crm_decimal *d, crm_i128 *units,
    struct crm_error *why)
{
	int raise;

	if (crm_decimal_column_add(&r->amounts, d, units, &raise) < 0) {
		crm_field_sum_error(r->o.amount, d->scale > r->amounts.scale ?
		    d->scale : r->amounts.scale, why);
		return CRM_RECORD_BAD;
	}
	if ((raise > 0 || (r->wide == NULL && !narrow(&r->amounts))) &&
	    regear(r, raise, why) < 0)
		return CRM_RECORD_STOP;
	return CRM_RECORD_OK;
}

/* Part p's kept values for customer c (number key), by the rules. */
static int
keep_part(struct crm_rfm *r, struct crm_rfm_customer *c, long key,
    const struct crm_rfm_part *p, struct crm_error *e)
{
	if (p->kept_date < c->kept_date)
		return 0;
	if (r->o.nkeep > 0 && (p->kept_date > c->kept_date ||
	    crm_kept_cmp_values(&r->kept, (size_t)key, p->keep,
	    p->keeplen) > 0) && crm_kept_set_values(&r->kept, (size_t)key,
	    p->keep, p->keeplen, e) < 0)
		return -1;
	c->kept_date = p->kept_date;
	return 0;
}

int
crm_rfm_merge_customer(struct crm_rfm *r, const char *id, size_t idlen,
    const struct crm_rfm_part *p, struct crm_error *why)
{
	struct crm_rfm_customer *c;
	crm_i128 units;
	long key;
	int v;

	if ((v = take_sum(r, &p->amount, &units, why)) != CRM_RECORD_OK)
		return v;
	if ((key = entry(r, id, idlen, why)) < 0)
		return CRM_RECORD_STOP;
	c = &r->c[key];
	if (r->wide != NULL)
		r->wide[key] += units;
	else
		c->amount += (int64_t)units;
	if (p->has_orders) {
		if (p->first < c->first)
			c->first = p->first;
		if (p->last > c->last)
			c->last = p->last;
		c->orders += p->orders;
	}
	if (p->decimals > r->rd.decimals)
		r->rd.decimals = p->decimals;
	return keep_part(r, c, key, p, why) < 0 ? CRM_RECORD_STOP :
	    CRM_RECORD_OK;
}

int
crm_rfm_merge_order(struct crm_rfm *r, const char *id, size_t idlen,
    const char *order, size_t len, struct crm_error *e)
{
	long key;
	int added;

	if ((key = entry(r, id, idlen, e)) < 0 ||
	    crm_orderset_add(&r->orders, (uint32_t)key, order, len, &added,
	    e) < 0)
		return CRM_RECORD_STOP;
	r->c[key].orders += (uint32_t)added;
	return CRM_RECORD_OK;
}

/*
 * Customer i's monetary, exact, in units of 10^-decimals: the sum, or
 * the mean per order, rounded half away from zero.  The decimals are at
 * most the scale (rfm.h), so neither can overflow.
 */
static crm_i128
monetary(const struct crm_rfm *r, size_t i)
{
	const struct crm_rfm_customer *c = &r->c[i];
	struct crm_decimal sum;
	crm_i128 m;

	crm_rfm_amount(r, i, &sum);
	if (r->o.monetary_mean && c->orders > 0)
		crm_decimal_quotient(sum.units, c->orders, r->rd.decimals -
		    sum.scale, &m);
	else
		m = crm_decimal_round(sum.units, sum.scale - r->rd.decimals);
	return m;
}

/* The measures of every customer, into res (n entries). */
static void
measure(const struct crm_rfm *r, struct crm_rfm_result *res)
{
	const struct crm_rfm_opts *o = &r->o;
	size_t i;

	for (i = 0; i < r->ids.n; i++) {
		const struct crm_rfm_customer *c = &r->c[i];

		res[i].measure[CRM_R] = (double)o->as_of - c->last;
		res[i].measure[CRM_F] = c->orders;
		res[i].measure[CRM_M] = crm_decimal_to_double(monetary(r, i),
		    r->rd.decimals);
	}
}

static const struct crm_keyset *sort_ids;

static int
by_id(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	const struct crm_key *x = &sort_ids->key[i], *y = &sort_ids->key[j];
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(crm_keyset_text(sort_ids, i),
	    crm_keyset_text(sort_ids, j), n);

	if (c != 0)
		return c;
	return (x->len > y->len) - (x->len < y->len);
}

/*
 * A customer with orders and no order date: only partial state can say
 * so, when the crm1.order rows of a customer came and its crm1.rfm row
 * did not (a part left out); its recency would be nonsense.
 */
static int
check_dates(const struct crm_rfm *r, struct crm_error *e)
{
	const char *id;
	size_t i, len;
	char q[64];

	for (i = 0; i < r->ids.n; i++) {
		if (r->c[i].orders == 0 || r->c[i].first <= r->c[i].last)
			continue;
		id = crm_rfm_id(r, i, &len);
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "partial state: customer %s has crm1.order rows and no "
		    "crm1.rfm row with its dates (a part left out?)",
		    crm_error_quote(id, len, q, sizeof(q)));
	}
	return 0;
}

int
crm_rfm_score(struct crm_rfm *r, struct crm_error *e)
{
	size_t n = r->ids.n, i, m;
	double *v;
	int k;

	if (check_dates(r, e) < 0)
		return -1;
	r->res = calloc(n ? n : 1, sizeof(*r->res));
	r->order = malloc((n ? n : 1) * sizeof(*r->order));
	v = malloc((n ? n : 1) * sizeof(*v));
	if (r->res == NULL || r->order == NULL || v == NULL) {
		free(v);
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "out of memory");
	}
	measure(r, r->res);
	for (k = 0; k < 3; k++) {
		if (r->o.has_fixed[k]) {
			r->scale[k] = r->o.fixed[k];
		} else {
			for (i = m = 0; i < n; i++)
				if (r->c[i].orders > 0)
					v[m++] = r->res[i].measure[k];
			crm_scale_from_values(&r->scale[k], r->o.binning,
			    r->o.bins, k == CRM_R, v, m);
		}
		for (i = 0; i < n; i++)
			if (r->c[i].orders > 0)
				r->res[i].score[k] = crm_scale_score(
				    &r->scale[k], r->res[i].measure[k]);
	}
	free(v);
	for (i = 0; i < n; i++)
		r->order[i] = i;
	sort_ids = &r->ids;
	qsort(r->order, n, sizeof(*r->order), by_id);
	sort_ids = NULL;
	return 0;
}

size_t
crm_rfm_count(const struct crm_rfm *r)
{
	return r->ids.n;
}

const struct crm_rfm_customer *
crm_rfm_customer(const struct crm_rfm *r, size_t i)
{
	return &r->c[i];
}

const char *
crm_rfm_id(const struct crm_rfm *r, size_t i, size_t *len)
{
	if (len != NULL)
		*len = r->ids.key[i].len;
	return crm_keyset_text(&r->ids, i);
}

void
crm_rfm_amount(const struct crm_rfm *r, size_t i, struct crm_decimal *out)
{
	out->units = r->wide != NULL ? r->wide[i] : r->c[i].amount;
	out->scale = r->amounts.scale;
}

const char *
crm_rfm_kept(const struct crm_rfm *r, size_t i, size_t k)
{
	return crm_kept_get(&r->kept, i, k);
}

const struct crm_rfm_result *
crm_rfm_result(const struct crm_rfm *r, size_t i)
{
	return &r->res[i];
}

const struct crm_scale *
crm_rfm_scale(const struct crm_rfm *r, int measure)
{
	return &r->scale[measure];
}

size_t
crm_rfm_refunds_only(const struct crm_rfm *r)
{
	size_t i, n = 0;

	for (i = 0; i < r->ids.n; i++)
		if (r->c[i].orders == 0)
			n++;
	return n;
}

size_t
crm_rfm_future(const struct crm_rfm *r)
{
	return r->rd.future;
}

static void
put_date(struct crm_csv_writer *w, int32_t days)
{
	char buf[16];

	crm_date_format(days, buf);
	crm_csv_puts(w, buf);
}

static void
put_integer(struct crm_csv_writer *w, long long v)
{
	char buf[CRM_NUMBER_SIZE];

	crm_integer_format(v, buf);
	crm_csv_puts(w, buf);
}

/* The scores of a customer with an order: r, f, m, cell, rfm_score. */
static void
put_scores(const struct crm_rfm *r, struct crm_csv_writer *w,
    const struct crm_rfm_result *res)
{
	char cell[4], buf[CRM_DECIMAL_SIZE];
	crm_i128 sum = 0, wk;
	int k, scale = 0;

	for (k = 0; k < 3; k++)
		put_integer(w, res->score[k]);
	/* scores are single digits (bins <= 9) */
	for (k = 0; k < 3; k++)
		cell[k] = (char)('0' + res->score[k]);
	cell[3] = '\0';
	crm_csv_puts(w, cell);
	if (r->o.weights_given) {
		/* exact: the options checked that it fits (rfmopts.c) */
		for (k = 0; k < 3; k++)
			if (r->o.weight[k].scale > scale)
				scale = r->o.weight[k].scale;
		for (k = 0; k < 3; k++) {
			wk = r->o.weight[k].units;
			crm_decimal_shift(&wk, scale - r->o.weight[k].scale);
			sum += wk * res->score[k];
		}
		crm_decimal_format_trim(sum, scale, 6, buf, sizeof(buf));
		crm_csv_puts(w, buf);
	} else {
		crm_csv_puts(w, cell);	/* the cell read as a number */
	}
}

/* One customer's row; one with refunds only has no dates and scores. */
static void
put_customer(const struct crm_rfm *r, struct crm_csv_writer *w, size_t i)
{
	const struct crm_rfm_customer *c = &r->c[i];
	const struct crm_rfm_result *res = &r->res[i];
	char buf[CRM_NUMBER_SIZE];
	size_t k;

	crm_csv_put(w, crm_keyset_text(&r->ids, i), r->ids.key[i].len);
	for (k = 0; k < r->o.nkeep; k++)
		crm_csv_puts(w, crm_rfm_kept(r, i, k));
	if (c->orders > 0) {
		put_date(w, c->first);
		put_date(w, c->last);
		put_integer(w, (long long)res->measure[CRM_R]);
	} else {
		for (k = 0; k < 3; k++)
			crm_csv_puts(w, "");
	}
	put_integer(w, c->orders);
	crm_decimal_format(monetary(r, i), r->rd.decimals, r->rd.decimals, buf,
	    sizeof(buf));
	crm_csv_puts(w, buf);
	if (c->orders > 0)
		put_scores(r, w, res);
	else
		for (k = 0; k < 5; k++)
			crm_csv_puts(w, "");
	crm_csv_end(w);
}

void
crm_rfm_write(const struct crm_rfm *r, struct crm_csv_writer *w)
{
	size_t i;

	crm_csv_puts(w, r->o.id);
	for (i = 0; i < r->o.nkeep; i++)
		crm_csv_puts(w, r->o.keep[i]);
	for (i = 0; i < sizeof(crm_rfm_columns) / sizeof(crm_rfm_columns[0]);
	    i++)
		crm_csv_puts(w, crm_rfm_columns[i]);
	crm_csv_end(w);
	for (i = 0; i < r->ids.n; i++)
		put_customer(r, w, r->order[i]);
}

void
crm_rfm_write_thresholds(const struct crm_rfm *r, struct crm_csv_writer *w)
{
	static const char *const name[3] = { "recency", "frequency",
	    "monetary" };
	char buf[128];
	int k, sc;

	crm_csv_puts(w, "measure");
	crm_csv_puts(w, "score");
	crm_csv_puts(w, "interval");
	crm_csv_end(w);
	for (k = 0; k < 3; k++)
		for (sc = r->scale[k].bins; sc >= 1; sc--) {
			crm_csv_puts(w, name[k]);
			put_integer(w, sc);
			crm_scale_interval(&r->scale[k], sc, buf, sizeof(buf));
			crm_csv_puts(w, buf);
			crm_csv_end(w);
		}
}

void
crm_rfm_free(struct crm_rfm *r)
{
	crm_kept_free(&r->kept);
	crm_lookahead_free(&r->ahead);
	crm_orderset_free(&r->orders);
	free(r->wide);
	free(r->c);
	free(r->res);
	free(r->order);
	crm_keyset_free(&r->ids);
	memset(r, 0, sizeof(*r));
}
