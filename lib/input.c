/*
 * input.c - operands in turn, bad records accounted for (see input.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "output.h"

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
	in->r = crm_csv_open(in->fp, path, &in->common->csv, e);
	if (in->r == NULL) {
		if (in->fp != stdin)
			fclose(in->fp);
		in->fp = NULL;
		return -1;
	}
	return 0;
}

static void
close_file(struct crm_input *in)
{
	crm_csv_close(in->r);
	in->r = NULL;
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

int
crm_input_open(struct crm_input *in, char **paths, int npaths,
    const struct crm_common *c, struct crm_error *e)
{
	size_t i;

	memset(in, 0, sizeof(*in));
	in->common = c;
	in->paths = npaths > 0 ? paths : stdin_only;
	in->npaths = npaths > 0 ? npaths : 1;
	if (open_file(in, in->paths[0], e) < 0)
		return -1;
	in->next = 1;
	if (keep_header(in, e) < 0)
		goto fail;
	if (c->rejects != NULL) {
		if ((in->rejects = crm_output_open(c->rejects, e)) == NULL)
			goto fail;
		crm_csv_writer_init(&in->rw, in->rejects, c->delim);
		for (i = 0; i < in->header.n; i++)
			crm_csv_put(&in->rw, in->header.field[i],
			    in->header.len[i]);
		crm_csv_puts(&in->rw, "error");
		crm_csv_end(&in->rw);
	}
	return 0;
fail:
	close_file(in);
	free(in->header_data);
	free(in->header.field);
	free(in->header.len);
	return -1;
}

const struct crm_record *
crm_input_header(const struct crm_input *in)
{
	return &in->header;
}

long
crm_input_require(const struct crm_input *in, const char *name,
    struct crm_error *e)
{
	return crm_csv_require(in->r, name, e);
}

int
crm_input_reject(struct crm_input *in, const struct crm_record *rec,
    const struct crm_error *why, struct crm_error *e)
{
	char msg[1024];
	size_t i;

	if (!in->common->skip_bad) {
		if (e != why)
			*e = *why;
		return -1;
	}
	in->rejected++;
	if (in->rejects == NULL)
		return 0;
	for (i = 0; i < rec->n; i++)
		crm_csv_put(&in->rw, rec->field[i], rec->len[i]);
	/* pad a short record so that the error stays in its column */
	for (; i < in->header.n; i++)
		crm_csv_put(&in->rw, "", 0);
	crm_error_format(why, msg, sizeof(msg));
	crm_csv_puts(&in->rw, msg);
	if (crm_csv_end(&in->rw) < 0)
		return crm_error_set(e, CRM_EXIT_DATA, in->common->rejects,
		    0, 0, "write error: %s", strerror(errno));
	return 0;
}

int
crm_input_read(struct crm_input *in, struct crm_record **rec,
    struct crm_error *e)
{
	for (;;) {
		struct crm_error why;

		if (in->r == NULL) {
			if (in->next >= in->npaths)
				return 0;
			if (open_file(in, in->paths[in->next++], e) < 0)
				return -1;
			if (!same_header(&in->header, crm_csv_header(in->r)))
				return crm_error_set(e, CRM_EXIT_DATA,
				    crm_csv_name(in->r), 1, 0,
				    "header differs from the first input's");
		}
		switch (crm_csv_read(in->r, rec, &why)) {
		case CRM_CSV_RECORD:
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
crm_input_close(struct crm_input *in, struct crm_error *e)
{
	int rv = 0;

	close_file(in);
	if (in->rejects != NULL && crm_output_commit(in->rejects, e) < 0)
		rv = -1;
	in->rejects = NULL;
	free(in->header_data);
	free(in->header.field);
	free(in->header.len);
	in->header_data = NULL;
	in->header.field = NULL;
	in->header.len = NULL;
	return rv;
}
