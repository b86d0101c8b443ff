/*
 * field.h - a record's field read as a value, and the message a bad one
 * gets.
 *
 * Each function parses field col of rec (the column is called name in
 * messages) with the parsers of value.h.  On a bad value it fills *why
 * with status 1 and no place ("column 'amount': invalid number \"1x\"",
 * "column 'amount': missing value"), for crm_input_reject to place at the
 * record and skip or stop.  Returns 0, or -1.
 */
#ifndef CRM_FIELD_H
#define CRM_FIELD_H

#include <stdint.h>

#include "csvio.h"
#include "decimal.h"
#include "error.h"

/*
 * A number; *decimals (if not NULL) is raised to the digits after the
 * point of this one, at most 9: sums keep the input's precision.
 */
int crm_field_number(const struct crm_record *rec, long col,
    const char *name, int decimal_comma, double *v, int *decimals,
    struct crm_error *why);

/*
 * The same, exactly (decimal.h): a number of the grammar with more than
 * 38 digits is a bad value ("column 'amount': number \"...\" has more
 * than 38 digits: too long to add up exactly").
 */
int crm_field_decimal(const struct crm_record *rec, long col,
    const char *name, int decimal_comma, struct crm_decimal *v,
    int *decimals, struct crm_error *why);

/*
 * The message of a value refused because the sums of its column would
 * pass 38 digits with scale decimals (decimal.h): status 1, no place.
 * Returns -1.
 */
int crm_field_sum_error(const char *name, int scale, struct crm_error *why);

/* Where an order row's amount is: one column, or quantity and price. */
struct crm_amount_cols {
	long amount;		/* the amount, or the unit price */
	const char *amount_name;
	long quantity;		/* -1: none */
	const char *quantity_name;
};

/*
 * The amount of an order row, exactly: the amount column, or with a
 * quantity column the quantity times the unit price; *decimals (if not
 * NULL) is raised as by crm_field_number, the decimals of quantity and
 * price adding up (6 x 2.55 has 2).  *refund is set by the rule crm-score
 * and the lifetime models share: a row is a refund when its amount is
 * negative (a negative quantity at a positive price, a positive one at a
 * negative price), or when it is 0 and the quantity is negative (goods
 * returned at price 0, however the 0 is written); any other row is an
 * order, an amount of 0 included.  A bad value, or a product too long
 * for an exact sum, fails as the field functions do.
 * crm_field_amount_product is its case with a quantity column.
 */
int crm_field_amount_product(const struct crm_record *rec,
    const struct crm_amount_cols *c, int decimal_comma,
    struct crm_decimal *amount, int *refund, int *decimals,
    struct crm_error *why);

/* Inline: the usual row has no quantity, and a call costs what it does. */
static inline int
crm_field_amount(const struct crm_record *rec,
    const struct crm_amount_cols *c, int decimal_comma,
    struct crm_decimal *amount, int *refund, int *decimals,
    struct crm_error *why)
{
	if (c->quantity >= 0)
		return crm_field_amount_product(rec, c, decimal_comma, amount,
		    refund, decimals, why);
	if (crm_field_decimal(rec, c->amount, c->amount_name, decimal_comma,
	    amount, decimals, why) < 0)
		return -1;
	*refund = amount->units < 0;
	return 0;
}

/*
 * A date (date_format NULL: the contract's layouts), in days.  An
 * invalid one gets crm_field_bad_date's message.
 */
int crm_field_date(const struct crm_record *rec, long col, const char *name,
    const char *date_format, int32_t *days, struct crm_error *why);

/*
 * The message of the text s (len bytes) refused as a date of column
 * name: "column 'order_date': invalid date \"3/5/2024\"", followed by
 * " (see --date-format)" when crm_date_hint says another format might
 * read it.  Status 1, no place; returns -1.
 */
int crm_field_bad_date(const char *name, const char *s, size_t len,
    const char *date_format, struct crm_error *why);

/* A yes/no value; an empty field is false, as the contract says. */
int crm_field_bool(const struct crm_record *rec, long col, const char *name,
    int *b, struct crm_error *why);

#endif
