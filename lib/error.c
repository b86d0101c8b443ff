/*
 * error.c - filling and formatting struct crm_error (see error.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "error.h"

int
crm_error_set(struct crm_error *e, int status, const char *file, long line,
    long column, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return -1;
	e->status = status;
	snprintf(e->file, sizeof(e->file), "%s", file ? file : "");
	e->line = line;
	e->column = column;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return -1;
}

void
crm_error_format(const struct crm_error *e, char *buf, size_t size)
{
	const char *f = e->file;

	if (f[0] != '\0' && e->line > 0 && e->column > 0)
		snprintf(buf, size, "%s:%ld:%ld: %s", f, e->line, e->column,
		    e->msg);
	else if (f[0] != '\0' && e->line > 0)
		snprintf(buf, size, "%s:%ld: %s", f, e->line, e->msg);
	else if (f[0] != '\0')
		snprintf(buf, size, "%s: %s", f, e->msg);
	else
		snprintf(buf, size, "%s", e->msg);
}

const char *
crm_error_quote(const char *s, size_t len, char *buf, size_t size)
{
	const size_t cut = 40;
	size_t i, o = 0;

	if (size < 8) {
		if (size > 0)
			buf[0] = '\0';
		return buf;
	}
	buf[o++] = '"';
	for (i = 0; i < len && i < cut && o + 6 < size; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f) {
			o += (size_t)snprintf(buf + o, size - o, "\\x%02X", c);
		} else {
			if (c == '"' || c == '\\')
				buf[o++] = '\\';
			buf[o++] = (char)c;
		}
	}
	if (i < len) {
		/* do not leave half a UTF-8 character before the "..." */
		while (o > 1 && ((unsigned char)buf[o - 1] & 0xC0) == 0x80)
			o--;
		if (o > 1 && ((unsigned char)buf[o - 1] & 0xC0) == 0xC0)
			o--;
	}
	if (i < len && o + 5 < size) {
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o++] = '"';
	buf[o] = '\0';
	return buf;
}
