/*
 * fuzz_config.c - libFuzzer harness for the YAML config loader: load,
 * expand parameters, and read every node with the typed getters.
 *
 * The parameters come from the input, the two ways crm-segment gets
 * them: the document's own `params:` mapping (names and values pointing
 * into the document's scalars, which expansion replaces: the use after
 * free of issue 13 lived there), and lines "NAME=VALUE" after the first
 * NUL byte of the input, as --set gives them.  Values may hold "${...}".
 * Before both, "a" is 1 and "col" r_score, so that the older seeds that
 * use ${a} and ${col} still expand.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

#define MAX_PARAMS	16

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
		crm_config_unique_keys(c, n, "a name", &e);
		for (p = n->data.mapping.pairs.start;
		    p < n->data.mapping.pairs.top; p++)
			walk(c, yaml_document_get_node(&c->doc, p->value),
			    depth + 1);
		break;
	default:
		break;
	}
}

struct params {
	const char *name[MAX_PARAMS];
	const char *value[MAX_PARAMS];
	size_t n;
};

/* Sets (or overrides) name; past MAX_PARAMS names, new ones are dropped. */
static void
param_set(struct params *p, const char *name, const char *value)
{
	size_t i;

	for (i = 0; i < p->n && strcmp(p->name[i], name) != 0; i++)
		;
	if (i == MAX_PARAMS)
		return;
	p->name[i] = name;
	p->value[i] = value;
	if (i == p->n)
		p->n++;
}

/* The scalar pairs of the root's `params:`, as crm-segment reads them. */
static void
document_params(struct crm_config *c, struct params *p)
{
	yaml_node_t *m = crm_config_get(c, crm_config_root(c), "params");
	yaml_node_pair_t *pair;
	struct crm_error e;

	if (m == NULL || m->type != YAML_MAPPING_NODE)
		return;
	for (pair = m->data.mapping.pairs.start;
	    pair < m->data.mapping.pairs.top; pair++) {
		yaml_node_t *k = yaml_document_get_node(&c->doc, pair->key);
		yaml_node_t *v = yaml_document_get_node(&c->doc, pair->value);
		const char *name, *value;

		if (crm_config_string(c, k, &name, &e) == 0 &&
		    crm_config_string(c, v, &value, &e) == 0)
			param_set(p, name, value);
	}
}

/*
 * "NAME=VALUE" lines of text (NUL-terminated, modified in place), after
 * the document's own: a later NAME wins, as --set wins over params:.
 */
static void
set_params(char *text, struct params *p)
{
	char *line, *next, *eq;

	for (line = text; line != NULL && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if ((eq = strchr(line, '=')) == NULL)
			continue;
		*eq = '\0';
		param_set(p, line, eq + 1);
	}
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const unsigned char *nul = memchr(data, '\0', size);
	size_t ylen = nul != NULL ? (size_t)(nul - data) : size;
	struct params p = { { "a", "col" }, { "1", "r_score" }, 2 };
	struct crm_config c;
	struct crm_error e;
	char *sets = NULL;

	if (crm_config_load_string(&c, "fuzz.yaml", (const char *)data, ylen,
	    &e) < 0)
		return 0;
	document_params(&c, &p);
	if (nul != NULL) {
		size_t slen = size - ylen - 1;

		if ((sets = malloc(slen + 1)) == NULL)
			abort();
		memcpy(sets, nul + 1, slen);
		sets[slen] = '\0';
		set_params(sets, &p);
	}
	budget = 10000;
	if (crm_config_expand(&c, p.name, p.value, p.n, &e) == 0)
		walk(&c, crm_config_root(&c), 0);
	crm_config_free(&c);
	free(sets);
	return 0;
}
