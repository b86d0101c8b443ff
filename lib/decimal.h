/*
 * decimal.h - exact decimal arithmetic for the sums, means and products
 * the programs print: a number is a whole number of units of 10^-scale
 * in a 128-bit integer, so that 0.1 + 0.2 is 0.3 and 9007199254740993
 * stays 9007199254740993.
 *
 * Every value and every result is held to CRM_DECIMAL_MAX units (38
 * digits); an operation that would pass it fails and changes nothing,
 * for the caller to report.  Rounding is half away from zero, in decimal,
 * as the man pages promise: 1.015 to two places is 1.02.
 *
 * struct crm_decimal_column keeps what a column of values needs to be
 * summed exactly in any grouping: the scale of its most precise value,
 * the sum of its positive values and the sum of its negative values.
 * Every sum of some of the values (a customer's, a group's, a class's,
 * the total) lies between those two, so a value that keeps both within
 * 38 digits can be added anywhere without overflow; the value that would
 * take either past them is the one to refuse.
 */
#ifndef CRM_DECIMAL_H
#define CRM_DECIMAL_H

#include <stddef.h>
#include <stdint.h>

__extension__ typedef __int128 crm_i128;
__extension__ typedef unsigned __int128 crm_u128;

/* The most digits a value or a sum holds; 10^38 - 1 < 2^127. */
#define CRM_DECIMAL_DIGITS	38
#define CRM_DECIMAL_MAX_SCALE	38

struct crm_decimal {
	crm_i128 units;		/* the value times 10^scale */
	int scale;		/* 0..CRM_DECIMAL_MAX_SCALE */
};

/* 10^38 - 1, the largest magnitude of units. */
crm_i128 crm_decimal_max(void);

/* 10^k for 0 <= k <= 38. */
crm_u128 crm_decimal_pow10(int k);

/* Nonzero when |u| <= crm_decimal_max(). */
int crm_decimal_fits(crm_i128 u);

/* *sum += v; -1 with *sum unchanged when the result does not fit. */
int crm_decimal_add(crm_i128 *sum, crm_i128 v);

/*
 * *acc += v at the larger of their scales (a 0 takes the other's scale);
 * -1 with *acc unchanged when the result does not fit.
 */
int crm_decimal_add_to(struct crm_decimal *acc, const struct crm_decimal *v);

/* *u *= 10^k (k >= 0); -1 with *u unchanged when it does not fit. */
int crm_decimal_shift(crm_i128 *u, int k);

/*
 * *u divided by 10^k (k >= 0), rounded half away from zero: the value at
 * k fewer decimal places.
 */
crm_i128 crm_decimal_round(crm_i128 u, int k);

/*
 * The exact product of a and b, at scale a->scale + b->scale (less the
 * trailing zeros of its fraction when that passes 38); -1 when it does not
 * fit in 38 digits and 38 decimals.
 */
int crm_decimal_mul(const struct crm_decimal *a, const struct crm_decimal *b,
    struct crm_decimal *out);

/*
 * num * 10^shift / den (den > 0, -76 <= shift <= 38) rounded half away
 * from zero into *q; -1 when the result does not fit.  Exact for every
 * num and den that fit: a 256-bit path takes what 128 bits cannot.
 */
int crm_decimal_quotient(crm_i128 num, crm_i128 den, int shift,
    crm_i128 *q);

/*
 * Compares a / b with c / d exactly (b, d > 0): <0, 0 or >0.
 */
int crm_decimal_ratio_cmp(crm_i128 a, crm_i128 b, crm_i128 c, crm_i128 d);

/* Compares two decimals by value: <0, 0 or >0. */
int crm_decimal_cmp(const struct crm_decimal *a, const struct crm_decimal *b);

/* Room for any text the formatters below write. */
#define CRM_DECIMAL_SIZE	96

/*
 * Writes units / 10^scale with exactly `places` decimals (0..38), rounded
 * half away from zero, never "-0", into buf (CRM_DECIMAL_SIZE bytes are
 * always enough).  Returns the length (snprintf semantics).
 */
int crm_decimal_format(crm_i128 units, int scale, int places, char *buf,
    size_t size);

/*
 * The same with trailing zeros and a trailing point removed: 0.25, 1,
 * 0.333333.
 */
int crm_decimal_format_trim(crm_i128 units, int scale, int places,
    char *buf, size_t size);

/*
 * Writes num * 10^shift / den (den > 0, shift 0..2: 2 for a percentage)
 * rounded half away from zero to `places` decimals (0..9), trailing
 * zeros and point removed: a share, such as 0.333333 or 33.3333.
 */
int crm_decimal_ratio_format(crm_i128 num, crm_i128 den, int shift,
    int places, char *buf, size_t size);

/* The double nearest to units / 10^scale (correctly rounded). */
double crm_decimal_to_double(crm_i128 units, int scale);

/*
 * A column of values summed exactly (see above); zero it to start.  The
 * budget lets crm_decimal_column_take add a value with two comparisons:
 * while the values taken add up to no more than it, neither sum can pass
 * the limit.
 */
struct crm_decimal_column {
	int scale;		/* of the most precise value so far */
	crm_i128 pos, neg;	/* sums of the positive, negative values */
	crm_i128 limit;		/* the caller's bound on both; 0: 10^38 - 1 */
	int64_t budget;		/* what the next values may add up to */
};

/*
 * Takes the value d into column c.  On success, stores d at the
 * column's scale in *units and, in *raise, how many places the column's
 * scale went up: the caller multiplies every sum it holds of earlier
 * values by 10^*raise (crm_decimal_shift cannot fail on them).  Returns
 * 1, or -1 with c unchanged when the positive or the negative sum would
 * pass 38 digits at the new scale.  The sums may pass the caller's limit
 * (if lower): that is for the caller to check after a 1.
 */
int crm_decimal_column_add(struct crm_decimal_column *c,
    const struct crm_decimal *d, crm_i128 *units, int *raise);

/* Sets the caller's limit on the sums (0: 10^38 - 1). */
void crm_decimal_column_limit(struct crm_decimal_column *c, crm_i128 limit);

/*
 * The same, inline: 0 for a value at the column's scale within the
 * budget (the sums stay within the limit, nothing to check), else
 * crm_decimal_column_add's 1 or -1.
 */
static inline int
crm_decimal_column_take(struct crm_decimal_column *c,
    const struct crm_decimal *d, crm_i128 *units, int *raise)
{
	crm_i128 u = d->units;

	if (d->scale == c->scale && u < c->budget && u > -c->budget) {
		c->budget -= (int64_t)(u < 0 ? -u : u);
		if (u > 0)
			c->pos += u;
		else
			c->neg += u;
		*units = u;
		*raise = 0;
		return 0;
	}
	return crm_decimal_column_add(c, d, units, raise);
}

#endif
