/*
 * contacts.c - the contact log per customer (see contacts.h).
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "contacts.h"
#include "value.h"

int
crm_outcome_parse(const char *text)
{
	static const char *const names[] = { "reached", "no answer",
	    "complaint", "complaint resolved" };
	size_t i, len = strlen(text);

	crm_text_trim(&text, &len);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (crm_text_casecmp(text, len, names[i], strlen(names[i])) ==
		    0)
			return (int)i;
	return -1;
}

void
crm_contacts_init(struct crm_contacts *cs)
{
	memset(cs, 0, sizeof(*cs));
	crm_keyset_init(&cs->ids);
}

static void
later(int32_t *slot, int32_t date)
{
	if (*slot == CRM_NO_DATE || date > *slot)
		*slot = date;
}

int
crm_contacts_first(struct crm_contacts *cs, const char *id, size_t len,
    int32_t date, int outcome, struct crm_error *e)
{
	struct crm_contact *c;
	long i;
	int added;

	if ((i = crm_keyset_add(&cs->ids, id, len, &added, e)) < 0)
		return -1;
	if (added) {
		if (crm_grow(&cs->c, &cs->cap, (size_t)i + 1,
		    sizeof(*cs->c)) < 0)
			return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
			    "out of memory");
		c = &cs->c[i];
		c->last_talk = c->last_complaint = c->last_resolved =
		    c->last_unanswered = CRM_NO_DATE;
		c->unanswered = 0;
		c->seen_in_table = 0;
	}
	c = &cs->c[i];
	switch (outcome) {
	case CRM_COMPLAINT:
		later(&c->last_complaint, date);
		later(&c->last_talk, date);
		break;
	case CRM_RESOLVED:
		later(&c->last_resolved, date);
		later(&c->last_talk, date);
		break;
	case CRM_REACHED:
		later(&c->last_talk, date);
		break;
	default:
		break;
	}
	return 0;
}

void
crm_contacts_second(struct crm_contacts *cs, const char *id, size_t len,
    int32_t date, int outcome)
{
	struct crm_contact *c = crm_contacts_find(cs, id, len);

	/* same-day order is unknown: a talk that day ends the run */
	if (c == NULL || outcome != CRM_NO_ANSWER ||
	    (c->last_talk != CRM_NO_DATE && date <= c->last_talk))
		return;
	c->unanswered++;
	later(&c->last_unanswered, date);
}

struct crm_contact *
crm_contacts_find(struct crm_contacts *cs, const char *id, size_t len)
{
	long i = crm_keyset_find(&cs->ids, id, len);

	return i < 0 ? NULL : &cs->c[i];
}

size_t
crm_contacts_unseen(const struct crm_contacts *cs)
{
	size_t i, n = 0;

	for (i = 0; i < cs->ids.n; i++)
		if (!cs->c[i].seen_in_table)
			n++;
	return n;
}

int
crm_contact_complaint_open(const struct crm_contact *c)
{
	return c->last_complaint != CRM_NO_DATE &&
	    (c->last_resolved == CRM_NO_DATE ||
	    c->last_resolved < c->last_complaint);
}

void
crm_contacts_free(struct crm_contacts *cs)
{
	free(cs->c);
	crm_keyset_free(&cs->ids);
	memset(cs, 0, sizeof(*cs));
}
