/*
 * contactlog.h - reading the contact log (crm-followup --log FILE) into
 * the state of each customer (contacts.h).
 *
 * The log is CSV with a customer id, a date and an outcome column (named
 * by the config's log: section).  It may be in any order, so it is read
 * twice, and must therefore be a regular file.  A row dated after the
 * as-of date is ignored and counted: the list is the one of that day.  A
 * bad row (an empty id, a missing or invalid date, an unknown outcome)
 * stops the reading, or with --skip-bad is skipped, counted and handed to
 * a callback that names it; it never goes to the rejects file, which is
 * the customer table's and has other columns.
 */
#ifndef CRM_CONTACTLOG_H
#define CRM_CONTACTLOG_H

#include <stddef.h>
#include <stdint.h>

#include "contacts.h"
#include "csvio.h"
#include "error.h"
#include "followup.h"
#include "options.h"
#include "table.h"

/*
 * The log's columns: names (the rules' log_id, log_date and
 * log_outcome), then their places.
 */
struct crm_contactlog_cols {
	const char *id, *date, *outcome;
	long id_col, date_col, outcome_col;
};

/* Finds the three columns in the header (status 2 when one is missing). */
int crm_contactlog_bind(struct crm_contactlog_cols *lc,
    const struct crm_header *h, struct crm_error *e);

/*
 * Judges one log row (lc bound): returns CRM_RECORD_OK with *date and
 * *outcome (enum crm_outcome) set, or CRM_RECORD_BAD with *why saying why
 * (status 1, no file or line: the caller places it).  date_format is
 * --date-format, or NULL for the contract's layouts.
 */
int crm_contactlog_judge(const struct crm_contactlog_cols *lc,
    const struct crm_record *rec, const char *date_format, int32_t *date,
    int *outcome, struct crm_error *why);

/* What reading the log counted, besides the contacts themselves. */
struct crm_contactlog_counts {
	size_t skipped;		/* bad rows skipped (--skip-bad) */
	size_t future;		/* rows after the as-of date, ignored */
};

/*
 * Called once for each bad row skipped, with why (placed at the log's
 * file and the row's line), in the order of the file.
 */
typedef void (*crm_contactlog_skip_fn)(void *ctx,
    const struct crm_error *why);

/*
 * Reads the log at path into cs (initialised by the caller), with the
 * columns the rules r name and the reading options of c (delimiter,
 * encoding, --date-format, --as-of, --skip-bad; not --rejects).  Ragged
 * rows skipped by the reader count in n->skipped but are not handed to
 * skip (which may be NULL).  Returns 0, or -1 with *e filled: status 2
 * when path is not a regular file ("-" included) or lacks a column,
 * status 1 for a bad row without --skip-bad, a read error, or out of
 * memory.  After an error, cs holds what was folded so far (free it as
 * usual).
 */
int crm_contactlog_read(struct crm_contacts *cs, const char *path,
    const struct crm_fu_rules *r, const struct crm_common *c,
    crm_contactlog_skip_fn skip, void *ctx,
    struct crm_contactlog_counts *n, struct crm_error *e);

#endif
