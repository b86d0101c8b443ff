/*
 * orderrow.c - reading an order row (see orderrow.h; the read itself is
 * inline there).
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
	rd->orderc = -1;
	rd->amount.amount_name = o->amount;
	rd->amount.quantity = -1;
	rd->amount.quantity_name = o->quantity;
}

int
crm_order_reader_bind(struct crm_order_reader *rd,
    const struct crm_header *h, struct crm_error *e)
{
	const struct crm_rfm_opts *o = rd->o;
	size_t k;

	if (crm_header_require(h, o->id, &rd->idc, e) < 0 ||
	    crm_header_require(h, o->date, &rd->datec, e) < 0 ||
	    crm_header_require(h, o->amount, &rd->amount.amount, e) < 0 ||
	    (o->quantity != NULL && crm_header_require(h, o->quantity,
	    &rd->amount.quantity, e) < 0) ||
	    (o->order != NULL &&
	    crm_header_require(h, o->order, &rd->orderc, e) < 0))
		return -1;
	for (k = 0; k < o->nkeep; k++)
		if (crm_header_require(h, o->keep[k], &rd->keepc[k], e) < 0)
			return -1;
	return 0;
}

int
crm_order_reader_empty_id(const struct crm_order_reader *rd,
    struct crm_error *why)
{
	crm_error_set(why, CRM_EXIT_DATA, NULL, 0, 0,
	    "column '%s': empty customer id", rd->o->id);
	return CRM_RECORD_BAD;
}

int
crm_order_reader_future(struct crm_order_reader *rd, int32_t date,
    struct crm_error *why)
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
