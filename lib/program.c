/*
 * program.c - start, input, outputs and finish of a program (see
 * program.h).
 */
#include <err.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "output.h"
#include "program.h"

#define MAX_SIDES	8

struct side {
	const char *option;
	const char *path;
	enum crm_side_kind kind;
};

/* A file the program reads or writes, for telling two names apart. */
struct named {
	char *label;		/* "-o out.csv", "the input x.csv"... */
	struct crm_output_id id;
};

struct crm_program {
	const struct crm_program_def *def;
	void *ctx;			/* the program's, for its callback */
	int aggregates;			/* crm_program_start_aggregating */
	struct crm_common opt;
	char **operands;
	int noperands;
	struct crm_input *in;
	struct crm_csv_writer w;
	struct side side[MAX_SIDES];
	int nsides;
	char **note;			/* printed at the finish */
	size_t nnotes, capnotes;
	size_t skipped_elsewhere;
	const char *elsewhere;
	struct named out[MAX_SIDES + 1];	/* the outputs named so far */
	int nout;
	struct named *ins;			/* the inputs */
	size_t nins, cap_ins;
	const char *writing;	/* the output opened last, for messages */
	int dying;		/* crm_die is reporting an error */
};

/*
 * One program per process, living as long as the process: a program that
 * ends early (--list-presets, an error) has nothing to free.
 */
static struct crm_program program;

/*
 * Places an error that says nowhere (out of memory, an overflow found
 * after reading): at the record being read, else at the output being
 * written, else at the input read (when there is one file to name).
 */
static void
place(struct crm_error *e)
{
	const char *where = NULL;

	if (program.in != NULL && crm_input_line(program.in) > 0) {
		where = crm_input_name(program.in);
		e->line = crm_input_line(program.in);
	} else if (program.writing != NULL) {
		where = program.writing;
	} else if (program.in != NULL && program.noperands <= 1) {
		where = crm_input_name(program.in);
	}
	if (where != NULL)
		snprintf(e->file, sizeof(e->file), "%s", where);
}

void
crm_die(const struct crm_error *e)
{
	static struct crm_error placed;
	static char msg[CRM_ERROR_TEXT];

	program.dying = 1;
	if (e->file[0] == '\0' && e->status != CRM_EXIT_USAGE) {
		placed = *e;
		place(&placed);
		e = &placed;
	}
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
 * At exit: what went to standard output without an output commit
 * (--help, --version, --list-presets) must have been written; a full
 * disk is an error, as it is for the commit.
 */
static void
check_stdout(void)
{
	if (program.dying)
		return;
	errno = 0;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		program.dying = 1;
		warnx("<stdout>: write error: %s",
		    strerror(errno ? errno : EIO));
		_exit(CRM_EXIT_DATA);
	}
}

/* "OPTION PATH", or text alone when path is NULL; malloc'd. */
static char *
label(const char *text, const char *path)
{
	size_t n = strlen(text) + (path ? strlen(path) + 1 : 0) + 1;
	char *s = malloc(n);

	if (s == NULL)
		crm_die_oom();
	snprintf(s, n, "%s%s%s", text, path ? " " : "", path ? path : "");
	return s;
}

/* Two names of one file: an output's first, exits 2. */
static void __attribute__((noreturn))
same_file(const char *a, const char *b)
{
	program.dying = 1;
	errx(CRM_EXIT_USAGE, "%s and %s name the same file", a, b);
}

/*
 * Declares an output (path NULL: standard output), refused when it is
 * a file already named for an output or an input.  A name that cannot
 * be resolved (a missing directory) is left to the open to report.
 */
static void
name_output(struct crm_program *p, const char *text, const char *path,
    int fd)
{
	struct named *n = &p->out[p->nout];
	size_t i;

	if ((fd >= 0 ? crm_output_id_fd(fd, &n->id) :
	    crm_output_id(path, &n->id)) < 0)
		return;
	n->label = label(text, path);
	for (i = 0; i < (size_t)p->nout; i++)
		if (crm_output_id_same(&n->id, &p->out[i].id))
			same_file(p->out[i].label, n->label);
	for (i = 0; i < p->nins; i++)
		if (crm_output_id_same(&n->id, &p->ins[i].id))
			same_file(n->label, p->ins[i].label);
	p->nout++;
}

/* Declares an input (fd >= 0: that descriptor), as name_output. */
static void
name_input(struct crm_program *p, const char *text, const char *path,
    int fd)
{
	struct named n;
	int i;

	if ((fd >= 0 ? crm_output_id_fd(fd, &n.id) :
	    crm_output_id(path, &n.id)) < 0)
		return;
	n.label = label(text, path);
	for (i = 0; i < p->nout; i++)
		if (crm_output_id_same(&n.id, &p->out[i].id))
			same_file(p->out[i].label, n.label);
	if (crm_grow(&p->ins, &p->cap_ins, p->nins + 1, sizeof(*p->ins)) < 0 ||
	    crm_output_protect(&n.id) < 0)
		crm_die_oom();
	p->ins[p->nins++] = n;
}

static int
is_stdout(const char *path)
{
	return path == NULL || strcmp(path, "-") == 0;
}

/* The names checked at start, once the outputs are committed. */
static void
forget_names(struct crm_program *p)
{
	size_t i;

	for (i = 0; i < (size_t)p->nout; i++) {
		free(p->out[i].label);
		crm_output_id_free(&p->out[i].id);
	}
	for (i = 0; i < p->nins; i++) {
		free(p->ins[i].label);
		crm_output_id_free(&p->ins[i].id);
	}
	free(p->ins);
	p->ins = NULL;
	p->nins = p->cap_ins = 0;
	p->nout = 0;
}

/* "" is no file name: a usage error, before it can mean anything. */
static void
need_name(const char *what, const char *path)
{
	if (path != NULL && path[0] == '\0')
		usage_error("invalid %s \"%s\": expected a file name", what,
		    path);
}

/* The main output, -c and the operands (standard input when none). */
static void
name_files(struct crm_program *p)
{
	const char *o = p->opt.output;
	int i, dash = p->noperands == 0;

	if (is_stdout(o))
		name_output(p, "standard output", NULL, STDOUT_FILENO);
	else
		name_output(p, "-o", o, -1);
	if (p->opt.config != NULL)
		name_input(p, "-c", p->opt.config, -1);
	for (i = 0; i < p->noperands; i++) {
		need_name("operand", p->operands[i]);
		if (strcmp(p->operands[i], "-") == 0)
			dash = 1;
		else
			name_input(p, "the input", p->operands[i], -1);
	}
	if (dash)
		name_input(p, "standard input", NULL, STDIN_FILENO);
}

static struct crm_program *start(const struct crm_program_def *def,
    void *ctx, int argc, char **argv, int aggregates);

enum { OPT_PARTIAL = CRM_OPT_PROGRAM - 2, OPT_MERGE };

/* What an aggregating program takes besides its own options. */
static const struct option aggregate_options[] = {
	{ "partial", no_argument, NULL, OPT_PARTIAL },
	{ "merge", no_argument, NULL, OPT_MERGE },
	{ "jobs", required_argument, NULL, 'j' },
};
#define NAGGREGATE \
	(sizeof(aggregate_options) / sizeof(aggregate_options[0]))

/* --partial, --merge and -j; the program's own options to its callback. */
static int
aggregate_option(int opt, const char *arg, void *ctx, struct crm_error *e)
{
	struct crm_program *p = ctx;

	switch (opt) {
	case OPT_PARTIAL:
		p->opt.partial = 1;
		return 0;
	case OPT_MERGE:
		p->opt.merge = 1;
		return 0;
	case 'j':
		return crm_option_int("-j", arg, 1, CRM_PROGRAM_MAX_JOBS,
		    "threads", &p->opt.jobs, e);
	}
	return p->def->option(opt, arg, p->ctx, e);
}

/*
 * Parses argv: the program's own options, and those of an aggregating
 * program (def->aggregates) besides.  Returns as crm_options_parse.
 */
static int
parse(struct crm_program *p, int argc, char **argv, struct crm_error *e)
{
	const struct crm_program_def *def = p->def;
	struct option *all;
	size_t n = 0;
	int r;

	if (!p->aggregates)
		return crm_options_parse(argc, argv, "", def->options,
		    def->option, p->ctx, &p->opt, e);
	while (def->options != NULL && def->options[n].name != NULL)
		n++;
	if ((all = calloc(n + NAGGREGATE + 1, sizeof(*all))) == NULL)
		crm_die_oom();
	if (n > 0)
		memcpy(all, def->options, n * sizeof(*all));
	memcpy(all + n, aggregate_options, sizeof(aggregate_options));
	r = crm_options_parse(argc, argv, "j:", all, aggregate_option, p,
	    &p->opt, e);
	free(all);
	return r;
}

long
crm_program_jobs(const struct crm_program *p)
{
	long n;

	if (p->opt.jobs > 0)
		return p->opt.jobs;
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > CRM_PROGRAM_MAX_JOBS ? CRM_PROGRAM_MAX_JOBS :
	    n;
}

void
crm_program_parallel(struct crm_program *p,
    const struct crm_parallel_ops *ops, void *agg)
{
	struct crm_error e;
	long long size;
	long jobs;
	int r;

	if (p->opt.merge || p->in == NULL)
		return;
	/* file after file, while each can be read so */
	do {
		jobs = crm_program_jobs(p);
		if (p->opt.jobs == 0 && (size = crm_input_size(p->in)) >= 0 &&
		    size / CRM_PROGRAM_JOB_BYTES + 1 < jobs)
			jobs = (long)(size / CRM_PROGRAM_JOB_BYTES + 1);
		if ((r = crm_parallel_read(p->in, jobs, ops, agg, &e)) < 0 ||
		    (r > 0 && (r = crm_input_next_file(p->in, &e)) < 0))
			crm_die(&e);
	} while (r > 0);
}

struct crm_program *
crm_program_start(const struct crm_program_def *def, void *ctx, int argc,
    char **argv)
{
	return start(def, ctx, argc, argv, 0);
}

struct crm_program *
crm_program_start_aggregating(const struct crm_program_def *def, void *ctx,
    int argc, char **argv)
{
	return start(def, ctx, argc, argv, 1);
}

static struct crm_program *
start(const struct crm_program_def *def, void *ctx, int argc, char **argv,
    int aggregates)
{
	struct crm_program *p = &program;
	struct crm_error e;
	int r;

	/* before anything can open a file as descriptor 0, 1 or 2 */
	if (crm_output_guard_std() < 0)
		errx(CRM_EXIT_DATA, "/dev/null: %s", strerror(errno));
	memset(p, 0, sizeof(*p));
	p->def = def;
	p->ctx = ctx;
	p->aggregates = aggregates;
	/* first, so that it runs after the removal of temporary files */
	atexit(check_stdout);
	/*
	 * A reader that stops early (| head) ends us quietly, as it does
	 * cat and sort, even when the parent left SIGPIPE ignored.
	 */
	signal(SIGPIPE, SIG_DFL);
	r = parse(p, argc, argv, &e);
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
	if (p->opt.partial && p->opt.bom)
		usage_error("--bom is for a table a spreadsheet opens, not "
		    "%s%s", "--partial", "");
	crm_output_setup(def->name);
	p->operands = argv + optind;
	p->noperands = argc - optind;
	name_files(p);
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
	p->writing = is_stdout(p->opt.output) ? "<stdout>" : p->opt.output;
	return fp;
}

struct crm_csv_writer *
crm_program_output(struct crm_program *p)
{
	crm_program_csv(p, crm_program_output_stream(p), &p->w);
	return &p->w;
}

int
crm_program_side(struct crm_program *p, const char *option,
    const char *path, enum crm_side_kind kind, const char *what)
{
	if (path == NULL)
		return -1;
	need_name(option, path);
	if (strcmp(path, "-") == 0 && kind == CRM_SIDE_DATA &&
	    is_stdout(p->opt.output))
		usage_error("%s - needs -o FILE: %s cannot both go to "
		    "standard output", option, what);
	if (p->nsides == MAX_SIDES)
		usage_error("%s%s: too many output files", option, "");
	/* "-" for a report is standard error, where messages go too */
	if (strcmp(path, "-") != 0)
		name_output(p, option, path, -1);
	else if (kind == CRM_SIDE_DATA)
		name_output(p, option, path, STDOUT_FILENO);
	p->side[p->nsides].option = option;
	p->side[p->nsides].path = path;
	p->side[p->nsides].kind = kind;
	return p->nsides++;
}

void
crm_program_reads(struct crm_program *p, const char *option,
    const char *path)
{
	if (path == NULL)
		return;
	need_name(option, path);
	if (strcmp(path, "-") == 0)
		name_input(p, option, path, STDIN_FILENO);
	else
		name_input(p, option, path, -1);
}

FILE *
crm_program_open_side(struct crm_program *p, int h)
{
	const struct side *s = &p->side[h];
	struct crm_error e;
	FILE *fp;

	if (s->kind == CRM_SIDE_REPORT && strcmp(s->path, "-") == 0) {
		p->writing = "<stderr>";
		return stderr;
	}
	if ((fp = crm_output_open(s->path, &e)) == NULL)
		crm_die(&e);
	p->writing = strcmp(s->path, "-") == 0 ? "<stdout>" : s->path;
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
	if (len < 0 || crm_grow(&p->note, &p->capnotes, p->nnotes + 1,
	    sizeof(*p->note)) < 0 || (text = malloc((size_t)len + 1)) == NULL)
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

	/* --merge skips nothing: a row that is not partial state stops it */
	if (p->opt.quiet || !p->opt.skip_bad || p->opt.merge)
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
	size_t i;

	blank_rows(p, &blank);
	crm_input_close(p->in);
	p->in = NULL;
	if (crm_output_commit_all(&e) < 0)
		crm_die(&e);
	for (i = 0; i < p->nnotes; i++) {
		warnx("%s", p->note[i]);
		free(p->note[i]);
	}
	free(p->note);
	p->note = NULL;
	p->nnotes = p->capnotes = 0;
	report_blank(&blank);
	report_skipped(p, rejected);
	forget_names(p);
}
