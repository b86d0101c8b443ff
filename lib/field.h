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
#include "error.h"

/*
 * A number; *decimals (if not NULL) is raised to the digits after the
 * point of this one, at most 9: sums keep the input's precision.
 */
int crm_field_number(const struct crm_record *rec, long col,
    const char *name, int decimal_comma, double *v, int *decimals,
    struct crm_error *why);

/* A date (date_format NULL: the contract's layouts), in days. */
int crm_field_date(const struct crm_record *rec, long col, const char *name,
    const char *date_format, int32_t *days, struct crm_error *why);

/* A yes/no value; an empty field is false, as the contract says. */
int crm_field_bool(const struct crm_record *rec, long col, const char *name,
    int *b, struct crm_error *why);

#endif
