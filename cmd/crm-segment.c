/*
 * crm-segment - which group is each customer in?
 *
 * A streaming filter: each record gets the name of the first rule that
 * matches it (from -c FILE or a built-in --preset), in a `segment` column
 * replaced in place or appended.  --summary counts the segments.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "csvio.h"
#include "field.h"
#include "input.h"
#include "presets.h"
#include "program.h"
#include "rowwise.h"
#include "rules.h"
#include "table.h"
#include "value.h"

enum {
	OPT_PRESET = CRM_OPT_PROGRAM, OPT_LIST_PRESETS, OPT_SET, OPT_COLUMN,
	OPT_SUMMARY, OPT_VALUE
};

static const struct option long_options[] = {
	{ "preset", required_argument, NULL, OPT_PRESET },
	{ "list-presets", no_argument, NULL, OPT_LIST_PRESETS },
	{ "set", required_argument, NULL, OPT_SET },
	{ "column", required_argument, NULL, OPT_COLUMN },
	{ "summary", required_argument, NULL, OPT_SUMMARY },
	{ "value", required_argument, NULL, OPT_VALUE },
	{ NULL, 0, NULL, 0 }
};

#define MAX_PARAMS	64

struct params {
	const char *name[MAX_PARAMS];
	const char *value[MAX_PARAMS];
	size_t n;
};

struct settings {
	const char *preset;
	int list_presets;
	struct params set;		/* --set NAME=VALUE, in order */
	const char *column;
	const char *summary;
	const char *value;
};

/* One `require:` check: rows that fail it are bad input. */
struct requirement {
	struct crm_rules *cond;
	const char *message;
};

struct segmenter {
	struct crm_config preset;	/* the preset's document, if any */
	struct crm_config user;		/* -c FILE, if any */
	struct crm_config *rules_doc;	/* where the rules come from */
	struct crm_rules *rules;
	struct requirement *req;
	size_t nreq;
	const char *column;
	const char *fallback;		/* the default segment */
};

static const char usage[] =
"usage: crm-segment (-c FILE | --preset NAME) [--set NAME=VALUE ...]\n"
"                   [--column NAME] [--summary FILE] [--value COL]\n"
"                   [--as-of DATE] [--date-format FMT] [-o FILE]\n"
"                   [-d C | --tsv] [--encoding NAME] [--bom]\n"
"                   [--decimal-comma] [--skip-bad] [--rejects FILE] [-q]\n"
"                   [file ...]\n"
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
"Common: -o FILE, -d C, --tsv, --encoding NAME, --bom, --decimal-comma,\n"
"--date-format FMT, --skip-bad, --rejects FILE, -q, -h, -V; see crm(7).\n";

static int
own_option(int opt, const char *arg, void *ctx, struct crm_error *e)
{
	struct settings *s = ctx;
	const char *eq;
	char *name;

	switch (opt) {
	case OPT_PRESET:
		s->preset = arg;
		break;
	case OPT_LIST_PRESETS:
		s->list_presets = 1;
		break;
	case OPT_SET:
		if ((eq = strchr(arg, '=')) == NULL || eq == arg)
			return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
			    "invalid --set \"%s\": expected NAME=VALUE", arg);
		if (s->set.n == MAX_PARAMS)
			return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
			    "too many --set options");
		if ((name = strndup(arg, (size_t)(eq - arg))) == NULL)
			crm_die_oom();
		s->set.name[s->set.n] = name;
		s->set.value[s->set.n++] = eq + 1;
		break;
	case OPT_COLUMN:
		s->column = arg;
		break;
	case OPT_SUMMARY:
		s->summary = arg;
		break;
	case OPT_VALUE:
		s->value = arg;
		break;
	default:
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "unhandled option");
	}
	return 0;
}

static void
list_presets(void)
{
	size_t i;

	for (i = 0; i < crm_npresets; i++)
		printf("%-14s %s\n", crm_presets[i].name,
		    crm_presets[i].summary);
}

/* Sets (or overrides) parameter name in p. */
static void
param_set(struct params *p, const char *name, const char *value)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (strcmp(p->name[i], name) == 0) {
			p->value[i] = value;
			return;
		}
	p->name[p->n] = name;
	p->value[p->n++] = value;
}

/*
 * Reads a `params:` mapping of doc into p.  With known (not NULL), every
 * name must already be there: an override may only set the preset's
 * parameters.
 */
static int
read_params(struct crm_config *doc, yaml_node_t *params, struct params *p,
    const struct params *known, struct crm_error *e)
{
	yaml_node_pair_t *pair;

	if (params->type != YAML_MAPPING_NODE)
		return crm_config_error_at(doc, params, e,
		    "expected a mapping of parameter names to values");
	for (pair = params->data.mapping.pairs.start;
	    pair < params->data.mapping.pairs.top; pair++) {
		yaml_node_t *k = yaml_document_get_node(&doc->doc, pair->key);
		yaml_node_t *v = yaml_document_get_node(&doc->doc, pair->value);
		const char *name, *value;
		size_t i;

		if (crm_config_string(doc, k, &name, e) < 0 ||
		    crm_config_string(doc, v, &value, e) < 0)
			return -1;
		if (known != NULL) {
			for (i = 0; i < known->n; i++)
				if (strcmp(known->name[i], name) == 0)
					break;
			if (i == known->n)
				return crm_config_error_at(doc, k, e,
				    "unknown parameter '%s'", name);
		}
		if (p->n == MAX_PARAMS && known == NULL)
			return crm_config_error_at(doc, k, e,
			    "too many parameters");
		param_set(p, name, value);
	}
	return 0;
}

static int
check_set_names(const struct params *set, const struct params *known,
    struct crm_error *e)
{
	char list[512];
	size_t i, j, o;

	for (i = 0; i < set->n; i++) {
		for (j = 0; j < known->n; j++)
			if (strcmp(set->name[i], known->name[j]) == 0)
				break;
		if (j < known->n)
			continue;
		list[0] = '\0';
		for (j = o = 0; j < known->n && o < sizeof(list); j++)
			o += (size_t)snprintf(list + o, sizeof(list) - o,
			    "%s%s", j ? ", " : "", known->name[j]);
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "unknown parameter '%s' (the rules have: %s)",
		    set->name[i], known->n ? list : "none");
	}
	return 0;
}

static int
load_preset(struct crm_config *doc, const char *name, struct crm_error *e)
{
	const struct crm_preset *p = crm_preset_find(name);
	char list[512];
	size_t i, o = 0;

	if (p == NULL) {
		list[0] = '\0';
		for (i = 0; i < crm_npresets && o < sizeof(list); i++)
			o += (size_t)snprintf(list + o, sizeof(list) - o,
			    "%s%s", i ? ", " : "", crm_presets[i].name);
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "unknown preset '%s' (presets: %s)", name, list);
	}
	return crm_config_load_string(doc, p->file, p->text, strlen(p->text),
	    e);
}

/*
 * Builds the rules: from a preset (--preset, or `preset:` in the user's
 * config, which may then set params, column and default only), or from
 * the user's config alone.  Parameters: the rules' own `params:`
 * defaults, then the user's `params:` (with a preset), then --set.
 */
static int
setup(struct segmenter *sg, const struct settings *s, const char *config,
    struct crm_error *e)
{
	static const char *const rule_keys[] = { "params", "default",
	    "column", "rules", "require", NULL };
	static const char *const override_keys[] = { "preset", "params",
	    "default", "column", NULL };
	static const char *const require_keys[] = { "when", "message", NULL };
	struct params params = { .n = 0 };
	const char *preset = s->preset;
	yaml_node_t *uroot = NULL, *root, *n, *list;
	size_t i, len;

	if (config != NULL) {
		if (crm_config_load(&sg->user, config, e) < 0)
			return -1;
		uroot = crm_config_root(&sg->user);
		if ((n = crm_config_get(&sg->user, uroot, "preset")) != NULL) {
			if (s->preset != NULL)
				return crm_config_error_at(&sg->user, n, e,
				    "a preset both here and in --preset");
			if (crm_config_string(&sg->user, n, &preset, e) < 0)
				return -1;
		}
		if (crm_config_check_keys(&sg->user, uroot, preset != NULL ?
		    override_keys : rule_keys, e) < 0)
			return -1;
	}
	if (preset == NULL && config == NULL)
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "no rules: give -c FILE or --preset NAME "
		    "(--list-presets lists them)");
	if (preset != NULL) {
		if (load_preset(&sg->preset, preset, e) < 0)
			return -1;
		sg->rules_doc = &sg->preset;
	} else {
		sg->rules_doc = &sg->user;
	}
	root = crm_config_root(sg->rules_doc);
	if (preset != NULL && crm_config_check_keys(sg->rules_doc, root,
	    rule_keys, e) < 0)
		return -1;
	if ((n = crm_config_get(sg->rules_doc, root, "params")) != NULL &&
	    read_params(sg->rules_doc, n, &params, NULL, e) < 0)
		return -1;
	if (preset != NULL && uroot != NULL &&
	    (n = crm_config_get(&sg->user, uroot, "params")) != NULL) {
		struct params known = params;

		if (read_params(&sg->user, n, &params, &known, e) < 0)
			return -1;
	}
	if (check_set_names(&s->set, &params, e) < 0)
		return -1;
	for (i = 0; i < s->set.n; i++)
		param_set(&params, s->set.name[i], s->set.value[i]);
	if (crm_config_expand(sg->rules_doc, params.name, params.value,
	    params.n, e) < 0)
		return -1;

	/* column and default: --column, the user's config, the rules' */
	sg->column = "segment";
	if ((n = crm_config_get(sg->rules_doc, root, "column")) != NULL &&
	    crm_config_string(sg->rules_doc, n, &sg->column, e) < 0)
		return -1;
	if ((n = crm_config_get(sg->rules_doc, root, "default")) != NULL &&
	    crm_config_string(sg->rules_doc, n, &sg->fallback, e) < 0)
		return -1;
	if (uroot != NULL && preset != NULL) {
		if ((n = crm_config_get(&sg->user, uroot, "column")) != NULL &&
		    crm_config_string(&sg->user, n, &sg->column, e) < 0)
			return -1;
		if ((n = crm_config_get(&sg->user, uroot, "default")) != NULL &&
		    crm_config_string(&sg->user, n, &sg->fallback, e) < 0)
			return -1;
	}
	if (sg->fallback == NULL)
		return crm_config_error_at(sg->rules_doc, root, e,
		    "missing key 'default'");
	if (s->column != NULL)
		sg->column = s->column;
	if (*sg->column == '\0')
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "the segment column needs a name");

	if ((list = crm_config_get(sg->rules_doc, root, "rules")) == NULL)
		return crm_config_error_at(sg->rules_doc, root, e,
		    "missing key 'rules'");
	if ((sg->rules = crm_rules_compile(sg->rules_doc, list, e)) == NULL)
		return -1;
	if ((list = crm_config_get(sg->rules_doc, root, "require")) == NULL)
		return 0;
	if (crm_config_seq_len(sg->rules_doc, list, &len, e) < 0)
		return -1;
	if ((sg->req = calloc(len ? len : 1, sizeof(*sg->req))) == NULL)
		crm_die_oom();
	for (i = 0; i < len; i++) {
		yaml_node_t *item = crm_config_seq_item(sg->rules_doc, list, i);
		struct requirement *r = &sg->req[sg->nreq];

		if (crm_config_check_keys(sg->rules_doc, item, require_keys,
		    e) < 0)
			return -1;
		if ((n = crm_config_get(sg->rules_doc, item, "message")) ==
		    NULL || crm_config_string(sg->rules_doc, n, &r->message,
		    e) < 0)
			return n == NULL ? crm_config_error_at(sg->rules_doc,
			    item, e, "missing key 'message'") : -1;
		if ((n = crm_config_get(sg->rules_doc, item, "when")) == NULL)
			return crm_config_error_at(sg->rules_doc, item, e,
			    "missing key 'when'");
		if ((r->cond = crm_rules_compile_condition(sg->rules_doc, n,
		    e)) == NULL)
			return -1;
		sg->nreq++;
	}
	return 0;
}

static void
segmenter_free(struct segmenter *sg)
{
	size_t i;

	for (i = 0; i < sg->nreq; i++)
		crm_rules_free(sg->req[i].cond);
	free(sg->req);
	crm_rules_free(sg->rules);
	crm_config_free(&sg->preset);
	crm_config_free(&sg->user);
}

/* Counts per segment (by rule index; the default last). */
struct tally {
	size_t *count;
	double *value;
	size_t total;
	double positive_total;	/* the share base, as in crm-pareto */
	int decimals;
};

static void
write_summary(FILE *fp, const struct segmenter *sg, const struct tally *t,
    int with_value, unsigned char delim)
{
	struct crm_csv_writer w;
	size_t nrules = crm_rules_count(sg->rules), i;
	char num[CRM_NUMBER_SIZE];

	crm_csv_writer_init(&w, fp, delim);
	crm_csv_puts(&w, sg->column);
	crm_csv_puts(&w, "customers");
	crm_csv_puts(&w, "share");
	if (with_value) {
		crm_csv_puts(&w, "value");
		crm_csv_puts(&w, "value_share");
	}
	crm_csv_end(&w);
	for (i = 0; i <= nrules; i++) {
		crm_csv_puts(&w, i < nrules ? crm_rules_name(sg->rules, i) :
		    sg->fallback);
		snprintf(num, sizeof(num), "%zu", t->count[i]);
		crm_csv_puts(&w, num);
		crm_fraction_format(t->total ? (double)t->count[i] /
		    (double)t->total : 0, 6, num, sizeof(num));
		crm_csv_puts(&w, num);
		if (with_value) {
			crm_number_format(crm_round_decimals(t->value[i],
			    t->decimals), t->decimals, num, sizeof(num));
			crm_csv_puts(&w, num);
			crm_fraction_format(t->positive_total > 0 ?
			    t->value[i] / t->positive_total : 0, 6, num,
			    sizeof(num));
			crm_csv_puts(&w, num);
		}
		crm_csv_end(&w);
	}
}

/* What the row-wise loop needs to segment a record. */
struct step {
	struct segmenter *sg;
	struct crm_rules_env env;
	struct tally t;
	long vcol;
	const char *value;
	size_t nrules;
};

/* A rules error is a bad record when it is about the data. */
static int
verdict(const struct crm_error *why)
{
	return why->status == CRM_EXIT_DATA ? CRM_RECORD_BAD : CRM_RECORD_STOP;
}

static int
segment_row(void *ctx, const struct crm_record *rec, const char **own,
    struct crm_error *why)
{
	struct step *st = ctx;
	struct segmenter *sg = st->sg;
	double v = 0;
	long which;
	size_t i;

	for (i = 0; i < sg->nreq; i++) {
		which = crm_rules_match(sg->req[i].cond, rec, &st->env, why);
		if (which < 0)
			return verdict(why);
		if (which != 0) {
			crm_error_set(why, CRM_EXIT_DATA, NULL, 0, 0, "%s",
			    sg->req[i].message);
			return CRM_RECORD_BAD;
		}
	}
	if (st->vcol >= 0 && crm_field_number(rec, st->vcol, st->value,
	    st->env.decimal_comma, &v, &st->t.decimals, why) < 0)
		return CRM_RECORD_BAD;
	if ((which = crm_rules_match(sg->rules, rec, &st->env, why)) < 0)
		return verdict(why);
	own[0] = (size_t)which < st->nrules ?
	    crm_rules_name(sg->rules, (size_t)which) : sg->fallback;
	st->t.count[which]++;
	st->t.total++;
	st->t.value[which] += v;
	if (v > 0)
		st->t.positive_total += v;
	return CRM_RECORD_OK;
}

static void
run(struct segmenter *sg, const struct settings *s, struct crm_program *prog)
{
	const struct crm_common *c = crm_program_options(prog);
	struct crm_rowwise rw = { NULL, 1, 0, NULL, NULL, segment_row, NULL };
	struct step st;
	const struct crm_header *h;
	struct crm_input *in;
	struct crm_error e;
	size_t i;
	int summary;

	summary = crm_program_side(prog, "--summary", s->summary,
	    CRM_SIDE_REPORT, NULL);
	memset(&st, 0, sizeof(st));
	st.sg = sg;
	st.env.as_of = c->as_of;
	st.env.decimal_comma = c->decimal_comma;
	st.env.date_format = c->date_format;
	st.vcol = -1;
	st.value = s->value;
	st.nrules = crm_rules_count(sg->rules);
	in = crm_program_input(prog);
	h = crm_input_header(in);
	if (crm_rules_bind(sg->rules, h, &e) < 0)
		crm_die(&e);
	for (i = 0; i < sg->nreq; i++)
		if (crm_rules_bind(sg->req[i].cond, h, &e) < 0)
			crm_die(&e);
	if (s->value != NULL && crm_header_require(h, s->value, &st.vcol,
	    &e) < 0)
		crm_die(&e);
	st.t.count = calloc(st.nrules + 1, sizeof(*st.t.count));
	st.t.value = calloc(st.nrules + 1, sizeof(*st.t.value));
	if (st.t.count == NULL || st.t.value == NULL)
		crm_die_oom();
	rw.own = &sg->column;
	rw.ctx = &st;
	if (crm_rowwise_run(&rw, in, crm_program_output(prog), &e) < 0)
		crm_die(&e);
	if (summary >= 0)
		write_summary(crm_program_open_side(prog, summary), sg, &st.t,
		    st.vcol >= 0, c->delim);
	crm_program_finish(prog);
	free(st.t.count);
	free(st.t.value);
}

static const struct crm_program_def def = {
	"crm-segment", usage, long_options, own_option
};

int
main(int argc, char **argv)
{
	struct settings s;
	struct segmenter sg;
	struct crm_program *prog;
	struct crm_error e;
	size_t i;

	memset(&s, 0, sizeof(s));
	memset(&sg, 0, sizeof(sg));
	prog = crm_program_start(&def, &s, argc, argv);
	if (s.list_presets) {
		list_presets();
		return 0;
	}
	if (setup(&sg, &s, crm_program_options(prog)->config, &e) < 0)
		crm_die(&e);
	run(&sg, &s, prog);
	segmenter_free(&sg);
	for (i = 0; i < s.set.n; i++)
		free((char *)s.set.name[i]);
	return 0;
}
