/*
 * man.c - MAN classes, codes and actions (see man.h).
 */
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
