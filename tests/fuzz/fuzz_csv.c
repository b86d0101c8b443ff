/*
 * fuzz_csv.c - libFuzzer harness for the streaming CSV reader and writer.
 *
 * The first byte picks the reader's options (delimiter, a small field
 * cap, an encoding), the rest is the input.  Every record read is written
 * back and must read again into the same fields; a record's raw text,
 * when it has one, must be exactly what the writer writes for its fields.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"

static void
round_trip(const struct crm_record *rec, unsigned char delim)
{
	char *out = NULL;
	size_t outlen = 0, i;
	FILE *fp = open_memstream(&out, &outlen);
	struct crm_csv_writer w;
	struct crm_csv_options opt = { delim, 0, NULL };
	const char *raw;
	size_t rawlen;
	struct crm_csv_reader *r;
	struct crm_error e;
	FILE *in;

	crm_csv_writer_init(&w, fp, delim);
	for (i = 0; i < rec->n; i++)
		crm_csv_put(&w, rec->field[i], rec->len[i]);
	crm_csv_end(&w);
	fclose(fp);
	if ((raw = crm_record_raw(rec, delim, &rawlen)) != NULL &&
	    (outlen != rawlen + 1 || memcmp(out, raw, rawlen) != 0))
		abort();	/* raw text the writer would not write */
	in = fmemopen(out, outlen, "r");
	if ((r = crm_csv_open(in, "rt", &opt, &e)) == NULL)
		abort();	/* what we wrote must read back */
	{
		const struct crm_record *h = crm_csv_header(r);

		if (h->n != rec->n)
			abort();
		for (i = 0; i < rec->n; i++)
			if (h->len[i] != rec->len[i] ||
			    memcmp(h->field[i], rec->field[i], rec->len[i]) != 0)
				abort();
	}
	crm_csv_close(r);
	fclose(in);
	free(out);
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static const unsigned char delims[] = { ',', ';', '\t', '|' };
	static const char *const encodings[] = { NULL, NULL, "GB18030",
	    "UTF-16", "CP1252" };
	struct crm_csv_options opt;
	struct crm_csv_reader *r;
	struct crm_record *rec;
	struct crm_error e;
	FILE *fp;
	int got, n = 0;

	if (size < 1)
		return 0;
	opt.delim = delims[data[0] & 3];
	opt.max_field = (data[0] & 4) ? 64 : 0;
	opt.encoding = encodings[(data[0] >> 3) % 5];
	if ((fp = fmemopen((void *)(data + 1), size - 1 ? size - 1 : 1,
	    "r")) == NULL)
		return 0;
	if (size == 1) {
		fclose(fp);
		return 0;
	}
	if ((r = crm_csv_open(fp, "fuzz.csv", &opt, &e)) != NULL) {
		if (opt.encoding == NULL)
			round_trip(crm_csv_header(r), opt.delim);
		while ((got = crm_csv_read(r, &rec, &e)) != CRM_CSV_END &&
		    got != CRM_CSV_FATAL && n++ < 10000)
			if (got == CRM_CSV_RECORD && opt.encoding == NULL)
				round_trip(rec, opt.delim);
		crm_csv_close(r);
	}
	fclose(fp);
	return 0;
}
