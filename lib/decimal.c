/*
 * decimal.c - exact decimal arithmetic in 128-bit integers (see
 * decimal.h).
 *
 * The hot paths (adding, the 64-bit cases of the quotient and of the
 * digits) avoid 128-bit division, which is a library call; what 128 bits
 * cannot hold goes through a 256-bit product and a bitwise long
 * division, slow but only ever met by numbers of 20 digits and more.
 */
#include <stdlib.h>
#include <string.h>

#include "decimal.h"

static const uint64_t pow10_64[20] = {
	1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL,
	10000000ULL, 100000000ULL, 1000000000ULL, 10000000000ULL,
	100000000000ULL, 1000000000000ULL, 10000000000000ULL,
	100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
	100000000000000000ULL, 1000000000000000000ULL,
	10000000000000000000ULL
};

/* The powers of ten a double holds exactly. */
static const double pow10_double[23] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
	1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

/* 10^38 - 1, a constant the compiler folds */
#define DEC_MAX	((crm_i128)((crm_u128)10000000000000000000ULL * \
	    10000000000000000000ULL - 1))

/* 10^20 .. 10^38, products of two 64-bit powers the compiler folds. */
#define P19	((crm_u128)10000000000000000000ULL)
static const crm_u128 pow10_big[19] = {
	P19 * 10, P19 * 100, P19 * 1000, P19 * 10000, P19 * 100000,
	P19 * 1000000, P19 * 10000000, P19 * 100000000, P19 * 1000000000,
	P19 * 10000000000ULL, P19 * 100000000000ULL, P19 * 1000000000000ULL,
	P19 * 10000000000000ULL, P19 * 100000000000000ULL,
	P19 * 1000000000000000ULL, P19 * 10000000000000000ULL,
	P19 * 100000000000000000ULL, P19 * 1000000000000000000ULL,
	P19 * 10000000000000000000ULL
};

crm_u128
crm_decimal_pow10(int k)
{
	return k < 20 ? pow10_64[k] : pow10_big[k - 20];
}

/*
 * (10^38 - 1) / 10^k for k = 0 .. 38, as two 64-bit halves: the largest
 * magnitude that 10^k times still fits, without a 128-bit division.
 */
#define LIM(hi, lo)	((crm_u128)(hi) << 64 | (lo))
static const crm_u128 shift_limit[39] = {
	LIM(0x4b3b4ca85a86c47aULL, 0x98a223fffffffffULL),
	LIM(0x785ee10d5da46d9ULL, 0xf4369fffffffffULL),
	LIM(0xc097ce7bc90715ULL, 0xb34b9f0fffffffffULL),
	LIM(0x13426172c74d82ULL, 0x2b878fe7ffffffffULL),
	LIM(0x1ed09bead87c0ULL, 0x378d8e63ffffffffULL),
	LIM(0x314dc6448d93ULL, 0x38c15b09ffffffffULL),
	LIM(0x4ee2d6d415bULL, 0x85acef80ffffffffULL),
	LIM(0x7e37be2022ULL, 0xc0914b267fffffffULL),
	LIM(0xc9f2c9cd0ULL, 0x4674edea3fffffffULL),
	LIM(0x1431e0faeULL, 0x6d7217ca9fffffffULL),
	LIM(0x204fce5eULL, 0x3e2502610fffffffULL),
	LIM(0x33b2e3cULL, 0x9fd0803ce7ffffffULL),
	LIM(0x52b7d2ULL, 0xdcc80cd2e3ffffffULL),
	LIM(0x84595ULL, 0x1614014849ffffffULL),
	LIM(0xd3c2ULL, 0x1bcecceda0ffffffULL),
	LIM(0x152dULL, 0x2c7e14af67fffffULL),
	LIM(0x21eULL, 0x19e0c9bab23fffffULL),
	LIM(0x36ULL, 0x35c9adc5de9fffffULL),
	LIM(0x5ULL, 0x6bc75e2d630fffffULL),
	LIM(0x0ULL, 0x8ac7230489e7ffffULL),
	LIM(0x0ULL, 0xde0b6b3a763ffffULL),
	LIM(0x0ULL, 0x16345785d89ffffULL),
	LIM(0x0ULL, 0x2386f26fc0ffffULL),
	LIM(0x0ULL, 0x38d7ea4c67fffULL),
	LIM(0x0ULL, 0x5af3107a3fffULL),
	LIM(0x0ULL, 0x9184e729fffULL),
	LIM(0x0ULL, 0xe8d4a50fffULL),
	LIM(0x0ULL, 0x174876e7ffULL),
	LIM(0x0ULL, 0x2540be3ffULL),
	LIM(0x0ULL, 0x3b9ac9ffULL),
	LIM(0x0ULL, 0x5f5e0ffULL),
	LIM(0x0ULL, 0x98967fULL),
	LIM(0x0ULL, 0xf423fULL),
	LIM(0x0ULL, 0x1869fULL),
	LIM(0x0ULL, 0x270fULL),
	LIM(0x0ULL, 0x3e7ULL),
	LIM(0x0ULL, 0x63ULL),
	LIM(0x0ULL, 0x9ULL),
	LIM(0x0ULL, 0x0ULL),
};

crm_i128
crm_decimal_max(void)
{
	return DEC_MAX;
}

static crm_u128
magnitude(crm_i128 u)
{
	return u < 0 ? (crm_u128)0 - (crm_u128)u : (crm_u128)u;
}

static crm_i128
with_sign(crm_u128 m, int neg)
{
	return neg ? -(crm_i128)m : (crm_i128)m;
}

int
crm_decimal_fits(crm_i128 u)
{
	return magnitude(u) <= (crm_u128)DEC_MAX;
}

int
crm_decimal_add(crm_i128 *sum, crm_i128 v)
{
	/* both fit, so DEC_MAX - v and -DEC_MAX - v do not overflow */
	if (v > 0 ? *sum > DEC_MAX - v : *sum < -DEC_MAX - v)
		return -1;
	*sum += v;
	return 0;
}

/* crm_decimal_shift, inline for the functions here. */
static inline int
shift_up(crm_i128 *u, int k)
{
	if (k == 0 || *u == 0)
		return 0;
	if (k > CRM_DECIMAL_DIGITS || magnitude(*u) > shift_limit[k])
		return -1;
	*u *= (crm_i128)(k < 20 ? pow10_64[k] : pow10_big[k - 20]);
	return 0;
}

int
crm_decimal_shift(crm_i128 *u, int k)
{
	return shift_up(u, k);
}

int
crm_decimal_add_to(struct crm_decimal *acc, const struct crm_decimal *v)
{
	crm_i128 a = acc->units, b = v->units;
	int scale = acc->scale > v->scale ? acc->scale : v->scale;

	/* 0 at any scale adds nothing: keep the other's scale */
	if (b == 0)
		return 0;
	if (a == 0) {
		*acc = *v;
		return 0;
	}

	if (shift_up(&a, scale - acc->scale) < 0 ||
	    shift_up(&b, scale - v->scale) < 0 ||
	    crm_decimal_add(&a, b) < 0)
		return -1;
	acc->units = a;
	acc->scale = scale;
	return 0;
}

crm_i128
crm_decimal_round(crm_i128 u, int k)
{
	crm_u128 a = magnitude(u), m, q, r;

	if (k == 0)
		return u;
	/* |u| < 10^38 is less than half of 10^39 */
	if (k > CRM_DECIMAL_DIGITS)
		return 0;
	m = crm_decimal_pow10(k);
	if (a >> 64 == 0 && m >> 64 == 0) {
		q = (uint64_t)a / (uint64_t)m;
		r = (uint64_t)a % (uint64_t)m;
	} else {
		q = a / m;
		r = a % m;
	}
	if (r >= m - r)
		q++;
	return with_sign(q, u < 0);
}

/* The 256-bit product of x and y, as hi * 2^128 + lo. */
static void
mul256(crm_u128 x, crm_u128 y, crm_u128 *hi, crm_u128 *lo)
{
	uint64_t x0 = (uint64_t)x, x1 = (uint64_t)(x >> 64);
	uint64_t y0 = (uint64_t)y, y1 = (uint64_t)(y >> 64);
	crm_u128 p00 = (crm_u128)x0 * y0, p01 = (crm_u128)x0 * y1;
	crm_u128 p10 = (crm_u128)x1 * y0, p11 = (crm_u128)x1 * y1;
	crm_u128 mid = (p00 >> 64) + (uint64_t)p01 + (uint64_t)p10;

	*lo = (mid << 64) | (uint64_t)p00;
	*hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
}

/*
 * (hi * 2^128 + lo) / d for 0 < d < 2^127: the quotient's high and low
 * halves and the remainder, bit by bit.  d < 2^127 keeps the shifted
 * remainder within 128 bits.
 */
static void
div256(crm_u128 hi, crm_u128 lo, crm_u128 d, crm_u128 *qhi, crm_u128 *qlo,
    crm_u128 *rem)
{
	crm_u128 r = 0, qh = 0, ql = 0;
	int i;

	for (i = 255; i >= 0; i--) {
		crm_u128 bit = i >= 128 ? (hi >> (i - 128)) & 1 : (lo >> i) & 1;

		r = (r << 1) | bit;
		if (r >= d) {
			r -= d;
			if (i >= 128)
				qh |= (crm_u128)1 << (i - 128);
			else
				ql |= (crm_u128)1 << i;
		}
	}
	*qhi = qh;
	*qlo = ql;
	*rem = r;
}

int
crm_decimal_mul(const struct crm_decimal *a, const struct crm_decimal *b,
    struct crm_decimal *out)
{
	crm_u128 x = magnitude(a->units), y = magnitude(b->units), hi, lo;
	crm_i128 p;
	int scale = a->scale + b->scale;

	if (x >> 63 == 0 && y >> 63 == 0) {
		lo = x * y;	/* below 2^126 */
	} else {
		mul256(x, y, &hi, &lo);
		if (hi != 0 || lo >> 127 != 0)
			return -1;
	}
	p = with_sign(lo, (a->units < 0) != (b->units < 0));
	while (scale > CRM_DECIMAL_MAX_SCALE && p % 10 == 0) {
		p /= 10;
		scale--;
	}
	if (scale > CRM_DECIMAL_MAX_SCALE || !crm_decimal_fits(p))
		return -1;
	out->units = p;
	out->scale = scale;
	return 0;
}

int
crm_decimal_quotient(crm_i128 num, crm_i128 den, int shift, crm_i128 *q)
{
	crm_u128 a = magnitude(num), b = (crm_u128)den, m, x, qq, r, hi, lo,
	    qhi;

	if (shift < 0) {
		/* a < 10^38, so a / (den * 10^-shift) < 1/2 past 38 places */
		if (-shift > CRM_DECIMAL_DIGITS ||
		    b > ~(crm_u128)0 / crm_decimal_pow10(-shift)) {
			*q = 0;
			return 0;
		}
		b *= crm_decimal_pow10(-shift);
		shift = 0;
	}
	m = crm_decimal_pow10(shift);
	if (a >> 64 == 0 && m >> 64 == 0) {
		x = a * m;
		if (x >> 64 == 0 && b >> 64 == 0) {
			qq = (uint64_t)x / (uint64_t)b;
			r = (uint64_t)x % (uint64_t)b;
		} else {
			qq = x / b;
			r = x % b;
		}
	} else {
		mul256(a, m, &hi, &lo);
		div256(hi, lo, b, &qhi, &qq, &r);
		if (qhi != 0)
			return -1;
	}
	if (r >= b - r)
		qq++;
	if (qq > (crm_u128)DEC_MAX)
		return -1;
	*q = with_sign(qq, num < 0);
	return 0;
}

int
crm_decimal_ratio_cmp(crm_i128 a, crm_i128 b, crm_i128 c, crm_i128 d)
{
	crm_u128 h1, l1, h2, l2;
	int sa = (a > 0) - (a < 0), sc = (c > 0) - (c < 0), m;

	if (sa != sc)
		return sa < sc ? -1 : 1;
	if (sa == 0)
		return 0;
	mul256(magnitude(a), (crm_u128)d, &h1, &l1);
	mul256(magnitude(c), (crm_u128)b, &h2, &l2);
	if (h1 != h2)
		m = h1 < h2 ? -1 : 1;
	else
		m = l1 < l2 ? -1 : l1 > l2;
	return sa < 0 ? -m : m;
}

int
crm_decimal_cmp(const struct crm_decimal *a, const struct crm_decimal *b)
{
	crm_i128 x = a->units, y = b->units;

	/* the usual case, one scale; then the smaller one raised if it can */
	if (a->scale == b->scale ||
	    (a->scale < b->scale ? crm_decimal_shift(&x, b->scale -
	    a->scale) : crm_decimal_shift(&y, a->scale - b->scale)) == 0)
		return (x > y) - (x < y);
	return crm_decimal_ratio_cmp(a->units,
	    (crm_i128)crm_decimal_pow10(a->scale), b->units,
	    (crm_i128)crm_decimal_pow10(b->scale));
}

/* The decimal digits of a, last first, into d; returns how many. */
static int
digits_of(crm_u128 a, char *d)
{
	const uint64_t p19 = pow10_64[19];
	uint64_t x;
	int n = 0, i;

	while (a >> 64 != 0) {
		crm_u128 q = a / p19;

		x = (uint64_t)(a - q * p19);
		for (i = 0; i < 19; i++) {
			d[n++] = (char)('0' + x % 10);
			x /= 10;
		}
		a = q;
	}
	x = (uint64_t)a;
	do {
		d[n++] = (char)('0' + x % 10);
		x /= 10;
	} while (x != 0);
	return n;
}

/* Copies s into buf with snprintf's truncation and return value. */
static int
copy_out(const char *s, size_t n, char *buf, size_t size)
{
	if (size > 0) {
		memcpy(buf, s, n < size ? n : size - 1);
		buf[n < size ? n : size - 1] = '\0';
	}
	return (int)n;
}

/*
 * Writes the magnitude a * 10^pad at `places` decimals, with a sign when
 * neg and not zero, into out (CRM_DECIMAL_SIZE bytes); returns the
 * length.
 */
static size_t
fixed_text(crm_u128 a, int pad, int places, int neg, char *out)
{
	char d[80];
	int n, i;
	size_t o = 0;

	/* d holds the digits last first: the padding, then a's */
	for (n = 0; n < pad; n++)
		d[n] = '0';
	n += digits_of(a, d + pad);
	while (n <= places)
		d[n++] = '0';
	if (neg && a != 0)
		out[o++] = '-';
	for (i = n - 1; i >= places; i--)
		out[o++] = d[i];
	if (places > 0) {
		out[o++] = '.';
		for (; i >= 0; i--)
			out[o++] = d[i];
	}
	out[o] = '\0';
	return o;
}

static int
clamp_places(int places)
{
	return places < 0 ? 0 : places > CRM_DECIMAL_MAX_SCALE ?
	    CRM_DECIMAL_MAX_SCALE : places;
}

int
crm_decimal_format(crm_i128 units, int scale, int places, char *buf,
    size_t size)
{
	char tmp[CRM_DECIMAL_SIZE];
	int pad = 0;

	places = clamp_places(places);
	if (places < scale)
		units = crm_decimal_round(units, scale - places);
	else
		pad = places - scale;
	return copy_out(tmp, fixed_text(magnitude(units), pad, places,
	    units < 0, tmp), buf, size);
}

/* Drops trailing zeros of a fraction, and then a trailing point. */
static size_t
trim_zeros(char *s, size_t n)
{
	if (memchr(s, '.', n) == NULL)
		return n;
	while (s[n - 1] == '0')
		n--;
	if (s[n - 1] == '.')
		n--;
	s[n] = '\0';
	return n;
}

int
crm_decimal_format_trim(crm_i128 units, int scale, int places, char *buf,
    size_t size)
{
	char tmp[CRM_DECIMAL_SIZE];
	size_t n;
	int pad = 0;

	places = clamp_places(places);
	if (places < scale)
		units = crm_decimal_round(units, scale - places);
	else
		pad = places - scale;
	n = fixed_text(magnitude(units), pad, places, units < 0, tmp);
	return copy_out(tmp, trim_zeros(tmp, n), buf, size);
}

/*
 * The usual share: num and den below 2^63, the result q below 2^63 too.
 * A guess in floating point, checked and mended in integers (no
 * division): q rounds num * 10^k / den half away from zero when
 * |num * 10^k - q * den| < den / 2, or = den / 2 with q away from zero.
 * Writes the text; returns its length, or -1 to take the long way.
 */
static int
ratio_fast(crm_i128 num, crm_i128 den, int k, int places, char *tmp)
{
	crm_i128 x, r;
	uint64_t q;
	double g;
	char d[24];
	int n = 0, o = 0, tries, neg = num < 0;

	if (neg)
		num = -num;
	if (num >= ((crm_i128)1 << 63) || den >= ((crm_i128)1 << 63))
		return -1;
	x = num * (crm_i128)pow10_64[k];	/* below 2^63 * 10^11 */
	if (!((g = (double)x / (double)den) < 9e18))
		return -1;
	q = (uint64_t)(g + 0.5);
	for (tries = 0; tries < 4; tries++) {
		r = x - (crm_i128)q * den;
		if (2 * r >= den)
			q++;
		else if (2 * r < -den && q > 0)
			q--;
		else
			break;
	}
	if (tries == 4)
		return -1;
	if (neg && q != 0)
		tmp[o++] = '-';
	/* q's digits, at least places + 1 of them, last first */
	do {
		d[n++] = (char)('0' + q % 10);
		q /= 10;
	} while (q != 0 || n <= places);
	while (n > places)
		tmp[o++] = d[--n];
	if (places > 0) {
		tmp[o++] = '.';
		while (n > 0)
			tmp[o++] = d[--n];
	}
	tmp[o] = '\0';
	return (int)trim_zeros(tmp, (size_t)o);
}

int
crm_decimal_ratio_format(crm_i128 num, crm_i128 den, int shift, int places,
    char *buf, size_t size)
{
	char tmp[CRM_DECIMAL_SIZE], d[CRM_DECIMAL_SIZE];
	crm_u128 a = magnitude(num), b = (crm_u128)den, ip, rem;
	crm_i128 f = 0;
	int nd, i, o = 0, lead = 1;

	places = places < 0 ? 0 : places > 9 ? 9 : places;
	shift = shift < 0 ? 0 : shift > 2 ? 2 : shift;
	if ((nd = ratio_fast(num, den, places + shift, places, tmp)) >= 0)
		return copy_out(tmp, (size_t)nd, buf, size);
	ip = a / b;
	rem = a % b;
	/* rem < den: the fraction's digits fit, at most 10^(places+shift) */
	crm_decimal_quotient((crm_i128)rem, den, places + shift, &f);
	if ((crm_u128)f == crm_decimal_pow10(places + shift)) {
		ip++;
		f = 0;
	}
	/* the digits of ip, then places + shift of f, last first */
	nd = digits_of((crm_u128)f, d);
	while (nd < places + shift)
		d[nd++] = '0';
	nd += digits_of(ip, d + nd);
	if (num < 0 && (ip != 0 || f != 0))
		tmp[o++] = '-';
	for (i = nd - 1; i >= places; i--) {
		/* leading zeros of ip * 10^shift + ..., not the last */
		if (lead && d[i] == '0' && i > places)
			continue;
		lead = 0;
		tmp[o++] = d[i];
	}
	if (places > 0) {
		tmp[o++] = '.';
		for (; i >= 0; i--)
			tmp[o++] = d[i];
	}
	tmp[o] = '\0';
	return copy_out(tmp, trim_zeros(tmp, (size_t)o), buf, size);
}

double
crm_decimal_to_double(crm_i128 units, int scale)
{
	char tmp[CRM_DECIMAL_SIZE];

	/* two exact doubles and one division: correctly rounded */
	if (magnitude(units) < (crm_u128)1 << 53 && scale <= 22)
		return (double)units / pow10_double[scale];
	crm_decimal_format(units, scale, scale, tmp, sizeof(tmp));
	return strtod(tmp, NULL);
}

/* The budget: what the sums may still take, within the limit. */
static void
set_budget(struct crm_decimal_column *c)
{
	crm_i128 limit = c->limit > 0 ? c->limit : DEC_MAX;
	crm_i128 room = limit - c->pos;

	if (limit + c->neg < room)
		room = limit + c->neg;
	c->budget = room <= 0 ? 0 : room > INT64_MAX ? INT64_MAX :
	    (int64_t)room;
}

void
crm_decimal_column_limit(struct crm_decimal_column *c, crm_i128 limit)
{
	c->limit = limit;
	set_budget(c);
}

int
crm_decimal_column_add(struct crm_decimal_column *c,
    const struct crm_decimal *d, crm_i128 *units, int *raise)
{
	crm_i128 pos = c->pos, neg = c->neg, u = d->units;
	int scale = c->scale;

	*raise = 0;
	if (d->scale > scale) {
		if (crm_decimal_shift(&pos, d->scale - scale) < 0 ||
		    crm_decimal_shift(&neg, d->scale - scale) < 0)
			return -1;
		*raise = d->scale - scale;
		scale = d->scale;
	} else if (crm_decimal_shift(&u, scale - d->scale) < 0) {
		return -1;
	}
	if (crm_decimal_add(u > 0 ? &pos : &neg, u) < 0)
		return -1;
	c->pos = pos;
	c->neg = neg;
	c->scale = scale;
	set_budget(c);
	*units = u;
	return 1;
}
