"""Building a pack: the static HTML copy, the PDF, the manifest (SHA-256 of every file, in the
format `sha256sum -c` reads) and its minisign signature, zipped in a stable order.

The HTML has no script, no external font, image or stylesheet: its CSS is inline, so opening
it makes no request to any host, this site included. Links out to the resources' publishers
are plain links the reader may follow when online."""

import hashlib
import io
import tempfile
import zipfile
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override

from library.vocabularies import format_label, language_label, licence_short_label
from safety.statuses import warning_text

from .. import signing
from ..pdf import WARNING_COLOUR, Document

MANIFEST = "SHA256SUMS"
SIGNATURE = "SHA256SUMS.minisig"
PUBLIC_KEY = "minisign.pub"
STYLE = (Path(__file__).resolve().parent / "pack.css").read_text(encoding="utf-8")


def resource_file(number, page):
    return f"resources/{number:03d}-{slugify(page.slug)[:60] or 'resource'}.html"


def _metadata(page):
    rows = [
        (_("Format"), format_label(page.media_format) if page.media_format else ""),
        (_("Languages"), ", ".join(str(language_label(code)) for code in page.languages or [])),
        (_("Author or creator"), page.author),
        (_("Publisher"), page.publisher),
        (_("Year"), page.year or ""),
        (_("Licence"), licence_short_label(page.license) if page.license else ""),
    ]
    return [(label, value) for label, value in rows if value]


def html_files(source):
    """{path in the ZIP: bytes} for the index and one page per resource."""
    resources = source.resources()
    names = {page.pk: resource_file(n, page) for n, page in enumerate(resources, start=1)}
    common = {"source": source, "style": STYLE, "rtl": source.language == "ar"}
    files = {
        "index.html": render_to_string(
            "trainers/pack/index.html",
            {
                **common,
                "sections": [(s, [(p, names[p.pk]) for p in s.resources]) for s in source.sections],
            },
        )
    }
    for page in resources:
        files[names[page.pk]] = render_to_string(
            "trainers/pack/resource.html",
            {**common, "page": page, "metadata": _metadata(page), "url": page.full_url or ""},
        )
    return {name: text.encode("utf-8") for name, text in files.items()}


def pdf_file(source):
    doc = Document(source.title, source.language)
    doc.text(source.title, size=22, colour=(11, 110, 79))
    doc.text(source.description, size=11)
    for section in source.sections:
        if section.title or section.when:
            doc.heading(" ".join(x for x in (section.when, section.title) if x), size=15)
        doc.text(section.note, size=11)
        for page in section.resources:
            doc.heading(page.title, size=13)
            warning = warning_text(page, symbol=False)
            if warning:
                doc.text(warning, size=11, colour=WARNING_COLOUR)
            for label, value in _metadata(page):
                doc.text(f"{label}: {value}", size=9, gap=0)
            doc.text(page.summary, size=11)
            if page.source_url:
                doc.address(page.source_url)
    return doc.output().getvalue()


def manifest(files):
    """`sha256sum` lines for every file, sorted by name."""
    lines = [f"{hashlib.sha256(files[name]).hexdigest()}  {name}\n" for name in sorted(files)]
    return "".join(lines).encode("utf-8")


def build_zip(source):
    """The pack as ZIP bytes. Signed when the site has a key (see trainers.signing)."""
    with override(source.language):
        files = html_files(source)
        files["pack.pdf"] = pdf_file(source)
        if signing.has_key():
            files[PUBLIC_KEY] = signing.public_key_text().encode("utf-8")
        files[MANIFEST] = manifest(files)
        if signing.has_key():
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / MANIFEST
                path.write_bytes(files[MANIFEST])
                comment = f"Tasharuk offline pack: {source.kind} {source.content_hash()}"
                files[SIGNATURE] = signing.sign(path, comment).read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name])
    return buffer.getvalue()
