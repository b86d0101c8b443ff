/*
 * segment.h - crm-segment's model: where the rules come from, what they
 * are told, and what a run of them adds up to.
 *
 * The rules come from a built-in preset (presets.h), from the user's
 * config (-c FILE), or from a preset that the user's config names with
 * `preset:` and may then only give `params`, `column` and `default`.
 * A rules document has the top-level keys params, default, column, rules
 * and require (crm-config(5)).
 *
 * Precedence, from the weakest:
 *   parameters ("${NAME}" in the rules' text): the rules' own `params:`
 *   defaults, then the user's `params:` (with a preset; only names the
 *   rules have), then --set NAME=VALUE (likewise);
 *   the output column: "segment", the rules' `column:`, the user's (with
 *   a preset), --column;
 *   the default segment: the rules' `default:`, the user's (with a
 *   preset); one of them must say it.
 *
 * Then each record is checked against the `require:` conditions (one
 * that fails makes the record bad, with its message) and named by the
 * first rule that holds, or the default.  The summary counts the records
 * per segment, with their share and, with --value, the sum and share of
 * that column.
 *
 * Errors are status 2 (config and usage; config errors at their node)
 * or 1 (out of memory); each function returns 0 or -1 and fills *e.
 */
#ifndef CRM_SEGMENT_H
#define CRM_SEGMENT_H

#include <stddef.h>
#include <stdio.h>

#include "config.h"
#include "csvio.h"
#include "error.h"
#include "input.h"
#include "lint.h"
#include "rules.h"
#include "table.h"

#define CRM_SEGMENT_MAX_PARAMS	64

/* Parameter names and values, in the order given. */
struct crm_segment_params {
	const char *name[CRM_SEGMENT_MAX_PARAMS];
	const char *value[CRM_SEGMENT_MAX_PARAMS];
	size_t n;
};

/* What the command line chooses; zero it first. */
struct crm_segment_opts {
	const char *preset;		/* --preset NAME, or NULL */
	const char *column;		/* --column NAME, or NULL */
	const char *value;		/* --value COL, or NULL */
	struct crm_segment_params set;	/* --set, in order; names owned */
};

/*
 * Adds a --set NAME=VALUE: NAME is copied, VALUE points into arg, which
 * must outlive o.  "invalid --set" without a NAME and '=', "too many
 * --set options" past CRM_SEGMENT_MAX_PARAMS (status 2).
 */
int crm_segment_opts_set(struct crm_segment_opts *o, const char *arg,
    struct crm_error *e);

/* Frees the names crm_segment_opts_set copied. */
void crm_segment_opts_free(struct crm_segment_opts *o);

/* Writes the presets, one "NAME  what it is" line each (--list-presets). */
void crm_segment_list_presets(FILE *fp);

struct crm_segmenter;

/*
 * Builds the segmenter that o and the user's config (user: loaded, or
 * NULL) describe; fields will be read as env says (NULL: rules.h's
 * defaults).  The segmenter takes user over, on error too (*user is
 * left empty); strings of o must outlive the segmenter.  Returns NULL on
 * error: no rules at all, an unknown preset (the message lists them), a
 * preset named twice, a key the document may not have, an unknown
 * parameter (the message lists the rules' own), a parameter left
 * unexpanded, a missing default or rules, an empty column name, a rule
 * or a require: entry that does not compile.
 */
struct crm_segmenter *crm_segment_new(const struct crm_segment_opts *o,
    struct crm_config *user, const struct crm_rules_env *env,
    struct crm_error *e);

/* The same, with the user's config loaded from path (NULL: none). */
struct crm_segmenter *crm_segment_load(const struct crm_segment_opts *o,
    const char *path, const struct crm_rules_env *env,
    struct crm_error *e);

/*
 * Finds the columns of the rules, of the require: conditions and of
 * --value in the header, in that order (status 2 for a missing one, at
 * its node in the config for the rules').
 */
int crm_segment_bind(struct crm_segmenter *sg, const struct crm_header *h,
    struct crm_error *e);

/*
 * Sets *segment to rec's segment (valid while sg lives) and counts rec
 * in the summary.  Returns a verdict (error.h): bad with *why when a
 * require: condition fails (its message) or a field the rules or --value
 * read is invalid; stop when out of memory.
 */
int crm_segment_record(struct crm_segmenter *sg,
    const struct crm_record *rec, const char **segment,
    struct crm_error *why);

/*
 * The row-wise loop (rowwise.h) over in, to whose header sg is bound:
 * every good record to w with its segment in the output column, each
 * counted in the summary.  Returns 0, or -1 when the run must stop.
 */
int crm_segment_run(struct crm_segmenter *sg, struct crm_input *in,
    struct crm_csv_writer *w, struct crm_error *e);

/*
 * Writes the summary: a header (the output column, customers, share and,
 * with --value, value and value_share), then one row per segment in rule
 * order, the default last, even those no record fell in.  Shares are of
 * all records counted, value shares of the sum of the positive values
 * (as crm-pareto's), 0 when there are none; both with 6 decimals, values
 * with as many as the most precise input.
 */
void crm_segment_summary(const struct crm_segmenter *sg,
    struct crm_csv_writer *w);

/*
 * crm-segment --lint: which rules can never match, given the rules
 * before them and the require: conditions (lint.h), days_ago counted
 * from the as-of date of the env sg was built with.  Binds the rules to
 * the check's own columns: sg is for the check alone.  Fills *out (free
 * it with crm_lint_free); returns 0, or -1 (lint.h's errors).
 */
int crm_segment_lint(struct crm_segmenter *sg, struct crm_lint *out,
    struct crm_error *e);

/* The compiled rules, for the names of the rules in messages. */
const struct crm_rules *crm_segment_rules(const struct crm_segmenter *sg);

/* The output column's name. */
const char *crm_segment_column(const struct crm_segmenter *sg);

/* The number of segments: the rules and the default (the last). */
size_t crm_segment_count(const struct crm_segmenter *sg);

/* Segment i's name, or NULL past the end. */
const char *crm_segment_name(const struct crm_segmenter *sg, size_t i);

void crm_segment_free(struct crm_segmenter *sg);

#endif
