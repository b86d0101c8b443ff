/*
 * test_csvio.c - the streaming CSV reader and the writer.
 *
 * Inputs are written out byte by byte in each test, so the expected
 * fields and line numbers can be read off the input itself.
 */
/* posix_openpt(3) and its companions are XSI */
#define _XOPEN_SOURCE	700

#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <cmocka.h>

#include "csvio.h"

struct fixture {
	FILE *fp;
	struct crm_csv_reader *r;
	struct crm_error err;
};

static struct crm_csv_reader *
open_text(struct fixture *f, const char *text, size_t len,
    const struct crm_csv_options *opt)
{
	memset(f, 0, sizeof(*f));
	f->fp = fmemopen((void *)text, len, "r");
	assert_non_null(f->fp);
	f->r = crm_csv_open(f->fp, "in.csv", opt, &f->err);
	return f->r;
}

static void
done(struct fixture *f)
{
	crm_csv_close(f->r);
	fclose(f->fp);
}

static void
expect_record(struct fixture *f, long line, size_t n, ...)
{
	struct crm_record *rec;
	va_list ap;
	size_t i;

	assert_int_equal(crm_csv_read(f->r, &rec, &f->err), CRM_CSV_RECORD);
	assert_int_equal(rec->line, line);
	assert_int_equal(rec->n, n);
	va_start(ap, n);
	for (i = 0; i < n; i++) {
		const char *want = va_arg(ap, const char *);

		assert_string_equal(rec->field[i], want);
		assert_int_equal(rec->len[i], strlen(want));
	}
	va_end(ap);
}

static void
expect_end(struct fixture *f)
{
	struct crm_record *rec;

	assert_int_equal(crm_csv_read(f->r, &rec, &f->err), CRM_CSV_END);
	/* and it stays at the end */
	assert_int_equal(crm_csv_read(f->r, &rec, &f->err), CRM_CSV_END);
}

#define OPEN(f, lit, opt)	open_text((f), (lit), sizeof(lit) - 1, (opt))

static void
test_simple(void **state)
{
	struct fixture f;
	const struct crm_record *h;

	(void)state;
	assert_non_null(OPEN(&f, "id,amount\nC1,10\nC2,20\n", NULL));
	h = crm_csv_header(f.r);
	assert_int_equal(h->n, 2);
	assert_string_equal(h->field[1], "amount");
	expect_record(&f, 2, 2, "C1", "10");
	expect_record(&f, 3, 2, "C2", "20");
	expect_end(&f);
	done(&f);
}

static void
test_empty_file(void **state)
{
	struct fixture f;

	(void)state;
	assert_null(open_text(&f, "", 0, NULL));
	assert_int_equal(f.err.status, CRM_EXIT_DATA);
	assert_string_equal(f.err.msg, "empty input: expected a header line");
	fclose(f.fp);
}

static void
test_header_only(void **state)
{
	struct fixture f;

	(void)state;
	assert_non_null(OPEN(&f, "id,amount\n", NULL));
	expect_end(&f);
	done(&f);
	/* without its newline too */
	assert_non_null(OPEN(&f, "id,amount", NULL));
	assert_int_equal(crm_csv_header(f.r)->n, 2);
	expect_end(&f);
	done(&f);
}

static void
test_no_final_newline(void **state)
{
	struct fixture f;

	(void)state;
	assert_non_null(OPEN(&f, "a,b\n1,2\n3,4", NULL));
	expect_record(&f, 2, 2, "1", "2");
	expect_record(&f, 3, 2, "3", "4");
	expect_end(&f);
	done(&f);
}

static void
test_quoted_newline_and_lines(void **state)
{
	struct fixture f;

	(void)state;
	/* line 1 header, 2-3 one record, 4 blank, 5 a record */
	assert_non_null(OPEN(&f,
	    "id,note\nC1,\"two\nlines\"\n\nC2,\"say \"\"hi\"\", ok\"\n",
	    NULL));
	expect_record(&f, 2, 2, "C1", "two\nlines");
	expect_record(&f, 5, 2, "C2", "say \"hi\", ok");
	expect_end(&f);
	done(&f);
}

static void
test_bom_crlf_excel(void **state)
{
	struct fixture f;

	(void)state;
	assert_non_null(OPEN(&f,
	    "\xEF\xBB\xBFid,amount\r\nC1,\"1,234.50\"\r\nC2,\"a\r\nb\"\r\n",
	    NULL));
	assert_string_equal(crm_csv_header(f.r)->field[0], "id");
	expect_record(&f, 2, 2, "C1", "1,234.50");
	/* a CRLF inside quotes is field text, kept as read */
	expect_record(&f, 3, 2, "C2", "a\r\nb");
	expect_end(&f);
	done(&f);
}

static void
test_spaces_kept(void **state)
{
	struct fixture f;

	(void)state;
	assert_non_null(OPEN(&f, "a,b\n  x , y\n", NULL));
	expect_record(&f, 2, 2, "  x ", " y");
	done(&f);
}

static void
test_ragged_is_bad_then_goes_on(void **state)
{
	struct fixture f;
	struct crm_record *rec;

	(void)state;
	assert_non_null(OPEN(&f, "a,b\n1,2,3\n4\n5,6\n", NULL));
	assert_int_equal(crm_csv_read(f.r, &rec, &f.err), CRM_CSV_BAD);
	assert_int_equal(f.err.line, 2);
	assert_string_equal(f.err.msg,
	    "expected 2 fields as in the header, found 3");
	assert_int_equal(rec->n, 3);
	assert_int_equal(crm_csv_read(f.r, &rec, &f.err), CRM_CSV_BAD);
	assert_int_equal(f.err.line, 3);
	expect_record(&f, 4, 2, "5", "6");
	expect_end(&f);
	done(&f);
}

static void
test_stray_quote(void **state)
{
	struct fixture f;
	struct crm_record *rec;

	(void)state;
	assert_non_null(OPEN(&f, "a,b\n1,2\n3,4\"x\n", NULL));
	expect_record(&f, 2, 2, "1", "2");
	assert_int_equal(crm_csv_read(f.r, &rec, &f.err), CRM_CSV_FATAL);
	assert_int_equal(f.err.status, CRM_EXIT_DATA);
	assert_int_equal(f.err.line, 3);
	assert_string_equal(f.err.file, "in.csv");
	done(&f);
}

static void
test_unterminated_quote(void **state)
{
	struct fixture f;
	struct crm_record *rec;

	(void)state;
	assert_non_null(OPEN(&f, "a,b\n1,2\n3,\"oops\n5,6\n7,8\n", NULL));
	expect_record(&f, 2, 2, "1", "2");
	assert_int_equal(crm_csv_read(f.r, &rec, &f.err), CRM_CSV_FATAL);
	assert_int_equal(f.err.line, 3);
	assert_string_equal(f.err.msg, "unterminated quoted field");
	done(&f);
}

static void
test_field_cap(void **state)
{
	struct fixture f;
	struct crm_record *rec;
	struct crm_csv_options opt = { .max_field = 10 };

	(void)state;
	assert_non_null(OPEN(&f, "a\n0123456789\n01234567890\n", &opt));
	expect_record(&f, 2, 1, "0123456789");
	assert_int_equal(crm_csv_read(f.r, &rec, &f.err), CRM_CSV_FATAL);
	assert_int_equal(f.err.line, 3);
	done(&f);
}

static void
test_cap_stops_runaway_quote(void **state)
{
	struct crm_csv_options opt = { .max_field = 1000 };
	struct fixture f;
	struct crm_record *rec;
	size_t n = 300000, i;
	char *text = malloc(n);

	(void)state;
	/* a lone quote on line 2 followed by many short lines */
	memcpy(text, "a\n\"", 3);
	for (i = 3; i < n; i++)
		text[i] = (i % 10 == 0) ? '\n' : 'x';
	assert_non_null(open_text(&f, text, n, &opt));
	assert_int_equal(crm_csv_read(f.r, &rec, &f.err), CRM_CSV_FATAL);
	assert_int_equal(f.err.line, 2);
	assert_non_null(strstr(f.err.msg, "longer than 1000 bytes"));
	done(&f);
	free(text);
}

static void
test_long_line_across_window(void **state)
{
	struct fixture f;
	struct crm_record *rec;
	size_t big = 200000, i;
	char *text = malloc(big + 16);

	(void)state;
	memcpy(text, "a,b\n", 4);
	for (i = 0; i < big; i++)
		text[4 + i] = 'y';
	memcpy(text + 4 + big, ",z\nq,r\n", 7);
	assert_non_null(open_text(&f, text, big + 11, NULL));
	assert_int_equal(crm_csv_read(f.r, &rec, &f.err), CRM_CSV_RECORD);
	assert_int_equal(rec->len[0], big);
	assert_string_equal(rec->field[1], "z");
	expect_record(&f, 3, 2, "q", "r");
	done(&f);
	free(text);
}

static void
test_nul_and_utf8(void **state)
{
	struct fixture f;
	struct crm_record *rec;

	(void)state;
	assert_non_null(OPEN(&f, "id,name\n1,a\0b\n2,\xC3\x28\n3,M\xC3\xBCller\n",
	    NULL));
	assert_int_equal(crm_csv_read(f.r, &rec, &f.err), CRM_CSV_BAD);
	assert_string_equal(f.err.msg, "column 'name': a NUL byte "
	    "(UTF-16 text? try --encoding UTF-16)");
	assert_int_equal(crm_csv_read(f.r, &rec, &f.err), CRM_CSV_BAD);
	assert_int_equal(f.err.line, 3);
	assert_non_null(strstr(f.err.msg, "invalid UTF-8"));
	expect_record(&f, 4, 2, "3", "M\xC3\xBCller");
	done(&f);
}

/*
 * Fields are copied and checked by length: 1 to 3 bytes, 4 to 7 (two
 * overlapping half words), 8 to 32 (words, the last one overlapping) and
 * longer.  At every length up to 40, a field of distinct letters reads
 * back as it was, and a NUL or a stray 0xFF at each position is found.
 * Also a NUL after invalid UTF-8 (the NUL is what is reported: likely
 * UTF-16).
 */
static void
test_nul_every_position(void **state)
{
	static const struct {
		char byte;
		const char *msg;
	} bad[] = { { '\0', "a NUL byte" }, { '\xFF', "invalid UTF-8" } };
	char text[64], want[48];
	struct fixture f;
	struct crm_record *rec;
	size_t i, k, n;

	(void)state;
	for (n = 1; n <= 40; n++) {
		for (i = 0; i < n; i++)
			want[i] = (char)('A' + i % 26 + (i >= 26) * 32);
		want[n] = '\0';
		memcpy(text, "v\n", 2);
		memcpy(text + 2, want, n);
		memcpy(text + 2 + n, "\nok\n", 4);
		assert_non_null(open_text(&f, text, n + 6, NULL));
		expect_record(&f, 2, 1, want);
		expect_record(&f, 3, 1, "ok");
		expect_end(&f);
		done(&f);
		for (k = 0; k < 2; k++) {
			for (i = 0; i < n; i++) {
				text[2 + i] = bad[k].byte;
				assert_non_null(open_text(&f, text, n + 6,
				    NULL));
				assert_int_equal(crm_csv_read(f.r, &rec,
				    &f.err), CRM_CSV_BAD);
				assert_non_null(strstr(f.err.msg, bad[k].msg));
				expect_record(&f, 3, 1, "ok");
				expect_end(&f);
				done(&f);
				text[2 + i] = want[i];
			}
		}
	}
	assert_non_null(OPEN(&f, "v\nab\xC3" "\x28" "cdefghij\0k\n", NULL));
	assert_int_equal(crm_csv_read(f.r, &rec, &f.err), CRM_CSV_BAD);
	assert_non_null(strstr(f.err.msg, "a NUL byte"));
	expect_end(&f);
	done(&f);
	assert_non_null(OPEN(&f, "v\nabcdefghijklmn\xC3" "\x28\n", NULL));
	assert_int_equal(crm_csv_read(f.r, &rec, &f.err), CRM_CSV_BAD);
	assert_non_null(strstr(f.err.msg, "invalid UTF-8"));
	expect_end(&f);
	done(&f);
	/* the same past 32 bytes */
	assert_non_null(OPEN(&f, "v\nabcdefghijklmnopqrstuvwxyz0123456789\xC3"
	    "\x28" "cdefghij\0k\n", NULL));
	assert_int_equal(crm_csv_read(f.r, &rec, &f.err), CRM_CSV_BAD);
	assert_non_null(strstr(f.err.msg, "a NUL byte"));
	expect_end(&f);
	done(&f);
	assert_non_null(OPEN(&f, "v\nabcdefghijklmnopqrstuvwxyz0123456789\xC3"
	    "\x28\n", NULL));
	assert_int_equal(crm_csv_read(f.r, &rec, &f.err), CRM_CSV_BAD);
	assert_non_null(strstr(f.err.msg, "invalid UTF-8"));
	expect_end(&f);
	done(&f);
}

/*
 * A record's raw text is there exactly when writing its fields back would
 * give the same bytes: one line, no quote, no CR inside, no field that
 * starts with U+FEFF.
 */
static void
expect_raw(struct fixture *f, const char *want)
{
	struct crm_record *rec;
	const char *raw;
	size_t len;

	assert_int_equal(crm_csv_read(f->r, &rec, &f->err), CRM_CSV_RECORD);
	raw = crm_record_raw(rec, ',', &len);
	if (want == NULL) {
		assert_null(raw);
		return;
	}
	assert_non_null(raw);
	assert_int_equal(len, strlen(want));
	assert_memory_equal(raw, want, len);
}

static void
test_raw_text(void **state)
{
	struct fixture f;

	(void)state;
	assert_non_null(OPEN(&f, "a,b\n"
	    "1,x y\n"			/* plain */
	    "\n"			/* a blank line is skipped */
	    "2,z\r\n"			/* CRLF: the CR is the line end's */
	    "3,\"q\"\n"		/* quoted: written without quotes */
	    "4,\"two\nlines\"\n"	/* more than one line */
	    "5,a\rb,c\n"		/* a lone CR ends a record in libcsv */
	    "\xEF\xBB\xBF" "6,x\n"	/* U+FEFF first: quoted on output */
	    "7,\xEF\xBB\xBF" "x\n"	/* ... in any field */
	    "8,x\xEF\xBB\xBF\n"	/* not first in its field: kept */
	    ",0\n"			/* an empty field */
	    ",\n"			/* all empty: a blank row, skipped */
	    "9,end", NULL));		/* no final newline */
	expect_raw(&f, "1,x y");
	expect_raw(&f, "2,z");
	expect_raw(&f, NULL);
	expect_raw(&f, NULL);
	expect_raw(&f, NULL);		/* "5,a" ended by the lone CR */
	expect_raw(&f, "b,c");
	expect_raw(&f, NULL);
	expect_raw(&f, NULL);
	expect_raw(&f, "8,x\xEF\xBB\xBF");
	expect_raw(&f, ",0");
	expect_raw(&f, NULL);
	expect_end(&f);
	done(&f);
}

static void
test_tab_delimiter(void **state)
{
	struct crm_csv_options opt = { .delim = '\t' };
	struct fixture f;

	(void)state;
	assert_non_null(OPEN(&f, "a\tb\nx,y\tz\n", &opt));
	expect_record(&f, 2, 2, "x,y", "z");
	done(&f);
}

static void
test_encodings(void **state)
{
	struct crm_csv_options gb = { .encoding = "GB18030" };
	struct crm_csv_options cp = { .encoding = "CP1252" };
	struct crm_csv_options u16 = { .encoding = "UTF-16" };
	struct fixture f;

	(void)state;
	/* 北京 is B1 B1 BE A9 in GB2312/GB18030 and E5 8C 97 E4 BA AC in UTF-8 */
	assert_non_null(OPEN(&f, "name\r\n\xB1\xB1\xBE\xA9\r\n", &gb));
	expect_record(&f, 2, 1, "\xE5\x8C\x97\xE4\xBA\xAC");
	done(&f);
	/* é is E9 in CP1252, C3 A9 in UTF-8; € is 80 in CP1252 */
	assert_non_null(OPEN(&f, "name\nCaf\xE9 \x80\n", &cp));
	expect_record(&f, 2, 1, "Caf\xC3\xA9 \xE2\x82\xAC");
	done(&f);
	/* UTF-16LE with its BOM: "a\nb\n" */
	assert_non_null(OPEN(&f, "\xFF\xFE" "a\0\n\0b\0\n\0", &u16));
	assert_string_equal(crm_csv_header(f.r)->field[0], "a");
	expect_record(&f, 2, 1, "b");
	done(&f);
}

static void
test_bad_encoding_bytes(void **state)
{
	struct crm_csv_options gb = { .encoding = "GB18030" };
	struct crm_csv_options bogus = { .encoding = "NO-SUCH-CHARSET" };
	struct fixture f;
	struct crm_record *rec;

	(void)state;
	/* 0x81 0x20 is no GB18030 sequence; it is on line 3 */
	assert_non_null(OPEN(&f, "name\nok\nbad\x81\x20\n", &gb));
	expect_record(&f, 2, 1, "ok");
	assert_int_equal(crm_csv_read(f.r, &rec, &f.err), CRM_CSV_FATAL);
	assert_int_equal(f.err.line, 3);
	assert_string_equal(f.err.msg,
	    "invalid byte sequence for encoding GB18030");
	done(&f);
	assert_null(OPEN(&f, "a\n", &bogus));
	assert_int_equal(f.err.status, CRM_EXIT_USAGE);
	fclose(f.fp);
}

static void
test_writer_quotes_only_when_needed(void **state)
{
	char *out = NULL;
	size_t outlen = 0;
	FILE *fp = open_memstream(&out, &outlen);
	struct crm_csv_writer w;

	(void)state;
	crm_csv_writer_init(&w, fp, ',');
	crm_csv_puts(&w, "plain");
	crm_csv_puts(&w, " spaced ");
	crm_csv_puts(&w, "a,b");
	crm_csv_puts(&w, "say \"hi\"");
	crm_csv_puts(&w, "two\nlines");
	crm_csv_puts(&w, "");
	assert_int_equal(crm_csv_end(&w), 0);
	crm_csv_puts(&w, "");
	assert_int_equal(crm_csv_end(&w), 0);
	fclose(fp);
	assert_string_equal(out, "plain, spaced ,\"a,b\",\"say \"\"hi\"\"\","
	    "\"two\nlines\",\n\"\"\n");
	free(out);
}

/*
 * The writer's 8 KiB buffer: 5000 records of 3 to 60 bytes and a
 * 20,000-byte field reach the stream in order and whole, the long one
 * in pieces.  The expected text is built with sprintf.
 */
static void
test_writer_buffer(void **state)
{
	enum { N = 5000, BIG = 20000 };
	char *out = NULL, *want, field[64], *big;
	size_t outlen = 0, wantlen = 0, i;
	FILE *fp = open_memstream(&out, &outlen);
	struct crm_csv_writer w;

	(void)state;
	want = malloc(N * 80 + BIG + 16);
	big = malloc(BIG + 1);
	assert_non_null(want);
	assert_non_null(big);
	memset(big, 'b', BIG);
	big[BIG] = '\0';
	crm_csv_writer_init(&w, fp, ',');
	for (i = 0; i < N; i++) {
		memset(field, 'x', i % 50);
		field[i % 50] = '\0';
		snprintf(field + i % 50, sizeof(field) - i % 50, "%zu", i);
		crm_csv_puts(&w, field);
		crm_csv_puts(&w, i % 7 ? "" : "a,b");
		assert_int_equal(crm_csv_end(&w), 0);
		wantlen += (size_t)sprintf(want + wantlen, "%s,%s\n", field,
		    i % 7 ? "" : "\"a,b\"");
		if (i == N / 2) {
			crm_csv_puts(&w, big);
			assert_int_equal(crm_csv_end(&w), 0);
			wantlen += (size_t)sprintf(want + wantlen, "%s\n", big);
		}
	}
	fflush(fp);
	assert_int_equal(outlen, wantlen);
	assert_memory_equal(out, want, wantlen);
	fclose(fp);
	free(out);
	free(want);
	free(big);
}

/*
 * Fields up to 32 bytes are checked byte by byte, longer ones eight bytes
 * at a time: each special byte at each position of a 20- and a 44-byte
 * field makes it quoted; bytes next to them in value (tab, '!', '#',
 * 0x80 to 0xFF) do not.
 */
static void
write_one(const char *field, unsigned char delim, const char *want,
    size_t wantlen)
{
	char *out = NULL;
	size_t outlen = 0;
	FILE *fp = open_memstream(&out, &outlen);
	struct crm_csv_writer w;

	crm_csv_writer_init(&w, fp, delim);
	crm_csv_puts(&w, "a");
	crm_csv_puts(&w, field);
	crm_csv_end(&w);
	fclose(fp);
	if (want != NULL)
		assert_string_equal(out, want);
	else
		assert_int_equal(outlen, wantlen);
	free(out);
}

static void
test_writer_scans_every_position(void **state)
{
	static const char special[] = { ',', '"', '\n', '\r', ';' };
	static const size_t sizes[] = { 20, 44 };
	char field[64], want[80];
	size_t c, i, k;

	(void)state;
	for (k = 0; k < 2; k++) {
		size_t n = sizes[k];

		for (c = 0; c < sizeof(special); c++) {
			/* ';' is special only as the delimiter */
			unsigned char delim = special[c] == ';' ? ';' : ',';

			for (i = 0; i < n; i++) {
				memset(field, 'x', n);
				field[n] = '\0';
				field[i] = special[c];
				/* "a" delim, n + 2 quotes + newline, + 1 for
				   a doubled quote */
				write_one(field, delim, NULL, 2 + n + 3 +
				    (special[c] == '"'));
			}
		}
		for (i = 0; i < n; i++) {
			memset(field, 'x', n);
			field[n] = '\0';
			field[i] = "\t!#\x80\xFF"[i % 5];
			snprintf(want, sizeof(want), "a,%s\n", field);
			write_one(field, ',', want, 0);
		}
	}
}

static void
test_round_trip(void **state)
{
	/* the first field starts with U+FEFF: unquoted it would read back
	   as a byte order mark and vanish */
	static const char *fields[] = { ("\xEF\xBB\xBF" "bom"), " lead",
	    "trail ", "a,b", "\"q\"", "x\r\ny", "", "\xE5\x8C\x97",
	    "tab\there" };
	const size_t n = sizeof(fields) / sizeof(fields[0]);
	char *out = NULL;
	size_t outlen = 0, i;
	FILE *fp = open_memstream(&out, &outlen);
	struct crm_csv_writer w;
	struct fixture f;
	struct crm_record *rec;

	(void)state;
	crm_csv_writer_init(&w, fp, ',');
	for (i = 0; i < n; i++)
		crm_csv_puts(&w, fields[i]);
	crm_csv_end(&w);
	for (i = 0; i < n; i++)
		crm_csv_puts(&w, fields[i]);
	crm_csv_end(&w);
	fclose(fp);
	assert_non_null(open_text(&f, out, outlen, NULL));
	assert_int_equal(crm_csv_header(f.r)->n, n);
	assert_int_equal(crm_csv_read(f.r, &rec, &f.err), CRM_CSV_RECORD);
	for (i = 0; i < n; i++)
		assert_string_equal(rec->field[i], fields[i]);
	expect_end(&f);
	done(&f);
	free(out);
}

/*
 * crm_csv_put_escaped: backslash, LF and CR as two bytes each, so the
 * record is one line; quotes only for the delimiter, a double quote or
 * a leading U+FEFF, as crm_csv_put.  The expected lines are written by
 * hand from those rules; read back (headerless) and unescaped, every
 * field is the original.
 */
static void
test_escaped(void **state)
{
	static const char *fields[] = { "plain", "a\\b", "two\nlines",
	    "cr\r\nlf", "\"q\"\n", "a,b\\", "", "\\n" };
	const size_t n = sizeof(fields) / sizeof(fields[0]);
	struct crm_csv_options opt = { .headerless = 1 };
	char *out = NULL;
	size_t outlen = 0, i, at = 0;
	FILE *fp = open_memstream(&out, &outlen);
	struct crm_csv_writer w;
	struct crm_record *rec;
	struct fixture f;

	(void)state;
	crm_csv_writer_init(&w, fp, ',');
	for (i = 0; i < n; i++)
		crm_csv_put_escaped(&w, fields[i], strlen(fields[i]));
	crm_csv_end(&w);
	fclose(fp);
	assert_string_equal(out, "plain,a\\\\b,two\\nlines,cr\\r\\nlf,"
	    "\"\"\"q\"\"\\n\",\"a,b\\\\\",,\\\\n\n");
	assert_non_null(open_text(&f, out, outlen, &opt));
	assert_int_equal(crm_csv_read(f.r, &rec, &f.err), CRM_CSV_RECORD);
	assert_int_equal(rec->n, n);
	for (i = 0; i < n; i++) {
		assert_int_equal(crm_csv_unescape(rec, i, &at), 0);
		assert_string_equal(rec->field[i], fields[i]);
		assert_int_equal(rec->len[i], strlen(fields[i]));
	}
	expect_end(&f);
	done(&f);
	free(out);
	/* a backslash that starts no escape: its offset (from 0) */
	assert_non_null(OPEN(&f, "ok\\\\,a\\x,b\\\n", &opt));
	assert_int_equal(crm_csv_read(f.r, &rec, &f.err), CRM_CSV_RECORD);
	assert_int_equal(crm_csv_unescape(rec, 0, &at), 0);
	assert_string_equal(rec->field[0], "ok\\");
	assert_int_equal(crm_csv_unescape(rec, 1, &at), -1);
	assert_int_equal(at, 1);
	assert_int_equal(crm_csv_unescape(rec, 2, &at), -1);
	assert_int_equal(at, 1);
	done(&f);
}

/*
 * Typed at a terminal, the input ends at one Ctrl-D at the start of a
 * line (as for cat): the reader must not ask the terminal again after
 * the read that met it.  A pseudo-terminal in canonical mode, with the
 * lines and the Ctrl-D typed before reading; an alarm ends the test if
 * the reader waits for a second one.
 */
static void
test_terminal_ends_at_one_ctrl_d(void **state)
{
	struct crm_csv_reader *r;
	struct crm_record *rec;
	struct crm_error e;
	struct termios t;
	int master, slave;
	FILE *fp;

	(void)state;
	master = posix_openpt(O_RDWR | O_NOCTTY);
	assert_true(master >= 0);
	assert_int_equal(grantpt(master), 0);
	assert_int_equal(unlockpt(master), 0);
	slave = open(ptsname(master), O_RDWR | O_NOCTTY);
	assert_true(slave >= 0);
	assert_int_equal(tcgetattr(slave, &t), 0);
	t.c_lflag &= ~(tcflag_t)ECHO;
	t.c_lflag |= ICANON;
	assert_int_equal(tcsetattr(slave, TCSANOW, &t), 0);
	assert_int_equal(write(master, "id,v\na,1\n\x04", 10), 10);
	fp = fdopen(slave, "rb");
	assert_non_null(fp);
	alarm(10);
	r = crm_csv_open(fp, "-", NULL, &e);
	assert_non_null(r);
	assert_int_equal(crm_csv_read(r, &rec, &e), CRM_CSV_RECORD);
	assert_string_equal(rec->field[0], "a");
	assert_int_equal(crm_csv_read(r, &rec, &e), CRM_CSV_END);
	alarm(0);
	crm_csv_close(r);
	fclose(fp);
	close(master);
}

/*
 * Issue 13, item 8: at most max_fields fields a record (3 here).  A
 * record of more is bad; one that ends in the feed that passed the cap
 * is held whole (nothing more to read), and reading goes on.  A header
 * of more is an error.
 */
static void
test_field_count_cap(void **state)
{
	struct crm_csv_options opt = { .max_fields = 3 };
	struct fixture f;
	struct crm_record *rec;

	(void)state;
	assert_non_null(OPEN(&f, "a,b,c\n1,2,3\n1,2,3,4\nx,y\n9,8,7\n",
	    &opt));
	expect_record(&f, 2, 3, "1", "2", "3");
	assert_int_equal(crm_csv_read(f.r, &rec, &f.err), CRM_CSV_BAD);
	assert_int_equal(f.err.line, 3);
	assert_string_equal(f.err.msg, "expected 3 fields as in the header, "
	    "found more than 3");
	assert_int_equal(rec->n, 4);
	assert_string_equal(rec->field[3], "4");
	assert_int_equal(crm_csv_pending(f.r), 0);
	/* under the cap, the usual message */
	assert_int_equal(crm_csv_read(f.r, &rec, &f.err), CRM_CSV_BAD);
	assert_string_equal(f.err.msg, "expected 3 fields as in the header, "
	    "found 2");
	expect_record(&f, 5, 3, "9", "8", "7");
	expect_end(&f);
	done(&f);

	assert_null(OPEN(&f, "a,b,c,d\n1,2,3,4\n", &opt));
	assert_int_equal(f.err.status, CRM_EXIT_DATA);
	assert_int_equal(f.err.line, 1);
	assert_string_equal(f.err.msg, "more than 3 fields in the header");
	fclose(f.fp);
}

struct rest {
	size_t n;
	char last[16];
};

static void
count_rest(void *ctx, const char *s, size_t len)
{
	struct rest *r = ctx;

	assert_int_equal(strlen(s), len);
	r->n++;
	snprintf(r->last, sizeof(r->last), "%s", s);
}

/*
 * A line of 100,000 fields ("f0,f1,...,f99999", over 500 KB, eight
 * windows) past a cap of 10: the record comes back from the first
 * window's feed, holding at least 10 fields and at most that window's;
 * crm_csv_rest hands over each of the others, in order, to the last;
 * the next record follows with its line.  Without crm_csv_rest, the next
 * read skips the rest itself.
 */
static void
test_rest_of_capped_record(void **state)
{
	struct crm_csv_options opt = { .max_fields = 10 };
	struct fixture f;
	struct crm_record *rec;
	struct rest rest;
	size_t size = 2000000, o, i;
	char *text;
	int pass;

	(void)state;
	assert_non_null(text = malloc(size));
	o = (size_t)sprintf(text, "a,b\n");
	for (i = 0; i < 100000; i++)
		o += (size_t)sprintf(text + o, "%sf%zu", i ? "," : "", i);
	o += (size_t)sprintf(text + o, "\nq,r\n");
	for (pass = 0; pass < 2; pass++) {
		assert_non_null(open_text(&f, text, o, &opt));
		assert_int_equal(crm_csv_read(f.r, &rec, &f.err), CRM_CSV_BAD);
		assert_int_equal(f.err.line, 2);
		assert_string_equal(f.err.msg, "expected 2 fields as in the "
		    "header, found more than 10");
		assert_int_equal(crm_csv_pending(f.r), 1);
		assert_true(rec->n > 10 && rec->n < 100000 / 8);
		/* the fields held are the first ones, in order */
		assert_int_equal(rec->field[rec->n - 1][0], 'f');
		assert_int_equal(atoi(rec->field[rec->n - 1] + 1),
		    (int)rec->n - 1);
		if (pass == 0) {
			memset(&rest, 0, sizeof(rest));
			assert_int_equal(crm_csv_rest(f.r, count_rest, &rest,
			    &f.err), 0);
			assert_int_equal(crm_csv_pending(f.r), 0);
			assert_int_equal(rec->n + rest.n, 100000);
			assert_string_equal(rest.last, "f99999");
			/* the record held stays as it was; no rest twice */
			assert_string_equal(rec->field[0], "f0");
			assert_int_equal(crm_csv_rest(f.r, count_rest, &rest,
			    &f.err), 0);
			assert_int_equal(rec->n + rest.n, 100000);
		}
		expect_record(&f, 3, 2, "q", "r");
		expect_end(&f);
		done(&f);
	}
	free(text);
}

/*
 * Issue 14, item 11: blank rows are skipped and counted: empty lines
 * (LF or CRLF) and records of empty fields, of any width, quoted or not;
 * a field of spaces is not empty, nor a quoted field holding empty
 * lines.  Empty lines before the header are not counted.
 */
static void
test_blank_rows(void **state)
{
	struct fixture f;
	long first;

	(void)state;
	/* lines: 1-2 empty, 3 header, 4 a, 5 ",", 6 empty, 7 "\"\",\"\"",
	   8 ",,,,", 9 CRLF, 10 " , ", 11-13 the quoted field, 14 ",", 15 b */
	assert_non_null(OPEN(&f, "\n\r\nid,v\na,1\n,\n\n\"\",\"\"\n,,,,\n"
	    "\r\n , \n\"x\n\ny\",2\n,\nb,2", NULL));
	assert_int_equal(crm_csv_blank(f.r, &first), 0);
	assert_int_equal(first, 0);
	expect_record(&f, 4, 2, "a", "1");
	expect_record(&f, 10, 2, " ", " ");
	assert_int_equal(crm_csv_blank(f.r, &first), 5);
	assert_int_equal(first, 5);
	expect_record(&f, 11, 2, "x\n\ny", "2");
	expect_record(&f, 15, 2, "b", "2");
	expect_end(&f);
	assert_int_equal(crm_csv_blank(f.r, NULL), 6);
	done(&f);

	/* one column: an empty line or "" is blank, not a record */
	assert_non_null(OPEN(&f, "id\nx\n\"\"\n\ny\n", NULL));
	expect_record(&f, 2, 1, "x");
	expect_record(&f, 5, 1, "y");
	expect_end(&f);
	assert_int_equal(crm_csv_blank(f.r, &first), 2);
	assert_int_equal(first, 3);
	done(&f);
}

/*
 * A CRLF whose CR ends a 64 KiB window (the reader's) and whose LF
 * starts the next is one line end, not an empty line: "x," and 65533
 * y's, then CR, fill the window exactly after the header's 4 bytes
 * have slid out.
 */
static void
test_crlf_across_window(void **state)
{
	struct fixture f;
	size_t n = 4 + 65535 + 6, i;
	char *text;

	(void)state;
	assert_non_null(text = malloc(n));
	memcpy(text, "a,b\nx,", 6);
	for (i = 6; i < 4 + 65535; i++)
		text[i] = 'y';
	memcpy(text + 4 + 65535, "\r\nq,r\n", 6);
	assert_non_null(open_text(&f, text, n, NULL));
	assert_int_equal(crm_csv_read(f.r, &(struct crm_record *){ NULL },
	    &f.err), CRM_CSV_RECORD);
	expect_record(&f, 3, 2, "q", "r");
	expect_end(&f);
	assert_int_equal(crm_csv_blank(f.r, NULL), 0);
	done(&f);
	free(text);
}

/*
 * -j's range reader: the header read by one reader (a mark, CRLF: the
 * records start at byte 3 + 5 = 8, line 2), a range of the rest read by
 * another from its first byte on its line, up to its length only.
 */
static void
test_range(void **state)
{
	static const char text[] = "\xEF\xBB\xBF" "a,b\r\n"
	    "1,\"x\ny\"\r\n\n2,3\n4\n5,6\n";
	struct crm_csv_options opt = { .delim = 0 };
	struct crm_csv_reader *h, *r;
	struct crm_record *rec;
	struct crm_error e;
	long long bytes;
	long line, first;
	FILE *fp = fmemopen((void *)text, sizeof(text) - 1, "r");

	(void)state;
	assert_non_null(fp);
	assert_non_null(h = crm_csv_open(fp, "t.csv", &opt, &e));
	assert_int_equal(crm_csv_consumed(h, &bytes, &line), 0);
	assert_int_equal(bytes, 8);
	assert_int_equal(line, 2);
	/* 1,"x\ny"\r\n is bytes 8..16 (lines 2 and 3); "\n2,3\n4\n" bytes
	   17..23 (7 bytes), from line 4: an empty line (blank, line 4), 2,3
	   on line 5, then 4, short (line 6); 5,6 is past the range */
	assert_int_equal(fseek(fp, 17, SEEK_SET), 0);
	r = crm_csv_open_range(fp, "t.csv", &opt, crm_csv_header(h), 4, 7,
	    &e);
	assert_non_null(r);
	assert_int_equal(crm_csv_read(r, &rec, &e), CRM_CSV_RECORD);
	assert_int_equal(rec->line, 5);
	assert_string_equal(rec->field[1], "3");
	assert_int_equal(crm_csv_read(r, &rec, &e), CRM_CSV_BAD);
	assert_string_equal(e.msg, "expected 2 fields as in the header, "
	    "found 1");
	assert_int_equal(e.line, 6);
	assert_int_equal(crm_csv_read(r, &rec, &e), CRM_CSV_END);
	assert_int_equal(crm_csv_blank(r, &first), 1);
	assert_int_equal(first, 4);
	crm_csv_close(r);
	crm_csv_close(h);
	fclose(fp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_terminal_ends_at_one_ctrl_d),
		cmocka_unit_test(test_simple),
		cmocka_unit_test(test_empty_file),
		cmocka_unit_test(test_header_only),
		cmocka_unit_test(test_no_final_newline),
		cmocka_unit_test(test_quoted_newline_and_lines),
		cmocka_unit_test(test_bom_crlf_excel),
		cmocka_unit_test(test_spaces_kept),
		cmocka_unit_test(test_raw_text),
		cmocka_unit_test(test_nul_every_position),
		cmocka_unit_test(test_writer_scans_every_position),
		cmocka_unit_test(test_ragged_is_bad_then_goes_on),
		cmocka_unit_test(test_stray_quote),
		cmocka_unit_test(test_unterminated_quote),
		cmocka_unit_test(test_field_cap),
		cmocka_unit_test(test_cap_stops_runaway_quote),
		cmocka_unit_test(test_long_line_across_window),
		cmocka_unit_test(test_field_count_cap),
		cmocka_unit_test(test_rest_of_capped_record),
		cmocka_unit_test(test_blank_rows),
		cmocka_unit_test(test_crlf_across_window),
		cmocka_unit_test(test_nul_and_utf8),
		cmocka_unit_test(test_tab_delimiter),
		cmocka_unit_test(test_encodings),
		cmocka_unit_test(test_bad_encoding_bytes),
		cmocka_unit_test(test_writer_quotes_only_when_needed),
		cmocka_unit_test(test_writer_buffer),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_range),
		cmocka_unit_test(test_escaped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
