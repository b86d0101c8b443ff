/*
 * program.c - start, input, outputs and finish of a program (see
 * program.h).
 */
#include <err.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "output.h"
#include "program.h"

#define MAX_SIDES	8
#define MAX_NOTES	16

struct side {
	const char *option;
	const char *path;
	enum crm_side_kind kind;
};

struct crm_program {
	const struct crm_program_def *def;
	struct crm_common opt;
	char **operands;
	int noperands;
	struct crm_input *in;
	struct crm_csv_writer w;
	struct side side[MAX_SIDES];
	int nsides;
	char *note[MAX_NOTES];
	int nnotes;
	size_t skipped_elsewhere;
	const char *elsewhere;
};

void
crm_die(const struct crm_error *e)
{
	char msg[1024];

	crm_error_format(e, msg, sizeof(msg));
	errx(e->status ? e->status : CRM_EXIT_DATA, "%s", msg);
}

void
crm_die_oom(void)
{
	struct crm_error e;

	crm_error_set(&e, CRM_EXIT_DATA, NULL, 0, 0, "out of memory");
	crm_die(&e);
}

static void
usage_error(const char *fmt, const char *a, const char *b)
{
	struct crm_error e;

	crm_error_set(&e, CRM_EXIT_USAGE, NULL, 0, 0, fmt, a, b);
	crm_die(&e);
}

/*
 * One program per process, living as long as the process: a program that
 * ends early (--list-presets, an error) has nothing to free.
 */
static struct crm_program program;

struct crm_program *
crm_program_start(const struct crm_program_def *def, void *ctx, int argc,
    char **argv)
{
	struct crm_program *p = &program;
	struct crm_error e;
	int r;

	memset(p, 0, sizeof(*p));
	p->def = def;
	r = crm_options_parse(argc, argv, "", def->options, def->option, ctx,
	    &p->opt, &e);
	if (r < 0)
		crm_die(&e);
	if (r == CRM_OPTIONS_HELP) {
		fputs(def->usage, stdout);
		exit(0);
	}
	if (r == CRM_OPTIONS_VERSION) {
		printf("%s %s\n", def->name, CRM_VERSION);
		exit(0);
	}
	/*
	 * A reader that stops early (| head) ends us quietly, as it does
	 * cat and sort, even when the parent left SIGPIPE ignored.
	 */
	signal(SIGPIPE, SIG_DFL);
	crm_output_setup();
	p->operands = argv + optind;
	p->noperands = argc - optind;
	crm_program_side(p, "--rejects", p->opt.rejects, CRM_SIDE_DATA,
	    "rejected and good records");
	return p;
}

const struct crm_common *
crm_program_options(const struct crm_program *p)
{
	return &p->opt;
}

char **
crm_program_operands(const struct crm_program *p, int *n)
{
	*n = p->noperands;
	return p->operands;
}

/* Standard input is read when there is no operand, or for "-". */
static int
reads_stdin(const struct crm_program *p)
{
	int i;

	for (i = 0; i < p->noperands; i++)
		if (strcmp(p->operands[i], "-") == 0)
			return 1;
	return p->noperands == 0;
}

struct crm_input *
crm_program_input(struct crm_program *p)
{
	struct crm_error e;

	if (reads_stdin(p) && isatty(STDIN_FILENO))
		crm_program_warn(p, "reading CSV from standard input, a "
		    "terminal (end it with Ctrl-D; see --help for usage)");
	if ((p->in = crm_input_open(p->operands, p->noperands, &p->opt,
	    &e)) == NULL)
		crm_die(&e);
	return p->in;
}

struct crm_input *
crm_program_current_input(const struct crm_program *p)
{
	return p->in;
}

void
crm_program_csv(const struct crm_program *p, FILE *fp,
    struct crm_csv_writer *w)
{
	if (p->opt.bom)
		fputs("\xEF\xBB\xBF", fp);
	crm_csv_writer_init(w, fp, p->opt.delim);
}

FILE *
crm_program_output_stream(struct crm_program *p)
{
	struct crm_error e;
	FILE *fp;

	if ((fp = crm_output_open(p->opt.output, &e)) == NULL)
		crm_die(&e);
	return fp;
}

struct crm_csv_writer *
crm_program_output(struct crm_program *p)
{
	crm_program_csv(p, crm_program_output_stream(p), &p->w);
	return &p->w;
}

static int
is_stdout(const char *path)
{
	return path == NULL || strcmp(path, "-") == 0;
}

int
crm_program_side(struct crm_program *p, const char *option,
    const char *path, enum crm_side_kind kind, const char *what)
{
	int i;

	if (path == NULL)
		return -1;
	if (strcmp(path, "-") == 0) {
		if (kind == CRM_SIDE_DATA && is_stdout(p->opt.output))
			usage_error("%s - needs -o FILE: %s cannot both go to "
			    "standard output", option, what);
	} else {
		if (!is_stdout(p->opt.output) &&
		    strcmp(path, p->opt.output) == 0)
			usage_error("%s and %s name the same file", option,
			    "-o");
		for (i = 0; i < p->nsides; i++)
			if (strcmp(p->side[i].path, path) == 0)
				usage_error("%s and %s name the same file",
				    p->side[i].option, option);
	}
	if (p->nsides == MAX_SIDES)
		usage_error("%s%s: too many output files", option, "");
	p->side[p->nsides].option = option;
	p->side[p->nsides].path = path;
	p->side[p->nsides].kind = kind;
	return p->nsides++;
}

FILE *
crm_program_open_side(struct crm_program *p, int h)
{
	const struct side *s = &p->side[h];
	struct crm_error e;
	FILE *fp;

	if (s->kind == CRM_SIDE_REPORT && strcmp(s->path, "-") == 0)
		return stderr;
	if ((fp = crm_output_open(s->path, &e)) == NULL)
		crm_die(&e);
	return fp;
}

void
crm_program_warn(const struct crm_program *p, const char *fmt, ...)
{
	va_list ap;

	if (p->opt.quiet)
		return;
	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
}

void
crm_program_note(struct crm_program *p, const char *fmt, ...)
{
	va_list ap;
	char *text;
	int len;

	if (p->opt.quiet)
		return;
	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (p->nnotes == MAX_NOTES || len < 0 ||
	    (text = malloc((size_t)len + 1)) == NULL)
		crm_die_oom();
	va_start(ap, fmt);
	vsnprintf(text, (size_t)len + 1, fmt, ap);
	va_end(ap);
	p->note[p->nnotes++] = text;
}

void
crm_program_skipped_elsewhere(struct crm_program *p, size_t n,
    const char *where)
{
	p->skipped_elsewhere = n;
	p->elsewhere = where;
}

static void
report_skipped(const struct crm_program *p, size_t in)
{
	size_t n = p->skipped_elsewhere;
	const char *to = p->opt.rejects;

	if (p->opt.quiet || !p->opt.skip_bad)
		return;
	if (p->elsewhere != NULL)
		warnx("%zu bad record%s skipped (%zu %s)%s%s", in + n,
		    in + n == 1 ? "" : "s", n, p->elsewhere,
		    to ? ", table rows written to " : "", to ? to : "");
	else
		warnx("%zu bad record%s skipped%s%s", in, in == 1 ? "" : "s",
		    to ? ", written to " : "", to ? to : "");
}

/* The blank rows skipped: how many, and where the first was. */
struct blank {
	size_t n;
	char *file;		/* owned; NULL: no name to give */
	long line;
};

/* Taken before the input is closed, said after the outputs are committed. */
static void
blank_rows(const struct crm_program *p, struct blank *b)
{
	const char *file;

	b->n = 0;
	b->file = NULL;
	if (p->in == NULL || !p->opt.verbose || p->opt.quiet ||
	    (b->n = crm_input_blank(p->in, &file, &b->line)) == 0 ||
	    file == NULL)
		return;
	b->file = strdup(file);
}

/* With -v (and not -q): the count of blank rows skipped. */
static void
report_blank(struct blank *b)
{
	if (b->n > 0 && b->file != NULL)
		warnx("%zu blank row%s skipped, the first at %s:%ld", b->n,
		    b->n == 1 ? "" : "s", b->file, b->line);
	else if (b->n > 0)
		warnx("%zu blank row%s skipped", b->n, b->n == 1 ? "" : "s");
	free(b->file);
}

void
crm_program_finish(struct crm_program *p)
{
	struct crm_error e;
	size_t rejected = p->in != NULL ? crm_input_rejected(p->in) : 0;
	struct blank blank;
	int i;

	blank_rows(p, &blank);
	crm_input_close(p->in);
	p->in = NULL;
	if (crm_output_commit_all(&e) < 0)
		crm_die(&e);
	for (i = 0; i < p->nnotes; i++) {
		warnx("%s", p->note[i]);
		free(p->note[i]);
	}
	p->nnotes = 0;
	report_blank(&blank);
	report_skipped(p, rejected);
}
