/*
 * crm-followup - whom do we contact today, and why?
 *
 * Reads the customer table (and --log, the contact log), finds each
 * customer's due follow-up under the rules of -c FILE, and writes the
 * ones due by --as-of plus --horizon, per owner by priority, within each
 * owner's daily capacity: the list a cron job mails every morning.
 */
#include <sys/stat.h>

#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "calendar.h"
#include "config.h"
#include "contacts.h"
#include "csvio.h"
#include "followup.h"
#include "ics.h"
#include "input.h"
#include "keyset.h"
#include "program.h"
#include "table.h"
#include "value.h"

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
	int ics;
};

/* A customer with a follow-up due, held until the list is sorted. */
struct item {
	struct crm_record *rec;
	struct {
		enum crm_fu_kind kind;
		int32_t due;
		double priority;
		const char *channel, *action;
		const char *reason;	/* in the arena: exactly its length */
	} due;
	uint32_t owner;		/* rank of the owner's name in byte order */
	int deferred;
};

static const char usage[] =
"usage: crm-followup [-c FILE] [--log FILE] [--as-of DATE] [--horizon DAYS]\n"
"                    [--owner NAME] [--deferred FILE] [--format csv|ics]\n"
"                    [--date-format FMT] [-o FILE] [-d C | --tsv]\n"
"                    [--encoding NAME] [--bom] [--decimal-comma]\n"
"                    [--skip-bad] [--rejects FILE] [-q] [file ...]\n"
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
"  --format KIND     csv (default) or ics: VTODO items for a calendar\n"
"Common: -o FILE, -d C, --tsv, --encoding NAME, --bom, --decimal-comma,\n"
"--date-format FMT, --skip-bad, --rejects FILE, -q, -h, -V; see crm(7).\n";

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
		else if (strcmp(arg, "csv") != 0)
			return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
			    "invalid --format \"%s\": expected csv or ics", arg);
		break;
	default:
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "unhandled option");
	}
	return 0;
}

/*
 * Reads the contact log twice (it may be unsorted: see contacts.h), so it
 * must be a regular file.  Rows dated after the as-of date are ignored:
 * the list is the one of that day.  Bad log rows stop the run, or with
 * --skip-bad are skipped, each named on standard error (the rejects file
 * is the table's, whose columns differ).
 */
static void
read_log(const char *path, const struct crm_fu_rules *r,
    const struct crm_common *c, struct crm_contacts *cs, size_t *skipped,
    size_t *future)
{
	struct crm_common lc = *c;
	char *paths[1] = { (char *)path };
	struct crm_error e;
	struct stat st;
	int pass;

	if (strcmp(path, "-") == 0 || stat(path, &st) < 0 ||
	    !S_ISREG(st.st_mode)) {
		crm_error_set(&e, CRM_EXIT_USAGE, path, 0, 0, "--log needs a "
		    "regular file: the log is read twice");
		crm_die(&e);
	}
	lc.rejects = NULL;
	*skipped = *future = 0;
	for (pass = 1; pass <= 2; pass++) {
		struct crm_input *in;
		const struct crm_header *h;
		struct crm_record *rec;
		long idc, datec, outc;
		int got;

		if ((in = crm_input_open(paths, 1, &lc, &e)) == NULL)
			crm_die(&e);
		h = crm_input_header(in);
		if (crm_header_require(h, r->log_id, &idc, &e) < 0 ||
		    crm_header_require(h, r->log_date, &datec, &e) < 0 ||
		    crm_header_require(h, r->log_outcome, &outc, &e) < 0)
			crm_die(&e);
		while ((got = crm_input_read(in, &rec, &e)) > 0) {
			struct crm_error why;
			char q[64];
			int32_t date = 0;
			int outcome = -1, dr;

			why.status = 0;
			dr = crm_date_parse(rec->field[datec], c->date_format,
			    &date);
			if (rec->len[idc] == 0)
				crm_error_set(&why, CRM_EXIT_DATA,
				    crm_input_name(in), rec->line, 0,
				    "column '%s': empty customer id",
				    r->log_id);
			else if (dr != CRM_VALUE_OK)
				crm_error_set(&why, CRM_EXIT_DATA,
				    crm_input_name(in), rec->line, 0,
				    "column '%s': %s %s", r->log_date,
				    dr == CRM_VALUE_EMPTY ? "missing date" :
				    "invalid date", dr == CRM_VALUE_EMPTY ? "" :
				    crm_error_quote(rec->field[datec],
				    rec->len[datec], q, sizeof(q)));
			else if ((outcome = crm_outcome_parse(
			    rec->field[outc])) < 0)
				crm_error_set(&why, CRM_EXIT_DATA,
				    crm_input_name(in), rec->line, 0,
				    "column '%s': unknown outcome %s (expected "
				    "reached, no answer, complaint or complaint "
				    "resolved)", r->log_outcome,
				    crm_error_quote(rec->field[outc],
				    rec->len[outc], q, sizeof(q)));
			if (why.status != 0) {
				char msg[1024];

				if (!c->skip_bad)
					crm_die(&why);
				if (pass == 2)
					continue;
				(*skipped)++;
				crm_error_format(&why, msg, sizeof(msg));
				if (!c->quiet)
					warnx("skipped %s", msg);
				continue;
			}
			if (date > c->as_of) {
				if (pass == 1)
					(*future)++;
				continue;
			}
			if (pass == 1 && crm_contacts_first(cs,
			    rec->field[idc], rec->len[idc], date, outcome,
			    &e) < 0)
				crm_die(&e);
			if (pass == 2)
				crm_contacts_second(cs, rec->field[idc],
				    rec->len[idc], date, outcome);
		}
		if (got < 0)
			crm_die(&e);
		/* ragged rows, skipped by the reader itself */
		if (pass == 2)
			*skipped += crm_input_rejected(in);
		crm_input_close(in);
	}
}

static const struct crm_fu_rules *sort_rules;

static int
by_owner_priority(const void *a, const void *b)
{
	const struct item *x = a, *y = b;

	if (x->owner != y->owner)
		return x->owner < y->owner ? -1 : 1;
	if (x->due.priority != y->due.priority)
		return x->due.priority > y->due.priority ? -1 : 1;
	if (x->due.due != y->due.due)
		return x->due.due < y->due.due ? -1 : 1;
	return strcmp(x->rec->field[sort_rules->id_col],
	    y->rec->field[sort_rules->id_col]);
}

/* The day a follow-up is worked on: its due date, or today if overdue. */
static int32_t
work_day(const struct item *it, int32_t as_of)
{
	return it->due.due > as_of ? it->due.due : as_of;
}

static int32_t sort_as_of;

static int
by_owner_day_priority(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	int32_t dx = work_day(x, sort_as_of), dy = work_day(y, sort_as_of);

	if (x->owner != y->owner)
		return x->owner < y->owner ? -1 : 1;
	if (dx != dy)
		return dx < dy ? -1 : 1;
	return by_owner_priority(a, b);
}

/*
 * An owner works at most `capacity` follow-ups a day (overdue ones count
 * on the as-of date); the lowest priorities of a full day move to the
 * next working day, out of the list and into --deferred.
 */
static size_t
apply_capacity(struct item *items, size_t n, const struct crm_fu_rules *r,
    int32_t as_of)
{
	size_t i, run = 0, deferred = 0;
	int32_t prev_day = 0;

	if (r->capacity <= 0 || n == 0)
		return 0;
	sort_as_of = as_of;
	qsort(items, n, sizeof(*items), by_owner_day_priority);
	for (i = 0; i < n; i++) {
		int32_t day = work_day(&items[i], as_of), next;

		/* prev_day: deferring an item changes its due date */
		if (i == 0 || items[i].owner != items[i - 1].owner ||
		    day != prev_day)
			run = 0;
		prev_day = day;
		if (++run <= (size_t)r->capacity)
			continue;
		next = crm_next_workday(&r->workdays, day + 1);
		items[i].deferred = 1;
		items[i].due.due = next == CRM_NO_WORKDAY ? day + 1 : next;
		deferred++;
	}
	return deferred;
}

static const struct crm_keyset *rank_keys;

static int
by_key_text(const void *a, const void *b)
{
	return strcmp(crm_keyset_text(rank_keys, *(const uint32_t *)a),
	    crm_keyset_text(rank_keys, *(const uint32_t *)b));
}

/*
 * Turns each item's owner number (first-seen order in owners) into the
 * rank of the owner's name, so that the sorts compare integers, not
 * strings: a list of 100,000 follow-ups has a handful of owners.
 */
static void
rank_owners(struct item *items, size_t n, const struct crm_keyset *owners)
{
	uint32_t *order, *rank;
	size_t i;

	if (owners->n == 0)
		return;
	order = malloc(owners->n * sizeof(*order));
	rank = malloc(owners->n * sizeof(*rank));
	if (order == NULL || rank == NULL)
		crm_die_oom();
	for (i = 0; i < owners->n; i++)
		order[i] = (uint32_t)i;
	rank_keys = owners;
	qsort(order, owners->n, sizeof(*order), by_key_text);
	for (i = 0; i < owners->n; i++)
		rank[order[i]] = (uint32_t)i;
	for (i = 0; i < n; i++)
		items[i].owner = rank[items[i].owner];
	free(order);
	free(rank);
}

static const char *const own_names[] = { "due_date", "days_overdue",
    "reason", "channel", "action", "priority", "due_time" };

static void
write_csv(struct crm_csv_writer *w, const struct crm_record *header,
    struct item *items, size_t n, int deferred, const struct crm_fu_rules *r,
    const struct crm_common *c)
{
	size_t nown = r->call_from != NULL ? 7 : 6, i;
	char due[16], overdue[32], prio[64];
	const char *own[7];
	struct crm_columns cols;
	struct crm_error e;

	if (crm_columns_init(&cols, header, own_names, nown, &e) < 0)
		crm_die(&e);
	crm_columns_write_header(&cols, w, header);
	for (i = 0; i < n; i++) {
		const struct item *it = &items[i];

		if (it->deferred != deferred)
			continue;
		crm_date_format(it->due.due, due);
		snprintf(overdue, sizeof(overdue), "%ld",
		    (long)c->as_of - it->due.due);
		crm_fraction_format(it->due.priority, 2, prio, sizeof(prio));
		own[0] = due;
		own[1] = overdue;
		own[2] = it->due.reason;
		own[3] = it->due.channel;
		own[4] = it->due.action;
		own[5] = prio;
		own[6] = "";
		if (r->call_from != NULL &&
		    strcasecmp(it->due.channel, "phone") == 0)
			own[6] = crm_weekday(work_day(it, c->as_of)) == 0 &&
			    r->monday_from != NULL ? r->monday_from :
			    r->call_from;
		crm_columns_write(&cols, w, it->rec->field, it->rec->len,
		    own);
	}
	crm_columns_free(&cols);
}

static void
write_ics(FILE *fp, const struct item *items, size_t n,
    const struct crm_fu_rules *r, const struct crm_common *c)
{
	char uid[512], summary[512], desc[1024];
	size_t i;

	crm_ics_begin(fp);
	for (i = 0; i < n; i++) {
		const struct item *it = &items[i];
		const char *id = it->rec->field[r->id_col];
		const char *owner = it->rec->field[r->owner_col];
		struct crm_ics_todo t;
		char day[16];

		if (it->deferred)
			continue;
		crm_date_format(it->due.due, day);
		snprintf(uid, sizeof(uid), "%s-%s@crm-followup", id, day);
		snprintf(summary, sizeof(summary), "%s: %s (%s)",
		    it->due.action, id, it->due.channel);
		snprintf(desc, sizeof(desc), "%s\nowner: %s", it->due.reason,
		    owner);
		t.uid = uid;
		t.due = it->due.due;
		t.summary = summary;
		t.description = desc;
		t.categories = *owner != '\0' ? owner : NULL;
		t.priority = it->due.kind == CRM_FU_COMPLAINT ? 1 :
		    it->due.due < c->as_of ? 3 : 5;
		crm_ics_todo(fp, &t, c->as_of);
	}
	if (crm_ics_end(fp) < 0) {
		struct crm_error e;

		crm_error_set(&e, CRM_EXIT_DATA, c->output ? c->output :
		    "<stdout>", 0, 0, "write error: %s", strerror(errno));
		crm_die(&e);
	}
}

static const struct crm_program_def def = {
	"crm-followup", usage, long_options, own_option
};

int
main(int argc, char **argv)
{
	struct settings s;
	const struct crm_common *c;
	struct crm_program *prog;
	struct crm_csv_writer dw;
	struct crm_config cfg = { .loaded = 0 };
	struct crm_fu_rules rules;
	struct crm_contacts contacts;
	struct crm_arena held = CRM_ARENA_INIT;
	struct crm_keyset owners;
	long owner;
	int added;
	struct crm_fu_env env;
	struct crm_input *in;
	struct crm_record *rec;
	struct crm_error e;
	struct item *items = NULL;
	size_t nitems = 0, cap = 0, suppressed = 0, log_skipped = 0;
	size_t log_future = 0, k;
	unsigned char *seen_value = NULL;
	const char *unread;
	size_t unknown = 0, deferred, i;
	int r, dside;

	memset(&s, 0, sizeof(s));
	prog = crm_program_start(&def, &s, argc, argv);
	c = crm_program_options(prog);
	if (c->config != NULL) {
		if (crm_config_load(&cfg, c->config, &e) < 0 ||
		    crm_fu_load(&rules, &cfg, &e) < 0)
			crm_die(&e);
	} else {
		crm_fu_defaults(&rules);
	}
	dside = crm_program_side(prog, "--deferred", s.deferred,
	    CRM_SIDE_DATA, "the list and the deferred follow-ups");
	env.as_of = c->as_of;
	env.horizon = s.horizon;
	env.decimal_comma = c->decimal_comma;
	env.date_format = c->date_format;

	crm_contacts_init(&contacts);
	crm_keyset_init(&owners);
	if (s.log != NULL)
		read_log(s.log, &rules, c, &contacts, &log_skipped,
		    &log_future);

	in = crm_program_input(prog);
	if (crm_fu_bind(&rules, crm_input_header(in), &e) < 0)
		crm_die(&e);
	if ((unread = crm_fu_unread_flag(&rules,
	    crm_input_header(in)->rec)) != NULL)
		crm_program_warn(prog, "column '%s' looks like a do-not-contact "
		    "flag but is not read: name it under columns: in the "
		    "config", unread);
	if ((seen_value = calloc(rules.ncadence + 1, 1)) == NULL)
		crm_die_oom();
	while ((r = crm_input_read(in, &rec, &e)) > 0) {
		const char *id = rec->field[rules.id_col];
		struct crm_contact *ct = crm_contacts_find(&contacts, id,
		    rec->len[rules.id_col]);
		struct crm_fu_due due;
		struct crm_error why;
		int got;

		if (ct != NULL)
			ct->seen_in_table = 1;
		for (k = 0; k < rules.ncadence && rules.key_col >= 0; k++)
			if (strcmp(rec->field[rules.key_col],
			    rules.cadence[k].value) == 0)
				seen_value[k] = 1;
		if (s.owner != NULL &&
		    strcmp(rec->field[rules.owner_col], s.owner) != 0)
			continue;
		got = crm_fu_evaluate(&rules, rec, ct, &env, &due, &suppressed,
		    &why);
		if (got < 0) {
			if (crm_input_bad(in, rec, &e, "%s", why.msg) < 0)
				crm_die(&e);
			continue;
		}
		if (got == 0)
			continue;
		if (nitems == cap) {
			cap = cap ? cap * 2 : 256;
			if ((items = realloc(items, cap * sizeof(*items))) ==
			    NULL)
				crm_die_oom();
		}
		items[nitems].due.kind = due.kind;
		items[nitems].due.due = due.due;
		items[nitems].due.priority = due.priority;
		items[nitems].due.channel = due.channel;
		items[nitems].due.action = due.action;
		if ((items[nitems].due.reason = crm_arena_strndup(&held,
		    due.reason, strlen(due.reason))) == NULL)
			crm_die_oom();
		items[nitems].deferred = 0;
		if ((owner = crm_keyset_add(&owners, rec->field[rules.owner_col],
		    rec->len[rules.owner_col], &added, &e)) < 0)
			crm_die(&e);
		items[nitems].owner = (uint32_t)owner;
		if ((items[nitems].rec = crm_record_copy(&held, rec)) == NULL)
			crm_die_oom();
		nitems++;
	}
	if (r < 0)
		crm_die(&e);
	for (i = 0; i < contacts.ids.n; i++)
		if (!contacts.c[i].seen_in_table)
			unknown++;

	sort_rules = &rules;
	rank_owners(items, nitems, &owners);
	deferred = apply_capacity(items, nitems, &rules, c->as_of);
	if (nitems > 0)
		qsort(items, nitems, sizeof(*items), by_owner_priority);

	if (s.ics)
		write_ics(crm_program_output_stream(prog), items, nitems,
		    &rules, c);
	else
		write_csv(crm_program_output(prog), crm_input_header(in)->rec,
		    items, nitems, 0, &rules, c);
	if (dside >= 0) {
		crm_program_csv(prog, crm_program_open_side(prog, dside), &dw);
		write_csv(&dw, crm_input_header(in)->rec, items, nitems, 1,
		    &rules, c);
	}
	if (deferred > 0)
		crm_program_note(prog, "%zu follow-up%s past the owners' "
		    "capacity deferred to the next working day%s%s", deferred,
		    deferred == 1 ? "" : "s", s.deferred ? ", written to " : "",
		    s.deferred ? s.deferred : "");
	if (suppressed > 0)
		crm_program_note(prog, "%zu follow-up%s suppressed by "
		    "do-not-contact flags", suppressed,
		    suppressed == 1 ? "" : "s");
	if (unknown > 0)
		crm_program_note(prog, "%zu customer%s in the contact log %s "
		    "not in the table", unknown, unknown == 1 ? "" : "s",
		    unknown == 1 ? "is" : "are");
	if (log_future > 0)
		crm_program_note(prog, "%zu contact-log row%s after the as-of "
		    "date ignored", log_future, log_future == 1 ? "" : "s");
	for (k = 0; k < rules.ncadence; k++)
		if (!seen_value[k])
			crm_program_note(prog, "no customer has %s '%s' of the "
			    "config's cadence (a typo?)", rules.key,
			    rules.cadence[k].value);
	crm_program_skipped_elsewhere(prog, log_skipped, "in the log");
	crm_program_finish(prog);
	free(items);
	free(seen_value);
	crm_arena_free(&held);
	crm_keyset_free(&owners);
	crm_contacts_free(&contacts);
	crm_fu_free(&rules);
	crm_config_free(&cfg);
	return 0;
}
