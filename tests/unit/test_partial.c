/*
 * test_partial.c - the rows of partial state (partial.h): tags, the
 * fields as written and as read (dates, counts, sums, escaped texts),
 * the meta row and the messages for what is not partial state.  The
 * expected texts and values are worked out by hand from the format in
 * partial.h; records are built from comma-separated text (no quoting).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "partial.h"
#include "value.h"

#define MAXF	8

struct rec {
	char text[256];
	char *f[MAXF];
	size_t len[MAXF];
	struct crm_record r;
};

/* A record split from "a,b,c" (the fields point into a copy). */
static struct crm_record *
record(struct rec *b, const char *line)
{
	char *p, *comma;

	snprintf(b->text, sizeof(b->text), "%s", line);
	b->r.n = 0;
	for (p = b->text;; p = comma + 1) {
		assert_true(b->r.n < MAXF);
		b->f[b->r.n] = p;
		if ((comma = strchr(p, ',')) != NULL)
			*comma = '\0';
		b->len[b->r.n] = strlen(p);
		b->r.n++;
		if (comma == NULL)
			break;
	}
	b->r.field = b->f;
	b->r.len = b->len;
	b->r.line = 3;
	return &b->r;
}

static int32_t
day(const char *s)
{
	int32_t d;

	assert_int_equal(crm_date_parse(s, NULL, &d), CRM_VALUE_OK);
	return d;
}

static void
test_kinds(void **state)
{
	struct rec b;

	(void)state;
	assert_int_equal(crm_partial_kind(record(&b, "A,crm1.rfm,x")),
	    CRM_PARTIAL_RFM);
	assert_int_equal(crm_partial_kind(record(&b, ",crm1.meta")),
	    CRM_PARTIAL_META);
	assert_int_equal(crm_partial_kind(record(&b, "A,crm1.pareto")),
	    CRM_PARTIAL_PARETO);
	assert_int_equal(crm_partial_kind(record(&b, "A,crm1.day,x")),
	    CRM_PARTIAL_DAY);
	/* another version, a header, one field: none */
	assert_int_equal(crm_partial_kind(record(&b, "A,crm2.rfm")),
	    CRM_PARTIAL_NONE);
	assert_int_equal(crm_partial_kind(record(&b, "id,amount")),
	    CRM_PARTIAL_NONE);
	assert_int_equal(crm_partial_kind(record(&b, "A")), CRM_PARTIAL_NONE);
}

/* The messages for rows that are not partial state, or not this kind. */
static void
test_not_partial(void **state)
{
	struct crm_error why;
	struct rec b;

	(void)state;
	assert_int_equal(crm_partial_unexpected(record(&b, "id,amount,x"),
	    "crm-score RFM", &why), CRM_RECORD_BAD);
	assert_int_equal(why.status, CRM_EXIT_DATA);
	assert_string_equal(why.msg, "not partial state of crm-score RFM: "
	    "field 2 is \"amount\"");
	crm_partial_unexpected(record(&b, "A,crm1.day,2024-01-01"),
	    "crm-score RFM", &why);
	assert_string_equal(why.msg, "not partial state of crm-score RFM: "
	    "a crm1.day row");
	crm_partial_unexpected(record(&b, "A"), "crm-pareto --by", &why);
	assert_string_equal(why.msg, "not partial state of crm-pareto --by: "
	    "a record of one field");
	assert_int_equal(crm_partial_empty_key(record(&b, ",crm1.rfm"), &why),
	    CRM_RECORD_BAD);
	assert_string_equal(why.msg, "partial state: a crm1.rfm row with an "
	    "empty key");
	assert_int_equal(crm_partial_width(record(&b, "A,crm1.order,I1"), 3,
	    NULL, &why), CRM_RECORD_OK);
	assert_int_equal(crm_partial_width(record(&b, "A,crm1.rfm,x"), 9,
	    "one more per --keep column", &why), CRM_RECORD_BAD);
	assert_string_equal(why.msg, "partial state: expected 9 fields in a "
	    "crm1.rfm row, found 3 (one more per --keep column)");
}

/* Dates as written, counts of digits only up to a bound, sums. */
static void
test_fields(void **state)
{
	struct crm_decimal d;
	struct crm_error why;
	struct rec b;
	uint64_t n;
	int32_t t = 0;
	int has = 1;

	(void)state;
	record(&b, "A,crm1.rfm,2024-02-29,,20240229,7,-12.50,+1");
	assert_int_equal(crm_partial_date(&b.r, 2, 0, NULL, &t, &why),
	    CRM_RECORD_OK);
	assert_int_equal(t, day("2024-02-29"));
	assert_int_equal(crm_partial_date(&b.r, 3, 1, &has, &t, &why),
	    CRM_RECORD_OK);
	assert_int_equal(has, 0);
	assert_int_equal(crm_partial_date(&b.r, 3, 0, NULL, &t, &why),
	    CRM_RECORD_BAD);
	/* a date crm-score reads in a CSV, but not as partial state has it */
	assert_int_equal(crm_partial_date(&b.r, 4, 0, NULL, &t, &why),
	    CRM_RECORD_BAD);
	assert_string_equal(why.msg, "partial state: field 5 of a crm1.rfm "
	    "row: invalid date \"20240229\"");
	assert_int_equal(crm_partial_count(&b.r, 5, 9, &n, &why),
	    CRM_RECORD_OK);
	assert_int_equal(n, 7);
	assert_int_equal(crm_partial_count(&b.r, 5, 6, &n, &why),
	    CRM_RECORD_BAD);
	assert_string_equal(why.msg, "partial state: field 6 of a crm1.rfm "
	    "row: invalid count \"7\"");
	assert_int_equal(crm_partial_count(&b.r, 6, UINT64_MAX, &n, &why),
	    CRM_RECORD_BAD);
	/* -12.50: 1250 units of 0.01, negative */
	assert_int_equal(crm_partial_decimal(&b.r, 6, &d, &why),
	    CRM_RECORD_OK);
	assert_true(d.units == -1250 && d.scale == 2);
	assert_int_equal(crm_partial_decimal(&b.r, 7, &d, &why),
	    CRM_RECORD_BAD);
	assert_string_equal(why.msg, "partial state: field 8 of a crm1.rfm "
	    "row: invalid sum \"+1\"");
	/* 2^64 - 1 is the largest count; one more is not */
	record(&b, "A,crm1.rfm,18446744073709551615,18446744073709551616,");
	assert_int_equal(crm_partial_count(&b.r, 2, UINT64_MAX, &n, &why),
	    CRM_RECORD_OK);
	assert_true(n == UINT64_MAX);
	assert_int_equal(crm_partial_count(&b.r, 3, UINT64_MAX, &n, &why),
	    CRM_RECORD_BAD);
	assert_int_equal(crm_partial_count(&b.r, 4, UINT64_MAX, &n, &why),
	    CRM_RECORD_BAD);
	assert_int_equal(crm_partial_decimal(&b.r, 4, &d, &why),
	    CRM_RECORD_BAD);
	/* decimals: at most the sum's scale, and at most 9 */
	record(&b, "A,crm1.rfm,2,3,9,10");
	assert_int_equal(crm_partial_decimals(&b.r, 2, 2, &n, &why),
	    CRM_RECORD_OK);
	assert_int_equal(crm_partial_decimals(&b.r, 3, 2, &n, &why),
	    CRM_RECORD_BAD);
	assert_string_equal(why.msg, "partial state: field 4 of a crm1.rfm "
	    "row: invalid count \"3\"");
	assert_int_equal(crm_partial_decimals(&b.r, 4, 12, &n, &why),
	    CRM_RECORD_OK);
	assert_int_equal(crm_partial_decimals(&b.r, 5, 12, &n, &why),
	    CRM_RECORD_BAD);
}

/* What the writers make of a row, as text. */
static char *
written(void (*fn)(struct crm_csv_writer *))
{
	struct crm_csv_writer w;
	char *text = NULL;
	size_t size = 0;
	FILE *fp = open_memstream(&text, &size);

	assert_non_null(fp);
	crm_csv_writer_init(&w, fp, ',');
	fn(&w);
	assert_int_equal(fclose(fp), 0);
	return text;
}

static void
write_row(struct crm_csv_writer *w)
{
	static const char key[] = "Iota \"the\"\nOne";

	crm_partial_begin(w, key, sizeof(key) - 1, CRM_PARTIAL_RFM);
	crm_partial_put_date(w, day("2024-01-05"));
	crm_partial_put_count(w, 0);
	crm_partial_put_count(w, 18446744073709551615u);
	/* 2.50 kept at its scale; -0.125 */
	crm_partial_put_decimal(w, 250, 2);
	crm_partial_put_decimal(w, -125, 3);
	crm_partial_put_text(w, "a,b\\c\r\n", 7);
	crm_csv_end(w);
}

static void
write_meta(struct crm_csv_writer *w)
{
	struct crm_partial_meta m = { "model", 0, 1, 0, 12 };

	m.as_of = day("2024-06-30");
	m.cal_end = day("2024-03-31");
	crm_partial_write_meta(w, &m);
	m.kind = "rfm";
	m.has_cal_end = 0;
	m.future = 0;
	crm_partial_write_meta(w, &m);
}

/*
 * A row as written: the key quoted for its quotes, its line end as \n;
 * the text field quoted for its comma, \\ \r \n for its backslash and
 * line end: one line each.  Read back and decoded, the fields are the
 * originals.
 */
static void
test_write_and_decode(void **state)
{
	struct crm_csv_options opt = { .headerless = 1 };
	struct crm_csv_reader *r;
	struct crm_record *rec;
	struct crm_error e;
	char *text;
	FILE *fp;

	(void)state;
	text = written(write_row);
	assert_string_equal(text, "\"Iota \"\"the\"\"\\nOne\",crm1.rfm,"
	    "2024-01-05,0,18446744073709551615,2.50,-0.125,"
	    "\"a,b\\\\c\\r\\n\"\n");
	fp = fmemopen(text, strlen(text), "r");
	assert_non_null(r = crm_csv_open(fp, "p.csv", &opt, &e));
	assert_int_equal(crm_csv_read(r, &rec, &e), CRM_CSV_RECORD);
	assert_int_equal(crm_partial_decode(rec, &e), CRM_RECORD_OK);
	assert_string_equal(rec->field[0], "Iota \"the\"\nOne");
	assert_int_equal(rec->len[0], 14);
	assert_int_equal(crm_partial_kind(rec), CRM_PARTIAL_RFM);
	assert_string_equal(rec->field[7], "a,b\\c\r\n");
	assert_int_equal(rec->len[7], 7);
	crm_csv_close(r);
	fclose(fp);
	free(text);
}

static void
test_decode_refuses(void **state)
{
	struct crm_error why;
	struct rec b;

	(void)state;
	assert_int_equal(crm_partial_decode(record(&b, "A\\\\,crm1.rfm\\t"),
	    &why), CRM_RECORD_BAD);
	assert_string_equal(b.r.field[0], "A\\");	/* done before it */
	assert_string_equal(why.msg, "partial state: field 2: a backslash "
	    "at byte 9 that starts no escape");
}

/* The meta rows: kind, as-of, calibration end (empty: none), future. */
static void
test_meta(void **state)
{
	struct crm_partial_meta want = { "model", 0, 1, 0, 0 }, got;
	struct crm_error why;
	struct rec b;
	char *text;

	(void)state;
	text = written(write_meta);
	assert_string_equal(text, ",crm1.meta,model,2024-06-30,2024-03-31,12\n"
	    ",crm1.meta,rfm,2024-06-30,,0\n");
	free(text);
	want.as_of = day("2024-06-30");
	want.cal_end = day("2024-03-31");
	assert_int_equal(crm_partial_read_meta(record(&b,
	    ",crm1.meta,model,2024-06-30,2024-03-31,12"), &want, &got, &why),
	    CRM_RECORD_OK);
	assert_int_equal(got.future, 12);
	assert_int_equal(got.cal_end, day("2024-03-31"));
	assert_int_equal(crm_partial_read_meta(record(&b,
	    ",crm1.meta,rfm,2024-06-30,,0"), &want, &got, &why),
	    CRM_RECORD_BAD);
	assert_string_equal(why.msg, "partial state of kind \"rfm\", not "
	    "model: give --merge the options of the runs that wrote it");
	assert_int_equal(crm_partial_read_meta(record(&b,
	    ",crm1.meta,model,2024-06-29,2024-03-31,0"), &want, &got, &why),
	    CRM_RECORD_BAD);
	assert_string_equal(why.msg, "partial state as of 2024-06-29, not "
	    "2024-06-30: give --merge the --as-of of the runs that wrote it");
	assert_int_equal(crm_partial_read_meta(record(&b,
	    ",crm1.meta,model,2024-06-30,,0"), &want, &got, &why),
	    CRM_RECORD_BAD);
	assert_string_equal(why.msg, "partial state with calibration end "
	    "none, not 2024-03-31: give --merge the --calibration-end of the "
	    "runs that wrote it");
	assert_int_equal(crm_partial_read_meta(record(&b,
	    ",crm1.meta,model,2024-06-30"), &want, &got, &why),
	    CRM_RECORD_BAD);
	assert_string_equal(why.msg, "partial state: expected 6 fields in a "
	    "crm1.meta row, found 4");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_not_partial),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_write_and_decode),
		cmocka_unit_test(test_decode_refuses),
		cmocka_unit_test(test_meta),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
