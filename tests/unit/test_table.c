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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_replace_and_append),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
