/*
 * test_segment.c - crm-segment's model (lib/segment.c): --set, the
 * preset list, where the rules come from and which keys each document
 * may have, parameter precedence, the output column and the default,
 * require: checks, each record's segment, the summary, and a whole run
 * through files.
 *
 * User configs are loaded from strings named "user.yaml"; positions in
 * expected errors are counted by hand, 1-based, from the first character
 * of the offending node.  Expected segments follow from the rules by
 * hand; the summary's shares were worked out with Python (see there).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "config.h"
#include "csvio.h"
#include "error.h"
#include "input.h"
#include "options.h"
#include "segment.h"

/* CSV text read through csvio, from a string. */
struct csv {
	FILE *fp;
	struct crm_csv_reader *r;
	struct crm_header h;
};

/* Opens text (a header, then records); name is the file's in messages. */
static const struct crm_header *
csv_open(struct csv *c, const char *text, const char *name)
{
	struct crm_error e;

	assert_non_null(c->fp = fmemopen((void *)text, strlen(text), "r"));
	if ((c->r = crm_csv_open(c->fp, name, NULL, &e)) == NULL)
		fail_msg("%s", e.msg);
	c->h.rec = crm_csv_header(c->r);
	c->h.file = name;
	return &c->h;
}

/* The next record, which must be there. */
static const struct crm_record *
csv_next(struct csv *c)
{
	struct crm_record *rec;
	struct crm_error e;

	assert_int_equal(crm_csv_read(c->r, &rec, &e), CRM_CSV_RECORD);
	return rec;
}

static void
csv_close(struct csv *c)
{
	crm_csv_close(c->r);
	fclose(c->fp);
}

static void
fail_error(const struct crm_error *e)
{
	char buf[1024];

	crm_error_format(e, buf, sizeof(buf));
	fail_msg("%s", buf);
}

/* The segmenter of o and user text (NULL: no user config), or NULL. */
static struct crm_segmenter *
try_new(const struct crm_segment_opts *o, const char *user,
    struct crm_error *e)
{
	struct crm_config c;

	memset(e, 0, sizeof(*e));
	if (user == NULL)
		return crm_segment_new(o, NULL, NULL, e);
	if (crm_config_load_string(&c, "user.yaml", user, strlen(user),
	    e) < 0)
		fail_error(e);
	return crm_segment_new(o, &c, NULL, e);
}

static struct crm_segmenter *
must_new(const struct crm_segment_opts *o, const char *user)
{
	struct crm_segmenter *sg;
	struct crm_error e;

	if ((sg = try_new(o, user, &e)) == NULL)
		fail_error(&e);
	return sg;
}

/* try_new must fail with status and the formatted message want. */
static void
new_fails(const struct crm_segment_opts *o, const char *user, int status,
    const char *want)
{
	struct crm_error e;
	char buf[1024];

	assert_null(try_new(o, user, &e));
	assert_int_equal(e.status, status);
	crm_error_format(&e, buf, sizeof(buf));
	assert_string_equal(buf, want);
}

/* Binds sg to the header of csv text, which must fit. */
static void
must_bind(struct crm_segmenter *sg, struct csv *c, const char *text)
{
	struct crm_error e;

	memset(&e, 0, sizeof(e));
	if (crm_segment_bind(sg, csv_open(c, text, "in.csv"), &e) < 0)
		fail_error(&e);
}

/* The segment of the next record of c, which must be good. */
static const char *
next_segment(struct crm_segmenter *sg, struct csv *c)
{
	const struct crm_record *rec = csv_next(c);
	const char *seg = NULL;
	struct crm_error why;

	memset(&why, 0, sizeof(why));
	if (crm_segment_record(sg, rec, &seg, &why) != CRM_RECORD_OK)
		fail_msg("line %ld: %s", rec->line, why.msg);
	assert_non_null(seg);
	return seg;
}

/* The verdict on the next record of c; *why says why it is bad. */
static int
next_verdict(struct crm_segmenter *sg, struct csv *c, struct crm_error *why)
{
	const char *seg;

	memset(why, 0, sizeof(*why));
	return crm_segment_record(sg, csv_next(c), &seg, why);
}

/*
 * The segment of the one record of table (CSV text) by the segmenter of
 * o and user.
 */
static const char *
segment_of(struct crm_segment_opts *o, const char *user, const char *table,
    char *out, size_t size)
{
	struct crm_segmenter *sg = must_new(o, user);
	struct csv c;

	must_bind(sg, &c, table);
	snprintf(out, size, "%s", next_segment(sg, &c));
	csv_close(&c);
	crm_segment_free(sg);
	return out;
}

static void
test_opts_set(void **state)
{
	struct crm_segment_opts o;
	struct crm_error e;
	char arg[16];
	size_t i;

	(void)state;
	memset(&o, 0, sizeof(o));
	assert_int_equal(crm_segment_opts_set(&o, "value=monetary", &e), 0);
	assert_int_equal(crm_segment_opts_set(&o, "x=", &e), 0);
	assert_int_equal(crm_segment_opts_set(&o, "a=b=c", &e), 0);
	assert_int_equal(o.set.n, 3);
	assert_string_equal(o.set.name[0], "value");
	assert_string_equal(o.set.value[0], "monetary");
	assert_string_equal(o.set.name[1], "x");
	assert_string_equal(o.set.value[1], "");
	/* the first '=' splits */
	assert_string_equal(o.set.name[2], "a");
	assert_string_equal(o.set.value[2], "b=c");

	assert_int_equal(crm_segment_opts_set(&o, "=1", &e), -1);
	assert_int_equal(e.status, CRM_EXIT_USAGE);
	assert_string_equal(e.msg, "invalid --set \"=1\": expected NAME=VALUE");
	assert_int_equal(crm_segment_opts_set(&o, "value", &e), -1);
	assert_string_equal(e.msg,
	    "invalid --set \"value\": expected NAME=VALUE");
	assert_int_equal(o.set.n, 3);

	/* 64 fit (CRM_SEGMENT_MAX_PARAMS); the 65th does not */
	for (i = 3; i < 64; i++) {
		snprintf(arg, sizeof(arg), "p%zu=1", i);
		assert_int_equal(crm_segment_opts_set(&o, arg, &e), 0);
	}
	assert_int_equal(crm_segment_opts_set(&o, "one=more", &e), -1);
	assert_int_equal(e.status, CRM_EXIT_USAGE);
	assert_string_equal(e.msg, "too many --set options");
	crm_segment_opts_free(&o);
	assert_int_equal(o.set.n, 0);
}

static void
test_list_presets(void **state)
{
	/* typed from the first line of each samples/segment-*.yaml */
	static const char want[] =
	    "key-account    key accounts versus the rest.\n"
	    "lifecycle      where a customer stands, from a status column.\n"
	    "lifetime       customer lifetime value crossed with the chance "
	    "of being active.\n"
	    "man            MAN lead classes grouped into what to do with "
	    "the lead.\n"
	    "rfm            the RFM segments of the R package rfm, over "
	    "crm-score's scores.\n"
	    "value-loyalty  four quadrants of customer value and loyalty.\n";
	char *text = NULL;
	size_t len = 0;
	FILE *fp;

	(void)state;
	assert_non_null(fp = open_memstream(&text, &len));
	crm_segment_list_presets(fp);
	assert_int_equal(fclose(fp), 0);
	assert_string_equal(text, want);
	free(text);
}

static void
test_where_the_rules_come_from(void **state)
{
	struct crm_segment_opts o;
	struct crm_segmenter *sg;

	(void)state;
	memset(&o, 0, sizeof(o));
	new_fails(&o, NULL, 2, "no rules: give -c FILE or --preset NAME "
	    "(--list-presets lists them)");
	o.preset = "rmf";
	new_fails(&o, NULL, 2, "unknown preset 'rmf' (presets: key-account, "
	    "lifecycle, lifetime, man, rfm, value-loyalty)");
	/* the user's preset: is looked up the same way */
	o.preset = NULL;
	new_fails(&o, "preset: nope\n", 2, "unknown preset 'nope' (presets: "
	    "key-account, lifecycle, lifetime, man, rfm, value-loyalty)");
	o.preset = "rfm";
	/* "preset: " is 8 characters: the value is at column 9 */
	new_fails(&o, "preset: rfm\n", 2,
	    "user.yaml:1:9: a preset both here and in --preset");
	new_fails(&o, "preset: [rfm]\n", 2,
	    "user.yaml:1:9: a preset both here and in --preset");
	o.preset = NULL;
	new_fails(&o, "preset: [rfm]\n", 2,
	    "user.yaml:1:9: expected a text value, got a list");

	/* from --preset, from preset:, from the user's own rules */
	o.preset = "key-account";
	sg = must_new(&o, NULL);
	assert_int_equal(crm_segment_count(sg), 2);
	assert_string_equal(crm_segment_name(sg, 0), "key account");
	assert_string_equal(crm_segment_name(sg, 1), "other");
	assert_null(crm_segment_name(sg, 2));
	crm_segment_free(sg);
	o.preset = NULL;
	sg = must_new(&o, "preset: man\n");
	assert_int_equal(crm_segment_count(sg), 5);
	assert_string_equal(crm_segment_name(sg, 0), "qualified");
	crm_segment_free(sg);
	sg = must_new(&o, "default: rest\n"
	    "rules: [{name: all, when: {}}]\n");
	assert_int_equal(crm_segment_count(sg), 2);
	assert_string_equal(crm_segment_name(sg, 0), "all");
	assert_string_equal(crm_segment_name(sg, 1), "rest");
	crm_segment_free(sg);
}

static void
test_document_keys(void **state)
{
	struct crm_segment_opts o;

	(void)state;
	memset(&o, 0, sizeof(o));
	/* with a preset, the user's config sets params, column, default */
	new_fails(&o, "preset: man\nrules: []\n", 2,
	    "user.yaml:2:1: unknown key 'rules'");
	new_fails(&o, "preset: man\nrequire: []\n", 2,
	    "user.yaml:2:1: unknown key 'require'");
	o.preset = "man";
	new_fails(&o, "column: x\nrules: []\n", 2,
	    "user.yaml:2:1: unknown key 'rules'");
	/* without, the rules' keys and no preset: of course */
	o.preset = NULL;
	new_fails(&o, "default: x\ncolum: y\n", 2,
	    "user.yaml:2:1: unknown key 'colum'");
	new_fails(&o, "default: x\ndefault: y\n", 2,
	    "user.yaml:2:1: duplicate key 'default'");
	new_fails(&o, "default: x\n", 2, "user.yaml:1:1: missing key 'rules'");
	new_fails(&o, "rules: [{name: a, when: {}}]\n", 2,
	    "user.yaml:1:1: missing key 'default'");
	/* "rules: [{name: a, when: " is 24 characters */
	new_fails(&o, "rules: [{name: a, when: []}]\ndefault: x\n", 2,
	    "user.yaml:1:25: expected a condition (a mapping), got a list");
}

/*
 * value-loyalty (samples/segment-value-loyalty.yaml): core is value and
 * loyalty at their minimums, dangerous value alone, cultivate loyalty
 * alone, the default phase out; the defaults are m_score and f_score,
 * both at least 4.
 */
static void
test_parameter_precedence(void **state)
{
#define ROW(r)	"m_score,f_score,monetary\n" r "\n"
	struct crm_segment_opts o;
	struct crm_error e;
	char s[64];

	(void)state;
	memset(&o, 0, sizeof(o));
	o.preset = "value-loyalty";
	/* the rules' own defaults */
	assert_string_equal(segment_of(&o, NULL, ROW("4,4,10"), s,
	    sizeof(s)), "core");
	assert_string_equal(segment_of(&o, NULL, ROW("4,3,10"), s,
	    sizeof(s)), "dangerous");
	assert_string_equal(segment_of(&o, NULL, ROW("3,4,10"), s,
	    sizeof(s)), "cultivate");
	assert_string_equal(segment_of(&o, NULL, ROW("3,3,10"), s,
	    sizeof(s)), "phase out");
	/* the user's params over them */
	assert_string_equal(segment_of(&o, "params: {value_min: 3}\n",
	    ROW("3,4,10"), s, sizeof(s)), "core");
	/* --set over both */
	assert_int_equal(crm_segment_opts_set(&o, "value_min=5", &e), 0);
	assert_string_equal(segment_of(&o, "params: {value_min: 3}\n",
	    ROW("4,4,10"), s, sizeof(s)), "cultivate");
	/* a later --set of the same name wins; a column is a parameter */
	assert_int_equal(crm_segment_opts_set(&o, "value_min=4", &e), 0);
	assert_int_equal(crm_segment_opts_set(&o, "value=monetary", &e), 0);
	assert_string_equal(segment_of(&o, NULL, ROW("1,4,4"), s,
	    sizeof(s)), "core");
	assert_string_equal(segment_of(&o, NULL, ROW("5,4,3"), s,
	    sizeof(s)), "cultivate");
	crm_segment_opts_free(&o);
#undef ROW

	/* a user's own rules take their own params and --set */
	o.preset = NULL;
	assert_int_equal(crm_segment_opts_set(&o, "min=10", &e), 0);
	assert_string_equal(segment_of(&o, "params: {col: x, min: 5}\n"
	    "default: small\n"
	    "rules: [{name: big, when: {'${col}': {at_least: '${min}'}}}]\n",
	    "x\n7\n", s, sizeof(s)), "small");
	crm_segment_opts_free(&o);
}

static void
test_unknown_parameters(void **state)
{
	static const char no_params[] = "default: x\n"
	    "rules: [{name: a, when: {}}]\n";
	struct crm_segment_opts o;
	struct crm_error e;
	char text[2048];
	size_t i, n;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.preset = "value-loyalty";
	/* "params:\n  " puts the key at line 2, column 3 */
	new_fails(&o, "params:\n  valu: x\n", 2,
	    "user.yaml:2:3: unknown parameter 'valu'");
	new_fails(&o, "params: [value]\n", 2, "user.yaml:1:9: expected a "
	    "mapping of parameter names to values");
	new_fails(&o, "params: {value: [a]}\n", 2,
	    "user.yaml:1:17: expected a text value, got a list");
	assert_int_equal(crm_segment_opts_set(&o, "valu=monetary", &e), 0);
	new_fails(&o, NULL, 2, "unknown parameter 'valu' (the rules have: "
	    "value, value_min, loyalty, loyalty_min)");
	o.preset = NULL;
	new_fails(&o, no_params, 2,
	    "unknown parameter 'valu' (the rules have: none)");
	crm_segment_opts_free(&o);

	/* a parameter the text uses but nobody gives; "rules: [{name: a,
	 * when: {" is 25 characters, the quoted key starts at 26 */
	new_fails(&o, "default: x\nrules: [{name: a, when: {'${c}': 1}}]\n",
	    2, "user.yaml:2:26: unknown parameter 'c'");
	/* 64 parameters are fine, the 65th (line 66, past "params:") not */
	for (n = 64; n <= 65; n++) {
		strcpy(text, "params:\n");
		for (i = 0; i < n; i++)
			snprintf(text + strlen(text), sizeof(text) -
			    strlen(text), "  p%zu: v\n", i);
		strcat(text, no_params);
		if (n == 64)
			crm_segment_free(must_new(&o, text));
		else
			new_fails(&o, text, 2,
			    "user.yaml:66:3: too many parameters");
	}
}

static void
test_column_and_default(void **state)
{
	static const char rules[] = "rules: [{name: a, when: {}}]\n";
	struct crm_segment_opts o;
	struct crm_segmenter *sg;
	char text[256];

	(void)state;
	memset(&o, 0, sizeof(o));
	snprintf(text, sizeof(text), "default: x\n%s", rules);
	sg = must_new(&o, text);
	assert_string_equal(crm_segment_column(sg), "segment");
	crm_segment_free(sg);
	snprintf(text, sizeof(text), "default: x\ncolumn: tier\n%s", rules);
	sg = must_new(&o, text);
	assert_string_equal(crm_segment_column(sg), "tier");
	crm_segment_free(sg);
	o.column = "band";
	sg = must_new(&o, text);
	assert_string_equal(crm_segment_column(sg), "band");
	crm_segment_free(sg);
	o.column = "";
	new_fails(&o, text, 2, "the segment column needs a name");
	o.column = NULL;
	snprintf(text, sizeof(text), "default: x\ncolumn: ''\n%s", rules);
	new_fails(&o, text, 2, "the segment column needs a name");

	/* with a preset: the preset's, then the user's, then --column */
	o.preset = "key-account";
	sg = must_new(&o, "default: rest\n");
	assert_string_equal(crm_segment_column(sg), "segment");
	assert_string_equal(crm_segment_name(sg, 1), "rest");
	crm_segment_free(sg);
	sg = must_new(&o, "column: account\n");
	assert_string_equal(crm_segment_column(sg), "account");
	assert_string_equal(crm_segment_name(sg, 1), "other");
	crm_segment_free(sg);
	o.column = "band";
	sg = must_new(&o, "column: account\n");
	assert_string_equal(crm_segment_column(sg), "band");
	crm_segment_free(sg);
	new_fails(&o, "default: [a]\n", 2,
	    "user.yaml:1:10: expected a text value, got a list");
}

static void
test_require(void **state)
{
	static const char text[] = "default: rest\n"
	    "rules: [{name: big, when: {amount: {at_least: 100}}}]\n"
	    "require:\n"
	    "  - {when: {id: {empty: false}}, message: no customer id}\n";
	struct crm_segment_opts o;
	struct crm_segmenter *sg;
	struct crm_error why;
	struct csv c;

	(void)state;
	memset(&o, 0, sizeof(o));
	sg = must_new(&o, text);
	must_bind(sg, &c, "id,amount\nC1,150\nC3,5\n,150\nC2,abc\n");
	assert_string_equal(next_segment(sg, &c), "big");
	assert_string_equal(next_segment(sg, &c), "rest");
	assert_int_equal(next_verdict(sg, &c, &why), CRM_RECORD_BAD);
	assert_int_equal(why.status, CRM_EXIT_DATA);
	assert_string_equal(why.msg, "no customer id");
	/* the rules' own bad fields are bad records too */
	assert_int_equal(next_verdict(sg, &c, &why), CRM_RECORD_BAD);
	assert_string_equal(why.msg, "column 'amount': invalid number \"abc\"");
	csv_close(&c);
	crm_segment_free(sg);

	/* "  - {" is 4 characters: an item starts at column 5 */
	new_fails(&o, "default: x\nrules: [{name: a, when: {}}]\n"
	    "require:\n  - {when: {}}\n", 2,
	    "user.yaml:4:5: missing key 'message'");
	new_fails(&o, "default: x\nrules: [{name: a, when: {}}]\n"
	    "require:\n  - {message: m}\n", 2,
	    "user.yaml:4:5: missing key 'when'");
	new_fails(&o, "default: x\nrules: [{name: a, when: {}}]\n"
	    "require:\n  - {whenn: {}, message: m}\n", 2,
	    "user.yaml:4:6: unknown key 'whenn'");
	/* "  - {when: {}, message: " is 24 characters */
	new_fails(&o, "default: x\nrules: [{name: a, when: {}}]\n"
	    "require:\n  - {when: {}, message: [m]}\n", 2,
	    "user.yaml:4:25: expected a text value, got a list");
	new_fails(&o, "default: x\nrules: [{name: a, when: {}}]\n"
	    "require: {when: {}}\n", 2,
	    "user.yaml:3:10: expected a list, got a mapping");
	/* "  - {when: {x: {" is 16 characters */
	new_fails(&o, "default: x\nrules: [{name: a, when: {}}]\n"
	    "require:\n  - {when: {x: {abov: 1}}, message: m}\n", 2,
	    "user.yaml:4:17: unknown test 'abov' (expected equals, "
	    "not_equals, below, at_most, above, at_least, between, is, "
	    "is_not, in, not_in, before, after, days_ago, empty, "
	    "ignore_case)");
}

static void
test_bind(void **state)
{
	struct crm_segment_opts o;
	struct crm_segmenter *sg;
	struct crm_error e;
	struct csv c;
	char buf[256];

	(void)state;
	memset(&o, 0, sizeof(o));
	sg = must_new(&o, "default: x\n"
	    "rules: [{name: a, when: {a: 1}}]\n"
	    "require: [{when: {r: 1}, message: m}]\n");
	assert_int_equal(crm_segment_bind(sg, csv_open(&c, "r,v\n", "in.csv"),
	    &e), -1);
	csv_close(&c);
	crm_error_format(&e, buf, sizeof(buf));
	/* at the key naming the column: "rules: [{name: a, when: {" is 25 */
	assert_string_equal(buf,
	    "user.yaml:2:26: no column 'a' in the header (r,v)");
	assert_int_equal(crm_segment_bind(sg, csv_open(&c, "a,v\n", "in.csv"),
	    &e), -1);
	csv_close(&c);
	crm_error_format(&e, buf, sizeof(buf));
	assert_string_equal(buf,
	    "user.yaml:3:19: no column 'r' in the header (a,v)");
	crm_segment_free(sg);

	o.value = "value";
	sg = must_new(&o, "default: x\nrules: [{name: a, when: {}}]\n");
	assert_int_equal(crm_segment_bind(sg, csv_open(&c, "a,v\n", "in.csv"),
	    &e), -1);
	csv_close(&c);
	crm_error_format(&e, buf, sizeof(buf));
	assert_string_equal(buf, "in.csv: no column 'value' in the header "
	    "(a,v)");
	must_bind(sg, &c, "a,value\n");
	csv_close(&c);
	crm_segment_free(sg);
}

/* The summary as CSV, with delimiter delim. */
static char *
summary(const struct crm_segmenter *sg, unsigned char delim)
{
	struct crm_csv_writer w;
	char *text = NULL;
	size_t len = 0;
	FILE *fp;

	assert_non_null(fp = open_memstream(&text, &len));
	crm_csv_writer_init(&w, fp, delim);
	crm_segment_summary(sg, &w);
	assert_int_equal(fclose(fp), 0);
	return text;
}

/*
 * Six records over four rules and the default.  By hand: 2, 2, 1 and 1
 * records of 6, no platinum; amounts summed with 2 decimals (120.25 has
 * the most); the value share base is the positive amounts, 1500.5 + 250
 * + 120.25 + 1000 + 50 = 2920.75.  Shares to 6 decimals from Python:
 * 2/6 = 0.333333, 1/6 = 0.166667, 2500.5 / 2920.75 = 0.856116, 370.25 /
 * 2920.75 = 0.126765, -30 / 2920.75 = -0.010271, 50 / 2920.75 = 0.017119.
 */
static void
test_summary(void **state)
{
	static const char text[] = "default: other\n"
	    "rules:\n"
	    "  - {name: platinum, when: {amount: {at_least: 1000000}}}\n"
	    "  - {name: gold, when: {amount: {at_least: 1000}}}\n"
	    "  - {name: silver, when: {amount: {at_least: 100}}}\n"
	    "  - {name: refund, when: {amount: {below: 0}}}\n";
	static const char *const want[] = { "gold", "silver", "silver",
	    "refund", "other", "gold" };
	struct crm_segment_opts o;
	struct crm_segmenter *sg;
	struct csv c;
	char *s;
	size_t i;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.value = "amount";
	sg = must_new(&o, text);
	must_bind(sg, &c, "id,amount\nA,1500.5\nB,250\nC,120.25\nD,-30\n"
	    "E,50\nF,1000\n");
	/* before any record: every count and share 0 */
	s = summary(sg, ',');
	assert_string_equal(s, "segment,customers,share,value,value_share\n"
	    "platinum,0,0,0,0\n" "gold,0,0,0,0\n" "silver,0,0,0,0\n"
	    "refund,0,0,0,0\n" "other,0,0,0,0\n");
	free(s);
	for (i = 0; i < 6; i++)
		assert_string_equal(next_segment(sg, &c), want[i]);
	csv_close(&c);
	s = summary(sg, ';');
	assert_string_equal(s, "segment;customers;share;value;value_share\n"
	    "platinum;0;0;0.00;0\n"
	    "gold;2;0.333333;2500.50;0.856116\n"
	    "silver;2;0.333333;370.25;0.126765\n"
	    "refund;1;0.166667;-30.00;-0.010271\n"
	    "other;1;0.166667;50.00;0.017119\n");
	free(s);
	crm_segment_free(sg);

	/* without --value: counts and shares only, under --column's name */
	o.value = NULL;
	o.column = "tier";
	sg = must_new(&o, text);
	must_bind(sg, &c, "id,amount\nA,5\n");
	assert_string_equal(next_segment(sg, &c), "other");
	csv_close(&c);
	s = summary(sg, ',');
	assert_string_equal(s, "tier,customers,share\n" "platinum,0,0\n"
	    "gold,0,0\n" "silver,0,0\n" "refund,0,0\n" "other,1,1\n");
	free(s);
	crm_segment_free(sg);
}

/* A value that is not a number is a bad record, and is not counted. */
static void
test_bad_value(void **state)
{
	struct crm_segment_opts o;
	struct crm_segmenter *sg;
	struct crm_error why;
	struct csv c;
	char *s;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.value = "v";
	sg = must_new(&o, "default: x\nrules: [{name: a, when: {k: 1}}]\n");
	must_bind(sg, &c, "k,v\n1,1x\n1,3\n");
	assert_int_equal(next_verdict(sg, &c, &why), CRM_RECORD_BAD);
	assert_string_equal(why.msg, "column 'v': invalid number \"1x\"");
	assert_string_equal(next_segment(sg, &c), "a");
	csv_close(&c);
	s = summary(sg, ',');
	assert_string_equal(s, "segment,customers,share,value,value_share\n"
	    "a,1,1,3,1\n" "x,0,0,0,0\n");
	free(s);
	crm_segment_free(sg);
}

/*
 * The summary's sums are exact and its shares rounded half away from
 * zero (by hand): a 9007199254740993 + 1 = 9007199254740994 (doubles
 * give ...992), x 0.5 + 0.25 = 0.75, two decimals; the positive total
 * 9007199254740994.75.  Shares of 4 records: 1/4 = 0.25 and 3/4 = 0.75.
 * Value shares: x 0.75 / 9007199254740994.75 is 8.3e-17: 0.  A second
 * table: 1 of 2000000 is 0.0000005 exactly, 0.000001 half away from
 * zero (in binary it is a little less: printf made it 0).  A value that
 * would take the positive sum past 38 digits is bad, not counted.
 */
static void
test_summary_exact(void **state)
{
	struct crm_segment_opts o;
	struct crm_segmenter *sg;
	struct crm_error why;
	struct csv c;
	char *s;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.value = "v";
	sg = must_new(&o, "default: x\nrules: [{name: a, when: {k: 1}}]\n");
	must_bind(sg, &c, "k,v\n1,9007199254740993\n1,1\n0,0.5\n0,0.25\n"
	    "0,999999999999999999999999999999999999\n");
	assert_string_equal(next_segment(sg, &c), "a");
	assert_string_equal(next_segment(sg, &c), "a");
	assert_string_equal(next_segment(sg, &c), "x");
	assert_string_equal(next_segment(sg, &c), "x");
	/* 10^36 - 1 at two decimals is 10^38 - 100 units: too many */
	assert_int_equal(next_verdict(sg, &c, &why), CRM_RECORD_BAD);
	assert_string_equal(why.msg, "column 'v': the values add up to more "
	    "than 38 digits (decimals: 2): too large to sum exactly");
	csv_close(&c);
	s = summary(sg, ',');
	assert_string_equal(s, "segment,customers,share,value,value_share\n"
	    "a,2,0.5,9007199254740994.00,1\n" "x,2,0.5,0.75,0\n");
	free(s);
	crm_segment_free(sg);

	sg = must_new(&o, "default: x\nrules: [{name: a, when: {k: 1}}]\n");
	must_bind(sg, &c, "k,v\n1,1999999\n0,1\n");
	assert_string_equal(next_segment(sg, &c), "a");
	assert_string_equal(next_segment(sg, &c), "x");
	csv_close(&c);
	s = summary(sg, ',');
	assert_string_equal(s, "segment,customers,share,value,value_share\n"
	    "a,1,0.5,1999999,1\n" "x,1,0.5,1,0.000001\n");
	free(s);
	crm_segment_free(sg);
}

/* Writes text to dir/name; the path goes to path. */
static void
put(const char *dir, const char *name, const char *text, char *path,
    size_t size)
{
	FILE *fp;

	snprintf(path, size, "%s/%s", dir, name);
	assert_non_null(fp = fopen(path, "w"));
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

/*
 * A whole run from files: the config by path, the input through input.h;
 * the segment column replaced in place; a record failing require: stops
 * the run at its line, or with --skip-bad is skipped.
 */
static void
test_run(void **state)
{
	char dir[64], cfg[128], csv[128], *paths[1], *out;
	struct crm_segment_opts o;
	struct crm_segmenter *sg;
	struct crm_csv_writer w;
	struct crm_common c;
	struct crm_input *in;
	struct crm_error e;
	size_t len;
	FILE *fp;
	int skip;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/crm-test-segment.XXXXXX");
	assert_non_null(mkdtemp(dir));
	put(dir, "user.yaml", "default: small\n"
	    "rules: [{name: big, when: {amount: {above: 100}}}]\n"
	    "require: [{when: {id: {empty: false}}, message: no id}]\n",
	    cfg, sizeof(cfg));
	put(dir, "in.csv", "id,segment,amount\nA,old,500\n,old,1\nB,,7\n",
	    csv, sizeof(csv));
	paths[0] = csv;
	memset(&o, 0, sizeof(o));
	for (skip = 0; skip <= 1; skip++) {
		memset(&c, 0, sizeof(c));
		c.delim = c.csv.delim = ',';
		c.skip_bad = skip;
		assert_non_null(sg = crm_segment_load(&o, cfg, NULL, &e));
		assert_non_null(in = crm_input_open(paths, 1, &c, &e));
		assert_int_equal(crm_segment_bind(sg, crm_input_header(in),
		    &e), 0);
		assert_non_null(fp = open_memstream(&out, &len));
		crm_csv_writer_init(&w, fp, ',');
		if (skip) {
			assert_int_equal(crm_segment_run(sg, in, &w, &e), 0);
			assert_int_equal(crm_input_rejected(in), 1);
		} else {
			assert_int_equal(crm_segment_run(sg, in, &w, &e), -1);
			assert_int_equal(e.line, 3);
			assert_string_equal(e.msg, "no id");
		}
		assert_int_equal(fclose(fp), 0);
		assert_string_equal(out, skip ? "id,segment,amount\n"
		    "A,big,500\n" "B,small,7\n" : "id,segment,amount\n"
		    "A,big,500\n");
		free(out);
		crm_input_close(in);
		crm_segment_free(sg);
	}

	assert_null(crm_segment_load(&o, "/nonexistent/user.yaml", NULL,
	    &e));
	assert_int_equal(e.status, CRM_EXIT_USAGE);
	assert_string_equal(e.msg, "cannot open: No such file or directory");
	unlink(cfg);
	unlink(csv);
	assert_int_equal(rmdir(dir), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_opts_set),
		cmocka_unit_test(test_list_presets),
		cmocka_unit_test(test_where_the_rules_come_from),
		cmocka_unit_test(test_document_keys),
		cmocka_unit_test(test_parameter_precedence),
		cmocka_unit_test(test_unknown_parameters),
		cmocka_unit_test(test_column_and_default),
		cmocka_unit_test(test_require),
		cmocka_unit_test(test_bind),
		cmocka_unit_test(test_summary),
		cmocka_unit_test(test_summary_exact),
		cmocka_unit_test(test_bad_value),
		cmocka_unit_test(test_run),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
