/*
 * rfm.h - recency, frequency and monetary value per customer, from order
 * rows, and their scores: crm-score's RFM mode.
 *
 * What makes a row is orderrow.h's (the rules RFM and model mode share:
 * the amount read exactly, the refund rule).  Then:
 *   - the amounts are summed exactly, in units of the most precise
 *     amount (decimal.h); a row that would take the sum of all positive
 *     amounts, or of all refunds, past 38 digits is a bad record (every
 *     customer's sum lies between the two, so none can overflow);
 *   - monetary is written with the most decimals any row had (amount and
 *     quantity decimals add up; at most 9), rounded half away from zero.
 * How a row is folded into its customer's entry (crm_rfm_add; one entry
 * per customer, never one per row):
 *   - a refund lowers the monetary total and is neither an order nor a
 *     purchase date;
 *   - any other row is an order, counted once per distinct order id of
 *     the customer when order ids are given (whatever the order of the
 *     rows: the pairs of customer and order id are kept, orderset.h),
 *     else once per row;
 *   - first_order and last_order are the earliest and latest dates of
 *     the rows that are not refunds;
 *   - the kept columns come from the customer's most recent row (of any
 *     kind); of rows on the same date, the one whose kept values sort
 *     last (crm_kept_cmp): not the later row, so that the values are
 *     the same whatever the order of the rows, or their split into
 *     parts merged later.
 * crm_rfm_score then scores every customer that has an order; customers
 * with refunds only have no recency and get no scores (score 0).
 *
 * Rows reach their customers a few rows late (lookahead.h hides the
 * cache misses): crm_rfm_finish folds in the last ones.
 */
#ifndef CRM_RFM_H
#define CRM_RFM_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "csvio.h"
#include "decimal.h"
#include "error.h"
#include "kept.h"
#include "keyset.h"
#include "lookahead.h"
#include "orderrow.h"
#include "orderset.h"
#include "rfmopts.h"
#include "scale.h"
#include "table.h"

/*
 * 32 bytes, and the array is aligned on cache lines: a row touches one
 * line of its customer's entry.
 */
struct crm_rfm_customer {
	int32_t first, last;	/* order dates; INT32_MAX, INT32_MIN: none */
	uint32_t orders;
	int32_t kept_date;	/* of the row the kept values are from;
				   INT32_MIN: none yet */
	int64_t amount;		/* orders minus refunds; see crm_rfm_amount */
	int64_t unused;		/* to 32 bytes: two entries a cache line */
};

struct crm_rfm_result {
	double measure[3];	/* recency days, frequency, monetary */
	int score[3];		/* 1..bins; 0: a customer with no order */
};

struct crm_rfm {
	struct crm_rfm_opts o;	/* a copy; its strings not owned */
	struct crm_keyset ids;
	struct crm_lookahead ahead;	/* rows on their way to c[] */
	struct crm_rfm_customer *c;	/* by customer number */
	struct crm_kept kept;		/* by customer number */
	struct crm_orderset orders;	/* with an order column */
	long last_key;			/* the last pair added, or -1 */
	size_t last_len;
	char last_order[32];
	size_t cap;
	struct crm_order_reader rd;	/* the columns, by crm_rfm_bind */
	/*
	 * The amounts' scale and bounds.  While both bounds fit in 64 bits
	 * so does every customer's sum, kept in c[].amount; past that the
	 * sums move to wide[], by customer number.
	 */
	struct crm_decimal_column amounts;
	crm_i128 *wide;
	/* by crm_rfm_score, by customer number */
	struct crm_rfm_result *res;
	struct crm_scale scale[3];
	size_t *order;		/* the numbers sorted by id */
};

/*
 * Starts an empty table for the options o (finished: rfmopts.h); o's
 * strings must outlive the table.
 */
void crm_rfm_init(struct crm_rfm *r, const struct crm_rfm_opts *o);

/*
 * Finds the columns of the options in the header: id, date, amount,
 * then quantity and order when given, then each kept column (status 2
 * for the first missing one).
 */
int crm_rfm_bind(struct crm_rfm *r, const struct crm_header *h,
    struct crm_error *e);

/*
 * Reads one order row by the rules of orderrow.h and adds it.  Returns a
 * verdict (error.h): bad with *why (no place) for an empty id, an
 * invalid value, a future date or an amount that would take the sums
 * past 38 digits; stop when out of memory.  A future row left out by
 * ignore_future is good (crm_rfm_future counts it).
 */
int crm_rfm_row(struct crm_rfm *r, const struct crm_record *rec,
    struct crm_error *why);

/*
 * Adds a row already read: customer id, date (days), amount (exact),
 * whether it is a refund, order id (ignored without an order column) and
 * the nkeep kept values.  Returns a verdict: bad (with *why, no place)
 * when the amount would take the sums past 38 digits, stop when out of
 * memory.  It does not raise the decimals monetary is written with (the
 * caller's, as crm_rfm_row's are the rows').  Call crm_rfm_finish before
 * reading the table.
 */
int crm_rfm_add(struct crm_rfm *r, const char *id, size_t idlen,
    int32_t date, const struct crm_decimal *amount, int refund,
    const char *order, size_t orderlen, char *const *keep,
    const size_t *keeplen, struct crm_error *why);

/* Folds in the rows still on their way; fails only when out of memory. */
int crm_rfm_finish(struct crm_rfm *r, struct crm_error *e);

/*
 * What a part of the rows says of one customer (rfmpartial.h writes and
 * reads it): merged into a table by the rules above, parts give the
 * entry the rows would have given, whatever the split.
 */
struct crm_rfm_part {
	int has_orders;		/* a row that is not a refund: the dates */
	int32_t first, last;	/* of those rows */
	uint32_t orders;	/* those rows; 0 with order ids, which
				   crm_rfm_merge_order counts */
	struct crm_decimal amount;	/* the sum of its amounts, exact */
	int decimals;		/* the most its part's amounts had */
	int32_t kept_date;	/* of its most recent row */
	char *const *keep;	/* that row's kept values (nkeep) */
	const size_t *keeplen;
};

/*
 * Merges part p of customer id into the table (after crm_rfm_finish):
 * a verdict, bad with *why when its sum would take the sums past 38
 * digits, stop when out of memory.  Raises the decimals monetary is
 * written with to p's.
 */
int crm_rfm_merge_customer(struct crm_rfm *r, const char *id, size_t idlen,
    const struct crm_rfm_part *p, struct crm_error *why);

/*
 * Merges an order id of customer id (with an order column): one more
 * order when the pair is new.  A verdict: stop when out of memory.
 */
int crm_rfm_merge_order(struct crm_rfm *r, const char *id, size_t idlen,
    const char *order, size_t len, struct crm_error *e);

/*
 * Measures and scores every customer (the rows all folded in): monetary
 * (the sum, or the mean per order) rounded half away from zero to the
 * decimals of the amounts read, exactly; cut points from the data (as
 * doubles, the way R computes them) or the options' breaks; then sorts
 * the customers by id (bytewise).  Fails only when out of memory.
 */
int crm_rfm_score(struct crm_rfm *r, struct crm_error *e);

/* Customers so far, and customer i's entry, id and i-th kept value. */
size_t crm_rfm_count(const struct crm_rfm *r);
const struct crm_rfm_customer *crm_rfm_customer(const struct crm_rfm *r,
    size_t i);
const char *crm_rfm_id(const struct crm_rfm *r, size_t i, size_t *len);

/* Customer i's exact sum, in *out (after crm_rfm_finish). */
void crm_rfm_amount(const struct crm_rfm *r, size_t i,
    struct crm_decimal *out);
const char *crm_rfm_kept(const struct crm_rfm *r, size_t i, size_t k);

/* After crm_rfm_score: customer i's result, the scale of a measure. */
const struct crm_rfm_result *crm_rfm_result(const struct crm_rfm *r,
    size_t i);
const struct crm_scale *crm_rfm_scale(const struct crm_rfm *r, int measure);

/* Customers with refunds only (no scores); future rows left out. */
size_t crm_rfm_refunds_only(const struct crm_rfm *r);
size_t crm_rfm_future(const struct crm_rfm *r);

/*
 * After crm_rfm_score: writes the customer table, sorted by id: the id,
 * the kept columns, then crm_rfm_columns (empty dates, recency and scores
 * for a customer with refunds only; rfm_score the cell, or the weighted
 * sum with weights).  A write error is left on the stream, for the
 * commit of the output to report.
 */
void crm_rfm_write(const struct crm_rfm *r, struct crm_csv_writer *w);

/*
 * Writes the cut points used as measure,score,interval rows, best score
 * first (scale.h says how an interval reads); errors as crm_rfm_write.
 */
void crm_rfm_write_thresholds(const struct crm_rfm *r,
    struct crm_csv_writer *w);

void crm_rfm_free(struct crm_rfm *r);

#endif
