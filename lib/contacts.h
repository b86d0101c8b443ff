/*
 * contacts.h - the contact log, folded into one state per customer.
 *
 * The log may be unsorted, so it is read in two passes: the first finds
 * each customer's last conversation, complaint and resolution; the
 * second counts the unanswered attempts after the last conversation.
 * Memory is one entry per customer, never per log row.
 *
 * Outcomes (any case, surrounding spaces ignored): "reached", "no
 * answer", "complaint", "complaint resolved".  A complaint or a resolution is a conversation too.
 */
#ifndef CRM_CONTACTS_H
#define CRM_CONTACTS_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "keyset.h"

#define CRM_NO_DATE	INT32_MIN

enum crm_outcome {
	CRM_REACHED, CRM_NO_ANSWER, CRM_COMPLAINT, CRM_RESOLVED
};

/* The outcome of text, or -1. */
int crm_outcome_parse(const char *text);

struct crm_contact {
	int32_t last_talk;	/* last reached, complaint or resolution */
	int32_t last_complaint;
	int32_t last_resolved;
	int32_t last_unanswered;
	uint32_t unanswered;	/* no-answer attempts after last_talk */
	int seen_in_table;	/* set by whoever reads the table */
};

struct crm_contacts {
	struct crm_keyset ids;
	struct crm_contact *c;
	size_t cap;
};

void crm_contacts_init(struct crm_contacts *cs);

/* Pass 1 for one log row: conversations, complaints, resolutions. */
int crm_contacts_first(struct crm_contacts *cs, const char *id, size_t len,
    int32_t date, int outcome, struct crm_error *e);

/* Pass 2 for the same row: unanswered attempts after the last talk. */
void crm_contacts_second(struct crm_contacts *cs, const char *id,
    size_t len, int32_t date, int outcome);

/* The state of a customer, or NULL if the log never names it. */
struct crm_contact *crm_contacts_find(struct crm_contacts *cs,
    const char *id, size_t len);

/* Customers of the log not marked seen_in_table (not in the table). */
size_t crm_contacts_unseen(const struct crm_contacts *cs);

/* A complaint is open when no resolution came on or after it. */
int crm_contact_complaint_open(const struct crm_contact *c);

void crm_contacts_free(struct crm_contacts *cs);

#endif
