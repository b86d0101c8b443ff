/*
 * error.h - how lib/ reports a failure to cmd/.
 *
 * Every lib/ function that can fail returns -1 (or NULL) and fills a
 * struct crm_error: the exit status the contract gives that kind of
 * failure, where it happened (file, line, column; 0 when unknown) and a
 * one-line lower-case message.  Only cmd/ prints it, with errx(3).
 */
#ifndef CRM_ERROR_H
#define CRM_ERROR_H

#include <limits.h>
#include <stddef.h>

#ifndef PATH_MAX
#define PATH_MAX	4096
#endif

enum crm_exit {
	CRM_EXIT_OK = 0,
	CRM_EXIT_DATA = 1,	/* bad input data, read or write failure */
	CRM_EXIT_USAGE = 2	/* bad usage or bad configuration */
};

struct crm_error {
	int status;		/* CRM_EXIT_DATA or CRM_EXIT_USAGE */
	char file[PATH_MAX];	/* "" when the failure has no file; any
				   name the system takes fits whole */
	long line;		/* 1-based; 0 when unknown */
	long column;		/* 1-based; 0 when unknown */
	char msg[512];
};

/*
 * What a lib/ function that judges one record returns (crm_rfm_row,
 * crm_pareto_table_add, the row-wise steps...): the record is good, the
 * record is bad (a why says why: skip it or stop, as the options say),
 * or the run cannot go on (out of memory, a write error).
 */
enum crm_verdict {
	CRM_RECORD_OK = 0,
	CRM_RECORD_BAD = -1,
	CRM_RECORD_STOP = -2
};

/*
 * Fills *e (if e is not NULL) and returns -1, so that a caller can write
 * `return crm_error_set(e, ...);`.  file may be NULL.
 */
int crm_error_set(struct crm_error *e, int status, const char *file,
    long line, long column, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/*
 * Writes "FILE:LINE:COLUMN: MSG" (leaving out the parts that are unknown)
 * into buf, truncating to size.  This is the text cmd/ hands to errx(3);
 * CRM_ERROR_TEXT bytes hold any error whole.
 */
#define CRM_ERROR_TEXT	(PATH_MAX + 512 + 48)
void crm_error_format(const struct crm_error *e, char *buf, size_t size);

/*
 * Quotes len bytes of s for a message: "value", cut short with "..." past
 * 40 bytes, control bytes shown as \xNN.  Returns buf.
 */
const char *crm_error_quote(const char *s, size_t len, char *buf,
    size_t size);

#endif
