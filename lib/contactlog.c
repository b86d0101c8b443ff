/*
 * contactlog.c - the contact log file, read twice into crm_contacts (see
 * contactlog.h).
 */
#include <sys/stat.h>

#include <stdio.h>
#include <string.h>

#include "contactlog.h"
#include "field.h"
#include "input.h"
#include "value.h"

int
crm_contactlog_bind(struct crm_contactlog_cols *lc,
    const struct crm_header *h, struct crm_error *e)
{
	if (crm_header_require(h, lc->id, &lc->id_col, e) < 0 ||
	    crm_header_require(h, lc->date, &lc->date_col, e) < 0 ||
	    crm_header_require(h, lc->outcome, &lc->outcome_col, e) < 0)
		return -1;
	return 0;
}

int
crm_contactlog_judge(const struct crm_contactlog_cols *lc,
    const struct crm_record *rec, const char *date_format, int32_t *date,
    int *outcome, struct crm_error *why)
{
	const char *df = rec->field[lc->date_col];
	const char *of = rec->field[lc->outcome_col];
	char q[64];
	int dr;

	*date = 0;
	if (rec->len[lc->id_col] == 0) {
		crm_error_set(why, CRM_EXIT_DATA, NULL, 0, 0,
		    "column '%s': empty customer id", lc->id);
		return CRM_RECORD_BAD;
	}
	if ((dr = crm_date_parse(df, date_format, date)) == CRM_VALUE_EMPTY) {
		crm_error_set(why, CRM_EXIT_DATA, NULL, 0, 0,
		    "column '%s': missing date", lc->date);
		return CRM_RECORD_BAD;
	}
	if (dr != CRM_VALUE_OK) {
		crm_field_bad_date(lc->date, df, rec->len[lc->date_col],
		    date_format, why);
		return CRM_RECORD_BAD;
	}
	if ((*outcome = crm_outcome_parse(of)) < 0) {
		crm_error_set(why, CRM_EXIT_DATA, NULL, 0, 0,
		    "column '%s': unknown outcome %s (expected reached, no "
		    "answer, complaint or complaint resolved)", lc->outcome,
		    crm_error_quote(of, rec->len[lc->outcome_col], q,
		    sizeof(q)));
		return CRM_RECORD_BAD;
	}
	return CRM_RECORD_OK;
}

/* What one pass over the log shares with the other. */
struct pass {
	struct crm_contacts *cs;
	struct crm_contactlog_cols lc;
	const struct crm_common *c;
	crm_contactlog_skip_fn skip;
	void *ctx;
	struct crm_contactlog_counts *n;
	int second;		/* 0: the first pass, 1: the second */
};

/*
 * One row: the first pass names and counts the bad rows and the future
 * ones, and folds conversations; the second counts unanswered attempts.
 */
static int
fold_row(const struct pass *p, struct crm_input *in,
    const struct crm_record *rec, struct crm_error *e)
{
	const struct crm_contactlog_cols *lc = &p->lc;
	struct crm_error why;
	int32_t date;
	int outcome = -1;

	if (crm_contactlog_judge(lc, rec, p->c->date_format, &date,
	    &outcome, &why) != CRM_RECORD_OK) {
		snprintf(why.file, sizeof(why.file), "%s", crm_input_name(in));
		why.line = rec->line;
		if (!p->c->skip_bad) {
			*e = why;
			return -1;
		}
		if (!p->second) {
			p->n->skipped++;
			if (p->skip != NULL)
				p->skip(p->ctx, &why);
		}
		return 0;
	}
	if (date > p->c->as_of) {
		if (!p->second)
			p->n->future++;
		return 0;
	}
	if (p->second) {
		crm_contacts_second(p->cs, rec->field[lc->id_col],
		    rec->len[lc->id_col], date, outcome);
		return 0;
	}
	if (crm_contacts_first(p->cs, rec->field[lc->id_col],
	    rec->len[lc->id_col], date, outcome, e) < 0) {
		/* out of memory, or too many ids: at this row */
		snprintf(e->file, sizeof(e->file), "%s", crm_input_name(in));
		e->line = rec->line;
		return -1;
	}
	return 0;
}

static int
read_pass(struct pass *p, const char *path, struct crm_error *e)
{
	char *paths[1] = { (char *)path };
	struct crm_input *in;
	struct crm_record *rec;
	int got;

	if ((in = crm_input_open(paths, 1, p->c, e)) == NULL)
		return -1;
	if (crm_contactlog_bind(&p->lc, crm_input_header(in), e) < 0)
		goto fail;
	while ((got = crm_input_read(in, &rec, e)) > 0)
		if (fold_row(p, in, rec, e) < 0)
			goto fail;
	if (got < 0)
		goto fail;
	/* ragged rows, skipped by the reader itself: counted once */
	if (p->second)
		p->n->skipped += crm_input_rejected(in);
	crm_input_close(in);
	return 0;
fail:
	crm_input_close(in);
	return -1;
}

int
crm_contactlog_read(struct crm_contacts *cs, const char *path,
    const struct crm_fu_rules *r, const struct crm_common *c,
    crm_contactlog_skip_fn skip, void *ctx,
    struct crm_contactlog_counts *n, struct crm_error *e)
{
	struct crm_common lcommon = *c;
	struct pass p;
	struct stat st;

	n->skipped = n->future = 0;
	if (strcmp(path, "-") == 0 || stat(path, &st) < 0 ||
	    !S_ISREG(st.st_mode))
		return crm_error_set(e, CRM_EXIT_USAGE, path, 0, 0,
		    "--log needs a regular file: the log is read twice");
	/* the rejects file is the table's: its columns are not the log's */
	lcommon.rejects = NULL;
	memset(&p, 0, sizeof(p));
	p.cs = cs;
	p.lc.id = r->log_id;
	p.lc.date = r->log_date;
	p.lc.outcome = r->log_outcome;
	p.c = &lcommon;
	p.skip = skip;
	p.ctx = ctx;
	p.n = n;
	if (read_pass(&p, path, e) < 0)
		return -1;
	p.second = 1;
	return read_pass(&p, path, e);
}
