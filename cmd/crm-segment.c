/*
 * crm-segment - which group is each customer in?
 *
 * A streaming filter: each record gets the name of the first rule that
 * matches it (from -c FILE or a built-in --preset), in a `segment` column
 * replaced in place or appended.  --summary counts the segments.
 */
#include <stdio.h>

#include "program.h"
#include "segment.h"

enum {
	OPT_PRESET = CRM_OPT_PROGRAM, OPT_LIST_PRESETS, OPT_SET, OPT_COLUMN,
	OPT_SUMMARY, OPT_VALUE, OPT_LINT
};

static const char usage[] =
"usage: crm-segment (-c FILE | --preset NAME) [--set NAME=VALUE ...]\n"
"                   [--column NAME] [--summary FILE] [--value COL]\n"
"                   [--as-of DATE] [--date-format FMT] [-o FILE]\n"
"                   [-d C | --tsv] [--encoding NAME] [--bom]\n"
"                   [--decimal-comma] [--skip-bad] [--rejects FILE] [-q] [-v]\n"
"                   [file ...]\n"
"       crm-segment --lint (-c FILE | --preset NAME) [--set NAME=VALUE ...]\n"
"                   [--as-of DATE] [--date-format FMT] [--decimal-comma]\n"
"                   [-o FILE] [-q]\n"
"       crm-segment --list-presets\n"
"\n"
"Appends the name of the first rule that matches each record (column\n"
"segment, replaced if it exists).\n"
"  -c, --config FILE rules in YAML (see crm-config(5)); or, with preset:,\n"
"                    the parameters of a built-in preset\n"
"  --preset NAME     a built-in rule set (--list-presets lists them)\n"
"  --set NAME=VALUE  a parameter of the rules (column names, thresholds)\n"
"  --column NAME     the output column (default: segment)\n"
"  --summary FILE    counts and shares per segment (- for standard error)\n"
"  --value COL       add each segment's share of this column to the summary\n"
"  --as-of DATE      today, for days_ago (default: the local date)\n"
"  --lint            read no data: list the rules that can never match,\n"
"                    given the rules before them (exit 1 if there is one)\n"
"Common: -o FILE, -d C, --tsv, --encoding NAME, --bom, --decimal-comma,\n"
"--date-format FMT, --skip-bad, --rejects FILE, -q, -v, -h, -V; see crm(7).\n";

static const struct option long_options[] = {
	{ "preset", required_argument, NULL, OPT_PRESET },
	{ "list-presets", no_argument, NULL, OPT_LIST_PRESETS },
	{ "set", required_argument, NULL, OPT_SET },
	{ "column", required_argument, NULL, OPT_COLUMN },
	{ "summary", required_argument, NULL, OPT_SUMMARY },
	{ "value", required_argument, NULL, OPT_VALUE },
	{ "lint", no_argument, NULL, OPT_LINT },
	{ NULL, 0, NULL, 0 }
};

struct settings {
	struct crm_segment_opts o;
	int list_presets;
	int lint;
	const char *summary;
};

static int
own_option(int opt, const char *arg, void *ctx, struct crm_error *e)
{
	struct settings *s = ctx;

	switch (opt) {
	case OPT_PRESET: s->o.preset = arg; break;
	case OPT_LIST_PRESETS: s->list_presets = 1; break;
	case OPT_SET: return crm_segment_opts_set(&s->o, arg, e);
	case OPT_COLUMN: s->o.column = arg; break;
	case OPT_SUMMARY: s->summary = arg; break;
	case OPT_VALUE: s->o.value = arg; break;
	case OPT_LINT: s->lint = 1; break;
	}
	return 0;
}

static const struct crm_program_def def = {
	"crm-segment", usage, long_options, own_option
};

/*
 * --lint reads no data: an option for a run over records would be
 * silently ignored, so it is refused.
 */
static void
lint_usage(const struct crm_program *prog, const struct settings *s)
{
	const struct crm_common *c = crm_program_options(prog);
	struct crm_error e;
	const char *what;
	int n;

	crm_program_operands(prog, &n);
	what = n > 0 ? "the file operands" : s->summary ? "--summary" :
	    s->o.value ? "--value" : c->rejects ? "--rejects" :
	    c->skip_bad ? "--skip-bad" : NULL;
	if (what == NULL)
		return;
	crm_error_set(&e, CRM_EXIT_USAGE, NULL, 0, 0,
	    "--lint reads no data: drop %s", what);
	crm_die(&e);
}

/*
 * --lint: a line for each rule that can never match, on the output;
 * exit 1 if there is one.
 */
static int
lint(struct crm_program *prog, struct crm_segmenter *sg)
{
	struct crm_lint l;
	struct crm_error e;
	size_t i;
	int ok;

	if (crm_segment_lint(sg, &l, &e) < 0)
		crm_die(&e);
	for (i = 0; i < l.ninexact; i++)
		crm_program_warn(prog, "--lint: column '%s' is tested as a "
		    "number and as a date: with --date-format, not every "
		    "value that is both was tried", l.inexact[i]);
	crm_lint_write(&l, crm_segment_rules(sg),
	    crm_program_output_stream(prog));
	ok = crm_lint_ok(&l);
	crm_lint_free(&l);
	crm_program_finish(prog);
	crm_segment_free(sg);
	return ok ? 0 : 1;
}

int
main(int argc, char **argv)
{
	struct settings s = { .summary = NULL };
	const struct crm_common *c;
	struct crm_rules_env env;
	struct crm_segmenter *sg;
	struct crm_program *prog;
	struct crm_input *in;
	struct crm_csv_writer sw;
	struct crm_error e;
	int summary, n;

	prog = crm_program_start(&def, &s, argc, argv);
	if (s.list_presets) {
		crm_segment_list_presets(stdout);
		return 0;
	}
	if (s.lint)
		lint_usage(prog, &s);
	c = crm_program_options(prog);
	env = (struct crm_rules_env){ c->as_of, c->decimal_comma,
	    c->date_format };
	if ((sg = crm_segment_load(&s.o, c->config, &env, &e)) == NULL)
		crm_die(&e);
	if (s.lint) {
		n = lint(prog, sg);
		crm_segment_opts_free(&s.o);
		return n;
	}
	summary = crm_program_side(prog, "--summary", s.summary,
	    CRM_SIDE_REPORT, NULL);
	in = crm_program_input(prog);
	if (crm_segment_bind(sg, crm_input_header(in), &e) < 0 ||
	    crm_segment_run(sg, in, crm_program_output(prog), &e) < 0)
		crm_die(&e);
	if (summary >= 0) {
		crm_csv_writer_init(&sw, crm_program_open_side(prog, summary),
		    c->delim);
		crm_segment_summary(sg, &sw);
	}
	crm_program_finish(prog);
	crm_segment_free(sg);
	crm_segment_opts_free(&s.o);
	return 0;
}
