/*
 * clvmode.h - crm-score's model mode: order rows in (read by the rules
 * of orderrow.h, folded into purchase histories by those of history.h,
 * with each customer's --keep values), BG/NBD or Pareto/NBD fitted (or
 * taken from --params-in), optionally Gamma-Gamma, then every customer's
 * figures (clv.h).  clvcsv.h writes what comes out.
 *
 *   crm_clvmode_init, crm_clvmode_bind, crm_clvmode_row per record,
 *   crm_clvmode_fit, crm_clvmode_score, [crm_clvmode_holdout],
 *   crm_clvmode_free.
 *
 * The kept values are those of the customer's most recent row, refunds
 * included; of rows on the same date, the one whose kept values sort
 * last (as in RFM mode: the same whatever the order of the rows).  Customers
 * with refunds only have no history: they are counted, not scored.
 */
#ifndef CRM_CLVMODE_H
#define CRM_CLVMODE_H

#include <stddef.h>
#include <stdint.h>

#include "btyd.h"
#include "clv.h"
#include "clvopts.h"
#include "gammagamma.h"
#include "history.h"
#include "kept.h"
#include "orderrow.h"
#include "rfmopts.h"

/* The columns after the id and the kept ones; the last 3 with spend. */
extern const char *const crm_clv_columns[8];

struct crm_clvmode {
	const struct crm_clv_opts *co;	/* finished; not owned */
	const struct crm_rfm_opts *ro;	/* the row options; not owned */
	struct crm_order_reader rd;
	struct crm_history_set *h;
	struct crm_kept kept;
	int32_t *kept_date;	/* by customer, with --keep */
	size_t kept_cap;
	size_t kept_n;		/* customers with a kept_date set */
	/* by crm_clvmode_fit */
	struct crm_btyd m;
	struct crm_gg g;	/* with co->spend */
	int fitted;		/* 0: the parameters of --params-in */
	struct crm_clv_estimate est, gest;	/* when fitted */
	/* by crm_clvmode_score */
	struct crm_clv_figures *fig;	/* by customer */
	size_t *order;		/* customer numbers sorted by id */
	size_t late, refunds_only;	/* customers */
};

/* Starts an empty mode; the options must outlive it.  -1 on error. */
int crm_clvmode_init(struct crm_clvmode *cm, const struct crm_clv_opts *co,
    const struct crm_rfm_opts *ro, struct crm_error *e);

/* Finds the row options' columns in the header (orderrow.h). */
int crm_clvmode_bind(struct crm_clvmode *cm, const struct crm_header *h,
    struct crm_error *e);

/*
 * Reads one order row and folds it in: a verdict (error.h), bad with
 * *why for a row orderrow.h refuses or whose amount times quantity is
 * not finite, stop when out of memory.
 */
int crm_clvmode_row(struct crm_clvmode *cm, const struct crm_record *rec,
    struct crm_error *why);

/*
 * Customer i's kept values become value[] (len[] bytes each) if date is
 * after that of the row they are from, or the same with values that
 * sort after them (kept.h).  0, or -1 when out of memory.
 */
int crm_clvmode_keep(struct crm_clvmode *cm, size_t i, int32_t date,
    char *const *value, const size_t *len, struct crm_error *e);

/*
 * Fits the model (and Gamma-Gamma with co->spend) to the calibration
 * histories, or takes the saved parameters.  Fails as clv.h's fits do.
 */
int crm_clvmode_fit(struct crm_clvmode *cm, struct crm_error *e);

/*
 * Every customer's figures over the horizon, and the order by id.  A
 * customer whose figures cannot be evaluated fails the run: the message
 * names it and says why.
 */
int crm_clvmode_score(struct crm_clvmode *cm, struct crm_error *e);

/* The holdout table (clv.h), for the model as fitted or taken. */
int crm_clvmode_holdout(const struct crm_clvmode *cm,
    struct crm_clv_holdout_row *rows, struct crm_error *e);

/* Refund rows, future rows left out (--ignore-future). */
uint64_t crm_clvmode_refunds(const struct crm_clvmode *cm);
size_t crm_clvmode_future(const struct crm_clvmode *cm);

void crm_clvmode_free(struct crm_clvmode *cm);

#endif
