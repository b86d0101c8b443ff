/*
 * output.c - atomic output files (see output.h).
 *
 * Every output but standard output and devices goes to a temporary file
 * beside its target, ".NAME.PROGRAM.XXXXXX", so that one left by a
 * killed run says what it is and find(1) can clean it.  The temporary
 * files are removed at exit, or on SIGINT, SIGTERM, SIGHUP or SIGPIPE,
 * unless they were committed: renamed into place, all together, once
 * everything was written.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "output.h"

struct pending {
	FILE *fp;
	char *tmp;		/* NULL when written in place */
	char *path;		/* what is renamed into: links followed */
	char *name;		/* as given, for messages */
	struct crm_output_id id;
};

static struct pending pending[CRM_OUTPUT_MAX];
static int cleanup_registered;
static const char *program_name = "crm-output";

/* The inputs, which no output may replace (crm_output_protect). */
static struct crm_output_id *inputs;
static size_t ninputs, cap_inputs;

/* Standard output: taken as "-", or through a name of its file. */
static enum { STDOUT_FREE, STDOUT_AS_DASH, STDOUT_AS_NAME } stdout_use;
static char *stdout_name;		/* that name, for messages */
static int std_closed[3];

/* Links followed from one name before giving up, as the kernel does. */
#define MAX_LINKS	40

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

int
crm_output_guard_std(void)
{
	/* the wrong way round: a use fails, as on a closed descriptor */
	static const int flags[3] = { O_WRONLY, O_RDONLY, O_RDONLY };
	int fd, got;

	for (fd = 0; fd < 3; fd++) {
		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		/* the lowest free descriptor: fd, the ones below are open */
		if ((got = open("/dev/null", flags[fd])) != fd) {
			if (got >= 0)
				close(got);
			return -1;
		}
		std_closed[fd] = 1;
	}
	return 0;
}

int
crm_output_std_was_closed(int fd)
{
	return fd >= 0 && fd < 3 && std_closed[fd];
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
crm_output_setup(const char *program)
{
	/* SIGPIPE too: a reader that stops early (| head) ends the run */
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };
	size_t i;

	if (program != NULL)
		program_name = program;
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

/* The length of the directory part of path, its last '/' included. */
static size_t
dir_length(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash != NULL ? (size_t)(slash - path) + 1 : 0;
}

/* What the symbolic link at path points to, resolved against its place. */
static char *
link_target(const char *path)
{
	char target[PATH_MAX], *next;
	size_t dlen = dir_length(path);
	ssize_t n;

	if ((n = readlink(path, target, sizeof(target))) < 0)
		return NULL;
	if ((size_t)n == sizeof(target)) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	if (target[0] == '/')
		dlen = 0;
	if ((next = malloc(dlen + (size_t)n + 1)) == NULL)
		return NULL;
	memcpy(next, path, dlen);
	memcpy(next + dlen, target, (size_t)n);
	next[dlen + (size_t)n] = '\0';
	return next;
}

/*
 * The name a write to path creates, path being a name that does not
 * exist, or a chain of symbolic links to one.  malloc'd; NULL with errno
 * (ELOOP past MAX_LINKS links).
 */
static char *
follow_links(const char *path)
{
	struct stat st;
	char *cur, *next;
	int hops = 0;

	if ((cur = strdup(path)) == NULL)
		return NULL;
	while (lstat(cur, &st) == 0 && S_ISLNK(st.st_mode)) {
		if (++hops > MAX_LINKS) {
			errno = ELOOP;
			next = NULL;
		} else {
			next = link_target(cur);
		}
		free(cur);
		if ((cur = next) == NULL)
			return NULL;
	}
	return cur;
}

int
crm_output_id_fd(int fd, struct crm_output_id *id)
{
	struct stat st;

	memset(id, 0, sizeof(*id));
	if (fstat(fd, &st) != 0)
		return -1;
	id->known = id->exists = 1;
	id->dev = st.st_dev;
	id->ino = st.st_ino;
	id->mode = st.st_mode;
	return 0;
}

/* The id of name, which does not exist: its directory, resolved. */
static int
id_of_new(const char *name, struct crm_output_id *id)
{
	size_t dlen = dir_length(name);
	char *dir, *real;

	if (name[dlen] == '\0') {
		errno = EISDIR;
		return -1;
	}
	if ((dir = strndup(name, dlen ? dlen : 1)) == NULL)
		return -1;
	if (dlen == 0)
		dir[0] = '.';
	real = realpath(dir, NULL);
	free(dir);
	if (real == NULL)
		return -1;
	id->where = malloc(strlen(real) + strlen(name + dlen) + 2);
	if (id->where != NULL)
		sprintf(id->where, "%s/%s", strcmp(real, "/") ? real : "",
		    name + dlen);
	free(real);
	if (id->where == NULL)
		return -1;
	id->known = 1;
	return 0;
}

int
crm_output_id(const char *path, struct crm_output_id *id)
{
	struct stat st;
	char *name;
	int r, saved;

	if (path == NULL || strcmp(path, "-") == 0)
		return crm_output_id_fd(STDOUT_FILENO, id);
	memset(id, 0, sizeof(*id));
	if (stat(path, &st) == 0) {
		id->known = id->exists = 1;
		id->dev = st.st_dev;
		id->ino = st.st_ino;
		id->mode = st.st_mode;
		return 0;
	}
	if (errno != ENOENT || (name = follow_links(path)) == NULL)
		return -1;
	r = id_of_new(name, id);
	saved = errno;
	free(name);
	errno = saved;
	return r;
}

int
crm_output_id_same(const struct crm_output_id *a,
    const struct crm_output_id *b)
{
	if (!a->known || !b->known || a->exists != b->exists)
		return 0;
	if (!a->exists)
		return strcmp(a->where, b->where) == 0;
	/* /dev/null, a terminal, a socket: each write stands alone */
	if (S_ISCHR(a->mode) || S_ISSOCK(a->mode))
		return 0;
	return a->dev == b->dev && a->ino == b->ino;
}

void
crm_output_id_free(struct crm_output_id *id)
{
	free(id->where);
	memset(id, 0, sizeof(*id));
}

int
crm_output_protect(const struct crm_output_id *id)
{
	struct crm_output_id copy = *id;

	if (!id->known)
		return 0;
	if (id->where != NULL && (copy.where = strdup(id->where)) == NULL)
		return -1;
	if (crm_grow(&inputs, &cap_inputs, ninputs + 1, sizeof(*inputs)) < 0) {
		free(copy.where);
		return -1;
	}
	inputs[ninputs++] = copy;
	return 0;
}

static void
forget_inputs(void)
{
	size_t i;

	for (i = 0; i < ninputs; i++)
		crm_output_id_free(&inputs[i]);
	free(inputs);
	inputs = NULL;
	ninputs = cap_inputs = 0;
}

static void
forget(struct pending *p)
{
	char *tmp = p->tmp, *path = p->path, *name = p->name;

	/* clear the slot before freeing, for a signal arriving meanwhile */
	p->tmp = NULL;
	p->path = NULL;
	p->name = NULL;
	p->fp = NULL;
	free(tmp);
	free(path);
	free(name);
	crm_output_id_free(&p->id);
}

/*
 * 0 when name (of id) may be written: it is no input and no other open
 * output (standard output included when taken and with_stdout is set);
 * else -1 with *e filled (status 2).
 */
static int
check_clash(const char *name, const struct crm_output_id *id,
    int with_stdout, struct crm_error *e)
{
	struct crm_output_id out;
	size_t i;

	for (i = 0; i < ninputs; i++)
		if (crm_output_id_same(id, &inputs[i]))
			return crm_error_set(e, CRM_EXIT_USAGE, name, 0, 0,
			    "is an input: an output may not replace it");
	for (i = 0; i < CRM_OUTPUT_MAX; i++)
		if (pending[i].fp != NULL &&
		    crm_output_id_same(id, &pending[i].id))
			return crm_error_set(e, CRM_EXIT_USAGE, name, 0, 0,
			    "named for two outputs");
	if (with_stdout && stdout_use != STDOUT_FREE &&
	    !crm_output_std_was_closed(1) &&
	    crm_output_id_fd(STDOUT_FILENO, &out) == 0 &&
	    crm_output_id_same(id, &out))
		return crm_error_set(e, CRM_EXIT_USAGE, name, 0, 0,
		    "named for two outputs");
	return 0;
}

/*
 * Standard output, asked for as "-" (name NULL) or through a name of
 * the file it is open on: once by name, or any number of times as "-".
 */
static FILE *
take_stdout(const char *name, struct crm_error *e)
{
	struct crm_output_id out;
	const char *shown = name != NULL ? name : "<stdout>";

	if (stdout_use == STDOUT_AS_NAME || (name != NULL &&
	    stdout_use != STDOUT_FREE)) {
		crm_error_set(e, CRM_EXIT_USAGE, shown, 0, 0,
		    "named for two outputs");
		return NULL;
	}
	if (!crm_output_std_was_closed(1) &&
	    crm_output_id_fd(STDOUT_FILENO, &out) == 0 &&
	    check_clash(shown, &out, 0, e) < 0)
		return NULL;
	if (name != NULL && (stdout_name = strdup(name)) == NULL) {
		crm_error_set(e, CRM_EXIT_DATA, name, 0, 0, "out of memory");
		return NULL;
	}
	stdout_use = name != NULL ? STDOUT_AS_NAME : STDOUT_AS_DASH;
	if (!stdout_buffered) {
		stdout_buffered = 1;
		buffer_fully(stdout, stdout_buffer);
	}
	return stdout;
}

/*
 * 1 when st, the file behind a name, is the regular file or the pipe
 * that standard output is open on: then writing standard output keeps
 * the caller's append mode and position, where replacing the file
 * would detach it.  Not after a closed standard output was guarded.
 */
static int
is_stdout_file(const struct stat *st)
{
	struct stat out;

	return (S_ISREG(st->st_mode) || S_ISFIFO(st->st_mode)) &&
	    !crm_output_std_was_closed(1) &&
	    fstat(STDOUT_FILENO, &out) == 0 && out.st_dev == st->st_dev &&
	    out.st_ino == st->st_ino;
}

/*
 * The temporary file of path: ".NAME.PROGRAM.XXXXXX" beside it, NAME cut
 * (on a UTF-8 character) so that the whole fits NAME_MAX, or left out
 * when short is set.  malloc'd, or NULL.
 */
static char *
temp_name(const char *path, int short_form)
{
	size_t dlen = dir_length(path), blen = strlen(path + dlen);
	size_t fixed = strlen(program_name) + 9;	/* "." "." ".XXXXXX" */
	const char *base = path + dlen;
	char *tmp;

	if (short_form || fixed >= NAME_MAX)
		blen = 0;
	else if (blen > NAME_MAX - fixed)
		blen = NAME_MAX - fixed;
	while (blen > 0 && ((unsigned char)base[blen] & 0xC0) == 0x80)
		blen--;
	if ((tmp = malloc(dlen + blen + fixed + 1)) == NULL)
		return NULL;
	sprintf(tmp, "%.*s.%.*s.%s.XXXXXX", (int)dlen, path, (int)blen, base,
	    program_name);
	return tmp;
}

/* Creates p's temporary file beside p->path, with the given mode. */
static int
open_temp(struct pending *p, mode_t mode)
{
	int fd, short_form;

	for (short_form = 0; short_form < 2; short_form++) {
		if ((p->tmp = temp_name(p->path, short_form)) == NULL)
			return -1;
		if ((fd = mkstemp(p->tmp)) >= 0)
			break;
		free(p->tmp);
		p->tmp = NULL;
		/* a file system whose names are shorter than NAME_MAX */
		if (errno != ENAMETOOLONG)
			return -1;
	}
	if (p->tmp == NULL)
		return -1;
	/* mkstemp makes 0600; give the file the mode a plain open would */
	fchmod(fd, mode);
	if ((p->fp = fdopen(fd, "w")) == NULL) {
		close(fd);
		return -1;
	}
	return 0;
}

/*
 * Resolves p->name into p->path (the file to replace or create) and
 * p->id.  Returns 1 to write in place (not a regular file), 0 to write
 * a temporary file with *mode, -1 with errno.
 */
static int
resolve(struct pending *p, mode_t *mode)
{
	struct stat st;
	mode_t mask;

	memset(&p->id, 0, sizeof(p->id));
	if (stat(p->name, &st) == 0) {
		p->id.known = p->id.exists = 1;
		p->id.dev = st.st_dev;
		p->id.ino = st.st_ino;
		p->id.mode = st.st_mode;
		*mode = st.st_mode & 07777;
		if (!S_ISREG(st.st_mode))
			return (p->path = strdup(p->name)) ? 1 : -1;
		/* replace what a symbolic link points to, not the link */
		if (lstat(p->name, &st) == 0 && S_ISLNK(st.st_mode))
			p->path = realpath(p->name, NULL);
		else
			p->path = strdup(p->name);
		return p->path != NULL ? 0 : -1;
	}
	/* a new file, perhaps where a dangling link points, as sh's > */
	if (errno != ENOENT || (p->path = follow_links(p->name)) == NULL ||
	    id_of_new(p->path, &p->id) < 0)
		return -1;
	mask = umask(0);
	umask(mask);
	*mode = 0666 & ~mask;
	return 0;
}
/* Fills *e for p, which could not be opened (errno says why). */
static void
open_failed(const struct pending *p, const char *path, struct crm_error *e)
{
	const char *why = strerror(errno);

	/* the name created was not the one given: say where it was */
	if (p->path != NULL && strcmp(p->path, path) != 0 && !p->id.exists)
		crm_error_set(e, CRM_EXIT_DATA, path, 0, 0, "cannot create %s, "
		    "where the symbolic link points: %s", p->path, why);
	else
		crm_error_set(e, CRM_EXIT_DATA, path, 0, 0, "cannot write: %s",
		    why);
}

FILE *
crm_output_open(const char *path, struct crm_error *e)
{
	struct pending *p = NULL;
	struct stat st;
	mode_t mode = 0;
	size_t i;
	int how;

	if (path == NULL || strcmp(path, "-") == 0)
		return take_stdout(NULL, e);
	if (path[0] == '\0') {
		crm_error_set(e, CRM_EXIT_USAGE, NULL, 0, 0,
		    "an output needs a file name, not \"\"");
		return NULL;
	}
	if (stat(path, &st) == 0 && is_stdout_file(&st))
		return take_stdout(path, e);
	for (i = 0; i < CRM_OUTPUT_MAX && p == NULL; i++)
		if (pending[i].fp == NULL && pending[i].name == NULL)
			p = &pending[i];
	if (p == NULL) {
		crm_error_set(e, CRM_EXIT_USAGE, path, 0, 0,
		    "too many output files");
		return NULL;
	}
	crm_output_setup(NULL);
	if ((p->name = strdup(path)) == NULL || (how = resolve(p, &mode)) < 0)
		goto fail;
	if (check_clash(path, &p->id, 1, e) < 0) {
		forget(p);
		return NULL;
	}
	if (how == 1 ? (p->fp = fopen(p->path, "w")) == NULL :
	    open_temp(p, mode) < 0)
		goto fail;
	buffer_fully(p->fp, buffers[p - pending]);
	return p->fp;
fail:
	open_failed(p, path, e);
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
		return crm_error_set(e, CRM_EXIT_DATA, p->name, 0, 0,
		    "write error: %s", strerror(saved ? saved : EIO));
	return 0;
}

static int
flush_stdout(struct crm_error *e)
{
	errno = 0;
	if (fflush(stdout) != 0 || ferror(stdout))
		return crm_error_set(e, CRM_EXIT_DATA,
		    stdout_name != NULL ? stdout_name : "<stdout>", 0, 0,
		    "write error: %s", strerror(errno ? errno : EIO));
	return 0;
}

/* The end of a round of outputs: standard output and the inputs free. */
static void
end_round(void)
{
	stdout_use = STDOUT_FREE;
	free(stdout_name);
	stdout_name = NULL;
	forget_inputs();
}

static void
discard_all(void)
{
	size_t i;

	for (i = 0; i < CRM_OUTPUT_MAX; i++) {
		if (pending[i].fp == NULL && pending[i].name == NULL)
			continue;
		if (pending[i].fp != NULL)
			fclose(pending[i].fp);
		if (pending[i].tmp != NULL)
			unlink(pending[i].tmp);
		forget(&pending[i]);
	}
	end_round();
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
		if (pending[i].name == NULL)
			continue;
		if (pending[i].tmp != NULL &&
		    rename(pending[i].tmp, pending[i].path) != 0) {
			crm_error_set(e, CRM_EXIT_DATA, pending[i].name, 0, 0,
			    "write error: %s", strerror(errno));
			discard_all();
			return -1;
		}
		forget(&pending[i]);
	}
	end_round();
	return 0;
}
