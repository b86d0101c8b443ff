/*
 * man.h - MAN lead qualification: Money, Authority, Need.
 *
 * The three yes/no answers make eight classes, from 1 (all three: pursue
 * now) to 8 (none: stop spending time), each with a code (a capital
 * letter for a condition that holds, a small one for one that does not,
 * e.g. "M+a+N") and a recommended action.
 */
#ifndef CRM_MAN_H
#define CRM_MAN_H

#define CRM_MAN_CLASSES	8

/* The class 1..8 of a lead. */
int crm_man_class(int money, int authority, int need);

/* Writes the code, e.g. "m+A+N", into buf (at least 6 bytes). */
void crm_man_code(int money, int authority, int need, char *buf);

/* The default action text of class 1..8. */
const char *crm_man_action(int cls);

#endif
