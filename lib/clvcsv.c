/*
 * clvcsv.c - the CSV of crm-score's model mode (see clvcsv.h).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clvcsv.h"
#include "clvmode.h"
#include "input.h"
#include "value.h"

/* Drops the trailing zeros of a decimal fraction, and a "-0". */
static int
tidy(char *buf, int n)
{
	if (n > 0 && strchr(buf, '.') != NULL) {
		while (buf[n - 1] == '0')
			buf[--n] = '\0';
		if (buf[n - 1] == '.')
			buf[--n] = '\0';
	}
	if (strcmp(buf, "-0") == 0) {
		memmove(buf, buf + 1, 2);
		n = 1;
	}
	return n;
}

/* v with dec decimals, at most CRM_NUMBER_SIZE bytes, tidied. */
static int
fixed(double v, int dec, char *buf, size_t size)
{
	char tmp[CRM_NUMBER_SIZE];
	int n;

	if (dec < 0)
		dec = 0;
	n = snprintf(tmp, sizeof(tmp), "%.*f", dec, v);
	if (n < 0 || (size_t)n >= sizeof(tmp))
		n = snprintf(tmp, sizeof(tmp), "%.0f", v);
	n = tidy(tmp, n);
	snprintf(buf, size, "%s", tmp);
	return n;
}

int
crm_clvcsv_number(double v, char *buf, size_t size)
{
	int ex = v != 0 ? (int)floor(log10(fabs(v))) : 0;

	return fixed(v, 5 - ex, buf, size);
}

int
crm_clvcsv_exact(double v, char *buf, size_t size)
{
	char tmp[40];
	int p;

	for (p = 1; p < 17; p++) {
		snprintf(tmp, sizeof(tmp), "%.*e", p - 1, v);
		if (strtod(tmp, NULL) == v)
			break;
	}
	snprintf(tmp, sizeof(tmp), "%.*e", p - 1, v);
	return fixed(v, p - 1 - atoi(strchr(tmp, 'e') + 1), buf, size);
}

static void
put_number(struct crm_csv_writer *w, double v)
{
	char buf[CRM_NUMBER_SIZE];

	crm_clvcsv_number(v, buf, sizeof(buf));
	crm_csv_puts(w, buf);
}

static void
put_integer(struct crm_csv_writer *w, double v)
{
	char buf[CRM_NUMBER_SIZE];

	crm_integer_format((long long)v, buf);
	crm_csv_puts(w, buf);
}

static void
put_customer(const struct crm_clvmode *cm, struct crm_csv_writer *w,
    size_t i, const struct crm_history *c)
{
	const struct crm_clv_figures *f = &cm->fig[i];
	const char *id = crm_history_id(cm->h, i);
	size_t k;

	crm_csv_put(w, id, strlen(id));
	for (k = 0; k < cm->ro->nkeep; k++)
		crm_csv_puts(w, crm_kept_get(&cm->kept, i, k));
	put_integer(w, c->x);
	put_number(w, c->t_x);
	put_number(w, c->T);
	put_number(w, f->p_alive);
	put_number(w, f->expected_purchases);
	if (cm->co->spend) {
		put_number(w, c->spend);
		put_number(w, f->expected_spend);
		put_number(w, f->clv);
	}
	crm_csv_end(w);
}

void
crm_clvcsv_write_figures(const struct crm_clvmode *cm,
    struct crm_csv_writer *w)
{
	size_t i, n = crm_history_count(cm->h);
	struct crm_history c;

	crm_csv_puts(w, cm->ro->id);
	for (i = 0; i < cm->ro->nkeep; i++)
		crm_csv_puts(w, cm->ro->keep[i]);
	for (i = 0; i < (cm->co->spend ? 8u : 5u); i++)
		crm_csv_puts(w, crm_clv_columns[i]);
	crm_csv_end(w);
	for (i = 0; i < n; i++) {
		crm_history_get(cm->h, cm->order[i],
		    (enum crm_unit)cm->co->unit, &c);
		if (!c.refunds_only)
			put_customer(cm, w, cm->order[i], &c);
	}
}

/* name,value,std_error; value and error exact (std_error "" if se < 0). */
static void
param_row(struct crm_csv_writer *w, const char *name, double v, double se)
{
	char buf[CRM_NUMBER_SIZE];

	crm_csv_puts(w, name);
	crm_clvcsv_exact(v, buf, sizeof(buf));
	crm_csv_puts(w, buf);
	if (se >= 0)
		crm_clvcsv_exact(se, buf, sizeof(buf));
	crm_csv_puts(w, se >= 0 ? buf : "");
	crm_csv_end(w);
}

/* A fit's summary rows, named with prefix ("" or "spend_"). */
static void
summary_rows(struct crm_csv_writer *w, const char *prefix,
    const struct crm_clv_estimate *est)
{
	char name[64];

	snprintf(name, sizeof(name), "%slog_likelihood", prefix);
	param_row(w, name, est->loglik, -1);
	snprintf(name, sizeof(name), "%scustomers", prefix);
	param_row(w, name, est->customers, -1);
	snprintf(name, sizeof(name), "%siterations", prefix);
	param_row(w, name, (double)est->iterations, -1);
}

void
crm_clvcsv_write_params(const struct crm_clvmode *cm,
    struct crm_csv_writer *w)
{
	const struct crm_clv_estimate *est = &cm->est, *gest = &cm->gest;
	int i;

	crm_csv_puts(w, "parameter");
	crm_csv_puts(w, "value");
	crm_csv_puts(w, "std_error");
	crm_csv_end(w);
	for (i = 0; i < CRM_BTYD_NPARAM; i++)
		param_row(w, crm_btyd_param_name(cm->m.model, i),
		    cm->m.par[i], est->have_se ? est->se[i] : -1);
	for (i = 0; cm->co->spend && i < CRM_GG_NPARAM; i++)
		param_row(w, crm_gg_param_name(i), cm->g.par[i],
		    gest->have_se ? gest->se[i] : -1);
	summary_rows(w, "", est);
	if (cm->co->spend)
		summary_rows(w, "spend_", gest);
	param_row(w, "unit_days",
	    crm_history_unit_days((enum crm_unit)cm->co->unit), -1);
}

void
crm_clvcsv_write_holdout(const struct crm_clv_holdout_row *rows,
    struct crm_csv_writer *w)
{
	char x[16];
	int j;

	crm_csv_puts(w, "x");
	crm_csv_puts(w, "customers");
	crm_csv_puts(w, "actual");
	crm_csv_puts(w, "expected");
	crm_csv_end(w);
	for (j = 0; j < CRM_CLV_HOLDOUT_ROWS; j++) {
		if (rows[j].x < 0)
			snprintf(x, sizeof(x), "all");
		else
			snprintf(x, sizeof(x), "%d%s", rows[j].x,
			    rows[j].x == 7 ? "+" : "");
		crm_csv_puts(w, x);
		put_integer(w, rows[j].customers);
		put_number(w, rows[j].actual);
		put_number(w, rows[j].expected);
		crm_csv_end(w);
	}
}

/*
 * Reading saved parameters: slots 0-3 the model's, 4-6 Gamma-Gamma's,
 * 7 unit_days.
 */
#define NSLOT	8

static const char *const ignored[] = { "log_likelihood", "customers",
    "iterations", "spend_log_likelihood", "spend_customers",
    "spend_iterations", NULL };

static const char *
slot_name(enum crm_btyd_model model, int k)
{
	if (k < CRM_BTYD_NPARAM)
		return crm_btyd_param_name(model, k);
	return k < NSLOT - 1 ? crm_gg_param_name(k - CRM_BTYD_NPARAM) :
	    "unit_days";
}

/* "r, alpha, a and b" */
static const char *
model_names(enum crm_btyd_model model)
{
	return model == CRM_PNBD ? "r, alpha, s and beta" :
	    "r, alpha, a and b";
}

struct reading {
	struct crm_input *in;
	enum crm_btyd_model model;
	double v[NSLOT];
	long line[NSLOT];	/* 0: not seen */
};

/* One row: a known name, not seen before, with a value above 0. */
static int
param_line(struct reading *rd, const struct crm_record *rec, long pc,
    long vc, struct crm_error *e)
{
	const char *name = rec->field[pc], *text = rec->field[vc];
	char q[64], qv[64];
	double v;
	int k;

	for (k = 0; ignored[k] != NULL; k++)
		if (strcmp(name, ignored[k]) == 0)
			return 0;
	for (k = 0; k < NSLOT && strcmp(name, slot_name(rd->model, k)); k++)
		;
	crm_error_quote(name, rec->len[pc], q, sizeof(q));
	crm_error_quote(text, rec->len[vc], qv, sizeof(qv));
	if (k == NSLOT)
		return crm_input_bad(rd->in, rec, e, "unknown parameter %s: "
		    "%s has %s; gamma-gamma p, q and gamma", q,
		    crm_btyd_model_name(rd->model), model_names(rd->model));
	if (rd->line[k] != 0)
		return crm_input_bad(rd->in, rec, e, "parameter %s given "
		    "twice (first on line %ld)", q, rd->line[k]);
	if (crm_number_parse(text, 0, &v, NULL) != CRM_VALUE_OK ||
	    !(isfinite(v) && v > 0))
		return crm_input_bad(rd->in, rec, e, "parameter %s: invalid "
		    "value %s: expected a number above 0", q, qv);
	if (k == NSLOT - 1 && v != 1 && v != 7 && v != 365.25 / 12)
		return crm_input_bad(rd->in, rec, e, "unit_days %s: expected "
		    "1 (day), 7 (week) or 30.4375 (month)", qv);
	rd->v[k] = v;
	rd->line[k] = rec->line;
	return 0;
}

/* Every parameter the run needs is there. */
static int
complete(const struct reading *rd, const char *path, int need_gg,
    struct crm_error *e)
{
	int k;

	for (k = 0; k < NSLOT - 1; k++) {
		if (rd->line[k] != 0 || (k >= CRM_BTYD_NPARAM && !need_gg))
			continue;
		if (k < CRM_BTYD_NPARAM)
			return crm_error_set(e, CRM_EXIT_USAGE, path, 0, 0,
			    "no parameter %s: %s needs %s",
			    slot_name(rd->model, k),
			    crm_btyd_model_name(rd->model),
			    model_names(rd->model));
		return crm_error_set(e, CRM_EXIT_USAGE, path, 0, 0,
		    "no parameter %s: --spend gamma-gamma needs p, q and "
		    "gamma", slot_name(rd->model, k));
	}
	return 0;
}

static int
read_rows(struct reading *rd, const char *path, int need_gg,
    struct crm_error *e)
{
	const struct crm_header *h = crm_input_header(rd->in);
	struct crm_record *rec;
	long pc, vc;
	int got;

	if (crm_header_require(h, "parameter", &pc, e) < 0 ||
	    crm_header_require(h, "value", &vc, e) < 0)
		return -1;
	while ((got = crm_input_read(rd->in, &rec, e)) > 0)
		if (param_line(rd, rec, pc, vc, e) < 0)
			return -1;
	return got < 0 ? -1 : complete(rd, path, need_gg, e);
}

int
crm_clvcsv_read_params(const char *path, const struct crm_common *c,
    enum crm_btyd_model model, int need_gg, struct crm_clv_params *p,
    struct crm_error *e)
{
	struct crm_common lc = *c;
	struct reading rd;
	char *paths[1];
	int k, rc;

	memset(p, 0, sizeof(*p));
	if (strcmp(path, "-") == 0)
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "--params-in needs a file: standard input is for the "
		    "orders");
	/*
	 * a bad row stops the run: a parameter is never skipped; and the
	 * file has its header under --merge too (the operands are partial
	 * state, not this file)
	 */
	lc.rejects = NULL;
	lc.skip_bad = 0;
	lc.merge = 0;
	memset(&rd, 0, sizeof(rd));
	rd.model = model;
	paths[0] = (char *)(uintptr_t)path;
	if ((rd.in = crm_input_open(paths, 1, &lc, e)) == NULL)
		rc = -1;
	else
		rc = read_rows(&rd, path, need_gg, e);
	crm_input_close(rd.in);
	if (rc < 0) {
		e->status = CRM_EXIT_USAGE;
		return -1;
	}
	p->m.model = model;
	for (k = 0; k < CRM_BTYD_NPARAM; k++)
		p->m.par[k] = rd.v[k];
	for (k = 0; k < CRM_GG_NPARAM; k++)
		p->g.par[k] = rd.v[CRM_BTYD_NPARAM + k];
	p->have_gg = rd.line[4] != 0 && rd.line[5] != 0 && rd.line[6] != 0;
	p->unit_days = rd.v[NSLOT - 1];
	p->unit_line = rd.line[NSLOT - 1];
	return 0;
}
