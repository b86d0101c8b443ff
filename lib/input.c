/*
 * input.c - operands in turn, bad records accounted for (see input.h).
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input.h"
#include "partial.h"
#include "output.h"

struct crm_input {
	char **paths;
	int npaths, next;
	const struct crm_common *common;
	struct crm_csv_options csv;	/* common's; headerless for --merge */
	int skip_bad;			/* common's, but never for --merge */
	FILE *fp;
	struct crm_csv_reader *r;
	struct crm_record header;	/* the first file's, owned */
	char *header_data;
	char *first_name;		/* the first file's name, owned */
	struct crm_header hdr;		/* header and first_name */
	FILE *rejects;
	int own_rejects;		/* a range's temporary file */
	struct crm_csv_writer rw;
	size_t rejected;
	long line;			/* of the last record read; 0: none */
	size_t blank;			/* blank rows of the files closed */
	long blank_line;		/* the first one's line and file */
	char *blank_file;
};

static char stdin_name[] = "-";
static char *stdin_only[] = { stdin_name };

static int
open_file(struct crm_input *in, const char *path, struct crm_error *e)
{
	if (strcmp(path, "-") == 0) {
		in->fp = stdin;
	} else if ((in->fp = fopen(path, "rb")) == NULL) {
		return crm_error_set(e, CRM_EXIT_DATA, path, 0, 0,
		    "cannot open: %s", strerror(errno));
	}
	in->r = crm_csv_open(in->fp, path, &in->csv, e);
	if (in->r == NULL) {
		if (in->fp != stdin)
			fclose(in->fp);
		in->fp = NULL;
		return -1;
	}
	return 0;
}

/* Adds the blank rows of the file being read to the count. */
static void
count_blank(struct crm_input *in)
{
	long first;
	size_t n = crm_csv_blank(in->r, &first);

	if (n > 0 && in->blank == 0 && in->blank_file == NULL) {
		/* the name is for a message: if it cannot be kept, no name */
		in->blank_file = strdup(crm_csv_name(in->r));
		in->blank_line = first;
	}
	in->blank += n;
}

static void
close_file(struct crm_input *in)
{
	if (in->r != NULL)
		count_blank(in);
	crm_csv_close(in->r);
	in->r = NULL;
	in->line = 0;
	if (in->fp != NULL && in->fp != stdin)
		fclose(in->fp);
	in->fp = NULL;
}

static int
keep_header(struct crm_input *in, struct crm_error *e)
{
	const struct crm_record *h = crm_csv_header(in->r);
	size_t size = 0, i;
	char *d;

	for (i = 0; i < h->n; i++)
		size += h->len[i] + 1;
	in->header_data = malloc(size ? size : 1);
	in->header.field = calloc(h->n ? h->n : 1, sizeof(char *));
	in->header.len = calloc(h->n ? h->n : 1, sizeof(size_t));
	if (in->header_data == NULL || in->header.field == NULL ||
	    in->header.len == NULL)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "out of memory");
	d = in->header_data;
	for (i = 0; i < h->n; i++) {
		memcpy(d, h->field[i], h->len[i] + 1);
		in->header.field[i] = d;
		in->header.len[i] = h->len[i];
		d += h->len[i] + 1;
	}
	in->header.n = h->n;
	in->header.line = h->line;
	in->header.raw = NULL;
	return 0;
}

static int
same_header(const struct crm_record *a, const struct crm_record *b)
{
	size_t i;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++)
		if (a->len[i] != b->len[i] ||
		    memcmp(a->field[i], b->field[i], a->len[i]) != 0)
			return 0;
	return 1;
}

static void
free_input(struct crm_input *in)
{
	close_file(in);
	free(in->header_data);
	free(in->header.field);
	free(in->header.len);
	free(in->first_name);
	free(in->blank_file);
	if (in->own_rejects)
		fclose(in->rejects);
	free(in);
}

static int
open_rejects(struct crm_input *in, const char *path, struct crm_error *e)
{
	size_t i;

	if ((in->rejects = crm_output_open(path, e)) == NULL)
		return -1;
	crm_csv_writer_init(&in->rw, in->rejects, in->common->delim);
	for (i = 0; i < in->header.n; i++)
		crm_csv_put(&in->rw, in->header.field[i], in->header.len[i]);
	crm_csv_puts(&in->rw, "error");
	crm_csv_end(&in->rw);
	return 0;
}

struct crm_input *
crm_input_open(char **paths, int npaths, const struct crm_common *c,
    struct crm_error *e)
{
	struct crm_input *in = calloc(1, sizeof(*in));

	if (in == NULL) {
		crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0, "out of memory");
		return NULL;
	}
	in->common = c;
	in->csv = c->csv;
	/*
	 * Partial state is CSV without a header, always UTF-8; a row that is
	 * not partial state stops the run: --skip-bad and --rejects are for
	 * the rows of the runs that wrote it.
	 */
	if (c->merge) {
		in->csv.headerless = 1;
		in->csv.encoding = NULL;
	}
	in->skip_bad = c->skip_bad && !c->merge;
	in->paths = npaths > 0 ? paths : stdin_only;
	in->npaths = npaths > 0 ? npaths : 1;
	if (open_file(in, in->paths[0], e) < 0)
		goto fail;
	in->next = 1;
	if (keep_header(in, e) < 0)
		goto fail;
	if ((in->first_name = strdup(crm_csv_name(in->r))) == NULL) {
		crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0, "out of memory");
		goto fail;
	}
	in->hdr.rec = &in->header;
	in->hdr.file = in->first_name;
	if (c->rejects != NULL && in->skip_bad &&
	    open_rejects(in, c->rejects, e) < 0)
		goto fail;
	return in;
fail:
	free_input(in);
	return NULL;
}

const struct crm_header *
crm_input_header(const struct crm_input *in)
{
	return &in->hdr;
}

size_t
crm_input_rejected(const struct crm_input *in)
{
	return in->rejected;
}

size_t
crm_input_blank(const struct crm_input *in, const char **file, long *line)
{
	long first;
	size_t n = in->blank;

	*file = in->blank_file;
	*line = in->blank_line;
	if (in->r != NULL && crm_csv_blank(in->r, &first) > 0) {
		n += crm_csv_blank(in->r, NULL);
		if (in->blank == 0) {
			*file = crm_csv_name(in->r);
			*line = first;
		}
	}
	return n;
}

const char *
crm_input_name(const struct crm_input *in)
{
	return in->r != NULL ? crm_csv_name(in->r) : in->first_name;
}

static void
put_field(void *w, const char *s, size_t len)
{
	crm_csv_put(w, s, len);
}

/*
 * Writes rec to the rejects file: the header's number of fields (a short
 * record padded with empty ones), the message in the error column, then
 * the fields past the header's width, those the reader did not hold
 * included: every field of the record, byte for byte, so that the file
 * with its error column cut out reads back as the records themselves.
 */
static int
write_reject(struct crm_input *in, const struct crm_record *rec,
    const struct crm_error *placed, struct crm_error *e)
{
	char msg[CRM_ERROR_TEXT];
	size_t i;

	for (i = 0; i < in->header.n; i++) {
		if (i < rec->n)
			crm_csv_put(&in->rw, rec->field[i], rec->len[i]);
		else
			crm_csv_put(&in->rw, "", 0);
	}
	crm_error_format(placed, msg, sizeof(msg));
	crm_csv_puts(&in->rw, msg);
	for (; i < rec->n; i++)
		crm_csv_put(&in->rw, rec->field[i], rec->len[i]);
	/* a record past the reader's cap: the rest, as it is read */
	if (in->r != NULL && crm_csv_pending(in->r) &&
	    crm_csv_rest(in->r, put_field, &in->rw, e) < 0)
		return -1;
	if (crm_csv_end(&in->rw) < 0)
		return crm_error_set(e, CRM_EXIT_DATA, in->common->rejects,
		    0, 0, "write error: %s", strerror(errno));
	return 0;
}

int
crm_input_reject(struct crm_input *in, const struct crm_record *rec,
    const struct crm_error *why, struct crm_error *e)
{
	struct crm_error placed = *why;

	if (placed.line == 0) {
		snprintf(placed.file, sizeof(placed.file), "%s",
		    crm_input_name(in));
		placed.line = rec->line;
	}
	if (!in->skip_bad) {
		*e = placed;
		return -1;
	}
	in->rejected++;
	if (in->rejects == NULL)
		return 0;
	return write_reject(in, rec, &placed, e);
}

int
crm_input_next_file(struct crm_input *in, struct crm_error *e)
{
	if (in->r != NULL)
		return 1;
	if (in->next >= in->npaths)
		return 0;
	if (open_file(in, in->paths[in->next++], e) < 0)
		return -1;
	if (!in->csv.headerless &&
	    !same_header(&in->header, crm_csv_header(in->r)))
		return crm_error_set(e, CRM_EXIT_DATA, crm_csv_name(in->r), 1,
		    0, "header differs from the first input's");
	return 1;
}

int
crm_input_read(struct crm_input *in, struct crm_record **rec,
    struct crm_error *e)
{
	for (;;) {
		struct crm_error why;
		int got;

		if (in->r == NULL && (got = crm_input_next_file(in, e)) <= 0)
			return got;
		switch (crm_csv_read(in->r, rec, &why)) {
		case CRM_CSV_RECORD:
			in->line = (*rec)->line;
			if (in->common->merge &&
			    crm_partial_decode(*rec, &why) != CRM_RECORD_OK) {
				if (crm_input_reject(in, *rec, &why, e) < 0)
					return -1;
				break;
			}
			return 1;
		case CRM_CSV_END:
			close_file(in);
			break;
		case CRM_CSV_BAD:
			if (crm_input_reject(in, *rec, &why, e) < 0)
				return -1;
			break;
		default:
			*e = why;
			return -1;
		}
	}
}

int
crm_input_judge(struct crm_input *in, const struct crm_record *rec,
    int verdict, const struct crm_error *why, struct crm_error *e)
{
	if (verdict == CRM_RECORD_OK)
		return 1;
	if (verdict == CRM_RECORD_BAD)
		return crm_input_reject(in, rec, why, e) < 0 ? -1 : 0;
	*e = *why;
	/* out of memory, say, while at this record: say where */
	if (e->file[0] == '\0' && e->status == CRM_EXIT_DATA) {
		snprintf(e->file, sizeof(e->file), "%s", crm_input_name(in));
		e->line = rec->line;
	}
	return -1;
}

long
crm_input_line(const struct crm_input *in)
{
	return in->line;
}

void
crm_input_close(struct crm_input *in)
{
	if (in != NULL)
		free_input(in);
}

int
crm_input_bad(struct crm_input *in, const struct crm_record *rec,
    struct crm_error *e, const char *fmt, ...)
{
	struct crm_error why;
	va_list ap;

	crm_error_set(&why, CRM_EXIT_DATA, crm_input_name(in), rec->line, 0,
	    "%s", "");
	va_start(ap, fmt);
	vsnprintf(why.msg, sizeof(why.msg), fmt, ap);
	va_end(ap);
	return crm_input_reject(in, rec, &why, e);
}

int
crm_input_body(const struct crm_input *in, const char **path,
    long long *offset, long *line)
{
	struct stat st;

	if (in->r == NULL || in->line != 0 ||
	    strcmp(in->paths[in->next - 1], "-") == 0 || in->csv.headerless ||
	    fstat(fileno(in->fp), &st) < 0 || !S_ISREG(st.st_mode) ||
	    crm_csv_consumed(in->r, offset, line) < 0)
		return 0;
	*path = in->paths[in->next - 1];
	return 1;
}

long long
crm_input_size(const struct crm_input *in)
{
	struct stat st;

	return in->fp != NULL && fstat(fileno(in->fp), &st) == 0 ?
	    (long long)st.st_size : -1;
}

/* part's own file, at its range's first byte, and its reader. */
static int
open_range(struct crm_input *part, const struct crm_input *in,
    const struct crm_split_range *rg, struct crm_error *e)
{
	const char *path = in->paths[in->next - 1];

	if ((part->fp = fopen(path, "rb")) == NULL)
		return crm_error_set(e, CRM_EXIT_DATA, path, 0, 0,
		    "cannot open: %s", strerror(errno));
	if (fseeko(part->fp, rg->start, SEEK_SET) < 0)
		return crm_error_set(e, CRM_EXIT_DATA, path, 0, 0,
		    "read error: %s", strerror(errno));
	part->r = crm_csv_open_range(part->fp, path, &part->csv, &in->header,
	    rg->line, (long long)(rg->end - rg->start), e);
	return part->r == NULL ? -1 : 0;
}

/*
 * A temporary file in $TMPDIR (else /tmp), as sort(1) makes them, gone
 * from the directory at once: it goes with its stream.
 */
static FILE *
temporary(struct crm_error *e)
{
	const char *dir = getenv("TMPDIR");
	char path[PATH_MAX];
	FILE *fp;
	int fd;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	snprintf(path, sizeof(path), "%s/crm-rejects-XXXXXX", dir);
	if ((fd = mkstemp(path)) < 0) {
		crm_error_set(e, CRM_EXIT_DATA, dir, 0, 0,
		    "cannot make a temporary file: %s", strerror(errno));
		return NULL;
	}
	unlink(path);
	if ((fp = fdopen(fd, "w+")) == NULL) {
		close(fd);
		crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0, "out of memory");
	}
	return fp;
}

struct crm_input *
crm_input_open_range(const struct crm_input *in,
    const struct crm_split_range *rg, struct crm_error *e)
{
	struct crm_input *part = calloc(1, sizeof(*part));

	if (part == NULL) {
		crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0, "out of memory");
		return NULL;
	}
	part->common = in->common;
	part->csv = in->csv;
	part->skip_bad = in->skip_bad;
	part->paths = in->paths + in->next - 1;
	part->npaths = part->next = 1;
	if (open_range(part, in, rg, e) < 0 || keep_header(part, e) < 0)
		goto fail;
	if ((part->first_name = strdup(crm_csv_name(part->r))) == NULL) {
		crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0, "out of memory");
		goto fail;
	}
	part->hdr.rec = &part->header;
	part->hdr.file = part->first_name;
	if (in->rejects != NULL) {
		/* the range's rejects, to follow those before them */
		if ((part->rejects = temporary(e)) == NULL)
			goto fail;
		part->own_rejects = 1;
		crm_csv_writer_init(&part->rw, part->rejects,
		    in->common->delim);
	}
	return part;
fail:
	free_input(part);
	return NULL;
}

void
crm_input_end_file(struct crm_input *in)
{
	close_file(in);
}

/* Appends the bytes of from, read from its start, to to. */
static int
append_file(FILE *to, FILE *from)
{
	char buf[65536];
	size_t n;

	if (fflush(from) != 0 || fseeko(from, 0, SEEK_SET) < 0)
		return -1;
	while ((n = fread(buf, 1, sizeof(buf), from)) > 0)
		if (fwrite(buf, 1, n, to) != n)
			return -1;
	return ferror(from) || ferror(to) ? -1 : 0;
}

int
crm_input_absorb(struct crm_input *in, struct crm_input *part,
    struct crm_error *e)
{
	if (part->blank > 0 && in->blank == 0 && in->blank_file == NULL &&
	    (in->r == NULL || crm_csv_blank(in->r, NULL) == 0)) {
		in->blank_file = part->blank_file;
		part->blank_file = NULL;
		in->blank_line = part->blank_line;
	}
	in->blank += part->blank;
	in->rejected += part->rejected;
	if (part->rejects != NULL && in->rejects != NULL &&
	    append_file(in->rejects, part->rejects) < 0)
		return crm_error_set(e, CRM_EXIT_DATA, in->common->rejects,
		    0, 0, "write error: %s", strerror(errno));
	return 0;
}
