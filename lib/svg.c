/*
 * svg.c - a Pareto chart of a ranked list as one SVG 1.1 document.
 *
 * Exports crm_svg_pareto_chart, crm_svg_pareto, crm_svg_number and
 * crm_svg_decimal (see svg.h).  The document needs nothing from
 * outside: no fonts, stylesheets or scripts.  The plot takes the left
 * of the page: bars show values in rank order on the left axis
 * (bucketed past CRM_SVG_MAX_BARS items), the cumulative share curve
 * runs on the right axis, pale bands mark the classes, and the x axis
 * is the share of items, so that a bar or a band is as wide as the
 * items it covers and a chart of 10 items reads like one of 100,000.  The right of the page
 * holds what a bar cannot say once items are many: the classes' counts
 * and shares, and the top items by name.
 *
 * Text is never measured by a renderer here, so its width is estimated
 * from DejaVu Sans (the widest of the usual sans-serif fonts), and long
 * labels are cut with an ellipsis before they can overlap.  Positions
 * are written with %.2f and pass through fin() first, so no nan or inf
 * can reach the file; the caller keeps the C locale for LC_NUMERIC, as
 * every crm tool does.  What is written as a value or a share of one
 * (the top list, the bars' labels, the total, the classes' shares) is
 * worked out from the exact sums (pareto.h), as the table and the
 * summary write them; only positions and ticks use the doubles.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "svg.h"
#include "value.h"

#define W	1140
#define H	560
#define TOP	78.0		/* plot area, but for the left margin */
#define BOTTOM	72.0
#define PY0	TOP
#define PY1	(H - BOTTOM)
#define PANEL_W	320.0		/* legend and top list, right of the plot */
#define PANEL_X	(W - PANEL_W - 14)
#define PX1	(PANEL_X - 92)
#define BAND_HEAD	22.0	/* bands rise above the plot for their letter */
#define CURVE_POINTS	1000	/* most points the share curve gets */
#define MAX_TICKS	16
#define ROW	17.0		/* a line of the panel */
#define COMPACT_WIDTH	110.0	/* wider tick labels: 1.5M instead */
#define LABEL_ROOM	16.0	/* over the tallest bar, for its value */

static const char *const band_fill[] = {
	"#e3f1e0", "#fdf3d6", "#f8e1e1", "#e2ebf7", "#efe4f4", "#e0f2f1"
};
#define NBAND_FILL	(sizeof(band_fill) / sizeof(band_fill[0]))

/* Over bars, bands and the curve alike: a white outline under the text. */
#define HALO	" stroke=\"#fff\" stroke-width=\"3\" stroke-linejoin=\"round\"" \
		" paint-order=\"stroke\""

struct axis {
	double lo, hi, step;	/* range, rounded out to whole steps */
	int dec;		/* decimals of the tick labels */
	int compact;		/* 12k, 1.5M: full numbers would not fit */
};

struct chart {
	FILE *fp;
	const struct crm_pareto *p;
	const struct crm_svg_opts *o;
	double px0;		/* the plot's left edge: after the ticks */
	struct axis ya;
	size_t per, nb;		/* items per bar, bars */
	double sum[CRM_SVG_MAX_BARS];	/* the bars' mean values */
	size_t ncls;		/* classes: nbounds + 1 */
	size_t cls_items[CRM_PARETO_MAX_BOUNDS + 1];
	crm_i128 cls_units[CRM_PARETO_MAX_BOUNDS + 1];	/* exact */
	size_t ntop;		/* items in the top list */
	int bar_labels;		/* the top items' bars carry their rank */
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
			if ((unsigned char)*s < 0x20)
				fputc(' ', fp);
			else
				fputc(*s, fp);
		}
	}
}

/* The octets of the UTF-8 sequence at s, cut short where it breaks. */
static size_t
utf8_len(const unsigned char *s)
{
	size_t want, n;

	if (*s >= 0xf0 && *s <= 0xf7)
		want = 4;
	else if (*s >= 0xe0 && *s <= 0xef)
		want = 3;
	else if (*s >= 0xc0 && *s <= 0xdf)
		want = 2;
	else
		return 1;
	for (n = 1; n < want && (s[n] & 0xc0) == 0x80; n++)
		;
	return n;
}

/*
 * DejaVu Sans's advance widths of printable ASCII, in 1/2048 em (its
 * units per em): the font rsvg-convert and most Linux systems fall back
 * to for sans-serif, and wider than Arial or Helvetica, so that text
 * placed by it does not collide elsewhere either.
 */
static const unsigned short ascii_width[95] = {
	651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716,
	651, 739, 651, 690, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303,
	1303, 1303, 690, 690, 1716, 1716, 1716, 1087, 2048, 1401, 1405, 1430,
	1577, 1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767, 1532, 1612,
	1235, 1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403, 799,
	690, 799, 1716, 1024, 1024, 1255, 1300, 1126, 1300, 1260, 721, 1300,
	1298, 569, 569, 1186, 569, 1995, 1298, 1253, 1300, 1300, 842, 1067,
	803, 1298, 1212, 1675, 1212, 1212, 1075, 1303, 690, 1303, 1716
};

/*
 * The advance of one character in em: ASCII from the table, 5% added
 * for bold text and rounding; other Latin, Greek and Cyrillic letters
 * (two octets) 0.7; wide scripts (a lead byte from U+1100 on: Hangul,
 * CJK) a whole em; the rest 0.8.
 */
static double
char_em(const unsigned char *s, size_t len)
{
	if (len == 1)
		return *s >= 0x20 && *s < 0x7f ?
		    ascii_width[*s - 0x20] * 1.05 / 2048.0 : 0.6;
	if (len == 2)
		return 0.7;
	return *s >= 0xe1 ? 1.0 : 0.8;
}

static double
text_width(const char *s, double size)
{
	const unsigned char *p = (const unsigned char *)s;
	double em = 0;
	size_t n;

	for (; *p != '\0'; p += n) {
		n = utf8_len(p);
		em += char_em(p, n);
	}
	return em * size;
}

/*
 * Copies s into out (size bytes), cut with an ellipsis where it would be
 * wider than max at font size; never inside a UTF-8 character.
 */
static void
fit(const char *s, double size, double max, char *out, size_t outsize)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	double w = 0, ell = 1.0 * size;
	size_t o = 0, n, cut = 0;
	int cutting = text_width((const char *)p, size) > max;

	for (; *p != '\0'; p += n) {
		n = utf8_len(p);
		w += char_em(p, n) * size;
		if (cutting && w + ell > max)
			break;
		if (o + n + 4 > outsize)
			break;
		memcpy(out + o, p, n);
		o += n;
		cut = o;
	}
	if (*p != '\0' && cut + 4 <= outsize) {
		memcpy(out + cut, "\xe2\x80\xa6", 3);	/* U+2026 */
		cut += 3;
	}
	out[cut] = '\0';
}

/* plain ("-1234567.50") with its digits grouped by three. */
static int
group_digits(const char *plain, int decimal_comma, char *buf, size_t size)
{
	char out[CRM_NUMBER_SIZE * 2];
	const char *p = plain, *point;
	size_t o = 0, digits;

	if (*p == '-')
		out[o++] = *p++;
	point = strchr(p, '.');
	digits = point != NULL ? (size_t)(point - p) : strlen(p);
	for (; digits > 0; digits--) {
		out[o++] = *p++;
		if (digits > 1 && (digits - 1) % 3 == 0)
			out[o++] = decimal_comma ? '.' : ',';
	}
	if (*p == '.') {
		out[o++] = decimal_comma ? ',' : '.';
		p++;
	}
	while (*p != '\0')
		out[o++] = *p++;
	out[o] = '\0';
	return snprintf(buf, size, "%s", out);
}

int
crm_svg_number(double v, int decimals, int decimal_comma, char *buf,
    size_t size)
{
	char plain[CRM_NUMBER_SIZE];

	crm_number_format(fin(v), decimals, plain, sizeof(plain));
	return group_digits(plain, decimal_comma, buf, size);
}

int
crm_svg_decimal(crm_i128 units, int scale, int decimals, int decimal_comma,
    char *buf, size_t size)
{
	char plain[CRM_DECIMAL_SIZE];

	crm_decimal_format(units, scale, decimals, plain, sizeof(plain));
	return group_digits(plain, decimal_comma, buf, size);
}

/* The percentage of x (a fraction) under 0.005%, 0 above: "<0.01%". */
static int
tiny_share(double x, int decimal_comma, char *buf, size_t size)
{
	x *= 100;
	if (x == 0 || fabs(x) >= 0.005)
		return 0;
	snprintf(buf, size, "%s0%c01%%", x < 0 ? ">-" : "<",
	    decimal_comma ? ',' : '.');
	return 1;
}

/*
 * A share (a fraction) as a person writes it: 80.4%, 20%, 0.05% (the
 * bounds, the callout's share of items).
 */
static void
percent(double f, int decimal_comma, char *buf, size_t size)
{
	double x = fin(f) * 100;
	char *dot;

	if (tiny_share(fin(f), decimal_comma, buf, size))
		return;
	snprintf(buf, size, "%.*f", fabs(x) < 0.1 ? 2 : 1, x);
	if (strcmp(buf, "-0.0") == 0 || strcmp(buf, "-0.00") == 0)
		memmove(buf, buf + 1, strlen(buf));
	if ((dot = strchr(buf, '.')) != NULL) {
		if (strspn(dot + 1, "0") == strlen(dot + 1))
			*dot = '\0';
		else if (decimal_comma)
			*dot = ',';
	}
	strncat(buf, "%", size - strlen(buf) - 1);
}

/*
 * The same for the share num / den of two exact sums (0 when den is not
 * positive), rounded in decimal, half away from zero, as the summary's
 * shares are: 12.25% is 12.3%, where %.1f of the double gives 12.2%.
 * With keep_zero, 20.0%, for a column of shares to line up.
 */
static void
exact_share(crm_i128 num, crm_i128 den, int decimal_comma, int keep_zero,
    char *buf, size_t size)
{
	char t[CRM_DECIMAL_SIZE + 8], *dot;
	double x;
	size_t n;
	int places;

	if (den <= 0)
		num = 0, den = 1;
	x = crm_decimal_to_double(num, 0) / crm_decimal_to_double(den, 0);
	if (tiny_share(x, decimal_comma, buf, size))
		return;
	places = fabs(x * 100) < 0.1 ? 2 : 1;
	/* trailing zeros come back trimmed: all of them, or kept */
	crm_decimal_ratio_format(num, den, 2, places, t, CRM_DECIMAL_SIZE);
	n = strlen(t);
	if (keep_zero && strchr(t, '.') == NULL)
		t[n++] = '.';
	if ((dot = strchr(t, '.')) != NULL)
		while (t + n - dot - 1 < places)
			t[n++] = '0';
	t[n] = '\0';
	if (decimal_comma && dot != NULL)
		*dot = ',';
	snprintf(buf, size, "%s%%", t);
}

/* A whole count with its thousands separated: 19,734. */
static void
count_text(size_t n, int decimal_comma, char *buf, size_t size)
{
	crm_svg_number((double)n, 0, decimal_comma, buf, size);
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
 * A step is never finer than the values' last decimal place (no 0.5
 * ticks for whole numbers).  The top is rounded up to a whole step.  A
 * negative bottom is too only when that wastes little room: a few
 * refunds under a large top would otherwise leave a whole empty step
 * below zero.
 */
static void
axis_make(struct axis *a, double lo, double hi, int decimals)
{
	double whole;

	lo = fin(lo);
	hi = fin(hi);
	if (hi <= lo)
		hi = lo + 1.0;
	a->step = nice_step((hi - lo) / 5.0);
	if (decimals >= 0 && a->step < pow(10.0, -decimals))
		a->step = pow(10.0, -decimals);
	a->hi = ceil(hi / a->step - 1e-9) * a->step;
	whole = floor(lo / a->step + 1e-9) * a->step;
	a->lo = lo - whole <= 0.1 * (a->hi - lo) ? whole :
	    lo - 0.03 * (a->hi - lo);
	if (a->hi <= a->lo)
		a->hi = a->lo + a->step;
	a->dec = a->step >= 1.0 ? 0 : (int)ceil(-log10(a->step) - 1e-9);
	if (a->dec > 9)
		a->dec = 9;
	a->compact = 0;
}

/* 12k, 1.5M, 2G: for values too long to write in full on an axis. */
static void
fmt_compact(char *buf, size_t size, double v, int decimal_comma)
{
	static const char suffix[] = "kMGTPE";
	double a = fabs(v);
	char *dot;
	int i;

	for (i = 0; i < 5 && a >= 999999.5; i++) {
		v /= 1000.0;
		a /= 1000.0;
	}
	v /= 1000.0;
	if (fabs(v - round(v)) < 0.05)
		snprintf(buf, size, "%.0f%c", v, suffix[i]);
	else
		snprintf(buf, size, "%.1f%c", v, suffix[i]);
	if (decimal_comma && (dot = strchr(buf, '.')) != NULL)
		*dot = ',';
}

/* A tick label of the value axis. */
static void
tick_text(const struct chart *c, double v, char *buf, size_t size)
{
	if (fabs(v) < 0.5 * c->ya.step)
		v = 0.0;		/* no "-0" from rounding */
	if (c->ya.compact && fabs(v) >= 10000)
		fmt_compact(buf, size, v, c->o->decimal_comma);
	else
		crm_svg_number(v, c->ya.dec, c->o->decimal_comma, buf, size);
}

/* The tick values of the value axis, in order: the i-th, or NAN past. */
static double
tick_value(const struct axis *a, int i)
{
	double v = (ceil(a->lo / a->step - 1e-9) + i) * a->step;

	return i > MAX_TICKS || v > a->hi + a->step * 1e-6 ? NAN : v;
}

/*
 * The plot's left edge: room for the widest tick label (in full, or
 * compact when full ones would pass COMPACT_WIDTH) and the axis title.
 */
static void
place_value_axis(struct chart *c)
{
	char buf[CRM_NUMBER_SIZE * 2];
	double widest = 0, v, w;
	int i, pass;

	for (pass = 0; pass < 2; pass++) {
		widest = 0;
		for (i = 0; !isnan(v = tick_value(&c->ya, i)); i++) {
			tick_text(c, v, buf, sizeof(buf));
			if ((w = text_width(buf, 11)) > widest)
				widest = w;
		}
		if (widest <= COMPACT_WIDTH)
			break;
		c->ya.compact = 1;
	}
	c->px0 = 46 + widest;
	if (c->px0 < 80)
		c->px0 = 80;
}

static double
xpos_f(const struct chart *c, double i)
{
	return c->px0 + (PX1 - c->px0) * i / (double)c->p->n;
}

static double
xpos(const struct chart *c, size_t i)
{
	return xpos_f(c, (double)i);
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

static size_t
bar_start(const struct chart *c, size_t k)
{
	size_t i = k * c->per;

	return i < c->p->n ? i : c->p->n;
}

/* First item of bucket k when n items fill nb buckets. */
static size_t
bucket_start(size_t k, size_t n, size_t nb)
{
	return (size_t)((unsigned long long)k * n / nb);
}

static void
text(FILE *fp, double x, double y, const char *anchor, double size,
    const char *extra, const char *s)
{
	fprintf(fp, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"%s\" "
	    "font-size=\"%g\"%s>", fin(x), fin(y), anchor, size, extra);
	esc(fp, s);
	fputs("</text>\n", fp);
}

static void
line(FILE *fp, double x1, double y1, double x2, double y2,
    const char *extra)
{
	fprintf(fp, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\"%s/>"
	    "\n", fin(x1), fin(y1), fin(x2), fin(y2), extra);
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

/* The item's label, "" for none. */
static const char *
label_of(const struct chart *c, const struct crm_pareto_item *it)
{
	const char *s = c->o->label != NULL ? c->o->label(c->o->ctx, it) :
	    NULL;

	return s != NULL ? s : "";
}

/*
 * A value (units at the list's scale, exact) as the list, the bars and
 * the total write it: with the values' decimals, as the table does.
 */
static void
value_text(const struct chart *c, crm_i128 units, char *buf, size_t size)
{
	int dec = c->o->decimals, scale = c->p->scale;

	if (dec < 0)
		dec = scale == 0 || units % (crm_i128)crm_decimal_pow10(scale)
		    == 0 ? 0 : 2;
	crm_svg_decimal(units, scale, dec, c->o->decimal_comma, buf, size);
}

/*
 * Room for a line of text over the tallest bar (at hi): the axis top
 * raised just enough, past its last tick if need be, rather than by a
 * whole step, which could squeeze the bars into two thirds of the plot.
 */
static void
headroom(struct axis *a, double hi)
{
	double f = LABEL_ROOM / (PY1 - PY0);

	if (ypos(a, hi) - PY0 < LABEL_ROOM)
		a->hi = (hi - f * a->lo) / (1 - f);
}

/*
 * Bars, classes and the top list's length: everything the drawing needs
 * to know before the first element is written.
 */
static void
layout(struct chart *c)
{
	const struct crm_pareto *p = c->p;
	double lo = 0, hi = 0, room, ytop;
	size_t k, i, end;

	c->per = (p->n + CRM_SVG_MAX_BARS - 1) / CRM_SVG_MAX_BARS;
	c->nb = (p->n + c->per - 1) / c->per;
	for (k = 0; k < c->nb; k++) {
		c->sum[k] = 0.0;
		end = bar_start(c, k + 1);
		for (i = bar_start(c, k); i < end; i++)
			c->sum[k] += fin(p->items[i].value);
		/* the mean, so that a short last bar reads on the same axis */
		c->sum[k] /= (double)(end - bar_start(c, k));
		if (k == 0 || c->sum[k] < lo)
			lo = c->sum[k];
		if (k == 0 || c->sum[k] > hi)
			hi = c->sum[k];
	}
	c->ncls = p->nbounds + 1;
	for (i = 0; i < p->n; i++) {
		c->cls_items[cls_of(&p->items[i])]++;
		c->cls_units[cls_of(&p->items[i])] += p->items[i].units;
	}
	/* the panel: a heading and a row per class, then the top list */
	ytop = PY0 - BAND_HEAD + ROW * (double)(c->ncls + 3) + 16;
	room = floor((H - 14 - ytop) / ROW);
	c->ntop = p->n < CRM_SVG_TOP ? p->n : CRM_SVG_TOP;
	if (room < (double)c->ntop)
		c->ntop = room > 0 ? (size_t)room : 0;
	axis_make(&c->ya, lo < 0 ? lo : 0, hi, c->o->decimals);
	place_value_axis(c);
	c->bar_labels = c->per == 1 && c->ntop > 0 &&
	    (PX1 - c->px0) / (double)p->n >= 14;
	if (c->bar_labels)
		headroom(&c->ya, hi);
}

/*
 * One pale band per run of items of the same class, its letter in a strip
 * above the plot where neither bars nor the curve (near 100% there) can
 * hide it.
 */
static void
draw_bands(const struct chart *c)
{
	const struct crm_pareto *p = c->p;
	char letter[2] = "A";
	double x0, x1;
	size_t i, j;
	int k;

	for (i = 0; i < p->n; i = j) {
		k = cls_of(&p->items[i]);
		for (j = i + 1; j < p->n && cls_of(&p->items[j]) == k; j++)
			;
		x0 = xpos(c, i);
		x1 = xpos(c, j);
		fprintf(c->fp, "<rect class=\"band\" x=\"%.2f\" y=\"%.2f\" "
		    "width=\"%.2f\" height=\"%.2f\" fill=\"%s\"/>\n",
		    x0, PY0 - BAND_HEAD, x1 - x0, PY1 - PY0 + BAND_HEAD,
		    band_fill[k % NBAND_FILL]);
		if (x1 - x0 >= 14.0) {
			letter[0] = (char)('A' + k);
			text(c->fp, (x0 + x1) / 2, PY0 - 6, "middle", 14,
			    " font-weight=\"bold\" fill=\"#666\"", letter);
		}
	}
}

static void
draw_bars(const struct chart *c)
{
	double x0, x1, pad, y, y0 = ypos(&c->ya, 0.0);
	size_t k;

	for (k = 0; k < c->nb; k++) {
		x0 = xpos(c, bar_start(c, k));
		x1 = xpos(c, bar_start(c, k + 1));
		pad = x1 - x0 >= 5.0 ? (x1 - x0) * 0.1 : 0.0;
		y = ypos(&c->ya, c->sum[k]);
		fprintf(c->fp, "<rect class=\"bar\" x=\"%.2f\" y=\"%.2f\" "
		    "width=\"%.2f\" height=\"%.2f\" fill=\"%s\"/>\n",
		    x0 + pad, y < y0 ? y : y0, x1 - x0 - 2 * pad,
		    fabs(y0 - y), c->sum[k] < 0 ? "#c0504d" : "#4f81bd");
	}
}

/*
 * The top items' bars, when each is one item wide enough: the rank (the
 * top list's) at the bar's foot, in white, or over the bar when the bar
 * is too short for it; and the values over the bars when every one of
 * them fits its bar's width (some bars with a value and some without
 * would read as if the others had none).
 */
static void
draw_bar_labels(const struct chart *c)
{
	char buf[CRM_NUMBER_SIZE * 2], rank[24];
	double y0 = ypos(&c->ya, 0.0), w, x, y, top;
	int values = 1;
	size_t i;

	if (!c->bar_labels)
		return;
	w = (PX1 - c->px0) / (double)c->p->n;
	for (i = 0; i < c->ntop; i++) {
		value_text(c, c->p->items[i].units, buf, sizeof(buf));
		if (text_width(buf, 10) > w - 4)
			values = 0;
	}
	fputs("<g class=\"bar-labels\" font-size=\"10\">\n", c->fp);
	for (i = 0; i < c->ntop; i++) {
		x = xpos(c, i) + w / 2;
		y = ypos(&c->ya, c->p->items[i].value);
		top = (y < y0 ? y : y0) - 4;
		if (values) {
			value_text(c, c->p->items[i].units, buf, sizeof(buf));
			text(c->fp, x, top, "middle", 10,
			    " fill=\"#1f3f66\"" HALO, buf);
			top -= 12;
		}
		snprintf(rank, sizeof(rank), "%zu", i + 1);
		if (y0 - y >= 16)
			text(c->fp, x, y0 - 5, "middle", 10,
			    " font-weight=\"bold\" fill=\"#fff\"", rank);
		else
			text(c->fp, x, top, "middle", 10,
			    " font-weight=\"bold\" fill=\"#1f3f66\"" HALO,
			    rank);
	}
	fputs("</g>\n", c->fp);
}

static void
draw_curve(const struct chart *c)
{
	const struct crm_pareto *p = c->p;
	size_t k, np, end;

	np = p->n < CURVE_POINTS ? p->n : CURVE_POINTS;
	fprintf(c->fp, "<polyline class=\"cum\" fill=\"none\" "
	    "stroke=\"#e07b00\" stroke-width=\"2\" stroke-linejoin=\"round\" "
	    "points=\"%.2f,%.2f", c->px0, PY1);
	for (k = 0; k < np; k++) {
		end = bucket_start(k + 1, p->n, np);
		fprintf(c->fp, " %.2f,%.2f", xpos(c, end),
		    yshare(p->items[end - 1].cum_share));
	}
	fputs("\"/>\n", c->fp);
}

/*
 * Where the cumulative share first reaches bound b: *items, the whole
 * items it takes (the first class's count), and *at, the fraction of
 * items where the drawn curve crosses b.  0 when it never does.
 */
static int
crossing(const struct crm_pareto *p, double b, size_t *items, double *at)
{
	double before = 0, f;
	size_t i;

	for (i = 0; i < p->n; i++) {
		if (p->items[i].cum_share >= b - 1e-9) {
			f = p->items[i].cum_share - before;
			f = f > 0 ? (b - before) / f : 1;
			*items = i + 1;
			*at = (double)i + (f < 0 ? 0 : f > 1 ? 1 : f);
			return 1;
		}
		before = p->items[i].cum_share;
	}
	return 0;
}

/*
 * The first class bound: a dashed guide across the plot, and where the
 * curve crosses it a dot, a drop line to the x axis and a box: "80% of
 * the value / from the top 19.7% of items / reached at item 60 of 300".
 * The share of items is where the drawn curve crosses (as the summary's
 * items_share_for_80 reads it), so that text, dot and drop line agree
 * for 10 items as for 100,000; the item that gets there is the last of
 * the first class.  The box sits right of and below the dot, under the
 * rising curve; near the right edge, left of and above it.
 */
static void
draw_callout(const struct chart *c)
{
	char bound[32], n[32], of[32], share[32], l[3][200];
	double b, at, x, y, bw, bx, by;
	size_t items, i;
	int dc = c->o->decimal_comma;

	if (c->p->nbounds == 0)
		return;
	b = c->p->bounds[0];
	y = yshare(b);
	line(c->fp, c->px0, y, PX1, y, " class=\"guide\" stroke=\"#888\" "
	    "stroke-width=\"1\" stroke-dasharray=\"6,4\"");
	if (!(c->p->positive_total > 0) ||
	    !crossing(c->p, b, &items, &at))
		return;
	x = xpos_f(c, at);
	percent(b, dc, bound, sizeof(bound));
	count_text(items, dc, n, sizeof(n));
	count_text(c->p->n, dc, of, sizeof(of));
	percent(at / (double)c->p->n, dc, share, sizeof(share));
	snprintf(l[0], sizeof(l[0]), "%s of the value", bound);
	snprintf(l[1], sizeof(l[1]), "from the top %s of items", share);
	snprintf(l[2], sizeof(l[2]), "reached at item %s of %s", n, of);
	for (bw = 0, i = 0; i < 3; i++)
		if (text_width(l[i], 12) + 16 > bw)
			bw = text_width(l[i], 12) + 16;
	bx = x + 10 + bw <= PX1 - 4 ? x + 10 : x - 10 - bw;
	by = bx > x && y + 12 + 56 <= PY1 - 4 ? y + 12 : y - 12 - 56;
	line(c->fp, x, y, x, PY1, " class=\"drop\" stroke=\"#e07b00\" "
	    "stroke-width=\"1\" stroke-dasharray=\"3,3\"");
	fprintf(c->fp, "<circle class=\"callout\" cx=\"%.2f\" cy=\"%.2f\" "
	    "r=\"4.5\" fill=\"#fff\" stroke=\"#e07b00\" stroke-width=\"2\"/>\n"
	    "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"56\" "
	    "rx=\"4\" fill=\"#fff\" fill-opacity=\"0.92\" stroke=\"#e07b00\"/>"
	    "\n", x, y, bx, by, bw);
	text(c->fp, bx + 8, by + 16, "start", 12,
	    " font-weight=\"bold\" fill=\"#333\"", l[0]);
	text(c->fp, bx + 8, by + 32, "start", 12, " fill=\"#333\"", l[1]);
	text(c->fp, bx + 8, by + 48, "start", 12, " fill=\"#666\"", l[2]);
}

/* The value axis, left: ticks written as the values are. */
static void
draw_value_ticks(const struct chart *c)
{
	char buf[CRM_NUMBER_SIZE * 2];
	double v, y;
	int i;

	for (i = 0; !isnan(v = tick_value(&c->ya, i)); i++) {
		y = ypos(&c->ya, v);
		line(c->fp, c->px0 - 5, y, c->px0, y, " stroke=\"#444\"");
		tick_text(c, v, buf, sizeof(buf));
		text(c->fp, c->px0 - 8, y + 4, "end", 11, "", buf);
	}
}

/*
 * The share axes: cumulative share on the right, 0-100% by 20 and the
 * first class bound (in the curve's colour, the nearby tick's text
 * given way to it); share of items along the bottom, 0-100% by 10.
 */
static void
draw_share_ticks(const struct chart *c)
{
	double b = c->p->nbounds > 0 ? c->p->bounds[0] : -1, x, y;
	char buf[32];
	int i;

	for (i = 0; i <= 100; i += 20) {
		y = yshare(i / 100.0);
		line(c->fp, PX1, y, PX1 + 5, y, " stroke=\"#444\"");
		if (fabs(i / 100.0 - b) < 0.045)
			continue;
		snprintf(buf, sizeof(buf), "%d%%", i);
		text(c->fp, PX1 + 8, y + 4, "start", 11, "", buf);
	}
	if (b > 0) {
		percent(b, c->o->decimal_comma, buf, sizeof(buf));
		line(c->fp, PX1, yshare(b), PX1 + 5, yshare(b),
		    " stroke=\"#e07b00\"");
		text(c->fp, PX1 + 8, yshare(b) + 4, "start", 11,
		    " font-weight=\"bold\" fill=\"#e07b00\"", buf);
	}
	for (i = 0; i <= 100; i += 10) {
		x = c->px0 + (PX1 - c->px0) * i / 100.0;
		line(c->fp, x, PY1, x, PY1 + 5, " stroke=\"#444\"");
		snprintf(buf, sizeof(buf), "%d%%", i);
		text(c->fp, x, PY1 + 18, "middle", 11, "", buf);
	}
}

static void
draw_axes(const struct chart *c)
{
	fprintf(c->fp, "<g stroke=\"#444\" stroke-width=\"1\">\n");
	line(c->fp, c->px0, PY0, c->px0, PY1, "");
	line(c->fp, PX1, PY0, PX1, PY1, "");
	line(c->fp, c->px0, PY1, PX1, PY1, "");
	if (c->ya.lo < 0)
		line(c->fp, c->px0, ypos(&c->ya, 0), PX1, ypos(&c->ya, 0),
		    "");
	fputs("</g>\n<g font-size=\"11\" fill=\"#333\">\n", c->fp);
	draw_value_ticks(c);
	draw_share_ticks(c);
	fputs("</g>\n", c->fp);
}

static void
draw_titles(const struct chart *c)
{
	const char *v = c->o->value_label != NULL ? c->o->value_label :
	    "value";
	char buf[400], t[400], n[32], rot[96];

	count_text(c->p->n, c->o->decimal_comma, n, sizeof(n));
	if (c->per > 1)
		snprintf(buf, sizeof(buf), "share of items, largest first "
		    "(%s items; each bar the mean of %zu)", n, c->per);
	else
		snprintf(buf, sizeof(buf), "share of items, largest first "
		    "(%s item%s)", n, c->p->n == 1 ? "" : "s");
	text(c->fp, (c->px0 + PX1) / 2, H - 34, "middle", 13, "", buf);

	/* a binned bar is a mean: its axis must not read as one item's */
	if (c->per > 1)
		snprintf(t, sizeof(t), "%s (mean of %zu items per bar)", v,
		    c->per);
	else
		snprintf(t, sizeof(t), "%s", v);
	snprintf(rot, sizeof(rot), " transform=\"rotate(-90 %.2f %.2f)\"",
	    20.0, (PY0 + PY1) / 2);
	fit(t, 13, PY1 - PY0, buf, sizeof(buf));
	text(c->fp, 20, (PY0 + PY1) / 2, "middle", 13, rot, buf);
	snprintf(rot, sizeof(rot), " transform=\"rotate(90 %.2f %.2f)\"",
	    PX1 + 58.0, (PY0 + PY1) / 2);
	text(c->fp, PX1 + 58, (PY0 + PY1) / 2, "middle", 13, rot,
	    "cumulative share of value");
}

/* Below the legend: the total, as the summary's total writes it. */
static double
draw_total(const struct chart *c, double y)
{
	char v[CRM_NUMBER_SIZE * 2], n[32], buf[1024], out[1024];

	value_text(c, c->p->total_units, v, sizeof(v));
	count_text(c->p->n, c->o->decimal_comma, n, sizeof(n));
	snprintf(buf, sizeof(buf), "Total: %s over %s item%s", v, n,
	    c->p->n == 1 ? "" : "s");
	fit(buf, 11.5, PANEL_W, out, sizeof(out));
	text(c->fp, PANEL_X, y + 11, "start", 11.5, " fill=\"#555\"", out);
	return y + ROW + 12;
}

/*
 * The legend of the classes, top right: a swatch of each band, then
 * "A: 60 items (20%), 80.4% of the value".  Returns the y below it.
 */
static double
draw_legend(const struct chart *c, double y)
{
	const struct crm_pareto *p = c->p;
	char head[200], n[32], is[32], vs[32], buf[200], out[240];
	size_t k, o;
	int dc = c->o->decimal_comma;

	o = (size_t)snprintf(head, sizeof(head), "Classes");
	for (k = 0; k < p->nbounds && k < 3; k++) {
		percent(p->bounds[k], dc, vs, sizeof(vs));
		o += (size_t)snprintf(head + o, sizeof(head) - o, "%s%s",
		    k == 0 ? " (bounds " : ", ", vs);
	}
	if (k > 0)
		snprintf(head + o, sizeof(head) - o, "%s of the value)",
		    k == p->nbounds ? "" : ", ...");
	fit(head, 12, PANEL_W, out, sizeof(out));
	text(c->fp, PANEL_X, y + 12, "start", 12, " font-weight=\"bold\"", out);
	y += ROW + 4;
	for (k = 0; k < c->ncls; k++, y += ROW) {
		count_text(c->cls_items[k], dc, n, sizeof(n));
		percent(p->n ? (double)c->cls_items[k] / (double)p->n : 0, dc,
		    is, sizeof(is));
		exact_share(c->cls_units[k], p->positive_units, dc, 0, vs,
		    sizeof(vs));
		snprintf(buf, sizeof(buf), "%c: %s item%s (%s), %s of the "
		    "value", (int)('A' + k), n, c->cls_items[k] == 1 ? "" : "s",
		    is, vs);
		fprintf(c->fp, "<rect class=\"swatch\" x=\"%.2f\" y=\"%.2f\" "
		    "width=\"12\" height=\"12\" fill=\"%s\" stroke=\"#999\"/>\n",
		    PANEL_X, y + 1, band_fill[k % NBAND_FILL]);
		fit(buf, 11.5, PANEL_W - 18, out, sizeof(out));
		text(c->fp, PANEL_X + 18, y + 11, "start", 11.5,
		    " class=\"legend\"", out);
	}
	return draw_total(c, y);
}

/*
 * The top items: rank, label (cut to the room left), value and share,
 * the last two right-aligned in columns as wide as their widest.
 */
static void
draw_top(const struct chart *c, double y)
{
	char val[CRM_SVG_TOP][CRM_NUMBER_SIZE * 2], sh[CRM_SVG_TOP][32];
	char head[200], out[400], rank[24];
	double vw = 0, sw = 0, right = PANEL_X + PANEL_W, lw;
	size_t i;

	if (c->ntop == 0)
		return;
	for (i = 0; i < c->ntop; i++) {
		value_text(c, c->p->items[i].units, val[i], sizeof(val[i]));
		exact_share(c->p->items[i].units, c->p->positive_units,
		    c->o->decimal_comma, 1, sh[i], sizeof(sh[i]));
		if (text_width(val[i], 11) > vw)
			vw = text_width(val[i], 11);
		if (text_width(sh[i], 11) > sw)
			sw = text_width(sh[i], 11);
	}
	snprintf(head, sizeof(head), "Top %zu by %s", c->ntop,
	    c->o->value_label != NULL ? c->o->value_label : "value");
	fit(head, 12, PANEL_W, out, sizeof(out));
	text(c->fp, PANEL_X, y + 12, "start", 12, " font-weight=\"bold\"", out);
	y += ROW + 4;
	lw = right - sw - 10 - vw - 10 - (PANEL_X + 22);
	fputs("<g class=\"top\" font-size=\"11\" fill=\"#333\">\n", c->fp);
	for (i = 0; i < c->ntop; i++, y += ROW) {
		snprintf(rank, sizeof(rank), "%zu", i + 1);
		text(c->fp, PANEL_X + 16, y + 11, "end", 11,
		    " font-weight=\"bold\"", rank);
		fit(label_of(c, &c->p->items[i]), 11, lw, out, sizeof(out));
		text(c->fp, PANEL_X + 22, y + 11, "start", 11, "", out);
		text(c->fp, right - sw - 10, y + 11, "end", 11, "", val[i]);
		text(c->fp, right, y + 11, "end", 11, " fill=\"#666\"", sh[i]);
	}
	fputs("</g>\n", c->fp);
}

int
crm_svg_pareto_chart(FILE *fp, const struct crm_pareto *p,
    const struct crm_svg_opts *o)
{
	static struct chart zero;
	struct chart c = zero;

	fprintf(fp, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
	    "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
	    "font-family=\"sans-serif\">\n"
	    "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>\n",
	    W, H, W, H, W, H);
	text(fp, W / 2.0, 32, "middle", 18, " font-weight=\"bold\"",
	    o->title);
	if (p == NULL || p->n == 0 || p->items == NULL) {
		text(fp, W / 2.0, H / 2.0, "middle", 14, " fill=\"#666\"",
		    "no items");
		fputs("</svg>\n", fp);
		return ferror(fp) ? -1 : 0;
	}
	c.fp = fp;
	c.p = p;
	c.o = o;
	layout(&c);
	draw_bands(&c);
	draw_bars(&c);
	draw_curve(&c);
	draw_axes(&c);
	draw_callout(&c);
	draw_bar_labels(&c);
	draw_titles(&c);
	draw_top(&c, draw_legend(&c, PY0 - BAND_HEAD));
	fputs("</svg>\n", fp);
	return ferror(fp) ? -1 : 0;
}

int
crm_svg_pareto(FILE *fp, const struct crm_pareto *p, const char *title,
    const char *value_label)
{
	struct crm_svg_opts o = { title, value_label, -1, 0, NULL, NULL };

	return crm_svg_pareto_chart(fp, p, &o);
}
