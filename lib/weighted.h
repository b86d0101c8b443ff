/*
 * weighted.h - weighted multi-criteria scoring of accounts, distributors
 * or leads, from the `criteria:` list of a crm-score config.
 *
 * Each criterion turns one column into points from 0 to 100:
 *   minmax  (x - min) / (max - min) * 100 over the column (reversed with
 *           direction: lower); every value 100 when max == min
 *   rank    percentile rank (r - 1) / (n - 1) * 100 with r the mean
 *           1-based rank of the value among the column's n values in
 *           ascending order (reversed with direction: lower); ties share
 *           the mean rank; a single value gets 100
 *   bands   the points of the last band whose `from` is <= x; a value
 *           below the first band gets 0
 *   map     the points of the text value (exact match after trimming
 *           spaces, case-insensitive ASCII); an unmapped text is an error
 *           unless `default` gives its points
 * A missing (empty) field is treated as `missing:` says: zero (0 points),
 * mean (the mean points of the column's present values) or error (the
 * default: a bad record).  The score is sum(weight * points) / sum(weight),
 * so weights need not add up to 100; the score is 0..100.
 *
 * minmax, rank and missing: mean need the whole column: the caller feeds
 * every record to crm_weighted_observe before crm_weighted_prepare, then
 * scores them; otherwise prepare can follow at once and records stream.
 */
#ifndef CRM_WEIGHTED_H
#define CRM_WEIGHTED_H

#include <stddef.h>

#include "config.h"
#include "csvio.h"
#include "error.h"
#include "rowwise.h"
#include "table.h"

enum crm_points_kind {
	CRM_POINTS_MINMAX, CRM_POINTS_RANK, CRM_POINTS_BANDS, CRM_POINTS_MAP
};

enum crm_missing {
	CRM_MISSING_ERROR, CRM_MISSING_ZERO, CRM_MISSING_MEAN
};

struct crm_band {
	double from;
	double points;
};

struct crm_map_entry {
	const char *text;	/* owned by the config document */
	double points;
};

struct crm_criterion {
	const char *column;	/* header name; owned by the config */
	const char *label;	/* --explain column; "points_<column>" */
	long col;		/* header index, set by crm_weighted_bind */
	double weight;		/* > 0 */
	enum crm_points_kind kind;
	int lower_is_better;	/* direction: lower (minmax, rank) */
	enum crm_missing missing;
	struct crm_band *bands;	/* from strictly increasing */
	size_t nbands;
	struct crm_map_entry *map;
	size_t nmap;
	int has_default;
	double default_points;
	/* column statistics, from observe/prepare */
	double *values;		/* present numbers; sorted by prepare */
	size_t nvalues, capvalues;
	double min, max;
	double points_sum;	/* for missing: mean, over present values */
	size_t points_n;
	double mean_points;
};

struct crm_weighted {
	struct crm_criterion *c;
	size_t n;
	double weight_sum;
	int needs_table;	/* some criterion needs the whole column */
	int decimal_comma;
	char label_buf[4096];	/* storage for the default labels */
	/* the row-wise step (crm_weighted_rowwise) */
	int explain;
	const char **names;	/* score, then the labels */
	double *points;		/* by criterion */
	char *text;		/* the formatted score and points */
};

/*
 * Reads the `criteria` node (a list of mappings with the keys column,
 * weight, points, direction, missing, bands, map, default, label) from
 * cfg.  Unknown keys, wrong types and inconsistent settings (bands for a
 * map criterion, bands not increasing, points outside 0..100, a
 * direction on bands or map, no criteria) are config errors at their
 * node (status 2).
 */
int crm_weighted_load(struct crm_weighted *w, struct crm_config *cfg,
    yaml_node_t *criteria, int decimal_comma, struct crm_error *e);

/* Finds every criterion's column in the header (status 2 if missing). */
int crm_weighted_bind(struct crm_weighted *w, const struct crm_header *h,
    struct crm_error *e);

/*
 * Records one record's values for the column-wide criteria.  A bad value
 * (an invalid number, an unmapped text, a missing value with missing:
 * error) fails with status 1 and a message naming the column (the caller
 * adds file and line: e->line is left 0).
 */
int crm_weighted_observe(struct crm_weighted *w, const struct crm_record *rec,
    struct crm_error *e);

/* Computes the column statistics; call once, after the last observe. */
int crm_weighted_prepare(struct crm_weighted *w, struct crm_error *e);

/*
 * Scores one record: *score is 0..100; points (if not NULL, w->n of them)
 * receives each criterion's points.  Bad values fail as in observe.
 */
int crm_weighted_score(const struct crm_weighted *w,
    const struct crm_record *rec, double *score, double *points,
    struct crm_error *e);

/*
 * Sets rw to the row-wise step of crm-score's weighted mode over a loaded
 * and bound w: each record gets score (at most 2 decimals) and, with
 * explain, each criterion's points under its label; records are held
 * first when a criterion needs the whole column.  A bad value (status 1
 * from observe or score) is a bad record, any other failure stops the
 * run.  Fails only when out of memory.
 */
int crm_weighted_rowwise(struct crm_weighted *w, int explain,
    struct crm_rowwise *rw, struct crm_error *e);

void crm_weighted_free(struct crm_weighted *w);

#endif
