/*
 * parallel.c - one file read by several threads at once (see
 * parallel.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

#include "parallel.h"
#include "threads.h"

#define MAX_JOBS	64

/* One range: its input and aggregate, and how its reading ended. */
struct job {
	const struct crm_parallel_ops *ops;
	struct crm_input *in;
	void *agg;
	int index;
	atomic_int *first_failed;	/* the first range that failed */
	int failed;
	struct crm_error e;
};

/* A range that failed: ranges after it need not go on. */
static void
fail(struct job *j)
{
	int was = atomic_load(j->first_failed);

	j->failed = 1;
	while (j->index < was &&
	    !atomic_compare_exchange_weak(j->first_failed, &was, j->index))
		;
}

static void
run_job(void *arg)
{
	struct job *j = arg;
	struct crm_record *rec;
	struct crm_error why;
	unsigned long n = 0;
	int got;

	while ((got = crm_input_read(j->in, &rec, &j->e)) > 0) {
		if (crm_input_judge(j->in, rec, j->ops->row(j->agg, rec,
		    &why), &why, &j->e) < 0) {
			got = -1;
			break;
		}
		/* a range before this one failed: its error is reported */
		if ((++n & 4095) == 0 &&
		    atomic_load(j->first_failed) < j->index)
			return;
	}
	if (got == 0 && j->ops->finish != NULL &&
	    j->ops->finish(j->agg, &j->e) < 0)
		got = -1;
	if (got < 0)
		fail(j);
}

/* The ranges of in's records, from start: 0, or -1 with *e. */
static int
split(struct crm_input *in, const char *path, long long start, long line,
    int n, struct crm_split_range *rg, struct crm_error *e)
{
	long long end = crm_input_size(in);
	int fd, r;

	if ((fd = open(path, O_RDONLY)) < 0)
		return crm_error_set(e, CRM_EXIT_DATA, path, 0, 0,
		    "cannot open: %s", strerror(errno));
	r = crm_split_file(fd, path, (off_t)start, (off_t)end, line, n, rg,
	    e);
	close(fd);
	return r;
}

/* Frees the ranges' inputs and aggregates (job 0's is the caller's). */
static void
free_jobs(struct job *job, int n)
{
	int k;

	for (k = 0; k < n; k++) {
		crm_input_close(job[k].in);
		if (k > 0 && job[k].agg != NULL)
			job[k].ops->free(job[k].agg);
	}
}

/* Each range's input and aggregate: 0, or -1 with *e. */
static int
make_jobs(struct crm_input *in, const struct crm_parallel_ops *ops,
    void *agg, const struct crm_split_range *rg, int n, struct job *job,
    atomic_int *first_failed, struct crm_error *e)
{
	int k;

	memset(job, 0, (size_t)n * sizeof(*job));
	for (k = 0; k < n; k++) {
		job[k].ops = ops;
		job[k].index = k;
		job[k].first_failed = first_failed;
		if ((job[k].in = crm_input_open_range(in, &rg[k], e)) == NULL)
			return -1;
		job[k].agg = k == 0 ? agg : ops->make(agg,
		    crm_input_header(in), e);
		if (job[k].agg == NULL)
			return -1;
	}
	return 0;
}

/* In file order: the first error, else the counts and the aggregates. */
static int
gather(struct crm_input *in, const struct crm_parallel_ops *ops,
    void *agg, struct job *job, int n, struct crm_error *e)
{
	int k;

	for (k = 0; k < n; k++)
		if (job[k].failed) {
			*e = job[k].e;
			return -1;
		}
	for (k = 0; k < n; k++)
		if (crm_input_absorb(in, job[k].in, e) < 0)
			return -1;
	for (k = 1; k < n; k++)
		if (ops->merge(agg, job[k].agg, e) < 0)
			return -1;
	return 0;
}

int
crm_parallel_read(struct crm_input *in, long jobs,
    const struct crm_parallel_ops *ops, void *agg, struct crm_error *e)
{
	struct crm_split_range rg[MAX_JOBS];
	struct job job[MAX_JOBS];
	atomic_int first_failed;
	const char *path;
	long long start;
	long line;
	int n = jobs > MAX_JOBS ? MAX_JOBS : (int)jobs, r;

	if (n < 2 || !crm_input_body(in, &path, &start, &line))
		return 0;
	if (split(in, path, start, line, n, rg, e) < 0)
		return -1;
	atomic_init(&first_failed, n);
	if (make_jobs(in, ops, agg, rg, n, job, &first_failed, e) < 0) {
		free_jobs(job, n);
		return -1;
	}
	crm_threads_run(n, run_job, job, sizeof(job[0]));
	crm_input_end_file(in);
	r = gather(in, ops, agg, job, n, e);
	free_jobs(job, n);
	return r < 0 ? -1 : 1;
}
