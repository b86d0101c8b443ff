/*
 * clvopts.h - what the command line chooses for crm-score's model mode
 * (clvmode.h): the model, the spend model, the unit, the calibration
 * end, the horizon, the discount rate, saved parameters, and the side
 * outputs; checked as they are read and again, together, by
 * crm_clv_opts_finish.  Every error here is bad usage (status 2), the
 * option named with its value: invalid --unit "fortnight": expected
 * day, week or month.
 */
#ifndef CRM_CLVOPTS_H
#define CRM_CLVOPTS_H

#include <stdint.h>

#include "btyd.h"
#include "calendar.h"
#include "clvcsv.h"
#include "error.h"
#include "options.h"

#define CRM_CLV_MAX_YEARS	100	/* the longest horizon */

struct crm_clv_opts {
	int model;		/* enum crm_btyd_model; -1: no --model */
	int spend;		/* --spend gamma-gamma */
	int unit;		/* enum crm_unit; -1: not chosen yet */
	int32_t cal_end;	/* days; with cal_end_given */
	int cal_end_given;
	const char *horizon_text;	/* --horizon, checked by finish */
	double horizon;		/* units, by finish */
	double discount;	/* rate per unit */
	const char *params;	/* --params FILE: the fit, as CSV */
	const char *params_in;	/* --params-in FILE: score with these */
	const char *holdout;	/* --holdout FILE: FHL's Figure 3 table */
	/* by finish */
	int32_t as_of;
	struct crm_clv_params saved;	/* read from params_in */
};

/* Nothing chosen yet: not model mode. */
void crm_clv_opts_init(struct crm_clv_opts *o);

/*
 * The values of --model (bgnbd or pnbd), --spend (gamma-gamma), --unit
 * (day, week or month), --calibration-end (a date as --as-of takes it)
 * and --discount (a rate per unit, 0 to 1); --horizon is only kept, its
 * range depending on the unit.  Return 0, or -1 with *e (status 2).
 */
int crm_clv_opts_model(struct crm_clv_opts *o, const char *text,
    struct crm_error *e);
int crm_clv_opts_spend(struct crm_clv_opts *o, const char *text,
    struct crm_error *e);
int crm_clv_opts_unit(struct crm_clv_opts *o, const char *text,
    struct crm_error *e);
int crm_clv_opts_calibration_end(struct crm_clv_opts *o, const char *text,
    struct crm_error *e);
int crm_clv_opts_discount(struct crm_clv_opts *o, const char *text,
    struct crm_error *e);

/*
 * Reads --params-in (clvcsv.h), then gives what is unset its default
 * (the unit of the saved parameters, else week; the calibration end
 * as-of; the horizon 364 days, 52 weeks, in the unit) and checks what
 * goes together: the calibration end not after as-of, a holdout period
 * for --holdout, the horizon a whole number of units from 1 to
 * CRM_CLV_MAX_YEARS years, the unit of the saved parameters, no --params
 * with --params-in (there is no fit to write).  Errors are status 2.
 */
int crm_clv_opts_finish(struct crm_clv_opts *o, const struct crm_common *c,
    struct crm_error *e);

/* "day", "week" or "month"; plural: "days"... */
const char *crm_clv_unit_name(enum crm_unit u, int plural);

#endif
