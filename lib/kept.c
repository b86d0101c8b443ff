/*
 * kept.c - the --keep values of each customer (see kept.h).
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "kept.h"

void
crm_kept_init(struct crm_kept *k, size_t nkeep)
{
	memset(k, 0, sizeof(*k));
	k->nkeep = nkeep;
}

int
crm_kept_room(struct crm_kept *k, size_t n)
{
	size_t old = k->cap;

	if (k->nkeep == 0 || n <= k->cap)
		return 0;
	if (crm_grow(&k->v, &k->cap, n, sizeof(*k->v)) < 0)
		return -1;
	memset(k->v + old, 0, (k->cap - old) * sizeof(*k->v));
	return 0;
}

int
crm_kept_set(struct crm_kept *k, size_t i, const char *text, size_t size,
    struct crm_error *e)
{
	struct crm_kept_values *v = &k->v[i];
	char *p;

	if (size > v->size) {
		if ((p = realloc(v->text, size)) == NULL)
			return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
			    "out of memory");
		v->text = p;
		v->size = size;
	}
	memcpy(v->text, text, size);
	return 0;
}

int
crm_kept_set_values(struct crm_kept *k, size_t i, char *const *value,
    const size_t *len, struct crm_error *e)
{
	struct crm_kept_values *v = &k->v[i];
	size_t j, size = 0;
	char *p;

	for (j = 0; j < k->nkeep; j++)
		size += len[j] + 1;
	if (size > v->size) {
		if ((p = realloc(v->text, size)) == NULL)
			return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
			    "out of memory");
		v->text = p;
		v->size = size;
	}
	for (p = v->text, j = 0; j < k->nkeep; j++) {
		memcpy(p, value[j], len[j]);
		p += len[j];
		*p++ = '\0';
	}
	return 0;
}

/* The bytes of customer i's values, or 0 with *p NULL when it has none. */
static size_t
used(const struct crm_kept *k, size_t i, const char **p)
{
	const char *q;
	size_t j;

	if ((*p = q = k->v[i].text) == NULL)
		return 0;
	for (j = 0; j < k->nkeep; j++)
		q += strlen(q) + 1;
	return (size_t)(q - *p);
}

int
crm_kept_cmp(const struct crm_kept *k, size_t i, const char *text,
    size_t size)
{
	const char *p;
	size_t n = used(k, i, &p);
	int c;

	if (p == NULL)
		return 1;
	/*
	 * No value holds a NUL (the reader refuses them), and each ends
	 * with one, which sorts before any byte: comparing the blocks whole
	 * compares the values one by one.
	 */
	if ((c = memcmp(text, p, size < n ? size : n)) != 0)
		return c;
	return (size > n) - (size < n);
}

int
crm_kept_cmp_values(const struct crm_kept *k, size_t i, char *const *value,
    const size_t *len)
{
	const char *p = k->v[i].text;
	size_t j, n;
	int c;

	if (p == NULL)
		return 1;
	for (j = 0; j < k->nkeep; j++, p += n + 1) {
		n = strlen(p);
		if ((c = memcmp(value[j], p, len[j] < n ? len[j] : n)) != 0)
			return c;
		if (len[j] != n)
			return len[j] > n ? 1 : -1;
	}
	return 0;
}

const char *
crm_kept_get(const struct crm_kept *k, size_t i, size_t j)
{
	const char *p = k->v[i].text;

	if (p == NULL)
		return "";
	while (j-- > 0)
		p += strlen(p) + 1;
	return p;
}

void
crm_kept_free(struct crm_kept *k)
{
	size_t i;

	for (i = 0; i < k->cap; i++)	/* crm_kept_room zeroes unused slots */
		free(k->v[i].text);
	free(k->v);
	memset(k, 0, sizeof(*k));
}
