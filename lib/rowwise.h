/*
 * rowwise.h - the loop of a row-wise program: each record written with
 * the program's own columns, replaced in place or appended (table.h).
 *
 * crm-segment and crm-score's weighted and MAN modes are this loop with
 * their own compute step.  A mode that needs whole columns first (the
 * weighted scores by rank or min-max) sets hold: every record is then
 * checked and held, prepare runs once over what was seen, and compute
 * runs over the held records.  Otherwise records stream, one in memory.
 *
 * check and compute return a verdict (enum crm_verdict): CRM_RECORD_BAD
 * with *why for a bad record (placed at its line, then skipped or the
 * run stops, as the options say), CRM_RECORD_STOP with *why to stop.
 */
#ifndef CRM_ROWWISE_H
#define CRM_ROWWISE_H

#include <stddef.h>

#include "csvio.h"
#include "error.h"
#include "input.h"

struct crm_rowwise {
	const char *const *own;	/* the names of the program's columns */
	size_t nown;
	int hold;		/* check and hold every record first */
	int (*check)(void *ctx, const struct crm_record *rec,
	    struct crm_error *why);
	int (*prepare)(void *ctx, struct crm_error *e);	/* may be NULL */
	/* sets own[0..nown-1], valid until the next call */
	int (*compute)(void *ctx, const struct crm_record *rec,
	    const char **own, struct crm_error *why);
	void *ctx;
};

/*
 * Writes the header and every good record of in to w.  Returns 0, or -1
 * with *e filled when the run must stop.
 */
int crm_rowwise_run(const struct crm_rowwise *rw, struct crm_input *in,
    struct crm_csv_writer *w, struct crm_error *e);

#endif
