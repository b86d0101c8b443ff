/*
 * report.c - errors and notes on standard error (see report.h).
 */
#include <err.h>

#include "report.h"

void
crm_die(const struct crm_error *e)
{
	char msg[1024];

	crm_error_format(e, msg, sizeof(msg));
	errx(e->status ? e->status : CRM_EXIT_DATA, "%s", msg);
}

void
crm_die_oom(void)
{
	struct crm_error e;

	crm_error_set(&e, CRM_EXIT_DATA, NULL, 0, 0, "out of memory");
	crm_die(&e);
}

void
crm_report_skipped(const struct crm_input *in, const struct crm_common *c)
{
	size_t n = in->rejected;

	if (c->quiet || !c->skip_bad)
		return;
	warnx("%zu bad record%s skipped%s%s", n, n == 1 ? "" : "s",
	    c->rejects ? ", written to " : "", c->rejects ? c->rejects : "");
}
