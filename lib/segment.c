/*
 * segment.c - crm-segment's model (see segment.h).
 *
 * Building a segmenter is four steps, each a function below: choose the
 * rules document (the preset's or the user's) and check the keys each
 * document may have; gather the parameters and expand them into the
 * rules document; settle the output column and the default segment;
 * compile the rules and the require: conditions.  Strings are the
 * documents' own, which live as long as the segmenter.
 */
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "presets.h"
#include "rowwise.h"
#include "segment.h"
#include "value.h"

/* One `require:` check: records it does not hold for are bad input. */
struct requirement {
	struct crm_rules *cond;
	const char *message;
};

struct crm_segmenter {
	struct crm_config preset;	/* the preset's document, if any */
	struct crm_config user;		/* the user's config, if any */
	struct crm_config *rules_doc;	/* where the rules come from */
	int overrides;			/* user names a preset: its params,
					   column and default count */
	struct crm_rules *rules;
	size_t nrules;
	struct requirement *req;
	size_t nreq;
	const char *column;
	const char *fallback;		/* the default segment */
	const char *value;		/* --value, or NULL */
	long vcol;
	struct crm_rules_env env;

	/* The summary, by segment (rule index, the default last). */
	size_t *count;
	crm_i128 *sum;			/* exact, at values.scale */
	size_t total;
	/* values.pos, the sum of the positive values: the share base */
	struct crm_decimal_column values;
	int decimals;			/* the most any value had, <= 9 */
};

static const char *const rule_keys[] = { "params", "default", "column",
    "rules", "require", NULL };

/* "a, b, c" for a message, cut short at the end of text. */
struct names {
	char text[512];
	size_t len, n;
};

static void
names_add(struct names *l, const char *name)
{
	if (l->len < sizeof(l->text))
		l->len += (size_t)snprintf(l->text + l->len,
		    sizeof(l->text) - l->len, "%s%s", l->n > 0 ? ", " : "",
		    name);
	l->n++;
}

static int
oom(struct crm_error *e)
{
	return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0, "out of memory");
}

int
crm_segment_opts_set(struct crm_segment_opts *o, const char *arg,
    struct crm_error *e)
{
	const char *eq = strchr(arg, '=');
	char *name;

	if (eq == NULL || eq == arg)
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "invalid --set \"%s\": expected NAME=VALUE", arg);
	if (o->set.n == CRM_SEGMENT_MAX_PARAMS)
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "too many --set options");
	if ((name = strndup(arg, (size_t)(eq - arg))) == NULL)
		return oom(e);
	o->set.name[o->set.n] = name;
	o->set.value[o->set.n++] = eq + 1;
	return 0;
}

void
crm_segment_opts_free(struct crm_segment_opts *o)
{
	size_t i;

	for (i = 0; i < o->set.n; i++)
		free((char *)o->set.name[i]);
	o->set.n = 0;
}

void
crm_segment_list_presets(FILE *fp)
{
	size_t i;

	for (i = 0; i < crm_npresets; i++)
		fprintf(fp, "%-14s %s\n", crm_presets[i].name,
		    crm_presets[i].summary);
}

static int
load_preset(struct crm_config *doc, const char *name, struct crm_error *e)
{
	const struct crm_preset *p = crm_preset_find(name);
	struct names list = { "", 0, 0 };
	size_t i;

	if (p == NULL) {
		for (i = 0; i < crm_npresets; i++)
			names_add(&list, crm_presets[i].name);
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "unknown preset '%s' (presets: %s)", name, list.text);
	}
	return crm_config_load_string(doc, p->file, p->text, strlen(p->text),
	    e);
}

/*
 * Picks the rules document: the preset's (from --preset or the user's
 * `preset:`), else the user's; and checks the keys of each.
 */
static int
choose_rules(struct crm_segmenter *sg, const struct crm_segment_opts *o,
    struct crm_error *e)
{
	static const char *const override_keys[] = { "preset", "params",
	    "default", "column", NULL };
	yaml_node_t *uroot = crm_config_root(&sg->user), *n;
	const char *preset = o->preset;

	if (uroot != NULL) {
		if ((n = crm_config_get(&sg->user, uroot, "preset")) != NULL) {
			if (o->preset != NULL)
				return crm_config_error_at(&sg->user, n, e,
				    "a preset both here and in --preset");
			if (crm_config_string(&sg->user, n, &preset, e) < 0)
				return -1;
		}
		if (crm_config_check_keys(&sg->user, uroot, preset != NULL ?
		    override_keys : rule_keys, e) < 0)
			return -1;
	}
	if (preset == NULL && uroot == NULL)
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "no rules: give -c FILE or --preset NAME "
		    "(--list-presets lists them)");
	if (preset == NULL) {
		sg->rules_doc = &sg->user;
		return 0;
	}
	if (load_preset(&sg->preset, preset, e) < 0)
		return -1;
	sg->rules_doc = &sg->preset;
	sg->overrides = uroot != NULL;
	return crm_config_check_keys(sg->rules_doc,
	    crm_config_root(sg->rules_doc), rule_keys, e);
}

static long
param_find(const struct crm_segment_params *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (strcmp(p->name[i], name) == 0)
			return (long)i;
	return -1;
}

/* Sets (or overrides) parameter name in p, which has room. */
static void
param_set(struct crm_segment_params *p, const char *name, const char *value)
{
	long i = param_find(p, name);

	if (i >= 0) {
		p->value[i] = value;
		return;
	}
	p->name[p->n] = name;
	p->value[p->n++] = value;
}

/*
 * Reads the `params:` mapping of doc into p.  With known_only, every
 * name must already be in p: an override sets the rules' parameters, it
 * does not add any.
 */
static int
read_params(struct crm_config *doc, yaml_node_t *params,
    struct crm_segment_params *p, int known_only, struct crm_error *e)
{
	yaml_node_pair_t *pair;
	const char *name, *value;

	if (params->type != YAML_MAPPING_NODE)
		return crm_config_error_at(doc, params, e,
		    "expected a mapping of parameter names to values");
	for (pair = params->data.mapping.pairs.start;
	    pair < params->data.mapping.pairs.top; pair++) {
		yaml_node_t *k = yaml_document_get_node(&doc->doc, pair->key);
		yaml_node_t *v = yaml_document_get_node(&doc->doc, pair->value);

		if (crm_config_string(doc, k, &name, e) < 0 ||
		    crm_config_string(doc, v, &value, e) < 0)
			return -1;
		if (known_only && param_find(p, name) < 0)
			return crm_config_error_at(doc, k, e,
			    "unknown parameter '%s'", name);
		if (!known_only && p->n == CRM_SEGMENT_MAX_PARAMS)
			return crm_config_error_at(doc, k, e,
			    "too many parameters");
		param_set(p, name, value);
	}
	return 0;
}

/* Every --set must name one of the rules' parameters. */
static int
check_set_names(const struct crm_segment_params *set,
    const struct crm_segment_params *known, struct crm_error *e)
{
	struct names list = { "", 0, 0 };
	size_t i, j;

	for (i = 0; i < set->n; i++) {
		if (param_find(known, set->name[i]) >= 0)
			continue;
		for (j = 0; j < known->n; j++)
			names_add(&list, known->name[j]);
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "unknown parameter '%s' (the rules have: %s)",
		    set->name[i], known->n ? list.text : "none");
	}
	return 0;
}

/* The parameters, by precedence (segment.h), expanded into the rules. */
static int
expand_params(struct crm_segmenter *sg, const struct crm_segment_opts *o,
    struct crm_error *e)
{
	struct crm_segment_params params = { .n = 0 };
	yaml_node_t *n;
	size_t i;

	n = crm_config_get(sg->rules_doc, crm_config_root(sg->rules_doc),
	    "params");
	if (n != NULL && read_params(sg->rules_doc, n, &params, 0, e) < 0)
		return -1;
	n = crm_config_get(&sg->user, crm_config_root(&sg->user), "params");
	if (sg->overrides && n != NULL &&
	    read_params(&sg->user, n, &params, 1, e) < 0)
		return -1;
	if (check_set_names(&o->set, &params, e) < 0)
		return -1;
	for (i = 0; i < o->set.n; i++)
		param_set(&params, o->set.name[i], o->set.value[i]);
	return crm_config_expand(sg->rules_doc, params.name, params.value,
	    params.n, e);
}

/* The text of top-level key of doc into *out, if doc has that key. */
static int
top_string(struct crm_config *doc, const char *key, const char **out,
    struct crm_error *e)
{
	yaml_node_t *n = crm_config_get(doc, crm_config_root(doc), key);

	return n != NULL ? crm_config_string(doc, n, out, e) : 0;
}

static int
column_and_default(struct crm_segmenter *sg,
    const struct crm_segment_opts *o, struct crm_error *e)
{
	sg->column = "segment";
	if (top_string(sg->rules_doc, "column", &sg->column, e) < 0 ||
	    top_string(sg->rules_doc, "default", &sg->fallback, e) < 0)
		return -1;
	if (sg->overrides &&
	    (top_string(&sg->user, "column", &sg->column, e) < 0 ||
	    top_string(&sg->user, "default", &sg->fallback, e) < 0))
		return -1;
	if (sg->fallback == NULL)
		return crm_config_error_at(sg->rules_doc,
		    crm_config_root(sg->rules_doc), e,
		    "missing key 'default'");
	if (o->column != NULL)
		sg->column = o->column;
	if (*sg->column == '\0')
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "the segment column needs a name");
	return 0;
}

static int
compile_requirement(struct crm_config *doc, yaml_node_t *item,
    struct requirement *r, struct crm_error *e)
{
	static const char *const keys[] = { "when", "message", NULL };
	yaml_node_t *n;

	if (crm_config_check_keys(doc, item, keys, e) < 0)
		return -1;
	if ((n = crm_config_get(doc, item, "message")) == NULL)
		return crm_config_error_at(doc, item, e,
		    "missing key 'message'");
	if (crm_config_string(doc, n, &r->message, e) < 0)
		return -1;
	if ((n = crm_config_get(doc, item, "when")) == NULL)
		return crm_config_error_at(doc, item, e,
		    "missing key 'when'");
	r->cond = crm_rules_compile_condition(doc, n, e);
	return r->cond != NULL ? 0 : -1;
}

/* The rules and the require: conditions, then room for the summary. */
static int
compile(struct crm_segmenter *sg, struct crm_error *e)
{
	struct crm_config *doc = sg->rules_doc;
	yaml_node_t *root = crm_config_root(doc), *list;
	size_t i, len = 0;

	if ((list = crm_config_get(doc, root, "rules")) == NULL)
		return crm_config_error_at(doc, root, e,
		    "missing key 'rules'");
	if ((sg->rules = crm_rules_compile(doc, list, e)) == NULL)
		return -1;
	sg->nrules = crm_rules_count(sg->rules);
	if ((list = crm_config_get(doc, root, "require")) != NULL &&
	    crm_config_seq_len(doc, list, &len, e) < 0)
		return -1;
	if ((sg->req = calloc(len ? len : 1, sizeof(*sg->req))) == NULL)
		return oom(e);
	for (i = 0; i < len; i++) {
		if (compile_requirement(doc, crm_config_seq_item(doc, list, i),
		    &sg->req[i], e) < 0)
			return -1;
		sg->nreq++;
	}
	sg->count = calloc(sg->nrules + 1, sizeof(*sg->count));
	sg->sum = calloc(sg->nrules + 1, sizeof(*sg->sum));
	return sg->count != NULL && sg->sum != NULL ? 0 : oom(e);
}

struct crm_segmenter *
crm_segment_new(const struct crm_segment_opts *o, struct crm_config *user,
    const struct crm_rules_env *env, struct crm_error *e)
{
	struct crm_segmenter *sg;

	if ((sg = calloc(1, sizeof(*sg))) == NULL) {
		if (user != NULL)
			crm_config_free(user);
		oom(e);
		return NULL;
	}
	if (user != NULL) {
		sg->user = *user;
		user->loaded = 0;
	}
	if (env != NULL)
		sg->env = *env;
	sg->value = o->value;
	sg->vcol = -1;
	if (choose_rules(sg, o, e) < 0 || expand_params(sg, o, e) < 0 ||
	    column_and_default(sg, o, e) < 0 || compile(sg, e) < 0) {
		crm_segment_free(sg);
		return NULL;
	}
	return sg;
}

struct crm_segmenter *
crm_segment_load(const struct crm_segment_opts *o, const char *path,
    const struct crm_rules_env *env, struct crm_error *e)
{
	struct crm_config user;

	if (path == NULL)
		return crm_segment_new(o, NULL, env, e);
	if (crm_config_load(&user, path, e) < 0)
		return NULL;
	return crm_segment_new(o, &user, env, e);
}

int
crm_segment_bind(struct crm_segmenter *sg, const struct crm_header *h,
    struct crm_error *e)
{
	size_t i;

	if (crm_rules_bind(sg->rules, h, e) < 0)
		return -1;
	for (i = 0; i < sg->nreq; i++)
		if (crm_rules_bind(sg->req[i].cond, h, e) < 0)
			return -1;
	sg->vcol = -1;
	if (sg->value != NULL &&
	    crm_header_require(h, sg->value, &sg->vcol, e) < 0)
		return -1;
	return 0;
}

int
crm_segment_lint(struct crm_segmenter *sg, struct crm_lint *out,
    struct crm_error *e)
{
	struct crm_rules **guard;
	size_t i;
	int rc;

	if ((guard = calloc(sg->nreq + 1, sizeof(*guard))) == NULL) {
		memset(out, 0, sizeof(*out));
		return oom(e);
	}
	for (i = 0; i < sg->nreq; i++)
		guard[i] = sg->req[i].cond;
	rc = crm_lint_run(sg->rules, guard, sg->nreq, &sg->env, out, e);
	free(guard);
	return rc;
}

const struct crm_rules *
crm_segment_rules(const struct crm_segmenter *sg)
{
	return sg->rules;
}

/* A rules error is a bad record when it is about the data. */
static int
verdict(const struct crm_error *why)
{
	return why->status == CRM_EXIT_DATA ? CRM_RECORD_BAD : CRM_RECORD_STOP;
}

/*
 * Takes v into the summary's column, its sums raised with its scale:
 * bad when the sum of the positive values, or of the negative ones,
 * would pass 38 digits, which bounds every segment's sum.
 */
static int
take_value(struct crm_segmenter *sg, const struct crm_decimal *v,
    crm_i128 *units, struct crm_error *why)
{
	size_t i;
	int raise;

	if (crm_decimal_column_take(&sg->values, v, units, &raise) < 0)
		return crm_field_sum_error(sg->value, v->scale >
		    sg->values.scale ? v->scale : sg->values.scale, why);
	for (i = 0; raise > 0 && i <= sg->nrules; i++)
		crm_decimal_shift(&sg->sum[i], raise);
	return 0;
}

int
crm_segment_record(struct crm_segmenter *sg, const struct crm_record *rec,
    const char **segment, struct crm_error *why)
{
	struct crm_decimal v = { 0, 0 };
	crm_i128 units = 0;
	long which;
	size_t i;
	int dec = 0;

	for (i = 0; i < sg->nreq; i++) {
		which = crm_rules_match(sg->req[i].cond, rec, &sg->env, why);
		if (which < 0)
			return verdict(why);
		if (which != 0) {
			crm_error_set(why, CRM_EXIT_DATA, NULL, 0, 0, "%s",
			    sg->req[i].message);
			return CRM_RECORD_BAD;
		}
	}
	if (sg->vcol >= 0 && crm_field_decimal(rec, sg->vcol, sg->value,
	    sg->env.decimal_comma, &v, &dec, why) < 0)
		return CRM_RECORD_BAD;
	if ((which = crm_rules_match(sg->rules, rec, &sg->env, why)) < 0)
		return verdict(why);
	if (sg->vcol >= 0 && take_value(sg, &v, &units, why) < 0)
		return CRM_RECORD_BAD;
	*segment = (size_t)which < sg->nrules ?
	    crm_rules_name(sg->rules, (size_t)which) : sg->fallback;
	sg->count[which]++;
	sg->total++;
	sg->sum[which] += units;	/* within the column's bounds */
	if (dec > sg->decimals)
		sg->decimals = dec;
	return CRM_RECORD_OK;
}

static int
compute(void *ctx, const struct crm_record *rec, const char **own,
    struct crm_error *why)
{
	return crm_segment_record(ctx, rec, own, why);
}

int
crm_segment_run(struct crm_segmenter *sg, struct crm_input *in,
    struct crm_csv_writer *w, struct crm_error *e)
{
	struct crm_rowwise rw = { NULL, 1, 0, NULL, NULL, compute, NULL };

	rw.own = &sg->column;
	rw.ctx = sg;
	return crm_rowwise_run(&rw, in, w, e);
}

void
crm_segment_summary(const struct crm_segmenter *sg,
    struct crm_csv_writer *w)
{
	char num[CRM_NUMBER_SIZE];
	size_t i;

	crm_csv_puts(w, sg->column);
	crm_csv_puts(w, "customers");
	crm_csv_puts(w, "share");
	if (sg->vcol >= 0) {
		crm_csv_puts(w, "value");
		crm_csv_puts(w, "value_share");
	}
	crm_csv_end(w);
	for (i = 0; i <= sg->nrules; i++) {
		crm_csv_puts(w, crm_segment_name(sg, i));
		snprintf(num, sizeof(num), "%zu", sg->count[i]);
		crm_csv_puts(w, num);
		crm_decimal_ratio_format((crm_i128)sg->count[i],
		    sg->total ? (crm_i128)sg->total : 1, 0, 6, num,
		    sizeof(num));
		crm_csv_puts(w, num);
		if (sg->vcol >= 0) {
			crm_decimal_format(sg->sum[i], sg->values.scale,
			    sg->decimals, num, sizeof(num));
			crm_csv_puts(w, num);
			crm_decimal_ratio_format(sg->values.pos > 0 ?
			    sg->sum[i] : 0, sg->values.pos > 0 ?
			    sg->values.pos : 1, 0, 6, num, sizeof(num));
			crm_csv_puts(w, num);
		}
		crm_csv_end(w);
	}
}

const char *
crm_segment_column(const struct crm_segmenter *sg)
{
	return sg->column;
}

size_t
crm_segment_count(const struct crm_segmenter *sg)
{
	return sg->nrules + 1;
}

const char *
crm_segment_name(const struct crm_segmenter *sg, size_t i)
{
	if (i < sg->nrules)
		return crm_rules_name(sg->rules, i);
	return i == sg->nrules ? sg->fallback : NULL;
}

void
crm_segment_free(struct crm_segmenter *sg)
{
	size_t i;

	if (sg == NULL)
		return;
	for (i = 0; i < sg->nreq; i++)
		crm_rules_free(sg->req[i].cond);
	free(sg->req);
	crm_rules_free(sg->rules);
	free(sg->count);
	free(sg->sum);
	crm_config_free(&sg->preset);
	crm_config_free(&sg->user);
	free(sg);
}
