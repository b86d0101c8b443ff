/*
 * followup.c - follow-up rules: loading them from a config and finding
 * each customer's due follow-up (see followup.h for the rules).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "field.h"
#include "followup.h"
#include "value.h"

static const struct crm_interval ninety_days = { 90, CRM_DAYS };
static const struct crm_interval thirty_days = { 30, CRM_DAYS };

void
crm_fu_defaults(struct crm_fu_rules *r)
{
	memset(r, 0, sizeof(*r));
	r->id = "customer_id";
	r->owner = "owner";
	r->last_contact = "last_contact";
	r->key = "segment";
	r->dnc = "do_not_contact";
	r->dnc_call = "do_not_call";
	r->dnc_email = "do_not_email";
	r->name = "name";
	r->phone = "phone";
	r->email = "email";
	r->log_id = "customer_id";
	r->log_date = "date";
	r->log_outcome = "outcome";
	r->default_every = ninety_days;
	r->cadence_channel = "phone";
	r->cadence_action = "check in";
	r->complaint_priority.units = 1000;
	r->complaint_channel = "phone";
	r->complaint_action = "resolve the complaint";
	r->winback_channel = "phone";
	r->winback_action = "win-back offer";
	r->window = thirty_days;
	r->per_day_overdue.units = 1;
	crm_workdays_default(&r->workdays);
	r->id_col = r->owner_col = r->last_contact_col = r->key_col =
	    r->value_col = r->dnc_col = r->dnc_call_col = r->dnc_email_col =
	    -1;
	r->name_col = r->phone_col = r->email_col = -1;
}

/* Config helpers: each reads an optional key into *out. */

static int
get_text(struct crm_config *c, yaml_node_t *map, const char *key,
    const char **out, struct crm_error *e)
{
	yaml_node_t *n = crm_config_get(c, map, key);

	if (n == NULL)
		return 0;
	if (crm_config_string(c, n, out, e) < 0)
		return -1;
	if (**out == '\0')
		return crm_config_error_at(c, n, e, "expected a value for '%s'",
		    key);
	return 0;
}

/* The interval at node n. */
static int
interval_at(struct crm_config *c, yaml_node_t *n, struct crm_interval *out,
    struct crm_error *e)
{
	const char *text;

	if (crm_config_string(c, n, &text, e) < 0)
		return -1;
	if (crm_interval_parse(text, out) < 0)
		return crm_config_error_at(c, n, e, "expected an interval such "
		    "as \"14 days\", \"2 weeks\" or \"3 months\", got \"%s\"",
		    text);
	return 0;
}

/* Returns 1 when the key is there, 0 when it is not, -1 on error. */
static int
get_interval(struct crm_config *c, yaml_node_t *map, const char *key,
    struct crm_interval *out, struct crm_error *e)
{
	yaml_node_t *n = crm_config_get(c, map, key);

	if (n == NULL)
		return 0;
	return interval_at(c, n, out, e) < 0 ? -1 : 1;
}

/* The number at node n, exact (decimal.h). */
static int
decimal_at(struct crm_config *c, yaml_node_t *n, struct crm_decimal *out,
    struct crm_error *e)
{
	const char *text;
	double d;

	if (crm_config_number(c, n, &d, e) < 0 ||
	    crm_config_string(c, n, &text, e) < 0)
		return -1;
	if (crm_decimal_parse(text, 0, out, NULL) != CRM_VALUE_OK)
		return crm_config_error_at(c, n, e, "expected a number of at "
		    "most %d digits", CRM_DECIMAL_DIGITS);
	return 0;
}

/* An optional number, as a double: a threshold compared, never summed. */
static int
get_number(struct crm_config *c, yaml_node_t *map, const char *key,
    double *out, struct crm_error *e)
{
	yaml_node_t *n = crm_config_get(c, map, key);

	return n == NULL ? 0 : crm_config_number(c, n, out, e);
}

/* An optional number; *node (if not NULL) is where it is. */
static int
get_decimal(struct crm_config *c, yaml_node_t *map, const char *key,
    struct crm_decimal *out, yaml_node_t **node, struct crm_error *e)
{
	yaml_node_t *n = crm_config_get(c, map, key);

	if (n == NULL)
		return 0;
	if (decimal_at(c, n, out, e) < 0)
		return -1;
	if (node != NULL)
		*node = n;
	return 0;
}

static int
load_columns(struct crm_fu_rules *r, struct crm_config *c, yaml_node_t *map,
    struct crm_error *e)
{
	static const char *const keys[] = { "id", "owner", "last_contact",
	    "do_not_contact", "do_not_call", "do_not_email", "name", "phone",
	    "email", NULL };

	if (crm_config_check_keys(c, map, keys, e) < 0 ||
	    get_text(c, map, "id", &r->id, e) < 0 ||
	    get_text(c, map, "owner", &r->owner, e) < 0 ||
	    get_text(c, map, "last_contact", &r->last_contact, e) < 0 ||
	    get_text(c, map, "do_not_contact", &r->dnc, e) < 0 ||
	    get_text(c, map, "do_not_call", &r->dnc_call, e) < 0 ||
	    get_text(c, map, "do_not_email", &r->dnc_email, e) < 0 ||
	    get_text(c, map, "name", &r->name, e) < 0 ||
	    get_text(c, map, "phone", &r->phone, e) < 0 ||
	    get_text(c, map, "email", &r->email, e) < 0)
		return -1;
	r->name_named = crm_config_get(c, map, "name") != NULL;
	r->phone_named = crm_config_get(c, map, "phone") != NULL;
	r->email_named = crm_config_get(c, map, "email") != NULL;
	r->dnc_named = crm_config_get(c, map, "do_not_contact") != NULL ||
	    crm_config_get(c, map, "do_not_call") != NULL ||
	    crm_config_get(c, map, "do_not_email") != NULL;
	r->last_contact_named = crm_config_get(c, map, "last_contact") !=
	    NULL;
	return 0;
}

static int
load_log(struct crm_fu_rules *r, struct crm_config *c, yaml_node_t *map,
    struct crm_error *e)
{
	static const char *const keys[] = { "id", "date", "outcome", NULL };

	if (crm_config_check_keys(c, map, keys, e) < 0 ||
	    get_text(c, map, "id", &r->log_id, e) < 0 ||
	    get_text(c, map, "date", &r->log_date, e) < 0 ||
	    get_text(c, map, "outcome", &r->log_outcome, e) < 0)
		return -1;
	return 0;
}

/*
 * The cadence entry for value, added when new: hashed, and the array
 * doubled, so that 100,000 values load in linear time.
 */
static struct crm_fu_cadence *
cadence_entry(struct crm_fu_rules *r, const char *value,
    struct crm_error *e)
{
	struct crm_fu_cadence *c;
	size_t cap;
	long i;
	int added;

	if ((i = crm_keyset_add(&r->cadence_keys, value, strlen(value),
	    &added, e)) < 0)
		return NULL;
	if (!added)
		return &r->cadence[i];
	if (r->ncadence == r->cadence_cap) {
		cap = r->cadence_cap ? r->cadence_cap * 2 : 16;
		if ((c = realloc(r->cadence, cap * sizeof(*c))) == NULL) {
			crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
			    "out of memory");
			return NULL;
		}
		r->cadence = c;
		r->cadence_cap = cap;
	}
	c = &r->cadence[r->ncadence++];
	memset(c, 0, sizeof(*c));
	c->value = value;
	return c;
}

static int
load_cadence(struct crm_fu_rules *r, struct crm_config *c, yaml_node_t *map,
    struct crm_error *e)
{
	static const char *const keys[] = { "column", "default", "every",
	    "weights", "channel", "action", NULL };
	yaml_node_t *every, *weights;
	yaml_node_pair_t *p;

	if (crm_config_check_keys(c, map, keys, e) < 0 ||
	    get_text(c, map, "column", &r->key, e) < 0 ||
	    get_interval(c, map, "default", &r->default_every, e) < 0 ||
	    get_text(c, map, "channel", &r->cadence_channel, e) < 0 ||
	    get_text(c, map, "action", &r->cadence_action, e) < 0)
		return -1;
	if ((every = crm_config_get(c, map, "every")) != NULL) {
		if (every->type != YAML_MAPPING_NODE)
			return crm_config_error_at(c, every, e, "expected a "
			    "mapping of %s values to intervals", r->key);
		for (p = every->data.mapping.pairs.start;
		    p < every->data.mapping.pairs.top; p++) {
			yaml_node_t *k = yaml_document_get_node(&c->doc,
			    p->key);
			yaml_node_t *v = yaml_document_get_node(&c->doc,
			    p->value);
			struct crm_fu_cadence *cd;
			const char *value, *text;

			if (crm_config_string(c, k, &value, e) < 0 ||
			    crm_config_string(c, v, &text, e) < 0)
				return -1;
			if ((cd = cadence_entry(r, value, e)) == NULL)
				return -1;
			if (cd->has_every)
				return crm_config_error_at(c, k, e,
				    "duplicate key '%s'", value);
			if (crm_interval_parse(text, &cd->every) < 0)
				return crm_config_error_at(c, v, e, "expected "
				    "an interval such as \"2 weeks\", got "
				    "\"%s\"", text);
			cd->has_every = 1;
		}
	}
	if ((weights = crm_config_get(c, map, "weights")) != NULL) {
		if (weights->type != YAML_MAPPING_NODE)
			return crm_config_error_at(c, weights, e, "expected a "
			    "mapping of %s values to numbers", r->key);
		for (p = weights->data.mapping.pairs.start;
		    p < weights->data.mapping.pairs.top; p++) {
			yaml_node_t *k = yaml_document_get_node(&c->doc,
			    p->key);
			yaml_node_t *v = yaml_document_get_node(&c->doc,
			    p->value);
			struct crm_fu_cadence *cd;
			const char *value;

			if (crm_config_string(c, k, &value, e) < 0)
				return -1;
			if ((cd = cadence_entry(r, value, e)) == NULL)
				return -1;
			if (cd->has_weight)
				return crm_config_error_at(c, k, e,
				    "duplicate key '%s'", value);
			if (decimal_at(c, v, &cd->weight, e) < 0)
				return -1;
			cd->weight_node = v;
			cd->has_weight = 1;
		}
	}
	return 0;
}

static int
load_winback(struct crm_fu_rules *r, struct crm_config *c, yaml_node_t *map,
    struct crm_error *e)
{
	static const char *const keys[] = { "values", "every", "channel",
	    "action", NULL };
	yaml_node_t *values;
	size_t n, i;
	int got, added;

	if (crm_config_check_keys(c, map, keys, e) < 0 ||
	    (got = get_interval(c, map, "every", &r->winback_every, e)) < 0 ||
	    get_text(c, map, "channel", &r->winback_channel, e) < 0 ||
	    get_text(c, map, "action", &r->winback_action, e) < 0)
		return -1;
	if (got == 0)
		return crm_config_error_at(c, map, e, "missing key 'every'");
	if ((values = crm_config_get(c, map, "values")) == NULL)
		return crm_config_error_at(c, map, e, "missing key 'values'");
	if (crm_config_seq_len(c, values, &n, e) < 0)
		return -1;
	if ((r->lost = calloc(n ? n : 1, sizeof(*r->lost))) == NULL)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "out of memory");
	for (i = 0; i < n; i++)
		if (crm_config_string(c, crm_config_seq_item(c, values, i),
		    &r->lost[i], e) < 0 ||
		    crm_keyset_add(&r->lost_keys, r->lost[i],
		    strlen(r->lost[i]), &added, e) < 0)
			return -1;
	r->nlost = n;
	r->has_winback = 1;
	return 0;
}

static int
load_complaints(struct crm_fu_rules *r, struct crm_config *c,
    yaml_node_t *map, struct crm_error *e)
{
	static const char *const keys[] = { "priority", "channel", "action",
	    NULL };

	if (crm_config_check_keys(c, map, keys, e) < 0 ||
	    get_decimal(c, map, "priority", &r->complaint_priority,
	    &r->complaint_node, e) < 0 ||
	    get_text(c, map, "channel", &r->complaint_channel, e) < 0 ||
	    get_text(c, map, "action", &r->complaint_action, e) < 0)
		return -1;
	return 0;
}

/*
 * The keys of a trigger on a number (below): the column under a
 * threshold, optionally a value column at a minimum, and how long after
 * a contact it is not due again.  Returns 1 for such a trigger, 0 for a
 * date trigger, -1 on error.
 */
static int
load_threshold(struct crm_fu_date_rule *d, struct crm_config *c,
    yaml_node_t *map, struct crm_error *e)
{
	yaml_node_t *n = crm_config_get(c, map, "below");
	int every, has_min = crm_config_get(c, map, "min_value") != NULL;

	if ((every = get_interval(c, map, "every", &d->every, e)) < 0 ||
	    get_text(c, map, "value", &d->value, e) < 0 ||
	    get_number(c, map, "min_value", &d->min_value, e) < 0)
		return -1;
	if (n == NULL) {
		if (every || d->value != NULL || has_min)
			return crm_config_error_at(c, map, e, "every, value "
			    "and min_value are for a trigger with below");
		return 0;
	}
	if (crm_config_number(c, n, &d->below, e) < 0)
		return -1;
	if ((d->value != NULL) != has_min)
		return crm_config_error_at(c, map, e,
		    "give value and min_value together");
	if (crm_config_get(c, map, "before") != NULL ||
	    crm_config_get(c, map, "after") != NULL ||
	    crm_config_get(c, map, "yearly") != NULL)
		return crm_config_error_at(c, map, e, "a trigger with below "
		    "takes no before, after or yearly");
	if (!every)
		d->every = ninety_days;
	d->threshold = 1;
	return 1;
}

/* One milestone (milestone != 0) or trigger of the list. */
static int
load_date_rule(struct crm_fu_rules *r, struct crm_config *c,
    yaml_node_t *map, int milestone, struct crm_error *e)
{
	static const char *const mkeys[] = { "column", "after", "reason",
	    "channel", "action", "priority", NULL };
	static const char *const tkeys[] = { "column", "before", "after",
	    "yearly", "below", "value", "min_value", "every", "reason",
	    "channel", "action", "priority", NULL };
	struct crm_fu_date_rule *d;
	int before, after, yearly = 0, thr;
	yaml_node_t *n;

	if (crm_config_check_keys(c, map, milestone ? mkeys : tkeys, e) < 0)
		return -1;
	d = realloc(r->dates, (r->ndates + 1) * sizeof(*d));
	if (d == NULL)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "out of memory");
	r->dates = d;
	d = &r->dates[r->ndates];
	memset(d, 0, sizeof(*d));
	d->node = map;
	d->col = d->value_col = -1;
	d->milestone = milestone;
	d->channel = r->cadence_channel;
	d->action = milestone ? "follow up on the purchase" : "get in touch";
	if (get_text(c, map, "column", &d->column, e) < 0 ||
	    (before = get_interval(c, map, "before", &d->offset, e)) < 0 ||
	    (after = get_interval(c, map, "after", &d->offset, e)) < 0 ||
	    get_text(c, map, "reason", &d->name, e) < 0 ||
	    get_text(c, map, "channel", &d->channel, e) < 0 ||
	    get_text(c, map, "action", &d->action, e) < 0 ||
	    get_decimal(c, map, "priority", &d->priority, &d->priority_node,
	    e) < 0)
		return -1;
	if (d->column == NULL)
		return crm_config_error_at(c, map, e, "missing key 'column'");
	if (!milestone && (thr = load_threshold(d, c, map, e)) != 0) {
		if (thr < 0)
			return -1;
		if (d->name == NULL)
			d->name = d->column;
		r->ndates++;
		return 0;
	}
	if ((n = crm_config_get(c, map, "yearly")) != NULL &&
	    crm_config_bool(c, n, &yearly, e) < 0)
		return -1;
	if (before && after)
		return crm_config_error_at(c, map, e,
		    "give before or after, not both");
	if (yearly && after)
		return crm_config_error_at(c, map, e,
		    "a yearly trigger takes before (or nothing), not after");
	if (!yearly && !before && !after)
		return crm_config_error_at(c, map, e, milestone ?
		    "missing key 'after'" :
		    "missing key 'before', 'after' or 'yearly'");
	d->when = yearly ? CRM_YEARLY : before ? CRM_BEFORE : CRM_AFTER;
	if (d->name == NULL)
		d->name = d->column;
	r->ndates++;
	return 0;
}

static int
load_date_rules(struct crm_fu_rules *r, struct crm_config *c,
    yaml_node_t *list, int milestone, struct crm_error *e)
{
	size_t n, i;

	if (crm_config_seq_len(c, list, &n, e) < 0)
		return -1;
	for (i = 0; i < n; i++)
		if (load_date_rule(r, c, crm_config_seq_item(c, list, i),
		    milestone, e) < 0)
			return -1;
	return 0;
}

static int
load_workdays(struct crm_fu_rules *r, struct crm_config *c, yaml_node_t *map,
    struct crm_error *e)
{
	static const char *const keys[] = { "weekend", "holidays", NULL };
	yaml_node_t *n;
	int32_t *days;
	size_t len, i;
	int rv;

	if (crm_config_check_keys(c, map, keys, e) < 0)
		return -1;
	if ((n = crm_config_get(c, map, "weekend")) != NULL) {
		if (crm_config_seq_len(c, n, &len, e) < 0)
			return -1;
		memset(r->workdays.weekend, 0, sizeof(r->workdays.weekend));
		for (i = 0; i < len; i++) {
			yaml_node_t *item = crm_config_seq_item(c, n, i);
			const char *name;
			int d;

			if (crm_config_string(c, item, &name, e) < 0)
				return -1;
			if ((d = crm_weekday_parse(name)) < 0)
				return crm_config_error_at(c, item, e,
				    "expected a day of the week, got \"%s\"",
				    name);
			r->workdays.weekend[d] = 1;
		}
		for (i = 0; i < 7 && r->workdays.weekend[i]; i++)
			;
		if (i == 7)
			return crm_config_error_at(c, n, e,
			    "every day of the week is off: nothing could be "
			    "scheduled");
	}
	if ((n = crm_config_get(c, map, "holidays")) == NULL)
		return 0;
	if (crm_config_seq_len(c, n, &len, e) < 0)
		return -1;
	if ((days = calloc(len ? len : 1, sizeof(*days))) == NULL)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "out of memory");
	for (i = 0; i < len; i++)
		if (crm_config_date(c, crm_config_seq_item(c, n, i), &days[i],
		    e) < 0) {
			free(days);
			return -1;
		}
	rv = crm_workdays_set_holidays(&r->workdays, days, len, e);
	free(days);
	return rv;
}

static int
load_hours(struct crm_fu_rules *r, struct crm_config *c, yaml_node_t *map,
    struct crm_error *e)
{
	static const char *const keys[] = { "from", "monday_from", NULL };
	const char *const *k;

	if (crm_config_check_keys(c, map, keys, e) < 0 ||
	    get_text(c, map, "from", &r->call_from, e) < 0 ||
	    get_text(c, map, "monday_from", &r->monday_from, e) < 0)
		return -1;
	if (r->monday_from != NULL && r->call_from == NULL)
		return crm_config_error_at(c, map, e,
		    "monday_from needs from: the hour of the other days");
	for (k = keys; *k != NULL; k++) {
		yaml_node_t *n = crm_config_get(c, map, *k);
		const char *t;

		if (n == NULL)
			continue;
		crm_config_string(c, n, &t, e);
		if (strlen(t) != 5 || t[2] != ':' || t[0] < '0' ||
		    t[0] > '2' || t[1] < '0' || t[1] > '9' || t[3] < '0' ||
		    t[3] > '5' || t[4] < '0' || t[4] > '9' ||
		    (t[0] == '2' && t[1] > '3'))
			return crm_config_error_at(c, n, e,
			    "expected a time HH:MM, got \"%s\"", t);
	}
	return 0;
}

static int
load_backoff(struct crm_fu_rules *r, struct crm_config *c, yaml_node_t *map,
    struct crm_error *e)
{
	static const char *const keys[] = { "unanswered", "wait", NULL };
	long v;

	if (crm_config_check_keys(c, map, keys, e) < 0)
		return -1;
	if (crm_config_get(c, map, "unanswered") == NULL ||
	    crm_config_get(c, map, "wait") == NULL)
		return crm_config_error_at(c, map, e,
		    "backoff needs both 'unanswered' and 'wait'");
	if (crm_config_int(c, crm_config_get(c, map, "unanswered"), &v,
	    e) < 0 || get_interval(c, map, "wait", &r->backoff_wait, e) < 0)
		return -1;
	if (v < 1)
		return crm_config_error_at(c, crm_config_get(c, map,
		    "unanswered"), e, "expected 1 or more attempts");
	r->backoff_after = v;
	return 0;
}

static int
load_priority(struct crm_fu_rules *r, struct crm_config *c, yaml_node_t *map,
    struct crm_error *e)
{
	static const char *const keys[] = { "per_day_overdue", "value",
	    "per_value", NULL };

	if (crm_config_check_keys(c, map, keys, e) < 0 ||
	    get_decimal(c, map, "per_day_overdue", &r->per_day_overdue,
	    &r->per_day_node, e) < 0 ||
	    get_text(c, map, "value", &r->value, e) < 0 ||
	    get_decimal(c, map, "per_value", &r->per_value, NULL, e) < 0)
		return -1;
	if (r->per_value.units != 0 && r->value == NULL)
		return crm_config_error_at(c, map, e,
		    "per_value needs a value column");
	return 0;
}

static int
load_capacity(struct crm_fu_rules *r, struct crm_config *c, yaml_node_t *n,
    struct crm_error *e)
{
	long v;

	if (crm_config_int(c, n, &v, e) < 0)
		return -1;
	if (v < 1)
		return crm_config_error_at(c, n, e,
		    "expected 1 or more follow-ups per owner and day");
	r->capacity = v;
	return 0;
}

static int
load_milestones(struct crm_fu_rules *r, struct crm_config *c,
    yaml_node_t *list, struct crm_error *e)
{
	return load_date_rules(r, c, list, 1, e);
}

static int
load_triggers(struct crm_fu_rules *r, struct crm_config *c,
    yaml_node_t *list, struct crm_error *e)
{
	return load_date_rules(r, c, list, 0, e);
}

static int
load_window(struct crm_fu_rules *r, struct crm_config *c, yaml_node_t *n,
    struct crm_error *e)
{
	return interval_at(c, n, &r->window, e);
}

/*
 * The top-level keys of a config and their loaders, in the order they
 * are read: when two sections are wrong, the first is the one reported.
 */
static const struct section {
	const char *key;
	int (*load)(struct crm_fu_rules *, struct crm_config *,
	    yaml_node_t *, struct crm_error *);
} sections[] = {
	{ "columns", load_columns },
	{ "log", load_log },
	{ "cadence", load_cadence },
	{ "winback", load_winback },
	{ "complaints", load_complaints },
	{ "milestones", load_milestones },
	{ "triggers", load_triggers },
	{ "window", load_window },
	{ "backoff", load_backoff },
	{ "workdays", load_workdays },
	{ "priority", load_priority },
	{ "capacity", load_capacity },
	{ "call_hours", load_hours },
};

#define NSECTIONS	(sizeof(sections) / sizeof(sections[0]))

/*
 * The most days a follow-up can be overdue: a cadence or a complaint is
 * due on or after a date of the table (0001-01-01 at the earliest, as-of
 * 9999-12-31 at the latest), a milestone or trigger within the window.
 */
static int64_t
most_days_overdue(const struct crm_fu_rules *r)
{
	static const int64_t most_days[] = { 1, 7, 31 };	/* per unit */
	int64_t span = 3652058, window;

	window = (int64_t)r->window.n * most_days[r->window.unit];
	return window > span ? window : span;
}

/* The larger magnitude, with its node: a priority base or a weight. */
static void
keep_larger(struct crm_decimal *most, yaml_node_t **node,
    const struct crm_decimal *v, yaml_node_t *at)
{
	crm_i128 u = v->units < 0 ? -v->units : v->units;

	if (crm_decimal_ratio_cmp(u, (crm_i128)crm_decimal_pow10(v->scale),
	    most->units, (crm_i128)crm_decimal_pow10(most->scale)) > 0) {
		most->units = u;
		most->scale = v->scale;
		*node = at;
	}
}

/*
 * Refuses settings that could take a priority past 38 digits: the
 * largest per_day_overdue term, base and weight together, each blamed
 * at its node in that order.
 */
static int
check_priority(const struct crm_fu_rules *r, struct crm_config *c,
    struct crm_error *e)
{
	struct crm_decimal acc, days = { most_days_overdue(r), 0 };
	struct crm_decimal base = { 0, 0 }, weight = { 0, 0 }, pdo;
	yaml_node_t *bnode = NULL, *wnode = NULL, *at;
	size_t i;

	pdo = r->per_day_overdue;
	pdo.units = pdo.units < 0 ? -pdo.units : pdo.units;
	keep_larger(&base, &bnode, &r->complaint_priority, r->complaint_node);
	for (i = 0; i < r->ndates; i++)
		keep_larger(&base, &bnode, &r->dates[i].priority,
		    r->dates[i].priority_node);
	for (i = 0; i < r->ncadence; i++)
		keep_larger(&weight, &wnode, &r->cadence[i].weight,
		    r->cadence[i].weight_node);
	at = r->per_day_node;
	if (crm_decimal_mul(&pdo, &days, &acc) == 0) {
		at = bnode;
		if (crm_decimal_add_to(&acc, &base) == 0) {
			at = wnode;
			if (crm_decimal_add_to(&acc, &weight) == 0)
				return 0;
		}
	}
	return crm_config_error_at(c, at != NULL ? at : crm_config_root(c), e,
	    "this number can take a priority past %d digits (base + "
	    "per_day_overdue * days overdue + weight)", CRM_DECIMAL_DIGITS);
}

int
crm_fu_load(struct crm_fu_rules *r, struct crm_config *c,
    struct crm_error *e)
{
	const char *keys[NSECTIONS + 1];
	yaml_node_t *root = crm_config_root(c), *n;
	size_t i;

	crm_fu_defaults(r);
	for (i = 0; i < NSECTIONS; i++)
		keys[i] = sections[i].key;
	keys[NSECTIONS] = NULL;
	if (crm_config_check_keys(c, root, keys, e) < 0)
		return -1;
	for (i = 0; i < NSECTIONS; i++)
		if ((n = crm_config_get(c, root, sections[i].key)) != NULL &&
		    sections[i].load(r, c, n, e) < 0)
			return -1;
	return check_priority(r, c, e);
}

/* A column: required when the config needs it, else read if it is there. */
static int
bind_contact(const struct crm_header *h, const char *name, int named,
    long *col, struct crm_error *e)
{
	if (named)
		return crm_header_require(h, name, col, e);
	return crm_header_optional(h, name, col, e);
}

int
crm_fu_bind(struct crm_fu_rules *r, const struct crm_header *h,
    struct crm_error *e)
{
	const char *file = h->file;
	size_t i;

	if (crm_header_require(h, r->id, &r->id_col, e) < 0 ||
	    crm_header_require(h, r->owner, &r->owner_col, e) < 0)
		return -1;
	if (bind_contact(h, r->last_contact, r->last_contact_named,
	    &r->last_contact_col, e) < 0)
		return -1;
	/* the cadence column matters only when cadences name its values */
	if (bind_contact(h, r->key, r->ncadence > 0 || r->has_winback,
	    &r->key_col, e) < 0)
		return -1;
	if (r->value != NULL && crm_header_require(h, r->value,
	    &r->value_col, e) < 0)
		return -1;
	for (i = 0; i < r->ndates; i++)
		if (crm_header_require(h, r->dates[i].column,
		    &r->dates[i].col, e) < 0 ||
		    (r->dates[i].value != NULL && crm_header_require(h,
		    r->dates[i].value, &r->dates[i].value_col, e) < 0))
			return -1;
	if (bind_contact(h, r->name, r->name_named, &r->name_col, e) < 0 ||
	    bind_contact(h, r->phone, r->phone_named, &r->phone_col, e) < 0 ||
	    bind_contact(h, r->email, r->email_named, &r->email_col, e) < 0)
		return -1;
	if (crm_header_optional(h, r->dnc, &r->dnc_col, e) < 0 ||
	    crm_header_optional(h, r->dnc_call, &r->dnc_call_col, e) < 0 ||
	    crm_header_optional(h, r->dnc_email, &r->dnc_email_col, e) < 0)
		return -1;
	/* flags named in the config must be there: a typo must not open
	   the door to customers who asked not to be contacted */
	if (r->dnc_named && r->dnc_col < 0 && r->dnc_call_col < 0 &&
	    r->dnc_email_col < 0)
		return crm_error_set(e, CRM_EXIT_USAGE, file, 0, 0,
		    "none of the do-not-contact columns the config names "
		    "(%s, %s, %s) is in the header", r->dnc, r->dnc_call,
		    r->dnc_email);
	return 0;
}

static void
interval_text(const struct crm_interval *iv, char *buf, size_t size)
{
	static const char *const units[] = { "day", "week", "month" };

	snprintf(buf, size, "%ld %s%s", iv->n, units[iv->unit],
	    iv->n == 1 ? "" : "s");
}

static int
bad_field(const struct crm_record *rec, long col, const char *name,
    const char *what, struct crm_error *e)
{
	char q[64];

	return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
	    "column '%s': invalid %s %s", name, what,
	    crm_error_quote(rec->field[col], rec->len[col], q, sizeof(q)));
}

/* A date field: 1 with *d, 0 when empty, -1 when invalid. */
static int
date_field(const struct crm_record *rec, long col, const char *name,
    const struct crm_fu_env *env, int32_t *d, struct crm_error *e)
{
	int r = crm_date_parse(rec->field[col], env->date_format, d);

	if (r == CRM_VALUE_EMPTY)
		return 0;
	if (r != CRM_VALUE_OK)
		return crm_field_bad_date(name, rec->field[col], rec->len[col],
		    env->date_format, e);
	return 1;
}

static int
flag(const struct crm_record *rec, long col, const char *name, int *on,
    struct crm_error *e)
{
	*on = 0;
	if (col < 0)
		return 0;
	if (crm_bool_parse(rec->field[col], on) != CRM_VALUE_OK)
		return bad_field(rec, col, name, "yes/no value", e);
	return 0;
}

/* Whether the customer blocks this channel. */
static int
blocked(const char *channel, int all, int call, int email)
{
	if (all)
		return 1;
	if (call && strcasecmp(channel, "phone") == 0)
		return 1;
	return email && strcasecmp(channel, "email") == 0;
}

/* Drops a UTF-8 character that snprintf cut short at the end of s. */
static void
utf8_trim(char *s)
{
	size_t n = strlen(s), i = n, need;
	unsigned char lead;

	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i == 0)
		return;
	lead = (unsigned char)s[i - 1];
	need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
	if (n - (i - 1) < need)
		s[i - 1] = '\0';
}

/* One customer being evaluated, and the best follow-up found so far. */
struct candidate_ctx {
	const struct crm_fu_rules *r;
	const struct crm_fu_env *env;
	const struct crm_contact *contact;
	const char *key;		/* the cadence column's value, or "" */
	const struct crm_fu_cadence *cd;	/* its cadence entry, or NULL */
	int32_t last;			/* last contact, or CRM_NO_DATE */
	/* the segment's weight plus per_value * the value, or 0 */
	struct crm_decimal extra;
	long value_col;			/* where the value came from, or -1 */
	const struct crm_record *rec;
	int dnc_all, dnc_call, dnc_email;
	size_t *suppressed;
	struct crm_fu_due *best;
	int have;
};

static int
better(const struct crm_fu_due *a, const struct crm_fu_due *b, int32_t as_of)
{
	int at = a->due <= as_of, bt = b->due <= as_of, c;

	if (at != bt)
		return at;
	/* the nearest doubles first: they tie only past 15 digits */
	if (a->priority != b->priority)
		return a->priority > b->priority;
	if ((c = crm_decimal_cmp(&a->prio, &b->prio)) != 0)
		return c > 0;
	return a->due < b->due;
}

/*
 * The priority of a follow-up due days_overdue days ago (0 for one not
 * yet due), exactly; -1 with *e when it passes 38 digits, which after
 * check_priority only a value column can make it do.
 */
static int
priority_of(const struct candidate_ctx *x, const struct crm_decimal *base,
    int64_t days_overdue, struct crm_decimal *out, struct crm_error *e)
{
	struct crm_decimal days = { days_overdue, 0 }, t;
	char q[64];

	*out = *base;
	if ((days_overdue == 0 ||
	    (crm_decimal_mul(&x->r->per_day_overdue, &days, &t) == 0 &&
	    crm_decimal_add_to(out, &t) == 0)) &&
	    (x->extra.units == 0 || crm_decimal_add_to(out, &x->extra) == 0))
		return 0;
	if (x->value_col < 0)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0, "the "
		    "priority passes %d digits: %lld days overdue",
		    CRM_DECIMAL_DIGITS, (long long)days_overdue);
	return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0, "column '%s': "
	    "value %s takes the priority past %d digits", x->r->value,
	    crm_error_quote(x->rec->field[x->value_col],
	    x->rec->len[x->value_col], q, sizeof(q)), CRM_DECIMAL_DIGITS);
}

/*
 * Applies back-off, working days, do-not-contact and the horizon to one
 * follow-up, and keeps it if it beats the best so far.  Fails only when
 * its priority passes 38 digits.
 */
static int
consider(struct candidate_ctx *x, enum crm_fu_kind kind, int32_t due,
    const struct crm_decimal *base, const char *channel, const char *action,
    const char *reason, struct crm_error *e)
{
	const struct crm_fu_rules *r = x->r;
	const struct crm_contact *ct = x->contact;
	struct crm_fu_due d;
	char extra[96] = "", ds[16];
	int32_t next;
	int64_t overdue;

	if (kind != CRM_FU_COMPLAINT && r->backoff_after > 0 && ct != NULL &&
	    ct->unanswered >= (uint32_t)r->backoff_after) {
		int32_t wait = crm_date_add(ct->last_unanswered,
		    &r->backoff_wait);

		if (wait > due) {
			due = wait;
			crm_date_format(wait, ds);
			snprintf(extra, sizeof(extra), "; %u unanswered "
			    "attempts, so not before %s", ct->unanswered, ds);
		}
	}
	if ((next = crm_next_workday(&r->workdays, due)) != CRM_NO_WORKDAY)
		due = next;
	if (due > x->env->as_of + x->env->horizon)
		return 0;
	if (blocked(channel, x->dnc_all, x->dnc_call, x->dnc_email)) {
		(*x->suppressed)++;
		return 0;
	}
	overdue = (int64_t)x->env->as_of - due;
	d.kind = kind;
	d.due = due;
	if (priority_of(x, base, overdue > 0 ? overdue : 0, &d.prio, e) < 0)
		return -1;
	d.priority = crm_decimal_to_double(d.prio.units, d.prio.scale);
	d.channel = channel;
	d.action = action;
	/* what is due by today beats what a --horizon looks ahead to */
	if (x->have && !better(&d, x->best, x->env->as_of))
		return 0;
	/* field by field: only a winner pays for formatting its reason */
	x->best->kind = d.kind;
	x->best->due = d.due;
	x->best->prio = d.prio;
	x->best->priority = d.priority;
	x->best->channel = d.channel;
	x->best->action = d.action;
	snprintf(x->best->reason, sizeof(x->best->reason), "%s%s", reason,
	    extra);
	utf8_trim(x->best->reason);
	x->have = 1;
	return 0;
}

long
crm_fu_cadence_find(const struct crm_fu_rules *r, const char *value,
    size_t len)
{
	return crm_keyset_find(&r->cadence_keys, value, len);
}

long
crm_fu_lost_find(const struct crm_fu_rules *r, const char *value,
    size_t len)
{
	return crm_keyset_find(&r->lost_keys, value, len);
}

/* The due date of a milestone or trigger, or 0 when none is pending. */
static int
date_rule_due(const struct crm_fu_rules *r, const struct crm_fu_date_rule *d,
    int32_t date, int32_t last, const struct crm_fu_env *env, int32_t *due,
    int32_t *event)
{
	int32_t oldest = crm_date_sub(env->as_of, &r->window);

	switch (d->when) {
	case CRM_AFTER:
		*event = date;
		*due = crm_date_add(date, &d->offset);
		break;
	case CRM_BEFORE:
		*event = date;
		if (date < env->as_of)
			return 0;	/* the event has passed */
		*due = crm_date_sub(date, &d->offset);
		break;
	case CRM_YEARLY:
		/*
		 * The earliest occurrence, never before the date itself,
		 * whose reminder is still pending; once it is done, the next.
		 */
		*event = crm_next_anniversary(date, oldest > date ? oldest :
		    date);
		*due = crm_date_sub(*event, &d->offset);
		if (*due < oldest || (last != CRM_NO_DATE && last >= *due)) {
			*event = crm_next_anniversary(date, *event + 1);
			*due = crm_date_sub(*event, &d->offset);
		}
		break;
	}
	if (*due < oldest)
		return 0;		/* missed for longer than the window */
	if (last != CRM_NO_DATE && last >= *due)
		return 0;		/* done: contacted since it fell due */
	return 1;
}

/*
 * Reads what the rules need from the customer's row into x: the
 * do-not-contact flags, the value, the segment and its weight, and the
 * last contact (the later of the table's and the log's).
 */
static int
read_customer(struct candidate_ctx *x, const struct crm_record *rec,
    struct crm_error *e)
{
	const struct crm_fu_rules *r = x->r;
	const struct crm_contact *ct = x->contact;
	char q[64];
	int32_t d;
	int got, v;

	if (flag(rec, r->dnc_col, r->dnc, &x->dnc_all, e) < 0 ||
	    flag(rec, r->dnc_call_col, r->dnc_call, &x->dnc_call, e) < 0 ||
	    flag(rec, r->dnc_email_col, r->dnc_email, &x->dnc_email, e) < 0)
		return -1;
	if (r->key_col >= 0) {
		long k = crm_fu_cadence_find(r, rec->field[r->key_col],
		    rec->len[r->key_col]);

		x->key = rec->field[r->key_col];
		if (k >= 0) {
			x->cd = &r->cadence[k];
			x->extra = x->cd->weight;
		}
	}
	if (r->value_col >= 0) {
		struct crm_decimal value = { 0, 0 }, t;

		v = crm_decimal_parse(rec->field[r->value_col],
		    x->env->decimal_comma, &value, NULL);
		/* an empty value is 0; the field's message for a bad one */
		if (v != CRM_VALUE_OK && v != CRM_VALUE_EMPTY)
			return crm_field_decimal(rec, r->value_col, r->value,
			    x->env->decimal_comma, &value, NULL, e);
		x->value_col = r->value_col;
		if (crm_decimal_mul(&r->per_value, &value, &t) < 0 ||
		    crm_decimal_add_to(&x->extra, &t) < 0)
			return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
			    "column '%s': value %s takes the priority past "
			    "%d digits", r->value, crm_error_quote(
			    rec->field[r->value_col], rec->len[r->value_col],
			    q, sizeof(q)), CRM_DECIMAL_DIGITS);
	}
	if (r->last_contact_col >= 0) {
		if ((got = date_field(rec, r->last_contact_col,
		    r->last_contact, x->env, &d, e)) < 0)
			return -1;
		if (got)
			x->last = d;
	}
	if (ct != NULL && ct->last_talk != CRM_NO_DATE &&
	    (x->last == CRM_NO_DATE || ct->last_talk > x->last))
		x->last = ct->last_talk;
	return 0;
}

static int
consider_complaint(struct candidate_ctx *x, struct crm_error *e)
{
	const struct crm_fu_rules *r = x->r;
	char reason[512], a[16];

	if (x->contact == NULL || !crm_contact_complaint_open(x->contact))
		return 0;
	crm_date_format(x->contact->last_complaint, a);
	snprintf(reason, sizeof(reason), "open complaint since %s", a);
	return consider(x, CRM_FU_COMPLAINT, x->contact->last_complaint,
	    &r->complaint_priority, r->complaint_channel, r->complaint_action,
	    reason, e);
}

static const struct crm_decimal zero;

/* The win-back cadence, for a customer whose segment says lost. */
static int
consider_winback(struct candidate_ctx *x, struct crm_error *e)
{
	const struct crm_fu_rules *r = x->r;
	char reason[512], a[16], iv[32];
	int32_t due;

	interval_text(&r->winback_every, iv, sizeof(iv));
	if (x->last == CRM_NO_DATE) {
		snprintf(reason, sizeof(reason), "win-back (%s): no contact "
		    "on record", x->key);
		due = x->env->as_of;
	} else {
		crm_date_format(x->last, a);
		snprintf(reason, sizeof(reason), "win-back (%s): every %s, "
		    "last contact %s", x->key, iv, a);
		due = crm_date_add(x->last, &r->winback_every);
	}
	return consider(x, CRM_FU_WINBACK, due, &zero, r->winback_channel,
	    r->winback_action, reason, e);
}

/* The segment's cadence, or the default one. */
static int
consider_cadence(struct candidate_ctx *x, struct crm_error *e)
{
	const struct crm_fu_rules *r = x->r;
	const struct crm_interval *every;
	int own = x->cd != NULL && x->cd->has_every;
	char reason[512], a[16], iv[32];
	int32_t due;

	every = own ? &x->cd->every : &r->default_every;
	interval_text(every, iv, sizeof(iv));
	if (x->last == CRM_NO_DATE) {
		snprintf(reason, sizeof(reason), "no contact on record");
		due = x->env->as_of;
	} else {
		crm_date_format(x->last, a);
		if (*x->key != '\0' && own)
			snprintf(reason, sizeof(reason), "every %s for %s, "
			    "last contact %s", iv, x->key, a);
		else
			snprintf(reason, sizeof(reason), "every %s, last "
			    "contact %s", iv, a);
		due = crm_date_add(x->last, every);
	}
	return consider(x, CRM_FU_CADENCE, due, &zero, r->cadence_channel,
	    r->cadence_action, reason, e);
}

/* Why a date rule is due: its name, offset and event (date: the field). */
static void
date_rule_reason(const struct crm_fu_date_rule *dr, int32_t event,
    int32_t date, char *reason, size_t size)
{
	char a[16], b[16], iv[32];

	crm_date_format(event, a);
	interval_text(&dr->offset, iv, sizeof(iv));
	switch (dr->when) {
	case CRM_AFTER:
		snprintf(reason, size, "%s: %s after %s", dr->name, iv, a);
		break;
	case CRM_BEFORE:
		snprintf(reason, size, "%s: %s before %s", dr->name, iv, a);
		break;
	case CRM_YEARLY:
		crm_date_format(date, b);
		if (dr->offset.n == 0)
			snprintf(reason, size, "%s on %s (every year since "
			    "%s)", dr->name, a, b);
		else
			snprintf(reason, size, "%s on %s (every year since "
			    "%s): %s before", dr->name, a, b, iv);
		break;
	}
}

/* A number field: 1 with *v, 0 when empty, -1 when invalid. */
static int
number_field(const struct crm_record *rec, long col, const char *name,
    const struct crm_fu_env *env, double *v, struct crm_error *e)
{
	int r = crm_number_parse(rec->field[col], env->decimal_comma, v,
	    NULL);

	if (r == CRM_VALUE_EMPTY)
		return 0;
	if (r != CRM_VALUE_OK)
		return bad_field(rec, col, name, "number", e);
	return 1;
}

/*
 * A trigger on a number: due when the column is below the threshold
 * (and the value column at its minimum), at once, or when `every` has
 * passed since the last contact; never before today, as no one knows
 * since when it has held.  An empty field does not hold.
 */
static int
consider_threshold(struct candidate_ctx *x, const struct crm_record *rec,
    const struct crm_fu_date_rule *dr, struct crm_error *e)
{
	char reason[512], cond[256] = "", a[16], iv[32], t[64], m[64];
	double v, w;
	int got;
	int32_t due = x->env->as_of;

	if ((got = number_field(rec, dr->col, dr->column, x->env, &v,
	    e)) <= 0 || !(v < dr->below))
		return got;
	if (dr->value != NULL && ((got = number_field(rec, dr->value_col,
	    dr->value, x->env, &w, e)) <= 0 || !(w >= dr->min_value)))
		return got;
	crm_fraction_format(dr->below, 6, t, sizeof(t));
	crm_fraction_format(dr->min_value, 6, m, sizeof(m));
	if (dr->value != NULL)
		snprintf(cond, sizeof(cond), ", %s %s at least %s", dr->value,
		    rec->field[dr->value_col], m);
	if (x->last == CRM_NO_DATE) {
		snprintf(reason, sizeof(reason), "%s: %s %s below %s%s, no "
		    "contact on record", dr->name, dr->column,
		    rec->field[dr->col], t, cond);
	} else {
		crm_date_format(x->last, a);
		interval_text(&dr->every, iv, sizeof(iv));
		snprintf(reason, sizeof(reason), "%s: %s %s below %s%s, "
		    "last contact %s (every %s)", dr->name, dr->column,
		    rec->field[dr->col], t, cond, a, iv);
		if (crm_date_add(x->last, &dr->every) > due)
			due = crm_date_add(x->last, &dr->every);
	}
	return consider(x, CRM_FU_TRIGGER, due, &dr->priority, dr->channel,
	    dr->action, reason, e);
}

static int
consider_date_rules(struct candidate_ctx *x, const struct crm_record *rec,
    struct crm_error *e)
{
	const struct crm_fu_rules *r = x->r;
	char reason[512];
	int32_t d, due = 0, event = 0;
	size_t i;
	int got;

	for (i = 0; i < r->ndates; i++) {
		const struct crm_fu_date_rule *dr = &r->dates[i];

		if (dr->threshold) {
			if (consider_threshold(x, rec, dr, e) < 0)
				return -1;
			continue;
		}
		if ((got = date_field(rec, dr->col, dr->column, x->env, &d,
		    e)) < 0)
			return -1;
		if (!got || !date_rule_due(r, dr, d, x->last, x->env, &due,
		    &event))
			continue;
		date_rule_reason(dr, event, d, reason, sizeof(reason));
		if (consider(x, dr->milestone ? CRM_FU_MILESTONE :
		    CRM_FU_TRIGGER, due, &dr->priority, dr->channel,
		    dr->action, reason, e) < 0)
			return -1;
	}
	return 0;
}

int
crm_fu_evaluate(const struct crm_fu_rules *r, const struct crm_record *rec,
    const struct crm_contact *contact, const struct crm_fu_env *env,
    struct crm_fu_due *out, size_t *suppressed, struct crm_error *e)
{
	struct candidate_ctx x;

	memset(&x, 0, sizeof(x));
	x.r = r;
	x.env = env;
	x.contact = contact;
	x.key = "";
	x.last = CRM_NO_DATE;
	x.suppressed = suppressed;
	x.best = out;
	x.rec = rec;
	x.value_col = -1;
	if (read_customer(&x, rec, e) < 0 || consider_complaint(&x, e) < 0 ||
	    (r->has_winback && crm_fu_lost_find(r, x.key, strlen(x.key)) >=
	    0 ? consider_winback(&x, e) :
	    consider_cadence(&x, e)) < 0 ||
	    consider_date_rules(&x, rec, e) < 0)
		return -1;
	return x.have;
}

/* Lower-case letters and digits only: "Do Not-Call" -> "donotcall". */
static void
squeeze(const char *s, char *out, size_t size)
{
	size_t o = 0;

	for (; *s != '\0' && o + 1 < size; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch >= 'A' && ch <= 'Z')
			out[o++] = (char)(ch - 'A' + 'a');
		else if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
			out[o++] = (char)ch;
	}
	out[o] = '\0';
}

const char *
crm_fu_unread_flag(const struct crm_fu_rules *r,
    const struct crm_record *header)
{
	static const char *const looks[] = { "donotcontact", "donotcall",
	    "donotemail", "donotmail", "dnc", "optout", "optedout",
	    "nocontact", "nocall", "noemail", "unsubscribed" };
	char name[64];
	size_t i, j;

	for (i = 0; i < header->n; i++) {
		if ((long)i == r->dnc_col || (long)i == r->dnc_call_col ||
		    (long)i == r->dnc_email_col)
			continue;
		squeeze(header->field[i], name, sizeof(name));
		for (j = 0; j < sizeof(looks) / sizeof(looks[0]); j++)
			if (strcmp(name, looks[j]) == 0)
				return header->field[i];
	}
	return NULL;
}

const char *
crm_fu_cadence_column(const struct crm_fu_rules *r)
{
	return r->key;
}

void
crm_fu_free(struct crm_fu_rules *r)
{
	free(r->cadence);
	crm_keyset_free(&r->cadence_keys);
	free(r->lost);
	crm_keyset_free(&r->lost_keys);
	free(r->dates);
	crm_workdays_free(&r->workdays);
	memset(r, 0, sizeof(*r));
}
