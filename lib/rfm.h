/*
 * rfm.h - recency, frequency and monetary value per customer, from order
 * rows, and their scores.
 *
 * crm_rfm_add folds one order row into its customer's entry (one entry
 * per customer, never one per row):
 *   - a row with a negative amount is a refund: it lowers the monetary
 *     total and is neither an order nor a purchase date;
 *   - any other row is an order, counted once per order id when order
 *     ids are given (the rows of one order must be adjacent among the
 *     customer's rows, as exports list them), else once per row;
 *   - first_order and last_order are the earliest and latest order dates;
 *   - the kept columns come from the customer's most recent row (of any
 *     kind; on equal dates the later row).
 * crm_rfm_score then scores every customer that has an order; customers
 * with refunds only have no recency and get no scores (score 0).
 */
#ifndef CRM_RFM_H
#define CRM_RFM_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "keyset.h"
#include "scale.h"

enum { CRM_R, CRM_F, CRM_M };

/*
 * 32 bytes, and the array is aligned on cache lines: a row touches one
 * line of its customer's entry.
 */
struct crm_rfm_customer {
	int32_t first, last;	/* order dates; meaningless when orders == 0 */
	uint32_t orders;
	int32_t kept_date;	/* the date of the row the kept values are from */
	double amount;		/* orders minus refunds */
	uint64_t order_hash;	/* id of the last order counted */
};

/* A customer's kept values, each NUL-terminated, in size bytes. */
struct crm_rfm_kept {
	char *text;
	size_t size;
};

/*
 * A row on its way into the table: rows are folded in a few rows after
 * they are added, so that the cache misses of their lookups (the hash
 * slot, then the customer's entry) overlap the parsing of the next rows.
 */
struct crm_rfm_row {
	int32_t date;
	double amount;
	uint64_t order_hash;
	long customer;		/* set by the lookup */
	int added;		/* the lookup made a new customer */
	char *text;		/* the id, then the kept values, NUL-terminated */
	size_t idlen, used, size;
};

#define CRM_RFM_AHEAD	4	/* rows between adding and looking up */
#define CRM_RFM_RING	16	/* > 2 * CRM_RFM_AHEAD */

struct crm_rfm {
	struct crm_keyset ids;
	struct crm_rfm_row ring[CRM_RFM_RING];
	uint64_t rows;			/* rows added */
	struct crm_rfm_customer *c;	/* by customer number */
	struct crm_rfm_kept *kept;	/* by customer number; with nkeep */
	size_t cap;
	size_t nkeep;
	int by_order;
};

void crm_rfm_init(struct crm_rfm *r, size_t nkeep, int by_order);

/*
 * Adds a row: customer id, date (days), amount, order id (ignored unless
 * by_order) and the nkeep kept values.  Fails only when out of memory.
 * The row may be folded in later: call crm_rfm_finish before reading
 * the table.
 */
int crm_rfm_add(struct crm_rfm *r, const char *id, size_t idlen,
    int32_t date, double amount, const char *order, size_t orderlen,
    char *const *keep, const size_t *keeplen, struct crm_error *e);

/* Folds in the rows still on their way; fails only when out of memory. */
int crm_rfm_finish(struct crm_rfm *r, struct crm_error *e);

/* The i-th kept value of customer c. */
const char *crm_rfm_kept(const struct crm_rfm *r, size_t c, size_t i);

struct crm_rfm_settings {
	int32_t as_of;
	int bins;			/* for the scales computed from data */
	enum crm_scale_kind kind;	/* CRM_SCALE_QUANTILE or _R_RFM */
	const struct crm_scale *fixed[3];	/* NULL: from the data */
	int monetary_mean;		/* mean order value, not the total */
	int decimals;			/* monetary is rounded to these */
};

struct crm_rfm_result {
	double measure[3];	/* recency days, frequency, monetary */
	int score[3];		/* 1..bins; 0 for a customer with no order */
};

/*
 * Measures and scores every customer; *out (r->ids.n entries, by
 * customer number) is malloc'd and owned by the caller; scale[] receives
 * the scales used.
 */
int crm_rfm_score(const struct crm_rfm *r, const struct crm_rfm_settings *s,
    struct crm_rfm_result **out, struct crm_scale scale[3],
    struct crm_error *e);

/* Customer numbers sorted by id (bytewise); malloc'd, or NULL. */
size_t *crm_rfm_order_by_id(const struct crm_rfm *r);

void crm_rfm_free(struct crm_rfm *r);

#endif
