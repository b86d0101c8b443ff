/*
 * history.h - each customer's purchase history for the customer-base
 * models (BG/NBD, Pareto/NBD, Gamma-Gamma), folded from order rows: one
 * entry per customer, never one per row.
 *
 * The rules, those of BTYD and lifetimes (and so of the published CDNOW
 * figures):
 *   - a purchase is a day on which the customer ordered: rows of one
 *     customer on one day are one purchase, their amounts summed;
 *   - a row with a negative amount is a refund: neither a purchase nor
 *     spend.  Refunds are only counted (crm_history_refunds); a customer
 *     with refunds only is not in the set;
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
 * Each customer's rows must come in date order, ascending or descending
 * (as exports list them: by date, or by customer and then date); rows of
 * one day need not be adjacent.  A row dated strictly between a customer's
 * first and last purchase days so far is an error: without keeping every
 * purchase day there is no telling whether that day was seen before.
 */
#ifndef CRM_HISTORY_H
#define CRM_HISTORY_H

#include <stddef.h>
#include <stdint.h>

#include "calendar.h"
#include "error.h"

/* A customer's history in a unit (see above). */
struct crm_history {
	uint32_t x;		/* repeat purchases in the calibration period */
	double t_x;		/* last calibration purchase minus the birth */
	double T;		/* calibration end minus the birth */
	uint32_t holdout;	/* purchases in the holdout period */
	double spend;		/* mean value of the repeat purchases */
	int late;		/* born after the calibration end */
};

struct crm_history_set;

/*
 * A new, empty set of histories with this calibration end and as-of day
 * (days since 1970-01-01), cal_end <= as_of.  NULL on error (out of
 * memory, cal_end after as_of).
 */
struct crm_history_set *crm_history_new(int32_t cal_end, int32_t as_of,
    struct crm_error *e);

/*
 * Folds an order row into its customer's history: id (idlen bytes), date
 * (days) and amount.  Returns 0, or -1 with *e filled: out of memory, a
 * date after as-of (the caller filters them first, as RFM mode does), an
 * amount that is not finite, or a row out of date order for its customer
 * (the message names the customer and the days).
 */
int crm_history_add(struct crm_history_set *h, const char *id, size_t idlen,
    int32_t date, double amount, struct crm_error *e);

/* Customers in the set (numbered 0.. in first-seen order). */
size_t crm_history_count(const struct crm_history_set *h);

/* Customer i's id, NUL-terminated; valid until the next crm_history_add. */
const char *crm_history_id(const struct crm_history_set *h, size_t i);

/* Customer i's history in unit u. */
void crm_history_get(const struct crm_history_set *h, size_t i,
    enum crm_unit u, struct crm_history *out);

/* Rows with a negative amount seen so far. */
uint64_t crm_history_refunds(const struct crm_history_set *h);

/* The holdout period, as-of minus calibration end, in unit u. */
double crm_history_span(const struct crm_history_set *h, enum crm_unit u);

/* Days in unit u: 1, 7 or 365.25 / 12. */
double crm_history_unit_days(enum crm_unit u);

/* Customer numbers sorted by id (bytewise); malloc'd, or NULL. */
size_t *crm_history_order_by_id(const struct crm_history_set *h);

void crm_history_free(struct crm_history_set *h);

#endif
