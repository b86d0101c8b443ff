# generate.awk - deterministic generator of the sample data in samples/.
#
# All data are synthetic: companies, people, e-mail addresses and phone
# numbers are made up. The generator uses no rand()/srand(): its only source
# of randomness is the "minimal standard" Lehmer generator (MINSTD,
# x = x * 48271 mod 2^31-1) with a fixed seed, and it uses only integer and
# basic double arithmetic, so every POSIX awk (checked: mawk 1.3.4, gawk)
# writes byte-identical files. Every run builds the whole data set in memory
# and prints the part chosen with -v what=...:
#
#   awk -f samples/generate.awk -v what=orders       > samples/orders.csv
#   awk -f samples/generate.awk -v what=orders-excel > samples/orders-excel.csv
#   awk -f samples/generate.awk -v what=customers    > samples/customers.csv
#   awk -f samples/generate.awk -v what=contacts     > samples/contacts.csv

BEGIN {
    SEED = 20251231
    R = SEED

    if (what != "orders" && what != "orders-excel" && what != "customers" &&
        what != "contacts") {
        print "usage: awk -f generate.awk -v what=orders|orders-excel|customers|contacts" | "cat 1>&2"
        close("cat 1>&2")
        exit 2
    }

    init_tables()
    make_customers()
    make_orders()
    make_contacts()
    finish_customers()

    if (what == "orders")            print_orders(0)
    else if (what == "orders-excel") print_orders(1)
    else if (what == "customers")    print_customers()
    else                             print_contacts()
    exit 0
}

# ---------------------------------------------------------------- randomness

# MINSTD: R stays below 2^31, R * 48271 below 2^47: exact in a double.
function nextr() {
    R = (R * 48271) % 2147483647
    return R
}

# Integer in 0 .. n-1 (n well below 2^21 keeps the product exact).
function rnd(n) {
    return int((nextr() - 1) * n / 2147483646)
}

# Integer in lo .. hi.
function rr(lo, hi) {
    return lo + rnd(hi - lo + 1)
}

# True with a probability of pm per mille.
function chance(pm) {
    return rnd(1000) < pm
}

# ---------------------------------------------------------------- calendar

function isleap(y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

function mdays(y, m) {
    if (m == 2)
        return isleap(y) ? 29 : 28
    return (m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31
}

function ydays(y) {
    return isleap(y) ? 366 : 365
}

function doy2date(y, doy,    m) {
    m = 1
    while (doy > mdays(y, m)) {
        doy -= mdays(y, m)
        m++
    }
    return sprintf("%04d-%02d-%02d", y, m, doy)
}

# Day numbers: 0 is Monday 2024-01-01, 365 is 2024-12-31, 366 is
# 2025-01-01, 729 is 2025-12-30 (a Tuesday), 730 is 2025-12-31.
function dstr(d) {
    return d < 366 ? doy2date(2024, d + 1) : doy2date(2025, d - 365)
}

# A day in lo .. hi, redrawn (a few times at most) while it is a Saturday
# or a Sunday: business happens on weekdays, now and then on a weekend.
function workday(lo, hi,    d, k) {
    for (k = 0; k < 8; k++) {
        d = rr(lo, hi)
        if (d % 7 < 5 || chance(40))
            return d
    }
    return d
}

# Move a Saturday or Sunday on to the Monday after.
function weekday_on(d) {
    if (d % 7 == 5) return d + 2
    if (d % 7 == 6) return d + 1
    return d
}

# ---------------------------------------------------------------- CSV output

function csv(s) {
    if (index(s, ",") || index(s, "\"") || index(s, "\r") || index(s, "\n")) {
        gsub(/"/, "\"\"", s)
        return "\"" s "\""
    }
    return s
}

# Cents as a plain decimal: -4500 -> -45.00
function money(c,    sign) {
    sign = ""
    if (c < 0) {
        sign = "-"
        c = -c
    }
    return sign sprintf("%d.%02d", int(c / 100), c % 100)
}

# Cents as Excel shows them with the "#,##0.00;(#,##0.00)" format:
# 123450 -> 1,234.50 and -4500 -> (45.00)
function money_excel(c,    neg, units, s) {
    neg = c < 0
    if (neg)
        c = -c
    units = int(c / 100)
    s = ""
    while (units >= 1000) {
        s = sprintf(",%03d", units % 1000) s
        units = int(units / 1000)
    }
    s = sprintf("%d", units) s sprintf(".%02d", c % 100)
    return neg ? "(" s ")" : s
}

# ---------------------------------------------------------------- tables

function init_tables(    i) {
    NOWN = split("alice|bob|chen|dana|emre", OWN, "|")

    NW1 = split("Northwind|Bluebird|Silver Oak|Redwood|Granite|Harbor|Summit|" \
        "Maple|Cedar|Pioneer|Evergreen|Lakeside|Ironbridge|Brightwater|" \
        "Copperfield|Falcon|Highland|Juniper|Keystone|Lighthouse|Meridian|" \
        "Nova|Orchard|Pinnacle|Quarry|Riverbend|Sterling|Tidewater|Vantage|" \
        "Willow|Zephyr|Aspen|Beacon|Crescent|Driftwood|Foxglove|Greystone|" \
        "Hawthorn|Kingfisher|Larkspur|Moorland|Oakridge|Prairie|Sandstone|" \
        "Thistle|Blue Heron|Red Maple|Stonegate|Windmill|Elmwood|Hillcrest|" \
        "Bayside|Clearwater|Fairhaven|Goldleaf|Mapleton|Westbrook", W1, "|")
    NW2 = split("Supply|Logistics|Foods|Hardware|Medical|Dental|Printing|" \
        "Electric|Plumbing|Textiles|Software|Consulting|Builders|Furniture|" \
        "Auto Parts|Outfitters|Labs|Bakery|Coffee Roasters|Florist|Pharmacy|" \
        "Engineering|Packaging|Tools|Office Supplies|Marine|Garden Center|" \
        "Veterinary Clinic|Design Studio|Catering|Cleaning Services|" \
        "Machining|Optics|Paper|Brewing|Fitness|Analytics|Interiors", W2, "|")
    NW3 = split("| Inc.| LLC| Ltd| Co.| Corp.| Group| & Sons| Partners||", W3, "|")

    NFN = split("Anna|Ben|Carla|David|Elena|Frank|Grace|Hugo|Irene|Jamal|" \
        "Karen|Liam|Maria|Noah|Olivia|Paul|Rosa|Samir|Tanya|Victor|Wei|" \
        "Yuki|Zoe|Lucas|Mei|Omar|Priya|Sofia|Tom|Ines", FN, "|")
    NLN = split("Smith|Garcia|Kim|Novak|Okafor|Rossi|Schmidt|Tanaka|Brown|" \
        "Lopez|Nguyen|Patel|Jensen|Kowalski|Moreau|Silva|Cohen|Walsh|Chen|" \
        "Murphy|Fischer|Haddad|Larsen|Ortiz|Reyes|Singh|Young|Baker", LN, "|")
    NDOM = split("example.com|example.net|example.org", DOM, "|")
    NAREA = split("212|312|415|617|206|303|512|602|404|713|305|503", AREA, "|")

    # Price list in cents; an order line is one product times a quantity.
    NPRICE = split("1990|2450|3900|4500|6950|8900|12000|14995|24900|39900|" \
        "57550|89000|115000|249000", PRICE, "|")

    # Customer tiers by revenue rank: A 1-6 (big accounts), B 7-60,
    # C 61-130 (regulars), D 131-300 (long tail: one to three orders).
    # Per tier: orders min/max, product index min/max, quantity max.
    split("80|16|5|1", TN1, "|");  split("120|34|16|2", TN2, "|")
    split("5|3|2|1", TP1, "|");    split("13|12|11|11", TP2, "|")
    split("6|5|5|3", TQ, "|")

    # Names with the awkward characters, at chosen revenue ranks.
    SPECIAL[1]   = "Smith, Jones & Co"
    SPECIAL[3]   = "Müller GmbH"
    SPECIAL[9]   = "Joe's \"Quick Fix\" Repairs"
    SPECIAL[17]  = "Baker, Wright and Partners"
    SPECIAL[33]  = "杭州青禾商贸有限公司"
    SPECIAL[88]  = "Café Lumière"
    SPECIAL[150] = "Nguyen, Patel & Associates, LLC"
    SPECIAL[205] = "Søndergaard & Friis ApS"
    SPECIAL[262] = "Hill, Ortiz & Sons"
    SPECIAL[310] = "Zürich Feinmechanik AG"
    for (i in SPECIAL)
        USED[SPECIAL[i]] = 1
}

function company_name(    s) {
    do {
        s = W1[rr(1, NW1)] " " W2[rr(1, NW2)] W3[rr(1, NW3)]
    } while (s in USED)
    USED[s] = 1
    return s
}

function tier_of(rank) {
    if (rank <= 6)   return 1
    if (rank <= 60)  return 2
    if (rank <= 130) return 3
    return 4
}

# ---------------------------------------------------------------- customers

# NCUST customers with orders (ids 1..NCUST) and NPROS prospects after them.
# Revenue ranks are dealt to ids by a shuffle, so big accounts are spread.
function make_customers(    i, j, t, f, l) {
    NCUST = 300
    NPROS = 20
    for (i = 1; i <= NCUST; i++)
        RANKOF[i] = i
    for (i = NCUST; i > 1; i--) {
        j = rr(1, i)
        t = RANKOF[i]; RANKOF[i] = RANKOF[j]; RANKOF[j] = t
    }
    for (i = 1; i <= NCUST + NPROS; i++) {
        RANK[i] = i <= NCUST ? RANKOF[i] : i
        CID[i] = sprintf("C%04d", i)
        NAME[i] = (RANK[i] in SPECIAL) ? SPECIAL[RANK[i]] : company_name()
        OWNER[i] = OWN[rr(1, NOWN)]
        f = FN[rr(1, NFN)]
        l = LN[rr(1, NLN)]
        if (chance(80))
            EMAIL[i] = ""
        else if (chance(150))
            EMAIL[i] = "info" i "@" DOM[rr(1, NDOM)]
        else
            EMAIL[i] = tolower(f) "." tolower(l) "@" DOM[rr(1, NDOM)]
        PHONE[i] = chance(40) ? "" : sprintf("+1-%s-555-01%02d", AREA[rr(1, NAREA)], rnd(100))
        if (chance(500)) {
            t = rr(1955, 1995)
            j = rr(1, ydays(t))
            BIRTHDAY[i] = doy2date(t, j)
        } else {
            BIRTHDAY[i] = ""
        }
        DNC[i] = chance(50) ? "yes" : ""
    }
    # One leap-day birthday, for whoever tests birthday reminders.
    BIRTHDAY[42] = "1988-02-29"
}

# ---------------------------------------------------------------- orders

function add_sale(c, d, p, q,    i) {
    i = ++NSALE
    S_CUST[i] = c
    S_DAY[i] = d
    S_NL[i] = 1
    S_PROD[i, 1] = p
    S_QTY[i, 1] = q
    S_AMT[i, 1] = PRICE[p] * q
    DAYN[d]++
    DAYS[d, DAYN[d]] = i
    if (!(c in LASTDAY) || d > LASTDAY[c])
        LASTDAY[c] = d
}

function make_orders(    c, t, n, s, e, k, d, i, l, nl, p, q, tot, want) {
    NSALE = 0
    for (c = 1; c <= NCUST; c++) {
        t = tier_of(RANK[c])
        if (t == 4)
            n = chance(120) ? 3 : rr(1, 2)
        else
            n = rr(TN1[t], TN2[t])
        if (t == 1) {
            s = rr(1, 20); e = 729
        } else if (t == 2) {
            s = rr(1, 300)
            e = chance(850) ? 729 : rr(s + 200, 729)
        } else if (t == 3) {
            s = rr(1, 600)
            e = s + rr(60, 500); if (e > 729) e = 729
        } else {
            s = rr(1, 729)
            e = s + rr(0, 300); if (e > 729) e = 729
        }
        for (k = 1; k <= n; k++) {
            d = workday(s, e)
            # The data span exactly 2024-01-02 .. 2025-12-30.
            if (RANK[c] == 1 && k == 1) d = 1
            if (RANK[c] == 2 && k == 1) d = 729
            # The first B accounts buy larger quantities: no cliff after A.
            add_sale(c, d, rr(TP1[t], TP2[t]),
                     rr(1, t == 2 && RANK[c] <= 16 ? 8 : TQ[t]))
        }
    }

    # About twenty orders of tier A/B customers have two or three lines.
    want = 20
    while (want > 0) {
        i = rr(1, NSALE)
        c = S_CUST[i]
        if (S_NL[i] > 1 || tier_of(RANK[c]) > 2)
            continue
        t = tier_of(RANK[c])
        nl = rr(2, 3)
        for (l = 2; l <= nl; l++) {
            do p = rr(TP1[t], TP2[t]); while (p == S_PROD[i, 1])
            q = rr(1, TQ[t])
            S_PROD[i, l] = p
            S_QTY[i, l] = q
            S_AMT[i, l] = PRICE[p] * q
        }
        S_NL[i] = nl
        want--
    }

    # About 2% of the rows are credit notes: a later refund of a whole order
    # or of part of its first line.
    NCRED = 0
    want = 60
    while (want > 0) {
        i = rr(1, NSALE)
        if (i in CREDITED)
            continue
        d = weekday_on(S_DAY[i] + rr(2, 40))
        if (d > 729)
            continue
        CREDITED[i] = 1
        if (chance(400)) {
            tot = 0
            for (l = 1; l <= S_NL[i]; l++)
                tot += S_AMT[i, l]
        } else {
            tot = PRICE[S_PROD[i, 1]] * rr(1, S_QTY[i, 1])
        }
        NCRED++
        C_CUST[NCRED] = S_CUST[i]
        C_DAY[NCRED] = d
        C_AMT[NCRED] = -tot
        CDAYN[d]++
        CDAYS[d, CDAYN[d]] = NCRED
        want--
    }
}

function order_row(id, c, d, cents, excel,    a) {
    a = excel ? csv(money_excel(cents)) : money(cents)
    return id "," CID[c] "," csv(NAME[c]) "," OWNER[c] "," DATE[d] "," a
}

# Rows by date; on a date the credit notes (CN-...) come before the sales
# orders (SO-...), so the rows are sorted by order_date, then order_id.
function print_orders(excel,    eol, d, k, i, l, nso, ncn) {
    eol = excel ? "\r\n" : "\n"
    if (excel)
        printf "%s", "\357\273\277"
    printf "%s%s", "order_id,customer_id,name,owner,order_date,amount", eol
    nso = 10000
    ncn = 10000
    for (d = 0; d <= 730; d++) {
        for (k = 1; k <= CDAYN[d]; k++) {
            i = CDAYS[d, k]
            printf "%s%s", order_row("CN-" (++ncn), C_CUST[i], d, C_AMT[i], excel), eol
        }
        for (k = 1; k <= DAYN[d]; k++) {
            i = DAYS[d, k]
            ++nso
            for (l = 1; l <= S_NL[i]; l++)
                printf "%s%s", order_row("SO-" nso, S_CUST[i], d, S_AMT[i, l], excel), eol
        }
    }
}

# ---------------------------------------------------------------- contacts

function add_contact(id, d, ch, out, own) {
    NCON++
    K_ID[NCON] = id
    K_DAY[NCON] = d
    K_CH[NCON] = ch
    K_OUT[NCON] = out
    K_OWN[NCON] = own
}

function channel(t,    x) {
    x = rnd(100)
    if (x < (t == 1 ? 25 : 8)) return "visit"
    if (x < 60) return "phone"
    return "email"
}

function make_contacts(    c, t, n, k, d, x, out, own, i, j, tmp) {
    NCON = 0
    for (c = 1; c <= NCUST + NPROS; c++) {
        t = c <= NCUST ? tier_of(RANK[c]) : 5
        if (t == 1)      n = rr(18, 30)
        else if (t == 2) n = rr(7, 16)
        else if (t == 3) n = rr(3, 8)
        else if (t == 4) n = rr(1, 3)
        else             n = rr(1, 6)
        if (t > 1 && chance(30))
            n = 0
        for (k = 1; k <= n; k++) {
            d = workday(367, 729)
            x = rnd(1000)
            out = x < 40 ? "complaint" : x < 360 ? "no answer" : "reached"
            own = chance(80) ? OWN[rr(1, NOWN)] : OWNER[c]
            add_contact(CID[c], d, channel(t), out, own)
            if (out == "complaint" && chance(800)) {
                d = weekday_on(d + rr(1, 30))
                if (d <= 729)
                    add_contact(CID[c], d, chance(500) ? "phone" : "email",
                                "complaint resolved", OWNER[c])
            }
        }
    }
    # Rows about customers that customers.csv does not know.
    add_contact("C0999", 400, "phone", "reached", "bob")
    add_contact("C0321", 512, "email", "no answer", "alice")
    add_contact("C0350", 610, "visit", "reached", "dana")
    add_contact("C0777", 655, "phone", "complaint", "chen")
    add_contact("C0999", 701, "email", "reached", "bob")

    # Deterministic Fisher-Yates shuffle of the log.
    for (i = 1; i <= NCON; i++)
        ORD[i] = i
    for (i = NCON; i > 1; i--) {
        j = rr(1, i)
        tmp = ORD[i]; ORD[i] = ORD[j]; ORD[j] = tmp
    }
}

function print_contacts(    k, i) {
    print "customer_id,date,channel,outcome,owner"
    for (k = 1; k <= NCON; k++) {
        i = ORD[k]
        print K_ID[i] "," DATE[K_DAY[i]] "," K_CH[i] "," K_OUT[i] "," K_OWN[i]
    }
}

# ---------------------------------------------------------------- customers

function finish_customers(    d, i, c, x) {
    for (d = 0; d <= 730; d++)
        DATE[d] = dstr(d)
    for (i = 1; i <= NCON; i++)
        if (!(K_ID[i] in LASTC) || K_DAY[i] > LASTC[K_ID[i]])
            LASTC[K_ID[i]] = K_DAY[i]
    for (c = 1; c <= NCUST + NPROS; c++) {
        if (c > NCUST) {
            STATUS[c] = chance(600) ? "prospect" : "potential"
        } else if (LASTDAY[c] < 500 && chance(450)) {
            x = rnd(100)
            STATUS[c] = x < 40 ? "lost-competitor" : x < 75 ? "bought-elsewhere" : "other-brand"
        } else {
            STATUS[c] = "won"
        }
        if (chance(STATUS[c] == "won" ? 430 : 60))
            RENEWAL[c] = doy2date(2026, rr(1, 365))
        else
            RENEWAL[c] = ""
        LASTCON[c] = (CID[c] in LASTC) ? DATE[LASTC[CID[c]]] : ""
    }
}

function print_customers(    c) {
    print "customer_id,name,owner,email,phone,status,last_contact,contract_renewal,birthday,do_not_contact"
    for (c = 1; c <= NCUST + NPROS; c++)
        print CID[c] "," csv(NAME[c]) "," OWNER[c] "," EMAIL[c] "," PHONE[c] "," \
            STATUS[c] "," LASTCON[c] "," RENEWAL[c] "," BIRTHDAY[c] "," DNC[c]
}
