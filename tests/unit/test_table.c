/*
 * test_table.c - input columns kept in place, own columns replaced in
 * place or appended.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "table.h"

static void
test_replace_and_append(void **state)
{
	char *hf[] = { "id", "score", "name", "score" };
	size_t hl[] = { 2, 5, 4, 5 };
	struct crm_record header = { 4, hf, hl, 1, NULL, 0 };
	static const char *const own[] = { "segment", "score" };
	char *rf[] = { "C1", "old", "Acme", "old2" };
	size_t rl[] = { 2, 3, 4, 4 };
	const char *vals[] = { "Champions", "9" };
	struct crm_columns c;
	struct crm_csv_writer w;
	struct crm_error e;
	char *out = NULL;
	size_t outlen = 0;
	FILE *fp = open_memstream(&out, &outlen);

	(void)state;
	assert_int_equal(crm_columns_init(&c, &header, own, 2, &e), 0);
	/* score exists twice: the first is replaced, the second kept */
	assert_int_equal(c.at[0], -1);
	assert_int_equal(c.at[1], 1);
	crm_csv_writer_init(&w, fp, ',');
	crm_columns_write_header(&c, &w, &header);
	crm_columns_write(&c, &w, rf, rl, vals);
	crm_columns_write(&c, &w, rf, NULL, vals);
	fclose(fp);
	assert_string_equal(out, "id,score,name,score,segment\n"
	    "C1,9,Acme,old2,Champions\n"
	    "C1,9,Acme,old2,Champions\n");
	free(out);
	crm_columns_free(&c);
}

/* A header of the given fields (lengths from strlen), read at line 1. */
struct hdr {
	struct crm_record r;
	struct crm_header h;
	char *field[8];
	size_t len[8];
};

static const struct crm_header *
header(struct hdr *x, const char *file, size_t n, char **fields)
{
	size_t i;

	memset(x, 0, sizeof(*x));
	for (i = 0; i < n; i++) {
		x->field[i] = fields[i];
		x->len[i] = strlen(fields[i]);
	}
	x->r.n = n;
	x->r.field = x->field;
	x->r.len = x->len;
	x->r.line = 1;
	x->h.rec = &x->r;
	x->h.file = file;
	return &x->h;
}

static void
test_find(void **state)
{
	char *f[] = { "id", "amount", "", "amount" };
	struct hdr x;
	const struct crm_header *h = header(&x, "in.csv", 4, f);

	(void)state;
	assert_int_equal(crm_header_find(h, "id"), 0);
	/* the first of two */
	assert_int_equal(crm_header_find(h, "amount"), 1);
	assert_int_equal(crm_header_find(h, ""), 2);
	/* names are compared exactly */
	assert_int_equal(crm_header_find(h, "Amount"), -1);
	assert_int_equal(crm_header_find(h, "amount "), -1);
	assert_int_equal(crm_header_find(h, "date"), -1);
}

static void
test_require(void **state)
{
	char *f[] = { "id", "name", "amount" };
	struct crm_error e;
	struct hdr x;
	const struct crm_header *h = header(&x, "in.csv", 3, f);
	long col = -1;
	char msg[600];

	(void)state;
	assert_int_equal(crm_header_require(h, "amount", &col, &e), 0);
	assert_int_equal(col, 2);
	col = 99;
	assert_int_equal(crm_header_require(h, "date", &col, &e), -1);
	assert_int_equal(col, 99);
	/* bad usage, at the file: the header is listed */
	assert_int_equal(e.status, 2);
	assert_string_equal(e.file, "in.csv");
	assert_int_equal(e.line, 0);
	assert_string_equal(e.msg,
	    "no column 'date' in the header (id,name,amount)");
	crm_error_format(&e, msg, sizeof(msg));
	assert_string_equal(msg,
	    "in.csv: no column 'date' in the header (id,name,amount)");
	/* a header without a file name */
	h = header(&x, NULL, 3, f);
	assert_int_equal(crm_header_require(h, "date", &col, &e), -1);
	assert_string_equal(e.file, "");
}

/* Two columns of one name: which is meant?  Bad input at the header. */
static void
test_require_duplicate(void **state)
{
	char *f[] = { "id", "v", "name", "v" };
	struct crm_error e;
	struct hdr x;
	const struct crm_header *h = header(&x, "in.csv", 4, f);
	long col = -1;

	(void)state;
	x.r.line = 3;	/* after two blank lines */
	assert_int_equal(crm_header_require(h, "v", &col, &e), -1);
	assert_int_equal(col, -1);
	assert_int_equal(e.status, 1);
	assert_string_equal(e.file, "in.csv");
	assert_int_equal(e.line, 3);
	assert_string_equal(e.msg,
	    "column 'v' appears twice in the header (fields 2 and 4)");
	/* the other columns are still found */
	assert_int_equal(crm_header_require(h, "name", &col, &e), 0);
	assert_int_equal(col, 2);
}

/*
 * A column read if it is there: absent is no error (-1), once is found,
 * twice is bad input as for crm_header_require (fields counted by hand).
 */
static void
test_optional(void **state)
{
	char *f[] = { "id", "flag", "name", "flag" };
	struct crm_error e;
	struct hdr x;
	const struct crm_header *h = header(&x, "in.csv", 4, f);
	long col = 99;

	(void)state;
	assert_int_equal(crm_header_optional(h, "phone", &col, &e), 0);
	assert_int_equal(col, -1);
	assert_int_equal(crm_header_optional(h, "name", &col, &e), 0);
	assert_int_equal(col, 2);
	col = 99;
	assert_int_equal(crm_header_optional(h, "flag", &col, &e), -1);
	assert_int_equal(col, 99);
	assert_int_equal(e.status, 1);
	assert_string_equal(e.file, "in.csv");
	assert_string_equal(e.msg,
	    "column 'flag' appears twice in the header (fields 2 and 4)");
}

/*
 * A long header is listed up to 296 bytes and "...", never cutting a
 * character in two.  "ab," then 200 two-byte e-acutes: the i-th (from
 * 0) starts at byte 3 + 2i, so byte 296 is the second byte of the 146th
 * (3 + 2 * 146 = 295): the list keeps 146 of them.
 */
static void
test_missing_cut_on_character(void **state)
{
	char accents[401], want[600];
	char *f[] = { "ab", accents };
	struct crm_error e;
	struct hdr x;
	const struct crm_header *h;
	size_t i, o;

	(void)state;
	for (i = 0; i < 200; i++)
		memcpy(accents + 2 * i, "\xc3\xa9", 2);
	accents[400] = '\0';
	h = header(&x, "in.csv", 2, f);
	assert_int_equal(crm_header_missing(h, "x", &e), -1);
	o = (size_t)snprintf(want, sizeof(want),
	    "no column 'x' in the header (ab,");
	for (i = 0; i < 146; i++, o += 2)
		memcpy(want + o, "\xc3\xa9", 2);
	snprintf(want + o, sizeof(want) - o, "...)");
	assert_string_equal(e.msg, want);
	assert_int_equal(e.status, 2);
}

/* One column holding a likely delimiter: the delimiter is probably wrong. */
static void
test_missing_delimiter_hint(void **state)
{
	char *semi[] = { "id;amount" };
	char *tab[] = { "id\tamount" };
	char *plain[] = { "id" };
	char *two[] = { "id;x", "amount;y" };
	struct crm_error e;
	struct hdr x;

	(void)state;
	crm_header_missing(header(&x, "in.csv", 1, semi), "amount", &e);
	assert_string_equal(e.msg, "no column 'amount' in the header "
	    "(id;amount); one column only: is the delimiter right (-d, "
	    "--tsv)?");
	crm_header_missing(header(&x, "in.csv", 1, tab), "amount", &e);
	assert_string_equal(e.msg, "no column 'amount' in the header "
	    "(id\tamount); one column only: is the delimiter right (-d, "
	    "--tsv)?");
	/* one column without a delimiter-like byte, or two columns: none */
	crm_header_missing(header(&x, "in.csv", 1, plain), "amount", &e);
	assert_string_equal(e.msg, "no column 'amount' in the header (id)");
	crm_header_missing(header(&x, "in.csv", 2, two), "amount", &e);
	assert_string_equal(e.msg,
	    "no column 'amount' in the header (id;x,amount;y)");
}

/*
 * Issue 14 item 9: matching stays exact, but the message suggests the one
 * header name that equals the name asked for when ASCII case and
 * surrounding spaces are ignored.  Expected texts written by hand.
 */
static void
test_missing_suggests_near_name(void **state)
{
	char *f[] = { "Customer ID", "Amount", "date" };
	char *spaced[] = { "id", " amount\t" };
	char *two[] = { "Amount", "AMOUNT" };
	char *semi[] = { "Amount;x" };
	struct crm_error e;
	struct hdr x;
	const struct crm_header *h = header(&x, "in.csv", 3, f);
	long col = -1;

	(void)state;
	assert_int_equal(crm_header_require(h, "amount", &col, &e), -1);
	assert_int_equal(col, -1);
	assert_int_equal(e.status, 2);
	assert_string_equal(e.msg, "no column 'amount' in the header "
	    "(Customer ID,Amount,date); did you mean 'Amount'?");
	/* spaces around the name asked for count as nothing either */
	assert_string_equal(crm_header_near(h, " customer id "),
	    "Customer ID");
	/* inner spaces do count */
	assert_null(crm_header_near(h, "customerid"));
	assert_null(crm_header_near(h, "customer  id"));
	/* an exact match is never "near" */
	assert_null(crm_header_near(h, "date"));
	/* spaces and a tab around the header's name */
	h = header(&x, "in.csv", 2, spaced);
	crm_header_missing(h, "amount", &e);
	assert_string_equal(e.msg, "no column 'amount' in the header "
	    "(id, amount\t); did you mean ' amount\t'?");
	/* two candidates: which one?  No suggestion */
	h = header(&x, "in.csv", 2, two);
	assert_null(crm_header_near(h, "amount"));
	crm_header_missing(h, "amount", &e);
	assert_string_equal(e.msg,
	    "no column 'amount' in the header (Amount,AMOUNT)");
	/* only ASCII letters fold: no locale changes a result */
	h = header(&x, "in.csv", 1, (char *[]){ "\xc3\x89tat" });
	assert_null(crm_header_near(h, "\xc3\xa9tat"));
	assert_string_equal(crm_header_near(h, "\xc3\x89TAT"),
	    "\xc3\x89tat");
	/* a one-field header keeps its delimiter hint */
	h = header(&x, "in.csv", 1, semi);
	crm_header_missing(h, "amount", &e);
	assert_string_equal(e.msg, "no column 'amount' in the header "
	    "(Amount;x); one column only: is the delimiter right (-d, "
	    "--tsv)?");
}

/* A record read as one line is written as read when ours are appended. */
static void
test_write_record_raw(void **state)
{
	char *hf[] = { "id", "name" };
	size_t hl[] = { 2, 4 };
	struct crm_record h = { 2, hf, hl, 1, NULL, 0 };
	/* the raw text differs from the fields: only it has the spaces */
	char *rf[] = { "x", "y" };
	size_t rl[] = { 1, 1 };
	struct crm_record rec = { 2, rf, rl, 2, " a , b \n", 8 };
	static const char *const own[] = { "score" };
	const char *vals[] = { "9" };
	struct crm_columns c;
	struct crm_csv_writer w;
	struct crm_error e;
	char *out = NULL;
	size_t outlen = 0;
	FILE *fp = open_memstream(&out, &outlen);

	(void)state;
	assert_int_equal(crm_columns_init(&c, &h, own, 1, &e), 0);
	crm_csv_writer_init(&w, fp, ',');
	crm_columns_write_record(&c, &w, &rec, vals);
	/* no raw text: the fields */
	rec.raw = NULL;
	crm_columns_write_record(&c, &w, &rec, vals);
	crm_columns_free(&c);
	fclose(fp);
	assert_string_equal(out, " a , b ,9\nx,y,9\n");
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_require),
		cmocka_unit_test(test_require_duplicate),
		cmocka_unit_test(test_optional),
		cmocka_unit_test(test_missing_cut_on_character),
		cmocka_unit_test(test_missing_delimiter_hint),
		cmocka_unit_test(test_missing_suggests_near_name),
		cmocka_unit_test(test_write_record_raw),
		cmocka_unit_test(test_replace_and_append),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
