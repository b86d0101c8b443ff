/*
 * test_contactlog.c - the contact log read from a file: one row judged,
 * two passes over an unsorted log, rows after the as-of date, bad rows
 * stopping the reading or skipped and named, the columns of the config's
 * log: section, and the regular-file requirement.
 *
 * Logs are written into a mkdtemp(3) directory; line numbers in the
 * expectations are counted off the text written (the header is line 1).
 * The folded states are worked out by hand in the comments.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "contactlog.h"
#include "value.h"

static int32_t
day(const char *s)
{
	int32_t d;

	assert_int_equal(crm_date_parse(s, NULL, &d), CRM_VALUE_OK);
	return d;
}

struct dir {
	char path[64];
	char file[128];
};

/* Writes text to a new file "log.csv" in a new directory. */
static const char *
put(struct dir *d, const char *text)
{
	FILE *fp;

	snprintf(d->path, sizeof(d->path), "/tmp/crm-test-log.XXXXXX");
	assert_non_null(mkdtemp(d->path));
	snprintf(d->file, sizeof(d->file), "%s/log.csv", d->path);
	fp = fopen(d->file, "w");
	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
	return d->file;
}

static void
remove_dir(struct dir *d)
{
	assert_int_equal(unlink(d->file), 0);
	assert_int_equal(rmdir(d->path), 0);
}

static void
common(struct crm_common *c, int skip_bad, const char *as_of)
{
	memset(c, 0, sizeof(*c));
	c->delim = ',';
	c->csv.delim = ',';
	c->skip_bad = skip_bad;
	c->as_of = day(as_of);
}

/* What the skip callback was handed, in order. */
struct skipped {
	char text[8][1024];
	size_t n;
};

static void
on_skip(void *ctx, const struct crm_error *why)
{
	struct skipped *s = ctx;
	char msg[1024];

	assert_true(s->n < 8);
	crm_error_format(why, msg, sizeof(msg));
	snprintf(s->text[s->n++], sizeof(s->text[0]), "%s", msg);
}

/* A record from comma-separated text (no quoting). */
struct row {
	char text[256];
	char *field[8];
	size_t len[8];
	struct crm_record rec;
};

static const struct crm_record *
row(struct row *r, const char *csv)
{
	char *p, *comma;
	size_t n = 0;

	snprintf(r->text, sizeof(r->text), "%s", csv);
	for (p = r->text;; p = comma + 1) {
		comma = strchr(p, ',');
		if (comma != NULL)
			*comma = '\0';
		r->field[n] = p;
		r->len[n] = strlen(p);
		n++;
		if (comma == NULL)
			break;
	}
	memset(&r->rec, 0, sizeof(r->rec));
	r->rec.n = n;
	r->rec.field = r->field;
	r->rec.len = r->len;
	r->rec.line = 2;
	return &r->rec;
}

static void
test_judge(void **state)
{
	/* columns in the order date, outcome, id */
	struct crm_contactlog_cols lc = { "customer_id", "date", "outcome",
	    2, 0, 1 };
	struct crm_error why;
	struct row r;
	int32_t date;
	int outcome;

	(void)state;
	assert_int_equal(crm_contactlog_judge(&lc, row(&r,
	    "2025-12-30,No Answer,C1"), NULL, &date, &outcome, &why),
	    CRM_RECORD_OK);
	assert_int_equal(date, day("2025-12-30"));
	assert_int_equal(outcome, CRM_NO_ANSWER);
	/* --date-format */
	assert_int_equal(crm_contactlog_judge(&lc, row(&r,
	    "30/12/2025, complaint resolved ,C1"), "%d/%m/%Y", &date,
	    &outcome, &why), CRM_RECORD_OK);
	assert_int_equal(date, day("2025-12-30"));
	assert_int_equal(outcome, CRM_RESOLVED);
	/* the id first, then the date, then the outcome */
	assert_int_equal(crm_contactlog_judge(&lc, row(&r, "x,y,"), NULL,
	    &date, &outcome, &why), CRM_RECORD_BAD);
	assert_string_equal(why.msg, "column 'customer_id': empty customer id");
	assert_int_equal(why.status, CRM_EXIT_DATA);
	assert_int_equal(why.line, 0);
	/* a missing date says nothing more (and ends without a space) */
	assert_int_equal(crm_contactlog_judge(&lc, row(&r, ",reached,C1"),
	    NULL, &date, &outcome, &why), CRM_RECORD_BAD);
	assert_string_equal(why.msg, "column 'date': missing date");
	assert_int_equal(crm_contactlog_judge(&lc, row(&r,
	    "2025-02-29,reached,C1"), NULL, &date, &outcome, &why),
	    CRM_RECORD_BAD);
	assert_string_equal(why.msg,
	    "column 'date': invalid date \"2025-02-29\"");
	assert_int_equal(crm_contactlog_judge(&lc, row(&r,
	    "2025-12-30,voicemail,C1"), NULL, &date, &outcome, &why),
	    CRM_RECORD_BAD);
	assert_string_equal(why.msg, "column 'outcome': unknown outcome "
	    "\"voicemail\" (expected reached, no answer, complaint or "
	    "complaint resolved)");
}

static void
test_unsorted_log_and_future_rows(void **state)
{
	/*
	 * As of 2025-12-31.  A: reached 12-01 (the reached of 2026-01-05
	 * is after the as-of date: ignored, not a talk), unanswered after
	 * it on 12-16 and 12-20 (11-20 is before the talk): 2, the last
	 * 12-20.  B: unanswered and reached on the same day: the talk
	 * ends the run, 0.  K: a complaint, then its resolution: closed.
	 */
	static const char text[] =
	    "customer_id,date,outcome,channel\n"
	    "A,2025-12-20,no answer,phone\n"
	    "B,2025-12-05,no answer,phone\n"
	    "A,2025-11-20,no answer,phone\n"
	    "A,2026-01-05,reached,phone\n"
	    "K,2025-12-12,complaint resolved,email\n"
	    "A,2025-12-01,reached,email\n"
	    "B,2025-12-05,reached,phone\n"
	    "K,2025-12-10,complaint,phone\n"
	    "A,2025-12-16,no answer,phone\n";
	struct crm_contactlog_counts n;
	struct crm_contacts cs;
	struct crm_contact *a, *b, *k;
	struct crm_fu_rules r;
	struct crm_common c;
	struct crm_error e;
	struct skipped s = { .n = 0 };
	struct dir d;

	(void)state;
	crm_fu_defaults(&r);
	common(&c, 0, "2025-12-31");
	crm_contacts_init(&cs);
	if (crm_contactlog_read(&cs, put(&d, text), &r, &c, on_skip, &s, &n,
	    &e) < 0)
		fail_msg("%s", e.msg);
	assert_int_equal(n.future, 1);
	assert_int_equal(n.skipped, 0);
	assert_int_equal(s.n, 0);
	a = crm_contacts_find(&cs, "A", 1);
	b = crm_contacts_find(&cs, "B", 1);
	k = crm_contacts_find(&cs, "K", 1);
	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(k);
	assert_int_equal(a->last_talk, day("2025-12-01"));
	assert_int_equal(a->unanswered, 2);
	assert_int_equal(a->last_unanswered, day("2025-12-20"));
	assert_int_equal(b->unanswered, 0);
	assert_int_equal(b->last_talk, day("2025-12-05"));
	assert_false(crm_contact_complaint_open(k));
	assert_int_equal(k->last_talk, day("2025-12-12"));
	/* none of them is in a table yet */
	assert_int_equal(crm_contacts_unseen(&cs), 3);
	crm_contacts_free(&cs);
	remove_dir(&d);
}

static void
test_bad_row_stops(void **state)
{
	/* line 3 is the first bad row: the reading stops there */
	static const char text[] =
	    "customer_id,date,outcome\n"
	    "A,2025-12-20,reached\n"
	    "B,2025-12-21,voicemail\n"
	    "C,,reached\n";
	struct crm_contactlog_counts n;
	struct crm_contacts cs;
	struct crm_fu_rules r;
	struct crm_common c;
	struct crm_error e;
	struct dir d;
	const char *path;

	(void)state;
	crm_fu_defaults(&r);
	common(&c, 0, "2025-12-31");
	crm_contacts_init(&cs);
	path = put(&d, text);
	assert_int_equal(crm_contactlog_read(&cs, path, &r, &c, NULL, NULL,
	    &n, &e), -1);
	assert_int_equal(e.status, CRM_EXIT_DATA);
	assert_string_equal(e.file, path);
	assert_int_equal(e.line, 3);
	assert_string_equal(e.msg, "column 'outcome': unknown outcome "
	    "\"voicemail\" (expected reached, no answer, complaint or "
	    "complaint resolved)");
	crm_contacts_free(&cs);
	remove_dir(&d);
}

static void
test_bad_rows_skipped(void **state)
{
	/*
	 * --skip-bad: lines 3 (no id) and 5 (a bad date) are named to
	 * the callback once each, in order, though the log is read twice;
	 * line 6 (one field short) is skipped by the reader: counted, not
	 * named.  3 skipped in all; A and C fold as if alone.
	 */
	static const char text[] =
	    "customer_id,date,outcome\n"
	    "A,2025-12-20,reached\n"
	    ",2025-12-21,reached\n"
	    "C,2025-12-22,no answer\n"
	    "C,2025-13-01,reached\n"
	    "D,2025-12-23\n"
	    "A,2025-12-24,no answer\n";
	struct crm_contactlog_counts n;
	struct crm_contacts cs;
	struct crm_contact *a, *cc;
	struct crm_fu_rules r;
	struct crm_common c;
	struct crm_error e;
	struct skipped s = { .n = 0 };
	char want[2][300];
	struct dir d;
	const char *path;

	(void)state;
	crm_fu_defaults(&r);
	common(&c, 1, "2025-12-31");
	/* the rejects file is the table's: the log never writes there */
	c.rejects = "/nonexistent/rejects.csv";
	crm_contacts_init(&cs);
	path = put(&d, text);
	if (crm_contactlog_read(&cs, path, &r, &c, on_skip, &s, &n, &e) < 0)
		fail_msg("%s", e.msg);
	assert_int_equal(n.skipped, 3);
	assert_int_equal(n.future, 0);
	assert_int_equal(s.n, 2);
	snprintf(want[0], sizeof(want[0]),
	    "%s:3: column 'customer_id': empty customer id", path);
	snprintf(want[1], sizeof(want[1]),
	    "%s:5: column 'date': invalid date \"2025-13-01\"", path);
	assert_string_equal(s.text[0], want[0]);
	assert_string_equal(s.text[1], want[1]);
	a = crm_contacts_find(&cs, "A", 1);
	cc = crm_contacts_find(&cs, "C", 1);
	assert_int_equal(a->last_talk, day("2025-12-20"));
	assert_int_equal(a->unanswered, 1);
	assert_int_equal(cc->last_talk, CRM_NO_DATE);
	assert_int_equal(cc->unanswered, 1);
	assert_null(crm_contacts_find(&cs, "D", 1));
	/* without a callback, the same counts */
	crm_contacts_free(&cs);
	crm_contacts_init(&cs);
	assert_int_equal(crm_contactlog_read(&cs, path, &r, &c, NULL, NULL,
	    &n, &e), 0);
	assert_int_equal(n.skipped, 3);
	crm_contacts_free(&cs);
	remove_dir(&d);
}

static void
test_columns_of_the_config(void **state)
{
	/* the log: section names the log's columns */
	static const char yaml[] =
	    "log:\n  id: cust\n  date: when\n  outcome: result\n";
	static const char text[] =
	    "when,result,cust\n"
	    "2025-12-20,complaint,K\n";
	static const char lacking[] =
	    "when,outcome,cust\n"
	    "2025-12-20,complaint,K\n";
	struct crm_contactlog_counts n;
	struct crm_contacts cs;
	struct crm_fu_rules r;
	struct crm_config cfg;
	struct crm_common c;
	struct crm_error e;
	struct dir d;
	const char *path;

	(void)state;
	assert_int_equal(crm_config_load_string(&cfg, "f.yaml", yaml,
	    strlen(yaml), &e), 0);
	assert_int_equal(crm_fu_load(&r, &cfg, &e), 0);
	common(&c, 0, "2025-12-31");
	crm_contacts_init(&cs);
	if (crm_contactlog_read(&cs, put(&d, text), &r, &c, NULL, NULL, &n,
	    &e) < 0)
		fail_msg("%s", e.msg);
	assert_true(crm_contact_complaint_open(crm_contacts_find(&cs, "K",
	    1)));
	remove_dir(&d);
	path = put(&d, lacking);
	assert_int_equal(crm_contactlog_read(&cs, path, &r, &c, NULL, NULL,
	    &n, &e), -1);
	assert_int_equal(e.status, CRM_EXIT_USAGE);
	assert_string_equal(e.file, path);
	assert_string_equal(e.msg,
	    "no column 'result' in the header (when,outcome,cust)");
	remove_dir(&d);
	crm_contacts_free(&cs);
	crm_fu_free(&r);
	crm_config_free(&cfg);
}

static void
test_regular_file(void **state)
{
	/* read twice: standard input, a directory, a missing file won't do */
	static const char *const paths[] = { "-", "/tmp",
	    "/nonexistent/log.csv" };
	struct crm_contactlog_counts n;
	struct crm_contacts cs;
	struct crm_fu_rules r;
	struct crm_common c;
	struct crm_error e;
	size_t i;

	(void)state;
	crm_fu_defaults(&r);
	common(&c, 1, "2025-12-31");
	crm_contacts_init(&cs);
	for (i = 0; i < 3; i++) {
		assert_int_equal(crm_contactlog_read(&cs, paths[i], &r, &c,
		    NULL, NULL, &n, &e), -1);
		assert_int_equal(e.status, CRM_EXIT_USAGE);
		assert_string_equal(e.file, paths[i]);
		assert_int_equal(e.line, 0);
		assert_string_equal(e.msg,
		    "--log needs a regular file: the log is read twice");
	}
	crm_contacts_free(&cs);
}

static void
test_unreadable_log(void **state)
{
	/* an unterminated quote: the reader stops, with its message */
	static const char text[] =
	    "customer_id,date,outcome\n"
	    "A,2025-12-20,\"reached\n";
	struct crm_contactlog_counts n;
	struct crm_contacts cs;
	struct crm_fu_rules r;
	struct crm_common c;
	struct crm_error e;
	struct dir d;

	(void)state;
	crm_fu_defaults(&r);
	common(&c, 0, "2025-12-31");
	crm_contacts_init(&cs);
	assert_int_equal(crm_contactlog_read(&cs, put(&d, text), &r, &c, NULL,
	    NULL, &n, &e), -1);
	assert_int_equal(e.status, CRM_EXIT_DATA);
	assert_int_equal(e.line, 2);
	remove_dir(&d);
	/* an empty file has no header: nothing to read it by */
	assert_int_equal(crm_contactlog_read(&cs, put(&d, ""), &r, &c, NULL,
	    NULL, &n, &e), -1);
	assert_int_equal(e.status, CRM_EXIT_DATA);
	crm_contacts_free(&cs);
	remove_dir(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_judge),
		cmocka_unit_test(test_unsorted_log_and_future_rows),
		cmocka_unit_test(test_bad_row_stops),
		cmocka_unit_test(test_bad_rows_skipped),
		cmocka_unit_test(test_columns_of_the_config),
		cmocka_unit_test(test_regular_file),
		cmocka_unit_test(test_unreadable_log),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
