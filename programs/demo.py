"""Demo content: a four-week mentored advocacy program in English and Arabic, modelled on the
online program SMEX and UNESCO's Beirut office ran for Arab civil-society groups. Idempotent."""

import datetime

from django.utils import timezone
from wagtail.models import Locale

from home.models import HomePage
from library.models import ResourcePage
from library.translations import translate

from .models import ProgramIndexPage, ProgramPage, WeekPage

INDEX = {
    "slug": "programs",
    "title": ("Training programs", "البرامج التدريبية"),
    "intro": (
        "<p>Multi-week online courses built from the library, with weekly assessments and mentors.</p>",
        "<p>دورات إلكترونية على عدة أسابيع مبنية على مصادر المكتبة، مع تقييم أسبوعي ومرشدين.</p>",
    ),
}

PROGRAM = {
    "slug": "advocacy-tools-campaign-strategy",
    "title": (
        "Online advocacy tools and campaign strategy",
        "أدوات المناصرة الإلكترونية واستراتيجيات الحملات",
    ),
    "summary": (
        "A free four-week online program for Arab civil-society groups: social media for "
        "campaigns, working in groups, video and micro-blogging, and blogging, with live chats "
        "with mentors and an assessment to pass each week.",
        "برنامج مجاني عبر الإنترنت لمدة أربعة أسابيع لمجموعات المجتمع المدني العربية: وسائل "
        "التواصل الاجتماعي في الحملات، والعمل الجماعي، والفيديو والتدوين المصغّر، والتدوين، مع "
        "جلسات حوار مباشر مع المرشدين وتقييم يجب اجتيازه كل أسبوع.",
    ),
    "audience": (
        "Activists and staff of civil-society organisations in the Arab region who campaign online.",
        "الناشطون والعاملون في منظمات المجتمع المدني في المنطقة العربية ممن يديرون حملات على الإنترنت.",
    ),
}

# (slug, title, goals, [(resource URL, note)], [(question, [(choice, correct)])], short answer)
WEEKS = [
    {
        "slug": "week-1-facebook-search-security",
        "title": (
            "Facebook, search, tagging and basic digital security",
            "فيسبوك والبحث والوسوم وأساسيات الأمن الرقمي",
        ),
        "goals": (
            "Set up a safe account, find and follow the conversations that matter to your cause, "
            "and tag content so others find it.",
            "إعداد حساب آمن، والعثور على النقاشات المهمة لقضيتك ومتابعتها، ووسم المحتوى ليجده الآخرون.",
        ),
        "resources": [
            (
                "https://ssd.eff.org/en/playlist/activist-or-protester",
                "Start with threat modelling.",
                "ابدأ بتقييم التهديدات.",
            ),
            (
                "https://www.aljazeera.net/tech/2024/8/18/%D9%81%D8%AD%D8%B5-%D8%A7%D9%84%D8%AE%D8%B5%D9%88%D8%B5%D9%8A%D8%A9-%D8%AD%D8%A7%D9%81%D8%B8-%D8%B9%D9%84%D9%89-%D8%A3%D9%85%D8%A7%D9%86-%D8%AD%D8%B3%D8%A7%D8%A8%D9%83-%D9%81%D9%8A",
                "Go through the privacy checkup of your Facebook account.",
                "راجع إعدادات الخصوصية في حساب فيسبوك خطوة بخطوة.",
            ),
            (
                "https://dubawa.org/how-to-verify-viral-videos/",
                "Check a viral video before you share it.",
                "تحقّق من الفيديو المنتشر قبل أن تشاركه.",
            ),
        ],
        "questions": [
            (
                (
                    "Which step protects your account best if your password leaks?",
                    "ما الخطوة التي تحمي حسابك أكثر إذا تسرّبت كلمة المرور؟",
                ),
                [
                    (("Two-step verification", "التحقق بخطوتين"), True),
                    (("A longer profile description", "وصف أطول للملف الشخصي"), False),
                    (("Posting more often", "النشر بوتيرة أكبر"), False),
                ],
            ),
            (
                (
                    "What is a hashtag for in a campaign?",
                    "ما فائدة الوسم (الهاشتاغ) في الحملة؟",
                ),
                [
                    (
                        (
                            "Grouping posts so people can find and join the conversation",
                            "جمع المنشورات ليتمكن الناس من العثور على النقاش والمشاركة فيه",
                        ),
                        True,
                    ),
                    (("Hiding a post from search", "إخفاء المنشور من البحث"), False),
                ],
            ),
        ],
        "short": (
            "Describe in a few lines who might want to watch your campaign and what you will "
            "do to protect your team.",
            "صف في بضعة أسطر من قد يرغب في مراقبة حملتك وما الذي ستفعله لحماية فريقك.",
        ),
    },
    {
        "slug": "week-2-groups-and-pages",
        "title": ("Working in groups and Facebook pages", "العمل الجماعي وصفحات فيسبوك"),
        "goals": (
            "Plan a campaign with others and run a public page for it.",
            "التخطيط لحملة مع الآخرين وإدارة صفحة عامة لها.",
        ),
        "resources": [
            (
                "https://cdmcgaza.ps/ar/?p=7961",
                "Plan a campaign in ten steps.",
                "خطّط لحملة في عشر خطوات.",
            ),
            (
                "https://www.newtactics.org/tactic/using-online-petitions-gain-international-leverage-against-oppressive-government",
                "Pick one tactic that fits your cause.",
                "اختر تكتيكًا واحدًا يناسب قضيتك.",
            ),
            (
                "https://7amleh.org/annual22/eng",
                "Digital rights of activists on social media.",
                "الحقوق الرقمية للناشطين على وسائل التواصل الاجتماعي.",
            ),
        ],
        "questions": [
            (
                (
                    "Who should be able to post on your campaign's page?",
                    "من يجب أن يتمكن من النشر على صفحة حملتك؟",
                ),
                [
                    (
                        (
                            "A few trusted admins with two-step verification",
                            "عدد قليل من المشرفين الموثوقين مع التحقق بخطوتين",
                        ),
                        True,
                    ),
                    (("Anyone who asks", "أي شخص يطلب ذلك"), False),
                ],
            ),
        ],
        "short": None,
    },
    {
        "slug": "week-3-twitter-youtube",
        "title": ("Twitter and YouTube", "تويتر ويوتيوب"),
        "goals": (
            "Tell your campaign's story in short posts and short videos.",
            "رواية قصة حملتك في منشورات قصيرة ومقاطع فيديو قصيرة.",
        ),
        "resources": [
            (
                "https://blog.witness.org/2012/04/video-for-change-best-practices-filming-for-human-rights-documentation-and-evidence/",
                "Filming safely and ethically.",
                "التصوير بأمان وبشكل أخلاقي.",
            ),
            (
                "https://thestoryway.com/tips-tricks/",
                "Shaping a short story.",
                "بناء قصة قصيرة.",
            ),
        ],
        "questions": [
            (
                (
                    "Before publishing a video of a protest, what should you check first?",
                    "قبل نشر فيديو لاحتجاج، ما الذي يجب أن تتحقق منه أولًا؟",
                ),
                [
                    (
                        (
                            "That faces of people at risk are not recognisable",
                            "ألا تكون وجوه الأشخاص المعرضين للخطر قابلة للتعرف",
                        ),
                        True,
                    ),
                    (("That the video is long enough", "أن يكون الفيديو طويلًا بما يكفي"), False),
                ],
            ),
        ],
        "short": None,
    },
    {
        "slug": "week-4-blogging",
        "title": ("Blogging", "التدوين"),
        "goals": (
            "Start a blog for your cause and write your first post.",
            "إنشاء مدونة لقضيتك وكتابة أول تدوينة.",
        ),
        "resources": [
            (
                "https://www.ar-wp.com/write-blog-post/",
                "Write your first post in ten steps.",
                "اكتب تدوينتك الأولى في عشر خطوات.",
            ),
            (
                "https://ar.globalvoices.org/2010/01/29/3283/",
                "Read how bloggers in the region write.",
                "اقرأ كيف يكتب المدونون في المنطقة.",
            ),
            (
                "https://advox.globalvoices.org/2012/08/16/middle-east-and-north-africa-netizen-report-first-edition/",
                "Know the risks bloggers face.",
                "تعرّف على المخاطر التي يواجهها المدونون.",
            ),
        ],
        "questions": [
            (
                (
                    "What makes a campaign blog post worth sharing?",
                    "ما الذي يجعل تدوينة الحملة جديرة بالمشاركة؟",
                ),
                [
                    (
                        (
                            "A clear story and one thing readers can do",
                            "قصة واضحة وخطوة واحدة يمكن للقراء القيام بها",
                        ),
                        True,
                    ),
                    (("As many topics as possible", "أكبر عدد ممكن من المواضيع"), False),
                ],
            ),
        ],
        "short": (
            "Paste the title and first paragraph of your first blog post.",
            "الصق عنوان أول تدوينة لك وفقرتها الأولى.",
        ),
    },
]

LIVE_CHAT = ("Live chat with the mentors", "حوار مباشر مع المرشدين")


def ensure_demo_program():
    """Build whatever part of the demo program is missing, in English and Arabic."""
    english = Locale.objects.get(language_code="en")
    arabic = Locale.objects.filter(language_code="ar").first()
    home = HomePage.objects.filter(locale=english).first()
    if home is None:
        return None
    index = ProgramIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=ProgramIndexPage(
                title=INDEX["title"][0],
                slug=INDEX["slug"],
                intro=INDEX["intro"][0],
                show_in_menus=True,
            )
        )
        index.save_revision().publish()
    if arabic and not index.has_translation(arabic):
        translate(
            index,
            arabic,
            fields={"title": INDEX["title"][1]},
            segments={_strip_p(INDEX["intro"][0]): _strip_p(INDEX["intro"][1])},
        )
    program = ProgramPage.objects.child_of(index).filter(slug=PROGRAM["slug"]).first()
    today = timezone.now().date()
    if program is None:
        program = index.add_child(
            instance=ProgramPage(
                title=PROGRAM["title"][0],
                slug=PROGRAM["slug"],
                summary=PROGRAM["summary"][0],
                audience=PROGRAM["audience"][0],
                program_language="ar-en",
                starts_on=today,
                ends_on=today + datetime.timedelta(weeks=4),
                enrolment_open=True,
                capacity=100,
            )
        )
        program.save_revision().publish()
    for number, spec in enumerate(WEEKS):
        week = WeekPage.objects.child_of(program).filter(slug=spec["slug"]).first()
        if week is None:
            week = _create_week(program, spec, today + datetime.timedelta(weeks=number), english)
        if arabic and not week.has_translation(arabic):
            # The program (parent) must exist in Arabic before its weeks can.
            if not program.has_translation(arabic):
                _translate_program(program, arabic)
            _translate_week(week, spec, arabic)
    if arabic and not program.has_translation(arabic):
        _translate_program(program, arabic)
    return program


def _strip_p(html):
    return html.removeprefix("<p>").removesuffix("</p>")


def _create_week(program, spec, starts_on, english):
    resources = []
    for url, note_en, _note_ar in spec["resources"]:
        page = ResourcePage.objects.filter(locale=english, source_url=url).first()
        if page is not None:
            resources.append(("resource", {"resource": page, "note": note_en}))
    assessment = [
        (
            "choice",
            {
                "question": question[0],
                "choices": [{"text": text[0], "correct": correct} for text, correct in choices],
            },
        )
        for question, choices in spec["questions"]
    ]
    if spec["short"]:
        assessment.append(("short_answer", {"question": spec["short"][0], "guidance": ""}))
    chat_time = datetime.datetime.combine(
        starts_on + datetime.timedelta(days=3), datetime.time(17, 0), tzinfo=datetime.UTC
    )
    week = program.add_child(
        instance=WeekPage(
            title=spec["title"][0],
            slug=spec["slug"],
            starts_on=starts_on,
            goals=f"<p>{spec['goals'][0]}</p>",
            resources=resources,
            assessment=assessment,
            pass_mark=50,
            live_chats=[
                (
                    "live_chat",
                    {
                        "title": LIVE_CHAT[0],
                        "starts_at": chat_time,
                        "duration_minutes": 60,
                        "where": "",
                    },
                )
            ],
        )
    )
    week.save_revision().publish()
    return week


def _translate_program(program, arabic):
    translate(
        program,
        arabic,
        fields={
            "title": PROGRAM["title"][1],
            "summary": PROGRAM["summary"][1],
            "audience": PROGRAM["audience"][1],
        },
    )


def _translate_week(week, spec, arabic):
    segments = {spec["goals"][0]: spec["goals"][1], LIVE_CHAT[0]: LIVE_CHAT[1]}
    for _url, note_en, note_ar in spec["resources"]:
        segments[note_en] = note_ar
    for question, choices in spec["questions"]:
        segments[question[0]] = question[1]
        for text, _correct in choices:
            segments[text[0]] = text[1]
    if spec["short"]:
        segments[spec["short"][0]] = spec["short"][1]
    translate(week, arabic, fields={"title": spec["title"][1]}, segments=segments)
