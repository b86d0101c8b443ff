/*
 * btyd.h - the BG/NBD and Pareto/NBD models of repeat buying ("buy till
 * you die"): a customer's log-likelihood, probability of being alive and
 * conditional expected purchases, from the history (x, t_x, T) and the
 * four parameters, all in one time unit.
 *
 * References (formulas in btyd.c, each with its source):
 *   FHL  Fader, Hardie and Lee (2005), "Counting your customers the easy
 *        way: an alternative to the Pareto/NBD model", Marketing Science
 *        24(2), 275-284: BG/NBD likelihood (6), expectation (10);
 *   FH08 Fader and Hardie (2008), "Computing P(alive) using the BG/NBD
 *        model" (note 021): BG/NBD P(alive);
 *   SMC  Schmittlein, Morrison and Colombo (1987), "Counting your
 *        customers: who are they and what will they do next?", Management
 *        Science 33(1), 1-24: the Pareto/NBD model;
 *   FH05 Fader and Hardie (2005), "A note on deriving the Pareto/NBD
 *        model and related expressions" (note 009): Pareto/NBD likelihood
 *        (section 3, eqs. 18-20 of the November 2005 text), P(alive)
 *        (section 5.1) and conditional expectation (section 6, eq. 41).
 *
 * Everything is computed in logarithms, and every function either gives
 * a finite number or fails with the reason in *e; it never gives nan or
 * inf.  The hypergeometric functions come from GSL
 * (gsl_sf_hyperg_2F1_e, after the transformations said in btyd.c); where
 * GSL cannot evaluate one to full precision the same quantity is computed
 * from its defining integral with GSL's adaptive quadrature.  The
 * functions turn GSL's abort-on-error handler off (gsl_set_error_handler_off)
 * the first time they run: lib/ never exits.
 */
#ifndef CRM_BTYD_H
#define CRM_BTYD_H

#include "error.h"

enum crm_btyd_model { CRM_BGNBD, CRM_PNBD };

#define CRM_BTYD_NPARAM	4

/* A model and its parameters, all > 0. */
struct crm_btyd {
	enum crm_btyd_model model;
	double par[CRM_BTYD_NPARAM];	/* r alpha a b, or r alpha s beta */
};

/* "bgnbd" or "pnbd". */
const char *crm_btyd_model_name(enum crm_btyd_model m);

/* Parameter i's name: r, alpha, a, b (BG/NBD) or r, alpha, s, beta. */
const char *crm_btyd_param_name(enum crm_btyd_model m, int i);

/* Every parameter finite and above 0; else an error naming it. */
int crm_btyd_check_params(const struct crm_btyd *m, struct crm_error *e);

/*
 * The checks every function below makes on its arguments: parameters
 * finite and > 0, x a whole number >= 0, 0 <= t_x <= T finite, t_x = 0
 * when x = 0.  Returns 0 or -1 with the reason.
 */
int crm_btyd_check(const struct crm_btyd *m, double x, double t_x,
    double T, struct crm_error *e);

/* *ll = log L(params | x, t_x, T), the customer's log-likelihood. */
int crm_btyd_loglik(const struct crm_btyd *m, double x, double t_x,
    double T, double *ll, struct crm_error *e);

/* *p = P(alive at T | x, t_x, T), in [0, 1]. */
int crm_btyd_p_alive(const struct crm_btyd *m, double x, double t_x,
    double T, double *p, struct crm_error *e);

/*
 * *ey = E[Y(t) | x, t_x, T], the expected purchases in (T, T + t], t >= 0:
 * P(alive) times the purchases an alive customer with this x and T makes
 * in t units (crm_btyd_alive_purchases).
 */
int crm_btyd_expected(const struct crm_btyd *m, double x, double t_x,
    double T, double t, double *ey, struct crm_error *e);

/*
 * *ey = the expected purchases in (T, T + t] of a customer alive at T
 * with x repeat purchases by age T.  It does not depend on t_x: scoring
 * can share it between customers with the same x and T.
 */
int crm_btyd_alive_purchases(const struct crm_btyd *m, double x, double T,
    double t, double *ey, struct crm_error *e);

/*
 * Pieces shared with the fit (btydfit.c), which evaluates them once per
 * distinct value rather than once per customer.
 */

/* Turns GSL's abort-on-error handler off, once. */
void crm_btyd_gsl_quiet(void);

/* GSL's log-gamma and log-beta: 0, or -1 when not finite or failing. */
int crm_btyd_lngamma(double x, double *out);
int crm_btyd_lnbeta(double a, double b, double *out);

/* log(exp(a) + exp(b)), without overflow. */
double crm_btyd_logaddexp(double a, double b);

/* log(1 - exp(d)) for d < 0, precise at both ends. */
double crm_btyd_log1mexp(double d);

/*
 * Pareto/NBD: *lnf = log F(tau), F the antiderivative of FH05's A0 (see
 * btyd.c), for a pnbd model.  -1 (nothing else) when GSL cannot give the
 * 2F1 in it to full precision: then use crm_btyd_pnbd_lnsi_quad.
 */
int crm_btyd_pnbd_lnf(const struct crm_btyd *m, double x, double tau,
    double *lnf);

/*
 * log(s/(r+s+x) A0) from f1 = log F(t_x) and f2 = log F(T); *zero when
 * A0 is 0 or below the rounding of the likelihood.
 */
void crm_btyd_pnbd_lnsi_from_f(const struct crm_btyd *m, double x,
    double f1, double f2, double *lnsi, int *zero);

/* The same from the integral that defines A0, by GSL's quadrature. */
int crm_btyd_pnbd_lnsi_quad(const struct crm_btyd *m, double x, double t_x,
    double T, double *lnsi, struct crm_error *e);

/* The same, from the 2F1 where GSL can, else by the quadrature. */
int crm_btyd_pnbd_lnsi(const struct crm_btyd *m, double x, double t_x,
    double T, double *lnsi, int *zero, struct crm_error *e);

/*
 * BG/NBD: crm_btyd_alive_purchases from its defining integral (GSL's
 * quadratures), which it uses where the 2F1 cannot be had.
 */
int crm_btyd_bgnbd_alive_quad(const struct crm_btyd *m, double x, double T,
    double t, double *ey, struct crm_error *e);

#endif
