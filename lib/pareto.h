/*
 * pareto.h - the 80/20 rule and ABC analysis over a list of items.
 *
 * Items are added with an exact value (decimal.h) and an opaque payload;
 * crm_pareto_rank sorts them by value, largest first (ties keep their
 * order of addition), and fills each item's rank, share, cumulative
 * shares and class.  Shares are fractions of the positive total: items
 * with a zero or negative value (refunds, credit notes) keep their place
 * at the end, get a share <= 0, add nothing to the cumulative share
 * (which therefore never exceeds 1) and fall in the last class.
 *
 * Classes: bounds b1 < b2 < ... (percentages in (0, 100), exact) make
 * classes A, B, ...; an item is in the first class whose bound its
 * cumulative share *before* it has not reached, so the item that crosses
 * a bound belongs to the upper (more valuable) class.  The comparison is
 * exact: 80 of 100 has reached 80%, 79.999999 has not.
 *
 * The sums (total, positive total, cumulative sums, class values) are
 * exact; the caller keeps them within 38 digits (a struct
 * crm_decimal_column over the values it adds bounds them all).  The
 * double shares and values are for the chart and the figures computed
 * in floating point (Lorenz curve, Gini); what is written as a share is
 * worked out exactly from the units (crm_decimal_ratio_format).
 */
#ifndef CRM_PARETO_H
#define CRM_PARETO_H

#include <stddef.h>

#include "decimal.h"
#include "error.h"

#define CRM_PARETO_MAX_BOUNDS	25	/* classes A..Z */

struct crm_pareto_item {
	crm_i128 units;		/* the value, exact: at scale `scale` when
				   added, at the list's scale once ranked */
	double value;		/* the same, nearest double (by rank) */
	void *payload;		/* the caller's; never touched */
	size_t order;		/* order of addition, 0-based */
	/* filled by crm_pareto_rank */
	size_t rank;		/* 1-based */
	double share;		/* value / positive total (0 if none) */
	double cum_share;	/* positive value up to here / positive total */
	double cum_item_share;	/* rank / item count */
	int cls;		/* 0 for A, 1 for B, ... */
	int scale;
};

struct crm_pareto {
	struct crm_pareto_item *items;
	size_t n, cap;
	struct crm_decimal percent[CRM_PARETO_MAX_BOUNDS];	/* bounds */
	double bounds[CRM_PARETO_MAX_BOUNDS];	/* the same, as fractions */
	size_t nbounds;		/* the number of classes is nbounds + 1 */
	int scale;		/* of every item's units, once ranked */
	crm_i128 total_units, positive_units;	/* exact, at that scale */
	double total;		/* sum of all values */
	double positive_total;	/* sum of the positive values */
};

/*
 * Nonzero when percent (a class bound) may follow the n bounds already
 * chosen: within (0, 100), above the last one, with at most 30 decimals.
 */
int crm_pareto_bound_fits(const struct crm_decimal *percent,
    const struct crm_decimal *bounds, size_t n);

/*
 * Parses a class list such as "80,95" (percent, strictly increasing,
 * each in (0, 100)) into exact percentages.  Errors have exit status 2.
 */
int crm_pareto_parse_classes(const char *text, struct crm_decimal *bounds,
    size_t *nbounds, struct crm_error *e);

/* bounds are percentages, strictly increasing, in (0, 100). */
int crm_pareto_init(struct crm_pareto *p, const struct crm_decimal *bounds,
    size_t nbounds, struct crm_error *e);

/*
 * Adds an item worth units / 10^scale; fails only when out of memory.
 */
int crm_pareto_add(struct crm_pareto *p, crm_i128 units, int scale,
    void *payload, struct crm_error *e);

/*
 * Sorts the items and fills the ranking fields.  Fails (status 1) when
 * the sum of the positive or of the negative values passes 38 digits,
 * which a caller that bounds its values with a crm_decimal_column never
 * lets happen.
 */
int crm_pareto_rank(struct crm_pareto *p, struct crm_error *e);

/* Concentration figures of a ranked list. */
struct crm_pareto_summary {
	size_t items;
	int scale;			/* of the exact sums */
	crm_i128 total;
	crm_i128 positive_total;
	size_t nonpositive_items;	/* value <= 0 */
	double top20_value_share;	/* Lorenz curve at 20% of items */
	double items_share_for_80;	/* share of items reaching 80% */
	size_t items_for_80;		/* whole items reaching 80% of value */
	size_t class_items[CRM_PARETO_MAX_BOUNDS + 1];
	crm_i128 class_value[CRM_PARETO_MAX_BOUNDS + 1];
	double gini;			/* over values, negatives as 0 */
};

void crm_pareto_summarize(const struct crm_pareto *p,
    struct crm_pareto_summary *s);

void crm_pareto_free(struct crm_pareto *p);

#endif
