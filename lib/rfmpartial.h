/*
 * rfmpartial.h - crm-score RFM's partial state (partial.h): written by
 * --partial from a table of some of the rows, read back and merged by
 * --merge, and the same merge in memory for -j's threads.
 *
 *   ID,crm1.rfm,FIRST,LAST,ORDERS,AMOUNT,DECIMALS,KEPT_DATE,KEPT...
 *       one per customer: its first and last order dates (empty for a
 *       customer with refunds only), its orders (rows that are not
 *       refunds; empty with --order), the exact sum of its amounts, the
 *       most decimals of the part's amounts, the date of its most recent
 *       row and that row's kept values (one field per --keep column);
 *       a customer of crm1.order rows alone (state cut at lines) has
 *       no dates, no orders, a sum of 0, no kept date and empty values;
 *   ID,crm1.order,ORDER_ID
 *       with --order, one per distinct order id of the customer's rows
 *       that are not refunds: an order whose lines are in two parts is
 *       one order of the merge;
 *   ,crm1.meta,rfm,AS_OF,,FUTURE
 *       one per stream: its as-of date (the merge's must be the same)
 *       and the rows after it left out (--ignore-future).
 */
#ifndef CRM_RFMPARTIAL_H
#define CRM_RFMPARTIAL_H

#include "csvio.h"
#include "error.h"
#include "parallel.h"
#include "rfm.h"

/*
 * Writes r's partial state (after crm_rfm_finish).  A write error is
 * left on the stream, for the commit of the output to report.
 */
void crm_rfm_write_partial(const struct crm_rfm *r, struct crm_csv_writer *w);

/*
 * Merges one record of partial state into r (r's options those of the
 * runs that wrote it): a verdict, bad with *why (no place) for a record
 * that is not RFM partial state of these options, stop when out of
 * memory.
 */
int crm_rfm_merge_row(struct crm_rfm *r, const struct crm_record *rec,
    struct crm_error *why);

/*
 * Merges the table from (another thread's, of the same options; both
 * finished) into r, as if its partial state were read: 0, or -1 with *e
 * (out of memory, sums past 38 digits).  from is left as it was.
 */
int crm_rfm_merge(struct crm_rfm *r, const struct crm_rfm *from,
    struct crm_error *e);

/*
 * -j N (parallel.h): a table like the program's for each range (its
 * options, bound to the header), crm_rfm_row, crm_rfm_finish and
 * crm_rfm_merge.
 */
extern const struct crm_parallel_ops crm_rfm_parallel;

#endif
