"""Checks crm-followup's calendars with the icalendar package (issue 14).

Usage: python3 ics_check.py LIST.csv AS_OF KIND FILE.ics [LATER.ics AS_OF2]

LIST.csv is crm-followup's CSV list of the same run, AS_OF its as-of
date (YYYY-MM-DD), KIND "todo" or "event", FILE.ics the calendar.  The
file is checked octet by octet (CRLF line ends, no bare CR or LF, at
most 75 octets a line, every line whole UTF-8, continuation lines after
a space: RFC 5545 3.1), then parsed by icalendar, an independent reader,
and every item is compared with its row of the CSV list: UID, DTSTAMP,
SEQUENCE (the as-of day number), the dates, and SUMMARY, DESCRIPTION and
CATEGORIES unescaped back to the table's text (RFC 5545 3.3.11), which
holds semicolons, commas, quotes, backslashes and newlines.  With LATER,
a calendar of a later as-of date: every customer in both keeps its UID
and gets a higher SEQUENCE, so that a re-import replaces the item.
Prints one line, "KIND: N items valid"; exits 1 with the problems.
"""
import csv
import datetime
import sys

import icalendar

EPOCH = datetime.date(1970, 1, 1)
problems = []


def problem(msg):
    problems.append(msg)


def check_octets(data, name):
    """RFC 5545 3.1: CRLF, 75 octets, folding never inside a character."""
    if not data.endswith(b"\r\n"):
        problem(f"{name}: does not end with CRLF")
    lines = data.split(b"\r\n")[:-1]
    for n, line in enumerate(lines, 1):
        if b"\n" in line or b"\r" in line:
            problem(f"{name}:{n}: bare CR or LF")
        if len(line) > 75:
            problem(f"{name}:{n}: {len(line)} octets")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            problem(f"{name}:{n}: a UTF-8 character cut by folding")
        if line.startswith(b" ") and n == 1:
            problem(f"{name}:1: a continuation line first")
    return lines


def date_of(text):
    return datetime.date.fromisoformat(text)


def expected_summary(row, kind_channel):
    """ACTION: NAME (ID), CHANNEL DETAIL, as crm-followup(1) says."""
    who = f"{row['name']} ({row['customer_id']})" if row.get("name") \
        else row["customer_id"]
    detail = ""
    channel = row["channel"].lower()
    if channel == "phone":
        detail = row.get("phone", "")
    elif channel in ("email", "e-mail"):
        detail = row.get("email", "")
    s = f"{row['action']}: {who}, {row['channel']}"
    return s + (" " + detail if detail else "")


def check_item(item, row, kind, as_of, unfolded):
    uid = f"{row['customer_id']}-{kind}@crm-followup"
    if str(item["UID"]) != uid:
        problem(f"{uid}: UID {item['UID']}")
    if item["DTSTAMP"].dt != datetime.datetime.combine(
            as_of, datetime.time(0), datetime.timezone.utc):
        problem(f"{uid}: DTSTAMP {item['DTSTAMP'].dt}")
    if int(item["SEQUENCE"]) != (as_of - EPOCH).days:
        problem(f"{uid}: SEQUENCE {item['SEQUENCE']}")
    due = date_of(row["due_date"])
    if kind == "todo":
        if item["DUE"].dt != due:
            problem(f"{uid}: DUE {item['DUE'].dt}, not {due}")
    else:
        day = max(due, as_of)
        if item["DTSTART"].dt != day:
            problem(f"{uid}: DTSTART {item['DTSTART'].dt}, not {day}")
        if item["DTEND"].dt != day + datetime.timedelta(days=1):
            problem(f"{uid}: DTEND {item['DTEND'].dt}")
        if str(item.get("TRANSP")) != "TRANSPARENT":
            problem(f"{uid}: not TRANSP:TRANSPARENT")
    summary = expected_summary(row, kind)
    if str(item["SUMMARY"]) != summary:
        problem(f"{uid}: SUMMARY {str(item['SUMMARY'])!r}, not {summary!r}")
    desc = str(item["DESCRIPTION"]).split("\n")
    if desc[0] != row["reason"]:
        problem(f"{uid}: DESCRIPTION starts {desc[0]!r}")
    if f"owner: {row['owner']}" not in desc:
        problem(f"{uid}: DESCRIPTION lacks the owner")
    for col in ("phone", "email"):
        if row.get(col) and f"{col}: {row[col]}" not in desc:
            problem(f"{uid}: DESCRIPTION lacks {col}")
    if row["owner"]:
        # one category, its comma escaped; icalendar 4.0 splits at an
        # escaped comma too, so its pieces are joined back first
        cats = item["CATEGORIES"]
        cats = cats.cats if hasattr(cats, "cats") else [cats]
        if ",".join(str(c) for c in cats) != row["owner"]:
            problem(f"{uid}: CATEGORIES {[str(c) for c in cats]}")
        raw = "\r\nCATEGORIES:" + row["owner"].replace(",", "\\,") + "\r\n"
        if raw.encode() not in unfolded:
            problem(f"{uid}: CATEGORIES not one escaped category")
    if not 1 <= int(item["PRIORITY"]) <= 9:
        problem(f"{uid}: PRIORITY {item['PRIORITY']}")


def items_of(path, kind):
    data = open(path, "rb").read()
    check_octets(data, path)
    cal = icalendar.Calendar.from_ical(data)
    comp = "VTODO" if kind == "todo" else "VEVENT"
    other = "VEVENT" if kind == "todo" else "VTODO"
    if cal.walk(other):
        problem(f"{path}: holds {other} items")
    return cal.walk(comp)


def main():
    list_csv, as_of, kind, path = sys.argv[1:5]
    as_of = date_of(as_of)
    with open(list_csv, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    items = items_of(path, kind)
    unfolded = open(path, "rb").read().replace(b"\r\n ", b"")
    if len(items) != len(rows):
        problem(f"{path}: {len(items)} items, the list has {len(rows)}")
    by_uid = {str(i["UID"]): i for i in items}
    if len(by_uid) != len(items):
        problem(f"{path}: two items share a UID")
    for row in rows:
        uid = f"{row['customer_id']}-{kind}@crm-followup"
        if uid not in by_uid:
            problem(f"{path}: no item {uid}")
            continue
        check_item(by_uid[uid], row, kind, as_of, unfolded)
    if len(sys.argv) > 5:
        later = {str(i["UID"]): i for i in items_of(sys.argv[5], kind)}
        both = set(later) & set(by_uid)
        if not both:
            problem(f"{sys.argv[5]}: no customer in both calendars")
        for uid in both:
            if int(later[uid]["SEQUENCE"]) <= int(by_uid[uid]["SEQUENCE"]):
                problem(f"{uid}: SEQUENCE does not grow")
    for p in problems[:20]:
        print(p)
    if problems:
        sys.exit(1)
    print(f"{kind}: {len(items)} items valid")


main()
