/*
 * scale.h - scores 1..N for a measure (recency, frequency, monetary).
 *
 * A scale holds N - 1 cut points.  Where they come from:
 *   quantiles  cut_i = Q(i / N) over the customers' values, i = 1..N-1,
 *              Q being the type 7 quantile (R's default, Excel's
 *              PERCENTILE.INC): h = (n - 1) p, Q = x[floor h] +
 *              (h - floor h)(x[floor h + 1] - x[floor h]) over the
 *              values sorted ascending (0-based)
 *   fixed      given by the user (a config), nondecreasing
 *   r-rfm      as the R package rfm: b_i = Q(i / N) + 1, bins
 *              [min, b_1), [b_1, b_2), ..., [b_{N-1}, max + 1)
 * How a value x scores (quantiles and fixed):
 *   higher is better  score = 1 + the number of cut points below x
 *   lower is better   score = 1 + the number of cut points above x
 * so equal values always score the same, and a value equal to a cut
 * point gets the lower score.  When a measure has fewer distinct values
 * than bins, cut points repeat and some scores are never given.
 * r-rfm: x scores i when it lies in bin i (bin N + 1 - i when lower is
 * better), as rfm_table_order does.
 */
#ifndef CRM_SCALE_H
#define CRM_SCALE_H

#include <stddef.h>

#include "error.h"

#define CRM_SCALE_MAX_BINS	9	/* scores stay one digit: cell 545 */

enum crm_scale_kind {
	CRM_SCALE_QUANTILE, CRM_SCALE_FIXED, CRM_SCALE_R_RFM
};

struct crm_scale {
	enum crm_scale_kind kind;
	int bins;			/* N, 2..CRM_SCALE_MAX_BINS */
	int lower_is_better;
	double cut[CRM_SCALE_MAX_BINS - 1];
	double min, max;		/* of the values, for r-rfm */
};

/*
 * The type 7 quantile at p (0..1) of n > 0 values sorted ascending, by
 * the arithmetic crm_scale_from_values uses for its cut points (one
 * implementation: a test of this one tests that one).
 */
double crm_quantile7(const double *sorted, size_t n, double p);

/*
 * A quantile or r-rfm scale from n values in any order, which it
 * reorders (n may be 0: every cut point is then 0).
 */
void crm_scale_from_values(struct crm_scale *s, enum crm_scale_kind kind,
    int bins, int lower_is_better, double *values, size_t n);

/* A fixed scale from ncuts nondecreasing cut points (status 2 if not). */
int crm_scale_fixed(struct crm_scale *s, const double *cuts, size_t ncuts,
    int lower_is_better, struct crm_error *e);

/* The score 1..bins of x. */
int crm_scale_score(const struct crm_scale *s, double x);

/*
 * Writes the values that get `score` as an interval, e.g. "(2, 5]",
 * "(-inf, 1]", "[30, 91)"; an empty interval is written as "none".
 */
void crm_scale_interval(const struct crm_scale *s, int score, char *buf,
    size_t size);

#endif
