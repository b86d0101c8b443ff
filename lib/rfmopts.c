/*
 * rfmopts.c - RFM options and the `rfm:` config section (see rfmopts.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rfmopts.h"
#include "value.h"

const char *const crm_rfm_columns[10] = {
	"first_order", "last_order", "recency_days", "frequency", "monetary",
	"r_score", "f_score", "m_score", "rfm_cell", "rfm_score"
};

/* The keys of breaks: and weights:, in the order of CRM_R, CRM_F, CRM_M. */
static const char *const measures[] = { "recency", "frequency", "monetary",
    NULL };

void
crm_rfm_opts_init(struct crm_rfm_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->binning = -1;
	o->monetary_mean = -1;
}

int
crm_rfm_opts_keep(struct crm_rfm_opts *o, const char *text,
    struct crm_error *e)
{
	char *p, *comma;

	free(o->keep_text);
	if ((o->keep_text = strdup(text)) == NULL)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "out of memory");
	o->nkeep = 0;
	for (p = o->keep_text;; p = comma + 1) {
		if ((comma = strchr(p, ',')) != NULL)
			*comma = '\0';
		if (*p == '\0' || o->nkeep == CRM_RFM_MAX_KEEP)
			return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
			    "invalid --keep list: expected 1 to %d names "
			    "separated by commas", CRM_RFM_MAX_KEEP);
		o->keep[o->nkeep++] = p;
		if (comma == NULL)
			return 0;
	}
}

int
crm_rfm_opts_bins(struct crm_rfm_opts *o, const char *text,
    struct crm_error *e)
{
	long v;

	if (crm_option_int("--bins", text, 2, CRM_SCALE_MAX_BINS, NULL, &v,
	    e) < 0)
		return -1;
	o->bins = (int)v;
	return 0;
}

static int
parse_binning(const char *text, int *kind, struct crm_error *e)
{
	if (strcmp(text, "quantile") == 0)
		*kind = CRM_SCALE_QUANTILE;
	else if (strcmp(text, "r-rfm") == 0)
		*kind = CRM_SCALE_R_RFM;
	else
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "invalid binning \"%s\": expected quantile or r-rfm",
		    text);
	return 0;
}

static int
parse_monetary(const char *text, int *mean, struct crm_error *e)
{
	if (strcmp(text, "sum") == 0)
		*mean = 0;
	else if (strcmp(text, "mean") == 0)
		*mean = 1;
	else
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "invalid monetary \"%s\": expected sum or mean", text);
	return 0;
}

int
crm_rfm_opts_binning(struct crm_rfm_opts *o, const char *text,
    struct crm_error *e)
{
	return parse_binning(text, &o->binning, e);
}

int
crm_rfm_opts_monetary(struct crm_rfm_opts *o, const char *text,
    struct crm_error *e)
{
	return parse_monetary(text, &o->monetary_mean, e);
}

/*
 * Whether the weighted score of any scores, sum(weight * score) with
 * scores up to CRM_SCALE_MAX_BINS, holds in 38 digits (decimal.h).
 */
static int
weights_fit(const struct crm_decimal *w)
{
	crm_i128 sum = 0, v;
	int scale = 0, k, j;

	for (k = 0; k < 3; k++)
		if (w[k].scale > scale)
			scale = w[k].scale;
	for (k = 0; k < 3; k++) {
		v = w[k].units;
		if (crm_decimal_shift(&v, scale - w[k].scale) < 0)
			return 0;
		for (j = 0; j < CRM_SCALE_MAX_BINS; j++)
			if (crm_decimal_add(&sum, v) < 0)
				return 0;
	}
	return 1;
}

int
crm_rfm_opts_weights(struct crm_rfm_opts *o, const char *text,
    struct crm_error *e)
{
	char buf[128], *p = buf, *comma;
	int i;

	snprintf(buf, sizeof(buf), "%s", text);
	for (i = 0; i < 3; i++) {
		if ((comma = strchr(p, ',')) != NULL)
			*comma = '\0';
		if ((comma == NULL) != (i == 2) ||
		    crm_decimal_parse(p, 0, &o->weight[i], NULL) !=
		    CRM_VALUE_OK || o->weight[i].units < 0)
			return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
			    "invalid --weights \"%s\": expected three numbers "
			    "R,F,M, none negative", text);
		if (comma != NULL)
			p = comma + 1;
	}
	if (!weights_fit(o->weight))
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "invalid --weights \"%s\": too large: a weighted score "
		    "would pass %d digits", text, CRM_DECIMAL_DIGITS);
	o->weights_given = 1;
	return 0;
}

/* A scalar of a fixed set of words, checked at its node. */
static int
config_word(struct crm_config *cfg, yaml_node_t *n,
    int (*parse)(const char *, int *, struct crm_error *), int *out,
    struct crm_error *e)
{
	const char *text;

	if (crm_config_string(cfg, n, &text, e) < 0)
		return -1;
	if (parse(text, out, e) < 0)
		return crm_config_error_at(cfg, n, e, "%s", e->msg);
	return 0;
}

/* breaks: up to three lists of cut points, by measure. */
static int
config_breaks(struct crm_rfm_opts *o, struct crm_config *cfg,
    yaml_node_t *n, struct crm_error *e)
{
	double cuts[CRM_SCALE_MAX_BINS];
	yaml_node_t *m;
	size_t k, i, len;

	if (crm_config_check_keys(cfg, n, measures, e) < 0)
		return -1;
	for (k = 0; k < 3; k++) {
		if ((m = crm_config_get(cfg, n, measures[k])) == NULL)
			continue;
		if (crm_config_seq_len(cfg, m, &len, e) < 0)
			return -1;
		if (len < 1 || len > CRM_SCALE_MAX_BINS - 1)
			return crm_config_error_at(cfg, m, e,
			    "expected 1 to %d cut points",
			    CRM_SCALE_MAX_BINS - 1);
		for (i = 0; i < len; i++)
			if (crm_config_number(cfg, crm_config_seq_item(cfg, m,
			    i), &cuts[i], e) < 0)
				return -1;
		if (crm_scale_fixed(&o->fixed[k], cuts, len, k == CRM_R,
		    e) < 0)
			return crm_config_error_at(cfg, m, e, "%s", e->msg);
		o->has_fixed[k] = 1;
	}
	return 0;
}

/* A weight: a number, 0 or more, exact. */
static int
config_weight(struct crm_config *cfg, yaml_node_t *m, struct crm_decimal *w,
    struct crm_error *e)
{
	const char *text;
	double d;

	if (crm_config_number(cfg, m, &d, e) < 0 ||
	    crm_config_string(cfg, m, &text, e) < 0)
		return -1;
	if (crm_decimal_parse(text, 0, w, NULL) != CRM_VALUE_OK)
		return crm_config_error_at(cfg, m, e, "a weight cannot have "
		    "more than %d digits", CRM_DECIMAL_DIGITS);
	if (w->units < 0)
		return crm_config_error_at(cfg, m, e,
		    "a weight cannot be negative");
	return 0;
}

/* weights: one per measure, 0 for a measure not named. */
static int
config_weights(struct crm_rfm_opts *o, struct crm_config *cfg,
    yaml_node_t *n, struct crm_error *e)
{
	struct crm_decimal w[3];
	yaml_node_t *m;
	size_t k;

	if (crm_config_check_keys(cfg, n, measures, e) < 0)
		return -1;
	memset(w, 0, sizeof(w));
	for (k = 0; k < 3; k++)
		if ((m = crm_config_get(cfg, n, measures[k])) != NULL &&
		    config_weight(cfg, m, &w[k], e) < 0)
			return -1;
	if (!weights_fit(w))
		return crm_config_error_at(cfg, n, e, "weights too large: a "
		    "weighted score would pass %d digits", CRM_DECIMAL_DIGITS);
	if (!o->weights_given) {
		memcpy(o->weight, w, sizeof(w));
		o->weights_given = 1;
	}
	return 0;
}

int
crm_rfm_config(struct crm_rfm_opts *o, struct crm_config *cfg,
    yaml_node_t *rfm, struct crm_error *e)
{
	static const char *const keys[] = { "bins", "binning", "monetary",
	    "breaks", "weights", NULL };
	yaml_node_t *n;
	int binning = 0, mean = 0;
	long v;

	if (crm_config_check_keys(cfg, rfm, keys, e) < 0)
		return -1;
	if ((n = crm_config_get(cfg, rfm, "bins")) != NULL) {
		if (crm_config_int(cfg, n, &v, e) < 0)
			return -1;
		if (v < 2 || v > CRM_SCALE_MAX_BINS)
			return crm_config_error_at(cfg, n, e,
			    "bins must be from 2 to %d", CRM_SCALE_MAX_BINS);
		if (o->bins == 0)
			o->bins = (int)v;
	}
	if ((n = crm_config_get(cfg, rfm, "binning")) != NULL) {
		if (config_word(cfg, n, parse_binning, &binning, e) < 0)
			return -1;
		if (o->binning < 0)
			o->binning = binning;
	}
	if ((n = crm_config_get(cfg, rfm, "monetary")) != NULL) {
		if (config_word(cfg, n, parse_monetary, &mean, e) < 0)
			return -1;
		if (o->monetary_mean < 0)
			o->monetary_mean = mean;
	}
	if ((n = crm_config_get(cfg, rfm, "breaks")) != NULL &&
	    config_breaks(o, cfg, n, e) < 0)
		return -1;
	if ((n = crm_config_get(cfg, rfm, "weights")) != NULL &&
	    config_weights(o, cfg, n, e) < 0)
		return -1;
	return 0;
}

/* A --keep column the output already has under that name. */
static int
kept_twice(const struct crm_rfm_opts *o, size_t k)
{
	size_t j;
	const char *const *cols = o->columns != NULL ? o->columns :
	    crm_rfm_columns;
	size_t ncols = o->columns != NULL ? o->ncolumns :
	    sizeof(crm_rfm_columns) / sizeof(crm_rfm_columns[0]);

	if (strcmp(o->keep[k], o->id) == 0)
		return 1;
	for (j = 0; j < ncols; j++)
		if (strcmp(o->keep[k], cols[j]) == 0)
			return 1;
	for (j = 0; j < k; j++)
		if (strcmp(o->keep[k], o->keep[j]) == 0)
			return 1;
	return 0;
}

int
crm_rfm_opts_finish(struct crm_rfm_opts *o, const struct crm_common *c,
    struct crm_error *e)
{
	size_t k;

	if (o->id == NULL)
		o->id = "customer_id";
	if (o->date == NULL)
		o->date = "order_date";
	if (o->amount == NULL)
		o->amount = "amount";
	if (o->bins == 0)
		o->bins = 5;
	if (o->binning < 0)
		o->binning = CRM_SCALE_QUANTILE;
	if (o->monetary_mean < 0)
		o->monetary_mean = 0;
	o->as_of = c->as_of;
	o->date_format = c->date_format;
	o->decimal_comma = c->decimal_comma;
	for (k = 0; k < o->nkeep; k++)
		if (kept_twice(o, k))
			return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
			    "--keep %s: the column would appear twice in the "
			    "output", o->keep[k]);
	return 0;
}

void
crm_rfm_opts_free(struct crm_rfm_opts *o)
{
	free(o->keep_text);
	o->keep_text = NULL;
	o->nkeep = 0;
}
