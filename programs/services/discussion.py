"""A week's discussion: who may take part, posting, and the threads with their authors' names."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..models import POST_MAX_LENGTH, Enrolment, Post
from .enrolment import enrolment_for
from .progress import state_of
from .refusal import Refused
from .roles import is_mentor, mentor_name
from .structure import program_of


def can_discuss(user, week, program=None, enrolment=None):
    """Mentors of the program, and participants who reached this week."""
    program = program or program_of(week)
    if is_mentor(user, program.translation_key):
        return True
    enrolment = enrolment or enrolment_for(user, program.translation_key)
    if enrolment is None:
        return False
    state = state_of(week, enrolment, program)
    return state is not None and state.unlocked


def post_message(user, week, body, parent_id=None):
    """Add a question (no parent) or an answer to a question of the same week."""
    program = program_of(week)
    if not can_discuss(user, week, program):
        raise Refused(
            _(
                "Only participants who reached this week and the program's mentors "
                "can take part in its discussion."
            )
        )
    body = (body or "").strip()
    if not body:
        raise Refused(_("Write a message first."))
    if len(body) > POST_MAX_LENGTH:
        raise Refused(
            _("Messages can be at most %(count)s characters long.") % {"count": POST_MAX_LENGTH}
        )
    parent = None
    if parent_id:
        parent = Post.objects.filter(pk=parent_id, week_key=week.translation_key).first()
        if parent is None:
            raise Refused(_("The question you answered is no longer there."))
        parent = parent.parent or parent  # threads are one question deep
    return Post.objects.create(
        program_key=program.translation_key,
        week_key=week.translation_key,
        parent=parent,
        author=user,
        body=body,
        by_mentor=is_mentor(user, program.translation_key),
    )


def author_names(program_key):
    """Member id → the name shown in discussions (the participant's chosen name)."""
    return {
        member_id: Enrolment(pseudonym=pseudonym, number=number).public_name
        for member_id, pseudonym, number in Enrolment.objects.filter(
            program_key=program_key, member__isnull=False
        ).values_list("member_id", "pseudonym", "number")
    }


@dataclass
class Thread:
    question: Post
    answers: list = field(default_factory=list)


def _name_posts(posts, program_key):
    names = author_names(program_key)
    for post in posts:
        if post.author_id is None:
            post.author_name = _("Former participant")
        elif post.by_mentor:
            post.author_name = mentor_name(post.author)
        else:
            post.author_name = names.get(post.author_id, _("Participant"))
    return posts


def threads(week, program_key):
    posts = _name_posts(
        list(Post.objects.filter(week_key=week.translation_key).select_related("author")),
        program_key,
    )
    by_id = {}
    result = []
    for post in posts:
        if post.parent_id is None:
            by_id[post.pk] = Thread(question=post)
            result.append(by_id[post.pk])
        elif post.parent_id in by_id:
            by_id[post.parent_id].answers.append(post)
    return result


def posts_after(week, program_key, after_id):
    """Posts newer than `after_id`, oldest first (for the polling script)."""
    return _name_posts(
        list(
            Post.objects.filter(week_key=week.translation_key, pk__gt=after_id).select_related(
                "author"
            )[:100]
        ),
        program_key,
    )
