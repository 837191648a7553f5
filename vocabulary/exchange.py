"""Import and export of the vocabulary as CSV and as SKOS (JSON-LD), so it can be shared with
other catalogues. An import is all or nothing: any bad line is reported and nothing changes.

CSV columns: identifier, category, label_en, variants_en, label_ar, variants_ar, broader
(variants separated by "|"). SKOS: one skos:Concept per entry with prefLabel and altLabel in
"en" and "ar", skos:broader, and the category as dcterms:subject.
"""

import csv
import io
import json
import re

from django.db import transaction
from django.utils.translation import gettext as _

from .models import Concept
from .terms import LANGUAGES, check_concepts, split_variants

CSV_COLUMNS = [
    "identifier",
    "category",
    "label_en",
    "variants_en",
    "label_ar",
    "variants_ar",
    "broader",
]
CONCEPT_BASE = "https://tasharuk.org/vocabulary/"
SKOS_CONTEXT = {
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "@base": CONCEPT_BASE,
    "prefLabel": {"@id": "skos:prefLabel", "@container": "@language"},
    "altLabel": {"@id": "skos:altLabel", "@container": "@language"},
    "broader": {"@id": "skos:broader", "@type": "@id"},
    "inScheme": {"@id": "skos:inScheme", "@type": "@id"},
    "subject": "dcterms:subject",
}
_IDENTIFIER = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")
_CATEGORY = re.compile(r"^([a-z0-9][a-z0-9-]{0,79})?$")


class VocabularyImportError(Exception):
    """A file that cannot be imported; `problems` lists (line, message), in line order."""

    def __init__(self, problems):
        self.problems = sorted(problems, key=lambda problem: problem[0])
        super().__init__("; ".join(f"line {line}: {message}" for line, message in self.problems))


# --- Export ------------------------------------------------------------------------------------


def _records():
    return [concept.record() for concept in Concept.objects.select_related("broader")]


def export_csv(out):
    """Write every concept to the text stream `out` as CSV (header first)."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in _records():
        writer.writerow(
            {
                **record,
                "variants_en": "|".join(record["variants_en"]),
                "variants_ar": "|".join(record["variants_ar"]),
            }
        )


def export_skos():
    """The vocabulary as a SKOS concept scheme in JSON-LD (a dict ready for json.dump)."""
    graph = [
        {
            "@id": "scheme",
            "@type": "skos:ConceptScheme",
            "prefLabel": {"en": "Tasharuk vocabulary", "ar": "مفردات تشارك"},
        }
    ]
    for record in _records():
        item = {
            "@id": record["identifier"],
            "@type": "skos:Concept",
            "inScheme": "scheme",
            "prefLabel": {code: record[f"label_{code}"] for code in LANGUAGES},
        }
        variants = {
            code: record[f"variants_{code}"] for code in LANGUAGES if record[f"variants_{code}"]
        }
        if variants:
            item["altLabel"] = variants
        if record["broader"]:
            item["broader"] = record["broader"]
        if record["category"]:
            item["subject"] = record["category"]
        graph.append(item)
    return {"@context": SKOS_CONTEXT, "@graph": graph}


# --- Import ------------------------------------------------------------------------------------


def read_csv(text):
    """Parse CSV text into [(line, record)]; raise VocabularyImportError on malformed lines."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [column for column in CSV_COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        raise VocabularyImportError(
            [(1, _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})]
        )
    rows, problems = [], []
    try:
        for row in reader:
            line = reader.line_num
            if None in row or any(value is None for value in row.values()):
                problems.append((line, _("Wrong number of columns.")))
                continue
            record = {
                "identifier": row["identifier"].strip(),
                "category": row["category"].strip(),
                "label_en": row["label_en"].strip(),
                "label_ar": row["label_ar"].strip(),
                "variants_en": split_variants(row["variants_en"]),
                "variants_ar": split_variants(row["variants_ar"]),
                "broader": row["broader"].strip(),
            }
            rows.append((line, record))
    except csv.Error as error:
        problems.append((reader.line_num, _("Unreadable CSV: %(error)s") % {"error": error}))
    if problems:
        raise VocabularyImportError(problems)
    return rows


def _identifier_from_id(value):
    value = str(value or "")
    return value[len(CONCEPT_BASE) :] if value.startswith(CONCEPT_BASE) else value


def _language_map(value, many):
    """A JSON-LD language map ({"en": …, "ar": …}) or a list of {"@value", "@language"}."""
    result = {code: [] for code in LANGUAGES}
    items = []
    if isinstance(value, dict):
        for code, text in value.items():
            for item in text if isinstance(text, list) else [text]:
                items.append((code, item))
    elif isinstance(value, list):
        items = [
            (item.get("@language"), item.get("@value")) for item in value if isinstance(item, dict)
        ]
    for code, text in items:
        if code in result and isinstance(text, str):
            result[code].append(text)
    return result if many else {code: (texts[0] if texts else "") for code, texts in result.items()}


def read_skos(text):
    """Parse SKOS JSON-LD (as export_skos writes it) into [(item number, record)]."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise VocabularyImportError(
            [(error.lineno, _("Not valid JSON: %(error)s") % {"error": error.msg})]
        ) from error
    graph = data.get("@graph") if isinstance(data, dict) else data
    if not isinstance(graph, list):
        raise VocabularyImportError([(1, _("No “@graph” list of concepts found."))])
    rows, problems = [], []
    for number, item in enumerate(graph, start=1):
        if not isinstance(item, dict):
            problems.append((number, _("Entry %(number)d is not an object.") % {"number": number}))
            continue
        kinds = item.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if "skos:Concept" not in kinds:
            continue  # the concept scheme itself, or anything else: not ours to import
        labels = _language_map(item.get("prefLabel", {}), many=False)
        variants = _language_map(item.get("altLabel", {}), many=True)
        broader = item.get("broader") or ""
        if isinstance(broader, dict):
            broader = broader.get("@id", "")
        rows.append(
            (
                number,
                {
                    "identifier": _identifier_from_id(item.get("@id")),
                    "category": str(item.get("subject") or ""),
                    "label_en": labels["en"].strip(),
                    "label_ar": labels["ar"].strip(),
                    "variants_en": split_variants(variants["en"]),
                    "variants_ar": split_variants(variants["ar"]),
                    "broader": _identifier_from_id(broader),
                },
            )
        )
    if problems:
        raise VocabularyImportError(problems)
    return rows


def import_records(rows):
    """Create or update concepts from [(line, record)], all or nothing; returns (created,
    updated). Raise VocabularyImportError with every problem found, having changed nothing."""
    problems, lines = [], {}
    for line, record in rows:
        if not _IDENTIFIER.match(record["identifier"]):
            problems.append(
                (
                    line,
                    _(
                        "“%(identifier)s” is not a valid identifier (lower case letters, "
                        "digits and hyphens)."
                    )
                    % {"identifier": record["identifier"][:100]},
                )
            )
        elif record["identifier"] in lines:
            problems.append(
                (
                    line,
                    _("“%(identifier)s” appears twice (first on line %(first)d).")
                    % {"identifier": record["identifier"], "first": lines[record["identifier"]]},
                )
            )
        else:
            lines[record["identifier"]] = line
        if not _CATEGORY.match(record["category"]):
            problems.append(
                (
                    line,
                    _("“%(category)s” is not a category slug.")
                    % {"category": record["category"][:80]},
                )
            )
    # Every other rule is checked too, on the lines with a usable identifier, so one run of
    # the command reports everything that needs fixing.
    merged = {record["identifier"]: record for record in _records()}
    merged.update(
        {
            record["identifier"]: record
            for line, record in rows
            if lines.get(record["identifier"]) == line
        }
    )
    # Stored concepts first, so a term an imported line takes from a stored concept is
    # reported on that line.
    order = [key for key in merged if key not in lines] + [key for key in merged if key in lines]
    for identifier, fields in check_concepts([merged[key] for key in order]).items():
        line = lines.get(identifier, 0)
        for messages in fields.values():
            problems.extend((line, message) for message in messages)
    if problems:
        raise VocabularyImportError(problems)
    return _store([record for _line, record in rows])


@transaction.atomic
def _store(records):
    existing = {concept.identifier: concept for concept in Concept.objects.all()}
    created = updated = 0
    for record in records:
        concept = existing.get(record["identifier"]) or Concept(identifier=record["identifier"])
        values = {
            "category": record["category"],
            "label_en": record["label_en"],
            "label_ar": record["label_ar"],
            "variants_en": "\n".join(record["variants_en"]),
            "variants_ar": "\n".join(record["variants_ar"]),
        }
        if concept.pk and all(getattr(concept, name) == value for name, value in values.items()):
            continue  # unchanged: keep updated_at, so search's vocabulary cache stays valid
        for name, value in values.items():
            setattr(concept, name, value)
        if concept.pk:
            updated += 1
        else:
            created += 1
        concept.save()
        existing[concept.identifier] = concept
    # Broader links once every concept exists (a line may point at a later one).
    for record in records:
        concept = existing[record["identifier"]]
        broader = existing.get(record["broader"]) if record["broader"] else None
        if concept.broader_id != (broader.pk if broader else None):
            concept.broader = broader
            concept.save(update_fields=["broader", "updated_at"])
    return created, updated


def import_file(path, format=None):
    """Import a CSV or SKOS JSON-LD file (format from the extension unless given)."""
    text = open(path, encoding="utf-8").read()  # noqa: SIM115 - small file, read at once
    format = format or ("csv" if str(path).lower().endswith(".csv") else "skos")
    rows = read_csv(text) if format == "csv" else read_skos(text)
    return import_records(rows)
