/*
 * program.h - the life of a crm program, the same in all four: start,
 * input, outputs, finish.  With report-like helpers, this is the one
 * module of lib/ that prints and exits, for cmd/ only: every program says
 * the same things the same way and exits with the contract's statuses.
 *
 *   crm_program_start    options (the common ones and the program's own),
 *                        --help, --version, signals
 *   crm_program_input    the operands as CSV (a hint when that would be
 *                        a terminal)
 *   crm_program_output   the main output, a CSV writer (--bom honoured)
 *   crm_program_side     a side output named by an option (--summary,
 *                        --svg...), checked before any work is done
 *   crm_program_reads    another input named by an option (--log),
 *                        checked the same way against the outputs
 *   crm_program_finish   every output committed together, notes, the
 *                        count of skipped records
 */
#ifndef CRM_PROGRAM_H
#define CRM_PROGRAM_H

#include <stdio.h>

#include "csvio.h"
#include "error.h"
#include "input.h"
#include "options.h"
#include "parallel.h"

struct crm_program_def {
	const char *name;		/* "crm-pareto": --version says it */
	const char *usage;		/* what --help prints */
	const struct option *options;	/* the program's own; may be NULL */
	crm_option_fn option;		/* called for each of them */
};

struct crm_program;

/*
 * First opens /dev/null on any of descriptors 0, 1 and 2 that is closed
 * (see crm_output_guard_std), so that no file the program opens takes
 * its place.  Parses argv (ctx goes to def->option), then sets up the
 * signals: a closed pipe ends the program quietly, SIGINT, SIGTERM and
 * SIGHUP remove uncommitted outputs.  --help prints the usage and exits
 * 0, --version the version; bad usage exits 2 with its message, and so
 * does an empty file name (-o '', an operand '').  Then the files are
 * checked, before any work: the main output (-o FILE or standard
 * output) and --rejects may not be one file, nor any input (the
 * operands or standard input, -c FILE); see crm_program_side.  At exit,
 * what was written to standard output outside the commit (--help) is
 * checked: a write error exits 1.  There is one program per process: the
 * handle lives as long as the process.
 */
struct crm_program *crm_program_start(const struct crm_program_def *def,
    void *ctx, int argc, char **argv);

/*
 * The same for a program that aggregates rows (crm-score, crm-pareto):
 * it also takes --partial, --merge and -j N (--jobs N), into the common
 * options, and --bom with --partial is bad usage (partial state is read
 * back, by --merge, after other parts: a mark would be in the middle).
 */
struct crm_program *crm_program_start_aggregating(
    const struct crm_program_def *def, void *ctx, int argc, char **argv);

/*
 * The threads to read a regular file with: -j N, or by default the
 * processors online (1 if unknown), at most CRM_PROGRAM_MAX_JOBS.
 */
#define CRM_PROGRAM_MAX_JOBS	64
long crm_program_jobs(const struct crm_program *p);

/*
 * Reads the input (crm_program_input, its header bound to agg, nothing
 * read yet) into agg with several threads when it can (parallel.h), file
 * after file: with -j N, N threads; by default as many as processors are
 * online, but no more than one per MiB of the file.  Exits on an error
 * that stops the run.  Afterwards crm_program_input's records are those
 * left to read: those of the first file that cannot be read so (standard
 * input, a pipe) and of the files after it; none when every file was.
 */
#define CRM_PROGRAM_JOB_BYTES	(1024 * 1024)
void crm_program_parallel(struct crm_program *p,
    const struct crm_parallel_ops *ops, void *agg);

/* The common options, as parsed. */
const struct crm_common *crm_program_options(const struct crm_program *p);

/* The operands (file names), and their number. */
char **crm_program_operands(const struct crm_program *p, int *n);

/*
 * Opens the operands as CSV input (exits on error).  When that means
 * standard input and it is a terminal, says so first: a user who forgot
 * the file name is not left waiting.  The program owns the input.
 */
struct crm_input *crm_program_input(struct crm_program *p);

/* The input opened by crm_program_input, or NULL. */
struct crm_input *crm_program_current_input(const struct crm_program *p);

/*
 * The main output (-o FILE or standard output) as a CSV writer with the
 * input's delimiter; with --bom, a byte order mark is written first.
 * Exits on error.
 */
struct crm_csv_writer *crm_program_output(struct crm_program *p);

/* The main output as a plain stream, for formats that are not CSV. */
FILE *crm_program_output_stream(struct crm_program *p);

enum crm_side_kind {
	CRM_SIDE_REPORT,	/* "-" is standard error (--summary) */
	CRM_SIDE_DATA		/* "-" is standard output, which then needs
				   -o FILE for the main output (--svg) */
};

/*
 * Declares a side output named by option ("--svg"), to be checked now,
 * before any work: a data side output "-" without -o FILE exits 2 with
 * "OPTION - needs -o FILE: WHAT cannot both go to standard output"; a
 * file that is already named for an output or an input exits 2 with
 * "OPTION PATH and OPTION PATH name the same file".  One file is what
 * the names resolve to (crm_output_id: ./x.csv and x.csv, a symbolic or
 * a hard link, a dangling link and its target, /dev/stdout and standard
 * output), not their spelling; character devices such as /dev/null may
 * be named twice.  A report's "-" is standard error and is not checked.
 * Returns a handle for crm_program_open_side; path NULL declares
 * nothing and returns -1; path "" exits 2.
 */
int crm_program_side(struct crm_program *p, const char *option,
    const char *path, enum crm_side_kind kind, const char *what);

/*
 * Declares another input named by option ("--log"), checked against
 * the outputs as the operands are: an output declared before or after
 * it may not be the same file (exits 2).  path NULL declares nothing;
 * "-" is standard input; "" exits 2.
 */
void crm_program_reads(struct crm_program *p, const char *option,
    const char *path);

/* Opens side output h (exits on error); committed with the others. */
FILE *crm_program_open_side(struct crm_program *p, int h);

/*
 * Initialises w on fp with the output delimiter; with --bom, writes a
 * byte order mark first (for CSV outputs a spreadsheet will open).
 */
void crm_program_csv(const struct crm_program *p, FILE *fp,
    struct crm_csv_writer *w);

/* A warning on standard error now, unless -q. */
void crm_program_warn(const struct crm_program *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * A note for the end of the run, unless -q: printed by crm_program_finish
 * after the outputs are committed, in the order given.
 */
void crm_program_note(struct crm_program *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Bad records skipped outside the input (a second input such as the
 * contact log), counted in the final report as "(N where)".
 */
void crm_program_skipped_elsewhere(struct crm_program *p, size_t n,
    const char *where);

/*
 * Closes the input, commits every output together (exits 1 if one
 * cannot be written, leaving all the old files as they were), prints the
 * notes and, with --skip-bad, how many records were skipped and where
 * they went.
 */
void crm_program_finish(struct crm_program *p);

/*
 * Prints "PROGRAM: FILE:LINE:COLUMN: MSG" and exits with e->status.  An
 * error that is not a usage error and names no file (out of memory, an
 * overflow found once the input was read) is placed where the program
 * is: at the line of the record being read, else at the output opened
 * last, else at the input (when it is one file).
 */
void crm_die(const struct crm_error *e) __attribute__((noreturn));

/* Out of memory, placed as crm_die does: exits with status 1. */
void crm_die_oom(void) __attribute__((noreturn));

#endif
