/*
 * test_svg.c - unit tests for lib/svg.c: the Pareto chart document.
 *
 * Ranked lists are built by hand here (rank(), below, fills the fields
 * svg.c reads the way pareto.h describes them), so these tests do not
 * depend on lib/pareto.c.  Charts are checked as text and by rendering
 * them with rsvg-convert (Debian package librsvg2-bin): it must exit 0
 * and write a PNG of the chart's size, 1140 by 560 pixels.  The figures
 * the chart writes (shares, counts, the crossing of the first class
 * bound) are worked out by hand in the comments.
 */
#include <ctype.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "svg.h"

/*
 * Fills items[] with values already in rank order, then the shares,
 * cumulative shares and classes as pareto.h defines them: an item's
 * class is the first bound its cumulative share before it has not
 * reached.  The exact values are in hundredths (every value below has
 * at most two decimals), as pareto.c keeps them at the list's scale.
 */
static void
rank(struct crm_pareto *p, const double *values, size_t n,
    const double *bounds, size_t nbounds)
{
	size_t i, c;
	double cum = 0;

	memset(p, 0, sizeof(*p));
	p->items = calloc(n ? n : 1, sizeof(*p->items));
	assert_non_null(p->items);
	p->n = p->cap = n;
	p->nbounds = nbounds;
	memcpy(p->bounds, bounds, nbounds * sizeof(*bounds));
	p->scale = 2;
	for (i = 0; i < n; i++) {
		p->total += values[i];
		p->total_units += llround(values[i] * 100);
		if (values[i] > 0) {
			p->positive_total += values[i];
			p->positive_units += llround(values[i] * 100);
		}
	}
	for (i = 0; i < n; i++) {
		struct crm_pareto_item *it = &p->items[i];

		it->value = values[i];
		it->units = llround(values[i] * 100);
		it->scale = 2;
		it->order = i;
		it->rank = i + 1;
		for (c = 0; c < nbounds && cum >= bounds[c]; c++)
			;
		it->cls = (int)c;
		if (p->positive_total > 0) {
			it->share = values[i] / p->positive_total;
			if (values[i] > 0)
				cum += values[i] / p->positive_total;
		}
		it->cum_share = cum;
		it->cum_item_share = (double)(i + 1) / (double)n;
	}
}

/* Renders p with options o into a malloc'ed string. */
static char *
render_opts(const struct crm_pareto *p, const struct crm_svg_opts *o,
    size_t *len)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *fp;

	fp = open_memstream(&buf, &size);
	assert_non_null(fp);
	assert_int_equal(crm_svg_pareto_chart(fp, p, o), 0);
	assert_int_equal(fclose(fp), 0);
	if (len != NULL)
		*len = size;
	return buf;
}

/* Renders p without labels; *len gets its length. */
static char *
render(const struct crm_pareto *p, const char *title, size_t *len)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *fp;

	fp = open_memstream(&buf, &size);
	assert_non_null(fp);
	assert_int_equal(crm_svg_pareto(fp, p, title, "revenue (EUR)"), 0);
	assert_int_equal(fclose(fp), 0);
	if (len != NULL)
		*len = size;
	return buf;
}

/* The labels of the tests: "name N" for the item added N-th (from 1). */
static const char *
name_label(void *ctx, const struct crm_pareto_item *it)
{
	static char buf[8][64];
	static int k;

	(void)ctx;
	k = (k + 1) % 8;
	snprintf(buf[k], sizeof(buf[k]), "name %zu", it->order + 1);
	return buf[k];
}

/* The payloads of the tests hold the labels themselves. */
static const char *
payload_label(void *ctx, const struct crm_pareto_item *it)
{
	(void)ctx;
	return it->payload;
}

/* Valid UTF-8 throughout (no sequence cut in two by a shortened label). */
static int
valid_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int more;

	for (; *p != '\0'; p++) {
		more = *p < 0x80 ? 0 : *p >= 0xf0 ? 3 : *p >= 0xe0 ? 2 :
		    *p >= 0xc0 ? 1 : -1;
		if (more < 0)
			return 0;
		for (; more > 0; more--)
			if ((*++p & 0xc0) != 0x80)
				return 0;
	}
	return 1;
}

static size_t
count(const char *hay, const char *needle)
{
	size_t k = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		k++;
		hay += strlen(needle);
	}
	return k;
}

/* strcasestr is a GNU extension; this is all we need of it. */
static int
icontains(const char *hay, const char *needle)
{
	size_t i, n = strlen(needle);

	for (; *hay != '\0'; hay++) {
		for (i = 0; i < n && tolower((unsigned char)hay[i]) ==
		    tolower((unsigned char)needle[i]); i++)
			;
		if (i == n)
			return 1;
	}
	return 0;
}

static void
assert_document(const char *svg)
{
	size_t len = strlen(svg);

	assert_true(strncmp(svg, "<?xml", 5) == 0 ||
	    strncmp(svg, "<svg", 4) == 0);
	assert_true(len >= 7);
	assert_string_equal(svg + len - 7, "</svg>\n");
	assert_non_null(strstr(svg, "xmlns=\"http://www.w3.org/2000/svg\""));
	assert_non_null(strstr(svg, "viewBox="));
	assert_false(icontains(svg, "nan"));
	assert_false(icontains(svg, "inf"));
}

/*
 * The PNG at path is w by h pixels: its IHDR chunk, right after the
 * 8-byte signature and the chunk's length and type, holds the width and
 * the height as 4-byte big-endian numbers (PNG specification 11.2.2).
 */
static void
assert_png_size(const char *path, unsigned long w, unsigned long h)
{
	unsigned char b[24];
	FILE *fp = fopen(path, "rb");

	assert_non_null(fp);
	assert_int_equal(fread(b, 1, sizeof(b), fp), sizeof(b));
	fclose(fp);
	assert_memory_equal(b, "\x89PNG\r\n\x1a\n", 8);
	assert_memory_equal(b + 12, "IHDR", 4);
	assert_int_equal((unsigned long)b[16] << 24 | (unsigned long)b[17] << 16 |
	    (unsigned long)b[18] << 8 | b[19], w);
	assert_int_equal((unsigned long)b[20] << 24 | (unsigned long)b[21] << 16 |
	    (unsigned long)b[22] << 8 | b[23], h);
}

/*
 * Writes svg to a temporary file, converts it with rsvg-convert to png
 * (a path) and checks that the converter succeeded and wrote something.
 */
static void
assert_renders(const char *svg, const char *png)
{
	char path[] = "/tmp/test_svg_XXXXXX";
	char cmd[512];
	struct stat st;
	int fd, rc;
	FILE *fp;

	if (system("command -v rsvg-convert >/dev/null 2>&1") != 0)
		fail_msg("rsvg-convert not found: install the Debian package "
		    "librsvg2-bin (make deps does)");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	fputs(svg, fp);
	assert_int_equal(fclose(fp), 0);
	unlink(png);
	snprintf(cmd, sizeof(cmd), "rsvg-convert -o %s %s", png, path);
	rc = system(cmd);
	unlink(path);
	assert_true(rc != -1 && WIFEXITED(rc));
	assert_int_equal(WEXITSTATUS(rc), 0);
	assert_int_equal(stat(png, &st), 0);
	assert_true(st.st_size > 0);
	assert_png_size(png, 1140, 560);
}


static const double bounds2[] = { 0.8, 0.95 };

/*
 * 100k is 50% of the 200k positive total; cumulative shares .5 .75 .9
 * .975 1, so the shares before each item, 0 .5 .75 .9 .975, give
 * classes A A A B C: the item that crosses 80% is in A.
 */
static const double five[] = { 100000, 50000, 30000, 15000, 5000 };

static void
test_document_shape(void **state)
{
	struct crm_pareto p;
	char *svg;

	(void)state;
	rank(&p, five, 5, bounds2, 2);
	svg = render(&p, "Revenue", NULL);
	assert_document(svg);
	assert_non_null(strstr(svg, "width=\"1140\" height=\"560\""));
	assert_non_null(strstr(svg, "font-family=\"sans-serif\""));
	assert_null(strstr(svg, "<script"));
	assert_null(strstr(svg, "<style"));
	assert_null(strstr(svg, "href"));
	assert_non_null(strstr(svg, ">share of items, largest first "
	    "(5 items)</text>"));
	assert_non_null(strstr(svg, ">cumulative share of value</text>"));
	assert_non_null(strstr(svg, ">revenue (EUR)</text>"));
	assert_non_null(strstr(svg, "stroke-dasharray"));
	/* the first class bound, on the right axis in the curve's colour */
	assert_non_null(strstr(svg, "fill=\"#e07b00\">80%</text>"));
	/* the x axis: share of items, 0% to 100% by 10 */
	assert_non_null(strstr(svg, ">0%</text>"));
	assert_non_null(strstr(svg, ">10%</text>"));
	assert_non_null(strstr(svg, ">90%</text>"));
	assert_int_equal(count(svg, ">100%</text>"), 2);	/* both axes */
	free(svg);
	free(p.items);
}

static void
test_title_escaped(void **state)
{
	struct crm_pareto p;
	char *svg;

	(void)state;
	rank(&p, five, 5, bounds2, 2);
	svg = render(&p, "A & B <C> \"q\" 'a'", NULL);
	assert_non_null(strstr(svg,
	    ">A &amp; B &lt;C&gt; &quot;q&quot; &apos;a&apos;</text>"));
	assert_null(strstr(svg, "<C>"));
	free(svg);
	free(p.items);
}

static void
test_five_items_five_bars(void **state)
{
	struct crm_pareto p;
	char *svg;

	(void)state;
	rank(&p, five, 5, bounds2, 2);
	svg = render(&p, "Five", NULL);
	assert_int_equal(count(svg, "class=\"bar\""), 5);
	assert_int_equal(count(svg, "class=\"band\""), 3);
	assert_non_null(strstr(svg, ">A</text>"));
	assert_non_null(strstr(svg, ">B</text>"));
	assert_non_null(strstr(svg, ">C</text>"));
	/*
	 * max 100k: raw step 100k/5 = 20k, so ticks 0, 20,000 .. 100,000,
	 * written in full with thousands separators; the top is raised a
	 * little for the label over the 100k bar, not by a whole step.
	 */
	assert_non_null(strstr(svg, ">20,000</text>"));
	assert_non_null(strstr(svg, ">100,000</text>"));
	assert_null(strstr(svg, ">120,000</text>"));
	assert_non_null(strstr(svg, ">0</text>"));
	assert_null(strstr(svg, ">20k</text>"));
	assert_renders(svg, "/tmp/pareto5.png");
	free(svg);
	free(p.items);
}

/*
 * The legend: per class its item count, its share of the items and of
 * the value.  A: 100k + 50k + 30k = 180k of 200k, 90%, 3 of 5 items
 * (60%); B: 15k, 7.5%, 1 item (20%); C: 5k, 2.5%, 1 item (20%).  The
 * total: 200,000 over 5 items.
 */
static void
test_legend(void **state)
{
	struct crm_pareto p;
	char *svg;

	(void)state;
	rank(&p, five, 5, bounds2, 2);
	svg = render(&p, "Legend", NULL);
	assert_non_null(strstr(svg, ">Classes (bounds 80%, 95% of the "
	    "value)</text>"));
	assert_non_null(strstr(svg, ">A: 3 items (60%), 90% of the "
	    "value</text>"));
	assert_non_null(strstr(svg, ">B: 1 item (20%), 7.5% of the "
	    "value</text>"));
	assert_non_null(strstr(svg, ">C: 1 item (20%), 2.5% of the "
	    "value</text>"));
	assert_int_equal(count(svg, "class=\"swatch\""), 3);
	assert_non_null(strstr(svg, ">Total: 200,000 over 5 items</text>"));
	free(svg);
	free(p.items);
}

/*
 * The callout where the curve crosses 80%: the cumulative share is .75
 * after item 2 and .9 after item 3, so the curve crosses 80% a third of
 * the way through item 3, at (2 + (.8 - .75) / .15) / 5 = 2.3333 / 5 =
 * 46.67% of the items; item 3 is the one that gets there, the last of
 * class A.
 */
static void
test_callout(void **state)
{
	struct crm_pareto p;
	char *svg;

	(void)state;
	rank(&p, five, 5, bounds2, 2);
	svg = render(&p, "Callout", NULL);
	assert_int_equal(count(svg, "class=\"callout\""), 1);
	assert_int_equal(count(svg, "class=\"guide\""), 1);
	assert_non_null(strstr(svg, ">80% of the value</text>"));
	assert_non_null(strstr(svg, ">from the top 46.7% of items</text>"));
	assert_non_null(strstr(svg, ">reached at item 3 of 5</text>"));
	free(svg);
	free(p.items);

	/* bounds 50, 90: the first item alone reaches 50%, at its end */
	rank(&p, five, 5, (const double[]){ 0.5, 0.9 }, 2);
	svg = render(&p, "Callout at 50%", NULL);
	assert_non_null(strstr(svg, ">50% of the value</text>"));
	assert_non_null(strstr(svg, ">from the top 20% of items</text>"));
	assert_non_null(strstr(svg, ">reached at item 1 of 5</text>"));
	free(svg);
	free(p.items);
}

/*
 * The top list, labelled: 12 items of 12, 11 .. 1 (total 78), so the
 * top 10 are listed, 12 first with a share of 12/78 = 15.4%, and the
 * 11th and 12th (2 and 1) are not.  Values with the decimals given.
 */
static void
test_top_list(void **state)
{
	double v[12];
	struct crm_svg_opts o = { "Top", "amount", 2, 0, name_label, NULL };
	struct crm_pareto p;
	char *svg;
	size_t i;

	(void)state;
	for (i = 0; i < 12; i++)
		v[i] = (double)(12 - i);
	rank(&p, v, 12, bounds2, 2);
	svg = render_opts(&p, &o, NULL);
	assert_non_null(strstr(svg, ">Top 10 by amount</text>"));
	assert_non_null(strstr(svg, ">name 1</text>"));
	assert_non_null(strstr(svg, ">name 10</text>"));
	assert_null(strstr(svg, ">name 11</text>"));
	assert_non_null(strstr(svg, ">12.00</text>"));
	assert_non_null(strstr(svg, ">15.4%</text>"));
	/* 3/78 = 3.85%: one decimal, the zero kept for the column: 3.8% */
	assert_non_null(strstr(svg, ">3.8%</text>"));
	/* 10/78 = 12.8% */
	assert_non_null(strstr(svg, ">12.8%</text>"));
	assert_renders(svg, "/tmp/test_svg_top.png");
	free(svg);
	free(p.items);
}

/*
 * Bars of one item each, wide enough, carry their rank and (all of them
 * fitting) their value; past CRM_SVG_MAX_BARS items no bar is one item
 * and none does.
 */
static void
test_bar_labels(void **state)
{
	struct crm_svg_opts o = { "Bars", "amount", 0, 0, name_label, NULL };
	struct crm_pareto p;
	double v[300];
	char *svg, *g;
	size_t i;

	(void)state;
	rank(&p, five, 5, bounds2, 2);
	svg = render_opts(&p, &o, NULL);
	g = strstr(svg, "class=\"bar-labels\"");
	assert_non_null(g);
	assert_non_null(strstr(g, ">100,000</text>"));
	assert_non_null(strstr(g, ">5,000</text>"));
	assert_non_null(strstr(g, ">1</text>"));
	assert_non_null(strstr(g, ">5</text>"));
	free(svg);
	free(p.items);
	for (i = 0; i < 300; i++)
		v[i] = 1000.0 - (double)i;
	rank(&p, v, 300, bounds2, 2);
	svg = render_opts(&p, &o, NULL);
	assert_null(strstr(svg, "class=\"bar-labels\""));
	/* the list still names the top items */
	assert_non_null(strstr(svg, ">name 1</text>"));
	free(svg);
	free(p.items);
}

/*
 * Labels too long for the list are cut with an ellipsis, never inside a
 * UTF-8 character; markup in them is escaped.
 */
static void
test_long_labels(void **state)
{
	static const double v[] = { 3, 2, 1 };
	char wide[301], accents[401];
	struct crm_svg_opts o = { "Long", "amount", 0, 0, payload_label,
	    NULL };
	struct crm_pareto p;
	char *svg;

	(void)state;
	memset(wide, 'W', 300);
	wide[300] = '\0';
	for (size_t i = 0; i < 200; i++)
		memcpy(accents + 2 * i, "\xc3\xa9", 2);
	accents[400] = '\0';
	rank(&p, v, 3, bounds2, 2);
	p.items[0].payload = wide;
	p.items[1].payload = accents;
	p.items[2].payload = "<b>&</b>";
	svg = render_opts(&p, &o, NULL);
	assert_true(valid_utf8(svg));
	assert_null(strstr(svg, wide));
	assert_null(strstr(svg, accents));
	/* W is 2025/2048 em: 11 px text in some 230 px holds about 20 */
	assert_non_null(strstr(svg, "WWWWWWWWWW\xe2\x80\xa6</text>"));
	assert_non_null(strstr(svg, "\xc3\xa9\xe2\x80\xa6</text>"));
	assert_non_null(strstr(svg, ">&lt;b&gt;&amp;&lt;/b&gt;</text>"));
	assert_renders(svg, "/tmp/test_svg_long.png");
	free(svg);
	free(p.items);
}

static void
test_million_items(void **state)
{
	const size_t n = 1000000;
	struct crm_svg_opts o = { "A million customers", "amount", 2, 0,
	    name_label, NULL };
	struct crm_pareto p;
	double *v;
	char *svg;
	char *pts, *end;
	size_t i, len;

	(void)state;
	v = malloc(n * sizeof(*v));
	assert_non_null(v);
	/* a long tail, then 1% refunds at the end */
	for (i = 0; i < n; i++)
		v[i] = i < n - n / 100 ? 1e6 / pow((double)i + 1, 0.9) :
		    -5.0 - (double)(i % 7);
	rank(&p, v, n, bounds2, 2);
	free(v);
	svg = render_opts(&p, &o, &len);
	assert_document(svg);
	assert_int_equal(count(svg, "class=\"bar\""), CRM_SVG_MAX_BARS);
	assert_true(len < 200 * 1024);
	/* ceil(1000000 / 200) = 5000 items a bar, counts written in full */
	assert_non_null(strstr(svg, "(1,000,000 items; each bar the mean of "
	    "5000)"));
	assert_non_null(strstr(svg, ">amount (mean of 5000 items per "
	    "bar)</text>"));
	/* the top list and the legend still speak of single items */
	assert_non_null(strstr(svg, ">Top 10 by amount</text>"));
	assert_non_null(strstr(svg, ">1,000,000.00</text>"));
	assert_non_null(strstr(svg, ">name 10</text>"));
	assert_non_null(strstr(svg, ">Total: "));
	assert_null(strstr(svg, "class=\"bar-labels\""));
	/* the curve: the origin plus at most 1000 points */
	pts = strstr(svg, "points=\"");
	assert_non_null(pts);
	end = strchr(pts + 8, '"');
	assert_non_null(end);
	*end = '\0';
	assert_true(count(pts, ",") > 100);
	assert_true(count(pts, ",") <= 1001);
	*end = '"';
	assert_renders(svg, "/tmp/pareto1m.png");
	free(svg);
	free(p.items);
}

static void
test_no_items(void **state)
{
	struct crm_pareto p;
	char *svg;

	(void)state;
	rank(&p, NULL, 0, bounds2, 2);
	svg = render(&p, "Empty & sad", NULL);
	assert_document(svg);
	assert_non_null(strstr(svg, ">Empty &amp; sad</text>"));
	assert_non_null(strstr(svg, "no items"));
	assert_int_equal(count(svg, "class=\"bar\""), 0);
	assert_renders(svg, "/tmp/test_svg_empty.png");
	free(svg);
	free(p.items);
}

/* Nothing positive: no share to cross, so no callout; shares are 0. */
static void
test_all_zero(void **state)
{
	static const double zero[] = { 0, 0, 0, 0 };
	struct crm_pareto p;
	char *svg;

	(void)state;
	rank(&p, zero, 4, bounds2, 2);
	svg = render(&p, "Nothing sold", NULL);
	assert_document(svg);	/* includes: no nan, no inf */
	assert_int_equal(count(svg, "class=\"bar\""), 4);
	assert_null(strstr(svg, "class=\"callout\""));
	/* rank() leaves every cumulative share at 0: all in A */
	assert_non_null(strstr(svg, ">A: 4 items (100%), 0% of the "
	    "value</text>"));
	assert_renders(svg, "/tmp/test_svg_zero.png");
	free(svg);
	free(p.items);
}

static void
test_negative_values(void **state)
{
	static const double v[] = { 9000, 4000, 1000, 0, -2500 };
	struct crm_pareto p;
	char *svg;

	(void)state;
	rank(&p, v, 5, bounds2, 2);
	svg = render(&p, "With a refund", NULL);
	assert_document(svg);
	assert_int_equal(count(svg, "class=\"bar\""), 5);
	/*
	 * range -2500..9000, raw step 2300 -> 5000, top 10000; -5000 would
	 * waste 2500 > 10% of 12500, so the bottom is -2500 - 3% of 12500
	 * and the ticks are 0, 5,000, 10,000.
	 */
	assert_null(strstr(svg, ">-5,000</text>"));
	assert_non_null(strstr(svg, ">5,000</text>"));
	assert_non_null(strstr(svg, ">10,000</text>"));
	/* the refund bar is drawn in its own colour, down from zero */
	assert_int_equal(count(svg, "#c0504d"), 1);
	/* 14000 positive: C holds 0 and -2500, -2500/14000 = -17.9% */
	assert_non_null(strstr(svg, ">C: 2 items (40%), -17.9% of the "
	    "value</text>"));
	/* and with a bigger refund the bottom is a whole step: -5000 */
	free(svg);
	free(p.items);
	rank(&p, (const double[]){ 9000, 4000, 1000, 0, -4500 }, 5,
	    bounds2, 2);
	svg = render(&p, "With a big refund", NULL);
	assert_non_null(strstr(svg, ">-5,000</text>"));
	assert_renders(svg, "/tmp/test_svg_negative.png");
	free(svg);
	free(p.items);
}

/* Millions in full; only numbers too wide for the margin go compact. */
static void
test_large_values(void **state)
{
	static const double v[] = { 1500000, 700000, 300000 };
	static const double huge[] = { 2e13, 1e13, 3e12 };
	struct crm_pareto p;
	char *svg;

	(void)state;
	rank(&p, v, 3, bounds2, 2);
	svg = render(&p, "Big", NULL);
	/* max 1.5M: raw step 300k -> 500k: ticks 0, 500,000 .. 1,500,000 */
	assert_non_null(strstr(svg, ">500,000</text>"));
	assert_non_null(strstr(svg, ">1,000,000</text>"));
	assert_non_null(strstr(svg, ">1,500,000</text>"));
	free(svg);
	free(p.items);
	/*
	 * 20,000,000,000,000 (14 digits, 4 commas) is some 117 px at 11 px:
	 * past 110, so ticks 0, 5T, 10T, 15T, 20T (step 4e12 -> 5e12).
	 */
	rank(&p, huge, 3, bounds2, 2);
	svg = render(&p, "Huge", NULL);
	assert_non_null(strstr(svg, ">5T</text>"));
	assert_non_null(strstr(svg, ">15T</text>"));
	assert_non_null(strstr(svg, ">20T</text>"));
	assert_null(strstr(svg, ">15,000,000,000,000</text>"));
	assert_renders(svg, "/tmp/test_svg_huge.png");
	free(svg);
	free(p.items);
}

static void
test_narrow_band_no_letter(void **state)
{
	static const double b[] = { 0.5, 0.9, 0.999 };
	double v[300];
	struct crm_pareto p;
	char *svg;
	size_t i;

	(void)state;
	/*
	 * One big item then 299 of 1, total 1299; the cumulative share
	 * before item k >= 1 is (999 + k) / 1299.  A: item 0 (share before
	 * 0); B: items 1..170 (999 + k < 0.9 * 1299 = 1169.1); C: items
	 * 171..298 (999 + k < 1297.7); D: item 299.  A and D are one item,
	 * some 634 px / 300 = 2.1 px wide: a band each but no letter.
	 */
	v[0] = 1000;
	for (i = 1; i < 300; i++)
		v[i] = 1;
	rank(&p, v, 300, b, 3);
	svg = render(&p, "Narrow", NULL);
	assert_document(svg);
	assert_int_equal(count(svg, "class=\"band\""), 4);
	assert_null(strstr(svg, ">A</text>"));
	assert_non_null(strstr(svg, ">B</text>"));
	assert_non_null(strstr(svg, ">C</text>"));
	assert_null(strstr(svg, ">D</text>"));
	/*
	 * the legend has them all: A, 1 item of 300 (0.33%: one decimal
	 * from 0.1% on), 1000/1299 = 76.98%; D, 1/1299 = 0.077%
	 */
	assert_non_null(strstr(svg, ">A: 1 item (0.3%), 77% of the "
	    "value</text>"));
	assert_non_null(strstr(svg, ">D: 1 item (0.3%), 0.08% of the "
	    "value</text>"));
	/* ceil(300 / 200) = 2 items a bar, so 150 bars */
	assert_non_null(strstr(svg, "300 items; each bar the mean of 2"));
	assert_int_equal(count(svg, "class=\"bar\""), 150);
	/* three bounds are listed in full, one of them a fraction */
	assert_non_null(strstr(svg, ">Classes (bounds 50%, 90%, 99.9% of the "
	    "value)</text>"));
	assert_renders(svg, "/tmp/test_svg_narrow.png");
	free(svg);
	free(p.items);
}

static void
test_small_values(void **state)
{
	static const double v[] = { 0.6, 0.25, 0.1 };
	static const double whole[] = { 3, 2, 1 };
	struct crm_svg_opts o = { "Whole", "orders", 0, 0, NULL, NULL };
	struct crm_pareto p;
	char *svg;

	(void)state;
	rank(&p, v, 3, bounds2, 2);
	svg = render(&p, "Small", NULL);
	/* max 0.6: raw step 0.12 -> 0.2: ticks 0.0, 0.2, 0.4, 0.6 */
	assert_non_null(strstr(svg, ">0.2</text>"));
	assert_non_null(strstr(svg, ">0.6</text>"));
	assert_null(strstr(svg, ">0.8</text>"));
	free(svg);
	free(p.items);
	/*
	 * whole numbers (0 decimals): raw step 0.6 -> 1, never finer than
	 * the values' last place: ticks 0, 1, 2, 3, no 0.5
	 */
	rank(&p, whole, 3, bounds2, 2);
	svg = render_opts(&p, &o, NULL);
	assert_non_null(strstr(svg, ">1</text>"));
	assert_non_null(strstr(svg, ">3</text>"));
	assert_null(strstr(svg, ">0.5</text>"));
	assert_null(strstr(svg, ">0.0</text>"));
	free(svg);
	free(p.items);
}

/* --decimal-comma: values as such an export writes them, 1.234,50. */
static void
test_decimal_comma(void **state)
{
	static const double v[] = { 1234567.5, 432.25 };
	struct crm_svg_opts o = { "Umsatz", "Betrag", 2, 1, NULL, NULL };
	struct crm_pareto p;
	char *svg;

	(void)state;
	rank(&p, v, 2, bounds2, 2);
	svg = render_opts(&p, &o, NULL);
	assert_non_null(strstr(svg, ">1.234.567,50</text>"));
	assert_non_null(strstr(svg, ">432,25</text>"));
	/* ticks 0, 500.000 .. 1.500.000 (raw step 246913.5 -> 500000) */
	assert_non_null(strstr(svg, ">500.000</text>"));
	/* 1234567.5 / 1234999.75 = 99.965%: 100.0% in the column */
	assert_non_null(strstr(svg, ">100,0%</text>"));
	/* 432.25 / 1234999.75 = 0.035%: two decimals below 0.1% */
	assert_non_null(strstr(svg, ">0,04%</text>"));
	free(svg);
	free(p.items);
}

/*
 * Values and shares from the exact sums (pareto.h), as the table and the
 * summary write them.  2^53 + 1 is 2^53 as a double: the top list still
 * says 9,007,199,254,740,993 and the total, with 100 more,
 * 9,007,199,254,741,093 (2^53 + 100 as doubles).  8775 and 1225 of
 * 10000: the second's share is 12.25%, 12.3% rounded half away from
 * zero (the summary's rule), where %.1f of the double gives 12.2%.
 */
static void
test_exact_values(void **state)
{
	static const double v[] = { 9007199254740993.0, 100 };
	static const double half[] = { 8775, 1225 };
	static const double b[] = { 0.5, 0.9 };
	struct crm_svg_opts o = { "Exact", "amount", 0, 0, NULL, NULL };
	struct crm_pareto p;
	char *svg;

	(void)state;
	rank(&p, v, 2, bounds2, 2);
	p.items[0].units = (crm_i128)900719925474099300LL;
	p.total_units = p.positive_units = p.items[0].units + 10000;
	svg = render_opts(&p, &o, NULL);
	assert_non_null(strstr(svg, ">9,007,199,254,740,993</text>"));
	assert_non_null(strstr(svg, ">Total: 9,007,199,254,741,093 over 2 "
	    "items</text>"));
	assert_null(strstr(svg, "740,992"));
	free(svg);
	free(p.items);
	rank(&p, half, 2, b, 2);
	svg = render_opts(&p, &o, NULL);
	assert_non_null(strstr(svg, ">B: 1 item (50%), 12.3% of the "
	    "value</text>"));
	assert_non_null(strstr(svg, ">12.3%</text>"));
	assert_null(strstr(svg, "12.2%"));
	free(svg);
	free(p.items);
}

/* Worked out by hand: groups of three from the point, never "-0". */
static void
test_number(void **state)
{
	char buf[64];

	(void)state;
	crm_svg_number(1234567.5, 2, 0, buf, sizeof(buf));
	assert_string_equal(buf, "1,234,567.50");
	crm_svg_number(-1234, 0, 0, buf, sizeof(buf));
	assert_string_equal(buf, "-1,234");
	crm_svg_number(999, 0, 0, buf, sizeof(buf));
	assert_string_equal(buf, "999");
	crm_svg_number(100000, 0, 0, buf, sizeof(buf));
	assert_string_equal(buf, "100,000");
	crm_svg_number(-0.001, 2, 0, buf, sizeof(buf));
	assert_string_equal(buf, "0.00");
	crm_svg_number(1234.5, 1, 1, buf, sizeof(buf));
	assert_string_equal(buf, "1.234,5");
	crm_svg_number(-999999.999, 2, 0, buf, sizeof(buf));
	assert_string_equal(buf, "-1,000,000.00");
	crm_svg_number(NAN, 0, 0, buf, sizeof(buf));
	assert_string_equal(buf, "0");
}

static void
test_write_error(void **state)
{
	struct crm_pareto p;
	FILE *fp;

	(void)state;
	rank(&p, five, 5, bounds2, 2);
	fp = fopen("/dev/null", "r");	/* writes fail and set ferror */
	assert_non_null(fp);
	assert_int_equal(crm_svg_pareto(fp, &p, "t", "v"), -1);
	fclose(fp);
	free(p.items);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_document_shape),
		cmocka_unit_test(test_title_escaped),
		cmocka_unit_test(test_five_items_five_bars),
		cmocka_unit_test(test_legend),
		cmocka_unit_test(test_callout),
		cmocka_unit_test(test_top_list),
		cmocka_unit_test(test_bar_labels),
		cmocka_unit_test(test_long_labels),
		cmocka_unit_test(test_million_items),
		cmocka_unit_test(test_no_items),
		cmocka_unit_test(test_all_zero),
		cmocka_unit_test(test_negative_values),
		cmocka_unit_test(test_large_values),
		cmocka_unit_test(test_narrow_band_no_letter),
		cmocka_unit_test(test_small_values),
		cmocka_unit_test(test_decimal_comma),
		cmocka_unit_test(test_exact_values),
		cmocka_unit_test(test_number),
		cmocka_unit_test(test_write_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
