/*
 * threads.h - run one function over several arguments at once, one
 * POSIX thread each (-j N: the first pass of split.h, the ranges of
 * parallel.h).
 */
#ifndef CRM_THREADS_H
#define CRM_THREADS_H

#include <stddef.h>

/*
 * Calls fn(args + i * size) for i from 0 to n - 1 and returns when all
 * have returned: the first in the calling thread, the others each in a
 * thread of its own.  When a thread cannot be created, its call runs in
 * the calling thread instead, after the first: slower, never wrong, so
 * there is no error to report.
 */
void crm_threads_run(int n, void (*fn)(void *), void *args, size_t size);

#endif
