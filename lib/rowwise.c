/*
 * rowwise.c - the row-wise loop (see rowwise.h).
 */
#include <stdlib.h>

#include "arena.h"
#include "rowwise.h"
#include "table.h"

/* The records of a holding run, copied. */
struct held {
	struct crm_arena rows;
	struct crm_record **rec;
	size_t n, cap;
};

static int
hold(struct held *h, const struct crm_record *rec, struct crm_error *e)
{
	if (crm_grow(&h->rec, &h->cap, h->n + 1, sizeof(*h->rec)) < 0 ||
	    (h->rec[h->n] = crm_record_copy(&h->rows, rec)) == NULL)
		goto oom;
	h->n++;
	return 0;
oom:
	return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0, "out of memory");
}

static int
run(const struct crm_rowwise *rw, struct crm_input *in,
    struct crm_csv_writer *w, const struct crm_columns *cols,
    const char **own, struct held *h, struct crm_error *e)
{
	struct crm_record *rec;
	struct crm_error why;
	size_t i;
	int got, r;

	if (!rw->hold && rw->prepare != NULL && rw->prepare(rw->ctx, e) < 0)
		return -1;
	while ((got = crm_input_read(in, &rec, e)) > 0) {
		if (rw->hold) {
			r = crm_input_judge(in, rec, rw->check(rw->ctx, rec, &why),
			    &why, e);
			if (r > 0 && hold(h, rec, e) < 0)
				return -1;
		} else {
			r = crm_input_judge(in, rec, rw->compute(rw->ctx, rec, own,
			    &why), &why, e);
			if (r > 0)
				crm_columns_write_record(cols, w, rec, own);
		}
		if (r < 0)
			return -1;
	}
	if (got < 0)
		return -1;
	if (rw->hold && rw->prepare != NULL && rw->prepare(rw->ctx, e) < 0)
		return -1;
	for (i = 0; i < h->n; i++) {
		if ((r = crm_input_judge(in, h->rec[i], rw->compute(rw->ctx, h->rec[i],
		    own, &why), &why, e)) < 0)
			return -1;
		if (r > 0)
			crm_columns_write(cols, w, h->rec[i]->field,
			    h->rec[i]->len, own);
	}
	return 0;
}

int
crm_rowwise_run(const struct crm_rowwise *rw, struct crm_input *in,
    struct crm_csv_writer *w, struct crm_error *e)
{
	const struct crm_record *header = crm_input_header(in)->rec;
	struct held h = { CRM_ARENA_INIT, NULL, 0, 0 };
	struct crm_columns cols;
	const char **own;
	int rv;

	if ((own = calloc(rw->nown ? rw->nown : 1, sizeof(*own))) == NULL)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "out of memory");
	if (crm_columns_init(&cols, header, rw->own, rw->nown, e) < 0) {
		free(own);
		return -1;
	}
	crm_columns_write_header(&cols, w, header);
	rv = run(rw, in, w, &cols, own, &h, e);
	crm_columns_free(&cols);
	crm_arena_free(&h.rows);
	free(h.rec);
	free(own);
	return rv;
}
