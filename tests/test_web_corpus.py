"""A small hand-annotated corpus for the web tests, and the checks that it is a valid one.

The web UI is tested on records whose annotations are known, not on whatever the
pipeline finds today: the seed article (examples/seed.txt) annotated by hand as an
analyst would (GOLD.md), three short news items written for these tests, and a
hostile article whose text, title, outlet and entity names carry markup. Spans are
located by searching their text, so every offset is right by construction.

Other web test modules import `build_store` and `corpus_records` from here.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]

HOSTILE_SCRIPT = "<script>window.__pwned = 1</script>"
HOSTILE_IMG = '"><img src=x onerror="window.__pwned = 2">'


@dataclass
class Annotator:
    """Builds a document record over `text` by finding the strings each annotation names."""
    text: str
    id: str
    meta: dict[str, Any]
    sentences: list[dict[str, int]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    framing: list[dict[str, Any]] = field(default_factory=list)
    blocked: list[tuple[int, int]] = field(default_factory=list)

    def find(self, needle: str, nth: int = 0, after: int = 0) -> tuple[int, int]:
        at = after - 1
        for _ in range(nth + 1):
            at = self.text.find(needle, at + 1)
            if at < 0:
                raise AssertionError(f"{needle!r} (occurrence {nth}) is not in the text of {self.id}")
        return at, at + len(needle)

    def all(self, needle: str) -> list[tuple[int, int]]:
        out, at = [], self.text.find(needle)
        while at >= 0:
            out.append((at, at + len(needle)))
            at = self.text.find(needle, at + 1)
        return out

    def _word_bounded(self, s: int, e: int) -> bool:
        """A whole word, or a word after a proclitic (وإسرائيل), not a piece of a longer word (الإسرائيليين)."""
        def letter(i: int) -> bool:
            return 0 <= i < len(self.text) and self.text[i].isalpha()
        if letter(e):
            return False
        at = s
        while at > 0 and self.text[at - 1] in "وفبلك" and at > s - 2:
            at -= 1
        return not letter(at - 1)

    def entity(self, eid: str, type: str, name: str, surfaces: list[tuple[str, str]], country: str | None = None,
               role: str | None = None, subtype: str | None = None, kb_id: str | None = None,
               name_en: str | None = None, blocks: bool = False) -> str:
        """`surfaces`: (string, mention kind); every occurrence becomes a mention, except inside a
        blocking entity (a newspaper named إسرائيل اليوم is not a mention of Israel) or an earlier
        mention of the same entity (محمدوف inside مختار محمدوف)."""
        mentions: list[dict[str, Any]] = []
        for surface, kind in sorted(surfaces, key=lambda s: -len(s[0])):
            for s, e in self.all(surface):
                if not self._word_bounded(s, e):
                    continue
                if any(bs <= s < be or bs < e <= be for bs, be in self.blocked):
                    continue
                if any(m["start"] <= s < m["end"] for m in mentions):
                    continue
                mentions.append({"start": s, "end": e, "text": surface, "kind": kind})
        assert mentions, f"{name}: no mention found"
        mentions.sort(key=lambda m: m["start"])
        if blocks:
            self.blocked += [(m["start"], m["end"]) for m in mentions]
        code = (country or "") + (role or "") or None
        self.entities.append({"id": eid, "type": type, "subtype": subtype, "name": name, "name_en": name_en,
                              "kb_id": kb_id, "actor": {"country": country, "role": role, "code": code},
                              "mentions": mentions})
        return eid

    def quote(self, qid: str, starts: str, ends: str, cue: str, lemma: str, speaker: str | None,
              stance: str = "neutral", kind: str = "direct", chain: list[dict[str, Any]] | None = None,
              cue_nth: int = 0) -> str:
        cs, ce = self.find(cue, nth=cue_nth)
        s, _ = self.find(starts, after=ce)
        _, e = self.find(ends, after=s)
        self.quotes.append({"id": qid, "start": s, "end": e, "text": self.text[s:e], "kind": kind,
                            "speaker": speaker, "cue": {"start": cs, "end": ce, "text": cue, "lemma": lemma,
                                                        "stance": stance}, "chain": chain or []})
        return qid

    def event(self, vid: str, trigger: str, source: tuple[str | None, str | None],
              target: tuple[str | None, str | None], cameo: str, quad: int, goldstein: float,
              plover: str | None = None, nth: int = 0, after: str | None = None,
              location: str | None = None, date: str | None = None, modality: str = "asserted",
              quote: str | None = None) -> str:
        start_at = self.find(after)[1] if after else 0
        s, e = self.find(trigger, nth=nth, after=start_at)
        self.events.append({"id": vid, "sentence": self._sentence(s),
                            "source": {"entity": source[0], "country": source[1]},
                            "target": {"entity": target[0], "country": target[1]},
                            "cameo": cameo, "plover": plover, "quad_class": quad, "goldstein": goldstein,
                            "trigger": {"start": s, "end": e, "text": trigger}, "location": location, "date": date,
                            "modality": modality, "quote": quote})
        return vid

    def frame(self, kind: str, needle: str, refers_to: str | None = None, every: bool = False) -> None:
        spans = self.all(needle) if every else [self.find(needle)]
        for s, e in spans:
            self.framing.append({"kind": kind, "start": s, "end": e, "text": needle, "refers_to": refers_to})

    def _sentence(self, offset: int) -> int:
        for i, sent in enumerate(self.sentences):
            if sent["start"] <= offset < sent["end"]:
                return i
        return 0

    def record(self) -> dict[str, Any]:
        return {"schema": "marsad/document@1", "id": self.id, "meta": {**self.meta, "language": "ar"},
                "text": self.text, "repairs": [], "sentences": self.sentences, "entities": self.entities,
                "quotes": self.quotes, "events": self.events, "framing": self.framing}


@functools.cache
def _segmenter():
    import marsad
    return marsad.load(components=("segment",))


def _segmented(text: str, id: str, **meta: Any) -> Annotator:
    """The text as the pipeline would analyze it (repaired), with its sentences, and nothing else."""
    doc = _segmenter()(text, id=id, **meta)
    full = {"title": None, "url": None, "publisher": None, "published": None, **meta}
    return Annotator(text=doc.text, id=id, meta=full,
                     sentences=[{"start": s.start, "end": s.end} for s in doc.sentences])


def seed_record() -> dict[str, Any]:
    text = (REPO / "examples" / "seed.txt").read_text(encoding="utf-8")
    a = _segmented(text, "seed-arabi21", title="سفير أذربيجان: علاقاتنا مع إسرائيل مثال للدول الأخرى",
                   publisher="عربي21", published="2023-10-02")
    a.entity("E6", "ORG", "إسرائيل اليوم", [("إسرائيل اليوم", "name")], "ISR", "MED", "media",
             "org:israel-hayom", "Israel Hayom", blocks=True)
    a.entity("E1", "PER", "مختار محمدوف", [("مختار محمدوف", "name"), ("محمدوف", "alias"), ("سفير أذربيجان", "title")],
             "AZE", "GOV", "person", "per:mukhtar-mammadov", "Mukhtar Mammadov")
    a.entity("E2", "LOC", "أذربيجان", [("أذربيجان", "name"), ("بلاده", "pronoun")], "AZE", None, "country",
             "loc:country:AZE", "Azerbaijan")
    a.entity("E3", "LOC", "إسرائيل", [("إسرائيل", "name"), ("دولة الاحتلال", "label")], "ISR", None, "country",
             "loc:country:ISR", "Israel")
    a.entity("E4", "LOC", "إيران", [("إيران", "name")], "IRN", None, "country", "loc:country:IRN", "Iran")
    a.entity("E5", "LOC", "تل أبيب", [("تل أبيب", "name")], "ISR", None, "city", "loc:city:tel-aviv", "Tel Aviv")
    a.entity("E7", "ORG", "عربي21", [("عربي21", "name")], None, "MED", "media")
    a.entity("E8", "PER", "آفي ديختر", [("آفي ديختر", "name")], "ISR", "GOV", "person", None, "Avi Dichter")
    a.entity("E9", "LOC", "باكو", [("باكو", "name")], "AZE", None, "city", "loc:city:baku", "Baku")
    a.entity("E10", "PER", "بنيامين نتنياهو", [("بنيامين نتنياهو", "name")], "ISR", "GOV", "person",
             "per:benjamin-netanyahu", "Benjamin Netanyahu")
    a.entity("E11", "PER", "رجب طيب أردوغان", [("رجب طيب أردوغان", "name")], "TUR", "GOV", "person",
             "per:recep-tayyip-erdogan", "Recep Tayyip Erdogan")
    a.entity("E12", "LOC", "تركيا", [("تركيا", "name")], "TUR", None, "country", "loc:country:TUR", "Turkey")
    a.entity("E13", "LOC", "نيويورك", [("نيويورك", "name")], "USA", None, "city", "loc:city:new-york", "New York")
    a.entity("E14", "ORG", "معاريف", [("معاريف", "name")], "ISR", "MED", "media", "org:maariv", "Maariv")
    a.entity("E15", "PER", "ويليام دروف", [("ويليام دروف", "name")], "USA", None, "person", None, "William Daroff")
    a.entity("E16", "PER", "إلهام علييف", [("إلهام علييف", "name")], "AZE", "GOV", "person", "per:ilham-aliyev",
             "Ilham Aliyev")
    a.entity("E17", "LOC", "السعودية", [("السعودية", "name")], "SAU", None, "country", "loc:country:SAU",
             "Saudi Arabia")

    chain_hayom = [{"role": "said_to", "entity": "E6"}, {"role": "relayed_by", "entity": "E7"}]
    a.quote("Q1", "لا تسمح لدول", "والزراعة", "واستدرك", "استدرك", "E1", chain=chain_hayom)
    a.quote("Q2", "لدينا تعاون طويل", "تركّز بشكل أساسي عليها", "وأضاف", "أضاف", "E1", chain=chain_hayom)
    a.quote("Q3", "من المهم بالنسبة لنا", "لمهنتي الهندسة والتكنولوجيا", "وأشار", "أشار", "E1", chain=chain_hayom)
    a.quote("Q4", "الموقف الأذري", "مع الدول الإسلامية الأخرى", "وأوضح", "أوضح", "E1", chain=chain_hayom)
    a.quote("Q5", "علاقات إسرائيل وأذربيجان", "ضد إيران أو دول أخرى", "وزعم", "زعم", "E1", stance="doubting",
            chain=chain_hayom)
    a.quote("Q6", "يكون أصدقاؤنا أصدقاء", "يكون أصدقاؤنا أصدقاء", "بزعم", "زعم", "E1", stance="doubting",
            kind="fragment")
    a.quote("Q7", "فور تعيينه سفيرا", "في أوروبا", "وأضاف", "أضاف", "E1", cue_nth=1,
            chain=[{"role": "said_to", "entity": "E14"}, {"role": "relayed_by", "entity": "E7"}])

    a.event("V1", "إيذاء", ("E4", "IRN"), (None, "ISR"), "180", 4, -9.0, "ASSAULT", after="محاولات إيران",
            location="E2", modality="attempted", quote="Q1")
    a.event("V2", "زار", ("E8", "ISR"), ("E9", "AZE"), "042", 1, 1.9, "CONSULT", location="E9", modality="reported",
            quote="Q2")
    a.event("V3", "وقع", ("E8", "ISR"), ("E9", "AZE"), "057", 1, 8.0, "AGREE", after="باكو،", location="E9",
            modality="reported", quote="Q2")
    a.event("V4", "لقاء", ("E10", "ISR"), ("E11", "TUR"), "040", 1, 1.0, "CONSULT", after="خاصة", location="E13",
            modality="reported", quote="Q4")
    a.event("V5", "التقى", ("E1", "AZE"), ("E15", "USA"), "040", 1, 1.0, "CONSULT", date="2023")
    a.event("V6", "التقى", ("E16", "AZE"), (None, None), "040", 1, 1.0, "CONSULT", nth=2, modality="reported",
            quote="Q7")

    a.frame("loaded_label", "دولة الاحتلال", "E3", every=True)
    a.frame("doubting_attribution", "بزعم", "E1")
    a.frame("pejorative_attribution", "متباهيا", "E1")
    a.frame("scare_quote", "دفء")
    a.frame("doubting_attribution", "وزعم", "E1")
    a.frame("doubting_attribution", "زاعما", "E1")
    a.frame("editorial_voice", "يمكن القول")
    return a.record()


def threat_record() -> dict[str, Any]:
    a = _segmented(
        "هدد وزير الدفاع الإسرائيلي يوآف غالانت إيران بضربة عسكرية إذا واصلت تخصيب اليورانيوم، وقال إن "
        "\"إسرائيل لن تسمح لإيران بامتلاك سلاح نووي مهما كلف الأمر\".\n"
        "وردّت وزارة الخارجية الإيرانية بأن طهران سترد بحزم على أي اعتداء يستهدف منشآتها.",
        "news-threat", title="غالانت يهدد إيران بضربة عسكرية", publisher="الجزيرة", published="2023-08-14")
    a.entity("E1", "PER", "يوآف غالانت", [("يوآف غالانت", "name"), ("وزير الدفاع الإسرائيلي", "title")], "ISR", "GOV",
             "person", "per:yoav-gallant", "Yoav Gallant")
    a.entity("E2", "LOC", "إيران", [("إيران", "name")], "IRN", None, "country", "loc:country:IRN", "Iran")
    a.entity("E3", "LOC", "إسرائيل", [("إسرائيل", "name")], "ISR", None, "country", "loc:country:ISR", "Israel")
    a.entity("E4", "ORG", "وزارة الخارجية الإيرانية", [("وزارة الخارجية الإيرانية", "name")], "IRN", "GOV", "gov")
    a.entity("E5", "LOC", "طهران", [("طهران", "name")], "IRN", None, "city", "loc:city:tehran", "Tehran")
    a.quote("Q1", "إسرائيل لن تسمح", "مهما كلف الأمر", "وقال", "قال", "E1")
    a.quote("Q2", "طهران سترد", "يستهدف منشآتها", "وردّت", "ردّ", "E4", stance="warning", kind="indirect")
    a.event("V1", "هدد", ("E1", "ISR"), ("E2", "IRN"), "138", 3, -7.0, "THREATEN")
    a.event("V2", "سترد", ("E5", "IRN"), (None, "ISR"), "130", 3, -4.4, "THREATEN", modality="intended", quote="Q2")
    return a.record()


def meeting_record() -> dict[str, Any]:
    a = _segmented(
        "التقى الرئيس التركي رجب طيب أردوغان رئيس الوزراء الإسرائيلي بنيامين نتنياهو في نيويورك، واتفقا على "
        "تعزيز التعاون في مجال الطاقة.\nوأكد أردوغان أن \"العلاقات مع إسرائيل تسير في الاتجاه الصحيح\".",
        "news-meeting", title="أردوغان يلتقي نتنياهو في نيويورك", publisher="الأناضول", published="2023-09-20")
    a.entity("E1", "PER", "رجب طيب أردوغان", [("رجب طيب أردوغان", "name"), ("أردوغان", "alias")], "TUR", "GOV",
             "person", "per:recep-tayyip-erdogan", "Recep Tayyip Erdogan")
    a.entity("E2", "PER", "بنيامين نتنياهو", [("بنيامين نتنياهو", "name")], "ISR", "GOV", "person",
             "per:benjamin-netanyahu", "Benjamin Netanyahu")
    a.entity("E3", "LOC", "نيويورك", [("نيويورك", "name")], "USA", None, "city", "loc:city:new-york", "New York")
    a.entity("E4", "LOC", "إسرائيل", [("إسرائيل", "name")], "ISR", None, "country", "loc:country:ISR", "Israel")
    a.quote("Q1", "العلاقات مع إسرائيل", "الاتجاه الصحيح", "وأكد", "أكد", "E1", stance="affirming")
    a.event("V1", "التقى", ("E1", "TUR"), ("E2", "ISR"), "040", 1, 1.0, "CONSULT", location="E3", date="2023-09-20")
    a.event("V2", "واتفقا", ("E1", "TUR"), ("E2", "ISR"), "030", 1, 4.0, "AGREE")
    return a.record()


def sanctions_record() -> dict[str, Any]:
    a = _segmented(
        "فرضت الولايات المتحدة عقوبات جديدة على شركات إيرانية متهمة بتزويد روسيا بطائرات مسيرة، فيما اتهمت "
        "طهران واشنطن بشن \"حرب اقتصادية\" على الشعب الإيراني.",
        "news-sanctions", title="عقوبات أمريكية جديدة على شركات إيرانية", publisher="عربي21", published="2023-11-05")
    a.entity("E1", "LOC", "الولايات المتحدة", [("الولايات المتحدة", "name")], "USA", None, "country",
             "loc:country:USA", "United States")
    a.entity("E2", "LOC", "روسيا", [("روسيا", "name")], "RUS", None, "country", "loc:country:RUS", "Russia")
    a.entity("E3", "LOC", "طهران", [("طهران", "name")], "IRN", None, "city", "loc:city:tehran", "Tehran")
    a.entity("E4", "LOC", "واشنطن", [("واشنطن", "name")], "USA", None, "city", "loc:city:washington", "Washington")
    a.event("V1", "فرضت", ("E1", "USA"), (None, "IRN"), "163", 4, -8.0, "SANCTION")
    a.event("V2", "اتهمت", ("E3", "IRN"), ("E4", "USA"), "112", 3, -2.0, "ACCUSE")
    a.frame("scare_quote", "حرب اقتصادية")
    return a.record()


def hostile_record() -> dict[str, Any]:
    """Markup everywhere a page shows text: it must render as text, never run."""
    a = _segmented(
        f"قال المتحدث باسم الحكومة {HOSTILE_SCRIPT} إن الوزارة {HOSTILE_IMG} ترفض الاتهامات، "
        "مضيفا أن \"التحقيق مستمر </script><b>وسيعلن قريبا</b>\".",
        "hostile", title="<script>window.__pwned = 3</script>عنوان", publisher=HOSTILE_IMG, published="2023-10-03",
        url="javascript:window.__pwned=4")
    a.entity("E1", "PER", f"المتحدث {HOSTILE_IMG}", [("المتحدث باسم الحكومة", "title")], "EGY", "GOV", "person",
             kb_id='per:"><svg onload=window.__pwned=5>')
    a.quote("Q1", "التحقيق مستمر", "وسيعلن قريبا</b>", "مضيفا", "أضاف", "E1")
    a.event("V1", "ترفض", ("E1", "EGY"), (None, None), "128", 3, -2.0, "REJECT")
    a.frame("loaded_label", HOSTILE_SCRIPT)
    return a.record()


def corpus_records() -> list[dict[str, Any]]:
    return [seed_record(), threat_record(), meeting_record(), sanctions_record(), hostile_record()]


def build_store(path: Path) -> Path:
    from marsad.store.ingest import store_records
    store_records(path, corpus_records(), origin="web-test-corpus")
    return path


# --- the corpus is valid: the web tests stand on it -----------------------------------------------------------

def test_web_corpus_records_satisfy_the_document_schema():
    from marsad.schema import problems
    for rec in corpus_records():
        assert problems(rec) == [], rec["id"]


def test_web_corpus_seed_record_has_every_layer():
    rec = seed_record()
    assert len(rec["entities"]) >= 15 and len(rec["quotes"]) == 7 and len(rec["events"]) == 6
    assert {f["kind"] for f in rec["framing"]} >= {"loaded_label", "doubting_attribution", "scare_quote"}


def test_web_corpus_mention_inside_a_newspaper_name_is_not_the_country():
    rec = seed_record()
    israel = next(e for e in rec["entities"] if e["id"] == "E3")
    hayom = next(e for e in rec["entities"] if e["id"] == "E6")
    paper = [(m["start"], m["end"]) for m in hayom["mentions"]]
    assert all(not (s <= m["start"] < e) for m in israel["mentions"] for s, e in paper)


def test_web_corpus_store_holds_every_article(tmp_path):
    import duckdb
    db = build_store(tmp_path / "web.duckdb")
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 5
    finally:
        con.close()
