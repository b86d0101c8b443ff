/*
 * input.h - the records of all operands, with bad records accounted for.
 *
 * Reads the files named as operands in turn (standard input when there
 * are none, or for "-"), each with its header, which must equal the
 * first one.  A bad record stops the run, unless --skip-bad: then it is
 * skipped, counted, and with --rejects written to the rejects file
 * (the header plus an "error" column), so that nothing is lost silently.
 */
#ifndef CRM_INPUT_H
#define CRM_INPUT_H

#include <stdint.h>
#include <stdio.h>

#include "csvio.h"
#include "options.h"

struct crm_input {
	char **paths;
	int npaths, next;
	const struct crm_common *common;
	FILE *fp;
	struct crm_csv_reader *r;
	struct crm_record header;	/* the first file's, owned */
	char *header_data;
	FILE *rejects;
	struct crm_csv_writer rw;
	size_t rejected;
};

/*
 * Opens the first operand (paths[0..npaths-1]; none means standard
 * input) and the rejects file, and reads the header.  On error the input
 * needs no crm_input_close.
 */
int crm_input_open(struct crm_input *in, char **paths, int npaths,
    const struct crm_common *c, struct crm_error *e);

const struct crm_record *crm_input_header(const struct crm_input *in);

/* Column index by header name; a missing column is an error (status 2). */
long crm_input_require(const struct crm_input *in, const char *name,
    struct crm_error *e);

/*
 * The next good record: 1 with *rec set (valid until the next call), 0 at
 * the end of the last operand, -1 on an error that stops the run.
 */
int crm_input_read(struct crm_input *in, struct crm_record **rec,
    struct crm_error *e);

/*
 * The program found rec bad (why says how).  Returns 0 when the record is
 * skipped (--skip-bad), -1 when the run must stop (*e is then why).
 */
int crm_input_reject(struct crm_input *in, const struct crm_record *rec,
    const struct crm_error *why, struct crm_error *e);

/*
 * Reports rec bad with a message (printf-style) placed at its file and
 * line, then acts as crm_input_reject: 0 when skipped, -1 to stop.
 */
int crm_input_bad(struct crm_input *in, const struct crm_record *rec,
    struct crm_error *e, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/*
 * Field values of rec at column col (named name in messages): 1 with the
 * value stored, 0 when the value was bad and the record skipped, -1 when
 * the run must stop.  An empty field is bad ("missing value"), except
 * for booleans, where it is false as the contract says.
 */
int crm_input_number(struct crm_input *in, const struct crm_record *rec,
    long col, const char *name, double *v, int *decimals,
    struct crm_error *e);
int crm_input_date(struct crm_input *in, const struct crm_record *rec,
    long col, const char *name, int32_t *days, struct crm_error *e);
int crm_input_bool(struct crm_input *in, const struct crm_record *rec,
    long col, const char *name, int *b, struct crm_error *e);

/*
 * Closes the current file.  The rejects file is left to
 * crm_output_commit_all, with the program's other outputs.
 */
int crm_input_close(struct crm_input *in, struct crm_error *e);

#endif
