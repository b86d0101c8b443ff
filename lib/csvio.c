/*
 * csvio.c - streaming CSV reader and writer over libcsv (see csvio.h).
 *
 * The reader keeps a 64 KiB window of UTF-8 text (converted by iconv(3)
 * when an encoding is given) and hands libcsv one physical line at a
 * time.  Because libcsv can only end a record at a line end, at most one
 * record completes per call, and the reader always knows the line it is
 * on: that is how every record gets the line where it starts, which
 * libcsv itself does not track.
 *
 * A record stops being held at the cap on its fields: the feed that
 * passes it ends the record for the caller (a bad one, with the fields
 * so far), and its rest is read later field by field without being
 * kept, so that a line of fifty million empty fields needs no more
 * memory than one of a hundred thousand.
 */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "csvio.h"

#define WINDOW	(64 * 1024)

struct crm_csv_reader {
	FILE *fp;
	char name[PATH_MAX];	/* whole: messages name the file */
	struct csv_parser parser;
	int parser_ready;
	size_t max_field;
	size_t max_fields;

	/* the window of UTF-8 text not yet handed to libcsv */
	char *buf;
	size_t pos, len;
	int eof;		/* the input is exhausted */
	long long limit;	/* bytes to read at most (a range); -1: all */
	long long nread;	/* bytes read from fp */
	int finished;		/* csv_fini has been called */
	int started;		/* the byte order mark has been looked at */

	/* legacy encodings */
	iconv_t cd;
	char *raw;
	size_t rawlen;
	char encoding[64];
	int bad_encoding;	/* the text ends at an invalid sequence */

	/* where we are */
	long line;		/* physical line of the next byte fed */
	long rec_line;		/* line where the current record starts */
	int between;		/* no byte of a record fed since the last */
	int last_cr;		/* the last byte fed was a CR */
	int body;		/* the header is read: blank rows count */
	int headerless;		/* no header, records of any width */
	size_t blank;		/* blank rows skipped */
	long blank_first;	/* the line of the first */

	/* the record being assembled by the callbacks */
	char *data;
	size_t datalen, datacap;
	size_t *off, *flen;
	char **fptr;
	size_t nf, fcap, fptrcap;
	int done;		/* a complete record is assembled */
	const char *chunk;	/* the last text fed of the record */
	size_t chunklen;
	int chunks;		/* how many feeds the record took */
	int toolong;		/* a field passed max_field */
	int bad;		/* first problem seen in a field */
	size_t badfield;
	int over;		/* the record passed max_fields */
	int pending;		/* and its rest is still to be read */
	int draining;		/* reading that rest: fields go to sink */
	void (*sink)(void *, const char *, size_t);
	void *sink_ctx;

	struct crm_record rec;
	struct crm_record header;
	char *header_data;
};

enum { BAD_NONE, BAD_NUL, BAD_UTF8 };

/* Fields up to this long are copied and checked inline, without a call. */
#define SHORT_FIELD	32

/* Nonzero when a byte of word w is zero (the classic bit trick). */
#define ANY_ZERO_BYTE(w) \
	(((w) - 0x0101010101010101ULL) & ~(w) & 0x8080808080808080ULL)

/*
 * BAD_NONE for valid UTF-8 without NUL bytes, else what is wrong (a NUL
 * anywhere in the field before invalid UTF-8), in one pass.
 */
static int
check_text(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = s[i];

		if (c < 0x80) {
			/* skip runs of ASCII eight bytes at a time */
			while (i + 8 <= n) {
				uint64_t w;

				memcpy(&w, s + i, 8);
				if (w & 0x8080808080808080ULL)
					break;
				if (ANY_ZERO_BYTE(w))
					return BAD_NUL;
				i += 8;
			}
			if (i < n && s[i] < 0x80) {
				if (s[i] == '\0')
					return BAD_NUL;
				i++;
			}
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			if (i + 1 >= n || (s[i + 1] & 0xC0) != 0x80)
				goto invalid;
			i += 2;
		} else if (c >= 0xE0 && c <= 0xEF) {
			if (i + 2 >= n || (s[i + 1] & 0xC0) != 0x80 ||
			    (s[i + 2] & 0xC0) != 0x80)
				goto invalid;
			if (c == 0xE0 && s[i + 1] < 0xA0)
				goto invalid;	/* overlong */
			if (c == 0xED && s[i + 1] >= 0xA0)
				goto invalid;	/* surrogate */
			i += 3;
		} else if (c >= 0xF0 && c <= 0xF4) {
			if (i + 3 >= n || (s[i + 1] & 0xC0) != 0x80 ||
			    (s[i + 2] & 0xC0) != 0x80 ||
			    (s[i + 3] & 0xC0) != 0x80)
				goto invalid;
			if (c == 0xF0 && s[i + 1] < 0x90)
				goto invalid;	/* overlong */
			if (c == 0xF4 && s[i + 1] >= 0x90)
				goto invalid;	/* past U+10FFFF */
			i += 4;
		} else {
			goto invalid;
		}
	}
	return BAD_NONE;
invalid:
	/* all before i is NUL-free */
	return memchr(s + i, '\0', n - i) != NULL ? BAD_NUL : BAD_UTF8;
}

/* libcsv trims unquoted spaces by default; the contract keeps them. */
static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

/*
 * Makes room in r for one more field of n bytes (and its NUL).  Returns
 * 0, or -1 when out of memory.  Like the other rare paths of the reader
 * (end_of_input, malformed), kept out of line: the hot functions that
 * call it stay small (callgrind counts 2% fewer instructions in on_field).
 */
static int __attribute__((noinline))
make_room(struct crm_csv_reader *r, size_t n)
{
	if (r->nf == r->fcap) {
		size_t cap = r->fcap ? r->fcap * 2 : 64;
		size_t *off = realloc(r->off, cap * sizeof(*off));
		size_t *flen;

		if (off == NULL)
			return -1;
		r->off = off;
		if ((flen = realloc(r->flen, cap * sizeof(*flen))) == NULL)
			return -1;
		r->flen = flen;
		r->fcap = cap;
	}
	if (r->datalen + n + 1 > r->datacap) {
		size_t cap = r->datacap ? r->datacap : 4096;
		char *d;

		while (r->datalen + n + 1 > cap)
			cap *= 2;
		if ((d = realloc(r->data, cap)) == NULL)
			return -1;
		r->data = d;
		r->datacap = cap;
	}
	return 0;
}

/*
 * Copies a field of at most SHORT_FIELD bytes from u to d, looking for
 * NUL and non-ASCII bytes in the same few word loads, without a call:
 * most fields are a few bytes.  Returns nonzero when the field may hold
 * one (check_text then says).
 */
static inline int
copy_short(char *d, const unsigned char *u, size_t n)
{
	uint64_t any = 0, nul = 0, w;

	if (n >= 8) {
		size_t i;

		/* whole words, then one ending at the last byte */
		for (i = 0; i + 8 < n; i += 8) {
			memcpy(&w, u + i, 8);
			memcpy(d + i, &w, 8);
			any |= w;
			nul |= ANY_ZERO_BYTE(w);
		}
		memcpy(&w, u + n - 8, 8);
		memcpy(d + n - 8, &w, 8);
		any |= w;
		nul |= ANY_ZERO_BYTE(w);
	} else if (n >= 4) {
		/* two half words that overlap cover 4 to 7 bytes */
		uint32_t a, b;

		memcpy(&a, u, 4);
		memcpy(&b, u + n - 4, 4);
		memcpy(d, &a, 4);
		memcpy(d + n - 4, &b, 4);
		w = a | (uint64_t)b << 32;
		any = w;
		nul = ANY_ZERO_BYTE(w);
	} else if (n > 0) {
		/* first, middle and last cover 1 to 3 bytes; the other
		   five bytes of w are made nonzero */
		d[0] = (char)u[0];
		d[n / 2] = (char)u[n / 2];
		d[n - 1] = (char)u[n - 1];
		w = 0x0101010101000000ULL | u[0] | (uint64_t)u[n / 2] << 8 |
		    (uint64_t)u[n - 1] << 16;
		any = w;
		nul = ANY_ZERO_BYTE(w);
	}
	return nul || (any & 0x8080808080808080ULL);
}

static void
on_field(void *s, size_t n, void *data)
{
	struct crm_csv_reader *r = data;
	char *d;
	int suspect = 1;

	if (r->toolong)
		return;
	if (n > r->max_field) {
		r->toolong = 1;
		return;
	}
	if (r->nf >= r->max_fields) {
		/* past the cap: held until the feed ends, then handed on */
		if (r->draining) {
			if (r->sink != NULL)
				r->sink(r->sink_ctx, s, n);
			return;
		}
		r->over = 1;
	}
	if ((r->nf == r->fcap || r->datalen + n + 1 > r->datacap) &&
	    make_room(r, n) < 0) {
		/* reported as too long: the field could not be held */
		r->toolong = 2;
		return;
	}
	d = r->data + r->datalen;
	if (n <= SHORT_FIELD)
		suspect = copy_short(d, s, n);
	else
		memcpy(d, s, n);
	d[n] = '\0';
	if (suspect && r->bad == BAD_NONE &&
	    (r->bad = check_text(s, n)) != BAD_NONE)
		r->badfield = r->nf;
	r->off[r->nf] = r->datalen;
	r->flen[r->nf] = n;
	r->nf++;
	r->datalen += n + 1;
}

static void
on_record(int c, void *data)
{
	struct crm_csv_reader *r = data;

	(void)c;
	r->done = 1;
	r->between = 1;
}

static int
read_error(struct crm_csv_reader *r, struct crm_error *err)
{
	return crm_error_set(err, CRM_EXIT_DATA, r->name, 0, 0,
	    "read error: %s", strerror(errno));
}

/*
 * Reads up to size bytes of the input into buf, adding their number to
 * *len.  A read that meets the end of the input marks it: glibc's fread
 * of a large block reads a terminal again after the Ctrl-D that ended
 * it, so asking once more would make the user type a second one.
 */
static int
read_input(struct crm_csv_reader *r, char *buf, size_t size, size_t *len,
    struct crm_error *err)
{
	size_t got;

	if (r->limit >= 0 && (long long)size > r->limit - r->nread)
		size = (size_t)(r->limit - r->nread);
	got = size > 0 ? fread(buf, 1, size, r->fp) : 0;
	if (got == 0 && size > 0 && ferror(r->fp))
		return read_error(r, err);
	r->nread += (long long)got;
	if (got == 0 || feof(r->fp) || r->nread == r->limit)
		r->eof = 1;
	*len += got;
	return 0;
}

/* Converts raw bytes from the input into the free part of the window. */
static int
fill_converted(struct crm_csv_reader *r, struct crm_error *err)
{
	char *in, *out;
	size_t inleft, outleft;

	if (!r->eof && r->rawlen < WINDOW && read_input(r, r->raw + r->rawlen,
	    WINDOW - r->rawlen, &r->rawlen, err) < 0)
		return -1;
	in = r->raw;
	inleft = r->rawlen;
	out = r->buf + r->len;
	outleft = WINDOW - r->len;
	if (iconv(r->cd, &in, &inleft, &out, &outleft) == (size_t)-1) {
		int e = errno;

		if (e == EILSEQ || (e == EINVAL && r->eof)) {
			/* report it once the text before it is read */
			r->len = WINDOW - outleft;
			r->bad_encoding = 1;
			r->eof = 1;
			r->rawlen = 0;
			return 0;
		}
		/* EINVAL: a character cut by the read; E2BIG: window full */
	}
	r->len = WINDOW - outleft;
	memmove(r->raw, in, inleft);
	r->rawlen = inleft;
	return 0;
}

/*
 * Slides the unread text to the front of the window and reads more.
 * Returns 0, or -1 on a read or conversion error.
 */
static int
fill(struct crm_csv_reader *r, struct crm_error *err)
{
	if (r->pos > 0) {
		memmove(r->buf, r->buf + r->pos, r->len - r->pos);
		r->len -= r->pos;
		r->pos = 0;
	}
	if (r->cd != (iconv_t)-1) {
		if (r->eof && r->rawlen == 0)
			return 0;
		if (fill_converted(r, err) < 0)
			return -1;
	} else if (!r->eof && read_input(r, r->buf + r->len, WINDOW - r->len,
	    &r->len, err) < 0) {
		return -1;
	}
	if (!r->started && (r->len >= 3 || r->eof)) {
		r->started = 1;
		if (r->len >= 3 && memcmp(r->buf, "\xEF\xBB\xBF", 3) == 0)
			r->pos = 3;
	}
	return 0;
}

/* Nothing left to read: the file is at its end and all of it converted. */
static int
drained(const struct crm_csv_reader *r)
{
	return r->eof && r->rawlen == 0;
}

static int
only_line_ends(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != '\r' && p[i] != '\n')
			return 0;
	return 1;
}

static int
field_too_long(struct crm_csv_reader *r, struct crm_error *err)
{
	if (r->toolong == 2)
		return crm_error_set(err, CRM_EXIT_DATA, r->name, r->rec_line,
		    0, "out of memory");
	return crm_error_set(err, CRM_EXIT_DATA, r->name, r->rec_line, 0,
	    "field longer than %zu bytes (an unterminated quote?)",
	    r->max_field);
}

/*
 * The end of the input: an encoding error, or libcsv's last record (the
 * one without a final line end).  Returns as next_record.
 */
static int __attribute__((noinline))
end_of_input(struct crm_csv_reader *r, struct crm_error *err)
{
	if (r->bad_encoding)
		return crm_error_set(err, CRM_EXIT_DATA, r->name, r->line, 0,
		    "invalid byte sequence for encoding %s", r->encoding);
	if (r->finished)
		return 0;
	r->finished = 1;
	if (csv_fini(&r->parser, on_field, on_record, r) != 0)
		return crm_error_set(err, CRM_EXIT_DATA, r->name, r->rec_line,
		    0, "unterminated quoted field");
	if (r->toolong)
		return field_too_long(r, err);
	return r->done;
}

/*
 * How much of the avail bytes at p to feed at once: up to the line end
 * *nl (NULL: none in the window), or up to a lone CR, since libcsv can
 * end a record there too and one call must never complete two records.
 * *nl is set to NULL when the line does not end there.  Lines are
 * counted by LF only, since a lone CR may be field text.
 */
static size_t
feed_length(const char *p, size_t avail, const char **nl)
{
	size_t n = *nl ? (size_t)(*nl - p) + 1 : avail;
	const char *cr = memchr(p, '\r', n);

	if (cr != NULL && (size_t)(cr - p) + 1 < n && cr[1] != '\n') {
		*nl = NULL;
		return (size_t)(cr - p) + 1;
	}
	return n;
}

static int __attribute__((noinline))
malformed(struct crm_csv_reader *r, struct crm_error *err)
{
	if (csv_error(&r->parser) == CSV_ENOMEM)
		return crm_error_set(err, CRM_EXIT_DATA, r->name, r->line, 0,
		    "out of memory");
	if (r->line != r->rec_line)
		return crm_error_set(err, CRM_EXIT_DATA, r->name, r->rec_line,
		    0, "malformed CSV at line %ld: a quote inside an unquoted "
		    "field or after a closing quote", r->line);
	return crm_error_set(err, CRM_EXIT_DATA, r->name, r->line, 0,
	    "malformed CSV: a quote inside an unquoted field or after a "
	    "closing quote");
}

/*
 * Hands n bytes at p to libcsv, noting where the record starts and the
 * text it came in (for crm_record_raw).  Returns 0 or -1.
 */
static int
feed(struct crm_csv_reader *r, const char *p, size_t n,
    struct crm_error *err)
{
	if (r->between && !only_line_ends(p, n)) {
		r->between = 0;
		r->rec_line = r->line;
	} else if (r->between && r->body && p[n - 1] == '\n' &&
	    !(n == 1 && r->last_cr)) {
		/* an empty line (not the LF of a CRLF cut by the window) */
		if (r->blank++ == 0)
			r->blank_first = r->line;
	}
	r->last_cr = p[n - 1] == '\r';
	if (!r->between) {
		r->chunk = p;
		r->chunklen = n;
		r->chunks++;
	}
	if (csv_parse(&r->parser, p, n, on_field, on_record, r) != n)
		return malformed(r, err);
	return 0;
}

/*
 * Sets *avail to the bytes in the window from r->pos and *nl to the first
 * line end among them (NULL: none), reading more first while the window
 * holds only part of a line and has room.  Returns 0, or -1 on a read or
 * conversion error.
 */
static int
look_ahead(struct crm_csv_reader *r, size_t *avail, const char **nl,
    struct crm_error *err)
{
	for (;;) {
		size_t before = r->len - r->pos;

		*avail = before;
		*nl = memchr(r->buf + r->pos, '\n', before);
		if ((*nl != NULL && r->started) || drained(r) ||
		    (r->pos == 0 && r->len == WINDOW))
			return 0;
		if (fill(r, err) < 0)
			return -1;
		if (r->len - r->pos == before && !drained(r)) {
			/* iconv wanted more room: feed what we have */
			*avail = before;
			*nl = memchr(r->buf + r->pos, '\n', before);
			return 0;
		}
	}
}

/*
 * Feeds libcsv until the record is complete or, unless its rest is being
 * read, past the cap on fields.  Returns 1, 0 at the end of the input,
 * -1 on error.
 */
static int
feed_record(struct crm_csv_reader *r, struct crm_error *err)
{
	while (!r->done && (!r->over || r->draining)) {
		const char *p, *nl;
		size_t avail, n;

		if (look_ahead(r, &avail, &nl, err) < 0)
			return -1;
		if (avail == 0)
			return end_of_input(r, err);
		p = r->buf + r->pos;
		n = feed_length(p, avail, &nl);
		if (feed(r, p, n, err) < 0)
			return -1;
		r->pos += n;
		if (nl != NULL)
			r->line++;
		if (r->toolong || r->parser.entry_pos > r->max_field)
			return field_too_long(r, err);
	}
	return 1;
}

/*
 * Reads the next record.  Returns 1 with the record in r->fptr/r->flen/
 * r->nf (r->over if it passed the cap), 0 at the end of the input, -1 on
 * error.
 */
static int
next_record(struct crm_csv_reader *r, struct crm_error *err)
{
	r->nf = 0;
	r->datalen = 0;
	r->done = 0;
	r->over = 0;
	r->bad = BAD_NONE;
	r->chunks = 0;
	return feed_record(r, err);
}

int
crm_csv_rest(struct crm_csv_reader *r,
    void (*fn)(void *ctx, const char *s, size_t len), void *ctx,
    struct crm_error *err)
{
	int got;

	if (!r->pending)
		return 0;
	r->pending = 0;
	r->draining = 1;
	r->sink = fn;
	r->sink_ctx = ctx;
	got = feed_record(r, err);
	r->draining = 0;
	r->sink = NULL;
	return got < 0 ? -1 : 0;
}

int
crm_csv_pending(const struct crm_csv_reader *r)
{
	return r->pending;
}

size_t
crm_csv_blank(const struct crm_csv_reader *r, long *first)
{
	if (first != NULL)
		*first = r->blank_first;
	return r->blank;
}

/* Points the record's fields into the assembled data. */
static void
expose(struct crm_csv_reader *r, struct crm_record *rec, char *data)
{
	size_t i;

	for (i = 0; i < r->nf; i++)
		r->fptr[i] = data + r->off[i];
	rec->n = r->nf;
	rec->field = r->fptr;
	rec->len = r->flen;
	rec->line = r->rec_line;
	rec->raw = r->chunks == 1 && r->chunklen > 0 &&
	    r->chunk[r->chunklen - 1] == '\n' ? r->chunk : NULL;
	rec->rawlen = r->chunklen;
}

const char *
crm_record_raw(const struct crm_record *rec, unsigned char delim,
    size_t *len)
{
	const char *p = rec->raw, *q;
	size_t n = rec->rawlen;

	if (p == NULL || n == 0 || p[n - 1] != '\n')
		return NULL;
	n--;
	if (n > 0 && p[n - 1] == '\r')
		n--;
	if (memchr(p, '"', n) != NULL || memchr(p, '\r', n) != NULL)
		return NULL;
	/* a field starting with U+FEFF is quoted on output */
	for (q = p; (q = memchr(q, 0xEF, (size_t)(p + n - q))) != NULL; q++)
		if (p + n - q >= 3 && memcmp(q, "\xEF\xBB\xBF", 3) == 0 &&
		    (q == p || q[-1] == (char)delim))
			return NULL;
	*len = n;
	return p;
}

static int
grow_pointers(struct crm_csv_reader *r, struct crm_error *err)
{
	char **p;

	if (r->fptrcap >= r->fcap)
		return 0;
	if ((p = realloc(r->fptr, r->fcap * sizeof(*p))) == NULL)
		return crm_error_set(err, CRM_EXIT_DATA, r->name, 0, 0,
		    "out of memory");
	r->fptr = p;
	r->fptrcap = r->fcap;
	return 0;
}

static const char *
header_name(const struct crm_csv_reader *r, size_t i)
{
	return i < r->header.n ? r->header.field[i] : "?";
}

static int
bad_field(struct crm_csv_reader *r, struct crm_error *err)
{
	const char *what = r->bad == BAD_NUL ?
	    "a NUL byte (UTF-16 text? try --encoding UTF-16)" :
	    "invalid UTF-8 (try --encoding)";

	if (r->headerless)
		return crm_error_set(err, CRM_EXIT_DATA, r->name, r->rec_line,
		    0, "field %zu: %s", r->badfield + 1, what);
	if (r->header.n == 0)
		return crm_error_set(err, CRM_EXIT_DATA, r->name, r->rec_line,
		    0, "header field %zu: %s", r->badfield + 1, what);
	return crm_error_set(err, CRM_EXIT_DATA, r->name, r->rec_line, 0,
	    "column '%s': %s", header_name(r, r->badfield), what);
}

/*
 * Makes h (of any reader) r's header, a copy of its own that lives as
 * long as the reader.  Returns 0, or -1 when out of memory.
 */
static int
copy_header(struct crm_csv_reader *r, const struct crm_record *h)
{
	size_t size = 0, i;
	char *d;

	for (i = 0; i < h->n; i++)
		size += h->len[i] + 1;
	r->header_data = malloc(size ? size : 1);
	r->header.field = malloc((h->n ? h->n : 1) * sizeof(char *));
	r->header.len = malloc((h->n ? h->n : 1) * sizeof(size_t));
	if (r->header_data == NULL || r->header.field == NULL ||
	    r->header.len == NULL)
		return -1;
	d = r->header_data;
	for (i = 0; i < h->n; i++) {
		memcpy(d, h->field[i], h->len[i] + 1);
		r->header.field[i] = d;
		r->header.len[i] = h->len[i];
		d += h->len[i] + 1;
	}
	r->header.n = h->n;
	r->header.line = h->line;
	r->header.raw = NULL;	/* it points into a window */
	return 0;
}

/* Reads the header into r->header.  Returns 0, or -1 on error. */
static int
read_header(struct crm_csv_reader *r, struct crm_error *err)
{
	int got;

	if ((got = next_record(r, err)) < 0)
		return -1;
	if (got == 0)
		return crm_error_set(err, CRM_EXIT_DATA, r->name, 0, 0,
		    "empty input: expected a header line");
	if (r->over)
		return crm_error_set(err, CRM_EXIT_DATA, r->name, r->rec_line,
		    0, "more than %zu fields in the header", r->max_fields);
	if (grow_pointers(r, err) < 0)
		return -1;
	if (r->bad != BAD_NONE)
		return bad_field(r, err);
	expose(r, &r->rec, r->data);
	if (copy_header(r, &r->rec) < 0)
		return crm_error_set(err, CRM_EXIT_DATA, r->name, 0, 0,
		    "out of memory");
	r->body = 1;
	return 0;
}

/*
 * A reader of fp with the options opt, its header not read yet.
 * Returns NULL with *err filled on error.
 */
static struct crm_csv_reader *
new_reader(FILE *fp, const char *name, const struct crm_csv_options *opt,
    struct crm_error *err)
{
	struct crm_csv_reader *r;
	unsigned char delim = opt && opt->delim ? opt->delim : ',';

	if ((r = calloc(1, sizeof(*r))) == NULL) {
		crm_error_set(err, CRM_EXIT_DATA, name, 0, 0, "out of memory");
		return NULL;
	}
	r->fp = fp;
	snprintf(r->name, sizeof(r->name), "%s",
	    strcmp(name, "-") == 0 ? "<stdin>" : name);
	r->max_field = opt && opt->max_field ? opt->max_field :
	    CRM_CSV_MAX_FIELD_DEFAULT;
	r->max_fields = opt && opt->max_fields ? opt->max_fields :
	    CRM_CSV_MAX_FIELDS_DEFAULT;
	r->cd = (iconv_t)-1;
	r->limit = -1;
	r->line = 1;
	r->rec_line = 1;
	r->between = 1;
	if (opt && opt->encoding && strcasecmp(opt->encoding, "UTF-8") != 0 &&
	    strcasecmp(opt->encoding, "UTF8") != 0) {
		snprintf(r->encoding, sizeof(r->encoding), "%s", opt->encoding);
		r->cd = iconv_open("UTF-8", opt->encoding);
		if (r->cd == (iconv_t)-1) {
			crm_error_set(err, CRM_EXIT_USAGE, NULL, 0, 0,
			    "unknown encoding '%s'", opt->encoding);
			goto fail;
		}
		if ((r->raw = malloc(WINDOW)) == NULL)
			goto nomem;
	}
	if ((r->buf = malloc(WINDOW)) == NULL)
		goto nomem;
	if (csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI |
	    CSV_APPEND_NULL) != 0)
		goto nomem;
	r->parser_ready = 1;
	csv_set_delim(&r->parser, delim);
	csv_set_space_func(&r->parser, no_space);
	return r;
nomem:
	crm_error_set(err, CRM_EXIT_DATA, r->name, 0, 0, "out of memory");
fail:
	crm_csv_close(r);
	return NULL;
}

struct crm_csv_reader *
crm_csv_open(FILE *fp, const char *name, const struct crm_csv_options *opt,
    struct crm_error *err)
{
	struct crm_csv_reader *r = new_reader(fp, name, opt, err);

	if (r == NULL)
		return NULL;
	if (opt != NULL && opt->headerless) {
		r->headerless = 1;
		r->body = 1;
	} else if (read_header(r, err) < 0) {
		crm_csv_close(r);
		return NULL;
	}
	return r;
}

struct crm_csv_reader *
crm_csv_open_range(FILE *fp, const char *name,
    const struct crm_csv_options *opt, const struct crm_record *header,
    long line, long long length, struct crm_error *err)
{
	struct crm_csv_reader *r = new_reader(fp, name, opt, err);

	if (r == NULL)
		return NULL;
	r->limit = length;
	r->line = r->rec_line = line;
	r->started = 1;		/* a mark is at the file's start only */
	r->body = 1;
	if (copy_header(r, header) < 0) {
		crm_error_set(err, CRM_EXIT_DATA, r->name, 0, 0,
		    "out of memory");
		crm_csv_close(r);
		return NULL;
	}
	return r;
}

int
crm_csv_consumed(const struct crm_csv_reader *r, long long *bytes,
    long *line)
{
	if (r->cd != (iconv_t)-1)
		return -1;
	*bytes = r->nread - (long long)(r->len - r->pos);
	*line = r->line;
	return 0;
}

int
crm_csv_read(struct crm_csv_reader *r, struct crm_record **rec,
    struct crm_error *err)
{
	int got;

	if (crm_csv_rest(r, NULL, NULL, err) < 0)
		return CRM_CSV_FATAL;
	for (;;) {
		if ((got = next_record(r, err)) <= 0)
			return got < 0 ? CRM_CSV_FATAL : CRM_CSV_END;
		/* n fields take n bytes of data only when all are empty */
		if (r->over || r->datalen != r->nf)
			break;
		if (r->blank++ == 0)
			r->blank_first = r->rec_line;
	}
	r->pending = r->over && !r->done;
	if (grow_pointers(r, err) < 0)
		return CRM_CSV_FATAL;
	expose(r, &r->rec, r->data);
	*rec = &r->rec;
	if (r->over && r->headerless) {
		crm_error_set(err, CRM_EXIT_DATA, r->name, r->rec_line, 0,
		    "more than %zu fields", r->max_fields);
		return CRM_CSV_BAD;
	}
	if (r->over) {
		crm_error_set(err, CRM_EXIT_DATA, r->name, r->rec_line, 0,
		    "expected %zu fields as in the header, found more than "
		    "%zu", r->header.n, r->max_fields);
		return CRM_CSV_BAD;
	}
	if (r->nf != r->header.n && !r->headerless) {
		crm_error_set(err, CRM_EXIT_DATA, r->name, r->rec_line, 0,
		    "expected %zu fields as in the header, found %zu",
		    r->header.n, r->nf);
		return CRM_CSV_BAD;
	}
	if (r->bad != BAD_NONE) {
		bad_field(r, err);
		return CRM_CSV_BAD;
	}
	return CRM_CSV_RECORD;
}

const struct crm_record *
crm_csv_header(const struct crm_csv_reader *r)
{
	return &r->header;
}

const char *
crm_csv_name(const struct crm_csv_reader *r)
{
	return r->name;
}

void
crm_csv_close(struct crm_csv_reader *r)
{
	if (r == NULL)
		return;
	if (r->parser_ready)
		csv_free(&r->parser);
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	free(r->raw);
	free(r->buf);
	free(r->data);
	free(r->off);
	free(r->flen);
	free(r->fptr);
	free(r->header_data);
	free(r->header.field);
	free(r->header.len);
	free(r);
}

struct crm_record *
crm_record_copy(struct crm_arena *a, const struct crm_record *rec)
{
	size_t size = sizeof(struct crm_record) +
	    rec->n * (sizeof(char *) + sizeof(size_t)), i;
	struct crm_record *copy;
	char *text;

	for (i = 0; i < rec->n; i++)
		size += rec->len[i] + 1;
	/* one allocation: the record, its pointers, lengths and texts */
	if ((copy = crm_arena_alloc(a, size)) == NULL)
		return NULL;
	copy->n = rec->n;
	copy->line = rec->line;
	copy->raw = NULL;
	copy->rawlen = 0;
	copy->field = (char **)(copy + 1);
	copy->len = (size_t *)(copy->field + rec->n);
	text = (char *)(copy->len + rec->n);
	for (i = 0; i < rec->n; i++) {
		memcpy(text, rec->field[i], rec->len[i] + 1);
		copy->field[i] = text;
		copy->len[i] = rec->len[i];
		text += rec->len[i] + 1;
	}
	return copy;
}

void
crm_csv_writer_init(struct crm_csv_writer *w, FILE *fp, unsigned char delim)
{
	w->fp = fp;
	w->delim = delim ? delim : ',';
	w->nfields = 0;
	w->last_empty = 0;
	w->used = 0;
}

static void
spill(struct crm_csv_writer *w)
{
	if (w->used > 0)
		fwrite(w->buf, 1, w->used, w->fp);
	w->used = 0;
}

static void
add(struct crm_csv_writer *w, const char *s, size_t n)
{
	while (n > 0) {
		size_t room = CRM_CSV_WRITE_BUF - w->used, k = n < room ? n :
		    room;

		memcpy(w->buf + w->used, s, k);
		w->used += k;
		s += k;
		n -= k;
		if (w->used == CRM_CSV_WRITE_BUF)
			spill(w);
	}
}

static void
add_char(struct crm_csv_writer *w, char c)
{
	if (w->used == CRM_CSV_WRITE_BUF)
		spill(w);
	w->buf[w->used++] = c;
}

/* A byte that makes its field quoted. */
static inline int
quote_byte(unsigned char c, unsigned char delim)
{
	return c == delim || c == '"' || c == '\n' || c == '\r';
}

static int
needs_quotes(const char *s, size_t len, unsigned char delim)
{
	const uint64_t ones = 0x0101010101010101ULL;
	size_t i;

	/* a leading U+FEFF would read back as a byte order mark, and go */
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		return 1;

	/* eight bytes at a time: does any equal one of the four? */
	for (i = 0; i + 8 <= len; i += 8) {
		uint64_t w;

		memcpy(&w, s + i, 8);
		if (ANY_ZERO_BYTE(w ^ (ones * delim)) |
		    ANY_ZERO_BYTE(w ^ (ones * '"')) |
		    ANY_ZERO_BYTE(w ^ (ones * '\n')) |
		    ANY_ZERO_BYTE(w ^ (ones * '\r')))
			return 1;
	}
	for (; i < len; i++)
		if (quote_byte((unsigned char)s[i], delim))
			return 1;
	return 0;
}

void
crm_csv_put(struct crm_csv_writer *w, const char *s, size_t len)
{
	const char *q;

	if (len <= SHORT_FIELD && w->used + len + 1 <= CRM_CSV_WRITE_BUF &&
	    (len < 3 || (unsigned char)s[0] != 0xEF)) {
		/* the usual short field: copy it while checking it, and
		   start again below if it needs quotes after all */
		char *d = w->buf + w->used + (w->nfields > 0);
		size_t i;

		for (i = 0; i < len; i++) {
			if (quote_byte((unsigned char)s[i], w->delim))
				break;
			d[i] = s[i];
		}
		if (i == len) {
			if (w->nfields++ > 0)
				w->buf[w->used] = (char)w->delim;
			w->used = (size_t)(d + len - w->buf);
			w->last_empty = len == 0;
			return;
		}
	}
	if (w->nfields++ > 0)
		add_char(w, (char)w->delim);
	w->last_empty = len == 0;
	if (!needs_quotes(s, len, w->delim)) {
		add(w, s, len);
		return;
	}
	add_char(w, '"');
	while (len > 0 && (q = memchr(s, '"', len)) != NULL) {
		add(w, s, (size_t)(q - s) + 1);
		add_char(w, '"');
		len -= (size_t)(q - s) + 1;
		s = q + 1;
	}
	add(w, s, len);
	add_char(w, '"');
}

/* The bytes that crm_csv_put_escaped writes as two. */
static inline int
escape_byte(char c)
{
	return c == '\\' || c == '\n' || c == '\r';
}

void
crm_csv_put_escaped(struct crm_csv_writer *w, const char *s, size_t len)
{
	size_t i, from = 0;
	int quotes = 0;

	for (i = 0; i < len && !escape_byte(s[i]); i++)
		;
	if (i == len) {
		crm_csv_put(w, s, len);
		return;
	}
	for (i = 0; i < len && !quotes; i++)
		quotes = (unsigned char)s[i] == w->delim || s[i] == '"';
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		quotes = 1;
	if (w->nfields++ > 0)
		add_char(w, (char)w->delim);
	w->last_empty = 0;
	if (quotes)
		add_char(w, '"');
	for (i = 0; i < len; i++) {
		if (!escape_byte(s[i]) && !(quotes && s[i] == '"'))
			continue;
		add(w, s + from, i - from);
		add_char(w, s[i] == '"' ? '"' : '\\');
		add_char(w, s[i] == '\n' ? 'n' : s[i] == '\r' ? 'r' : s[i]);
		from = i + 1;
	}
	add(w, s + from, len - from);
	if (quotes)
		add_char(w, '"');
}

int
crm_csv_unescape(struct crm_record *rec, size_t i, size_t *at)
{
	char *s = rec->field[i], *d, *p = memchr(s, '\\', rec->len[i]);
	char *end = s + rec->len[i];

	for (d = p; p != NULL && p < end; p++) {
		if (*p != '\\') {
			*d++ = *p;
			continue;
		}
		if (p + 1 == end || (p[1] != '\\' && p[1] != 'n' &&
		    p[1] != 'r')) {
			*at = (size_t)(p - s);
			return -1;
		}
		p++;
		*d++ = *p == 'n' ? '\n' : *p == 'r' ? '\r' : '\\';
	}
	if (d != NULL) {
		*d = '\0';
		rec->len[i] = (size_t)(d - s);
	}
	return 0;
}

void
crm_csv_put_raw(struct crm_csv_writer *w, const char *text, size_t len,
    size_t nfields)
{
	if (w->nfields > 0)
		add_char(w, (char)w->delim);
	add(w, text, len);
	w->nfields += nfields;
	w->last_empty = len == 0;
}

void
crm_csv_puts(struct crm_csv_writer *w, const char *s)
{
	crm_csv_put(w, s, strlen(s));
}

int
crm_csv_end(struct crm_csv_writer *w)
{
	/* a lone empty field would read back as a blank line, i.e. nothing */
	if (w->nfields == 1 && w->last_empty)
		add(w, "\"\"", 2);
	add_char(w, '\n');
	spill(w);
	w->nfields = 0;
	return ferror(w->fp) ? -1 : 0;
}
