#!/usr/bin/python3
"""Reference values for the unit tests of the customer-base models.

An implementation independent of lib/: the formulas written straight
from the papers, special functions and integrals from mpmath at 40
digits (hyp2f1 there continues analytically past every range that GSL
needs transformed), fits with SciPy.  Debian: python3-scipy and
python3-mpmath.  Run from the repository root:

    /usr/bin/python3 tests/data/clv_reference.py

It prints the values that tests/unit/test_*.c quote; the tests say which.
With the argument "cli" it prints only the figures the CLI case
tests/cli/cases/score-model-cdnow-figures checks (a few seconds).
Papers: FHL = Fader, Hardie and Lee (2005), "Counting your customers the
easy way"; FH05 = Fader and Hardie (2005), "A note on deriving the
Pareto/NBD model and related expressions"; FH13 = Fader and Hardie
(2013), "The Gamma-Gamma model of monetary value".
"""
import datetime
from collections import defaultdict

import mpmath as mp
import numpy as np
from scipy.optimize import minimize
from scipy.special import betaln, gammaln, hyp2f1

mp.mp.dps = 40

BG = (0.243, 4.414, 0.793, 2.426)
PN = (0.553, 10.578, 0.606, 11.669)
GG = (6.25, 3.74, 15.44)


def day(s):
    return (datetime.date(int(s[:4]), int(s[4:6]), int(s[6:8])) -
            datetime.date(1970, 1, 1)).days


def summaries(path, cal_end, as_of, unit=7.0):
    """(id, x, t_x, T, holdout, mean repeat spend) per customer."""
    per = defaultdict(lambda: defaultdict(float))
    with open(path) as f:
        next(f)
        for line in f:
            cid, _, d, _, amount = line.strip().split(',')
            per[cid][day(d)] += float(amount)
    out = []
    for cid, days in per.items():
        ds = sorted(days)
        cal = [d for d in ds if d <= cal_end]
        hold = [d for d in ds if cal_end < d <= as_of]
        x = len(cal) - 1
        spend = sum(days[d] for d in cal[1:]) / x if x > 0 else 0.0
        out.append((cid, x, (cal[-1] - ds[0]) / unit,
                    (cal_end - ds[0]) / unit, len(hold), spend))
    return out


# --- the models, from the papers, at 40 digits -------------------------

def bg_ll(p, x, tx, T):
    """FHL eq. (6)."""
    r, al, a, b = map(mp.mpf, p)
    A = mp.beta(a, b + x) / mp.beta(a, b) * mp.gamma(r + x) * al ** r / (
        mp.gamma(r) * (al + T) ** (r + x))
    if x > 0:
        A += mp.beta(a + 1, b + x - 1) / mp.beta(a, b) * mp.gamma(r + x) * \
            al ** r / (mp.gamma(r) * (al + tx) ** (r + x))
    return mp.log(A)


def bg_palive(p, x, tx, T):
    r, al, a, b = map(mp.mpf, p)
    if x == 0:
        return mp.mpf(1)
    return 1 / (1 + a / (b + x - 1) * ((al + T) / (al + tx)) ** (r + x))


def bg_expected(p, x, tx, T, t):
    """FHL eq. (10)."""
    r, al, a, b = map(mp.mpf, p)
    z = t / (al + T + t)
    num = (a + b + x - 1) / (a - 1) * (
        1 - ((al + T) / (al + T + t)) ** (r + x) *
        mp.hyp2f1(r + x, b + x, a + b + x - 1, z))
    return num * bg_palive(p, x, tx, T)


def bg_alive_integral(p, x, T, t):
    """The same without P(alive), from its definition (an integral over
    the dropout probability), as a check of the closed form."""
    r, al, a, b = map(mp.mpf, p)
    w = t / (al + T)
    f = lambda q: (1 - (1 + q * w) ** -(r + x)) / q * q ** (a - 1) * \
        (1 - q) ** (b + x - 1)
    return mp.quad(f, [0, mp.mpf("0.5"), 1], maxdegree=10) / mp.beta(a, b + x)


def pn_A0(p, x, tx, T):
    r, al, s, be = map(mp.mpf, p)
    if al >= be:
        f = lambda t: mp.hyp2f1(r + s + x, s + 1, r + s + x + 1,
                                (al - be) / (al + t)) / (al + t) ** (r + s + x)
    else:
        f = lambda t: mp.hyp2f1(r + s + x, r + x, r + s + x + 1,
                                (be - al) / (be + t)) / (be + t) ** (r + s + x)
    return f(tx) - f(T)


def pn_ll(p, x, tx, T):
    """FH05 section 3."""
    r, al, s, be = map(mp.mpf, p)
    return (mp.loggamma(r + x) - mp.loggamma(r) + r * mp.log(al) +
            s * mp.log(be) +
            mp.log(1 / ((al + T) ** (r + x) * (be + T) ** s) +
                   s / (r + s + x) * pn_A0(p, x, tx, T)))


def pn_integral(p, x, tx, T):
    """s/(r+s+x) A0 from the integral over the death time."""
    r, al, s, be = map(mp.mpf, p)
    cuts = [tx + (T - tx) * mp.mpf(f) for f in
            (0, 1e-4, 1e-3, 1e-2, 0.03, 0.1, 0.3, 1)]
    return s * mp.quad(lambda u: (al + u) ** -(r + x) * (be + u) ** -(s + 1),
                       cuts, maxdegree=10)


def pn_palive(p, x, tx, T):
    """FH05 section 5.1."""
    r, al, s, be = map(mp.mpf, p)
    return 1 / (1 + s / (r + s + x) * (al + T) ** (r + x) * (be + T) ** s *
                pn_A0(p, x, tx, T))


def pn_expected(p, x, tx, T, t):
    """FH05 eq. (41)."""
    r, al, s, be = map(mp.mpf, p)
    return pn_palive(p, x, tx, T) * (r + x) * (be + T) / ((al + T) * (s - 1)) \
        * (1 - ((be + T) / (be + T + t)) ** (s - 1))


def gg_ll(g, x, m):
    pp, q, ga = map(mp.mpf, g)
    return (mp.loggamma(pp * x + q) - mp.loggamma(pp * x) - mp.loggamma(q) +
            q * mp.log(ga) + (pp * x - 1) * mp.log(m) + pp * x * mp.log(x) -
            (pp * x + q) * mp.log(ga + m * x))


def gg_spend(g, x, m):
    """FH13 eq. (5)."""
    pp, q, ga = map(mp.mpf, g)
    return pp * (ga + m * x) / (pp * x + q - 1)


# --- fits with SciPy (double precision, vectorised) ---------------------

def np_bg(p, x, tx, T):
    r, al, a, b = p
    A2 = betaln(a, b + x) - betaln(a, b) - (r + x) * np.log(al + T)
    A3 = np.where(x > 0, betaln(a + 1, b + np.maximum(x, 1) - 1) -
                  betaln(a, b) - (r + x) * np.log(al + tx), -np.inf)
    return gammaln(r + x) - gammaln(r) + r * np.log(al) + np.logaddexp(A2, A3)


def np_pn(p, x, tx, T):
    r, al, s, be = p
    m, bb = (al, s + 1) if al >= be else (be, r + x)
    d, k = abs(al - be), r + s + x
    A0 = hyp2f1(k, bb, k + 1, d / (m + tx)) / (m + tx) ** k - \
        hyp2f1(k, bb, k + 1, d / (m + T)) / (m + T) ** k
    return (gammaln(r + x) - gammaln(r) + r * np.log(al) + s * np.log(be) +
            np.log(1 / ((al + T) ** (r + x) * (be + T) ** s) + s / k * A0))


def np_gg(g, x, m):
    pp, q, ga = g
    return (gammaln(pp * x + q) - gammaln(pp * x) - gammaln(q) +
            q * np.log(ga) + (pp * x - 1) * np.log(m) + pp * x * np.log(x) -
            (pp * x + q) * np.log(ga + m * x))


def fit(ll, start, *data):
    f = lambda u: -np.sum(ll(np.exp(u), *data))
    opts = {'xatol': 1e-12, 'fatol': 1e-12, 'maxiter': 40000,
            'maxfev': 40000}
    res = minimize(f, np.log(start), method='Nelder-Mead', options=opts)
    res = minimize(f, res.x, method='BFGS', options={'gtol': 1e-9})
    res = minimize(f, res.x, method='Nelder-Mead', options=opts)
    return np.exp(res.x), -res.fun


def std_errors(ll, theta, *data):
    """From a Richardson-extrapolated central-difference Hessian."""
    n = len(theta)

    def f(th):
        return np.sum(ll(th, *data))

    def d2(i, j, h):
        e_i = np.zeros(n); e_i[i] = h * theta[i]
        e_j = np.zeros(n); e_j[j] = h * theta[j]
        return (f(theta + e_i + e_j) - f(theta + e_i - e_j) -
                f(theta - e_i + e_j) + f(theta - e_i - e_j)) / (
                    4 * h * h * theta[i] * theta[j])

    H = np.array([[(4 * d2(i, j, 5e-4) - d2(i, j, 1e-3)) / 3
                   for j in range(n)] for i in range(n)])
    return np.sqrt(np.diag(np.linalg.inv(-H)))


def main():
    cal_end, as_of = day('19970930'), day('19980630')
    s = summaries('tests/data/cdnow_sample.csv', cal_end, as_of)
    x = np.array([c[1] for c in s], float)
    tx = np.array([c[2] for c in s])
    T = np.array([c[3] for c in s])
    print('customers', len(s), 'repeat buyers', int((x > 0).sum()),
          'repeat purchases', int(x.sum()), 'holdout purchases',
          sum(c[4] for c in s), 'distinct histories',
          len(set(zip(x, tx, T))))
    for c in s[:3]:
        print('customer %s x %d t_x %.17g T %.17g holdout %d spend %.17g'
              % c)

    print('\n# fits')
    p, l = fit(np_bg, (1, 30, 1, 1), x, tx, T)
    print('bgnbd', ['%.10g' % v for v in p], 'll %.10f' % l,
          'se', ['%.6g' % v for v in std_errors(np_bg, p, x, tx, T)])
    p, l = fit(np_pn, (1, 30, 1, 30), x, tx, T)
    print('pnbd', ['%.10g' % v for v in p], 'll %.10f' % l,
          'se', ['%.6g' % v for v in std_errors(np_pn, p, x, tx, T)])
    xr = np.array([c[1] for c in s if c[1] > 0], float)
    mr = np.array([c[5] for c in s if c[1] > 0])
    g, l = fit(np_gg, (1, 2, mr.mean()), xr, mr)
    print('gamma-gamma', ['%.10g' % v for v in g], 'll %.10f' % l,
          'se', ['%.6g' % v for v in std_errors(np_gg, g, xr, mr)])

    print('\n# at the published parameters')
    print('bgnbd ll %.12f' % sum(bg_ll(BG, *c[1:4]) for c in s))
    print('pnbd ll %.12f' % sum(pn_ll(PN, *c[1:4]) for c in s))
    print('gamma-gamma ll %.12f' % sum(gg_ll(GG, c[1], c[5])
                                       for c in s if c[1] > 0))
    holdout(s, 39.0)
    clvs()
    new_customers()
    edges()


def holdout(s, span):
    """FHL Figure 3: by calibration x, mean actual and expected purchases
    in the holdout period."""
    for name, ex in (('bgnbd', lambda c: bg_expected(BG, *c[1:4], span)),
                     ('pnbd', lambda c: pn_expected(PN, *c[1:4], span))):
        rows = defaultdict(lambda: [0, 0, mp.mpf(0)])
        for c in s:
            for k in (min(c[1], 7), -1):
                rows[k][0] += 1
                rows[k][1] += c[4]
                rows[k][2] += ex(c)
        for k in list(range(8)) + [-1]:
            n, a, e = rows[k]
            print('%s holdout x %2d customers %4d actual %.12f expected %.12f'
                  % (name, k, n, a / n, e / n))


def clv(p, exp, x, tx, T, m, h, d):
    """Expected spend times the purchases of each unit, discounted."""
    ts = [min(k, h) for k in range(1, int(mp.ceil(h)) + 1)]
    prev, tot = mp.mpf(0), mp.mpf(0)
    for t in ts:
        cur = exp(p, x, tx, T, t)
        tot += (cur - prev) / (1 + mp.mpf(d)) ** t
        prev = cur
    return gg_spend(GG, x, m) * tot


def clvs():
    print('\n# customer 00004 (x 2, t_x 213/7, T 272/7, spend 22.345)')
    c = (2, mp.mpf(213) / 7, mp.mpf(272) / 7, mp.mpf('22.345'))
    for name, p, ex in (('bgnbd', BG, bg_expected), ('pnbd', PN, pn_expected)):
        print('%s E52 %.15g spend %.15g clv52 %.15g clv52 d=0.01 %.15g '
              'clv2.5 d=0.1 %.15g' % (
                  name, ex(p, *c[:3], 52), gg_spend(GG, 2, c[3]),
                  clv(p, ex, *c, 52, 0), clv(p, ex, *c, 52, 0.01),
                  clv(p, ex, *c, 2.5, 0.1)))


def new_customers():
    """E[X(52)] of a new customer: FHL eq. (7), FH05 eq. (27); the same
    as the conditional expectation at x = t_x = T = 0."""
    r, al, a, b = map(mp.mpf, BG)
    print('bgnbd new customer E52 %.15g' % (
        (a + b - 1) / (a - 1) * (1 - (al / (al + 52)) ** r *
                                 mp.hyp2f1(r, b, a + b - 1, 52 / (al + 52)))))
    r, al, s, be = map(mp.mpf, PN)
    print('pnbd new customer E52 %.15g' % (
        r * be / (al * (s - 1)) * (1 - (be / (be + 52)) ** (s - 1))))


def edges():
    print('\n# single histories')
    cases = [(0, 0, 38.857142857142854), (2, 30.428571428571427,
             38.857142857142854), (300, 30, 39), (5, 20, 20),
             (2, 1e5, 1e6), (7, 35, 38)]
    for h in cases:
        print('bgnbd %-28s ll %.15g palive %.15g E52 %.15g' % (
            h, bg_ll(BG, *h), bg_palive(BG, *h), bg_expected(BG, *h, 52)))
        print('pnbd  %-28s ll %.15g palive %.15g E52 %.15g' % (
            h, pn_ll(PN, *h), pn_palive(PN, *h), pn_expected(PN, *h, 52)))
    # a + b < 1, where the 2F1 of FHL (10) has c = a+b+x-1 < 0 at x = 0
    low = (0.5, 2.0, 0.3, 0.4)
    for h in [(0, 0, 10), (1, 5, 10), (4, 8, 10)]:
        print('bgnbd a+b<1 %-14s ll %.15g palive %.15g E52 %.15g '
              'alive-integral %.15g' % (h, bg_ll(low, *h), bg_palive(low, *h),
              bg_expected(low, *h, 52), bg_alive_integral(low, h[0], h[2], 52)))
    # alpha far from beta: the 2F1 argument near 1
    for p in [(0.8, 0.05, 0.5, 400.0), (0.8, 400.0, 0.5, 0.05)]:
        for h in [(0, 0, 39), (20, 30, 39), (300, 30, 39)]:
            r, s = p[0], p[2]
            print('pnbd %s %-14s ll %.15g palive %.15g E52 %.15g '
                  'log(sI) %.15g integral %.15g' % (
                      p, h, pn_ll(p, *h), pn_palive(p, *h),
                      pn_expected(p, *h, 52),
                      mp.log(s / (r + s + h[0]) * pn_A0(p, *h)),
                      mp.log(pn_integral(p, *h))))
    # the removable singularities of FHL (10): a = 1, and a+b+x-1 = 0
    for p in [(0.5, 2.0, 1.0, 0.4), (0.5, 2.0, 0.3, 0.7)]:
        print('bgnbd %s x 0 T 10 alive-integral t 52 %.15g' % (
            p, bg_alive_integral(p, 0, 10, 52)))
    for h in [(1, 20.0), (5, 35.5), (300, 12.25)]:
        print('gamma-gamma %-12s ll %.15g spend %.15g' % (
            h, gg_ll(GG, *h), gg_spend(GG, *h)))
    print('gamma-gamma x 0 spend %.15g' % gg_spend(GG, 0, 0))


def cli():
    """crm-score's customer table at the published parameters (--params-in)
    for four CDNOW customers: x = 2; x = 0; t_x = T; the largest x (29);
    weeks, horizon 52, no discount, then a discount of 0.01 a week."""
    cal_end, as_of = day('19970930'), day('19980630')
    s = {c[0]: c for c in summaries('tests/data/cdnow_sample.csv', cal_end,
                                    as_of)}
    for name, p, pa, ex in (('bgnbd', BG, bg_palive, bg_expected),
                            ('pnbd', PN, pn_palive, pn_expected)):
        for cid in ('00004', '00050', '00645', '01760'):
            c = s[cid]
            x, tx, T, m = c[1], mp.mpf(c[2]), mp.mpf(c[3]), mp.mpf(c[5])
            print('%s %s x %d t_x %.10g T %.10g p_alive %.10g E52 %.10g '
                  'avg_spend %.10g expected_spend %.10g clv %.10g '
                  'clv_d0.01 %.10g' % (
                      name, cid, x, tx, T, pa(p, x, tx, T),
                      ex(p, x, tx, T, 52), m, gg_spend(GG, x, m),
                      clv(p, ex, x, tx, T, m, 52, 0),
                      clv(p, ex, x, tx, T, m, 52, 0.01)))


if __name__ == '__main__':
    import sys
    if sys.argv[1:] == ['cli']:
        cli()
    else:
        main()
        print('\n# the CLI case score-model-cdnow-figures')
        cli()
