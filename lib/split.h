/*
 * split.h - a CSV file cut into byte ranges at record boundaries, so
 * that several threads can each parse one (-j N).
 *
 * The cut is exact for RFC 4180 text: a newline inside a quoted field is
 * never a boundary.  Quotes appear only around fields and doubled inside
 * them, so a byte is inside quotes exactly when the quotes before it are
 * odd in number.  A first pass scans N equal chunks at once, each
 * counting its quotes and line feeds and noting, for each parity of the
 * quotes before it within the chunk, its first line feed; the sums of
 * the chunks before one then give the parity and the line it starts at,
 * and its first line feed outside quotes ends the range before it.  A
 * chunk without such a line feed (a record longer than a chunk) looks in
 * the next: ranges may be empty, never cut a record.
 *
 * Lines are physical lines (line feeds, quoted or not), as csvio.h
 * numbers them; a boundary is the byte after a line feed, so a CRLF is
 * never cut and a lone CR (which libcsv also takes for a record end) is
 * simply not used as a boundary.  The delimiter plays no part.  Input
 * that is not RFC 4180 (a stray quote) may be cut wrongly after its
 * first error, which the range that holds it finds as one thread would.
 */
#ifndef CRM_SPLIT_H
#define CRM_SPLIT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "error.h"

struct crm_split_range {
	off_t start;		/* first byte */
	off_t end;		/* one past the last; start == end: empty */
	long line;		/* the physical line of the first byte */
};

/* What one chunk says of itself, whatever comes before it. */
struct crm_split_scan {
	uint64_t pos;		/* bytes scanned */
	uint64_t quotes;	/* double quotes */
	uint64_t lines;		/* line feeds */
	/*
	 * For each parity of the quotes before it within the chunk, the
	 * first line feed: its offset in the chunk (-1: none) and the line
	 * feeds before it.
	 */
	int64_t first[2];
	uint64_t first_lines[2];
};

void crm_split_scan_init(struct crm_split_scan *s);

/* Scans the next n bytes of a chunk (the blocks of a chunk in order). */
void crm_split_scan_add(struct crm_split_scan *s, const char *p, size_t n);

/*
 * The ranges of n chunks: chunk k covers [at[k], at[k + 1]) (at has
 * n + 1 entries; at[0] is the first byte of the records, where quotes
 * are closed, on line line) and scan[k] is its scan.  Range k starts
 * after the first line feed outside quotes at or after at[k] (range 0 at
 * at[0]) and ends where range k + 1 starts (the last at at[n]).
 */
void crm_split_ranges(const struct crm_split_scan *scan, const off_t *at,
    int n, long line, struct crm_split_range *out);

/*
 * The n chunks of [start, end), equal but for rounding, into at[0..n].
 */
void crm_split_chunks(off_t start, off_t end, int n, off_t *at);

/*
 * Cuts the bytes [start, end) of buf (a whole file in memory; records
 * from start, on line line) into n ranges: the same as crm_split_file.
 */
void crm_split_buffer(const char *buf, off_t start, off_t end, long line,
    int n, struct crm_split_range *out);

/*
 * Cuts the bytes [start, end) of the file open on fd into n ranges
 * (1 <= n <= 64), the first pass in n threads reading with pread(2).
 * name is for messages.  Returns 0, or -1 with *e (a read error, out of
 * memory, no thread to be had).
 */
int crm_split_file(int fd, const char *name, off_t start, off_t end,
    long line, int n, struct crm_split_range *out, struct crm_error *e);

#endif
