/*
 * clvstages.c - where crm-score --model spends its time, stage by stage,
 * on an orders file: the summary pass (CSV read, each row folded into its
 * customer's history), the fits (BG/NBD, Pareto/NBD, Gamma-Gamma, each
 * with its standard errors) and the scoring of every customer, timed
 * with CLOCK_MONOTONIC around calls into libcrm.a, the same code as the
 * program's.  Also the memory of the purchase-day set (history.h).
 * Built and run by bench/run.sh:
 *
 *   clvstages FILE ID DATE AMOUNT CAL_END AS_OF
 *
 * Prints Markdown table rows.  Rows whose date or amount does not read
 * are skipped (the generated files have none).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>

#include "clv.h"
#include "csvio.h"
#include "table.h"
#include "value.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
die(const struct crm_error *e)
{
	fprintf(stderr, "clvstages: %s\n", e->msg);
	exit(1);
}

/* The summary pass: every row into the histories.  Returns the rows. */
static long
summary(struct crm_history_set *h, const char *path, char **col)
{
	struct crm_csv_options opt = { ',', 0, NULL };
	struct crm_csv_reader *r;
	struct crm_record *rec;
	struct crm_header hd;
	struct crm_error e;
	long c[3], rows = 0, added;
	int32_t d;
	struct crm_decimal a;
	int k, dec = 0, got;
	FILE *fp = fopen(path, "rb");

	if (fp == NULL || (r = crm_csv_open(fp, path, &opt, &e)) == NULL) {
		fprintf(stderr, "clvstages: cannot read %s\n", path);
		exit(1);
	}
	hd.rec = crm_csv_header(r);
	hd.file = path;
	for (k = 0; k < 3; k++)
		if (crm_header_require(&hd, col[k], &c[k], &e) < 0)
			die(&e);
	while ((got = crm_csv_read(r, &rec, &e)) != CRM_CSV_END) {
		if (got == CRM_CSV_FATAL)
			die(&e);
		if (got != CRM_CSV_RECORD ||
		    crm_date_parse(rec->field[c[1]], NULL, &d) ||
		    crm_decimal_parse(rec->field[c[2]], 0, &a, &k))
			continue;
		dec = k > dec ? k : dec;
		/* too large to sum: skipped as an unreadable amount is */
		if ((added = crm_history_add(h, rec->field[c[0]],
		    rec->len[c[0]], d, &a, a.units < 0, &e)) ==
		    CRM_HISTORY_TOO_LARGE)
			continue;
		if (added < 0)
			die(&e);
		rows++;
	}
	crm_history_decimals(h, dec);
	crm_csv_close(r);
	fclose(fp);
	return rows;
}

static void
row(const char *what, double t0, double t1, const char *more)
{
	printf("| %s | %.3f | %s |\n", what, t1 - t0, more);
}

int
main(int argc, char **argv)
{
	struct crm_history_set *h;
	struct crm_clv_estimate est;
	struct crm_clv_figures *fig;
	struct crm_btyd bg = { CRM_BGNBD, { 0 } }, pn = { CRM_PNBD, { 0 } };
	struct crm_gg g;
	struct crm_error e;
	struct rusage ru;
	int32_t cal_end, as_of;
	char more[256];
	double t0, t1;
	long rows;
	size_t n, pairs;

	if (argc != 7 || crm_date_parse(argv[5], NULL, &cal_end) ||
	    crm_date_parse(argv[6], NULL, &as_of)) {
		fprintf(stderr, "usage: clvstages FILE ID DATE AMOUNT CAL_END "
		    "AS_OF\n");
		return 2;
	}
	if ((h = crm_history_new(cal_end, as_of, &e)) == NULL)
		die(&e);
	t0 = now();
	rows = summary(h, argv[1], argv + 2);
	t1 = now();
	n = crm_history_count(h);
	pairs = crm_history_day_pairs(h);
	snprintf(more, sizeof(more), "%ld rows, %zu customers; %zu purchase "
	    "days inside first and last, %.1f MB of set (%.1f bytes a day)",
	    rows, n, pairs, crm_history_day_bytes(h) / 1048576.0,
	    pairs ? (double)crm_history_day_bytes(h) / pairs : 0);
	row("summary pass (read, fold into histories)", t0, t1, more);
	t0 = now();
	if (crm_clv_fit_purchases(h, CRM_WEEKS, &bg, &est, &e) < 0)
		die(&e);
	t1 = now();
	snprintf(more, sizeof(more), "%ld iterations%s", est.iterations,
	    est.have_se ? "" : "; no standard errors");
	row("BG/NBD fit, with standard errors", t0, t1, more);
	t0 = now();
	if (crm_clv_fit_purchases(h, CRM_WEEKS, &pn, &est, &e) < 0)
		die(&e);
	t1 = now();
	snprintf(more, sizeof(more), "%ld iterations%s", est.iterations,
	    est.have_se ? "" : "; no standard errors");
	row("Pareto/NBD fit, with standard errors", t0, t1, more);
	t0 = now();
	if (crm_clv_fit_spend(h, CRM_WEEKS, &g, &est, &e) < 0)
		die(&e);
	t1 = now();
	snprintf(more, sizeof(more), "%ld iterations, %.0f repeat buyers",
	    est.iterations, est.customers);
	row("Gamma-Gamma fit, with standard errors", t0, t1, more);
	if ((fig = malloc((n ? n : 1) * sizeof(*fig))) == NULL)
		return 1;
	t0 = now();
	if (crm_clv_score_all(&bg, &g, h, NULL, CRM_WEEKS, 52, 0, fig, &e) < 0)
		die(&e);
	t1 = now();
	row("BG/NBD and Gamma-Gamma scoring, 52 weeks", t0, t1, "");
	t0 = now();
	if (crm_clv_score_all(&pn, &g, h, NULL, CRM_WEEKS, 52, 0, fig, &e) < 0)
		die(&e);
	t1 = now();
	row("Pareto/NBD and Gamma-Gamma scoring, 52 weeks", t0, t1, "");
	t0 = now();
	if (crm_clv_score_all(&bg, &g, h, NULL, CRM_WEEKS, 52, 0.002, fig,
	    &e) < 0)
		die(&e);
	t1 = now();
	row("BG/NBD scoring, discounted week by week", t0, t1, "");
	getrusage(RUSAGE_SELF, &ru);
	snprintf(more, sizeof(more), "peak RSS %.1f MB", ru.ru_maxrss / 1024.0);
	row("(all of the above)", 0, 0, more);
	free(fig);
	crm_history_free(h);
	return 0;
}
