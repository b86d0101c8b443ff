/*
 * clv.h - the customer-base models on a set of purchase histories
 * (history.h): fitting them, each customer's figures, and the holdout
 * table.  This is the API of crm-score's model mode: histories in,
 * parameters and per-customer figures out, every failure a struct
 * crm_error, nothing printed.
 *
 *   set = crm_history_new(cal_end, as_of, e); crm_history_add(...) per row
 *   crm_clv_fit_purchases(set, unit, &model, &est, e)   (model.model set)
 *   crm_clv_fit_spend(set, unit, &gg, &gest, e)          (optional)
 *   crm_clv_score_all(&model, &gg or NULL, set, order, unit, horizon,
 *       discount, figures, e)
 *   crm_clv_holdout(&model, set, unit, rows, e)
 *
 * Saved parameters (--params-in) go straight into struct crm_btyd and
 * struct crm_gg: scoring does not need a fit.
 *
 * Per customer (crm_clv_score):
 *   p_alive             P(alive at the calibration end), btyd.h;
 *   expected_purchases  E[Y(h) | x, t_x, T], the conditional expectation
 *                       over the horizon h (FHL eq. 10, FH05 eq. 41);
 *   expected_spend      E(M | p, q, gamma, m, x), FH13 eq. (5): the
 *                       value to expect of each future purchase;
 *   clv                 expected_spend times the expected purchases of
 *                       each unit of the horizon discounted to the
 *                       calibration end:
 *                         sum_{k=1..K} (E[Y(t_k)] - E[Y(t_{k-1})])
 *                                      / (1 + d)^t_k,
 *                       t_k = min(k, h), K = ceil(h), d the discount
 *                       rate per unit (0: none; then clv is
 *                       expected_spend * expected_purchases).  Spend and
 *                       purchases are independent in the Gamma-Gamma
 *                       model (FHL05), so the product is the expected
 *                       value.  Purchases of a unit are discounted from
 *                       the unit's end.
 */
#ifndef CRM_CLV_H
#define CRM_CLV_H

#include <stddef.h>

#include "btyd.h"
#include "calendar.h"
#include "error.h"
#include "gammagamma.h"
#include "history.h"

/* A fitted model: up to four parameters, their errors, the fit. */
struct crm_clv_estimate {
	double value[CRM_BTYD_NPARAM];	/* as in crm_btyd or crm_gg */
	double se[CRM_BTYD_NPARAM];	/* standard errors, if have_se */
	int have_se;
	struct crm_error se_error;	/* why not, when !have_se */
	double loglik;
	double customers;		/* in the fit */
	long iterations;		/* of the optimisers, in all */
};

/*
 * Fits m->model (set by the caller) to the calibration histories of the
 * set's customers, in unit u, leaving the estimates in m->par and the
 * fit in *est.  Late customers (history.h) are not in it.  Fails when the
 * fit fails; standard errors that cannot be had are not a failure
 * (est->have_se = 0, est->se_error says why).
 */
int crm_clv_fit_purchases(const struct crm_history_set *h, enum crm_unit u,
    struct crm_btyd *m, struct crm_clv_estimate *est, struct crm_error *e);

/*
 * Fits the Gamma-Gamma spend model to the set's repeat buyers (x >= 1 in
 * the calibration period) with spend above 0, into *g and *est.
 */
int crm_clv_fit_spend(const struct crm_history_set *h, enum crm_unit u,
    struct crm_gg *g, struct crm_clv_estimate *est, struct crm_error *e);

struct crm_clv_figures {
	double p_alive;
	double expected_purchases;	/* over the horizon */
	double expected_spend;		/* per purchase; 0 without spend */
	double clv;			/* 0 without spend */
};

/*
 * One customer's figures (see above) over a horizon of h units (>= 0,
 * at most 1e6) with discount rate d per unit (>= 0); g NULL: no spend
 * figures.  Fails with the reason (the caller names the customer).
 */
int crm_clv_score(const struct crm_btyd *m, const struct crm_gg *g,
    const struct crm_history *c, double h, double d,
    struct crm_clv_figures *out, struct crm_error *e);

/*
 * Every customer's figures, out[i] for customer i of the set (in unit
 * u); all 0 for a customer with refunds only (it has no history).
 * Customers with the same x and T share the expensive part.  They are
 * scored in the order of order (customer numbers; NULL: by number), so
 * that a failure, which names the customer, names the first one in that
 * order (crm-score: by id, whatever the order of the rows).
 */
int crm_clv_score_all(const struct crm_btyd *m, const struct crm_gg *g,
    const struct crm_history_set *s, const size_t *order, enum crm_unit u,
    double h, double d, struct crm_clv_figures *out, struct crm_error *e);

#define CRM_CLV_HOLDOUT_ROWS	9

/*
 * A row of the holdout table of FHL's Figure 3: the customers with x
 * repeat purchases in the calibration period (x = 7 stands for 7 or
 * more; x = -1 for all), the mean of their purchases in the holdout
 * period, and the mean of the model's E[Y(span) | x, t_x, T] over the
 * same customers, span the holdout period's length.  Means are 0 for
 * a row without customers.
 */
struct crm_clv_holdout_row {
	int x;
	double customers;
	double actual, expected;
};

/* rows[0..8]: x = 0 .. 6, 7 or more, then all.  Late customers are out. */
int crm_clv_holdout(const struct crm_btyd *m, const struct crm_history_set *s,
    enum crm_unit u, struct crm_clv_holdout_row *rows, struct crm_error *e);

#endif
