/*
 * lint.h - which segment rules can never match, given the rules before
 * them (crm-segment --lint).  Reads no data.
 *
 * The rules' own matching decides (rules.h): the check builds records
 * and asks crm_rules_match which rule each one gets, and crm_rules_holds
 * which later rules would have held for it.  The records are the cells
 * of a grid: for each column the rules read, one value in each class of
 * values that the tests cannot tell apart, from the values the tests
 * compare it with (crm_rules_points):
 *
 *   numbers   each cut point, a number between each two neighbours, one
 *             below the lowest and one above the highest (any double a
 *             field can hold: 3.5 lies between scores 3 and 4)
 *   dates     each day compared with (days_ago as of the as-of date),
 *             a day between two that are more than a day apart, the day
 *             before the first and the day after the last
 *   both      for a column tested as a number and as a date, a field
 *             that is both (20240305) for each pair of classes that one
 *             makes
 *   texts     each text compared with; for one compared ignoring case,
 *             a spelling that differs only in case and is no compared
 *             text, if there is one; a text equal to none of them
 *   always    the empty field, and a non-empty one
 *
 * with a number or date that is spelled as a compared text also spelled
 * another way.  Values are spelled as the run reads them (--decimal-comma,
 * --date-format).  Every record the rules could see behaves as one of
 * these cells, so the answer is exact; except under --date-format for
 * a column tested as a number and as a date, where only the spellings
 * the check writes are tried (the format may read others, such as a
 * one-digit day): crm_lint_run names those columns.  A record that a
 * require: condition refuses, or on which a test meets a bad value, is
 * bad input: it counts for no rule.
 */
#ifndef CRM_LINT_H
#define CRM_LINT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "error.h"
#include "rules.h"

/*
 * The most cells times rules a check may take: beyond, it would run for
 * minutes (a cell takes well under a microsecond).  The rfm preset is
 * 2,197 cells, 13 values for each score column.  The fuzzers' build
 * (ASan, coverage: a cell takes 20 times longer) has a smaller limit,
 * or one input of wide rules outlasts libFuzzer's timeout.
 */
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
#define CRM_LINT_MAX_WORK	1000000
#else
#define CRM_LINT_MAX_WORK	100000000
#endif

struct crm_lint {
	size_t nrules;
	unsigned char *matches;	/* by rule: first for some cell */
	unsigned char *bad;	/* by rule: holds for some cell that is
				   bad input */
	size_t **by;		/* by rule that never matches: the rules
				   first where it holds, in rule order */
	size_t *nby;
	size_t cells;		/* cells tried (the walk stops once every
				   rule has matched) */
	const char **inexact;	/* columns tested as numbers and dates */
	size_t ninexact;
};

/*
 * Checks rules (compiled, not yet bound to a header: they are bound to
 * the grid's) with the guards (require: conditions, compiled as
 * conditions; may be 0 of them), days_ago counting from env->as_of.
 * Fills *out (free it with crm_lint_free, on error too).  Returns 0, or
 * -1: out of memory (status 1), a grid past CRM_LINT_MAX_WORK (status
 * 2).
 */
int crm_lint_run(struct crm_rules *rules, struct crm_rules *const *guard,
    size_t nguard, const struct crm_rules_env *env, struct crm_lint *out,
    struct crm_error *e);

/* Nonzero when every rule matches some record. */
int crm_lint_ok(const struct crm_lint *l);

/*
 * Writes a line for each rule that never matches, in rule order:
 * "NAME: never matches (shadowed by NAME, NAME)", naming the earlier
 * rules that take the records it would match (of those that are not bad
 * input); "(its records are bad input)" when every record it holds for
 * is (require: refuses it, or an earlier test meets a bad value);
 * "(no record meets its condition)" when there is none.
 */
void crm_lint_write(const struct crm_lint *l, const struct crm_rules *rules,
    FILE *fp);

void crm_lint_free(struct crm_lint *l);

#endif
