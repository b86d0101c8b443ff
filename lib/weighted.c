/*
 * weighted.c - weighted multi-criteria scoring (see weighted.h for the
 * rules of each kind of points).
 *
 * Loading turns the `criteria:` list into an array of struct
 * crm_criterion; every setting is checked against the kind of points it
 * is given with, so that a key that would be ignored is an error rather
 * than a silent no-op.  The column-wide kinds keep each present value of
 * their column (observe), sort them once (prepare) and then answer each
 * record with two binary searches, so scoring n records is O(n log n).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keyset.h"
#include "value.h"
#include "weighted.h"

/* What one field of one criterion amounts to. */
enum field_kind {
	FIELD_MISSING,		/* empty or only blanks */
	FIELD_NUMBER,		/* minmax, rank: *x holds the value */
	FIELD_POINTS		/* bands, map: *x holds the points */
};

static const char *const criterion_keys[] = { "column", "weight", "points",
    "direction", "missing", "bands", "map", "default", "label", NULL };
static const char *const band_keys[] = { "from", "points", NULL };

static double minmax_points(const struct crm_criterion *c, double x);
static double rank_points(const struct crm_criterion *c, double x);
static double bands_points(const struct crm_criterion *c, double x);

/*
 * The kinds of points (weighted.h says how each scores), by enum
 * crm_points_kind: the name points: gives, whether direction: applies,
 * whether the points need the whole column first, and the points of a
 * number (map reads text, not numbers).
 */
static const struct {
	const char *name;
	int directed;
	int column_wide;
	double (*of_number)(const struct crm_criterion *c, double x);
} kinds[] = {
	[CRM_POINTS_MINMAX] = { "minmax", 1, 1, minmax_points },
	[CRM_POINTS_RANK] = { "rank", 1, 1, rank_points },
	[CRM_POINTS_BANDS] = { "bands", 0, 0, bands_points },
	[CRM_POINTS_MAP] = { "map", 0, 0, NULL },
};
#define NKINDS	(sizeof(kinds) / sizeof(kinds[0]))

static int
map_entry_cmp(const void *pa, const void *pb)
{
	const struct crm_map_entry *a = pa, *b = pb;
	const char *at = a->text, *bt = b->text;
	size_t al = strlen(at), bl = strlen(bt);

	crm_text_trim(&at, &al);
	crm_text_trim(&bt, &bl);
	return crm_text_casecmp(at, al, bt, bl);
}

/* A map text, trimmed, and its place in the file. */
struct map_ref {
	const char *text;
	size_t len;
	size_t i;
};

/* By text as the lookup compares them, then by place. */
static int
map_ref_cmp(const void *pa, const void *pb)
{
	const struct map_ref *a = pa, *b = pb;
	int d = crm_text_casecmp(a->text, a->len, b->text, b->len);

	return d != 0 ? d : (a->i > b->i) - (a->i < b->i);
}

/*
 * The index of the first entry, in file order, whose text repeats an
 * earlier one's as the lookup compares them (case and blanks aside), or
 * n when none does; -1 when out of memory.  Sorting makes it O(n log n):
 * a map of 100,000 entries loads at once.
 */
static long
first_repeat(const struct crm_map_entry *map, size_t n)
{
	struct map_ref *ref = calloc(n, sizeof(*ref));
	size_t i, first = n;

	if (ref == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		ref[i].text = map[i].text;
		ref[i].len = strlen(map[i].text);
		crm_text_trim(&ref[i].text, &ref[i].len);
		ref[i].i = i;
	}
	qsort(ref, n, sizeof(*ref), map_ref_cmp);
	/* in a run of equal texts, the second in file order comes second */
	for (i = 1; i < n; i++)
		if (crm_text_casecmp(ref[i].text, ref[i].len,
		    ref[i - 1].text, ref[i - 1].len) == 0 &&
		    (i == 1 || crm_text_casecmp(ref[i - 1].text,
		    ref[i - 1].len, ref[i - 2].text, ref[i - 2].len) != 0) &&
		    ref[i].i < first)
			first = ref[i].i;
	free(ref);
	return (long)first;
}

static int
double_cmp(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return a < b ? -1 : a > b;
}

/* The key node of key in map (for errors about the key itself). */
static yaml_node_t *
key_node(struct crm_config *cfg, yaml_node_t *map, const char *key)
{
	yaml_node_pair_t *p;
	yaml_node_t *k;
	size_t len = strlen(key);

	for (p = map->data.mapping.pairs.start;
	    p < map->data.mapping.pairs.top; p++) {
		k = yaml_document_get_node(&cfg->doc, p->key);
		if (k != NULL && k->type == YAML_SCALAR_NODE &&
		    k->data.scalar.length == len &&
		    memcmp(k->data.scalar.value, key, len) == 0)
			return k;
	}
	return map;
}

static const char *
scalar_quote(yaml_node_t *n, char *buf, size_t size)
{
	return crm_error_quote((const char *)n->data.scalar.value,
	    n->data.scalar.length, buf, size);
}

static int
required(struct crm_config *cfg, yaml_node_t *map, const char *key,
    yaml_node_t **out, struct crm_error *e)
{
	if ((*out = crm_config_get(cfg, map, key)) == NULL)
		return crm_config_error_at(cfg, map, e, "missing key '%s'",
		    key);
	return 0;
}

/* A number of points: 0..100. */
static int
load_points(struct crm_config *cfg, yaml_node_t *n, double *out,
    struct crm_error *e)
{
	char q[64];

	if (crm_config_number(cfg, n, out, e) == -1)
		return -1;
	if (*out < 0 || *out > 100)
		return crm_config_error_at(cfg, n, e,
		    "expected points from 0 to 100, got %s",
		    scalar_quote(n, q, sizeof(q)));
	return 0;
}

/* Fails if key is present in map: it does not apply to this kind. */
static int
not_here(struct crm_config *cfg, yaml_node_t *map, const char *key,
    const char *applies, struct crm_error *e)
{
	if (crm_config_get(cfg, map, key) == NULL)
		return 0;
	return crm_config_error_at(cfg, key_node(cfg, map, key), e,
	    "key '%s' applies only to points: %s", key, applies);
}

static int
load_bands(struct crm_config *cfg, yaml_node_t *seq, struct crm_criterion *c,
    struct crm_error *e)
{
	yaml_node_t *item, *from, *pts, *prev = NULL;
	char q1[64], q2[64];
	size_t i, n;

	if (crm_config_seq_len(cfg, seq, &n, e) == -1)
		return -1;
	if (n == 0)
		return crm_config_error_at(cfg, seq, e,
		    "expected at least one band");
	if ((c->bands = calloc(n, sizeof(*c->bands))) == NULL)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "out of memory");
	c->nbands = n;
	for (i = 0; i < n; i++) {
		item = crm_config_seq_item(cfg, seq, i);
		if (crm_config_check_keys(cfg, item, band_keys, e) == -1 ||
		    required(cfg, item, "from", &from, e) == -1 ||
		    required(cfg, item, "points", &pts, e) == -1 ||
		    crm_config_number(cfg, from, &c->bands[i].from, e) == -1)
			return -1;
		if (i > 0 && !(c->bands[i].from > c->bands[i - 1].from))
			return crm_config_error_at(cfg, from, e,
			    "'from' must increase from band to band, "
			    "got %s after %s", scalar_quote(from, q1,
			    sizeof(q1)), scalar_quote(prev, q2, sizeof(q2)));
		if (load_points(cfg, pts, &c->bands[i].points, e) == -1)
			return -1;
		prev = from;
	}
	return 0;
}

static int
load_map(struct crm_config *cfg, yaml_node_t *map, struct crm_criterion *c,
    struct crm_error *e)
{
	yaml_node_pair_t *p;
	yaml_node_t *k, *v, **keys = NULL;
	const char *text;
	size_t i, n, len;
	long dup;
	char got[64];
	int rc = -1;

	if (map->type != YAML_MAPPING_NODE)
		return crm_config_error_at(cfg, map, e,
		    "expected a mapping, got %s", map->type ==
		    YAML_SEQUENCE_NODE ? "a list" : scalar_quote(map, got,
		    sizeof(got)));
	n = (size_t)(map->data.mapping.pairs.top -
	    map->data.mapping.pairs.start);
	if (n == 0)
		return crm_config_error_at(cfg, map, e,
		    "expected at least one map entry");
	c->map = calloc(n, sizeof(*c->map));
	keys = calloc(n, sizeof(*keys));
	if (c->map == NULL || keys == NULL) {
		crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0, "out of memory");
		goto out;
	}
	c->nmap = n;
	for (i = 0, p = map->data.mapping.pairs.start; i < n; i++, p++) {
		k = yaml_document_get_node(&cfg->doc, p->key);
		v = yaml_document_get_node(&cfg->doc, p->value);
		if (crm_config_string(cfg, k, &text, e) == -1)
			goto out;
		len = strlen(text);
		crm_text_trim(&text, &len);
		/* An empty field is missing and never reaches the map. */
		if (len == 0) {
			crm_config_error_at(cfg, k, e,
			    "expected a text to map, got %s",
			    scalar_quote(k, got, sizeof(got)));
			goto out;
		}
		c->map[i].text = (const char *)k->data.scalar.value;
		if (load_points(cfg, v, &c->map[i].points, e) == -1)
			goto out;
		keys[i] = k;
	}
	/*
	 * Texts that differ only in case or blanks would make the lookup
	 * ambiguous: the first such repeat in file order is an error.
	 */
	if ((dup = first_repeat(c->map, n)) < 0) {
		crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0, "out of memory");
		goto out;
	}
	if ((size_t)dup < n) {
		crm_config_error_at(cfg, keys[dup], e,
		    "duplicate map entry %s", scalar_quote(keys[dup], got,
		    sizeof(got)));
		goto out;
	}
	qsort(c->map, n, sizeof(*c->map), map_entry_cmp);
	rc = 0;
out:
	free(keys);
	return rc;
}

/* A scalar that must be one of words (NULL-terminated): its index. */
static int
pick_word(struct crm_config *cfg, yaml_node_t *n, const char *const *words,
    const char *expected, int *out, struct crm_error *e)
{
	const char *s;
	char q[64];
	int i;

	if (crm_config_string(cfg, n, &s, e) == -1)
		return -1;
	for (i = 0; words[i] != NULL; i++)
		if (strcmp(s, words[i]) == 0) {
			*out = i;
			return 0;
		}
	return crm_config_error_at(cfg, n, e, "expected %s, got %s", expected,
	    scalar_quote(n, q, sizeof(q)));
}

static int
load_column_weight(struct crm_config *cfg, yaml_node_t *col, yaml_node_t *wt,
    struct crm_criterion *c, struct crm_error *e)
{
	char q[64];

	if (crm_config_string(cfg, col, &c->column, e) == -1)
		return -1;
	if (c->column[0] == '\0')
		return crm_config_error_at(cfg, col, e,
		    "expected a column name, got \"\"");
	if (crm_config_number(cfg, wt, &c->weight, e) == -1)
		return -1;
	if (!(c->weight > 0))
		return crm_config_error_at(cfg, wt, e,
		    "expected a weight greater than 0, got %s",
		    scalar_quote(wt, q, sizeof(q)));
	return 0;
}

/* points:, then direction: (minmax and rank only) and missing:. */
static int
load_kind(struct crm_config *cfg, yaml_node_t *item, yaml_node_t *pts,
    struct crm_criterion *c, struct crm_error *e)
{
	static const char *const directions[] = { "higher", "lower", NULL };
	static const char *const missing[] = { "error", "zero", "mean",
	    NULL };
	yaml_node_t *n;
	const char *s;
	char q[64];
	size_t k;
	int v;

	if (crm_config_string(cfg, pts, &s, e) == -1)
		return -1;
	for (k = 0; k < NKINDS && strcmp(s, kinds[k].name) != 0; k++)
		;
	if (k == NKINDS)
		return crm_config_error_at(cfg, pts, e,
		    "expected minmax, rank, bands or map, got %s",
		    scalar_quote(pts, q, sizeof(q)));
	c->kind = (enum crm_points_kind)k;
	if ((n = crm_config_get(cfg, item, "direction")) != NULL) {
		if (!kinds[c->kind].directed)
			return not_here(cfg, item, "direction",
			    "minmax and rank", e);
		if (pick_word(cfg, n, directions, "higher or lower",
		    &c->lower_is_better, e) == -1)
			return -1;
	}
	if ((n = crm_config_get(cfg, item, "missing")) != NULL) {
		if (pick_word(cfg, n, missing, "error, zero or mean", &v,
		    e) == -1)
			return -1;
		c->missing = (enum crm_missing)v;
	}
	return 0;
}

/* bands: for bands, map: and default: for map, and nowhere else. */
static int
load_kind_data(struct crm_config *cfg, yaml_node_t *item,
    struct crm_criterion *c, struct crm_error *e)
{
	yaml_node_t *n;

	if (c->kind == CRM_POINTS_BANDS) {
		if (required(cfg, item, "bands", &n, e) == -1 ||
		    load_bands(cfg, n, c, e) == -1)
			return -1;
	} else if (not_here(cfg, item, "bands", "bands", e) == -1)
		return -1;
	if (c->kind != CRM_POINTS_MAP)
		return not_here(cfg, item, "map", "map", e) == -1 ||
		    not_here(cfg, item, "default", "map", e) == -1 ? -1 : 0;
	if (required(cfg, item, "map", &n, e) == -1 ||
	    load_map(cfg, n, c, e) == -1)
		return -1;
	if ((n = crm_config_get(cfg, item, "default")) != NULL) {
		if (load_points(cfg, n, &c->default_points, e) == -1)
			return -1;
		c->has_default = 1;
	}
	return 0;
}

/* label:, or "points_<column>" kept in w->label_buf. */
static int
load_label(struct crm_weighted *w, struct crm_config *cfg, yaml_node_t *item,
    struct crm_criterion *c, size_t *label_used, struct crm_error *e)
{
	yaml_node_t *n;
	int len;

	if ((n = crm_config_get(cfg, item, "label")) != NULL) {
		if (crm_config_string(cfg, n, &c->label, e) == -1)
			return -1;
		if (c->label[0] == '\0')
			return crm_config_error_at(cfg, n, e,
			    "expected a column name, got \"\"");
		return 0;
	}
	len = snprintf(w->label_buf + *label_used,
	    sizeof(w->label_buf) - *label_used, "points_%s", c->column);
	if (len < 0 || (size_t)len >= sizeof(w->label_buf) - *label_used)
		return crm_config_error_at(cfg, item, e, "too many criteria");
	c->label = w->label_buf + *label_used;
	*label_used += (size_t)len + 1;
	return 0;
}

/*
 * One item of criteria:, its settings in the order they are checked:
 * keys, column, weight, points, direction, missing, bands, map, label.
 */
static int
load_criterion(struct crm_weighted *w, struct crm_config *cfg,
    yaml_node_t *item, struct crm_criterion *c, size_t *label_used,
    struct crm_error *e)
{
	yaml_node_t *col, *wt, *pts;

	if (crm_config_check_keys(cfg, item, criterion_keys, e) == -1 ||
	    required(cfg, item, "column", &col, e) == -1 ||
	    required(cfg, item, "weight", &wt, e) == -1 ||
	    required(cfg, item, "points", &pts, e) == -1 ||
	    load_column_weight(cfg, col, wt, c, e) == -1 ||
	    load_kind(cfg, item, pts, c, e) == -1 ||
	    load_kind_data(cfg, item, c, e) == -1 ||
	    load_label(w, cfg, item, c, label_used, e) == -1)
		return -1;
	c->col = -1;
	return 0;
}

static int
needs_column(const struct crm_criterion *c)
{
	return kinds[c->kind].column_wide || c->missing == CRM_MISSING_MEAN;
}

int
crm_weighted_load(struct crm_weighted *w, struct crm_config *cfg,
    yaml_node_t *criteria, int decimal_comma, struct crm_error *e)
{
	struct crm_keyset labels;
	yaml_node_t *item;
	size_t i, n, label_used = 0;
	int added;

	memset(w, 0, sizeof(*w));
	crm_keyset_init(&labels);
	w->decimal_comma = decimal_comma;
	if (criteria == NULL)
		return crm_config_error_at(cfg, crm_config_root(cfg), e,
		    "missing key 'criteria'");
	if (crm_config_seq_len(cfg, criteria, &n, e) == -1)
		return -1;
	if (n == 0)
		return crm_config_error_at(cfg, criteria, e,
		    "expected at least one criterion");
	if ((w->c = calloc(n, sizeof(*w->c))) == NULL)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "out of memory");
	w->n = n;
	for (i = 0; i < n; i++) {
		struct crm_criterion *c = &w->c[i];

		item = crm_config_seq_item(cfg, criteria, i);
		if (load_criterion(w, cfg, item, c, &label_used, e) == -1)
			goto fail;
		/* Two output columns of one name could not be told apart. */
		if (crm_keyset_add(&labels, c->label, strlen(c->label),
		    &added, e) < 0)
			goto fail;
		if (!added) {
			crm_config_error_at(cfg, item, e, "duplicate label "
			    "'%s' (give each criterion of a column its own "
			    "label)", c->label);
			goto fail;
		}
		w->weight_sum += c->weight;
		if (needs_column(c))
			w->needs_table = 1;
	}
	/* sum(weight * points) is at most weight_sum * 100: keep it finite */
	if (!isfinite(w->weight_sum * 100)) {
		crm_config_error_at(cfg, criteria, e, "weights too large");
		goto fail;
	}
	crm_keyset_free(&labels);
	return 0;

fail:
	crm_keyset_free(&labels);
	crm_weighted_free(w);
	return -1;
}

int
crm_weighted_bind(struct crm_weighted *w, const struct crm_header *h,
    struct crm_error *e)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		if (crm_header_require(h, w->c[i].column, &w->c[i].col, e) < 0)
			return -1;
	return 0;
}

/* Points of a value among the sorted values, by percentile rank. */
static double
rank_points(const struct crm_criterion *c, double x)
{
	size_t lo = 0, hi = c->nvalues, mid, below, upto, n = c->nvalues;
	double num, den;

	if (n <= 1)
		return 100;
	while (lo < hi) {	/* first value >= x */
		mid = lo + (hi - lo) / 2;
		if (c->values[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	below = lo;
	hi = n;
	while (lo < hi) {	/* first value > x */
		mid = lo + (hi - lo) / 2;
		if (c->values[mid] <= x)
			lo = mid + 1;
		else
			hi = mid;
	}
	upto = lo;
	/*
	 * The tied values hold the 1-based ranks below+1 .. upto, whose mean
	 * r gives (r - 1) / (n - 1) = (below + upto - 1) / (2 (n - 1)).
	 * Reversed, the ranks count from the top: 2 (n - 1) minus that
	 * numerator.  Both are whole numbers, so the ends come out as
	 * exactly 0 and 100.  Only a value that was not observed (upto ==
	 * below) can fall outside the range.
	 */
	num = (double)below + (double)upto - 1;
	den = 2 * ((double)n - 1);
	if (num < 0)
		num = 0;
	if (num > den)
		num = den;
	if (c->lower_is_better)
		num = den - num;
	return num / den * 100;
}

static double
minmax_points(const struct crm_criterion *c, double x)
{
	double lo = c->min, hi = c->max, p;

	if (c->nvalues == 0 || !(hi > lo))
		return 100;
	/* Halving keeps the range finite for values near DBL_MAX. */
	if (!isfinite(hi - lo)) {
		lo /= 2;
		hi /= 2;
		x /= 2;
	}
	/* a / a is exactly 1 and 0 / a exactly 0: the ends are exact. */
	if (c->lower_is_better)
		p = (hi - x) / (hi - lo) * 100;
	else
		p = (x - lo) / (hi - lo) * 100;
	/* Only a value that was not observed can fall outside. */
	if (p < 0)
		p = 0;
	if (p > 100)
		p = 100;
	return p;
}

static double
bands_points(const struct crm_criterion *c, double x)
{
	size_t lo = 0, hi = c->nbands, mid;

	while (lo < hi) {	/* first band whose from > x */
		mid = lo + (hi - lo) / 2;
		if (c->bands[mid].from <= x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo == 0 ? 0 : c->bands[lo - 1].points;
}

/*
 * Reads the criterion's field of rec: a missing value, a number (minmax,
 * rank) or points (bands, map).  Fails on an invalid number or an
 * unmapped text; a missing value is not an error here.
 */
static int
read_field(const struct crm_weighted *w, const struct crm_criterion *c,
    const struct crm_record *rec, enum field_kind *kind, double *x,
    struct crm_error *e)
{
	const char *s;
	size_t len;
	char q[64];
	int rc;

	*kind = FIELD_MISSING;
	*x = 0;
	if (c->col < 0 || (size_t)c->col >= rec->n)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "column '%s': no such field in the record", c->column);
	s = rec->field[c->col];
	len = rec->len[c->col];
	if (c->kind == CRM_POINTS_MAP) {
		struct crm_map_entry key, *hit;

		crm_text_trim(&s, &len);
		if (len == 0) {
			*kind = FIELD_MISSING;
			return 0;
		}
		key.text = rec->field[c->col];
		hit = bsearch(&key, c->map, c->nmap, sizeof(*c->map),
		    map_entry_cmp);
		if (hit != NULL)
			*x = hit->points;
		else if (c->has_default)
			*x = c->default_points;
		else
			return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
			    "column '%s': unmapped value %s", c->column,
			    crm_error_quote(rec->field[c->col],
			    rec->len[c->col], q, sizeof(q)));
		*kind = FIELD_POINTS;
		return 0;
	}
	rc = crm_number_parse(s, w->decimal_comma, x, NULL);
	if (rc == CRM_VALUE_EMPTY) {
		*kind = FIELD_MISSING;
		return 0;
	}
	if (rc != CRM_VALUE_OK || !isfinite(*x))
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "column '%s': invalid number %s", c->column,
		    crm_error_quote(s, len, q, sizeof(q)));
	if (kinds[c->kind].column_wide) {
		*kind = FIELD_NUMBER;
	} else {
		*x = kinds[c->kind].of_number(c, *x);
		*kind = FIELD_POINTS;
	}
	return 0;
}

static int
missing_error(const struct crm_criterion *c, struct crm_error *e)
{
	return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
	    "column '%s': missing value", c->column);
}

int
crm_weighted_observe(struct crm_weighted *w, const struct crm_record *rec,
    struct crm_error *e)
{
	enum field_kind kind;
	double x, *nv;
	size_t i, cap;

	/*
	 * Check every criterion before keeping anything, so that a bad
	 * record (skipped by --skip-bad) leaves no trace in the statistics
	 * and scoring cannot fail on a record that observe accepted.
	 */
	for (i = 0; i < w->n; i++) {
		if (read_field(w, &w->c[i], rec, &kind, &x, e) == -1)
			return -1;
		if (kind == FIELD_MISSING && w->c[i].missing ==
		    CRM_MISSING_ERROR)
			return missing_error(&w->c[i], e);
	}
	for (i = 0; i < w->n; i++) {
		struct crm_criterion *c = &w->c[i];

		if (!needs_column(c))
			continue;
		read_field(w, c, rec, &kind, &x, NULL);
		if (kind == FIELD_POINTS) {
			c->points_sum += x;
			c->points_n++;
		} else if (kind == FIELD_NUMBER) {
			if (c->nvalues == c->capvalues) {
				cap = c->capvalues ? c->capvalues * 2 : 256;
				if ((nv = realloc(c->values,
				    cap * sizeof(*nv))) == NULL)
					return crm_error_set(e, CRM_EXIT_DATA,
					    NULL, 0, 0, "out of memory");
				c->values = nv;
				c->capvalues = cap;
			}
			c->values[c->nvalues++] = x;
		}
	}
	return 0;
}

int
crm_weighted_prepare(struct crm_weighted *w, struct crm_error *e)
{
	size_t i, j, k;

	(void)e;
	for (i = 0; i < w->n; i++) {
		struct crm_criterion *c = &w->c[i];

		if (kinds[c->kind].column_wide) {
			if (c->nvalues > 0)
				qsort(c->values, c->nvalues,
				    sizeof(*c->values), double_cmp);
			if (c->nvalues > 0) {
				c->min = c->values[0];
				c->max = c->values[c->nvalues - 1];
			}
			c->points_sum = 0;
			c->points_n = c->nvalues;
			/* One lookup per run of equal values: O(n). */
			for (j = 0; j < c->nvalues; j = k) {
				for (k = j + 1; k < c->nvalues &&
				    c->values[k] == c->values[j]; k++)
					;
				c->points_sum += (double)(k - j) *
				    kinds[c->kind].of_number(c, c->values[j]);
			}
		}
		/*
		 * A column with no present value at all has no mean: every
		 * missing value then gets 0 points, as with missing: zero.
		 */
		c->mean_points = c->points_n > 0 ?
		    c->points_sum / (double)c->points_n : 0;
		if (c->mean_points > 100)
			c->mean_points = 100;
	}
	return 0;
}

int
crm_weighted_score(const struct crm_weighted *w,
    const struct crm_record *rec, double *score, double *points,
    struct crm_error *e)
{
	const struct crm_criterion *c;
	enum field_kind kind;
	double x, p, sum = 0;
	size_t i;

	for (i = 0; i < w->n; i++) {
		c = &w->c[i];
		if (read_field(w, c, rec, &kind, &x, e) == -1)
			return -1;
		if (kind == FIELD_MISSING) {
			if (c->missing == CRM_MISSING_ERROR)
				return missing_error(c, e);
			p = c->missing == CRM_MISSING_MEAN ? c->mean_points : 0;
		} else if (kind == FIELD_POINTS) {
			p = x;
		} else {
			p = kinds[c->kind].of_number(c, x);
		}
		if (points != NULL)
			points[i] = p;
		sum += c->weight * p;
	}
	sum /= w->weight_sum;
	/* Rounding in the sum must not leave the documented 0..100. */
	if (sum > 100)
		sum = 100;
	if (sum < 0)
		sum = 0;
	*score = sum;
	return 0;
}

#define POINTS_SIZE	32	/* room for a formatted score or points */

/* The weighted module's data errors are bad records; others stop. */
static int
verdict(const struct crm_error *why)
{
	return why->status == CRM_EXIT_DATA ? CRM_RECORD_BAD : CRM_RECORD_STOP;
}

static int
rows_check(void *ctx, const struct crm_record *rec, struct crm_error *why)
{
	if (crm_weighted_observe(ctx, rec, why) < 0)
		return verdict(why);
	return CRM_RECORD_OK;
}

static int
rows_prepare(void *ctx, struct crm_error *e)
{
	return crm_weighted_prepare(ctx, e);
}

static int
rows_compute(void *ctx, const struct crm_record *rec, const char **own,
    struct crm_error *why)
{
	struct crm_weighted *w = ctx;
	double score;
	size_t k;

	if (crm_weighted_score(w, rec, &score, w->points, why) < 0)
		return verdict(why);
	crm_fraction_format(score, 2, w->text, POINTS_SIZE);
	own[0] = w->text;
	for (k = 0; k < w->n && w->explain; k++) {
		char *t = w->text + (k + 1) * POINTS_SIZE;

		crm_fraction_format(w->points[k], 2, t, POINTS_SIZE);
		own[k + 1] = t;
	}
	return CRM_RECORD_OK;
}

int
crm_weighted_rowwise(struct crm_weighted *w, int explain,
    struct crm_rowwise *rw, struct crm_error *e)
{
	size_t k;

	w->names = calloc(w->n + 1, sizeof(*w->names));
	w->points = calloc(w->n, sizeof(*w->points));
	w->text = malloc((w->n + 1) * POINTS_SIZE);
	if (w->names == NULL || w->points == NULL || w->text == NULL)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "out of memory");
	w->names[0] = "score";
	for (k = 0; k < w->n; k++)
		w->names[k + 1] = w->c[k].label;
	w->explain = explain;
	memset(rw, 0, sizeof(*rw));
	rw->own = w->names;
	rw->nown = explain ? w->n + 1 : 1;
	rw->hold = w->needs_table;
	rw->check = rows_check;
	rw->prepare = rows_prepare;
	rw->compute = rows_compute;
	rw->ctx = w;
	return 0;
}

void
crm_weighted_free(struct crm_weighted *w)
{
	size_t i;

	if (w->c != NULL)
		for (i = 0; i < w->n; i++) {
			free(w->c[i].bands);
			free(w->c[i].map);
			free(w->c[i].values);
		}
	free(w->c);
	free(w->names);
	free(w->points);
	free(w->text);
	w->c = NULL;
	w->names = NULL;
	w->points = NULL;
	w->text = NULL;
	w->n = 0;
}
