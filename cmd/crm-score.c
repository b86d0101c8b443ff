/*
 * crm-score - how valuable is each customer, how promising each lead.
 *
 * Three modes: RFM scores per customer from order rows (the default);
 * weighted multi-criteria scores from the `criteria:` of a config; MAN
 * lead qualification with --man.
 */

#include "config.h"
#include "man.h"
#include "program.h"
#include "rfm.h"
#include "rfmopts.h"
#include "rowwise.h"
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

struct settings {
	struct crm_rfm_opts rfm;	/* RFM: the default mode */
	const char *thresholds;
	int man;			/* --man */
	struct crm_man lead;
	int explain;			/* weighted: with criteria: */
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
"                 [--decimal-comma] [--skip-bad] [--rejects FILE] [-q] [-v]\n"
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
"--date-format FMT, --skip-bad, --rejects FILE, -q, -v, -h, -V; see crm(7).\n";

static int
own_option(int opt, const char *arg, void *ctx, struct crm_error *e)
{
	struct settings *s = ctx;
	struct crm_rfm_opts *o = &s->rfm;

	if (opt >= OPT_ID && opt <= OPT_IGNORE_FUTURE && s->rfm_option == NULL)
		s->rfm_option = long_options[opt - OPT_ID].name;
	if (opt >= OPT_MONEY && opt <= OPT_NEED && s->man_option == NULL)
		s->man_option = long_options[opt - OPT_ID].name;
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
 * An option another mode reads would be silently ignored: refuse it, so
 * that a mistaken command line never quietly changes a result.
 */
static int
check_mode_options(const struct settings *s, const struct crm_common *c,
    struct crm_error *e)
{
	const char *mode = s->man ? "--man" : s->criteria ? "weighted scoring" :
	    "RFM scoring";

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
	return 0;
}

/* RFM: aggregate order rows per customer, score, write sorted by id. */
static void
run_rfm(struct settings *s, struct crm_program *prog, int thresholds)
{
	struct crm_input *in = crm_program_input(prog);
	struct crm_csv_writer tw;
	struct crm_record *rec;
	struct crm_error e, why;
	struct crm_rfm r;
	size_t n;
	int got;

	crm_rfm_init(&r, &s->rfm);
	if (crm_rfm_bind(&r, crm_input_header(in), &e) < 0)
		crm_die(&e);
	while ((got = crm_input_read(in, &rec, &e)) > 0)
		if (crm_input_judge(in, rec, crm_rfm_row(&r, rec, &why), &why,
		    &e) < 0)
			crm_die(&e);
	if (got < 0 || crm_rfm_finish(&r, &e) < 0 || crm_rfm_score(&r, &e) < 0)
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
	int thresholds;

	crm_rfm_opts_init(&s.rfm);
	crm_man_init(&s.lead);
	prog = crm_program_start(&def, &s, argc, argv);
	c = crm_program_options(prog);
	if (c->config != NULL && load_config(&cfg, c->config, &s, &e) < 0)
		crm_die(&e);
	thresholds = crm_program_side(prog, "--thresholds", s.thresholds,
	    CRM_SIDE_REPORT, NULL);
	if (check_mode_options(&s, c, &e) < 0 ||
	    crm_rfm_opts_finish(&s.rfm, c, &e) < 0)
		crm_die(&e);
	if (s.man)
		run_man(&s, prog);
	else if (s.criteria != NULL)
		run_weighted(&s, &cfg, prog);
	else
		run_rfm(&s, prog, thresholds);
	crm_config_free(&cfg);
	crm_rfm_opts_free(&s.rfm);
	return 0;
}
