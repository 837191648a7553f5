"""A tool marked unsafe shows its warning, in the reader's language, on every surface that
shows the resource: its page, cards, search results, collections, program weeks, workshop
agendas and their PDF, offline packs (pages and PDF), the API, feeds and the widget."""

import io
import json

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from pypdf import PdfReader

from community.models import Collection, CollectionItem
from programs.models import WeekPage
from search import indexing
from trainers.models import Agenda, AgendaItem, AgendaResource

from .conftest import NOTE_AR, NOTE_EN, soup, warnings_in

pytestmark = pytest.mark.django_db


# (language, note, words of the headline, alternative's title in that language)
LANGUAGES = [
    ("en", NOTE_EN, "this tool is unsafe", "Safe Messenger"),
    ("ar", NOTE_AR, "هذه الأداة غير آمنة", "المراسل الآمن"),
]
BOTH = pytest.mark.parametrize(("language", "note", "headline", "alternative_title"), LANGUAGES)


def assert_full_warning(box, language, note, headline, alternative_title):
    assert headline in box.text
    assert note in box.text
    link = box.select_one(".tool-warning__alternative a")
    assert link is not None and link.text == alternative_title
    assert "/library/safe-messenger" in link["href"]
    assert f"/{language}/" in link["href"]


@pytest.fixture
def member(db):
    return get_user_model().objects.create_user("reader", password="a long passphrase 42")


@pytest.fixture
def public_collection(unsafe_tool, member):
    collection = Collection.objects.create(owner=member, name="Organiser kit", is_public=True)
    CollectionItem.objects.create(
        collection=collection, translation_key=unsafe_tool.translation_key
    )
    return collection


@BOTH
def test_resource_page(client, unsafe_tool, language, note, headline, alternative_title):
    response = client.get(f"/{language}/library/leaky-chat/")
    assert response.status_code == 200
    (box,) = warnings_in(response)
    assert_full_warning(box, language, note, headline, alternative_title)
    # Prominent: before the description of the resource.
    html = response.content.decode()
    assert html.index("tool-warning") < html.index("metadata")


@BOTH
def test_resource_cards_in_the_library_listing(
    client, unsafe_tool, language, note, headline, alternative_title
):
    response = client.get(f"/{language}/library/")
    cards = [card for card in soup(response).select(".resource-card") if card.select("aside")]
    assert len(cards) == 1
    assert headline in cards[0].text
    assert cards[0].select_one(".tool-warning__alternative a").text == alternative_title


@BOTH
def test_search_results_for_a_signed_out_reader(
    client, settings, unsafe_tool, language, note, headline, alternative_title
):
    settings.TASHARUK_SEARCH = {**settings.TASHARUK_SEARCH, "URL": ""}  # the fallback here
    indexing.update({unsafe_tool.translation_key})
    response = client.get(f"/{language}/search/", {"q": "Leaky Chat"})
    results = soup(response).select(".search-result")
    (warned,) = [result for result in results if result.select("aside.tool-warning")]
    assert headline in warned.text
    assert warned.select_one(".tool-warning__alternative a").text == alternative_title


@BOTH
def test_public_collection_for_a_signed_out_reader(
    client, public_collection, language, note, headline, alternative_title
):
    response = client.get(f"/{language}/collections/{public_collection.pk}/")
    assert response.status_code == 200
    (box,) = warnings_in(response)
    assert headline in box.text
    assert box.select_one(".tool-warning__alternative a").text == alternative_title


@BOTH
def test_members_own_private_collection(
    client, public_collection, member, language, note, headline, alternative_title
):
    public_collection.is_public = False
    public_collection.save()
    client.force_login(member)
    (box,) = warnings_in(client.get(f"/{language}/collections/{public_collection.pk}/"))
    assert headline in box.text


@BOTH
def test_program_week(client, unsafe_tool, language, note, headline, alternative_title):
    from tests.programs.conftest import build_program, translate_program, weeks

    program = build_program(weeks=1, slug="safety-week")
    week = weeks(program)[0]
    week.resources = json.dumps(
        [{"type": "resource", "value": {"resource": unsafe_tool.pk, "note": ""}}]
    )
    week.save_revision().publish()
    translate_program(program)  # the Arabic week holds the same resources
    shown = [w for w in WeekPage.objects.live() if w.translation_key == week.translation_key]
    (week_page,) = [w for w in shown if w.locale.language_code == language]
    response = client.get(week_page.url)
    assert response.status_code == 200
    (box,) = warnings_in(response)
    assert headline in box.text


def _agenda(owner, language, tool):
    agenda = Agenda.objects.create(
        owner=owner, title="Safety day", language=language, share_token=f"token-{language}"
    )
    item = AgendaItem.objects.create(agenda=agenda, title="Messaging", minutes=60)
    AgendaResource.objects.create(item=item, translation_key=tool.translation_key)
    return agenda


@BOTH
def test_shared_workshop_agenda_and_its_pdf(
    client, unsafe_tool, member, language, note, headline, alternative_title
):
    agenda = _agenda(member, language, unsafe_tool)
    response = client.get(f"/{language}/workshops/shared/{agenda.share_token}/")
    assert response.status_code == 200
    (box,) = warnings_in(response)
    assert headline in box.text
    pdf = client.get(f"/{language}/workshops/shared/{agenda.share_token}/pdf/")
    data = b"".join(pdf.streaming_content) if pdf.streaming else pdf.content
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert note in text
    assert headline in text


@BOTH
def test_offline_pack_pages_and_pdf(
    client, settings, tmp_path, public_collection, language, note, headline, alternative_title
):
    from tests.trainers.packs import download_pack, unzip

    settings.MEDIA_ROOT = str(tmp_path)
    _page, data = download_pack(client, language, "collection", public_collection.pk)
    files = unzip(data)
    index = files["index.html"].decode()
    assert headline in index
    resource = next(v.decode() for k, v in files.items() if k.startswith("resources/"))
    resource_text = BeautifulSoup(resource, "html.parser").text
    assert headline in resource_text and note in resource_text
    assert alternative_title in resource_text
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(files["pack.pdf"])).pages)
    assert note in text
    assert headline in text


@BOTH
def test_api_items_carry_the_warning(
    client, unsafe_tool, language, note, headline, alternative_title
):
    response = client.get(f"/api/v1/resources/{unsafe_tool.pk}/", {"locale": language})
    assert response.status_code == 200
    warning = response.json()["warning"]
    assert warning["status"] == "unsafe"
    assert warning["note"] == note
    assert headline in warning["label"]
    assert warning["alternative"]["title"] == alternative_title
    listing = client.get("/api/v1/resources/", {"locale": language}).json()["results"]
    by_title = {item["title"]: item["warning"] for item in listing}
    assert (
        by_title[unsafe_tool.title if language == "en" else "الدردشة المسربة"]["status"] == "unsafe"
    )
    assert by_title[alternative_title] is None


@BOTH
@pytest.mark.parametrize("feed_format", ["rss", "atom"])
def test_feeds_put_the_warning_before_the_description(
    client, unsafe_tool, feed_format, language, note, headline, alternative_title
):
    response = client.get(f"/{language}/feeds/latest/{feed_format}/")
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    tool_title = "Leaky Chat" if language == "en" else "الدردشة المسربة"
    (entry,) = [entry for entry in feed.entries if entry.title == tool_title]
    assert entry.summary.startswith("⚠")
    assert headline in entry.summary and note in entry.summary


@BOTH
def test_widget(client, unsafe_tool, language, note, headline, alternative_title):
    response = client.get(f"/{language}/embed/widget/")
    page = soup(response)
    (box,) = page.select(".widget__warning")
    assert headline in box.text
    assert box.a.text == alternative_title
