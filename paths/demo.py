"""Demo learning paths in English and Arabic, built from the demo library's resources (picked by
their URLs in library/demo_data/resources.jsonl). Idempotent: a second run adds what is missing."""

from wagtail.models import Locale

from home.models import HomePage
from library.models import CategoryPage, ResourcePage
from library.translations import translate

from .models import LearningPathIndexPage, LearningPathPage

INDEX = {
    "slug": "learning-paths",
    "title": ("Learning paths", "مسارات التعلّم"),
    "intro": (
        "Ordered routes through the library, chosen by our curators. Sign in to tick the steps "
        "you have done.",
        "مسارات مرتّبة عبر مصادر المكتبة يختارها القيّمون على الموقع. سجّل الدخول لتأشير "
        "الخطوات التي أنجزتها.",
    ),
}

PATHS = [
    {
        "slug": "start-here-digital-security-for-journalists",
        "title": (
            "Start here: digital security for journalists",
            "ابدأ من هنا: الأمن الرقمي للصحفيين",
        ),
        "summary": (
            "Five steps from knowing who might target you to messaging your sources safely and "
            "reaching blocked sites.",
            "خمس خطوات من معرفة من قد يستهدفك إلى مراسلة مصادرك بأمان والوصول إلى المواقع "
            "المحجوبة.",
        ),
        "categories": ["digital-security", "privacy"],
        "steps": [
            (
                "https://ssd.eff.org/en/playlist/activist-or-protester",
                "Start with a threat model: who might want your information, and what would "
                "happen if they got it.",
                "ابدأ بتقييم التهديدات: من قد يريد معلوماتك، وماذا يحدث إن حصل عليها.",
            ),
            (
                "https://cpj.org/2019/07/digital-safety-kit-journalists/",
                "Go through the kit's checklist for your accounts, devices and travel.",
                "راجع قائمة التحقق في الدليل لحساباتك وأجهزتك وسفرك.",
            ),
            (
                "https://communitydocs.accessnow.org/95-FAQ_Securing_Online_Accounts.html",
                "Turn on two-step verification on your email and social media accounts.",
                "فعّل التحقق بخطوتين في بريدك الإلكتروني وحساباتك على وسائل التواصل.",
            ),
            (
                "https://privacyaffairs.com/ar/signal-private-messenger",
                "Move conversations with sources to Signal and set messages to disappear.",
                "انقل محادثاتك مع المصادر إلى سيغنال واضبط الرسائل لتختفي تلقائيًا.",
            ),
            (
                "https://psiphon3.com/en/psiphon-guide.html",
                "Install a circumvention tool before you need it, not during a shutdown.",
                "ثبّت أداة لتجاوز الحجب قبل أن تحتاجها، لا أثناء قطع الإنترنت.",
            ),
        ],
    },
    {
        "slug": "verify-a-video-before-you-share-it",
        "title": ("Verify a video before you share it", "تحقّق من الفيديو قبل أن تنشره"),
        "summary": (
            "From a first look at a viral clip to frame-by-frame checks and the tools "
            "newsrooms use.",
            "من النظرة الأولى إلى مقطع منتشر إلى التحقق إطارًا بإطار والأدوات التي تستخدمها "
            "غرف الأخبار.",
        ),
        "categories": ["fact-checking", "media-literacy"],
        "steps": [
            (
                "https://dubawa.org/how-to-verify-viral-videos/",
                "Learn the questions to ask of any viral video.",
                "تعرّف على الأسئلة التي تطرحها على أي فيديو منتشر.",
            ),
            (
                "https://factcheckhub.com/how-to-verify-visuals-using-frames/",
                "Take key frames and search for older copies of them.",
                "استخرج الإطارات الرئيسية وابحث عن نسخ أقدم منها.",
            ),
            (
                "http://www.invid-project.eu/tools-and-services/",
                "Try the InVID plugin on the same video.",
                "جرّب إضافة InVID على الفيديو نفسه.",
            ),
            (
                "https://exposingtheinvisible.org/en/guides/verification-of-online-data/",
                "Check who posted it, where and when.",
                "تحقّق ممّن نشره وأين ومتى.",
            ),
        ],
    },
]


def ensure_demo_paths():
    """Build whatever part of the demo paths is missing, in English and Arabic."""
    english = Locale.objects.get(language_code="en")
    arabic = Locale.objects.filter(language_code="ar").first()
    home = HomePage.objects.filter(locale=english).first()
    if home is None:
        return []
    index = LearningPathIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=LearningPathIndexPage(
                title=INDEX["title"][0], slug=INDEX["slug"], intro=f"<p>{INDEX['intro'][0]}</p>"
            )
        )
        index.save_revision().publish()
    if arabic and not index.has_translation(arabic):
        translate(
            index,
            arabic,
            fields={"title": INDEX["title"][1]},
            segments={INDEX["intro"][0]: INDEX["intro"][1]},
        )
    paths = []
    for spec in PATHS:
        path = LearningPathPage.objects.child_of(index).filter(slug=spec["slug"]).first()
        if path is None:
            path = _create_path(index, spec, english)
        if arabic and not path.has_translation(arabic):
            segments = {note_en: note_ar for _url, note_en, note_ar in spec["steps"]}
            translate(
                path,
                arabic,
                fields={"title": spec["title"][1], "summary": spec["summary"][1]},
                segments=segments,
            )
        paths.append(path)
    return paths


def _create_path(index, spec, english):
    steps = []
    for url, note_en, _note_ar in spec["steps"]:
        page = ResourcePage.objects.filter(locale=english, source_url=url).first()
        if page is not None:
            steps.append(("step", {"resource": page, "note": note_en}))
    path = index.add_child(
        instance=LearningPathPage(
            title=spec["title"][0], slug=spec["slug"], summary=spec["summary"][0], steps=steps
        )
    )
    path.categories.set(CategoryPage.objects.filter(locale=english, slug__in=spec["categories"]))
    path.save_revision().publish()
    return path
