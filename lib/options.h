/*
 * options.h - the options every program shares, parsed in one place.
 *
 * crm_options_parse runs getopt_long over the common options of the
 * contract merged with a program's own, handing the program's own to its
 * callback, so that every program spells -o, -d, --tsv, -c, --as-of,
 * --date-format, --decimal-comma, --skip-bad, --rejects, -q, -v,
 * --encoding and --bom the same way.
 */
#ifndef CRM_OPTIONS_H
#define CRM_OPTIONS_H

#include <getopt.h>
#include <stdint.h>

#include "csvio.h"
#include "error.h"

struct crm_common {
	const char *output;	/* -o FILE; NULL for standard output */
	const char *config;	/* -c FILE */
	unsigned char delim;	/* -d, --tsv; ',' by default */
	int32_t as_of;		/* --as-of, days; today (the local date) by
				   default and for --as-of today */
	int as_of_given;
	const char *date_format;	/* --date-format; NULL: the layouts */
	int decimal_comma;
	int skip_bad;		/* --skip-bad, or implied by --rejects */
	const char *rejects;	/* --rejects FILE */
	int quiet;		/* -q */
	int verbose;		/* -v: also say what was skipped as blank */
	const char *encoding;	/* --encoding NAME; NULL: UTF-8 */
	int bom;		/* --bom */
	struct crm_csv_options csv;	/* delim and encoding, for readers */
	/* the aggregating programs only (see crm_program_def) */
	int partial;		/* --partial: write partial state */
	int merge;		/* --merge: read partial state */
	long jobs;		/* -j N; 0 when not given */
};

enum crm_options_result {
	CRM_OPTIONS_RUN = 0,	/* go on: operands start at optind */
	CRM_OPTIONS_HELP = 1,	/* -h: print usage to stdout, exit 0 */
	CRM_OPTIONS_VERSION = 2	/* -V */
};

/*
 * The callback for a program's own options: opt is the getopt_long value
 * (a short option letter, or a code >= CRM_OPT_PROGRAM for long-only
 * options), arg its argument or NULL.  Returns 0, or -1 with *e filled.
 */
typedef int (*crm_option_fn)(int opt, const char *arg, void *ctx,
    struct crm_error *e);

#define CRM_OPT_PROGRAM	512	/* first code free for programs */

/*
 * Parses argv.  own_short lists the program's short options in getopt
 * syntax, own_long its long options (terminated by a zero entry; may be
 * NULL).  Returns a crm_options_result, or -1 with *e filled (status 2).
 */
int crm_options_parse(int argc, char **argv, const char *own_short,
    const struct option *own_long, crm_option_fn fn, void *ctx,
    struct crm_common *c, struct crm_error *e);

/*
 * The value of an integer option: a whole number (written as the
 * contract's numbers are) from min to max, range checked before any
 * conversion, so that an absurd value is an error and never undefined
 * behaviour.  unit, if not NULL, says what is counted.  The message
 * names the option and its range: invalid --horizon "1e9": expected a
 * whole number of days from 0 to 3660 (status 2).  The value goes
 * through a double: past 2^53 it is not exact.
 */
int crm_option_int(const char *option, const char *arg, long min, long max,
    const char *unit, long *out, struct crm_error *e);

/* The version string printed by -V. */
#define CRM_VERSION	"0.1.0"

#endif
