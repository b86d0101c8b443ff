/*
 * lint.c - which segment rules can never match (see lint.h).
 *
 * Three steps: gather each column's cut points from the rules and the
 * guards (crm_rules_points), turn them into the column's values (one per
 * class the tests cannot tell apart), then try every combination of
 * values as a record, with the rules' own matching.  Nothing here
 * re-implements a test: a value is only ever judged by rules.c.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "keyset.h"
#include "lint.h"
#include "table.h"
#include "u64set.h"
#include "value.h"

/* Room for any number written by number_text (see value.c's limit). */
#define NUMBER_TEXT	400

struct text {
	const char *s;
	size_t len;
	int anycase;
};

struct column {
	const char *name;
	double *num;
	size_t nnum, capnum;
	int32_t *day;
	size_t nday, capday;
	struct text *text;
	size_t ntext, captext;
	struct crm_keyset exact;	/* the texts compared with */
	struct crm_keyset folded;	/* the same in lower case */
	struct crm_keyset values;	/* the grid's values, distinct */
	const struct crm_rules_env *env;	/* how the rules read them */
};

struct grid {
	struct crm_keyset names;	/* numbered as col */
	struct column *col;
	size_t ncol, capcol;
};

static int
oom(struct crm_error *e)
{
	return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0, "out of memory");
}

/* Makes room for one more element of size bytes in *p. */
static int
grow(void *pp, size_t *cap, size_t n, size_t size, struct crm_error *e)
{
	void **p = pp, *q;
	size_t c;

	if (n < *cap)
		return 0;
	c = *cap ? *cap * 2 : 8;
	if ((q = realloc(*p, c * size)) == NULL)
		return oom(e);
	*p = q;
	*cap = c;
	return 0;
}

static int
is_letter(int ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static int
to_lower(int ch)
{
	return ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch;
}

static int
lower_key(struct crm_keyset *ks, const char *s, size_t len, long *found,
    int add, struct crm_error *e)
{
	char *low = malloc(len + 1);
	size_t i;
	int added;

	if (low == NULL)
		return oom(e);
	for (i = 0; i < len; i++)
		low[i] = (char)to_lower((unsigned char)s[i]);
	if (add)
		*found = crm_keyset_add(ks, low, len, &added, e);
	else
		*found = crm_keyset_find(ks, low, len);
	free(low);
	return add && *found < 0 ? -1 : 0;
}

static int
take_text(struct column *c, const struct crm_rules_point *p,
    struct crm_error *e)
{
	long k;
	int added;

	if (grow(&c->text, &c->captext, c->ntext, sizeof(*c->text), e) < 0 ||
	    crm_keyset_add(&c->exact, p->s, p->len, &added, e) < 0 ||
	    lower_key(&c->folded, p->s, p->len, &k, 1, e) < 0)
		return -1;
	c->text[c->ntext++] = (struct text){ p->s, p->len, p->anycase };
	return 0;
}

/* crm_rules_points' callback: one cut point into its column. */
static int
take_point(const struct crm_rules_point *p, void *ctx, struct crm_error *e)
{
	struct grid *g = ctx;
	struct column *c;
	long i;
	int added;

	if ((i = crm_keyset_add(&g->names, p->column, strlen(p->column),
	    &added, e)) < 0)
		return -1;
	if (added) {
		if (grow(&g->col, &g->capcol, g->ncol, sizeof(*g->col),
		    e) < 0)
			return -1;
		memset(&g->col[g->ncol], 0, sizeof(*g->col));
		g->col[g->ncol++].name = p->column;
	}
	c = &g->col[i];
	switch (p->kind) {
	case CRM_RULES_NUMBER:
		if (grow(&c->num, &c->capnum, c->nnum, sizeof(*c->num),
		    e) < 0)
			return -1;
		c->num[c->nnum++] = p->x;
		return 0;
	case CRM_RULES_DATE:
		if (grow(&c->day, &c->capday, c->nday, sizeof(*c->day),
		    e) < 0)
			return -1;
		c->day[c->nday++] = p->day;
		return 0;
	case CRM_RULES_TEXT:
		return take_text(c, p, e);
	default:
		return 0;	/* the empty field is every column's value */
	}
}

/* ---------------------------------------------------------------- */
/* Values */

/*
 * Writes x so that crm_number_parse reads it back exactly: 17
 * significant digits ("%.16e"), which always read back, less trailing
 * zeros, placed without an exponent, which the contract's numbers do
 * not have.
 */
static void
number_text(double x, char *buf)
{
	char sci[40], digits[20], *p = sci, *q;
	int exp, nd = 0, i, o = 0;

	snprintf(sci, sizeof(sci), "%.16e", x == 0 ? 0.0 : x);
	if (*p == '-') {
		buf[o++] = '-';
		p++;
	}
	digits[nd++] = p[0];
	for (q = p + 2; *q != 'e'; q++)
		digits[nd++] = *q;
	exp = atoi(q + 1);
	while (nd > 1 && digits[nd - 1] == '0')
		nd--;
	if (exp >= 0) {
		for (i = 0; i <= exp || i < nd; i++) {
			if (i == exp + 1)
				buf[o++] = '.';
			buf[o++] = i < nd ? digits[i] : '0';
		}
	} else {
		buf[o++] = '0';
		buf[o++] = '.';
		for (i = 0; i < -exp - 1; i++)
			buf[o++] = '0';
		for (i = 0; i < nd; i++)
			buf[o++] = digits[i];
	}
	buf[o] = '\0';
}

static int
add_value(struct column *c, const char *s, size_t len, struct crm_error *e)
{
	int added;

	return crm_keyset_add(&c->values, s, len, &added, e) < 0 ? -1 : 0;
}

/*
 * A number's or a date's spelling s, and when the rules compare the
 * column with that very text, or with it ignoring case (a month name of
 * --date-format's %b), another spelling of the same value that no text
 * equals: s with spaces after it, which numbers and dates allow.
 */
static int
add_spelled(struct column *c, char *s, size_t size, struct crm_error *e)
{
	size_t first = strlen(s), len = first;
	long k = 0;

	if (add_value(c, s, len, e) < 0)
		return -1;
	/* a text equal to s has its lower case in folded */
	for (; len + 1 < size; s[len++] = ' ', s[len] = '\0') {
		if (lower_key(&c->folded, s, len, &k, 0, e) < 0)
			return -1;
		if (k < 0)
			return len == first ? 0 : add_value(c, s, len, e);
	}
	return 0;
}

static int
add_number(struct column *c, double x, struct crm_error *e)
{
	char buf[NUMBER_TEXT];
	double back;

	/* beyond the end of the doubles, the last one */
	if (!isfinite(x))
		x = copysign(DBL_MAX, x);
	number_text(x, buf);
	if (c->env->decimal_comma && strchr(buf, '.') != NULL)
		*strchr(buf, '.') = ',';
	/* never fails for a finite double; a cell it would miss is none */
	if (crm_number_parse(buf, c->env->decimal_comma, &back, NULL) !=
	    CRM_VALUE_OK || back != x)
		return 0;
	return add_spelled(c, buf, sizeof(buf), e);
}

static int
by_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int
by_day(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;

	return x < y ? -1 : x > y;
}

/* Each cut point, one number between neighbours, one beyond each end. */
static int
number_values(struct column *c, struct crm_error *e)
{
	double *v = c->num, m;
	size_t i, n = c->nnum;

	if (n == 0)
		return 0;
	qsort(v, n, sizeof(*v), by_double);
	if (add_number(c, v[0] - fmax(1, fabs(v[0])), e) < 0 ||
	    add_number(c, v[n - 1] + fmax(1, fabs(v[n - 1])), e) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (add_number(c, v[i], e) < 0)
			return -1;
		m = v[i] / 2 + v[i + (i + 1 < n)] / 2;
		/* neighbouring doubles have nothing between them */
		if (i + 1 < n && v[i] < m && m < v[i + 1] &&
		    add_number(c, m, e) < 0)
			return -1;
	}
	return 0;
}

/*
 * Writes day as the format fmt (crm_date_format_check's) reads it, at
 * midnight; buf holds 64 bytes.  Returns -1 when it would not fit.
 */
static int
date_text(int32_t day, const char *fmt, char *buf)
{
	static const char months[12][4] = { "Jan", "Feb", "Mar", "Apr",
	    "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	size_t o = 0;
	int y, m, d, n;

	crm_civil_from_days(day, &y, &m, &d);
	for (; *fmt != '\0' && o < 48; fmt++) {
		if (*fmt != '%' || fmt[1] == '\0') {
			buf[o++] = *fmt;
			continue;
		}
		switch (*++fmt) {
		case 'Y': n = sprintf(buf + o, "%04d", y); break;
		case 'm': n = sprintf(buf + o, "%02d", m); break;
		case 'd': n = sprintf(buf + o, "%02d", d); break;
		case 'b': n = sprintf(buf + o, "%s", months[m - 1]); break;
		case '%': n = sprintf(buf + o, "%%"); break;
		default: n = sprintf(buf + o, "00"); break;	/* %H %M %S */
		}
		o += (size_t)n;
	}
	buf[o] = '\0';
	return *fmt == '\0' ? 0 : -1;
}

static int
add_day(struct column *c, int64_t day, struct crm_error *e)
{
	char buf[64];
	int32_t back;
	int y, m, d;

	if (day < INT32_MIN || day > INT32_MAX)
		return 0;
	crm_civil_from_days((int32_t)day, &y, &m, &d);
	if (y < 1 || y > 9999)
		return 0;	/* no date of the contract */
	if (c->env->date_format == NULL)
		crm_date_format((int32_t)day, buf);
	else if (date_text((int32_t)day, c->env->date_format, buf) < 0)
		return 0;
	/* a cell that no field reaches is none */
	if (crm_date_parse(buf, c->env->date_format, &back) != CRM_VALUE_OK ||
	    back != day)
		return 0;
	return add_spelled(c, buf, sizeof(buf), e);
}

/* Each day, one between two more than a day apart, one beyond each end. */
static int
date_values(struct column *c, struct crm_error *e)
{
	int32_t *v = c->day;
	size_t i, n = c->nday;

	if (n == 0)
		return 0;
	qsort(v, n, sizeof(*v), by_day);
	if (add_day(c, (int64_t)v[0] - 1, e) < 0 ||
	    add_day(c, (int64_t)v[n - 1] + 1, e) < 0)
		return -1;
	for (i = 0; i < n; i++)
		if (add_day(c, v[i], e) < 0 || (i + 1 < n &&
		    (int64_t)v[i + 1] - v[i] >= 2 && add_day(c,
		    ((int64_t)v[i] + v[i + 1]) / 2, e) < 0))
			return -1;
	return 0;
}

/*
 * Where x falls among the sorted v: 2k when k of them lie below it, and
 * 2k + 1 when it is the next one.
 */
static uint64_t
where_number(const double *v, size_t n, double x)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi)
		if (v[mid = lo + (hi - lo) / 2] < x)
			lo = mid + 1;
		else
			hi = mid;
	return 2 * (uint64_t)lo + (lo < n && v[lo] == x);
}

static uint64_t
where_day(const int32_t *v, size_t n, int32_t x)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi)
		if (v[mid = lo + (hi - lo) / 2] < x)
			lo = mid + 1;
		else
			hi = mid;
	return 2 * (uint64_t)lo + (lo < n && v[lo] == x);
}

/*
 * For a column tested as a number and as a date: a field that is both,
 * for each pair of a number's and a date's class that some day makes
 * (3,652,059 days to try).  In the contract's layouts these fields are
 * the YYYYMMDD dates, whose number is YYYYMMDD; under --date-format,
 * the days as date_text writes them that read as numbers (not every
 * spelling the format reads: lint.h).
 */
static int
both_values(struct column *c, struct crm_error *e)
{
	const char *fmt = c->env->date_format;
	struct crm_u64set seen;
	char buf[64];
	uint64_t key;
	double x;
	int32_t day = crm_days_from_civil(1, 1, 1);
	int y, m, d, added, rc = 0;

	if (c->nnum == 0 || c->nday == 0)
		return 0;
	crm_u64set_init(&seen);
	for (y = 1; y <= 9999; y++)
		for (m = 1; m <= 12; m++)
			for (d = 1; d <= crm_days_in_month(y, m); d++, day++) {
				x = y * 10000.0 + m * 100 + d;
				if (fmt != NULL && (date_text(day, fmt, buf) <
				    0 || crm_number_parse(buf,
				    c->env->decimal_comma, &x, NULL) !=
				    CRM_VALUE_OK))
					continue;
				key = where_number(c->num, c->nnum, x) *
				    (2 * (uint64_t)c->nday + 1) +
				    where_day(c->day, c->nday, day);
				if ((rc = crm_u64set_add(&seen, key, &added,
				    e)) < 0)
					goto out;
				if (added && fmt == NULL)
					snprintf(buf, sizeof(buf),
					    "%04d%02d%02d", y, m, d);
				if (added && (rc = add_spelled(c, buf,
				    sizeof(buf), e)) < 0)
					goto out;
			}
out:
	crm_u64set_free(&seen);
	return rc;
}

/*
 * For a text compared ignoring case, a spelling that differs from it
 * only in case and equals no compared text: it meets the tests that
 * ignore case and none of the others.  The spellings tried are the
 * text's letters in lower case but for those the bits of a counter put
 * in upper case: no more than the compared texts, plus one, are needed
 * to find a free one, or to try every spelling there is.
 */
static int
case_variant(struct column *c, const struct text *t, struct crm_error *e)
{
	char *v = malloc(t->len + 1);
	size_t i, try, bit, letters = 0;
	int rc = 0, ch;

	if (v == NULL)
		return oom(e);
	for (i = 0; i < t->len; i++)
		letters += is_letter((unsigned char)t->s[i]);
	for (try = 0; try <= c->ntext && (letters >= 32 ||
	    try < (size_t)1 << letters); try++) {
		for (i = 0, bit = 0; i < t->len; i++) {
			ch = to_lower((unsigned char)t->s[i]);
			if (is_letter(ch) && bit++ < 32 &&
			    (try >> (bit - 1) & 1))
				ch += 'A' - 'a';
			v[i] = (char)ch;
		}
		if (crm_keyset_find(&c->exact, v, t->len) < 0) {
			rc = add_value(c, v, t->len, e);
			break;
		}
	}
	free(v);
	return rc;
}

/*
 * The texts, their case variants, and one text equal to none (and no
 * number or date): the non-empty field that only `empty: false` and the
 * negative tests tell apart from the empty one.
 */
static int
text_values(struct column *c, struct crm_error *e)
{
	char *other;
	size_t i;
	long k = 0;
	int rc = 0;

	for (i = 0; i < c->ntext; i++)
		if (add_value(c, c->text[i].s, c->text[i].len, e) < 0 ||
		    (c->text[i].anycase && case_variant(c, &c->text[i],
		    e) < 0))
			return -1;
	/* "~", "~~", ...: one of the first ntext + 1 is no compared text */
	if ((other = malloc(c->ntext + 2)) == NULL)
		return oom(e);
	memset(other, '~', c->ntext + 2);
	for (i = 1; rc == 0 && i <= c->ntext + 1; i++)
		if ((rc = lower_key(&c->folded, other, i, &k, 0, e)) == 0 &&
		    k < 0) {
			rc = add_value(c, other, i, e);
			break;
		}
	free(other);
	return rc;
}

static int
column_values(struct column *c, struct crm_error *e)
{
	if (add_value(c, "", 0, e) < 0 || text_values(c, e) < 0 ||
	    number_values(c, e) < 0 || date_values(c, e) < 0 ||
	    both_values(c, e) < 0)
		return -1;
	return 0;
}

/* ---------------------------------------------------------------- */
/* Trying the cells */

/* What a walk over the grid needs, and what it finds. */
struct walk {
	struct crm_rules *rules;
	struct crm_rules *const *guard;
	size_t nguard;
	const struct crm_rules_env *env;
	struct crm_record rec;
	size_t *pending;	/* rules not yet seen first, in order */
	size_t npending;
	struct crm_u64set pairs;	/* (rule, the rule first) seen */
	size_t *cap;		/* of l->by[rule] */
	struct crm_lint *l;
};

static int
add_by(struct walk *w, size_t j, size_t f, struct crm_error *e)
{
	struct crm_lint *l = w->l;
	int added;

	if (crm_u64set_add(&w->pairs, (uint64_t)j * l->nrules + f, &added,
	    e) < 0)
		return -1;
	if (!added)
		return 0;
	if (grow(&l->by[j], &w->cap[j], l->nby[j], sizeof(**l->by), e) < 0)
		return -1;
	l->by[j][l->nby[j]++] = f;
	return 0;
}

/*
 * A record that is bad input (a require: check refuses it, or a test
 * meets a bad value): the rules not yet seen first that hold for it.
 */
static void
mark_bad(struct walk *w)
{
	struct crm_error ignored;
	size_t k, j;

	for (k = 0; k < w->npending; k++)
		if (!w->l->bad[j = w->pending[k]] && crm_rules_holds(w->rules,
		    j, &w->rec, w->env, &ignored) == 1)
			w->l->bad[j] = 1;
}

/*
 * One cell: the rule that gets it, and the later rules, not yet seen
 * first anywhere, that hold for it too.
 */
static int
try_cell(struct walk *w, struct crm_error *e)
{
	struct crm_lint *l = w->l;
	struct crm_error ignored;
	size_t i, k, n = 0, j;
	long f = 0;

	l->cells++;
	for (i = 0; f == 0 && i < w->nguard; i++)
		f = crm_rules_match(w->guard[i], &w->rec, w->env, &ignored);
	if (f != 0 || (f = crm_rules_match(w->rules, &w->rec, w->env,
	    &ignored)) < 0) {
		mark_bad(w);
		return 0;
	}
	if ((size_t)f == l->nrules)
		return 0;	/* the default: no rule holds */
	l->matches[f] = 1;
	for (k = 0; k < w->npending; k++) {
		if (l->matches[j = w->pending[k]])
			continue;
		w->pending[n++] = j;
		if (j > (size_t)f && crm_rules_holds(w->rules, j, &w->rec,
		    w->env, &ignored) == 1 && add_by(w, j, (size_t)f, e) < 0)
			return -1;
	}
	w->npending = n;
	return 0;
}

/* Every combination of the columns' values, the last column fastest. */
static int
walk_cells(struct walk *w, struct grid *g, struct crm_error *e)
{
	size_t *at = calloc(g->ncol + 1, sizeof(*at)), c;
	int rc = 0;

	if (at == NULL)
		return oom(e);
	for (;;) {
		for (c = 0; c < g->ncol; c++) {
			w->rec.field[c] = (char *)crm_keyset_text(
			    &g->col[c].values, at[c]);
			w->rec.len[c] = g->col[c].values.key[at[c]].len;
		}
		if ((rc = try_cell(w, e)) < 0 || w->npending == 0)
			break;
		for (c = g->ncol; c > 0; c--) {
			if (++at[c - 1] < g->col[c - 1].values.n)
				break;
			at[c - 1] = 0;
		}
		if (c == 0)
			break;
	}
	free(at);
	return rc;
}

/* ---------------------------------------------------------------- */
/* The check */

static int
alloc_result(struct crm_lint *l, size_t n, struct crm_error *e)
{
	memset(l, 0, sizeof(*l));
	l->nrules = n;
	if ((l->matches = calloc(n + 1, 1)) == NULL ||
	    (l->bad = calloc(n + 1, 1)) == NULL ||
	    (l->by = calloc(n + 1, sizeof(*l->by))) == NULL ||
	    (l->nby = calloc(n + 1, sizeof(*l->nby))) == NULL)
		return oom(e);
	return 0;
}

/* The grid's columns as a header, for the rules to bind to. */
static int
bind_all(struct walk *w, struct grid *g, struct crm_error *e)
{
	struct crm_record names = { 0 };
	struct crm_header h = { &names, NULL };
	size_t i;
	int rc = 0;

	names.n = g->ncol;
	names.field = calloc(g->ncol + 1, sizeof(*names.field));
	names.len = calloc(g->ncol + 1, sizeof(*names.len));
	w->rec.field = calloc(g->ncol + 1, sizeof(*w->rec.field));
	w->rec.len = calloc(g->ncol + 1, sizeof(*w->rec.len));
	w->rec.n = g->ncol;
	if (names.field == NULL || names.len == NULL ||
	    w->rec.field == NULL || w->rec.len == NULL)
		rc = oom(e);
	for (i = 0; rc == 0 && i < g->ncol; i++) {
		names.field[i] = (char *)g->col[i].name;
		names.len[i] = strlen(g->col[i].name);
	}
	if (rc == 0)
		rc = crm_rules_bind(w->rules, &h, e);
	for (i = 0; rc == 0 && i < w->nguard; i++)
		rc = crm_rules_bind(w->guard[i], &h, e);
	free(names.field);
	free(names.len);
	return rc;
}

static int
build_grid(struct grid *g, struct walk *w, struct crm_error *e)
{
	struct crm_lint *l = w->l;
	double cells = 1;
	size_t i;

	if (crm_rules_points(w->rules, w->env, take_point, g, e) < 0)
		return -1;
	for (i = 0; i < w->nguard; i++)
		if (crm_rules_points(w->guard[i], w->env, take_point, g,
		    e) < 0)
			return -1;
	if ((l->inexact = calloc(g->ncol + 1, sizeof(*l->inexact))) == NULL)
		return oom(e);
	for (i = 0; i < g->ncol; i++) {
		g->col[i].env = w->env;
		if (column_values(&g->col[i], e) < 0)
			return -1;
		cells *= (double)g->col[i].values.n;
		if (g->col[i].nnum > 0 && g->col[i].nday > 0 &&
		    w->env->date_format != NULL)
			l->inexact[l->ninexact++] = g->col[i].name;
	}
	if (cells * (double)(l->nrules ? l->nrules : 1) > CRM_LINT_MAX_WORK)
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "--lint: %.0f combinations of the values of %zu columns "
		    "are too many to try on the rules (at most %d "
		    "combinations times rules)", cells, g->ncol,
		    CRM_LINT_MAX_WORK);
	return 0;
}

static void
grid_free(struct grid *g)
{
	size_t i;

	for (i = 0; i < g->ncol; i++) {
		free(g->col[i].num);
		free(g->col[i].day);
		free(g->col[i].text);
		crm_keyset_free(&g->col[i].exact);
		crm_keyset_free(&g->col[i].folded);
		crm_keyset_free(&g->col[i].values);
	}
	free(g->col);
	crm_keyset_free(&g->names);
}

static int
by_index(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

int
crm_lint_run(struct crm_rules *rules, struct crm_rules *const *guard,
    size_t nguard, const struct crm_rules_env *env, struct crm_lint *out,
    struct crm_error *e)
{
	struct walk w = { rules, guard, nguard, env, { 0 }, NULL, 0,
	    { NULL, 0, 0, 0 }, NULL, out };
	struct grid g = { { 0 }, NULL, 0, 0 };
	size_t i, n = crm_rules_count(rules);
	int rc;

	crm_keyset_init(&g.names);
	crm_u64set_init(&w.pairs);
	rc = alloc_result(out, n, e);
	if (rc == 0 && ((w.pending = calloc(n + 1, sizeof(*w.pending))) ==
	    NULL || (w.cap = calloc(n + 1, sizeof(*w.cap))) == NULL))
		rc = oom(e);
	for (i = 0; rc == 0 && i < n; i++)
		w.pending[w.npending++] = i;
	if (rc == 0)
		rc = build_grid(&g, &w, e);
	if (rc == 0)
		rc = bind_all(&w, &g, e);
	if (rc == 0)
		rc = walk_cells(&w, &g, e);
	for (i = 0; rc == 0 && i < n; i++)
		if (out->nby[i] > 1)
			qsort(out->by[i], out->nby[i], sizeof(*out->by[i]),
			    by_index);
	free(w.rec.field);
	free(w.rec.len);
	free(w.pending);
	free(w.cap);
	crm_u64set_free(&w.pairs);
	grid_free(&g);
	return rc;
}

int
crm_lint_ok(const struct crm_lint *l)
{
	size_t i;

	for (i = 0; i < l->nrules; i++)
		if (!l->matches[i])
			return 0;
	return 1;
}

void
crm_lint_write(const struct crm_lint *l, const struct crm_rules *rules,
    FILE *fp)
{
	size_t i, k;

	for (i = 0; i < l->nrules; i++) {
		if (l->matches[i])
			continue;
		fprintf(fp, "%s: never matches (", crm_rules_name(rules, i));
		for (k = 0; k < l->nby[i]; k++)
			fprintf(fp, "%s%s", k > 0 ? ", " : "shadowed by ",
			    crm_rules_name(rules, l->by[i][k]));
		if (l->nby[i] > 0)
			fputs(")\n", fp);
		else
			fputs(l->bad[i] ? "its records are bad input)\n" :
			    "no record meets its condition)\n", fp);
	}
}

void
crm_lint_free(struct crm_lint *l)
{
	size_t i;

	if (l->by != NULL)
		for (i = 0; i < l->nrules; i++)
			free(l->by[i]);
	free(l->by);
	free(l->nby);
	free(l->matches);
	free(l->bad);
	free(l->inexact);
	memset(l, 0, sizeof(*l));
}
