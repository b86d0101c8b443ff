/*
 * fuzz_values.c - libFuzzer harness for the number, date and boolean
 * parsers, the formatters and integer option values.  A printed number
 * must parse and print again to the same text; a parsed date must format
 * and parse back; an integer option value must be in its range (and
 * never reach an out-of-range conversion, which UBSan would report).
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "value.h"

/* s as an integer option in a few ranges, the widest ones included. */
static void
check_option_int(const char *s)
{
	static const long range[][2] = {
		{ 2, 9 }, { 0, 3660 }, { LONG_MIN, LONG_MAX }, { 0, LONG_MAX },
		{ -4611686018427387903L, 4611686018427387903L }
	};
	struct crm_error e;
	size_t i;
	long v;

	for (i = 0; i < sizeof(range) / sizeof(range[0]); i++)
		if (crm_option_int("--n", s, range[i][0], range[i][1], NULL,
		    &v, &e) == 0 && (v < range[i][0] || v > range[i][1]))
			abort();
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char s[512], fmt[64], buf[CRM_NUMBER_SIZE];
	size_t n = size < sizeof(s) - 1 ? size : sizeof(s) - 1, split;
	double v, back;
	int32_t days, again;
	int dec, b;

	memcpy(s, data, n);
	s[n] = '\0';
	if (crm_number_parse(s, 0, &v, &dec) == CRM_VALUE_OK) {
		char again_buf[CRM_NUMBER_SIZE];

		crm_number_format(v, dec, buf, sizeof(buf));
		if (crm_number_parse(buf, 0, &back, NULL) != CRM_VALUE_OK)
			abort();
		crm_number_format(back, dec, again_buf, sizeof(again_buf));
		if (strcmp(buf, again_buf) != 0)
			abort();
	}
	crm_number_parse(s, 1, &v, &dec);
	if (crm_date_parse(s, NULL, &days) == CRM_VALUE_OK) {
		crm_date_format(days, buf);
		if (crm_date_parse(buf, NULL, &again) != CRM_VALUE_OK ||
		    again != days)
			abort();
	}
	/* the first part as a --date-format, the rest as the date */
	split = memchr(s, '\n', n) ? (size_t)((char *)memchr(s, '\n', n) - s) :
	    n / 2;
	if (split < sizeof(fmt)) {
		memcpy(fmt, s, split);
		fmt[split] = '\0';
		if (crm_date_format_check(fmt) == 0)
			crm_date_parse(s + split + (split < n), fmt, &days);
	}
	crm_bool_parse(s, &b);
	crm_fraction_format(v, dec % 10, buf, sizeof(buf));
	check_option_int(s);
	return 0;
}
