"""The tests `marsad compare` states, against values computed independently (R's fisher.test and
pchisq, and by hand)."""
from __future__ import annotations

import pytest

from marsad.store import significance as sig


@pytest.mark.parametrize("table, expected", [
    ((3, 1, 1, 3), 0.4857142857),          # R: fisher.test(matrix(c(3,1,1,3), 2))$p.value
    ((8, 2, 1, 5), 0.0349650350),          # R: fisher.test(matrix(c(8,1,2,5), 2))$p.value
    ((0, 10, 10, 0), 2 / 184756),          # only the two most extreme tables: 2 / choose(20, 10)
    ((5, 5, 5, 5), 1.0),
    ((1, 0, 0, 1), 1.0),
])
def test_store_significance_fisher_exact_matches_reference_values(table, expected):
    assert sig.fisher_exact(*table) == pytest.approx(expected, rel=1e-6)


def test_store_significance_fisher_exact_is_symmetric_in_rows_and_columns():
    assert sig.fisher_exact(12, 5, 3, 9) == pytest.approx(sig.fisher_exact(3, 9, 12, 5))
    assert sig.fisher_exact(12, 5, 3, 9) == pytest.approx(sig.fisher_exact(12, 3, 5, 9))


@pytest.mark.parametrize("x, df, expected", [
    (3.841459, 1, 0.05), (6.634897, 1, 0.01), (5.991465, 2, 0.05), (9.487729, 4, 0.05),
    (0.5, 1, 0.4795001222), (30.0, 3, 1.380057e-06), (0.0, 3, 1.0),
])
def test_store_significance_chi2_tail_matches_pchisq(x, df, expected):
    assert sig.chi2_sf(x, df) == pytest.approx(expected, rel=1e-5, abs=1e-12)


def test_store_significance_chi2_test_of_three_outlets():
    # Shares 10%, 20%, 30% of 100 each: expected 20/80 per outlet, chi-square 12.5 on 2 df.
    result = sig.compare_shares([10, 20, 30], [100, 100, 100])
    assert result.test == "chi2" and result.df == 2 and result.statistic == pytest.approx(12.5)
    assert result.p_value == pytest.approx(0.0019304541, rel=1e-6) and not result.approximate
    assert sig.compare_shares([1, 2, 0], [5, 6, 4]).approximate


def test_store_significance_nothing_to_test_gives_no_p_value():
    assert sig.compare_shares([0, 0], [10, 20]).p_value is None      # nothing observed
    assert sig.compare_shares([10, 20], [10, 20]).p_value is None    # everything observed
    assert sig.compare_shares([3, 0], [10, 0]).p_value is None       # one outlet has no cases
    two = sig.compare_shares([3, 5, 0], [10, 12, 0])                 # an empty outlet is left out
    assert two.test == "fisher" and two.p_value == pytest.approx(sig.fisher_exact(3, 7, 5, 7))


def test_store_significance_holm_adjusts_in_steps_and_keeps_untested_rows():
    assert sig.holm([0.01, 0.04, None, 0.03]) == [0.03, 0.06, None, 0.06]
    assert sig.holm([0.5, 0.9]) == [1.0, 1.0]
    assert sig.holm([]) == [] and sig.holm([None]) == [None]


def test_store_significance_wilson_interval():
    lo, hi = sig.wilson(5, 10)
    assert (round(lo, 4), round(hi, 4)) == (0.2366, 0.7634)
    assert sig.wilson(0, 10)[0] == 0.0 and sig.wilson(10, 10)[1] == pytest.approx(1.0)
    assert sig.wilson(0, 0) == (None, None)


def test_store_significance_statement_names_the_tests_and_the_correction():
    text = sig.STATEMENT.format(alpha=0.05)
    assert "Fisher's exact" in text and "chi-square" in text and "Holm" in text and "0.05" in text
