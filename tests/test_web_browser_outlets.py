"""Outlets side by side in a real browser (Debian's headless Chromium through Selenium, as
test_web_browser.py): the comparison flow from the outlets list to the table, its charts and the list
behind a cell; search that folds spelling from the top bar; an outlet's page. Over the outlet fixture
analyzed by the real pipeline. Screenshots go to test-output/web/."""
from __future__ import annotations

import pytest

from outlet_store import outlet_store
from test_web_browser import _chromium, _open, browser, serve, shot  # noqa: F401  (browser: a fixture)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    _chromium()
    db = outlet_store(tmp_path_factory.mktemp("web-outlets"))
    yield from serve(db, tmp_path_factory.mktemp("serve-outlets") / "serve.log")


def _wait(drv, css: str, seconds: int = 30):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    WebDriverWait(drv, seconds).until(lambda d: d.find_elements(By.CSS_SELECTOR, css))
    return drv.find_elements(By.CSS_SELECTOR, css)


def test_web_browser_outlets_compare_flow(server, browser):
    import json
    import urllib.request

    from selenium.webdriver.common.by import By
    _open(browser, server + "/outlets", "form.compare-pick")
    shot(browser, "outlets")
    for name in ("Sabah", "Wadi"):
        browser.find_element(By.CSS_SELECTOR, f'form.compare-pick input[name=outlet][value="{name}"]').click()
    actor = browser.find_element(By.CSS_SELECTOR, "form.compare-pick input[name=actor]")
    actor.send_keys("ترمب")
    actor.submit()
    _wait(browser, "table.compare-table tbody tr")
    browser.execute_script("return document.fonts.ready.then(() => true)")
    assert "/compare?" in browser.current_url
    # The table in the browser is the API's (and so the CLI's) table, cell by cell.
    query = browser.current_url.split("?", 1)[1]
    with urllib.request.urlopen(server + "/api/compare?" + query) as r:
        rows = json.loads(r.read())["result"]["rows"]
    shown = browser.find_elements(By.CSS_SELECTOR, "table.compare-table tbody tr")
    assert [tr.get_attribute("data-measure") for tr in shown] == [row["measure"] for row in rows]
    for tr, row in zip(shown, rows):
        cells = tr.find_elements(By.CSS_SELECTOR, "td.share-cell")
        assert [(c.get_attribute("data-outlet"), int(c.get_attribute("data-k")), int(c.get_attribute("data-n")))
                for c in cells] == [(v["outlet"], v["k"], v["n"]) for v in row["values"]]
        verdict = tr.find_elements(By.CSS_SELECTOR, ".verdict")
        assert bool(verdict) == (row["p_value"] is not None)
    # The test is stated where the table is.
    assert "Holm" in browser.find_element(By.CSS_SELECTOR, ".test-statement").text
    # Charts: a stacked bar per outlet of cue stances, and a coverage line per outlet.
    bars = browser.find_elements(By.CSS_SELECTOR, "#stance-chart svg rect.st-bar")
    assert {b.get_attribute("data-outlet") for b in bars} <= {"Sabah", "Wadi"} and bars
    assert len(browser.find_elements(By.CSS_SELECTOR, "#coverage-chart svg circle.line-dot")) >= 2
    path = shot(browser, "compare-sabah-wadi-trump")
    assert path.stat().st_size > 20_000
    browser.execute_script("document.getElementById('stance-chart').scrollIntoView()")
    shot(browser, "compare-sabah-wadi-trump-charts")
    # A cell opens the list it counts: coverage k of Sabah = the articles of Sabah that mention him.
    cov = next(r for r in rows if r["measure"] == "coverage")["values"][0]
    link = browser.find_element(By.CSS_SELECTOR, 'tr[data-measure="coverage"] td.share-cell[data-outlet="Sabah"] a')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    _wait(browser, ".list-head .total b")
    assert int(browser.find_element(By.CSS_SELECTOR, ".list-head .total b").text.replace(",", "")) == cov["k"]
    shot(browser, "compare-cell-articles")


def test_web_browser_outlets_search_folds_spelling(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    _open(browser, server + "/", ".top-search input")
    box = browser.find_element(By.CSS_SELECTOR, ".top-search input")
    box.send_keys("ترمب")
    box.send_keys(Keys.ENTER)
    _wait(browser, ".list-head .total b")
    assert int(browser.find_element(By.CSS_SELECTOR, ".list-head .total b").text) == 11
    outlets = {a.text for a in browser.find_elements(By.CSS_SELECTOR, "table.list a.outlet-link")}
    assert {"Sabah", "Wadi", "Nile"} <= outlets
    snippets = " ".join(s.text for s in browser.find_elements(By.CSS_SELECTOR, ".snippet"))
    assert "ترامب" in snippets and "ترمب" in snippets
    shot(browser, "search-trump")


def test_web_browser_outlets_outlet_page(server, browser):
    from selenium.webdriver.common.by import By
    _open(browser, server + "/outlets/Wadi", "table.profile")
    assert browser.find_elements(By.CSS_SELECTOR, "#outlet-chart svg rect.bar")
    assert browser.find_elements(By.CSS_SELECTOR, "table.profile tbody tr")
    shot(browser, "outlet-wadi")

