/*
 * rules.h - ordered, named segment rules compiled from YAML; the first
 * rule whose condition holds names the record's segment.
 *
 * The `rules` node is a list of {name: TEXT, when: CONDITION}.  A
 * CONDITION is a mapping; all of its entries must hold:
 *
 *   all: [CONDITION, ...]      every one holds (an empty list holds)
 *   any: [CONDITION, ...]      at least one holds (an empty list fails)
 *   not: CONDITION             it does not hold
 *   COLUMN: SCALAR             shorthand: `equals` when SCALAR is a
 *                              number, else `is`
 *   COLUMN: {TEST: ARG, ...}   every test holds on the column's field
 *
 * Tests on numbers (the field parsed as the contract's numbers):
 *   equals / "=", not_equals / "!=", below / "<", at_most / "<=",
 *   above / ">", at_least / ">=": NUMBER;  between: [LOW, HIGH]
 *   (inclusive)
 * Tests on text (the field exactly, or ASCII case-insensitively with
 * `ignore_case: true` in the same mapping):
 *   is / is_not: TEXT;  in / not_in: [TEXT, ...]
 * Tests on dates (the field parsed as the contract's dates):
 *   before / after: DATE (strict);  days_ago: NUMBER (=) or {NUMBER
 *   TEST: ARG} (as_of minus the date, in whole days)
 * Emptiness:  empty: true | false
 *
 * An empty field (nothing, or only spaces and tabs) fails every test but
 * `empty: true`, `is_not`, `not_in` and `not_equals`.  A field that is
 * not a valid number (or date) for a numeric (or date) test is bad
 * input: the record is rejected with a message naming the column.  The
 * shorthand takes a quoted scalar ("007") as text.  days_ago takes whole
 * numbers.  `when: {}` and `all: []` always hold, for a catch-all rule.
 * Evaluation stops as soon as the result is known, so a bad field behind
 * a settled test is not read.  Columns named all, any or not cannot be
 * tested.
 */
#ifndef CRM_RULES_H
#define CRM_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "csvio.h"
#include "error.h"
#include "table.h"

struct crm_rules;

/*
 * Compiles the list node `rules` (status 2 errors at the offending node:
 * not a list, a rule without name or when, an unknown test, a value of
 * the wrong type, between with a low above the high, a test that makes
 * no sense with its neighbours such as ignore_case without a text test).
 * Strings stay owned by cfg, which must outlive the rules.
 */
struct crm_rules *crm_rules_compile(struct crm_config *cfg,
    yaml_node_t *rules, struct crm_error *e);

/*
 * Compiles one condition node the same way (for `require:` checks).
 */
struct crm_rules *crm_rules_compile_condition(struct crm_config *cfg,
    yaml_node_t *when, struct crm_error *e);

/*
 * Finds every column the rules name in the header; a missing one is an
 * error (status 2) at the key naming it in the config, naming the column
 * and listing the header.
 */
int crm_rules_bind(struct crm_rules *r, const struct crm_header *h,
    struct crm_error *e);

/*
 * How fields are read, as the program's options say.  crm_rules_match
 * takes NULL for the defaults, a zeroed env: '.' as the decimal point,
 * the contract's date layouts, and today day 0 (1970-01-01), from which
 * days_ago then counts.
 */
struct crm_rules_env {
	int32_t as_of;
	int decimal_comma;
	const char *date_format;
};

/*
 * The index of the first rule that holds for rec (fields read as env
 * says, NULL for the defaults), or the number of rules when none does;
 * -1 when a field is bad (status 1; e->line is left 0 for the caller to
 * fill).  For a compiled condition: 0 when it holds, 1 when not.
 * Results are remembered by the texts of the columns the rules read
 * (until those prove too varied), so r is not const.
 */
long crm_rules_match(struct crm_rules *r, const struct crm_record *rec,
    const struct crm_rules_env *env, struct crm_error *e);

/*
 * 1 when the condition of rule i holds for rec, 0 when not, -1 when a
 * field is bad (status 1), whatever the rules before it say: the same
 * evaluation as crm_rules_match's, for one rule (--lint).
 */
int crm_rules_holds(const struct crm_rules *r, size_t i,
    const struct crm_record *rec, const struct crm_rules_env *env,
    struct crm_error *e);

/* What a test compares its column's field with (crm_rules_points). */
enum crm_rules_kind {
	CRM_RULES_NUMBER,	/* equals ... between: x, each bound */
	CRM_RULES_TEXT,		/* is ... not_in: s, len, each text */
	CRM_RULES_DATE,		/* before, after: day; days_ago: as_of
				   minus its days, each bound */
	CRM_RULES_EMPTY		/* empty: true or false */
};

struct crm_rules_point {
	const char *column;
	enum crm_rules_kind kind;
	int anycase;		/* TEXT: with ignore_case */
	double x;
	int32_t day;
	const char *s;
	size_t len;
};

/*
 * Calls fn(p, ctx, e) for every value a test of r compares a column
 * with, in rule order, once per test and bound (a value may come more
 * than once): the cut points of --lint's grid.  days_ago counts from
 * env->as_of (env NULL: day 0).  Returns 0, or fn's first -1.
 */
int crm_rules_points(const struct crm_rules *r,
    const struct crm_rules_env *env,
    int (*fn)(const struct crm_rules_point *p, void *ctx,
    struct crm_error *e), void *ctx, struct crm_error *e);

size_t crm_rules_count(const struct crm_rules *r);
const char *crm_rules_name(const struct crm_rules *r, size_t i);

void crm_rules_free(struct crm_rules *r);

#endif
