/*
 * table.h - the output columns of a row-wise program: every input column
 * in its place, then the program's own.  A column the program writes that
 * the input already has is replaced in place, so running a pipeline stage
 * twice changes nothing.
 */
#ifndef CRM_TABLE_H
#define CRM_TABLE_H

#include <stddef.h>

#include "csvio.h"
#include "error.h"

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
