"""Steps a member takes in the browser, shared by the journey and privacy tests.

They act the way a person does (the header's links, the forms on the page) and wait for what
the person waits for (the next page's address or a message), never for a fixed time.
"""

import base64
import re
from dataclasses import dataclass

from django.utils import translation
from django_otp.oath import TOTP
from wagtail.models import Locale

from library.models import CategoryPage, ResourcePage
from library.translations import translate
from search import engine, indexing
from tests.factories import ResourcePageFactory

PASSWORD = "a long passphrase for the journey 42"
# Finds both resources of `publish_library()`, in each language.
QUERY = {"en": "holistic", "ar": "الشامل"}


def text(locale, message, **values):
    """`message` as the interface shows it in `locale`, from the project's own catalogue.

    In Arabic the catalogue must really translate it: a page that shows the English words
    to an Arabic reader is a failure the journey should report, not expect."""
    with translation.override(locale):
        shown = translation.gettext(message)
    if locale != "en":
        assert shown != message, f"{message!r} has no {locale} translation"
    return shown % values if values else shown


def plural(locale, singular, plural_form, count, **values):
    with translation.override(locale):
        shown = translation.ngettext(singular, plural_form, count)
    if locale != "en":
        assert shown not in (singular, plural_form), f"{singular!r} has no {locale} translation"
    return shown % {"counter": count, "count": count, **values}


def open_site_menu(page):
    """Open the compact header menu (`details.site-menu` whose toggle shows on phones) when
    the page has one and it is closed; on wide screens its toggle is hidden and the links
    show anyway, and before the menu existed there is nothing to open."""
    toggle = page.locator("header.site-header details.site-menu > summary")
    if not toggle.count() or not toggle.first.is_visible():
        return
    if toggle.first.evaluate("summary => summary.parentElement.open"):
        return
    toggle.first.click()
    page.wait_for_function("() => document.querySelector('details.site-menu').open")


# Where a person taps a link: on its words. A link that wraps onto two lines has the middle
# of its bounding box between the lines, often over a neighbour; its first line is the link.
_FIRST_LINE_CENTRE = """element => {
    const box = element.getBoundingClientRect();
    const line = element.getClientRects()[0];
    return {x: line.left - box.left + line.width / 2, y: line.top - box.top + line.height / 2};
}"""


def tap(locator):
    """Click `locator` on its first line of text, where a person would tap it; Playwright
    still refuses if anything else covers that point."""
    locator.scroll_into_view_if_needed()
    locator.click(position=locator.evaluate(_FIRST_LINE_CENTRE))


def header_link(page, name):
    """Follow the header's link (navigation, account links, language switch) called `name`,
    opening the compact menu first where there is one; waits for the page it leads to."""
    open_site_menu(page)
    link = page.locator("header.site-header").get_by_role("link", name=name, exact=True).first
    target = link.get_attribute("href").split("?")[0]
    with page.expect_navigation():
        tap(link)
    assert path_of(page).split("?")[0] == target, f"{name!r} led to {page.url}, not {target}"


def header_button(page, name):
    """Press a button in the header (signing out is a form's button there)."""
    open_site_menu(page)
    button = page.locator("header.site-header").get_by_role("button", name=name, exact=True)
    with page.expect_navigation():
        tap(button.first)


def press(page, scope, name):
    """Press the button called `name` inside `scope` (a form's selector) and wait for the
    page the form leads to."""
    button = page.locator(scope).get_by_role("button", name=name, exact=True)
    with page.expect_navigation():
        button.first.click()


def messages_shown(page):
    """The texts of the messages the site shows at the top of the page."""
    return [item.strip() for item in page.locator("ul.messages li").all_inner_texts()]


def assert_message(page, expected):
    shown = messages_shown(page)
    assert expected in shown, f"expected the message {expected!r}, the page shows {shown!r}"


def assert_page_language(page, locale):
    """The page is in `locale` and reads in its direction (right to left in Arabic)."""
    assert page.evaluate("document.documentElement.lang") == locale
    direction = "rtl" if locale == "ar" else "ltr"
    assert page.evaluate("document.documentElement.dir") == direction
    assert page.evaluate("getComputedStyle(document.body).direction") == direction


def path_of(page):
    return re.sub(r"^https?://[^/]+", "", page.url)


def sign_up(page, base, locale, username, password=PASSWORD):
    page.goto(f"{base}/{locale}/")
    header_link(page, text(locale, "Sign Up"))
    form = page.locator("form.account-form")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password1]").fill(password)
    form.locator("input[name=password2]").fill(password)
    press(page, "form.account-form", text(locale, "Sign Up"))


def sign_in(page, locale, username, password=PASSWORD):
    """Sign in from the header's link; stops at the code step when the account has 2FA."""
    header_link(page, text(locale, "Sign In"))
    form = page.locator("form.account-form")
    form.locator("input[name=login]").fill(username)
    form.locator("input[name=password]").fill(password)
    press(page, "form.account-form", text(locale, "Sign In"))


def sign_out(page, locale):
    header_button(page, text(locale, "Sign Out"))


def authenticator_code(manual_key):
    """The code an authenticator app shows now for the key the set-up page printed."""
    key = base64.b32decode(manual_key.replace(" ", ""))
    return f"{TOTP(key).token():06d}"


def next_sign_in_code(manual_key, username):
    """A code the server will take for `username`'s authenticator at its next sign-in.

    TOTP never takes a window it has already used (the set-up may have used this one), and
    it learns the phone's clock drift at set-up (a code typed as its window ended counts as a
    drift of -1): so pick the first window after the last one used that lies inside the
    drift-shifted tolerance, preferring the present one, which survives a window boundary
    passing before the server checks it."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    return _code_for_next_window(base64.b32decode(manual_key.replace(" ", "")), device)


def sign_in_code(username):
    """A code for the next sign-in of `username`, whose authenticator the test set up in the
    database (the key an authenticator app would hold is the device's own)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    return _code_for_next_window(device.bin_key, device)


def _code_for_next_window(key, device):
    now = TOTP(key).t()
    centre = now + device.drift
    window = max(centre, device.last_t + 1)
    assert window <= centre + device.tolerance, "no window left to sign in with"
    return f"{TOTP(key, drift=window - now).token():06d}"


def record_outside_requests(context, base):
    """A list that fills with every request the browser context makes (pages, frames,
    workers) to anything but the site at `base`."""
    outside = []
    context.on(
        "request",
        lambda request: (
            None
            if request.url.startswith((base + "/", "data:", "blob:", "about:"))
            else outside.append(request.url)
        ),
    )
    return outside


def translation_of(page, locale):
    return page.get_translation(Locale.objects.get(language_code=locale))


@dataclass
class Published:
    """A published resource in both languages, as the test expects readers to see it."""

    english: ResourcePage
    arabic: ResourcePage

    def _in(self, locale):
        return self.arabic if locale == "ar" else self.english

    def title_in(self, locale):
        return self._in(locale).title

    def url_in(self, locale):
        return self._in(locale).url

    def category_title_in(self, locale):
        category = self.english.categories.first()
        return translation_of(category, locale).title


def publish_resource(title, arabic_title, category, **fields):
    english = ResourcePageFactory(title=title, **fields)
    english.categories.add(CategoryPage.objects.get(slug=category, locale__language_code="en"))
    english.save_revision().publish()
    arabic = translate(
        english,
        Locale.objects.get(language_code="ar"),
        fields={"title": arabic_title, "summary": "دليل عملي لمن يحتاجه."},
    )
    return Published(english=english, arabic=ResourcePage.objects.get(pk=arabic.pk))


def publish_library():
    """Two resources both searches find ("holistic" / "الشامل"), told apart by the filters:
    an Arabic and English manual on digital security, and an English video on advocacy.
    Both are in the search engine's index when this returns."""
    manual = publish_resource(
        "Holistic Security Manual",
        "دليل الأمن الشامل",
        "digital-security",
        slug="holistic-security-manual",
        media_format="manual",
        languages=["ar", "en"],
    )
    workbook = publish_resource(
        "Holistic Security Video Course",
        "دورة فيديو في الأمن الشامل",
        "advocacy-campaigning",
        slug="holistic-security-video",
        media_format="video",
        languages=["en"],
    )
    indexing.update({manual.english.translation_key, workbook.english.translation_key})
    engine.refresh()
    return manual, workbook


def confirm_password_if_asked(page, locale, password=PASSWORD):
    """Security settings ask for the password again unless it was typed in the last few
    minutes (allauth's reauthentication); a member who has just signed up is asked too."""
    if "/reauthenticate/" not in page.url:
        return
    page.locator("main input[name=password]").fill(password)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()


def record_script_errors(context):
    """A list that fills with the browser's own complaints in this context: console errors
    (a refused script or style, i.e. a Content-Security-Policy violation, a failed load) and
    uncaught script errors. Readers do not see them, but they mean something on the page
    does not work as written."""
    errors = []
    context.on(
        "console",
        lambda message: (
            errors.append(f"console: {message.text}") if message.type == "error" else None
        ),
    )
    context.on("weberror", lambda error: errors.append(f"script error: {error.error}"))
    return errors


def assert_scripts_ran(page, javascript):
    """The page's own scripts ran, or did not, as the journey means: the search page's script
    adds the suggestion list under the search box, so its presence tells the two apart (a
    journey that claims to run without JavaScript must really have run without it)."""
    suggestions = page.locator("#search-suggestions").count()
    assert suggestions == (1 if javascript else 0), (
        f"JavaScript {'on' if javascript else 'off'}, yet the search page's script "
        f"{'did not run' if javascript else 'ran'}"
    )
