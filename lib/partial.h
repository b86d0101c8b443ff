/*
 * partial.h - partial state: what --partial writes and --merge reads.
 *
 * A run over part of the rows (a file of several, a byte range, a map
 * task) writes what the whole needs of them, and any number of such
 * streams, concatenated, sorted, split by key or at any line, in any
 * order, merge into the output of one run over all the rows.  Partial
 * state is CSV without a header, with the program's delimiter, UTF-8,
 * one line a row (texts escaped: see crm_partial_put_text); each row's
 * first field is its key (the customer id, the --by value), its second
 * a tag naming the row's kind and the format's version:
 *
 *   crm1.rfm     ID,crm1.rfm,FIRST,LAST,ORDERS,AMOUNT,DECIMALS,KEPT_DATE,
 *                KEPT...: one per customer of crm-score RFM (rfmpartial.h)
 *   crm1.order   ID,crm1.order,ORDER_ID: one per customer and order id,
 *                with --order
 *   crm1.model   ID,crm1.model,FIRST,LAST,BIRTH,REPEAT,DECIMALS,
 *                KEPT_DATE,KEPT...: one per customer of --model
 *                (clvpartial.h)
 *   crm1.day     ID,crm1.day,DAY: the customer's purchase days strictly
 *                between FIRST and LAST, with --model
 *   crm1.pareto  KEY,crm1.pareto,SUM,ROWS,DECIMALS,KEPT...: one per group
 *                of crm-pareto --by (paretopartial.h)
 *   crm1.meta    ,crm1.meta,KIND,AS_OF,CAL_END,FUTURE: one per stream of
 *                crm-score, under the empty key (no customer has it)
 *
 * Dates are YYYY-MM-DD (empty: none; KEPT_DATE is empty, its KEPT
 * values too, for a customer a stream knows from its crm1.order or
 * crm1.day rows alone, when the state was cut at lines), counts whole
 * numbers, sums exact decimals with a point and as many decimals as
 * their scale (units and scale travel exactly: 12.50 is 1250 units of
 * 0.01).  A row of another
 * tag, or of the wrong number of fields, or a field that does not read,
 * is not partial state: --merge stops there with its file and line.
 */
#ifndef CRM_PARTIAL_H
#define CRM_PARTIAL_H

#include <stddef.h>
#include <stdint.h>

#include "csvio.h"
#include "decimal.h"
#include "error.h"

/* The kinds of rows, by their tag (field 2). */
enum crm_partial_row {
	CRM_PARTIAL_NONE = -1,	/* not a tag of partial state */
	CRM_PARTIAL_RFM, CRM_PARTIAL_ORDER, CRM_PARTIAL_MODEL,
	CRM_PARTIAL_DAY, CRM_PARTIAL_PARETO, CRM_PARTIAL_META
};

/* The tag of each kind, "crm1.rfm"... */
extern const char *const crm_partial_tags[6];

/* The kind of rec by its tag, CRM_PARTIAL_NONE if it has none. */
enum crm_partial_row crm_partial_kind(const struct crm_record *rec);

/*
 * rec is a row of a kind the merge does not read (what: "crm-score RFM
 * partial state"...): CRM_RECORD_BAD with *why saying so, naming the
 * row's tag or, for a row that has none, its second field.
 */
int crm_partial_unexpected(const struct crm_record *rec, const char *what,
    struct crm_error *why);

/* rec's key (field 1) is empty: CRM_RECORD_BAD with *why. */
int crm_partial_empty_key(const struct crm_record *rec,
    struct crm_error *why);

/*
 * Checks that rec, of its kind, has n fields: CRM_RECORD_OK, or
 * CRM_RECORD_BAD with *why (the count expected and found, and hint: what
 * option makes the difference, such as "the --keep columns", or NULL).
 */
int crm_partial_width(const struct crm_record *rec, size_t n,
    const char *hint, struct crm_error *why);

/*
 * The fields of a row: each returns CRM_RECORD_OK, or CRM_RECORD_BAD
 * with *why naming the field (its number and text).
 *   _date: YYYY-MM-DD; with none_ok an empty field is *has 0
 *   _count: a whole number from 0 to max, digits only
 *   _decimal: an exact decimal, its scale its digits after the point
 */
int crm_partial_date(const struct crm_record *rec, size_t i, int none_ok,
    int *has, int32_t *d, struct crm_error *why);
int crm_partial_count(const struct crm_record *rec, size_t i, uint64_t max,
    uint64_t *n, struct crm_error *why);
int crm_partial_decimal(const struct crm_record *rec, size_t i,
    struct crm_decimal *d, struct crm_error *why);

/*
 * Field i, the most decimals of the amounts a row's sum comes from: a
 * count from 0 to 9 and to scale, the scale of its sum as written.  In
 * RFM and crm-pareto state every amount read raises both (the sums keep
 * the amounts' digits), so more decimals than the sum's scale is not
 * state they write, and would make the merge round to a negative number
 * of digits.  (In model state a refunds-only customer's sums do not
 * raise the scale: there the decimals are a plain count.)
 */
int crm_partial_decimals(const struct crm_record *rec, size_t i, int scale,
    uint64_t *n, struct crm_error *why);

/*
 * Undoes the escapes of every field of rec, in place (see
 * crm_partial_put_text): CRM_RECORD_OK, or CRM_RECORD_BAD with *why when
 * a backslash starts no escape.  crm_input_read does this for --merge.
 */
int crm_partial_decode(struct crm_record *rec, struct crm_error *why);

/*
 * Writing: a row's key and tag, then its fields.  The key and the texts
 * (crm_partial_put_text: order ids, kept values) are written with their
 * backslashes, LFs and CRs as \\, \n and \r (crm_csv_put_escaped), so
 * that every row of partial state is one line: sort(1) and Hadoop
 * Streaming cut their input at line ends.
 */
void crm_partial_begin(struct crm_csv_writer *w, const char *key,
    size_t len, enum crm_partial_row kind);
void crm_partial_put_text(struct crm_csv_writer *w, const char *s,
    size_t len);
void crm_partial_put_date(struct crm_csv_writer *w, int32_t d);
void crm_partial_put_count(struct crm_csv_writer *w, uint64_t n);
void crm_partial_put_decimal(struct crm_csv_writer *w, crm_i128 units,
    int scale);

/* What a stream of crm-score says about itself (its crm1.meta row). */
struct crm_partial_meta {
	const char *kind;	/* "rfm", "model" */
	int32_t as_of;
	int has_cal_end;	/* model */
	int32_t cal_end;
	uint64_t future;	/* rows after as-of left out */
};

void crm_partial_write_meta(struct crm_csv_writer *w,
    const struct crm_partial_meta *m);

/*
 * Reads a crm1.meta row into *got, checking it against want (kind, as-of
 * and calibration end must be the merge's own: a part read as of
 * another day is another computation): CRM_RECORD_OK, or CRM_RECORD_BAD
 * with *why.
 */
int crm_partial_read_meta(const struct crm_record *rec,
    const struct crm_partial_meta *want, struct crm_partial_meta *got,
    struct crm_error *why);

#endif
