/*
 * presets.h - the built-in rule sets of crm-segment.
 *
 * Each preset is the text of samples/segment-NAME.yaml, compiled into the
 * program (see lib/presets.awk), so the shipped file a user copies and
 * edits is exactly what --preset NAME runs.
 */
#ifndef CRM_PRESETS_H
#define CRM_PRESETS_H

#include <stddef.h>

struct crm_preset {
	const char *name;	/* rfm, value-loyalty, ... */
	const char *file;	/* segment-rfm.yaml */
	const char *summary;	/* one line, for --list-presets */
	const char *text;	/* the YAML */
};

extern const struct crm_preset crm_presets[];
extern const size_t crm_npresets;

/* The preset called name, or NULL. */
const struct crm_preset *crm_preset_find(const char *name);

#endif
