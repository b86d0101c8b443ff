/*
 * output.c - atomic output files (see output.h).
 *
 * Every output but standard output and devices goes to a temporary file
 * beside its target.  The temporary files are removed at exit, or on
 * SIGINT, SIGTERM or SIGHUP, unless they were committed: renamed into
 * place, all together, once everything was written.
 */
#include <sys/stat.h>

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "output.h"

struct pending {
	FILE *fp;
	char *tmp;		/* NULL when written in place */
	char *path;
};

static struct pending pending[CRM_OUTPUT_MAX];
static int cleanup_registered;

/*
 * Output goes out in 64 KiB writes, not stdio's 4 KiB: a sixteenth of the
 * system calls (a pipe holds 64 KiB).  glibc sizes a buffer only when
 * given one, hence these; untouched, they cost no memory.
 */
#define OUTPUT_BUFFER	(64 * 1024)
static char buffers[CRM_OUTPUT_MAX][OUTPUT_BUFFER];
static char stdout_buffer[OUTPUT_BUFFER];
static int stdout_buffered;

/* Only before the first write to fp; a terminal keeps its line buffering. */
static void
buffer_fully(FILE *fp, char *buf)
{
	if (!isatty(fileno(fp)))
		setvbuf(fp, buf, _IOFBF, OUTPUT_BUFFER);
}

static void
remove_uncommitted(void)
{
	size_t i;

	for (i = 0; i < CRM_OUTPUT_MAX; i++)
		if (pending[i].tmp != NULL)
			unlink(pending[i].tmp);
}

/* Only async-signal-safe calls: unlink, signal, raise. */
static void
on_signal(int sig)
{
	remove_uncommitted();
	signal(sig, SIG_DFL);
	raise(sig);
}

void
crm_output_setup(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	size_t i;

	if (cleanup_registered)
		return;
	cleanup_registered = 1;
	atexit(remove_uncommitted);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct sigaction sa;

		/* leave a signal ignored by the parent (nohup) ignored */
		if (sigaction(sigs[i], NULL, &sa) == 0 &&
		    sa.sa_handler == SIG_IGN)
			continue;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_signal;
		sigemptyset(&sa.sa_mask);
		sigaction(sigs[i], &sa, NULL);
	}
}

static void
forget(struct pending *p)
{
	char *tmp = p->tmp, *path = p->path;

	/* clear the slot before freeing, for a signal arriving meanwhile */
	p->tmp = NULL;
	p->path = NULL;
	p->fp = NULL;
	free(tmp);
	free(path);
}

FILE *
crm_output_open(const char *path, struct crm_error *e)
{
	struct pending *p = NULL;
	struct stat st;
	mode_t mode, mask;
	char *real;
	size_t i;
	int fd, exists;

	if (path == NULL || strcmp(path, "-") == 0) {
		if (!stdout_buffered) {
			stdout_buffered = 1;
			buffer_fully(stdout, stdout_buffer);
		}
		return stdout;
	}
	for (i = 0; i < CRM_OUTPUT_MAX && p == NULL; i++)
		if (pending[i].fp == NULL)
			p = &pending[i];
	if (p == NULL) {
		crm_error_set(e, CRM_EXIT_USAGE, path, 0, 0,
		    "too many output files");
		return NULL;
	}
	crm_output_setup();
	/* replace what a symbolic link points to, not the link */
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
		real = realpath(path, NULL);
	else
		real = strdup(path);
	if (real == NULL)
		goto fail;
	for (i = 0; i < CRM_OUTPUT_MAX; i++) {
		if (pending[i].path != NULL &&
		    strcmp(pending[i].path, real) == 0) {
			crm_error_set(e, CRM_EXIT_USAGE, path, 0, 0,
			    "named for two outputs");
			free(real);
			return NULL;
		}
	}
	p->path = real;
	path = p->path;
	exists = stat(path, &st) == 0;
	if (exists && !S_ISREG(st.st_mode)) {
		/* a device or a FIFO cannot be replaced: write to it */
		if ((p->fp = fopen(path, "w")) == NULL)
			goto fail;
		buffer_fully(p->fp, buffers[p - pending]);
		return p->fp;
	}
	if ((p->tmp = malloc(strlen(path) + 8)) == NULL)
		goto fail;
	sprintf(p->tmp, "%s.XXXXXX", path);
	if ((fd = mkstemp(p->tmp)) < 0) {
		free(p->tmp);
		p->tmp = NULL;
		goto fail;
	}
	/* mkstemp makes 0600; give the file the mode a plain open would */
	mask = umask(0);
	umask(mask);
	mode = exists ? st.st_mode & 07777 : 0666 & ~mask;
	fchmod(fd, mode);
	if ((p->fp = fdopen(fd, "w")) == NULL) {
		close(fd);
		goto fail;
	}
	buffer_fully(p->fp, buffers[p - pending]);
	return p->fp;
fail:
	crm_error_set(e, CRM_EXIT_DATA, path, 0, 0, "cannot write: %s",
	    strerror(errno));
	if (p->tmp != NULL)
		unlink(p->tmp);
	forget(p);
	return NULL;
}

/* Flushes and closes p's stream; on failure fills *e. */
static int
finish(struct pending *p, struct crm_error *e)
{
	int failed, saved = 0;

	errno = 0;
	failed = fflush(p->fp) != 0 || ferror(p->fp);
	if (failed)
		saved = errno;
	if (fclose(p->fp) != 0 && !failed) {
		failed = 1;
		saved = errno;
	}
	p->fp = NULL;
	if (failed)
		return crm_error_set(e, CRM_EXIT_DATA, p->path, 0, 0,
		    "write error: %s", strerror(saved ? saved : EIO));
	return 0;
}

static int
flush_stdout(struct crm_error *e)
{
	errno = 0;
	if (fflush(stdout) != 0 || ferror(stdout))
		return crm_error_set(e, CRM_EXIT_DATA, "<stdout>", 0, 0,
		    "write error: %s", strerror(errno ? errno : EIO));
	return 0;
}

static void
discard_all(void)
{
	size_t i;

	for (i = 0; i < CRM_OUTPUT_MAX; i++) {
		if (pending[i].fp == NULL && pending[i].path == NULL)
			continue;
		if (pending[i].fp != NULL)
			fclose(pending[i].fp);
		if (pending[i].tmp != NULL)
			unlink(pending[i].tmp);
		forget(&pending[i]);
	}
}

int
crm_output_commit_all(struct crm_error *e)
{
	size_t i;

	if (flush_stdout(e) < 0) {
		discard_all();
		return -1;
	}
	for (i = 0; i < CRM_OUTPUT_MAX; i++) {
		if (pending[i].fp != NULL && finish(&pending[i], e) < 0) {
			discard_all();
			return -1;
		}
	}
	for (i = 0; i < CRM_OUTPUT_MAX; i++) {
		if (pending[i].path == NULL)
			continue;
		if (pending[i].tmp != NULL &&
		    rename(pending[i].tmp, pending[i].path) != 0) {
			crm_error_set(e, CRM_EXIT_DATA, pending[i].path, 0, 0,
			    "write error: %s", strerror(errno));
			discard_all();
			return -1;
		}
		forget(&pending[i]);
	}
	return 0;
}
