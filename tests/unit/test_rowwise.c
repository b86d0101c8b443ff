/*
 * test_rowwise.c - the row-wise loop: records streamed or held, the
 * program's columns appended or replaced in place, bad records skipped
 * and counted or stopping the run, and a stop verdict.
 *
 * The program under test doubles column v ("double"); in holding mode it
 * writes v's share of the largest v seen ("of_max").  Inputs are files in
 * a scratch directory, read through crm_input as a program would.
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

#include "field.h"
#include "rowwise.h"

static char scratch[] = "/tmp/crm-test-rowwise.XXXXXX";
static char path[64];

struct prog {
	long vcol;
	double max;
	char buf[32];
	int checked, prepared, computed;
	int prepared_after;	/* checks seen when prepare ran */
	int stop_at;		/* compute says stop at this record (1-based) */
};

static int
check(void *ctx, const struct crm_record *rec, struct crm_error *why)
{
	struct prog *p = ctx;
	double v;

	p->checked++;
	if (crm_field_number(rec, p->vcol, "v", 0, &v, NULL, why) < 0)
		return CRM_RECORD_BAD;
	if (v > p->max)
		p->max = v;
	return CRM_RECORD_OK;
}

static int
prepare(void *ctx, struct crm_error *e)
{
	struct prog *p = ctx;

	(void)e;
	p->prepared++;
	p->prepared_after = p->checked;
	return 0;
}

static int
doubled(void *ctx, const struct crm_record *rec, const char **own,
    struct crm_error *why)
{
	struct prog *p = ctx;
	double v;

	if (++p->computed == p->stop_at) {
		crm_error_set(why, CRM_EXIT_DATA, NULL, 0, 0, "out of memory");
		return CRM_RECORD_STOP;
	}
	if (crm_field_number(rec, p->vcol, "v", 0, &v, NULL, why) < 0)
		return CRM_RECORD_BAD;
	snprintf(p->buf, sizeof(p->buf), "%g", 2 * v);
	own[0] = p->buf;
	return CRM_RECORD_OK;
}

static int
of_max(void *ctx, const struct crm_record *rec, const char **own,
    struct crm_error *why)
{
	struct prog *p = ctx;
	double v;

	p->computed++;
	if (crm_field_number(rec, p->vcol, "v", 0, &v, NULL, why) < 0)
		return CRM_RECORD_BAD;
	snprintf(p->buf, sizeof(p->buf), "%g", v / p->max);
	own[0] = p->buf;
	return CRM_RECORD_OK;
}

static const char *const double_col[] = { "double" };
static const char *const of_max_col[] = { "of_max" };

/* The outcome of one run. */
struct outcome {
	int rv;
	char out[1024];
	struct crm_error e;
	size_t rejected;
};

/* Runs rw over text (written to a file) with --skip-bad or not. */
static void
run(struct crm_rowwise *rw, struct prog *p, const char *text, int skip_bad,
    struct outcome *o)
{
	struct crm_common c;
	struct crm_input *in;
	struct crm_csv_writer w;
	char *paths[1] = { path }, *out = NULL;
	size_t outlen = 0;
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
	memset(&c, 0, sizeof(c));
	c.delim = ',';
	c.skip_bad = skip_bad;
	in = crm_input_open(paths, 1, &c, &o->e);
	assert_non_null(in);
	p->vcol = crm_header_find(crm_input_header(in), "v");
	assert_true(p->vcol >= 0);
	rw->ctx = p;
	fp = open_memstream(&out, &outlen);
	assert_non_null(fp);
	crm_csv_writer_init(&w, fp, ',');
	o->rv = crm_rowwise_run(rw, in, &w, &o->e);
	o->rejected = crm_input_rejected(in);
	crm_input_close(in);
	fclose(fp);
	snprintf(o->out, sizeof(o->out), "%s", out);
	free(out);
}

static void
test_streaming(void **state)
{
	struct crm_rowwise rw = { double_col, 1, 0, check, prepare, doubled,
	    NULL };
	struct prog p = { 0 };
	struct outcome o;

	(void)state;
	/* an unquoted space is kept; a needless quote is dropped */
	run(&rw, &p, "id,v\na ,1\n\"b\",2.5\n", 0, &o);
	assert_int_equal(o.rv, 0);
	assert_string_equal(o.out, "id,v,double\na ,1,2\nb,2.5,5\n");
	/* prepare runs once, before any record; check is not used */
	assert_int_equal(p.prepared, 1);
	assert_int_equal(p.prepared_after, 0);
	assert_int_equal(p.checked, 0);
	assert_int_equal(p.computed, 2);
	assert_int_equal(o.rejected, 0);
}

static void
test_streaming_replaces_in_place(void **state)
{
	struct crm_rowwise rw = { double_col, 1, 0, NULL, NULL, doubled,
	    NULL };
	struct prog p = { 0 };
	struct outcome o;

	(void)state;
	run(&rw, &p, "double,v,id\nold,3,a\n", 0, &o);
	assert_int_equal(o.rv, 0);
	assert_string_equal(o.out, "double,v,id\n6,3,a\n");
}

static void
test_header_only(void **state)
{
	struct crm_rowwise rw = { double_col, 1, 0, NULL, NULL, doubled,
	    NULL };
	struct prog p = { 0 };
	struct outcome o;

	(void)state;
	run(&rw, &p, "id,v\n", 0, &o);
	assert_int_equal(o.rv, 0);
	assert_string_equal(o.out, "id,v,double\n");
	assert_int_equal(p.computed, 0);
}

/*
 * Bad records: with --skip-bad skipped and counted (a bad value and a
 * record of the wrong width), without it the first one stops the run,
 * placed at its file and line.
 */
static void
test_bad_record(void **state)
{
	struct crm_rowwise rw = { double_col, 1, 0, NULL, NULL, doubled,
	    NULL };
	struct prog p = { 0 };
	struct outcome o;
	char msg[600];

	(void)state;
	run(&rw, &p, "id,v\na,1\nb,x\nc\nd,4\n", 1, &o);
	assert_int_equal(o.rv, 0);
	assert_string_equal(o.out, "id,v,double\na,1,2\nd,4,8\n");
	assert_int_equal(o.rejected, 2);

	memset(&p, 0, sizeof(p));
	run(&rw, &p, "id,v\na,1\nb,x\nc\nd,4\n", 0, &o);
	assert_int_equal(o.rv, -1);
	assert_int_equal(o.e.status, 1);
	assert_string_equal(o.e.file, path);
	assert_int_equal(o.e.line, 3);
	assert_string_equal(o.e.msg, "column 'v': invalid number \"x\"");
	/* what came before the bad record was written */
	assert_string_equal(o.out, "id,v,double\na,1,2\n");
	crm_error_format(&o.e, msg, sizeof(msg));
	assert_non_null(strstr(msg, ":3: column 'v'"));
}

/* A stop verdict ends the run even with --skip-bad, as the why says. */
static void
test_stop(void **state)
{
	struct crm_rowwise rw = { double_col, 1, 0, NULL, NULL, doubled,
	    NULL };
	struct prog p = { 0 };
	struct outcome o;

	(void)state;
	p.stop_at = 2;
	run(&rw, &p, "id,v\na,1\nb,2\nc,3\n", 1, &o);
	assert_int_equal(o.rv, -1);
	assert_string_equal(o.e.msg, "out of memory");
	assert_int_equal(o.rejected, 0);
	assert_int_equal(p.computed, 2);
	assert_string_equal(o.out, "id,v,double\na,1,2\n");
}

/*
 * Holding: every record checked first, prepare once after the last
 * check, then compute over the held records in their order.  The
 * largest v is 4: 1/4, 4/4, 2/4.
 */
static void
test_holding(void **state)
{
	struct crm_rowwise rw = { of_max_col, 1, 1, check, prepare, of_max,
	    NULL };
	struct prog p = { 0 };
	struct outcome o;

	(void)state;
	run(&rw, &p, "id,v\na,1\nb,4\nc,2\n", 0, &o);
	assert_int_equal(o.rv, 0);
	assert_string_equal(o.out, "id,v,of_max\na,1,0.25\nb,4,1\nc,2,0.5\n");
	assert_int_equal(p.checked, 3);
	assert_int_equal(p.prepared, 1);
	assert_int_equal(p.prepared_after, 3);
	assert_int_equal(p.computed, 3);
}

/* A record that fails the check is not held: compute never sees it. */
static void
test_holding_bad_record(void **state)
{
	struct crm_rowwise rw = { of_max_col, 1, 1, check, prepare, of_max,
	    NULL };
	struct prog p = { 0 };
	struct outcome o;

	(void)state;
	run(&rw, &p, "id,v\na,1\nb,\nc,2\n", 1, &o);
	assert_int_equal(o.rv, 0);
	assert_string_equal(o.out, "id,v,of_max\na,1,0.5\nc,2,1\n");
	assert_int_equal(o.rejected, 1);
	assert_int_equal(p.checked, 3);
	assert_int_equal(p.computed, 2);

	memset(&p, 0, sizeof(p));
	run(&rw, &p, "id,v\na,1\nb,\nc,2\n", 0, &o);
	assert_int_equal(o.rv, -1);
	assert_int_equal(o.e.line, 3);
	assert_string_equal(o.e.msg, "column 'v': missing value");
	/* nothing is written before every record was checked */
	assert_string_equal(o.out, "id,v,of_max\n");
	assert_int_equal(p.prepared, 0);
}

static int
setup(void **state)
{
	(void)state;
	if (mkdtemp(scratch) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/in.csv", scratch);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	unlink(path);
	return rmdir(scratch);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_streaming),
		cmocka_unit_test(test_streaming_replaces_in_place),
		cmocka_unit_test(test_header_only),
		cmocka_unit_test(test_bad_record),
		cmocka_unit_test(test_stop),
		cmocka_unit_test(test_holding),
		cmocka_unit_test(test_holding_bad_record),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
