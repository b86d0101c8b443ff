/*
 * table.h - columns by name: finding the columns a program reads in the
 * header, and laying out the columns it writes.
 *
 * A program names the columns it reads; crm_header_require finds each one
 * or says which is missing, listing the header.  A row-wise program writes
 * every input column in its place, then its own; a column it writes that
 * the input already has is replaced in place, so running a pipeline stage
 * twice changes nothing.
 */
#ifndef CRM_TABLE_H
#define CRM_TABLE_H

#include <stddef.h>

#include "csvio.h"
#include "error.h"

/*
 * A header and the file it was read from: what every bind-to-header
 * function of lib/ takes (crm_rules_bind, crm_fu_bind, ...).
 */
struct crm_header {
	const struct crm_record *rec;	/* the header's fields */
	const char *file;		/* for messages; may be NULL */
};

/* Index of the first header field equal to name, or -1. */
long crm_header_find(const struct crm_header *h, const char *name);

/*
 * Sets *col to the column called name.  A missing column is an error
 * (status 2) that names it and lists the header (see crm_header_missing);
 * a name the header holds twice is bad input (status 1) at the header's
 * line: it is not known which one is meant.  Returns 0 or -1.
 */
int crm_header_require(const struct crm_header *h, const char *name,
    long *col, struct crm_error *e);

/*
 * Sets *col to the column called name, or to -1 when the header has no
 * such column, which is no error: for a column a program reads if it is
 * there.  A name the header holds twice is bad input, as for
 * crm_header_require.  Returns 0 or -1.
 */
int crm_header_optional(const struct crm_header *h, const char *name,
    long *col, struct crm_error *e);

/*
 * Nonzero when a and b are equal but for ASCII case and spaces or tabs
 * around either: "Amount " and "amount", " Bob" and "bob".  No locale
 * changes the result.
 */
int crm_name_near(const char *a, const char *b);

/*
 * The one header field that equals name when ASCII case and spaces or
 * tabs around either are ignored ("Amount " for "amount"), or NULL when
 * none does, when several do (which one was meant?) or when name itself
 * is in the header.  Matching stays exact everywhere else: this only
 * feeds the suggestion of crm_header_missing.
 */
const char *crm_header_near(const struct crm_header *h, const char *name);

/*
 * Fills *e with the message for a column missing from the header, at the
 * header's file (status 2): "no column 'NAME' in the header (a,b,c)", the
 * list cut on a character boundary, then "; did you mean 'Name'?" when
 * crm_header_near finds one, and a hint about the delimiter when the
 * header is one field that holds a likely one.  Returns -1.
 */
int crm_header_missing(const struct crm_header *h, const char *name,
    struct crm_error *e);

struct crm_columns {
	size_t nin;		/* input columns */
	size_t nown;		/* the program's columns */
	const char *const *own;	/* their names (not copied) */
	long *replaces;		/* by input column: own column index or -1 */
	long *at;		/* by own column: input column or -1 */
	int appends_only;	/* no own column replaces an input one */
};

/* header: the input header; own: nown names.  Fails when out of memory. */
int crm_columns_init(struct crm_columns *c, const struct crm_record *header,
    const char *const *own, size_t nown, struct crm_error *e);

/* Writes the output header. */
int crm_columns_write_header(const struct crm_columns *c,
    struct crm_csv_writer *w, const struct crm_record *header);

/*
 * Writes one output record: the input fields (field, with their lengths
 * in len, or NUL-terminated when len is NULL), with the own values (nown
 * NUL-terminated strings) in their places.
 */
int crm_columns_write(const struct crm_columns *c, struct crm_csv_writer *w,
    char *const *field, const size_t *len, const char *const *own);

/*
 * The same for a record just read (its raw text, when it has one, is
 * written as it is: no field is split and quoted again).
 */
int crm_columns_write_record(const struct crm_columns *c,
    struct crm_csv_writer *w, const struct crm_record *rec,
    const char *const *own);

void crm_columns_free(struct crm_columns *c);

#endif
