"""The bilingual vocabulary of the field: concepts with Arabic and English labels and variants,
which search expands queries with, tags are shown through, and curators keep in the admin."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .terms import check_concepts, split_variants


class Concept(models.Model):
    """One idea of the field (encryption, blogging, VPN…) named in both languages.

    Every label and variant is a way people type the concept; a search for any of them finds
    resources that use any other, in either language.
    """

    identifier = models.SlugField(
        _("identifier"),
        max_length=100,
        unique=True,
        help_text=_("Stable identifier used in exports (lower case, digits and hyphens)."),
    )
    label_en = models.CharField(_("English label"), max_length=200)
    label_ar = models.CharField(_("Arabic label"), max_length=200)
    variants_en = models.TextField(
        _("English variants"),
        blank=True,
        help_text=_("One per line: plurals, derived forms, spellings, abbreviations."),
    )
    variants_ar = models.TextField(
        _("Arabic variants"),
        blank=True,
        help_text=_(
            "One per line: plurals and broken plurals, derived forms, spellings, "
            "transliterations, abbreviations."
        ),
    )
    category = models.SlugField(
        _("category"),
        max_length=80,
        blank=True,
        help_text=_("Slug of the library category this concept belongs to, if any."),
    )
    # A broader concept (skos:broader): "end-to-end encryption" is narrower than "encryption".
    broader = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="narrower",
        verbose_name=_("broader concept"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["label_en"]
        verbose_name = _("concept")
        verbose_name_plural = _("concepts")

    def __str__(self):
        return f"{self.label_en} / {self.label_ar}"

    def record(self):
        """This concept as the plain record that `terms.check_concepts` validates."""
        return {
            "identifier": self.identifier,
            "label_en": self.label_en,
            "label_ar": self.label_ar,
            "variants_en": split_variants(self.variants_en),
            "variants_ar": split_variants(self.variants_ar),
            "broader": self.broader.identifier if self.broader_id else "",
            "category": self.category,
        }

    def clean(self):
        """Refuse an empty label, a term another concept already has, and broader cycles."""
        super().clean()
        others = [
            concept.record()
            for concept in Concept.objects.exclude(pk=self.pk).select_related("broader")
        ]
        if self.pk:  # narrower concepts point at this one by its stored identifier
            stored = Concept.objects.filter(pk=self.pk).values_list("identifier", flat=True)
            old = next(iter(stored), self.identifier)
            for record in others:
                if record["broader"] == old:
                    record["broader"] = self.identifier
        errors = check_concepts([*others, self.record()]).get(self.identifier)
        if errors:
            raise ValidationError(errors)
