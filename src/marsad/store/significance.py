"""Is a difference between outlets larger than chance? The tests `marsad compare` states.

Every measure marsad compares is a share: k of n (articles that mention an actor out of an
outlet's articles, doubting quotes out of an actor's quotes ...). For one measure across
outlets:

- two outlets: Fisher's exact test on the 2x2 table (two-sided: the probability, with the
  margins fixed, of a table as unlikely as the one observed or less likely), exact whatever the counts;
- three or more: Pearson's chi-square test of homogeneity on the k x 2 table (k - 1 degrees of
  freedom), marked approximate when an expected count is below 5;
- the p-values of all the measures of one comparison are adjusted together by Holm's method
  (valid whatever the dependence between the measures), and a difference is called significant
  when its adjusted p-value is below alpha (0.05);
- each share carries its Wilson score interval (95%), which stays inside [0, 1] and behaves at
  small n.

Pure Python (math.lgamma, a continued fraction for the chi-square tail): no numerical library.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

ALPHA = 0.05
Z95 = 1.959963984540054

STATEMENT = ("Each row compares one share across the outlets: Fisher's exact test for two outlets, Pearson's "
             "chi-square test of homogeneity for three or more (approximate when an expected count is below 5), "
             "two-sided; the p-values of all rows are adjusted together by Holm's method; a difference is "
             "significant when its adjusted p-value is below {alpha}. Shares carry Wilson 95% intervals. "
             "Rows with nothing observed are not tested.")


def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float] | tuple[None, None]:
    """The Wilson score interval of a share k/n (None, None when n is 0).

    >>> [round(x, 4) for x in wilson(5, 10)]
    [0.2366, 0.7634]
    """
    if n <= 0:
        return None, None
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def _log_comb(n: int, k: int) -> float:
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


def fisher_exact(a: int, b: int, c: int, d: int) -> float:
    """Two-sided p-value of Fisher's exact test on [[a, b], [c, d]] (rows: groups; columns: yes, no).

    >>> round(fisher_exact(8, 2, 1, 5), 4)
    0.035
    """
    n1, n2, k = a + b, c + d, a + c
    lo, hi = max(0, k - n2), min(k, n1)
    norm = _log_comb(n1 + n2, k)

    def logp(x: int) -> float:
        return _log_comb(n1, x) + _log_comb(n2, k - x) - norm
    observed = logp(a)
    # Tables as likely as the observed one count too (a relative tolerance, as R and SciPy use).
    cut = observed + math.log1p(1e-7)
    return min(1.0, sum(math.exp(lp) for lp in (logp(x) for x in range(lo, hi + 1)) if lp <= cut))


def _gamma_q(s: float, x: float) -> float:
    """The regularized upper incomplete gamma function Q(s, x) (Numerical Recipes' gammq)."""
    if x <= 0:
        return 1.0
    gln = math.lgamma(s)
    if x < s + 1:  # the series for P, then Q = 1 - P
        term = total = 1.0 / s
        ap = s
        for _ in range(10_000):
            ap += 1
            term *= x / ap
            total += term
            if abs(term) < abs(total) * 1e-15:
                break
        return max(0.0, 1.0 - total * math.exp(-x + s * math.log(x) - gln))
    tiny = 1e-300  # the continued fraction for Q (modified Lentz)
    b = x + 1 - s
    c = 1 / tiny
    d = 1 / b
    h = d
    for i in range(1, 10_000):
        an = -i * (i - s)
        b += 2
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1 / d
        delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-15:
            break
    return min(1.0, math.exp(-x + s * math.log(x) - gln) * h)


def chi2_sf(x: float, df: int) -> float:
    """P(X >= x) for a chi-square variable with df degrees of freedom.

    >>> round(chi2_sf(3.841459, 1), 4), round(chi2_sf(9.487729, 4), 4)
    (0.05, 0.05)
    """
    return _gamma_q(df / 2, x / 2)


@dataclass(frozen=True)
class TestResult:
    test: str | None          # "fisher" | "chi2" | None (nothing to test)
    p_value: float | None
    statistic: float | None = None
    df: int | None = None
    approximate: bool = False


def compare_shares(successes: list[int], trials: list[int]) -> TestResult:
    """Whether the share successes/trials differs between groups (groups with no trials are left out).
    No test (p None) when fewer than two groups have trials, or nothing or everything is a success."""
    groups = [(k, n) for k, n in zip(successes, trials) if n > 0]
    total_k = sum(k for k, _ in groups)
    total_n = sum(n for _, n in groups)
    if len(groups) < 2 or total_k == 0 or total_k == total_n:
        return TestResult(None, None)
    if len(groups) == 2:
        (k1, n1), (k2, n2) = groups
        return TestResult("fisher", fisher_exact(k1, n1 - k1, k2, n2 - k2))
    share = total_k / total_n
    chi2, small = 0.0, False
    for k, n in groups:
        for observed, expected in ((k, n * share), (n - k, n * (1 - share))):
            chi2 += (observed - expected) ** 2 / expected
            small = small or expected < 5
    df = len(groups) - 1
    return TestResult("chi2", chi2_sf(chi2, df), round(chi2, 4), df, small)


def holm(p_values: list[float | None]) -> list[float | None]:
    """Holm's step-down adjustment of a family of p-values (None: not tested, stays None).

    >>> holm([0.01, 0.04, None, 0.03])
    [0.03, 0.06, None, 0.06]
    """
    tested = sorted((p, i) for i, p in enumerate(p_values) if p is not None)
    m = len(tested)
    out: list[float | None] = [None] * len(p_values)
    running = 0.0
    for rank, (p, i) in enumerate(tested):
        running = max(running, min(1.0, (m - rank) * p))
        out[i] = round(running, 12)
    return out
