/*
 * output.h - output files that appear whole or not at all.
 *
 * crm_output_open writes to a temporary file beside the named one;
 * crm_output_commit_all renames them all into place.  A program that
 * exits before committing (an error, errx, SIGINT, SIGTERM, SIGHUP, or
 * SIGPIPE from a reader that stopped early) leaves the old files
 * untouched: the temporary files are removed.  Only a run killed
 * outright (SIGKILL, a crash, a power cut) can leave one: it is named
 * ".NAME.PROGRAM.XXXXXX" beside NAME (see crm(7)).
 *
 * Two names are one file when they resolve to one: the same device and
 * inode for a file that exists, the same resolved directory and last
 * name for one that does not (symbolic links followed).  Naming one file
 * for two outputs, or an output for an input, is an error (status 2);
 * character devices (/dev/null, a terminal) and sockets may be named any
 * number of times.  Standard output ("-" or NULL) and other files that
 * are not regular files (/dev/null, a FIFO) are written directly.
 */
#ifndef CRM_OUTPUT_H
#define CRM_OUTPUT_H

#include <sys/types.h>

#include <stdio.h>

#include "error.h"

#define CRM_OUTPUT_MAX	8	/* outputs open at once */

/*
 * Makes sure descriptors 0, 1 and 2 are open before anything else opens
 * a file, so that no output or input can take the number of a closed
 * standard stream and be written by mistake as standard output or
 * error.  A closed one is opened on /dev/null the wrong way round, as
 * glibc does for set-user-ID programs: standard input write-only,
 * standard output and error read-only, so that using it still fails as
 * using a closed descriptor would (EBADF).  Returns 0, or -1 when
 * /dev/null cannot be opened.  Call it first thing in main.
 */
int crm_output_guard_std(void);

/* 1 when descriptor fd (0, 1 or 2) was closed when the program started. */
int crm_output_std_was_closed(int fd);

/*
 * Makes SIGINT, SIGTERM, SIGHUP and SIGPIPE remove the uncommitted
 * outputs (a signal ignored at the time stays ignored: crm_program_start
 * sets SIGPIPE to its default first), and exit do the same.
 * program ("crm-score") goes into the names of the temporary files;
 * NULL keeps the name given before ("crm-output" by default).  Called once at
 * start; crm_output_open calls it too.
 */
void crm_output_setup(const char *program);

/* What a name refers to, for telling whether two names are one file. */
struct crm_output_id {
	int known;		/* 0: could not be resolved; equals nothing */
	int exists;
	dev_t dev;		/* when exists */
	ino_t ino;
	mode_t mode;
	char *where;		/* when !exists: the resolved directory, "/"
				   and the last name, malloc'd */
};

/*
 * Fills *id for path (NULL or "-": standard output, descriptor 1).  A
 * path that does not exist is resolved through its symbolic links to
 * the name a write would create.  Returns 0, or -1 with errno set and
 * id->known 0 (a missing directory, a loop of links...).
 */
int crm_output_id(const char *path, struct crm_output_id *id);

/* The same for an open descriptor (0 for standard input). */
int crm_output_id_fd(int fd, struct crm_output_id *id);

/*
 * 1 when a and b are one file that two streams may not share: never for
 * character devices and sockets, nor when either is unknown.
 */
int crm_output_id_same(const struct crm_output_id *a,
    const struct crm_output_id *b);

void crm_output_id_free(struct crm_output_id *id);

/*
 * Declares id (copied) an input: crm_output_open then refuses to write
 * it.  Forgotten by crm_output_commit_all.  Returns 0, or -1 when out of
 * memory.
 */
int crm_output_protect(const struct crm_output_id *id);

/*
 * Returns the stream to write, or NULL with *e filled (status 1, or 2
 * for an empty name, a name already opened for another output or an
 * input's name).  A name that is the file standard output is open on
 * (/dev/stdout, /dev/fd/1, or the file itself) writes standard output,
 * so that its position and append mode are kept.  A dangling symbolic
 * link is followed and its target created, as a shell's > does.
 */
FILE *crm_output_open(const char *path, struct crm_error *e);

/*
 * Commits every output still open, standard output included: first
 * flushes and checks them all, then closes them and only when all of
 * them were written renames them into place (standard output stays
 * open).  A failure discards every uncommitted one, so that a failed run
 * leaves all the old files as they were.  The inputs declared with
 * crm_output_protect are forgotten either way.
 */
int crm_output_commit_all(struct crm_error *e);

#endif
