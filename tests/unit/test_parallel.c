/*
 * test_parallel.c - a file read by several threads gives the aggregate,
 * the counts and the first error of one reading in file order.
 *
 * The aggregate here is a toy: the ids in the order merged and the sum
 * of the amounts, so that a range merged out of order or a row read
 * twice or not at all shows.  Line numbers are counted off the text.
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

#include "input.h"
#include "parallel.h"

struct toy {
	char ids[4096];
	long sum;
};

static void *
toy_make(const void *like, const struct crm_header *h, struct crm_error *e)
{
	(void)like;
	(void)h;
	(void)e;
	return calloc(1, sizeof(struct toy));
}

/* id,amount: the amount a whole number, else a bad record */
static int
toy_row(void *agg, const struct crm_record *rec, struct crm_error *why)
{
	struct toy *t = agg;
	char *end;
	long v = strtol(rec->field[1], &end, 10);

	if (rec->len[1] == 0 || *end != '\0') {
		crm_error_set(why, CRM_EXIT_DATA, NULL, 0, 0, "not a number");
		return CRM_RECORD_BAD;
	}
	t->sum += v;
	strncat(t->ids, rec->field[0], sizeof(t->ids) - strlen(t->ids) - 2);
	strcat(t->ids, ";");
	return CRM_RECORD_OK;
}

static int
toy_merge(void *into, const void *from, struct crm_error *e)
{
	struct toy *t = into;
	const struct toy *f = from;
	size_t n = strlen(t->ids);

	(void)e;
	t->sum += f->sum;
	snprintf(t->ids + n, sizeof(t->ids) - n, "%s", f->ids);
	return 0;
}

static const struct crm_parallel_ops toy_ops = {
	toy_make, toy_row, NULL, toy_merge, free
};

/*
 * 40 records, ids r1..r40, amount i; every fifth id holds a quoted line
 * break, so that some ranges would start inside quotes if split at any
 * line end.  Record i starts on line 2 + i - 1 + (i - 1) / 5.
 */
static char *
write_file(char *path, const char *bad_at)
{
	FILE *fp;
	int fd, i;

	strcpy(path, "/tmp/crm-test-parallel.XXXXXX");
	assert_true((fd = mkstemp(path)) >= 0);
	assert_non_null(fp = fdopen(fd, "w"));
	fputs("id,amount\n", fp);
	for (i = 1; i <= 40; i++) {
		char id[16];

		snprintf(id, sizeof(id), "r%d", i);
		if (i % 5 == 0)
			fprintf(fp, "\"r%d\nx\",", i);
		else
			fprintf(fp, "%s,", id);
		if (bad_at != NULL && strstr(bad_at, id) != NULL &&
		    strstr(bad_at, id)[strlen(id)] == ' ')
			fputs("oops\n", fp);
		else
			fprintf(fp, "%d\n", i);
	}
	assert_int_equal(fclose(fp), 0);
	return path;
}

/* The ids as one reading in file order gives them, but the bad ones. */
static void
expected_ids(char *buf, size_t size, const char *bad_at)
{
	int i;

	buf[0] = '\0';
	for (i = 1; i <= 40; i++) {
		char id[16];

		snprintf(id, sizeof(id), "r%d ", i);
		if (bad_at != NULL && strstr(bad_at, id) != NULL)
			continue;
		snprintf(id, sizeof(id), i % 5 == 0 ? "r%d\nx;" : "r%d;", i);
		strncat(buf, id, size - strlen(buf) - 1);
	}
}

static struct crm_input *
open_input(char *path, struct crm_common *c, int skip_bad)
{
	struct crm_input *in;
	struct crm_error e;

	memset(c, 0, sizeof(*c));
	c->delim = ',';
	c->csv.delim = ',';
	c->skip_bad = skip_bad;
	assert_non_null(in = crm_input_open(&path, 1, c, &e));
	return in;
}

/* 1 + 2 + ... + 40 = 820, every id once and in file order, any -j. */
static void
test_same_as_one_reading(void **state)
{
	char path[64], want[4096];
	struct crm_record *rec;
	struct crm_common c;
	struct crm_input *in;
	struct crm_error e;
	struct toy t;
	long jobs;

	(void)state;
	write_file(path, NULL);
	expected_ids(want, sizeof(want), NULL);
	for (jobs = 2; jobs <= 9; jobs++) {
		memset(&t, 0, sizeof(t));
		in = open_input(path, &c, 0);
		assert_int_equal(crm_parallel_read(in, jobs, &toy_ops, &t,
		    &e), 1);
		assert_int_equal(t.sum, 820);
		assert_string_equal(t.ids, want);
		/* the file is read: nothing left for the caller */
		assert_int_equal(crm_input_read(in, &rec, &e), 0);
		crm_input_close(in);
	}
	unlink(path);
}

/* One job, or standard input: not read here (0), the caller reads. */
static void
test_one_job_reads_nothing(void **state)
{
	char path[64];
	struct crm_record *rec;
	struct crm_common c;
	struct crm_input *in;
	struct crm_error e;
	struct toy t;

	(void)state;
	write_file(path, NULL);
	memset(&t, 0, sizeof(t));
	in = open_input(path, &c, 0);
	assert_int_equal(crm_parallel_read(in, 1, &toy_ops, &t, &e), 0);
	assert_int_equal(t.sum, 0);
	assert_int_equal(crm_input_read(in, &rec, &e), 1);
	assert_string_equal(rec->field[0], "r1");
	assert_int_equal(rec->line, 2);
	crm_input_close(in);
	unlink(path);
}

/*
 * Bad amounts at r7 (line 2 + 6 + 1 = 9) and r33 (line 2 + 32 + 6 = 40):
 * without --skip-bad the error is r7's whatever the thread that met a bad
 * record first; with it both are skipped and the sum is 820 - 7 - 33.
 */
static void
test_first_error_in_file_order(void **state)
{
	char path[64], want[4096];
	struct crm_common c;
	struct crm_input *in;
	struct crm_error e;
	struct toy t;
	long jobs;

	(void)state;
	write_file(path, "r7 r33 ");
	expected_ids(want, sizeof(want), "r7 r33 ");
	for (jobs = 2; jobs <= 6; jobs++) {
		memset(&t, 0, sizeof(t));
		in = open_input(path, &c, 0);
		assert_int_equal(crm_parallel_read(in, jobs, &toy_ops, &t,
		    &e), -1);
		assert_int_equal(e.status, CRM_EXIT_DATA);
		assert_int_equal(e.line, 9);
		assert_non_null(strstr(e.msg, "not a number"));
		crm_input_close(in);

		memset(&t, 0, sizeof(t));
		in = open_input(path, &c, 1);
		assert_int_equal(crm_parallel_read(in, jobs, &toy_ops, &t,
		    &e), 1);
		assert_int_equal(t.sum, 820 - 7 - 33);
		assert_string_equal(t.ids, want);
		assert_int_equal(crm_input_rejected(in), 2);
		crm_input_close(in);
	}
	unlink(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_as_one_reading),
		cmocka_unit_test(test_one_job_reads_nothing),
		cmocka_unit_test(test_first_error_in_file_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
