"""The certificate as a PDF, in the reader's language. fpdf2 lays it out; its HarfBuzz text
shaping (uharfbuzz) joins Arabic letters and orders right-to-left runs, and the embedded Amiri
font (shipped in programs/fonts/, SIL OFL) has Arabic and Latin glyphs. Nothing is fetched."""

import io
from pathlib import Path

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import override
from fpdf import FPDF

FONT = Path(__file__).resolve().parent / "fonts" / "Amiri-Regular.ttf"
ACCENT = (11, 110, 79)


def render_pdf(certificate, program, weeks, verify_url, language):
    """A one-page landscape A4 PDF (bytes in a buffer) for `certificate`."""
    with override(language):
        rtl = language == "ar"
        align = "R" if rtl else "L"
        pdf = FPDF(orientation="landscape", format="A4")
        pdf.set_title(_("Certificate of completion"))
        pdf.set_creator("Tasharuk")
        pdf.set_lang(language)
        pdf.add_font("Amiri", fname=str(FONT))
        pdf.set_text_shaping(use_shaping_engine=True, direction="rtl" if rtl else "ltr")
        pdf.set_auto_page_break(False)
        pdf.add_page()
        pdf.set_draw_color(*ACCENT)
        pdf.set_line_width(1.2)
        pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
        pdf.set_margins(25, 22, 25)
        pdf.set_y(24)

        pdf.set_font("Amiri", size=14)
        pdf.set_text_color(*ACCENT)
        pdf.cell(0, 10, _("Tasharuk"), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Amiri", size=30)
        pdf.set_text_color(29, 35, 48)
        pdf.cell(0, 18, _("Certificate of completion"), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
        pdf.set_font("Amiri", size=14)
        pdf.cell(0, 9, _("This certifies that"), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Amiri", size=26)
        pdf.cell(0, 16, certificate.name, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Amiri", size=14)
        pdf.cell(
            0,
            9,
            _("passed every week of the training program"),
            align="C",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.set_font("Amiri", size=20)
        pdf.multi_cell(0, 12, program.title, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
        pdf.set_font("Amiri", size=12)
        for number, week in enumerate(weeks, start=1):
            line = _("Week %(number)s: %(title)s") % {"number": number, "title": week.title}
            pdf.cell(0, 7, line, align=align, new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(pdf.h - 48)
        issued = formats.date_format(certificate.issued_at, "DATE_FORMAT")
        pdf.cell(
            0,
            8,
            _("Issued on %(date)s") % {"date": issued},
            align=align,
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.cell(0, 8, _("Verify this certificate at:"), align=align, new_x="LMARGIN", new_y="NEXT")
        # The address is left-to-right in every language.
        pdf.set_text_shaping(use_shaping_engine=True, direction="ltr")
        pdf.cell(0, 8, verify_url, align=align, link=verify_url, new_x="LMARGIN", new_y="NEXT")
        buffer = io.BytesIO(bytes(pdf.output()))
    return buffer
