/*
 * followup.h - which follow-up a customer is due for, and when.
 *
 * The rules come from a crm-followup config (crm-config(5)); each
 * customer is evaluated on its own, from its row of the customer table
 * and its contact-log state:
 *
 *   complaint   an open complaint: due on the day it was made, with the
 *               complaint priority (the highest by default)
 *   cadence     every N days/weeks/months after the last contact (the
 *               later of the table's last_contact and the log's last
 *               conversation), per value of a column (the segment); due
 *               at once when there is no contact on record
 *   win-back    the cadence for customers whose column value says they
 *               are lost, instead of their segment's
 *   milestone   N days after a date column (purchase, delivery): due
 *               once, until a contact on or after the due date
 *   trigger     N days before or after a date column, or its yearly
 *               anniversary: due once per occurrence, the same way; or
 *               a number column below a threshold (p_alive, for a
 *               win-back), optionally for customers whose value column
 *               is at least a minimum: due at once, then not again
 *               within `every` of a contact
 *
 * Milestones and triggers missed for longer than `window` are dropped.
 * After N unanswered attempts (back-off), nothing is due before the last
 * attempt plus the wait, complaints excepted.  A due date on a day off
 * moves to the next working day.  A follow-up on a channel the customer
 * blocks (do_not_call: phone, do_not_email: email, do_not_contact: all)
 * is suppressed.  Of the follow-ups left, the customer's is the one with
 * the highest priority among those due by as_of (or, when none is, among
 * those a horizon looks ahead to):
 *
 *   priority = base + per_day_overdue * max(0, days overdue)
 *              + the weight of the customer's segment
 *              + per_value * the value column
 *
 * worked out exactly (decimal.h).  Loading refuses the settings that
 * could take a priority past 38 digits for any customer (a config error
 * at the setting that does it: per_day_overdue times the most days a
 * follow-up can be overdue, those from 0001-01-01 to 9999-12-31 or the
 * window if longer, plus the largest base, plus the largest weight); a
 * value column that does is a bad field of its customer.
 */
#ifndef CRM_FOLLOWUP_H
#define CRM_FOLLOWUP_H

#include <stddef.h>
#include <stdint.h>

#include "calendar.h"
#include "config.h"
#include "contacts.h"
#include "csvio.h"
#include "decimal.h"
#include "error.h"
#include "keyset.h"
#include "table.h"

enum crm_fu_kind {
	CRM_FU_COMPLAINT, CRM_FU_CADENCE, CRM_FU_WINBACK, CRM_FU_MILESTONE,
	CRM_FU_TRIGGER
};

enum crm_trigger_when { CRM_BEFORE, CRM_AFTER, CRM_YEARLY };

/* A milestone, a date trigger or a threshold trigger. */
struct crm_fu_date_rule {
	const char *column;
	long col;
	enum crm_trigger_when when;	/* a date trigger's */
	struct crm_interval offset;
	int threshold;			/* a trigger on column < below */
	double below;
	const char *value;		/* and value >= min_value; or NULL */
	long value_col;
	double min_value;
	struct crm_interval every;	/* not again within this of a contact */
	const char *name;		/* the reason's words */
	int milestone;			/* a milestone, else a trigger */
	const char *channel, *action;
	struct crm_decimal priority;
	yaml_node_t *node, *priority_node;
};

struct crm_fu_cadence {
	const char *value;		/* of the cadence column */
	struct crm_interval every;
	int has_every, has_weight;
	struct crm_decimal weight;
	yaml_node_t *weight_node;
};

struct crm_fu_rules {
	/* the customer table's columns */
	const char *id, *owner, *last_contact, *key, *value;
	const char *dnc, *dnc_call, *dnc_email;	/* do-not-contact flags */
	long id_col, owner_col, last_contact_col, key_col, value_col;
	long dnc_col, dnc_call_col, dnc_email_col;
	int last_contact_named;		/* set in the config: required */
	int dnc_named;			/* a flag set in the config: required */
	/* contact details for the calendar (schedule.h): name, phone,
	   email; used when present, required when the config names them */
	const char *name, *phone, *email;
	long name_col, phone_col, email_col;
	int name_named, phone_named, email_named;
	/* the contact log's columns */
	const char *log_id, *log_date, *log_outcome;
	/* cadence */
	struct crm_interval default_every;
	const char *cadence_channel, *cadence_action;
	struct crm_fu_cadence *cadence;
	size_t ncadence, cadence_cap;
	struct crm_keyset cadence_keys;	/* the values, numbered as cadence */
	/* win-back */
	const char **lost;
	size_t nlost;
	struct crm_keyset lost_keys;	/* the distinct values of lost */
	struct crm_interval winback_every;
	const char *winback_channel, *winback_action;
	int has_winback;
	/* complaints */
	struct crm_decimal complaint_priority;
	yaml_node_t *complaint_node;	/* NULL: the default */
	const char *complaint_channel, *complaint_action;
	/* milestones and triggers */
	struct crm_fu_date_rule *dates;
	size_t ndates;
	struct crm_interval window;
	/* back-off */
	long backoff_after;		/* 0: none */
	struct crm_interval backoff_wait;
	/* priority, exact (decimal.h) */
	struct crm_decimal per_day_overdue, per_value;
	yaml_node_t *per_day_node;	/* NULL: the default */
	/* working days, capacity, call hours */
	struct crm_workdays workdays;
	long capacity;			/* per owner per day; 0: none */
	const char *call_from, *monday_from;	/* "HH:MM" or NULL */
};

/* Loads the rules from a config (status 2 errors at their nodes). */
int crm_fu_load(struct crm_fu_rules *r, struct crm_config *cfg,
    struct crm_error *e);

/* Defaults alone, when there is no config. */
void crm_fu_defaults(struct crm_fu_rules *r);

/*
 * Finds the table columns in the header: id and owner are required;
 * last_contact when the config names it (by default it is used when
 * present, so that a table without it, such as crm-score's output, takes
 * the last contact from the log alone); the key, value and date-rule
 * columns when the rules use them; the do-not-contact flags when present;
 * the name, phone and email columns when present, and when the config
 * names them.
 */
int crm_fu_bind(struct crm_fu_rules *r, const struct crm_header *h,
    struct crm_error *e);

struct crm_fu_env {
	int32_t as_of;
	long horizon;			/* days after as_of still listed */
	int decimal_comma;
	const char *date_format;
};

struct crm_fu_due {
	enum crm_fu_kind kind;
	int32_t due;
	struct crm_decimal prio;	/* exact */
	double priority;		/* the nearest double, for sorting */
	const char *channel, *action;
	char reason[512];
};

/*
 * Evaluates one customer (contact may be NULL: not in the log).
 * Returns 1 with *out filled when a follow-up is due on or before as_of +
 * horizon, 0 when none is, -1 for a bad field or a priority past 38
 * digits (status 1, e->line 0).
 * *suppressed counts follow-ups dropped by do-not-contact flags.
 */
int crm_fu_evaluate(const struct crm_fu_rules *r,
    const struct crm_record *rec, const struct crm_contact *contact,
    const struct crm_fu_env *env, struct crm_fu_due *out,
    size_t *suppressed, struct crm_error *e);

/*
 * A header column that looks like a do-not-contact flag ("DNC", "Do Not
 * Call", "opt_out"...) but is not one the rules read, or NULL: worth a
 * warning, since such a flag would otherwise be ignored.
 */
const char *crm_fu_unread_flag(const struct crm_fu_rules *r,
    const struct crm_record *header);

/* The cadence column's name (the segment, by default). */
const char *crm_fu_cadence_column(const struct crm_fu_rules *r);

/*
 * The index in r->cadence of the entry for the cadence column's value
 * (len bytes), or -1 when the config gives it none: a hash lookup, for
 * every row.
 */
long crm_fu_cadence_find(const struct crm_fu_rules *r, const char *value,
    size_t len);

/*
 * Whether value (len bytes) is one of the win-back values: its number
 * among the distinct ones (below r->nlost), or -1.
 */
long crm_fu_lost_find(const struct crm_fu_rules *r, const char *value,
    size_t len);

void crm_fu_free(struct crm_fu_rules *r);

#endif
