/*
 * clvmode.c - crm-score's model mode (see clvmode.h).
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "clvmode.h"
#include "field.h"

const char *const crm_clv_columns[8] = {
	"x", "t_x", "T", "p_alive", "expected_purchases", "avg_spend",
	"expected_spend", "clv"
};

int
crm_clvmode_init(struct crm_clvmode *cm, const struct crm_clv_opts *co,
    const struct crm_rfm_opts *ro, struct crm_error *e)
{
	memset(cm, 0, sizeof(*cm));
	cm->co = co;
	cm->ro = ro;
	crm_order_reader_init(&cm->rd, ro);
	crm_kept_init(&cm->kept, ro->nkeep);
	cm->h = crm_history_new(co->cal_end, co->as_of, e);
	return cm->h != NULL ? 0 : -1;
}

int
crm_clvmode_bind(struct crm_clvmode *cm, const struct crm_header *h,
    struct crm_error *e)
{
	return crm_order_reader_bind(&cm->rd, h, e);
}

int
crm_clvmode_keep(struct crm_clvmode *cm, size_t i, int32_t date,
    char *const *value, const size_t *len, struct crm_error *e)
{
	if (cm->ro->nkeep == 0)
		return 0;
	if (crm_kept_room(&cm->kept, i + 1) < 0 ||
	    crm_grow(&cm->kept_date, &cm->kept_cap, i + 1,
	    sizeof(*cm->kept_date)) < 0)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "out of memory");
	/* customers new to kept_date have no kept row yet */
	for (; cm->kept_n <= i; cm->kept_n++)
		cm->kept_date[cm->kept_n] = INT32_MIN;
	/* the most recent row; on one date the values that sort last */
	if (date < cm->kept_date[i] || (date == cm->kept_date[i] &&
	    crm_kept_cmp_values(&cm->kept, i, value, len) <= 0))
		return 0;
	cm->kept_date[i] = date;
	return crm_kept_set_values(&cm->kept, i, value, len, e);
}

int
crm_clvmode_row(struct crm_clvmode *cm, const struct crm_record *rec,
    struct crm_error *why)
{
	struct crm_order_row row;
	long i;
	int v, scale;

	/* the customer's slot comes into cache while the row is read */
	crm_history_prefetch(cm->h, rec->field[cm->rd.idc],
	    rec->len[cm->rd.idc]);
	if ((v = crm_order_reader_read(&cm->rd, rec, &row, why)) != 0)
		return v == CRM_ORDER_LEFT_OUT ? CRM_RECORD_OK : v;
	if ((i = crm_history_add(cm->h, row.id, row.idlen, row.date,
	    &row.amount, row.refund, why)) == CRM_HISTORY_TOO_LARGE) {
		scale = crm_history_scale(cm->h);
		crm_field_sum_error(cm->ro->amount, row.amount.scale > scale ?
		    row.amount.scale : scale, why);
		return CRM_RECORD_BAD;
	}
	if (i < 0)
		return CRM_RECORD_STOP;
	/* only an amount in the sums may widen the output (orderrow.h) */
	crm_order_reader_took(&cm->rd, &row);
	if (crm_clvmode_keep(cm, (size_t)i, row.date, row.keep, row.keeplen,
	    why) < 0)
		return CRM_RECORD_STOP;
	return CRM_RECORD_OK;
}

int
crm_clvmode_fit(struct crm_clvmode *cm, struct crm_error *e)
{
	const struct crm_clv_opts *co = cm->co;

	crm_history_decimals(cm->h, cm->rd.decimals);
	if (co->params_in != NULL) {
		cm->m = co->saved.m;
		cm->g = co->saved.g;
		return 0;
	}
	cm->fitted = 1;
	cm->m.model = (enum crm_btyd_model)co->model;
	if (crm_clv_fit_purchases(cm->h, (enum crm_unit)co->unit, &cm->m,
	    &cm->est, e) < 0)
		return -1;
	return co->spend ? crm_clv_fit_spend(cm->h, (enum crm_unit)co->unit,
	    &cm->g, &cm->gest, e) : 0;
}

int
crm_clvmode_score(struct crm_clvmode *cm, struct crm_error *e)
{
	const struct crm_clv_opts *co = cm->co;
	size_t i, n = crm_history_count(cm->h);
	struct crm_history c;

	cm->fig = malloc((n ? n : 1) * sizeof(*cm->fig));
	cm->order = crm_history_order_by_id(cm->h);
	if (cm->fig == NULL || cm->order == NULL)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "out of memory");
	for (i = 0; i < n; i++) {
		crm_history_get(cm->h, i, (enum crm_unit)co->unit, &c);
		cm->refunds_only += c.refunds_only;
		cm->late += c.late && !c.refunds_only;
	}
	return crm_clv_score_all(&cm->m, co->spend ? &cm->g : NULL, cm->h,
	    cm->order, (enum crm_unit)co->unit, co->horizon, co->discount,
	    cm->fig, e);
}

int
crm_clvmode_holdout(const struct crm_clvmode *cm,
    struct crm_clv_holdout_row *rows, struct crm_error *e)
{
	return crm_clv_holdout(&cm->m, cm->h, (enum crm_unit)cm->co->unit,
	    rows, e);
}

uint64_t
crm_clvmode_refunds(const struct crm_clvmode *cm)
{
	return crm_history_refunds(cm->h);
}

size_t
crm_clvmode_future(const struct crm_clvmode *cm)
{
	return cm->rd.future;
}

void
crm_clvmode_free(struct crm_clvmode *cm)
{
	crm_kept_free(&cm->kept);
	crm_history_free(cm->h);
	free(cm->kept_date);
	free(cm->fig);
	free(cm->order);
	memset(cm, 0, sizeof(*cm));
}
