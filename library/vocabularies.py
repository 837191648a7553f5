"""Controlled vocabularies for resources: media formats, licences, regions and languages.

Codes are stored; labels are looked up in the active language. Country and language names
come from the Unicode CLDR (through Babel) and codes from ISO 3166-1 / 639-1 (through pycountry),
so nobody types 249 country names in two languages by hand.
"""

from functools import cache

import pycountry
from babel import Locale
from django.utils.functional import lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

FORMATS = {
    "guide": _("Guide"),
    "manual": _("Manual"),
    "report": _("Report"),
    "video": _("Video"),
    "tutorial": _("Tutorial"),
    "software": _("Software"),
    "legislation": _("Legislation"),
    "presentation": _("Presentation"),
    "audio": _("Audio"),
    "infographic": _("Infographic"),
    "website": _("Website"),
    "course": _("Course"),
    "dataset": _("Dataset"),
    "book": _("Book"),
    "article": _("Article"),
}

# SPDX identifier -> (full name, canonical URL or "" when there is no licence text to link to).
_CC = "https://creativecommons.org/"
LICENCES = {
    "CC-BY-4.0": (_("Creative Commons Attribution 4.0 International"), _CC + "licenses/by/4.0/"),
    "CC-BY-SA-4.0": (
        _("Creative Commons Attribution-ShareAlike 4.0 International"),
        _CC + "licenses/by-sa/4.0/",
    ),
    "CC-BY-NC-4.0": (
        _("Creative Commons Attribution-NonCommercial 4.0 International"),
        _CC + "licenses/by-nc/4.0/",
    ),
    "CC-BY-NC-SA-4.0": (
        _("Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International"),
        _CC + "licenses/by-nc-sa/4.0/",
    ),
    "CC-BY-ND-4.0": (
        _("Creative Commons Attribution-NoDerivatives 4.0 International"),
        _CC + "licenses/by-nd/4.0/",
    ),
    "CC-BY-NC-ND-4.0": (
        _("Creative Commons Attribution-NonCommercial-NoDerivatives 4.0 International"),
        _CC + "licenses/by-nc-nd/4.0/",
    ),
    "CC-BY-3.0": (_("Creative Commons Attribution 3.0 Unported"), _CC + "licenses/by/3.0/"),
    "CC-BY-SA-3.0": (
        _("Creative Commons Attribution-ShareAlike 3.0 Unported"),
        _CC + "licenses/by-sa/3.0/",
    ),
    "CC-BY-NC-3.0": (
        _("Creative Commons Attribution-NonCommercial 3.0 Unported"),
        _CC + "licenses/by-nc/3.0/",
    ),
    "CC-BY-NC-SA-3.0": (
        _("Creative Commons Attribution-NonCommercial-ShareAlike 3.0 Unported"),
        _CC + "licenses/by-nc-sa/3.0/",
    ),
    "CC-BY-NC-ND-3.0": (
        _("Creative Commons Attribution-NonCommercial-NoDerivatives 3.0 Unported"),
        _CC + "licenses/by-nc-nd/3.0/",
    ),
    "CC-BY-2.5": (_("Creative Commons Attribution 2.5 Generic"), _CC + "licenses/by/2.5/"),
    "CC-BY-SA-2.5": (
        _("Creative Commons Attribution-ShareAlike 2.5 Generic"),
        _CC + "licenses/by-sa/2.5/",
    ),
    "CC-BY-NC-SA-2.5": (
        _("Creative Commons Attribution-NonCommercial-ShareAlike 2.5 Generic"),
        _CC + "licenses/by-nc-sa/2.5/",
    ),
    # Intergovernmental organisations (UNESCO, the World Bank) publish under the IGO ports, and
    # US organisations (EFF, the Tor Project) under the US port: both are stated on their pages.
    "CC-BY-3.0-IGO": (_("Creative Commons Attribution 3.0 IGO"), _CC + "licenses/by/3.0/igo/"),
    "CC-BY-SA-3.0-IGO": (
        _("Creative Commons Attribution-ShareAlike 3.0 IGO"),
        _CC + "licenses/by-sa/3.0/igo/",
    ),
    "CC-BY-NC-SA-3.0-IGO": (
        _("Creative Commons Attribution-NonCommercial-ShareAlike 3.0 IGO"),
        _CC + "licenses/by-nc-sa/3.0/igo/",
    ),
    "CC-BY-3.0-US": (
        _("Creative Commons Attribution 3.0 United States"),
        _CC + "licenses/by/3.0/us/",
    ),
    "CC-BY-ND-3.0": (
        _("Creative Commons Attribution-NoDerivatives 3.0 Unported"),
        _CC + "licenses/by-nd/3.0/",
    ),
    "CC-BY-2.0": (_("Creative Commons Attribution 2.0 Generic"), _CC + "licenses/by/2.0/"),
    "CC-BY-SA-2.0": (
        _("Creative Commons Attribution-ShareAlike 2.0 Generic"),
        _CC + "licenses/by-sa/2.0/",
    ),
    "CC0-1.0": (
        _("Creative Commons Zero 1.0 Universal (public domain dedication)"),
        _CC + "publicdomain/zero/1.0/",
    ),
    "GPL-3.0-or-later": (
        _("GNU General Public License v3.0 or later"),
        "https://www.gnu.org/licenses/gpl-3.0.html",
    ),
    "AGPL-3.0-or-later": (
        _("GNU Affero General Public License v3.0 or later"),
        "https://www.gnu.org/licenses/agpl-3.0.html",
    ),
    "GPL-2.0-or-later": (
        _("GNU General Public License v2.0 or later"),
        "https://www.gnu.org/licenses/old-licenses/gpl-2.0.html",
    ),
    "LGPL-3.0-or-later": (
        _("GNU Lesser General Public License v3.0 or later"),
        "https://www.gnu.org/licenses/lgpl-3.0.html",
    ),
    "MIT": (_("MIT License"), "https://opensource.org/license/mit"),
    "Apache-2.0": (_("Apache License 2.0"), "https://www.apache.org/licenses/LICENSE-2.0"),
    "BSD-3-Clause": (_("BSD 3-Clause License"), "https://opensource.org/license/bsd-3-clause"),
    "MPL-2.0": (_("Mozilla Public License 2.0"), "https://www.mozilla.org/MPL/2.0/"),
    "GFDL-1.3-or-later": (
        _("GNU Free Documentation License v1.3 or later"),
        "https://www.gnu.org/licenses/fdl-1.3.html",
    ),
    "LicenseRef-All-Rights-Reserved": (_("All rights reserved"), ""),
    "LicenseRef-Unknown": (_("Licence not stated"), ""),
}

_SPECIAL_REGIONS = {"global": _("Global"), "mena": _("Middle East and North Africa")}


@cache
def _cldr(language_code):
    return Locale.parse((language_code or "en").split("-")[0])


def _active_cldr():
    try:
        return _cldr(get_language())
    except (ValueError, TypeError):
        return _cldr("en")


def _country_name(code):
    return _active_cldr().territories.get(code.upper(), code.upper())


def _language_name(code):
    return _active_cldr().languages.get(code, code)


country_name = lazy(_country_name, str)
language_name = lazy(_language_name, str)

COUNTRY_CODES = sorted(country.alpha_2.lower() for country in pycountry.countries)
LANGUAGE_CODES = sorted(
    language.alpha_2 for language in pycountry.languages if hasattr(language, "alpha_2")
)


def format_label(code):
    return FORMATS.get(code, code)


def licence_name(code):
    return LICENCES[code][0] if code in LICENCES else code


def licence_short_label(code):
    """What a card shows: the SPDX identifier people recognise (CC-BY-4.0), or the translated
    name where the identifier is only a placeholder (LicenseRef-…)."""
    if not code or code.startswith("LicenseRef-"):
        return licence_name(code or "LicenseRef-Unknown")
    return code


def licence_url(code):
    return LICENCES[code][1] if code in LICENCES else ""


def region_label(code):
    if code in _SPECIAL_REGIONS:
        return _SPECIAL_REGIONS[code]
    return country_name(code)


def language_label(code):
    return language_name(code)


def format_choices():
    return list(FORMATS.items())


def licence_choices():
    return [
        (code, f"{name} ({code})" if not code.startswith("LicenseRef") else name)
        for code, (name, _url) in LICENCES.items()
    ]


def region_choices():
    return list(_SPECIAL_REGIONS.items()) + [(code, country_name(code)) for code in COUNTRY_CODES]


def language_choices():
    return [(code, language_name(code)) for code in LANGUAGE_CODES]
