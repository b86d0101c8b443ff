/*
 * svg.h - a Pareto chart as a self-contained SVG document, for a manager
 * to read.
 *
 * Value bars in rank order (past CRM_SVG_MAX_BARS items, each bar is the
 * mean of an equal run of ceil(n / CRM_SVG_MAX_BARS) items) on a value
 * axis written as the values are (thousands separators, the values'
 * decimals), the cumulative share curve on a 0-100% right axis, an x
 * axis of the share of items (0-100%), pale background bands for the
 * classes, and a callout where the curve crosses the first class bound
 * ("80% of the value / from the top 60 items (20.0%)").  Beside the
 * plot: a legend of the classes, each with its item count and its share
 * of the value, and the top items (at most CRM_SVG_TOP) with their
 * labels, values and shares.  When each top item has a bar of its own
 * wide enough, the bar carries its rank and, room permitting, its value.
 */
#ifndef CRM_SVG_H
#define CRM_SVG_H

#include <stdio.h>

#include "pareto.h"

#define CRM_SVG_MAX_BARS	200
#define CRM_SVG_TOP		10	/* items listed beside the plot */

struct crm_svg_opts {
	const char *title;		/* plain text (escaped here) */
	const char *value_label;	/* the value's name, e.g. "amount" */
	int decimals;			/* of the values, 0..9; -1: unknown */
	int decimal_comma;		/* 1.234,5 rather than 1,234.5 */
	/*
	 * The label of a ranked item (a customer's name), or NULL or ""
	 * for none; label itself may be NULL: no labels.
	 */
	const char *(*label)(void *ctx, const struct crm_pareto_item *it);
	void *ctx;
};

/*
 * Writes the chart of a ranked list p (crm_pareto_rank's fields filled)
 * to fp.  Returns -1 if fp has an error afterwards.
 */
int crm_svg_pareto_chart(FILE *fp, const struct crm_pareto *p,
    const struct crm_svg_opts *o);

/*
 * The same without labels, with the values' decimals unknown (the value
 * axis then writes as many as its step needs).
 */
int crm_svg_pareto(FILE *fp, const struct crm_pareto *p, const char *title,
    const char *value_label);

/*
 * Writes v with `decimals` digits after the point (0..9), its digits
 * grouped by three with ',' (or '.' when decimal_comma, the point then a
 * ','): 1,234,567.50.  Never "-0".  Returns the length, as snprintf.
 */
int crm_svg_number(double v, int decimals, int decimal_comma, char *buf,
    size_t size);

/*
 * The same for an exact value, units / 10^scale (decimal.h), rounded
 * half away from zero to `decimals` places: how the chart writes the
 * values of items and the total, as the table and the summary do.
 */
int crm_svg_decimal(crm_i128 units, int scale, int decimals,
    int decimal_comma, char *buf, size_t size);

#endif
