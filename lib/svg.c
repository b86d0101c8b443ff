/*
 * svg.c - a Pareto chart of a ranked list as one SVG 1.1 document.
 *
 * Exports crm_svg_pareto (see svg.h).  The document needs nothing from
 * outside: no fonts, stylesheets or scripts.  Bars show values in rank
 * order on the left axis (bucketed past CRM_SVG_MAX_BARS items), the
 * cumulative share curve runs on the right axis, pale bands mark the
 * classes.  The x axis counts items, so a bar or a band is as wide as
 * the items it covers.  Numbers are written with %.2f and pass through
 * fin() first, so no nan or inf can reach the file; the caller keeps
 * the C locale for LC_NUMERIC, as every crm tool does.
 */
#include <math.h>
#include <stdio.h>

#include "svg.h"

#define W	900
#define H	500
#define LEFT	80.0		/* plot area margins */
#define RIGHT	75.0
#define TOP	60.0
#define BOTTOM	70.0
#define PX0	LEFT
#define PX1	(W - RIGHT)
#define PY0	TOP
#define PY1	(H - BOTTOM)
#define BAND_HEAD	22.0	/* bands rise above the plot for their letter */
#define CURVE_POINTS	1000	/* most points the share curve gets */
#define MAX_TICKS	16

static const char *const band_fill[] = {
	"#e3f1e0", "#fdf3d6", "#f8e1e1", "#e2ebf7", "#efe4f4", "#e0f2f1"
};
#define NBAND_FILL	(sizeof(band_fill) / sizeof(band_fill[0]))

struct axis {
	double lo, hi, step;	/* range, rounded out to whole steps */
};

static double
fin(double v)
{
	return isfinite(v) ? v : 0.0;
}

static void
esc(FILE *fp, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		switch (*s) {
		case '&': fputs("&amp;", fp); break;
		case '<': fputs("&lt;", fp); break;
		case '>': fputs("&gt;", fp); break;
		case '"': fputs("&quot;", fp); break;
		case '\'': fputs("&apos;", fp); break;
		default:
			/* XML 1.0 forbids most control characters */
			if ((unsigned char)*s < 0x20 && *s != '\t' &&
			    *s != '\n' && *s != '\r')
				fputc(' ', fp);
			else
				fputc(*s, fp);
		}
	}
}

/* The smallest 1, 2 or 5 x 10^k step not below raw. */
static double
nice_step(double raw)
{
	double mag, f;

	if (!(raw > 0) || !isfinite(raw))
		return 1.0;
	mag = pow(10.0, floor(log10(raw)));
	f = raw / mag;
	if (f <= 1.0)
		return mag;
	if (f <= 2.0)
		return 2 * mag;
	if (f <= 5.0)
		return 5 * mag;
	return 10 * mag;
}

/*
 * About five nice steps covering lo..hi; an empty range becomes 0..1.
 * The top is rounded up to a whole step.  A negative bottom is too only
 * when that wastes little room: a few refunds under a large top would
 * otherwise leave a whole empty step below zero.
 */
static void
axis_make(struct axis *a, double lo, double hi)
{
	double whole;

	lo = fin(lo);
	hi = fin(hi);
	if (hi <= lo)
		hi = lo + 1.0;
	a->step = nice_step((hi - lo) / 5.0);
	a->hi = ceil(hi / a->step) * a->step;
	whole = floor(lo / a->step) * a->step;
	a->lo = lo - whole <= 0.1 * (a->hi - lo) ? whole :
	    lo - 0.03 * (a->hi - lo);
	if (a->hi <= a->lo)
		a->hi = a->lo + a->step;
}

/*
 * A tick label: plain below 10,000 (with as many decimals as the step
 * needs), else 12k, 1.5M, 2G.
 */
static void
fmt_value(char *buf, size_t size, double v, double step)
{
	static const char suffix[] = "kMGTPE";
	double a = fabs(v);
	int i, dec;

	if (a < 0.5 * step)
		v = a = 0.0;		/* no "-0" from rounding */
	if (a < 10000.0) {
		dec = step >= 1.0 ? 0 : (int)ceil(-log10(step) - 1e-9);
		if (dec > 6)
			dec = 6;
		snprintf(buf, size, "%.*f", dec, v);
		return;
	}
	for (i = 0; i < 5 && a >= 999999.5; i++) {
		v /= 1000.0;
		a /= 1000.0;
	}
	v /= 1000.0;
	if (fabs(v - round(v)) < 0.05)
		snprintf(buf, size, "%.0f%c", v, suffix[i]);
	else
		snprintf(buf, size, "%.1f%c", v, suffix[i]);
}

static double
xpos(size_t i, size_t n)
{
	return PX0 + (PX1 - PX0) * (double)i / (double)n;
}

static double
ypos(const struct axis *a, double v)
{
	return fin(PY1 - (PY1 - PY0) * (v - a->lo) / (a->hi - a->lo));
}

static double
yshare(double s)
{
	s = fin(s);
	if (s < 0)
		s = 0;
	if (s > 1)
		s = 1;
	return PY1 - (PY1 - PY0) * s;
}

/* Items per bar: equal buckets, so that bars compare with each other. */
static size_t
bar_size(size_t n)
{
	return (n + CRM_SVG_MAX_BARS - 1) / CRM_SVG_MAX_BARS;
}

static size_t
bar_start(size_t k, size_t n)
{
	size_t i = k * bar_size(n);

	return i < n ? i : n;
}

/* First item of bucket k when n items fill nb buckets. */
static size_t
bucket_start(size_t k, size_t n, size_t nb)
{
	return (size_t)((unsigned long long)k * n / nb);
}

static void
text(FILE *fp, double x, double y, const char *anchor, int size,
    const char *extra, const char *s)
{
	fprintf(fp, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"%s\" "
	    "font-size=\"%d\"%s>", fin(x), fin(y), anchor, size, extra);
	esc(fp, s);
	fputs("</text>\n", fp);
}

static int
cls_of(const struct crm_pareto_item *it)
{
	if (it->cls < 0)
		return 0;
	if (it->cls > CRM_PARETO_MAX_BOUNDS)
		return CRM_PARETO_MAX_BOUNDS;
	return it->cls;
}

/*
 * One pale band per run of items of the same class, its letter in a strip
 * above the plot where neither bars nor the curve (near 100% there) can
 * hide it.
 */
static void
draw_bands(FILE *fp, const struct crm_pareto *p)
{
	size_t i, j;
	double x0, x1;
	char letter[2] = "A";
	int c;

	for (i = 0; i < p->n; i = j) {
		c = cls_of(&p->items[i]);
		for (j = i + 1; j < p->n && cls_of(&p->items[j]) == c; j++)
			;
		x0 = xpos(i, p->n);
		x1 = xpos(j, p->n);
		fprintf(fp, "<rect class=\"band\" x=\"%.2f\" y=\"%.2f\" "
		    "width=\"%.2f\" height=\"%.2f\" fill=\"%s\"/>\n",
		    x0, PY0 - BAND_HEAD, x1 - x0, PY1 - PY0 + BAND_HEAD,
		    band_fill[c % NBAND_FILL]);
		if (x1 - x0 >= 14.0) {
			letter[0] = (char)('A' + c);
			text(fp, (x0 + x1) / 2, PY0 - 6, "middle", 14,
			    " font-weight=\"bold\" fill=\"#666\"", letter);
		}
	}
}

/* Summed value of each of the nb bars; also the smallest and largest. */
static void
bar_sums(const struct crm_pareto *p, size_t nb, double *sum, double *lo,
    double *hi)
{
	size_t k, i, end;

	*lo = *hi = 0.0;
	for (k = 0; k < nb; k++) {
		sum[k] = 0.0;
		end = bar_start(k + 1, p->n);
		for (i = bar_start(k, p->n); i < end; i++)
			sum[k] += fin(p->items[i].value);
		/* the mean, so that a short last bar reads on the same axis */
		sum[k] /= (double)(end - bar_start(k, p->n));
		if (k == 0 || sum[k] < *lo)
			*lo = sum[k];
		if (k == 0 || sum[k] > *hi)
			*hi = sum[k];
	}
}

static void
draw_bars(FILE *fp, const struct crm_pareto *p, size_t nb,
    const double *sum, const struct axis *ya)
{
	size_t k;
	double x0, x1, pad, y, y0 = ypos(ya, 0.0);

	for (k = 0; k < nb; k++) {
		x0 = xpos(bar_start(k, p->n), p->n);
		x1 = xpos(bar_start(k + 1, p->n), p->n);
		pad = x1 - x0 >= 5.0 ? (x1 - x0) * 0.1 : 0.0;
		y = ypos(ya, sum[k]);
		fprintf(fp, "<rect class=\"bar\" x=\"%.2f\" y=\"%.2f\" "
		    "width=\"%.2f\" height=\"%.2f\" fill=\"%s\"/>\n",
		    x0 + pad, y < y0 ? y : y0, x1 - x0 - 2 * pad,
		    fabs(y0 - y), sum[k] < 0 ? "#c0504d" : "#4f81bd");
	}
}

static void
draw_curve(FILE *fp, const struct crm_pareto *p)
{
	size_t k, np, end;

	np = p->n < CURVE_POINTS ? p->n : CURVE_POINTS;
	fprintf(fp, "<polyline class=\"cum\" fill=\"none\" stroke=\"#e07b00\" "
	    "stroke-width=\"2\" stroke-linejoin=\"round\" points=\"%.2f,%.2f",
	    PX0, PY1);
	for (k = 0; k < np; k++) {
		end = bucket_start(k + 1, p->n, np);
		fprintf(fp, " %.2f,%.2f", xpos(end, p->n),
		    yshare(p->items[end - 1].cum_share));
	}
	fputs("\"/>\n", fp);
}

static void
draw_axes(FILE *fp, const struct crm_pareto *p, const struct axis *ya)
{
	struct axis xa;
	char buf[32];
	double v, y, x;
	int i;

	fprintf(fp, "<g stroke=\"#444\" stroke-width=\"1\">\n"
	    "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"/>\n"
	    "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"/>\n"
	    "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"/>\n",
	    PX0, PY0, PX0, PY1, PX1, PY0, PX1, PY1, PX0, PY1, PX1, PY1);
	if (ya->lo < 0)
		fprintf(fp, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" "
		    "y2=\"%.2f\"/>\n", PX0, ypos(ya, 0), PX1, ypos(ya, 0));
	fputs("</g>\n<g font-size=\"11\" fill=\"#333\">\n", fp);

	for (i = 0; i <= MAX_TICKS; i++) {
		v = (ceil(ya->lo / ya->step - 1e-9) + i) * ya->step;
		if (v > ya->hi + ya->step / 2)
			break;
		y = ypos(ya, v);
		fprintf(fp, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" "
		    "y2=\"%.2f\" stroke=\"#444\"/>\n", PX0 - 5, y, PX0, y);
		fmt_value(buf, sizeof(buf), v, ya->step);
		text(fp, PX0 - 8, y + 4, "end", 11, "", buf);
	}
	for (i = 0; i <= 100; i += 20) {
		y = yshare(i / 100.0);
		fprintf(fp, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" "
		    "y2=\"%.2f\" stroke=\"#444\"/>\n", PX1, y, PX1 + 5, y);
		snprintf(buf, sizeof(buf), "%d%%", i);
		text(fp, PX1 + 8, y + 4, "start", 11, "", buf);
	}

	/* item counts along the bottom, 0 .. n */
	axis_make(&xa, 0, (double)p->n);
	if (xa.step < 1)
		xa.step = 1;
	for (i = 0; i <= MAX_TICKS; i++) {
		v = i * xa.step;
		if (v > (double)p->n + 1e-9)
			break;
		x = PX0 + (PX1 - PX0) * v / (double)p->n;
		fprintf(fp, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" "
		    "y2=\"%.2f\" stroke=\"#444\"/>\n", x, PY1, x, PY1 + 5);
		fmt_value(buf, sizeof(buf), v, xa.step);
		text(fp, x, PY1 + 18, "middle", 11, "", buf);
	}
	fputs("</g>\n", fp);
}

static void
draw_titles(FILE *fp, const struct crm_pareto *p, size_t nb,
    const char *value_label)
{
	char buf[160];
	char rot[80];

	if (nb < p->n)
		snprintf(buf, sizeof(buf), "items ranked by value, %zu items; "
		    "each bar the mean of %zu", p->n, bar_size(p->n));
	else
		snprintf(buf, sizeof(buf), "items ranked by value (%zu item%s)",
		    p->n, p->n == 1 ? "" : "s");
	text(fp, (PX0 + PX1) / 2, H - 22, "middle", 13, "", buf);

	snprintf(rot, sizeof(rot), " transform=\"rotate(-90 %.2f %.2f)\"",
	    22.0, (PY0 + PY1) / 2);
	text(fp, 22, (PY0 + PY1) / 2, "middle", 13, rot, value_label);
	snprintf(rot, sizeof(rot), " transform=\"rotate(90 %.2f %.2f)\"",
	    W - 18.0, (PY0 + PY1) / 2);
	text(fp, W - 18, (PY0 + PY1) / 2, "middle", 13, rot,
	    "cumulative share of value");
}

int
crm_svg_pareto(FILE *fp, const struct crm_pareto *p, const char *title,
    const char *value_label)
{
	double sum[CRM_SVG_MAX_BARS], lo, hi;
	struct axis ya;
	size_t nb;

	fprintf(fp, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
	    "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
	    "font-family=\"sans-serif\">\n"
	    "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>\n",
	    W, H, W, H, W, H);
	text(fp, W / 2.0, 32, "middle", 18, " font-weight=\"bold\"", title);

	if (p == NULL || p->n == 0 || p->items == NULL) {
		text(fp, W / 2.0, H / 2.0, "middle", 14, " fill=\"#666\"",
		    "no items");
		fputs("</svg>\n", fp);
		return ferror(fp) ? -1 : 0;
	}

	nb = (p->n + bar_size(p->n) - 1) / bar_size(p->n);
	bar_sums(p, nb, sum, &lo, &hi);
	axis_make(&ya, lo < 0 ? lo : 0, hi);

	draw_bands(fp, p);
	draw_bars(fp, p, nb, sum, &ya);
	fprintf(fp, "<line class=\"guide\" x1=\"%.2f\" y1=\"%.2f\" "
	    "x2=\"%.2f\" y2=\"%.2f\" stroke=\"#888\" stroke-width=\"1\" "
	    "stroke-dasharray=\"6,4\"/>\n", PX0, yshare(0.8), PX1,
	    yshare(0.8));
	text(fp, PX1 - 6, yshare(0.8) - 5, "end", 11, " fill=\"#666\"",
	    "80%");
	draw_curve(fp, p);
	draw_axes(fp, p, &ya);
	draw_titles(fp, p, nb, value_label);
	fputs("</svg>\n", fp);
	return ferror(fp) ? -1 : 0;
}
