"""The 40 categories of the library: stable slugs with their English and Arabic names.

Slugs are identifiers shared by both locales (imports and URLs rely on them); names are the
page titles of each locale's CategoryPage.
"""

CATEGORIES = [
    ("access-to-information", "Access to Information", "الوصول إلى المعلومات"),
    ("advocacy-campaigning", "Advocacy and Campaigning", "المناصرة والحملات"),
    ("blogging", "Blogging", "التدوين"),
    ("censorship-circumvention", "Censorship Circumvention", "تجاوز الرقابة"),
    ("citizen-journalism", "Citizen Reporting and Journalism", "صحافة المواطن وإعداد التقارير"),
    ("civic-participation", "Civic Participation", "المشاركة المدنية"),
    ("community-mapping", "Community Mapping", "رسم خرائط المجتمع"),
    ("crowdfunding-fundraising", "Crowdfunding and Fundraising", "التمويل الجماعي وجمع التبرعات"),
    ("data-journalism", "Data Journalism", "صحافة البيانات"),
    ("digital-rights", "Digital Rights", "الحقوق الرقمية"),
    ("digital-security", "Digital Security", "الأمن الرقمي"),
    ("disability-accessibility", "Disability and Accessibility", "الإعاقة وإمكانية الوصول"),
    ("education-elearning", "Education and E-learning", "التعليم والتعلم الإلكتروني"),
    ("elections", "Elections and Election Monitoring", "الانتخابات ومراقبتها"),
    ("environment", "Environment", "البيئة"),
    ("fact-checking", "Fact-checking and Verification", "التحقق من المعلومات"),
    ("freedom-of-expression", "Freedom of Expression", "حرية التعبير"),
    ("gender", "Gender", "النوع الاجتماعي"),
    (
        "governance-transparency",
        "Governance, Transparency and Accountability",
        "الحوكمة والشفافية والمساءلة",
    ),
    ("health", "Health", "الصحة"),
    ("human-rights", "Human Rights", "حقوق الإنسان"),
    ("internet-governance", "Internet Governance", "حوكمة الإنترنت"),
    ("legal-resources", "Law and Legislation", "القوانين والتشريعات"),
    ("media-literacy", "Media Literacy", "التربية الإعلامية"),
    ("mobile-technology", "Mobile Technology", "تقنيات الهاتف المحمول"),
    ("multimedia-production", "Video, Audio and Photography", "إنتاج الفيديو والصوت والصور"),
    ("nonprofit-management", "Nonprofit Management", "إدارة المنظمات غير الربحية"),
    ("online-harassment", "Online Harassment", "التحرش الإلكتروني"),
    ("open-data", "Open Data", "البيانات المفتوحة"),
    (
        "open-knowledge-open-source",
        "Open Knowledge and Open Source",
        "المعرفة المفتوحة والمصادر المفتوحة",
    ),
    ("privacy", "Privacy", "الخصوصية"),
    ("refugees-migration", "Refugees and Migration", "اللاجئون والهجرة"),
    ("research-documentation", "Research and Documentation", "البحث والتوثيق"),
    ("social-media", "Social Media", "وسائل التواصل الاجتماعي"),
    ("storytelling", "Digital Storytelling", "السرد الرقمي"),
    ("surveillance", "Surveillance", "المراقبة"),
    ("training-of-trainers", "Training of Trainers", "تدريب المدربين"),
    ("web-development", "Websites and Web Development", "تطوير المواقع"),
    ("women", "Women", "المرأة"),
    ("youth", "Youth", "الشباب"),
]

CATEGORY_SLUGS = frozenset(slug for slug, _en, _ar in CATEGORIES)
