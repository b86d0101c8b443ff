/*
 * options.c - the common options (see options.h).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "options.h"
#include "value.h"

enum {
	OPT_TSV = 256, OPT_AS_OF, OPT_DATE_FORMAT, OPT_DECIMAL_COMMA,
	OPT_SKIP_BAD, OPT_REJECTS, OPT_ENCODING, OPT_BOM
};

static const struct option common_long[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "output", required_argument, NULL, 'o' },
	{ "delimiter", required_argument, NULL, 'd' },
	{ "tsv", no_argument, NULL, OPT_TSV },
	{ "config", required_argument, NULL, 'c' },
	{ "as-of", required_argument, NULL, OPT_AS_OF },
	{ "date-format", required_argument, NULL, OPT_DATE_FORMAT },
	{ "decimal-comma", no_argument, NULL, OPT_DECIMAL_COMMA },
	{ "skip-bad", no_argument, NULL, OPT_SKIP_BAD },
	{ "rejects", required_argument, NULL, OPT_REJECTS },
	{ "quiet", no_argument, NULL, 'q' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "encoding", required_argument, NULL, OPT_ENCODING },
	{ "bom", no_argument, NULL, OPT_BOM },
};
#define NCOMMON	(sizeof(common_long) / sizeof(common_long[0]))
#define COMMON_SHORT	"hVo:d:c:qv"

static int
parse_delimiter(const char *arg, unsigned char *out, struct crm_error *e)
{
	if (strcmp(arg, "tab") == 0 || strcmp(arg, "\\t") == 0 ||
	    strcmp(arg, "\t") == 0) {
		*out = '\t';
		return 0;
	}
	if (strlen(arg) != 1 || arg[0] == '"' || arg[0] == '\n' ||
	    arg[0] == '\r')
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "invalid delimiter '%s': expected one character, or tab",
		    arg);
	*out = (unsigned char)arg[0];
	return 0;
}

static int32_t
today(void)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	return crm_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday);
}

/* An empty file name names nothing: -o '' is bad usage, not a write error. */
static int
file_name(const char *option, const char *arg, const char **out,
    struct crm_error *e)
{
	if (arg[0] == '\0')
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "invalid %s \"%s\": expected a file name", option, arg);
	*out = arg;
	return 0;
}

static int
common_option(int opt, const char *arg, struct crm_common *c,
    struct crm_error *e)
{
	switch (opt) {
	case 'o':
		return file_name("-o", arg, &c->output, e);
	case 'd':
		return parse_delimiter(arg, &c->delim, e);
	case OPT_TSV:
		c->delim = '\t';
		break;
	case 'c':
		return file_name("-c", arg, &c->config, e);
	case OPT_AS_OF:
		/* "today" spares a crontab line its $(date +\%F) */
		if (strcmp(arg, "today") == 0)
			c->as_of = today();
		else if (crm_date_parse(arg, NULL, &c->as_of) != CRM_VALUE_OK)
			return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
			    "invalid --as-of date \"%s\": expected YYYY-MM-DD "
			    "or today", arg);
		c->as_of_given = 1;
		break;
	case OPT_DATE_FORMAT:
		if (crm_date_format_check(arg) < 0)
			return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
			    "invalid --date-format \"%s\": expected %%Y, %%m "
			    "or %%b, and %%d, with only %%H %%M %%S %%%% besides",
			    arg);
		c->date_format = arg;
		break;
	case OPT_DECIMAL_COMMA:
		c->decimal_comma = 1;
		break;
	case OPT_SKIP_BAD:
		c->skip_bad = 1;
		break;
	case OPT_REJECTS:
		c->skip_bad = 1;
		return file_name("--rejects", arg, &c->rejects, e);
	case 'q':
		c->quiet = 1;
		break;
	case 'v':
		c->verbose = 1;
		break;
	case OPT_ENCODING:
		c->encoding = arg;
		break;
	case OPT_BOM:
		c->bom = 1;
		break;
	default:
		return 1;	/* not ours */
	}
	return 0;
}

/* s is a group of short options ("-qZ") holding the letter c. */
static int
short_group_with(const char *s, int c)
{
	return s != NULL && s[0] == '-' && s[1] != '-' && s[1] != '\0' &&
	    strchr(s + 1, c) != NULL;
}

static int
unknown(int opt, int argc, char **argv, const char *own_short,
    struct crm_error *e)
{
	const char *arg = argv[optind - 1];

	/* getopt sets optopt to the letter, or to the code of a long option */
	if (opt == ':' && optopt > 0 && optopt < 128 &&
	    short_group_with(arg, optopt))
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "option '-%c' needs a value", optopt);
	if (opt == ':')
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "option '%s' needs a value", arg);
	/*
	 * An unknown letter before the end of its group ("-Zq") leaves
	 * optind on the group itself, so argv[optind - 1] is then the
	 * argument before it (or the program name): look at both.
	 */
	if (optopt > 0 && optopt < 128 &&
	    strchr(COMMON_SHORT, optopt) == NULL &&
	    strchr(own_short, optopt) == NULL &&
	    (short_group_with(arg, optopt) ||
	    (optind < argc && short_group_with(argv[optind], optopt))))
		return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "unknown option '-%c' (try --help)", optopt);
	return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
	    "unknown option '%s' (try --help)", arg);
}

int
crm_options_parse(int argc, char **argv, const char *own_short,
    const struct option *own_long, crm_option_fn fn, void *ctx,
    struct crm_common *c, struct crm_error *e)
{
	struct option *all;
	char shorts[128];
	size_t nown = 0, i;
	int opt, rv = CRM_OPTIONS_RUN;

	memset(c, 0, sizeof(*c));
	c->delim = ',';
	c->as_of = today();
	if (own_short == NULL)
		own_short = "";
	while (own_long != NULL && own_long[nown].name != NULL)
		nown++;
	if ((all = calloc(NCOMMON + nown + 1, sizeof(*all))) == NULL)
		return crm_error_set(e, CRM_EXIT_DATA, NULL, 0, 0,
		    "out of memory");
	memcpy(all, common_long, sizeof(common_long));
	for (i = 0; i < nown; i++)
		all[NCOMMON + i] = own_long[i];
	snprintf(shorts, sizeof(shorts), ":%s%s", COMMON_SHORT, own_short);

	opterr = 0;
	/*
	 * 0, not 1: glibc, musl and the BSDs then reset all of getopt's
	 * state, including the position inside a group of short options
	 * where an earlier parse stopped ("-hq" stops at h).
	 */
	optind = 0;
	while ((opt = getopt_long(argc, argv, shorts, all, NULL)) != -1) {
		int r;

		if (opt == '?' || opt == ':') {
			rv = unknown(opt, argc, argv, own_short, e);
			break;
		}
		if (opt == 'h') {
			rv = CRM_OPTIONS_HELP;
			break;
		}
		if (opt == 'V') {
			rv = CRM_OPTIONS_VERSION;
			break;
		}
		if ((r = common_option(opt, optarg, c, e)) < 0) {
			rv = -1;
			break;
		}
		if (r > 0 && fn(opt, optarg, ctx, e) < 0) {
			if (e->status == 0)
				e->status = CRM_EXIT_USAGE;
			rv = -1;
			break;
		}
	}
	free(all);
	c->csv.delim = c->delim;
	c->csv.encoding = c->encoding;
	return rv;
}

int
crm_option_int(const char *option, const char *arg, long min, long max,
    const char *unit, long *out, struct crm_error *e)
{
	double v;
	long n;

	/*
	 * The comparisons in double come first: (long)v is only defined
	 * for a v in range.  A max near LONG_MAX rounds up to 2^63 as a
	 * double, which no long holds, hence the third one.
	 */
	if (crm_number_parse(arg, 0, &v, NULL) == CRM_VALUE_OK &&
	    v >= (double)min && v <= (double)max && v < -(double)LONG_MIN) {
		n = (long)v;
		if ((double)n == v && n >= min && n <= max) {
			*out = n;
			return 0;
		}
	}
	return crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
	    "invalid %s \"%s\": expected a whole number%s%s from %ld to %ld",
	    option, arg, unit ? " of " : "", unit ? unit : "", min, max);
}
