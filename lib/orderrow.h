/*
 * orderrow.h - an order row as crm-score reads it, in RFM mode and in
 * model mode alike: the one place the rules of a row are.
 *
 *   - an empty customer id is a bad record;
 *   - the date and the amount must be valid (and the quantity, with a
 *     quantity column: the amount is then quantity * unit price), the
 *     amount read exactly (crm_field_amount: 38 digits at most);
 *   - a date after the as-of date is a bad record, or with ignore_future
 *     a row left out (and counted);
 *   - the refund rule is crm_field_amount's: a negative amount, or a
 *     negative quantity at price 0 (goods returned at no charge);
 *   - the amounts keep the most decimals any row whose amount was taken
 *     had (amount and quantity decimals add up; at most 9): sums are
 *     written with them.  A row the mode refuses (an amount that would
 *     take its sums past 38 digits) does not count.
 * What a row then means (an order, a purchase day) is the mode's:
 * rfm.h, history.h.
 */
#ifndef CRM_ORDERROW_H
#define CRM_ORDERROW_H

#include <stddef.h>
#include <stdint.h>

#include "csvio.h"
#include "decimal.h"
#include "error.h"
#include "field.h"
#include "rfmopts.h"
#include "table.h"

/* A row read: pointers into the record, valid as long as it is. */
struct crm_order_row {
	const char *id;
	size_t idlen;
	int32_t date;
	int refund;		/* crm_field_amount's rule */
	struct crm_decimal amount;	/* exact; quantity * price with one */
	int decimals;		/* the amount's (at most 9) */
	const char *order;	/* order id; NULL without an order column */
	size_t orderlen;
	char *keep[CRM_RFM_MAX_KEEP];	/* the kept columns' values */
	size_t keeplen[CRM_RFM_MAX_KEEP];
};

struct crm_order_reader {
	const struct crm_rfm_opts *o;	/* finished (rfmopts.h); not owned */
	long idc, datec, orderc;	/* orderc -1: no order column */
	struct crm_amount_cols amount;	/* amount, quantity (-1: none) */
	long keepc[CRM_RFM_MAX_KEEP];
	int decimals;		/* the most the amounts taken had */
	size_t future;		/* rows left out (ignore_future) */
};

/* A reader for the options o, which must outlive it. */
void crm_order_reader_init(struct crm_order_reader *rd,
    const struct crm_rfm_opts *o);

/*
 * Finds the columns of the options in the header: id, date, amount,
 * then quantity and order when given, then each kept column (status 2
 * for the first missing one).
 */
int crm_order_reader_bind(struct crm_order_reader *rd,
    const struct crm_header *h, struct crm_error *e);

#define CRM_ORDER_LEFT_OUT	1	/* a future row, ignore_future */

/*
 * The two ends of crm_order_reader_read that are not on the usual path:
 * an empty id (bad), and a row dated after the as-of date (bad, or left
 * out and counted).
 */
int crm_order_reader_empty_id(const struct crm_order_reader *rd,
    struct crm_error *why);
int crm_order_reader_future(struct crm_order_reader *rd, int32_t date,
    struct crm_error *why);

/*
 * Reads rec by the rules above into *row: CRM_RECORD_OK (0),
 * CRM_ORDER_LEFT_OUT for a future row left out (counted in future;
 * *row not filled), or CRM_RECORD_BAD with *why (no place) for an empty
 * id, an invalid value, an amount of more than 38 digits or a future
 * date.  It does not raise rd->decimals: crm_order_reader_took does,
 * once the mode has taken the amount.  Inline: it is most of the work of
 * a row, and crm-score reads millions.
 */
static inline __attribute__((always_inline)) int
crm_order_reader_read(struct crm_order_reader *rd,
    const struct crm_record *rec, struct crm_order_row *row,
    struct crm_error *why)
{
	const struct crm_rfm_opts *o = rd->o;
	size_t k;

	if (rec->len[rd->idc] == 0)
		return crm_order_reader_empty_id(rd, why);
	row->decimals = 0;
	if (crm_field_date(rec, rd->datec, o->date, o->date_format,
	    &row->date, why) < 0 ||
	    crm_field_amount(rec, &rd->amount, o->decimal_comma, &row->amount,
	    &row->refund, &row->decimals, why) < 0)
		return CRM_RECORD_BAD;
	if (row->date > o->as_of)
		return crm_order_reader_future(rd, row->date, why);
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

/*
 * The mode took row's amount into its sums: its decimals count towards
 * those the sums are written with.
 */
static inline void
crm_order_reader_took(struct crm_order_reader *rd,
    const struct crm_order_row *row)
{
	if (row->decimals > rd->decimals)
		rd->decimals = row->decimals;
}

#endif
