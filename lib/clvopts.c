/*
 * clvopts.c - the options of crm-score's model mode (see clvopts.h).
 */
#include <math.h>
#include <string.h>

#include "clvopts.h"
#include "history.h"
#include "value.h"

void
crm_clv_opts_init(struct crm_clv_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->model = -1;
	o->unit = -1;
}

const char *
crm_clv_unit_name(enum crm_unit u, int plural)
{
	static const char *const name[2][3] = {
		{ "day", "week", "month" }, { "days", "weeks", "months" }
	};

	return name[plural != 0][u == CRM_WEEKS ? 1 : u == CRM_MONTHS ? 2 :
	    0];
}

int
crm_clv_opts_model(struct crm_clv_opts *o, const char *text,
    struct crm_error *e)
{
	if (strcmp(text, "bgnbd") == 0)
		o->model = CRM_BGNBD;
	else if (strcmp(text, "pnbd") == 0)
		o->model = CRM_PNBD;
	else
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "invalid --model \"%s\": expected bgnbd or pnbd", text);
	return 0;
}

int
crm_clv_opts_spend(struct crm_clv_opts *o, const char *text,
    struct crm_error *e)
{
	if (strcmp(text, "gamma-gamma") != 0)
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "invalid --spend \"%s\": expected gamma-gamma", text);
	o->spend = 1;
	return 0;
}

int
crm_clv_opts_unit(struct crm_clv_opts *o, const char *text,
    struct crm_error *e)
{
	enum crm_unit u;

	for (u = CRM_DAYS; u <= CRM_MONTHS; u++)
		if (strcmp(text, crm_clv_unit_name(u, 0)) == 0) {
			o->unit = (int)u;
			return 0;
		}
	return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
	    "invalid --unit \"%s\": expected day, week or month", text);
}

int
crm_clv_opts_calibration_end(struct crm_clv_opts *o, const char *text,
    struct crm_error *e)
{
	if (crm_date_parse(text, NULL, &o->cal_end) != CRM_VALUE_OK)
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "invalid --calibration-end date \"%s\": expected "
		    "YYYY-MM-DD", text);
	o->cal_end_given = 1;
	return 0;
}

int
crm_clv_opts_discount(struct crm_clv_opts *o, const char *text,
    struct crm_error *e)
{
	if (crm_number_parse(text, 0, &o->discount, NULL) != CRM_VALUE_OK ||
	    !(o->discount >= 0 && o->discount <= 1))
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "invalid --discount \"%s\": expected a rate per unit "
		    "from 0 to 1 (0.01 is 1%%)", text);
	return 0;
}

/* The unit: the saved parameters', unless --unit says another. */
static int
finish_unit(struct crm_clv_opts *o, struct crm_error *e)
{
	const struct crm_clv_params *s = &o->saved;
	enum crm_unit u;
	int saved = -1;

	for (u = CRM_DAYS; u <= CRM_MONTHS; u++)
		if (s->unit_days == crm_history_unit_days(u))
			saved = (int)u;
	if (o->unit < 0)
		o->unit = saved >= 0 ? saved : CRM_WEEKS;
	if (saved >= 0 && o->unit != saved)
		return crm_error_set(e, CRM_EXIT_USAGE, o->params_in,
		    s->unit_line, 0, "the parameters are per %s "
		    "(unit_days %g), not per %s: score with --unit %s",
		    crm_clv_unit_name(saved, 0), s->unit_days,
		    crm_clv_unit_name(o->unit, 0),
		    crm_clv_unit_name(saved, 0));
	return 0;
}

static int
finish_horizon(struct crm_clv_opts *o, struct crm_error *e)
{
	double days = crm_history_unit_days(o->unit);
	long h, max = (long)floor(CRM_CLV_MAX_YEARS * 365.25 / days);

	if (o->horizon_text == NULL) {
		o->horizon = 364 / days;
		return 0;
	}
	if (crm_option_int("--horizon", o->horizon_text, 1, max,
	    crm_clv_unit_name(o->unit, 1), &h, e) < 0)
		return -1;
	o->horizon = (double)h;
	return 0;
}

static int
finish_dates(struct crm_clv_opts *o, struct crm_error *e)
{
	char c[16], a[16];

	if (!o->cal_end_given)
		o->cal_end = o->as_of;
	crm_date_format(o->cal_end, c);
	crm_date_format(o->as_of, a);
	if (o->cal_end > o->as_of)
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "--calibration-end %s is after the as-of date %s", c, a);
	if (o->holdout != NULL && o->cal_end == o->as_of)
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "--holdout needs a holdout period: a --calibration-end "
		    "before the as-of date %s", a);
	return 0;
}

int
crm_clv_opts_finish(struct crm_clv_opts *o, const struct crm_common *c,
    struct crm_error *e)
{
	o->as_of = c->as_of;
	if (o->params_in != NULL) {
		if (o->params != NULL)
			return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
			    "--params writes the fit, and --params-in "
			    "means no fit: choose one");
		if (crm_clvcsv_read_params(o->params_in, c,
		    (enum crm_btyd_model)o->model, o->spend, &o->saved,
		    e) < 0)
			return -1;
	}
	return finish_unit(o, e) < 0 || finish_horizon(o, e) < 0 ||
	    finish_dates(o, e) < 0 ? -1 : 0;
}
