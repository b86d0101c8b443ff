/*
 * paretotable.h - crm-pareto's table: the items read from CSV (every row,
 * or one per value of a --by column with the value summed), ranked by
 * pareto.h, and written back as CSV (the ranked table, the summary of
 * concentration figures) or as a chart (svg.h).
 *
 * Row mode keeps every input column in its place and appends (or
 * replaces) pareto_rank, share, cum_share, cum_item_share and
 * pareto_class.  Grouped mode writes the key, the --keep columns (of
 * each group's rows, the values that sort last, compared column by
 * column, byte by byte: kept.h), the sum, the number of rows and the
 * same five columns; groups of equal sums are ranked in the order of
 * their keys (bytewise).  Neither depends on the order of the rows, so
 * that parts of the input summed apart and merged give the same table.
 * Memory is one entry per group, plus one copy of its kept values.
 */
#ifndef CRM_PARETOTABLE_H
#define CRM_PARETOTABLE_H

#include <stdio.h>

#include "arena.h"
#include "config.h"
#include "csvio.h"
#include "error.h"
#include "group.h"
#include "kept.h"
#include "lookahead.h"
#include "pareto.h"
#include "table.h"

#define CRM_PARETO_MAX_KEEP	64	/* --keep columns, as crm-score's */

/* What the command line or a config (crm-config(5)) chooses. */
struct crm_pareto_opts {
	const char *value;	/* the value column; NULL until defaulted */
	const char *by;		/* sum per distinct value of this column */
	struct crm_decimal bounds[CRM_PARETO_MAX_BOUNDS];	/* percent */
	size_t nbounds;		/* 0: not chosen yet */
	int percent;		/* shares as percentages */
	int decimal_comma;	/* how values are written */
	/* --keep: columns carried beside the --by key (grouped mode) */
	const char *keep[CRM_PARETO_MAX_KEEP];
	size_t nkeep;
	char *keep_text;	/* the --keep list, split in place; owned */
	const char *label;	/* --label: the chart's item labels, or NULL */
};

/*
 * The values of --keep (names separated by commas, 1 to
 * CRM_PARETO_MAX_KEEP of them, none empty) into o->keep.  A second call
 * replaces the first.  Status 2 for a bad list; free with
 * crm_pareto_opts_free.
 */
int crm_pareto_opts_keep(struct crm_pareto_opts *o, const char *text,
    struct crm_error *e);

/* Frees what crm_pareto_opts_keep allocated; o may be used again. */
void crm_pareto_opts_free(struct crm_pareto_opts *o);

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
 * Fills in the defaults (value monetary, classes 80,95) and checks, with
 * status 2: that grouped output would not hold one column name twice
 * (the key, the kept columns, the value, rows and the five of ours);
 * that --keep comes with --by (without it every column is kept); that
 * with --by, --label names the key or a kept column (the only columns
 * a group has).
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
	/* --keep and --label (added for issue 14; beside the sums) */
	long keepc[CRM_PARETO_MAX_KEEP];	/* the kept columns */
	struct crm_kept kept;		/* by group number */
	long labelc;			/* row mode: the label column or -1 */
	long label_kept;		/* grouped: a kept column, or -1: key */
	/* grouped: rows on their way to their group (lookahead.h) */
	struct crm_lookahead ahead;
};

/* o is copied; its strings must outlive the table. */
int crm_pareto_table_init(struct crm_pareto_table *t,
    const struct crm_pareto_opts *o, struct crm_error *e);

/*
 * Finds the value (and --by, --keep and --label) columns in the header.
 * Without --label, the chart labels a group with its first kept value
 * (the key without --keep) and a row with its first column, or its
 * second when the first is the value.
 */
int crm_pareto_table_bind(struct crm_pareto_table *t,
    const struct crm_header *h, struct crm_error *e);

/*
 * Instead of crm_pareto_table_bind, for --merge (with --by): the input
 * is partial state (paretopartial.h), which has no header.
 */
int crm_pareto_table_bind_merge(struct crm_pareto_table *t,
    struct crm_error *e);

/*
 * Adds one record; returns a verdict (error.h): bad for an invalid or
 * missing value, an empty key, or a value that would take the sum of the
 * positive values, or of the negative ones, past 38 digits (so that no
 * sum written, a group's, a class's or the total, can overflow); stop
 * when out of memory.
 */
int crm_pareto_table_add(struct crm_pareto_table *t,
    const struct crm_record *rec, struct crm_error *why);

/*
 * What a part of the rows says of one group (paretopartial.h writes and
 * reads it): merged, parts give the table the rows would have given.
 */
struct crm_pareto_part {
	struct crm_decimal sum;	/* of the group's values, exact */
	size_t rows;		/* summed */
	int decimals;		/* the most the part's values had */
	char *const *keep;	/* the kept values that sort last (nkeep) */
	const size_t *keeplen;
};

/*
 * Merges part p of the group of key (len bytes) into the table (--by):
 * a verdict, bad when its sum would take the sums past 38 digits, stop
 * when out of memory.
 */
int crm_pareto_table_merge_group(struct crm_pareto_table *t,
    const char *key, size_t len, const struct crm_pareto_part *p,
    struct crm_error *why);

/*
 * Folds in the records still on their way to their group (grouped, a
 * few are held back to overlap their cache misses): call it once every
 * record is in, before the groups are read (crm_pareto_table_rank calls
 * it; crm_pareto_table_write_partial and crm_pareto_table_merge do not).
 * 0, or -1 with *e filled when out of memory.
 */
int crm_pareto_table_finish(struct crm_pareto_table *t, struct crm_error *e);

/* Ranks the items once every record is in. */
int crm_pareto_table_rank(struct crm_pareto_table *t, struct crm_error *e);

/* Writes the ranked table; header is the input's (row mode). */
int crm_pareto_table_write(const struct crm_pareto_table *t,
    struct crm_csv_writer *w, const struct crm_record *header,
    struct crm_error *e);

/* Writes the concentration figures as metric,value rows. */
void crm_pareto_table_summary(const struct crm_pareto_table *t,
    struct crm_csv_writer *w);

/*
 * The chart's label of a ranked item (see crm_pareto_table_bind): a kept
 * value that is empty gives way to the key.  NULL when a row has no
 * label column (a one-column input).
 */
const char *crm_pareto_table_label(const struct crm_pareto_table *t,
    const struct crm_pareto_item *it);

/*
 * Writes the chart (svg.h): values written with the most decimals any
 * had, in the input's notation (--decimal-comma), items labelled as
 * crm_pareto_table_label says.
 */
int crm_pareto_table_svg(const struct crm_pareto_table *t, FILE *fp,
    struct crm_error *e);

/* Nonzero when there are items but none with a positive value. */
int crm_pareto_table_all_nonpositive(const struct crm_pareto_table *t);

void crm_pareto_table_free(struct crm_pareto_table *t);

#endif
