/*
 * paretopartial.c - crm-pareto --by's partial state, written, read and
 * merged (see paretopartial.h; the format's common parts are
 * partial.c's).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "paretopartial.h"
#include "partial.h"

#define FIXED	5	/* the fields of a crm1.pareto row before the kept */

void
crm_pareto_table_write_partial(const struct crm_pareto_table *t,
    struct crm_csv_writer *w)
{
	size_t g, k, len;
	const char *key, *v;

	for (g = 0; g < t->groups.n; g++) {
		key = crm_groups_key(&t->groups, g, &len);
		crm_partial_begin(w, key, len, CRM_PARTIAL_PARETO);
		crm_partial_put_decimal(w, crm_groups_sum(&t->groups, g),
		    t->values.scale);
		crm_partial_put_count(w, t->groups.g[g].rows);
		crm_partial_put_count(w, (uint64_t)t->decimals);
		for (k = 0; k < t->o.nkeep; k++) {
			v = crm_kept_get(&t->kept, g, k);
			crm_partial_put_text(w, v, strlen(v));
		}
		crm_csv_end(w);
	}
}

int
crm_pareto_table_merge_row(struct crm_pareto_table *t,
    const struct crm_record *rec, struct crm_error *why)
{
	struct crm_pareto_part p;
	uint64_t rows, dec;

	if (crm_partial_kind(rec) != CRM_PARTIAL_PARETO)
		return crm_partial_unexpected(rec, "crm-pareto --by", why);
	if (rec->len[0] == 0)
		return crm_partial_empty_key(rec, why);
	if (crm_partial_width(rec, FIXED + t->o.nkeep,
	    "one more per --keep column", why) != CRM_RECORD_OK ||
	    crm_partial_decimal(rec, 2, &p.sum, why) != CRM_RECORD_OK ||
	    crm_partial_count(rec, 3, SIZE_MAX, &rows, why) !=
	    CRM_RECORD_OK ||
	    crm_partial_decimals(rec, 4, p.sum.scale, &dec, why) !=
	    CRM_RECORD_OK)
		return CRM_RECORD_BAD;
	p.rows = (size_t)rows;
	p.decimals = (int)dec;
	p.keep = rec->field + FIXED;
	p.keeplen = rec->len + FIXED;
	return crm_pareto_table_merge_group(t, rec->field[0], rec->len[0], &p,
	    why);
}

int
crm_pareto_table_merge(struct crm_pareto_table *t,
    const struct crm_pareto_table *from, struct crm_error *e)
{
	char *value[CRM_PARETO_MAX_KEEP];
	size_t len[CRM_PARETO_MAX_KEEP], g, k, klen;
	struct crm_pareto_part p;
	const char *key;

	for (g = 0; g < from->groups.n; g++) {
		p.sum.units = crm_groups_sum(&from->groups, g);
		p.sum.scale = from->values.scale;
		p.rows = from->groups.g[g].rows;
		p.decimals = from->decimals;
		for (k = 0; k < from->o.nkeep; k++) {
			value[k] = (char *)(uintptr_t)crm_kept_get(&from->kept,
			    g, k);
			len[k] = strlen(value[k]);
		}
		p.keep = value;
		p.keeplen = len;
		key = crm_groups_key(&from->groups, g, &klen);
		if (crm_pareto_table_merge_group(t, key, klen, &p, e) !=
		    CRM_RECORD_OK)
			return -1;
	}
	return 0;
}

static void *
parallel_make(const void *like, const struct crm_header *h,
    struct crm_error *e)
{
	const struct crm_pareto_table *l = like;
	struct crm_pareto_table *t = malloc(sizeof(*t));

	if (t == NULL) {
		crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0, "out of memory");
		return NULL;
	}
	if (crm_pareto_table_init(t, &l->o, e) < 0 ||
	    crm_pareto_table_bind(t, h, e) < 0) {
		crm_pareto_table_free(t);
		free(t);
		return NULL;
	}
	return t;
}

static int
parallel_row(void *agg, const struct crm_record *rec, struct crm_error *why)
{
	return crm_pareto_table_add(agg, rec, why);
}

/* the rows still in the table's lookahead ring, before a merge reads it */
static int
parallel_finish(void *agg, struct crm_error *e)
{
	return crm_pareto_table_finish(agg, e);
}

static int
parallel_merge(void *into, const void *from, struct crm_error *e)
{
	return crm_pareto_table_merge(into, from, e);
}

static void
parallel_free(void *agg)
{
	crm_pareto_table_free(agg);
	free(agg);
}

const struct crm_parallel_ops crm_pareto_table_parallel = {
	parallel_make, parallel_row, parallel_finish, parallel_merge,
	parallel_free
};
