/*
 * table.c - columns found by name; input columns kept, own columns
 * replaced or appended (see table.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"

long
crm_header_find(const struct crm_header *h, const char *name)
{
	size_t i;

	for (i = 0; i < h->rec->n; i++)
		if (strcmp(h->rec->field[i], name) == 0)
			return (long)i;
	return -1;
}

/* a..z for A..Z only: names compare the same in every locale */
static int
ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int
is_blank(int c)
{
	return c == ' ' || c == '\t';
}

int
crm_name_near(const char *a, const char *b)
{
	const char *ae, *be;

	while (is_blank((unsigned char)*a))
		a++;
	while (is_blank((unsigned char)*b))
		b++;
	ae = a + strlen(a);
	be = b + strlen(b);
	while (ae > a && is_blank((unsigned char)ae[-1]))
		ae--;
	while (be > b && is_blank((unsigned char)be[-1]))
		be--;
	if (ae - a != be - b)
		return 0;
	for (; a < ae; a++, b++)
		if (ascii_lower((unsigned char)*a) !=
		    ascii_lower((unsigned char)*b))
			return 0;
	return 1;
}

const char *
crm_header_near(const struct crm_header *h, const char *name)
{
	const char *found = NULL;
	size_t i;

	for (i = 0; i < h->rec->n; i++) {
		if (!crm_name_near(h->rec->field[i], name))
			continue;
		/* two candidates, or an exact match: nothing to suggest */
		if (found != NULL || strcmp(h->rec->field[i], name) == 0)
			return NULL;
		found = h->rec->field[i];
	}
	return found;
}

int
crm_header_missing(const struct crm_header *h, const char *name,
    struct crm_error *e)
{
	const char *near = crm_header_near(h, name);

	const struct crm_record *r = h->rec;
	char list[300];
	const char *hint = "";
	size_t i, o = 0;

	list[0] = '\0';
	for (i = 0; i < r->n && o < sizeof(list); i++)
		o += (size_t)snprintf(list + o, sizeof(list) - o, "%s%s",
		    i ? "," : "", r->field[i]);
	if (o >= sizeof(list)) {
		/* cut on a character boundary, then mark the cut */
		o = sizeof(list) - 4;
		while (o > 0 && ((unsigned char)list[o] & 0xC0) == 0x80)
			o--;
		memcpy(list + o, "...", 4);
	}
	if (r->n == 1 && strpbrk(r->field[0], ",;\t|") != NULL)
		hint = "; one column only: is the delimiter right (-d, --tsv)?";
	if (near != NULL)
		return crm_error_set(e, CRM_EXIT_USAGE, h->file, 0, 0,
		    "no column '%s' in the header (%s); did you mean '%s'?%s",
		    name, list, near, hint);
	return crm_error_set(e, CRM_EXIT_USAGE, h->file, 0, 0,
	    "no column '%s' in the header (%s)%s", name, list, hint);
}

int
crm_header_require(const struct crm_header *h, const char *name,
    long *col, struct crm_error *e)
{
	long c = crm_header_find(h, name);
	size_t i;

	if (c < 0)
		return crm_header_missing(h, name, e);
	/* two columns of one name: which one was meant? */
	for (i = (size_t)c + 1; i < h->rec->n; i++)
		if (strcmp(h->rec->field[i], name) == 0)
			return crm_error_set(e, CRM_EXIT_DATA, h->file,
			    h->rec->line, 0, "column '%s' appears twice in the "
			    "header (fields %ld and %zu)", name, c + 1, i + 1);
	*col = c;
	return 0;
}

int
crm_header_optional(const struct crm_header *h, const char *name,
    long *col, struct crm_error *e)
{
	if (crm_header_find(h, name) < 0) {
		*col = -1;
		return 0;
	}
	return crm_header_require(h, name, col, e);
}

int
crm_columns_init(struct crm_columns *c, const struct crm_record *header,
    const char *const *own, size_t nown, struct crm_error *e)
{
	size_t i, j;

	memset(c, 0, sizeof(*c));
	c->nin = header->n;
	c->nown = nown;
	c->own = own;
	c->replaces = malloc((header->n ? header->n : 1) * sizeof(long));
	c->at = malloc((nown ? nown : 1) * sizeof(long));
	if (c->replaces == NULL || c->at == NULL) {
		crm_columns_free(c);
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "out of memory");
	}
	for (i = 0; i < header->n; i++)
		c->replaces[i] = -1;
	for (j = 0; j < nown; j++) {
		c->at[j] = -1;
		for (i = 0; i < header->n; i++) {
			if (strcmp(header->field[i], own[j]) == 0 &&
			    c->replaces[i] < 0) {
				c->replaces[i] = (long)j;
				c->at[j] = (long)i;
				break;
			}
		}
	}
	c->appends_only = 1;
	for (j = 0; j < nown; j++)
		if (c->at[j] >= 0)
			c->appends_only = 0;
	return 0;
}

int
crm_columns_write_header(const struct crm_columns *c,
    struct crm_csv_writer *w, const struct crm_record *header)
{
	size_t i;

	for (i = 0; i < header->n; i++)
		crm_csv_put(w, header->field[i], header->len[i]);
	for (i = 0; i < c->nown; i++)
		if (c->at[i] < 0)
			crm_csv_puts(w, c->own[i]);
	return crm_csv_end(w);
}

int
crm_columns_write(const struct crm_columns *c, struct crm_csv_writer *w,
    char *const *field, const size_t *len, const char *const *own)
{
	size_t i;

	for (i = 0; i < c->nin; i++) {
		if (c->replaces[i] >= 0)
			crm_csv_puts(w, own[c->replaces[i]]);
		else if (len != NULL)
			crm_csv_put(w, field[i], len[i]);
		else
			crm_csv_puts(w, field[i]);
	}
	for (i = 0; i < c->nown; i++)
		if (c->at[i] < 0)
			crm_csv_puts(w, own[i]);
	return crm_csv_end(w);
}

int
crm_columns_write_record(const struct crm_columns *c,
    struct crm_csv_writer *w, const struct crm_record *rec,
    const char *const *own)
{
	const char *raw;
	size_t i, len;

	if (!c->appends_only || rec->n != c->nin ||
	    (raw = crm_record_raw(rec, w->delim, &len)) == NULL)
		return crm_columns_write(c, w, rec->field, rec->len, own);
	crm_csv_put_raw(w, raw, len, rec->n);
	for (i = 0; i < c->nown; i++)
		crm_csv_puts(w, own[i]);
	return crm_csv_end(w);
}

void
crm_columns_free(struct crm_columns *c)
{
	free(c->replaces);
	free(c->at);
	memset(c, 0, sizeof(*c));
}
