/*
 * test_rfmopts.c - the RFM options and the `rfm:` config section: each
 * option value and its message, each config error at its FILE:LINE:COLUMN
 * (counted by hand in the YAML beside it: lines and columns from 1, the
 * column of the node's first character), the command line winning over
 * the config, the defaults, and --keep columns that would clash.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "config.h"
#include "rfmopts.h"

typedef int (*option_fn)(struct crm_rfm_opts *, const char *,
    struct crm_error *);

/* The option refuses text with status 2 and the message want. */
/* Whether d is units / 10^scale. */
static int
is(const struct crm_decimal *d, long long units, int scale)
{
	return d->units == units && d->scale == scale;
}

static void
refused(option_fn fn, const char *text, const char *want)
{
	struct crm_rfm_opts o;
	struct crm_error e;

	crm_rfm_opts_init(&o);
	memset(&e, 0, sizeof(e));
	assert_int_equal(fn(&o, text, &e), -1);
	assert_int_equal(e.status, CRM_EXIT_USAGE);
	assert_string_equal(e.msg, want);
	crm_rfm_opts_free(&o);
}

static void
test_option_values(void **state)
{
	struct crm_rfm_opts o;
	struct crm_error e;

	(void)state;
	crm_rfm_opts_init(&o);
	assert_int_equal(o.bins, 0);
	assert_int_equal(o.binning, -1);
	assert_int_equal(o.monetary_mean, -1);
	assert_int_equal(crm_rfm_opts_bins(&o, "9", &e), 0);
	assert_int_equal(o.bins, 9);
	assert_int_equal(crm_rfm_opts_binning(&o, "r-rfm", &e), 0);
	assert_int_equal(o.binning, CRM_SCALE_R_RFM);
	assert_int_equal(crm_rfm_opts_monetary(&o, "mean", &e), 0);
	assert_int_equal(o.monetary_mean, 1);
	assert_int_equal(crm_rfm_opts_weights(&o, "1,0,2.5", &e), 0);
	assert_true(o.weights_given);
	assert_true(is(&o.weight[CRM_R], 1, 0) && is(&o.weight[CRM_F], 0, 0) &&
	    is(&o.weight[CRM_M], 25, 1));
	/* a second --keep replaces the first */
	assert_int_equal(crm_rfm_opts_keep(&o, "x", &e), 0);
	assert_int_equal(crm_rfm_opts_keep(&o, "name,owner", &e), 0);
	assert_int_equal(o.nkeep, 2);
	assert_string_equal(o.keep[0], "name");
	assert_string_equal(o.keep[1], "owner");
	crm_rfm_opts_free(&o);
}

static void
test_option_errors(void **state)
{
	char many[200];
	int i, n = 0;

	(void)state;
	refused(crm_rfm_opts_bins, "1",
	    "invalid --bins \"1\": expected a whole number from 2 to 9");
	refused(crm_rfm_opts_bins, "99999999999",
	    "invalid --bins \"99999999999\": expected a whole number from 2 "
	    "to 9");
	refused(crm_rfm_opts_binning, "median",
	    "invalid binning \"median\": expected quantile or r-rfm");
	refused(crm_rfm_opts_monetary, "max",
	    "invalid monetary \"max\": expected sum or mean");
	refused(crm_rfm_opts_weights, "1,2",
	    "invalid --weights \"1,2\": expected three numbers R,F,M, none "
	    "negative");
	refused(crm_rfm_opts_weights, "1,2,3,4",
	    "invalid --weights \"1,2,3,4\": expected three numbers R,F,M, "
	    "none negative");
	refused(crm_rfm_opts_weights, "1,-2,3",
	    "invalid --weights \"1,-2,3\": expected three numbers R,F,M, "
	    "none negative");
	refused(crm_rfm_opts_keep, "a,,b", "invalid --keep list: expected "
	    "1 to 64 names separated by commas");
	refused(crm_rfm_opts_keep, "", "invalid --keep list: expected "
	    "1 to 64 names separated by commas");
	/* 65 names, one too many */
	for (i = 0; i < 65; i++)
		n += snprintf(many + n, sizeof(many) - (size_t)n, "%s%c",
		    i ? "," : "", 'a' + i % 26);
	refused(crm_rfm_opts_keep, many, "invalid --keep list: expected "
	    "1 to 64 names separated by commas");
}

/* Loads the rfm: section of text into o; returns what the loader did. */
static int
load(struct crm_rfm_opts *o, const char *text, struct crm_error *e)
{
	struct crm_config cfg;
	int rc;

	memset(e, 0, sizeof(*e));
	assert_int_equal(crm_config_load_string(&cfg, "score.yaml", text,
	    strlen(text), e), 0);
	rc = crm_rfm_config(o, &cfg, crm_config_get(&cfg,
	    crm_config_root(&cfg), "rfm"), e);
	crm_config_free(&cfg);
	return rc;
}

/* text's rfm: section fails at line:column with the message want. */
static void
config_error(const char *text, long line, long column, const char *want)
{
	struct crm_rfm_opts o;
	struct crm_error e;

	crm_rfm_opts_init(&o);
	assert_int_equal(load(&o, text, &e), -1);
	assert_int_equal(e.status, CRM_EXIT_USAGE);
	assert_string_equal(e.file, "score.yaml");
	assert_string_equal(e.msg, want);
	assert_int_equal(e.line, line);
	assert_int_equal(e.column, column);
}

static void
test_config_errors(void **state)
{
	(void)state;
	/* "  bins: 12": the value starts in column 9 */
	config_error("rfm:\n  bins: 12\n", 2, 9, "bins must be from 2 to 9");
	config_error("rfm:\n  bins: 2.5\n", 2, 9,
	    "expected a whole number, got \"2.5\"");
	/* "  binning: median": column 12 */
	config_error("rfm:\n  binning: median\n", 2, 12,
	    "invalid binning \"median\": expected quantile or r-rfm");
	/* "  monetary: max": column 13 */
	config_error("rfm:\n  monetary: max\n", 2, 13,
	    "invalid monetary \"max\": expected sum or mean");
	/* the key itself, in column 3 of line 3 */
	config_error("rfm:\n  bins: 3\n  colour: red\n", 3, 3,
	    "unknown key 'colour'");
	config_error("rfm: 5\n", 1, 6, "expected a mapping, got \"5\"");
	/* "    recency: [30, 10]": the list starts in column 14 */
	config_error("rfm:\n  breaks:\n    recency: [30, 10]\n", 3, 14,
	    "cut points must not decrease");
	/* "    frequency: []": column 16 */
	config_error("rfm:\n  breaks:\n    frequency: []\n", 3, 16,
	    "expected 1 to 8 cut points");
	config_error("rfm:\n  breaks:\n    monetary: [1,2,3,4,5,6,7,8,9]\n",
	    3, 15, "expected 1 to 8 cut points");
	/* the second item of "    monetary: [1, x]" is in column 19 */
	config_error("rfm:\n  breaks:\n    monetary: [1, x]\n", 3, 19,
	    "expected a number, got \"x\"");
	config_error("rfm:\n  breaks:\n    speed: [1]\n", 3, 5,
	    "unknown key 'speed'");
	/* "    monetary: -1": column 15 */
	config_error("rfm:\n  weights:\n    monetary: -1\n", 3, 15,
	    "a weight cannot be negative");
	config_error("rfm:\n  weights: [1, 2, 3]\n", 2, 12,
	    "expected a mapping, got a list");
}

/* The config fills what the command line left unset, and only that. */
static void
test_config_and_command_line(void **state)
{
	static const char text[] = "rfm:\n"
	    "  bins: 4\n"
	    "  binning: r-rfm\n"
	    "  monetary: mean\n"
	    "  breaks:\n"
	    "    recency: [30, 90]\n"
	    "  weights: {recency: 2, monetary: 1}\n";
	struct crm_rfm_opts o;
	struct crm_error e;

	(void)state;
	crm_rfm_opts_init(&o);
	assert_int_equal(load(&o, text, &e), 0);
	assert_int_equal(o.bins, 4);
	assert_int_equal(o.binning, CRM_SCALE_R_RFM);
	assert_int_equal(o.monetary_mean, 1);
	/* breaks: recency only, lower is better, 3 bins from 2 cuts */
	assert_true(o.has_fixed[CRM_R]);
	assert_false(o.has_fixed[CRM_F] || o.has_fixed[CRM_M]);
	assert_int_equal(o.fixed[CRM_R].bins, 3);
	assert_true(o.fixed[CRM_R].lower_is_better);
	assert_true(o.fixed[CRM_R].cut[0] == 30 &&
	    o.fixed[CRM_R].cut[1] == 90);
	/* weights: frequency not named, so 0 */
	assert_true(o.weights_given);
	assert_true(is(&o.weight[CRM_R], 2, 0) && is(&o.weight[CRM_F], 0, 0) &&
	    is(&o.weight[CRM_M], 1, 0));

	crm_rfm_opts_init(&o);
	assert_int_equal(crm_rfm_opts_bins(&o, "3", &e), 0);
	assert_int_equal(crm_rfm_opts_binning(&o, "quantile", &e), 0);
	assert_int_equal(crm_rfm_opts_monetary(&o, "sum", &e), 0);
	assert_int_equal(crm_rfm_opts_weights(&o, "1,1,1", &e), 0);
	assert_int_equal(load(&o, text, &e), 0);
	assert_int_equal(o.bins, 3);
	assert_int_equal(o.binning, CRM_SCALE_QUANTILE);
	assert_int_equal(o.monetary_mean, 0);
	assert_true(is(&o.weight[CRM_R], 1, 0) && is(&o.weight[CRM_F], 1, 0) &&
	    is(&o.weight[CRM_M], 1, 0));
	/* a broken config is an error even where an option overrides it */
	assert_int_equal(load(&o, "rfm:\n  bins: 1\n", &e), -1);
}

static void
test_finish_defaults(void **state)
{
	struct crm_rfm_opts o;
	struct crm_common c;
	struct crm_error e;

	(void)state;
	memset(&c, 0, sizeof(c));
	c.as_of = 20000;
	c.date_format = "%d.%m.%Y";
	c.decimal_comma = 1;
	crm_rfm_opts_init(&o);
	o.id = "kunde";
	assert_int_equal(crm_rfm_opts_finish(&o, &c, &e), 0);
	assert_string_equal(o.id, "kunde");
	assert_string_equal(o.date, "order_date");
	assert_string_equal(o.amount, "amount");
	assert_null(o.quantity);
	assert_null(o.order);
	assert_int_equal(o.bins, 5);
	assert_int_equal(o.binning, CRM_SCALE_QUANTILE);
	assert_int_equal(o.monetary_mean, 0);
	assert_false(o.weights_given);
	assert_int_equal(o.as_of, 20000);
	assert_string_equal(o.date_format, "%d.%m.%Y");
	assert_int_equal(o.decimal_comma, 1);
}

/* --keep LIST must not name the id, an RFM column or a column twice. */
static void
test_keep_clash(void **state)
{
	static const struct {
		const char *id, *keep, *twice;
	} t[] = {
		{ NULL, "name,customer_id", "customer_id" },
		{ "CustomerID", "CustomerID", "CustomerID" },
		{ NULL, "name,rfm_score", "rfm_score" },
		{ NULL, "first_order", "first_order" },
		{ NULL, "name,owner,name", "name" },
	};
	struct crm_rfm_opts o;
	struct crm_common c;
	struct crm_error e;
	char want[128];
	size_t i;

	(void)state;
	memset(&c, 0, sizeof(c));
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		crm_rfm_opts_init(&o);
		o.id = t[i].id;
		assert_int_equal(crm_rfm_opts_keep(&o, t[i].keep, &e), 0);
		assert_int_equal(crm_rfm_opts_finish(&o, &c, &e), -1);
		assert_int_equal(e.status, CRM_EXIT_USAGE);
		snprintf(want, sizeof(want), "--keep %s: the column would "
		    "appear twice in the output", t[i].twice);
		assert_string_equal(e.msg, want);
		crm_rfm_opts_free(&o);
	}
	/* the customer_id of a renamed id is an ordinary column */
	crm_rfm_opts_init(&o);
	o.id = "CustomerID";
	assert_int_equal(crm_rfm_opts_keep(&o, "customer_id,Country", &e), 0);
	assert_int_equal(crm_rfm_opts_finish(&o, &c, &e), 0);
	crm_rfm_opts_free(&o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_option_values),
		cmocka_unit_test(test_option_errors),
		cmocka_unit_test(test_config_errors),
		cmocka_unit_test(test_config_and_command_line),
		cmocka_unit_test(test_finish_defaults),
		cmocka_unit_test(test_keep_clash),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
