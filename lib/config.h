/*
 * config.h - typed access to a YAML configuration, over libyaml.
 *
 * The whole file is loaded as one libyaml document (configs are small);
 * callers walk it with the helpers below, which check each node's type
 * and report every problem as "FILE:LINE:COLUMN: message" with exit
 * status 2, taking the position from the node's start mark.  Scalars are
 * converted with the same parsers the CSV side uses (value.h), so "1,000"
 * or "2024-01-31" mean the same in a config as in a CSV field.
 */
#ifndef CRM_CONFIG_H
#define CRM_CONFIG_H

#include <stddef.h>
#include <stdint.h>
#include <yaml.h>

#include "error.h"

struct crm_config {
	yaml_document_t doc;
	char path[PATH_MAX];	/* whole, for messages */
	int loaded;
};

/*
 * Loads path.  A syntax error, an empty file or a file whose top level is
 * not a mapping is an error.  On error *c needs no crm_config_free.
 */
int crm_config_load(struct crm_config *c, const char *path,
    struct crm_error *e);

/* Same, from a buffer; name is used in messages. */
int crm_config_load_string(struct crm_config *c, const char *name,
    const char *text, size_t len, struct crm_error *e);

void crm_config_free(struct crm_config *c);

/* The top-level mapping. */
yaml_node_t *crm_config_root(struct crm_config *c);

/*
 * Checks that map is a mapping whose keys are all scalars named in
 * allowed (a NULL-terminated list) and that no key appears twice.
 */
int crm_config_check_keys(struct crm_config *c, yaml_node_t *map,
    const char *const *allowed, struct crm_error *e);

/*
 * Checks that map is a mapping whose keys are all scalars (otherwise
 * "expected WHAT, got ..."), any text, none twice: for mappings whose
 * keys are the user's names (columns, tests).
 */
int crm_config_unique_keys(struct crm_config *c, yaml_node_t *map,
    const char *what, struct crm_error *e);

/* Whether n is the scalar s. */
int crm_config_is(const yaml_node_t *n, const char *s);

/*
 * Scalar key k as messages name it: 'key', escaped and cut short as
 * crm_error_quote does.  Returns buf.
 */
const char *crm_config_key_name(const yaml_node_t *k, char *buf,
    size_t size);

/* The value of key in map, or NULL when absent (map must be a mapping). */
yaml_node_t *crm_config_get(struct crm_config *c, yaml_node_t *map,
    const char *key);

/* Typed scalars: each fails with "expected a ..." at the node. */
int crm_config_string(struct crm_config *c, yaml_node_t *n,
    const char **out, struct crm_error *e);
int crm_config_number(struct crm_config *c, yaml_node_t *n, double *out,
    struct crm_error *e);
int crm_config_int(struct crm_config *c, yaml_node_t *n, long *out,
    struct crm_error *e);
int crm_config_bool(struct crm_config *c, yaml_node_t *n, int *out,
    struct crm_error *e);
int crm_config_date(struct crm_config *c, yaml_node_t *n, int32_t *days,
    struct crm_error *e);

/* Sequences: the number of items (error if n is not a sequence) and one. */
int crm_config_seq_len(struct crm_config *c, yaml_node_t *n, size_t *len,
    struct crm_error *e);
yaml_node_t *crm_config_seq_item(struct crm_config *c, yaml_node_t *n,
    size_t i);

/*
 * Replaces every "${NAME}" in the document's scalars (keys included) by
 * the value of NAME among the n names and values given.  An unknown
 * NAME, or a "${" without its "}", is an error at its node (status 2).
 * This is how a preset takes parameters: its text names them, the
 * program passes their values.  Values go in as given (a "${" in a value
 * is not expanded in turn) and may point into c's own scalars, such as
 * a `params:` mapping of the same document.  On error c is unchanged.
 */
int crm_config_expand(struct crm_config *c, const char *const *names,
    const char *const *values, size_t n, struct crm_error *e);

/*
 * What node n holds, for "expected X, got Y" messages: the quoted scalar,
 * "a list", "a mapping" or "nothing".  Returns buf or a constant.
 */
const char *crm_config_describe(yaml_node_t *n, char *buf, size_t size);

/* Reports a problem at node n (status 2); returns -1. */
int crm_config_error_at(struct crm_config *c, yaml_node_t *n,
    struct crm_error *e, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
