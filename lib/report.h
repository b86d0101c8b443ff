/*
 * report.h - how the programs speak to the user: the one module of lib/
 * that prints and exits, for cmd/ only.  Every program reported errors
 * and skipped-record counts with the same few lines; keeping them here
 * keeps the wording (and the exit statuses) identical across programs.
 */
#ifndef CRM_REPORT_H
#define CRM_REPORT_H

#include "error.h"
#include "input.h"
#include "options.h"

/* Prints "PROGRAM: FILE:LINE:COLUMN: MSG" and exits with e->status. */
void crm_die(const struct crm_error *e) __attribute__((noreturn));

/* Out of memory: exits with status 1. */
void crm_die_oom(void) __attribute__((noreturn));

/*
 * With --skip-bad and without -q, says how many records were skipped and
 * where they went.
 */
void crm_report_skipped(const struct crm_input *in,
    const struct crm_common *c);

#endif
