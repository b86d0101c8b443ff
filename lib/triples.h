/*
 * triples.h - the distinct histories (x, t_x, T) of a set of customers,
 * each with the number of customers who share it.  The log-likelihood of
 * the customer-base models is a sum over customers, and the distinct
 * histories are far fewer (CDNOW: 1,016 for 2,357 customers): the fit
 * works on them.
 *
 * crm_triples_index then numbers the distinct values of x, t_x and T and
 * the distinct pairs (x, t_x) and (x, T), so that the likelihood can
 * evaluate what depends on x alone once per x, and the Pareto/NBD's
 * hypergeometric functions (which depend on a pair) once per pair.
 *
 * The arrays are for the fit (btydfit.c); other readers need only n,
 * x, t_x, T, count and customers.
 */
#ifndef CRM_TRIPLES_H
#define CRM_TRIPLES_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "keyset.h"

struct crm_triples {
	size_t n;		/* distinct histories */
	double *x, *t_x, *T;	/* by history */
	double *count;		/* customers with it */
	double customers;	/* in all */
	size_t cap;
	struct crm_keyset keys;

	/* set by crm_triples_index; all indexes by history */
	size_t nx, ntx, nT, nxtx, nxT;	/* distinct values and pairs */
	double *vx, *vtx, *vT;		/* the distinct x, t_x, T */
	uint32_t *ix, *itx, *iT;	/* a history's x, t_x, T */
	uint32_t *ixtx, *ixT;		/* a history's (x, t_x), (x, T) */
	uint32_t *pxtx_x, *pxtx_t;	/* a pair (x, t_x): its x, t_x */
	uint32_t *pxT_x, *pxT_T;	/* a pair (x, T): its x, T */
};

void crm_triples_init(struct crm_triples *t);

/*
 * Adds count customers (> 0) with history (x, t_x, T): x a whole number
 * >= 0, 0 <= t_x <= T finite, t_x = 0 when x = 0.  Fails on a history
 * that is not one (the message says why) or out of memory.
 */
int crm_triples_add(struct crm_triples *t, double x, double t_x, double T,
    double count, struct crm_error *e);

/*
 * Puts the histories in ascending order of x, then t_x, then T (and
 * drops the index): the sums over them are then made in the same order
 * whatever the order of the adds, and so give the same bits.  Fails
 * only when out of memory (the histories are then unchanged).
 */
int crm_triples_sort(struct crm_triples *t, struct crm_error *e);

/*
 * Builds the distinct values and pairs; call it after the last add (and
 * again after more adds).  Fails only when out of memory.
 */
int crm_triples_index(struct crm_triples *t, struct crm_error *e);

void crm_triples_free(struct crm_triples *t);

#endif
