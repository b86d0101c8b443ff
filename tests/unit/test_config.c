/*
 * test_config.c - unit tests for lib/config.c.
 *
 * Most cases load from a string named "rules.yaml" so that positions and
 * the formatted "FILE:LINE:COLUMN: message" text can be checked exactly;
 * one case goes through a real temporary file and one through a missing
 * file.
 */
#include <limits.h>
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
#include "error.h"

static int
load(struct crm_config *c, const char *text, struct crm_error *e)
{
	return crm_config_load_string(c, "rules.yaml", text, strlen(text), e);
}

/* Loads text, which must be valid, and returns its root. */
static yaml_node_t *
must_load(struct crm_config *c, const char *text)
{
	struct crm_error e;

	memset(&e, 0, sizeof(e));
	assert_int_equal(load(c, text, &e), 0);
	assert_int_equal(c->loaded, 1);
	assert_non_null(crm_config_root(c));
	return crm_config_root(c);
}

static void
assert_error(const struct crm_error *e, long line, long column,
    const char *formatted)
{
	char buf[1024];

	assert_int_equal(e->status, CRM_EXIT_USAGE);
	assert_int_equal(e->line, line);
	assert_int_equal(e->column, column);
	crm_error_format(e, buf, sizeof(buf));
	assert_string_equal(buf, formatted);
}

static void
test_valid_nested(void **state)
{
	static const char text[] =
	    "name: \"big spenders\"\n"
	    "threshold: 1,250.50\n"
	    "top: 10\n"
	    "strict: yes\n"
	    "since: 2024-02-29\n"
	    "weights:\n"
	    "  recency: 0.5\n"
	    "  frequency: -2\n"
	    "  enabled: false\n";
	static const char *const top_keys[] = { "name", "threshold", "top",
	    "strict", "since", "weights", NULL };
	static const char *const weight_keys[] = { "recency", "frequency",
	    "enabled", NULL };
	struct crm_config c;
	struct crm_error e;
	yaml_node_t *root, *w;
	const char *s;
	double d;
	long l;
	int b;
	int32_t days;

	(void)state;
	root = must_load(&c, text);
	assert_string_equal(c.path, "rules.yaml");
	assert_int_equal(crm_config_check_keys(&c, root, top_keys, &e), 0);

	assert_int_equal(crm_config_string(&c, crm_config_get(&c, root,
	    "name"), &s, &e), 0);
	assert_string_equal(s, "big spenders");
	assert_int_equal(crm_config_number(&c, crm_config_get(&c, root,
	    "threshold"), &d, &e), 0);
	assert_true(d == 1250.5);
	assert_int_equal(crm_config_int(&c, crm_config_get(&c, root, "top"),
	    &l, &e), 0);
	assert_int_equal(l, 10);
	assert_int_equal(crm_config_bool(&c, crm_config_get(&c, root,
	    "strict"), &b, &e), 0);
	assert_int_equal(b, 1);
	assert_int_equal(crm_config_date(&c, crm_config_get(&c, root,
	    "since"), &days, &e), 0);
	assert_int_equal(days, 19782);	/* 2024-01-01 is 19723, +31 +28 */

	w = crm_config_get(&c, root, "weights");
	assert_non_null(w);
	assert_int_equal(crm_config_check_keys(&c, w, weight_keys, &e), 0);
	assert_int_equal(crm_config_number(&c, crm_config_get(&c, w,
	    "recency"), &d, &e), 0);
	assert_true(d == 0.5);
	assert_int_equal(crm_config_int(&c, crm_config_get(&c, w,
	    "frequency"), &l, &e), 0);
	assert_int_equal(l, -2);
	assert_int_equal(crm_config_bool(&c, crm_config_get(&c, w,
	    "enabled"), &b, &e), 0);
	assert_int_equal(b, 0);

	assert_null(crm_config_get(&c, root, "missing"));
	assert_null(crm_config_get(&c, root, "nam"));
	/* Not a mapping: nothing to find, no crash. */
	assert_null(crm_config_get(&c, crm_config_get(&c, root, "top"),
	    "x"));
	crm_config_free(&c);
	assert_int_equal(c.loaded, 0);
	assert_null(crm_config_root(&c));
}

/*
 * libyaml's scanner reads "[1, 2" then the line break, and only at the
 * end of the stream (problem_mark line 1, column 0, zero-based: the start
 * of the empty second line) finds neither ',' nor ']'.  Its context mark
 * is the '[' at zero-based 0:3.  Both are shown 1-based: 2:1 and 1:4.
 */
static void
test_syntax_error(void **state)
{
	struct crm_config c;
	struct crm_error e;

	(void)state;
	assert_int_equal(load(&c, "a: [1, 2\n", &e), -1);
	assert_int_equal(c.loaded, 0);
	assert_error(&e, 2, 1, "rules.yaml:2:1: did not find expected ',' "
	    "or ']' (while parsing a flow sequence at 1:4)");
	/* No context: the problem alone, at its mark. */
	assert_int_equal(load(&c, "a: b\n c: d\n", &e), -1);
	assert_error(&e, 2, 3, "rules.yaml:2:3: mapping values are not "
	    "allowed in this context");
	/* An alias to no anchor is the composer's error. */
	assert_int_equal(load(&c, "a: *nowhere\n", &e), -1);
	assert_error(&e, 1, 4, "rules.yaml:1:4: found undefined alias");
	/* A failed load leaves nothing to free; freeing anyway is harmless. */
	crm_config_free(&c);
}

/* Reader errors carry a byte offset only; it is mapped to line:column. */
static void
test_reader_error(void **state)
{
	struct crm_config c;
	struct crm_error e;
	static const char bad_utf8[] = "a: ok\nb: \xff\n";
	static const char ctrl[] = "a: ok\nbé: x\x01y\n";

	(void)state;
	assert_int_equal(crm_config_load_string(&c, "rules.yaml", bad_utf8,
	    sizeof(bad_utf8) - 1, &e), -1);
	assert_error(&e, 2, 4, "rules.yaml:2:4: invalid leading UTF-8 octet");
	/* Columns count characters, as libyaml's marks do: é is one. */
	assert_int_equal(crm_config_load_string(&c, "rules.yaml", ctrl,
	    sizeof(ctrl) - 1, &e), -1);
	assert_error(&e, 2, 6, "rules.yaml:2:6: control characters are not "
	    "allowed");
}

static void
test_empty(void **state)
{
	struct crm_config c;
	struct crm_error e;

	(void)state;
	assert_int_equal(load(&c, "", &e), -1);
	assert_int_equal(c.loaded, 0);
	assert_error(&e, 0, 0, "rules.yaml: empty configuration");
	assert_int_equal(load(&c, "# nothing but a comment\n\n", &e), -1);
	assert_error(&e, 0, 0, "rules.yaml: empty configuration");
}

static void
test_top_level_not_mapping(void **state)
{
	struct crm_config c;
	struct crm_error e;

	(void)state;
	assert_int_equal(load(&c, "- a\n- b\n", &e), -1);
	assert_int_equal(c.loaded, 0);
	assert_error(&e, 1, 1,
	    "rules.yaml:1:1: expected a mapping at the top level");
	assert_int_equal(load(&c, "\n\n  just text\n", &e), -1);
	assert_error(&e, 3, 3,
	    "rules.yaml:3:3: expected a mapping at the top level");
}

/* A second document would otherwise be dropped without a word. */
static void
test_multiple_documents(void **state)
{
	struct crm_config c;
	struct crm_error e;

	(void)state;
	assert_int_equal(load(&c, "a: 1\n---\nb: 2\n", &e), -1);
	assert_int_equal(c.loaded, 0);
	assert_error(&e, 2, 1, "rules.yaml:2:1: expected a single document");
	/* A syntax error after the first document is still reported. */
	assert_int_equal(load(&c, "a: 1\n---\nb: [\n", &e), -1);
	assert_int_equal(e.line, 4);
	/* An explicit end marker with nothing after it is fine. */
	must_load(&c, "---\na: 1\n...\n");
	crm_config_free(&c);
}

static void
test_unknown_key(void **state)
{
	static const char *const allowed[] = { "value", "weight", NULL };
	struct crm_config c;
	struct crm_error e;
	yaml_node_t *root, *rules, *rule;

	(void)state;
	root = must_load(&c, "value: x\nwieght: 3\n");
	assert_int_equal(crm_config_check_keys(&c, root, allowed, &e), -1);
	assert_error(&e, 2, 1, "rules.yaml:2:1: unknown key 'wieght'");
	crm_config_free(&c);

	/* Nested: the position is the key's, not the mapping's. */
	root = must_load(&c, "rules:\n  - value: a\n    wieght: 3\n");
	rules = crm_config_get(&c, root, "rules");
	rule = crm_config_seq_item(&c, rules, 0);
	assert_non_null(rule);
	assert_int_equal(crm_config_check_keys(&c, rule, allowed, &e), -1);
	assert_error(&e, 3, 5, "rules.yaml:3:5: unknown key 'wieght'");
	crm_config_free(&c);

	/* Keys compare exactly: no case folding, no prefix match. */
	root = must_load(&c, "Value: 1\n");
	assert_int_equal(crm_config_check_keys(&c, root, allowed, &e), -1);
	assert_error(&e, 1, 1, "rules.yaml:1:1: unknown key 'Value'");
	crm_config_free(&c);
}

static void
test_duplicate_key(void **state)
{
	static const char *const allowed[] = { "a", "b", NULL };
	struct crm_config c;
	struct crm_error e;
	yaml_node_t *root;

	(void)state;
	root = must_load(&c, "a: 1\nb: 2\n\"a\": 3\n");
	assert_int_equal(crm_config_check_keys(&c, root, allowed, &e), -1);
	assert_error(&e, 3, 1, "rules.yaml:3:1: duplicate key 'a'");
	crm_config_free(&c);
}

static void
test_bad_keys_and_maps(void **state)
{
	static const char *const allowed[] = { "a", NULL };
	struct crm_config c;
	struct crm_error e;
	yaml_node_t *root;

	(void)state;
	root = must_load(&c, "? [a, b]\n: 1\n");
	assert_int_equal(crm_config_check_keys(&c, root, allowed, &e), -1);
	assert_error(&e, 1, 3, "rules.yaml:1:3: expected a key name, got a "
	    "list");
	crm_config_free(&c);

	root = must_load(&c, "a: [1]\n");
	assert_int_equal(crm_config_check_keys(&c,
	    crm_config_get(&c, root, "a"), allowed, &e), -1);
	assert_error(&e, 1, 4, "rules.yaml:1:4: expected a mapping, got a "
	    "list");
	crm_config_free(&c);
}

/*
 * Keys named by the user (columns, tests): any text, but scalars and
 * none twice; and the helpers that name and compare keys.  Positions
 * counted by hand, 1-based.
 */
static void
test_unique_keys(void **state)
{
	struct crm_config c;
	struct crm_error e;
	yaml_node_t *root, *k;
	char buf[64];

	(void)state;
	root = must_load(&c, "anything: 1\n\"it's\": 2\n");
	assert_int_equal(crm_config_unique_keys(&c, root, "a column name",
	    &e), 0);
	/* check_keys with no names allowed refuses the same map */
	assert_int_equal(crm_config_check_keys(&c, root, NULL, &e), -1);
	assert_error(&e, 1, 1, "rules.yaml:1:1: unknown key 'anything'");
	k = yaml_document_get_node(&c.doc,
	    root->data.mapping.pairs.start[0].key);
	assert_true(crm_config_is(k, "anything"));
	assert_false(crm_config_is(k, "anythin"));
	assert_false(crm_config_is(k, "anything "));
	assert_string_equal(crm_config_key_name(k, buf, sizeof(buf)),
	    "'anything'");
	/* the quote inside is kept as it is: only the ends change */
	k = yaml_document_get_node(&c.doc,
	    root->data.mapping.pairs.start[1].key);
	assert_string_equal(crm_config_key_name(k, buf, sizeof(buf)),
	    "'it's'");
	/* values too; a mapping is never a scalar */
	assert_true(crm_config_is(crm_config_get(&c, root, "anything"), "1"));
	assert_false(crm_config_is(root, "1"));
	crm_config_free(&c);

	root = must_load(&c, "x: 1\ny: 2\nx: 3\n");
	assert_int_equal(crm_config_unique_keys(&c, root, "a column name",
	    &e), -1);
	assert_error(&e, 3, 1, "rules.yaml:3:1: duplicate key 'x'");
	crm_config_free(&c);

	root = must_load(&c, "x: 1\n? {a: b}\n: 2\n");
	assert_int_equal(crm_config_unique_keys(&c, root, "a column name",
	    &e), -1);
	assert_error(&e, 2, 3, "rules.yaml:2:3: expected a column name, got "
	    "a mapping");
	crm_config_free(&c);

	root = must_load(&c, "x: [1]\n");
	assert_int_equal(crm_config_unique_keys(&c, crm_config_get(&c, root,
	    "x"), "a column name", &e), -1);
	assert_error(&e, 1, 4, "rules.yaml:1:4: expected a mapping, got a "
	    "list");
	crm_config_free(&c);
}

static void
test_wrong_number(void **state)
{
	struct crm_config c;
	struct crm_error e;
	yaml_node_t *root;
	double d = 42;

	(void)state;
	root = must_load(&c, "n: [1, 2]\nm: abc\nk:\nj: {x: 1}\n");
	assert_int_equal(crm_config_number(&c, crm_config_get(&c, root, "n"),
	    &d, &e), -1);
	assert_error(&e, 1, 4, "rules.yaml:1:4: expected a number, got a "
	    "list");
	assert_int_equal(crm_config_number(&c, crm_config_get(&c, root, "m"),
	    &d, &e), -1);
	assert_error(&e, 2, 4,
	    "rules.yaml:2:4: expected a number, got \"abc\"");
	/* An empty value is missing, never zero. */
	assert_int_equal(crm_config_number(&c, crm_config_get(&c, root, "k"),
	    &d, &e), -1);
	assert_error(&e, 3, 3, "rules.yaml:3:3: expected a number, got \"\"");
	assert_int_equal(crm_config_number(&c, crm_config_get(&c, root, "j"),
	    &d, &e), -1);
	assert_error(&e, 4, 4, "rules.yaml:4:4: expected a number, got a "
	    "mapping");
	assert_true(d == 42);	/* untouched on error */
	crm_config_free(&c);
}

static void
test_wrong_int(void **state)
{
	struct crm_config c;
	struct crm_error e;
	yaml_node_t *root;
	long l = 7;

	(void)state;
	root = must_load(&c, "a: 1.5\nb: abc\nc: 99999999999999999999\n"
	    "d: 1,000\n");
	assert_int_equal(crm_config_int(&c, crm_config_get(&c, root, "a"),
	    &l, &e), -1);
	assert_error(&e, 1, 4,
	    "rules.yaml:1:4: expected a whole number, got \"1.5\"");
	assert_int_equal(crm_config_int(&c, crm_config_get(&c, root, "b"),
	    &l, &e), -1);
	assert_error(&e, 2, 4,
	    "rules.yaml:2:4: expected a whole number, got \"abc\"");
	assert_int_equal(crm_config_int(&c, crm_config_get(&c, root, "c"),
	    &l, &e), -1);
	assert_error(&e, 3, 4, "rules.yaml:3:4: expected a whole number, "
	    "got \"99999999999999999999\"");
	assert_int_equal(l, 7);
	/* Thousands separators mean the same as in a CSV field. */
	assert_int_equal(crm_config_int(&c, crm_config_get(&c, root, "d"),
	    &l, &e), 0);
	assert_int_equal(l, 1000);
	crm_config_free(&c);
}

static void
test_wrong_bool(void **state)
{
	struct crm_config c;
	struct crm_error e;
	yaml_node_t *root;
	int b = 5;

	(void)state;
	root = must_load(&c, "a: maybe\nb:\nc: [yes]\nd: TRUE\ne: n\n");
	assert_int_equal(crm_config_bool(&c, crm_config_get(&c, root, "a"),
	    &b, &e), -1);
	assert_error(&e, 1, 4,
	    "rules.yaml:1:4: expected true or false, got \"maybe\"");
	/* Empty is false in a CSV field, but an error in a config. */
	assert_int_equal(crm_config_bool(&c, crm_config_get(&c, root, "b"),
	    &b, &e), -1);
	assert_error(&e, 2, 3,
	    "rules.yaml:2:3: expected true or false, got \"\"");
	assert_int_equal(crm_config_bool(&c, crm_config_get(&c, root, "c"),
	    &b, &e), -1);
	assert_error(&e, 3, 4,
	    "rules.yaml:3:4: expected true or false, got a list");
	assert_int_equal(b, 5);
	assert_int_equal(crm_config_bool(&c, crm_config_get(&c, root, "d"),
	    &b, &e), 0);
	assert_int_equal(b, 1);
	assert_int_equal(crm_config_bool(&c, crm_config_get(&c, root, "e"),
	    &b, &e), 0);
	assert_int_equal(b, 0);
	crm_config_free(&c);
}

static void
test_wrong_date(void **state)
{
	struct crm_config c;
	struct crm_error e;
	yaml_node_t *root;
	int32_t days = 3;

	(void)state;
	root = must_load(&c, "since: 2024-02-30\nuntil: 1970-01-01\n");
	assert_int_equal(crm_config_date(&c, crm_config_get(&c, root,
	    "since"), &days, &e), -1);
	assert_error(&e, 1, 8, "rules.yaml:1:8: expected a date "
	    "(YYYY-MM-DD), got \"2024-02-30\"");
	assert_int_equal(days, 3);
	assert_int_equal(crm_config_date(&c, crm_config_get(&c, root,
	    "until"), &days, &e), 0);
	assert_int_equal(days, 0);
	crm_config_free(&c);
}

static void
test_wrong_string(void **state)
{
	struct crm_config c;
	struct crm_error e;
	yaml_node_t *root;
	const char *s = NULL;

	(void)state;
	root = must_load(&c, "a:\n  b: 1\nc: \"x\\0y\"\nd: ''\n");
	assert_int_equal(crm_config_string(&c, crm_config_get(&c, root, "a"),
	    &s, &e), -1);
	assert_error(&e, 2, 3,
	    "rules.yaml:2:3: expected a text value, got a mapping");
	/* C string users would silently see "x"; refuse instead. */
	assert_int_equal(crm_config_string(&c, crm_config_get(&c, root, "c"),
	    &s, &e), -1);
	assert_error(&e, 3, 4,
	    "rules.yaml:3:4: expected a text value, got \"x\\x00y\"");
	assert_null(s);
	assert_int_equal(crm_config_string(&c, crm_config_get(&c, root, "d"),
	    &s, &e), 0);
	assert_string_equal(s, "");
	/* An absent key passed straight in: no position, still an error. */
	assert_int_equal(crm_config_string(&c, crm_config_get(&c, root, "z"),
	    &s, &e), -1);
	assert_error(&e, 0, 0,
	    "rules.yaml: expected a text value, got nothing");
	crm_config_free(&c);
}

static void
test_long_value_quoted(void **state)
{
	struct crm_config c;
	struct crm_error e;
	yaml_node_t *root;
	double d;

	(void)state;
	root = must_load(&c, "n: 0123456789012345678901234567890123456789"
	    "tail\n");
	assert_int_equal(crm_config_number(&c, crm_config_get(&c, root, "n"),
	    &d, &e), -1);
	assert_error(&e, 1, 4, "rules.yaml:1:4: expected a number, got "
	    "\"0123456789012345678901234567890123456789...\"");
	crm_config_free(&c);
}

static void
test_sequence_walk(void **state)
{
	static const char *const names[] = { "alpha", "beta", "gamma" };
	struct crm_config c;
	struct crm_error e;
	yaml_node_t *root, *seq, *item;
	const char *s;
	size_t i, len = 99;

	(void)state;
	root = must_load(&c, "segments:\n  - alpha\n  - beta\n  - gamma\n"
	    "none: []\nflow: [1, 2]\nscalar: x\n");
	seq = crm_config_get(&c, root, "segments");
	assert_int_equal(crm_config_seq_len(&c, seq, &len, &e), 0);
	assert_int_equal(len, 3);
	for (i = 0; i < len; i++) {
		item = crm_config_seq_item(&c, seq, i);
		assert_non_null(item);
		assert_int_equal(crm_config_string(&c, item, &s, &e), 0);
		assert_string_equal(s, names[i]);
		assert_int_equal(item->start_mark.line + 1, i + 2);
	}
	assert_null(crm_config_seq_item(&c, seq, 3));
	assert_null(crm_config_seq_item(&c, root, 0));

	assert_int_equal(crm_config_seq_len(&c, crm_config_get(&c, root,
	    "none"), &len, &e), 0);
	assert_int_equal(len, 0);
	assert_int_equal(crm_config_seq_len(&c, crm_config_get(&c, root,
	    "flow"), &len, &e), 0);
	assert_int_equal(len, 2);
	assert_int_equal(crm_config_seq_len(&c, crm_config_get(&c, root,
	    "scalar"), &len, &e), -1);
	assert_error(&e, 7, 9, "rules.yaml:7:9: expected a list, got \"x\"");
	assert_int_equal(crm_config_seq_len(&c, root, &len, &e), -1);
	assert_error(&e, 1, 1, "rules.yaml:1:1: expected a list, got a "
	    "mapping");
	crm_config_free(&c);
}

static void
test_alias(void **state)
{
	struct crm_config c;
	struct crm_error e;
	yaml_node_t *root, *base, *copy;
	double d;

	(void)state;
	root = must_load(&c, "base: &limit 1,500\nother: *limit\n");
	base = crm_config_get(&c, root, "base");
	copy = crm_config_get(&c, root, "other");
	/* libyaml shares the anchored node rather than copying it. */
	assert_ptr_equal(base, copy);
	assert_int_equal(crm_config_number(&c, copy, &d, &e), 0);
	assert_true(d == 1500);
	crm_config_free(&c);
}

static void
test_load_file(void **state)
{
	static const char text[] = "value: x\nwieght: 3\n";
	static const char *const allowed[] = { "value", NULL };
	char path[] = "/tmp/test_config.XXXXXX";
	char want[128];
	struct crm_config c;
	struct crm_error e;
	const char *s;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd != -1);
	assert_int_equal(write(fd, text, sizeof(text) - 1),
	    (ssize_t)(sizeof(text) - 1));
	close(fd);

	assert_int_equal(crm_config_load(&c, path, &e), 0);
	assert_string_equal(c.path, path);
	assert_int_equal(crm_config_string(&c, crm_config_get(&c,
	    crm_config_root(&c), "value"), &s, &e), 0);
	assert_string_equal(s, "x");
	assert_int_equal(crm_config_check_keys(&c, crm_config_root(&c),
	    allowed, &e), -1);
	snprintf(want, sizeof(want), "%s:2:1: unknown key 'wieght'", path);
	assert_error(&e, 2, 1, want);
	assert_string_equal(e.file, path);
	crm_config_free(&c);
	crm_config_free(&c);	/* a second free does nothing */
	unlink(path);
}

static void
test_load_missing(void **state)
{
	struct crm_config c;
	struct crm_error e;

	(void)state;
	assert_int_equal(crm_config_load(&c, "/nonexistent/rules.yaml", &e),
	    -1);
	assert_int_equal(c.loaded, 0);
	assert_error(&e, 0, 0, "/nonexistent/rules.yaml: cannot open: "
	    "No such file or directory");
	crm_config_free(&c);
}

static void
test_long_name_truncated(void **state)
{
	char name[400], huge[PATH_MAX + 100];
	struct crm_config c;
	struct crm_error e;

	(void)state;
	/* a name of 399 bytes (longer than NAME_MAX) is kept whole */
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	assert_int_equal(crm_config_load_string(&c, name, "- x\n", 4, &e),
	    -1);
	assert_string_equal(c.path, name);
	assert_string_equal(e.file, name);
	/* past PATH_MAX, which no file name the system opens can be, cut */
	memset(huge, 'n', sizeof(huge) - 1);
	huge[sizeof(huge) - 1] = '\0';
	assert_int_equal(crm_config_load_string(&c, huge, "- x\n", 4, &e),
	    -1);
	assert_int_equal(strlen(c.path), sizeof(c.path) - 1);
	assert_int_equal(strncmp(c.path, huge, sizeof(c.path) - 1), 0);
	assert_int_equal(strlen(e.file), sizeof(e.file) - 1);
}

static void
test_expand_parameters(void **state)
{
	static const char *const names[] = { "col", "min" };
	static const char *const values[] = { "m_score", "4" };
	struct crm_config c;
	struct crm_error e;
	yaml_node_t *root, *rule, *test;
	const char *name;
	double v;

	(void)state;
	assert_int_equal(load(&c, "rule:\n  ${col}: {at_least: \"${min}\"}\n"
	    "label: \"${col} >= ${min}!\"\n", &e), 0);
	assert_int_equal(crm_config_expand(&c, names, values, 2, &e), 0);
	root = crm_config_root(&c);
	rule = crm_config_get(&c, root, "rule");
	assert_non_null(rule);
	/* the key itself was a parameter */
	test = crm_config_get(&c, rule, "m_score");
	assert_non_null(test);
	assert_int_equal(crm_config_number(&c, crm_config_get(&c, test,
	    "at_least"), &v, &e), 0);
	assert_true(v == 4);
	assert_int_equal(crm_config_string(&c, crm_config_get(&c, root,
	    "label"), &name, &e), 0);
	assert_string_equal(name, "m_score >= 4!");
	crm_config_free(&c);

	/* an unknown parameter, at its node: line 2, column 8 */
	assert_int_equal(load(&c, "a: 1\nb: [1, \"${nope}\"]\n", &e), 0);
	assert_int_equal(crm_config_expand(&c, names, values, 2, &e), -1);
	assert_int_equal(e.status, CRM_EXIT_USAGE);
	assert_int_equal(e.line, 2);
	assert_int_equal(e.column, 8);
	assert_string_equal(e.msg, "unknown parameter 'nope'");
	crm_config_free(&c);

	assert_int_equal(load(&c, "a: \"${col\"\n", &e), 0);
	assert_int_equal(crm_config_expand(&c, names, values, 2, &e), -1);
	assert_string_equal(e.msg, "unterminated parameter: '${' without '}'");
	crm_config_free(&c);
}

/*
 * Values taken from the document's own scalars, one of which holds a
 * "${": every scalar is expanded from the text as loaded, and a value
 * goes in as given, not expanded in turn.  (Before the fix the value of
 * a was freed while ${a} still needed it: a use after free under ASan.)
 */
static void
test_expand_own_values(void **state)
{
	const char *names[2], *values[2], *s;
	struct crm_config c;
	struct crm_error e;
	yaml_node_t *root, *params;

	(void)state;
	root = must_load(&c, "params: {a: \"${b}\", b: x}\n"
	    "use: \"<${a}|${b}>\"\n");
	params = crm_config_get(&c, root, "params");
	names[0] = "a";
	names[1] = "b";
	assert_int_equal(crm_config_string(&c, crm_config_get(&c, params, "a"),
	    &values[0], &e), 0);
	assert_int_equal(crm_config_string(&c, crm_config_get(&c, params, "b"),
	    &values[1], &e), 0);
	assert_int_equal(crm_config_expand(&c, names, values, 2, &e), 0);
	assert_int_equal(crm_config_string(&c, crm_config_get(&c, root, "use"),
	    &s, &e), 0);
	assert_string_equal(s, "<${b}|x>");
	assert_int_equal(crm_config_string(&c, crm_config_get(&c, params, "a"),
	    &s, &e), 0);
	assert_string_equal(s, "x");
	crm_config_free(&c);

	/* an error leaves the document as it was */
	values[0] = "1";
	values[1] = "2";
	root = must_load(&c, "a: \"${b}\"\nz: \"${nope}\"\n");
	assert_int_equal(crm_config_expand(&c, names, values, 2, &e), -1);
	assert_string_equal(e.msg, "unknown parameter 'nope'");
	assert_int_equal(crm_config_string(&c, crm_config_get(&c, root, "a"),
	    &s, &e), 0);
	assert_string_equal(s, "${b}");
	crm_config_free(&c);
}

/*
 * A mapping of more than 16 keys finds repeats by hashing: the same
 * answers as the small ones, the first problem in file order.  Lines are
 * counted by hand: key kI is on line I + 1.
 */
static void
test_duplicate_key_hashed(void **state)
{
	struct crm_config c;
	struct crm_error e;
	yaml_node_t *root;
	char *text, *p;
	size_t i;

	(void)state;
	assert_non_null(text = malloc(200 * 16 + 64));
	for (p = text, i = 0; i < 200; i++)
		p += sprintf(p, "k%zu: %zu\n", i, i);
	root = must_load(&c, text);
	assert_int_equal(crm_config_unique_keys(&c, root, "a name", &e), 0);
	crm_config_free(&c);

	/* k150 again on line 201; the key of length 0 and a NUL repeat too */
	strcpy(p, "k150: x\n");
	root = must_load(&c, text);
	assert_int_equal(crm_config_unique_keys(&c, root, "a name", &e), -1);
	assert_error(&e, 201, 1, "rules.yaml:201:1: duplicate key 'k150'");
	crm_config_free(&c);

	/* keys differing in a byte after a NUL are different keys */
	strcpy(p, "\"k1\\0a\": 1\n\"k1\\0b\": 2\n\"k1\\0a\": 3\n");
	root = must_load(&c, text);
	assert_int_equal(crm_config_unique_keys(&c, root, "a name", &e), -1);
	assert_int_equal(e.line, 203);
	crm_config_free(&c);

	/* an unknown key before a repeat is the one reported */
	strcpy(p, "zz: 1\nk3: 2\n");
	root = must_load(&c, text);
	assert_int_equal(crm_config_check_keys(&c, root, NULL, &e), -1);
	assert_error(&e, 1, 1, "rules.yaml:1:1: unknown key 'k0'");
	crm_config_free(&c);
	free(text);
}

/*
 * Lists and mappings nest at most 256 levels, the top-level mapping
 * being the first: "a: " then 255 '[' load; a 256th '[', at column
 * 3 + 256 = 259, is one too many, however deep the rest goes.
 */
static void
test_nesting_limit(void **state)
{
	struct crm_config c;
	struct crm_error e;
	size_t depth[] = { 255, 256, 100000 }, i, k;
	char *text;

	(void)state;
	for (i = 0; i < sizeof(depth) / sizeof(depth[0]); i++) {
		assert_non_null(text = malloc(2 * depth[i] + 8));
		memcpy(text, "a: ", 3);
		for (k = 0; k < depth[i]; k++) {
			text[3 + k] = '[';
			text[3 + depth[i] + k] = ']';
		}
		strcpy(text + 3 + 2 * depth[i], "\n");
		if (i == 0) {
			must_load(&c, text);
			crm_config_free(&c);
		} else {
			assert_int_equal(load(&c, text, &e), -1);
			assert_error(&e, 1, 259, "rules.yaml:1:259: lists "
			    "and mappings nested too deeply (more than 256 "
			    "levels)");
		}
		free(text);
	}

	/* a syntax error within the limit is libyaml's, in its words */
	assert_int_equal(load(&c, "a: [[\n", &e), -1);
	assert_int_equal(e.line, 2);
	assert_string_equal(e.msg, "did not find expected node content "
	    "(while parsing a flow node at 2:1)");
	crm_config_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_expand_parameters),
		cmocka_unit_test(test_expand_own_values),
		cmocka_unit_test(test_valid_nested),
		cmocka_unit_test(test_syntax_error),
		cmocka_unit_test(test_reader_error),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_top_level_not_mapping),
		cmocka_unit_test(test_multiple_documents),
		cmocka_unit_test(test_unknown_key),
		cmocka_unit_test(test_duplicate_key),
		cmocka_unit_test(test_duplicate_key_hashed),
		cmocka_unit_test(test_nesting_limit),
		cmocka_unit_test(test_bad_keys_and_maps),
		cmocka_unit_test(test_unique_keys),
		cmocka_unit_test(test_wrong_number),
		cmocka_unit_test(test_wrong_int),
		cmocka_unit_test(test_wrong_bool),
		cmocka_unit_test(test_wrong_date),
		cmocka_unit_test(test_wrong_string),
		cmocka_unit_test(test_long_value_quoted),
		cmocka_unit_test(test_sequence_walk),
		cmocka_unit_test(test_alias),
		cmocka_unit_test(test_load_file),
		cmocka_unit_test(test_load_missing),
		cmocka_unit_test(test_long_name_truncated),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
