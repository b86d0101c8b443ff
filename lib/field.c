/*
 * field.c - fields as values, with their messages (see field.h).
 */
#include "error.h"
#include "field.h"
#include "value.h"

/* 0 for a good value; else *why says what was wrong with it. */
static int
judge(const struct crm_record *rec, long col, const char *name, int result,
    const char *expected, struct crm_error *why)
{
	char q[64];

	if (result == CRM_VALUE_OK)
		return 0;
	if (result == CRM_VALUE_EMPTY)
		return crm_error_set(why, CRM_EXIT_DATA, NULL, 0, 0,
		    "column '%s': missing value", name);
	return crm_error_set(why, CRM_EXIT_DATA, NULL, 0, 0,
	    "column '%s': invalid %s %s", name, expected,
	    crm_error_quote(rec->field[col], rec->len[col], q, sizeof(q)));
}

int
crm_field_number(const struct crm_record *rec, long col, const char *name,
    int decimal_comma, double *v, int *decimals, struct crm_error *why)
{
	int dec = 0, r;

	r = crm_number_parse(rec->field[col], decimal_comma, v, &dec);
	if (r == CRM_VALUE_OK && decimals != NULL && dec > *decimals)
		*decimals = dec > 9 ? 9 : dec;
	return judge(rec, col, name, r, "number", why);
}

int
crm_field_date(const struct crm_record *rec, long col, const char *name,
    const char *date_format, int32_t *days, struct crm_error *why)
{
	int r = crm_date_parse(rec->field[col], date_format, days);

	if (r == CRM_VALUE_INVALID)
		return crm_field_bad_date(name, rec->field[col], rec->len[col],
		    date_format, why);
	return judge(rec, col, name, r, "date", why);
}

int
crm_field_bad_date(const char *name, const char *s, size_t len,
    const char *date_format, struct crm_error *why)
{
	char q[64];

	crm_error_quote(s, len, q, sizeof(q));
	if (crm_date_hint(s, date_format))
		return crm_error_set(why, CRM_EXIT_DATA, NULL, 0, 0,
		    "column '%s': invalid date %s (see --date-format)", name,
		    q);
	return crm_error_set(why, CRM_EXIT_DATA, NULL, 0, 0,
	    "column '%s': invalid date %s", name, q);
}

int
crm_field_bool(const struct crm_record *rec, long col, const char *name,
    int *b, struct crm_error *why)
{
	int r = crm_bool_parse(rec->field[col], b);

	return judge(rec, col, name, r, "yes/no value", why);
}

int
crm_field_decimal(const struct crm_record *rec, long col, const char *name,
    int decimal_comma, struct crm_decimal *v, int *decimals,
    struct crm_error *why)
{
	char q[64];
	int dec = 0, r;

	r = crm_decimal_parse(rec->field[col], decimal_comma, v, &dec);
	if (r == CRM_VALUE_OK) {
		if (decimals != NULL && dec > *decimals)
			*decimals = dec > 9 ? 9 : dec;
		return 0;
	}
	if (r == CRM_VALUE_RANGE)
		return crm_error_set(why, CRM_EXIT_DATA, NULL, 0, 0,
		    "column '%s': number %s has more than %d digits: too "
		    "long to add up exactly", name, crm_error_quote(
		    rec->field[col], rec->len[col], q, sizeof(q)),
		    CRM_DECIMAL_DIGITS);
	return judge(rec, col, name, r, "number", why);
}

int
crm_field_amount_product(const struct crm_record *rec,
    const struct crm_amount_cols *c, int decimal_comma,
    struct crm_decimal *amount, int *refund, int *decimals,
    struct crm_error *why)
{
	struct crm_decimal price, qty;
	int dec = 0, qdec = 0;

	if (crm_field_decimal(rec, c->amount, c->amount_name, decimal_comma,
	    &price, &dec, why) < 0 ||
	    crm_field_decimal(rec, c->quantity, c->quantity_name,
	    decimal_comma, &qty, &qdec, why) < 0)
		return -1;
	if (crm_decimal_mul(&qty, &price, amount) < 0)
		return crm_error_set(why, CRM_EXIT_DATA, NULL, 0, 0,
		    "columns '%s' and '%s': quantity times price has more than "
		    "%d digits: too long to add up exactly", c->quantity_name,
		    c->amount_name, CRM_DECIMAL_DIGITS);
	/* goods returned at price 0 are a refund all the same */
	*refund = amount->units < 0 || (amount->units == 0 && qty.units < 0);
	dec += qdec;
	if (decimals != NULL && dec > *decimals)
		*decimals = dec > 9 ? 9 : dec;
	return 0;
}

int
crm_field_sum_error(const char *name, int scale, struct crm_error *why)
{
	return crm_error_set(why, CRM_EXIT_DATA, NULL, 0, 0, "column '%s': "
	    "the values add up to more than %d digits (decimals: %d): too "
	    "large to sum exactly", name, CRM_DECIMAL_DIGITS, scale);
}
