/*
 * test_input.c - operands in turn, bad records skipped or rejected.
 *
 * Input files are written into a mkdtemp(3) directory by each test; line
 * numbers in the expectations are counted off the text written (the
 * header is line 1).
 */
#include <sys/stat.h>

#include <dirent.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "csvio.h"
#include "input.h"
#include "output.h"

struct dir {
	char path[64];
};

static void
make_dir(struct dir *d)
{
	snprintf(d->path, sizeof(d->path), "/tmp/crm-test-input.XXXXXX");
	assert_non_null(mkdtemp(d->path));
}

static void
remove_dir(struct dir *d)
{
	DIR *dp = opendir(d->path);
	struct dirent *de;
	char p[512];

	assert_non_null(dp);
	while ((de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(p, sizeof(p), "%s/%s", d->path, de->d_name);
		unlink(p);
	}
	closedir(dp);
	assert_int_equal(rmdir(d->path), 0);
}

/* Writes text to d/name; returns the path in a buffer of the caller's. */
static char *
put(const struct dir *d, const char *name, const char *text, char *path,
    size_t size)
{
	FILE *fp;

	snprintf(path, size, "%s/%s", d->path, name);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
	return path;
}

static const char *
slurp(const char *path)
{
	static char buf[4096];
	FILE *fp = fopen(path, "rb");
	size_t n;

	assert_non_null(fp);
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static void
common(struct crm_common *c, int skip_bad, const char *rejects)
{
	memset(c, 0, sizeof(*c));
	c->delim = ',';
	c->csv.delim = ',';
	c->skip_bad = skip_bad;
	c->rejects = rejects;
}

static void
expect_record(struct crm_input *in, long line, const char *id,
    const char *amount)
{
	struct crm_record *rec;
	struct crm_error e;

	assert_int_equal(crm_input_read(in, &rec, &e), 1);
	assert_int_equal(rec->line, line);
	assert_int_equal(rec->n, 2);
	assert_string_equal(rec->field[0], id);
	assert_string_equal(rec->field[1], amount);
}

static void
expect_end(struct crm_input *in)
{
	struct crm_record *rec;
	struct crm_error e;

	assert_int_equal(crm_input_read(in, &rec, &e), 0);
	assert_int_equal(crm_input_read(in, &rec, &e), 0);
}

static void
test_two_files_in_turn(void **state)
{
	long col;
	char p1[128], p2[128], *paths[2];
	const struct crm_record *h;
	struct crm_common c;
	struct crm_input *in;
	struct crm_error e;
	struct dir d;

	(void)state;
	make_dir(&d);
	paths[0] = put(&d, "a.csv", "id,amount\nC1,10\nC2,20\n", p1,
	    sizeof(p1));
	paths[1] = put(&d, "b.csv", "id,amount\r\nC3,30\r\n", p2, sizeof(p2));
	common(&c, 0, NULL);
	assert_non_null(in = crm_input_open(paths, 2, &c, &e));
	h = crm_input_header(in)->rec;
	assert_int_equal(h->n, 2);
	assert_string_equal(h->field[0], "id");
	assert_string_equal(h->field[1], "amount");
	assert_int_equal(crm_header_require(crm_input_header(in), "amount",
	    &col, &e), 0);
	assert_int_equal(col, 1);
	expect_record(in, 2, "C1", "10");
	expect_record(in, 3, "C2", "20");
	/* lines start again at the second file's header */
	expect_record(in, 2, "C3", "30");
	/* the first file's header outlives its reader */
	assert_string_equal(crm_input_header(in)->rec->field[1], "amount");
	expect_end(in);
	assert_int_equal(crm_input_rejected(in), 0);
	crm_input_close(in);
	assert_int_equal(crm_output_commit_all(&e), 0);
	remove_dir(&d);
}

static void
test_header_only_files(void **state)
{
	char p1[128], p2[128], p3[128], *paths[3];
	struct crm_common c;
	struct crm_input *in;
	struct crm_error e;
	struct dir d;

	(void)state;
	make_dir(&d);
	/* empty files in between are skipped over, not an end */
	paths[0] = put(&d, "a.csv", "id,amount\n", p1, sizeof(p1));
	paths[1] = put(&d, "b.csv", "id,amount\n", p2, sizeof(p2));
	paths[2] = put(&d, "c.csv", "id,amount\nC9,9\n", p3, sizeof(p3));
	common(&c, 0, NULL);
	assert_non_null(in = crm_input_open(paths, 3, &c, &e));
	expect_record(in, 2, "C9", "9");
	expect_end(in);
	crm_input_close(in);
	assert_int_equal(crm_output_commit_all(&e), 0);
	remove_dir(&d);
}

static void
test_different_header(void **state)
{
	char p1[128], p2[128], *paths[2];
	struct crm_common c;
	struct crm_input *in;
	struct crm_record *rec;
	struct crm_error e;
	struct dir d;

	(void)state;
	make_dir(&d);
	paths[0] = put(&d, "a.csv", "id,amount\nC1,10\n", p1, sizeof(p1));
	paths[1] = put(&d, "b.csv", "id,total\nC3,30\n", p2, sizeof(p2));
	common(&c, 1, NULL);
	assert_non_null(in = crm_input_open(paths, 2, &c, &e));
	expect_record(in, 2, "C1", "10");
	memset(&e, 0, sizeof(e));
	/* even with --skip-bad: a wrong header is not a bad record */
	assert_int_equal(crm_input_read(in, &rec, &e), -1);
	assert_int_equal(e.status, 1);
	assert_string_equal(e.file, p2);
	assert_int_equal(e.line, 1);
	assert_string_equal(e.msg, "header differs from the first input's");
	crm_input_close(in);
	assert_int_equal(crm_output_commit_all(&e), 0);
	remove_dir(&d);
}

static void
test_missing_file(void **state)
{
	char p1[128], missing[128], *paths[2];
	struct crm_common c;
	struct crm_input *in;
	struct crm_record *rec;
	struct crm_error e;
	struct dir d;

	(void)state;
	make_dir(&d);
	snprintf(missing, sizeof(missing), "%s/nope.csv", d.path);
	common(&c, 0, NULL);

	/* first operand: open fails, nothing to close */
	paths[0] = missing;
	memset(&e, 0, sizeof(e));
	assert_null(in = crm_input_open(paths, 1, &c, &e));
	assert_int_equal(e.status, 1);
	assert_string_equal(e.file, missing);
	assert_string_equal(e.msg, "cannot open: No such file or directory");

	/* a later operand: the records before it, then the error */
	paths[0] = put(&d, "a.csv", "id,amount\nC1,10\n", p1, sizeof(p1));
	paths[1] = missing;
	assert_non_null(in = crm_input_open(paths, 2, &c, &e));
	expect_record(in, 2, "C1", "10");
	memset(&e, 0, sizeof(e));
	assert_int_equal(crm_input_read(in, &rec, &e), -1);
	assert_int_equal(e.status, 1);
	assert_string_equal(e.file, missing);
	assert_string_equal(e.msg, "cannot open: No such file or directory");
	crm_input_close(in);
	assert_int_equal(crm_output_commit_all(&e), 0);
	remove_dir(&d);
}

static void
test_ragged_stops_by_default(void **state)
{
	char p1[128], *paths[1];
	struct crm_common c;
	struct crm_input *in;
	struct crm_record *rec;
	struct crm_error e;
	struct dir d;

	(void)state;
	make_dir(&d);
	paths[0] = put(&d, "a.csv", "id,amount\nC1,10\nC2\nC3,30\n", p1,
	    sizeof(p1));
	common(&c, 0, NULL);
	assert_non_null(in = crm_input_open(paths, 1, &c, &e));
	expect_record(in, 2, "C1", "10");
	memset(&e, 0, sizeof(e));
	assert_int_equal(crm_input_read(in, &rec, &e), -1);
	assert_int_equal(e.status, 1);
	assert_string_equal(e.file, p1);
	/* "C2" is on line 3 */
	assert_int_equal(e.line, 3);
	assert_string_equal(e.msg, "expected 2 fields as in the header, found 1");
	assert_int_equal(crm_input_rejected(in), 0);
	crm_input_close(in);
	assert_int_equal(crm_output_commit_all(&e), 0);
	remove_dir(&d);
}

static void
test_skip_bad_with_rejects(void **state)
{
	char p1[128], p2[128], rej[128], want[1024], *paths[2];
	struct crm_common c;
	struct crm_input *in;
	struct crm_error e;
	struct stat st;
	struct dir d;

	(void)state;
	make_dir(&d);
	/* lines: 1 header, 2 C1, 3 C2 (short), 4 C3 (long), 5 C4 */
	paths[0] = put(&d, "a.csv",
	    "id,amount\nC1,10\nC2\nC3,30,x\nC4,40\n", p1, sizeof(p1));
	/* lines: 1 header, 2 one field (short), 3 C5 */
	paths[1] = put(&d, "b.csv", "id,amount\n\" \"\nC5,50\n", p2,
	    sizeof(p2));
	snprintf(rej, sizeof(rej), "%s/rejects.csv", d.path);
	common(&c, 1, rej);
	assert_non_null(in = crm_input_open(paths, 2, &c, &e));
	expect_record(in, 2, "C1", "10");
	expect_record(in, 5, "C4", "40");
	expect_record(in, 3, "C5", "50");
	expect_end(in);
	assert_int_equal(crm_input_rejected(in), 3);
	/* the rejects file appears at the commit */
	assert_int_not_equal(stat(rej, &st), 0);
	crm_input_close(in);
	assert_int_equal(crm_output_commit_all(&e), 0);
	/*
	 * The messages hold a comma, so the error fields are quoted; a
	 * short record is padded, a long one's extra field follows the
	 * error.
	 */
	snprintf(want, sizeof(want),
	    "id,amount,error\n"
	    "C2,,\"%s:3: expected 2 fields as in the header, found 1\"\n"
	    "C3,30,\"%s:4: expected 2 fields as in the header, found 3\","
	    "x\n"
	    " ,,\"%s:2: expected 2 fields as in the header, found 1\"\n",
	    p1, p1, p2);
	assert_string_equal(slurp(rej), want);
	remove_dir(&d);
}

static void
test_skip_bad_without_rejects(void **state)
{
	char p1[128], *paths[1];
	struct crm_common c;
	struct crm_input *in;
	struct crm_error e;
	struct dir d;

	(void)state;
	make_dir(&d);
	paths[0] = put(&d, "a.csv", "id,amount\nC1\nC2,20\n1,2,3\n", p1,
	    sizeof(p1));
	common(&c, 1, NULL);
	assert_non_null(in = crm_input_open(paths, 1, &c, &e));
	expect_record(in, 3, "C2", "20");
	expect_end(in);
	assert_int_equal(crm_input_rejected(in), 2);
	crm_input_close(in);
	assert_int_equal(crm_output_commit_all(&e), 0);
	remove_dir(&d);
}

static void
test_program_rejects(void **state)
{
	char p1[128], rej[128], want[1024], *paths[1];
	struct crm_common c;
	struct crm_input *in;
	struct crm_record *rec;
	struct crm_error e, why;
	struct dir d;

	(void)state;
	make_dir(&d);
	paths[0] = put(&d, "a.csv", "id,amount\nC1,1x\nC2,20\n", p1,
	    sizeof(p1));
	snprintf(rej, sizeof(rej), "%s/rejects.csv", d.path);

	/* without --skip-bad the program's error stops the run as it is */
	common(&c, 0, NULL);
	assert_non_null(in = crm_input_open(paths, 1, &c, &e));
	assert_int_equal(crm_input_read(in, &rec, &e), 1);
	crm_error_set(&why, 1, p1, rec->line, 0,
	    "column 'amount': invalid number \"%s\"", rec->field[1]);
	memset(&e, 0, sizeof(e));
	assert_int_equal(crm_input_reject(in, rec, &why, &e), -1);
	assert_int_equal(e.status, 1);
	assert_string_equal(e.file, p1);
	assert_int_equal(e.line, 2);
	assert_string_equal(e.msg, "column 'amount': invalid number \"1x\"");
	/* why and e may be the same struct */
	assert_int_equal(crm_input_reject(in, rec, &why, &why), -1);
	assert_string_equal(why.msg, "column 'amount': invalid number \"1x\"");
	assert_int_equal(crm_input_rejected(in), 0);
	crm_input_close(in);
	assert_int_equal(crm_output_commit_all(&e), 0);

	/* with --rejects: written like a ragged record, and counted */
	common(&c, 1, rej);
	assert_non_null(in = crm_input_open(paths, 1, &c, &e));
	assert_int_equal(crm_input_read(in, &rec, &e), 1);
	crm_error_set(&why, 1, p1, rec->line, 0,
	    "column 'amount': invalid number \"%s\"", rec->field[1]);
	assert_int_equal(crm_input_reject(in, rec, &why, &e), 0);
	expect_record(in, 3, "C2", "20");
	expect_end(in);
	assert_int_equal(crm_input_rejected(in), 1);
	crm_input_close(in);
	assert_int_equal(crm_output_commit_all(&e), 0);
	/* the message holds double quotes, so the field is quoted */
	snprintf(want, sizeof(want),
	    "id,amount,error\n"
	    "C1,1x,\"%s:2: column 'amount': invalid number \"\"1x\"\"\"\n",
	    p1);
	assert_string_equal(slurp(rej), want);
	remove_dir(&d);
}

static void
test_require_missing_column(void **state)
{
	long col;
	char p1[128], *paths[1];
	struct crm_common c;
	struct crm_input *in;
	struct crm_error e;
	struct dir d;

	(void)state;
	make_dir(&d);
	paths[0] = put(&d, "a.csv", "id,amount\nC1,10\n", p1, sizeof(p1));
	common(&c, 0, NULL);
	assert_non_null(in = crm_input_open(paths, 1, &c, &e));
	assert_int_equal(crm_header_require(crm_input_header(in), "id", &col,
	    &e), 0);
	assert_int_equal(col, 0);
	memset(&e, 0, sizeof(e));
	assert_int_equal(crm_header_require(crm_input_header(in), "email",
	    &col, &e), -1);
	assert_int_equal(e.status, 2);
	assert_string_equal(e.file, p1);
	assert_string_equal(e.msg, "no column 'email' in the header (id,amount)");
	crm_input_close(in);
	assert_int_equal(crm_output_commit_all(&e), 0);
	remove_dir(&d);
}

static void
test_rejects_cannot_be_written(void **state)
{
	char p1[128], rej[128], *paths[1];
	struct crm_common c;
	struct crm_input *in;
	struct crm_error e;
	struct dir d;

	(void)state;
	make_dir(&d);
	paths[0] = put(&d, "a.csv", "id,amount\nC1,10\n", p1, sizeof(p1));
	snprintf(rej, sizeof(rej), "%s/no/rejects.csv", d.path);
	common(&c, 1, rej);
	memset(&e, 0, sizeof(e));
	assert_null(in = crm_input_open(paths, 1, &c, &e));
	assert_int_equal(e.status, 1);
	assert_string_equal(e.file, rej);
	assert_string_equal(e.msg, "cannot write: No such file or directory");
	remove_dir(&d);
}

/*
 * Reads the records of path back as CSV, without field cut: each
 * record's fields joined with '|', ended with '/'.
 */
static const char *
read_back(const char *path, size_t cut)
{
	static char buf[4096];
	struct crm_csv_reader *r;
	struct crm_record *rec;
	struct crm_error e;
	size_t o = 0, i;
	FILE *fp;
	int got;

	assert_non_null(fp = fopen(path, "rb"));
	assert_non_null(r = crm_csv_open(fp, path, NULL, &e));
	while ((got = crm_csv_read(r, &rec, &e)) != CRM_CSV_END) {
		assert_int_not_equal(got, CRM_CSV_FATAL);
		for (i = 0; i < rec->n; i++) {
			if (i == cut)
				continue;
			o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%s",
			    i > 0 && !(i == 1 && cut == 0) ? "|" : "",
			    rec->field[i]);
		}
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "/");
	}
	crm_csv_close(r);
	fclose(fp);
	return buf;
}

/*
 * Issue 13, item 6: every field of a rejected record reaches the rejects
 * file, whatever it holds, past the error column when the record is long
 * (the old file kept them in the message, cut at about 1 KB); read back
 * without the error column (the third), the records are the input's.
 */
static void
test_rejects_keep_every_field(void **state)
{
	char p1[128], rej[128], want[4096], *paths[1], *text, *big, *got;
	struct crm_common c;
	struct crm_input *in;
	struct crm_error e;
	struct dir d;

	(void)state;
	make_dir(&d);
	/* a 2,000-byte field: longer than any message */
	assert_non_null(big = malloc(2001));
	memset(big, 'B', 2000);
	big[2000] = '\0';
	assert_non_null(text = malloc(3000));
	/* lines: 1 header, 2 a (long), 3 b (quotes, CRLF inside, short),
	   5 c (LF inside, long), 7 d (good) */
	snprintf(text, 3000, "id,amount\r\n"
	    "a,5,%s,TAIL\r\n"
	    "\"b,\"\"x\"\"\r\ny\"\r\n"
	    "c,\"1\n2\",\"p,q\"\r\n"
	    "d,4\r\n", big);
	paths[0] = put(&d, "a.csv", text, p1, sizeof(p1));
	snprintf(rej, sizeof(rej), "%s/rejects.csv", d.path);
	common(&c, 1, rej);
	assert_non_null(in = crm_input_open(paths, 1, &c, &e));
	expect_record(in, 7, "d", "4");
	expect_end(in);
	assert_int_equal(crm_input_rejected(in), 3);
	crm_input_close(in);
	assert_int_equal(crm_output_commit_all(&e), 0);
	got = (char *)read_back(rej, 2);
	snprintf(want, sizeof(want), "a|5|%s|TAIL/"
	    "b,\"x\"\r\ny|/c|1\n2|p,q/", big);
	assert_string_equal(got, want);
	free(text);
	free(big);
	remove_dir(&d);
}

/*
 * Issue 13, item 8: past the reader's cap on fields (4 here) a record is
 * bad without being held whole; the rejects file still gets all of its
 * fields, the rest read as the file is written, and the next record is
 * read as usual.  Without --skip-bad the run stops at the cap.
 */
static void
test_rejects_past_field_cap(void **state)
{
	char p1[128], rej[128], want[512], *paths[1];
	struct crm_common c;
	struct crm_input *in;
	struct crm_record *rec;
	struct crm_error e;
	struct dir d;
	int skip;

	(void)state;
	make_dir(&d);
	/* line 3: ten fields, the fifth with a line end inside */
	paths[0] = put(&d, "a.csv", "id,amount\nC1,1\n"
	    "x,2,3,4,\"5\n5\",6,7,8,9,10\nC2,2\n", p1, sizeof(p1));
	snprintf(rej, sizeof(rej), "%s/rejects.csv", d.path);
	for (skip = 0; skip < 3; skip++) {
		common(&c, skip > 0, skip == 2 ? rej : NULL);
		c.csv.max_fields = 4;
		assert_non_null(in = crm_input_open(paths, 1, &c, &e));
		expect_record(in, 2, "C1", "1");
		if (skip == 0) {
			assert_int_equal(crm_input_read(in, &rec, &e), -1);
			assert_int_equal(e.line, 3);
			assert_string_equal(e.msg, "expected 2 fields as in "
			    "the header, found more than 4");
		} else {
			/* C2 is on line 5, after the two of x */
			expect_record(in, 5, "C2", "2");
			expect_end(in);
			assert_int_equal(crm_input_rejected(in), 1);
		}
		crm_input_close(in);
		assert_int_equal(crm_output_commit_all(&e), 0);
	}
	snprintf(want, sizeof(want), "id,amount,error\n"
	    "x,2,\"%s:3: expected 2 fields as in the header, found more "
	    "than 4\",3,4,\"5\n5\",6,7,8,9,10\n", p1);
	assert_string_equal(slurp(rej), want);
	assert_string_equal(read_back(rej, 2), "x|2|3|4|5\n5|6|7|8|9|10/");
	remove_dir(&d);
}

/*
 * Issue 14, item 11: empty lines and rows of empty fields are skipped,
 * not bad, and counted over all files with the place of the first.
 */
static void
test_blank_rows(void **state)
{
	char p1[128], p2[128], *paths[2];
	struct crm_common c;
	struct crm_input *in;
	struct crm_error e;
	const char *file;
	long line;
	struct dir d;

	(void)state;
	make_dir(&d);
	/* a.csv: none; b.csv: line 3 empty, 4 ",", 6 ",,,", 7 "\r\n" */
	paths[0] = put(&d, "a.csv", "id,amount\nC1,1\n", p1, sizeof(p1));
	paths[1] = put(&d, "b.csv", "id,amount\nC2,2\n\n,\nC3,3\n,,,\n\r\n",
	    p2, sizeof(p2));
	common(&c, 0, NULL);
	assert_non_null(in = crm_input_open(paths, 2, &c, &e));
	expect_record(in, 2, "C1", "1");
	assert_int_equal(crm_input_blank(in, &file, &line), 0);
	assert_null(file);
	expect_record(in, 2, "C2", "2");
	expect_record(in, 5, "C3", "3");
	/* while b.csv is read: the two before C3 */
	assert_int_equal(crm_input_blank(in, &file, &line), 2);
	assert_string_equal(file, p2);
	assert_int_equal(line, 3);
	expect_end(in);
	assert_int_equal(crm_input_blank(in, &file, &line), 4);
	assert_string_equal(file, p2);
	assert_int_equal(line, 3);
	assert_int_equal(crm_input_rejected(in), 0);
	crm_input_close(in);
	assert_int_equal(crm_output_commit_all(&e), 0);
	remove_dir(&d);
}

/*
 * -j's range inputs: the records after the header (byte 10, line 2) cut
 * by hand into [10, 20) and [20, 35), read in the wrong order, then
 * absorbed in file order: the rejects in file order, the counts summed,
 * the first blank row the file's first.
 *   id,amount   line 1, bytes 0..9
 *   C1,10       line 2, 10..15
 *   C2          line 3, 16..18: one field, bad
 *   (empty)     line 4, 19: blank
 *   C3,30       line 5, 20..25
 *   C4          line 6, 26..28: bad
 *   C5,50       line 7, 29..34
 */
static void
test_ranges(void **state)
{
	char p1[128], pr[128], want[1024], *paths[1];
	struct crm_split_range rg[2] = { { 10, 20, 2 }, { 20, 35, 5 } };
	struct crm_input *in, *part[2];
	struct crm_record *rec;
	struct crm_common c;
	struct crm_error e;
	const char *file;
	long long offset;
	long line;
	struct dir d;
	int k;

	(void)state;
	make_dir(&d);
	paths[0] = put(&d, "a.csv", "id,amount\nC1,10\nC2\n\nC3,30\nC4\n"
	    "C5,50\n", p1, sizeof(p1));
	snprintf(pr, sizeof(pr), "%s/rejects.csv", d.path);
	common(&c, 1, pr);
	assert_non_null(in = crm_input_open(paths, 1, &c, &e));
	assert_int_equal(crm_input_body(in, &file, &offset, &line), 1);
	assert_string_equal(file, p1);
	assert_int_equal(offset, 10);
	assert_int_equal(line, 2);
	for (k = 1; k >= 0; k--)
		assert_non_null(part[k] = crm_input_open_range(in, &rg[k], &e));
	expect_record(part[1], 5, "C3", "30");
	expect_record(part[1], 7, "C5", "50");
	expect_end(part[1]);
	expect_record(part[0], 2, "C1", "10");
	expect_end(part[0]);
	crm_input_end_file(in);
	for (k = 0; k < 2; k++) {
		assert_int_equal(crm_input_absorb(in, part[k], &e), 0);
		crm_input_close(part[k]);
	}
	assert_int_equal(crm_input_read(in, &rec, &e), 0);
	assert_int_equal(crm_input_rejected(in), 2);
	assert_int_equal(crm_input_blank(in, &file, &line), 1);
	assert_string_equal(file, p1);
	assert_int_equal(line, 4);
	crm_input_close(in);
	assert_int_equal(crm_output_commit_all(&e), 0);
	snprintf(want, sizeof(want), "id,amount,error\n"
	    "C2,,\"%s:3: expected 2 fields as in the header, found 1\"\n"
	    "C4,,\"%s:6: expected 2 fields as in the header, found 1\"\n",
	    p1, p1);
	assert_string_equal(slurp(pr), want);
	remove_dir(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_two_files_in_turn),
		cmocka_unit_test(test_header_only_files),
		cmocka_unit_test(test_different_header),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_ragged_stops_by_default),
		cmocka_unit_test(test_skip_bad_with_rejects),
		cmocka_unit_test(test_skip_bad_without_rejects),
		cmocka_unit_test(test_rejects_keep_every_field),
		cmocka_unit_test(test_rejects_past_field_cap),
		cmocka_unit_test(test_blank_rows),
		cmocka_unit_test(test_program_rejects),
		cmocka_unit_test(test_require_missing_column),
		cmocka_unit_test(test_rejects_cannot_be_written),
		cmocka_unit_test(test_ranges),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
