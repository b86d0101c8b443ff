/*
 * crm-score - how valuable is each customer, how promising each lead.
 *
 * Three modes: RFM scores per customer from order rows (the default);
 * weighted multi-criteria scores from the `criteria:` of a config; MAN
 * lead qualification with --man.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "csvio.h"
#include "field.h"
#include "input.h"
#include "man.h"
#include "program.h"
#include "rfm.h"
#include "rowwise.h"
#include "scale.h"
#include "table.h"
#include "value.h"
#include "weighted.h"

enum {
	OPT_ID = CRM_OPT_PROGRAM, OPT_DATE, OPT_AMOUNT, OPT_QUANTITY,
	OPT_ORDER, OPT_KEEP, OPT_BINS, OPT_BINNING, OPT_MONETARY, OPT_WEIGHTS,
	OPT_THRESHOLDS, OPT_IGNORE_FUTURE, OPT_MAN, OPT_MONEY, OPT_AUTHORITY,
	OPT_NEED, OPT_EXPLAIN
};

static const struct option long_options[] = {
	{ "id", required_argument, NULL, OPT_ID },
	{ "date", required_argument, NULL, OPT_DATE },
	{ "amount", required_argument, NULL, OPT_AMOUNT },
	{ "quantity", required_argument, NULL, OPT_QUANTITY },
	{ "order", required_argument, NULL, OPT_ORDER },
	{ "keep", required_argument, NULL, OPT_KEEP },
	{ "bins", required_argument, NULL, OPT_BINS },
	{ "binning", required_argument, NULL, OPT_BINNING },
	{ "monetary", required_argument, NULL, OPT_MONETARY },
	{ "weights", required_argument, NULL, OPT_WEIGHTS },
	{ "thresholds", required_argument, NULL, OPT_THRESHOLDS },
	{ "ignore-future", no_argument, NULL, OPT_IGNORE_FUTURE },
	{ "man", no_argument, NULL, OPT_MAN },
	{ "money", required_argument, NULL, OPT_MONEY },
	{ "authority", required_argument, NULL, OPT_AUTHORITY },
	{ "need", required_argument, NULL, OPT_NEED },
	{ "explain", no_argument, NULL, OPT_EXPLAIN },
	{ NULL, 0, NULL, 0 }
};

static const char *const measure_name[3] = {
	"recency", "frequency", "monetary"
};

#define MAX_KEEP	64

struct settings {
	/* RFM */
	const char *id, *date, *amount, *quantity, *order;
	const char *keep[MAX_KEEP];
	size_t nkeep;
	char *keep_text;
	int bins;			/* 0: not given */
	int binning;			/* -1: not given */
	int monetary_mean;		/* -1: not given */
	double weight[3];
	int weights_given;
	struct crm_scale fixed[3];
	int has_fixed[3];
	const char *thresholds;
	int ignore_future;
	/* MAN */
	int man;
	const char *money, *authority, *need;
	const char *action[CRM_MAN_CLASSES];
	/* weighted */
	int explain;
	yaml_node_t *criteria;
	/* the first option given that only one mode reads */
	const char *rfm_option, *man_option;
};

static const char usage[] =
"usage: crm-score [--id COL] [--date COL] [--amount COL] [--quantity COL]\n"
"                 [--order COL] [--keep COL,...] [--bins N]\n"
"                 [--binning quantile|r-rfm] [--monetary sum|mean]\n"
"                 [--weights R,F,M] [--thresholds FILE] [--ignore-future]\n"
"                 [--as-of DATE] [--date-format FMT] [-c FILE] [-o FILE]\n"
"                 [-d C | --tsv] [--encoding NAME] [--bom]\n"
"                 [--decimal-comma] [--skip-bad] [--rejects FILE] [-q]\n"
"                 [file ...]\n"
"       crm-score -c FILE [--explain] [common options] [file ...]\n"
"       crm-score --man [--money COL] [--authority COL] [--need COL]\n"
"                 [-c FILE] [common options] [file ...]\n"
"\n"
"RFM (default): one row per customer from order rows, with first_order,\n"
"last_order, recency_days, frequency, monetary, r_score, f_score, m_score,\n"
"rfm_cell and rfm_score.\n"
"  --id COL          customer id column (default: customer_id)\n"
"  --date COL        order date column (default: order_date)\n"
"  --amount COL      amount column (default: amount); the unit price with\n"
"  --quantity COL    ... a quantity column: amount = quantity * price\n"
"  --order COL       order id column: count orders, not order lines\n"
"  --keep COL,...    carry these columns, from each customer's latest row\n"
"  --bins N          scores 1..N, 2 to 9 (default: 5)\n"
"  --binning KIND    quantile (default) or r-rfm (as the R package rfm)\n"
"  --monetary KIND   sum (default) or mean order value\n"
"  --weights R,F,M   rfm_score = R*r + F*f + M*m instead of the cell\n"
"  --thresholds FILE the cut points used, as CSV (- for standard error)\n"
"  --ignore-future   skip orders after the as-of date instead of failing\n"
"  --as-of DATE      today, for recency (default: the local date)\n"
"Weighted (-c FILE with criteria): appends score (0-100); --explain adds\n"
"the points of each criterion.\n"
"MAN (--man): appends man, man_class (1-8) and man_action from yes/no\n"
"columns --money, --authority, --need (defaults: money, authority, need).\n"
"Common: -o FILE, -d C, --tsv, --encoding NAME, --bom, --decimal-comma,\n"
"--date-format FMT, --skip-bad, --rejects FILE, -q, -h, -V; see crm(7).\n";

/* Splits "a,b,c" (a writable copy) into at most max names. */
static int
split_list(char *text, const char **out, size_t max, size_t *n,
    const char *what, struct crm_error *e)
{
	char *p = text, *comma;

	*n = 0;
	for (;;) {
		if ((comma = strchr(p, ',')) != NULL)
			*comma = '\0';
		if (*p == '\0' || *n == max)
			return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
			    "invalid %s list: expected 1 to %zu names "
			    "separated by commas", what, max);
		out[(*n)++] = p;
		if (comma == NULL)
			return 0;
		p = comma + 1;
	}
}

static int
parse_bins(const char *text, int *bins, struct crm_error *e)
{
	long v;

	if (crm_option_int("--bins", text, 2, CRM_SCALE_MAX_BINS, NULL, &v,
	    e) < 0)
		return -1;
	*bins = (int)v;
	return 0;
}

static int
parse_binning(const char *text, int *kind, struct crm_error *e)
{
	if (strcmp(text, "quantile") == 0)
		*kind = CRM_SCALE_QUANTILE;
	else if (strcmp(text, "r-rfm") == 0)
		*kind = CRM_SCALE_R_RFM;
	else
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "invalid binning \"%s\": expected quantile or r-rfm",
		    text);
	return 0;
}

static int
parse_monetary(const char *text, int *mean, struct crm_error *e)
{
	if (strcmp(text, "sum") == 0)
		*mean = 0;
	else if (strcmp(text, "mean") == 0)
		*mean = 1;
	else
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "invalid monetary \"%s\": expected sum or mean", text);
	return 0;
}

static int
parse_weights(const char *text, double *w, struct crm_error *e)
{
	char buf[128], *p = buf, *comma;
	int i;

	snprintf(buf, sizeof(buf), "%s", text);
	for (i = 0; i < 3; i++) {
		if ((comma = strchr(p, ',')) != NULL)
			*comma = '\0';
		if ((comma == NULL) != (i == 2) ||
		    crm_number_parse(p, 0, &w[i], NULL) != CRM_VALUE_OK ||
		    w[i] < 0)
			return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
			    "invalid --weights \"%s\": expected three numbers "
			    "R,F,M, none negative", text);
		if (comma != NULL)
			p = comma + 1;
	}
	return 0;
}

static int
own_option(int opt, const char *arg, void *ctx, struct crm_error *e)
{
	struct settings *s = ctx;

	if (opt >= OPT_ID && opt <= OPT_IGNORE_FUTURE && s->rfm_option == NULL)
		s->rfm_option = long_options[opt - OPT_ID].name;
	if (opt >= OPT_MONEY && opt <= OPT_NEED && s->man_option == NULL)
		s->man_option = long_options[opt - OPT_ID].name;
	switch (opt) {
	case OPT_ID: s->id = arg; break;
	case OPT_DATE: s->date = arg; break;
	case OPT_AMOUNT: s->amount = arg; break;
	case OPT_QUANTITY: s->quantity = arg; break;
	case OPT_ORDER: s->order = arg; break;
	case OPT_KEEP:
		free(s->keep_text);
		if ((s->keep_text = strdup(arg)) == NULL)
			crm_die_oom();
		return split_list(s->keep_text, s->keep, MAX_KEEP, &s->nkeep,
		    "--keep", e);
	case OPT_BINS: return parse_bins(arg, &s->bins, e);
	case OPT_BINNING: return parse_binning(arg, &s->binning, e);
	case OPT_MONETARY: return parse_monetary(arg, &s->monetary_mean, e);
	case OPT_WEIGHTS:
		s->weights_given = 1;
		return parse_weights(arg, s->weight, e);
	case OPT_THRESHOLDS: s->thresholds = arg; break;
	case OPT_IGNORE_FUTURE: s->ignore_future = 1; break;
	case OPT_MAN: s->man = 1; break;
	case OPT_MONEY: s->money = arg; break;
	case OPT_AUTHORITY: s->authority = arg; break;
	case OPT_NEED: s->need = arg; break;
	case OPT_EXPLAIN: s->explain = 1; break;
	default:
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "unhandled option");
	}
	return 0;
}

/* A scalar of a fixed set of words, checked at its node. */
static int
config_word(struct crm_config *cfg, yaml_node_t *n,
    int (*parse)(const char *, int *, struct crm_error *), int *out,
    struct crm_error *e)
{
	const char *text;

	if (crm_config_string(cfg, n, &text, e) < 0)
		return -1;
	if (parse(text, out, e) < 0)
		return crm_config_error_at(cfg, n, e, "%s", e->msg);
	return 0;
}

static int
config_rfm(struct crm_config *cfg, yaml_node_t *rfm, struct settings *s,
    struct crm_error *e)
{
	static const char *const keys[] = { "bins", "binning", "monetary",
	    "breaks", "weights", NULL };
	static const char *const measures[] = { "recency", "frequency",
	    "monetary", NULL };
	yaml_node_t *n, *m;
	int bins, binning, mean;
	size_t k, i, len;
	long v;

	if (crm_config_check_keys(cfg, rfm, keys, e) < 0)
		return -1;
	if ((n = crm_config_get(cfg, rfm, "bins")) != NULL) {
		if (crm_config_int(cfg, n, &v, e) < 0)
			return -1;
		if (v < 2 || v > CRM_SCALE_MAX_BINS)
			return crm_config_error_at(cfg, n, e,
			    "bins must be from 2 to %d", CRM_SCALE_MAX_BINS);
		bins = (int)v;
		if (s->bins == 0)
			s->bins = bins;
	}
	if ((n = crm_config_get(cfg, rfm, "binning")) != NULL) {
		if (config_word(cfg, n, parse_binning, &binning, e) < 0)
			return -1;
		if (s->binning < 0)
			s->binning = binning;
	}
	if ((n = crm_config_get(cfg, rfm, "monetary")) != NULL) {
		if (config_word(cfg, n, parse_monetary, &mean, e) < 0)
			return -1;
		if (s->monetary_mean < 0)
			s->monetary_mean = mean;
	}
	if ((n = crm_config_get(cfg, rfm, "breaks")) != NULL) {
		if (crm_config_check_keys(cfg, n, measures, e) < 0)
			return -1;
		for (k = 0; k < 3; k++) {
			double cuts[CRM_SCALE_MAX_BINS];

			if ((m = crm_config_get(cfg, n, measures[k])) == NULL)
				continue;
			if (crm_config_seq_len(cfg, m, &len, e) < 0)
				return -1;
			if (len < 1 || len > CRM_SCALE_MAX_BINS - 1)
				return crm_config_error_at(cfg, m, e,
				    "expected 1 to %d cut points",
				    CRM_SCALE_MAX_BINS - 1);
			for (i = 0; i < len; i++)
				if (crm_config_number(cfg,
				    crm_config_seq_item(cfg, m, i), &cuts[i],
				    e) < 0)
					return -1;
			if (crm_scale_fixed(&s->fixed[k], cuts, len, k == CRM_R,
			    e) < 0)
				return crm_config_error_at(cfg, m, e, "%s",
				    e->msg);
			s->has_fixed[k] = 1;
		}
	}
	if ((n = crm_config_get(cfg, rfm, "weights")) != NULL) {
		double w[3];

		if (crm_config_check_keys(cfg, n, measures, e) < 0)
			return -1;
		for (k = 0; k < 3; k++) {
			w[k] = 0;
			if ((m = crm_config_get(cfg, n, measures[k])) == NULL)
				continue;
			if (crm_config_number(cfg, m, &w[k], e) < 0)
				return -1;
			if (w[k] < 0)
				return crm_config_error_at(cfg, m, e,
				    "a weight cannot be negative");
		}
		if (!s->weights_given) {
			memcpy(s->weight, w, sizeof(w));
			s->weights_given = 1;
		}
	}
	return 0;
}

static int
config_man(struct crm_config *cfg, yaml_node_t *man, struct settings *s,
    struct crm_error *e)
{
	static const char *const keys[] = { "actions", NULL };
	static const char *const classes[] = { "1", "2", "3", "4", "5", "6",
	    "7", "8", NULL };
	yaml_node_t *a, *n;
	int i;

	if (crm_config_check_keys(cfg, man, keys, e) < 0)
		return -1;
	if ((a = crm_config_get(cfg, man, "actions")) == NULL)
		return 0;
	if (crm_config_check_keys(cfg, a, classes, e) < 0)
		return -1;
	for (i = 0; i < CRM_MAN_CLASSES; i++)
		if ((n = crm_config_get(cfg, a, classes[i])) != NULL &&
		    crm_config_string(cfg, n, &s->action[i], e) < 0)
			return -1;
	return 0;
}

static int
load_config(struct crm_config *cfg, const char *path, struct settings *s,
    struct crm_error *e)
{
	static const char *const keys[] = { "rfm", "criteria", "man", NULL };
	yaml_node_t *root, *n;

	if (crm_config_load(cfg, path, e) < 0)
		return -1;
	root = crm_config_root(cfg);
	if (crm_config_check_keys(cfg, root, keys, e) < 0)
		return -1;
	if ((n = crm_config_get(cfg, root, "rfm")) != NULL &&
	    config_rfm(cfg, n, s, e) < 0)
		return -1;
	if ((n = crm_config_get(cfg, root, "man")) != NULL &&
	    config_man(cfg, n, s, e) < 0)
		return -1;
	s->criteria = crm_config_get(cfg, root, "criteria");
	return 0;
}

/* Writes v with up to 6 decimals, or the empty field for a missing one. */
static void
put_fraction(struct crm_csv_writer *w, double v)
{
	char buf[CRM_NUMBER_SIZE];

	crm_fraction_format(v, 6, buf, sizeof(buf));
	crm_csv_puts(w, buf);
}

static void
write_thresholds(FILE *fp, const struct crm_scale scale[3],
    unsigned char delim)
{
	struct crm_csv_writer w;
	char buf[128], num[16];
	int k, sc;

	crm_csv_writer_init(&w, fp, delim);
	crm_csv_puts(&w, "measure");
	crm_csv_puts(&w, "score");
	crm_csv_puts(&w, "interval");
	crm_csv_end(&w);
	for (k = 0; k < 3; k++) {
		for (sc = scale[k].bins; sc >= 1; sc--) {
			crm_csv_puts(&w, measure_name[k]);
			snprintf(num, sizeof(num), "%d", sc);
			crm_csv_puts(&w, num);
			crm_scale_interval(&scale[k], sc, buf, sizeof(buf));
			crm_csv_puts(&w, buf);
			crm_csv_end(&w);
		}
	}
}

static void
write_customer(struct crm_csv_writer *w, const struct crm_rfm *r, size_t i,
    const struct crm_rfm_result *res, const struct settings *s,
    int decimals)
{
	const struct crm_rfm_customer *c = &r->c[i];
	char buf[CRM_NUMBER_SIZE];
	size_t k;
	int scored = c->orders > 0;

	crm_csv_put(w, crm_keyset_text(&r->ids, i), r->ids.key[i].len);
	for (k = 0; k < s->nkeep; k++)
		crm_csv_puts(w, crm_rfm_kept(r, i, k));
	if (scored) {
		crm_date_format(c->first, buf);
		crm_csv_puts(w, buf);
		crm_date_format(c->last, buf);
		crm_csv_puts(w, buf);
		crm_integer_format((long long)res->measure[CRM_R], buf);
		crm_csv_puts(w, buf);
	} else {
		crm_csv_puts(w, "");
		crm_csv_puts(w, "");
		crm_csv_puts(w, "");
	}
	crm_integer_format(c->orders, buf);
	crm_csv_puts(w, buf);
	crm_number_format(res->measure[CRM_M], decimals, buf, sizeof(buf));
	crm_csv_puts(w, buf);
	if (!scored) {
		for (k = 0; k < 5; k++)
			crm_csv_puts(w, "");
		crm_csv_end(w);
		return;
	}
	for (k = 0; k < 3; k++) {
		crm_integer_format(res->score[k], buf);
		crm_csv_puts(w, buf);
	}
	/* scores are single digits (bins <= 9) */
	buf[0] = (char)('0' + res->score[CRM_R]);
	buf[1] = (char)('0' + res->score[CRM_F]);
	buf[2] = (char)('0' + res->score[CRM_M]);
	buf[3] = '\0';
	crm_csv_puts(w, buf);
	if (s->weights_given)
		put_fraction(w, s->weight[CRM_R] * res->score[CRM_R] +
		    s->weight[CRM_F] * res->score[CRM_F] +
		    s->weight[CRM_M] * res->score[CRM_M]);
	else
		crm_csv_puts(w, buf);	/* the cell read as a number */
	crm_csv_end(w);
}

/* RFM: aggregate order rows per customer, score, write sorted by id. */
static void
run_rfm(struct settings *s, struct crm_program *prog, int thresholds)
{
	const struct crm_common *c = crm_program_options(prog);
	const struct crm_header *h;
	static const char *const columns[] = { "first_order", "last_order",
	    "recency_days", "frequency", "monetary", "r_score", "f_score",
	    "m_score", "rfm_cell", "rfm_score" };
	struct crm_rfm_settings rs;
	struct crm_scale scale[3];
	struct crm_rfm_result *res;
	struct crm_csv_writer *w;
	struct crm_input *in;
	struct crm_record *rec;
	struct crm_rfm r;
	struct crm_error e;
	long idc, datec, amountc, qtyc = -1, orderc = -1, keepc[MAX_KEEP];
	char *keepv[MAX_KEEP];
	size_t keepl[MAX_KEEP], i, k, *order, nofuture = 0, noorder = 0;
	int decimals = 0, got;

	in = crm_program_input(prog);
	h = crm_input_header(in);
	if (crm_header_require(h, s->id, &idc, &e) < 0 ||
	    crm_header_require(h, s->date, &datec, &e) < 0 ||
	    crm_header_require(h, s->amount, &amountc, &e) < 0 ||
	    (s->quantity != NULL &&
	    crm_header_require(h, s->quantity, &qtyc, &e) < 0) ||
	    (s->order != NULL &&
	    crm_header_require(h, s->order, &orderc, &e) < 0))
		crm_die(&e);
	for (k = 0; k < s->nkeep; k++)
		if (crm_header_require(h, s->keep[k], &keepc[k], &e) < 0)
			crm_die(&e);
	crm_rfm_init(&r, s->nkeep, orderc >= 0);
	while ((got = crm_input_read(in, &rec, &e)) > 0) {
		struct crm_error why;
		double amount, qty;
		int32_t date;
		int dec = 0, qdec = 0;

		if (rec->len[idc] == 0) {
			if (crm_input_bad(in, rec, &e,
			    "column '%s': empty customer id", s->id) < 0)
				crm_die(&e);
			continue;
		}
		if (crm_field_date(rec, datec, s->date, c->date_format, &date,
		    &why) < 0 ||
		    crm_field_number(rec, amountc, s->amount, c->decimal_comma,
		    &amount, &dec, &why) < 0 ||
		    (qtyc >= 0 && crm_field_number(rec, qtyc, s->quantity,
		    c->decimal_comma, &qty, &qdec, &why) < 0)) {
			if (crm_input_reject(in, rec, &why, &e) < 0)
				crm_die(&e);
			continue;
		}
		if (date > c->as_of) {
			char d[16], a[16];

			if (s->ignore_future) {
				nofuture++;
				continue;
			}
			crm_date_format(date, d);
			crm_date_format(c->as_of, a);
			if (crm_input_bad(in, rec, &e, "column '%s': order "
			    "date %s is after the as-of date %s (see "
			    "--ignore-future)", s->date, d, a) < 0)
				crm_die(&e);
			continue;
		}
		if (qtyc >= 0) {
			amount *= qty;
			dec += qdec;
		}
		if (dec > decimals)
			decimals = dec > 9 ? 9 : dec;
		for (k = 0; k < s->nkeep; k++) {
			keepv[k] = rec->field[keepc[k]];
			keepl[k] = rec->len[keepc[k]];
		}
		if (crm_rfm_add(&r, rec->field[idc], rec->len[idc], date,
		    amount, orderc >= 0 ? rec->field[orderc] : NULL,
		    orderc >= 0 ? rec->len[orderc] : 0, keepv, keepl, &e) < 0)
			crm_die(&e);
	}
	if (got < 0 || crm_rfm_finish(&r, &e) < 0)
		crm_die(&e);

	memset(&rs, 0, sizeof(rs));
	rs.as_of = c->as_of;
	rs.bins = s->bins;
	rs.kind = s->binning;
	rs.monetary_mean = s->monetary_mean;
	rs.decimals = decimals;
	for (k = 0; k < 3; k++)
		rs.fixed[k] = s->has_fixed[k] ? &s->fixed[k] : NULL;
	if (crm_rfm_score(&r, &rs, &res, scale, &e) < 0)
		crm_die(&e);
	if ((order = crm_rfm_order_by_id(&r)) == NULL)
		crm_die_oom();

	w = crm_program_output(prog);
	crm_csv_puts(w, s->id);
	for (k = 0; k < s->nkeep; k++)
		crm_csv_puts(w, s->keep[k]);
	for (k = 0; k < sizeof(columns) / sizeof(columns[0]); k++)
		crm_csv_puts(w, columns[k]);
	crm_csv_end(w);
	for (i = 0; i < r.ids.n; i++) {
		write_customer(w, &r, order[i], &res[order[i]], s, decimals);
		if (r.c[order[i]].orders == 0)
			noorder++;
	}
	if (thresholds >= 0)
		write_thresholds(crm_program_open_side(prog, thresholds),
		    scale, c->delim);
	if (noorder > 0)
		crm_program_note(prog, "%zu customer%s with refunds only: no "
		    "recency and no scores", noorder, noorder == 1 ? "" : "s");
	if (nofuture > 0)
		crm_program_note(prog, "%zu order row%s after the as-of date "
		    "ignored", nofuture, nofuture == 1 ? "" : "s");
	crm_program_finish(prog);
	free(order);
	free(res);
	crm_rfm_free(&r);
}

/* Writes every record with the mode's own columns, then finishes. */
static void
run_rows(const struct crm_rowwise *rw, struct crm_program *prog)
{
	struct crm_error e;

	if (crm_rowwise_run(rw, crm_program_current_input(prog),
	    crm_program_output(prog), &e) < 0)
		crm_die(&e);
	crm_program_finish(prog);
}

struct man_ctx {
	long col[3];
	const char *name[3];
	const struct settings *s;
	char code[8], cls[12];
};

static int
man_row(void *ctx, const struct crm_record *rec, const char **own,
    struct crm_error *why)
{
	struct man_ctx *m = ctx;
	int b[3], k, cls;

	for (k = 0; k < 3; k++)
		if (crm_field_bool(rec, m->col[k], m->name[k], &b[k], why) < 0)
			return CRM_RECORD_BAD;
	cls = crm_man_class(b[0], b[1], b[2]);
	crm_man_code(b[0], b[1], b[2], m->code);
	snprintf(m->cls, sizeof(m->cls), "%d", cls);
	own[0] = m->code;
	own[1] = m->cls;
	own[2] = m->s->action[cls - 1] ? m->s->action[cls - 1] :
	    crm_man_action(cls);
	return CRM_RECORD_OK;
}

static void
run_man(struct settings *s, struct crm_program *prog)
{
	static const char *const own_names[] = { "man", "man_class",
	    "man_action" };
	struct crm_rowwise rw = { own_names, 3, 0, NULL, NULL, man_row,
	    NULL };
	struct man_ctx m;
	struct crm_input *in;
	struct crm_error e;
	int k;

	memset(&m, 0, sizeof(m));
	m.s = s;
	m.name[0] = s->money ? s->money : "money";
	m.name[1] = s->authority ? s->authority : "authority";
	m.name[2] = s->need ? s->need : "need";
	in = crm_program_input(prog);
	for (k = 0; k < 3; k++)
		if (crm_header_require(crm_input_header(in), m.name[k],
		    &m.col[k], &e) < 0)
			crm_die(&e);
	rw.ctx = &m;
	run_rows(&rw, prog);
}

struct weighted_ctx {
	struct crm_weighted w;
	int explain;
	double *points;
	char *text;		/* 1 + w.n formatted numbers */
};

#define POINTS_SIZE	32

/* The weighted module's data errors are bad records; others stop. */
static int
verdict(const struct crm_error *why)
{
	return why->status == CRM_EXIT_DATA ? CRM_RECORD_BAD : CRM_RECORD_STOP;
}

static int
weighted_check(void *ctx, const struct crm_record *rec,
    struct crm_error *why)
{
	struct weighted_ctx *wc = ctx;

	if (crm_weighted_observe(&wc->w, rec, why) < 0)
		return verdict(why);
	return CRM_RECORD_OK;
}

static int
weighted_prepare(void *ctx, struct crm_error *e)
{
	struct weighted_ctx *wc = ctx;

	return crm_weighted_prepare(&wc->w, e);
}

static int
weighted_row(void *ctx, const struct crm_record *rec, const char **own,
    struct crm_error *why)
{
	struct weighted_ctx *wc = ctx;
	double score;
	size_t k;

	if (crm_weighted_score(&wc->w, rec, &score, wc->points, why) < 0)
		return verdict(why);
	crm_fraction_format(score, 2, wc->text, POINTS_SIZE);
	own[0] = wc->text;
	for (k = 0; k < wc->w.n && wc->explain; k++) {
		char *t = wc->text + (k + 1) * POINTS_SIZE;

		crm_fraction_format(wc->points[k], 2, t, POINTS_SIZE);
		own[k + 1] = t;
	}
	return CRM_RECORD_OK;
}

static void
run_weighted(struct settings *s, struct crm_config *cfg,
    struct crm_program *prog)
{
	struct weighted_ctx wc;
	struct crm_rowwise rw = { NULL, 0, 0, weighted_check,
	    weighted_prepare, weighted_row, NULL };
	const char **names;
	struct crm_input *in;
	struct crm_error e;
	size_t k;

	memset(&wc, 0, sizeof(wc));
	if (crm_weighted_load(&wc.w, cfg, s->criteria,
	    crm_program_options(prog)->decimal_comma, &e) < 0)
		crm_die(&e);
	in = crm_program_input(prog);
	if (crm_weighted_bind(&wc.w, crm_input_header(in), &e) < 0)
		crm_die(&e);
	names = calloc(wc.w.n + 1, sizeof(*names));
	wc.points = calloc(wc.w.n, sizeof(*wc.points));
	wc.text = malloc((wc.w.n + 1) * POINTS_SIZE);
	if (names == NULL || wc.points == NULL || wc.text == NULL)
		crm_die_oom();
	names[0] = "score";
	for (k = 0; k < wc.w.n; k++)
		names[k + 1] = wc.w.c[k].label;
	rw.own = names;
	rw.nown = s->explain ? wc.w.n + 1 : 1;
	wc.explain = s->explain;
	rw.hold = wc.w.needs_table;
	rw.ctx = &wc;
	run_rows(&rw, prog);
	crm_weighted_free(&wc.w);
	free(wc.points);
	free(wc.text);
	free(names);
}

/*
 * An option another mode reads would be silently ignored: refuse it, so
 * that a mistaken command line never quietly changes a result.
 */
static int
check_mode_options(const struct settings *s, const struct crm_common *c,
    struct crm_error *e)
{
	const char *mode = s->man ? "--man" : s->criteria ? "weighted scoring" :
	    "RFM scoring";
	size_t k;

	if ((s->man || s->criteria) && s->rfm_option != NULL)
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "--%s is for RFM scoring, not %s", s->rfm_option, mode);
	if (!s->man && s->man_option != NULL)
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "--%s is for --man, not %s", s->man_option, mode);
	if (s->explain && (s->man || s->criteria == NULL))
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "--explain is for weighted scoring, not %s", mode);
	if (s->man && s->criteria != NULL)
		return crm_error_set(e, CRM_EXIT_USAGE, c->config, 0, 0,
		    "criteria: and --man are two modes: choose one");
	for (k = 0; k < s->nkeep; k++) {
		static const char *const taken[] = { "first_order",
		    "last_order", "recency_days", "frequency", "monetary",
		    "r_score", "f_score", "m_score", "rfm_cell", "rfm_score" };
		size_t j;

		if (strcmp(s->keep[k], s->id) == 0)
			goto twice;
		for (j = 0; j < sizeof(taken) / sizeof(taken[0]); j++)
			if (strcmp(s->keep[k], taken[j]) == 0)
				goto twice;
		for (j = 0; j < k; j++)
			if (strcmp(s->keep[k], s->keep[j]) == 0)
				goto twice;
		continue;
twice:
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "--keep %s: the column would appear twice in the output",
		    s->keep[k]);
	}
	return 0;
}

static const struct crm_program_def def = {
	"crm-score", usage, long_options, own_option
};

int
main(int argc, char **argv)
{
	struct settings s;
	const struct crm_common *c;
	struct crm_program *prog;
	struct crm_config cfg = { .loaded = 0 };
	struct crm_error e;
	int thresholds;

	memset(&s, 0, sizeof(s));
	s.binning = -1;
	s.monetary_mean = -1;
	prog = crm_program_start(&def, &s, argc, argv);
	c = crm_program_options(prog);
	if (c->config != NULL && load_config(&cfg, c->config, &s, &e) < 0)
		crm_die(&e);
	thresholds = crm_program_side(prog, "--thresholds", s.thresholds,
	    CRM_SIDE_REPORT, NULL);
	if (s.id == NULL)
		s.id = "customer_id";
	if (s.date == NULL)
		s.date = "order_date";
	if (s.amount == NULL)
		s.amount = "amount";
	if (s.bins == 0)
		s.bins = 5;
	if (s.binning < 0)
		s.binning = CRM_SCALE_QUANTILE;
	if (s.monetary_mean < 0)
		s.monetary_mean = 0;
	if (check_mode_options(&s, c, &e) < 0)
		crm_die(&e);
	if (s.man)
		run_man(&s, prog);
	else if (s.criteria != NULL)
		run_weighted(&s, &cfg, prog);
	else
		run_rfm(&s, prog, thresholds);
	crm_config_free(&cfg);
	free(s.keep_text);
	return 0;
}
