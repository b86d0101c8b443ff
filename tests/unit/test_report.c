/*
 * test_report.c - the messages the programs print: run in a child whose
 * standard error goes to a file, then read back.
 */
#include <sys/wait.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "report.h"

static char errfile[] = "/tmp/crm-test-report.XXXXXX";

/* Runs fn in a child with stderr in errfile; returns the exit status. */
static int
in_child(void (*fn)(void))
{
	int fd = mkstemp(errfile), status;
	pid_t pid;

	assert_true(fd >= 0);
	if ((pid = fork()) == 0) {
		dup2(fd, 2);
		fn();
		exit(0);
	}
	close(fd);
	assert_true(waitpid(pid, &status, 0) == pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

static const char *
stderr_text(void)
{
	static char buf[1024];
	FILE *fp = fopen(errfile, "r");
	size_t n;

	assert_non_null(fp);
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	unlink(errfile);
	memcpy(errfile + strlen(errfile) - 6, "XXXXXX", 6);
	return buf;
}

static void
die_usage(void)
{
	struct crm_error e;

	crm_error_set(&e, CRM_EXIT_USAGE, "rules.yaml", 3, 7,
	    "unknown key '%s'", "wieght");
	crm_die(&e);
}

static void
die_oom(void)
{
	crm_die_oom();
}

static void
skipped(void)
{
	struct crm_input in;
	struct crm_common c;

	memset(&in, 0, sizeof(in));
	memset(&c, 0, sizeof(c));
	in.rejected = 3;
	c.skip_bad = 1;
	c.rejects = "bad.csv";
	crm_report_skipped(&in, &c);
	c.quiet = 1;
	crm_report_skipped(&in, &c);	/* says nothing */
	c.quiet = 0;
	c.rejects = NULL;
	in.rejected = 1;
	crm_report_skipped(&in, &c);
}

static void
test_die(void **state)
{
	(void)state;
	assert_int_equal(in_child(die_usage), 2);
	assert_string_equal(stderr_text(),
	    "test_report: rules.yaml:3:7: unknown key 'wieght'\n");
	assert_int_equal(in_child(die_oom), 1);
	assert_string_equal(stderr_text(), "test_report: out of memory\n");
}

static void
test_skipped(void **state)
{
	(void)state;
	assert_int_equal(in_child(skipped), 0);
	assert_string_equal(stderr_text(),
	    "test_report: 3 bad records skipped, written to bad.csv\n"
	    "test_report: 1 bad record skipped\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_die),
		cmocka_unit_test(test_skipped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
