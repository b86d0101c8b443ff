/*
 * threads.c - one function over several arguments at once (threads.h).
 */
#include <pthread.h>
#include <stdlib.h>

#include "threads.h"

struct call {
	void (*fn)(void *);
	void *arg;
};

static void *
start(void *p)
{
	struct call *c = p;

	c->fn(c->arg);
	return NULL;
}

void
crm_threads_run(int n, void (*fn)(void *), void *args, size_t size)
{
	pthread_t *tid = n > 1 ? calloc((size_t)n, sizeof(*tid)) : NULL;
	struct call *call = n > 1 ? calloc((size_t)n, sizeof(*call)) : NULL;
	char *started = n > 1 ? calloc((size_t)n, 1) : NULL;
	char *a = args;
	int i;

	/* out of memory for the bookkeeping: every call in this thread */
	if (tid == NULL || call == NULL || started == NULL) {
		for (i = 0; i < n; i++)
			fn(a + (size_t)i * size);
		goto done;
	}
	for (i = 1; i < n; i++) {
		call[i].fn = fn;
		call[i].arg = a + (size_t)i * size;
		started[i] = pthread_create(&tid[i], NULL, start,
		    &call[i]) == 0;
	}
	fn(a);
	for (i = 1; i < n; i++) {
		if (started[i])
			pthread_join(tid[i], NULL);
		else
			fn(a + (size_t)i * size);
	}
done:
	free(tid);
	free(call);
	free(started);
}
