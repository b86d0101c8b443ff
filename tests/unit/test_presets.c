/*
 * test_presets.c - the built-in presets: each one is found by name and,
 * through crm-segment's own model (segment.h), loads, takes its own
 * parameters and compiles into its rules and default.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "presets.h"
#include "segment.h"

static void
test_the_six_presets(void **state)
{
	static const char *const names[] = { "key-account", "lifecycle",
	    "lifetime", "man", "rfm", "value-loyalty" };
	size_t i;

	(void)state;
	assert_int_equal(crm_npresets, 6);
	for (i = 0; i < 6; i++) {
		const struct crm_preset *p = crm_preset_find(names[i]);

		assert_non_null(p);
		assert_string_equal(p->name, names[i]);
		assert_non_null(strstr(p->file, names[i]));
		assert_true(strlen(p->summary) > 10);
	}
	assert_null(crm_preset_find("rmf"));
}

static void
test_each_compiles(void **state)
{
	/* rules and default in each file, read by hand */
	static const struct {
		const char *name;
		size_t rules;
		const char *first, *fallback;
	} t[] = {
		{ "rfm", 10, "Champions", "Others" },
		{ "value-loyalty", 3, "core", "phase out" },
		{ "man", 4, "qualified", "unclassified" },
		{ "lifecycle", 6, "prospect", "unknown" },
		{ "key-account", 1, "key account", "other" },
		{ "lifetime", 3, "valuable and active", "gone" },
	};
	struct crm_segment_opts o;
	struct crm_segmenter *sg;
	struct crm_error e;
	size_t i;

	(void)state;
	memset(&o, 0, sizeof(o));
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		o.preset = t[i].name;
		if ((sg = crm_segment_new(&o, NULL, NULL, &e)) == NULL)
			fail_msg("%s: %s", t[i].name, e.msg);
		assert_int_equal(crm_segment_count(sg), t[i].rules + 1);
		assert_string_equal(crm_segment_name(sg, 0), t[i].first);
		assert_string_equal(crm_segment_name(sg, t[i].rules),
		    t[i].fallback);
		assert_string_equal(crm_segment_column(sg), "segment");
		crm_segment_free(sg);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_six_presets),
		cmocka_unit_test(test_each_compiles),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
