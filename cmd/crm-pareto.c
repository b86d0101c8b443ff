/*
 * crm-pareto - the 80/20 rule and ABC analysis as a CSV filter.
 *
 * Reads items (or order rows with --by, carrying --keep columns), ranks
 * them by value and appends pareto_rank, share, cum_share, cum_item_share
 * and pareto_class; writes the concentration figures with --summary and a
 * chart with --svg, its items labelled by --label.
 */
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "paretopartial.h"
#include "paretotable.h"
#include "program.h"

enum { OPT_VALUE = CRM_OPT_PROGRAM, OPT_BY, OPT_CLASSES, OPT_PERCENT,
    OPT_SUMMARY, OPT_SVG, OPT_KEEP, OPT_LABEL };

static const struct option long_options[] = {
	{ "value", required_argument, NULL, OPT_VALUE },
	{ "by", required_argument, NULL, OPT_BY },
	{ "classes", required_argument, NULL, OPT_CLASSES },
	{ "percent", no_argument, NULL, OPT_PERCENT },
	{ "summary", required_argument, NULL, OPT_SUMMARY },
	{ "svg", required_argument, NULL, OPT_SVG },
	{ "keep", required_argument, NULL, OPT_KEEP },
	{ "label", required_argument, NULL, OPT_LABEL },
	{ NULL, 0, NULL, 0 }
};

static const char usage[] =
"usage: crm-pareto [--value COL] [--by COL] [--keep COL,...]\n"
"                  [--classes P,...] [--percent] [--summary FILE]\n"
"                  [--svg FILE] [--label COL] [--partial] [--merge]\n"
"                  [-c FILE] [-o FILE]\n"
"                  [-d C | --tsv] [--encoding NAME] [--bom]\n"
"                  [--decimal-comma] [--skip-bad] [--rejects FILE] [-q] [-v]\n"
"                  [-j N] [file ...]\n"
"\n"
"Ranks items by value, largest first, and appends pareto_rank, share,\n"
"cum_share, cum_item_share and pareto_class (A, B, C...).\n"
"\n"
"  --value COL       the value column (default: monetary)\n"
"  --by COL          sum the value per distinct COL first; one row per group\n"
"  --keep COL,...    with --by, carry these columns after the key (of each\n"
"                    group's rows, the values that sort last)\n"
"  --classes P,...   cumulative-share bounds of the classes (default: 80,95)\n"
"  --percent         shares as percentages instead of fractions\n"
"  --summary FILE    concentration figures as metric,value CSV (- for stderr)\n"
"  --svg FILE        a Pareto chart\n"
"  --label COL       the chart's item labels (default: the first --keep\n"
"                    column, else the --by key, else the first column)\n"
"  --partial         with --by, write partial state for a --merge (crm(7))\n"
"  --merge           with --by, read partial state (the same options), rank\n"
"  -c, --config FILE value, by and classes from YAML (see crm-config(5))\n"
"  -o, --output FILE write here (atomically) instead of standard output\n"
"  -d, --delimiter C field delimiter (default ,); --tsv for tabs\n"
"  --encoding NAME   read GB18030, UTF-16, CP1252... input; --bom writes a BOM\n"
"  --decimal-comma   numbers use ',' as decimal point, '.' for thousands\n"
"  --skip-bad        skip bad records; --rejects FILE also writes them there\n"
"  -q, --quiet       no notes on standard error\n"
"  -v, --verbose     also count the blank rows skipped\n"
"  -j, --jobs N      with --by, read a file with N threads (default: one per\n"
"                    processor, at most one per MiB)\n"
"  -h, --help        this text; -V, --version the version\n";

struct settings {
	struct crm_pareto_opts o;
	const char *summary, *svg;
};

static int
own_option(int opt, const char *arg, void *ctx, struct crm_error *e)
{
	struct settings *s = ctx;

	switch (opt) {
	case OPT_VALUE: s->o.value = arg; break;
	case OPT_BY: s->o.by = arg; break;
	case OPT_CLASSES:
		return crm_pareto_parse_classes(arg, s->o.bounds,
		    &s->o.nbounds, e);
	case OPT_PERCENT: s->o.percent = 1; break;
	case OPT_SUMMARY: s->summary = arg; break;
	case OPT_SVG: s->svg = arg; break;
	case OPT_KEEP: return crm_pareto_opts_keep(&s->o, arg, e);
	case OPT_LABEL: s->o.label = arg; break;
	}
	return 0;
}

static const struct crm_program_def def = {
	"crm-pareto", usage, long_options, own_option
};

/* Reads every record (with --merge, the partial state) into t. */
static void
read_items(struct crm_program *prog, struct crm_pareto_table *t)
{
	struct crm_input *in = crm_program_input(prog);
	int merge = crm_program_options(prog)->merge;
	struct crm_record *rec;
	struct crm_error e, why;
	int got;

	if ((merge ? crm_pareto_table_bind_merge(t, &e) :
	    crm_pareto_table_bind(t, crm_input_header(in), &e)) < 0)
		crm_die(&e);
	/* without --by the rows are the items: no merge, one thread */
	if (t->o.by != NULL)
		crm_program_parallel(prog, &crm_pareto_table_parallel, t);
	while ((got = crm_input_read(in, &rec, &e)) > 0)
		if (crm_input_judge(in, rec, merge ?
		    crm_pareto_table_merge_row(t, rec, &why) :
		    crm_pareto_table_add(t, rec, &why), &why, &e) < 0)
			crm_die(&e);
	if (got < 0 || crm_pareto_table_finish(t, &e) < 0)
		crm_die(&e);
}

/*
 * --partial and --merge: with --by only; a run that writes partial state
 * writes no summary or chart (the run that ranks does).
 */
static void
check_partial(const struct settings *s, const struct crm_common *c)
{
	const char *opt = c->partial ? "--partial" : "--merge";
	struct crm_error e;

	if (!c->partial && !c->merge)
		return;
	if (s->o.by == NULL)
		crm_error_set(&e, CRM_EXIT_USAGE, NULL, 0, 0, "%s needs --by: "
		    "without it every row is an item", opt);
	else if (c->partial && (s->summary != NULL || s->svg != NULL))
		crm_error_set(&e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "%s is for the run that ranks, not --partial",
		    s->summary != NULL ? "--summary" : "--svg");
	else
		return;
	crm_die(&e);
}

/* The ranked table and what was asked for besides: summary, chart. */
static void
write_all(struct settings *s, struct crm_program *prog,
    struct crm_pareto_table *t, int summary, int svg)
{
	struct crm_csv_writer sw;
	struct crm_error e;

	if (crm_pareto_table_rank(t, &e) < 0 ||
	    crm_pareto_table_write(t, crm_program_output(prog),
	    crm_input_header(crm_program_current_input(prog))->rec, &e) < 0)
		crm_die(&e);
	if (summary >= 0) {
		crm_csv_writer_init(&sw, crm_program_open_side(prog, summary),
		    crm_program_options(prog)->delim);
		crm_pareto_table_summary(t, &sw);
	}
	if (svg >= 0 && crm_pareto_table_svg(t, crm_program_open_side(prog,
	    svg), &e) < 0)
		crm_die(&e);
	if (crm_pareto_table_all_nonpositive(t))
		crm_program_note(prog, "no positive value in column '%s': "
		    "every share is 0", s->o.value);
}

int
main(int argc, char **argv)
{
	struct settings s = { .summary = NULL };
	struct crm_config cfg = { .loaded = 0 };
	struct crm_pareto_table t;
	struct crm_program *prog;
	struct crm_error e;
	int summary, svg;

	prog = crm_program_start_aggregating(&def, &s, argc, argv);
	s.o.decimal_comma = crm_program_options(prog)->decimal_comma;
	if (crm_program_options(prog)->config != NULL &&
	    (crm_config_load(&cfg, crm_program_options(prog)->config, &e) < 0 ||
	    crm_pareto_config(&s.o, &cfg, &e) < 0))
		crm_die(&e);
	check_partial(&s, crm_program_options(prog));
	svg = crm_program_side(prog, "--svg", s.svg, CRM_SIDE_DATA,
	    "the chart and the CSV");
	summary = crm_program_side(prog, "--summary", s.summary,
	    CRM_SIDE_REPORT, NULL);
	if (crm_pareto_opts_finish(&s.o, &e) < 0 ||
	    crm_pareto_table_init(&t, &s.o, &e) < 0)
		crm_die(&e);
	read_items(prog, &t);
	if (crm_program_options(prog)->partial)
		crm_pareto_table_write_partial(&t, crm_program_output(prog));
	else
		write_all(&s, prog, &t, summary, svg);
	crm_program_finish(prog);
	crm_pareto_table_free(&t);
	crm_pareto_opts_free(&s.o);
	crm_config_free(&cfg);
	return 0;
}
