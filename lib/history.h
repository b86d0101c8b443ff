/*
 * history.h - each customer's purchase history for the customer-base
 * models (BG/NBD, Pareto/NBD, Gamma-Gamma), folded from order rows: one
 * entry per customer, never one per row.
 *
 * The rules, those of BTYD and lifetimes (and so of the published CDNOW
 * figures):
 *   - a purchase is a day on which the customer ordered: rows of one
 *     customer on one day are one purchase, their amounts summed;
 *   - a refund (the caller's rule: orderrow.h's, a negative amount or
 *     a negative quantity at price 0) is neither a purchase nor spend.
 *     Refunds are only counted (crm_history_refunds), and a customer
 *     with refunds only has no history (see below);
 *   - the first purchase is the customer's birth;
 *   - the calibration period ends with the calibration end day (its
 *     purchases are in it); the holdout period is the days after it, up to
 *     and including as-of;
 *   - x is the number of repeat purchases in the calibration period (its
 *     purchases less the birth), t_x the last calibration purchase minus
 *     the birth, T the calibration end minus the birth: whole calendar
 *     days, then divided by the days of the unit (day 1, week 7, month
 *     365.25 / 12).  On CDNOW (calibration end 1997-09-30) a customer born
 *     on 1997-01-01 has T = 272 / 7 weeks: this is the convention that
 *     gives Fader, Hardie and Lee's log-likelihood (-9582.4 for BG/NBD);
 *     measuring T to the end of 1997-09-30 (273 / 7) gives -9589.9;
 *   - holdout is the number of purchases in the holdout period;
 *   - spend is the mean value of the repeat purchases of the calibration
 *     period (the birth's amount left out), as in Fader, Hardie and Lee,
 *     "RFM and CLV" (2005), and lifetimes; 0 when x = 0.  On CDNOW this
 *     is the definition that gives the published Gamma-Gamma estimates
 *     (p = 6.25, q = 3.74, gamma = 15.44); with the birth counted in the
 *     mean the fit runs away (p above 1e10);
 *   - a customer born after the calibration end is "late": it has no
 *     calibration history, gets x = t_x = T = 0 (as if born at the
 *     calibration end) and is left out of the fit and of the holdout
 *     table; scoring it gives the model's figures for a new customer.
 *
 * The rows may come in any order: the histories are the same whatever
 * it is.  Each customer has one entry (its first and last purchase days,
 * its last calibration day, its purchase days in each period, the birth
 * day's amount and the repeat purchases' amount: 40 bytes), plus, in a
 * set of (customer, day) pairs (u64set.h), the purchase days strictly
 * between its first and last ones: a row of such a day must be told
 * apart from a new day, and its neighbours say nothing.  A customer with
 * one or two purchase days has no pair; one with n >= 3 has n - 2, each
 * 16 to 32 bytes of the set's table (8 a slot, at most half full).  Rows
 * in date order only ever add pairs, never look one up.
 *
 * Amounts are summed exactly (decimal.h), in units of the most precise
 * purchase amount: 64 bits in the entry while the sum of all purchases
 * fits in them, 128 bits beside it past that (a purchase that would take
 * that sum past 38 digits is refused, as in RFM mode, so that no sum can
 * overflow).  Spend is the sum rounded half away from zero to the
 * decimals the amounts have (crm_history_decimals), then divided by x:
 * exactly the same whatever the order of the rows.
 *
 * A customer whose rows are all refunds has an entry (numbered as the
 * others, so that a caller can keep values of its rows) but no history:
 * crm_history_get says refunds_only, and late too, so that the fit and
 * the holdout table leave it out as they leave out late customers.
 */
#ifndef CRM_HISTORY_H
#define CRM_HISTORY_H

#include <stddef.h>
#include <stdint.h>

#include "calendar.h"
#include "decimal.h"
#include "error.h"

/* A customer's history in a unit (see above). */
struct crm_history {
	uint32_t x;		/* repeat purchases in the calibration period */
	double t_x;		/* last calibration purchase minus the birth */
	double T;		/* calibration end minus the birth */
	uint32_t holdout;	/* purchases in the holdout period */
	double spend;		/* mean value of the repeat purchases */
	int late;		/* born after the calibration end */
	int refunds_only;	/* no purchase at all (late is 1 too) */
};

struct crm_history_set;

/*
 * A new, empty set of histories with this calibration end and as-of day
 * (days since 1970-01-01), cal_end <= as_of.  NULL on error (out of
 * memory, cal_end after as_of).
 */
struct crm_history_set *crm_history_new(int32_t cal_end, int32_t as_of,
    struct crm_error *e);

#define CRM_HISTORY_TOO_LARGE	(-2)	/* see crm_history_add */

/*
 * Folds an order row into its customer's history: id (idlen bytes), date
 * (days), amount (exact) and whether the row is a refund.  Returns the
 * customer's number (>= 0); -1 with *e filled: out of memory, or a date
 * after as-of (the caller filters them first, as RFM mode does); or
 * CRM_HISTORY_TOO_LARGE, *e untouched and nothing added, for a purchase
 * that would take the sum of all purchases past 38 digits (the caller
 * names its column: crm_field_sum_error, with crm_history_scale).
 */
long crm_history_add(struct crm_history_set *h, const char *id,
    size_t idlen, int32_t date, const struct crm_decimal *amount,
    int refund, struct crm_error *e);

/* The scale of the sums: the decimals of the most precise purchase. */
int crm_history_scale(const struct crm_history_set *h);

/*
 * Starts loading where the lookup of id will begin, so that a
 * crm_history_add of it after other work (parsing the rest of its row)
 * finds it in cache.
 */
void crm_history_prefetch(const struct crm_history_set *h, const char *id,
    size_t idlen);

/*
 * Spend is then rounded to d decimals (0 to 9; at most 9 are kept), the
 * most any amount had: without it (or with d < 0) spend is the exact
 * sum's nearest double, divided by x.
 */
void crm_history_decimals(struct crm_history_set *h, int d);

/*
 * The purchase days in the set (see above), and the bytes its table
 * holds: the cost per day the man page gives.
 */
size_t crm_history_day_pairs(const struct crm_history_set *h);
size_t crm_history_day_bytes(const struct crm_history_set *h);

/*
 * Customers in the set, refunds-only ones included (numbered 0.. in
 * first-seen order).
 */
size_t crm_history_count(const struct crm_history_set *h);

/* Customer i's id, NUL-terminated; valid until the next crm_history_add. */
const char *crm_history_id(const struct crm_history_set *h, size_t i);

/* Customer i's history in unit u. */
void crm_history_get(const struct crm_history_set *h, size_t i,
    enum crm_unit u, struct crm_history *out);

/* Refund rows seen so far. */
uint64_t crm_history_refunds(const struct crm_history_set *h);

/* The holdout period, as-of minus calibration end, in unit u. */
double crm_history_span(const struct crm_history_set *h, enum crm_unit u);

/* Days in unit u: 1, 7 or 365.25 / 12. */
double crm_history_unit_days(enum crm_unit u);

/*
 * What a part of the rows says of one customer (clvpartial.h writes and
 * reads it): merged by crm_history_merge, parts give the history the
 * rows would have given, whatever the split.  Its purchase days are
 * first, last and the days crm_history_next_day gives.
 */
struct crm_history_part {
	int has;		/* a purchase (else refunds only) */
	int32_t first, last;	/* its first and last purchase days */
	struct crm_decimal birth;	/* the first day's purchases, exact */
	struct crm_decimal repeat;	/* those of the calibration days
					   after it */
};

/* Customer i's part (its history so far, as a part). */
void crm_history_part(const struct crm_history_set *h, size_t i,
    struct crm_history_part *out);

/*
 * The purchase days strictly between a customer's first and last (the
 * rest of its part), in no order: start with *pos = 0; each call sets
 * *i (the customer's number) and *day and returns 1, then 0.
 */
int crm_history_next_day(const struct crm_history_set *h, size_t *pos,
    size_t *i, int32_t *day);

/*
 * Merges part p of customer id (idlen bytes): returns its number; -1
 * with *e when out of memory; CRM_HISTORY_TOO_LARGE, nothing added,
 * when its sums would take the sum of all purchases past 38 digits.
 */
long crm_history_merge(struct crm_history_set *h, const char *id,
    size_t idlen, const struct crm_history_part *p, struct crm_error *e);

/*
 * Merges a purchase day of customer id (one of a part's days between
 * its first and last; any day will do): its number, or -1 with *e.
 */
long crm_history_merge_day(struct crm_history_set *h, const char *id,
    size_t idlen, int32_t day, struct crm_error *e);

/* Customer numbers sorted by id (bytewise); malloc'd, or NULL. */
size_t *crm_history_order_by_id(const struct crm_history_set *h);

void crm_history_free(struct crm_history_set *h);

#endif
