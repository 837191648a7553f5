"""Agendas and packs as PDF, in the content's language. The certificate stack does the work:
fpdf2 lays out, HarfBuzz (uharfbuzz) joins Arabic letters and orders right-to-left runs, and
the Amiri font shipped with programs/ has Arabic and Latin glyphs. Nothing is fetched."""

import io

from django.utils.translation import gettext as _
from django.utils.translation import override
from fpdf import FPDF

from programs.certificates import ACCENT, FONT
from safety.statuses import warning_text

# Hebrew, Arabic, Syriac, Thaana, N'Ko … Arabic Extended, and the presentation forms.
# Tool warnings (safety/) stand out in the same red as on the site.
WARNING_COLOUR = (164, 38, 44)
_RTL_RANGES = (("\u0590", "\u08ff"), ("\ufb1d", "\ufdff"), ("\ufe70", "\ufeff"))


class Document:
    """An A4 portrait PDF written top to bottom in one language's direction."""

    def __init__(self, title, language):
        self.rtl = language == "ar"
        self.align = "R" if self.rtl else "L"
        self.pdf = FPDF(format="A4")
        self.pdf.set_title(title)
        self.pdf.set_creator("Tasharuk")
        self.pdf.set_lang(language)
        self.pdf.add_font("Amiri", fname=str(FONT))
        self.pdf.set_margins(18, 18, 18)
        self.pdf.set_auto_page_break(True, margin=18)
        self.direction()
        self.pdf.add_page()

    def direction(self, ltr=False):
        self.ltr = ltr or not self.rtl
        self.pdf.set_text_shaping(use_shaping_engine=True, direction="ltr" if self.ltr else "rtl")

    def shape_if_needed(self, value):
        """HarfBuzz shaping only for text with right-to-left letters: it is what makes long
        PDFs slow, and Latin text lays out the same without it."""
        if any(first <= char <= last for char in value for first, last in _RTL_RANGES):
            direction = "ltr" if self.ltr else "rtl"
            self.pdf.set_text_shaping(use_shaping_engine=True, direction=direction)
        else:
            self.pdf.set_text_shaping(False)

    def text(self, value, size=11, colour=(29, 35, 48), gap=1.5, link=""):
        if not value:
            return
        self.shape_if_needed(str(value))
        self.pdf.set_font("Amiri", size=size)
        self.pdf.set_text_color(*colour)
        self.pdf.multi_cell(
            0, size * 0.5, str(value), align=self.align, new_x="LMARGIN", new_y="NEXT", link=link
        )
        self.pdf.ln(gap)

    def address(self, url):
        """A web address: left to right in every language."""
        self.direction(ltr=True)
        self.text(url, size=9, colour=ACCENT, link=url)
        self.direction()

    def heading(self, value, size=16):
        self.pdf.ln(2)
        self.text(value, size=size, colour=ACCENT, gap=1)

    def output(self):
        return io.BytesIO(bytes(self.pdf.output()))


def agenda_pdf(schedule):
    """The agenda: title, start, total, then each item with its times, notes and resources."""
    agenda = schedule.agenda
    with override(agenda.language):
        doc = Document(agenda.title, agenda.language)
        doc.text(agenda.title, size=22, colour=ACCENT)
        doc.text(
            _("Starts at %(start)s · ends at %(end)s · total %(total)s")
            % {
                "start": schedule.items[0].starts.strftime("%H:%M")
                if schedule.items
                else agenda.starts_at.strftime("%H:%M"),
                "end": schedule.ends.strftime("%H:%M"),
                "total": schedule.total_label,
            },
            size=11,
        )
        for entry in schedule.items:
            times = f"{entry.starts:%H:%M}–{entry.ends:%H:%M}"
            label = entry.item.title or entry.item.get_kind_display()
            doc.heading(f"{times}  {label}", size=14)
            doc.text(_("%(minutes)s minutes") % {"minutes": entry.item.minutes}, size=10)
            doc.text(entry.item.notes, size=11)
            for _key, page in entry.resources:
                if page is None:
                    doc.text("• " + _("A resource that is no longer available"), size=10)
                else:
                    doc.text("• " + page.title, size=11, gap=0)
                    warning = warning_text(page, symbol=False)
                    if warning:
                        doc.text(warning, size=10, colour=WARNING_COLOUR, gap=0)
                    doc.address(page.full_url or page.source_url)
        return doc.output()
