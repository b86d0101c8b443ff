/*
 * ics.c - follow-ups as an iCalendar (RFC 5545) file of VTODO or VEVENT
 * items (see ics.h).
 *
 * Every content line goes through a small folder that counts the octets
 * of the physical line, property name included, and breaks it with CRLF
 * and a space before a character that would pass 75 octets.  A
 * character is a whole UTF-8 sequence or a whole TEXT escape ("\\;"), so
 * neither is ever cut in two.
 */
#include <stdio.h>
#include <string.h>

#include "ics.h"
#include "value.h"

/* RFC 5545 3.1: lines SHOULD NOT be longer than 75 octets, CRLF excluded. */
#define FOLD_AT	75

struct line {
	FILE *fp;
	size_t col;		/* octets on the current physical line */
};

/* Writes one character (len octets, at most 4) on the line, folding first. */
static void
put_char(struct line *l, const char *p, size_t len)
{
	if (l->col + len > FOLD_AT) {
		fputs("\r\n ", l->fp);
		l->col = 1;
	}
	fwrite(p, 1, len, l->fp);
	l->col += len;
}

/* Writes plain ASCII (property names, parameters, numbers). */
static void
put_ascii(struct line *l, const char *s)
{
	for (; *s != '\0'; s++)
		put_char(l, s, 1);
}

static void
line_begin(struct line *l, FILE *fp, const char *name)
{
	l->fp = fp;
	l->col = 0;
	put_ascii(l, name);
}

static void
line_end(struct line *l)
{
	fputs("\r\n", l->fp);
	l->col = 0;
}

/*
 * The length of the UTF-8 sequence at p: what its lead byte announces,
 * cut short where continuation bytes run out.  Stray bytes count as one.
 */
static size_t
utf8_len(const unsigned char *p)
{
	size_t want, n;

	if (p[0] >= 0xf0 && p[0] <= 0xf7)
		want = 4;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		want = 3;
	else if (p[0] >= 0xc0 && p[0] <= 0xdf)
		want = 2;
	else
		return 1;
	for (n = 1; n < want && (p[n] & 0xc0) == 0x80; n++)
		;
	return n;
}

/*
 * Writes s as a TEXT value (RFC 5545 3.3.11): backslash, semicolon and
 * comma escaped, LF and CRLF as \n, other control characters (tab
 * excepted) dropped, since no calendar program would show them.
 */
static void
put_text(struct line *l, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char esc[2] = { '\\', 0 };
	size_t n;

	if (s == NULL)
		return;
	while (*p != '\0') {
		if (*p == '\\' || *p == ';' || *p == ',') {
			esc[1] = (char)*p++;
			put_char(l, esc, 2);
		} else if (*p == '\n' || (*p == '\r' && p[1] == '\n')) {
			p += *p == '\r' ? 2 : 1;
			put_char(l, "\\n", 2);
		} else if ((*p < 0x20 && *p != '\t') || *p == 0x7f) {
			p++;
		} else {
			n = utf8_len(p);
			put_char(l, (const char *)p, n);
			p += n;
		}
	}
}

static void
put_line(FILE *fp, const char *name, const char *ascii)
{
	struct line l;

	line_begin(&l, fp, name);
	put_ascii(&l, ascii);
	line_end(&l);
}

static void
put_text_line(FILE *fp, const char *name, const char *text)
{
	struct line l;

	line_begin(&l, fp, name);
	put_text(&l, text);
	line_end(&l);
}

/* days as YYYYMMDD into buf (at least 9 bytes). */
static void
basic_date(int32_t days, char *buf)
{
	char iso[11];

	crm_date_format(days, iso);
	memcpy(buf, iso, 4);
	memcpy(buf + 4, iso + 5, 2);
	memcpy(buf + 6, iso + 8, 2);
	buf[8] = '\0';
}

void
crm_ics_begin(FILE *fp)
{
	put_line(fp, "BEGIN:", "VCALENDAR");
	put_line(fp, "VERSION:", "2.0");
	put_line(fp, "PRODID:", "-//crm//crm-followup//EN");
}

long
crm_ics_sequence(int32_t stamp)
{
	return stamp > 0 ? (long)stamp : 0;
}

/* UID, DTSTAMP and SEQUENCE: what says which item and which version. */
static void
put_identity(FILE *fp, const struct crm_ics_todo *t, int32_t stamp)
{
	char date[9], buf[32];

	put_text_line(fp, "UID:", t->uid);
	basic_date(stamp, date);
	snprintf(buf, sizeof(buf), "%sT000000Z", date);
	put_line(fp, "DTSTAMP:", buf);
	snprintf(buf, sizeof(buf), "%ld", crm_ics_sequence(stamp));
	put_line(fp, "SEQUENCE:", buf);
}

/*
 * SUMMARY, DESCRIPTION, CATEGORIES and PRIORITY.  A NULL summary gives
 * an empty value; a NULL or empty description or categories, or a
 * priority outside 1..9, leaves the property out.
 */
static void
put_content(FILE *fp, const struct crm_ics_todo *t)
{
	char buf[32];

	put_text_line(fp, "SUMMARY:", t->summary);
	if (t->description != NULL && t->description[0] != '\0')
		put_text_line(fp, "DESCRIPTION:", t->description);
	/* one category: a comma in an owner's name is escaped, not a list */
	if (t->categories != NULL && t->categories[0] != '\0')
		put_text_line(fp, "CATEGORIES:", t->categories);
	if (t->priority >= 1 && t->priority <= 9) {
		snprintf(buf, sizeof(buf), "%d", t->priority);
		put_line(fp, "PRIORITY:", buf);
	}
}

void
crm_ics_todo(FILE *fp, const struct crm_ics_todo *t, int32_t stamp)
{
	char date[9];

	put_line(fp, "BEGIN:", "VTODO");
	put_identity(fp, t, stamp);
	basic_date(t->due, date);
	put_line(fp, "DUE;VALUE=DATE:", date);
	put_content(fp, t);
	put_line(fp, "STATUS:", "NEEDS-ACTION");
	put_line(fp, "END:", "VTODO");
}

void
crm_ics_event(FILE *fp, const struct crm_ics_todo *t, int32_t stamp)
{
	char date[9];

	put_line(fp, "BEGIN:", "VEVENT");
	put_identity(fp, t, stamp);
	basic_date(t->due, date);
	put_line(fp, "DTSTART;VALUE=DATE:", date);
	basic_date(t->due + 1, date);
	put_line(fp, "DTEND;VALUE=DATE:", date);
	put_content(fp, t);
	put_line(fp, "TRANSP:", "TRANSPARENT");
	put_line(fp, "END:", "VEVENT");
}

int
crm_ics_end(FILE *fp)
{
	put_line(fp, "END:", "VCALENDAR");
	/* flush, so that a write error shows now and not at fclose */
	if (fflush(fp) != 0 || ferror(fp))
		return -1;
	return 0;
}
