/*
 * csvio.h - streaming CSV input and output.
 *
 * The reader drives libcsv (strict mode) one physical line at a time so
 * that it knows the line on which every record starts, drops a UTF-8
 * byte order mark, reads CRLF and LF, converts a legacy encoding through
 * iconv(3), caps the length of a field and the number of fields of a
 * record, skips blank rows (empty lines, and records whose fields are all
 * empty, which spreadsheets write below a table) and counts them, and
 * checks that every record has as many fields as the header and holds
 * valid UTF-8 without NUL bytes.  Field text is kept exactly (libcsv's
 * trimming of spaces is turned off).
 *
 * The writer quotes a field only when it holds the delimiter, a double
 * quote, CR or LF (or starts with U+FEFF, which would read back as a
 * byte order mark), and ends records with LF.
 */
#ifndef CRM_CSVIO_H
#define CRM_CSVIO_H

#include <stddef.h>
#include <stdio.h>

#include "arena.h"
#include "error.h"

#define CRM_CSV_MAX_FIELD_DEFAULT	(1024 * 1024)
#define CRM_CSV_MAX_FIELDS_DEFAULT	100000

struct crm_csv_options {
	unsigned char delim;	/* 0 means ',' */
	size_t max_field;	/* bytes; 0 means CRM_CSV_MAX_FIELD_DEFAULT */
	const char *encoding;	/* NULL: UTF-8 */
	size_t max_fields;	/* fields of a record; 0 means
				   CRM_CSV_MAX_FIELDS_DEFAULT */
	int headerless;		/* no header: records of any width (the
				   partial state of --merge) */
};

/* One record: valid until the next crm_csv_read or crm_csv_close. */
struct crm_record {
	size_t n;		/* number of fields */
	char **field;		/* NUL-terminated field texts */
	size_t *len;		/* their lengths in bytes */
	long line;		/* physical line where the record starts */
	/*
	 * The line the record was read from, with its line end, when the
	 * record is that one line; NULL otherwise (and in copies).  Valid
	 * until the next read.  See crm_record_raw.
	 */
	const char *raw;
	size_t rawlen;
};

/*
 * The record's text as read, without its line end, when writing its
 * fields back one by one with delimiter delim would give exactly these
 * bytes: one line, no quote, no CR, no field starting with U+FEFF.  NULL
 * otherwise.
 */
const char *crm_record_raw(const struct crm_record *rec, unsigned char delim,
    size_t *len);

/*
 * A copy of rec (fields, lengths, line) in the arena, for programs that
 * must hold rows; NULL when out of memory.
 */
struct crm_record *crm_record_copy(struct crm_arena *a,
    const struct crm_record *rec);

struct crm_csv_reader;

enum crm_csv_result {
	CRM_CSV_RECORD = 1,	/* *rec holds a record */
	CRM_CSV_END = 0,	/* no more records */
	CRM_CSV_FATAL = -1,	/* the input cannot be read further */
	CRM_CSV_BAD = -2	/* *rec holds a bad record (wrong number of
				   fields, a NUL byte, invalid UTF-8); err
				   says why; reading may go on */
};

/*
 * Starts reading fp (not closed by the reader) and reads the header.
 * name is used in messages ("-" shows as "<stdin>").  An input with no
 * header at all, or a header of more fields than the cap, is an error.
 * Empty lines before the header are skipped.  Returns NULL on error.
 * With opt->headerless, there is no header (crm_csv_header is a record
 * of no fields), an empty input is no error, and the records may have
 * any number of fields up to the cap.
 */
struct crm_csv_reader *crm_csv_open(FILE *fp, const char *name,
    const struct crm_csv_options *opt, struct crm_error *err);

/*
 * Starts reading one byte range of a file whose header another reader
 * read (for -j: split.h): fp is at the range's first byte, a record
 * boundary on physical line line, and at most length bytes are read.
 * The records are checked against header (copied) as if read after it:
 * no byte order mark is looked for, and blank rows count from the first
 * byte.  Returns NULL with *err filled on error.
 */
struct crm_csv_reader *crm_csv_open_range(FILE *fp, const char *name,
    const struct crm_csv_options *opt, const struct crm_record *header,
    long line, long long length, struct crm_error *err);

/*
 * The bytes of the input handed to the parser so far (a byte order
 * mark included) and the line of the next: after crm_csv_open, where
 * the records start.  -1 with a legacy encoding, whose text is not the
 * input's bytes.
 */
int crm_csv_consumed(const struct crm_csv_reader *r, long long *bytes,
    long *line);

/*
 * Reads the next record; see enum crm_csv_result.  Blank rows are
 * skipped (see crm_csv_blank).  A record with more fields than the cap
 * (opt->max_fields) is bad, and is returned as soon as the cap is passed
 * without reading the rest of it: it holds the fields read so far, at
 * least the cap's number, and crm_csv_pending says so.  Its rest is read
 * by crm_csv_rest, or else skipped by the next crm_csv_read, a field at
 * a time: memory stays bounded whatever the record's length.
 */
int crm_csv_read(struct crm_csv_reader *r, struct crm_record **rec,
    struct crm_error *err);

/*
 * Whether the record last read has fields that it does not hold and that
 * are not read yet (see crm_csv_read).
 */
int crm_csv_pending(const struct crm_csv_reader *r);

/*
 * The fields of the record last read that it does not hold (see
 * crm_csv_pending): reads them to the record's end, handing each (NUL-terminated, len
 * bytes) to fn, which may be NULL to drop them.  Returns 0, or -1 when
 * the input cannot be read further (a malformed rest, a field over the
 * cap, a read error: err says why).  Does nothing when no rest is due.
 * The record itself stays valid.
 */
int crm_csv_rest(struct crm_csv_reader *r,
    void (*fn)(void *ctx, const char *s, size_t len), void *ctx,
    struct crm_error *err);

/*
 * The blank rows skipped so far: empty lines and records whose fields
 * are all empty (",,,," as spreadsheets write after a table, whatever
 * their number of fields), after the header.  *first, when not NULL, is
 * set to the line of the first (0 if none).
 */
size_t crm_csv_blank(const struct crm_csv_reader *r, long *first);

const struct crm_record *crm_csv_header(const struct crm_csv_reader *r);
const char *crm_csv_name(const struct crm_csv_reader *r);

void crm_csv_close(struct crm_csv_reader *r);

#define CRM_CSV_WRITE_BUF	8192

/*
 * A record is assembled in buf and handed to the stream whole by
 * crm_csv_end (or in pieces when it outgrows buf): one fwrite per record
 * rather than one call per byte or field.
 */
struct crm_csv_writer {
	FILE *fp;
	unsigned char delim;
	size_t nfields;		/* fields written in the current record */
	int last_empty;
	size_t used;
	char buf[CRM_CSV_WRITE_BUF];
};

void crm_csv_writer_init(struct crm_csv_writer *w, FILE *fp,
    unsigned char delim);

/* Writes one field of the current record. */
void crm_csv_put(struct crm_csv_writer *w, const char *s, size_t len);
void crm_csv_puts(struct crm_csv_writer *w, const char *s);

/*
 * Writes one field as crm_csv_put does, but with each backslash, LF and
 * CR as the two bytes \\, \n and \r: the record stays on one line, for
 * tools that cut their input at line ends (sort, Hadoop Streaming).
 * crm_csv_unescape reads such a field back.
 */
void crm_csv_put_escaped(struct crm_csv_writer *w, const char *s,
    size_t len);

/*
 * Undoes crm_csv_put_escaped on field i of rec, in place (its length
 * shrinks).  Returns 0, or -1 when a backslash is not followed by one of
 * \\, n and r (*at: the offset of that backslash).
 */
int crm_csv_unescape(struct crm_record *rec, size_t i, size_t *at);

/*
 * Ends the current record and writes it to the stream.  Returns -1 if
 * the stream has an error.
 */
int crm_csv_end(struct crm_csv_writer *w);

/*
 * Writes nfields fields given as their CSV text: the raw text of a record
 * read with this writer's delimiter (see struct crm_record), which is
 * what crm_csv_put would have written for them.
 */
void crm_csv_put_raw(struct crm_csv_writer *w, const char *text, size_t len,
    size_t nfields);

#endif
