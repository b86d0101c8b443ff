/*
 * scale.c - cut points and scores (see scale.h for the rules).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "scale.h"
#include "value.h"

/*
 * Where the type 7 quantile at p reads n > 0 sorted values: the 0-based
 * positions lo <= hi and the weight h of the value at hi.  The arithmetic
 * is R's, step for step (quantile.default, type 7), so that cut points
 * agree with R to the last bit and a value sitting on a cut point falls
 * on the same side.
 */
struct q7 {
	size_t lo, hi;
	double h;		/* 0: the value at lo alone */
};

static struct q7
q7_at(size_t n, double p)
{
	double index = 1 + (double)(n - 1) * p;	/* 1-based, as in R */
	double lo = floor(index);
	struct q7 q;

	q.lo = (size_t)lo - 1;
	q.hi = (size_t)ceil(index) - 1;
	if (q.hi > n - 1)
		q.hi = n - 1;
	q.h = index - lo;	/* exact: index and lo are close doubles */
	return q;
}

/* The quantile from the values at q.lo and q.hi. */
static double
q7_value(struct q7 q, double xlo, double xhi)
{
	if (!(q.h > 0 && xhi != xlo))
		return xlo;
	return (1 - q.h) * xlo + q.h * xhi;
}

double
crm_quantile7(const double *sorted, size_t n, double p)
{
	struct q7 q = q7_at(n, p);

	return q7_value(q, sorted[q.lo], sorted[q.hi]);
}

/*
 * The k-th smallest of v[0..n-1] (0-based), moving values so that those
 * before k are no larger and those after no smaller: quickselect, O(n).
 * The scores need only N - 1 quantiles, so there is no need to sort a
 * million values.
 */
static double
select_kth(double *v, size_t n, size_t k)
{
	size_t lo = 0, hi = n - 1;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2, i = lo, j = hi;
		double a = v[lo], b = v[mid], c = v[hi], pivot, t;

		/* the median of three keeps sorted input linear */
		pivot = a < b ? (b < c ? b : a < c ? c : a) :
		    (a < c ? a : b < c ? c : b);
		while (i <= j) {
			while (v[i] < pivot)
				i++;
			while (v[j] > pivot)
				j--;
			if (i <= j) {
				t = v[i];
				v[i] = v[j];
				v[j] = t;
				i++;
				if (j == 0)
					break;
				j--;
			}
		}
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			return v[k];
	}
	return v[k];
}

/* The quantile at b / bins, as the cut points ask for it. */
static struct q7
cut_at(size_t n, int b, int bins)
{
	return q7_at(n, b * (1.0 / bins));
}

/*
 * The values at the sorted positions pos[0..npos-1] (ascending, distinct)
 * of v, into at[]: each selection leaves everything after it no smaller,
 * so the next one searches only what follows.
 */
static void
select_positions(double *v, size_t n, const size_t *pos, size_t npos,
    double *at)
{
	size_t j, from = 0;

	for (j = 0; j < npos; j++) {
		at[j] = select_kth(v + from, n - from, pos[j] - from);
		from = pos[j] + 1;
	}
}

/* Sorts the npos positions and drops repeats; returns how many are left. */
static size_t
sort_positions(size_t *pos, size_t npos)
{
	size_t i, j;

	for (i = 1; i < npos; i++)
		for (j = i; j > 0 && pos[j - 1] > pos[j]; j--) {
			size_t t = pos[j];

			pos[j] = pos[j - 1];
			pos[j - 1] = t;
		}
	for (i = j = 0; i < npos; i++)
		if (j == 0 || pos[j - 1] != pos[i])
			pos[j++] = pos[i];
	return j;
}

/* The value at sorted position k, among the npos selected. */
static double
value_at(const size_t *pos, const double *at, size_t npos, size_t k)
{
	size_t j;

	for (j = 0; pos[j] != k && j + 1 < npos; j++)
		;
	return at[j];
}

void
crm_scale_from_values(struct crm_scale *s, enum crm_scale_kind kind,
    int bins, int lower_is_better, double *values, size_t n)
{
	size_t pos[2 * CRM_SCALE_MAX_BINS], npos = 0, i;
	double at[2 * CRM_SCALE_MAX_BINS];
	struct q7 q;
	int b;

	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->bins = bins;
	s->lower_is_better = lower_is_better;
	if (n == 0)
		return;
	s->min = s->max = values[0];
	for (i = 1; i < n; i++) {
		if (values[i] < s->min)
			s->min = values[i];
		if (values[i] > s->max)
			s->max = values[i];
	}
	/* only the sorted positions the quantiles read, not a full sort */
	for (b = 1; b < bins; b++) {
		q = cut_at(n, b, bins);
		pos[npos++] = q.lo;
		pos[npos++] = q.hi;
	}
	npos = sort_positions(pos, npos);
	select_positions(values, n, pos, npos, at);
	for (b = 1; b < bins; b++) {
		q = cut_at(n, b, bins);
		s->cut[b - 1] = q7_value(q, value_at(pos, at, npos, q.lo),
		    value_at(pos, at, npos, q.hi));
		if (kind == CRM_SCALE_R_RFM)
			s->cut[b - 1] += 1;
	}
}

int
crm_scale_fixed(struct crm_scale *s, const double *cuts, size_t ncuts,
    int lower_is_better, struct crm_error *e)
{
	size_t i;

	memset(s, 0, sizeof(*s));
	if (ncuts < 1 || ncuts > CRM_SCALE_MAX_BINS - 1)
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "expected 1 to %d cut points", CRM_SCALE_MAX_BINS - 1);
	for (i = 0; i < ncuts; i++) {
		if (i > 0 && cuts[i] < cuts[i - 1])
			return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
			    "cut points must not decrease");
		s->cut[i] = cuts[i];
	}
	s->kind = CRM_SCALE_FIXED;
	s->bins = (int)ncuts + 1;
	s->lower_is_better = lower_is_better;
	return 0;
}

/* The r-rfm bin 1..N of x: lower_i <= x < upper_i. */
static int
r_rfm_bin(const struct crm_scale *s, double x)
{
	int i, bin = 0;

	for (i = 1; i <= s->bins; i++) {
		double lower = i == 1 ? s->min : s->cut[i - 2];
		double upper = i == s->bins ? s->max + 1 : s->cut[i - 1];

		/* as in R, a later bin wins where bins overlap */
		if (lower <= x && x < upper)
			bin = i;
	}
	return bin;
}

int
crm_scale_score(const struct crm_scale *s, double x)
{
	int i, score = 1;

	if (s->kind == CRM_SCALE_R_RFM) {
		int bin = r_rfm_bin(s, x);

		if (bin == 0)
			return 0;
		return s->lower_is_better ? s->bins + 1 - bin : bin;
	}
	for (i = 0; i < s->bins - 1; i++)
		if (s->lower_is_better ? x < s->cut[i] : x > s->cut[i])
			score++;
	return score;
}

static void
bound(double v, char *buf, size_t size)
{
	crm_fraction_format(v, 6, buf, size);
}

void
crm_scale_interval(const struct crm_scale *s, int score, char *buf,
    size_t size)
{
	char lo[64], hi[64];
	int k = s->bins - 1, i;

	if (score < 1 || score > s->bins) {
		snprintf(buf, size, "none");
		return;
	}
	if (s->kind == CRM_SCALE_R_RFM) {
		i = s->lower_is_better ? s->bins + 1 - score : score;
		bound(i == 1 ? s->min : s->cut[i - 2], lo, sizeof(lo));
		bound(i == s->bins ? s->max + 1 : s->cut[i - 1], hi,
		    sizeof(hi));
		if ((i == 1 ? s->min : s->cut[i - 2]) >=
		    (i == s->bins ? s->max + 1 : s->cut[i - 1]))
			snprintf(buf, size, "none");
		else
			snprintf(buf, size, "[%s, %s)", lo, hi);
		return;
	}
	if (!s->lower_is_better) {
		/* score s: cut[s-2] < x <= cut[s-1] */
		if (score > 1 && score <= k &&
		    s->cut[score - 2] >= s->cut[score - 1]) {
			snprintf(buf, size, "none");
			return;
		}
		if (score == 1)
			snprintf(lo, sizeof(lo), "-inf");
		else
			bound(s->cut[score - 2], lo, sizeof(lo));
		if (score == s->bins)
			snprintf(hi, sizeof(hi), "+inf");
		else
			bound(s->cut[score - 1], hi, sizeof(hi));
		snprintf(buf, size, "(%s, %s%c", lo, hi,
		    score == s->bins ? ')' : ']');
		return;
	}
	/* lower is better, score s: cut[N-s-1] <= x < cut[N-s] */
	i = s->bins - score;	/* cut points at or below x */
	if (i > 0 && i < s->bins - 1 && s->cut[i - 1] >= s->cut[i]) {
		snprintf(buf, size, "none");
		return;
	}
	if (i == 0)
		snprintf(lo, sizeof(lo), "-inf");
	else
		bound(s->cut[i - 1], lo, sizeof(lo));
	if (i == s->bins - 1)
		snprintf(hi, sizeof(hi), "+inf");
	else
		bound(s->cut[i], hi, sizeof(hi));
	snprintf(buf, size, "%c%s, %s)", i == 0 ? '(' : '[', lo, hi);
}
