/*
 * fuzz_rules.c - libFuzzer harness for the segment rule compiler, the
 * matcher and --lint: the input is a YAML config whose `rules` list is
 * compiled, checked by crm_lint_run (which binds it to its grid's
 * columns), bound to a fixed header and matched against a few records.
 */
#include <stdint.h>
#include <string.h>

#include "config.h"
#include "lint.h"
#include "rules.h"

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static char *hf[] = { "id", "r_score", "status", "last", "amount" };
	static size_t hl[] = { 2, 7, 6, 4, 6 };
	static char *rows[][5] = {
		{ "C1", "5", "won", "2025-01-31", "1,234.50" },
		{ "C2", "", "Lost", "", "" },
		{ "C3", "x", "  ", "2025-13-01", "(3)" },
	};
	struct crm_record header = { 5, hf, hl, 1, NULL, 0 };
	struct crm_rules_env env = { 20000, 0, NULL };
	struct crm_config c;
	struct crm_rules *r;
	struct crm_error e;
	struct crm_lint l;
	yaml_node_t *list;
	size_t i, j;

	if (crm_config_load_string(&c, "fuzz.yaml", (const char *)data, size,
	    &e) < 0)
		return 0;
	list = crm_config_get(&c, crm_config_root(&c), "rules");
	if (list != NULL && (r = crm_rules_compile(&c, list, &e)) != NULL) {
		crm_lint_run(r, NULL, 0, &env, &l, &e);
		crm_lint_free(&l);
		if (crm_rules_bind(r, &(struct crm_header){ &header, NULL },
		    &e) == 0) {
			for (i = 0; i < 3; i++) {
				size_t len[5];
				struct crm_record rec = { 5, rows[i], len, 2, NULL, 0 };

				for (j = 0; j < 5; j++)
					len[j] = strlen(rows[i][j]);
				crm_rules_match(r, &rec, &env, &e);
			}
		}
		crm_rules_free(r);
	}
	crm_config_free(&c);
	return 0;
}
