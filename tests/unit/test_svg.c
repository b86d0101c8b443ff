/*
 * test_svg.c - unit tests for lib/svg.c: the Pareto chart document.
 *
 * Ranked lists are built by hand here (rank(), below, fills the fields
 * svg.c reads the way pareto.h describes them), so these tests do not
 * depend on lib/pareto.c.  Charts are checked as text and by rendering
 * them with rsvg-convert (Debian package librsvg2-bin).
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
 * reached.
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
	for (i = 0; i < n; i++) {
		p->total += values[i];
		if (values[i] > 0)
			p->positive_total += values[i];
	}
	for (i = 0; i < n; i++) {
		struct crm_pareto_item *it = &p->items[i];

		it->value = values[i];
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

/* Renders p into a malloc'ed string; *len gets its length. */
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
}

static const double bounds2[] = { 0.8, 0.95 };

/* 100k is 50% of the 200k positive total: classes A A B C C. */
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
	assert_non_null(strstr(svg, "font-family=\"sans-serif\""));
	assert_null(strstr(svg, "<script"));
	assert_null(strstr(svg, "<style"));
	assert_null(strstr(svg, "href"));
	assert_non_null(strstr(svg, "items ranked by value (5 items)"));
	assert_non_null(strstr(svg, ">cumulative share of value</text>"));
	assert_non_null(strstr(svg, ">revenue (EUR)</text>"));
	assert_non_null(strstr(svg, "stroke-dasharray"));
	assert_non_null(strstr(svg, ">80%</text>"));
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
	/* cum shares before each item: 0 .5 .75 .9 .975: A A B C C */
	assert_int_equal(count(svg, "class=\"band\""), 3);
	assert_non_null(strstr(svg, ">A</text>"));
	assert_non_null(strstr(svg, ">B</text>"));
	assert_non_null(strstr(svg, ">C</text>"));
	/* max 100k: raw step 100k/5 = 20k, so ticks 0, 20k .. 100k */
	assert_non_null(strstr(svg, ">20k</text>"));
	assert_non_null(strstr(svg, ">100k</text>"));
	assert_non_null(strstr(svg, ">0</text>"));
	assert_non_null(strstr(svg, ">100%</text>"));
	/* start at (0, 0) plus one point per item */
	assert_non_null(strstr(svg, "points=\"80.00,430.00 "));
	assert_renders(svg, "/tmp/pareto5.png");
	free(svg);
	free(p.items);
}

static void
test_million_items(void **state)
{
	const size_t n = 1000000;
	struct crm_pareto p;
	double *v;
	char *svg, want[128];
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
	svg = render(&p, "A million customers", &len);
	assert_document(svg);
	assert_int_equal(count(svg, "class=\"bar\""), CRM_SVG_MAX_BARS);
	assert_true(len < 200 * 1024);
	/* ceil(1000000 / 200) = 5000 items a bar */
	snprintf(want, sizeof(want), "1000000 items; each bar the mean of "
	    "%d", 1000000 / CRM_SVG_MAX_BARS);
	assert_non_null(strstr(svg, want));
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
	 * and the ticks are 0, 5000, 10000 (10k).
	 */
	assert_null(strstr(svg, ">-5000</text>"));
	assert_non_null(strstr(svg, ">5000</text>"));
	assert_non_null(strstr(svg, ">10k</text>"));
	/* the refund bar is drawn in its own colour, down from zero */
	assert_int_equal(count(svg, "#c0504d"), 1);
	/* and with a bigger refund the bottom is a whole step: -5000 */
	free(svg);
	free(p.items);
	rank(&p, (const double[]){ 9000, 4000, 1000, 0, -4500 }, 5,
	    bounds2, 2);
	svg = render(&p, "With a big refund", NULL);
	assert_non_null(strstr(svg, ">-5000</text>"));
	assert_renders(svg, "/tmp/test_svg_negative.png");
	free(svg);
	free(p.items);
}

static void
test_large_values_compact(void **state)
{
	static const double v[] = { 1500000, 700000, 300000 };
	struct crm_pareto p;
	char *svg;

	(void)state;
	rank(&p, v, 3, bounds2, 2);
	svg = render(&p, "Big", NULL);
	/* max 1.5M: raw step 300k -> 500k: ticks 0, 500k, 1M, 1.5M */
	assert_non_null(strstr(svg, ">500k</text>"));
	assert_non_null(strstr(svg, ">1M</text>"));
	assert_non_null(strstr(svg, ">1.5M</text>"));
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
	 * 745 px / 300 = 2.5 px wide: a band each but no letter.
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
	/* ceil(300 / 200) = 2 items a bar, so 150 bars */
	assert_non_null(strstr(svg, "300 items; each bar the mean of 2"));
	assert_int_equal(count(svg, "class=\"bar\""), 150);
	assert_renders(svg, "/tmp/test_svg_narrow.png");
	free(svg);
	free(p.items);
}

static void
test_small_values(void **state)
{
	static const double v[] = { 0.6, 0.25, 0.1 };
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
		cmocka_unit_test(test_million_items),
		cmocka_unit_test(test_no_items),
		cmocka_unit_test(test_all_zero),
		cmocka_unit_test(test_negative_values),
		cmocka_unit_test(test_large_values_compact),
		cmocka_unit_test(test_narrow_band_no_letter),
		cmocka_unit_test(test_small_values),
		cmocka_unit_test(test_write_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
