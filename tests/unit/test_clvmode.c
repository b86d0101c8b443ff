/*
 * test_clvmode.c - crm-score's model mode from records to the customer
 * table: tests/cli/cases/score-model-hand's orders (its README works the
 * figures out by hand) with its saved Pareto/NBD and Gamma-Gamma
 * parameters; the kept values of the most recent row; a customer with
 * refunds only left out, one born after the calibration end counted; a
 * bad record refused; a fit that cannot be made.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "clvcsv.h"
#include "clvmode.h"
#include "clvpartial.h"
#include "value.h"

#define MAXF	12

struct rec {
	char text[512];
	char *f[MAXF];
	size_t len[MAXF];
	struct crm_record r;
};

static const struct crm_record *
record(struct rec *b, const char *line)
{
	char *p, *comma;

	snprintf(b->text, sizeof(b->text), "%s", line);
	b->r.n = 0;
	for (p = b->text;; p = comma + 1) {
		assert_true(b->r.n < MAXF);
		b->f[b->r.n] = p;
		if ((comma = strchr(p, ',')) != NULL)
			*comma = '\0';
		b->len[b->r.n++] = strlen(p);
		if (comma == NULL)
			break;
	}
	b->r.field = b->f;
	b->r.len = b->len;
	return &b->r;
}

static const char *const orders[] = {
	"A,2024-01-01,10,north", "A,2024-01-11,20,north",
	"E,2024-02-20,10,south", "A,2024-01-31,30,north",
	"B,2024-02-09,40,west", "E,2024-01-20,10,east",
	"C,2024-03-05,8,north", "D,2024-01-15,-5,west",
	"A,2024-03-10,5,north", "E,2024-02-01,10,east",
	"E,2024-02-01,5,east"
};

/* Options as crm-score finishes them for the hand case. */
static void
options(struct crm_rfm_opts *ro, struct crm_clv_opts *co, int saved)
{
	struct crm_common c;
	struct crm_error e;

	memset(&c, 0, sizeof(c));
	c.as_of = crm_days_from_civil(2024, 3, 31);
	crm_rfm_opts_init(ro);
	assert_int_equal(crm_rfm_opts_keep(ro, "region", &e), 0);
	ro->columns = crm_clv_columns;
	ro->ncolumns = 8;
	assert_int_equal(crm_rfm_opts_finish(ro, &c, &e), 0);
	crm_clv_opts_init(co);
	co->model = CRM_PNBD;
	co->spend = 1;
	co->unit = CRM_DAYS;
	co->horizon_text = "30";
	assert_int_equal(crm_clv_opts_calibration_end(co, "2024-02-29", &e),
	    0);
	assert_int_equal(crm_clv_opts_finish(co, &c, &e), 0);
	if (saved) {
		co->params_in = "params.csv";
		co->saved.m.model = CRM_PNBD;
		co->saved.m.par[0] = 1, co->saved.m.par[1] = 10;
		co->saved.m.par[2] = 2, co->saved.m.par[3] = 10;
		co->saved.g.par[0] = 2, co->saved.g.par[1] = 3;
		co->saved.g.par[2] = 10;
	}
}

static void
start(struct crm_clvmode *cm, const struct crm_clv_opts *co,
    const struct crm_rfm_opts *ro)
{
	struct crm_header h;
	struct crm_error e;
	struct rec b;

	assert_int_equal(crm_clvmode_init(cm, co, ro, &e), 0);
	h.rec = record(&b, "customer_id,order_date,amount,region");
	h.file = "orders.csv";
	assert_int_equal(crm_clvmode_bind(cm, &h, &e), 0);
}

static void
test_hand(void **state)
{
	struct crm_rfm_opts ro;
	struct crm_clv_opts co;
	struct crm_clvmode cm;
	struct crm_csv_writer w;
	struct crm_error e;
	struct rec b;
	char *text = NULL;
	size_t i, size = 0;
	FILE *fp;

	(void)state;
	options(&ro, &co, 1);
	start(&cm, &co, &ro);
	for (i = 0; i < sizeof(orders) / sizeof(orders[0]); i++)
		assert_int_equal(crm_clvmode_row(&cm, record(&b, orders[i]),
		    &e), CRM_RECORD_OK);
	assert_int_equal(crm_clvmode_fit(&cm, &e), 0);
	assert_false(cm.fitted);
	assert_int_equal(crm_clvmode_score(&cm, &e), 0);
	assert_int_equal(cm.late, 1);
	assert_int_equal(cm.refunds_only, 1);
	assert_int_equal(crm_clvmode_refunds(&cm), 1);
	assert_non_null(fp = open_memstream(&text, &size));
	crm_csv_writer_init(&w, fp, ',');
	crm_clvcsv_write_figures(&cm, &w);
	fclose(fp);
	assert_string_equal(text, "customer_id,region,x,t_x,T,p_alive,"
	    "expected_purchases,avg_spend,expected_spend,clv\n"
	    "A,north,2,30,59,0.149042,0.135493,25,20,2.70986\n"
	    "B,west,0,0,20,0.0545455,0.0272727,0,10,0.272727\n"
	    "C,north,0,0,0,1,0.75,0,10,7.5\n"
	    "E,south,2,31,40,0.59562,0.670072,12.5,11.6667,7.81751\n");
	free(text);
	crm_clvmode_free(&cm);
	crm_rfm_opts_free(&ro);
}

/*
 * The region kept: the most recent row's, and of rows on one date the
 * one that sorts last ("south" after "north"), in either order.
 */
static void
test_kept_on_one_date(void **state)
{
	static const char *const rows[] = {
		"A,2024-02-01,10,north", "A,2024-01-01,10,west",
		"A,2024-02-01,5,south"
	};
	struct crm_rfm_opts ro;
	struct crm_clv_opts co;
	struct crm_clvmode cm;
	struct crm_error e;
	struct rec b;
	size_t i;
	int dir;

	(void)state;
	options(&ro, &co, 0);
	for (dir = 0; dir < 2; dir++) {
		start(&cm, &co, &ro);
		for (i = 0; i < 3; i++)
			assert_int_equal(crm_clvmode_row(&cm, record(&b,
			    rows[dir ? 2 - i : i]), &e), CRM_RECORD_OK);
		assert_string_equal(crm_kept_get(&cm.kept, 0, 0), "south");
		crm_clvmode_free(&cm);
	}
	crm_rfm_opts_free(&ro);
}

static void
test_refusals(void **state)
{
	struct crm_rfm_opts ro;
	struct crm_clv_opts co;
	struct crm_clvmode cm;
	struct crm_error e;
	struct rec b;
	char line[512];
	int n;

	(void)state;
	options(&ro, &co, 0);
	start(&cm, &co, &ro);
	/*
	 * 1e308: a number, but of more than 38 digits, read exactly or not
	 * at all (orderrow.h), in model mode as in RFM mode
	 */
	n = snprintf(line, sizeof(line), "A,2024-01-02,1");
	memset(line + n, '0', 308);
	snprintf(line + n + 308, sizeof(line) - n - 308, ",north");
	assert_int_equal(crm_clvmode_row(&cm, record(&b, line), &e),
	    CRM_RECORD_BAD);
	assert_string_equal(e.msg, "column 'amount': number \"1000000000000"
	    "000000000000000000000000000...\" has more than 38 digits: too "
	    "long to add up exactly");
	/* two purchases of 6 * 10^37: their sum would have 39 digits */
	n = snprintf(line, sizeof(line), "A,2024-01-02,6");
	memset(line + n, '0', 37);
	snprintf(line + n + 37, sizeof(line) - n - 37, ",north");
	assert_int_equal(crm_clvmode_row(&cm, record(&b, line), &e),
	    CRM_RECORD_OK);
	assert_int_equal(crm_clvmode_row(&cm, record(&b, line), &e),
	    CRM_RECORD_BAD);
	assert_string_equal(e.msg, "column 'amount': the values add up to "
	    "more than 38 digits (decimals: 0): too large to sum exactly");
	assert_int_equal(crm_clvmode_row(&cm, record(&b,
	    ",2024-01-02,1,x"), &e), CRM_RECORD_BAD);
	assert_string_equal(e.msg, "column 'customer_id': empty customer id");
	assert_int_equal(crm_clvmode_row(&cm, record(&b,
	    "B,2024-01-02,5,x"), &e), CRM_RECORD_OK);
	assert_int_equal(crm_clvmode_fit(&cm, &e), -1);
	assert_true(cm.fitted);
	assert_string_equal(e.msg, "no repeat purchase in the calibration "
	    "period: the model cannot be fitted");
	crm_clvmode_free(&cm);
	crm_rfm_opts_free(&ro);
}

/*
 * The refund rule of orderrow.h in model mode: Z's only row, a quantity
 * of -1 at price 0.00, is a refund (no history); Y's -2 at 2.50 is one
 * too; Y's 1 at 0.00 is a purchase (its birth, 2024-01-05) and 2 at 2.50
 * a repeat purchase on 2024-01-20: x = 1, t_x = 15 days, T = 55 days
 * (to 2024-02-29), spend 5.
 */
static void
test_refund_at_price_zero(void **state)
{
	static const char *const rows[] = {
		"Z,2024-01-05,0.00,-1,north", "Y,2024-01-05,0.00,1,north",
		"Y,2024-01-10,2.50,-2,north", "Y,2024-01-20,2.50,2,north"
	};
	struct crm_rfm_opts ro;
	struct crm_clv_opts co;
	struct crm_clvmode cm;
	struct crm_history c;
	struct crm_header h;
	struct crm_error e;
	struct rec b;
	size_t i;

	(void)state;
	options(&ro, &co, 0);
	ro.quantity = "qty";
	assert_int_equal(crm_clvmode_init(&cm, &co, &ro, &e), 0);
	h.rec = record(&b, "customer_id,order_date,amount,qty,region");
	h.file = "orders.csv";
	assert_int_equal(crm_clvmode_bind(&cm, &h, &e), 0);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		assert_int_equal(crm_clvmode_row(&cm, record(&b, rows[i]),
		    &e), CRM_RECORD_OK);
	assert_int_equal(crm_clvmode_refunds(&cm), 2);
	crm_history_get(cm.h, 0, CRM_DAYS, &c);
	assert_true(c.refunds_only);
	crm_history_get(cm.h, 1, CRM_DAYS, &c);
	assert_false(c.refunds_only);
	assert_int_equal(c.x, 1);
	assert_true(c.t_x == 15 && c.T == 55 && c.spend == 5);
	crm_clvmode_free(&cm);
	crm_rfm_opts_free(&ro);
}

/* cm's partial state as text (malloc'd). */
static char *
partial_text(const struct crm_clvmode *cm)
{
	struct crm_csv_writer w;
	char *text = NULL;
	size_t size = 0;
	FILE *fp = open_memstream(&text, &size);

	assert_non_null(fp);
	crm_csv_writer_init(&w, fp, ',');
	crm_clvmode_write_partial(cm, &w);
	assert_int_equal(fclose(fp), 0);
	return text;
}

/*
 * Merges the lines of text (no quotes in it) into cm: all (days < 0),
 * the crm1.day rows alone (days > 0) or the others (days == 0).
 */
static void
merge_lines(struct crm_clvmode *cm, const char *text, int days)
{
	struct crm_error e;
	struct rec b;
	const char *p = text, *nl;
	char line[512];

	for (; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
		assert_true((size_t)(nl - p) < sizeof(line));
		memcpy(line, p, (size_t)(nl - p));
		line[nl - p] = '\0';
		if (days >= 0 && (strstr(line, ",crm1.day,") != NULL) !=
		    (days > 0))
			continue;
		if (crm_clvmode_merge_row(cm, record(&b, line), &e) !=
		    CRM_RECORD_OK)
			fail_msg("%s: %s", line, e.msg);
	}
}

/*
 * The hand case's orders in two parts (rows 1-6 and 7-11), their partial
 * state cut into two combiners by lines, not by customer: the crm1.day
 * rows to one (A's 01-11, between its 01-01 and 01-31: A comes to it as
 * a day alone), the others to the other; merged again, the figures are
 * test_hand's, worked out by hand in score-model-hand's README.
 */
static void
test_partial_split(void **state)
{
	struct crm_rfm_opts ro;
	struct crm_clv_opts co;
	struct crm_clvmode part[2], comb[2], cm;
	struct crm_csv_writer w;
	struct crm_error e;
	struct rec b;
	char *text[2], *all, *ctext[2], *out = NULL;
	size_t i, k, size = 0;
	FILE *fp;

	(void)state;
	options(&ro, &co, 1);
	for (k = 0; k < 2; k++) {
		start(&part[k], &co, &ro);
		for (i = k ? 6 : 0; i < (k ? sizeof(orders) /
		    sizeof(orders[0]) : 6); i++)
			assert_int_equal(crm_clvmode_row(&part[k], record(&b,
			    orders[i]), &e), CRM_RECORD_OK);
		text[k] = partial_text(&part[k]);
		crm_clvmode_free(&part[k]);
	}
	assert_non_null(all = malloc(strlen(text[0]) + strlen(text[1]) + 1));
	strcpy(all, text[1]);
	strcat(all, text[0]);
	for (k = 0; k < 2; k++) {
		assert_int_equal(crm_clvmode_init(&comb[k], &co, &ro, &e), 0);
		merge_lines(&comb[k], all, (int)k);
		ctext[k] = partial_text(&comb[k]);
		crm_clvmode_free(&comb[k]);
	}
	assert_int_equal(crm_clvmode_init(&cm, &co, &ro, &e), 0);
	assert_non_null(strstr(ctext[1], "\nA,crm1.model,"));
	merge_lines(&cm, ctext[1], -1);
	merge_lines(&cm, ctext[0], -1);
	assert_int_equal(crm_clvmode_fit(&cm, &e), 0);
	assert_int_equal(crm_clvmode_score(&cm, &e), 0);
	assert_int_equal(cm.late, 1);
	assert_int_equal(cm.refunds_only, 1);
	assert_non_null(fp = open_memstream(&out, &size));
	crm_csv_writer_init(&w, fp, ',');
	crm_clvcsv_write_figures(&cm, &w);
	fclose(fp);
	assert_string_equal(out, "customer_id,region,x,t_x,T,p_alive,"
	    "expected_purchases,avg_spend,expected_spend,clv\n"
	    "A,north,2,30,59,0.149042,0.135493,25,20,2.70986\n"
	    "B,west,0,0,20,0.0545455,0.0272727,0,10,0.272727\n"
	    "C,north,0,0,0,1,0.75,0,10,7.5\n"
	    "E,south,2,31,40,0.59562,0.670072,12.5,11.6667,7.81751\n");
	free(out);
	for (k = 0; k < 2; k++) {
		free(text[k]);
		free(ctext[k]);
	}
	free(all);
	crm_clvmode_free(&cm);
	crm_rfm_opts_free(&ro);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hand),
		cmocka_unit_test(test_partial_split),
		cmocka_unit_test(test_kept_on_one_date),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_refund_at_price_zero),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
