"""Arabic inflection for the event lexicon: the surface forms of a verb or a noun, generated from its lemma.

Everything here works on normalized, unvocalized words (see `marsad.text.normalize`): in that
view a passive is spelled like its active (قتل، يقتل، أطلق), so one set of forms serves both, and
the coder tells them apart from context.

A verb is given by its past, third person masculine singular (اتهم). Its present is derived
unless the lexicon writes it (`زار/يزور`): the derived present is ي + the past, without the
alef that opens forms IV, VII, VIII and X:

    >>> present_of("اتهم"), present_of("هاجم"), present_of("استهدف"), present_of("تظاهر")
    ('يتهم', 'يهاجم', 'يستهدف', 'يتظاهر')

Hollow, defective and first-waw verbs of form I and the hamzated form II (قال، دعا، وصل، أكد)
cannot be derived; `needs_present` names them so the loader can ask for the present.
"""
from __future__ import annotations


PAST_SUFFIXES = ("", "ت", "ا", "تا", "وا", "ن")            # third person
PAST_FIRST = ("نا", "ت")                                   # first person (ت also 2nd): the speaker's side when نا
PAST_SECOND = ("تم", "تما", "تن")
PRESENT_PREFIXES = ("ي", "ت", "ن", "ا")                   # ن، ا: first person
PRESENT_SUFFIXES = ("", "ان", "ون", "ين", "ن", "ا", "وا")
OBJECT_PRONOUNS = ("ه", "ها", "هم", "هما", "هن", "ك", "كم", "نا", "ني")
POSSESSIVES = ("ه", "ها", "هم", "هما", "هن", "ك", "كم", "نا", "ي")


# One generated surface form: (text, kind, first_person, possessive). `kind` is past | present |
# participle | noun; `first_person` marks the speaker's forms (زرنا، نرفض، شراكتنا); `possessive` a
# noun's pronoun suffix. Plain tuples: a large lexicon generates a few hundred thousand of them.
Form = tuple[str, str, bool, str]


def needs_present(past: str) -> bool:
    """Whether the present of a normalized past cannot be derived: form-I hollow (زار), defective
    (دعا، نفى) and first-waw (وصل) verbs; three letters opening with a hamza, which may be form I
    (أمر -> يأمر), a doubled form IV (أصر -> يصر) or a form II (أكد -> يؤكد); hollow forms IV and X
    (أقال -> يقيل، استقال -> يستقيل)."""
    if len(past) == 3 and (past[1] == "ا" or past[0] in "وا" or past.endswith(("ا", "ي"))):
        return True
    if len(past) == 4 and past[0] == "ا" and past[2] == "ا":
        return True
    if len(past) == 6 and past.startswith("است") and past[4] == "ا":
        return True
    return past.endswith("ا") and len(past) <= 4


def present_of(past: str) -> str:
    """The derived present (third person masculine singular) of a normalized past."""
    stem = past[1:] if past.startswith("ا") and len(past) >= 4 else past
    return "ي" + stem


def verb_forms(pasts: list[str], presents: list[str], objects: bool = True) -> list[Form]:
    """Past and present forms with their person and number suffixes, then (for a verb that takes a
    direct object) with object pronouns: اتهمه، يتهمونها."""
    out: list[Form] = []
    for p in pasts:
        if p.endswith(("ي", "ا")) and len(p) >= 3:
            # defective: نفى (نفي) -> نفت، نفوا، نفينا؛ دعا -> دعت، دعوا، دعونا
            stem = p[:-1]
            glide = "و" if p.endswith("ا") else "ي"
            out += [(p, "past", False, "")] + [(stem + s, "past", False, "") for s in ("ت", "تا", "وا")]
            out += [(stem + glide + s, "past", s == "نا", "") for s in ("نا", "ت", "تم", "ا", "ن")]
            continue
        for s in PAST_SUFFIXES:
            out.append((p + s, "past", False, ""))
        k = p.rfind("ا")
        if k == len(p) - 2 and k > 0:
            # a hollow verb's passive: قال -> قيل، اغتال -> اغتيل، أدان -> أدين
            out += [(p[:k] + "ي" + p[k + 1:] + s, "past", False, "") for s in ("", "ت", "وا")]
        short = p
        if len(p) == 3 and p[1] == "ا":
            short = p[0] + p[2]            # hollow: زار -> زرنا، قال -> قلت
            out.append((short + "ن", "past", False, ""))
        elif len(p) == 2:
            short = p + p[-1]              # doubled: شن -> شننا
        for s in PAST_FIRST:
            out.append((short + s, "past", s == "نا", ""))
        for s in PAST_SECOND:
            out.append((short + s, "past", False, ""))
    for y in presents:
        stem = y[1:] if y[:1] in "يتنا" else y
        stems = [(stem, PRESENT_SUFFIXES)]
        if stem.endswith(("ي", "و", "ا")) and len(stem) > 2:
            stems.append((stem[:-1], ("ون", "ن", "ين", "وا", "ان", "يان", "يا", "وان")))
        for st, sufs in stems:
            for pre in PRESENT_PREFIXES:
                for s in sufs:
                    out.append((pre + st + s, "present", pre in ("ن", "ا"), ""))
    if not objects:
        return out
    with_objects = [((t[:-1] if t.endswith("وا") else t) + e, kind, first, "")
                    for t, kind, first, _ in out if not t.endswith("ن") or t.endswith(("ون", "ان"))
                    for e in OBJECT_PRONOUNS]
    return out + with_objects


def participle_of(past: str, present: str, form_two: bool = False) -> str | None:
    """The active participle of a derived verb: م + the present stem (يطالب -> مطالب، يتهم -> متهم,
    يستنكر -> مستنكر, and a three-letter form II: يندد -> مندد). A form-I participle (قاتل، زائر) names
    a doer, not an event, and is not generated; nor are defective ones (ملتق).

    >>> participle_of("طالب", "يطالب"), participle_of("ندد", "يندد", form_two=True), participle_of("قتل", "يقتل")
    ('مطالب', 'مندد', None)
    """
    stem = present[1:]
    if (len(past) == 3 and not form_two) or stem.endswith(("ي", "و", "ا")):
        return None
    return "م" + stem


def participle_forms(participle: str) -> list[Form]:
    """The participle as a circumstantial (حال), the accusative that follows a clause: مطالبا،
    مطالبة، مطالبين. The bare and nominative forms are left out: they are mostly nouns (مصادر is
    "sources", مستقبل "future")."""
    return [(participle + s, "participle", False, "") for s in ("ا", "ه", "ين", "تين")]


def plural_of(noun: str) -> str | None:
    """The sound feminine plural, generated for a ta marbuta noun (غارة -> غارات) and a masdar of a
    derived form (اتهام -> اتهامات، تهديد -> تهديدات، مطالبة -> مطالبات); None for form-I masdars."""
    if noun.endswith("ه"):
        return noun[:-1] + "ات"
    if len(noun) >= 5 and noun[0] in "اتم" and not noun.endswith("ات"):
        return noun + "ات"
    return None


def noun_forms(nouns: list[str]) -> list[Form]:
    """A noun's forms: bare, with the article, accusative, dual, and with possessive pronouns
    (ta marbuta becomes ت before them: زيارة -> زيارته، زيارتان)."""
    out: list[Form] = []
    for n in nouns:
        bare = n[2:] if n.startswith("ال") and len(n) > 4 else n
        stem = bare[:-1] + "ت" if bare.endswith("ه") else bare
        plain = [bare, stem + "ان", stem + "ين", "ال" + bare, "ال" + stem + "ان", "ال" + stem + "ين"]
        plain.append(stem + "ا")   # هجوما (accusative), زيارتا (a dual in construct)
        out += [(f, "noun", False, "") for f in plain]
        out += [(stem + e, "noun", e == "نا", e) for e in POSSESSIVES]
    return out
