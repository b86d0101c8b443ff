/*
 * output.c - atomic output files (see output.h).
 */
#include <sys/stat.h>

#include <errno.h>
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

static void
remove_uncommitted(void)
{
	size_t i;

	for (i = 0; i < CRM_OUTPUT_MAX; i++)
		if (pending[i].tmp != NULL)
			unlink(pending[i].tmp);
}

static void
forget(struct pending *p)
{
	free(p->tmp);
	free(p->path);
	memset(p, 0, sizeof(*p));
}

FILE *
crm_output_open(const char *path, struct crm_error *e)
{
	struct pending *p = NULL;
	struct stat st;
	mode_t mode, mask;
	size_t i;
	int fd, exists;

	if (path == NULL || strcmp(path, "-") == 0)
		return stdout;
	for (i = 0; i < CRM_OUTPUT_MAX && p == NULL; i++)
		if (pending[i].fp == NULL)
			p = &pending[i];
	if (p == NULL) {
		crm_error_set(e, CRM_EXIT_USAGE, path, 0, 0,
		    "too many output files");
		return NULL;
	}
	if (!cleanup_registered) {
		atexit(remove_uncommitted);
		cleanup_registered = 1;
	}
	/* replace what a symbolic link points to, not the link */
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
		p->path = realpath(path, NULL);
	else
		p->path = strdup(path);
	if (p->path == NULL)
		goto fail;
	path = p->path;
	exists = stat(path, &st) == 0;
	if (exists && !S_ISREG(st.st_mode)) {
		/* a device or a FIFO cannot be replaced: write to it */
		if ((p->fp = fopen(path, "w")) == NULL)
			goto fail;
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
	return p->fp;
fail:
	crm_error_set(e, CRM_EXIT_DATA, path, 0, 0, "cannot write: %s",
	    strerror(errno));
	if (p->tmp != NULL)
		unlink(p->tmp);
	forget(p);
	return NULL;
}

int
crm_output_commit(FILE *fp, struct crm_error *e)
{
	struct pending *p = NULL;
	const char *name = "<stdout>";
	int failed, saved = 0;
	size_t i;

	for (i = 0; i < CRM_OUTPUT_MAX && p == NULL; i++)
		if (pending[i].fp == fp && fp != NULL)
			p = &pending[i];
	if (p != NULL && p->path != NULL)
		name = p->path;
	errno = 0;
	failed = fflush(fp) != 0 || ferror(fp);
	if (failed)
		saved = errno;
	if (p == NULL) {
		if (failed)
			return crm_error_set(e, CRM_EXIT_DATA, name, 0, 0,
			    "write error: %s", strerror(saved ? saved : EIO));
		return 0;
	}
	if (fclose(fp) != 0 && !failed) {
		failed = 1;
		saved = errno;
	}
	if (!failed && p->tmp != NULL && rename(p->tmp, p->path) != 0) {
		failed = 1;
		saved = errno;
	}
	if (failed) {
		if (p->tmp != NULL)
			unlink(p->tmp);
		crm_error_set(e, CRM_EXIT_DATA, p->path ? p->path : name, 0, 0,
		    "write error: %s", strerror(saved ? saved : EIO));
		forget(p);
		return -1;
	}
	forget(p);
	return 0;
}
