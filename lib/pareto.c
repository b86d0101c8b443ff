/*
 * pareto.c - ranking, shares, ABC classes and concentration figures
 * (see pareto.h for the rules).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "pareto.h"
#include "value.h"

/*
 * Cumulative sums carry rounding error; a cumulative share this close to
 * a bound (relative to the total) counts as having reached it, so that
 * 80 + 20 out of 100 puts the boundary exactly where a person would.
 */
#define EPS	1e-9

int
crm_pareto_bound_fits(double percent, const double *bounds, size_t n)
{
	return percent > 0 && percent < 100 &&
	    (n == 0 || percent / 100 > bounds[n - 1]);
}

int
crm_pareto_parse_classes(const char *text, double *bounds, size_t *nbounds,
    struct crm_error *e)
{
	char part[64];
	const char *p = text;
	size_t n = 0;

	while (*p != '\0') {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		double v;

		if (len >= sizeof(part))
			goto bad;
		memcpy(part, p, len);
		part[len] = '\0';
		if (crm_number_parse(part, 0, &v, NULL) != CRM_VALUE_OK ||
		    !crm_pareto_bound_fits(v, bounds, n))
			goto bad;
		if (n == CRM_PARETO_MAX_BOUNDS)
			return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
			    "too many classes in \"%s\" (at most %d bounds)",
			    text, CRM_PARETO_MAX_BOUNDS);
		bounds[n++] = v / 100;
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
crm_pareto_init(struct crm_pareto *p, const double *bounds, size_t nbounds,
    struct crm_error *e)
{
	size_t i;

	memset(p, 0, sizeof(*p));
	if (nbounds > CRM_PARETO_MAX_BOUNDS)
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "too many classes");
	for (i = 0; i < nbounds; i++) {
		if (!(bounds[i] > 0 && bounds[i] < 1) ||
		    (i > 0 && bounds[i] <= bounds[i - 1]))
			return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
			    "class bounds must increase within (0, 1)");
		p->bounds[i] = bounds[i];
	}
	p->nbounds = nbounds;
	return 0;
}

int
crm_pareto_add(struct crm_pareto *p, double value, void *payload,
    struct crm_error *e)
{
	struct crm_pareto_item *it;

	if (crm_grow(&p->items, &p->cap, p->n + 1, sizeof(*p->items)) < 0)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "out of memory");
	it = &p->items[p->n];
	memset(it, 0, sizeof(*it));
	it->value = value;
	it->payload = payload;
	it->order = p->n++;
	return 0;
}

/* Largest value first; equal values keep the order they came in. */
static int
by_value(const void *a, const void *b)
{
	const struct crm_pareto_item *x = a, *y = b;

	if (x->value != y->value)
		return x->value > y->value ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

int
crm_pareto_rank(struct crm_pareto *p, struct crm_error *e)
{
	double cum = 0, pos = 0, total = 0;
	size_t i, j;

	if (p->n > 0)
		qsort(p->items, p->n, sizeof(*p->items), by_value);
	for (i = 0; i < p->n; i++) {
		total += p->items[i].value;
		if (p->items[i].value > 0)
			pos += p->items[i].value;
	}
	p->total = total;
	p->positive_total = pos;
	if (!isfinite(total) || !isfinite(pos))
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "the values are too large: their sum overflows");
	for (i = 0; i < p->n; i++) {
		struct crm_pareto_item *it = &p->items[i];
		double before = cum;

		it->rank = i + 1;
		it->cum_item_share = (double)(i + 1) / (double)p->n;
		if (it->value > 0)
			cum += it->value;
		if (pos > 0) {
			it->share = it->value / pos;
			it->cum_share = cum / pos;
			if (it->cum_share > 1)
				it->cum_share = 1;
		}
		it->cls = (int)p->nbounds;
		if (it->value <= 0)
			continue;
		for (j = 0; j < p->nbounds; j++) {
			if (before < p->bounds[j] * pos - EPS * pos) {
				it->cls = (int)j;
				break;
			}
		}
	}
	return 0;
}

/* Cumulative share after the first k items (k = 0 gives 0). */
static double
cum_after(const struct crm_pareto *p, size_t k)
{
	return k == 0 ? 0 : p->items[k - 1].cum_share;
}

void
crm_pareto_summarize(const struct crm_pareto *p,
    struct crm_pareto_summary *s)
{
	double weighted = 0, sum = 0, x, target = 0.8;
	size_t i, k;

	memset(s, 0, sizeof(*s));
	s->items = p->n;
	s->total = p->total;
	s->positive_total = p->positive_total;
	for (i = 0; i < p->n; i++) {
		const struct crm_pareto_item *it = &p->items[i];

		if (it->value <= 0)
			s->nonpositive_items++;
		s->class_items[it->cls]++;
		s->class_value[it->cls] += it->value;
	}
	if (p->n == 0 || p->positive_total <= 0)
		return;

	/* the Lorenz curve through (k/n, cum_after(k)), read at 20% */
	x = 0.2 * (double)p->n;
	k = (size_t)x;
	s->top20_value_share = cum_after(p, k);
	if (k < p->n)
		s->top20_value_share += (x - (double)k) *
		    (cum_after(p, k + 1) - cum_after(p, k));

	/* and inverted at 80% */
	for (k = 1; k < p->n; k++)
		if (cum_after(p, k) >= target - EPS)
			break;
	s->items_for_80 = k;
	s->items_share_for_80 = ((double)(k - 1) + (target -
	    cum_after(p, k - 1)) / (cum_after(p, k) - cum_after(p, k - 1))) /
	    (double)p->n;
	if (s->items_share_for_80 > (double)k / (double)p->n)
		s->items_share_for_80 = (double)k / (double)p->n;

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
