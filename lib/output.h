/*
 * output.h - output files that appear whole or not at all.
 *
 * crm_output_open writes to a temporary file beside the named one;
 * crm_output_commit renames it into place.  A program that exits before
 * committing (an error, errx) leaves the old file untouched: the
 * temporary file is removed at exit.  Standard output ("-" or NULL) and
 * files that are not regular files (/dev/null, a FIFO) are written
 * directly.
 */
#ifndef CRM_OUTPUT_H
#define CRM_OUTPUT_H

#include <stdio.h>

#include "error.h"

#define CRM_OUTPUT_MAX	8	/* outputs open at once */

/* Returns the stream to write, or NULL with *e filled (status 1). */
FILE *crm_output_open(const char *path, struct crm_error *e);

/*
 * Flushes and checks fp, then closes it and renames it into place
 * (standard output is flushed and checked but stays open).  On error the
 * temporary file is removed and the old file, if any, is left as it was.
 */
int crm_output_commit(FILE *fp, struct crm_error *e);

#endif
