/*
 * crm-followup - whom do we contact today, and why?
 *
 * Reads the customer table (and --log, the contact log), finds each
 * customer's due follow-up under the rules of -c FILE, and writes the
 * ones due by --as-of plus --horizon, per owner by priority, within each
 * owner's daily capacity: the list a cron job mails every morning.
 */
#include <err.h>
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "contactlog.h"
#include "contacts.h"
#include "followup.h"
#include "program.h"
#include "schedule.h"

enum {
	OPT_LOG = CRM_OPT_PROGRAM, OPT_HORIZON, OPT_OWNER, OPT_DEFERRED,
	OPT_FORMAT
};

static const struct option long_options[] = {
	{ "log", required_argument, NULL, OPT_LOG },
	{ "horizon", required_argument, NULL, OPT_HORIZON },
	{ "owner", required_argument, NULL, OPT_OWNER },
	{ "deferred", required_argument, NULL, OPT_DEFERRED },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ NULL, 0, NULL, 0 }
};

struct settings {
	const char *log;
	long horizon;
	const char *owner;
	const char *deferred;
	int ics;		/* 1: to-dos, 2: events */
};

static const char usage[] =
"usage: crm-followup [-c FILE] [--log FILE] [--as-of DATE] [--horizon DAYS]\n"
"                    [--owner NAME] [--deferred FILE]\n"
"                    [--format csv|ics|ics-events]\n"
"                    [--date-format FMT] [-o FILE] [-d C | --tsv]\n"
"                    [--encoding NAME] [--bom] [--decimal-comma]\n"
"                    [--skip-bad] [--rejects FILE] [-q] [-v] [file ...]\n"
"\n"
"Lists the follow-ups due by the as-of date, per owner by priority, with\n"
"due_date, days_overdue, reason, channel, action and priority appended.\n"
"  -c, --config FILE cadences, milestones, triggers, back-off, working\n"
"                    days, priority and capacity (see crm-config(5))\n"
"  --log FILE        the contact log: customer_id, date, outcome (reached,\n"
"                    no answer, complaint, complaint resolved)\n"
"  --as-of DATE      today (default: the local date)\n"
"  --horizon DAYS    also list what falls due in the next DAYS (default 0)\n"
"  --owner NAME      only this owner's follow-ups\n"
"  --deferred FILE   where follow-ups past an owner's capacity go\n"
"  --format KIND     csv (default); ics: to-dos (VTODO) for a calendar;\n"
"                    ics-events: all-day events (VEVENT), for Outlook\n"
"Common: -o FILE, -d C, --tsv, --encoding NAME, --bom, --decimal-comma,\n"
"--date-format FMT, --skip-bad, --rejects FILE, -q, -v, -h, -V; see crm(7).\n";

static int
own_option(int opt, const char *arg, void *ctx, struct crm_error *e)
{
	struct settings *s = ctx;

	switch (opt) {
	case OPT_LOG:
		s->log = arg;
		break;
	case OPT_HORIZON:
		return crm_option_int("--horizon", arg, 0, 3660, "days",
		    &s->horizon, e);
	case OPT_OWNER:
		s->owner = arg;
		break;
	case OPT_DEFERRED:
		s->deferred = arg;
		break;
	case OPT_FORMAT:
		if (strcmp(arg, "ics") == 0)
			s->ics = 1;
		else if (strcmp(arg, "ics-events") == 0)
			s->ics = 2;
		else if (strcmp(arg, "csv") == 0)
			s->ics = 0;
		else
			return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
			    "invalid --format \"%s\": expected csv, ics or "
			    "ics-events", arg);
		break;
	default:
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "unhandled option");
	}
	return 0;
}

static const struct crm_program_def def = {
	"crm-followup", usage, long_options, own_option
};

/* A bad log row skipped (--skip-bad): named now, as it is met. */
static void
log_row_skipped(void *prog, const struct crm_error *why)
{
	char msg[CRM_ERROR_TEXT];

	crm_error_format(why, msg, sizeof(msg));
	crm_program_warn(prog, "skipped %s", msg);
}

/* Reads the customer table into the list, then schedules it. */
static struct crm_schedule *
collect(struct crm_program *prog, const struct settings *s,
    struct crm_fu_rules *rules, const struct crm_fu_env *env,
    struct crm_contacts *contacts)
{
	struct crm_input *in = crm_program_input(prog);
	const struct crm_header *h = crm_input_header(in);
	struct crm_schedule *sched;
	struct crm_record *rec;
	struct crm_error e, why;
	const char *unread;
	int got;

	if (crm_fu_bind(rules, h, &e) < 0)
		crm_die(&e);
	if ((unread = crm_fu_unread_flag(rules, h->rec)) != NULL)
		crm_program_warn(prog, "column '%s' looks like a "
		    "do-not-contact flag but is not read: name it under "
		    "columns: in the config", unread);
	if ((sched = crm_schedule_new(rules, env, s->owner, contacts,
	    &e)) == NULL)
		crm_die(&e);
	while ((got = crm_input_read(in, &rec, &e)) > 0)
		if (crm_input_judge(in, rec, crm_schedule_add(sched, rec, &why),
		    &why, &e) < 0)
			crm_die(&e);
	if (got < 0 || crm_schedule_done(sched, &e) < 0)
		crm_die(&e);
	return sched;
}

/* The list (CSV or a calendar), and the deferred follow-ups (CSV). */
static void
write_lists(struct crm_program *prog, const struct settings *s,
    const struct crm_schedule *sched, int dside)
{
	const struct crm_record *header =
	    crm_input_header(crm_program_current_input(prog))->rec;
	struct crm_csv_writer dw;
	struct crm_error e;
	int r;

	if (s->ics)
		r = crm_schedule_write_ics(sched,
		    crm_program_output_stream(prog), s->ics == 2,
		    crm_program_options(prog)->output, &e);
	else
		r = crm_schedule_write_csv(sched, crm_program_output(prog),
		    header, 0, &e);
	if (r < 0)
		crm_die(&e);
	if (dside < 0)
		return;
	crm_program_csv(prog, crm_program_open_side(prog, dside), &dw);
	if (crm_schedule_write_csv(sched, &dw, header, 1, &e) < 0)
		crm_die(&e);
}

/*
 * An --owner that matched no row: said now, and even with -q, since the
 * list it leaves empty looks like a quiet day to a cron job's reader.
 */
static void
owner_missed(const struct settings *s, const struct crm_schedule *sched)
{
	const char *near;
	char list[512];

	if (!crm_schedule_owner_missed(sched, list, sizeof(list), &near))
		return;
	if (near != NULL)
		warnx("--owner '%s' matches no row of the table; did you mean "
		    "'%s'? (owners: %s)", s->owner, near, list);
	else
		warnx("--owner '%s' matches no row of the table (owners: %s)",
		    s->owner, list);
}

/* What the run left out or suspects, for the end of the run. */
static void
notes(struct crm_program *prog, const struct settings *s,
    const struct crm_schedule *sched, const struct crm_fu_rules *rules,
    const struct crm_contacts *contacts,
    const struct crm_contactlog_counts *log)
{
	size_t deferred = crm_schedule_deferred(sched);
	size_t suppressed = crm_schedule_suppressed(sched);
	size_t unknown = crm_contacts_unseen(contacts), k = 0;
	const char *value;

	if (deferred > 0)
		crm_program_note(prog, "%zu follow-up%s past the owners' "
		    "capacity deferred to the next working day%s%s", deferred,
		    deferred == 1 ? "" : "s",
		    s->deferred ? ", written to " : "",
		    s->deferred ? s->deferred : "");
	if (suppressed > 0)
		crm_program_note(prog, "%zu follow-up%s suppressed by "
		    "do-not-contact flags", suppressed,
		    suppressed == 1 ? "" : "s");
	if (unknown > 0)
		crm_program_note(prog, "%zu customer%s in the contact log %s "
		    "not in the table", unknown, unknown == 1 ? "" : "s",
		    unknown == 1 ? "is" : "are");
	if (log->future > 0)
		crm_program_note(prog, "%zu contact-log row%s after the as-of "
		    "date ignored", log->future, log->future == 1 ? "" : "s");
	while ((value = crm_schedule_unmatched(sched, &k)) != NULL)
		crm_program_note(prog, "no customer has %s '%s' of the "
		    "config's cadence (a typo?)", crm_fu_cadence_column(rules),
		    value);
	for (k = 0; (value = crm_schedule_unmatched_lost(sched, &k)) != NULL;)
		crm_program_note(prog, "no customer has %s '%s' of the "
		    "config's win-back values (a typo?)",
		    crm_fu_cadence_column(rules), value);
	crm_program_skipped_elsewhere(prog, log->skipped, "in the log");
}

int
main(int argc, char **argv)
{
	struct settings s = { .log = NULL };
	struct crm_config cfg = { .loaded = 0 };
	struct crm_contactlog_counts log = { 0, 0 };
	const struct crm_common *c;
	struct crm_program *prog;
	struct crm_fu_rules rules;
	struct crm_contacts contacts;
	struct crm_schedule *sched;
	struct crm_fu_env env;
	struct crm_error e;
	int dside;

	prog = crm_program_start(&def, &s, argc, argv);
	c = crm_program_options(prog);
	if (c->config == NULL)
		crm_fu_defaults(&rules);
	else if (crm_config_load(&cfg, c->config, &e) < 0 ||
	    crm_fu_load(&rules, &cfg, &e) < 0)
		crm_die(&e);
	dside = crm_program_side(prog, "--deferred", s.deferred,
	    CRM_SIDE_DATA, "the list and the deferred follow-ups");
	crm_program_reads(prog, "--log", s.log);
	env = (struct crm_fu_env){ c->as_of, s.horizon, c->decimal_comma,
	    c->date_format };
	crm_contacts_init(&contacts);
	if (s.log != NULL && crm_contactlog_read(&contacts, s.log, &rules, c,
	    log_row_skipped, prog, &log, &e) < 0)
		crm_die(&e);
	sched = collect(prog, &s, &rules, &env, &contacts);
	owner_missed(&s, sched);
	write_lists(prog, &s, sched, dside);
	notes(prog, &s, sched, &rules, &contacts, &log);
	crm_program_finish(prog);
	crm_schedule_free(sched);
	crm_contacts_free(&contacts);
	crm_fu_free(&rules);
	crm_config_free(&cfg);
	return 0;
}
