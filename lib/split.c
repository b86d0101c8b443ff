/*
 * split.c - a CSV file cut into byte ranges at record boundaries (see
 * split.h).
 *
 * The scan looks at eight bytes at a time: a word without a quote keeps
 * the parity, so only its line feeds are counted, and a word is looked
 * at byte by byte only while it may hold a first line feed not yet
 * noted.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "split.h"
#include "threads.h"

#define MAX_CHUNKS	64
#define BLOCK		(1024 * 1024)

#define ONES	0x0101010101010101ULL
#define HIGH	0x8080808080808080ULL
#define LOW7	0x7F7F7F7F7F7F7F7FULL

/* The high bit of each byte of w that equals c, and no other bit. */
static inline uint64_t
bytes_equal(uint64_t w, unsigned char c)
{
	uint64_t x = w ^ (ONES * c);

	return ~(((x & LOW7) + LOW7) | x) & HIGH;
}

/*
 * The number of bytes a mask of bytes_equal marks: each byte is 0x80 or
 * 0, so the shifted bytes add up in the top byte of one product (no
 * popcount instruction in the x86-64 baseline).
 */
static inline uint64_t
count_marked(uint64_t mask)
{
	return ((mask >> 7) * ONES) >> 56;
}

void
crm_split_scan_init(struct crm_split_scan *s)
{
	memset(s, 0, sizeof(*s));
	s->first[0] = s->first[1] = -1;
}

static void
scan_bytes(struct crm_split_scan *s, const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] == '"') {
			s->quotes++;
		} else if (p[i] == '\n') {
			int par = (int)(s->quotes & 1);

			if (s->first[par] < 0) {
				s->first[par] = (int64_t)(s->pos + i);
				s->first_lines[par] = s->lines;
			}
			s->lines++;
		}
	}
	s->pos += n;
}

void
crm_split_scan_add(struct crm_split_scan *s, const char *p, size_t n)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t i;

	for (i = 0; i + 8 <= n; i += 8) {
		uint64_t w, q, l;

		memcpy(&w, u + i, 8);
		q = bytes_equal(w, '"');
		l = bytes_equal(w, '\n');
		if (l != 0 && (s->first[s->quotes & 1] < 0 ||
		    (q != 0 && s->first[!(s->quotes & 1)] < 0))) {
			scan_bytes(s, u + i, 8);
			continue;
		}
		s->quotes += count_marked(q);
		s->lines += count_marked(l);
		s->pos += 8;
	}
	scan_bytes(s, u + i, n - i);
}

void
crm_split_chunks(off_t start, off_t end, int n, off_t *at)
{
	off_t size = end - start;
	int k;

	for (k = 0; k <= n; k++)
		at[k] = start + size / n * k + size % n * k / n;
}

/*
 * The first record boundary at or after at[k]: *pos, on line *line; par
 * and ln give each chunk's parity and line where it starts.
 */
static void
boundary(const struct crm_split_scan *scan, const off_t *at, int n, int k,
    const int *par, const long *ln, off_t *pos, long *line)
{
	int j;

	for (j = k; j < n; j++) {
		const struct crm_split_scan *s = &scan[j];

		if (s->first[par[j]] >= 0) {
			*pos = at[j] + (off_t)s->first[par[j]] + 1;
			*line = ln[j] + (long)s->first_lines[par[j]] + 1;
			return;
		}
	}
	*pos = at[n];
	*line = ln[n];
}

void
crm_split_ranges(const struct crm_split_scan *scan, const off_t *at, int n,
    long line, struct crm_split_range *out)
{
	int par[MAX_CHUNKS + 1], k;
	long ln[MAX_CHUNKS + 1];
	uint64_t quotes = 0;

	ln[0] = line;
	par[0] = 0;
	for (k = 0; k < n; k++) {
		quotes += scan[k].quotes;
		par[k + 1] = (int)(quotes & 1);
		ln[k + 1] = ln[k] + (long)scan[k].lines;
	}
	out[0].start = at[0];
	out[0].line = line;
	for (k = 1; k < n; k++) {
		boundary(scan, at, n, k, par, ln, &out[k].start, &out[k].line);
		out[k - 1].end = out[k].start;
	}
	out[n - 1].end = at[n];
}

void
crm_split_buffer(const char *buf, off_t start, off_t end, long line, int n,
    struct crm_split_range *out)
{
	struct crm_split_scan scan[MAX_CHUNKS];
	off_t at[MAX_CHUNKS + 1];
	int k;

	crm_split_chunks(start, end, n, at);
	for (k = 0; k < n; k++) {
		crm_split_scan_init(&scan[k]);
		crm_split_scan_add(&scan[k], buf + at[k],
		    (size_t)(at[k + 1] - at[k]));
	}
	crm_split_ranges(scan, at, n, line, out);
}

/* One chunk of the first pass, in its thread. */
struct chunk {
	int fd;
	off_t from, to;
	struct crm_split_scan scan;
	int err;		/* errno of a failed read, or 0 */
};

static void
scan_chunk(void *arg)
{
	struct chunk *c = arg;
	char *buf = malloc(BLOCK);
	off_t at = c->from;

	crm_split_scan_init(&c->scan);
	if (buf == NULL) {
		c->err = ENOMEM;
		return;
	}
	while (at < c->to) {
		size_t want = c->to - at < BLOCK ? (size_t)(c->to - at) :
		    BLOCK;
		ssize_t got = pread(c->fd, buf, want, at);

		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			/* a file cut short while read: an error too */
			c->err = got < 0 ? errno : EIO;
			break;
		}
		crm_split_scan_add(&c->scan, buf, (size_t)got);
		at += got;
	}
	free(buf);
}

int
crm_split_file(int fd, const char *name, off_t start, off_t end, long line,
    int n, struct crm_split_range *out, struct crm_error *e)
{
	struct crm_split_scan scan[MAX_CHUNKS];
	struct chunk c[MAX_CHUNKS];
	off_t at[MAX_CHUNKS + 1];
	int k;

	crm_split_chunks(start, end, n, at);
	for (k = 0; k < n; k++) {
		c[k].fd = fd;
		c[k].from = at[k];
		c[k].to = at[k + 1];
		c[k].err = 0;
	}
	crm_threads_run(n, scan_chunk, c, sizeof(c[0]));
	for (k = 0; k < n; k++) {
		if (c[k].err == ENOMEM)
			return crm_error_set(e, CRM_EXIT_DATA, name, 0, 0,
			    "out of memory");
		if (c[k].err != 0)
			return crm_error_set(e, CRM_EXIT_DATA, name, 0, 0,
			    "read error: %s", strerror(c[k].err));
		scan[k] = c[k].scan;
	}
	crm_split_ranges(scan, at, n, line, out);
	return 0;
}
