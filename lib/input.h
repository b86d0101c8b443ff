/*
 * input.h - the records of all operands, with bad records accounted for.
 *
 * Reads the files named as operands in turn (standard input when there
 * are none, or for "-"), each with its header, which must equal the
 * first one.  A bad record stops the run, unless --skip-bad: then it is
 * skipped, counted, and with --rejects written to the rejects file
 * (the header plus an "error" column), so that nothing is lost silently:
 * each rejected record takes the header's number of fields (padded when
 * short), its message under "error", then its fields past the header's
 * width, all of them, even past the reader's cap on fields.  Blank rows
 * (csvio.h) are skipped and counted, not rejected.
 *
 * With --merge (c->merge) the operands are partial state: CSV without a
 * header (crm_input_header has no fields), UTF-8 whatever --encoding
 * says, and every bad record stops the run, --skip-bad or not (no
 * rejects file is written).
 *
 * lib/ modules that judge records (rfm, rules, followup...) return why a
 * record is bad without saying where; crm_input_reject places it at the
 * record's file and line and skips it or stops the run.
 */
#ifndef CRM_INPUT_H
#define CRM_INPUT_H

#include <stdint.h>
#include <stdio.h>

#include "csvio.h"
#include "options.h"
#include "split.h"
#include "table.h"

struct crm_input;

/*
 * Opens the first operand (paths[0..npaths-1]; none means standard
 * input), reads its header and opens the rejects file of c (if any).
 * c must outlive the input.  Returns NULL with *e filled on error.
 */
struct crm_input *crm_input_open(char **paths, int npaths,
    const struct crm_common *c, struct crm_error *e);

/* The first file's header, valid until crm_input_close. */
const struct crm_header *crm_input_header(const struct crm_input *in);

/*
 * The next good record: 1 with *rec set (valid until the next call), 0 at
 * the end of the last operand, -1 on an error that stops the run.
 */
int crm_input_read(struct crm_input *in, struct crm_record **rec,
    struct crm_error *e);

/*
 * The program found rec bad; why says why (a why without a line is
 * placed at rec's file and line).  Returns 0 when the record is skipped
 * (--skip-bad), -1 when the run must stop (*e is then the placed why, or
 * the error that kept the record from being written to the rejects
 * file; e and why may be the same struct).
 */
int crm_input_reject(struct crm_input *in, const struct crm_record *rec,
    const struct crm_error *why, struct crm_error *e);

/*
 * Acts on the verdict (enum crm_verdict) of a lib/ function on rec:
 * returns 1 for a good record, 0 for a bad one skipped (as
 * crm_input_reject), -1 when the run must stop (*e says why; a data
 * error that says nowhere, such as out of memory, is placed at rec's
 * file and line).
 */
int crm_input_judge(struct crm_input *in, const struct crm_record *rec,
    int verdict, const struct crm_error *why, struct crm_error *e);

/*
 * Reports rec bad with a message (printf-style) placed at its file and
 * line, then acts as crm_input_reject: 0 when skipped, -1 to stop.
 */
int crm_input_bad(struct crm_input *in, const struct crm_record *rec,
    struct crm_error *e, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Records skipped so far (bad ones, with --skip-bad). */
size_t crm_input_rejected(const struct crm_input *in);

/*
 * Blank rows skipped so far, in all files; *file and *line (valid until
 * crm_input_close) say where the first was (NULL and 0 if none, or if
 * its file's name could not be kept).
 */
size_t crm_input_blank(const struct crm_input *in, const char **file,
    long *line);

/* The name of the file being read, for messages ("<stdin>" for "-"). */
const char *crm_input_name(const struct crm_input *in);

/*
 * The line where the record last read starts, while its file is being
 * read; 0 before the first record and once the file has ended.
 */
long crm_input_line(const struct crm_input *in);

/*
 * For -j (parallel.h): when the file being read is a regular file named
 * as an operand, UTF-8, not partial state, and only its header is read
 * yet, sets *path to its name, *offset to the byte where its records
 * start and *line to their line, and returns 1; else returns 0.
 */
int crm_input_body(const struct crm_input *in, const char **path,
    long long *offset, long *line);

/* The size of the file being read, -1 if unknown. */
long long crm_input_size(const struct crm_input *in);

/*
 * An input of its own over one range of in's file (see crm_input_body),
 * for one thread: its records are checked against in's header and judged
 * as in's would be; with --rejects, its rejected records go to a
 * temporary file, in file order, for crm_input_absorb.  in is only read.
 * Returns NULL with *e filled on error.
 */
struct crm_input *crm_input_open_range(const struct crm_input *in,
    const struct crm_split_range *rg, struct crm_error *e);

/*
 * Adds what the range input part (read to its end) skipped to in: its
 * blank rows and bad records, and its rejects after in's.  Call it for
 * the ranges in file order.  Returns 0, or -1 with *e (a write error of
 * the rejects file).
 */
int crm_input_absorb(struct crm_input *in, struct crm_input *part,
    struct crm_error *e);

/*
 * Opens the next operand, if no file is being read, and reads its header
 * (which must be the first file's): 1 when a file is being read, 0 when
 * none is left, -1 with *e on error.  crm_input_read does it too.
 */
int crm_input_next_file(struct crm_input *in, struct crm_error *e);

/*
 * Closes the file being read as if read to its end (its records were
 * read by range inputs): the next crm_input_read goes on to the next
 * operand.
 */
void crm_input_end_file(struct crm_input *in);

/*
 * Closes the current file and frees the input (NULL is allowed).  The
 * rejects file is left to crm_output_commit_all, with the program's
 * other outputs.
 */
void crm_input_close(struct crm_input *in);

#endif
