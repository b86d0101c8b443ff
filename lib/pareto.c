/*
 * pareto.c - ranking, shares, ABC classes and concentration figures
 * (see pareto.h for the rules).
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "pareto.h"
#include "value.h"

/* 100 * 10^scale: the denominator of a percentage of that scale. */
static crm_i128
percent_den(const struct crm_decimal *pc)
{
	return (crm_i128)crm_decimal_pow10(pc->scale) * 100;
}

int
crm_pareto_bound_fits(const struct crm_decimal *pc,
    const struct crm_decimal *bounds, size_t n)
{
	if (pc->scale > 30 || pc->units <= 0 ||
	    crm_decimal_ratio_cmp(pc->units, percent_den(pc), 1, 1) >= 0)
		return 0;
	return n == 0 || crm_decimal_ratio_cmp(pc->units, percent_den(pc),
	    bounds[n - 1].units, percent_den(&bounds[n - 1])) > 0;
}

int
crm_pareto_parse_classes(const char *text, struct crm_decimal *bounds,
    size_t *nbounds, struct crm_error *e)
{
	char part[64];
	const char *p = text;
	size_t n = 0;

	while (*p != '\0') {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		struct crm_decimal v;

		if (len >= sizeof(part))
			goto bad;
		memcpy(part, p, len);
		part[len] = '\0';
		if (crm_decimal_parse(part, 0, &v, NULL) != CRM_VALUE_OK ||
		    !crm_pareto_bound_fits(&v, bounds, n))
			goto bad;
		if (n == CRM_PARETO_MAX_BOUNDS)
			return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
			    "too many classes in \"%s\" (at most %d bounds)",
			    text, CRM_PARETO_MAX_BOUNDS);
		bounds[n++] = v;
		p += len;
		if (*p == ',' && *++p == '\0')
			goto bad;
	}
	if (n == 0)
		goto bad;
	*nbounds = n;
	return 0;
bad:
	return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
	    "invalid classes \"%s\": expected increasing percentages "
	    "between 0 and 100, such as 80,95", text);
}

int
crm_pareto_init(struct crm_pareto *p, const struct crm_decimal *bounds,
    size_t nbounds, struct crm_error *e)
{
	size_t i;

	memset(p, 0, sizeof(*p));
	if (nbounds > CRM_PARETO_MAX_BOUNDS)
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "too many classes");
	for (i = 0; i < nbounds; i++) {
		if (!crm_pareto_bound_fits(&bounds[i], bounds, i))
			return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
			    "class bounds must increase within (0, 100)");
		p->percent[i] = bounds[i];
		p->bounds[i] = crm_decimal_to_double(bounds[i].units,
		    bounds[i].scale) / 100;
	}
	p->nbounds = nbounds;
	return 0;
}

int
crm_pareto_add(struct crm_pareto *p, crm_i128 units, int scale,
    void *payload, struct crm_error *e)
{
	struct crm_pareto_item *it;

	if (crm_grow(&p->items, &p->cap, p->n + 1, sizeof(*p->items)) < 0)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "out of memory");
	it = &p->items[p->n];
	memset(it, 0, sizeof(*it));
	it->units = units;
	it->scale = scale;
	it->payload = payload;
	it->order = p->n++;
	return 0;
}

/* Largest value first; equal values keep the order they came in. */
static int
by_value(const void *a, const void *b)
{
	const struct crm_pareto_item *x = a, *y = b;

	if (x->units != y->units)
		return x->units > y->units ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/*
 * Brings every item to the largest scale and sums them exactly into the
 * list; -1 when a value or a sum passes 38 digits.
 */
static int
align_and_sum(struct crm_pareto *p)
{
	crm_i128 pos = 0, neg = 0;
	size_t i;
	int scale = 0;

	for (i = 0; i < p->n; i++)
		if (p->items[i].scale > scale)
			scale = p->items[i].scale;
	for (i = 0; i < p->n; i++) {
		struct crm_pareto_item *it = &p->items[i];

		if (crm_decimal_shift(&it->units, scale - it->scale) < 0 ||
		    crm_decimal_add(it->units > 0 ? &pos : &neg,
		    it->units) < 0)
			return -1;
		it->scale = scale;
	}
	p->scale = scale;
	p->positive_units = pos;
	p->total_units = pos + neg;	/* between neg and pos: fits */
	return 0;
}

int
crm_pareto_rank(struct crm_pareto *p, struct crm_error *e)
{
	crm_i128 cum = 0, before, pos;
	double dpos;
	size_t i, j = 0;

	if (align_and_sum(p) < 0)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "the values are too large: their sum overflows");
	if (p->n > 0)
		qsort(p->items, p->n, sizeof(*p->items), by_value);
	pos = p->positive_units;
	dpos = (double)pos;
	p->total = crm_decimal_to_double(p->total_units, p->scale);
	p->positive_total = crm_decimal_to_double(pos, p->scale);
	for (i = 0; i < p->n; i++) {
		struct crm_pareto_item *it = &p->items[i];

		it->rank = i + 1;
		it->value = crm_decimal_to_double(it->units, p->scale);
		it->cum_item_share = (double)(i + 1) / (double)p->n;
		before = cum;
		if (it->units > 0)
			cum += it->units;
		if (pos > 0) {
			/* the scale cancels out of the shares */
			it->share = (double)it->units / dpos;
			it->cum_share = (double)cum / dpos;
		}
		it->cls = (int)p->nbounds;
		if (it->units <= 0)
			continue;
		/* before only grows: the classes passed stay passed */
		while (j < p->nbounds && crm_decimal_ratio_cmp(before, pos,
		    p->percent[j].units, percent_den(&p->percent[j])) >= 0)
			j++;
		it->cls = (int)j;
	}
	return 0;
}

/* Cumulative share after the first k items (k = 0 gives 0). */
static double
cum_after(const struct crm_pareto *p, size_t k)
{
	return k == 0 ? 0 : p->items[k - 1].cum_share;
}

/* The items (1 to n) whose value first reaches 80% of the total, exactly. */
static size_t
items_to_80(const struct crm_pareto *p)
{
	crm_i128 cum = 0;
	size_t k;

	for (k = 1; k < p->n; k++) {
		if (p->items[k - 1].units > 0)
			cum += p->items[k - 1].units;
		if (crm_decimal_ratio_cmp(cum, p->positive_units, 8, 10) >= 0)
			break;
	}
	return k;
}

void
crm_pareto_summarize(const struct crm_pareto *p,
    struct crm_pareto_summary *s)
{
	double weighted = 0, sum = 0, x, target = 0.8, lo, hi, part;
	size_t i, k;

	memset(s, 0, sizeof(*s));
	s->items = p->n;
	s->scale = p->scale;
	s->total = p->total_units;
	s->positive_total = p->positive_units;
	for (i = 0; i < p->n; i++) {
		const struct crm_pareto_item *it = &p->items[i];

		if (it->units <= 0)
			s->nonpositive_items++;
		s->class_items[it->cls]++;
		/* a class holds positive values, or the last the rest too */
		s->class_value[it->cls] += it->units;
	}
	if (p->n == 0 || p->positive_units <= 0)
		return;

	/* the Lorenz curve through (k/n, cum_after(k)), read at 20% */
	x = 0.2 * (double)p->n;
	k = (size_t)x;
	s->top20_value_share = cum_after(p, k);
	if (k < p->n)
		s->top20_value_share += (x - (double)k) *
		    (cum_after(p, k + 1) - cum_after(p, k));

	/* and inverted at 80% */
	k = items_to_80(p);
	s->items_for_80 = k;
	/*
	 * The part of item k that reaches 80%; in doubles its cumulative
	 * shares may be equal though the exact sums are not (an item of 1
	 * unit in 10^20): no 0 / 0 then, the whole item.
	 */
	lo = cum_after(p, k - 1);
	hi = cum_after(p, k);
	part = hi > lo ? (target - lo) / (hi - lo) : 1;
	part = part < 0 ? 0 : part > 1 ? 1 : part;
	s->items_share_for_80 = ((double)(k - 1) + part) / (double)p->n;

	/*
	 * Gini = 2 * sum(i * x_i) / (n * sum(x)) - (n + 1) / n over the
	 * values in ascending order (i = 1..n), negatives counted as 0.
	 */
	for (i = 0; i < p->n; i++) {
		double v = p->items[i].value > 0 ? p->items[i].value : 0;

		weighted += (double)(p->n - i) * v;
		sum += v;
	}
	s->gini = 2 * weighted / ((double)p->n * sum) -
	    ((double)p->n + 1) / (double)p->n;
}

void
crm_pareto_free(struct crm_pareto *p)
{
	free(p->items);
	memset(p, 0, sizeof(*p));
}
