/*
 * pareto.h - the 80/20 rule and ABC analysis over a list of items.
 *
 * Items are added with a value and an opaque payload; crm_pareto_rank
 * sorts them by value, largest first (ties keep their order of
 * addition), and fills each item's rank, share, cumulative shares and
 * class.  Shares are fractions of the positive total: items with a zero
 * or negative value (refunds, credit notes) keep their place at the end,
 * get a share <= 0, add nothing to the cumulative share (which therefore
 * never exceeds 1) and fall in the last class.
 *
 * Classes: bounds b1 < b2 < ... (fractions in (0, 1)) make classes A, B,
 * ...; an item is in the first class whose bound its cumulative share
 * *before* it has not reached, so the item that crosses a bound belongs
 * to the upper (more valuable) class.
 */
#ifndef CRM_PARETO_H
#define CRM_PARETO_H

#include <stddef.h>

#include "error.h"

#define CRM_PARETO_MAX_BOUNDS	25	/* classes A..Z */

struct crm_pareto_item {
	double value;
	void *payload;		/* the caller's; never touched */
	size_t order;		/* order of addition, 0-based */
	/* filled by crm_pareto_rank */
	size_t rank;		/* 1-based */
	double share;		/* value / positive total (0 if none) */
	double cum_share;	/* positive value up to here / positive total */
	double cum_item_share;	/* rank / item count */
	int cls;		/* 0 for A, 1 for B, ... */
};

struct crm_pareto {
	struct crm_pareto_item *items;
	size_t n, cap;
	double bounds[CRM_PARETO_MAX_BOUNDS];
	size_t nbounds;		/* the number of classes is nbounds + 1 */
	double total;		/* sum of all values */
	double positive_total;	/* sum of the positive values */
};

/*
 * Nonzero when percent (a class bound in percent) may follow the n bounds
 * already chosen (fractions): within (0, 100) and above the last one.
 */
int crm_pareto_bound_fits(double percent, const double *bounds, size_t n);

/*
 * Parses a class list such as "80,95" (percent, strictly increasing,
 * each in (0, 100)) into fractions.  Errors have exit status 2.
 */
int crm_pareto_parse_classes(const char *text, double *bounds,
    size_t *nbounds, struct crm_error *e);

/* bounds are fractions, strictly increasing, in (0, 1). */
int crm_pareto_init(struct crm_pareto *p, const double *bounds,
    size_t nbounds, struct crm_error *e);

/* Adds an item; fails only when out of memory. */
int crm_pareto_add(struct crm_pareto *p, double value, void *payload,
    struct crm_error *e);

/*
 * Sorts the items and fills the ranking fields.  Fails (status 1) when
 * the values are so large that their sum is not a finite number.
 */
int crm_pareto_rank(struct crm_pareto *p, struct crm_error *e);

/* Concentration figures of a ranked list. */
struct crm_pareto_summary {
	size_t items;
	double total;
	double positive_total;
	size_t nonpositive_items;	/* value <= 0 */
	double top20_value_share;	/* Lorenz curve at 20% of items */
	double items_share_for_80;	/* items fraction reaching 80% of value */
	size_t items_for_80;		/* whole items reaching 80% of value */
	size_t class_items[CRM_PARETO_MAX_BOUNDS + 1];
	double class_value[CRM_PARETO_MAX_BOUNDS + 1];
	double gini;			/* over values, negatives as 0 */
};

void crm_pareto_summarize(const struct crm_pareto *p,
    struct crm_pareto_summary *s);

void crm_pareto_free(struct crm_pareto *p);

#endif
