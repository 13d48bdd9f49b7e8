"""The web UI in a real browser: `marsad serve` as a process on a free loopback port, driven by
headless Chromium (Debian's chromium + chromium-driver, through Selenium; no browser download).

Screenshots go to test-output/web/ (git-ignored) so a person can look at them.
Skips with the reason when Chromium, its driver or Selenium is absent (a user's machine);
CI installs them (scripts/system-deps.sh).
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from test_web_corpus import HOSTILE_IMG, HOSTILE_SCRIPT, build_store, seed_record

REPO = Path(__file__).resolve().parents[1]
SHOTS = REPO / "test-output" / "web"
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage", "--window-size=1480,1000")


def _chromium() -> tuple[str, str]:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not browser or not driver:
        pytest.skip("Chromium and chromium-driver are not installed (scripts/system-deps.sh installs them)")
    try:
        import selenium  # noqa: F401
    except ImportError:
        pytest.skip("selenium is not installed (pip install -e '.[dev]')")
    return browser, driver


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db: Path, log: Path):
    """`marsad serve --db DB` as a process on a free loopback port: yields its base URL, stops it after."""
    port = _free_port()
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "marsad.cli", "serve", "--db", str(db), "--port", str(port)],
                                stdout=out, stderr=subprocess.STDOUT, cwd=REPO)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(base + "/api/health", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail("marsad serve did not start: " + log.read_text()[-2000:])
        time.sleep(0.2)
    yield base
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    _chromium()
    db = build_store(tmp_path_factory.mktemp("web") / "corpus.duckdb")
    yield from serve(db, tmp_path_factory.mktemp("serve") / "serve.log")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    binary, driver_path = _chromium()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    opts = webdriver.ChromeOptions()
    opts.binary_location = binary
    for flag in CHROMIUM_FLAGS:
        opts.add_argument(flag)
    opts.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    drv = webdriver.Chrome(options=opts, service=Service(executable_path=driver_path))
    drv.set_page_load_timeout(60)
    yield drv
    drv.quit()


def shot(drv, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    drv.save_screenshot(str(path))
    return path


def _open(drv, url: str, wait_for: str = "body"):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait
    drv.get(url)
    WebDriverWait(drv, 30).until(EC.presence_of_element_located((By.CSS_SELECTOR, wait_for)))
    # Fonts are vendored; wait for them so screenshots show the real page.
    drv.execute_script("return document.fonts.ready.then(() => true)")


def test_web_browser_seed_article_highlights_entities_quotes_and_events(server, browser):
    from selenium.webdriver.common.by import By
    _open(browser, server + "/articles/seed-arabi21", "#article-text .m-ent")
    rec = seed_record()
    text = browser.find_element(By.ID, "article-text")
    # Every mention, quote and trigger is drawn (split pieces share their record's id).
    ent_ids = {e.get_attribute("data-ent") for e in text.find_elements(By.CSS_SELECTOR, ".m-ent")}
    assert ent_ids == {e["id"] for e in rec["entities"]}
    quote_ids = {e.get_attribute("data-quote") for e in text.find_elements(By.CSS_SELECTOR, ".m-quote")}
    assert quote_ids == {q["id"] for q in rec["quotes"]}
    ev_ids = {e.get_attribute("data-ev") for e in text.find_elements(By.CSS_SELECTOR, ".m-ev")}
    assert ev_ids == {v["id"] for v in rec["events"]}
    assert text.find_elements(By.CSS_SELECTOR, ".m-frame.fr-loaded_label")
    # The text shown is the article text, unchanged by the markup.
    assert browser.execute_script("return document.getElementById('article-text').textContent") == rec["text"]
    # Entities are coloured by type: a person and a place do not share a background.
    per = text.find_element(By.CSS_SELECTOR, ".m-ent.t-PER").value_of_css_property("background-color")
    loc = text.find_element(By.CSS_SELECTOR, ".m-ent.t-LOC").value_of_css_property("background-color")
    assert per != loc
    path = shot(browser, "article-seed")
    assert path.stat().st_size > 10_000


def test_web_browser_hover_card_shows_entity_country_role_and_kb_id(server, browser):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    _open(browser, server + "/articles/seed-arabi21", "#article-text .m-ent")
    target = browser.find_element(By.CSS_SELECTOR, '#article-text .m-ent[data-ent="E1"]')
    ActionChains(browser).move_to_element(target).perform()
    card = browser.find_element(By.ID, "card")
    assert card.is_displayed()
    shown = card.text
    assert "مختار محمدوف" in shown and "AZE" in shown and "GOV" in shown and "per:mukhtar-mammadov" in shown
    shot(browser, "article-seed-hover-entity")


def test_web_browser_hover_on_trigger_shows_the_event(server, browser):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    _open(browser, server + "/articles/seed-arabi21", "#article-text .m-ev")
    trigger = browser.find_element(By.CSS_SELECTOR, '#article-text .m-ev[data-ev="V2"]')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", trigger)
    ActionChains(browser).move_to_element(trigger).perform()
    shown = browser.find_element(By.ID, "card").text
    assert "042" in shown and "ISR" in shown and "AZE" in shown and "باكو" in shown
    shot(browser, "article-seed-hover-event")


def test_web_browser_quote_link_opens_the_quote_in_its_article(server, browser):
    from selenium.webdriver.common.by import By
    _open(browser, server + "/quotes?stance=doubting", "table.list")
    link = browser.find_element(By.CSS_SELECTOR, "td.quote-cell a")
    href = link.get_attribute("href")
    assert "/articles/seed-arabi21#Q" in href
    shot(browser, "quotes-doubting")
    link.click()
    from selenium.webdriver.support.ui import WebDriverWait
    WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".panels .row.pinned"))
    pinned = browser.find_element(By.CSS_SELECTOR, ".panels .row.pinned")
    assert pinned.get_attribute("data-quote") == href.rsplit("#", 1)[1]
    assert pinned.is_displayed()


def test_web_browser_hostile_article_renders_markup_as_text(server, browser):
    from selenium.webdriver.common.by import By
    _open(browser, server + "/articles/hostile", "#article-text")
    text = browser.find_element(By.ID, "article-text")
    shown = browser.execute_script("return document.getElementById('article-text').textContent")
    assert HOSTILE_SCRIPT in shown and HOSTILE_IMG in shown
    assert not text.find_elements(By.CSS_SELECTOR, "script, img, b")
    assert browser.execute_script("return window.__pwned === undefined")
    assert not browser.find_elements(By.CSS_SELECTOR, "main img, main svg[onload]")
    # A javascript: source URL is shown, never linked.
    assert not browser.find_elements(By.CSS_SELECTOR, 'a[href^="javascript"]')
    # The hover card shows the hostile entity name as text too.
    from selenium.webdriver.common.action_chains import ActionChains
    ActionChains(browser).move_to_element(text.find_element(By.CSS_SELECTOR, ".m-ent")).perform()
    assert HOSTILE_IMG in browser.find_element(By.ID, "card").text
    assert browser.execute_script("return window.__pwned === undefined")
    shot(browser, "article-hostile")


def test_web_browser_analyze_page_shows_the_pasted_text_unstored(server, browser):
    from selenium.webdriver.common.by import By
    _open(browser, server + "/analyze", "textarea[name=text]")
    sentence = "قال وزير الخارجية المصري سامح شكري إن القاهرة ترفض أي تهجير للفلسطينيين من قطاع غزة."
    browser.find_element(By.CSS_SELECTOR, "textarea[name=text]").send_keys(sentence)
    browser.find_element(By.CSS_SELECTOR, "input[name=publisher]").send_keys("الأهرام")
    browser.find_element(By.CSS_SELECTOR, "form.analyze-form button[type=submit]").click()
    from selenium.webdriver.support.ui import WebDriverWait
    WebDriverWait(browser, 60).until(lambda d: d.find_elements(By.ID, "article-text"))
    assert browser.execute_script("return document.getElementById('article-text').textContent") == sentence
    assert browser.find_element(By.CSS_SELECTOR, ".badge.transient").is_displayed()
    assert browser.find_element(By.ID, "download-json").is_displayed()
    shot(browser, "analyze-result")


def test_web_browser_analyze_page_refuses_oversized_text_with_a_message(server, browser):
    from selenium.webdriver.common.by import By
    _open(browser, server + "/analyze", "textarea[name=text]")
    browser.execute_script("document.querySelector('textarea[name=text]').value = 'خبر '.repeat(30000)")
    browser.find_element(By.CSS_SELECTOR, "form.analyze-form button[type=submit]").click()
    from selenium.webdriver.support.ui import WebDriverWait
    WebDriverWait(browser, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".error-msg"))
    assert "100,000" in browser.find_element(By.CSS_SELECTOR, ".error-msg").text


def test_web_browser_relations_graph_draws_states_and_a_dyad_timeline(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    _open(browser, server + "/relations", "#graph")
    WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#graph .node"))
    names = {n.text for n in browser.find_elements(By.CSS_SELECTOR, "#graph .node text")}
    assert {"إسرائيل", "إيران", "أذربيجان"} <= names
    edge = browser.find_element(By.CSS_SELECTOR, '#graph line.edge[data-a="AZE"][data-b="ISR"]')
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", edge)
    WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#dyad-chart svg rect"))
    shot(browser, "relations")


def test_web_browser_actor_page_charts_mentions_over_time(server, browser):
    from selenium.webdriver.common.by import By
    _open(browser, server + "/actors/loc:country:ISR", "#mentions-chart")
    bars = browser.find_elements(By.CSS_SELECTOR, "#mentions-chart svg rect.bar")
    assert len(bars) >= 3  # Israel is mentioned in August, September and October
    shot(browser, "actor-israel")


def test_web_browser_pages_load_no_outside_resources(server, browser):
    _open(browser, server + "/articles/seed-arabi21", "#article-text")
    urls = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert urls and all(u.startswith(server) for u in urls)


def test_web_browser_relations_graph_of_actors(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    _open(browser, server + "/relations?level=actors", "#graph")
    WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#graph .node"))
    names = {n.text for n in browser.find_elements(By.CSS_SELECTOR, "#graph .node text")}
    assert {"رجب طيب أردوغان", "بنيامين نتنياهو"} <= names
    shot(browser, "relations-actors")


def test_web_browser_dyad_page_draws_the_timeline(server, browser):
    from selenium.webdriver.common.by import By
    _open(browser, server + "/dyads/ISR/IRN", "#dyad-chart")
    # August and October 2023 have events; September is drawn as an empty month between them.
    labels = [t.text for t in browser.find_elements(By.CSS_SELECTOR, "#dyad-chart svg text")]
    assert "2023-08" in labels and "2023-10" in labels
    assert browser.find_elements(By.CSS_SELECTOR, "#dyad-chart svg rect.q3")
    assert browser.find_elements(By.CSS_SELECTOR, "#dyad-chart svg rect.q4")
    shot(browser, "dyad-isr-irn")


def test_web_browser_actor_graph_search_and_zoom(server, browser):
    from selenium.webdriver.common.by import By
    _open(browser, server + "/relations?level=actors", "#graph")
    from selenium.webdriver.support.ui import WebDriverWait
    WebDriverWait(browser, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#graph .node"))
    before = browser.find_element(By.CSS_SELECTOR, "#graph .viewport").get_attribute("transform") or ""
    browser.find_element(By.CSS_SELECTOR, '[data-zoom="in"]').click()
    after = browser.find_element(By.CSS_SELECTOR, "#graph .viewport").get_attribute("transform")
    assert after != before and "scale(1.4" in after
    first = browser.find_element(By.CSS_SELECTOR, "#graph .node text").get_attribute("textContent")
    browser.find_element(By.ID, "graph-search").send_keys(first[:4])
    assert browser.find_elements(By.CSS_SELECTOR, "#graph .node.match")
    assert "searching" in browser.find_element(By.ID, "graph").get_attribute("class")
    shot(browser, "relations-actors-search")


def test_web_browser_dyad_weeks_and_years(server, browser):
    from selenium.webdriver.common.by import By
    _open(browser, server + "/dyads/ISR/IRN?period=week", "#dyad-chart svg")
    labels = [t.text for t in browser.find_elements(By.CSS_SELECTOR, "#dyad-chart svg text")
              if "/" in t.text]
    assert labels and len(labels) == len(set(labels)) and labels[0].endswith("/23")   # the year on the first
    # Eight weeks from the first event to the last, the empty ones drawn as empty weeks.
    assert len(browser.find_elements(By.CSS_SELECTOR, "#dyad-chart svg rect.q3")) == 1
    shot(browser, "dyad-isr-irn-weekly")
    _open(browser, server + "/dyads/ISR/IRN?period=year", "#dyad-chart svg")
    assert [t.text for t in browser.find_elements(By.CSS_SELECTOR, "#dyad-chart svg text") if t.text.isdigit()
            and len(t.text) == 4] == ["2023"]
