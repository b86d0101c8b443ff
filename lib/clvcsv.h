/*
 * clvcsv.h - the CSV of crm-score's model mode: the customer table, the
 * parameters (--params) and the holdout table (--holdout) written, saved
 * parameters (--params-in) read back, and the numbers in them.
 *
 * Numbers are written in plain decimals (the contract's numbers have no
 * exponent, so that crm-segment and crm-followup read them back): the
 * figures with at least 6 significant digits and every digit of the
 * integer part, trailing zeros dropped (0.734562, 38.8571, 1234567.5);
 * the parameters with the fewest digits that read back as the same
 * double (at most 17), so that scoring with saved parameters gives the
 * figures of the fit itself.
 *
 * The parameters file (crm-score(1)):
 *   parameter,value,std_error
 *   r,...,...          the model's four, named r alpha a b (bgnbd) or
 *                      r alpha s beta (pnbd)
 *   p,...,...          with --spend gamma-gamma: p q gamma
 *   log_likelihood,...,    the purchase model's fit: its log-likelihood,
 *   customers,...,         customers and optimiser iterations
 *   iterations,...,
 *   spend_log_likelihood,...,  the same for the spend model, with it
 *   spend_customers,...,
 *   spend_iterations,...,
 *   unit_days,7,       the days of the unit the parameters are in
 * std_error is empty where the fit has none (a note says why).
 */
#ifndef CRM_CLVCSV_H
#define CRM_CLVCSV_H

#include <stddef.h>

#include "btyd.h"
#include "clv.h"
#include "csvio.h"
#include "error.h"
#include "gammagamma.h"
#include "options.h"

struct crm_clvmode;

/* Saved parameters, as read by crm_clvcsv_read_params. */
struct crm_clv_params {
	struct crm_btyd m;	/* the model's four */
	struct crm_gg g;	/* p, q, gamma: all or none */
	int have_gg;
	double unit_days;	/* 0: not in the file */
	long unit_line;		/* where it is */
};

/*
 * Writes v with at least 6 significant digits (see above) into buf
 * (CRM_NUMBER_SIZE bytes are enough for any finite double); returns
 * the length.
 */
int crm_clvcsv_number(double v, char *buf, size_t size);

/* The same with the fewest digits that read back as v (see above). */
int crm_clvcsv_exact(double v, char *buf, size_t size);

/*
 * The customer table, sorted by id: id, the kept columns, then
 * crm_clv_columns (the spend ones with co->spend); customers with
 * refunds only are left out.  A write error is left on the stream, for
 * the commit of the output to report.
 */
void crm_clvcsv_write_figures(const struct crm_clvmode *cm,
    struct crm_csv_writer *w);

/* The parameters file of a fit (see above); errors as above. */
void crm_clvcsv_write_params(const struct crm_clvmode *cm,
    struct crm_csv_writer *w);

/*
 * The holdout table: x (0 to 6, 7+, all), customers, actual and
 * expected mean purchases in the holdout period.
 */
void crm_clvcsv_write_holdout(const struct crm_clv_holdout_row *rows,
    struct crm_csv_writer *w);

/*
 * Reads saved parameters from path (read as the orders are, with c's
 * delimiter and encoding): columns parameter and value, a row for each
 * of the model's four, p, q and gamma when need_gg, unit_days if the
 * file has it; the summary rows of a fit are allowed and ignored.  Each
 * value a number above 0.  Errors, status 2 (the file is the run's
 * configuration), at FILE:LINE: an unknown name or one given twice, a
 * bad value; at FILE: a missing parameter.
 */
int crm_clvcsv_read_params(const char *path, const struct crm_common *c,
    enum crm_btyd_model model, int need_gg, struct crm_clv_params *p,
    struct crm_error *e);

#endif
