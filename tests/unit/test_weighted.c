/*
 * test_weighted.c - weighted multi-criteria scoring: loading the
 * `criteria:` list (every config error with its exact position), each
 * kind of points, each missing-value treatment, weight normalisation and
 * bad values.
 *
 * Configs are loaded from strings named "score.yaml"; records are built
 * by hand from arrays of strings.  Every expected number is worked out by
 * hand in the comment beside it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "config.h"
#include "csvio.h"
#include "error.h"
#include "weighted.h"

#define MAXF	8

/* cmocka 1.1's assert_float_equal works in float; these need double. */
#define assert_near(a, b)	near((a), (b), #a, __LINE__)

static void
near(double got, double want, const char *what, int line)
{
	double d = got > want ? got - want : want - got;

	if (!(d <= 1e-9))
		fail_msg("line %d: %s is %.17g, expected %.17g", line, what,
		    got, want);
}

static int
load(struct crm_config *cfg, struct crm_weighted *w, const char *text,
    int decimal_comma, struct crm_error *e)
{
	memset(w, 0, sizeof(*w));
	if (crm_config_load_string(cfg, "score.yaml", text, strlen(text),
	    e) == -1)
		return -2;
	return crm_weighted_load(w, cfg, crm_config_get(cfg,
	    crm_config_root(cfg), "criteria"), decimal_comma, e);
}

/* Loads text, which must be valid, and binds to the given header. */
static void
must_load(struct crm_config *cfg, struct crm_weighted *w, const char *text,
    const char *header, int decimal_comma)
{
	struct crm_csv_reader *r;
	struct crm_error e;
	FILE *fp;

	memset(&e, 0, sizeof(e));
	if (load(cfg, w, text, decimal_comma, &e) != 0)
		fail_msg("%s:%ld:%ld: %s", e.file, e.line, e.column, e.msg);
	fp = fmemopen((void *)header, strlen(header), "r");
	assert_non_null(fp);
	r = crm_csv_open(fp, "test.csv", NULL, &e);
	assert_non_null(r);
	assert_int_equal(crm_weighted_bind(w, &(struct crm_header){
	    crm_csv_header(r), "test.csv" }, &e), 0);
	crm_csv_close(r);
	fclose(fp);
}

static void
done(struct crm_config *cfg, struct crm_weighted *w)
{
	crm_weighted_free(w);
	crm_config_free(cfg);
}

struct rec {
	char *f[MAXF];
	size_t len[MAXF];
	struct crm_record r;
};

static const struct crm_record *
record(struct rec *b, const char *const *fields, size_t n)
{
	size_t i;

	assert_true(n <= MAXF);
	for (i = 0; i < n; i++) {
		b->f[i] = (char *)fields[i];
		b->len[i] = strlen(fields[i]);
	}
	b->r.n = n;
	b->r.field = b->f;
	b->r.len = b->len;
	b->r.line = 0;
	return &b->r;
}

/*
 * Observes every row (when the table is needed), prepares and scores
 * every row; rows holds nrows * ncols fields, points (if not NULL)
 * nrows * w->n.
 */
static void
score_rows(struct crm_weighted *w, const char *const *rows, size_t nrows,
    size_t ncols, double *scores, double *points)
{
	struct crm_error e;
	struct rec b;
	size_t i;

	if (w->needs_table)
		for (i = 0; i < nrows; i++)
			if (crm_weighted_observe(w, record(&b, rows + i * ncols,
			    ncols), &e) != 0)
				fail_msg("observe row %zu: %s", i, e.msg);
	assert_int_equal(crm_weighted_prepare(w, &e), 0);
	for (i = 0; i < nrows; i++)
		if (crm_weighted_score(w, record(&b, rows + i * ncols, ncols),
		    &scores[i], points ? points + i * w->n : NULL, &e) != 0)
			fail_msg("score row %zu: %s", i, e.msg);
}

/* One criterion over the column x of a one-column table. */
static void
score_column(const char *yaml, const char *const *rows, size_t n,
    double *scores)
{
	struct crm_config cfg;
	struct crm_weighted w;

	must_load(&cfg, &w, yaml, "x\n", 0);
	score_rows(&w, rows, n, 1, scores, NULL);
	done(&cfg, &w);
}

static void
assert_data_error(const struct crm_error *e, const char *msg)
{
	assert_int_equal(e->status, CRM_EXIT_DATA);
	assert_int_equal(e->line, 0);
	assert_string_equal(e->file, "");
	assert_string_equal(e->msg, msg);
}

static void
test_minmax_higher(void **state)
{
	const char *rows[] = { "10", "20", "40", "30" };
	double s[4];

	(void)state;
	score_column("criteria:\n"
	    "  - {column: x, weight: 1, points: minmax}\n", rows, 4, s);
	/* min 10, max 40, range 30: 0/30, 10/30, 30/30, 20/30 of 100 */
	assert_true(s[0] == 0);
	assert_near(s[1], 100.0 / 3);
	assert_true(s[2] == 100);
	assert_near(s[3], 200.0 / 3);
}

static void
test_minmax_lower(void **state)
{
	const char *rows[] = { "10", "20", "40", "30" };
	double s[4];

	(void)state;
	score_column("criteria:\n"
	    "  - {column: x, weight: 1, points: minmax, direction: lower}\n",
	    rows, 4, s);
	/* reversed: (40 - x) / 30: 30/30, 20/30, 0, 10/30 of 100 */
	assert_true(s[0] == 100);
	assert_near(s[1], 200.0 / 3);
	assert_true(s[2] == 0);
	assert_near(s[3], 100.0 / 3);
}

static void
test_minmax_exact_ends(void **state)
{
	/* 0.1 + 0.2 style values: the ends must still be exactly 0, 100 */
	const char *rows[] = { "0.3", "0.1", "0.7" };
	double s[3];

	(void)state;
	score_column("criteria:\n"
	    "  - {column: x, weight: 1, points: minmax}\n", rows, 3, s);
	assert_true(s[1] == 0);
	assert_true(s[2] == 100);
	/* (0.3 - 0.1) / (0.7 - 0.1) = 1/3 */
	assert_near(s[0], 100.0 / 3);
}

static void
test_minmax_equal(void **state)
{
	const char *rows[] = { "5", "5", "5" };
	double s[3];

	(void)state;
	/* max == min: every value gets 100, whatever the direction */
	score_column("criteria:\n"
	    "  - {column: x, weight: 1, points: minmax}\n", rows, 3, s);
	assert_true(s[0] == 100 && s[1] == 100 && s[2] == 100);
	score_column("criteria:\n"
	    "  - {column: x, weight: 1, points: minmax, direction: lower}\n",
	    rows, 3, s);
	assert_true(s[0] == 100 && s[1] == 100 && s[2] == 100);
}

static void
test_rank_ties_higher(void **state)
{
	const char *rows[] = { "20", "40", "10", "20", "30" };
	double s[5];

	(void)state;
	score_column("criteria:\n"
	    "  - {column: x, weight: 1, points: rank}\n", rows, 5, s);
	/*
	 * ascending 10, 20, 20, 30, 40: ranks 1, 2.5 (2 and 3 shared), 4, 5;
	 * (r - 1) / 4 * 100: 10 -> 0, 20 -> 37.5, 30 -> 75, 40 -> 100
	 */
	assert_true(s[0] == 37.5);
	assert_true(s[1] == 100);
	assert_true(s[2] == 0);
	assert_true(s[3] == 37.5);
	assert_true(s[4] == 75);
}

static void
test_rank_ties_lower(void **state)
{
	const char *rows[] = { "20", "40", "10", "20", "30" };
	double s[5];

	(void)state;
	score_column("criteria:\n"
	    "  - {column: x, weight: 1, points: rank, direction: lower}\n",
	    rows, 5, s);
	/* 100 minus the above: 10 -> 100, 20 -> 62.5, 30 -> 25, 40 -> 0 */
	assert_true(s[0] == 62.5);
	assert_true(s[1] == 0);
	assert_true(s[2] == 100);
	assert_true(s[3] == 62.5);
	assert_true(s[4] == 25);
}

static void
test_rank_tied_top(void **state)
{
	const char *rows[] = { "1", "2", "2" };
	double s[3];

	(void)state;
	score_column("criteria:\n"
	    "  - {column: x, weight: 1, points: rank}\n", rows, 3, s);
	/* ranks 1, 2.5, 2.5 of n = 3: 0/2, 1.5/2 = 75 (ties share the mean) */
	assert_true(s[0] == 0);
	assert_true(s[1] == 75 && s[2] == 75);
}

static void
test_rank_single_and_equal(void **state)
{
	const char *one[] = { "42" };
	const char *same[] = { "7", "7", "7" };
	double s[3];

	(void)state;
	/* a single value gets 100 in both directions */
	score_column("criteria:\n"
	    "  - {column: x, weight: 1, points: rank}\n", one, 1, s);
	assert_true(s[0] == 100);
	score_column("criteria:\n"
	    "  - {column: x, weight: 1, points: rank, direction: lower}\n",
	    one, 1, s);
	assert_true(s[0] == 100);
	/* three equal values share rank 2: (2 - 1) / (3 - 1) = 50 */
	score_column("criteria:\n"
	    "  - {column: x, weight: 1, points: rank}\n", same, 3, s);
	assert_true(s[0] == 50 && s[1] == 50 && s[2] == 50);
}

static void
test_bands(void **state)
{
	const char *rows[] = { "-5", "0", "99.99", "100", "999", "1000",
	    "1,000,000" };
	double s[7];
	struct crm_config cfg;
	struct crm_weighted w;

	(void)state;
	must_load(&cfg, &w, "criteria:\n"
	    "  - column: x\n"
	    "    weight: 1\n"
	    "    points: bands\n"
	    "    bands:\n"
	    "      - {from: 0, points: 10}\n"
	    "      - {from: 100, points: 40}\n"
	    "      - {from: 1000, points: 100}\n", "x\n", 0);
	assert_int_equal(w.needs_table, 0);
	score_rows(&w, rows, 7, 1, s, NULL);
	/* last band with from <= x; below the first band 0 */
	assert_true(s[0] == 0);
	assert_true(s[1] == 10);
	assert_true(s[2] == 10);
	assert_true(s[3] == 40);
	assert_true(s[4] == 40);
	assert_true(s[5] == 100);
	assert_true(s[6] == 100);
	done(&cfg, &w);
}

static const char map_yaml[] =
    "criteria:\n"
    "  - column: x\n"
    "    weight: 1\n"
    "    points: map\n"
    "    map:\n"
    "      Good: 100\n"
    "      fair: 50\n"
    "      \" poor \": 0\n";

static void
test_map(void **state)
{
	const char *rows[] = { "GOOD", " fair\t", "Poor", "good" };
	const char *bad[] = { "excellent" };
	struct crm_config cfg;
	struct crm_weighted w;
	struct crm_error e;
	struct rec b;
	double s[4];

	(void)state;
	must_load(&cfg, &w, map_yaml, "x\n", 0);
	assert_int_equal(w.needs_table, 0);
	score_rows(&w, rows, 4, 1, s, NULL);
	/* trimmed, case-insensitive: Good 100, fair 50, " poor " 0 */
	assert_true(s[0] == 100);
	assert_true(s[1] == 50);
	assert_true(s[2] == 0);
	assert_true(s[3] == 100);
	assert_int_equal(crm_weighted_score(&w, record(&b, bad, 1), s, NULL,
	    &e), -1);
	assert_data_error(&e, "column 'x': unmapped value \"excellent\"");
	done(&cfg, &w);
}

static void
test_map_default(void **state)
{
	const char *rows[] = { "excellent", "fair", "  ??  " };
	double s[3];

	(void)state;
	score_column("criteria:\n"
	    "  - column: x\n"
	    "    weight: 1\n"
	    "    points: map\n"
	    "    map: {good: 100, fair: 50}\n"
	    "    default: 25\n", rows, 3, s);
	/* unmapped texts get the default 25; fair is mapped */
	assert_true(s[0] == 25);
	assert_true(s[1] == 50);
	assert_true(s[2] == 25);
}

static void
test_missing_zero(void **state)
{
	const char *rows[] = { "10", "", "30", "  " };
	double s[4];

	(void)state;
	score_column("criteria:\n"
	    "  - {column: x, weight: 1, points: minmax, missing: zero}\n",
	    rows, 4, s);
	/* present 10 and 30: 0 and 100; empty and blank fields get 0 */
	assert_true(s[0] == 0);
	assert_true(s[1] == 0);
	assert_true(s[2] == 100);
	assert_true(s[3] == 0);
}

static void
test_missing_mean_minmax(void **state)
{
	const char *rows[] = { "10", "", "20", "40" };
	double s[4];

	(void)state;
	score_column("criteria:\n"
	    "  - {column: x, weight: 1, points: minmax, missing: mean}\n",
	    rows, 4, s);
	/*
	 * present 10, 20, 40 over range 30: 0, 33.33, 100; the missing
	 * value gets their mean (0 + 100/3 + 100) / 3 = 400/9 = 44.44
	 */
	assert_true(s[0] == 0);
	assert_near(s[1], 400.0 / 9);
	assert_near(s[2], 100.0 / 3);
	assert_true(s[3] == 100);
}

static void
test_missing_mean_rank(void **state)
{
	const char *rows[] = { "1", "", "1", "3" };
	double s[4];

	(void)state;
	score_column("criteria:\n"
	    "  - {column: x, weight: 1, points: rank, missing: mean}\n",
	    rows, 4, s);
	/*
	 * present 1, 1, 3 (n = 3): ranks 1.5, 1.5, 3: 25, 25, 100;
	 * mean (25 + 25 + 100) / 3 = 50; the missing value gets 50
	 */
	assert_true(s[0] == 25);
	assert_near(s[1], 50);
	assert_true(s[2] == 25);
	assert_true(s[3] == 100);
}

static void
test_missing_mean_bands_map(void **state)
{
	const char *rows[] = {
		"5", "good",
		"15", "fair",
		"", "",
		"25", "good",
	};
	double s[4], p[8];
	struct crm_config cfg;
	struct crm_weighted w;

	(void)state;
	must_load(&cfg, &w, "criteria:\n"
	    "  - column: x\n"
	    "    weight: 1\n"
	    "    points: bands\n"
	    "    missing: mean\n"
	    "    bands: [{from: 0, points: 0}, {from: 10, points: 60},\n"
	    "            {from: 20, points: 90}]\n"
	    "  - column: y\n"
	    "    weight: 1\n"
	    "    points: map\n"
	    "    missing: mean\n"
	    "    map: {good: 100, fair: 50, poor: 0}\n", "x,y\n", 0);
	assert_int_equal(w.needs_table, 1);
	score_rows(&w, rows, 4, 2, s, p);
	/* x: 5 -> 0, 15 -> 60, 25 -> 90; missing: (0 + 60 + 90) / 3 = 50 */
	assert_true(p[0] == 0 && p[2] == 60 && p[6] == 90);
	assert_near(p[4], 50);
	/* y: good 100, fair 50, good 100; missing: 250 / 3 */
	assert_true(p[1] == 100 && p[3] == 50 && p[7] == 100);
	assert_near(p[5], 250.0 / 3);
	/* equal weights: the score is the mean of the two */
	assert_near(s[2], (50 + 250.0 / 3) / 2);
	assert_near(s[0], 50);
	done(&cfg, &w);
}

static void
test_missing_mean_all_empty(void **state)
{
	const char *rows[] = { "", " " };
	double s[2];

	(void)state;
	/* no present value at all: no mean, every missing value gets 0 */
	score_column("criteria:\n"
	    "  - {column: x, weight: 1, points: rank, missing: mean}\n",
	    rows, 2, s);
	assert_true(s[0] == 0 && s[1] == 0);
	score_column("criteria:\n"
	    "  - {column: x, weight: 1, points: map, missing: mean,"
	    " map: {a: 100}}\n", rows, 2, s);
	assert_true(s[0] == 0 && s[1] == 0);
}

static void
test_missing_error(void **state)
{
	const char *row[] = { "" };
	struct crm_config cfg;
	struct crm_weighted w;
	struct crm_error e;
	struct rec b;
	double s;

	(void)state;
	/* the default is missing: error, in observe and in score */
	must_load(&cfg, &w, "criteria:\n"
	    "  - {column: capital, weight: 1, points: minmax}\n",
	    "capital\n", 0);
	assert_int_equal(crm_weighted_observe(&w, record(&b, row, 1), &e), -1);
	assert_data_error(&e, "column 'capital': missing value");
	assert_int_equal(crm_weighted_prepare(&w, &e), 0);
	assert_int_equal(crm_weighted_score(&w, record(&b, row, 1), &s, NULL,
	    &e), -1);
	assert_data_error(&e, "column 'capital': missing value");
	done(&cfg, &w);

	must_load(&cfg, &w, map_yaml, "x\n", 0);
	row[0] = " \t ";
	assert_int_equal(crm_weighted_prepare(&w, &e), 0);
	assert_int_equal(crm_weighted_score(&w, record(&b, row, 1), &s, NULL,
	    &e), -1);
	assert_data_error(&e, "column 'x': missing value");
	done(&cfg, &w);
}

static void
test_weight_normalisation(void **state)
{
	const char *rows[] = {
		"0", "fair",
		"50", "good",
		"100", "poor",
	};
	static const char *const yaml[] = {
	    "criteria:\n"
	    "  - {column: a, weight: 2, points: minmax}\n"
	    "  - {column: b, weight: 3, points: map,"
	    " map: {good: 100, fair: 50, poor: 0}}\n",
	    /* the same weights scaled by 10: the same scores */
	    "criteria:\n"
	    "  - {column: a, weight: 20, points: minmax}\n"
	    "  - {column: b, weight: 30, points: map,"
	    " map: {good: 100, fair: 50, poor: 0}}\n",
	};
	struct crm_config cfg;
	struct crm_weighted w;
	double s[3], p[6];
	size_t i;

	(void)state;
	for (i = 0; i < 2; i++) {
		must_load(&cfg, &w, yaml[i], "a,b\n", 0);
		assert_true(w.weight_sum == (i == 0 ? 5 : 50));
		score_rows(&w, rows, 3, 2, s, p);
		/* a: 0, 50, 100; b: 50, 100, 0 */
		assert_true(p[0] == 0 && p[1] == 50);
		assert_true(p[2] == 50 && p[3] == 100);
		assert_true(p[4] == 100 && p[5] == 0);
		/* (2 * p1 + 3 * p2) / 5 */
		assert_near(s[0], (2 * 0 + 3 * 50) / 5.0);	/* 30 */
		assert_near(s[1], (2 * 50 + 3 * 100) / 5.0);	/* 80 */
		assert_near(s[2], (2 * 100 + 3 * 0) / 5.0);	/* 40 */
		done(&cfg, &w);
	}
}

static void
test_load_fields(void **state)
{
	struct crm_config cfg;
	struct crm_weighted w;

	(void)state;
	must_load(&cfg, &w, "criteria:\n"
	    "  - column: reach\n"
	    "    weight: 1.5\n"
	    "    points: rank\n"
	    "    direction: lower\n"
	    "    missing: zero\n"
	    "  - column: capital\n"
	    "    weight: 20\n"
	    "    points: bands\n"
	    "    label: pts_capital\n"
	    "    bands:\n"
	    "      - {from: 0, points: 0}\n"
	    "      - {from: 100000, points: 40}\n"
	    "  - column: credit\n"
	    "    weight: 10\n"
	    "    points: map\n"
	    "    missing: mean\n"
	    "    map: {good: 100, poor: 0}\n"
	    "    default: 30\n", "credit,reach,capital\n", 0);
	assert_int_equal(w.n, 3);
	assert_true(w.weight_sum == 31.5);
	assert_int_equal(w.needs_table, 1);
	assert_string_equal(w.c[0].column, "reach");
	assert_string_equal(w.c[0].label, "points_reach");
	assert_int_equal(w.c[0].col, 1);
	assert_int_equal(w.c[0].kind, CRM_POINTS_RANK);
	assert_int_equal(w.c[0].lower_is_better, 1);
	assert_int_equal(w.c[0].missing, CRM_MISSING_ZERO);
	assert_string_equal(w.c[1].label, "pts_capital");
	assert_int_equal(w.c[1].col, 2);
	assert_int_equal(w.c[1].kind, CRM_POINTS_BANDS);
	assert_int_equal(w.c[1].lower_is_better, 0);
	assert_int_equal(w.c[1].missing, CRM_MISSING_ERROR);
	assert_int_equal(w.c[1].nbands, 2);
	assert_true(w.c[1].bands[1].from == 100000);
	assert_true(w.c[1].bands[1].points == 40);
	assert_string_equal(w.c[2].label, "points_credit");
	assert_int_equal(w.c[2].col, 0);
	assert_int_equal(w.c[2].kind, CRM_POINTS_MAP);
	assert_int_equal(w.c[2].missing, CRM_MISSING_MEAN);
	assert_int_equal(w.c[2].nmap, 2);
	assert_int_equal(w.c[2].has_default, 1);
	assert_true(w.c[2].default_points == 30);
	done(&cfg, &w);
}

static void
test_needs_table(void **state)
{
	static const struct {
		const char *yaml;
		int needs;
	} t[] = {
		{ "criteria: [{column: x, weight: 1, points: minmax}]\n", 1 },
		{ "criteria: [{column: x, weight: 1, points: rank}]\n", 1 },
		{ "criteria: [{column: x, weight: 1, points: bands,"
		  " bands: [{from: 0, points: 1}]}]\n", 0 },
		{ "criteria: [{column: x, weight: 1, points: map,"
		  " map: {a: 1}, missing: zero}]\n", 0 },
		{ "criteria: [{column: x, weight: 1, points: bands,"
		  " missing: mean, bands: [{from: 0, points: 1}]}]\n", 1 },
		{ "criteria: [{column: x, weight: 1, points: map,"
		  " map: {a: 1}}, {column: x, weight: 1, points: minmax,"
		  " label: mm}]\n", 1 },
	};
	struct crm_config cfg;
	struct crm_weighted w;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		must_load(&cfg, &w, t[i].yaml, "x\n", 0);
		if (w.needs_table != t[i].needs)
			fail_msg("case %zu: needs_table %d", i, w.needs_table);
		done(&cfg, &w);
	}
}

static void
test_streaming(void **state)
{
	/* no table needed: prepare at once, then score record by record */
	const char *row[] = { "250000", "fair" };
	struct crm_config cfg;
	struct crm_weighted w;
	struct crm_error e;
	struct rec b;
	double s, p[2];

	(void)state;
	must_load(&cfg, &w, "criteria:\n"
	    "  - {column: capital, weight: 1, points: bands,"
	    " bands: [{from: 0, points: 0}, {from: 100000, points: 40},"
	    " {from: 500000, points: 100}]}\n"
	    "  - {column: credit, weight: 3, points: map,"
	    " map: {good: 100, fair: 60}}\n", "capital,credit\n", 0);
	assert_int_equal(crm_weighted_prepare(&w, &e), 0);
	assert_int_equal(crm_weighted_score(&w, record(&b, row, 2), &s, p,
	    &e), 0);
	/* 250000 in the 100000 band: 40; fair 60; (40 + 3 * 60) / 4 = 55 */
	assert_true(p[0] == 40 && p[1] == 60);
	assert_near(s, 55);
	done(&cfg, &w);
}

static void
test_decimal_comma(void **state)
{
	const char *rows[] = { "1.000,5", "€ 2.000,5", "3.000,5" };
	struct crm_config cfg;
	struct crm_weighted w;
	double s[3];

	(void)state;
	must_load(&cfg, &w, "criteria:\n"
	    "  - {column: x, weight: 1, points: minmax}\n", "x\n", 1);
	score_rows(&w, rows, 3, 1, s, NULL);
	/* 1000.5, 2000.5, 3000.5: 0, 1000/2000, 100 */
	assert_true(s[0] == 0);
	assert_true(s[1] == 50);
	assert_true(s[2] == 100);
	done(&cfg, &w);
}

static void
test_bad_values_observe(void **state)
{
	const char *bad_number[] = { "12x", "good", "5" };
	const char *unmapped[] = { "10", "excellent", "5" };
	const char *bad_band[] = { "10", "good", "n/a" };
	struct crm_config cfg;
	struct crm_weighted w;
	struct crm_error e;
	struct rec b;

	(void)state;
	must_load(&cfg, &w, "criteria:\n"
	    "  - {column: capital, weight: 1, points: minmax}\n"
	    "  - {column: credit, weight: 1, points: map,"
	    " map: {good: 100, poor: 0}}\n"
	    "  - {column: vehicles, weight: 1, points: bands,"
	    " bands: [{from: 0, points: 0}]}\n",
	    "capital,credit,vehicles\n", 0);
	assert_int_equal(crm_weighted_observe(&w, record(&b, bad_number, 3),
	    &e), -1);
	assert_data_error(&e, "column 'capital': invalid number \"12x\"");
	/* map and bands do not need the column, but observe checks them */
	assert_int_equal(crm_weighted_observe(&w, record(&b, unmapped, 3),
	    &e), -1);
	assert_data_error(&e, "column 'credit': unmapped value \"excellent\"");
	assert_int_equal(crm_weighted_observe(&w, record(&b, bad_band, 3),
	    &e), -1);
	assert_data_error(&e, "column 'vehicles': invalid number \"n/a\"");
	/* a rejected record leaves nothing in the statistics */
	assert_int_equal(w.c[0].nvalues, 0);
	done(&cfg, &w);
}

static void
test_bad_values_score(void **state)
{
	const char *rows[] = { "10", "20" };
	const char *bad[] = { "12x" };
	const char *inf[] = { "1" };
	char big[420];
	struct crm_config cfg;
	struct crm_weighted w;
	struct crm_error e;
	struct rec b;
	double s[2];

	(void)state;
	must_load(&cfg, &w, "criteria:\n"
	    "  - {column: capital, weight: 1, points: minmax}\n",
	    "capital\n", 0);
	score_rows(&w, rows, 2, 1, s, NULL);
	assert_int_equal(crm_weighted_score(&w, record(&b, bad, 1), s, NULL,
	    &e), -1);
	assert_data_error(&e, "column 'capital': invalid number \"12x\"");
	/* a number too large for a double is invalid, not infinite */
	memset(big, '9', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	inf[0] = big;
	assert_int_equal(crm_weighted_score(&w, record(&b, inf, 1), s, NULL,
	    &e), -1);
	assert_int_equal(e.status, CRM_EXIT_DATA);
	assert_non_null(strstr(e.msg, "invalid number \"9999"));
	done(&cfg, &w);
}

static void
test_observe_atomic(void **state)
{
	const char *rows[] = {
		"10", "5",
		"20", "abc",
		"30", "1",
	};
	struct crm_config cfg;
	struct crm_weighted w;
	struct crm_error e;
	struct rec b;
	double s;

	(void)state;
	must_load(&cfg, &w, "criteria:\n"
	    "  - {column: x, weight: 1, points: minmax}\n"
	    "  - {column: y, weight: 1, points: bands,"
	    " bands: [{from: 0, points: 100}]}\n", "x,y\n", 0);
	assert_int_equal(crm_weighted_observe(&w, record(&b, rows, 2), &e), 0);
	assert_int_equal(crm_weighted_observe(&w, record(&b, rows + 2, 2),
	    &e), -1);
	assert_data_error(&e, "column 'y': invalid number \"abc\"");
	assert_int_equal(crm_weighted_observe(&w, record(&b, rows + 4, 2),
	    &e), 0);
	assert_int_equal(crm_weighted_prepare(&w, &e), 0);
	/* the skipped 20 is not in the column: min 10, max 30 */
	assert_int_equal(w.c[0].nvalues, 2);
	assert_true(w.c[0].min == 10 && w.c[0].max == 30);
	assert_int_equal(crm_weighted_score(&w, record(&b, rows + 4, 2), &s,
	    NULL, &e), 0);
	/* x: (30 - 10) / 20 = 100, y: 100 */
	assert_true(s == 100);
	done(&cfg, &w);
}

static void
test_bind(void **state)
{
	static const char header[] = "id,credit\n";
	struct crm_csv_reader *r;
	struct crm_config cfg;
	struct crm_weighted w;
	struct crm_error e;
	FILE *fp;

	(void)state;
	assert_int_equal(load(&cfg, &w, "criteria:\n"
	    "  - {column: credit, weight: 1, points: map, map: {a: 1}}\n"
	    "  - {column: capital, weight: 1, points: minmax}\n", 0, &e), 0);
	fp = fmemopen((void *)header, strlen(header), "r");
	assert_non_null(fp);
	r = crm_csv_open(fp, "d.csv", NULL, &e);
	assert_non_null(r);
	assert_int_equal(crm_weighted_bind(&w, &(struct crm_header){
	    crm_csv_header(r), "d.csv" }, &e), -1);
	assert_int_equal(e.status, CRM_EXIT_USAGE);
	assert_int_equal(w.c[0].col, 1);
	assert_non_null(strstr(e.msg, "'capital'"));
	crm_csv_close(r);
	fclose(fp);
	done(&cfg, &w);
}

static void
test_config_errors(void **state)
{
	static const struct {
		const char *yaml;
		const char *err;
	} t[] = {
		{ "criteria:\n"
		  "  - column: x\n"
		  "    weight: 1\n"
		  "    points: rank\n"
		  "    wieght: 2\n",
		  "score.yaml:5:5: unknown key 'wieght'" },
		{ "criteria:\n"
		  "  - column: x\n"
		  "    weight: 1\n"
		  "    points: rank\n"
		  "    weight: 2\n",
		  "score.yaml:5:5: duplicate key 'weight'" },
		{ "criteria:\n"
		  "  - column: x\n"
		  "    points: rank\n",
		  "score.yaml:2:5: missing key 'weight'" },
		{ "criteria:\n"
		  "  - weight: 1\n"
		  "    points: rank\n",
		  "score.yaml:2:5: missing key 'column'" },
		{ "criteria:\n"
		  "  - column: x\n"
		  "    weight: 1\n",
		  "score.yaml:2:5: missing key 'points'" },
		{ "criteria:\n"
		  "  - column: x\n"
		  "    weight: 0\n"
		  "    points: rank\n",
		  "score.yaml:3:13: expected a weight greater than 0, "
		  "got \"0\"" },
		{ "criteria:\n"
		  "  - column: x\n"
		  "    weight: -2\n"
		  "    points: rank\n",
		  "score.yaml:3:13: expected a weight greater than 0, "
		  "got \"-2\"" },
		{ "criteria:\n"
		  "  - column: x\n"
		  "    weight: abc\n"
		  "    points: rank\n",
		  "score.yaml:3:13: expected a number, got \"abc\"" },
		{ "criteria:\n"
		  "  - column: x\n"
		  "    weight: 1\n"
		  "    points: linear\n",
		  "score.yaml:4:13: expected minmax, rank, bands or map, "
		  "got \"linear\"" },
		{ "criteria:\n"
		  "  - column: \"\"\n"
		  "    weight: 1\n"
		  "    points: rank\n",
		  "score.yaml:2:13: expected a column name, got \"\"" },
		{ "criteria:\n"
		  "  - column: [a, b]\n"
		  "    weight: 1\n"
		  "    points: rank\n",
		  "score.yaml:2:13: expected a text value, got a list" },
		{ "criteria:\n"
		  "  - column: x\n"
		  "    weight: 1\n"
		  "    points: map\n"
		  "    direction: lower\n"
		  "    map: {good: 100}\n",
		  "score.yaml:5:5: key 'direction' applies only to points: "
		  "minmax and rank" },
		{ "criteria:\n"
		  "  - column: x\n"
		  "    weight: 1\n"
		  "    points: bands\n"
		  "    bands: [{from: 0, points: 0}]\n"
		  "    direction: higher\n",
		  "score.yaml:6:5: key 'direction' applies only to points: "
		  "minmax and rank" },
		{ "criteria:\n"
		  "  - column: x\n"
		  "    weight: 1\n"
		  "    points: rank\n"
		  "    direction: up\n",
		  "score.yaml:5:16: expected higher or lower, got \"up\"" },
		{ "criteria:\n"
		  "  - column: x\n"
		  "    weight: 1\n"
		  "    points: rank\n"
		  "    missing: skip\n",
		  "score.yaml:5:14: expected error, zero or mean, "
		  "got \"skip\"" },
		{ "criteria:\n"
		  "  - column: x\n"
		  "    weight: 1\n"
		  "    points: bands\n",
		  "score.yaml:2:5: missing key 'bands'" },
		{ "criteria:\n"
		  "  - column: x\n"
		  "    weight: 1\n"
		  "    points: rank\n"
		  "    bands: [{from: 0, points: 0}]\n",
		  "score.yaml:5:5: key 'bands' applies only to points: "
		  "bands" },
		{ "criteria:\n"
		  "  - column: x\n"
		  "    weight: 1\n"
		  "    points: bands\n"
		  "    bands: [{from: 0, points: 0}]\n"
		  "    map: {a: 1}\n",
		  "score.yaml:6:5: key 'map' applies only to points: map" },
		{ "criteria:\n"
		  "  - column: x\n"
		  "    weight: 1\n"
		  "    points: rank\n"
		  "    default: 0\n",
		  "score.yaml:5:5: key 'default' applies only to points: "
		  "map" },
		{ "criteria:\n"
		  "  - column: x\n"
		  "    weight: 1\n"
		  "    points: map\n",
		  "score.yaml:2:5: missing key 'map'" },
		{ "criteria:\n"
		  "  - column: x\n"
		  "    weight: 1\n"
		  "    points: bands\n"
		  "    bands:\n"
		  "      - {from: 0, points: 0}\n"
		  "      - {from: 100, points: 120}\n",
		  "score.yaml:7:29: expected points from 0 to 100, "
		  "got \"120\"" },
		{ "criteria:\n"
		  "  - column: x\n"
		  "    weight: 1\n"
		  "    points: bands\n"
		  "    bands:\n"
		  "      - {from: 100, points: 0}\n"
		  "      - {from: 50, points: 10}\n",
		  "score.yaml:7:16: 'from' must increase from band to band, "
		  "got \"50\" after \"100\"" },
		{ "criteria:\n"
		  "  - column: x\n"
		  "    weight: 1\n"
		  "    points: bands\n"
		  "    bands:\n"
		  "      - {from: 100, points: 0}\n"
		  "      - {from: 100, points: 10}\n",
		  "score.yaml:7:16: 'from' must increase from band to band, "
		  "got \"100\" after \"100\"" },
		{ "criteria:\n"
		  "  - column: x\n"
		  "    weight: 1\n"
		  "    points: bands\n"
		  "    bands:\n"
		  "      - {from: 0}\n",
		  "score.yaml:6:9: missing key 'points'" },
		{ "criteria:\n"
		  "  - column: x\n"
		  "    weight: 1\n"
		  "    points: bands\n"
		  "    bands:\n"
		  "      - {from: 0, to: 10, points: 0}\n",
		  "score.yaml:6:19: unknown key 'to'" },
		{ "criteria:\n"
		  "  - column: x\n"
		  "    weight: 1\n"
		  "    points: bands\n"
		  "    bands: []\n",
		  "score.yaml:5:12: expected at least one band" },
		{ "criteria:\n"
		  "  - column: x\n"
		  "    weight: 1\n"
		  "    points: bands\n"
		  "    bands: 5\n",
		  "score.yaml:5:12: expected a list, got \"5\"" },
		{ "criteria:\n"
		  "  - column: x\n"
		  "    weight: 1\n"
		  "    points: map\n"
		  "    map: [good, poor]\n",
		  "score.yaml:5:10: expected a mapping, got a list" },
		{ "criteria:\n"
		  "  - column: x\n"
		  "    weight: 1\n"
		  "    points: map\n"
		  "    map: {}\n",
		  "score.yaml:5:10: expected at least one map entry" },
		{ "criteria:\n"
		  "  - column: x\n"
		  "    weight: 1\n"
		  "    points: map\n"
		  "    map:\n"
		  "      good: 100\n"
		  "      poor: -1\n",
		  "score.yaml:7:13: expected points from 0 to 100, "
		  "got \"-1\"" },
		{ "criteria:\n"
		  "  - column: x\n"
		  "    weight: 1\n"
		  "    points: map\n"
		  "    map:\n"
		  "      Good: 100\n"
		  "      good: 90\n",
		  "score.yaml:7:7: duplicate map entry \"good\"" },
		/* the first repeat in file order: "B " (line 8) repeats b
		   (line 6) before a (line 9) repeats A (line 7) */
		{ "criteria:\n"
		  "  - column: x\n"
		  "    weight: 1\n"
		  "    points: map\n"
		  "    map:\n"
		  "      b: 1\n"
		  "      A: 2\n"
		  "      \"B \": 3\n"
		  "      a: 4\n",
		  "score.yaml:8:7: duplicate map entry \"B \"" },
		/* b (line 8) repeats B (line 7) before A (line 9) repeats a */
		{ "criteria:\n"
		  "  - column: x\n"
		  "    weight: 1\n"
		  "    points: map\n"
		  "    map:\n"
		  "      a: 1\n"
		  "      B: 2\n"
		  "      b: 3\n"
		  "      A: 4\n",
		  "score.yaml:8:7: duplicate map entry \"b\"" },
		{ "criteria:\n"
		  "  - column: x\n"
		  "    weight: 1\n"
		  "    points: map\n"
		  "    map: {\"\": 5}\n",
		  "score.yaml:5:11: expected a text to map, got \"\"" },
		{ "criteria:\n"
		  "  - column: x\n"
		  "    weight: 1\n"
		  "    points: map\n"
		  "    map: {a: 1}\n"
		  "    default: 101\n",
		  "score.yaml:6:14: expected points from 0 to 100, "
		  "got \"101\"" },
		{ "criteria: []\n",
		  "score.yaml:1:11: expected at least one criterion" },
		{ "criteria: {a: 1}\n",
		  "score.yaml:1:11: expected a list, got a mapping" },
		{ "other: 1\n",
		  "score.yaml:1:1: missing key 'criteria'" },
		{ "criteria:\n"
		  "  - rank\n",
		  "score.yaml:2:5: expected a mapping, got \"rank\"" },
		{ "criteria:\n"
		  "  - column: x\n"
		  "    weight: 1\n"
		  "    points: rank\n"
		  "  - column: x\n"
		  "    weight: 1\n"
		  "    points: minmax\n",
		  "score.yaml:5:5: duplicate label 'points_x' (give each "
		  "criterion of a column its own label)" },
		/* the third criterion (line 4) takes the first one's label */
		{ "criteria:\n"
		  "  - {column: x, weight: 1, points: rank, label: a}\n"
		  "  - {column: x, weight: 1, points: rank, label: b}\n"
		  "  - {column: y, weight: 1, points: rank, label: a}\n",
		  "score.yaml:4:5: duplicate label 'a' (give each "
		  "criterion of a column its own label)" },
	};
	struct crm_config cfg;
	struct crm_weighted w;
	struct crm_error e;
	char buf[1024];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		memset(&e, 0, sizeof(e));
		if (load(&cfg, &w, t[i].yaml, 0, &e) != -1)
			fail_msg("case %zu: loaded", i);
		crm_error_format(&e, buf, sizeof(buf));
		if (e.status != CRM_EXIT_USAGE || strcmp(buf, t[i].err) != 0)
			fail_msg("case %zu: status %d, \"%s\", expected \"%s\"",
			    i, e.status, buf, t[i].err);
		/* a failed load leaves nothing to free, and free is safe */
		assert_null(w.c);
		done(&cfg, &w);
	}
}

/*
 * A weight of 10^307 is a double, but 100 points times it is not: a score
 * of 50 came out inf, then clamped to 100.  Weights whose sum times 100
 * passes the largest double are refused; 10^305 is fine.
 */
static void
test_weights_too_large(void **state)
{
	struct crm_config cfg;
	struct crm_weighted w;
	struct crm_error e;
	char yaml[512], buf[1024];

	(void)state;
	snprintf(yaml, sizeof(yaml), "criteria:\n  - {column: x, weight: "
	    "1%0307d, points: minmax}\n", 0);
	assert_int_equal(load(&cfg, &w, yaml, 0, &e), -1);
	crm_error_format(&e, buf, sizeof(buf));
	assert_string_equal(buf, "score.yaml:2:3: weights too large");
	done(&cfg, &w);
	snprintf(yaml, sizeof(yaml), "criteria:\n  - {column: x, weight: "
	    "1%0305d, points: minmax}\n", 0);
	assert_int_equal(load(&cfg, &w, yaml, 0, &e), 0);
	done(&cfg, &w);
}

static void
test_too_many_criteria(void **state)
{
	/*
	 * Each default label "points_" + 200-byte name + NUL takes 208
	 * bytes of the 4096: 19 fit (3952), the 20th (line 21) does not.
	 */
	char *text, name[201];
	struct crm_config cfg;
	struct crm_weighted w;
	struct crm_error e;
	char buf[1024];
	size_t i, o = 0, cap = 40 * 260;

	(void)state;
	text = malloc(cap);
	assert_non_null(text);
	o += (size_t)snprintf(text, cap, "criteria:\n");
	for (i = 0; i < 40; i++) {
		memset(name, 'n', 200);
		name[200] = '\0';
		name[0] = (char)('a' + i % 26);
		name[1] = (char)('a' + i / 26);
		o += (size_t)snprintf(text + o, cap - o,
		    "  - {column: %s, weight: 1, points: rank}\n", name);
	}
	assert_int_equal(load(&cfg, &w, text, 0, &e), -1);
	crm_error_format(&e, buf, sizeof(buf));
	assert_string_equal(buf, "score.yaml:21:5: too many criteria");
	done(&cfg, &w);
	free(text);
}

/*
 * The row-wise step: capital by minmax over 100..300 and credit by map,
 * weights 3 and 1.  Records are held (minmax needs the column).  Row
 * "300,good": capital 100, credit 100: score 100.  Row "200,poor": 50 and
 * 0: (3 * 50 + 0) / 4 = 37.5.  Row "100,fair": 0 and 40: 40 / 4 = 10.
 * A record with an invalid number is a bad record in check and compute;
 * an unmapped text too.
 */
static void
test_rowwise(void **state)
{
	const char *rows[] = { "300", "good", "200", "poor", "100", "fair" };
	const char *bad[] = { "3oo", "good" };
	const char *unmapped[] = { "300", "great" };
	const char *own[3];
	struct crm_config cfg;
	struct crm_weighted w;
	struct crm_rowwise rw;
	struct crm_error e, why;
	struct rec b;
	size_t i;

	(void)state;
	must_load(&cfg, &w, "criteria:\n"
	    "  - {column: capital, weight: 3, points: minmax}\n"
	    "  - {column: credit, weight: 1, points: map,"
	    " map: {good: 100, fair: 40, poor: 0}, label: credit_pts}\n",
	    "capital,credit\n", 0);
	assert_int_equal(crm_weighted_rowwise(&w, 1, &rw, &e), 0);
	assert_true(rw.hold);
	assert_int_equal(rw.nown, 3);
	assert_string_equal(rw.own[0], "score");
	assert_string_equal(rw.own[1], "points_capital");
	assert_string_equal(rw.own[2], "credit_pts");
	for (i = 0; i < 3; i++)
		assert_int_equal(rw.check(rw.ctx, record(&b, rows + 2 * i, 2),
		    &why), CRM_RECORD_OK);
	assert_int_equal(rw.check(rw.ctx, record(&b, bad, 2), &why),
	    CRM_RECORD_BAD);
	assert_string_equal(why.msg, "column 'capital': invalid number "
	    "\"3oo\"");
	assert_int_equal(rw.prepare(rw.ctx, &e), 0);
	assert_int_equal(rw.compute(rw.ctx, record(&b, rows, 2), own, &why),
	    CRM_RECORD_OK);
	assert_string_equal(own[0], "100");
	assert_string_equal(own[1], "100");
	assert_string_equal(own[2], "100");
	assert_int_equal(rw.compute(rw.ctx, record(&b, rows + 2, 2), own,
	    &why), CRM_RECORD_OK);
	assert_string_equal(own[0], "37.5");
	assert_string_equal(own[1], "50");
	assert_string_equal(own[2], "0");
	assert_int_equal(rw.compute(rw.ctx, record(&b, rows + 4, 2), own,
	    &why), CRM_RECORD_OK);
	assert_string_equal(own[0], "10");
	assert_int_equal(rw.compute(rw.ctx, record(&b, unmapped, 2), own,
	    &why), CRM_RECORD_BAD);
	assert_string_equal(why.msg, "column 'credit': unmapped value "
	    "\"great\"");
	done(&cfg, &w);

	/* without explain, only the score; bands alone stream */
	must_load(&cfg, &w, "criteria:\n"
	    "  - {column: x, weight: 1, points: bands,"
	    " bands: [{from: 0, points: 20}, {from: 10, points: 80}]}\n",
	    "x\n", 0);
	assert_int_equal(crm_weighted_rowwise(&w, 0, &rw, &e), 0);
	assert_false(rw.hold);
	assert_int_equal(rw.nown, 1);
	assert_int_equal(rw.compute(rw.ctx, record(&b, rows, 1), own, &why),
	    CRM_RECORD_OK);
	assert_string_equal(own[0], "80");
	done(&cfg, &w);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_minmax_higher),
		cmocka_unit_test(test_minmax_lower),
		cmocka_unit_test(test_minmax_exact_ends),
		cmocka_unit_test(test_minmax_equal),
		cmocka_unit_test(test_rank_ties_higher),
		cmocka_unit_test(test_rank_ties_lower),
		cmocka_unit_test(test_rank_tied_top),
		cmocka_unit_test(test_rank_single_and_equal),
		cmocka_unit_test(test_bands),
		cmocka_unit_test(test_map),
		cmocka_unit_test(test_map_default),
		cmocka_unit_test(test_missing_zero),
		cmocka_unit_test(test_missing_mean_minmax),
		cmocka_unit_test(test_missing_mean_rank),
		cmocka_unit_test(test_missing_mean_bands_map),
		cmocka_unit_test(test_missing_mean_all_empty),
		cmocka_unit_test(test_missing_error),
		cmocka_unit_test(test_weight_normalisation),
		cmocka_unit_test(test_load_fields),
		cmocka_unit_test(test_needs_table),
		cmocka_unit_test(test_streaming),
		cmocka_unit_test(test_decimal_comma),
		cmocka_unit_test(test_bad_values_observe),
		cmocka_unit_test(test_bad_values_score),
		cmocka_unit_test(test_observe_atomic),
		cmocka_unit_test(test_bind),
		cmocka_unit_test(test_config_errors),
		cmocka_unit_test(test_weights_too_large),
		cmocka_unit_test(test_too_many_criteria),
		cmocka_unit_test(test_rowwise),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
