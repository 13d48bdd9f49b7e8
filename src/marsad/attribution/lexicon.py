"""The attribution lexicons (data/attribution/*.tsv), loaded and indexed once.

Every form is stored normalized (`marsad.text.normalize.normalize`), so lookups are
made on the normalized view of the text. The files and their columns are described
in `data/attribution/README.md`; `load_lexicon` validates them and raises a
`LexiconError` (a ConfigError) naming the file and line of any bad row.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError
from ..settings import Settings
from ..text.cache import WordCache
from ..text.dates import load_date_resolver
from ..text.normalize import normalize, strip_diacritics
from ..text.words import load_function_words

STANCES = frozenset({"neutral", "affirming", "doubting", "pejorative", "denying", "conceding", "warning"})
CUE_ROLES = frozenset({"speech", "describe", "relay", "passive"})
CUE_SOURCES = frozenset({"hand", "ant-mined"})
PHRASE_ROLES = frozenset({"source", "said_to", "relayed_by", "context", "connector", "content"})
GRAMMAR_CLASSES = frozenset({"blocks_that", "name_noun", "title", "not_subject", "background", "not_cue",
                             "outlet_noun", "institution_noun", "temporal", "press_noun", "broadcast_noun",
                             "news_noun", "outlet_head", "outlet_descriptor", "back_reference",
                             "document_noun", "person_noun", "resumptive", "spokesperson"})
LABEL_STANCES = frozenset({"hostile", "delegitimizing", "glorifying", "belittling"})
LABEL_KINDS = frozenset({"name", "beside", "before"})
ACTOR_CLASSES = frozenset({"state", "government", "armed_group", "settlers", "person", "any"})
EDITORIAL_KINDS = frozenset({"judgement", "hedge", "prediction", "inference", "vague_attribution",
                             "unsupported_claim", "characterization", "background", "opinion"})
SCARE_KINDS = frozenset({"group_name", "contested_term"})
SOURCES = frozenset({"hand", "ant-mined"})
PROCLITICS_1 = "وف"
PROCLITICS_2 = "بلك"
OBJECT_PRONOUNS = ("هما", "هم", "ها", "ه")
WORD_CACHE_SIZE = 200_000   # entries of the small per-class noun memo (outlet-like words only)
# the word memo's budget (two generations at most): bounded in bytes so that a worker's memory does
# not grow with how much it has read
WORD_CACHE_BYTES = 8_000_000


def bare_forms(n: str) -> list[tuple[str, int]]:
    """A normalized word with its leading clitics peeled one group at a time: (form, chars peeled).
    `وبزعم` -> وبزعم, بزعم, زعم; `للنظام` -> للنظام, لنظام, النظام (peeling nothing: the
    article's alef is gone, so the span keeps the word whole)."""
    out = [(n, 0)]
    i = 0
    if len(n) > 2 and n[0] in PROCLITICS_1:
        i = 1
        out.append((n[1:], 1))
    if len(n) - i > 3 and n[i] in PROCLITICS_2:
        out.append((n[i + 1:], i + 1))
        if n[i] == "ل" and n[i + 1] == "ل":
            out.append(("ا" + n[i + 1:], i))  # لل = ل + ال: the span keeps both lams
    return out




class LexiconError(ConfigError):
    """A lexicon file is malformed: the message names the file and line."""


@dataclass(frozen=True)
class CueEntry:
    """One surface form of a cue (normalized), with what it means."""
    lemma: str
    stance: str
    role: str       # speech | describe | relay | passive
    form_kind: str  # past | present | participle | extra
    agreement: str | None = None  # m | f | pl: the subject the form agrees with (قالت -> f), if the form says


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]  # normalized words
    role: str
    lemma: str | None
    stance: str | None
    text: str               # as written in the file


@dataclass(frozen=True)
class LoadedLabel:
    words: tuple[str, ...]
    text: str
    country: str | None
    stance: str
    needs_referent: bool = False  # an adjective that labels only a named actor beside it
    kind: str = "name"            # name | beside | before
    actor_class: str = "any"


@dataclass(frozen=True)
class EditorialPhrase:
    words: tuple[str, ...]
    kind: str


@dataclass(frozen=True)
class ScareTerm:
    words: tuple[str, ...]
    kind: str                     # group_name | contested_term


@dataclass(frozen=True)
class WordInfo:
    """What the lexicons say about one normalized word (computed once per distinct word)."""
    forms: tuple[tuple[str, int], ...]
    cue: tuple[CueEntry, int] | None   # the cue it is, and the clitic characters peeled
    starts_phrase: bool
    starts_label: bool
    starts_editorial: bool
    outletish: bool = False   # an outlet, press or heading noun, with or without clitics and article


@dataclass
class AttributionLexicon:
    cues: dict[str, CueEntry] = field(default_factory=dict)              # normalized form -> entry
    phrases: dict[str, list[Phrase]] = field(default_factory=dict)       # first word -> phrases, longest first
    labels: dict[str, list[LoadedLabel]] = field(default_factory=dict)   # first word -> labels, longest first
    editorial: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)  # first word -> phrases
    editorial_kind: dict[tuple[str, ...], str] = field(default_factory=dict)   # phrase -> kind
    scare_terms: dict[str, ScareTerm] = field(default_factory=dict)            # normalized term -> entry
    quoted_names: frozenset[str] = frozenset()                                 # names habitually in marks
    unnamed: frozenset[str] = frozenset()
    grammar: dict[str, frozenset[str]] = field(default_factory=dict)     # class -> normalized words
    # time expressions (marsad.text.dates): month names, and patterns of the relative ones (الأسبوع الماضي)
    months: frozenset[str] = frozenset()
    date_phrases: tuple = ()

    # a memo of word lookups: the pipeline's own cache, like the segmenter's (never shared state
    # between pipelines, bounded in size)
    _memo: WordCache = field(default_factory=lambda: WordCache(WORD_CACHE_BYTES), repr=False)
    noun_memo: dict[tuple[str, str], tuple[str, int] | None] = field(default_factory=dict, repr=False)

    def words(self, cls: str) -> frozenset[str]:
        return self.grammar.get(cls, frozenset())

    def word(self, norm: str) -> WordInfo:
        info = self._memo.get(norm)
        if info is None:
            info = self._word(norm)
            self._memo.put(norm, info)
        return info

    def _word(self, norm: str) -> WordInfo:
        forms = tuple(bare_forms(norm))
        cue = None
        for form, peeled in forms:
            entry = self.cues.get(form) or self._with_object_pronoun(form)
            if entry is None:
                continue
            if peeled and norm[0] in PROCLITICS_2 and entry.form_kind != "extra":
                continue  # ب/ل/ك only ever come before the nouns listed as extra forms
            cue = (entry, peeled)
            break
        nouns = self.grammar.get("_outletish")
        if nouns is None:
            nouns = self.grammar["_outletish"] = self.words("outlet_noun") | self.words("press_noun") | self.words("outlet_head")
        outletish = any(f in nouns or f[2:] in nouns for f, _ in forms) or norm[1:] in nouns
        return WordInfo(forms, cue, any(f in self.phrases for f, _ in forms),
                        any(f in self.labels for f, _ in forms), any(f in self.editorial for f, _ in forms), outletish)

    def _with_object_pronoun(self, form: str) -> CueEntry | None:
        """A verb cue with an object pronoun (وصفها، اعتبره، أبلغهم)."""
        for enc in OBJECT_PRONOUNS:
            if form.endswith(enc) and len(form) - len(enc) >= 3:  # not `ردة` -> رد + ه
                entry = self.cues.get(form[: -len(enc)])
                if entry is not None and entry.form_kind in ("past", "present"):
                    return entry
        return None


def _rows(path: Path, columns: int) -> list[tuple[int, list[str]]]:
    """Data rows of a TSV file: comments (#) and the header line skipped, each checked for width."""
    out: list[tuple[int, list[str]]] = []
    header_seen = False
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) != columns or not all(cells):
            raise LexiconError(f"{path.name}:{n}: expected {columns} tab-separated non-empty columns, got {len(cells)}")
        out.append((n, cells))
    return out


# The subject each generated form agrees with, in the order the inflect_* functions list them:
# a continuation cue (وأضافت) takes a speaker of its own kind.
PAST_AGREEMENT = ("m", "f", "pl", "f")          # قال قالت قالوا قالتا
PRESENT_AGREEMENT = ("m", "f", "pl")            # يقول تقول يقولون
PARTICIPLE_AGREEMENT = {4: ("m", "f", "pl", "pl"), 3: ("m", "f", "pl")}   # مؤكدا مؤكدة مؤكدين مؤكدون


def _agreement_of(form: str) -> str | None:
    """The agreement an irregular form shows, when it shows one (مبينة -> f, دعوا -> pl)."""
    if form.endswith(("ين", "ون", "وا")):
        return "pl"
    if form.endswith("ه") and form[:1] == "م":
        return "f"
    if form.endswith("ا") and form[:1] == "م":
        return "m"
    return None


def inflect_past(past: str) -> list[str]:
    """3rd person past forms from the masculine singular (normalized): قال قالت قالوا قالتا."""
    if past.endswith("ي") and len(past) > 2:  # final alef maqsura, folded: ادعى -> ادعت ادعوا
        stem = past[:-1]
        return [past, stem + "ت", stem + "وا", stem + "تا"]
    return [past, past + "ت", past + "وا", past + "تا"]


def inflect_present(present: str) -> list[str]:
    """3rd person present forms: يقول تقول يقولون (defective: يدعي يدعون، يدعو يدعون)."""
    body = present[1:]
    forms = [present, "ت" + body]
    forms.append(present[:-1] + "ون" if present[-1] in "يوا" else present + "ون")
    return forms


def inflect_participle(base: str) -> list[str]:
    """Active participles used adverbially: مؤكدا مؤكدة مؤكدين مؤكدون (defective: مدعيا مدعية مدعين)."""
    if base.endswith("ي"):
        return [base + "ا", base + "ه", base[:-1] + "ين"]
    return [base + "ا", base + "ه", base + "ين", base + "ون"]


def _first_words(items, key) -> dict:
    index: dict = {}
    for it in items:
        index.setdefault(key(it)[0], []).append(it)
    for v in index.values():
        v.sort(key=lambda it: -len(key(it)))
    return index


def load_lexicon(settings: Settings) -> AttributionLexicon:
    root = Path(settings.data_dir) / "attribution"
    lex = AttributionLexicon()

    for n, (lemma, stance, role, past, present, participle, extra, source, count) in _rows(root / "cues.tsv", 9):
        if source not in CUE_SOURCES or not count.isdigit():
            raise LexiconError(f"cues.tsv:{n}: source must be one of {sorted(CUE_SOURCES)} and count a number")
        if stance not in STANCES:
            raise LexiconError(f"cues.tsv:{n}: unknown stance {stance!r}")
        if role not in CUE_ROLES:
            raise LexiconError(f"cues.tsv:{n}: unknown role {role!r}")
        forms: list[tuple[str, str, str | None]] = []
        if past != "-":
            forms += list(zip(inflect_past(normalize(past)), ["past"] * 4, PAST_AGREEMENT))
        if present != "-":
            forms += list(zip(inflect_present(normalize(present)), ["present"] * 3, PRESENT_AGREEMENT))
        if participle != "-":
            p_forms = inflect_participle(normalize(participle))
            forms += list(zip(p_forms, ["participle"] * len(p_forms), PARTICIPLE_AGREEMENT[len(p_forms)]))
        if extra != "-":
            # an extra form in the accusative (مبينا، معلقا) is a participle used adverbially:
            # no ب/ل/ك before it (كاملا is not ك + آملا); the others are verbal nouns (بزعم)
            forms += [(f, "participle" if f.endswith("ا") else "extra", _agreement_of(f))
                      for f in (normalize(x.strip()) for x in extra.split(",")) if f]
        for form, kind, agreement in forms:
            # The first lemma listed keeps a shared form (the file is ordered by frequency of use).
            lex.cues.setdefault(form, CueEntry(lemma, stance, role, kind, agreement))

    phrases = []
    for n, (phrase, role, lemma, stance) in _rows(root / "phrases.tsv", 4):
        if role not in PHRASE_ROLES:
            raise LexiconError(f"phrases.tsv:{n}: unknown role {role!r}")
        if stance != "-" and stance not in STANCES:
            raise LexiconError(f"phrases.tsv:{n}: unknown stance {stance!r}")
        phrases.append(Phrase(tuple(normalize(phrase).split()), role, None if lemma == "-" else lemma,
                              None if stance == "-" else stance, phrase))
    lex.phrases = _first_words(phrases, lambda p: p.words)

    labels = []
    for n, (label, country, stance, kind, actor_class, source, count) in _rows(root / "loaded_labels.tsv", 7):
        if stance not in LABEL_STANCES:
            raise LexiconError(f"loaded_labels.tsv:{n}: unknown stance {stance!r}")
        if country != "-" and (len(country) != 3 or not country.isupper()):
            raise LexiconError(f"loaded_labels.tsv:{n}: refers_to must be an ISO alpha-3 code or '-'")
        if kind not in LABEL_KINDS or actor_class not in ACTOR_CLASSES:
            raise LexiconError(f"loaded_labels.tsv:{n}: kind must be one of {sorted(LABEL_KINDS)} and actor_class one of {sorted(ACTOR_CLASSES)}")
        _check_provenance("loaded_labels.tsv", n, source, count)
        labels.append(LoadedLabel(tuple(normalize(label).split()), label, None if country == "-" else country,
                                  stance, kind == "beside", kind, actor_class))
    lex.labels = _first_words(labels, lambda lb: lb.words)

    editorial = []
    for n, (phrase, kind, source, count) in _rows(root / "editorial.tsv", 4):
        if kind not in EDITORIAL_KINDS:
            raise LexiconError(f"editorial.tsv:{n}: unknown kind {kind!r}")
        _check_provenance("editorial.tsv", n, source, count)
        words = tuple(normalize(phrase).split())
        editorial.append(words)
        lex.editorial_kind[words] = kind
    lex.editorial = _first_words(editorial, lambda p: p)

    for n, (term, kind, source, writer, total) in _rows(root / "scare_terms.tsv", 5):
        if kind not in SCARE_KINDS:
            raise LexiconError(f"scare_terms.tsv:{n}: unknown kind {kind!r}")
        _check_provenance("scare_terms.tsv", n, source, writer)
        if not total.isdigit():
            raise LexiconError(f"scare_terms.tsv:{n}: total must be a number")
        key = normalize(term).strip()
        lex.scare_terms[key] = ScareTerm(tuple(key.split()), kind)

    names = set()
    for n, (name, source, writer, total) in _rows(root / "quoted_names.tsv", 4):
        _check_provenance("quoted_names.tsv", n, source, writer)
        names.add(normalize(name).strip())
    lex.quoted_names = frozenset(names)

    lex.unnamed = frozenset(normalize(w) for _, (w,) in _rows(root / "unnamed_sources.tsv", 1))

    grammar: dict[str, set[str]] = {}
    for n, (word, cls) in _rows(root / "grammar.tsv", 2):
        if cls not in GRAMMAR_CLASSES:
            raise LexiconError(f"grammar.tsv:{n}: unknown class {cls!r}")
        # not_cue words keep their spelling (ى vs ي is the point); the rest are normalized
        grammar.setdefault(cls, set()).add(strip_diacritics(word) if cls == "not_cue" else normalize(word))
    _add_function_words(grammar, settings)
    lex.grammar = {k: frozenset(v) for k, v in grammar.items()}
    dates = load_date_resolver(settings.data_dir)
    lex.months = frozenset(dates.months)
    lex.date_phrases = tuple(p for p, _ in dates.relative)
    return lex


def _check_provenance(name: str, n: int, source: str, count: str) -> None:
    if source not in SOURCES or not count.isdigit():
        raise LexiconError(f"{name}:{n}: source must be one of {sorted(SOURCES)} and count a number")


def _add_function_words(grammar: dict[str, set[str]], settings: Settings) -> None:
    """The general closed classes come from their one home (data/lexicon/): prepositions end a
    subject; complementizers introduce reported words (not لأن, "because", which is a conjunction
    too); demonstratives and weekday names never open a speaker (نفى ذلك، قال الأحد)."""
    fw = load_function_words(settings.data_dir)
    dates = load_date_resolver(settings.data_dir)
    grammar["preposition"] = set(fw.of("preposition"))
    grammar["complementizer"] = set(fw.of("complementizer") - fw.of("conjunction"))
    grammar["relative"] = set(fw.of("relative"))
    grammar["conjunction"] = set(fw.of("conjunction"))
    grammar["auxiliary"] = set(fw.of("auxiliary", "particle"))
    grammar.setdefault("not_subject", set()).update(fw.of("demonstrative") - {"هنا", "هناك"}, dates.weekdays)
    grammar["org_head"] = _org_heads(settings)


def _org_heads(settings: Settings) -> set[str]:
    """The nouns that head an organization's name (مجلس، هيئة، محكمة، مكتب), from their one home,
    the actors stage's `data/actors/org_heads.txt`, with and without the article: a speaker the
    actors stage did not recognize is an organization when its subject opens with one."""
    heads = set()
    for line in (Path(settings.data_dir) / "actors" / "org_heads.txt").read_text(encoding="utf-8").splitlines():
        w = normalize(line.strip())
        if w and not line.startswith("#"):
            heads.add(w.removeprefix("ال"))
            heads.add("ال" + w.removeprefix("ال"))
    return heads
