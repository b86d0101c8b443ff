/*
 * test_presets.c - the built-in presets: each one is found by name, loads
 * as YAML, takes its own parameters and compiles into rules.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "config.h"
#include "presets.h"
#include "rules.h"

static void
test_the_five_presets(void **state)
{
	static const char *const names[] = { "key-account", "lifecycle",
	    "man", "rfm", "value-loyalty" };
	size_t i;

	(void)state;
	assert_int_equal(crm_npresets, 5);
	for (i = 0; i < 5; i++) {
		const struct crm_preset *p = crm_preset_find(names[i]);

		assert_non_null(p);
		assert_string_equal(p->name, names[i]);
		assert_non_null(strstr(p->file, names[i]));
		assert_true(strlen(p->summary) > 10);
	}
	assert_null(crm_preset_find("rmf"));
}

/* Expands a preset with its own parameters, as crm-segment does. */
static struct crm_rules *
compile(const char *name, struct crm_config *c)
{
	const struct crm_preset *p = crm_preset_find(name);
	const char *pn[16], *pv[16];
	yaml_node_t *root, *params;
	yaml_node_pair_t *pair;
	struct crm_error e;
	struct crm_rules *r;
	size_t n = 0;

	assert_int_equal(crm_config_load_string(c, p->file, p->text,
	    strlen(p->text), &e), 0);
	root = crm_config_root(c);
	params = crm_config_get(c, root, "params");
	assert_non_null(params);
	for (pair = params->data.mapping.pairs.start;
	    pair < params->data.mapping.pairs.top; pair++) {
		pn[n] = (const char *)yaml_document_get_node(&c->doc,
		    pair->key)->data.scalar.value;
		pv[n++] = (const char *)yaml_document_get_node(&c->doc,
		    pair->value)->data.scalar.value;
	}
	assert_int_equal(crm_config_expand(c, pn, pv, n, &e), 0);
	r = crm_rules_compile(c, crm_config_get(c, root, "rules"), &e);
	if (r == NULL)
		fail_msg("%s: %s", name, e.msg);
	assert_non_null(crm_config_get(c, root, "default"));
	return r;
}

static void
test_each_compiles(void **state)
{
	/* rules in each file, counted by hand */
	static const struct {
		const char *name;
		size_t rules;
		const char *first;
	} t[] = {
		{ "rfm", 10, "Champions" },
		{ "value-loyalty", 3, "core" },
		{ "man", 4, "qualified" },
		{ "lifecycle", 6, "prospect" },
		{ "key-account", 1, "key account" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct crm_config c;
		struct crm_rules *r = compile(t[i].name, &c);

		assert_int_equal(crm_rules_count(r), t[i].rules);
		assert_string_equal(crm_rules_name(r, 0), t[i].first);
		crm_rules_free(r);
		crm_config_free(&c);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_five_presets),
		cmocka_unit_test(test_each_compiles),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
