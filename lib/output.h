/*
 * output.h - output files that appear whole or not at all.
 *
 * crm_output_open writes to a temporary file beside the named one;
 * crm_output_commit_all renames them all into place.  A program that
 * exits before committing (an error, errx, SIGINT, SIGTERM, SIGHUP)
 * leaves the old files untouched: the temporary files are removed.
 * Naming one file for two outputs is an error (status 2).  Standard
 * output ("-" or NULL) and files that are not regular files (/dev/null, a
 * FIFO) are written directly.
 */
#ifndef CRM_OUTPUT_H
#define CRM_OUTPUT_H

#include <stdio.h>

#include "error.h"

#define CRM_OUTPUT_MAX	8	/* outputs open at once */

/*
 * Makes SIGINT, SIGTERM and SIGHUP remove the uncommitted outputs (a
 * signal the parent ignores stays ignored), and exit do the same.  Called
 * once at start; crm_output_open calls it too.
 */
void crm_output_setup(void);

/* Returns the stream to write, or NULL with *e filled (status 1). */
FILE *crm_output_open(const char *path, struct crm_error *e);

/*
 * Commits every output still open, standard output included: first
 * flushes and checks them all, then closes them and only when all of
 * them were written renames them into place (standard output stays
 * open).  A failure discards every uncommitted one, so that a failed run
 * leaves all the old files as they were.
 */
int crm_output_commit_all(struct crm_error *e);

#endif
