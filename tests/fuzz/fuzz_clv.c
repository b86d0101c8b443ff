/*
 * fuzz_clv.c - libFuzzer harness for the customer-base models: order rows
 * (customers, days, amounts and refunds in any order) folded into
 * histories, parameters anywhere in e^-25 .. e^25, the log-likelihoods
 * a fit maximises, every customer scored, the holdout table.  Whatever the
 * input, each figure is finite and in its range or the call fails with a
 * reason, never nan or inf; the numbers written read back.
 *
 * Input: a flags byte (bit 0 Pareto/NBD, bit 1 spend, bit 2 the fit's
 * log-likelihoods too, bits 3-4 the unit), a discount byte, 7 16-bit
 * parameters (r alpha a|s b|beta p q gamma, on a log scale), then rows
 * of 4 bytes: customer (of 8), day (16 bits, of 800), amount (signed).
 * Calibration end day 500, as-of day 730.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "btydfit.h"
#include "clv.h"
#include "clvcsv.h"
#include "triples.h"
#include "value.h"

#define CAL_END		500
#define AS_OF		730

/* A figure as crm-score writes it: no nan, no inf, reads back. */
static void
check_number(double v)
{
	char buf[CRM_NUMBER_SIZE];
	double back;

	if (!isfinite(v))
		abort();
	crm_clvcsv_number(v, buf, sizeof(buf));
	if (strstr(buf, "nan") != NULL || strstr(buf, "inf") != NULL ||
	    crm_number_parse(buf, 0, &back, NULL) != CRM_VALUE_OK)
		abort();
	crm_clvcsv_exact(v, buf, sizeof(buf));
	if (strtod(buf, NULL) != v)
		abort();
}

static void
check_figures(const struct crm_clv_figures *f, int spend)
{
	if (!(f->p_alive >= 0 && f->p_alive <= 1) ||
	    !(f->expected_purchases >= 0))
		abort();
	check_number(f->p_alive);
	check_number(f->expected_purchases);
	if (spend) {
		check_number(f->expected_spend);
		check_number(f->clv);
	}
}

static double
param(const unsigned char *p)
{
	unsigned u = (unsigned)p[0] << 8 | p[1];

	return exp(u / 65535.0 * 50 - 25);
}

/*
 * The parameters given; with fit, the log-likelihood the fit would
 * maximise is evaluated at them too (the fit itself, thousands of
 * evaluations, is too slow for a fuzzer, and it only ever tries
 * parameters of this range): finite, or a failure.
 */
static void
models(struct crm_history_set *h, enum crm_unit u, const unsigned char *d,
    int fit, struct crm_btyd *m, struct crm_gg *g)
{
	struct crm_triples t;
	struct crm_history c;
	struct crm_error e;
	size_t i, bad;
	double ll;

	for (i = 0; i < CRM_BTYD_NPARAM; i++)
		m->par[i] = param(d + 2 * i);
	for (i = 0; i < CRM_GG_NPARAM; i++)
		g->par[i] = param(d + 8 + 2 * i);
	if (!fit)
		return;
	crm_triples_init(&t);
	for (i = 0; i < crm_history_count(h); i++) {
		crm_history_get(h, i, u, &c);
		if (!c.late && crm_triples_add(&t, c.x, c.t_x, c.T, 1, &e) < 0)
			abort();
		if (!c.late && c.x > 0 && c.spend > 0 &&
		    crm_gg_loglik(g, c.x, c.spend, &ll, &e) == 0 &&
		    !isfinite(ll))
			abort();
	}
	if (crm_triples_sort(&t, &e) < 0 || crm_triples_index(&t, &e) < 0)
		abort();
	if (crm_btydfit_loglik(&t, m, &ll, &bad, &e) == 0 && !isfinite(ll))
		abort();
	crm_triples_free(&t);
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct crm_clv_holdout_row rows[CRM_CLV_HOLDOUT_ROWS];
	struct crm_clv_figures fig[8];
	struct crm_history_set *h;
	struct crm_btyd m;
	struct crm_gg g;
	struct crm_error e;
	struct crm_history c;
	enum crm_unit u;
	size_t i, n;
	double d;
	int spend, fit, j;

	if (size < 16)
		return 0;
	m.model = data[0] & 1 ? CRM_PNBD : CRM_BGNBD;
	spend = (data[0] & 2) != 0;
	fit = (data[0] & 4) != 0;
	u = (enum crm_unit)((data[0] >> 3) % 3);
	d = data[1] / 255.0;
	if ((h = crm_history_new(CAL_END, AS_OF, &e)) == NULL)
		abort();
	crm_history_decimals(h, 2);
	for (i = 16; i + 4 <= size; i += 4) {
		char id[2] = { (char)('A' + data[i] % 8), 0 };
		int32_t day = ((data[i + 1] << 8) | data[i + 2]) % 800;
		/* quarters: -32.00 to 31.75, at scale 2 */
		struct crm_decimal a = { (signed char)data[i + 3] * 25, 2 };

		if (day <= AS_OF && crm_history_add(h, id, 1, day, &a,
		    a.units < 0, &e) < 0)
			abort();
	}
	n = crm_history_count(h);
	models(h, u, data + 2, fit, &m, &g);
	if (crm_clv_score_all(&m, spend ? &g : NULL, h, NULL, u, 52, d, fig,
	    &e) == 0) {
		for (i = 0; i < n; i++) {
			crm_history_get(h, i, u, &c);
			if (!c.refunds_only)
				check_figures(&fig[i], spend);
		}
		if (crm_clv_holdout(&m, h, u, rows, &e) == 0)
			for (j = 0; j < CRM_CLV_HOLDOUT_ROWS; j++) {
				check_number(rows[j].actual);
				check_number(rows[j].expected);
			}
	}
	crm_history_free(h);
	return 0;
}
