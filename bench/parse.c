/*
 * The physical reference of `make bench`: a bare libcsv parse of a CSV
 * file that sums one numeric column (default "amount") and counts the
 * records, with nothing else: no value checks beyond strtod, no output
 * per record.  Built by bench/run.sh with `cc -O2 parse.c -lcsv`.
 *
 *   parse FILE [COLUMN]   prints "RECORDS SUM" (records after the header)
 *
 * The parser options are the ones the crm programs use (lib/csvio.c):
 * CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL, so that the reference
 * does the same tokenizing work.
 */
#include <csv.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct state {
	const char *want;	/* the column to sum */
	long col;		/* its index, -1 until the header is read */
	long field;		/* index of the next field in the record */
	long records;		/* records after the header */
	int header;		/* still in the header */
	double sum;
};

static void
on_field(void *s, size_t len, void *data)
{
	struct state *st = data;

	(void)len;
	if (st->header) {
		if (st->col < 0 && strcmp(s, st->want) == 0)
			st->col = st->field;
	} else if (st->field == st->col) {
		st->sum += strtod(s, NULL);
	}
	st->field++;
}

static void
on_record(int c, void *data)
{
	struct state *st = data;

	(void)c;
	if (st->header)
		st->header = 0;
	else
		st->records++;
	st->field = 0;
}

static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

int
main(int argc, char **argv)
{
	static char buf[1 << 16];
	struct csv_parser p;
	struct state st = { "amount", -1, 0, 0, 1, 0.0 };
	ssize_t n;
	int fd;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: parse FILE [COLUMN]\n");
		return 2;
	}
	if (argc == 3)
		st.want = argv[2];
	if ((fd = open(argv[1], O_RDONLY)) < 0) {
		perror(argv[1]);
		return 1;
	}
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return 1;
	csv_set_space_func(&p, no_space);
	while ((n = read(fd, buf, sizeof buf)) > 0) {
		if (csv_parse(&p, buf, (size_t)n, on_field, on_record, &st) !=
		    (size_t)n) {
			fprintf(stderr, "parse: %s: %s\n", argv[1],
			    csv_strerror(csv_error(&p)));
			return 1;
		}
	}
	if (n < 0) {
		perror(argv[1]);
		return 1;
	}
	if (csv_fini(&p, on_field, on_record, &st) != 0) {
		fprintf(stderr, "parse: %s: %s\n", argv[1],
		    csv_strerror(csv_error(&p)));
		return 1;
	}
	csv_free(&p);
	close(fd);
	if (st.col < 0) {
		fprintf(stderr, "parse: %s: no column '%s'\n", argv[1],
		    st.want);
		return 1;
	}
	printf("%ld %.2f\n", st.records, st.sum);
	return 0;
}
