/*
 * orderrow.h - an order row as crm-score reads it, in RFM mode and in
 * model mode alike: the one place the rules of a row are.
 *
 *   - an empty customer id is a bad record;
 *   - the date and the amount must be valid (and the quantity, with a
 *     quantity column: the amount is then quantity * unit price);
 *   - a date after the as-of date is a bad record, or with ignore_future
 *     a row left out (and counted);
 *   - the amounts keep the most decimals any row had (amount and quantity
 *     decimals add up; at most 9): sums are rounded to them.
 * What a row then means (an order, a refund, a purchase day) is the
 * mode's: rfm.h, history.h.
 */
#ifndef CRM_ORDERROW_H
#define CRM_ORDERROW_H

#include <stddef.h>
#include <stdint.h>

#include "csvio.h"
#include "error.h"
#include "rfmopts.h"
#include "table.h"

/* A row read: pointers into the record, valid as long as it is. */
struct crm_order_row {
	const char *id;
	size_t idlen;
	int32_t date;
	double amount;		/* quantity * price with a quantity column */
	const char *order;	/* order id; NULL without an order column */
	size_t orderlen;
	char *keep[CRM_RFM_MAX_KEEP];	/* the kept columns' values */
	size_t keeplen[CRM_RFM_MAX_KEEP];
};

struct crm_order_reader {
	const struct crm_rfm_opts *o;	/* finished (rfmopts.h); not owned */
	long idc, datec, amountc, qtyc, orderc;	/* -1: no such option */
	long keepc[CRM_RFM_MAX_KEEP];
	int decimals;		/* the most the amounts read had */
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
 * Reads rec by the rules above into *row: CRM_RECORD_OK (0),
 * CRM_ORDER_LEFT_OUT for a future row left out (counted in future;
 * *row not filled), or CRM_RECORD_BAD with *why (no place) for an empty
 * id, an invalid value or a future date.
 */
int crm_order_reader_read(struct crm_order_reader *rd,
    const struct crm_record *rec, struct crm_order_row *row,
    struct crm_error *why);

#endif
