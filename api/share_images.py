"""Link-preview ("share") images: a 1200×630 PNG with a page's title, its category line and the
site's name, drawn on this server and stored once, so previews need no third-party service.

Arabic is drawn through Pillow's Raqm layout (HarfBuzz shaping + FriBiDi reordering), the
simplest robust way we have: one `draw.text` call shapes, joins and orders a line, mixed
Arabic/Latin included, with the Amiri font already shipped for certificates. Drawing
uharfbuzz's glyph outlines ourselves would need our own rasteriser for a result no better.
Pillow's wheels carry Raqm and HarfBuzz and load FriBiDi from the system (Debian's
`libfribidi0`, present wherever Chromium or GTK is). Where Raqm is missing, Arabic would be
drawn as disconnected letters in the wrong order: `can_draw()` then says no, and the page goes
without an image rather than with a wrong one.

An image is stored under a name made of its page and a hash of everything drawn, so a new title
(or a new design, RENDERER_VERSION) gives a new file and a new URL, and old previews keep theirs.
"""

import hashlib
import io
import json
import logging
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw, ImageFont, features

logger = logging.getLogger(__name__)

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
FONT_PATH = settings.BASE_DIR / "programs" / "fonts" / "Amiri-Regular.ttf"
# Changing the design changes every image's name, so they are drawn again.
RENDERER_VERSION = "1"
STORAGE_FOLDER = "share-images"

BACKGROUND = "#f7f3e8"
BAND = "#0f5c4d"
BAND_INK = "#f7f3e8"
INK = "#1d2421"
ACCENT = "#8a5a00"

TITLE_SIZES = (68, 60, 52, 46)  # largest that fits in TITLE_LINES lines
TITLE_LINES = 3
TITLE_TOP = 210
LINE_SPACING = 1.35


@dataclass(frozen=True)
class Card:
    """What one share image shows."""

    key: str  # names the page: "resource-12", "collection-3-ar"
    title: str
    line: str  # the category (or "Training program", "Member collection") above the title
    site_name: str
    language: str  # the card's language code: decides direction and alignment

    @property
    def rtl(self):
        return self.language in ("ar", "fa", "he", "ur")

    def digest(self):
        """Hash of everything drawn: a changed title makes a new image."""
        drawn = [RENDERER_VERSION, self.title, self.line, self.site_name, self.language]
        return hashlib.sha256(json.dumps(drawn).encode()).hexdigest()[:16]

    @property
    def storage_name(self):
        return f"{STORAGE_FOLDER}/{self.key}-{self.digest()}.png"


def has_right_to_left(text):
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def can_draw(card):
    """True unless the card has right-to-left text and Pillow has no Raqm to shape it."""
    if features.check("raqm"):
        return True
    if any(has_right_to_left(text) for text in (card.title, card.line, card.site_name)):
        logger.warning("no share image for %s: Pillow has no Raqm to shape Arabic", card.key)
        return False
    return True


def _font(size, layout):
    return ImageFont.truetype(str(FONT_PATH), size, layout_engine=layout)


def _wrap(text, font, direction, width):
    """Words of `text` in lines no wider than `width` (a word longer than a line stays whole)."""
    lines, current = [], ""
    for word in text.split():
        attempt = f"{current} {word}" if current else word
        if current and font.getlength(attempt, direction=direction) > width:
            lines.append(current)
            current = word
        else:
            current = attempt
    if current:
        lines.append(current)
    return lines


def _title_lines(title, direction, layout):
    """(font, lines): the largest title size that fits; the last size is cut with an ellipsis."""
    width = WIDTH - 2 * MARGIN
    for size in TITLE_SIZES:
        font = _font(size, layout)
        lines = _wrap(title, font, direction, width)
        if len(lines) <= TITLE_LINES:
            return font, lines
    lines = lines[:TITLE_LINES]
    last = lines[-1]
    while last and font.getlength(last + " …", direction=direction) > width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    lines[-1] = last + " …"
    return font, lines


def _draw_line(draw, text, font, y, fill, card, shaped):
    """One line at height `y`, starting at the reading start (the right edge for Arabic)."""
    options = {"direction": "rtl" if card.rtl else "ltr", "language": card.language}
    options = options if shaped else {}
    x = WIDTH - MARGIN - font.getlength(text, **options) if card.rtl else MARGIN
    draw.text((x, y), text, font=font, fill=fill, **options)


def render(card, layout=None):
    """The card as PNG bytes. `layout` is for comparisons only: by default Raqm when present."""
    if layout is None:
        raqm = features.check("raqm")
        layout = ImageFont.Layout.RAQM if raqm else ImageFont.Layout.BASIC
    shaped = layout == ImageFont.Layout.RAQM
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 120), fill=BAND)
    draw.rectangle((0, HEIGHT - 16, WIDTH, HEIGHT), fill=BAND)
    _draw_line(draw, card.site_name, _font(52, layout), 18, BAND_INK, card, shaped)
    _draw_line(draw, card.line, _font(38, layout), 135, ACCENT, card, shaped)
    direction = ("rtl" if card.rtl else "ltr") if shaped else None
    font, lines = _title_lines(card.title, direction, layout)
    y = TITLE_TOP
    for line in lines:
        _draw_line(draw, line, font, y, INK, card, shaped)
        y += int(font.size * LINE_SPACING)
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()


def stored_image(card):
    """The card's PNG bytes: read from media storage, or drawn and stored the first time."""
    name = card.storage_name
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as stored:
            return stored.read()
    png = render(card)
    if not default_storage.exists(name):  # a concurrent request may have stored it meanwhile
        default_storage.save(name, ContentFile(png))
    return png
