/*
 * fuzz_partial.c - libFuzzer harness for --merge: any bytes read as
 * partial state (partial.h) by crm-score RFM, crm-score --model and
 * crm-pareto --by, as the programs read it (headerless CSV, escapes
 * undone, a bad row stopping the merge).  When every row merges, what is
 * merged is written as partial state again, and that must merge without
 * a bad row into the same state: its text is the same (RFM without
 * --order, crm-pareto: rows in the order their keys were first seen) or
 * of the same length (the order and day rows come out of hash sets).
 * RFM is then scored and written, crm-pareto ranked and written.
 *
 * Input: a flags byte (bits 0-1 the kind: RFM, model, crm-pareto; bit 2
 * --order; bit 3 --keep name), then the text.  As of 2025-12-31, the
 * calibration end 2025-06-30.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clvmode.h"
#include "clvpartial.h"
#include "paretopartial.h"
#include "partial.h"
#include "rfmpartial.h"
#include "value.h"

enum kind { RFM, MODEL, PARETO };

/* One table of any kind, and how to merge a row into it and write it. */
struct table {
	enum kind kind;
	struct crm_rfm_opts ro;
	struct crm_clv_opts co;
	struct crm_pareto_opts po;
	struct crm_rfm r;
	struct crm_clvmode cm;
	struct crm_pareto_table pt;
};

static void
start(struct table *t, enum kind kind, int order, int keep)
{
	struct crm_common c;
	struct crm_error e;

	memset(t, 0, sizeof(*t));
	memset(&c, 0, sizeof(c));
	t->kind = kind;
	if (crm_date_parse("2025-12-31", NULL, &c.as_of) != CRM_VALUE_OK)
		abort();
	if (kind == PARETO) {
		t->po.value = "amount";
		t->po.by = "customer_id";
		if ((keep && crm_pareto_opts_keep(&t->po, "name", &e) < 0) ||
		    crm_pareto_opts_finish(&t->po, &e) < 0 ||
		    crm_pareto_table_init(&t->pt, &t->po, &e) < 0 ||
		    crm_pareto_table_bind_merge(&t->pt, &e) < 0)
			abort();
		return;
	}
	crm_rfm_opts_init(&t->ro);
	if (order && kind == RFM)
		t->ro.order = "order_id";
	if (keep && crm_rfm_opts_keep(&t->ro, "name", &e) < 0)
		abort();
	if (kind == RFM) {
		if (crm_rfm_opts_finish(&t->ro, &c, &e) < 0)
			abort();
		crm_rfm_init(&t->r, &t->ro);
		return;
	}
	crm_clv_opts_init(&t->co);
	t->ro.columns = crm_clv_columns;
	t->ro.ncolumns = 5;
	if (crm_clv_opts_model(&t->co, "bgnbd", &e) < 0 ||
	    crm_clv_opts_calibration_end(&t->co, "2025-06-30", &e) < 0 ||
	    crm_rfm_opts_finish(&t->ro, &c, &e) < 0 ||
	    crm_clv_opts_finish(&t->co, &c, &e) < 0 ||
	    crm_clvmode_init(&t->cm, &t->co, &t->ro, &e) < 0)
		abort();
}

static int
merge_row(struct table *t, const struct crm_record *rec, struct crm_error *e)
{
	switch (t->kind) {
	case RFM: return crm_rfm_merge_row(&t->r, rec, e);
	case MODEL: return crm_clvmode_merge_row(&t->cm, rec, e);
	default: return crm_pareto_table_merge_row(&t->pt, rec, e);
	}
}

/* Merges the text into t: 1 when every row merged, else 0. */
static int
merge_text(struct table *t, const char *text, size_t len)
{
	struct crm_csv_options opt = { .headerless = 1 };
	struct crm_csv_reader *rd;
	struct crm_record *rec;
	struct crm_error e;
	FILE *fp;
	int got, ok = 1;

	if (len == 0)
		return 1;
	if ((fp = fmemopen((void *)(uintptr_t)text, len, "r")) == NULL)
		abort();
	if ((rd = crm_csv_open(fp, "p.csv", &opt, &e)) == NULL) {
		fclose(fp);
		return 0;
	}
	while (ok && (got = crm_csv_read(rd, &rec, &e)) != CRM_CSV_END)
		ok = got == CRM_CSV_RECORD &&
		    crm_partial_decode(rec, &e) == CRM_RECORD_OK &&
		    merge_row(t, rec, &e) == CRM_RECORD_OK;
	crm_csv_close(rd);
	fclose(fp);
	return ok;
}

/* t's partial state as text (malloc'd, *len bytes). */
static char *
written(struct table *t, size_t *len)
{
	struct crm_csv_writer w;
	char *text = NULL;
	FILE *fp = open_memstream(&text, len);

	if (fp == NULL)
		abort();
	crm_csv_writer_init(&w, fp, ',');
	if (t->kind == RFM)
		crm_rfm_write_partial(&t->r, &w);
	else if (t->kind == MODEL)
		crm_clvmode_write_partial(&t->cm, &w);
	else
		crm_pareto_table_write_partial(&t->pt, &w);
	fclose(fp);
	return text;
}

/* The rest of the run: scores or ranks, written to a scratch stream. */
static void
finish(struct table *t)
{
	struct crm_record none = { 0, NULL, NULL, 0, NULL, 0 };
	struct crm_csv_writer w;
	struct crm_error e;
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);

	if (fp == NULL)
		abort();
	crm_csv_writer_init(&w, fp, ',');
	/* the header --merge has: none */
	if (t->kind == RFM && crm_rfm_score(&t->r, &e) == 0)
		crm_rfm_write(&t->r, &w);
	else if (t->kind == PARETO && crm_pareto_table_rank(&t->pt, &e) == 0)
		crm_pareto_table_write(&t->pt, &w, &none, &e);
	fclose(fp);
	free(text);
}

static void
stop(struct table *t)
{
	if (t->kind == RFM)
		crm_rfm_free(&t->r);
	else if (t->kind == MODEL)
		crm_clvmode_free(&t->cm);
	else
		crm_pareto_table_free(&t->pt);
	if (t->kind == PARETO)
		crm_pareto_opts_free(&t->po);
	else
		crm_rfm_opts_free(&t->ro);
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static struct table a, b;
	enum kind kind;
	int order, keep, exact;
	char *one, *two;
	size_t n1, n2;
	struct crm_error e;

	if (size < 1 || (kind = (enum kind)(data[0] & 3)) > PARETO)
		return 0;
	order = (data[0] & 4) != 0;
	keep = (data[0] & 8) != 0;
	start(&a, kind, order, keep);
	if (merge_text(&a, (const char *)data + 1, size - 1) &&
	    (kind != RFM || crm_rfm_finish(&a.r, &e) == 0)) {
		one = written(&a, &n1);
		start(&b, kind, order, keep);
		if (!merge_text(&b, one, n1) ||
		    (kind == RFM && crm_rfm_finish(&b.r, &e) < 0))
			abort();	/* what --partial wrote must merge */
		two = written(&b, &n2);
		exact = kind == PARETO || (kind == RFM && !order);
		if (n1 != n2 || (exact && memcmp(one, two, n1) != 0))
			abort();
		free(one);
		free(two);
		stop(&b);
		finish(&a);
	}
	stop(&a);
	return 0;
}
