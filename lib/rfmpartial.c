/*
 * rfmpartial.c - RFM partial state, written, read and merged (see
 * rfmpartial.h; the format's common parts are partial.c's).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "partial.h"
#include "rfmpartial.h"

#define FIXED	8	/* the fields of a crm1.rfm row before the kept */

static const char what[] = "crm-score RFM";

static void
put_customer(const struct crm_rfm *r, struct crm_csv_writer *w, size_t i)
{
	const struct crm_rfm_customer *c = crm_rfm_customer(r, i);
	struct crm_decimal sum;
	size_t len, k;
	const char *id = crm_rfm_id(r, i, &len), *v;

	crm_partial_begin(w, id, len, CRM_PARTIAL_RFM);
	if (c->first <= c->last) {
		crm_partial_put_date(w, c->first);
		crm_partial_put_date(w, c->last);
	} else {
		crm_csv_puts(w, "");
		crm_csv_puts(w, "");
	}
	if (r->o.order != NULL)
		crm_csv_puts(w, "");
	else
		crm_partial_put_count(w, c->orders);
	crm_rfm_amount(r, i, &sum);
	crm_partial_put_decimal(w, sum.units, sum.scale);
	crm_partial_put_count(w, (uint64_t)r->rd.decimals);
	/* none for a customer known from crm1.order rows alone */
	if (c->kept_date != INT32_MIN)
		crm_partial_put_date(w, c->kept_date);
	else
		crm_csv_puts(w, "");
	for (k = 0; k < r->o.nkeep; k++) {
		v = crm_rfm_kept(r, i, k);
		crm_partial_put_text(w, v, strlen(v));
	}
	crm_csv_end(w);
}

void
crm_rfm_write_partial(const struct crm_rfm *r, struct crm_csv_writer *w)
{
	struct crm_partial_meta m = { "rfm", r->o.as_of, 0, 0,
	    crm_rfm_future(r) };
	const char *order, *id;
	size_t i, pos = 0, len, idlen;
	uint32_t cust;

	crm_partial_write_meta(w, &m);
	for (i = 0; i < crm_rfm_count(r); i++)
		put_customer(r, w, i);
	while (crm_orderset_next(&r->orders, &pos, &cust, &order, &len)) {
		id = crm_rfm_id(r, cust, &idlen);
		crm_partial_begin(w, id, idlen, CRM_PARTIAL_ORDER);
		crm_partial_put_text(w, order, len);
		crm_csv_end(w);
	}
}

/* The dates of a crm1.rfm row: both, or neither (refunds only). */
static int
read_dates(const struct crm_record *rec, struct crm_rfm_part *p,
    struct crm_error *why)
{
	int has_last;

	if (crm_partial_date(rec, 2, 1, &p->has_orders, &p->first, why) ||
	    crm_partial_date(rec, 3, 1, &has_last, &p->last, why))
		return CRM_RECORD_BAD;
	if (has_last != p->has_orders || (p->has_orders && p->first >
	    p->last)) {
		crm_error_set(why, CRM_EXIT_DATA, NULL, 0, 0, "partial "
		    "state: a %s row whose first and last dates disagree",
		    rec->field[1]);
		return CRM_RECORD_BAD;
	}
	return CRM_RECORD_OK;
}

/* ORDERS: a count without --order, empty with it. */
static int
read_orders(const struct crm_rfm *r, const struct crm_record *rec,
    struct crm_rfm_part *p, struct crm_error *why)
{
	uint64_t n = 0;

	if (r->o.order != NULL && rec->len[4] > 0) {
		crm_error_set(why, CRM_EXIT_DATA, NULL, 0, 0, "partial "
		    "state without --order, read with --order: give --merge "
		    "the options of the runs that wrote it");
		return CRM_RECORD_BAD;
	}
	if (r->o.order == NULL && rec->len[4] == 0) {
		crm_error_set(why, CRM_EXIT_DATA, NULL, 0, 0, "partial "
		    "state of --order, read without it: give --merge the "
		    "options of the runs that wrote it");
		return CRM_RECORD_BAD;
	}
	if (r->o.order == NULL &&
	    crm_partial_count(rec, 4, UINT32_MAX, &n, why) != CRM_RECORD_OK)
		return CRM_RECORD_BAD;
	p->orders = (uint32_t)n;
	if (!p->has_orders && p->orders > 0) {
		crm_error_set(why, CRM_EXIT_DATA, NULL, 0, 0, "partial "
		    "state: a %s row with orders and no dates",
		    rec->field[1]);
		return CRM_RECORD_BAD;
	}
	return CRM_RECORD_OK;
}

/* A crm1.rfm row. */
static int
merge_customer(struct crm_rfm *r, const struct crm_record *rec,
    struct crm_error *why)
{
	struct crm_rfm_part p;
	uint64_t dec;
	int has_kept;

	if (crm_partial_width(rec, FIXED + r->o.nkeep,
	    "one more per --keep column", why) != CRM_RECORD_OK ||
	    read_dates(rec, &p, why) != CRM_RECORD_OK ||
	    read_orders(r, rec, &p, why) != CRM_RECORD_OK ||
	    crm_partial_decimal(rec, 5, &p.amount, why) != CRM_RECORD_OK ||
	    crm_partial_decimals(rec, 6, p.amount.scale, &dec, why) !=
	    CRM_RECORD_OK ||
	    crm_partial_date(rec, 7, 1, &has_kept, &p.kept_date, why) !=
	    CRM_RECORD_OK)
		return CRM_RECORD_BAD;
	/* no kept row (crm1.order rows alone): any other part's wins */
	if (!has_kept)
		p.kept_date = INT32_MIN;
	p.decimals = (int)dec;
	p.keep = rec->field + FIXED;
	p.keeplen = rec->len + FIXED;
	return crm_rfm_merge_customer(r, rec->field[0], rec->len[0], &p, why);
}

/* A crm1.order row. */
static int
merge_order(struct crm_rfm *r, const struct crm_record *rec,
    struct crm_error *why)
{
	if (r->o.order == NULL) {
		crm_error_set(why, CRM_EXIT_DATA, NULL, 0, 0, "partial "
		    "state of --order, read without it: give --merge the "
		    "options of the runs that wrote it");
		return CRM_RECORD_BAD;
	}
	if (crm_partial_width(rec, 3, NULL, why) != CRM_RECORD_OK)
		return CRM_RECORD_BAD;
	return crm_rfm_merge_order(r, rec->field[0], rec->len[0],
	    rec->field[2], rec->len[2], why);
}

int
crm_rfm_merge_row(struct crm_rfm *r, const struct crm_record *rec,
    struct crm_error *why)
{
	struct crm_partial_meta want = { "rfm", r->o.as_of, 0, 0, 0 }, got;
	enum crm_partial_row k = crm_partial_kind(rec);

	if (k == CRM_PARTIAL_META) {
		if (crm_partial_read_meta(rec, &want, &got, why) !=
		    CRM_RECORD_OK)
			return CRM_RECORD_BAD;
		r->rd.future += got.future;
		return CRM_RECORD_OK;
	}
	if (k != CRM_PARTIAL_RFM && k != CRM_PARTIAL_ORDER)
		return crm_partial_unexpected(rec, what, why);
	if (rec->len[0] == 0)
		return crm_partial_empty_key(rec, why);
	return k == CRM_PARTIAL_RFM ? merge_customer(r, rec, why) :
	    merge_order(r, rec, why);
}

/* Customer i of from as a part, its kept values in value[], len[]. */
static void
as_part(const struct crm_rfm *from, size_t i, struct crm_rfm_part *p,
    char **value, size_t *len)
{
	const struct crm_rfm_customer *c = crm_rfm_customer(from, i);
	size_t k;

	p->has_orders = c->first <= c->last;
	p->first = c->first;
	p->last = c->last;
	p->orders = from->o.order != NULL ? 0 : c->orders;
	crm_rfm_amount(from, i, &p->amount);
	p->decimals = from->rd.decimals;
	p->kept_date = c->kept_date;
	for (k = 0; k < from->o.nkeep; k++) {
		value[k] = (char *)(uintptr_t)crm_rfm_kept(from, i, k);
		len[k] = strlen(value[k]);
	}
	p->keep = value;
	p->keeplen = len;
}

int
crm_rfm_merge(struct crm_rfm *r, const struct crm_rfm *from,
    struct crm_error *e)
{
	char *value[CRM_RFM_MAX_KEEP];
	size_t len[CRM_RFM_MAX_KEEP], i, pos = 0, olen, idlen;
	struct crm_rfm_part p;
	const char *order, *id;
	uint32_t cust;

	for (i = 0; i < crm_rfm_count(from); i++) {
		as_part(from, i, &p, value, len);
		id = crm_rfm_id(from, i, &idlen);
		if (crm_rfm_merge_customer(r, id, idlen, &p, e) !=
		    CRM_RECORD_OK)
			return -1;
	}
	while (crm_orderset_next(&from->orders, &pos, &cust, &order, &olen)) {
		id = crm_rfm_id(from, cust, &idlen);
		if (crm_rfm_merge_order(r, id, idlen, order, olen, e) !=
		    CRM_RECORD_OK)
			return -1;
	}
	r->rd.future += from->rd.future;
	return 0;
}

static void *
parallel_make(const void *like, const struct crm_header *h,
    struct crm_error *e)
{
	const struct crm_rfm *l = like;
	struct crm_rfm *r = malloc(sizeof(*r));

	if (r == NULL) {
		crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0, "out of memory");
		return NULL;
	}
	crm_rfm_init(r, &l->o);
	if (crm_rfm_bind(r, h, e) < 0) {
		crm_rfm_free(r);
		free(r);
		return NULL;
	}
	return r;
}

static int
parallel_row(void *agg, const struct crm_record *rec, struct crm_error *why)
{
	return crm_rfm_row(agg, rec, why);
}

static int
parallel_finish(void *agg, struct crm_error *e)
{
	return crm_rfm_finish(agg, e);
}

static int
parallel_merge(void *into, const void *from, struct crm_error *e)
{
	return crm_rfm_merge(into, from, e);
}

static void
parallel_free(void *agg)
{
	crm_rfm_free(agg);
	free(agg);
}

const struct crm_parallel_ops crm_rfm_parallel = {
	parallel_make, parallel_row, parallel_finish, parallel_merge,
	parallel_free
};
