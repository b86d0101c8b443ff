/*
 * man.c - MAN classes, codes and actions, and the --man mode (see man.h).
 */
#include <stdio.h>
#include <string.h>

#include "field.h"
#include "man.h"

/*
 * Classes by (money, authority, need): all three first; then two of
 * three, need-less first since selling can create a need; then one;
 * then none.
 */
static const int class_of[2][2][2] = {
	/* money absent */ { { 8, 5 }, { 6, 4 } },
	/* money present */ { { 7, 3 }, { 2, 1 } },
};

static const char *const actions[CRM_MAN_CLASSES] = {
	"qualified: ideal target, pursue now",
	"contact: skilled selling can create the need",
	"contact: find the person with buying authority",
	"contact: check finances and credit first",
	"nurture: keep in touch until a second condition is met",
	"nurture: keep in touch until a second condition is met",
	"nurture: keep in touch until a second condition is met",
	"not a prospect: stop spending time",
};

static const char *const default_column[3] = { "money", "authority",
    "need" };

int
crm_man_class(int money, int authority, int need)
{
	return class_of[!!money][!!authority][!!need];
}

void
crm_man_code(int money, int authority, int need, char *buf)
{
	buf[0] = money ? 'M' : 'm';
	buf[1] = '+';
	buf[2] = authority ? 'A' : 'a';
	buf[3] = '+';
	buf[4] = need ? 'N' : 'n';
	buf[5] = '\0';
}

const char *
crm_man_action(int cls)
{
	if (cls < 1 || cls > CRM_MAN_CLASSES)
		return "";
	return actions[cls - 1];
}

void
crm_man_init(struct crm_man *m)
{
	memset(m, 0, sizeof(*m));
}

int
crm_man_config(struct crm_man *m, struct crm_config *cfg, yaml_node_t *man,
    struct crm_error *e)
{
	static const char *const keys[] = { "actions", NULL };
	static const char *const classes[] = { "1", "2", "3", "4", "5", "6",
	    "7", "8", NULL };
	yaml_node_t *a, *n;
	int i;

	if (crm_config_check_keys(cfg, man, keys, e) < 0)
		return -1;
	if ((a = crm_config_get(cfg, man, "actions")) == NULL)
		return 0;
	if (crm_config_check_keys(cfg, a, classes, e) < 0)
		return -1;
	for (i = 0; i < CRM_MAN_CLASSES; i++)
		if ((n = crm_config_get(cfg, a, classes[i])) != NULL &&
		    crm_config_string(cfg, n, &m->action[i], e) < 0)
			return -1;
	return 0;
}

int
crm_man_bind(struct crm_man *m, const struct crm_header *h,
    struct crm_error *e)
{
	int k;

	for (k = 0; k < 3; k++) {
		if (m->column[k] == NULL)
			m->column[k] = default_column[k];
		if (crm_header_require(h, m->column[k], &m->col[k], e) < 0)
			return -1;
	}
	return 0;
}

int
crm_man_row(struct crm_man *m, const struct crm_record *rec,
    const char **own, struct crm_error *why)
{
	int b[3], k, cls;

	for (k = 0; k < 3; k++)
		if (crm_field_bool(rec, m->col[k], m->column[k], &b[k],
		    why) < 0)
			return CRM_RECORD_BAD;
	cls = crm_man_class(b[0], b[1], b[2]);
	crm_man_code(b[0], b[1], b[2], m->code);
	snprintf(m->cls, sizeof(m->cls), "%d", cls);
	own[0] = m->code;
	own[1] = m->cls;
	own[2] = m->action[cls - 1] ? m->action[cls - 1] :
	    crm_man_action(cls);
	return CRM_RECORD_OK;
}

static int
man_compute(void *ctx, const struct crm_record *rec, const char **own,
    struct crm_error *why)
{
	return crm_man_row(ctx, rec, own, why);
}

void
crm_man_rowwise(struct crm_man *m, struct crm_rowwise *rw)
{
	static const char *const own[] = { "man", "man_class",
	    "man_action" };

	memset(rw, 0, sizeof(*rw));
	rw->own = own;
	rw->nown = 3;
	rw->compute = man_compute;
	rw->ctx = m;
}
