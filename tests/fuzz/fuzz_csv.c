/*
 * fuzz_csv.c - libFuzzer harness for the streaming CSV reader and writer.
 *
 * The first byte picks the reader's options (delimiter, a small field
 * cap, an encoding), the rest is the input.  Every record read is written
 * back and must read again into the same fields; a record's raw text,
 * when it has one, must be exactly what the writer writes for its fields.
 *
 * The input is read a second time with a cap of 3 fields a record: a
 * record past it comes back early, and its rest through crm_csv_rest;
 * the records, put together again, must be the first reading's, with
 * the same lines and the same blank rows (the reader's rest of a record
 * and its blank-row count are issue 13's and 14's new paths).
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

/* A field of a record put together: its length, then its bytes. */
struct pieces {
	FILE *fp;
	int nonempty;		/* some field is not empty */
};

static void
put_field(void *ctx, const char *s, size_t len)
{
	struct pieces *p = ctx;

	fwrite(&len, sizeof(len), 1, p->fp);
	fwrite(s, 1, len, p->fp);
	p->nonempty |= len > 0;
}

/*
 * The records of the input as read with opt, one after another into a
 * buffer: the result, the line and the fields of each (a capped record
 * with its rest), then the number of blank rows.  With `capped`, a
 * record whose rest cannot be read ends the reading as a fatal error
 * does, and one of empty fields only is a blank row, as the uncapped
 * reader sees it (the cap itself makes it bad).  *nheader is the number
 * of the header's fields; NULL when the header cannot be read.
 */
static char *
reading(const unsigned char *data, size_t size,
    const struct crm_csv_options *opt, int capped, size_t *nheader,
    size_t *len)
{
	struct crm_csv_reader *r;
	struct crm_record *rec;
	struct crm_error e;
	struct pieces rp;
	char *out = NULL, *one;
	size_t i, blank = 0, onelen;
	FILE *in, *fp;
	int got, n = 0;

	if ((in = fmemopen((void *)data, size, "r")) == NULL)
		abort();
	if ((r = crm_csv_open(in, "fuzz.csv", opt, &e)) == NULL) {
		fclose(in);
		return NULL;
	}
	*nheader = crm_csv_header(r)->n;
	fp = open_memstream(&out, len);
	while ((got = crm_csv_read(r, &rec, &e)) != CRM_CSV_END &&
	    n++ < 10000) {
		if (got == CRM_CSV_FATAL) {
			fputc('F', fp);
			break;
		}
		one = NULL;
		rp.fp = open_memstream(&one, &onelen);
		rp.nonempty = 0;
		fprintf(rp.fp, "%c%ld:", got == CRM_CSV_BAD ? 'B' : 'R',
		    rec->line);
		for (i = 0; i < rec->n; i++)
			put_field(&rp, rec->field[i], rec->len[i]);
		if (!capped && crm_csv_pending(r))
			abort();	/* 100,000 fields and more in 4 KB? */
		if (crm_csv_pending(r) && crm_csv_rest(r, put_field, &rp,
		    &e) < 0) {
			fclose(rp.fp);
			free(one);
			fputc('F', fp);
			break;
		}
		fclose(rp.fp);
		if (capped && got == CRM_CSV_BAD && !rp.nonempty)
			blank++;
		else
			fwrite(one, 1, onelen, fp);
		free(one);
	}
	blank += crm_csv_blank(r, NULL);
	fwrite(&blank, sizeof(blank), 1, fp);
	fclose(fp);
	crm_csv_close(r);
	fclose(in);
	return out;
}

/*
 * The capped reading equals the uncapped one, but where the uncapped
 * reading failed at a record the capped one returned early: there its
 * rest failed.  A capped header fails only past 3 fields.
 */
static void
compare_capped(const unsigned char *data, size_t size,
    const struct crm_csv_options *opt)
{
	struct crm_csv_options capped = *opt;
	char *a, *b;
	size_t alen, blen, i, n;

	capped.max_fields = 3;
	if ((a = reading(data, size, opt, 0, &n, &alen)) == NULL)
		return;
	if ((b = reading(data, size, &capped, 1, &n, &blen)) == NULL) {
		if (n <= 3)
			abort();	/* a header the cap allows failed */
		free(a);
		return;
	}
	for (i = 0; i < alen && i < blen && a[i] == b[i]; i++)
		;
	if (!(i == alen && i == blen) && !(a[i] == 'F' && b[i] == 'B' &&
	    alen >= sizeof(size_t) && blen >= sizeof(size_t) &&
	    b[blen - sizeof(size_t) - 1] == 'F' &&
	    memcmp(a + alen - sizeof(size_t), b + blen - sizeof(size_t),
	    sizeof(size_t)) == 0))
		abort();	/* the cap changed what was read */
	free(a);
	free(b);
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static const unsigned char delims[] = { ',', ';', '\t', '|' };
	static const char *const encodings[] = { NULL, NULL, "GB18030",
	    "UTF-16", "CP1252" };
	struct crm_csv_options opt = { 0 };
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
	opt.max_fields = 0;
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
	compare_capped(data + 1, size - 1, &opt);
	return 0;
}
