/*
 * test_output.c - output files that appear whole or not at all.
 *
 * Each test works in its own directory from mkdtemp(3) and removes it
 * at the end.  Temporary files are recognised by output.c's naming:
 * a dot, the final name, the program's name ("crm-output" until
 * crm_output_setup names one), a dot and six more characters (mkstemp's
 * XXXXXX).
 */
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "output.h"

struct dir {
	char path[64];
	char file[128];		/* path/out.csv */
};

static void
make_dir(struct dir *d)
{
	snprintf(d->path, sizeof(d->path), "/tmp/crm-test-output.XXXXXX");
	assert_non_null(mkdtemp(d->path));
	snprintf(d->file, sizeof(d->file), "%s/out.csv", d->path);
}

/* Removes every file in d, then d. */
static void
remove_dir(struct dir *d)
{
	DIR *dp = opendir(d->path);
	struct dirent *de;
	char p[512];

	assert_non_null(dp);
	while ((de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(p, sizeof(p), "%s/%s", d->path, de->d_name);
		unlink(p);
	}
	closedir(dp);
	assert_int_equal(rmdir(d->path), 0);
}

/* Files in dir named prefix and six more characters (mkstemp's). */
static int
count_prefix(const char *dir, const char *prefix)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	int n = 0;

	assert_non_null(dp);
	while ((de = readdir(dp)) != NULL)
		if (strncmp(de->d_name, prefix, strlen(prefix)) == 0 &&
		    strlen(de->d_name) == strlen(prefix) + 6)
			n++;
	closedir(dp);
	return n;
}

/* The temporary files of d->file: ".out.csv.crm-output.XXXXXX". */
static int
count_temps(const struct dir *d)
{
	return count_prefix(d->path, ".out.csv.crm-output.");
}

static int
exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* The whole content of path, in a static buffer. */
static const char *
slurp(const char *path)
{
	static char buf[4096];
	FILE *fp = fopen(path, "rb");
	size_t n;

	assert_non_null(fp);
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static void
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

static mode_t
mode_of(const char *path)
{
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	return st.st_mode & 07777;
}

static void
test_commit_creates_file(void **state)
{
	struct crm_error e;
	struct dir d;
	FILE *fp;

	(void)state;
	make_dir(&d);
	fp = crm_output_open(d.file, &e);
	assert_non_null(fp);
	assert_true(fp != stdout);
	fputs("a,b\n1,2\n", fp);
	/* before the commit: only a temporary file */
	assert_false(exists(d.file));
	assert_int_equal(count_temps(&d), 1);
	assert_int_equal(crm_output_commit_all(&e), 0);
	assert_true(exists(d.file));
	assert_string_equal(slurp(d.file), "a,b\n1,2\n");
	assert_int_equal(count_temps(&d), 0);
	remove_dir(&d);
}

/*
 * Output is buffered 64 KiB at a time (stdio's own buffer would be 4 KiB):
 * 60,000 bytes leave the temporary file empty, and the next 10,000 make
 * the first 65,536 go out in one write.
 */
static void
test_written_in_64k_blocks(void **state)
{
	struct crm_error e;
	struct stat st;
	struct dir d;
	FILE *fp;
	int i;

	(void)state;
	make_dir(&d);
	fp = crm_output_open(d.file, &e);
	assert_non_null(fp);
	for (i = 0; i < 6000; i++)
		fputs("123456789\n", fp);
	assert_int_equal(fstat(fileno(fp), &st), 0);
	assert_int_equal(st.st_size, 0);
	for (i = 0; i < 1000; i++)
		fputs("123456789\n", fp);
	assert_int_equal(fstat(fileno(fp), &st), 0);
	assert_int_equal(st.st_size, 65536);
	assert_int_equal(crm_output_commit_all(&e), 0);
	assert_int_equal(stat(d.file, &st), 0);
	assert_int_equal(st.st_size, 70000);
	remove_dir(&d);
}

static void
test_commit_replaces_old_content(void **state)
{
	struct crm_error e;
	struct dir d;
	FILE *fp;

	(void)state;
	make_dir(&d);
	write_file(d.file, "old\n");
	fp = crm_output_open(d.file, &e);
	assert_non_null(fp);
	fputs("new,content\n", fp);
	fflush(fp);
	/* flushed, but still not in place */
	assert_string_equal(slurp(d.file), "old\n");
	assert_int_equal(crm_output_commit_all(&e), 0);
	assert_string_equal(slurp(d.file), "new,content\n");
	assert_int_equal(count_temps(&d), 0);
	remove_dir(&d);
}

static void
test_mode_follows_umask(void **state)
{
	struct crm_error e;
	struct dir d;
	mode_t old;
	FILE *fp;

	(void)state;
	make_dir(&d);
	old = umask(022);
	fp = crm_output_open(d.file, &e);
	assert_non_null(fp);
	assert_int_equal(crm_output_commit_all(&e), 0);
	/* 0666 & ~022 */
	assert_int_equal(mode_of(d.file), 0644);
	unlink(d.file);

	umask(077);
	fp = crm_output_open(d.file, &e);
	assert_non_null(fp);
	assert_int_equal(crm_output_commit_all(&e), 0);
	/* 0666 & ~077 */
	assert_int_equal(mode_of(d.file), 0600);
	unlink(d.file);

	umask(0);
	fp = crm_output_open(d.file, &e);
	assert_non_null(fp);
	assert_int_equal(crm_output_commit_all(&e), 0);
	assert_int_equal(mode_of(d.file), 0666);
	umask(old);
	remove_dir(&d);
}

static void
test_existing_mode_kept(void **state)
{
	struct crm_error e;
	struct dir d;
	mode_t old;
	FILE *fp;

	(void)state;
	make_dir(&d);
	write_file(d.file, "old\n");
	assert_int_equal(chmod(d.file, 0640), 0);
	/* the umask would give 0644 to a new file; the old mode wins */
	old = umask(022);
	fp = crm_output_open(d.file, &e);
	assert_non_null(fp);
	fputs("new\n", fp);
	assert_int_equal(crm_output_commit_all(&e), 0);
	umask(old);
	assert_int_equal(mode_of(d.file), 0640);
	assert_string_equal(slurp(d.file), "new\n");
	remove_dir(&d);
}

static void
test_missing_directory(void **state)
{
	struct crm_error e;
	struct dir d;
	char path[256];

	(void)state;
	make_dir(&d);
	snprintf(path, sizeof(path), "%s/no/such/dir/out.csv", d.path);
	memset(&e, 0, sizeof(e));
	assert_null(crm_output_open(path, &e));
	assert_int_equal(e.status, 1);
	assert_string_equal(e.file, path);
	assert_non_null(strstr(e.msg, "cannot write"));
	assert_string_equal(e.msg, "cannot write: No such file or directory");
	remove_dir(&d);
}

static void
test_directory_as_output(void **state)
{
	struct crm_error e;
	struct dir d;

	(void)state;
	make_dir(&d);
	memset(&e, 0, sizeof(e));
	/* an existing directory is not a regular file, and not writable */
	assert_null(crm_output_open(d.path, &e));
	assert_int_equal(e.status, 1);
	assert_string_equal(e.msg, "cannot write: Is a directory");
	remove_dir(&d);
}

static void
test_dev_null_in_place(void **state)
{
	struct crm_error e;
	struct stat st;
	FILE *fp;

	(void)state;
	fp = crm_output_open("/dev/null", &e);
	assert_non_null(fp);
	fputs("discarded\n", fp);
	assert_int_equal(crm_output_commit_all(&e), 0);
	/* still the device, not a regular file renamed over it */
	assert_int_equal(stat("/dev/null", &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	assert_int_equal(count_prefix("/dev", "null."), 0);
}

static void
test_stdout(void **state)
{
	struct crm_error e;

	(void)state;
	assert_ptr_equal(crm_output_open("-", &e), stdout);
	assert_ptr_equal(crm_output_open(NULL, &e), stdout);
	/* committing standard output flushes it and leaves it open */
	assert_int_equal(crm_output_commit_all(&e), 0);
	assert_int_equal(fprintf(stdout, "%s", ""), 0);
	assert_int_equal(fflush(stdout), 0);
}

static void
test_dev_full_fails_at_commit(void **state)
{
	struct crm_error e;
	FILE *fp;

	(void)state;
	fp = crm_output_open("/dev/full", &e);
	assert_non_null(fp);
	/* a small write is only buffered: the error comes at the commit */
	fputs("a,b\n", fp);
	memset(&e, 0, sizeof(e));
	assert_int_equal(crm_output_commit_all(&e), -1);
	assert_int_equal(e.status, 1);
	assert_string_equal(e.file, "/dev/full");
	assert_string_equal(e.msg, "write error: No space left on device");
}

static void
test_failed_commit_keeps_old_file(void **state)
{
	struct crm_error e;
	struct dir d;
	char moved[128];
	FILE *fp;

	(void)state;
	make_dir(&d);
	write_file(d.file, "old\n");
	fp = crm_output_open(d.file, &e);
	assert_non_null(fp);
	fputs("new\n", fp);
	/*
	 * move the directory away: the rename into place then fails with
	 * ENOENT, and the old file (now under the new name) is untouched
	 */
	snprintf(moved, sizeof(moved), "%s.moved", d.path);
	assert_int_equal(rename(d.path, moved), 0);
	memset(&e, 0, sizeof(e));
	assert_int_equal(crm_output_commit_all(&e), -1);
	assert_int_equal(e.status, 1);
	assert_string_equal(e.file, d.file);
	assert_string_equal(e.msg, "write error: No such file or directory");
	assert_int_equal(rename(moved, d.path), 0);
	assert_string_equal(slurp(d.file), "old\n");
	remove_dir(&d);
}

static void
test_too_many_outputs(void **state)
{
	FILE *fp[CRM_OUTPUT_MAX];
	struct crm_error e;
	struct dir d;
	char path[160];
	int i;

	(void)state;
	make_dir(&d);
	for (i = 0; i < CRM_OUTPUT_MAX; i++) {
		snprintf(path, sizeof(path), "%s/f%d", d.path, i);
		fp[i] = crm_output_open(path, &e);
		assert_non_null(fp[i]);
	}
	snprintf(path, sizeof(path), "%s/one-more", d.path);
	memset(&e, 0, sizeof(e));
	assert_null(crm_output_open(path, &e));
	assert_string_equal(e.msg, "too many output files");
	/* one commit frees every slot */
	assert_int_equal(crm_output_commit_all(&e), 0);
	for (i = 0; i < CRM_OUTPUT_MAX; i++) {
		snprintf(path, sizeof(path), "%s/f%d", d.path, i);
		assert_true(exists(path));
	}
	snprintf(path, sizeof(path), "%s/one-more", d.path);
	fp[0] = crm_output_open(path, &e);
	assert_non_null(fp[0]);
	assert_int_equal(crm_output_commit_all(&e), 0);
	remove_dir(&d);
}

static void
test_uncommitted_removed_at_exit(void **state)
{
	struct dir d;
	pid_t pid;
	int status;

	(void)state;
	make_dir(&d);
	/* nothing buffered may be written twice by the child's exit */
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct crm_error e;
		FILE *fp = crm_output_open(d.file, &e);

		if (fp == NULL)
			_exit(3);
		fputs("half written\n", fp);
		fflush(fp);
		/* the temporary file exists until exit removes it */
		if (count_temps(&d) != 1)
			_exit(4);
		exit(1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 1);
	assert_int_equal(count_temps(&d), 0);
	assert_false(exists(d.file));
	remove_dir(&d);
}

/*
 * A reader that stops early (| head) kills a program with SIGPIPE, as it
 * does cat: the temporary files of the outputs not yet committed (a
 * --summary or --params file) are removed on the way, as on SIGTERM.
 */
static void
test_uncommitted_removed_on_sigpipe(void **state)
{
	struct dir d;
	pid_t pid;
	int status;

	(void)state;
	make_dir(&d);
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct crm_error e;
		FILE *fp;

		crm_output_setup(NULL);
		if ((fp = crm_output_open(d.file, &e)) == NULL)
			_exit(3);
		fputs("half written\n", fp);
		fflush(fp);
		if (count_temps(&d) != 1)
			_exit(4);
		raise(SIGPIPE);
		_exit(5);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGPIPE);
	assert_int_equal(count_temps(&d), 0);
	assert_false(exists(d.file));
	remove_dir(&d);
}

static void
test_commit_all_is_all_or_nothing(void **state)
{
	struct crm_error e;
	struct dir d;
	char other[160];
	FILE *a, *full;

	(void)state;
	make_dir(&d);
	snprintf(other, sizeof(other), "%s/summary.csv", d.path);
	write_file(d.file, "old\n");
	a = crm_output_open(d.file, &e);
	full = crm_output_open("/dev/full", &e);
	assert_non_null(a);
	assert_non_null(full);
	fputs("new\n", a);
	fputs("x\n", full);
	/* /dev/full fails, so out.csv must keep its old content */
	assert_int_equal(crm_output_commit_all(&e), -1);
	assert_string_equal(e.file, "/dev/full");
	assert_string_equal(slurp(d.file), "old\n");
	assert_int_equal(count_temps(&d), 0);
	/* and a good pair is committed together */
	a = crm_output_open(d.file, &e);
	full = crm_output_open(other, &e);
	fputs("new\n", a);
	fputs("sum\n", full);
	assert_int_equal(crm_output_commit_all(&e), 0);
	assert_string_equal(slurp(d.file), "new\n");
	assert_string_equal(slurp(other), "sum\n");
	assert_int_equal(count_temps(&d), 0);
	remove_dir(&d);
}

static void
test_same_file_twice(void **state)
{
	struct crm_error e;
	struct dir d;
	FILE *a;

	(void)state;
	make_dir(&d);
	a = crm_output_open(d.file, &e);
	assert_non_null(a);
	assert_null(crm_output_open(d.file, &e));
	assert_int_equal(e.status, CRM_EXIT_USAGE);
	assert_string_equal(e.msg, "named for two outputs");
	assert_int_equal(crm_output_commit_all(&e), 0);
	remove_dir(&d);
}

/* Opens name in d (or fails the test); the stream. */
static FILE *
open_in(const struct dir *d, const char *name)
{
	struct crm_error e;
	char path[512];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", d->path, name);
	fp = crm_output_open(path, &e);
	assert_non_null(fp);
	return fp;
}

/* Opening name in d after the outputs opened so far fails: the message. */
static const char *
refused_in(const struct dir *d, const char *name)
{
	static struct crm_error e;
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", d->path, name);
	memset(&e, 0, sizeof(e));
	assert_null(crm_output_open(path, &e));
	assert_int_equal(e.status, CRM_EXIT_USAGE);
	assert_string_equal(e.file, path);
	return e.msg;
}

/*
 * One file under two names is one file, whatever the spelling: ./x and
 * x, a symbolic link, a hard link, a directory and "..", two dangling
 * links to one target and that target.  Found before a byte is written.
 */
static void
test_two_names_one_file(void **state)
{
	struct crm_error e;
	struct dir d;
	char a[512], b[512], sub[256];

	(void)state;
	make_dir(&d);
	snprintf(sub, sizeof(sub), "%s/sub", d.path);
	assert_int_equal(mkdir(sub, 0700), 0);
	write_file(d.file, "old\n");
	snprintf(a, sizeof(a), "%s/out.csv", d.path);
	snprintf(b, sizeof(b), "%s/link.csv", d.path);
	assert_int_equal(symlink("out.csv", b), 0);
	snprintf(b, sizeof(b), "%s/hard.csv", d.path);
	assert_int_equal(link(a, b), 0);
	snprintf(a, sizeof(a), "%s/d1", d.path);
	assert_int_equal(symlink("new.csv", a), 0);
	snprintf(a, sizeof(a), "%s/d2", d.path);
	assert_int_equal(symlink("./sub/../new.csv", a), 0);

	open_in(&d, "out.csv");
	assert_string_equal(refused_in(&d, "./out.csv"),
	    "named for two outputs");
	refused_in(&d, "link.csv");
	refused_in(&d, "hard.csv");
	refused_in(&d, "sub/../out.csv");
	open_in(&d, "d1");
	refused_in(&d, "d2");
	refused_in(&d, "new.csv");
	refused_in(&d, "sub/../new.csv");
	/* a refused name costs no slot and leaves no temporary file */
	assert_int_equal(crm_output_commit_all(&e), 0);
	assert_string_equal(slurp(d.file), "");
	snprintf(a, sizeof(a), "%s/new.csv", d.path);
	assert_true(exists(a));
	assert_int_equal(rmdir(sub), 0);
	remove_dir(&d);
}

/* /dev/null (a character device) may take any number of outputs. */
static void
test_device_twice(void **state)
{
	struct crm_error e;

	(void)state;
	assert_non_null(crm_output_open("/dev/null", &e));
	assert_non_null(crm_output_open("/dev/null", &e));
	assert_non_null(crm_output_open("/dev/./null", &e));
	assert_int_equal(crm_output_commit_all(&e), 0);
}

/* An input declared with crm_output_protect is never written. */
static void
test_input_protected(void **state)
{
	struct crm_output_id id;
	struct crm_error e;
	struct dir d;

	(void)state;
	make_dir(&d);
	write_file(d.file, "id\n1\n");
	assert_int_equal(crm_output_id(d.file, &id), 0);
	assert_int_equal(crm_output_protect(&id), 0);
	crm_output_id_free(&id);
	assert_string_equal(refused_in(&d, "./out.csv"),
	    "is an input: an output may not replace it");
	assert_string_equal(slurp(d.file), "id\n1\n");
	assert_int_equal(count_temps(&d), 0);
	/* the commit ends the round: the file is no input any more */
	assert_int_equal(crm_output_commit_all(&e), 0);
	fputs("x\n", open_in(&d, "out.csv"));
	assert_int_equal(crm_output_commit_all(&e), 0);
	assert_string_equal(slurp(d.file), "x\n");
	remove_dir(&d);
}

/* What crm_output_id says of names, and crm_output_id_same of pairs. */
static void
test_ids(void **state)
{
	struct crm_output_id a, b;
	struct dir d;
	char p[512], q[512];

	(void)state;
	make_dir(&d);
	/* a new file: the resolved directory and its name */
	snprintf(p, sizeof(p), "%s/./new.csv", d.path);
	assert_int_equal(crm_output_id(p, &a), 0);
	assert_true(a.known);
	assert_false(a.exists);
	assert_non_null(strstr(a.where, "/new.csv"));
	assert_null(strstr(a.where, "/./"));
	snprintf(q, sizeof(q), "%s/new.csv", d.path);
	assert_int_equal(crm_output_id(q, &b), 0);
	assert_true(crm_output_id_same(&a, &b));
	crm_output_id_free(&b);
	/* the same name, once it exists, is another kind of id */
	write_file(q, "x\n");
	assert_int_equal(crm_output_id(q, &b), 0);
	assert_true(b.exists);
	assert_false(crm_output_id_same(&a, &b));
	crm_output_id_free(&a);
	crm_output_id_free(&b);
	/* a missing directory: unknown, equal to nothing */
	snprintf(p, sizeof(p), "%s/no/x.csv", d.path);
	assert_int_equal(crm_output_id(p, &a), -1);
	assert_int_equal(errno, ENOENT);
	assert_false(a.known);
	assert_false(crm_output_id_same(&a, &a));
	/* /dev/null is itself, but may be shared */
	assert_int_equal(crm_output_id("/dev/null", &a), 0);
	assert_int_equal(crm_output_id("/dev/null", &b), 0);
	assert_true(a.exists && a.dev == b.dev && a.ino == b.ino);
	assert_false(crm_output_id_same(&a, &b));
	remove_dir(&d);
}

/*
 * A dangling symbolic link is followed and its target created, as a
 * shell's > would, the link kept; a link into a missing directory says
 * where it points; a loop of links is refused.
 */
static void
test_dangling_link(void **state)
{
	struct crm_error e;
	struct stat st;
	struct dir d;
	char link_path[256], target[256], want[600];
	FILE *fp;

	(void)state;
	make_dir(&d);
	snprintf(link_path, sizeof(link_path), "%s/out.csv", d.path);
	snprintf(target, sizeof(target), "%s/target.csv", d.path);
	assert_int_equal(symlink("target.csv", link_path), 0);
	fp = crm_output_open(link_path, &e);
	assert_non_null(fp);
	fputs("a\n", fp);
	/* the temporary file is the target's, beside it */
	assert_int_equal(count_prefix(d.path, ".target.csv.crm-output."), 1);
	assert_int_equal(crm_output_commit_all(&e), 0);
	assert_string_equal(slurp(target), "a\n");
	assert_int_equal(lstat(link_path, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	unlink(link_path);
	unlink(target);

	assert_int_equal(symlink("no/such/dir/t.csv", link_path), 0);
	memset(&e, 0, sizeof(e));
	assert_null(crm_output_open(link_path, &e));
	assert_int_equal(e.status, CRM_EXIT_DATA);
	assert_string_equal(e.file, link_path);
	snprintf(want, sizeof(want), "cannot create %s/no/such/dir/t.csv, "
	    "where the symbolic link points: No such file or directory",
	    d.path);
	assert_string_equal(e.msg, want);
	unlink(link_path);

	assert_int_equal(symlink("out.csv", link_path), 0);
	assert_null(crm_output_open(link_path, &e));
	assert_string_equal(e.msg,
	    "cannot write: Too many levels of symbolic links");
	remove_dir(&d);
}

/*
 * A name of 255 bytes (NAME_MAX) is written: its temporary name, which
 * would be "." + 255 + ".crm-output.XXXXXX" = 274 bytes, is cut to 255:
 * the dot, the name's first 236 bytes and the 18 of the rest.
 */
static void
test_longest_name(void **state)
{
	struct crm_error e;
	struct dir d;
	char name[NAME_MAX + 1], path[NAME_MAX + 128], prefix[NAME_MAX];
	DIR *dp;
	struct dirent *de;
	FILE *fp;
	int seen = 0;

	(void)state;
	make_dir(&d);
	memset(name, 'n', NAME_MAX);
	name[NAME_MAX] = '\0';
	snprintf(path, sizeof(path), "%s/%s", d.path, name);
	fp = crm_output_open(path, &e);
	assert_non_null(fp);
	fputs("x\n", fp);
	snprintf(prefix, sizeof(prefix), ".%.*s.crm-output.", 236, name);
	assert_int_equal(strlen(prefix) + 6, NAME_MAX);
	dp = opendir(d.path);
	while ((de = readdir(dp)) != NULL)
		if (strncmp(de->d_name, prefix, strlen(prefix)) == 0 &&
		    strlen(de->d_name) == NAME_MAX)
			seen++;
	closedir(dp);
	assert_int_equal(seen, 1);
	assert_int_equal(crm_output_commit_all(&e), 0);
	assert_string_equal(slurp(path), "x\n");
	remove_dir(&d);
}

/* The program's name goes into the temporary file's name. */
static void
test_temp_named_after_program(void **state)
{
	struct crm_error e;
	struct dir d;

	(void)state;
	make_dir(&d);
	crm_output_setup("crm-score");
	assert_non_null(crm_output_open(d.file, &e));
	assert_int_equal(count_prefix(d.path, ".out.csv.crm-score."), 1);
	assert_int_equal(count_temps(&d), 0);
	assert_int_equal(crm_output_commit_all(&e), 0);
	assert_int_equal(count_prefix(d.path, ".out.csv.crm-score."), 0);
	/* NULL keeps the name; the default again for the other tests */
	crm_output_setup(NULL);
	crm_output_setup("crm-output");
	remove_dir(&d);
}

/*
 * In a child whose standard output is d->file, opened for appending:
 * what that file's names and "-" give.  Exit status 0 when all held.
 */
static int
stdout_child(const struct dir *d)
{
	struct crm_error e;
	char other[160];
	int fd = open(d->file, O_WRONLY | O_APPEND);

	if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0)
		return 10;
	close(fd);
	/* the file itself, through its name: standard output, appended */
	if (crm_output_open(d->file, &e) != stdout)
		return 11;
	if (crm_output_open("-", &e) != NULL ||
	    strcmp(e.msg, "named for two outputs") != 0)
		return 12;
	snprintf(other, sizeof(other), "%s/../%s/out.csv",
	    d->path, strrchr(d->path, '/') + 1);
	if (crm_output_open(other, &e) != NULL)
		return 13;
	fputs("new\n", stdout);
	return crm_output_commit_all(&e) == 0 ? 0 : 14;
}

static void
test_name_of_stdout(void **state)
{
	struct dir d;
	pid_t pid;
	int status;

	(void)state;
	make_dir(&d);
	write_file(d.file, "old\n");
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(stdout_child(&d));
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	/* appended, as the shell's >> asked: not replaced */
	assert_string_equal(slurp(d.file), "old\nnew\n");
	assert_int_equal(count_temps(&d), 0);
	remove_dir(&d);
}

/*
 * In a child with descriptors 0, 1 and 2 closed: after the guard they
 * are open, on /dev/null the wrong way round, so that a write to
 * standard output fails as on a closed descriptor, and a file opened
 * next is descriptor 3.
 */
static int
guard_child(void)
{
	char c;
	int fd;

	close(0);
	close(1);
	close(2);
	if (crm_output_guard_std() != 0)
		return 10;
	for (fd = 0; fd < 3; fd++)
		if (fcntl(fd, F_GETFD) == -1 || !crm_output_std_was_closed(fd))
			return 11;
	if (write(1, "x", 1) != -1 || errno != EBADF)
		return 12;
	if (write(2, "x", 1) != -1 || errno != EBADF)
		return 13;
	if (read(0, &c, 1) != -1 || errno != EBADF)
		return 14;
	if ((fd = open("/dev/null", O_RDONLY)) != 3)
		return 15;
	return 0;
}

static void
test_guard_std(void **state)
{
	pid_t pid;
	int status;

	(void)state;
	/* open descriptors are left alone */
	assert_int_equal(crm_output_guard_std(), 0);
	assert_false(crm_output_std_was_closed(1));
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(guard_child());
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

static void
test_empty_name(void **state)
{
	struct crm_error e;

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_null(crm_output_open("", &e));
	assert_int_equal(e.status, CRM_EXIT_USAGE);
	assert_string_equal(e.msg, "an output needs a file name, not \"\"");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_commit_creates_file),
		cmocka_unit_test(test_written_in_64k_blocks),
		cmocka_unit_test(test_commit_all_is_all_or_nothing),
		cmocka_unit_test(test_same_file_twice),
		cmocka_unit_test(test_commit_replaces_old_content),
		cmocka_unit_test(test_mode_follows_umask),
		cmocka_unit_test(test_existing_mode_kept),
		cmocka_unit_test(test_missing_directory),
		cmocka_unit_test(test_directory_as_output),
		cmocka_unit_test(test_dev_null_in_place),
		cmocka_unit_test(test_stdout),
		cmocka_unit_test(test_dev_full_fails_at_commit),
		cmocka_unit_test(test_failed_commit_keeps_old_file),
		cmocka_unit_test(test_too_many_outputs),
		cmocka_unit_test(test_uncommitted_removed_at_exit),
		cmocka_unit_test(test_uncommitted_removed_on_sigpipe),
		cmocka_unit_test(test_two_names_one_file),
		cmocka_unit_test(test_device_twice),
		cmocka_unit_test(test_input_protected),
		cmocka_unit_test(test_ids),
		cmocka_unit_test(test_dangling_link),
		cmocka_unit_test(test_longest_name),
		cmocka_unit_test(test_temp_named_after_program),
		cmocka_unit_test(test_name_of_stdout),
		cmocka_unit_test(test_guard_std),
		cmocka_unit_test(test_empty_name),
	};

	/*
	 * As crm_program_start leaves it before the first output is set
	 * up: SIGPIPE not ignored, whatever the parent left.
	 */
	signal(SIGPIPE, SIG_DFL);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
