from django.apps import AppConfig


class SitebuildConfig(AppConfig):
    """Builds the site out of its apps: the bilingual skeleton, the demo loader and the bulk
    import and generation commands. It imports home and library; neither imports it."""

    name = "sitebuild"
