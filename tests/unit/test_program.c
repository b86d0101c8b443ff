/*
 * test_program.c - the life of a program: start, input, outputs, notes
 * and finish, and what each says on standard error.
 *
 * program.c prints and exits, so each case runs in a child (in its own
 * scratch directory) whose standard output and error go to files, read
 * back once it has exited.  The messages start with the program's name,
 * which err(3) takes from the running binary: "test_program".  Every
 * expected text is written out by hand from the contract (crm(7)).
 */
/* posix_openpt(3) and its companions are XSI */
#define _XOPEN_SOURCE	700

#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <cmocka.h>

#include "program.h"

#define ARGC(a)	((int)(sizeof(a) / sizeof((a)[0])) - 1)

#define HINT	"test_program: reading CSV from standard input, a " \
		"terminal (end it with Ctrl-D; see --help for usage)\n"

static const char usage[] = "usage: crm-x [--days N] [file ...]\n";

enum { OPT_DAYS = CRM_OPT_PROGRAM };

static const struct option own_long[] = {
	{ "days", required_argument, NULL, OPT_DAYS },
	{ NULL, 0, NULL, 0 }
};

static int
own_option(int opt, const char *arg, void *ctx, struct crm_error *e)
{
	long *days = ctx;

	if (opt == OPT_DAYS)
		return crm_option_int("--days", arg, 0, 10, "days", days, e);
	return 0;
}

static const struct crm_program_def def = {
	"crm-x", usage, own_long, own_option
};

/* What a child did: its exit status and what it wrote. */
struct run {
	int status;
	char out[4096];
	char err[4096];
};

/*
 * What a child runs: argv for crm_program_start, then fn, then
 * crm_program_finish (unless fn exits).
 */
struct job {
	char **argv;
	int argc;
	void (*fn)(struct crm_program *p);
	int stdin_fd;		/* -1: /dev/null */
	int same_stream;	/* standard output and error in one file */
	const char *out_path;	/* standard output; NULL: the file "out" */
	int closed;		/* descriptors to close first: bit fd */
	int aggregating;	/* crm_program_start_aggregating */
};

static char scratch[] = "/tmp/crm-test-program.XXXXXX";

static void
slurp(const char *path, char *buf, size_t size)
{
	FILE *fp = fopen(path, "rb");
	size_t n = 0;

	if (fp != NULL) {
		n = fread(buf, 1, size - 1, fp);
		fclose(fp);
	}
	buf[n] = '\0';
}

static void
child(const struct job *j)
{
	struct crm_program *p;
	long days = -1;
	int out, err, in;

	/* a child that waits for input that never comes fails the test */
	alarm(10);
	if (chdir(scratch) != 0)
		_exit(98);
	out = open(j->out_path ? j->out_path : "out",
	    O_WRONLY | O_CREAT | O_TRUNC, 0600);
	err = j->same_stream ? dup(out) :
	    open("err", O_WRONLY | O_CREAT | O_TRUNC, 0600);
	in = j->stdin_fd >= 0 ? j->stdin_fd : open("/dev/null", O_RDONLY);
	if (out < 0 || err < 0 || in < 0 || dup2(in, 0) < 0 ||
	    dup2(out, 1) < 0 || dup2(err, 2) < 0)
		_exit(99);
	close(in);
	close(out);
	close(err);
	for (in = 0; in < 3; in++)
		if (j->closed & 1 << in)
			close(in);
	p = j->aggregating ?
	    crm_program_start_aggregating(&def, &days, j->argc, j->argv) :
	    crm_program_start(&def, &days, j->argc, j->argv);
	if (j->fn != NULL)
		j->fn(p);
	crm_program_finish(p);
	exit(0);
}

/* Runs j in a child in the scratch directory; fills *r. */
static void
run(const struct job *j, struct run *r)
{
	pid_t pid;
	int status;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		child(j);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	r->status = WEXITSTATUS(status);
	assert_true(r->status < 98);
	chdir(scratch);
	slurp("out", r->out, sizeof(r->out));
	slurp("err", r->err, sizeof(r->err));
	unlink("out");
	unlink("err");
}

static void
run_args(char **argv, int argc, void (*fn)(struct crm_program *),
    struct run *r)
{
	struct job j = { argv, argc, fn, -1, 0, NULL, 0, 0 };

	run(&j, r);
}

/* A file in the scratch directory. */
static void
put_file(const char *name, const char *text)
{
	FILE *fp;

	assert_int_equal(chdir(scratch), 0);
	fp = fopen(name, "w");
	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

static const char *
file_text(const char *name)
{
	static char buf[4096];

	assert_int_equal(chdir(scratch), 0);
	slurp(name, buf, sizeof(buf));
	return buf;
}

static int
setup(void **state)
{
	(void)state;
	return mkdtemp(scratch) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	DIR *dp = opendir(scratch);
	struct dirent *de;
	char path[512];

	(void)state;
	while (dp != NULL && (de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", scratch, de->d_name);
		unlink(path);
	}
	if (dp != NULL)
		closedir(dp);
	chdir("/");
	return rmdir(scratch);
}

static void
test_help_and_version(void **state)
{
	char *a1[] = { "crm-x", "--help", NULL };
	char *a2[] = { "crm-x", "-q", "-h", "--bogus", NULL };
	char *a3[] = { "crm-x", "--version", NULL };
	char *a4[] = { "crm-x", "-V", NULL };
	struct run r;

	(void)state;
	run_args(a1, ARGC(a1), NULL, &r);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, usage);
	assert_string_equal(r.err, "");
	/* help comes before a later bad option */
	run_args(a2, ARGC(a2), NULL, &r);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, usage);
	run_args(a3, ARGC(a3), NULL, &r);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "crm-x " CRM_VERSION "\n");
	assert_string_equal(r.err, "");
	run_args(a4, ARGC(a4), NULL, &r);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "crm-x " CRM_VERSION "\n");
}

static void
test_bad_usage(void **state)
{
	char *a1[] = { "crm-x", "--bogus", NULL };
	char *a2[] = { "crm-x", "--days", "1e30", NULL };
	char *a3[] = { "crm-x", "--days", "11", NULL };
	char *a4[] = { "crm-x", "-o", NULL };
	struct run r;

	(void)state;
	run_args(a1, ARGC(a1), NULL, &r);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.out, "");
	assert_string_equal(r.err,
	    "test_program: unknown option '--bogus' (try --help)\n");
	/* a program's own option, refused by its callback */
	run_args(a2, ARGC(a2), NULL, &r);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err, "test_program: invalid --days \"1e30\": "
	    "expected a whole number of days from 0 to 10\n");
	run_args(a3, ARGC(a3), NULL, &r);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err, "test_program: invalid --days \"11\": "
	    "expected a whole number of days from 0 to 10\n");
	run_args(a4, ARGC(a4), NULL, &r);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err, "test_program: option '-o' needs a value\n");
}

static void
svg_to_stdout(struct crm_program *p)
{
	crm_program_side(p, "--svg", "-", CRM_SIDE_DATA,
	    "the chart and the CSV");
}

static void
test_data_side_on_stdout_needs_output(void **state)
{
	char *a1[] = { "crm-x", NULL };
	char *a2[] = { "crm-x", "-o", "-", NULL };
	char *a3[] = { "crm-x", "-o", "out.csv", NULL };
	char *a4[] = { "crm-x", "--rejects", "-", NULL };
	char *a5[] = { "crm-x", "--rejects", "-", "-o", "out.csv", NULL };
	struct run r;

	(void)state;
	run_args(a1, ARGC(a1), svg_to_stdout, &r);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err, "test_program: --svg - needs -o FILE: the "
	    "chart and the CSV cannot both go to standard output\n");
	/* "-o -" is standard output too */
	run_args(a2, ARGC(a2), svg_to_stdout, &r);
	assert_int_equal(r.status, 2);
	run_args(a3, ARGC(a3), svg_to_stdout, &r);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, "");
	/* --rejects is declared by crm_program_start itself */
	run_args(a4, ARGC(a4), NULL, &r);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err, "test_program: --rejects - needs -o FILE: "
	    "rejected and good records cannot both go to standard output\n");
	run_args(a5, ARGC(a5), NULL, &r);
	assert_int_equal(r.status, 0);
}

static void
summary_and_svg_same(struct crm_program *p)
{
	crm_program_side(p, "--summary", "s.csv", CRM_SIDE_REPORT, NULL);
	crm_program_side(p, "--svg", "s.csv", CRM_SIDE_DATA, "x");
}

static void
svg_is_a_csv(struct crm_program *p)
{
	crm_program_side(p, "--svg", "a.csv", CRM_SIDE_DATA, "x");
}

static void
summary_on_rejects(struct crm_program *p)
{
	crm_program_side(p, "--summary", "r.csv", CRM_SIDE_REPORT, NULL);
}

/* A side output not asked for declares nothing, and fails nothing. */
static void
no_side(struct crm_program *p)
{
	if (crm_program_side(p, "--svg", NULL, CRM_SIDE_DATA, "x") != -1)
		exit(3);
}

static void
test_two_outputs_one_file(void **state)
{
	char *a1[] = { "crm-x", NULL };
	char *a2[] = { "crm-x", "-o", "a.csv", NULL };
	char *a3[] = { "crm-x", "--rejects", "r.csv", NULL };
	char *a4[] = { "crm-x", "--rejects", "a.csv", "-o", "a.csv", NULL };
	struct run r;

	(void)state;
	run_args(a1, ARGC(a1), summary_and_svg_same, &r);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err, "test_program: --summary s.csv and --svg "
	    "s.csv name the same file\n");
	run_args(a2, ARGC(a2), svg_is_a_csv, &r);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err,
	    "test_program: -o a.csv and --svg a.csv name the same file\n");
	run_args(a3, ARGC(a3), summary_on_rejects, &r);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err, "test_program: --rejects r.csv and "
	    "--summary r.csv name the same file\n");
	run_args(a4, ARGC(a4), NULL, &r);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err,
	    "test_program: -o a.csv and --rejects a.csv name the same file\n");
	run_args(a2, ARGC(a2), no_side, &r);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, "");
}

/* One CSV record, a warning now, two notes for the end. */
static void
warn_and_note(struct crm_program *p)
{
	struct crm_csv_writer *w = crm_program_output(p);

	crm_csv_puts(w, "a");
	crm_csv_puts(w, "b");
	crm_csv_end(w);
	crm_program_note(p, "later %s", "one");
	crm_program_warn(p, "now %d", 1);
	crm_program_note(p, "later %s", "two");
}

/*
 * Standard output and error in one file show the order of events: the
 * warning at once, the CSV (held in the output's buffer) at the commit,
 * then the notes in the order given.
 */
static void
test_notes_after_the_commit(void **state)
{
	char *a1[] = { "crm-x", NULL };
	char *a2[] = { "crm-x", "-q", NULL };
	char *a3[] = { "crm-x", "-o", "/dev/full", NULL };
	struct job j = { a1, ARGC(a1), warn_and_note, -1, 1, NULL, 0, 0 };
	struct run r;

	(void)state;
	run(&j, &r);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "test_program: now 1\n" "a,b\n"
	    "test_program: later one\n" "test_program: later two\n");
	/* -q: neither the warning nor the notes */
	j.argv = a2;
	j.argc = ARGC(a2);
	run(&j, &r);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "a,b\n");
	/* a commit that fails: its error, and no note */
	run_args(a3, ARGC(a3), warn_and_note, &r);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, "test_program: now 1\n"
	    "test_program: /dev/full: write error: No space left on device\n");
}

/* The main output with --bom and -d, a report side on standard error. */
static void
outputs(struct crm_program *p)
{
	int sum = crm_program_side(p, "--summary", "-", CRM_SIDE_REPORT,
	    NULL);
	int svg = crm_program_side(p, "--svg", "chart.svg", CRM_SIDE_DATA,
	    "x");
	struct crm_csv_writer *w = crm_program_output(p), sw;

	crm_csv_puts(w, "a");
	crm_csv_puts(w, "b;c");
	crm_csv_end(w);
	crm_program_csv(p, crm_program_open_side(p, sum), &sw);
	crm_csv_puts(&sw, "metric");
	crm_csv_puts(&sw, "value");
	crm_csv_end(&sw);
	fputs("<svg/>\n", crm_program_open_side(p, svg));
}

static void
test_outputs(void **state)
{
	char *a1[] = { "crm-x", "--bom", "-d", ";", "-o", "main.csv", NULL };
	struct run r;

	(void)state;
	run_args(a1, ARGC(a1), outputs, &r);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "");
	/* a CSV side output gets the BOM and the delimiter too */
	assert_string_equal(r.err, "\xEF\xBB\xBFmetric;value\n");
	assert_string_equal(file_text("main.csv"),
	    "\xEF\xBB\xBF" "a;\"b;c\"\n");
	assert_string_equal(file_text("chart.svg"), "<svg/>\n");
}

/* Reads every record; prints how many were good. */
static void
read_all(struct crm_program *p)
{
	struct crm_input *in = crm_program_input(p);
	struct crm_record *rec;
	struct crm_error e;
	int n = 0, got;

	while ((got = crm_input_read(in, &rec, &e)) > 0)
		n++;
	if (got < 0)
		crm_die(&e);
	printf("%d\n", n);
}

static void
read_all_elsewhere(struct crm_program *p)
{
	crm_program_skipped_elsewhere(p, 3, "in the log");
	read_all(p);
}

/*
 * in.csv has two records of the wrong width (lines 3 and 4) among three
 * good ones; one.csv has one.
 */
static void
test_skipped_report(void **state)
{
	char *a1[] = { "crm-x", "--skip-bad", "in.csv", NULL };
	char *a2[] = { "crm-x", "--rejects", "rej.csv", "-o", "o.csv",
	    "in.csv", NULL };
	char *a3[] = { "crm-x", "--skip-bad", "one.csv", NULL };
	char *a4[] = { "crm-x", "--skip-bad", "-q", "in.csv", NULL };
	char *a5[] = { "crm-x", "in.csv", NULL };
	char *a6[] = { "crm-x", "--rejects", "rej.csv", "one.csv", "in.csv",
	    "-o", "o.csv", NULL };
	struct run r;

	(void)state;
	put_file("in.csv", "id,v\na,1\nb\nc,3,x\nd,4\ne,5\n");
	put_file("one.csv", "id,v\nf\n");
	run_args(a1, ARGC(a1), read_all, &r);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "3\n");
	assert_string_equal(r.err, "test_program: 2 bad records skipped\n");
	run_args(a2, ARGC(a2), read_all, &r);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err,
	    "test_program: 2 bad records skipped, written to rej.csv\n");
	/* a short record padded, a long one's extra field after the error */
	assert_string_equal(file_text("rej.csv"), "id,v,error\n"
	    "b,,\"in.csv:3: expected 2 fields as in the header, found 1\"\n"
	    "c,3,\"in.csv:4: expected 2 fields as in the header, found 3\","
	    "x\n");
	run_args(a3, ARGC(a3), read_all, &r);
	assert_string_equal(r.out, "0\n");
	assert_string_equal(r.err, "test_program: 1 bad record skipped\n");
	run_args(a4, ARGC(a4), read_all, &r);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, "");
	/* without --skip-bad the first bad record stops the run */
	run_args(a5, ARGC(a5), read_all, &r);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.out, "");
	assert_string_equal(r.err, "test_program: in.csv:3: expected 2 "
	    "fields as in the header, found 1\n");
	/* the wording with records skipped outside the input: 1 + 2 + 3 */
	run_args(a3, ARGC(a3), read_all_elsewhere, &r);
	assert_string_equal(r.err,
	    "test_program: 4 bad records skipped (3 in the log)\n");
	run_args(a6, ARGC(a6), read_all_elsewhere, &r);
	assert_string_equal(r.err, "test_program: 6 bad records skipped "
	    "(3 in the log), table rows written to rej.csv\n");
}

/*
 * Blank rows (lines 3 ",", 4 empty, 6 ",,") are skipped: with -v a count
 * at the end with the first one's place, with -q or without -v nothing.
 */
static void
test_blank_rows(void **state)
{
	char *a1[] = { "crm-x", "-v", "b.csv", NULL };
	char *a2[] = { "crm-x", "b.csv", NULL };
	char *a3[] = { "crm-x", "-v", "-q", "b.csv", NULL };
	char *a4[] = { "crm-x", "--verbose", "in.csv", NULL };
	struct run r;

	(void)state;
	put_file("b.csv", "id,v\na,1\n,\n\nb,2\n,,\n");
	put_file("in.csv", "id,v\na,1\n");
	run_args(a1, ARGC(a1), read_all, &r);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "2\n");
	assert_string_equal(r.err,
	    "test_program: 3 blank rows skipped, the first at b.csv:3\n");
	run_args(a2, ARGC(a2), read_all, &r);
	assert_string_equal(r.out, "2\n");
	assert_string_equal(r.err, "");
	run_args(a3, ARGC(a3), read_all, &r);
	assert_string_equal(r.err, "");
	run_args(a4, ARGC(a4), read_all, &r);
	assert_string_equal(r.err, "");
}

static void
die_usage(struct crm_program *p)
{
	struct crm_error e;

	(void)p;
	crm_error_set(&e, CRM_EXIT_USAGE, "rules.yaml", 3, 7,
	    "unknown key '%s'", "wieght");
	crm_die(&e);
}

/* An error whose status was left 0 is bad data (1), not success. */
static void
die_no_status(struct crm_program *p)
{
	struct crm_error e;

	(void)p;
	crm_error_set(&e, 0, "in.csv", 12, 0, "%s", "no status");
	crm_die(&e);
}

static void
die_oom(struct crm_program *p)
{
	(void)p;
	crm_die_oom();
}

/* Out of memory at the second record (line 3) of the input. */
static void
die_reading(struct crm_program *p)
{
	struct crm_input *in = crm_program_input(p);
	struct crm_record *rec;
	struct crm_error e;

	if (crm_input_read(in, &rec, &e) <= 0 ||
	    crm_input_read(in, &rec, &e) <= 0)
		exit(3);
	crm_die_oom();
}

/* Out of memory once every record was read. */
static void
die_after_reading(struct crm_program *p)
{
	struct crm_input *in = crm_program_input(p);
	struct crm_record *rec;
	struct crm_error e;

	while (crm_input_read(in, &rec, &e) > 0)
		continue;
	crm_die_oom();
}

static void
die_writing_output(struct crm_program *p)
{
	struct crm_input *in = crm_program_input(p);
	struct crm_record *rec;
	struct crm_error e;

	while (crm_input_read(in, &rec, &e) > 0)
		continue;
	crm_program_output(p);
	crm_error_set(&e, CRM_EXIT_DATA, NULL, 0, 0, "out of memory");
	crm_die(&e);
}

/* A usage error without a file stays without one. */
static void
die_usage_nowhere(struct crm_program *p)
{
	struct crm_error e;

	crm_program_input(p);
	crm_error_set(&e, CRM_EXIT_USAGE, NULL, 0, 0, "bad %s", "usage");
	crm_die(&e);
}

/*
 * An error that says nowhere is placed where the program is: in.csv
 * has records on lines 2, 3 and 4.
 */
static void
test_die_placed(void **state)
{
	char *a1[] = { "crm-x", "in.csv", NULL };
	char *a2[] = { "crm-x", "in.csv", "in.csv", NULL };
	char *a3[] = { "crm-x", "-o", "o.csv", "in.csv", NULL };
	char *a4[] = { "crm-x", "in.csv", NULL };
	struct job j = { a4, ARGC(a4), die_reading, -1, 0, NULL, 0, 0 };
	struct run r;

	(void)state;
	put_file("in.csv", "id\na\nb\nc\n");
	run_args(a1, ARGC(a1), die_reading, &r);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, "test_program: in.csv:3: out of memory\n");
	run_args(a1, ARGC(a1), die_after_reading, &r);
	assert_string_equal(r.err, "test_program: in.csv: out of memory\n");
	/* which of two files: no name rather than a wrong one */
	run_args(a2, ARGC(a2), die_after_reading, &r);
	assert_string_equal(r.err, "test_program: out of memory\n");
	run_args(a3, ARGC(a3), die_writing_output, &r);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, "test_program: o.csv: out of memory\n");
	run_args(a1, ARGC(a1), die_writing_output, &r);
	assert_string_equal(r.err,
	    "test_program: <stdout>: out of memory\n");
	run_args(a1, ARGC(a1), die_usage_nowhere, &r);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err, "test_program: bad usage\n");
	/* standard input is "<stdin>" */
	a4[1] = "-";
	j.stdin_fd = open("in.csv", O_RDONLY);
	run(&j, &r);
	close(j.stdin_fd);
	assert_string_equal(r.err,
	    "test_program: <stdin>:3: out of memory\n");
	unlink("o.csv");
}

static void
test_die(void **state)
{
	char *a1[] = { "crm-x", NULL };
	struct run r;

	(void)state;
	run_args(a1, ARGC(a1), die_usage, &r);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err,
	    "test_program: rules.yaml:3:7: unknown key 'wieght'\n");
	run_args(a1, ARGC(a1), die_no_status, &r);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, "test_program: in.csv:12: no status\n");
	run_args(a1, ARGC(a1), die_oom, &r);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, "test_program: out of memory\n");
}

/* --deferred d.csv, a side output declared after the inputs. */
static void
side_d(struct crm_program *p)
{
	crm_program_side(p, "--deferred", "d.csv", CRM_SIDE_DATA, "x");
}

/* --log l.csv, an input declared after the outputs. */
static void
log_l(struct crm_program *p)
{
	crm_program_reads(p, "--log", "l.csv");
}

static void
svg_empty(struct crm_program *p)
{
	crm_program_side(p, "--svg", "", CRM_SIDE_DATA, "x");
}

/*
 * Outputs against inputs, by what the names resolve to: each message
 * names both, the output first; inputs may share a file.
 */
static void
test_output_on_input(void **state)
{
	char *a1[] = { "crm-x", "-o", "./in.csv", "in.csv", NULL };
	char *a2[] = { "crm-x", "-o", "o.csv", "--rejects", "link.csv",
	    "in.csv", NULL };
	char *a3[] = { "crm-x", "-o", "hard.csv", "-", NULL };
	char *a4[] = { "crm-x", "-o", "o.csv", "in.csv", NULL };
	char *a5[] = { "crm-x", "-o", "l.csv", "in.csv", NULL };
	char *a6[] = { "crm-x", "-c", "in.csv", "-o", "in.csv", NULL };
	char *a7[] = { "crm-x", "in.csv", "./in.csv", "-o", "o.csv", NULL };
	struct job j = { a3, ARGC(a3), NULL, -1, 0, NULL, 0, 0 };
	struct run r;

	(void)state;
	put_file("in.csv", "id\nx\n");
	put_file("d.csv", "old\n");
	assert_int_equal(symlink("in.csv", "link.csv"), 0);
	assert_int_equal(link("in.csv", "hard.csv"), 0);
	run_args(a1, ARGC(a1), NULL, &r);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err, "test_program: -o ./in.csv and the input "
	    "in.csv name the same file\n");
	run_args(a2, ARGC(a2), NULL, &r);
	assert_string_equal(r.err, "test_program: --rejects link.csv and the "
	    "input in.csv name the same file\n");
	/* standard input is in.csv, through its hard link */
	j.stdin_fd = open("in.csv", O_RDONLY);
	run(&j, &r);
	close(j.stdin_fd);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err, "test_program: -o hard.csv and standard "
	    "input name the same file\n");
	/* the input as a side output named later */
	put_file("d.csv", "id\ny\n");
	a4[3] = "d.csv";
	run_args(a4, ARGC(a4), side_d, &r);
	assert_string_equal(r.err, "test_program: --deferred d.csv and the "
	    "input d.csv name the same file\n");
	assert_string_equal(file_text("d.csv"), "id\ny\n");
	/* an input declared after the output it would be */
	run_args(a5, ARGC(a5), log_l, &r);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err,
	    "test_program: -o l.csv and --log l.csv name the same file\n");
	run_args(a6, ARGC(a6), NULL, &r);
	assert_string_equal(r.err,
	    "test_program: -o in.csv and -c in.csv name the same file\n");
	/* one file read twice is no clash */
	run_args(a7, ARGC(a7), NULL, &r);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, "");
	unlink("link.csv");
	unlink("hard.csv");
	unlink("o.csv");
}

/*
 * Standard output is a file (the child's "out"): a side output that
 * names it, or a data side "-" with an -o that names it, is refused.
 */
static void
test_standard_output_named(void **state)
{
	char *a1[] = { "crm-x", "--rejects", "out", NULL };
	char *a2[] = { "crm-x", "-o", "./out", "--rejects", "-", NULL };
	char *a3[] = { "crm-x", "-o", "/dev/null", "--rejects", "/dev/null",
	    NULL };
	struct run r;

	(void)state;
	run_args(a1, ARGC(a1), NULL, &r);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err, "test_program: standard output and "
	    "--rejects out name the same file\n");
	run_args(a2, ARGC(a2), NULL, &r);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err, "test_program: -o ./out and --rejects - "
	    "name the same file\n");
	/* a device may be named twice */
	run_args(a3, ARGC(a3), NULL, &r);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, "test_program: 0 bad records skipped, "
	    "written to /dev/null\n");
}

/* An empty name is bad usage (2), before anything is read or written. */
static void
test_empty_names(void **state)
{
	char *a1[] = { "crm-x", "-o", "", NULL };
	char *a2[] = { "crm-x", "", NULL };
	char *a3[] = { "crm-x", "--rejects=", NULL };
	char *a4[] = { "crm-x", "-c", "", NULL };
	char *a5[] = { "crm-x", "-o", "o.csv", NULL };
	struct run r;

	(void)state;
	run_args(a1, ARGC(a1), NULL, &r);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err,
	    "test_program: invalid -o \"\": expected a file name\n");
	run_args(a2, ARGC(a2), NULL, &r);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err,
	    "test_program: invalid operand \"\": expected a file name\n");
	run_args(a3, ARGC(a3), NULL, &r);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err,
	    "test_program: invalid --rejects \"\": expected a file name\n");
	run_args(a4, ARGC(a4), NULL, &r);
	assert_string_equal(r.err,
	    "test_program: invalid -c \"\": expected a file name\n");
	run_args(a5, ARGC(a5), svg_empty, &r);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.err,
	    "test_program: invalid --svg \"\": expected a file name\n");
}

/* What goes to standard output without a commit is checked at exit. */
static void
test_help_write_error(void **state)
{
	char *a1[] = { "crm-x", "--help", NULL };
	char *a2[] = { "crm-x", "--version", NULL };
	struct job j = { a1, ARGC(a1), NULL, -1, 0, "/dev/full", 0, 0 };
	struct run r;

	(void)state;
	run(&j, &r);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, "test_program: <stdout>: write error: "
	    "No space left on device\n");
	j.argv = a2;
	j.argc = ARGC(a2);
	run(&j, &r);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, "test_program: <stdout>: write error: "
	    "No space left on device\n");
	/* and a closed standard output is a write error too */
	j.out_path = NULL;
	j.closed = 1 << 1;
	run(&j, &r);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, "test_program: <stdout>: write error: "
	    "Bad file descriptor\n");
}

/* Writes "a\n" as the main output and "s\n" to --svg s.csv. */
static void
main_and_svg(struct crm_program *p)
{
	int h = crm_program_side(p, "--svg", "s.csv", CRM_SIDE_DATA, "x");
	struct crm_csv_writer *w = crm_program_output(p);

	crm_csv_puts(w, "a");
	crm_csv_end(w);
	fputs("s\n", crm_program_open_side(p, h));
}

/*
 * Started with standard output or error closed, the program opens no
 * file as descriptor 1 or 2: nothing lands in s.csv but its own line.
 * A closed standard output is a write error; a closed standard error
 * loses the messages only.
 */
static void
test_closed_descriptors(void **state)
{
	char *a1[] = { "crm-x", "-o", "-", NULL };
	char *a2[] = { "crm-x", "-o", "o.csv", NULL };
	char *a3[] = { "crm-x", "in.csv", NULL };
	struct job j = { a1, ARGC(a1), main_and_svg, -1, 0, NULL, 1 << 1, 0 };
	struct run r;

	(void)state;
	/* "-o -" and --svg s.csv: standard output closed */
	run(&j, &r);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, "test_program: <stdout>: write error: "
	    "Bad file descriptor\n");
	assert_int_equal(access("s.csv", F_OK), -1);
	/* standard error closed: the outputs whole, in their files */
	j.argv = a2;
	j.argc = ARGC(a2);
	j.closed = 1 << 2;
	run(&j, &r);
	assert_int_equal(r.status, 0);
	assert_string_equal(file_text("o.csv"), "a\n");
	assert_string_equal(file_text("s.csv"), "s\n");
	/* standard input closed: the operand is read all the same */
	put_file("in.csv", "id\nx\ny\n");
	j.argv = a3;
	j.argc = ARGC(a3);
	j.fn = read_all;
	j.closed = 1 << 0;
	j.stdin_fd = -1;
	run(&j, &r);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "2\n");
	unlink("o.csv");
	unlink("s.csv");
}

static void
test_options_and_operands(void **state)
{
	char *argv[] = { "crm-x", "--tsv", "a.csv", "--days", "7", "b.csv",
	    NULL };
	struct crm_program *p;
	char **ops;
	long days = -1;
	int n;

	(void)state;
	/* no exit on this path: safe in the test process itself */
	p = crm_program_start(&def, &days, ARGC(argv), argv);
	assert_int_equal(crm_program_options(p)->delim, '\t');
	assert_int_equal(days, 7);
	ops = crm_program_operands(p, &n);
	assert_int_equal(n, 2);
	assert_string_equal(ops[0], "a.csv");
	assert_string_equal(ops[1], "b.csv");
	assert_null(crm_program_current_input(p));
	crm_program_finish(p);
}

/*
 * The terminal hint, on a real pseudo-terminal: the child's standard
 * input is the terminal's slave side; the test types a header, a record
 * and Ctrl-D on the master side (canonical mode: each line is read
 * whole, Ctrl-D at the start of a line is the end of the input).
 */
static void
on_terminal(char **argv, int argc, struct run *r)
{
	struct job j = { argv, argc, read_all, -1, 0, NULL, 0, 0 };
	struct termios t;
	int master, slave;

	master = posix_openpt(O_RDWR | O_NOCTTY);
	assert_true(master >= 0);
	assert_int_equal(grantpt(master), 0);
	assert_int_equal(unlockpt(master), 0);
	slave = open(ptsname(master), O_RDWR | O_NOCTTY);
	assert_true(slave >= 0);
	/* no echo: nothing need read the master side */
	assert_int_equal(tcgetattr(slave, &t), 0);
	t.c_lflag &= ~(tcflag_t)ECHO;
	t.c_lflag |= ICANON;
	assert_int_equal(tcsetattr(slave, TCSANOW, &t), 0);
	assert_int_equal(write(master, "id\nx\n\x04", 6), 6);
	j.stdin_fd = slave;
	run(&j, r);
	close(slave);
	close(master);
}

static void
test_terminal_hint(void **state)
{
	char *a1[] = { "crm-x", NULL };
	char *a2[] = { "crm-x", "a.csv", "-", NULL };
	char *a3[] = { "crm-x", "-q", NULL };
	char *a4[] = { "crm-x", "a.csv", NULL };
	struct run r;

	(void)state;
	put_file("a.csv", "id\ny\nz\n");
	on_terminal(a1, ARGC(a1), &r);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, HINT);
	assert_string_equal(r.out, "1\n");
	/* "-" among the operands: the terminal is read after a.csv */
	on_terminal(a2, ARGC(a2), &r);
	assert_string_equal(r.err, HINT);
	assert_string_equal(r.out, "3\n");
	on_terminal(a3, ARGC(a3), &r);
	assert_string_equal(r.err, "");
	assert_string_equal(r.out, "1\n");
	/* the terminal is not read */
	on_terminal(a4, ARGC(a4), &r);
	assert_string_equal(r.err, "");
	assert_string_equal(r.out, "2\n");
}

/* Standard input a file or a pipe: no hint. */
static void
test_no_hint_for_file_or_pipe(void **state)
{
	char *a1[] = { "crm-x", NULL };
	struct job j = { a1, ARGC(a1), read_all, -1, 0, NULL, 0, 0 };
	struct run r;
	int fd[2];

	(void)state;
	put_file("a.csv", "id\ny\nz\n");
	j.stdin_fd = open("a.csv", O_RDONLY);
	assert_true(j.stdin_fd >= 0);
	run(&j, &r);
	close(j.stdin_fd);
	assert_string_equal(r.err, "");
	assert_string_equal(r.out, "2\n");
	assert_int_equal(pipe(fd), 0);
	assert_int_equal(write(fd[1], "id\nw\n", 5), 5);
	close(fd[1]);
	j.stdin_fd = fd[0];
	run(&j, &r);
	close(fd[0]);
	assert_string_equal(r.err, "");
	assert_string_equal(r.out, "1\n");
}

/*
 * --merge reads partial state, headerless, and skips no row (one that is
 * not partial state stops it): --skip-bad and --rejects, in the option
 * string every stage shares, say no count and write no rejects file
 * (it said "0 bad records skipped, written to rej.csv", with no file).
 * The rows here are of any width, as partial state's are.
 */
static void
test_merge_skips_nothing(void **state)
{
	char *a1[] = { "crm-x", "--merge", "--skip-bad", "--rejects",
	    "rej.csv", "p.csv", NULL };
	struct job j = { a1, ARGC(a1), read_all, -1, 0, NULL, 0, 1 };
	struct run r;

	(void)state;
	put_file("p.csv", "a,crm1.x\nb,crm1.x,1,2\n");
	unlink("rej.csv");
	run(&j, &r);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "2\n");
	assert_string_equal(r.err, "");
	assert_int_equal(access("rej.csv", F_OK), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_help_and_version),
		cmocka_unit_test(test_bad_usage),
		cmocka_unit_test(test_data_side_on_stdout_needs_output),
		cmocka_unit_test(test_two_outputs_one_file),
		cmocka_unit_test(test_notes_after_the_commit),
		cmocka_unit_test(test_outputs),
		cmocka_unit_test(test_skipped_report),
		cmocka_unit_test(test_merge_skips_nothing),
		cmocka_unit_test(test_blank_rows),
		cmocka_unit_test(test_die),
		cmocka_unit_test(test_die_placed),
		cmocka_unit_test(test_output_on_input),
		cmocka_unit_test(test_standard_output_named),
		cmocka_unit_test(test_empty_names),
		cmocka_unit_test(test_help_write_error),
		cmocka_unit_test(test_closed_descriptors),
		cmocka_unit_test(test_options_and_operands),
		cmocka_unit_test(test_terminal_hint),
		cmocka_unit_test(test_no_hint_for_file_or_pipe),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
