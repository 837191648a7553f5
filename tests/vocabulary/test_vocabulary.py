"""The vocabulary: curators' admin with its refusals, the demo vocabulary, CSV and SKOS exchange."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from wagtail.users.models import UserProfile

from tests.users.conftest import give_second_factor, make_member, totp_code
from tests.users.helpers import post_login
from vocabulary.demo import DEMO_FILE, load_demo_vocabulary
from vocabulary.exchange import CSV_COLUMNS
from vocabulary.models import Concept

pytestmark = pytest.mark.django_db

CATEGORY_SLUGS = {
    "access-to-information", "advocacy-campaigning", "blogging", "censorship-circumvention",
    "citizen-journalism", "civic-participation", "community-mapping", "crowdfunding-fundraising",
    "data-journalism", "digital-rights", "digital-security", "disability-accessibility",
    "education-elearning", "elections", "environment", "fact-checking", "freedom-of-expression",
    "gender", "governance-transparency", "health", "human-rights", "internet-governance",
    "legal-resources", "media-literacy", "mobile-technology", "multimedia-production",
    "nonprofit-management", "online-harassment", "open-data", "open-knowledge-open-source",
    "privacy", "refugees-migration", "research-documentation", "social-media", "storytelling",
    "surveillance", "training-of-trainers", "web-development", "women", "youth",
}  # fmt: skip


def concept(identifier, label_en, label_ar, variants_en="", variants_ar="", broader=None):
    return Concept.objects.create(
        identifier=identifier,
        label_en=label_en,
        label_ar=label_ar,
        variants_en=variants_en,
        variants_ar=variants_ar,
        broader=broader,
    )


@pytest.fixture
def curator_client(client):
    curator = make_member("curator", is_staff=True, is_superuser=True)
    device, _codes = give_second_factor(curator)
    post_login(client, "curator")
    client.post("/en/accounts/2fa/authenticate/", {"code": totp_code(device)})
    client.curator = curator
    return client


def admin_form(**fields):
    data = {
        "identifier": "",
        "label_en": "",
        "label_ar": "",
        "variants_en": "",
        "variants_ar": "",
        "category": "",
        "broader": "",
    }
    data.update(fields)
    return data


ADD_URL = "/admin/snippets/vocabulary/concept/add/"


# --- Admin ---------------------------------------------------------------------------------


def test_curator_adds_a_concept_with_its_variants(curator_client):
    response = curator_client.post(
        ADD_URL,
        admin_form(
            identifier="encryption",
            label_en="encryption",
            label_ar="التشفير",
            variants_en="encrypt\nencrypted",
            variants_ar="تشفير\nمشفر",
            category="digital-security",
        ),
    )
    assert response.status_code == 302
    stored = Concept.objects.get(identifier="encryption")
    assert stored.label_ar == "التشفير"
    assert stored.record()["variants_ar"] == ["تشفير", "مشفر"]


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "The Arabic label is empty"), ("ar", "فارغة")],
)
def test_empty_label_is_refused_with_a_translated_message(curator_client, language, message):
    UserProfile.get_for_user(curator_client.curator).__class__.objects.filter(
        user=curator_client.curator
    ).update(preferred_language=language)
    response = curator_client.post(
        ADD_URL, admin_form(identifier="vpn", label_en="VPN", label_ar="   ")
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Concept.objects.filter(identifier="vpn").exists()


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "already belongs to the concept"), ("ar", "ينتمي بالفعل إلى المفهوم")],
)
def test_variant_claimed_by_another_concept_is_refused(curator_client, language, message):
    UserProfile.get_for_user(curator_client.curator).__class__.objects.filter(
        user=curator_client.curator
    ).update(preferred_language=language)
    concept("blog", "blog", "مدونة", "blogs\nblogging", "مدونات\nالتدوين")
    response = curator_client.post(
        ADD_URL,
        admin_form(
            identifier="blogging",
            label_en="Blogging",  # the same term as a variant of "blog", whatever its case
            label_ar="التدوين الشخصي",
        ),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Concept.objects.filter(identifier="blogging").exists()


def test_broader_cycle_is_refused(curator_client):
    security = concept("digital-security", "digital security", "الأمن الرقمي")
    encryption = concept("encryption", "encryption", "التشفير", broader=security)
    url = f"/admin/snippets/vocabulary/concept/edit/{security.pk}/"
    response = curator_client.post(
        url,
        admin_form(
            identifier="digital-security",
            label_en="digital security",
            label_ar="الأمن الرقمي",
            broader=str(encryption.pk),
        ),
    )
    assert response.status_code == 200
    assert "would form a cycle" in response.content.decode()
    security.refresh_from_db()
    assert security.broader is None


# --- Demo vocabulary -----------------------------------------------------------------------


def test_demo_vocabulary_covers_every_category_and_loads_idempotently():
    created, updated = load_demo_vocabulary()
    assert created >= 300
    assert set(Concept.objects.values_list("category", flat=True)) == CATEGORY_SLUGS
    assert load_demo_vocabulary() == (0, 0)
    assert Concept.objects.count() == created
    encryption = Concept.objects.get(identifier="encryption")
    assert "تشفير" in encryption.record()["variants_ar"]
    vpn = Concept.objects.get(identifier="vpn")
    assert vpn.label_ar == "الشبكة الافتراضية الخاصة"


def test_every_demo_row_has_both_labels():
    with DEMO_FILE.open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            assert row["label_en"].strip() and row["label_ar"].strip(), row["identifier"]


# --- CSV and SKOS --------------------------------------------------------------------------


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


CSV_HEADER = ",".join(CSV_COLUMNS) + "\n"


def test_csv_import_creates_then_updates_and_export_round_trips(tmp_path):
    path = write(
        tmp_path,
        "v.csv",
        CSV_HEADER
        + "encryption,digital-security,encryption,encrypt|encrypted,التشفير,تشفير|مشفر,\n"
        + "e2ee,digital-security,end-to-end encryption,E2EE,التشفير التام بين الطرفين,,encryption\n",
    )
    call_command("vocabulary_import", path)
    assert Concept.objects.get(identifier="e2ee").broader.identifier == "encryption"
    out = io.StringIO()
    call_command("vocabulary_export", stdout=out)
    exported = write(tmp_path, "again.csv", out.getvalue())
    Concept.objects.filter(identifier="e2ee").update(label_en="changed")
    call_command("vocabulary_import", exported)
    assert Concept.objects.get(identifier="e2ee").label_en == "end-to-end encryption"
    assert Concept.objects.count() == 2


def test_skos_export_and_import(tmp_path):
    load_demo_vocabulary()
    out = io.StringIO()
    call_command("vocabulary_export", "--format", "skos", stdout=out)
    scheme = json.loads(out.getvalue())
    encryption = next(item for item in scheme["@graph"] if item["@id"] == "encryption")
    assert encryption["prefLabel"] == {"en": "encryption", "ar": "التشفير"}
    assert "تشفير" in encryption["altLabel"]["ar"]
    total = Concept.objects.count()
    Concept.objects.all().delete()
    call_command("vocabulary_import", write(tmp_path, "v.jsonld", out.getvalue()))
    assert Concept.objects.count() == total
    assert Concept.objects.get(identifier="end-to-end-encryption").broader.identifier == (
        "encryption"
    )


def test_malformed_csv_reports_its_lines_and_changes_nothing(tmp_path):
    concept("blog", "blog", "مدونة", "blogs")
    path = write(
        tmp_path,
        "bad.csv",
        CSV_HEADER
        + "vpn,censorship-circumvention,VPN,,الشبكة الافتراضية الخاصة,,\n"
        + "Bad Id,,x,,س,,\n"
        + "blogging,blogging,blogging,blogs,التدوين,,\n"
        + "empty,,,,,,\n",
    )
    errors = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("vocabulary_import", path, stderr=errors)
    report = errors.getvalue()
    assert "bad.csv:3:" in report and "not a valid identifier" in report
    assert "bad.csv:4:" in report and "already belongs" in report
    assert "bad.csv:5:" in report and "empty" in report
    assert not Concept.objects.filter(identifier="vpn").exists()


def test_malformed_skos_is_refused(tmp_path):
    with pytest.raises(CommandError):
        call_command("vocabulary_import", write(tmp_path, "bad.jsonld", "{not json"))
    assert not Concept.objects.exists()
