/*
 * paretotable.h - crm-pareto's table: the items read from CSV (every row,
 * or one per value of a --by column with the value summed), ranked by
 * pareto.h, and written back as CSV (the ranked table, the summary of
 * concentration figures) or as a chart (svg.h).
 *
 * Row mode keeps every input column in its place and appends (or
 * replaces) pareto_rank, share, cum_share, cum_item_share and
 * pareto_class.  Grouped mode writes the key, the sum, the number of rows
 * and the same five columns; memory is one entry per group.
 */
#ifndef CRM_PARETOTABLE_H
#define CRM_PARETOTABLE_H

#include <stdio.h>

#include "arena.h"
#include "config.h"
#include "csvio.h"
#include "error.h"
#include "group.h"
#include "pareto.h"
#include "table.h"

/* What the command line or a config (crm-config(5)) chooses. */
struct crm_pareto_opts {
	const char *value;	/* the value column; NULL until defaulted */
	const char *by;		/* sum per distinct value of this column */
	struct crm_decimal bounds[CRM_PARETO_MAX_BOUNDS];	/* percent */
	size_t nbounds;		/* 0: not chosen yet */
	int percent;		/* shares as percentages */
	int decimal_comma;	/* how values are written */
};

/*
 * Reads `value`, `by` and `classes` from a crm-pareto config into what
 * *o has not set (the command line wins).  Every key is checked even when
 * an option overrides it: a broken config is an error whatever the
 * command line says.  Strings point into cfg.  Status 2 errors at their
 * node.
 */
int crm_pareto_config(struct crm_pareto_opts *o, struct crm_config *cfg,
    struct crm_error *e);

/*
 * Fills in the defaults (value monetary, classes 80,95) and checks that
 * grouped output would not hold one column name twice (status 2).
 */
int crm_pareto_opts_finish(struct crm_pareto_opts *o, struct crm_error *e);

struct crm_pareto_table {
	struct crm_pareto_opts o;
	struct crm_pareto rank;
	struct crm_groups groups;	/* grouped mode */
	struct crm_arena rows;		/* row mode: the records, copied */
	long vcol, bycol;
	int decimals;			/* the most any value had, <= 9 */
	struct crm_decimal_column values;	/* scale, bounds of sums */
};

/* o is copied; its strings must outlive the table. */
int crm_pareto_table_init(struct crm_pareto_table *t,
    const struct crm_pareto_opts *o, struct crm_error *e);

/* Finds the value (and --by) columns in the header. */
int crm_pareto_table_bind(struct crm_pareto_table *t,
    const struct crm_header *h, struct crm_error *e);

/*
 * Adds one record; returns a verdict (error.h): bad for an invalid or
 * missing value, an empty key, or a value that would take the sum of the
 * positive values, or of the negative ones, past 38 digits (so that no
 * sum written, a group's, a class's or the total, can overflow); stop
 * when out of memory.
 */
int crm_pareto_table_add(struct crm_pareto_table *t,
    const struct crm_record *rec, struct crm_error *why);

/* Ranks the items once every record is in. */
int crm_pareto_table_rank(struct crm_pareto_table *t, struct crm_error *e);

/* Writes the ranked table; header is the input's (row mode). */
int crm_pareto_table_write(const struct crm_pareto_table *t,
    struct crm_csv_writer *w, const struct crm_record *header,
    struct crm_error *e);

/* Writes the concentration figures as metric,value rows. */
void crm_pareto_table_summary(const struct crm_pareto_table *t,
    struct crm_csv_writer *w);

/* Writes the chart. */
int crm_pareto_table_svg(const struct crm_pareto_table *t, FILE *fp,
    struct crm_error *e);

/* Nonzero when there are items but none with a positive value. */
int crm_pareto_table_all_nonpositive(const struct crm_pareto_table *t);

void crm_pareto_table_free(struct crm_pareto_table *t);

#endif
