/*
 * presets.c - looking up the built-in presets (see presets.h; the table
 * itself is generated into the build directory).
 */
#include <string.h>

#include "presets.h"

const struct crm_preset *
crm_preset_find(const char *name)
{
	size_t i;

	for (i = 0; i < crm_npresets; i++)
		if (strcmp(crm_presets[i].name, name) == 0)
			return &crm_presets[i];
	return NULL;
}
