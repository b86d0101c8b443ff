/*
 * parallel.h - one file read by several threads at once: -j N of the
 * aggregating programs (crm-score RFM and --model, crm-pareto --by).
 *
 * The file is cut into N byte ranges at record boundaries (split.h);
 * each range is read by libcsv in a thread of its own, through a range
 * input (input.h) into an aggregate of its own; then, in file order, the
 * ranges' bad records and blank rows are added to the input's and their
 * aggregates merged into the program's by the rules of the partial state
 * (partial.h), which make the result the one a single thread gives.
 * When a range meets an error that stops the run, the error reported is
 * the one of the first such range in file order: the one a single
 * thread would have met first.
 */
#ifndef CRM_PARALLEL_H
#define CRM_PARALLEL_H

#include "error.h"
#include "input.h"
#include "table.h"

/* How a program's aggregate is made, fed, finished and merged. */
struct crm_parallel_ops {
	/* a new empty aggregate with the options of like, bound to h */
	void *(*make)(const void *like, const struct crm_header *h,
	    struct crm_error *e);
	/* one record: a verdict (error.h), as the program's own loop */
	int (*row)(void *agg, const struct crm_record *rec,
	    struct crm_error *why);
	/* after the last record (NULL: nothing to do): 0 or -1 */
	int (*finish)(void *agg, struct crm_error *e);
	/* merges from into into, both finished: 0 or -1 */
	int (*merge)(void *into, const void *from, struct crm_error *e);
	/* frees an aggregate made by make */
	void (*free)(void *agg);
};

/*
 * Reads the records of the file being read into agg (bound to in's
 * header; nothing of the file read past its header) with jobs threads
 * when it can: a regular file, UTF-8, not partial state
 * (crm_input_body), jobs > 1.  Returns 1 when it did (the file's records
 * are in agg, in's counts and rejects as one thread leaves them, and the
 * file is closed: crm_input_read goes on to the next operand), 0 when it
 * cannot (nothing read: read as usual), -1 with *e on an error that
 * stops the run.
 */
int crm_parallel_read(struct crm_input *in, long jobs,
    const struct crm_parallel_ops *ops, void *agg, struct crm_error *e);

#endif
