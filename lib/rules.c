/*
 * rules.c - ordered segment rules (see rules.h for the grammar).
 *
 * Compiling turns each rule's `when:` into a small tree of struct cond:
 * ALL, ANY and NOT nodes over TEST nodes, where a TEST node names one
 * column and holds every test its mapping lists (they must all hold).
 * Arguments are converted once, at compile time, with the same parsers
 * the CSV side uses; text lists are sorted so that `in` is a binary
 * search.  Matching walks the tree with short-circuit.  Reading numbers
 * and dates is most of its cost, so a record's values are cached on the
 * stack by column: the RFM table reads r, f and m once each, not once per
 * rule.  And since a match depends only on the texts of the columns the
 * rules read, results are remembered by those texts: a table of RFM
 * scores has 125 combinations, not a million.  Every node keeps its YAML
 * node, so that compile and bind errors point at the line and column
 * that caused them.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "keyset.h"
#include "rules.h"
#include "table.h"
#include "value.h"

/*
 * Aliases can make a small file describe a huge or cyclic tree; these
 * bound the work a config can ask for.
 */
#define MAX_DEPTH	64
#define MAX_NODES	100000

/* Columns whose values one match caches; others are read per node. */
#define CACHE_SLOTS	64

/*
 * Combinations of the read columns' texts whose results are remembered;
 * past this many the texts are too varied to be worth it (amounts, ids),
 * and matching stops remembering.  Longer combinations are never kept.
 */
#define MEMO_MAX	4096
#define MEMO_KEY_MAX	256

enum cond_type { COND_ALL, COND_ANY, COND_NOT, COND_TEST };

enum test_kind {
	T_EQ, T_NE, T_LT, T_LE, T_GT, T_GE, T_BETWEEN,	/* numbers */
	T_IS, T_IS_NOT, T_IN, T_NOT_IN,			/* text */
	T_BEFORE, T_AFTER, T_DAYS_AGO,			/* dates */
	T_EMPTY,
	T_IGNORE_CASE					/* a flag */
};

struct text_item {
	const char *s;		/* owned by the config document */
	size_t len;
};

struct test {
	enum test_kind kind;
	enum test_kind op;	/* days_ago: how the days compare (T_EQ..) */
	double lo, hi;		/* the number; between (and days_ago): both */
	int32_t date;		/* before, after */
	int flag;		/* empty: true or false */
	struct text_item text;	/* is, is_not */
	struct text_item *items;	/* in, not_in: sorted */
	size_t nitems;
};

struct cond {
	enum cond_type type;
	yaml_node_t *node;	/* its key (TEST: the column), or mapping */
	struct cond **kid;	/* ALL, ANY: nkid kids; NOT: one */
	size_t nkid;
	const char *column;	/* TEST */
	long col;		/* header index, from crm_rules_bind */
	int slot;		/* its cache slot, or -1 */
	struct test *test;
	size_t ntest;
	int ignore_case;
};

/* The values of one record read so far, by cache slot. */
struct cache {
	unsigned char have[CACHE_SLOTS];	/* HAVE_NUMBER | HAVE_DATE */
	double x[CACHE_SLOTS];
	int32_t day[CACHE_SLOTS];
};

#define HAVE_NUMBER	1
#define HAVE_DATE	2

struct rule {
	const char *name;	/* "" for a compiled condition */
	yaml_node_t *node;
	struct cond *when;
};

/* Match results by the texts of the columns read (see the top). */
struct memo {
	int on;
	long *col;			/* the columns read, once each */
	size_t ncol;
	struct crm_keyset keys;		/* their texts, NUL-terminated */
	long result[MEMO_MAX];		/* by key number */
	struct crm_rules_env env;	/* what the results were found under */
	char key[MEMO_KEY_MAX];
};

struct crm_rules {
	struct crm_config *cfg;	/* for bind errors; outlives the rules */
	struct rule *rule;
	size_t n;
	struct memo *memo;	/* NULL until bound */
};

struct compiler {
	struct crm_config *cfg;
	struct crm_error *e;
	size_t nodes;
	struct crm_keyset names;	/* the rules' names, numbered as the
					   rules while none repeats */
};

static const struct {
	const char *name;
	enum test_kind kind;
} test_names[] = {
	{ "equals", T_EQ }, { "=", T_EQ },
	{ "not_equals", T_NE }, { "!=", T_NE },
	{ "below", T_LT }, { "<", T_LT },
	{ "at_most", T_LE }, { "<=", T_LE },
	{ "above", T_GT }, { ">", T_GT },
	{ "at_least", T_GE }, { ">=", T_GE },
	{ "between", T_BETWEEN },
	{ "is", T_IS }, { "is_not", T_IS_NOT },
	{ "in", T_IN }, { "not_in", T_NOT_IN },
	{ "before", T_BEFORE }, { "after", T_AFTER },
	{ "days_ago", T_DAYS_AGO },
	{ "empty", T_EMPTY },
	{ "ignore_case", T_IGNORE_CASE },
};

#define ALL_TESTS	"equals, not_equals, below, at_most, above, " \
	"at_least, between, is, is_not, in, not_in, before, after, " \
	"days_ago, empty, ignore_case"
#define NUMBER_TESTS	"equals, not_equals, below, at_most, above, " \
	"at_least, between"

static const char *const rule_keys[] = { "name", "when", NULL };

static int
is_blank(int c)
{
	return c == ' ' || c == '\t';
}

/* Empty or only blanks: what the value parsers call missing. */
static int
is_empty(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!is_blank((unsigned char)s[i]))
			return 0;
	return 1;
}

static int
text_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t n = alen < blen ? alen : blen;
	int d;

	if (n > 0 && (d = memcmp(a, b, n)) != 0)
		return d;
	return alen < blen ? -1 : alen > blen;
}

static int
item_cmp(const void *pa, const void *pb)
{
	const struct text_item *a = pa, *b = pb;

	return text_cmp(a->s, a->len, b->s, b->len);
}

static int
item_casecmp(const void *pa, const void *pb)
{
	const struct text_item *a = pa, *b = pb;

	return crm_text_casecmp(a->s, a->len, b->s, b->len);
}

/* ---------------------------------------------------------------- */
/* Compiling */


static int
oom(struct crm_error *e)
{
	return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0, "out of memory");
}

static size_t
npairs(yaml_node_t *map)
{
	return (size_t)(map->data.mapping.pairs.top -
	    map->data.mapping.pairs.start);
}

static void
pair_nodes(struct compiler *c, yaml_node_t *map, size_t i, yaml_node_t **k,
    yaml_node_t **v)
{
	yaml_node_pair_t *p = map->data.mapping.pairs.start + i;

	*k = yaml_document_get_node(&c->cfg->doc, p->key);
	*v = yaml_document_get_node(&c->cfg->doc, p->value);
}

static struct cond *
new_cond(struct compiler *c, enum cond_type type, yaml_node_t *node)
{
	struct cond *d;

	if (++c->nodes > MAX_NODES) {
		crm_config_error_at(c->cfg, node, c->e,
		    "too many conditions (more than %d)", MAX_NODES);
		return NULL;
	}
	if ((d = calloc(1, sizeof(*d))) == NULL) {
		oom(c->e);
		return NULL;
	}
	d->type = type;
	d->node = node;
	d->col = -1;
	d->slot = -1;
	return d;
}

static void
free_cond(struct cond *d)
{
	size_t i;

	if (d == NULL)
		return;
	if (d->kid != NULL)
		for (i = 0; i < d->nkid; i++)
			free_cond(d->kid[i]);
	free(d->kid);
	if (d->test != NULL)
		for (i = 0; i < d->ntest; i++)
			free(d->test[i].items);
	free(d->test);
	free(d);
}

/* A new zeroed test at the end of d's tests. */
static struct test *
add_test(struct compiler *c, struct cond *d, enum test_kind kind)
{
	struct test *t;

	t = realloc(d->test, (d->ntest + 1) * sizeof(*t));
	if (t == NULL) {
		oom(c->e);
		return NULL;
	}
	d->test = t;
	t = &d->test[d->ntest++];
	memset(t, 0, sizeof(*t));
	t->kind = kind;
	return t;
}

static int
number_arg(struct compiler *c, yaml_node_t *n, double *out)
{
	return crm_config_number(c->cfg, n, out, c->e);
}

/* days_ago compares whole days: a fraction could never be equal. */
static int
days_arg(struct compiler *c, yaml_node_t *n, double *out)
{
	char q[64];

	if (number_arg(c, n, out) == -1)
		return -1;
	if (*out != floor(*out) || fabs(*out) > 1e9)
		return crm_config_error_at(c->cfg, n, c->e,
		    "expected a whole number of days, got %s",
		    crm_config_describe(n, q, sizeof(q)));
	return 0;
}

static int
between_arg(struct compiler *c, yaml_node_t *n, int days, double *lo,
    double *hi)
{
	int (*arg)(struct compiler *, yaml_node_t *, double *) =
	    days ? days_arg : number_arg;
	yaml_node_t *a, *b;
	char q[64], q2[64];

	if (n == NULL || n->type != YAML_SEQUENCE_NODE ||
	    n->data.sequence.items.top - n->data.sequence.items.start != 2)
		return crm_config_error_at(c->cfg, n, c->e,
		    "expected a list of two numbers [low, high], got %s",
		    n != NULL && n->type == YAML_SEQUENCE_NODE ?
		    "another list" : crm_config_describe(n, q, sizeof(q)));
	a = crm_config_seq_item(c->cfg, n, 0);
	b = crm_config_seq_item(c->cfg, n, 1);
	if (arg(c, a, lo) == -1 || arg(c, b, hi) == -1)
		return -1;
	if (*lo > *hi)
		return crm_config_error_at(c->cfg, n, c->e,
		    "expected low <= high in between, got %s above %s",
		    crm_config_describe(a, q, sizeof(q)),
		    crm_config_describe(b, q2, sizeof(q2)));
	return 0;
}

/*
 * A text to compare with.  An empty field fails `is` and `in` and
 * passes `is_not` and `not_in`, so an empty text could never do what it
 * seems to say: `empty:` is the test for that.
 */
static int
text_arg(struct compiler *c, yaml_node_t *n, struct text_item *out)
{
	char q[64];

	if (crm_config_string(c->cfg, n, &out->s, c->e) == -1)
		return -1;
	out->len = n->data.scalar.length;
	if (is_empty(out->s, out->len))
		return crm_config_error_at(c->cfg, n, c->e,
		    "expected a non-empty text (use empty: true), got %s",
		    crm_config_describe(n, q, sizeof(q)));
	return 0;
}

static int
list_arg(struct compiler *c, yaml_node_t *n, struct test *t)
{
	size_t i, len;

	if (crm_config_seq_len(c->cfg, n, &len, c->e) == -1)
		return -1;
	if (len == 0)
		return crm_config_error_at(c->cfg, n, c->e,
		    "expected at least one text in the list");
	if ((t->items = calloc(len, sizeof(*t->items))) == NULL)
		return oom(c->e);
	t->nitems = len;
	for (i = 0; i < len; i++)
		if (text_arg(c, crm_config_seq_item(c->cfg, n, i),
		    &t->items[i]) == -1)
			return -1;
	return 0;
}

static int
lookup_test(yaml_node_t *k, enum test_kind *kind)
{
	size_t i;

	for (i = 0; i < sizeof(test_names) / sizeof(test_names[0]); i++)
		if (crm_config_is(k, test_names[i].name)) {
			*kind = test_names[i].kind;
			return 0;
		}
	return -1;
}

static int
is_number_kind(enum test_kind k)
{
	return k <= T_BETWEEN;
}

static int
is_text_kind(enum test_kind k)
{
	return k >= T_IS && k <= T_NOT_IN;
}

/* days_ago: NUMBER or {NUMBER TEST: ARG, ...}, one test each. */
static int
compile_days_ago(struct compiler *c, struct cond *d, yaml_node_t *v)
{
	yaml_node_t *k, *a;
	struct test *t;
	enum test_kind op;
	size_t i, n;
	char q[64];

	if (v != NULL && v->type == YAML_SCALAR_NODE) {
		if ((t = add_test(c, d, T_DAYS_AGO)) == NULL)
			return -1;
		t->op = T_EQ;
		return days_arg(c, v, &t->lo);
	}
	if (v == NULL || v->type != YAML_MAPPING_NODE)
		return crm_config_error_at(c->cfg, v, c->e,
		    "expected a number of days or a mapping of tests, got %s",
		    crm_config_describe(v, q, sizeof(q)));
	if ((n = npairs(v)) == 0)
		return crm_config_error_at(c->cfg, v, c->e,
		    "expected at least one test");
	if (crm_config_unique_keys(c->cfg, v, "a test name", c->e) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		pair_nodes(c, v, i, &k, &a);
		if (lookup_test(k, &op) == -1 || !is_number_kind(op))
			return crm_config_error_at(c->cfg, k, c->e,
			    "unknown test %s for days_ago (expected "
			    NUMBER_TESTS ")",
			    crm_config_key_name(k, q, sizeof(q)));
		if ((t = add_test(c, d, T_DAYS_AGO)) == NULL)
			return -1;
		t->op = op;
		if ((op == T_BETWEEN ? between_arg(c, a, 1, &t->lo, &t->hi) :
		    days_arg(c, a, &t->lo)) == -1)
			return -1;
	}
	return 0;
}

static int
compile_test(struct compiler *c, struct cond *d, enum test_kind kind,
    yaml_node_t *v)
{
	struct test *t;

	if (kind == T_DAYS_AGO)
		return compile_days_ago(c, d, v);
	if ((t = add_test(c, d, kind)) == NULL)
		return -1;
	switch (kind) {
	case T_BETWEEN:
		return between_arg(c, v, 0, &t->lo, &t->hi);
	case T_IS:
	case T_IS_NOT:
		return text_arg(c, v, &t->text);
	case T_IN:
	case T_NOT_IN:
		return list_arg(c, v, t);
	case T_BEFORE:
	case T_AFTER:
		return crm_config_date(c->cfg, v, &t->date, c->e);
	case T_EMPTY:
		return crm_config_bool(c->cfg, v, &t->flag, c->e);
	default:
		return number_arg(c, v, &t->lo);
	}
}

/* COLUMN: {TEST: ARG, ...} */
static int
compile_tests(struct compiler *c, struct cond *d, yaml_node_t *map)
{
	yaml_node_t *k, *v, *ic = NULL;
	enum test_kind kind;
	size_t i, n = npairs(map);
	int text = 0;
	char q[64];

	if (n == 0)
		return crm_config_error_at(c->cfg, map, c->e,
		    "expected at least one test for column '%s'", d->column);
	if (crm_config_unique_keys(c->cfg, map, "a test name", c->e) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		pair_nodes(c, map, i, &k, &v);
		if (lookup_test(k, &kind) == -1)
			return crm_config_error_at(c->cfg, k, c->e,
			    "unknown test %s (expected " ALL_TESTS ")",
			    crm_config_key_name(k, q, sizeof(q)));
		if (kind == T_IGNORE_CASE) {
			if (crm_config_bool(c->cfg, v, &d->ignore_case,
			    c->e) == -1)
				return -1;
			ic = k;
			continue;
		}
		text |= is_text_kind(kind);
		if (compile_test(c, d, kind, v) == -1)
			return -1;
	}
	if (ic != NULL && !text)
		return crm_config_error_at(c->cfg, ic, c->e,
		    "ignore_case needs is, is_not, in or not_in beside it");
	for (i = 0; i < d->ntest; i++)
		if (d->test[i].items != NULL)
			qsort(d->test[i].items, d->test[i].nitems,
			    sizeof(*d->test[i].items), d->ignore_case ?
			    item_casecmp : item_cmp);
	return 0;
}

/*
 * COLUMN: SCALAR.  A plain scalar that reads as a number is `equals`;
 * anything else, a quoted "42" included (YAML's way of saying text), is
 * `is`.
 */
static int
compile_shorthand(struct compiler *c, struct cond *d, yaml_node_t *v)
{
	const char *s = (const char *)v->data.scalar.value;
	struct test *t;
	double x;

	if (v->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	    strlen(s) == v->data.scalar.length &&
	    crm_number_parse(s, 0, &x, NULL) == CRM_VALUE_OK && isfinite(x)) {
		if ((t = add_test(c, d, T_EQ)) == NULL)
			return -1;
		t->lo = x;
		return 0;
	}
	if ((t = add_test(c, d, T_IS)) == NULL)
		return -1;
	return text_arg(c, v, &t->text);
}

static int compile_cond(struct compiler *c, yaml_node_t *n, int depth,
    struct cond **out);

/* all: / any: [CONDITION, ...] */
static int
compile_list(struct compiler *c, struct cond *d, yaml_node_t *k,
    yaml_node_t *v, int depth)
{
	size_t i, len;
	char q[64];

	if (v == NULL || v->type != YAML_SEQUENCE_NODE)
		return crm_config_error_at(c->cfg, v != NULL ? v : k, c->e,
		    "%s: expected a list of conditions, got %s",
		    (const char *)k->data.scalar.value,
		    crm_config_describe(v, q, sizeof(q)));
	crm_config_seq_len(c->cfg, v, &len, c->e);
	if (len > 0 && (d->kid = calloc(len, sizeof(*d->kid))) == NULL)
		return oom(c->e);
	d->nkid = len;
	for (i = 0; i < len; i++)
		if (compile_cond(c, crm_config_seq_item(c->cfg, v, i),
		    depth + 1, &d->kid[i]) == -1)
			return -1;
	return 0;
}

/* One entry of a condition mapping. */
static int
compile_entry(struct compiler *c, yaml_node_t *k, yaml_node_t *v, int depth,
    struct cond **out)
{
	struct cond *d;
	char q[64];

	if (crm_config_is(k, "all") || crm_config_is(k, "any")) {
		if ((d = *out = new_cond(c, crm_config_is(k, "all") ?
		    COND_ALL : COND_ANY, k)) == NULL)
			return -1;
		return compile_list(c, d, k, v, depth);
	}
	if (crm_config_is(k, "not")) {
		if ((d = *out = new_cond(c, COND_NOT, k)) == NULL)
			return -1;
		if ((d->kid = calloc(1, sizeof(*d->kid))) == NULL)
			return oom(c->e);
		d->nkid = 1;
		return compile_cond(c, v, depth + 1, &d->kid[0]);
	}
	if ((d = *out = new_cond(c, COND_TEST, k)) == NULL)
		return -1;
	if (crm_config_string(c->cfg, k, &d->column, c->e) == -1)
		return -1;
	if (d->column[0] == '\0')
		return crm_config_error_at(c->cfg, k, c->e,
		    "expected a column name, got \"\"");
	if (v != NULL && v->type == YAML_SCALAR_NODE)
		return compile_shorthand(c, d, v);
	if (v != NULL && v->type == YAML_MAPPING_NODE)
		return compile_tests(c, d, v);
	return crm_config_error_at(c->cfg, v != NULL ? v : k, c->e,
	    "column '%s': expected a value or a mapping of tests, got %s",
	    d->column, crm_config_describe(v, q, sizeof(q)));
}

/* A CONDITION mapping: one entry is itself, several are an ALL. */
static int
compile_cond(struct compiler *c, yaml_node_t *n, int depth,
    struct cond **out)
{
	yaml_node_t *k, *v;
	struct cond *d;
	size_t i, np;
	char q[64];

	*out = NULL;
	if (n == NULL || n->type != YAML_MAPPING_NODE)
		return crm_config_error_at(c->cfg, n, c->e,
		    "expected a condition (a mapping), got %s",
		    crm_config_describe(n, q, sizeof(q)));
	if (depth > MAX_DEPTH)
		return crm_config_error_at(c->cfg, n, c->e,
		    "conditions nested too deeply (more than %d levels)",
		    MAX_DEPTH);
	if (crm_config_unique_keys(c->cfg, n,
	    "a column name or all, any, not", c->e) == -1)
		return -1;
	np = npairs(n);
	if (np == 1) {
		pair_nodes(c, n, 0, &k, &v);
		return compile_entry(c, k, v, depth, out);
	}
	if ((d = *out = new_cond(c, COND_ALL, n)) == NULL)
		return -1;
	if (np > 0 && (d->kid = calloc(np, sizeof(*d->kid))) == NULL)
		return oom(c->e);
	d->nkid = np;
	for (i = 0; i < np; i++) {
		pair_nodes(c, n, i, &k, &v);
		if (compile_entry(c, k, v, depth, &d->kid[i]) == -1)
			return -1;
	}
	return 0;
}

static struct crm_rules *
new_rules(struct crm_config *cfg, size_t n, struct crm_error *e)
{
	struct crm_rules *r;

	if ((r = calloc(1, sizeof(*r))) == NULL ||
	    (n > 0 && (r->rule = calloc(n, sizeof(*r->rule))) == NULL)) {
		free(r);
		oom(e);
		return NULL;
	}
	r->cfg = cfg;
	r->n = n;
	return r;
}

static int
compile_rule(struct compiler *c, struct crm_rules *r, size_t i,
    yaml_node_t *item)
{
	struct rule *rule = &r->rule[i];
	yaml_node_t *name, *when, *other;
	long j;
	int added;
	char q[64];

	rule->node = item;
	if (crm_config_check_keys(c->cfg, item, rule_keys, c->e) == -1)
		return -1;
	if ((name = crm_config_get(c->cfg, item, "name")) == NULL)
		return crm_config_error_at(c->cfg, item, c->e,
		    "missing key 'name'");
	if ((when = crm_config_get(c->cfg, item, "when")) == NULL)
		return crm_config_error_at(c->cfg, item, c->e,
		    "missing key 'when'");
	if (crm_config_string(c->cfg, name, &rule->name, c->e) == -1)
		return -1;
	if (rule->name[0] == '\0')
		return crm_config_error_at(c->cfg, name, c->e,
		    "expected a rule name, got \"\"");
	/* hashed: 100,000 rules load in linear time */
	if ((j = crm_keyset_add(&c->names, rule->name, strlen(rule->name),
	    &added, c->e)) < 0)
		return -1;
	if (!added) {
		other = crm_config_get(c->cfg, r->rule[j].node, "name");
		return crm_config_error_at(c->cfg, name, c->e,
		    "duplicate rule name %s (first at line %ld)",
		    crm_config_describe(name, q, sizeof(q)),
		    (long)other->start_mark.line + 1);
	}
	return compile_cond(c, when, 0, &rule->when);
}

struct crm_rules *
crm_rules_compile(struct crm_config *cfg, yaml_node_t *rules,
    struct crm_error *e)
{
	struct compiler c = { .cfg = cfg, .e = e };
	struct crm_rules *r;
	size_t i, n;

	if (crm_config_seq_len(cfg, rules, &n, e) == -1)
		return NULL;
	if (n == 0) {
		crm_config_error_at(cfg, rules, e,
		    "expected at least one rule");
		return NULL;
	}
	if ((r = new_rules(cfg, n, e)) == NULL)
		return NULL;
	crm_keyset_init(&c.names);
	for (i = 0; i < n; i++)
		if (compile_rule(&c, r, i, crm_config_seq_item(cfg, rules,
		    i)) == -1) {
			crm_keyset_free(&c.names);
			crm_rules_free(r);
			return NULL;
		}
	crm_keyset_free(&c.names);
	return r;
}

struct crm_rules *
crm_rules_compile_condition(struct crm_config *cfg, yaml_node_t *when,
    struct crm_error *e)
{
	struct compiler c = { .cfg = cfg, .e = e };
	struct crm_rules *r;

	if ((r = new_rules(cfg, 1, e)) == NULL)
		return NULL;
	r->rule[0].name = "";
	r->rule[0].node = when;
	if (compile_cond(&c, when, 0, &r->rule[0].when) == -1) {
		crm_rules_free(r);
		return NULL;
	}
	return r;
}

/* ---------------------------------------------------------------- */
/* Binding */

/* The wording of crm_header_missing, at the config's position. */
static int
missing_column(const struct crm_rules *r, const struct cond *d,
    const struct crm_header *h, struct crm_error *e)
{
	crm_header_missing(h, d->column, e);
	return crm_config_error_at(r->cfg, d->node, e, "%s", e->msg);
}

/*
 * slot_of[col] is the cache slot of header column col, or -1 while no
 * condition reads it; each column read is listed once in m->col.
 */
static int
bind_cond(const struct crm_rules *r, struct cond *d,
    const struct crm_header *h, int *slot_of, int *nslots, struct memo *m,
    struct crm_error *e)
{
	size_t i;

	if (d == NULL)
		return 0;
	if (d->type != COND_TEST) {
		for (i = 0; i < d->nkid; i++)
			if (bind_cond(r, d->kid[i], h, slot_of, nslots, m,
			    e) == -1)
				return -1;
		return 0;
	}
	if (crm_header_find(h, d->column) < 0)
		return missing_column(r, d, h, e);
	/* a column named twice: which one does the rule test? */
	if (crm_header_require(h, d->column, &d->col, e) < 0)
		return -1;
	i = (size_t)d->col;
	if (slot_of[i] == -1) {
		m->col[m->ncol++] = (long)i;
		/* past the cache's slots, a column is read per node */
		slot_of[i] = *nslots < CACHE_SLOTS ? (*nslots)++ : -2;
	}
	d->slot = slot_of[i] >= 0 ? slot_of[i] : -1;
	return 0;
}

static void
memo_free(struct memo *m)
{
	if (m == NULL)
		return;
	crm_keyset_free(&m->keys);
	free(m->col);
	free(m);
}

int
crm_rules_bind(struct crm_rules *r, const struct crm_header *h,
    struct crm_error *e)
{
	const struct crm_record *header = h->rec;
	int *slot_of, nslots = 0, rc = 0;
	struct memo *m;
	size_t i;

	memo_free(r->memo);
	r->memo = NULL;
	slot_of = malloc((header->n + 1) * sizeof(*slot_of));
	m = calloc(1, sizeof(*m));
	if (slot_of == NULL || m == NULL ||
	    (m->col = malloc((header->n + 1) * sizeof(*m->col))) == NULL) {
		free(slot_of);
		memo_free(m);
		return oom(e);
	}
	crm_keyset_init(&m->keys);
	for (i = 0; i < header->n; i++)
		slot_of[i] = -1;
	for (i = 0; i < r->n && rc == 0; i++)
		rc = bind_cond(r, r->rule[i].when, h, slot_of, &nslots, m,
		    e);
	free(slot_of);
	if (rc < 0) {
		memo_free(m);
		return rc;
	}
	m->on = 1;
	r->memo = m;
	return 0;
}

/* ---------------------------------------------------------------- */
/* Matching */

static int
compare(enum test_kind op, double x, double lo, double hi)
{
	switch (op) {
	case T_EQ:
		return x == lo;
	case T_NE:
		return x != lo;
	case T_LT:
		return x < lo;
	case T_LE:
		return x <= lo;
	case T_GT:
		return x > lo;
	case T_GE:
		return x >= lo;
	case T_BETWEEN:
		return x >= lo && x <= hi;
	default:
		return 0;
	}
}

static int
text_equal(const struct cond *d, const char *s, size_t len,
    const struct text_item *t)
{
	if (len != t->len)
		return 0;
	return d->ignore_case ? crm_text_casecmp(s, len, t->s, t->len) == 0 :
	    memcmp(s, t->s, len) == 0;
}

static int
text_in(const struct cond *d, const char *s, size_t len,
    const struct test *t)
{
	struct text_item key = { s, len };

	return bsearch(&key, t->items, t->nitems, sizeof(*t->items),
	    d->ignore_case ? item_casecmp : item_cmp) != NULL;
}

static int
bad_value(const struct cond *d, const char *what, const char *s, size_t len,
    struct crm_error *e)
{
	char q[64];

	return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
	    "column '%s': invalid %s %s", d->column, what,
	    crm_error_quote(s, len, q, sizeof(q)));
}

/*
 * The field a TEST node reads, and its value as a number and as a date
 * once read: from the record's cache when d has a slot, else for this
 * node alone.
 */
struct field {
	const char *s;
	size_t len;
	double x;
	int32_t day;
	int have;		/* HAVE_NUMBER | HAVE_DATE */
};

static int
field_number(const struct cond *d, struct field *f,
    const struct crm_rules_env *env, struct cache *cache,
    struct crm_error *e)
{
	if (f->have & HAVE_NUMBER)
		return 0;
	if (crm_number_parse(f->s, env->decimal_comma, &f->x, NULL) !=
	    CRM_VALUE_OK || !isfinite(f->x))
		return bad_value(d, "number", f->s, f->len, e);
	f->have |= HAVE_NUMBER;
	if (d->slot >= 0) {
		cache->x[d->slot] = f->x;
		cache->have[d->slot] |= HAVE_NUMBER;
	}
	return 0;
}

static int
field_date(const struct cond *d, struct field *f,
    const struct crm_rules_env *env, struct cache *cache,
    struct crm_error *e)
{
	if (f->have & HAVE_DATE)
		return 0;
	if (crm_date_parse(f->s, env->date_format, &f->day) != CRM_VALUE_OK)
		return crm_field_bad_date(d->column, f->s, f->len,
		    env->date_format, e);
	f->have |= HAVE_DATE;
	if (d->slot >= 0) {
		cache->day[d->slot] = f->day;
		cache->have[d->slot] |= HAVE_DATE;
	}
	return 0;
}

/* An empty field passes empty: true and the negative tests only. */
static int
empty_holds(const struct cond *d)
{
	const struct test *t;
	size_t i;

	for (i = 0; i < d->ntest; i++) {
		t = &d->test[i];
		if (!(t->kind == T_EMPTY ? t->flag : (t->kind == T_IS_NOT ||
		    t->kind == T_NOT_IN || t->kind == T_NE)))
			return 0;
	}
	return 1;
}

/* 1 when test t of d holds on the (non-empty) field, 0 when not, -1. */
static int
test_holds(const struct cond *d, const struct test *t, struct field *f,
    const struct crm_rules_env *env, struct cache *cache,
    struct crm_error *e)
{
	switch (t->kind) {
	case T_IS:
		return text_equal(d, f->s, f->len, &t->text);
	case T_IS_NOT:
		return !text_equal(d, f->s, f->len, &t->text);
	case T_IN:
		return text_in(d, f->s, f->len, t);
	case T_NOT_IN:
		return !text_in(d, f->s, f->len, t);
	case T_EMPTY:
		return !t->flag;
	case T_BEFORE:
	case T_AFTER:
	case T_DAYS_AGO:
		if (field_date(d, f, env, cache, e) == -1)
			return -1;
		if (t->kind == T_BEFORE)
			return f->day < t->date;
		if (t->kind == T_AFTER)
			return f->day > t->date;
		return compare(t->op, (double)env->as_of - (double)f->day,
		    t->lo, t->hi);
	default:
		if (field_number(d, f, env, cache, e) == -1)
			return -1;
		return compare(t->kind, f->x, t->lo, t->hi);
	}
}

/* 1 when every test of d holds on rec's field, 0 when not, -1 on error. */
static int
eval_test(const struct cond *d, const struct crm_record *rec,
    const struct crm_rules_env *env, struct cache *cache,
    struct crm_error *e)
{
	struct field f;
	size_t i;
	int rc;

	if (d->col < 0 || (size_t)d->col >= rec->n)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "column '%s': no such field in the record", d->column);
	f.s = rec->field[d->col];
	f.len = rec->len[d->col];
	if (is_empty(f.s, f.len))
		return empty_holds(d);
	f.have = d->slot >= 0 ? cache->have[d->slot] : 0;
	if (f.have & HAVE_NUMBER)
		f.x = cache->x[d->slot];
	if (f.have & HAVE_DATE)
		f.day = cache->day[d->slot];
	for (i = 0; i < d->ntest; i++)
		if ((rc = test_holds(d, &d->test[i], &f, env, cache, e)) != 1)
			return rc;
	return 1;
}

static int
eval(const struct cond *d, const struct crm_record *rec,
    const struct crm_rules_env *env, struct cache *cache,
    struct crm_error *e)
{
	size_t i;
	int rc;

	switch (d->type) {
	case COND_ALL:
		for (i = 0; i < d->nkid; i++)
			if ((rc = eval(d->kid[i], rec, env, cache, e)) != 1)
				return rc;
		return 1;
	case COND_ANY:
		for (i = 0; i < d->nkid; i++)
			if ((rc = eval(d->kid[i], rec, env, cache, e)) != 0)
				return rc;
		return 0;
	case COND_NOT:
		rc = eval(d->kid[0], rec, env, cache, e);
		return rc == -1 ? -1 : !rc;
	default:
		return eval_test(d, rec, env, cache, e);
	}
}

static int
same_env(const struct crm_rules_env *a, const struct crm_rules_env *b)
{
	return a->as_of == b->as_of && a->decimal_comma == b->decimal_comma &&
	    (a->date_format == b->date_format ||
	    (a->date_format != NULL && b->date_format != NULL &&
	    strcmp(a->date_format, b->date_format) == 0));
}

/*
 * The memo's key for rec, the read columns' texts each NUL-terminated
 * (fields hold no NUL), in m->key; 0 when rec cannot be looked up.
 */
static size_t
memo_key(struct memo *m, const struct crm_record *rec)
{
	size_t i, len = 0;

	for (i = 0; i < m->ncol; i++) {
		size_t c = (size_t)m->col[i];

		if (c >= rec->n || len + rec->len[c] + 1 > MEMO_KEY_MAX)
			return 0;
		memcpy(m->key + len, rec->field[c], rec->len[c]);
		m->key[len + rec->len[c]] = '\0';
		len += rec->len[c] + 1;
	}
	return len;
}

static long
match(const struct crm_rules *r, const struct crm_record *rec,
    const struct crm_rules_env *env, struct crm_error *e)
{
	struct cache cache;
	size_t i;
	int rc;

	memset(cache.have, 0, sizeof(cache.have));
	for (i = 0; i < r->n; i++) {
		if ((rc = eval(r->rule[i].when, rec, env, &cache, e)) == -1)
			return -1;
		if (rc)
			return (long)i;
	}
	return (long)r->n;
}

long
crm_rules_match(struct crm_rules *r, const struct crm_record *rec,
    const struct crm_rules_env *env, struct crm_error *e)
{
	static const struct crm_rules_env defaults;
	struct memo *m = r->memo;
	struct crm_error ignored;
	size_t len = 0;
	long k, which;
	int added;

	if (env == NULL)
		env = &defaults;
	if (m != NULL && m->on) {
		if (m->keys.n > 0 && !same_env(&m->env, env)) {
			crm_keyset_free(&m->keys);
			crm_keyset_init(&m->keys);
		}
		m->env = *env;
		len = memo_key(m, rec);
		if (len > 0 &&
		    (k = crm_keyset_find(&m->keys, m->key, len)) >= 0)
			return m->result[k];
	}
	which = match(r, rec, env, e);
	if (which < 0 || len == 0)
		return which;
	if (m->keys.n == MEMO_MAX) {
		/* too varied to be worth remembering */
		m->on = 0;
		crm_keyset_free(&m->keys);
	} else if ((k = crm_keyset_add(&m->keys, m->key, len, &added,
	    &ignored)) >= 0) {
		m->result[k] = which;
	} else {
		m->on = 0;	/* out of memory: go on without */
	}
	return which;
}

int
crm_rules_holds(const struct crm_rules *r, size_t i,
    const struct crm_record *rec, const struct crm_rules_env *env,
    struct crm_error *e)
{
	static const struct crm_rules_env defaults;
	struct cache cache;

	if (env == NULL)
		env = &defaults;
	memset(cache.have, 0, sizeof(cache.have));
	return eval(r->rule[i].when, rec, env, &cache, e);
}

/* ---------------------------------------------------------------- */
/* Cut points (--lint) */

/* A day some whole number of days from as_of, kept in int32_t's range. */
static int32_t
days_before(int32_t as_of, double days)
{
	double d = (double)as_of - days;

	return d < INT32_MIN ? INT32_MIN : d > INT32_MAX ? INT32_MAX :
	    (int32_t)d;
}

/* The points of one test of d, a TEST node. */
static int
test_points(const struct cond *d, const struct test *t, int32_t as_of,
    int (*fn)(const struct crm_rules_point *, void *, struct crm_error *),
    void *ctx, struct crm_error *e)
{
	struct crm_rules_point p = { d->column, CRM_RULES_NUMBER,
	    d->ignore_case, 0, 0, NULL, 0 };
	size_t i;
	int two = t->kind == T_BETWEEN || (t->kind == T_DAYS_AGO &&
	    t->op == T_BETWEEN);

	if (is_number_kind(t->kind) || t->kind == T_DAYS_AGO) {
		p.kind = t->kind == T_DAYS_AGO ? CRM_RULES_DATE :
		    CRM_RULES_NUMBER;
		for (i = 0; i < (two ? 2u : 1u); i++) {
			p.x = i == 0 ? t->lo : t->hi;
			p.day = days_before(as_of, p.x);
			if (fn(&p, ctx, e) < 0)
				return -1;
		}
		return 0;
	}
	switch (t->kind) {
	case T_IS:
	case T_IS_NOT:
		p.kind = CRM_RULES_TEXT;
		p.s = t->text.s;
		p.len = t->text.len;
		return fn(&p, ctx, e);
	case T_IN:
	case T_NOT_IN:
		p.kind = CRM_RULES_TEXT;
		for (i = 0; i < t->nitems; i++) {
			p.s = t->items[i].s;
			p.len = t->items[i].len;
			if (fn(&p, ctx, e) < 0)
				return -1;
		}
		return 0;
	case T_BEFORE:
	case T_AFTER:
		p.kind = CRM_RULES_DATE;
		p.day = t->date;
		return fn(&p, ctx, e);
	default:
		p.kind = CRM_RULES_EMPTY;
		return fn(&p, ctx, e);
	}
}

static int
cond_points(const struct cond *d, int32_t as_of,
    int (*fn)(const struct crm_rules_point *, void *, struct crm_error *),
    void *ctx, struct crm_error *e)
{
	size_t i;

	if (d == NULL)
		return 0;
	for (i = 0; i < d->nkid; i++)
		if (cond_points(d->kid[i], as_of, fn, ctx, e) < 0)
			return -1;
	for (i = 0; d->type == COND_TEST && i < d->ntest; i++)
		if (test_points(d, &d->test[i], as_of, fn, ctx, e) < 0)
			return -1;
	return 0;
}

int
crm_rules_points(const struct crm_rules *r,
    const struct crm_rules_env *env,
    int (*fn)(const struct crm_rules_point *p, void *ctx,
    struct crm_error *e), void *ctx, struct crm_error *e)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (cond_points(r->rule[i].when, env != NULL ? env->as_of : 0,
		    fn, ctx, e) < 0)
			return -1;
	return 0;
}

size_t
crm_rules_count(const struct crm_rules *r)
{
	return r->n;
}

const char *
crm_rules_name(const struct crm_rules *r, size_t i)
{
	return i < r->n ? r->rule[i].name : NULL;
}

void
crm_rules_free(struct crm_rules *r)
{
	size_t i;

	if (r == NULL)
		return;
	if (r->rule != NULL)
		for (i = 0; i < r->n; i++)
			free_cond(r->rule[i].when);
	free(r->rule);
	memo_free(r->memo);
	free(r);
}
