/*
 * config.c - typed access to a YAML configuration (see config.h).
 *
 * The text is loaded whole with libyaml's document API and only the
 * first document is used; a second one is refused rather than ignored,
 * since a stray "---" would otherwise drop settings without a word.
 * Every node keeps libyaml's start mark, so each error below points at
 * the line and column of the offending key or value.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "keyset.h"
#include "value.h"

/* Reading /dev/zero or a log file by mistake must not eat all memory. */
#define CONFIG_MAX_SIZE	(16L * 1024 * 1024)

/*
 * How deep lists and mappings may nest.  libyaml slows down with depth
 * (every token looks at each open flow level: 100,000 nested '[' take
 * minutes), so a first pass over the events stops at the first one past
 * this depth, before libyaml has read the rest.  The deepest real config,
 * 64 levels of segment conditions (a mapping and a list each), stays
 * well within.
 */
#define CONFIG_MAX_DEPTH	256

/* Mappings with more pairs than this find repeated keys by hashing. */
#define KEYS_HASHED	16

static int
error_mark(struct crm_config *c, const yaml_mark_t *m, struct crm_error *e,
    const char *fmt, va_list ap)
{
	char msg[512];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (m == NULL)
		return crm_error_set(e, CRM_EXIT_USAGE, c->path, 0, 0, "%s",
		    msg);
	return crm_error_set(e, CRM_EXIT_USAGE, c->path, (long)m->line + 1,
	    (long)m->column + 1, "%s", msg);
}

static int
error_at_mark(struct crm_config *c, const yaml_mark_t *m,
    struct crm_error *e, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = error_mark(c, m, e, fmt, ap);
	va_end(ap);
	return rc;
}

int
crm_config_error_at(struct crm_config *c, yaml_node_t *n,
    struct crm_error *e, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = error_mark(c, n != NULL ? &n->start_mark : NULL, e, fmt, ap);
	va_end(ap);
	return rc;
}

/*
 * Reader errors (bad UTF-8, control characters) carry only a byte offset;
 * turn it into the line and column libyaml would have shown, counting
 * characters rather than bytes as its marks do.
 */
static void
offset_position(const char *text, size_t len, size_t off, long *line,
    long *col)
{
	size_t i;

	*line = 1;
	*col = 1;
	if (off > len)
		off = len;
	for (i = 0; i < off; i++) {
		unsigned char ch = (unsigned char)text[i];

		if (ch == '\n' || (ch == '\r' && (i + 1 >= len ||
		    text[i + 1] != '\n'))) {
			(*line)++;
			*col = 1;
		} else if ((ch & 0xC0) != 0x80 && ch != '\r') {
			(*col)++;
		}
	}
}

static int
parser_error(struct crm_config *c, yaml_parser_t *p, const char *text,
    size_t len, struct crm_error *e)
{
	const char *problem = p->problem ? p->problem : "invalid YAML";
	long line, col;

	switch (p->error) {
	case YAML_MEMORY_ERROR:
		return crm_error_set(e, CRM_EXIT_DATA, c->path, 0, 0,
		    "out of memory");
	case YAML_READER_ERROR:
		offset_position(text, len, p->problem_offset, &line, &col);
		return crm_error_set(e, CRM_EXIT_USAGE, c->path, line, col,
		    "%s", problem);
	default:
		break;
	}
	if (p->context != NULL)
		return crm_error_set(e, CRM_EXIT_USAGE, c->path,
		    (long)p->problem_mark.line + 1,
		    (long)p->problem_mark.column + 1, "%s (%s at %ld:%ld)",
		    problem, p->context, (long)p->context_mark.line + 1,
		    (long)p->context_mark.column + 1);
	return crm_error_set(e, CRM_EXIT_USAGE, c->path,
	    (long)p->problem_mark.line + 1, (long)p->problem_mark.column + 1,
	    "%s", problem);
}

/* Fails unless the stream holds nothing after the first document. */
static int
check_single_document(struct crm_config *c, yaml_parser_t *p,
    const char *text, size_t len, struct crm_error *e)
{
	yaml_document_t extra;
	int rc = 0;

	if (!yaml_parser_load(p, &extra))
		return parser_error(c, p, text, len, e);
	if (yaml_document_get_root_node(&extra) != NULL)
		rc = error_at_mark(c, &extra.start_mark, e,
		    "expected a single document");
	yaml_document_delete(&extra);
	return rc;
}

/*
 * Fails at the first list or mapping nested deeper than CONFIG_MAX_DEPTH,
 * reading the events with a parser of its own (never mix the event and
 * document APIs on one parser).  A syntax error ends the pass without a
 * word: the loader then reports it as it would have anyway.
 */
static int
check_depth(struct crm_config *c, const char *text, size_t len,
    struct crm_error *e)
{
	yaml_parser_t p;
	yaml_event_t ev;
	int depth = 0, rc = 0, done = 0;

	if (!yaml_parser_initialize(&p))
		return crm_error_set(e, CRM_EXIT_DATA, c->path, 0, 0,
		    "out of memory");
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	while (!done && yaml_parser_parse(&p, &ev)) {
		switch (ev.type) {
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (++depth <= CONFIG_MAX_DEPTH)
				break;
			rc = error_at_mark(c, &ev.start_mark, e, "lists and "
			    "mappings nested too deeply (more than %d levels)",
			    CONFIG_MAX_DEPTH);
			done = 1;
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			break;
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	return rc;
}

/*
 * Configs use no YAML tags; an explicit one is nearly always a typo that
 * YAML reads in silence: an unquoted `!=: 10` is the tag "!=" on an empty
 * key, not the test "!=".
 */
static int
check_no_tags(struct crm_config *c, struct crm_error *e)
{
	static const char std[] = "tag:yaml.org,2002:";
	yaml_node_t *n;

	for (n = c->doc.nodes.start; n < c->doc.nodes.top; n++)
		if (n->tag != NULL && strncmp((const char *)n->tag, std,
		    sizeof(std) - 1) != 0)
			return crm_config_error_at(c, n, e, "unexpected YAML "
			    "tag '%s': put quotes around text that starts "
			    "with '!', such as \"!=\"", n->tag);
	return 0;
}

int
crm_config_load_string(struct crm_config *c, const char *name,
    const char *text, size_t len, struct crm_error *e)
{
	yaml_parser_t parser;
	yaml_node_t *root;

	memset(c, 0, sizeof(*c));
	snprintf(c->path, sizeof(c->path), "%s", name ? name : "");
	if (check_depth(c, text, len, e) < 0)
		return -1;
	if (!yaml_parser_initialize(&parser))
		return crm_error_set(e, CRM_EXIT_DATA, c->path, 0, 0,
		    "out of memory");
	yaml_parser_set_input_string(&parser, (const unsigned char *)text,
	    len);
	if (!yaml_parser_load(&parser, &c->doc)) {
		parser_error(c, &parser, text, len, e);
		yaml_parser_delete(&parser);
		return -1;
	}
	root = yaml_document_get_root_node(&c->doc);
	if (root == NULL) {
		crm_error_set(e, CRM_EXIT_USAGE, c->path, 0, 0,
		    "empty configuration");
		goto fail;
	}
	if (root->type != YAML_MAPPING_NODE) {
		crm_config_error_at(c, root, e,
		    "expected a mapping at the top level");
		goto fail;
	}
	if (check_single_document(c, &parser, text, len, e) == -1)
		goto fail;
	if (check_no_tags(c, e) < 0)
		goto fail;
	yaml_parser_delete(&parser);
	c->loaded = 1;
	return 0;

fail:
	yaml_document_delete(&c->doc);
	yaml_parser_delete(&parser);
	return -1;
}

int
crm_config_load(struct crm_config *c, const char *path,
    struct crm_error *e)
{
	FILE *fp;
	char *buf = NULL, *nbuf;
	size_t len = 0, cap = 0, n;
	int rc, saved;

	/* A caller may crm_config_free after a failure; make that safe. */
	memset(c, 0, sizeof(*c));
	snprintf(c->path, sizeof(c->path), "%s", path);
	if ((fp = fopen(path, "rb")) == NULL)
		return crm_error_set(e, CRM_EXIT_USAGE, path, 0, 0,
		    "cannot open: %s", strerror(errno));
	for (;;) {
		if (len == cap) {
			if (cap >= (size_t)CONFIG_MAX_SIZE) {
				free(buf);
				fclose(fp);
				return crm_error_set(e, CRM_EXIT_USAGE, path,
				    0, 0, "configuration too large");
			}
			cap = cap ? cap * 2 : 4096;
			if ((nbuf = realloc(buf, cap)) == NULL) {
				free(buf);
				fclose(fp);
				return crm_error_set(e, CRM_EXIT_DATA, path,
				    0, 0, "out of memory");
			}
			buf = nbuf;
		}
		n = fread(buf + len, 1, cap - len, fp);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(fp)) {
		saved = errno;
		free(buf);
		fclose(fp);
		return crm_error_set(e, CRM_EXIT_USAGE, path, 0, 0,
		    "cannot read: %s", strerror(saved));
	}
	fclose(fp);
	rc = crm_config_load_string(c, path, buf, len, e);
	free(buf);
	return rc;
}

void
crm_config_free(struct crm_config *c)
{
	if (c->loaded)
		yaml_document_delete(&c->doc);
	c->loaded = 0;
}

yaml_node_t *
crm_config_root(struct crm_config *c)
{
	if (!c->loaded)
		return NULL;
	return yaml_document_get_root_node(&c->doc);
}

const char *
crm_config_describe(yaml_node_t *n, char *buf, size_t size)
{
	if (n == NULL)
		return "nothing";
	switch (n->type) {
	case YAML_SCALAR_NODE:
		return crm_error_quote((const char *)n->data.scalar.value,
		    n->data.scalar.length, buf, size);
	case YAML_SEQUENCE_NODE:
		return "a list";
	case YAML_MAPPING_NODE:
		return "a mapping";
	default:
		return "nothing";
	}
}

/*
 * The scalar's text.  A "\0" escape would leave a value that C string
 * parsers silently cut short, so such a scalar is refused here too.
 */
static int
scalar_text(struct crm_config *c, yaml_node_t *n, const char *what,
    const char **out, struct crm_error *e)
{
	char q[64];

	if (n == NULL || n->type != YAML_SCALAR_NODE ||
	    strlen((const char *)n->data.scalar.value) !=
	    n->data.scalar.length)
		return crm_config_error_at(c, n, e, "expected %s, got %s",
		    what, crm_config_describe(n, q, sizeof(q)));
	*out = (const char *)n->data.scalar.value;
	return 0;
}

/*
 * The scalar n converted by parse, which returns 0 for a good text; any
 * other node or text is "expected WHAT, got ..." at n.
 */
static int
typed_scalar(struct crm_config *c, yaml_node_t *n, const char *what,
    int (*parse)(const char *, void *), void *out, struct crm_error *e)
{
	const char *s;
	char q[64];

	if (scalar_text(c, n, what, &s, e) == -1)
		return -1;
	if (parse(s, out) != 0)
		return crm_config_error_at(c, n, e, "expected %s, got %s",
		    what, crm_config_describe(n, q, sizeof(q)));
	return 0;
}

const char *
crm_config_key_name(const yaml_node_t *k, char *buf, size_t size)
{
	size_t len;

	/* crm_error_quote's escaping, but in the 'key' form of messages. */
	crm_error_quote((const char *)k->data.scalar.value,
	    k->data.scalar.length, buf, size);
	len = strlen(buf);
	if (len >= 2) {
		buf[0] = '\'';
		buf[len - 1] = '\'';
	}
	return buf;
}

int
crm_config_is(const yaml_node_t *n, const char *s)
{
	size_t len = strlen(s);

	return n->type == YAML_SCALAR_NODE && n->data.scalar.length == len &&
	    memcmp(n->data.scalar.value, s, len) == 0;
}

static int
same_key(const yaml_node_t *a, const yaml_node_t *b)
{
	return a->data.scalar.length == b->data.scalar.length &&
	    memcmp(a->data.scalar.value, b->data.scalar.value,
	    a->data.scalar.length) == 0;
}

/*
 * Whether the key k of pair p of map repeats one before it: 1 or 0, -1
 * when out of memory.  With seen (for large mappings), the keys go into
 * a hash table as they are met, so that a mapping of 100,000 names is
 * checked in linear time; otherwise k is compared with each key before.
 */
static int
repeats(struct crm_config *c, yaml_node_t *map, yaml_node_pair_t *p,
    yaml_node_t *k, struct crm_keyset *seen, struct crm_error *e)
{
	yaml_node_pair_t *q;
	yaml_node_t *prev;
	int added;

	if (seen != NULL) {
		if (crm_keyset_add(seen, (const char *)k->data.scalar.value,
		    k->data.scalar.length, &added, e) < 0)
			return crm_error_set(e, CRM_EXIT_DATA, c->path, 0, 0,
			    "out of memory");
		return !added;
	}
	for (q = map->data.mapping.pairs.start; q < p; q++) {
		prev = yaml_document_get_node(&c->doc, q->key);
		if (prev != NULL && same_key(prev, k))
			return 1;
	}
	return 0;
}

/*
 * Checks that map is a mapping whose keys are scalars ("expected WHAT"
 * otherwise), each named in allowed unless that is NULL, none twice:
 * libyaml keeps both of a repeated key where other YAML readers keep the
 * last, so a repeat is refused rather than guessed at.
 */
static int
check_keys(struct crm_config *c, yaml_node_t *map,
    const char *const *allowed, const char *what, struct crm_error *e)
{
	yaml_node_pair_t *p;
	yaml_node_t *k;
	const char *const *a;
	struct crm_keyset seen, *table;
	char name[64], got[64];
	int rc = 0, r;

	if (map == NULL || map->type != YAML_MAPPING_NODE)
		return crm_config_error_at(c, map, e,
		    "expected a mapping, got %s",
		    crm_config_describe(map, got, sizeof(got)));
	crm_keyset_init(&seen);
	table = map->data.mapping.pairs.top - map->data.mapping.pairs.start >
	    KEYS_HASHED ? &seen : NULL;
	for (p = map->data.mapping.pairs.start;
	    p < map->data.mapping.pairs.top && rc == 0; p++) {
		k = yaml_document_get_node(&c->doc, p->key);
		if (k == NULL || k->type != YAML_SCALAR_NODE) {
			rc = crm_config_error_at(c, k != NULL ? k : map, e,
			    "expected %s, got %s", what,
			    crm_config_describe(k, got, sizeof(got)));
			break;
		}
		crm_config_key_name(k, name, sizeof(name));
		for (a = allowed; a != NULL && *a != NULL; a++)
			if (crm_config_is(k, *a))
				break;
		if (a != NULL && *a == NULL)
			rc = crm_config_error_at(c, k, e, "unknown key %s",
			    name);
		else if ((r = repeats(c, map, p, k, table, e)) != 0)
			rc = r < 0 ? -1 : crm_config_error_at(c, k, e,
			    "duplicate key %s", name);
	}
	crm_keyset_free(&seen);
	return rc;
}

int
crm_config_check_keys(struct crm_config *c, yaml_node_t *map,
    const char *const *allowed, struct crm_error *e)
{
	static const char *const none[] = { NULL };

	return check_keys(c, map, allowed != NULL ? allowed : none,
	    "a key name", e);
}

int
crm_config_unique_keys(struct crm_config *c, yaml_node_t *map,
    const char *what, struct crm_error *e)
{
	return check_keys(c, map, NULL, what, e);
}

yaml_node_t *
crm_config_get(struct crm_config *c, yaml_node_t *map, const char *key)
{
	yaml_node_pair_t *p;
	yaml_node_t *k;

	if (map == NULL || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (p = map->data.mapping.pairs.start;
	    p < map->data.mapping.pairs.top; p++) {
		k = yaml_document_get_node(&c->doc, p->key);
		if (k != NULL && crm_config_is(k, key))
			return yaml_document_get_node(&c->doc, p->value);
	}
	return NULL;
}

int
crm_config_string(struct crm_config *c, yaml_node_t *n, const char **out,
    struct crm_error *e)
{
	return scalar_text(c, n, "a text value", out, e);
}

static int
parse_number(const char *s, void *out)
{
	double d;

	if (crm_number_parse(s, 0, &d, NULL) != CRM_VALUE_OK || !isfinite(d))
		return -1;
	*(double *)out = d;
	return 0;
}

/* A number that a long holds exactly. */
static int
parse_long(const char *s, void *out)
{
	double d;

	/* -(double)LONG_MIN is 2^63 (or 2^31) exactly; LONG_MAX is not. */
	if (parse_number(s, &d) == 0 && d >= (double)LONG_MIN &&
	    d < -(double)LONG_MIN && (double)(long)d == d) {
		*(long *)out = (long)d;
		return 0;
	}
	return -1;
}

/* A CSV field may be empty for false; a config key may not. */
static int
parse_bool(const char *s, void *out)
{
	if (s[strspn(s, " ")] == '\0')
		return -1;
	return crm_bool_parse(s, out) == CRM_VALUE_OK ? 0 : -1;
}

static int
parse_date(const char *s, void *out)
{
	return crm_date_parse(s, NULL, out) == CRM_VALUE_OK ? 0 : -1;
}

/*
 * The typed scalars of config.h, each typed_scalar with its parser and
 * what the message says was expected: one definition for the four.
 */
#define TYPED_SCALAR(fn, type, what, parse)				\
int									\
fn(struct crm_config *c, yaml_node_t *n, type *out,			\
    struct crm_error *e)						\
{									\
	return typed_scalar(c, n, what, parse, out, e);			\
}

TYPED_SCALAR(crm_config_number, double, "a number", parse_number)
TYPED_SCALAR(crm_config_int, long, "a whole number", parse_long)
TYPED_SCALAR(crm_config_bool, int, "true or false", parse_bool)
TYPED_SCALAR(crm_config_date, int32_t, "a date (YYYY-MM-DD)", parse_date)

int
crm_config_seq_len(struct crm_config *c, yaml_node_t *n, size_t *len,
    struct crm_error *e)
{
	char got[64];

	if (n == NULL || n->type != YAML_SEQUENCE_NODE)
		return crm_config_error_at(c, n, e, "expected a list, got %s",
		    crm_config_describe(n, got, sizeof(got)));
	*len = (size_t)(n->data.sequence.items.top -
	    n->data.sequence.items.start);
	return 0;
}

yaml_node_t *
crm_config_seq_item(struct crm_config *c, yaml_node_t *n, size_t i)
{
	if (n == NULL || n->type != YAML_SEQUENCE_NODE ||
	    i >= (size_t)(n->data.sequence.items.top -
	    n->data.sequence.items.start))
		return NULL;
	return yaml_document_get_node(&c->doc, n->data.sequence.items.start[i]);
}

static const char *
lookup(const char *name, size_t len, const char *const *names,
    const char *const *values, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strlen(names[i]) == len && memcmp(names[i], name, len) == 0)
			return values[i];
	return NULL;
}

/* The expansion of one scalar into a malloc'd string, or NULL on error. */
static char *
expand_scalar(struct crm_config *c, yaml_node_t *node,
    const char *const *names, const char *const *values, size_t n,
    struct crm_error *e)
{
	const char *s = (const char *)node->data.scalar.value;
	size_t len = node->data.scalar.length, cap = len + 1, o = 0, i;
	char *out = malloc(cap), *grown;

	if (out == NULL)
		goto nomem;
	for (i = 0; i < len; ) {
		const char *v = NULL, *end;
		size_t vlen, need;

		if (s[i] != '$' || i + 1 >= len || s[i + 1] != '{') {
			out[o++] = s[i++];
			continue;
		}
		end = memchr(s + i + 2, '}', len - i - 2);
		if (end == NULL) {
			crm_config_error_at(c, node, e,
			    "unterminated parameter: '${' without '}'");
			goto fail;
		}
		v = lookup(s + i + 2, (size_t)(end - s - i - 2), names, values,
		    n);
		if (v == NULL) {
			crm_config_error_at(c, node, e,
			    "unknown parameter '%.*s'", (int)(end - s - i - 2),
			    s + i + 2);
			goto fail;
		}
		vlen = strlen(v);
		need = o + vlen + (len - (size_t)(end + 1 - s)) + 1;
		if (need > cap) {
			cap = need;
			if ((grown = realloc(out, cap)) == NULL)
				goto nomem;
			out = grown;
		}
		memcpy(out + o, v, vlen);
		o += vlen;
		i = (size_t)(end + 1 - s);
	}
	out[o] = '\0';
	return out;
nomem:
	crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0, "out of memory");
fail:
	free(out);
	return NULL;
}

static int
has_parameter(const yaml_node_t *node)
{
	const unsigned char *s = node->data.scalar.value;
	size_t i;

	for (i = 0; i + 1 < node->data.scalar.length; i++)
		if (s[i] == '$' && s[i + 1] == '{')
			return 1;
	return 0;
}

/*
 * Every scalar is expanded before any is replaced: values may point into
 * this very document (a rules file's own `params:`), and one that holds a
 * "${" would otherwise be freed while another scalar still needs it.
 */
int
crm_config_expand(struct crm_config *c, const char *const *names,
    const char *const *values, size_t n, struct crm_error *e)
{
	size_t i, nn = (size_t)(c->doc.nodes.top - c->doc.nodes.start);
	yaml_node_t *node;
	char **text;
	int rc = 0;

	if ((text = calloc(nn ? nn : 1, sizeof(*text))) == NULL)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "out of memory");
	for (i = 0; i < nn && rc == 0; i++) {
		node = c->doc.nodes.start + i;
		if (node->type == YAML_SCALAR_NODE && has_parameter(node) &&
		    (text[i] = expand_scalar(c, node, names, values, n,
		    e)) == NULL)
			rc = -1;
	}
	for (i = 0; i < nn; i++) {
		if (text[i] == NULL)
			continue;
		if (rc < 0) {
			free(text[i]);
			continue;
		}
		/* libyaml frees scalars with free(): hand it ours */
		node = c->doc.nodes.start + i;
		free(node->data.scalar.value);
		node->data.scalar.value = (yaml_char_t *)text[i];
		node->data.scalar.length = strlen(text[i]);
		/* the style stays: "${code}" is still quoted text */
	}
	free(text);
	return rc;
}
