/*
 * test_clvcsv.c - the numbers of crm-score's model mode (at least 6
 * significant digits, every integer digit, no exponent; the exact ones
 * with the fewest digits that read back), the holdout table written, and
 * saved parameters read back with their errors.  Expected texts by hand.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "clvcsv.h"
#include "value.h"

static void
number(double v, const char *want)
{
	char buf[CRM_NUMBER_SIZE];

	crm_clvcsv_number(v, buf, sizeof(buf));
	assert_string_equal(buf, want);
}

static void
exact(double v, const char *want)
{
	char buf[CRM_NUMBER_SIZE];

	crm_clvcsv_exact(v, buf, sizeof(buf));
	assert_string_equal(buf, want);
	assert_true(strtod(buf, NULL) == v);
}

static void
test_numbers(void **state)
{
	char buf[CRM_NUMBER_SIZE];

	(void)state;
	number(0.7265897218, "0.72659");	/* 0.726590, zero dropped */
	number(272.0 / 7, "38.8571");
	number(1, "1");
	number(0, "0");
	number(-0.0, "0");
	number(1234567.891, "1234568");		/* every integer digit */
	number(12345.678, "12345.7");
	number(123456.7, "123457");
	number(-12.3456789, "-12.3457");
	number(3.0 / 110, "0.0272727");
	number(1.93640350414684e-28,	/* 1.93640: the 0 dropped */
	    "0.00000000000000000000000000019364");
	number(1e-10, "0.0000000001");
	/*
	 * The smallest double, 4.94066e-324: 5 + 324 decimals (the last six
	 * 494066) after "0.", in CRM_NUMBER_SIZE bytes.
	 */
	crm_clvcsv_number(4.9406564584124654e-324, buf, sizeof(buf));
	assert_int_equal(strlen(buf), 2 + 329);
	assert_string_equal(buf + 2 + 323, "494066");
	assert_true(strtod(buf, NULL) > 0);
	exact(0.243, "0.243");
	exact(0.1, "0.1");
	exact(1.0 / 3, "0.3333333333333333");
	exact(2.0 / 3, "0.6666666666666666");
	exact(4.4136022077630175, "4.4136022077630175");
	exact(1e20, "100000000000000000000");
	exact(2.5e-7, "0.00000025");
	exact(-9582.429206673924, "-9582.429206673924");
	exact(7, "7");
	exact(365.25 / 12, "30.4375");
}

/* The rows of FHL's Figure 3 table, by hand. */
static void
test_holdout(void **state)
{
	struct crm_clv_holdout_row rows[CRM_CLV_HOLDOUT_ROWS];
	struct crm_csv_writer w;
	char *text = NULL;
	size_t size = 0;
	FILE *fp;
	int j;

	(void)state;
	memset(rows, 0, sizeof(rows));
	for (j = 0; j < CRM_CLV_HOLDOUT_ROWS; j++)
		rows[j].x = j < 8 ? j : -1;
	rows[0].customers = 1411;
	rows[0].actual = 334.0 / 1411;
	rows[0].expected = 0.225450879157;
	rows[7].customers = 64;
	rows[7].actual = 6.359375;
	rows[7].expected = 6.157071766779;
	rows[8].customers = 1475;
	rows[8].actual = 741.0 / 1475;
	rows[8].expected = 0.5;
	assert_non_null(fp = open_memstream(&text, &size));
	crm_csv_writer_init(&w, fp, ',');
	crm_clvcsv_write_holdout(rows, &w);
	fclose(fp);
	assert_string_equal(text, "x,customers,actual,expected\n"
	    "0,1411,0.236712,0.225451\n1,0,0,0\n2,0,0,0\n3,0,0,0\n"
	    "4,0,0,0\n5,0,0,0\n6,0,0,0\n7+,64,6.35938,6.15707\n"
	    "all,1475,0.502373,0.5\n");
	free(text);
}

/* Reads text as a parameters file. */
static int
read_text_as(const char *text, enum crm_btyd_model model, int need_gg,
    int merge, struct crm_clv_params *p, struct crm_error *e)
{
	char path[] = "/tmp/test_clvcsv.XXXXXX";
	struct crm_common c;
	FILE *fp;
	int fd, rc;

	assert_true((fd = mkstemp(path)) >= 0);
	assert_non_null(fp = fdopen(fd, "w"));
	fputs(text, fp);
	fclose(fp);
	memset(&c, 0, sizeof(c));
	c.delim = c.csv.delim = ',';
	c.merge = merge;
	rc = crm_clvcsv_read_params(path, &c, model, need_gg, p, e);
	unlink(path);
	if (rc < 0) {
		/* the message without the temporary file's name */
		memmove(e->file, "p.csv", 6);
	}
	return rc;
}

static int
read_text(const char *text, enum crm_btyd_model model, int need_gg,
    struct crm_clv_params *p, struct crm_error *e)
{
	return read_text_as(text, model, need_gg, 0, p, e);
}

static void
test_read(void **state)
{
	struct crm_clv_params p;
	struct crm_error e;

	(void)state;
	assert_int_equal(read_text("parameter,value,std_error\n"
	    "r,0.553,0.05\nalpha,10.578,\ns,0.606,\nbeta,11.669,\n"
	    "log_likelihood,-9595.0,\ncustomers,2357,\nunit_days,7,\n",
	    CRM_PNBD, 0, &p, &e), 0);
	assert_int_equal(p.m.model, CRM_PNBD);
	assert_true(p.m.par[0] == 0.553 && p.m.par[1] == 10.578 &&
	    p.m.par[2] == 0.606 && p.m.par[3] == 11.669);
	assert_false(p.have_gg);
	assert_true(p.unit_days == 7);
	assert_int_equal(p.unit_line, 8);
	assert_int_equal(read_text("value,parameter\n0.243,r\n4.414,alpha\n"
	    "0.793,a\n2.426,b\n6.25,p\n3.74,q\n15.44,gamma\n", CRM_BGNBD, 1,
	    &p, &e), 0);
	assert_true(p.have_gg && p.g.par[2] == 15.44 && p.unit_days == 0);
	/*
	 * under --merge the file still has its header (it was read as
	 * partial state, headerless: "no column 'parameter' in the
	 * header ()")
	 */
	assert_int_equal(read_text_as("parameter,value\nr,0.243\n"
	    "alpha,4.414\na,0.793\nb,2.426\n", CRM_BGNBD, 0, 1, &p, &e), 0);
	assert_true(p.m.par[3] == 2.426);
}

static void
test_read_errors(void **state)
{
	struct crm_clv_params p;
	struct crm_error e;

	(void)state;
	assert_int_equal(read_text("parameter,value\nr,1\nbeta,2\n",
	    CRM_BGNBD, 0, &p, &e), -1);
	assert_int_equal(e.status, CRM_EXIT_USAGE);
	assert_int_equal(e.line, 3);
	assert_string_equal(e.msg, "unknown parameter \"beta\": bgnbd has r, "
	    "alpha, a and b; gamma-gamma p, q and gamma");
	assert_int_equal(read_text("parameter,value\nr,1\nr,1\n",
	    CRM_BGNBD, 0, &p, &e), -1);
	assert_string_equal(e.msg, "parameter \"r\" given twice (first on "
	    "line 2)");
	assert_int_equal(read_text("parameter,value\nr,0\n", CRM_BGNBD, 0,
	    &p, &e), -1);
	assert_string_equal(e.msg, "parameter \"r\": invalid value \"0\": "
	    "expected a number above 0");
	assert_int_equal(read_text("parameter,value\nr,1e3\n", CRM_BGNBD, 0,
	    &p, &e), -1);
	assert_int_equal(read_text("parameter,value\nunit_days,30\n",
	    CRM_BGNBD, 0, &p, &e), -1);
	assert_string_equal(e.msg, "unit_days \"30\": expected 1 (day), 7 "
	    "(week) or 30.4375 (month)");
	assert_int_equal(read_text("parameter,value\nr,1\nalpha,1\na,1\n",
	    CRM_BGNBD, 0, &p, &e), -1);
	assert_int_equal(e.line, 0);
	assert_string_equal(e.file, "p.csv");
	assert_string_equal(e.msg, "no parameter b: bgnbd needs r, alpha, a "
	    "and b");
	assert_int_equal(read_text("parameter,value\nr,1\nalpha,1\na,1\n"
	    "b,1\np,1\nq,2\n", CRM_BGNBD, 1, &p, &e), -1);
	assert_string_equal(e.msg, "no parameter gamma: --spend gamma-gamma "
	    "needs p, q and gamma");
	assert_int_equal(read_text("name,value\n", CRM_BGNBD, 0, &p, &e), -1);
	assert_int_equal(e.status, CRM_EXIT_USAGE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_holdout),
		cmocka_unit_test(test_read),
		cmocka_unit_test(test_read_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
