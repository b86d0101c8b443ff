/*
 * rfmopts.h - what the command line and the `rfm:` section of a crm-score
 * config choose for RFM scoring (rfm.h), checked as it is read.
 *
 * The command line wins over the config: an option sets its member, and
 * crm_rfm_config fills in only what is still unset (yet checks every key,
 * so that a broken config is an error whatever the command line says).
 * crm_rfm_opts_finish then gives the rest their defaults.  Every error
 * here is bad usage or bad config (status 2); option values are named
 * with the option ("invalid --bins \"12\": ..."), config values carry
 * their FILE:LINE:COLUMN.
 */
#ifndef CRM_RFMOPTS_H
#define CRM_RFMOPTS_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "decimal.h"
#include "error.h"
#include "options.h"
#include "scale.h"

#define CRM_RFM_MAX_KEEP	64	/* --keep columns */

enum { CRM_R, CRM_F, CRM_M };		/* the three measures */

struct crm_rfm_opts {
	const char *id, *date, *amount;	/* NULL until defaulted */
	const char *quantity;	/* amount is then the unit price */
	const char *order;	/* order ids: count orders, not rows */
	const char *keep[CRM_RFM_MAX_KEEP];	/* columns carried along */
	size_t nkeep;
	char *keep_text;	/* the --keep list, split in place; owned */
	int bins;		/* 0: not chosen yet */
	int binning;		/* a crm_scale_kind; -1: not chosen yet */
	int monetary_mean;	/* mean order value; -1: not chosen yet */
	struct crm_decimal weight[3];	/* rfm_score = sum(weight * score) */
	int weights_given;	/* else rfm_score is the cell */
	struct crm_scale fixed[3];	/* from the config's breaks */
	int has_fixed[3];
	int ignore_future;	/* skip rows after as_of instead of failing */
	/* the columns after the id and kept ones; NULL: crm_rfm_columns */
	const char *const *columns;
	size_t ncolumns;
	/* from the common options, by crm_rfm_opts_finish */
	int32_t as_of;
	const char *date_format;
	int decimal_comma;
};

/* Nothing chosen yet. */
void crm_rfm_opts_init(struct crm_rfm_opts *o);

/*
 * The values of --keep (names separated by commas, 1 to
 * CRM_RFM_MAX_KEEP; copied), --bins (2 to CRM_SCALE_MAX_BINS), --binning
 * (quantile or r-rfm), --monetary (sum or mean) and --weights (R,F,M,
 * none negative).  Return 0, or -1 with *e filled (status 2).
 */
int crm_rfm_opts_keep(struct crm_rfm_opts *o, const char *text,
    struct crm_error *e);
int crm_rfm_opts_bins(struct crm_rfm_opts *o, const char *text,
    struct crm_error *e);
int crm_rfm_opts_binning(struct crm_rfm_opts *o, const char *text,
    struct crm_error *e);
int crm_rfm_opts_monetary(struct crm_rfm_opts *o, const char *text,
    struct crm_error *e);
int crm_rfm_opts_weights(struct crm_rfm_opts *o, const char *text,
    struct crm_error *e);

/*
 * Reads the `rfm:` mapping n of cfg (bins, binning, monetary, breaks:
 * cut points per measure, weights: per measure) into what *o has not
 * set; breaks are config-only.  Errors at their node (status 2).
 */
int crm_rfm_config(struct crm_rfm_opts *o, struct crm_config *cfg,
    yaml_node_t *n, struct crm_error *e);

/*
 * Gives what is still unset its default (customer_id, order_date, amount,
 * 5 bins, quantile binning, monetary sum), takes as-of, date format and
 * decimal comma from c, and refuses a --keep column that would appear
 * twice in the output (the id, one of the columns after it: the RFM
 * ones, or o->columns when set, or a repeat).
 */
int crm_rfm_opts_finish(struct crm_rfm_opts *o, const struct crm_common *c,
    struct crm_error *e);

/* The names of the RFM columns written after the id and the kept ones. */
extern const char *const crm_rfm_columns[10];

void crm_rfm_opts_free(struct crm_rfm_opts *o);

#endif
