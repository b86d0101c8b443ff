/*
 * paretotable.c - crm-pareto's items, read, ranked and written (see
 * paretotable.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "paretotable.h"
#include "svg.h"
#include "value.h"

static const char *const pareto_columns[] = {
	"pareto_rank", "share", "cum_share", "cum_item_share", "pareto_class"
};
#define NPARETO	(sizeof(pareto_columns) / sizeof(pareto_columns[0]))

static int
config_classes(struct crm_config *cfg, yaml_node_t *n,
    struct crm_decimal *bounds, size_t *len, struct crm_error *e)
{
	const char *text;
	double d;
	size_t i;

	if (crm_config_seq_len(cfg, n, len, e) < 0)
		return -1;
	if (*len == 0 || *len > CRM_PARETO_MAX_BOUNDS)
		return crm_config_error_at(cfg, n, e,
		    "expected 1 to %d class bounds", CRM_PARETO_MAX_BOUNDS);
	for (i = 0; i < *len; i++) {
		yaml_node_t *item = crm_config_seq_item(cfg, n, i);

		if (crm_config_number(cfg, item, &d, e) < 0 ||
		    crm_config_string(cfg, item, &text, e) < 0)
			return -1;
		if (crm_decimal_parse(text, 0, &bounds[i], NULL) !=
		    CRM_VALUE_OK || !crm_pareto_bound_fits(&bounds[i], bounds,
		    i))
			return crm_config_error_at(cfg, item, e,
			    "class bounds must be increasing percentages "
			    "between 0 and 100");
	}
	return 0;
}

int
crm_pareto_config(struct crm_pareto_opts *o, struct crm_config *cfg,
    struct crm_error *e)
{
	static const char *const keys[] = { "value", "by", "classes", NULL };
	struct crm_decimal bounds[CRM_PARETO_MAX_BOUNDS];
	yaml_node_t *root = crm_config_root(cfg), *n[2], *classes;
	const char *name[2] = { NULL, NULL }, **to[2] = { &o->value, &o->by };
	size_t len = 0, i;

	if (crm_config_check_keys(cfg, root, keys, e) < 0)
		return -1;
	for (i = 0; i < 2; i++)
		if ((n[i] = crm_config_get(cfg, root, keys[i])) != NULL &&
		    crm_config_string(cfg, n[i], &name[i], e) < 0)
			return -1;
	if ((classes = crm_config_get(cfg, root, "classes")) != NULL &&
	    config_classes(cfg, classes, bounds, &len, e) < 0)
		return -1;
	for (i = 0; i < 2; i++) {
		if (name[i] != NULL && *name[i] == '\0')
			return crm_config_error_at(cfg, n[i], e,
			    "expected a column name");
		if (*to[i] == NULL)
			*to[i] = name[i];
	}
	if (o->nbounds == 0 && len > 0) {
		memcpy(o->bounds, bounds, len * sizeof(bounds[0]));
		o->nbounds = len;
	}
	return 0;
}

int
crm_pareto_opts_keep(struct crm_pareto_opts *o, const char *text,
    struct crm_error *e)
{
	char *p, *comma;

	free(o->keep_text);
	o->nkeep = 0;
	if ((o->keep_text = strdup(text)) == NULL)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "out of memory");
	for (p = o->keep_text;; p = comma + 1) {
		if ((comma = strchr(p, ',')) != NULL)
			*comma = '\0';
		if (*p == '\0' || o->nkeep == CRM_PARETO_MAX_KEEP) {
			o->nkeep = 0;
			return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
			    "invalid --keep list: expected 1 to %d names "
			    "separated by commas", CRM_PARETO_MAX_KEEP);
		}
		o->keep[o->nkeep++] = p;
		if (comma == NULL)
			return 0;
	}
}

void
crm_pareto_opts_free(struct crm_pareto_opts *o)
{
	free(o->keep_text);
	o->keep_text = NULL;
	o->nkeep = 0;
}

/* --keep and --label: what a group can carry and be labelled by. */
static int
check_keep_label(const struct crm_pareto_opts *o, struct crm_error *e)
{
	size_t k;

	if (o->nkeep > 0 && o->by == NULL)
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "--keep needs --by: without it every input column is "
		    "kept");
	if (o->label == NULL || o->by == NULL || strcmp(o->label, o->by) == 0)
		return 0;
	for (k = 0; k < o->nkeep; k++)
		if (strcmp(o->label, o->keep[k]) == 0)
			return 0;
	return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
	    "--label %s: with --by, the label is the key or a --keep column",
	    o->label);
}

int
crm_pareto_opts_finish(struct crm_pareto_opts *o, struct crm_error *e)
{
	const char *names[3 + CRM_PARETO_MAX_KEEP + NPARETO];
	size_t i, j, n = 0;

	if (o->value == NULL)
		o->value = "monetary";
	if (o->nbounds == 0) {
		o->bounds[0].units = 80;
		o->bounds[1].units = 95;
		o->bounds[0].scale = o->bounds[1].scale = 0;
		o->nbounds = 2;
	}
	if (check_keep_label(o, e) < 0)
		return -1;
	if (o->by == NULL)
		return 0;
	/* grouped output holds by, kept, value, rows and ours: distinct */
	names[n++] = o->by;
	for (i = 0; i < o->nkeep; i++)
		names[n++] = o->keep[i];
	names[n++] = o->value;
	names[n++] = "rows";
	for (i = 0; i < NPARETO; i++)
		names[n++] = pareto_columns[i];
	for (i = 0; i < 2 + o->nkeep; i++)
		for (j = i + 1; j < n; j++)
			if (strcmp(names[i], names[j]) == 0)
				return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0,
				    0, "column '%s' would appear twice in the "
				    "--by output", names[i]);
	return 0;
}

static void *group_room(void *ctx, long g, struct crm_error *e);
static int group_fold(void *ctx, const struct crm_lookahead_row *row,
    struct crm_error *e);

int
crm_pareto_table_init(struct crm_pareto_table *t,
    const struct crm_pareto_opts *o, struct crm_error *e)
{
	memset(t, 0, sizeof(*t));
	t->o = *o;
	t->bycol = -1;
	t->labelc = -1;
	t->label_kept = -1;
	crm_groups_init(&t->groups);
	crm_lookahead_init(&t->ahead, &t->groups.keys,
	    sizeof(struct crm_group), group_room, group_fold, t);
	crm_kept_init(&t->kept, o->by != NULL ? o->nkeep : 0);
	/* with --by, the group sums are in 64 bits until the bounds pass */
	crm_decimal_column_limit(&t->values, o->by != NULL ? INT64_MAX : 0);
	return crm_pareto_init(&t->rank, o->bounds, o->nbounds, e);
}

/* The chart's label column (see crm_pareto_table_bind). */
static int
bind_label(struct crm_pareto_table *t, const struct crm_header *h,
    struct crm_error *e)
{
	size_t k;

	if (t->bycol >= 0) {
		/* opts_finish made sure the label is the key or a kept one */
		for (k = 0; k < t->o.nkeep; k++)
			if (t->o.label == NULL ||
			    strcmp(t->o.label, t->o.keep[k]) == 0) {
				t->label_kept = (long)k;
				break;
			}
		return 0;
	}
	if (t->o.label != NULL)
		return crm_header_require(h, t->o.label, &t->labelc, e);
	t->labelc = t->vcol != 0 ? 0 : h->rec->n > 1 ? 1 : -1;
	return 0;
}

int
crm_pareto_table_bind_merge(struct crm_pareto_table *t, struct crm_error *e)
{
	/* grouped, with the key and the kept values of partial state */
	t->bycol = 0;
	return bind_label(t, NULL, e);
}

int
crm_pareto_table_bind(struct crm_pareto_table *t, const struct crm_header *h,
    struct crm_error *e)
{
	size_t k;

	if (crm_header_require(h, t->o.value, &t->vcol, e) < 0)
		return -1;
	if (t->o.by != NULL &&
	    crm_header_require(h, t->o.by, &t->bycol, e) < 0)
		return -1;
	for (k = 0; k < t->o.nkeep; k++)
		if (crm_header_require(h, t->o.keep[k], &t->keepc[k], e) < 0)
			return -1;
	return bind_label(t, h, e);
}

/*
 * Group g's kept values become value[] (len[] bytes each) if the group
 * is new (added) or they sort after its values (crm_kept_cmp_values):
 * crm-pareto reads no dates to tell the latest row, and the first row
 * would depend on the order of the rows.  -1 when out of memory.
 */
static int
keep_values(struct crm_pareto_table *t, size_t g, int added,
    char *const *value, const size_t *len, struct crm_error *e)
{
	if (crm_kept_room(&t->kept, g + 1) < 0)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "out of memory");
	if (!added && crm_kept_cmp_values(&t->kept, g, value, len) <= 0)
		return 0;
	return crm_kept_set_values(&t->kept, g, value, len, e);
}

/* Takes v into the column: bad when the sums would pass 38 digits. */
static inline __attribute__((always_inline)) int
take_value(struct crm_pareto_table *t, const struct crm_decimal *v,
    crm_i128 *units, struct crm_error *why)
{
	const struct crm_decimal_column *c = &t->values;
	int raise, r, widen;

	if ((r = crm_decimal_column_take(&t->values, v, units, &raise)) < 0) {
		crm_field_sum_error(t->o.value, v->scale > c->scale ? v->scale :
		    c->scale, why);
		return CRM_RECORD_BAD;
	}
	if (r == 0)
		return CRM_RECORD_OK;
	widen = t->groups.wide == NULL && (c->pos > INT64_MAX ||
	    c->neg < -INT64_MAX);
	/* the rows on their way are at the old scale, in the old width */
	if ((widen || raise > 0) && crm_lookahead_drain(&t->ahead, why) < 0)
		return CRM_RECORD_STOP;
	/* the group sums fit in 64 bits while the bounds do */
	if (widen) {
		if (crm_groups_widen(&t->groups, why) < 0)
			return CRM_RECORD_STOP;
		crm_decimal_column_limit(&t->values, 0);
	}
	if (raise > 0)
		crm_groups_rescale(&t->groups, raise);
	return CRM_RECORD_OK;
}

/* A new group, number g: its entry (lookahead.h's added). */
static void *
group_room(void *ctx, long g, struct crm_error *e)
{
	struct crm_pareto_table *t = ctx;

	return crm_groups_room(&t->groups, (size_t)g, e);
}

/* Folds a row into its group: the value, and the kept values. */
static int
group_fold(void *ctx, const struct crm_lookahead_row *row,
    struct crm_error *e)
{
	struct crm_pareto_table *t = ctx;
	const char *kept;
	crm_i128 units;
	size_t size;

	memcpy(&units, row->data, sizeof(units));
	crm_groups_fold(&t->groups, (size_t)row->key, units, 1);
	if (t->o.nkeep == 0)
		return 0;
	if (crm_kept_room(&t->kept, (size_t)row->key + 1) < 0)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "out of memory");
	/* no value holds a NUL: the packed values compare as the fields */
	kept = crm_lookahead_extra(row, &size);
	if (!row->added && crm_kept_cmp(&t->kept, (size_t)row->key, kept,
	    size) <= 0)
		return 0;
	return crm_kept_set(&t->kept, (size_t)row->key, kept, size, e);
}

/*
 * Sends units and rec's kept values to the group of rec's key, folded a
 * few rows later (crm_pareto_table_finish folds the last ones).
 */
static int
add_to_group(struct crm_pareto_table *t, const struct crm_record *rec,
    crm_i128 units, struct crm_error *why)
{
	size_t k, len[CRM_PARETO_MAX_KEEP];
	char *value[CRM_PARETO_MAX_KEEP];

	for (k = 0; k < t->o.nkeep; k++) {
		value[k] = rec->field[t->keepc[k]];
		len[k] = rec->len[t->keepc[k]];
	}
	memcpy(crm_lookahead_data(&t->ahead), &units, sizeof(units));
	if (crm_lookahead_push(&t->ahead, rec->field[t->bycol],
	    rec->len[t->bycol], value, len, t->o.nkeep, why) < 0)
		return CRM_RECORD_STOP;
	return CRM_RECORD_OK;
}

int
crm_pareto_table_finish(struct crm_pareto_table *t, struct crm_error *e)
{
	return crm_lookahead_drain(&t->ahead, e);
}

int
crm_pareto_table_merge_group(struct crm_pareto_table *t, const char *key,
    size_t len, const struct crm_pareto_part *p, struct crm_error *why)
{
	size_t before = t->groups.n;
	crm_i128 units;
	long g;
	int r;

	if ((r = take_value(t, &p->sum, &units, why)) != CRM_RECORD_OK)
		return r;
	/* rows pushed before (none in a --merge run) come first */
	if (crm_pareto_table_finish(t, why) < 0)
		return CRM_RECORD_STOP;
	if ((g = crm_groups_add_rows(&t->groups, key, len, units, p->rows,
	    why)) < 0)
		return CRM_RECORD_STOP;
	if (p->decimals > t->decimals)
		t->decimals = p->decimals;
	if (t->o.nkeep > 0 && keep_values(t, (size_t)g, t->groups.n !=
	    before, p->keep, p->keeplen, why) < 0)
		return CRM_RECORD_STOP;
	return CRM_RECORD_OK;
}

int
crm_pareto_table_add(struct crm_pareto_table *t, const struct crm_record *rec,
    struct crm_error *why)
{
	struct crm_record *row;
	struct crm_decimal v;
	crm_i128 units;
	int dec = 0, r;

	if (crm_field_decimal(rec, t->vcol, t->o.value, t->o.decimal_comma,
	    &v, &dec, why) < 0)
		return CRM_RECORD_BAD;
	if (t->bycol >= 0 && rec->len[t->bycol] == 0) {
		crm_error_set(why, CRM_EXIT_DATA, NULL, 0, 0,
		    "column '%s': empty key", t->o.by);
		return CRM_RECORD_BAD;
	}
	if ((r = take_value(t, &v, &units, why)) != CRM_RECORD_OK)
		return r;
	if (dec > t->decimals)
		t->decimals = dec;
	if (t->bycol >= 0)
		return add_to_group(t, rec, units, why);
	if ((row = crm_record_copy(&t->rows, rec)) == NULL ||
	    crm_pareto_add(&t->rank, units, t->values.scale, row, why) < 0) {
		crm_error_set(why, CRM_EXIT_DATA, NULL, 0, 0, "out of memory");
		return CRM_RECORD_STOP;
	}
	return CRM_RECORD_OK;
}

static const struct crm_groups *sort_groups;

static int
by_key(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b, m, n;
	const char *x = crm_groups_key(sort_groups, i, &m);
	const char *y = crm_groups_key(sort_groups, j, &n);
	int c = memcmp(x, y, m < n ? m : n);

	return c != 0 ? c : (m > n) - (m < n);
}

/*
 * The groups, added in the order of their keys: pareto.h keeps ties in
 * the order of addition, which is then the same however the rows came.
 */
static int
add_groups(struct crm_pareto_table *t, struct crm_error *e)
{
	size_t *order, i, n = t->groups.n;
	int rc = 0;

	if ((order = malloc((n ? n : 1) * sizeof(*order))) == NULL)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "out of memory");
	for (i = 0; i < n; i++)
		order[i] = i;
	sort_groups = &t->groups;
	qsort(order, n, sizeof(*order), by_key);
	sort_groups = NULL;
	for (i = 0; i < n && rc == 0; i++)
		rc = crm_pareto_add(&t->rank, crm_groups_sum(&t->groups,
		    order[i]), t->values.scale, &t->groups.g[order[i]], e);
	free(order);
	return rc;
}

int
crm_pareto_table_rank(struct crm_pareto_table *t, struct crm_error *e)
{
	if (crm_pareto_table_finish(t, e) < 0)
		return -1;
	if (t->bycol >= 0 && add_groups(t, e) < 0)
		return -1;
	return crm_pareto_rank(&t->rank, e);
}

/* num / den as a share (0 when den is not positive), or a percentage. */
static void
format_share(crm_i128 num, crm_i128 den, int percent, char *buf,
    size_t size)
{
	if (den <= 0)
		num = 0, den = 1;
	if (percent)
		crm_decimal_ratio_format(num, den, 2, 4, buf, size);
	else
		crm_decimal_ratio_format(num, den, 0, 6, buf, size);
}

/*
 * The five columns of an item, in out (40 bytes each); *cum is the
 * positive value of the items before it, and then up to it.
 */
static void
item_fields(const struct crm_pareto *p, const struct crm_pareto_item *it,
    crm_i128 *cum, int percent, char out[NPARETO][40])
{
	if (it->units > 0)
		*cum += it->units;
	crm_integer_format((long long)it->rank, out[0]);
	format_share(it->units, p->positive_units, percent, out[1], 40);
	format_share(*cum, p->positive_units, percent, out[2], 40);
	format_share((crm_i128)it->rank, (crm_i128)p->n, percent, out[3], 40);
	out[4][0] = (char)('A' + it->cls);
	out[4][1] = '\0';
}

static void
write_groups(const struct crm_pareto_table *t, struct crm_csv_writer *w)
{
	const struct crm_pareto *p = &t->rank;
	char num[CRM_NUMBER_SIZE], f[NPARETO][40];
	crm_i128 cum = 0;
	size_t i, j;

	crm_csv_puts(w, t->o.by);
	for (j = 0; j < t->o.nkeep; j++)
		crm_csv_puts(w, t->o.keep[j]);
	crm_csv_puts(w, t->o.value);
	crm_csv_puts(w, "rows");
	for (j = 0; j < NPARETO; j++)
		crm_csv_puts(w, pareto_columns[j]);
	crm_csv_end(w);
	for (i = 0; i < p->n; i++) {
		const struct crm_group *g = p->items[i].payload;
		size_t len;
		const char *key = crm_groups_key(&t->groups,
		    (size_t)(g - t->groups.g), &len);

		crm_csv_put(w, key, len);
		for (j = 0; j < t->o.nkeep; j++)
			crm_csv_puts(w, crm_kept_get(&t->kept,
			    (size_t)(g - t->groups.g), j));
		crm_decimal_format(p->items[i].units, p->scale, t->decimals,
		    num, sizeof(num));
		crm_csv_puts(w, num);
		crm_integer_format((long long)g->rows, num);
		crm_csv_puts(w, num);
		item_fields(p, &p->items[i], &cum, t->o.percent, f);
		for (j = 0; j < NPARETO; j++)
			crm_csv_puts(w, f[j]);
		crm_csv_end(w);
	}
}

/* Input columns in place; ours replace same-named ones or are appended. */
static int
write_rows(const struct crm_pareto_table *t, struct crm_csv_writer *w,
    const struct crm_record *header, struct crm_error *e)
{
	const struct crm_pareto *p = &t->rank;
	struct crm_columns cols;
	char f[NPARETO][40];
	const char *own[NPARETO];
	crm_i128 cum = 0;
	size_t i, j;

	if (crm_columns_init(&cols, header, pareto_columns, NPARETO, e) < 0)
		return -1;
	for (j = 0; j < NPARETO; j++)
		own[j] = f[j];
	crm_columns_write_header(&cols, w, header);
	for (i = 0; i < p->n; i++) {
		const struct crm_record *r = p->items[i].payload;

		item_fields(p, &p->items[i], &cum, t->o.percent, f);
		crm_columns_write(&cols, w, r->field, r->len, own);
	}
	crm_columns_free(&cols);
	return 0;
}

int
crm_pareto_table_write(const struct crm_pareto_table *t,
    struct crm_csv_writer *w, const struct crm_record *header,
    struct crm_error *e)
{
	if (t->bycol >= 0) {
		write_groups(t, w);
		return 0;
	}
	return write_rows(t, w, header, e);
}

static void
metric(struct crm_csv_writer *w, const char *name, const char *value)
{
	crm_csv_puts(w, name);
	crm_csv_puts(w, value);
	crm_csv_end(w);
}

/* A sum of the summary, with the decimals of the values. */
static void
sum_metric(const struct crm_pareto_table *t, struct crm_csv_writer *w,
    const char *name, crm_i128 units)
{
	char v[CRM_DECIMAL_SIZE];

	crm_decimal_format(units, t->rank.scale, t->decimals, v, sizeof(v));
	metric(w, name, v);
}

static void
class_metrics(const struct crm_pareto_table *t,
    const struct crm_pareto_summary *sum, struct crm_csv_writer *w)
{
	char v[CRM_NUMBER_SIZE], name[64];
	size_t c;

	for (c = 0; c <= t->rank.nbounds; c++) {
		int letter = 'A' + (int)c;

		snprintf(name, sizeof(name), "class_%c_items", letter);
		snprintf(v, sizeof(v), "%zu", sum->class_items[c]);
		metric(w, name, v);
		snprintf(name, sizeof(name), "class_%c_item_share", letter);
		format_share((crm_i128)sum->class_items[c],
		    (crm_i128)sum->items, t->o.percent, v, sizeof(v));
		metric(w, name, v);
		snprintf(name, sizeof(name), "class_%c_value", letter);
		sum_metric(t, w, name, sum->class_value[c]);
		snprintf(name, sizeof(name), "class_%c_value_share", letter);
		format_share(sum->class_value[c], sum->positive_total,
		    t->o.percent, v, sizeof(v));
		metric(w, name, v);
	}
}

/* A figure computed in floating point, as a share. */
static void
double_share(double v, int percent, char *buf, size_t size)
{
	if (percent)
		crm_fraction_format(v * 100, 4, buf, size);
	else
		crm_fraction_format(v, 6, buf, size);
}

void
crm_pareto_table_summary(const struct crm_pareto_table *t,
    struct crm_csv_writer *w)
{
	struct crm_pareto_summary sum;
	char v[CRM_NUMBER_SIZE];

	crm_pareto_summarize(&t->rank, &sum);
	metric(w, "metric", "value");
	snprintf(v, sizeof(v), "%zu", sum.items);
	metric(w, "items", v);
	sum_metric(t, w, "total", sum.total);
	sum_metric(t, w, "positive_total", sum.positive_total);
	snprintf(v, sizeof(v), "%zu", sum.nonpositive_items);
	metric(w, "nonpositive_items", v);
	double_share(sum.top20_value_share, t->o.percent, v, sizeof(v));
	metric(w, "top20_value_share", v);
	double_share(sum.items_share_for_80, t->o.percent, v, sizeof(v));
	metric(w, "items_share_for_80", v);
	snprintf(v, sizeof(v), "%zu", sum.items_for_80);
	metric(w, "items_for_80", v);
	class_metrics(t, &sum, w);
	crm_fraction_format(sum.gini, 6, v, sizeof(v));
	metric(w, "gini", v);
}

const char *
crm_pareto_table_label(const struct crm_pareto_table *t,
    const struct crm_pareto_item *it)
{
	const struct crm_record *row;
	const char *v;
	size_t g, len;

	if (t->bycol < 0) {
		row = it->payload;
		return t->labelc >= 0 && (size_t)t->labelc < row->n ?
		    row->field[t->labelc] : NULL;
	}
	g = (size_t)((const struct crm_group *)it->payload - t->groups.g);
	if (t->label_kept >= 0 && *(v = crm_kept_get(&t->kept, g,
	    (size_t)t->label_kept)) != '\0')
		return v;
	return crm_groups_key(&t->groups, g, &len);
}

static const char *
chart_label(void *ctx, const struct crm_pareto_item *it)
{
	return crm_pareto_table_label(ctx, it);
}

int
crm_pareto_table_svg(const struct crm_pareto_table *t, FILE *fp,
    struct crm_error *e)
{
	size_t size = strlen(t->o.value) + (t->o.by ? strlen(t->o.by) : 0) +
	    32;
	char *title = malloc(size);
	struct crm_svg_opts o;

	if (title == NULL)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "out of memory");
	if (t->o.by != NULL)
		snprintf(title, size, "Pareto chart: %s by %s", t->o.value,
		    t->o.by);
	else
		snprintf(title, size, "Pareto chart: %s", t->o.value);
	o.title = title;
	o.value_label = t->o.value;
	o.decimals = t->decimals;
	o.decimal_comma = t->o.decimal_comma;
	o.label = chart_label;
	/* the callback only reads the table */
	o.ctx = (void *)(uintptr_t)t;
	crm_svg_pareto_chart(fp, &t->rank, &o);
	free(title);
	return 0;
}

int
crm_pareto_table_all_nonpositive(const struct crm_pareto_table *t)
{
	return t->rank.n > 0 && t->rank.positive_units <= 0;
}

void
crm_pareto_table_free(struct crm_pareto_table *t)
{
	crm_kept_free(&t->kept);
	crm_pareto_free(&t->rank);
	crm_lookahead_free(&t->ahead);
	crm_groups_free(&t->groups);
	crm_arena_free(&t->rows);
}
