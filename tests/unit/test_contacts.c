/*
 * test_contacts.c - the contact log folded per customer, in two passes
 * over rows in no order.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "contacts.h"
#include "value.h"

struct row {
	const char *id, *date;
	int outcome;
};

static int32_t
day(const char *s)
{
	int32_t d;

	assert_int_equal(crm_date_parse(s, NULL, &d), CRM_VALUE_OK);
	return d;
}

static void
fold(struct crm_contacts *cs, const struct row *rows, size_t n)
{
	struct crm_error e;
	size_t i;

	crm_contacts_init(cs);
	for (i = 0; i < n; i++)
		assert_int_equal(crm_contacts_first(cs, rows[i].id,
		    strlen(rows[i].id), day(rows[i].date), rows[i].outcome,
		    &e), 0);
	for (i = 0; i < n; i++)
		crm_contacts_second(cs, rows[i].id, strlen(rows[i].id),
		    day(rows[i].date), rows[i].outcome);
}

static void
test_outcomes(void **state)
{
	(void)state;
	assert_int_equal(crm_outcome_parse("reached"), CRM_REACHED);
	assert_int_equal(crm_outcome_parse("No Answer"), CRM_NO_ANSWER);
	assert_int_equal(crm_outcome_parse("COMPLAINT"), CRM_COMPLAINT);
	assert_int_equal(crm_outcome_parse("complaint resolved"),
	    CRM_RESOLVED);
	assert_int_equal(crm_outcome_parse("voicemail"), -1);
	assert_int_equal(crm_outcome_parse(""), -1);
}

static void
test_unanswered_after_last_talk(void **state)
{
	/*
	 * A: reached 12-01, unanswered 11-20 (before: not counted), 12-16
	 * and 12-20 (counted: 2, last 12-20).  B: unanswered 12-05, then
	 * reached on the same day: the talk ends the run (0).
	 */
	static const struct row rows[] = {
		{ "A", "2025-12-20", CRM_NO_ANSWER },
		{ "B", "2025-12-05", CRM_NO_ANSWER },
		{ "A", "2025-11-20", CRM_NO_ANSWER },
		{ "A", "2025-12-01", CRM_REACHED },
		{ "B", "2025-12-05", CRM_REACHED },
		{ "A", "2025-12-16", CRM_NO_ANSWER },
	};
	struct crm_contacts cs;
	struct crm_contact *a, *b;

	(void)state;
	fold(&cs, rows, 6);
	a = crm_contacts_find(&cs, "A", 1);
	b = crm_contacts_find(&cs, "B", 1);
	assert_non_null(a);
	assert_int_equal(a->last_talk, day("2025-12-01"));
	assert_int_equal(a->unanswered, 2);
	assert_int_equal(a->last_unanswered, day("2025-12-20"));
	assert_int_equal(b->unanswered, 0);
	assert_null(crm_contacts_find(&cs, "C", 1));
	crm_contacts_free(&cs);
}

static void
test_complaints(void **state)
{
	/*
	 * K: complaint 12-10 resolved 12-12: closed; then a new complaint
	 * on 12-20: open.  L: complaint and resolution on the same day:
	 * closed.  Complaints and resolutions are conversations too.
	 */
	static const struct row rows[] = {
		{ "K", "2025-12-20", CRM_COMPLAINT },
		{ "K", "2025-12-12", CRM_RESOLVED },
		{ "K", "2025-12-10", CRM_COMPLAINT },
		{ "L", "2025-12-03", CRM_RESOLVED },
		{ "L", "2025-12-03", CRM_COMPLAINT },
	};
	struct crm_contacts cs;
	struct crm_contact *k, *l;

	(void)state;
	fold(&cs, rows, 5);
	k = crm_contacts_find(&cs, "K", 1);
	l = crm_contacts_find(&cs, "L", 1);
	assert_true(crm_contact_complaint_open(k));
	assert_int_equal(k->last_complaint, day("2025-12-20"));
	assert_int_equal(k->last_talk, day("2025-12-20"));
	assert_false(crm_contact_complaint_open(l));
	crm_contacts_free(&cs);
}

static void
test_unseen(void **state)
{
	/* three customers in the log; the table names B only: 2 unseen */
	static const struct row rows[] = {
		{ "A", "2025-12-01", CRM_REACHED },
		{ "B", "2025-12-02", CRM_NO_ANSWER },
		{ "C", "2025-12-03", CRM_COMPLAINT },
		{ "A", "2025-12-04", CRM_NO_ANSWER },
	};
	struct crm_contacts cs;

	(void)state;
	crm_contacts_init(&cs);
	assert_int_equal(crm_contacts_unseen(&cs), 0);
	crm_contacts_free(&cs);
	fold(&cs, rows, 4);
	assert_int_equal(crm_contacts_unseen(&cs), 3);
	crm_contacts_find(&cs, "B", 1)->seen_in_table = 1;
	assert_int_equal(crm_contacts_unseen(&cs), 2);
	crm_contacts_free(&cs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_outcomes),
		cmocka_unit_test(test_unanswered_after_last_talk),
		cmocka_unit_test(test_complaints),
		cmocka_unit_test(test_unseen),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
