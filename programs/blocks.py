"""StreamField blocks a trainer edits on a week: library resources, material, questions, live chats."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from library.blocks import TEXT_FEATURES


class WeekResourceBlock(blocks.StructBlock):
    """A library resource to study this week, with the trainer's note on why or how."""

    resource = blocks.PageChooserBlock(page_type="library.ResourcePage", label=_("Resource"))
    note = blocks.TextBlock(required=False, label=_("Note for participants"))

    class Meta:
        icon = "doc-full"
        label = _("Library resource")
        description = _("A resource from the library, in the order participants should read it.")


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=500, label=_("Answer"))
    correct = blocks.BooleanBlock(required=False, label=_("Correct answer"))

    class Meta:
        icon = "tick"
        label = _("Choice")


class MultipleChoiceQuestionBlock(blocks.StructBlock):
    """Scored automatically: the participant must pick every correct choice and no wrong one."""

    question = blocks.CharBlock(max_length=500, label=_("Question"))
    choices = blocks.ListBlock(ChoiceBlock(), min_num=2, label=_("Choices"))

    class Meta:
        icon = "list-ul"
        label = _("Multiple-choice question")
        description = _("Scored automatically. Tick the correct answer(s).")


class ShortAnswerQuestionBlock(blocks.StructBlock):
    """Read and decided by a mentor."""

    question = blocks.CharBlock(max_length=500, label=_("Question"))
    guidance = blocks.TextBlock(required=False, label=_("What a good answer covers (for mentors)"))

    class Meta:
        icon = "openquote"
        label = _("Short-answer question")
        description = _("A mentor reviews the answer.")


class AssessmentBlock(blocks.StreamBlock):
    choice = MultipleChoiceQuestionBlock()
    short_answer = ShortAnswerQuestionBlock()


class MaterialBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(features=TEXT_FEATURES, label=_("Text"))
    link = blocks.StructBlock(
        [
            ("title", blocks.CharBlock(max_length=255, label=_("Title"))),
            ("url", blocks.URLBlock(label=_("URL"))),
        ],
        icon="link",
        label=_("Link"),
    )


class LiveChatBlock(blocks.StructBlock):
    """A scheduled session with mentors; readers see the time in their own time zone."""

    title = blocks.CharBlock(max_length=255, label=_("Title"))
    starts_at = blocks.DateTimeBlock(label=_("Starts at"))
    duration_minutes = blocks.IntegerBlock(min_value=5, default=60, label=_("Duration (minutes)"))
    where = blocks.CharBlock(
        required=False, max_length=255, label=_("Where (room name or address)")
    )

    class Meta:
        icon = "group"
        label = _("Live chat")
