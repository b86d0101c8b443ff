/*
 * clvpartial.c - model mode's partial state, written, read and merged
 * (see clvpartial.h; the format's common parts are partial.c's).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clvpartial.h"
#include "field.h"
#include "partial.h"

#define FIXED	8	/* the fields of a crm1.model row before the kept */

static const char what[] = "crm-score --model";

/* The meta row this mode writes, or wants to read. */
static void
meta(const struct crm_clvmode *cm, struct crm_partial_meta *m)
{
	m->kind = "model";
	m->as_of = cm->co->as_of;
	m->has_cal_end = 1;
	m->cal_end = cm->co->cal_end;
	m->future = cm->rd.future;
}

static void
put_customer(const struct crm_clvmode *cm, struct crm_csv_writer *w,
    size_t i)
{
	struct crm_history_part p;
	size_t k, nkeep = cm->ro->nkeep;
	const char *id = crm_history_id(cm->h, i), *v;
	int kept;

	crm_history_part(cm->h, i, &p);
	crm_partial_begin(w, id, strlen(id), CRM_PARTIAL_MODEL);
	if (p.has) {
		crm_partial_put_date(w, p.first);
		crm_partial_put_date(w, p.last);
	} else {
		crm_csv_puts(w, "");
		crm_csv_puts(w, "");
	}
	crm_partial_put_decimal(w, p.birth.units, p.birth.scale);
	crm_partial_put_decimal(w, p.repeat.units, p.repeat.scale);
	crm_partial_put_count(w, (uint64_t)cm->rd.decimals);
	/*
	 * a customer known from crm1.day rows alone (partial state split by
	 * lines, not by key) has no kept row, nor a slot in cm->kept
	 */
	kept = nkeep > 0 && i < cm->kept_n && cm->kept_date[i] != INT32_MIN;
	if (kept)
		crm_partial_put_date(w, cm->kept_date[i]);
	else
		crm_csv_puts(w, "");
	for (k = 0; k < nkeep; k++) {
		v = kept ? crm_kept_get(&cm->kept, i, k) : "";
		crm_partial_put_text(w, v, strlen(v));
	}
	crm_csv_end(w);
}

void
crm_clvmode_write_partial(const struct crm_clvmode *cm,
    struct crm_csv_writer *w)
{
	struct crm_partial_meta m;
	size_t i, pos = 0;
	int32_t day;
	const char *id;

	meta(cm, &m);
	crm_partial_write_meta(w, &m);
	for (i = 0; i < crm_history_count(cm->h); i++)
		put_customer(cm, w, i);
	while (crm_history_next_day(cm->h, &pos, &i, &day)) {
		id = crm_history_id(cm->h, i);
		crm_partial_begin(w, id, strlen(id), CRM_PARTIAL_DAY);
		crm_partial_put_date(w, day);
		crm_csv_end(w);
	}
}

/* The history's part of a crm1.model row. */
static int
read_part(const struct crm_record *rec, struct crm_history_part *p,
    struct crm_error *why)
{
	int has_last;

	if (crm_partial_date(rec, 2, 1, &p->has, &p->first, why) ||
	    crm_partial_date(rec, 3, 1, &has_last, &p->last, why) ||
	    crm_partial_decimal(rec, 4, &p->birth, why) ||
	    crm_partial_decimal(rec, 5, &p->repeat, why))
		return CRM_RECORD_BAD;
	if (has_last != p->has || (p->has && p->first > p->last)) {
		crm_error_set(why, CRM_EXIT_DATA, NULL, 0, 0, "partial "
		    "state: a %s row whose first and last dates disagree",
		    rec->field[1]);
		return CRM_RECORD_BAD;
	}
	return CRM_RECORD_OK;
}

/* Folds part p of customer id in, with its kept values. */
static int
merge_part(struct crm_clvmode *cm, const char *id, size_t idlen,
    const struct crm_history_part *p, int32_t kept_date, char *const *keep,
    const size_t *keeplen, struct crm_error *why)
{
	long i;
	int scale;

	if ((i = crm_history_merge(cm->h, id, idlen, p, why)) ==
	    CRM_HISTORY_TOO_LARGE) {
		scale = crm_history_scale(cm->h);
		crm_field_sum_error(cm->ro->amount, p->birth.scale > scale ?
		    p->birth.scale : scale, why);
		return CRM_RECORD_BAD;
	}
	if (i < 0 || crm_clvmode_keep(cm, (size_t)i, kept_date, keep,
	    keeplen, why) < 0)
		return CRM_RECORD_STOP;
	return CRM_RECORD_OK;
}

/* A crm1.model row. */
static int
merge_customer(struct crm_clvmode *cm, const struct crm_record *rec,
    struct crm_error *why)
{
	size_t nkeep = cm->ro->nkeep;
	struct crm_history_part p;
	int32_t kept_date = 0;
	uint64_t dec;
	int has_kept;

	if (crm_partial_width(rec, FIXED + nkeep,
	    "one more per --keep column", why) != CRM_RECORD_OK ||
	    read_part(rec, &p, why) != CRM_RECORD_OK ||
	    crm_partial_count(rec, 6, 9, &dec, why) != CRM_RECORD_OK ||
	    crm_partial_date(rec, 7, 1, &has_kept, &kept_date, why) !=
	    CRM_RECORD_OK)
		return CRM_RECORD_BAD;
	/* no kept row: any other part's wins */
	if (!has_kept)
		kept_date = INT32_MIN;
	if ((int)dec > cm->rd.decimals)
		cm->rd.decimals = (int)dec;
	return merge_part(cm, rec->field[0], rec->len[0], &p, kept_date,
	    rec->field + FIXED, rec->len + FIXED, why);
}

int
crm_clvmode_merge_row(struct crm_clvmode *cm, const struct crm_record *rec,
    struct crm_error *why)
{
	struct crm_partial_meta want, got;
	enum crm_partial_row k = crm_partial_kind(rec);
	int32_t day;

	if (k == CRM_PARTIAL_META) {
		meta(cm, &want);
		if (crm_partial_read_meta(rec, &want, &got, why) !=
		    CRM_RECORD_OK)
			return CRM_RECORD_BAD;
		cm->rd.future += got.future;
		return CRM_RECORD_OK;
	}
	if (k != CRM_PARTIAL_MODEL && k != CRM_PARTIAL_DAY)
		return crm_partial_unexpected(rec, what, why);
	if (rec->len[0] == 0)
		return crm_partial_empty_key(rec, why);
	if (k == CRM_PARTIAL_MODEL)
		return merge_customer(cm, rec, why);
	if (crm_partial_width(rec, 3, NULL, why) != CRM_RECORD_OK ||
	    crm_partial_date(rec, 2, 0, NULL, &day, why) != CRM_RECORD_OK)
		return CRM_RECORD_BAD;
	return crm_history_merge_day(cm->h, rec->field[0], rec->len[0], day,
	    why) < 0 ? CRM_RECORD_STOP : CRM_RECORD_OK;
}

/* Customer i of from, merged into cm. */
static int
merge_from(struct crm_clvmode *cm, const struct crm_clvmode *from,
    size_t i, struct crm_error *e)
{
	char *value[CRM_RFM_MAX_KEEP];
	size_t len[CRM_RFM_MAX_KEEP], k, nkeep = from->ro->nkeep;
	struct crm_history_part p;
	const char *id = crm_history_id(from->h, i);

	crm_history_part(from->h, i, &p);
	for (k = 0; k < nkeep; k++) {
		value[k] = (char *)(uintptr_t)crm_kept_get(&from->kept, i, k);
		len[k] = strlen(value[k]);
	}
	return merge_part(cm, id, strlen(id), &p, nkeep > 0 &&
	    i < from->kept_n ? from->kept_date[i] : INT32_MIN, value, len, e);
}

int
crm_clvmode_merge(struct crm_clvmode *cm, const struct crm_clvmode *from,
    struct crm_error *e)
{
	size_t i, pos = 0;
	int32_t day;
	const char *id;

	for (i = 0; i < crm_history_count(from->h); i++)
		if (merge_from(cm, from, i, e) != CRM_RECORD_OK)
			return -1;
	while (crm_history_next_day(from->h, &pos, &i, &day)) {
		id = crm_history_id(from->h, i);
		if (crm_history_merge_day(cm->h, id, strlen(id), day, e) < 0)
			return -1;
	}
	cm->rd.future += from->rd.future;
	if (from->rd.decimals > cm->rd.decimals)
		cm->rd.decimals = from->rd.decimals;
	return 0;
}

static void *
parallel_make(const void *like, const struct crm_header *h,
    struct crm_error *e)
{
	const struct crm_clvmode *l = like;
	struct crm_clvmode *cm = malloc(sizeof(*cm));

	if (cm == NULL) {
		crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0, "out of memory");
		return NULL;
	}
	if (crm_clvmode_init(cm, l->co, l->ro, e) < 0 ||
	    crm_clvmode_bind(cm, h, e) < 0) {
		crm_clvmode_free(cm);
		free(cm);
		return NULL;
	}
	return cm;
}

static int
parallel_row(void *agg, const struct crm_record *rec, struct crm_error *why)
{
	return crm_clvmode_row(agg, rec, why);
}

static int
parallel_merge(void *into, const void *from, struct crm_error *e)
{
	return crm_clvmode_merge(into, from, e);
}

static void
parallel_free(void *agg)
{
	crm_clvmode_free(agg);
	free(agg);
}

const struct crm_parallel_ops crm_clvmode_parallel = {
	parallel_make, parallel_row, NULL, parallel_merge, parallel_free
};
