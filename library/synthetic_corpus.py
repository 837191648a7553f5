"""The realistic profile of the synthetic corpus: a long tail of word forms, topics by category.

The stress profile writes every resource from about 55 words, so any query matches nearly the
whole library. A real library has tens of thousands of word forms with a Zipf-like frequency,
words that cluster by topic, and Arabic words that carry clitics (و ف ب ل ك ال) and come as
plurals and derived forms; most searches match a few percent of it. This module builds such a
vocabulary per language from three sources: the demo library's own words and the demo
vocabulary's concept labels (which weigh more in their categories), and generated word forms
(English stems with derivational suffixes, Arabic roots poured into morphological patterns).
Nothing is downloaded. Facets, category counts and text lengths follow the demo library's.

The vocabulary is the same for every seed (VOCABULARY_SEED), so resources generated in several
runs with different seeds still share one language; the seed decides the resources.
"""

import csv
import json
import re
from bisect import bisect
from collections import Counter, defaultdict
from functools import cache
from itertools import accumulate
from pathlib import Path
from random import Random

from .categories import CATEGORIES

VOCABULARY_SEED = 28
MIN_FORMS = 20_000  # word forms per language, before clitics
ZIPF_EXPONENT = 1.05
ZIPF_SHIFT = 2.7  # Zipf–Mandelbrot: the very top ranks are a little flatter than 1/r
# Share of a text's words drawn from its categories' topics (the rest is the general language).
TOPIC_SHARE = {"title": 0.55, "summary": 0.35, "body": 0.25}
PHRASE_SHARE = 0.2  # of topic draws: a whole concept label ("digital security") instead of a word
PROCLITIC_SHARE = 0.22  # Arabic words written with a proclitic
ENCLITIC_SHARE = 0.04  # Arabic words written with a pronoun suffix
GENERATED_TOPIC_WORDS = 60  # generated forms that belong to each category's topic

DEMO_RESOURCES = Path(__file__).resolve().parent / "demo_data" / "resources.jsonl"

STOPWORDS = {
    "en": "the of and to a in for on with how is are by from as that this your their it at an or "
    "be can about what who when which more they we you new not all into through between its has "
    "have also other such these those our us how why where will may than",
    "ar": "في من على إلى عن مع هذا هذه التي الذي الذين أن إن كيف ما لا أو بين حول كل ذلك تلك عند "
    "خلال هو هي هم كما قد بعد قبل ضد دون أي لم لن ثم حتى إذا منذ عبر لدى نحو",
}
_ARABIC_LETTERS = "بتثجحخدذرزسشصضطظعغفقكلمنهوي"
# Arabic patterns (1, 2, 3 stand for the root's consonants): verbs, nouns, adjectives, masdars.
_ARABIC_PATTERNS = [
    "123",
    "1ا23",
    "م12و3",
    "ت12ي3",
    "12ا3",
    "12ي3",
    "م123",
    "م123ة",
    "12ا3ة",
    "است12ا3",
    "ان12ا3",
    "ا1ت2ا3",
    "ت1ا23",
    "م1ا23ة",
    "إ12ا3",
    "123ي",
    "123ية",
    "ي123",
    "ت123",
]
# Plurals of some patterns: sound feminine, sound masculine (both cases), broken.
_ARABIC_PLURALS = {
    "1ا23": ["1ا23ون", "1ا23ين", "12ا3"],
    "م12و3": ["م12و3ات"],
    "ت12ي3": ["ت12ي3ات"],
    "م123ة": ["م123ات", "م1ا23"],
    "12ا3ة": ["12ا3ات"],
    "12ي3": ["أ123اء", "12ا3"],
    "123": ["أ12ا3"],
    "م1ا23ة": ["م1ا23ات"],
    "123ي": ["123يون", "123يين"],
    "123ية": ["123يات"],
    "م123": ["م1ا2ي3"],
}
_PROCLITICS_DEFINITE = ["و", "ف", "ب", "ك", "لل"]  # before ال: لل replaces ل+ال
_PROCLITICS = ["و", "ف", "ب", "ل", "ك", "ال", "ال", "ال", "وال", "بال", "لل", "فال"]
_ENCLITICS = ["ه", "ها", "هم", "نا", "ي"]

_ONSETS = [
    "b",
    "c",
    "d",
    "f",
    "g",
    "h",
    "j",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "v",
    "w",
    "z",
    "br",
    "cr",
    "dr",
    "fr",
    "gr",
    "pr",
    "tr",
    "bl",
    "cl",
    "fl",
    "gl",
    "pl",
    "sl",
    "st",
    "sp",
    "sc",
    "sh",
    "ch",
    "th",
]
_VOWELS = ["a", "e", "i", "o", "u", "a", "e", "i", "o", "ai", "ea", "io", "ou"]
_CODAS = ["", "", "", "n", "r", "l", "s", "m", "t", "nd", "rt", "st", "nt", "x"]
_ENGLISH_FAMILIES = [
    ["", "s"],
    ["", "s", "ed", "ing", "er", "ers"],
    ["", "al", "ally", "ness"],
    ["", "ation", "ations", "ize", "ized"],
    ["", "ment", "ments", "ive", "ity"],
]


class Weighted:
    """Items drawn with a Zipf–Mandelbrot frequency by their rank in `items`."""

    def __init__(self, items, exponent=ZIPF_EXPONENT):
        self.items = list(items)
        self.cumulative = list(
            accumulate(1 / (rank + ZIPF_SHIFT) ** exponent for rank in range(len(self.items)))
        )

    def draw(self, rng, k):
        total = self.cumulative[-1]
        cumulative, items = self.cumulative, self.items
        return [items[bisect(cumulative, rng.random() * total)] for _ in range(k)]


class EmpiricalChoice:
    """Values drawn as often as they occur in a sample (the demo library's facets)."""

    def __init__(self, values):
        counts = Counter(values)
        self.values = list(counts)
        self.cumulative = list(accumulate(counts.values()))

    def draw(self, rng):
        return self.values[bisect(self.cumulative, rng.random() * self.cumulative[-1])]


def words_of(text, language):
    """Lower-case words of `text` (Arabic without diacritics or tatweel)."""
    if language == "ar":
        return re.findall(r"[\u0621-\u064a]{2,}", re.sub(r"[\u064b-\u0652\u0640]", "", text))
    return re.findall(r"[a-z][a-z'-]*[a-z]", text.lower())


def _english_forms(rng, wanted):
    forms, seen = [], set()
    while len(forms) < wanted:
        stem = "".join(
            rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)
            for _ in range(rng.choice([2, 2, 3]))
        )
        if stem in seen:
            continue
        seen.add(stem)
        forms.extend(stem + suffix for suffix in rng.choice(_ENGLISH_FAMILIES))
    return forms


def _arabic_forms(rng, wanted):
    forms, seen = [], set()
    while len(forms) < wanted:
        root = "".join(rng.sample(_ARABIC_LETTERS, 3))
        if root in seen:
            continue
        seen.add(root)
        for pattern in rng.sample(_ARABIC_PATTERNS, rng.randint(4, 8)):
            for shape in [pattern, *_ARABIC_PLURALS.get(pattern, [])]:
                forms.append(
                    shape.replace("1", root[0]).replace("2", root[1]).replace("3", root[2])
                )
    return forms


class Corpus:
    """Per language: the general vocabulary (`background`), each category's topic words and
    concept labels (`topics`, `phrases`); the demo library's facet and length distributions."""

    def __init__(self, seed=VOCABULARY_SEED):
        rng = Random(seed)
        demo = [
            json.loads(line)
            for line in DEMO_RESOURCES.read_text(encoding="utf-8").split("\n")
            if line
        ]
        concepts = _concepts()
        self.slugs = [slug for slug, _en, _ar in CATEGORIES]
        self.background, self.topics, self.phrases, self.generated = {}, {}, {}, {}
        for language in ("en", "ar"):
            self._build_language(rng, language, demo, concepts)
        self.tags = defaultdict(list)  # category → concept identifiers (the demo's tags are)
        for row in concepts:
            self.tags[row["category"]].append(row["identifier"])
        filings = Counter(slug for row in demo for slug in row["categories"])
        self.category = EmpiricalChoice(
            [slug for slug in self.slugs for _ in range(filings.get(slug, 1))]
        )
        self.category_count = EmpiricalChoice(len(row["categories"]) for row in demo)
        self.tag_count = EmpiricalChoice(len(row.get("tags", [])) for row in demo)
        self.format = EmpiricalChoice(row["format"] for row in demo)
        self.languages = EmpiricalChoice(tuple(row["languages"]) for row in demo)
        self.regions = EmpiricalChoice(tuple(row["regions"]) for row in demo)
        self.license = EmpiricalChoice(row["license"] for row in demo)
        self.year = EmpiricalChoice(row.get("year") for row in demo)
        self.title_length = {
            language: EmpiricalChoice(
                len(words_of(row["title"][language], language)) or 1 for row in demo
            )
            for language in ("en", "ar")
        }
        self.summary_length = {
            language: EmpiricalChoice(
                len(words_of(row["summary"][language], language)) for row in demo
            )
            for language in ("en", "ar")
        }

    def _build_language(self, rng, language, demo, concepts):
        stop = STOPWORDS[language].split()
        stopset = set(stop)
        # The demo library's words, and in which categories each is over-represented.
        in_category, overall, sizes = defaultdict(Counter), Counter(), Counter()
        for row in demo:
            words = words_of(f"{row['title'][language]} {row['summary'][language]}", language)
            words = [word for word in words if word not in stopset]
            overall.update(words)
            for slug in row["categories"]:
                sizes[slug] += 1
                in_category[slug].update(words)
        topic_score = defaultdict(Counter)
        for word, total in overall.items():
            lifts = sorted(
                (
                    (in_category[slug][word] / sizes[slug]) / (total / len(demo)),
                    slug,
                )
                for slug in sizes
                if in_category[slug][word] >= 2
            )
            for lift, slug in lifts[-2:]:
                if lift >= 2:
                    topic_score[slug][word] += in_category[slug][word]
        phrases = defaultdict(list)
        for row in concepts:
            labels = [row[f"label_{language}"]] + [
                v for v in row[f"variants_{language}"].split("|") if v
            ]
            for rank, label in enumerate(labels):
                words = [w for w in words_of(label, language) if w not in stopset]
                for word in words:
                    topic_score[row["category"]][word] += 3 if rank == 0 else 1
                if len(words_of(label, language)) > 1:
                    phrases[row["category"]].append(label.lower() if language == "en" else label)
        real = sorted(set(overall) | {w for scores in topic_score.values() for w in scores})
        generate = _arabic_forms if language == "ar" else _english_forms
        taken = stopset | set(real)
        generated = [
            form for form in dict.fromkeys(generate(rng, MIN_FORMS + 2000)) if form not in taken
        ]
        rng.shuffle(generated)
        # A word that is a topic of many categories ("الرقمي", digital) says little about any of
        # them: each category's list leads with the words it shares with the fewest others.
        spread = Counter(word for scores in topic_score.values() for word in scores)
        topics = {}
        for index, slug in enumerate(self.slugs):
            own = generated[index * GENERATED_TOPIC_WORDS : (index + 1) * GENERATED_TOPIC_WORDS]
            ranked = sorted(
                topic_score[slug], key=lambda word: (-topic_score[slug][word] / spread[word], word)
            )
            topics[slug] = Weighted(ranked + own, exponent=0.9)
        # The general language: function words at the top, the library's own words spread over
        # the first few thousand ranks, generated forms making up the long tail.
        keyed = [(rng.uniform(0, 6000), word) for word in real]
        keyed += [(rng.uniform(0, len(generated) * 1.2), word) for word in generated]
        self.background[language] = Weighted(stop + [word for _, word in sorted(keyed)])
        self.topics[language] = topics
        self.phrases[language] = {slug: Weighted(phrases[slug], 0.6) for slug in phrases}
        self.generated[language] = set(generated)

    # -- one resource -------------------------------------------------------------------------

    def facets(self, rng):
        """Categories (slugs), tags (concept ids), format, languages, regions, licence, year."""
        wanted = self.category_count.draw(rng)
        categories = []
        while len(categories) < wanted:
            slug = self.category.draw(rng)
            if slug not in categories:
                categories.append(slug)
        pool = sorted({tag for slug in categories for tag in self.tags[slug]})
        tags = rng.sample(pool, min(len(pool), self.tag_count.draw(rng)))
        return {
            "categories": categories,
            "tags": tags,
            "format": self.format.draw(rng),
            "languages": list(self.languages.draw(rng)),
            "regions": list(self.regions.draw(rng)),
            "license": self.license.draw(rng),
            "year": self.year.draw(rng),
        }

    def words(self, rng, language, categories, count, part):
        """`count` words of a text in `language` about `categories` (title, summary or body)."""
        share = TOPIC_SHARE[part]
        background = self.background[language].draw(rng, count)
        words = []
        for word in background:
            if rng.random() < share:
                slug = categories[int(rng.random() * len(categories))]
                phrases = self.phrases[language].get(slug)
                if phrases and rng.random() < PHRASE_SHARE:
                    words.extend(phrases.draw(rng, 1)[0].split())
                    continue
                word = self.topics[language][slug].draw(rng, 1)[0]
            if language == "ar":
                word = self._with_clitics(rng, word)
            words.append(word)
        return words[: max(count, 1)]

    @staticmethod
    def _with_clitics(rng, word):
        draw = rng.random()
        if draw < PROCLITIC_SHARE:
            if word.startswith("ال"):
                clitic = rng.choice(_PROCLITICS_DEFINITE)
                return "لل" + word[2:] if clitic == "لل" else clitic + word
            clitic = rng.choice(_PROCLITICS)
            return clitic + word
        if draw < PROCLITIC_SHARE + ENCLITIC_SHARE and not word.startswith("ال"):
            return (word[:-1] + "ت" if word.endswith("ة") else word) + rng.choice(_ENCLITICS)
        return word

    def text(self, rng, language, categories, count, part):
        """`count` words in sentences of 6 to 24 words, ending with full stops."""
        words = self.words(rng, language, categories, count, part)
        sentences, start = [], 0
        while start < len(words):
            end = start + rng.randint(6, 24)
            sentence = " ".join(words[start:end])
            sentences.append(sentence[:1].upper() + sentence[1:] if language == "en" else sentence)
            start = end
        return ". ".join(sentences) + "."

    def resource(self, rng):
        """Facets and both languages' title, summary and body of one resource. Titles and
        summaries are as long as the demo library's; the body (the demo library has none) is
        one to three summaries long."""
        data = self.facets(rng)
        for language in ("en", "ar"):
            title = self.words(
                rng, language, data["categories"], self.title_length[language].draw(rng), "title"
            )
            data[f"title_{language}"] = (
                " ".join(title).capitalize() if language == "en" else " ".join(title)
            )
            summary = self.summary_length[language].draw(rng)
            data[f"summary_{language}"] = self.text(
                rng, language, data["categories"], summary, "summary"
            )
            body = summary * rng.randint(1, 3)
            data[f"body_{language}"] = self.text(rng, language, data["categories"], body, "body")
        return data


def _concepts():
    from vocabulary.demo import DEMO_FILE

    with open(DEMO_FILE, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def corpus(seed=VOCABULARY_SEED):
    """The realistic corpus (built once per process: about a second)."""
    return Corpus(seed)
