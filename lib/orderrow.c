/*
 * orderrow.c - reading an order row (see orderrow.h).
 */
#include <string.h>

#include "field.h"
#include "orderrow.h"
#include "value.h"

void
crm_order_reader_init(struct crm_order_reader *rd,
    const struct crm_rfm_opts *o)
{
	memset(rd, 0, sizeof(*rd));
	rd->o = o;
	rd->qtyc = rd->orderc = -1;
}

int
crm_order_reader_bind(struct crm_order_reader *rd,
    const struct crm_header *h, struct crm_error *e)
{
	const struct crm_rfm_opts *o = rd->o;
	size_t k;

	if (crm_header_require(h, o->id, &rd->idc, e) < 0 ||
	    crm_header_require(h, o->date, &rd->datec, e) < 0 ||
	    crm_header_require(h, o->amount, &rd->amountc, e) < 0 ||
	    (o->quantity != NULL &&
	    crm_header_require(h, o->quantity, &rd->qtyc, e) < 0) ||
	    (o->order != NULL &&
	    crm_header_require(h, o->order, &rd->orderc, e) < 0))
		return -1;
	for (k = 0; k < o->nkeep; k++)
		if (crm_header_require(h, o->keep[k], &rd->keepc[k], e) < 0)
			return -1;
	return 0;
}

/* A row dated after the as-of date: bad, or left out and counted. */
static int
future(struct crm_order_reader *rd, int32_t date, struct crm_error *why)
{
	char d[16], a[16];

	if (rd->o->ignore_future) {
		rd->future++;
		return CRM_ORDER_LEFT_OUT;
	}
	crm_date_format(date, d);
	crm_date_format(rd->o->as_of, a);
	crm_error_set(why, CRM_EXIT_DATA, NULL, 0, 0, "column '%s': order "
	    "date %s is after the as-of date %s (see --ignore-future)",
	    rd->o->date, d, a);
	return CRM_RECORD_BAD;
}

int
crm_order_reader_read(struct crm_order_reader *rd,
    const struct crm_record *rec, struct crm_order_row *row,
    struct crm_error *why)
{
	const struct crm_rfm_opts *o = rd->o;
	double qty;
	size_t k;
	int dec = 0, qdec = 0;

	if (rec->len[rd->idc] == 0) {
		crm_error_set(why, CRM_EXIT_DATA, NULL, 0, 0,
		    "column '%s': empty customer id", o->id);
		return CRM_RECORD_BAD;
	}
	if (crm_field_date(rec, rd->datec, o->date, o->date_format,
	    &row->date, why) < 0 ||
	    crm_field_number(rec, rd->amountc, o->amount, o->decimal_comma,
	    &row->amount, &dec, why) < 0 ||
	    (rd->qtyc >= 0 && crm_field_number(rec, rd->qtyc, o->quantity,
	    o->decimal_comma, &qty, &qdec, why) < 0))
		return CRM_RECORD_BAD;
	if (row->date > o->as_of)
		return future(rd, row->date, why);
	if (rd->qtyc >= 0) {
		row->amount *= qty;
		dec += qdec;
	}
	if (dec > rd->decimals)
		rd->decimals = dec > 9 ? 9 : dec;
	row->id = rec->field[rd->idc];
	row->idlen = rec->len[rd->idc];
	row->order = rd->orderc >= 0 ? rec->field[rd->orderc] : NULL;
	row->orderlen = rd->orderc >= 0 ? rec->len[rd->orderc] : 0;
	for (k = 0; k < o->nkeep; k++) {
		row->keep[k] = rec->field[rd->keepc[k]];
		row->keeplen[k] = rec->len[rd->keepc[k]];
	}
	return CRM_RECORD_OK;
}
