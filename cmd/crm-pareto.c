/*
 * crm-pareto - the 80/20 rule and ABC analysis as a CSV filter.
 *
 * Reads items (or order rows with --by), ranks them by value and appends
 * pareto_rank, share, cum_share, cum_item_share and pareto_class; writes
 * the concentration figures with --summary and a chart with --svg.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "config.h"
#include "csvio.h"
#include "group.h"
#include "input.h"
#include "options.h"
#include "output.h"
#include "pareto.h"
#include "svg.h"
#include "report.h"
#include "table.h"
#include "value.h"

enum { OPT_VALUE = CRM_OPT_PROGRAM, OPT_BY, OPT_CLASSES, OPT_PERCENT,
    OPT_SUMMARY, OPT_SVG };

static const struct option long_options[] = {
	{ "value", required_argument, NULL, OPT_VALUE },
	{ "by", required_argument, NULL, OPT_BY },
	{ "classes", required_argument, NULL, OPT_CLASSES },
	{ "percent", no_argument, NULL, OPT_PERCENT },
	{ "summary", required_argument, NULL, OPT_SUMMARY },
	{ "svg", required_argument, NULL, OPT_SVG },
	{ NULL, 0, NULL, 0 }
};

static const char *const pareto_columns[] = {
	"pareto_rank", "share", "cum_share", "cum_item_share", "pareto_class"
};
#define NPARETO	(sizeof(pareto_columns) / sizeof(pareto_columns[0]))

struct settings {
	const char *value;
	const char *by;
	const char *classes;
	int percent;
	const char *summary;
	const char *svg;
	double bounds[CRM_PARETO_MAX_BOUNDS];
	size_t nbounds;
	int classes_given;
};

static void
usage(FILE *fp)
{
	fprintf(fp,
"usage: crm-pareto [--value COL] [--by COL] [--classes P,...] [--percent]\n"
"                  [--summary FILE] [--svg FILE] [-c FILE] [-o FILE]\n"
"                  [-d C | --tsv] [--encoding NAME] [--bom]\n"
"                  [--decimal-comma] [--skip-bad] [--rejects FILE] [-q]\n"
"                  [file ...]\n"
"\n"
"Ranks items by value, largest first, and appends pareto_rank, share,\n"
"cum_share, cum_item_share and pareto_class (A, B, C...).\n"
"\n"
"  --value COL       the value column (default: monetary)\n"
"  --by COL          sum the value per distinct COL first; one row per group\n"
"  --classes P,...   cumulative-share bounds of the classes (default: 80,95)\n"
"  --percent         shares as percentages instead of fractions\n"
"  --summary FILE    concentration figures as metric,value CSV (- for stderr)\n"
"  --svg FILE        a Pareto chart\n"
"  -c, --config FILE value, by and classes from YAML (see crm-config(5))\n"
"  -o, --output FILE write here (atomically) instead of standard output\n"
"  -d, --delimiter C field delimiter (default ,); --tsv for tabs\n"
"  --encoding NAME   read GB18030, UTF-16, CP1252... input; --bom writes a BOM\n"
"  --decimal-comma   numbers use ',' as decimal point, '.' for thousands\n"
"  --skip-bad        skip bad records; --rejects FILE also writes them there\n"
"  -q, --quiet       no notes on standard error\n"
"  -h, --help        this text; -V, --version the version\n");
}

static int
own_option(int opt, const char *arg, void *ctx, struct crm_error *e)
{
	struct settings *s = ctx;

	switch (opt) {
	case OPT_VALUE:
		s->value = arg;
		break;
	case OPT_BY:
		s->by = arg;
		break;
	case OPT_CLASSES:
		s->classes_given = 1;
		return crm_pareto_parse_classes(arg, s->bounds, &s->nbounds,
		    e);
	case OPT_PERCENT:
		s->percent = 1;
		break;
	case OPT_SUMMARY:
		s->summary = arg;
		break;
	case OPT_SVG:
		s->svg = arg;
		break;
	default:
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "unhandled option");
	}
	return 0;
}

/*
 * The config sets what the command line did not: value, by, classes.
 * Every key is checked even when an option overrides it: a broken config
 * is an error whatever the command line says.  Strings point into the
 * loaded document, which lives until exit.
 */
static int
load_config(struct crm_config *cfg, const char *path, struct settings *s,
    struct crm_error *e)
{
	static const char *const keys[] = { "value", "by", "classes", NULL };
	double bounds[CRM_PARETO_MAX_BOUNDS];
	const char *value = NULL, *by = NULL;
	yaml_node_t *root, *n;
	size_t i, len = 0;

	if (crm_config_load(cfg, path, e) < 0)
		return -1;
	root = crm_config_root(cfg);
	if (crm_config_check_keys(cfg, root, keys, e) < 0)
		return -1;
	if ((n = crm_config_get(cfg, root, "value")) != NULL &&
	    crm_config_string(cfg, n, &value, e) < 0)
		return -1;
	if ((n = crm_config_get(cfg, root, "by")) != NULL &&
	    crm_config_string(cfg, n, &by, e) < 0)
		return -1;
	if ((n = crm_config_get(cfg, root, "classes")) != NULL) {
		if (crm_config_seq_len(cfg, n, &len, e) < 0)
			return -1;
		if (len == 0 || len > CRM_PARETO_MAX_BOUNDS)
			return crm_config_error_at(cfg, n, e,
			    "expected 1 to %d class bounds",
			    CRM_PARETO_MAX_BOUNDS);
		for (i = 0; i < len; i++) {
			yaml_node_t *item = crm_config_seq_item(cfg, n, i);
			double v;

			if (crm_config_number(cfg, item, &v, e) < 0)
				return -1;
			if (v <= 0 || v >= 100 ||
			    (i > 0 && v / 100 <= bounds[i - 1]))
				return crm_config_error_at(cfg, item, e,
				    "class bounds must be increasing "
				    "percentages between 0 and 100");
			bounds[i] = v / 100;
		}
	}
	if (value != NULL && *value == '\0')
		return crm_config_error_at(cfg, crm_config_get(cfg, root,
		    "value"), e, "expected a column name");
	if (by != NULL && *by == '\0')
		return crm_config_error_at(cfg, crm_config_get(cfg, root, "by"),
		    e, "expected a column name");
	if (s->value == NULL)
		s->value = value;
	if (s->by == NULL)
		s->by = by;
	if (!s->classes_given && len > 0) {
		memcpy(s->bounds, bounds, len * sizeof(bounds[0]));
		s->nbounds = len;
	}
	return 0;
}

/* With --by the output holds by, value, rows and ours: all distinct. */
static void
check_grouped_names(const struct settings *s)
{
	const char *names[3 + NPARETO] = { s->by, s->value, "rows" };
	struct crm_error e;
	size_t i, j;

	for (i = 0; i < NPARETO; i++)
		names[3 + i] = pareto_columns[i];
	for (i = 0; i < 2; i++)
		for (j = i + 1; j < 3 + NPARETO; j++)
			if (strcmp(names[i], names[j]) == 0) {
				crm_error_set(&e, CRM_EXIT_USAGE, NULL, 0, 0,
				    "column '%s' would appear twice in the "
				    "--by output", names[i]);
				crm_die(&e);
			}
}

static void
format_share(double v, int percent, char *buf, size_t size)
{
	if (percent)
		crm_fraction_format(v * 100, 4, buf, size);
	else
		crm_fraction_format(v, 6, buf, size);
}

static void
pareto_fields(const struct crm_pareto *p, const struct crm_pareto_item *it,
    int percent, char out[NPARETO][40])
{
	crm_integer_format((long long)it->rank, out[0]);
	format_share(it->share, percent, out[1], 40);
	format_share(it->cum_share, percent, out[2], 40);
	format_share(it->cum_item_share, percent, out[3], 40);
	out[4][0] = (char)('A' + it->cls);
	out[4][1] = '\0';
	(void)p;
}

static void
write_grouped(struct crm_csv_writer *w, const struct crm_pareto *p,
    const struct crm_groups *gs, const struct settings *s, int decimals)
{
	char num[CRM_NUMBER_SIZE], f[NPARETO][40];
	size_t i, j;

	crm_csv_puts(w, s->by);
	crm_csv_puts(w, s->value);
	crm_csv_puts(w, "rows");
	for (j = 0; j < NPARETO; j++)
		crm_csv_puts(w, pareto_columns[j]);
	crm_csv_end(w);
	for (i = 0; i < p->n; i++) {
		const struct crm_group *g = p->items[i].payload;
		size_t len;
		const char *key = crm_groups_key(gs, (size_t)(g - gs->g), &len);

		crm_csv_put(w, key, len);
		crm_number_format(g->sum, decimals, num, sizeof(num));
		crm_csv_puts(w, num);
		crm_integer_format((long long)g->rows, num);
		crm_csv_puts(w, num);
		pareto_fields(p, &p->items[i], s->percent, f);
		for (j = 0; j < NPARETO; j++)
			crm_csv_puts(w, f[j]);
		crm_csv_end(w);
	}
}

/* Input columns in place; ours replace same-named ones or are appended. */
static void
write_rows(struct crm_csv_writer *w, const struct crm_pareto *p,
    const struct crm_record *header, const struct settings *s)
{
	struct crm_columns cols;
	struct crm_error e;
	char f[NPARETO][40];
	const char *own[NPARETO];
	size_t i, j;

	if (crm_columns_init(&cols, header, pareto_columns, NPARETO, &e) < 0)
		crm_die(&e);
	for (j = 0; j < NPARETO; j++)
		own[j] = f[j];
	crm_columns_write_header(&cols, w, header);
	for (i = 0; i < p->n; i++) {
		const struct crm_record *r = p->items[i].payload;

		pareto_fields(p, &p->items[i], s->percent, f);
		crm_columns_write(&cols, w, r->field, r->len, own);
	}
	crm_columns_free(&cols);
}

static void
metric(struct crm_csv_writer *w, const char *name, const char *value)
{
	crm_csv_puts(w, name);
	crm_csv_puts(w, value);
	crm_csv_end(w);
}

static void
write_summary(FILE *fp, const struct crm_pareto *p, const struct settings *s,
    int decimals, unsigned char delim)
{
	struct crm_pareto_summary sum;
	struct crm_csv_writer w;
	char v[CRM_NUMBER_SIZE], name[64];
	size_t c;

	crm_pareto_summarize(p, &sum);
	crm_csv_writer_init(&w, fp, delim);
	metric(&w, "metric", "value");
	snprintf(v, sizeof(v), "%zu", sum.items);
	metric(&w, "items", v);
	crm_number_format(sum.total, decimals, v, sizeof(v));
	metric(&w, "total", v);
	crm_number_format(sum.positive_total, decimals, v, sizeof(v));
	metric(&w, "positive_total", v);
	snprintf(v, sizeof(v), "%zu", sum.nonpositive_items);
	metric(&w, "nonpositive_items", v);
	format_share(sum.top20_value_share, s->percent, v, sizeof(v));
	metric(&w, "top20_value_share", v);
	format_share(sum.items_share_for_80, s->percent, v, sizeof(v));
	metric(&w, "items_share_for_80", v);
	snprintf(v, sizeof(v), "%zu", sum.items_for_80);
	metric(&w, "items_for_80", v);
	for (c = 0; c <= p->nbounds; c++) {
		int letter = 'A' + (int)c;

		snprintf(name, sizeof(name), "class_%c_items", letter);
		snprintf(v, sizeof(v), "%zu", sum.class_items[c]);
		metric(&w, name, v);
		snprintf(name, sizeof(name), "class_%c_item_share", letter);
		format_share(sum.items ? (double)sum.class_items[c] /
		    (double)sum.items : 0, s->percent, v, sizeof(v));
		metric(&w, name, v);
		snprintf(name, sizeof(name), "class_%c_value", letter);
		crm_number_format(sum.class_value[c], decimals, v, sizeof(v));
		metric(&w, name, v);
		snprintf(name, sizeof(name), "class_%c_value_share", letter);
		format_share(sum.positive_total > 0 ? sum.class_value[c] /
		    sum.positive_total : 0, s->percent, v, sizeof(v));
		metric(&w, name, v);
	}
	crm_fraction_format(sum.gini, 6, v, sizeof(v));
	metric(&w, "gini", v);
}

/* Written, not committed: crm_output_commit_all renames them together. */
static void
write_side_outputs(const struct crm_pareto *p, const struct settings *s,
    int decimals, unsigned char delim)
{
	struct crm_error e;
	char *title;
	FILE *fp;

	if (s->summary != NULL) {
		fp = strcmp(s->summary, "-") == 0 ? stderr :
		    crm_output_open(s->summary, &e);
		if (fp == NULL)
			crm_die(&e);
		write_summary(fp, p, s, decimals, delim);
	}
	if (s->svg != NULL) {
		size_t size = strlen(s->value) + (s->by ? strlen(s->by) : 0) +
		    32;

		if ((fp = crm_output_open(s->svg, &e)) == NULL)
			crm_die(&e);
		if ((title = malloc(size)) == NULL)
			crm_die_oom();
		if (s->by != NULL)
			snprintf(title, size, "Pareto chart: %s by %s", s->value,
			    s->by);
		else
			snprintf(title, size, "Pareto chart: %s", s->value);
		crm_svg_pareto(fp, p, title, s->value);
		free(title);
	}
}


int
main(int argc, char **argv)
{
	struct settings s = { .value = NULL };
	struct crm_common c;
	struct crm_config cfg = { .loaded = 0 };
	struct crm_error e;
	struct crm_input in;
	struct crm_pareto p;
	struct crm_groups groups;
	struct crm_arena rows = CRM_ARENA_INIT;
	struct crm_record *rec;
	struct crm_csv_writer w;
	long vcol, bycol = -1;
	int decimals = 0, r;
	FILE *out;

	r = crm_options_parse(argc, argv, "", long_options, own_option, &s,
	    &c, &e);
	if (r < 0)
		crm_die(&e);
	if (r == CRM_OPTIONS_HELP) {
		usage(stdout);
		return 0;
	}
	if (r == CRM_OPTIONS_VERSION) {
		printf("crm-pareto %s\n", CRM_VERSION);
		return 0;
	}
	if (c.config != NULL && load_config(&cfg, c.config, &s, &e) < 0)
		crm_die(&e);
	if (s.svg != NULL && strcmp(s.svg, "-") == 0 &&
	    (c.output == NULL || strcmp(c.output, "-") == 0)) {
		crm_error_set(&e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "--svg - needs -o FILE: the chart and the CSV cannot both "
		    "go to standard output");
		crm_die(&e);
	}
	if (s.value == NULL)
		s.value = "monetary";
	if (s.nbounds == 0) {
		s.bounds[0] = 0.80;
		s.bounds[1] = 0.95;
		s.nbounds = 2;
	}
	if (crm_pareto_init(&p, s.bounds, s.nbounds, &e) < 0)
		crm_die(&e);
	crm_groups_init(&groups);

	if (s.by != NULL)
		check_grouped_names(&s);
	if (crm_input_open(&in, argv + optind, argc - optind, &c, &e) < 0)
		crm_die(&e);
	if ((vcol = crm_input_require(&in, s.value, &e)) < 0)
		crm_die(&e);
	if (s.by != NULL && (bycol = crm_input_require(&in, s.by, &e)) < 0)
		crm_die(&e);
	while ((r = crm_input_read(&in, &rec, &e)) > 0) {
		double v;
		int ok;

		/* the key's cache miss overlaps the parsing of the value */
		if (bycol >= 0)
			crm_keyset_prefetch(&groups.keys, rec->field[bycol],
			    rec->len[bycol]);
		ok = crm_input_number(&in, rec, vcol, s.value, &v, &decimals,
		    &e);
		if (ok < 0)
			crm_die(&e);
		if (ok == 0)
			continue;
		if (bycol >= 0) {
			if (rec->len[bycol] == 0) {
				if (crm_input_bad(&in, rec, &e,
				    "column '%s': empty key", s.by) < 0)
					crm_die(&e);
				continue;
			}
			if (crm_groups_add(&groups, rec->field[bycol],
			    rec->len[bycol], v, &e) < 0)
				crm_die(&e);
		} else {
			struct crm_record *row = crm_record_copy(&rows, rec);

			if (row == NULL)
				crm_die_oom();
			if (crm_pareto_add(&p, v, row, &e) < 0)
				crm_die(&e);
		}
	}
	if (r < 0)
		crm_die(&e);
	if (bycol >= 0) {
		size_t i;

		for (i = 0; i < groups.n; i++) {
			groups.g[i].sum = crm_round_decimals(groups.g[i].sum,
			    decimals);
			if (crm_pareto_add(&p, groups.g[i].sum, &groups.g[i],
			    &e) < 0)
				crm_die(&e);
		}
	}
	if (crm_pareto_rank(&p, &e) < 0)
		crm_die(&e);

	if ((out = crm_output_open(c.output, &e)) == NULL)
		crm_die(&e);
	if (c.bom)
		fputs("\xEF\xBB\xBF", out);
	crm_csv_writer_init(&w, out, c.delim);
	if (bycol >= 0)
		write_grouped(&w, &p, &groups, &s, decimals);
	else
		write_rows(&w, &p, crm_input_header(&in), &s);
	write_side_outputs(&p, &s, decimals, c.delim);
	if (crm_input_close(&in, &e) < 0 || crm_output_commit_all(&e) < 0)
		crm_die(&e);
	if (!c.quiet && p.n > 0 && p.positive_total <= 0)
		warnx("no positive value in column '%s': every share is 0",
		    s.value);
	crm_report_skipped(&in, &c);
	crm_pareto_free(&p);
	crm_groups_free(&groups);
	crm_arena_free(&rows);
	crm_config_free(&cfg);
	return 0;
}
