/*
 * fuzz_config.c - libFuzzer harness for the YAML config loader: load,
 * expand parameters, and read every node with the typed getters.
 */
#include <stdint.h>
#include <string.h>

#include "config.h"

/*
 * Aliases make a graph, even a cycle (&x [*x]): visit at most so many
 * nodes, as the programs' own walkers bound theirs.
 */
static long budget;

static void
walk(struct crm_config *c, yaml_node_t *n, int depth)
{
	struct crm_error e;
	const char *t;
	double d;
	long l;
	int b;
	int32_t day;
	size_t len, i;
	yaml_node_pair_t *p;

	if (n == NULL || depth > 32 || budget-- <= 0)
		return;
	switch (n->type) {
	case YAML_SCALAR_NODE:
		crm_config_string(c, n, &t, &e);
		crm_config_number(c, n, &d, &e);
		crm_config_int(c, n, &l, &e);
		crm_config_bool(c, n, &b, &e);
		crm_config_date(c, n, &day, &e);
		break;
	case YAML_SEQUENCE_NODE:
		if (crm_config_seq_len(c, n, &len, &e) == 0)
			for (i = 0; i < len && i < 64; i++)
				walk(c, crm_config_seq_item(c, n, i),
				    depth + 1);
		break;
	case YAML_MAPPING_NODE:
		crm_config_check_keys(c, n, (const char *const[]){ "a", "b",
		    NULL }, &e);
		for (p = n->data.mapping.pairs.start;
		    p < n->data.mapping.pairs.top; p++)
			walk(c, yaml_document_get_node(&c->doc, p->value),
			    depth + 1);
		break;
	default:
		break;
	}
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static const char *const names[] = { "a", "col" };
	static const char *const values[] = { "1", "r_score" };
	struct crm_config c;
	struct crm_error e;

	if (crm_config_load_string(&c, "fuzz.yaml", (const char *)data, size,
	    &e) < 0)
		return 0;
	budget = 10000;
	if (crm_config_expand(&c, names, values, 2, &e) == 0)
		walk(&c, crm_config_root(&c), 0);
	crm_config_free(&c);
	return 0;
}
