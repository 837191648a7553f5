"""Following, “New for you” and e-mail digests over HTTP in both languages; digests are built
from a fixed clock and read from Django's mail outbox."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone, translation

from community import digests, following
from community.models import Collection, Follow, MemberChoices
from community.tasks import send_digests
from library.models import CategoryPage, ResourcePage
from library.translations import translate
from tests.community.conftest import make_member
from tests.factories import ResourcePageFactory
from tests.programs.conftest import build_program
from users import data_export, deletion

CLOCK = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday, 09:00 UTC


def arabic(message):
    with translation.override("ar"):
        shown = translation.gettext(message)
    assert shown != message, f"{message!r} has no Arabic translation"
    return shown


def signed_in(member):
    client = Client()
    client.force_login(member)
    return client


def confirmed(member, email=None):
    EmailAddress.objects.create(
        user=member, email=email or f"{member.username}@example.org", verified=True, primary=True
    )
    return member


def published_in(category_slug, title, arabic_title=None, at=None):
    """A live resource filed under the category, first published `at` (both translations)."""
    page = ResourcePageFactory(title=title)
    page.categories.add(CategoryPage.objects.get(slug=category_slug, locale__language_code="en"))
    page.save_revision().publish()
    if arabic_title:
        translate(page, _arabic(), fields={"title": arabic_title})
    if at is not None:
        ResourcePage.objects.filter(translation_key=page.translation_key).update(
            first_published_at=at
        )
    return page


def _arabic():
    from wagtail.models import Locale

    return Locale.objects.get(language_code="ar")


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.django_db
def test_follow_a_category_from_its_page_and_following_twice_is_refused(lang, member):
    url = f"/{lang}/categories/privacy/"
    visitor_html = Client().get(url).content.decode()
    sign_in = "Sign in to follow"
    assert (arabic(sign_in) if lang == "ar" else sign_in) in visitor_html
    client = signed_in(member)
    html = client.get(url).content.decode()
    assert 'name="target" value="privacy"' in html
    response = client.post(
        f"/{lang}/follow/", {"kind": "category", "target": "privacy", "next": url}, follow=True
    )
    assert response.redirect_chain[-1][0] == url
    response = client.post(
        f"/{lang}/follow/", {"kind": "category", "target": "privacy", "next": url}, follow=True
    )
    twice = "You already follow this."
    assert (arabic(twice) if lang == "ar" else twice) in response.content.decode()
    assert Follow.objects.filter(member=member).count() == 1
    stop = "Stop following"
    assert (arabic(stop) if lang == "ar" else stop) in client.get(url).content.decode()


@pytest.mark.parametrize(
    "kind,target",
    [
        ("category", "no-such-category"),
        ("collection", "999999"),
        ("program", "not-a-uuid"),
        ("search", "page=0"),
        ("search", ""),
        ("planet", "mars"),
    ],
)
@pytest.mark.django_db
def test_following_what_does_not_exist_is_refused_with_a_message(member, kind, target):
    response = signed_in(member).post(
        "/ar/follow/", {"kind": kind, "target": target, "next": "/ar/my/following/"}, follow=True
    )
    assert response.status_code == 200
    assert 'class="message message--error"' in response.content.decode()
    assert not Follow.objects.exists()


@pytest.mark.django_db
def test_a_private_collection_cannot_be_followed(member, other_member):
    private = Collection.objects.create(owner=other_member, name="Private")
    response = signed_in(member).post(
        "/en/follow/", {"kind": "collection", "target": private.pk}, follow=True
    )
    assert "Only public collections can be followed." in response.content.decode()
    assert not Follow.objects.exists()


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.django_db
def test_new_for_you_lists_what_appeared_since_the_previous_visit(lang, member):
    client = signed_in(member)
    client.post(f"/{lang}/follow/", {"kind": "category", "target": "privacy"})
    follow = Follow.objects.get()
    Follow.objects.filter(pk=follow.pk).update(created_at=timezone.now() - timedelta(days=3))
    published_in(
        "privacy",
        "Encrypted messaging basics",
        "أساسيات المراسلة المشفرة",
        at=timezone.now() - timedelta(days=1),
    )
    published_in("surveillance", "Not followed", at=timezone.now() - timedelta(days=1))
    html = client.get(f"/{lang}/my/new/").content.decode()
    expected = "أساسيات المراسلة المشفرة" if lang == "ar" else "Encrypted messaging basics"
    assert expected in html and "Not followed" not in html
    # The same visit (session) keeps showing it; the next visit starts after this one.
    assert expected in client.get(f"/{lang}/my/new/").content.decode()
    html = signed_in(member).get(f"/{lang}/my/new/").content.decode()
    assert expected not in html
    nothing = "Nothing new since your previous visit."
    assert (arabic(nothing) if lang == "ar" else nothing) in html


@pytest.mark.django_db
def test_new_for_you_covers_collections_searches_and_programs(
    member, other_member, settings, django_capture_on_commit_callbacks
):
    settings.TASHARUK_SEARCH = {**settings.TASHARUK_SEARCH, "URL": ""}  # the database backend
    week_ago = timezone.now() - timedelta(days=7)
    public = Collection.objects.create(owner=other_member, name="Open kit", is_public=True)
    program = build_program(weeks=1, title="Advocacy tools")
    client = signed_in(member)
    client.post("/en/follow/", {"kind": "collection", "target": public.pk})
    client.post("/en/follow/", {"kind": "search", "target": "q=circumvention&format=guide"})
    client.post("/en/follow/", {"kind": "program", "target": str(program.translation_key)})
    assert Follow.objects.filter(member=member).count() == 3
    Follow.objects.update(created_at=week_ago)
    from programs.models import WeekPage

    # The program's first week went out before the member followed it.
    WeekPage.objects.update(first_published_at=week_ago - timedelta(days=3))
    from community import collections

    kept = ResourcePageFactory(title="Field notes for trainers")
    collections.save_resource(other_member, kept.translation_key, public)
    with django_capture_on_commit_callbacks(execute=True):  # indexed as after a real publish
        for title, media_format in [
            ("Circumvention tools compared", "guide"),
            ("Circumvention video", "video"),
        ]:
            ResourcePageFactory(title=title, media_format=media_format).save_revision().publish()
    week = program.add_child(instance=WeekPage(title="Week 2 campaigns", slug="week-2"))
    week.save_revision().publish()
    html = client.get("/en/my/new/").content.decode()
    assert "Field notes for trainers" in html
    assert "Circumvention tools compared" in html and "Circumvention video" not in html
    assert "Week 2 campaigns" in html
    assert "Week 1 topic" not in html  # published before the window


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.django_db
def test_follow_this_search_button_on_the_search_page(lang, member, settings):
    settings.TASHARUK_SEARCH = {**settings.TASHARUK_SEARCH, "URL": ""}
    client = signed_in(member)
    html = client.get(f"/{lang}/search/?q=security&sort=newest&page=1").content.decode()
    assert 'name="kind" value="search"' in html
    target = re.search(r'name="target" value="([^"]*)"', html).group(1)
    assert target == "q=security"  # sort and page do not make another search
    client.post(f"/{lang}/follow/", {"kind": "search", "target": "q=security"})
    assert Follow.objects.get().label == "security"


# --- Digests ---------------------------------------------------------------------------------


def weekly_follower(name="nour", language="en", address=True):
    member = make_member(name)
    if address:
        confirmed(member)
    Follow.objects.create(member=member, kind="category", target="privacy", label="Privacy")
    MemberChoices.objects.create(
        member=member, frequency=MemberChoices.WEEKLY, language=language, digest_since=CLOCK
    )
    return member


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.django_db
def test_weekly_digest_lists_the_new_resource_in_the_members_language(lang, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://tasharuk.example.org"
    member = weekly_follower(language=lang)
    published_in(
        "privacy",
        "Encrypted messaging basics",
        "أساسيات المراسلة المشفرة",
        at=CLOCK + timedelta(hours=5),
    )
    published_in("privacy", "Old news", at=CLOCK - timedelta(days=2))
    assert digests.send_due_digests(CLOCK + timedelta(days=3)) == 0  # not a week yet
    assert digests.send_due_digests(CLOCK + timedelta(days=7)) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [f"{member.username}@example.org"]
    text, (html, mime) = message.body, message.alternatives[0]
    assert mime == "text/html"
    title = "أساسيات المراسلة المشفرة" if lang == "ar" else "Encrypted messaging basics"
    assert title in text and title in html
    assert "Old news" not in text
    subject = "New on %(site)s in what you follow"
    with translation.override(lang):
        site = str(settings.SITE_NAME)
    assert message.subject == (arabic(subject) if lang == "ar" else subject) % {"site": site}
    if lang == "ar":
        assert 'dir="rtl"' in html and 'lang="ar"' in html
    # No tracking: no images at all, every link goes straight to the site's own page.
    assert "<img" not in html.lower()
    links = re.findall(r'href="([^"]+)"', html)
    assert links and all(link.startswith("https://tasharuk.example.org/") for link in links)
    assert all("?" not in link or "/search/" in link for link in links)
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<https://tasharuk.example.org/") and unsubscribe.endswith(">")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe[1:-1] in text and unsubscribe[1:-1] in html
    # Running again (a timer firing twice) sends nothing more.
    assert digests.send_due_digests(CLOCK + timedelta(days=7, minutes=5)) == 0
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_daily_digest_comes_once_a_day_and_skips_empty_days():
    member = weekly_follower()
    MemberChoices.objects.filter(member=member).update(frequency=MemberChoices.DAILY)
    published_in("privacy", "Monday's guide", at=CLOCK + timedelta(hours=2))
    assert digests.send_due_digests(CLOCK + timedelta(hours=12)) == 0  # too early
    assert digests.send_due_digests(CLOCK + timedelta(days=1)) == 1
    assert digests.send_due_digests(CLOCK + timedelta(days=2)) == 0  # nothing new: no e-mail
    published_in("privacy", "Wednesday's guide", at=CLOCK + timedelta(days=2, hours=3))
    assert digests.send_due_digests(CLOCK + timedelta(days=3)) == 1
    assert "Wednesday's guide" in mail.outbox[-1].body
    assert "Monday's guide" not in mail.outbox[-1].body


@pytest.mark.django_db
def test_nothing_is_sent_without_a_confirmed_address():
    member = weekly_follower(address=False)
    EmailAddress.objects.create(user=member, email="unconfirmed@example.org", verified=False)
    published_in("privacy", "Encrypted messaging basics", at=CLOCK + timedelta(hours=5))
    assert digests.send_due_digests(CLOCK + timedelta(days=7)) == 0
    assert mail.outbox == []


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.django_db
def test_choosing_a_digest_needs_a_confirmed_address(lang, member):
    client = signed_in(member)
    response = client.post(f"/{lang}/my/following/", {"frequency": "daily", "language": lang})
    assert response.status_code == 400
    refusal = "Add an e-mail address and confirm it before choosing a digest."
    assert (arabic(refusal) if lang == "ar" else refusal) in response.content.decode()
    assert digests.choices_for(member).frequency == MemberChoices.NEVER
    confirmed(member)
    response = client.post(f"/{lang}/my/following/", {"frequency": "weekly", "language": "ar"})
    assert response.status_code == 302
    choices = digests.choices_for(member)
    assert (choices.frequency, choices.language) == ("weekly", "ar")
    assert choices.digest_since is not None


@pytest.mark.django_db
def test_unsubscribe_works_signed_out_and_a_link_scanner_does_not_unsubscribe():
    member = weekly_follower()
    published_in("privacy", "Encrypted messaging basics", at=CLOCK + timedelta(hours=5))
    digests.send_due_digests(CLOCK + timedelta(days=7))
    path = re.sub(r"^https?://[^/]+", "", mail.outbox[0].extra_headers["List-Unsubscribe"][1:-1])
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(path)
    assert page.status_code == 200  # a GET (a scanner, a preview) changes nothing
    assert digests.choices_for(member).frequency == MemberChoices.WEEKLY
    # The mail program's one-click POST: no cookie, no CSRF token.
    response = visitor.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert digests.choices_for(member).frequency == MemberChoices.NEVER
    assert digests.send_due_digests(CLOCK + timedelta(days=14)) == 0


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.django_db
def test_a_forged_unsubscribe_token_is_refused_in_the_readers_language(lang):
    member = weekly_follower()
    token = digests.unsubscribe_token(member)
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    response = Client().post(f"/{lang}/digest/unsubscribe/{forged}/")
    assert response.status_code == 400
    damaged = "This unsubscribe link is damaged or incomplete."
    shown = arabic(
        "This unsubscribe link is damaged or incomplete. Copy the whole link from the e-mail, "
        "or change your digest on your “Following and digests” page."
    )
    assert (shown if lang == "ar" else damaged) in response.content.decode()
    assert digests.choices_for(member).frequency == MemberChoices.WEEKLY


@pytest.mark.django_db
def test_the_task_and_the_command_send_what_is_due():
    weekly_follower()
    published_in("privacy", "Encrypted messaging basics", at=CLOCK + timedelta(hours=5))
    result = send_digests.enqueue(now=(CLOCK + timedelta(days=7)).isoformat())
    assert result.return_value == 1 and len(mail.outbox) == 1
    call_command("send_digests", verbosity=0)  # now: the window has nothing new
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_download_and_deletion_cover_follows_and_digest_choices():
    member = weekly_follower()
    data = data_export.export_user_data(member)
    assert data["follows"] == [
        {
            "kind": "category",
            "target": "privacy",
            "name": "Privacy",
            "since": Follow.objects.get().created_at.isoformat(),
        }
    ]
    assert data["digest_and_invitation_choices"]["digest"] == "weekly"
    deletion.delete_account(member, deletion.ANONYMISE)
    assert not Follow.objects.exists() and not MemberChoices.objects.exists()


@pytest.mark.django_db
def test_following_services_normalise_searches():
    target, params = following.search_target("format=guide&q=  tor &sort=rating&page=2")
    assert target == "q=tor&format=guide"
    with pytest.raises(following.FollowRefused):
        following.search_target("sort=rating")
