/*
 * man.h - MAN lead qualification: Money, Authority, Need.
 *
 * The three yes/no answers make eight classes, from 1 (all three: pursue
 * now) to 8 (none: stop spending time), each with a code (a capital
 * letter for a condition that holds, a small one for one that does not,
 * e.g. "M+a+N") and a recommended action, which the `man: actions:`
 * section of a crm-score config may replace per class.
 *
 * crm-score --man is a row-wise mode (rowwise.h): each lead keeps its
 * columns and gets man (the code), man_class and man_action.
 */
#ifndef CRM_MAN_H
#define CRM_MAN_H

#include "config.h"
#include "csvio.h"
#include "error.h"
#include "rowwise.h"
#include "table.h"

#define CRM_MAN_CLASSES	8

enum { CRM_MAN_MONEY, CRM_MAN_AUTHORITY, CRM_MAN_NEED };

/* The class 1..8 of a lead. */
int crm_man_class(int money, int authority, int need);

/* Writes the code, e.g. "m+A+N", into buf (at least 6 bytes). */
void crm_man_code(int money, int authority, int need, char *buf);

/* The default action text of class 1..8. */
const char *crm_man_action(int cls);

struct crm_man {
	const char *column[3];	/* by CRM_MAN_MONEY...; NULL: default */
	/* by class - 1; NULL: crm_man_action's */
	const char *action[CRM_MAN_CLASSES];
	long col[3];		/* by crm_man_bind */
	char code[8], cls[12];	/* the values of the record last read */
};

/* No column named and the default actions. */
void crm_man_init(struct crm_man *m);

/*
 * Reads the `man:` mapping n of cfg (actions: a text per class "1" to
 * "8"); strings point into cfg.  Errors at their node (status 2).
 */
int crm_man_config(struct crm_man *m, struct crm_config *cfg,
    yaml_node_t *n, struct crm_error *e);

/*
 * Finds the three columns in the header (money, authority and need
 * unless named otherwise; status 2 for the first missing one).
 */
int crm_man_bind(struct crm_man *m, const struct crm_header *h,
    struct crm_error *e);

/*
 * Classifies one lead: own[0..2] receive its code, class and action
 * (valid until the next call).  Returns a verdict (error.h): bad with
 * *why for a value that is not yes or no.
 */
int crm_man_row(struct crm_man *m, const struct crm_record *rec,
    const char **own, struct crm_error *why);

/* The row-wise step of --man over a bound m (rowwise.h). */
void crm_man_rowwise(struct crm_man *m, struct crm_rowwise *rw);

#endif
