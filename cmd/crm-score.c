/*
 * crm-score - how valuable is each customer, how promising each lead.
 *
 * Four modes: RFM scores per customer from order rows (the default);
 * the customer-base models BG/NBD or Pareto/NBD (and Gamma-Gamma) from
 * the same rows with --model; weighted multi-criteria scores from the
 * `criteria:` of a config; MAN lead qualification with --man.
 */

#include "clvcsv.h"
#include "clvmode.h"
#include "clvopts.h"
#include "clvpartial.h"
#include "config.h"
#include "man.h"
#include "program.h"
#include "rfm.h"
#include "rfmopts.h"
#include "rfmpartial.h"
#include "rowwise.h"
#include "weighted.h"

/* In groups: each mode's options are a range (check_mode_options). */
enum {
	/* order rows: RFM and model mode */
	OPT_ID = CRM_OPT_PROGRAM, OPT_DATE, OPT_AMOUNT, OPT_QUANTITY,
	OPT_KEEP, OPT_IGNORE_FUTURE,
	/* RFM */
	OPT_ORDER, OPT_BINS, OPT_BINNING, OPT_MONETARY, OPT_WEIGHTS,
	OPT_THRESHOLDS,
	/* model */
	OPT_SPEND, OPT_UNIT, OPT_CAL_END, OPT_HORIZON, OPT_DISCOUNT,
	OPT_PARAMS, OPT_PARAMS_IN, OPT_HOLDOUT,
	/* MAN */
	OPT_MONEY, OPT_AUTHORITY, OPT_NEED,
	/* the modes */
	OPT_MODEL, OPT_MAN, OPT_EXPLAIN
};

/* In the order of the codes above. */
static const struct option long_options[] = {
	{ "id", required_argument, NULL, OPT_ID },
	{ "date", required_argument, NULL, OPT_DATE },
	{ "amount", required_argument, NULL, OPT_AMOUNT },
	{ "quantity", required_argument, NULL, OPT_QUANTITY },
	{ "keep", required_argument, NULL, OPT_KEEP },
	{ "ignore-future", no_argument, NULL, OPT_IGNORE_FUTURE },
	{ "order", required_argument, NULL, OPT_ORDER },
	{ "bins", required_argument, NULL, OPT_BINS },
	{ "binning", required_argument, NULL, OPT_BINNING },
	{ "monetary", required_argument, NULL, OPT_MONETARY },
	{ "weights", required_argument, NULL, OPT_WEIGHTS },
	{ "thresholds", required_argument, NULL, OPT_THRESHOLDS },
	{ "spend", required_argument, NULL, OPT_SPEND },
	{ "unit", required_argument, NULL, OPT_UNIT },
	{ "calibration-end", required_argument, NULL, OPT_CAL_END },
	{ "horizon", required_argument, NULL, OPT_HORIZON },
	{ "discount", required_argument, NULL, OPT_DISCOUNT },
	{ "params", required_argument, NULL, OPT_PARAMS },
	{ "params-in", required_argument, NULL, OPT_PARAMS_IN },
	{ "holdout", required_argument, NULL, OPT_HOLDOUT },
	{ "money", required_argument, NULL, OPT_MONEY },
	{ "authority", required_argument, NULL, OPT_AUTHORITY },
	{ "need", required_argument, NULL, OPT_NEED },
	{ "model", required_argument, NULL, OPT_MODEL },
	{ "man", no_argument, NULL, OPT_MAN },
	{ "explain", no_argument, NULL, OPT_EXPLAIN },
	{ NULL, 0, NULL, 0 }
};

struct settings {
	struct crm_rfm_opts rfm;	/* RFM, and the rows of --model */
	const char *thresholds;
	struct crm_clv_opts clv;	/* --model */
	int man;			/* --man */
	struct crm_man lead;
	int explain;			/* weighted: with criteria: */
	yaml_node_t *criteria;
	/* the first option given of each group that not every mode reads */
	const char *row_option, *rfm_option, *model_option, *man_option;
};

static const char usage[] =
"usage: crm-score [--id COL] [--date COL] [--amount COL] [--quantity COL]\n"
"                 [--order COL] [--keep COL,...] [--bins N]\n"
"                 [--binning quantile|r-rfm] [--monetary sum|mean]\n"
"                 [--weights R,F,M] [--thresholds FILE] [--ignore-future]\n"
"                 [--partial] [--merge] [--as-of DATE] [--date-format FMT]\n"
"                 [-c FILE] [-o FILE] [-d C | --tsv] [--encoding NAME]\n"
"                 [--bom] [--decimal-comma] [--skip-bad] [--rejects FILE]\n"
"                 [-q] [-v] [-j N] [file ...]\n"
"       crm-score --model bgnbd|pnbd [--spend gamma-gamma]\n"
"                 [--unit day|week|month] [--calibration-end DATE]\n"
"                 [--horizon N] [--discount RATE] [--params FILE]\n"
"                 [--params-in FILE] [--holdout FILE] [--id COL]\n"
"                 [--date COL] [--amount COL] [--quantity COL]\n"
"                 [--keep COL,...] [--ignore-future] [--partial] [--merge]\n"
"                 [-j N] [common options] [file ...]\n"
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
"  --partial         write partial state, for a --merge to finish (crm(7))\n"
"  --merge           read partial state (the same options) and score; with\n"
"                    --partial, write it merged\n"
"  -j, --jobs N      read a file with N threads, RFM and model (default: one\n"
"                    per processor, at most one per MiB)\n"
"Model (--model bgnbd or pnbd): from the same rows, one row per customer\n"
"with x, t_x, T, p_alive, expected_purchases (and avg_spend,\n"
"expected_spend, clv with --spend gamma-gamma); see crm-score(1).\n"
"  --unit UNIT       day, week (default) or month\n"
"  --calibration-end DATE  fit on the rows up to DATE (default: as-of)\n"
"  --horizon N       units ahead (default: 52 weeks, the same in days...)\n"
"  --discount RATE   per unit, for clv (default: 0)\n"
"  --params FILE     the fit: parameters, errors, log-likelihood (-: stderr)\n"
"  --params-in FILE  score with saved parameters instead of fitting\n"
"  --holdout FILE    actual and expected holdout purchases (-: stderr)\n"
"Weighted (-c FILE with criteria): appends score (0-100); --explain adds\n"
"the points of each criterion.\n"
"MAN (--man): appends man, man_class (1-8) and man_action from yes/no\n"
"columns --money, --authority, --need (defaults: money, authority, need).\n"
"Common: -o FILE, -d C, --tsv, --encoding NAME, --bom, --decimal-comma,\n"
"--date-format FMT, --skip-bad, --rejects FILE, -q, -v, -h, -V; see crm(7).\n";

/* Notes the first option given of its group. */
static void
note_group(struct settings *s, int opt)
{
	const char **first = opt <= OPT_IGNORE_FUTURE ? &s->row_option :
	    opt <= OPT_THRESHOLDS ? &s->rfm_option :
	    opt <= OPT_HOLDOUT ? &s->model_option :
	    opt <= OPT_NEED ? &s->man_option : NULL;

	if (first != NULL && *first == NULL)
		*first = long_options[opt - OPT_ID].name;
}

/* The model mode's options. */
static int
model_option(struct crm_clv_opts *o, int opt, const char *arg,
    struct crm_error *e)
{
	switch (opt) {
	case OPT_MODEL: return crm_clv_opts_model(o, arg, e);
	case OPT_SPEND: return crm_clv_opts_spend(o, arg, e);
	case OPT_UNIT: return crm_clv_opts_unit(o, arg, e);
	case OPT_CAL_END: return crm_clv_opts_calibration_end(o, arg, e);
	case OPT_HORIZON: o->horizon_text = arg; break;
	case OPT_DISCOUNT: return crm_clv_opts_discount(o, arg, e);
	case OPT_PARAMS: o->params = arg; break;
	case OPT_PARAMS_IN: o->params_in = arg; break;
	case OPT_HOLDOUT: o->holdout = arg; break;
	}
	return 0;
}

static int
own_option(int opt, const char *arg, void *ctx, struct crm_error *e)
{
	struct settings *s = ctx;
	struct crm_rfm_opts *o = &s->rfm;

	note_group(s, opt);
	if ((opt >= OPT_SPEND && opt <= OPT_HOLDOUT) || opt == OPT_MODEL)
		return model_option(&s->clv, opt, arg, e);
	switch (opt) {
	case OPT_ID: o->id = arg; break;
	case OPT_DATE: o->date = arg; break;
	case OPT_AMOUNT: o->amount = arg; break;
	case OPT_QUANTITY: o->quantity = arg; break;
	case OPT_ORDER: o->order = arg; break;
	case OPT_KEEP: return crm_rfm_opts_keep(o, arg, e);
	case OPT_BINS: return crm_rfm_opts_bins(o, arg, e);
	case OPT_BINNING: return crm_rfm_opts_binning(o, arg, e);
	case OPT_MONETARY: return crm_rfm_opts_monetary(o, arg, e);
	case OPT_WEIGHTS: return crm_rfm_opts_weights(o, arg, e);
	case OPT_THRESHOLDS: s->thresholds = arg; break;
	case OPT_IGNORE_FUTURE: o->ignore_future = 1; break;
	case OPT_MAN: s->man = 1; break;
	case OPT_MONEY: s->lead.column[CRM_MAN_MONEY] = arg; break;
	case OPT_AUTHORITY: s->lead.column[CRM_MAN_AUTHORITY] = arg; break;
	case OPT_NEED: s->lead.column[CRM_MAN_NEED] = arg; break;
	case OPT_EXPLAIN: s->explain = 1; break;
	default:
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "unhandled option");
	}
	return 0;
}

/* The config's three sections, each to its mode (crm-config(5)). */
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
	    crm_rfm_config(&s->rfm, cfg, n, e) < 0)
		return -1;
	if ((n = crm_config_get(cfg, root, "man")) != NULL &&
	    crm_man_config(&s->lead, cfg, n, e) < 0)
		return -1;
	s->criteria = crm_config_get(cfg, root, "criteria");
	return 0;
}

/*
 * --partial and --merge: RFM and model mode only; a run that writes
 * partial state writes no side output (the run that finishes does).
 */
static int
check_partial(const struct settings *s, const struct crm_common *c,
    const char *mode, struct crm_error *e)
{
	const char *opt = c->partial ? "partial" : "merge";
	const char *side = s->thresholds ? "--thresholds" : s->clv.params ?
	    "--params" : s->clv.holdout ? "--holdout" : NULL;

	if (!c->partial && !c->merge)
		return 0;
	if (s->man || s->criteria)
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "--%s is for RFM or model scoring, not %s", opt, mode);
	if (c->partial && side != NULL)
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "%s is for the run that scores, not --partial", side);
	return 0;
}

/*
 * An option another mode reads would be silently ignored: refuse it, so
 * that a mistaken command line never quietly changes a result.
 */
static int
check_mode_options(const struct settings *s, const struct crm_common *c,
    struct crm_error *e)
{
	int model = s->clv.model >= 0, rfm = !s->man && !s->criteria && !model;
	const char *mode = s->man ? "--man" : s->criteria ? "weighted scoring" :
	    model ? "--model" : "RFM scoring";

	if ((s->man || s->criteria) && s->row_option != NULL)
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "--%s is for RFM or model scoring, not %s", s->row_option,
		    mode);
	if (!rfm && s->rfm_option != NULL)
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "--%s is for RFM scoring, not %s", s->rfm_option, mode);
	if (!model && s->model_option != NULL)
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "--%s is for --model, not %s", s->model_option, mode);
	if (!s->man && s->man_option != NULL)
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "--%s is for --man, not %s", s->man_option, mode);
	if (s->explain && (s->man || s->criteria == NULL))
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "--explain is for weighted scoring, not %s", mode);
	if (s->man && (s->criteria != NULL || model))
		return crm_error_set(e, CRM_EXIT_USAGE, model ? NULL :
		    c->config, 0, 0, "%s and --man are two modes: choose one",
		    model ? "--model" : "criteria:");
	if (model && s->criteria != NULL)
		return crm_error_set(e, CRM_EXIT_USAGE, c->config, 0, 0,
		    "criteria: and --model are two modes: choose one");
	return check_partial(s, c, mode, e);
}

/* The options of the mode chosen, finished. */
static int
finish_options(struct settings *s, const struct crm_common *c,
    struct crm_error *e)
{
	if (s->clv.model < 0)
		return crm_rfm_opts_finish(&s->rfm, c, e);
	s->rfm.columns = crm_clv_columns;
	s->rfm.ncolumns = s->clv.spend ? 8 : 5;
	if (crm_rfm_opts_finish(&s->rfm, c, e) < 0)
		return -1;
	return crm_clv_opts_finish(&s->clv, c, e);
}

/* The rows into r, or with --merge the partial state. */
static void
read_rfm(struct crm_rfm *r, struct crm_program *prog)
{
	struct crm_input *in = crm_program_input(prog);
	int merge = crm_program_options(prog)->merge;
	struct crm_record *rec;
	struct crm_error e, why;
	int got;

	if (!merge && crm_rfm_bind(r, crm_input_header(in), &e) < 0)
		crm_die(&e);
	crm_program_parallel(prog, &crm_rfm_parallel, r);
	while ((got = crm_input_read(in, &rec, &e)) > 0)
		if (crm_input_judge(in, rec, merge ? crm_rfm_merge_row(r, rec,
		    &why) : crm_rfm_row(r, rec, &why), &why, &e) < 0)
			crm_die(&e);
	if (got < 0 || crm_rfm_finish(r, &e) < 0)
		crm_die(&e);
}

/* RFM: aggregate order rows per customer, score, write sorted by id. */
static void
run_rfm(struct settings *s, struct crm_program *prog, int thresholds)
{
	struct crm_csv_writer tw;
	struct crm_error e;
	struct crm_rfm r;
	size_t n;

	crm_rfm_init(&r, &s->rfm);
	read_rfm(&r, prog);
	if (crm_program_options(prog)->partial) {
		crm_rfm_write_partial(&r, crm_program_output(prog));
		crm_program_finish(prog);
		crm_rfm_free(&r);
		return;
	}
	if (crm_rfm_score(&r, &e) < 0)
		crm_die(&e);
	crm_rfm_write(&r, crm_program_output(prog));
	if (thresholds >= 0) {
		crm_csv_writer_init(&tw, crm_program_open_side(prog,
		    thresholds), crm_program_options(prog)->delim);
		crm_rfm_write_thresholds(&r, &tw);
	}
	if ((n = crm_rfm_refunds_only(&r)) > 0)
		crm_program_note(prog, "%zu customer%s with refunds only: no "
		    "recency and no scores", n, n == 1 ? "" : "s");
	if ((n = crm_rfm_future(&r)) > 0)
		crm_program_note(prog, "%zu order row%s after the as-of date "
		    "ignored", n, n == 1 ? "" : "s");
	crm_program_finish(prog);
	crm_rfm_free(&r);
}

/* --params and --holdout, each when asked for. */
static void
model_sides(const struct crm_clvmode *cm, struct crm_program *prog,
    int params, int holdout)
{
	struct crm_clv_holdout_row rows[CRM_CLV_HOLDOUT_ROWS];
	unsigned char delim = crm_program_options(prog)->delim;
	struct crm_csv_writer w;
	struct crm_error e;

	if (params >= 0) {
		crm_csv_writer_init(&w, crm_program_open_side(prog, params),
		    delim);
		crm_clvcsv_write_params(cm, &w);
		if (cm->fitted && !cm->est.have_se)
			crm_program_note(prog, "std_error left empty for %s: "
			    "%s", crm_btyd_model_name(cm->m.model),
			    cm->est.se_error.msg);
		if (cm->fitted && cm->co->spend && !cm->gest.have_se)
			crm_program_note(prog, "std_error left empty for %s: "
			    "%s", "gamma-gamma", cm->gest.se_error.msg);
	}
	if (holdout >= 0) {
		if (crm_clvmode_holdout(cm, rows, &e) < 0)
			crm_die(&e);
		crm_csv_writer_init(&w, crm_program_open_side(prog, holdout),
		    delim);
		crm_clvcsv_write_holdout(rows, &w);
	}
}

/* The rows into cm's histories, or with --merge the partial state. */
static void
read_model(struct crm_clvmode *cm, struct crm_program *prog)
{
	struct crm_input *in = crm_program_input(prog);
	int merge = crm_program_options(prog)->merge;
	struct crm_record *rec;
	struct crm_error e, why;
	int got;

	if (!merge && crm_clvmode_bind(cm, crm_input_header(in), &e) < 0)
		crm_die(&e);
	crm_program_parallel(prog, &crm_clvmode_parallel, cm);
	while ((got = crm_input_read(in, &rec, &e)) > 0)
		if (crm_input_judge(in, rec, merge ? crm_clvmode_merge_row(cm,
		    rec, &why) : crm_clvmode_row(cm, rec, &why), &why, &e) < 0)
			crm_die(&e);
	if (got < 0)
		crm_die(&e);
}

/* Model: order rows into histories, fit (or --params-in), score. */
static void
run_model(struct settings *s, struct crm_program *prog, int params,
    int holdout)
{
	struct crm_clvmode cm;
	struct crm_error e;
	size_t n;

	if (crm_clvmode_init(&cm, &s->clv, &s->rfm, &e) < 0)
		crm_die(&e);
	read_model(&cm, prog);
	if (crm_program_options(prog)->partial) {
		crm_clvmode_write_partial(&cm, crm_program_output(prog));
		crm_program_finish(prog);
		crm_clvmode_free(&cm);
		return;
	}
	if (crm_clvmode_fit(&cm, &e) < 0 || crm_clvmode_score(&cm, &e) < 0)
		crm_die(&e);
	crm_clvcsv_write_figures(&cm, crm_program_output(prog));
	model_sides(&cm, prog, params, holdout);
	if ((n = cm.refunds_only) > 0)
		crm_program_note(prog, "%zu customer%s with refunds only: no "
		    "purchase history, left out", n, n == 1 ? "" : "s");
	if ((n = cm.late) > 0)
		crm_program_note(prog, "%zu customer%s born after the "
		    "calibration end: scored as new customers", n,
		    n == 1 ? "" : "s");
	if ((n = crm_clvmode_future(&cm)) > 0)
		crm_program_note(prog, "%zu order row%s after the as-of date "
		    "ignored", n, n == 1 ? "" : "s");
	crm_program_finish(prog);
	crm_clvmode_free(&cm);
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

/* MAN: each lead gets its class and action. */
static void
run_man(struct settings *s, struct crm_program *prog)
{
	struct crm_rowwise rw;
	struct crm_error e;

	if (crm_man_bind(&s->lead, crm_input_header(crm_program_input(prog)),
	    &e) < 0)
		crm_die(&e);
	crm_man_rowwise(&s->lead, &rw);
	run_rows(&rw, prog);
}

/* Weighted: each row gets its score from the config's criteria. */
static void
run_weighted(struct settings *s, struct crm_config *cfg,
    struct crm_program *prog)
{
	struct crm_weighted w;
	struct crm_rowwise rw;
	struct crm_error e;

	if (crm_weighted_load(&w, cfg, s->criteria,
	    crm_program_options(prog)->decimal_comma, &e) < 0 ||
	    crm_weighted_bind(&w, crm_input_header(crm_program_input(prog)),
	    &e) < 0 || crm_weighted_rowwise(&w, s->explain, &rw, &e) < 0)
		crm_die(&e);
	run_rows(&rw, prog);
	crm_weighted_free(&w);
}

static const struct crm_program_def def = {
	"crm-score", usage, long_options, own_option
};

int
main(int argc, char **argv)
{
	struct settings s = { .thresholds = NULL };
	const struct crm_common *c;
	struct crm_program *prog;
	struct crm_config cfg = { .loaded = 0 };
	struct crm_error e;
	int thresholds, params, holdout;

	crm_rfm_opts_init(&s.rfm);
	crm_clv_opts_init(&s.clv);
	crm_man_init(&s.lead);
	prog = crm_program_start_aggregating(&def, &s, argc, argv);
	c = crm_program_options(prog);
	if (c->config != NULL && load_config(&cfg, c->config, &s, &e) < 0)
		crm_die(&e);
	thresholds = crm_program_side(prog, "--thresholds", s.thresholds,
	    CRM_SIDE_REPORT, NULL);
	params = crm_program_side(prog, "--params", s.clv.params,
	    CRM_SIDE_REPORT, NULL);
	holdout = crm_program_side(prog, "--holdout", s.clv.holdout,
	    CRM_SIDE_REPORT, NULL);
	if (check_mode_options(&s, c, &e) < 0 ||
	    finish_options(&s, c, &e) < 0)
		crm_die(&e);
	if (s.man)
		run_man(&s, prog);
	else if (s.criteria != NULL)
		run_weighted(&s, &cfg, prog);
	else if (s.clv.model >= 0)
		run_model(&s, prog, params, holdout);
	else
		run_rfm(&s, prog, thresholds);
	crm_config_free(&cfg);
	crm_rfm_opts_free(&s.rfm);
	return 0;
}
