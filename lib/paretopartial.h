/*
 * paretopartial.h - crm-pareto --by's partial state (partial.h): the
 * group sums of some of the rows, written by --partial, read back and
 * merged by --merge, and the same merge in memory for -j's threads.
 * The ranking, the classes, the summary and the chart come after the
 * merge, from the sums all the rows give.
 *
 *   KEY,crm1.pareto,SUM,ROWS,DECIMALS,KEPT...
 *       one per group: the exact sum of its values, the rows summed,
 *       the most decimals of the part's values, and of its rows' --keep
 *       values those that sort last.
 */
#ifndef CRM_PARETOPARTIAL_H
#define CRM_PARETOPARTIAL_H

#include "csvio.h"
#include "error.h"
#include "parallel.h"
#include "paretotable.h"

/*
 * Writes t's partial state (grouped mode, after crm_pareto_table_finish,
 * before ranking).  A write error is left on the stream, for the commit
 * of the output to report.
 */
void crm_pareto_table_write_partial(const struct crm_pareto_table *t,
    struct crm_csv_writer *w);

/*
 * Merges one record of partial state into t: a verdict, bad with *why
 * (no place) for a record that is not crm-pareto --by partial state of
 * these options, stop when out of memory.
 */
int crm_pareto_table_merge_row(struct crm_pareto_table *t,
    const struct crm_record *rec, struct crm_error *why);

/*
 * Merges the groups of from (another thread's, of the same options,
 * after crm_pareto_table_finish) into t: 0, or -1 with *e.  from is left
 * as it was.
 */
int crm_pareto_table_merge(struct crm_pareto_table *t,
    const struct crm_pareto_table *from, struct crm_error *e);

/*
 * -j N (parallel.h), grouped mode only: a table like the program's for
 * each range (its options, bound to the header), crm_pareto_table_add
 * and crm_pareto_table_merge.
 */
extern const struct crm_parallel_ops crm_pareto_table_parallel;

#endif
