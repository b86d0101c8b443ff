/*
 * test_clvopts.c - the options of crm-score's model mode: each value
 * read or refused with its message, the defaults (the horizon is 364
 * days in any unit: 52 weeks, 364 / 30.4375 months), and the checks of
 * crm_clv_opts_finish.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <math.h>
#include <string.h>
#include <cmocka.h>

#include "clvopts.h"
#include "value.h"

static void
test_values(void **state)
{
	struct crm_clv_opts o;
	struct crm_error e;

	(void)state;
	crm_clv_opts_init(&o);
	assert_int_equal(o.model, -1);
	assert_int_equal(crm_clv_opts_model(&o, "pnbd", &e), 0);
	assert_int_equal(o.model, CRM_PNBD);
	assert_int_equal(crm_clv_opts_model(&o, "bgnbd", &e), 0);
	assert_int_equal(o.model, CRM_BGNBD);
	assert_int_equal(crm_clv_opts_model(&o, "BGNBD", &e), -1);
	assert_int_equal(e.status, CRM_EXIT_USAGE);
	assert_string_equal(e.msg,
	    "invalid --model \"BGNBD\": expected bgnbd or pnbd");
	assert_int_equal(crm_clv_opts_spend(&o, "gamma-gamma", &e), 0);
	assert_true(o.spend);
	assert_int_equal(crm_clv_opts_spend(&o, "gg", &e), -1);
	assert_int_equal(crm_clv_opts_unit(&o, "month", &e), 0);
	assert_int_equal(o.unit, CRM_MONTHS);
	assert_int_equal(crm_clv_opts_unit(&o, "days", &e), -1);
	assert_string_equal(e.msg,
	    "invalid --unit \"days\": expected day, week or month");
	assert_int_equal(crm_clv_opts_calibration_end(&o, "19970930", &e), 0);
	assert_int_equal(o.cal_end, crm_days_from_civil(1997, 9, 30));
	assert_int_equal(crm_clv_opts_calibration_end(&o, "1997-02-30", &e),
	    -1);
	assert_int_equal(crm_clv_opts_discount(&o, "0.01", &e), 0);
	assert_true(o.discount == 0.01);
	assert_int_equal(crm_clv_opts_discount(&o, "1", &e), 0);
	assert_int_equal(crm_clv_opts_discount(&o, "1.01", &e), -1);
	assert_int_equal(crm_clv_opts_discount(&o, "nan", &e), -1);
	assert_string_equal(crm_clv_unit_name(CRM_WEEKS, 1), "weeks");
	assert_string_equal(crm_clv_unit_name(CRM_DAYS, 0), "day");
}

static void
finish(struct crm_clv_opts *o, int rc, struct crm_error *e)
{
	struct crm_common c;

	memset(&c, 0, sizeof(c));
	c.as_of = crm_days_from_civil(1998, 6, 30);
	assert_int_equal(crm_clv_opts_finish(o, &c, e), rc);
}

static void
test_defaults(void **state)
{
	struct crm_clv_opts o;
	struct crm_error e;

	(void)state;
	crm_clv_opts_init(&o);
	o.model = CRM_BGNBD;
	finish(&o, 0, &e);
	assert_int_equal(o.unit, CRM_WEEKS);
	assert_true(o.horizon == 52);
	assert_int_equal(o.cal_end, crm_days_from_civil(1998, 6, 30));
	crm_clv_opts_init(&o);
	o.unit = CRM_MONTHS;
	finish(&o, 0, &e);
	assert_true(fabs(o.horizon - 364 / 30.4375) < 1e-15);
	crm_clv_opts_init(&o);
	o.unit = CRM_DAYS;
	o.horizon_text = "730";
	finish(&o, 0, &e);
	assert_true(o.horizon == 730);
}

static void
test_checks(void **state)
{
	struct crm_clv_opts o;
	struct crm_error e;

	(void)state;
	crm_clv_opts_init(&o);
	o.horizon_text = "5218";	/* floor(100 * 365.25 / 7) = 5217 */
	finish(&o, -1, &e);
	assert_string_equal(e.msg, "invalid --horizon \"5218\": expected a "
	    "whole number of weeks from 1 to 5217");
	crm_clv_opts_init(&o);
	assert_int_equal(crm_clv_opts_calibration_end(&o, "1998-07-01", &e),
	    0);
	finish(&o, -1, &e);
	assert_string_equal(e.msg, "--calibration-end 1998-07-01 is after "
	    "the as-of date 1998-06-30");
	crm_clv_opts_init(&o);
	o.holdout = "h.csv";
	finish(&o, -1, &e);
	assert_string_equal(e.msg, "--holdout needs a holdout period: a "
	    "--calibration-end before the as-of date 1998-06-30");
	assert_int_equal(crm_clv_opts_calibration_end(&o, "1997-09-30", &e),
	    0);
	finish(&o, 0, &e);
	crm_clv_opts_init(&o);
	o.params = "p.csv";
	o.params_in = "p.csv";
	finish(&o, -1, &e);
	assert_int_equal(e.status, CRM_EXIT_USAGE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_checks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
