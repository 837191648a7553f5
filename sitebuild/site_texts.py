"""What the site's own pages say in both languages, as (English, Arabic) pairs: the home page,
the library and category indexes, the about, terms and privacy pages, the usage guide and the
footer (sitebuild.site_structure makes the pages from them)."""

HOME = {
    "title": ("Tasharuk", "تشارُك"),
    "intro": (
        "<p>A shared library of learning resources for journalists, activists, trainers, "
        "researchers and civil-society groups who use digital and social technology to "
        "strengthen their societies. Search it, add to it, collect, share and rate.</p>",
        "<p>مكتبة مشتركة لمصادر التعلّم، للصحفيين والناشطين والمدرّبين والباحثين ومنظمات المجتمع "
        "المدني الذين يستخدمون التقنيات الرقمية ووسائل التواصل الاجتماعي لتقوية مجتمعاتهم. ابحث "
        "فيها، وأضف إليها، واجمع، وشارك، وقيّم.</p>",
    ),
}
LIBRARY = {
    "slug": "library",
    "title": ("Library", "المكتبة"),
    "intro": (
        "<p>Every resource in Tasharuk, in Arabic, English and other languages.</p>",
        "<p>جميع مصادر تشارُك، بالعربية والإنجليزية ولغات أخرى.</p>",
    ),
}
CATEGORIES = {
    "slug": "categories",
    "title": ("Categories", "التصنيفات"),
    "intro": (
        "<p>Forty topics, from digital security to open data.</p>",
        "<p>أربعون موضوعًا، من الأمن الرقمي إلى البيانات المفتوحة.</p>",
    ),
}
ABOUT = {
    "slug": "about",
    "title": ("About Tasharuk", "عن تشارُك"),
    "intro": (
        "Tasharuk means “to collaborate” in Arabic.",
        "تشارُك كلمة عربية تعني التعاون والمشاركة.",
    ),
    "body": [
        (
            "Who it is for",
            "لمن هذه المكتبة",
        ),
        (
            "<p>Journalists, activists, digital-security and media trainers, researchers and "
            "civil-society groups, many of them in the Arab region, find and share what helps "
            "them work safely and well.</p>",
            "<p>يجد فيها الصحفيون والناشطون ومدرّبو الأمن الرقمي والإعلام والباحثون ومنظمات المجتمع "
            "المدني، وكثير منهم في المنطقة العربية، ما يساعدهم على العمل بأمان وإتقان، ويتشاركونه.</p>",
        ),
        ("Arabic and English as equals", "العربية والإنجليزية على قدم المساواة"),
        (
            "<p>Every page exists in both languages, and search understands Arabic spelling.</p>",
            "<p>كل صفحة متاحة باللغتين، والبحث يفهم الإملاء العربي بتنوّعاته.</p>",
        ),
        ("Privacy first", "الخصوصية أولًا"),
        (
            "<p>Accounts are pseudonymous. There are no trackers, no third-party scripts, and "
            "no IP addresses are kept.</p>",
            "<p>الحسابات بأسماء مستعارة. لا متتبّعات ولا نصوص برمجية من أطراف ثالثة، ولا نحتفظ "
            "بعناوين IP.</p>",
        ),
    ],
}
# The About page's last paragraph; "{terms}" becomes a link to the Terms page (a Wagtail page
# link, which renders as the reader's language's translation of the page).
ABOUT_TERMS_LINK = (
    '<p>Using Tasharuk means accepting its <a linktype="page" id="{terms}">Terms of Service</a>.</p>',
    '<p>استخدامك تشارُك يعني قبولك <a linktype="page" id="{terms}">شروط الخدمة</a>.</p>',
)
# Our own text, written as a starting point: the operator adapts it to their organisation and
# jurisdiction (the first paragraph says so to readers too, until the operator removes it).
TERMS = {
    "slug": "terms",
    "title": ("Terms of Service", "شروط الخدمة"),
    "intro": (
        "The rules for using Tasharuk and for what you add to it.",
        "قواعد استخدام تشارُك وما تضيفه إليه.",
    ),
    "body": [
        ("A template to adapt", "نموذج يُكيَّف"),
        (
            "<p>This text is a template written with the software. Whoever runs this site "
            "adapts it to their organisation and the law that applies to them, and names "
            "themselves and how to reach them here.</p>",
            "<p>هذا النص نموذج مكتوب مع البرنامج. على من يدير هذا الموقع أن يكيّفه بحسب "
            "مؤسسته والقانون الذي يخضع له، وأن يذكر هنا اسمه وطريقة التواصل معه.</p>",
        ),
        ("Using the library", "استخدام المكتبة"),
        (
            "<p>Anyone may read, search and share the library. An account is needed to submit "
            "resources, keep collections, rate and comment; a pseudonym is welcome.</p>",
            "<p>يمكن لأي شخص قراءة المكتبة والبحث فيها ومشاركتها. يلزم حساب لاقتراح المصادر "
            "وحفظ المجموعات والتقييم والتعليق، ويمكن أن يكون باسم مستعار.</p>",
        ),
        ("Our content and its licence", "محتوانا وترخيصه"),
        (
            "<p>Text written for this site (descriptions, summaries, guides and these pages) "
            'is published under the <a href="https://creativecommons.org/licenses/by/4.0/">'
            "Creative Commons Attribution 4.0 licence</a>. Each resource in the library belongs "
            "to its authors and keeps its own licence, shown on its page.</p>",
            "<p>النصوص المكتوبة لهذا الموقع (الأوصاف والملخصات والأدلة وهذه الصفحات) منشورة "
            'بموجب <a href="https://creativecommons.org/licenses/by/4.0/deed.ar">رخصة المشاع '
            "الإبداعي نَسب المُصنَّف 4.0</a>. أما كل مصدر في المكتبة فملك لأصحابه ويبقى تحت "
            "ترخيصه الخاص المذكور في صفحته.</p>",
        ),
        ("What you add", "ما تضيفه"),
        (
            "<p>Submit only resources you may share, and write summaries, ratings and comments "
            "in your own words. By adding them you allow this site to publish them under the "
            "same licence as its own content. Curators may edit or remove anything that breaks "
            "these rules or puts people at risk.</p>",
            "<p>لا تقترح إلا مصادر يحق لك مشاركتها، واكتب الملخصات والتقييمات والتعليقات "
            "بكلماتك. بإضافتها تسمح لهذا الموقع بنشرها بترخيص محتواه نفسه. يمكن للمحرّرين "
            "تعديل أو حذف ما يخالف هذه القواعد أو يعرّض الناس للخطر.</p>",
        ),
        ("No warranty", "بلا ضمان"),
        (
            "<p>Resources are linked as they are. Check advice on digital security against "
            "your own situation before relying on it.</p>",
            "<p>تُربط المصادر كما هي. قارن نصائح الأمن الرقمي بوضعك الخاص قبل الاعتماد عليها.</p>",
        ),
    ],
}
PRIVACY = {
    "slug": "privacy",
    "title": ("Privacy", "الخصوصية"),
    "intro": (
        "What Tasharuk keeps about you, and how you take it away.",
        "ما يحتفظ به تشارُك عنك، وكيف تستعيده وتحذفه.",
    ),
    "body": [
        ("What we keep", "ما نحتفظ به"),
        (
            "<p>Your username, your password in a form that cannot be read back, the date you "
            "joined and last signed in, and, only if you give them: an email address, a display "
            "name and an about-me text. If you turn on two-factor authentication we keep the "
            "secret key of your authenticator app and your backup codes in a form that cannot "
            "be read back. We also keep what you add: resources you submit, collections, "
            "ratings and comments, and your privacy choices.</p>",
            "<p>اسم المستخدم، وكلمة المرور بصيغة لا يمكن استرجاعها، وتاريخ انضمامك وآخر دخول لك، "
            "وفقط إن قدّمتها: عنوان بريد إلكتروني، واسمًا ظاهرًا، ونبذة عنك. إن فعّلت التحقق "
            "بخطوتين نحتفظ بالمفتاح السري لتطبيق المصادقة، وبرموزك الاحتياطية بصيغة لا يمكن "
            "استرجاعها. ونحتفظ بما تضيفه: المصادر التي تقترحها، والمجموعات، والتقييمات، "
            "والتعليقات، وخيارات الخصوصية التي اخترتها.</p>",
        ),
        ("What we never keep", "ما لا نحتفظ به أبدًا"),
        (
            "<p>Your real name: we never ask for it. Your IP address: it is not stored in our "
            "database or written to our logs; to slow down password guessing we count attempts "
            "under a scrambled code made from it, which is forgotten within minutes. No "
            "trackers, no analytics, no third-party scripts, fonts or images.</p>",
            "<p>اسمك الحقيقي: لا نطلبه أبدًا. عنوان IP الخاص بك: لا نخزّنه في قاعدة البيانات ولا "
            "نكتبه في السجلات؛ ولإبطاء محاولات تخمين كلمات المرور نعدّ المحاولات تحت رمز مشفّر "
            "مشتق منه يُنسى خلال دقائق. لا متتبّعات، ولا أدوات تحليل، ولا نصوص برمجية أو خطوط أو "
            "صور من أطراف ثالثة.</p>",
        ),
        ("Sessions", "جلسات الدخول"),
        (
            "<p>When you sign in, your browser keeps one cookie with a random number. Sessions "
            "end when you close the browser and after twelve hours at most. Resetting your "
            "password signs you out everywhere else.</p>",
            "<p>عند تسجيل الدخول يحتفظ متصفحك بملف تعريف ارتباط واحد يحمل رقمًا عشوائيًا. تنتهي "
            "الجلسة عند إغلاق المتصفح، وبعد اثنتي عشرة ساعة على الأكثر. إعادة تعيين كلمة المرور "
            "تُخرجك من كل الأجهزة الأخرى.</p>",
        ),
        ("What others see", "ما يراه الآخرون"),
        (
            "<p>Your username next to what you publish. Your display name, about-me text, public "
            "collections, ratings and submissions only if you choose to show them on your "
            "profile page.</p>",
            "<p>اسم المستخدم بجانب ما تنشره. أما اسمك الظاهر، ونبذتك، ومجموعاتك العامة، "
            "وتقييماتك، واقتراحاتك، فلا تظهر إلا إن اخترت إظهارها في صفحة ملفك الشخصي.</p>",
        ),
        ("Taking it away", "استعادة بياناتك وحذفها"),
        (
            "<p>From your account page you can download everything you created as a JSON file, "
            "and delete your account. Deleting removes your account, email addresses, "
            "two-factor devices and sessions at once; you choose whether your contributions are "
            "deleted too or kept without your name.</p>",
            "<p>من صفحة حسابك يمكنك تنزيل كل ما أنشأته في ملف JSON، وحذف حسابك. يزيل الحذف "
            "حسابك وعناوين بريدك وأجهزة التحقق بخطوتين وجلساتك فورًا، وتختار أنت إن كانت "
            "مساهماتك تُحذف أيضًا أم تبقى من دون اسمك.</p>",
        ),
    ],
}
GUIDE = {
    "slug": "how-to-use",
    "title": ("How to use Tasharuk", "كيف تستخدم تشارُك"),
    "intro": (
        "Six steps: sign up, search, add, collect, share and rate.",
        "ست خطوات: أنشئ حسابًا، وابحث، وأضف، واجمع، وشارك، وقيّم.",
    ),
    "steps": [
        (
            "signup",
            ("Sign up", "أنشئ حسابًا"),
            (
                "<p>Choose a username; a pseudonym is welcome. An email address is optional.</p>",
                "<p>اختر اسم مستخدم، ويمكن أن يكون اسمًا مستعارًا. البريد الإلكتروني اختياري.</p>",
            ),
        ),
        (
            "search",
            ("Search", "ابحث"),
            (
                "<p>Type a few words in Arabic or English, then narrow the results by category, "
                "language, format, region or licence.</p>",
                "<p>اكتب بضع كلمات بالعربية أو الإنجليزية، ثم ضيّق النتائج حسب التصنيف أو اللغة أو "
                "الشكل أو المنطقة أو الترخيص.</p>",
            ),
        ),
        (
            "add",
            ("Add a resource", "أضف مصدرًا"),
            (
                "<p>Paste the address of a useful guide, report or video; curators review it "
                "before it is published.</p>",
                "<p>الصق عنوان دليل أو تقرير أو فيديو مفيد، وسيراجعه المحرّرون قبل نشره.</p>",
            ),
        ),
        (
            "collect",
            ("Collect", "اجمع"),
            (
                "<p>Save resources into collections in your personal library, private or "
                "public.</p>",
                "<p>احفظ المصادر في مجموعات داخل مكتبتك الشخصية، خاصة أو عامة.</p>",
            ),
        ),
        (
            "share",
            ("Share", "شارك"),
            (
                "<p>Every resource and public collection has a short link to pass on.</p>",
                "<p>لكل مصدر ولكل مجموعة عامة رابط قصير يمكنك مشاركته.</p>",
            ),
        ),
        (
            "rate",
            ("Rate", "قيّم"),
            (
                "<p>Give stars and write a comment, so the best resources rise for everyone.</p>",
                "<p>امنح النجوم واكتب تعليقًا، لترتفع أفضل المصادر للجميع.</p>",
            ),
        ),
    ],
}
FOOTER = (
    "<p>Tasharuk is a community library. Resources belong to their authors.</p>",
    "<p>تشارُك مكتبة مجتمعية. المصادر ملك لأصحابها.</p>",
)
