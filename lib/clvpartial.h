/*
 * clvpartial.h - crm-score --model's partial state (partial.h): the
 * purchase histories the models start from, written by --partial from
 * some of the rows, read back and merged by --merge, and the same merge
 * in memory for -j's threads.  The fit and the scores come after the
 * merge, from the histories all the rows give.
 *
 *   ID,crm1.model,FIRST,LAST,BIRTH,REPEAT,DECIMALS,KEPT_DATE,KEPT...
 *       one per customer: its first and last purchase days (empty for a
 *       customer with refunds only), the exact sums of its first day's
 *       purchases and of its repeat purchases up to the calibration end,
 *       the most decimals of the part's amounts, with --keep the date of
 *       its most recent row and that row's values (none, the fields
 *       empty, for a customer of crm1.day rows alone);
 *   ID,crm1.day,DAY
 *       one per purchase day strictly between FIRST and LAST, so that a
 *       day whose rows are in two parts is one purchase of the merge;
 *   ,crm1.meta,model,AS_OF,CAL_END,FUTURE
 *       one per stream: its as-of date and calibration end (the merge's
 *       must be the same) and the rows after as-of left out.
 */
#ifndef CRM_CLVPARTIAL_H
#define CRM_CLVPARTIAL_H

#include "clvmode.h"
#include "csvio.h"
#include "error.h"
#include "parallel.h"

/*
 * Writes cm's partial state (the rows read, not fitted).  A write error
 * is left on the stream, for the commit of the output to report.
 */
void crm_clvmode_write_partial(const struct crm_clvmode *cm,
    struct crm_csv_writer *w);

/*
 * Merges one record of partial state into cm: a verdict, bad with *why
 * (no place) for a record that is not model partial state of these
 * options, stop when out of memory.
 */
int crm_clvmode_merge_row(struct crm_clvmode *cm,
    const struct crm_record *rec, struct crm_error *why);

/*
 * Merges the histories of from (another thread's, of the same options)
 * into cm: 0, or -1 with *e.  from is left as it was.
 */
int crm_clvmode_merge(struct crm_clvmode *cm, const struct crm_clvmode *from,
    struct crm_error *e);

/*
 * -j N (parallel.h): a mode like the program's for each range (its
 * options, bound to the header), crm_clvmode_row and crm_clvmode_merge.
 */
extern const struct crm_parallel_ops crm_clvmode_parallel;

#endif
