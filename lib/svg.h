/*
 * svg.h - a Pareto chart as a self-contained SVG document.
 *
 * Value bars in rank order (past CRM_SVG_MAX_BARS items, each bar is the
 * mean of an equal run of ceil(n / CRM_SVG_MAX_BARS) items), the
 * cumulative share curve on a 0-100% right axis, the 80% guide line,
 * background bands for the classes, axis titles and tick labels.
 */
#ifndef CRM_SVG_H
#define CRM_SVG_H

#include <stdio.h>

#include "pareto.h"

#define CRM_SVG_MAX_BARS	200

/*
 * Writes the chart of a ranked list p to fp.  title and value_label are
 * plain text (escaped here).  Returns -1 if fp has an error afterwards.
 */
int crm_svg_pareto(FILE *fp, const struct crm_pareto *p, const char *title,
    const char *value_label);

#endif
