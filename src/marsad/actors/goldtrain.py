"""Training sentences from gold-annotated articles (`marsad train ner --gold DIR`).

A gold file (`*.gold.json`, see the team's GOLD.md) lists each entity's surfaces, not their offsets. Its
article is cut into sentences (the segmenter's) and whitespace words (as ANERcorp writes them, clitics
attached), and every occurrence of a NAME surface is labelled with its entity's type, longest surface
first; its first word may carry proclitics (`وإسرائيل`). Surfaces that are not names are left out, as
the NER corpora leave them: titles and role phrases (`الرئيس الأميركي`, `سفير أذربيجان`), state pronouns
(`بلاده`), labels and anaphors (`دولة الاحتلال`, `المملكة`), a body described by its head and state
(`وزارة الخارجية التركية`), and optional entities (whose words are then left out of training
altogether: neither name nor not-name is sure).
"""
from __future__ import annotations

import json
from pathlib import Path

from ..errors import InputError
from ..settings import Settings
from ..text.normalize import normalize
from .rules import load_actor_lexicon
from .train import Sentence

PROCLITIC_PREFIXES = ("وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")
MISSING = "-"   # the label of a word left out of training (an optional entity's)


# A word this frequent in the news is a common word: a surface made only of such words (`الحزب الحاكم`,
# `التنظيم المتطرف`) describes its entity unless the knowledge base knows it as a name (`الاتحاد الأوروبي`);
# a person's surface opening with one that is no name unit is a role phrase (`المحررة السياسية ...`).
COMMON_WORD_COUNT = 300
PRONOUN_ENDINGS = ("ه", "ها", "هم", "هما", "نا")


def _is_name_surface(words: list[str], lexicon, vocab: dict[str, int], kb_index, names: dict[str, str],
                     typ: str) -> bool:
    first = words[0]
    if " ".join(words) in kb_index:
        return True
    if all(vocab.get(w, 0) >= COMMON_WORD_COUNT for w in words):
        return False
    if typ == "PER" and vocab.get(first, 0) >= COMMON_WORD_COUNT and first not in names:
        return False
    if typ == "PER" and len(words) > 1 and first.startswith("ال") and first not in names:
        return False   # المحررة السياسية في بي بي سي: a definite role phrase, not a name
    if len(words) > 1 and kb_index.get(words[-1]) and all(kind == "demonym" for _, kind in kb_index[words[-1]]) \
            and vocab.get(words[0], 0) >= COMMON_WORD_COUNT:
        return False   # الحزب الكردي، التمرد الكردي: a common noun and a nationality describe, not name
    if any(w.endswith(PRONOUN_ENDINGS) and vocab.get(w, 0) >= 1 and w not in names and w not in kb_index for w in words[1:]):
        return False   # بلد أجداده: a word with a possessive pronoun
    if words[0].endswith("ا") and vocab.get(words[0][:-1], 0) > vocab.get(words[0], 0):
        return False   # اتحادا أوروبيا: an indefinite accusative, a common noun
    if first in lexicon.titles or " ".join(words[:2]) in lexicon.titles or " ".join(words) in lexicon.titles:
        return False
    if first in lexicon.pronouns or " ".join(words) in lexicon.labels or " ".join(words) in lexicon.anaphors:
        return False
    if any(" ".join(words[:k]) in lexicon.institutions for k in range(1, len(words) + 1)):
        return False
    return True


def _matches(token: str, word: str, first: bool) -> bool:
    t = normalize(token).strip("\"'«»“”()[]،,.:؛")
    if t == word:
        return True
    return first and any(t == p + word or (p.endswith("ل") and word.startswith("ال") and t == p + word[1:])
                         for p in PROCLITIC_PREFIXES)


def gold_sentences(gold_dir: Path, settings: Settings | None = None) -> list[Sentence]:
    """Labelled sentences of every gold article in `gold_dir` (BIO over PER/LOC/ORG; `-` for words left out)."""
    from ..text.segment import split_sentences
    from ..kb import load_kb
    from ..text.segment import load_vocab
    from .tagger import load_person_names
    settings = settings or Settings()
    lexicon = load_actor_lexicon(settings)
    vocab, kb_index, names = load_vocab(settings), load_kb(settings).alias_index(), load_person_names(settings)
    # descriptor words NER corpora leave out of a name: place and outlet cues, and company (شركة، مجموعة);
    # a party's or an organization's head (حزب، منظمة، جامعة) is part of its name
    descriptors = lexicon.place_cues | lexicon.outlet_cues | {w for w, kinds in lexicon.org_cues.items() if kinds == {"company"}}
    paths = sorted(Path(gold_dir).glob("*.gold.json"))
    if not paths:
        raise InputError(f"{gold_dir}: no *.gold.json files")
    out: list[Sentence] = []
    for path in paths:
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (path.parent / gold["text_file"]).read_text(encoding="utf-8")
        surfaces: list[tuple[list[str], str]] = []
        for e in gold["entities"]:
            for s in e["surface"]:
                words = normalize(s).split()
                while len(words) > 1 and words[0] in descriptors:
                    words = words[1:]   # مدينة السويداء, صحيفة الوئام: the name without its descriptor word
                if not words:
                    continue
                if e.get("optional"):
                    surfaces.append((words, MISSING))
                elif e["type"] in ("PER", "LOC", "ORG") and _is_name_surface(words, lexicon, vocab, kb_index, names, e["type"]):
                    surfaces.append((words, e["type"]))
        surfaces.sort(key=lambda x: -len(x[0]))
        for sent in split_sentences(text):
            tokens = text[sent.start:sent.end].split()
            if not tokens:
                continue
            labels = ["O"] * len(tokens)
            for words, typ in surfaces:
                n = len(words)
                for i in range(len(tokens) - n + 1):
                    if labels[i] != "O" or not _matches(tokens[i], words[0], True) or \
                            not all(_matches(tokens[i + j], words[j], False) for j in range(1, n)):
                        continue
                    if any(labels[i + j] != "O" for j in range(n)):
                        continue
                    for j in range(n):
                        labels[i + j] = MISSING if typ == MISSING else ("B-" if j == 0 else "I-") + typ
            out.append(Sentence(tuple(tokens), tuple(labels)))
    return out


def without_missing(sentences: list[Sentence]) -> list[Sentence]:
    """Sentences with words left out of training (`-`) dropped whole: a CRF needs every label."""
    return [s for s in sentences if MISSING not in s.labels]
