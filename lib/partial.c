/*
 * partial.c - the rows of partial state, written and read (see
 * partial.h).
 */
#include <string.h>

#include "partial.h"
#include "value.h"

const char *const crm_partial_tags[6] = {
	"crm1.rfm", "crm1.order", "crm1.model", "crm1.day", "crm1.pareto",
	"crm1.meta"
};

enum crm_partial_row
crm_partial_kind(const struct crm_record *rec)
{
	size_t k;

	if (rec->n < 2)
		return CRM_PARTIAL_NONE;
	for (k = 0; k < 6; k++)
		if (strcmp(rec->field[1], crm_partial_tags[k]) == 0)
			return (enum crm_partial_row)k;
	return CRM_PARTIAL_NONE;
}

int
crm_partial_unexpected(const struct crm_record *rec, const char *what,
    struct crm_error *why)
{
	enum crm_partial_row k = crm_partial_kind(rec);
	char q[64];

	if (k != CRM_PARTIAL_NONE)
		crm_error_set(why, CRM_EXIT_DATA, NULL, 0, 0,
		    "not partial state of %s: a %s row", what,
		    crm_partial_tags[k]);
	else if (rec->n < 2)
		crm_error_set(why, CRM_EXIT_DATA, NULL, 0, 0,
		    "not partial state of %s: a record of one field", what);
	else
		crm_error_set(why, CRM_EXIT_DATA, NULL, 0, 0,
		    "not partial state of %s: field 2 is %s", what,
		    crm_error_quote(rec->field[1], rec->len[1], q, sizeof(q)));
	return CRM_RECORD_BAD;
}

int
crm_partial_empty_key(const struct crm_record *rec, struct crm_error *why)
{
	crm_error_set(why, CRM_EXIT_DATA, NULL, 0, 0,
	    "partial state: a %s row with an empty key", rec->field[1]);
	return CRM_RECORD_BAD;
}

int
crm_partial_width(const struct crm_record *rec, size_t n, const char *hint,
    struct crm_error *why)
{
	if (rec->n == n)
		return CRM_RECORD_OK;
	if (hint != NULL)
		crm_error_set(why, CRM_EXIT_DATA, NULL, 0, 0,
		    "partial state: expected %zu fields in a %s row, found "
		    "%zu (%s)", n, rec->field[1], rec->n, hint);
	else
		crm_error_set(why, CRM_EXIT_DATA, NULL, 0, 0,
		    "partial state: expected %zu fields in a %s row, found "
		    "%zu", n, rec->field[1], rec->n);
	return CRM_RECORD_BAD;
}

/* Field i does not read as what (a date, a count, a sum). */
static int
invalid(const struct crm_record *rec, size_t i, const char *what,
    struct crm_error *why)
{
	char q[64];

	crm_error_set(why, CRM_EXIT_DATA, NULL, 0, 0,
	    "partial state: field %zu of a %s row: invalid %s %s", i + 1,
	    rec->field[1], what, crm_error_quote(rec->field[i], rec->len[i],
	    q, sizeof(q)));
	return CRM_RECORD_BAD;
}

int
crm_partial_date(const struct crm_record *rec, size_t i, int none_ok,
    int *has, int32_t *d, struct crm_error *why)
{
	if (has != NULL)
		*has = rec->len[i] > 0;
	if (rec->len[i] == 0 && none_ok)
		return CRM_RECORD_OK;
	/* as written: YYYY-MM-DD and nothing else */
	if (rec->len[i] != 10 || rec->field[i][4] != '-' ||
	    crm_date_parse(rec->field[i], NULL, d) != CRM_VALUE_OK)
		return invalid(rec, i, "date", why);
	return CRM_RECORD_OK;
}

int
crm_partial_count(const struct crm_record *rec, size_t i, uint64_t max,
    uint64_t *n, struct crm_error *why)
{
	const char *s = rec->field[i];
	uint64_t v = 0;
	size_t k;

	if (rec->len[i] == 0 || rec->len[i] > 20)
		return invalid(rec, i, "count", why);
	for (k = 0; k < rec->len[i]; k++) {
		uint64_t d = (uint64_t)(s[k] - '0');

		/* d > max first: max - d must not wrap round */
		if (s[k] < '0' || s[k] > '9' || d > max || v > (max - d) / 10)
			return invalid(rec, i, "count", why);
		v = v * 10 + d;
	}
	*n = v;
	return CRM_RECORD_OK;
}

int
crm_partial_decimals(const struct crm_record *rec, size_t i, int scale,
    uint64_t *n, struct crm_error *why)
{
	return crm_partial_count(rec, i, scale < 9 ? (uint64_t)scale : 9, n,
	    why);
}

int
crm_partial_decimal(const struct crm_record *rec, size_t i,
    struct crm_decimal *d, struct crm_error *why)
{
	const char *s = rec->field[i];
	size_t k;

	/* as written: sign, digits, point and digits; no other signs */
	for (k = s[0] == '-'; k < rec->len[i]; k++)
		if ((s[k] < '0' || s[k] > '9') && s[k] != '.')
			return invalid(rec, i, "sum", why);
	if (rec->len[i] == 0 ||
	    crm_decimal_parse(s, 0, d, NULL) != CRM_VALUE_OK)
		return invalid(rec, i, "sum", why);
	return CRM_RECORD_OK;
}

int
crm_partial_decode(struct crm_record *rec, struct crm_error *why)
{
	size_t i, at;

	for (i = 0; i < rec->n; i++)
		if (crm_csv_unescape(rec, i, &at) < 0) {
			crm_error_set(why, CRM_EXIT_DATA, NULL, 0, 0,
			    "partial state: field %zu: a backslash at byte "
			    "%zu that starts no escape", i + 1, at + 1);
			return CRM_RECORD_BAD;
		}
	return CRM_RECORD_OK;
}

void
crm_partial_put_text(struct crm_csv_writer *w, const char *s, size_t len)
{
	crm_csv_put_escaped(w, s, len);
}

void
crm_partial_begin(struct crm_csv_writer *w, const char *key, size_t len,
    enum crm_partial_row kind)
{
	crm_csv_put_escaped(w, key, len);
	crm_csv_puts(w, crm_partial_tags[kind]);
}

void
crm_partial_put_date(struct crm_csv_writer *w, int32_t d)
{
	char buf[16];

	crm_date_format(d, buf);
	crm_csv_puts(w, buf);
}

void
crm_partial_put_count(struct crm_csv_writer *w, uint64_t n)
{
	char buf[24], *p = buf + sizeof(buf);

	*--p = '\0';
	do
		*--p = (char)('0' + n % 10);
	while ((n /= 10) > 0);
	crm_csv_puts(w, p);
}

void
crm_partial_put_decimal(struct crm_csv_writer *w, crm_i128 units, int scale)
{
	char buf[CRM_DECIMAL_SIZE];

	crm_decimal_format(units, scale, scale, buf, sizeof(buf));
	crm_csv_puts(w, buf);
}

void
crm_partial_write_meta(struct crm_csv_writer *w,
    const struct crm_partial_meta *m)
{
	crm_partial_begin(w, "", 0, CRM_PARTIAL_META);
	crm_csv_puts(w, m->kind);
	crm_partial_put_date(w, m->as_of);
	if (m->has_cal_end)
		crm_partial_put_date(w, m->cal_end);
	else
		crm_csv_puts(w, "");
	crm_partial_put_count(w, m->future);
	crm_csv_end(w);
}

/* d as YYYY-MM-DD, for a message. */
static const char *
date_text(int32_t d, char *buf)
{
	crm_date_format(d, buf);
	return buf;
}

int
crm_partial_read_meta(const struct crm_record *rec,
    const struct crm_partial_meta *want, struct crm_partial_meta *got,
    struct crm_error *why)
{
	char a[16], b[16], q[64];

	if (crm_partial_width(rec, 6, NULL, why) != CRM_RECORD_OK)
		return CRM_RECORD_BAD;
	if (strcmp(rec->field[2], want->kind) != 0) {
		crm_error_set(why, CRM_EXIT_DATA, NULL, 0, 0, "partial state "
		    "of kind %s, not %s: give --merge the options of the runs "
		    "that wrote it", crm_error_quote(rec->field[2],
		    rec->len[2], q, sizeof(q)), want->kind);
		return CRM_RECORD_BAD;
	}
	got->kind = want->kind;
	if (crm_partial_date(rec, 3, 0, NULL, &got->as_of, why) ||
	    crm_partial_date(rec, 4, 1, &got->has_cal_end, &got->cal_end,
	    why) || crm_partial_count(rec, 5, UINT64_MAX, &got->future, why))
		return CRM_RECORD_BAD;
	if (got->as_of != want->as_of) {
		crm_error_set(why, CRM_EXIT_DATA, NULL, 0, 0, "partial state "
		    "as of %s, not %s: give --merge the --as-of of the runs "
		    "that wrote it", date_text(got->as_of, a),
		    date_text(want->as_of, b));
		return CRM_RECORD_BAD;
	}
	if (got->has_cal_end != want->has_cal_end ||
	    (want->has_cal_end && got->cal_end != want->cal_end)) {
		crm_error_set(why, CRM_EXIT_DATA, NULL, 0, 0, "partial state "
		    "with calibration end %s, not %s: give --merge the "
		    "--calibration-end of the runs that wrote it",
		    got->has_cal_end ? date_text(got->cal_end, a) : "none",
		    want->has_cal_end ? date_text(want->cal_end, b) : "none");
		return CRM_RECORD_BAD;
	}
	return CRM_RECORD_OK;
}
