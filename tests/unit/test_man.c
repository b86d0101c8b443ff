/*
 * test_man.c - the eight MAN classes against the table of the issue:
 * 1 M+A+N, 2 M+A+n, 3 M+a+N, 4 m+A+N, 5 m+a+N, 6 m+A+n, 7 M+a+n, 8 m+a+n;
 * the `man: actions:` config (errors at their line and column, counted by
 * hand in the YAML), the columns found in the header, and the row step.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "man.h"

#define MAXF	8

/* A record split from "a,b,c" (a copy: the fields point into it). */
struct rec {
	char text[256];
	char *f[MAXF];
	size_t len[MAXF];
	struct crm_record r;
};

static const struct crm_record *
record(struct rec *b, const char *line)
{
	char *p = b->text, *comma;

	snprintf(b->text, sizeof(b->text), "%s", line);
	for (b->r.n = 0;; p = comma + 1) {
		assert_true(b->r.n < MAXF);
		if ((comma = strchr(p, ',')) != NULL)
			*comma = '\0';
		b->f[b->r.n] = p;
		b->len[b->r.n++] = strlen(p);
		if (comma == NULL)
			break;
	}
	b->r.field = b->f;
	b->r.len = b->len;
	return &b->r;
}

static void
test_classes_and_codes(void **state)
{
	static const struct {
		int m, a, n, cls;
		const char *code;
	} t[] = {
		{ 1, 1, 1, 1, "M+A+N" }, { 1, 1, 0, 2, "M+A+n" },
		{ 1, 0, 1, 3, "M+a+N" }, { 0, 1, 1, 4, "m+A+N" },
		{ 0, 0, 1, 5, "m+a+N" }, { 0, 1, 0, 6, "m+A+n" },
		{ 1, 0, 0, 7, "M+a+n" }, { 0, 0, 0, 8, "m+a+n" },
	};
	char code[6];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		assert_int_equal(crm_man_class(t[i].m, t[i].a, t[i].n),
		    t[i].cls);
		crm_man_code(t[i].m, t[i].a, t[i].n, code);
		assert_string_equal(code, t[i].code);
	}
}

static void
test_actions(void **state)
{
	(void)state;
	assert_string_equal(crm_man_action(1),
	    "qualified: ideal target, pursue now");
	assert_string_equal(crm_man_action(4),
	    "contact: check finances and credit first");
	assert_string_equal(crm_man_action(6),
	    "nurture: keep in touch until a second condition is met");
	assert_string_equal(crm_man_action(8),
	    "not a prospect: stop spending time");
	assert_string_equal(crm_man_action(0), "");
	assert_string_equal(crm_man_action(9), "");
}

static int
load(struct crm_config *cfg, struct crm_man *m, const char *text,
    struct crm_error *e)
{
	memset(e, 0, sizeof(*e));
	crm_man_init(m);
	assert_int_equal(crm_config_load_string(cfg, "score.yaml", text,
	    strlen(text), e), 0);
	return crm_man_config(m, cfg, crm_config_get(cfg,
	    crm_config_root(cfg), "man"), e);
}

static void
config_error(const char *text, long line, long column, const char *want)
{
	struct crm_config cfg;
	struct crm_error e;
	struct crm_man m;

	assert_int_equal(load(&cfg, &m, text, &e), -1);
	assert_int_equal(e.status, CRM_EXIT_USAGE);
	assert_string_equal(e.msg, want);
	assert_int_equal(e.line, line);
	assert_int_equal(e.column, column);
	crm_config_free(&cfg);
}

static void
test_config(void **state)
{
	struct crm_config cfg;
	struct crm_error e;
	struct crm_man m;

	(void)state;
	assert_int_equal(load(&cfg, &m, "man:\n  actions:\n    2: call\n"
	    "    8: drop\n", &e), 0);
	assert_null(m.action[0]);
	assert_string_equal(m.action[1], "call");
	assert_string_equal(m.action[7], "drop");
	crm_config_free(&cfg);
	/* no actions: the defaults */
	assert_int_equal(load(&cfg, &m, "man: {}\n", &e), 0);
	assert_null(m.action[1]);
	crm_config_free(&cfg);
	/* "    9: x": the key in column 5 of line 3 */
	config_error("man:\n  actions:\n    9: x\n", 3, 5,
	    "unknown key '9'");
	config_error("man:\n  action: {}\n", 2, 3, "unknown key 'action'");
	/* "    1: [a]": the list in column 8 */
	config_error("man:\n  actions:\n    1: [a]\n", 3, 8,
	    "expected a text value, got a list");
}

/*
 * Columns money, authority and need unless named; budget renamed.  Lead
 * "x,yes,n,1": money yes, authority no, need yes: class 3, M+a+N, the
 * default action of 3; "y,1,1,1": class 1 with the configured action.
 */
static void
test_bind_and_row(void **state)
{
	const char *own[3];
	struct crm_rowwise rw;
	struct crm_error e, why;
	struct crm_man m;
	struct rec h, b;

	(void)state;
	crm_man_init(&m);
	m.column[CRM_MAN_MONEY] = "budget";
	m.action[0] = "go";
	assert_int_equal(crm_man_bind(&m, &(struct crm_header){ record(&h,
	    "lead,need,budget,authority"), "leads.csv" }, &e), 0);
	assert_int_equal(m.col[CRM_MAN_MONEY], 2);
	assert_int_equal(m.col[CRM_MAN_AUTHORITY], 3);
	assert_int_equal(m.col[CRM_MAN_NEED], 1);
	assert_int_equal(crm_man_row(&m, record(&b, "x,1,yes,n"), own, &why),
	    CRM_RECORD_OK);
	assert_string_equal(own[0], "M+a+N");
	assert_string_equal(own[1], "3");
	assert_string_equal(own[2],
	    "contact: find the person with buying authority");
	crm_man_rowwise(&m, &rw);
	assert_int_equal(rw.nown, 3);
	assert_string_equal(rw.own[0], "man");
	assert_string_equal(rw.own[1], "man_class");
	assert_string_equal(rw.own[2], "man_action");
	assert_false(rw.hold);
	assert_int_equal(rw.compute(rw.ctx, record(&b, "y,1,1,1"), own, &why),
	    CRM_RECORD_OK);
	assert_string_equal(own[1], "1");
	assert_string_equal(own[2], "go");
	/* an empty field is no, a word that is neither a bad record */
	assert_int_equal(crm_man_row(&m, record(&b, "z,,,"), own, &why),
	    CRM_RECORD_OK);
	assert_string_equal(own[0], "m+a+n");
	assert_int_equal(crm_man_row(&m, record(&b, "z,maybe,1,1"), own,
	    &why), CRM_RECORD_BAD);
	assert_string_equal(why.msg,
	    "column 'need': invalid yes/no value \"maybe\"");
	/* the default columns; money is missing */
	crm_man_init(&m);
	assert_int_equal(crm_man_bind(&m, &(struct crm_header){ record(&h,
	    "lead,need,authority"), "leads.csv" }, &e), -1);
	assert_string_equal(e.msg,
	    "no column 'money' in the header (lead,need,authority)");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classes_and_codes),
		cmocka_unit_test(test_actions),
		cmocka_unit_test(test_config),
		cmocka_unit_test(test_bind_and_row),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
