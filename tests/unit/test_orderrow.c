/*
 * test_orderrow.c - an order row read by the rules RFM and model mode
 * share: the values a good row gives (quantity * price, the decimals,
 * the kept values, the order id), a future row bad or left out, an
 * empty id, a missing column.  Expected values by hand; records are
 * built from comma-separated text (no quoting).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "orderrow.h"
#include "value.h"

#define MAXF	8

struct rec {
	char text[256];
	char *f[MAXF];
	size_t len[MAXF];
	struct crm_record r;
};

static const struct crm_record *
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
		b->len[b->r.n++] = strlen(p);
		if (comma == NULL)
			break;
	}
	b->r.field = b->f;
	b->r.len = b->len;
	return &b->r;
}

static void
setup(struct crm_rfm_opts *o, struct crm_order_reader *rd,
    const char *header, int ignore_future)
{
	struct crm_common c;
	struct crm_error e;
	struct crm_header h;
	struct rec hb;

	memset(&c, 0, sizeof(c));
	assert_int_equal(crm_date_parse("2025-01-31", NULL, &c.as_of), 0);
	o->ignore_future = ignore_future;
	assert_int_equal(crm_rfm_opts_finish(o, &c, &e), 0);
	crm_order_reader_init(rd, o);
	h.rec = record(&hb, header);
	h.file = "o.csv";
	assert_int_equal(crm_order_reader_bind(rd, &h, &e), 0);
}

/* 3 x 2.5 (two decimals: 1 + 1), the kept region, the order id */
static void
test_good(void **state)
{
	struct crm_rfm_opts o;
	struct crm_order_reader rd;
	struct crm_order_row row;
	struct crm_error why;
	struct rec b;

	(void)state;
	crm_rfm_opts_init(&o);
	o.quantity = "qty";
	o.order = "order_id";
	assert_int_equal(crm_rfm_opts_keep(&o, "region", &why), 0);
	setup(&o, &rd, "order_id,region,customer_id,order_date,amount,qty",
	    0);
	assert_int_equal(crm_order_reader_read(&rd, record(&b,
	    "o1,north,C7,2025-01-02,2.5,3.0"), &row, &why), CRM_RECORD_OK);
	assert_true(row.idlen == 2 && memcmp(row.id, "C7", 2) == 0);
	assert_int_equal(row.date, crm_days_from_civil(2025, 1, 2));
	assert_true(row.amount.units == 750 && row.amount.scale == 2);
	assert_int_equal(row.refund, 0);
	assert_int_equal(row.decimals, 2);
	/* the mode says when the decimals count */
	assert_int_equal(rd.decimals, 0);
	crm_order_reader_took(&rd, &row);
	assert_int_equal(rd.decimals, 2);
	assert_true(row.orderlen == 2 && memcmp(row.order, "o1", 2) == 0);
	assert_string_equal(row.keep[0], "north");
	assert_int_equal(row.keeplen[0], 5);
	crm_rfm_opts_free(&o);
}

static void
test_bad(void **state)
{
	struct crm_rfm_opts o;
	struct crm_order_reader rd;
	struct crm_order_row row;
	struct crm_error why;
	struct rec b;

	(void)state;
	crm_rfm_opts_init(&o);
	setup(&o, &rd, "customer_id,order_date,amount", 0);
	assert_int_equal(crm_order_reader_read(&rd, record(&b,
	    ",2025-01-02,1"), &row, &why), CRM_RECORD_BAD);
	assert_string_equal(why.msg, "column 'customer_id': empty customer id");
	assert_int_equal(crm_order_reader_read(&rd, record(&b,
	    "A,2025-02-01,1"), &row, &why), CRM_RECORD_BAD);
	assert_string_equal(why.msg, "column 'order_date': order date "
	    "2025-02-01 is after the as-of date 2025-01-31 (see "
	    "--ignore-future)");
	assert_int_equal(crm_order_reader_read(&rd, record(&b,
	    "A,2025-01-02,1x"), &row, &why), CRM_RECORD_BAD);
	assert_string_equal(why.msg, "column 'amount': invalid number \"1x\"");
	assert_int_equal(rd.future, 0);
	crm_rfm_opts_init(&o);
	setup(&o, &rd, "customer_id,order_date,amount", 1);
	assert_int_equal(crm_order_reader_read(&rd, record(&b,
	    "A,2025-02-01,1"), &row, &why), CRM_ORDER_LEFT_OUT);
	assert_int_equal(rd.future, 1);
}

static void
test_missing_column(void **state)
{
	struct crm_rfm_opts o;
	struct crm_order_reader rd;
	struct crm_common c;
	struct crm_header h;
	struct crm_error e;
	struct rec hb;

	(void)state;
	crm_rfm_opts_init(&o);
	memset(&c, 0, sizeof(c));
	assert_int_equal(crm_rfm_opts_finish(&o, &c, &e), 0);
	crm_order_reader_init(&rd, &o);
	h.rec = record(&hb, "customer_id,date,amount");
	h.file = "o.csv";
	assert_int_equal(crm_order_reader_bind(&rd, &h, &e), -1);
	assert_int_equal(e.status, CRM_EXIT_USAGE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_missing_column),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
