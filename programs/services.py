"""The rules of a training program: enrolment, unlocking, scoring, review, discussion, certificates.

Views, admin screens and the demo call these plain functions. A rule that refuses raises
`Refused` with a translated message, before anything is written.
"""

import secrets
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from .models import Certificate, Enrolment, Post, ProgramPage, Submission, WeekPage

CERTIFICATE_CODE_BYTES = 9  # 12 URL-safe characters, 72 random bits: short and unguessable
POST_MAX_LENGTH = 4000


class Refused(Exception):
    """A participant or mentor asked for something the program's rules do not allow."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


# --- Program structure and roles -------------------------------------------------------------


def weeks_of(program):
    """The program's live weeks, in the order the trainer arranged them in the page tree."""
    return list(WeekPage.objects.child_of(program).live().order_by("path"))


def program_of(week):
    return ProgramPage.objects.get(pk=week.get_parent().pk)


def is_mentor(user, program_key):
    """Mentors are chosen per program (on any language's page of it)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return ProgramPage.objects.filter(translation_key=program_key, mentors=user).exists()


def mentor_name(user):
    """A mentor's public name: their display name only if they chose to show it."""
    if user.show_display_name and user.display_name:
        return user.display_name
    return _("Mentor")


def mentors_of(program_key):
    """Mentors chosen on any language version of the program (translations sync them later)."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(mentored_programs__translation_key=program_key)
        .distinct()
        .order_by("pk")
    )


def mentored_programs(user, locale):
    """The live programs `user` mentors, in `locale` where translated."""
    keys = set(ProgramPage.objects.filter(mentors=user).values_list("translation_key", flat=True))
    pages = []
    for key in keys:
        versions = ProgramPage.objects.live().filter(translation_key=key)
        page = versions.filter(locale=locale).first() or versions.first()
        if page is not None:
            pages.append(page)
    return sorted(pages, key=lambda page: page.title)


def mentor_names(program):
    return [mentor_name(user) for user in mentors_of(program.translation_key)]


def enrolment_for(user, program_key):
    if not getattr(user, "is_authenticated", False):
        return None
    return Enrolment.objects.filter(program_key=program_key, member=user).first()


def places_left(program):
    if program.capacity is None:
        return None
    taken = Enrolment.objects.filter(program_key=program.translation_key).count()
    return max(program.capacity - taken, 0)


# --- Enrolment -------------------------------------------------------------------------------


def enrol(user, program, pseudonym="", country=""):
    """Enrol `user` in `program`; refused when closed, full or already enrolled.

    All language versions of the program are locked while places are counted, so two members
    racing for the last place cannot both get it."""
    with transaction.atomic():
        list(
            Page.objects.select_for_update()
            .filter(translation_key=program.translation_key)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        program = ProgramPage.objects.get(pk=program.pk)
        enrolments = Enrolment.objects.filter(program_key=program.translation_key)
        if enrolments.filter(member=user).exists():
            raise Refused(_("You are already enrolled in this program."))
        if not program.enrolment_open or not program.live:
            raise Refused(_("Enrolment for this program is closed."))
        if program.capacity is not None and enrolments.count() >= program.capacity:
            raise Refused(
                _("This program is full: all %(capacity)s places are taken.")
                % {"capacity": program.capacity}
            )
        last = enrolments.order_by("-number").values_list("number", flat=True).first() or 0
        return Enrolment.objects.create(
            program_key=program.translation_key,
            member=user,
            number=last + 1,
            pseudonym=pseudonym.strip(),
            country=country,
        )


def update_enrolment(enrolment, pseudonym, country):
    """The participant changes the name others see, or what they share about their country."""
    enrolment.pseudonym = pseudonym.strip()
    enrolment.country = country
    enrolment.save(update_fields=["pseudonym", "country"])
    return enrolment


# --- Progress and unlocking ------------------------------------------------------------------


@dataclass
class WeekState:
    """Where one participant stands in one week."""

    week: WeekPage
    number: int
    unlocked: bool
    submission: Submission | None = None
    deadline_passed: bool = False

    @property
    def passed(self):
        return self.submission is not None and self.submission.status == Submission.PASSED

    @property
    def pending(self):
        return self.submission is not None and self.submission.status == Submission.PENDING

    @property
    def failed(self):
        return self.submission is not None and self.submission.status == Submission.FAILED


def week_states(weeks, enrolment):
    """Week 1 is open to every participant; each later week opens when the one before is passed
    (by the assessment or by a mentor letting the participant through)."""
    submissions = {}
    if enrolment is not None:
        submissions = {s.week_key: s for s in enrolment.submissions.all()}
    now = timezone.now()
    states = []
    previous_passed = True
    for number, week in enumerate(weeks, start=1):
        state = WeekState(
            week=week,
            number=number,
            unlocked=enrolment is not None and previous_passed,
            submission=submissions.get(week.translation_key),
            deadline_passed=week.deadline is not None and now > week.deadline,
        )
        states.append(state)
        previous_passed = state.unlocked and state.passed
    return states


def state_of(week, enrolment, program=None):
    program = program or program_of(week)
    for state in week_states(weeks_of(program), enrolment):
        if state.week.translation_key == week.translation_key:
            return state
    return None


def next_step(states):
    """The first open week not yet passed: what the participant should do next."""
    for state in states:
        if state.unlocked and not state.passed:
            return state
    return None


def all_passed(states):
    return bool(states) and all(state.passed for state in states)


# --- Assessments -----------------------------------------------------------------------------


def questions(week):
    """The week's questions as (block id, kind, value) in the trainer's order."""
    return [(block.id, block.block_type, block.value) for block in week.assessment]


def correct_choices(question):
    return {index for index, choice in enumerate(question["choices"]) if choice["correct"]}


def score_answers(week, answers):
    """Percentage of multiple-choice questions answered exactly right (every correct choice and
    no wrong one), or None when the week has no multiple-choice question."""
    total = correct = 0
    for block_id, kind, value in questions(week):
        if kind != "choice":
            continue
        total += 1
        chosen = {int(index) for index in answers.get(block_id, [])}
        if chosen == correct_choices(value):
            correct += 1
    if total == 0:
        return None
    return round(100 * correct / total)


def submit_assessment(user, week, answers):
    """Record the participant's answers and decide what happens next.

    Multiple-choice answers are scored at once: below the pass mark the week is not passed (the
    participant may try again until the deadline). At or above it, the week is passed, unless
    there are short answers, which then wait for a mentor. Refused for a week that is still
    locked, after the deadline, and once passed or waiting for review."""
    program = program_of(week)
    with transaction.atomic():
        enrolment = (
            Enrolment.objects.select_for_update()
            .filter(program_key=program.translation_key, member=user)
            .first()
        )
        if enrolment is None:
            raise Refused(_("Enrol in the program to take its assessments."))
        state = state_of(week, enrolment, program)
        if state is None or not state.unlocked:
            raise Refused(
                _("This week is still locked: pass the previous week's assessment first.")
            )
        if state.passed:
            raise Refused(_("You have already passed this week."))
        if state.pending:
            raise Refused(_("Your answers are waiting for a mentor's review."))
        if state.deadline_passed:
            raise Refused(_("The deadline for this assessment has passed; answers are closed."))
        has_short = any(kind == "short_answer" for _id, kind, _v in questions(week))
        score = score_answers(week, answers)
        if score is not None and score < week.pass_mark:
            status = Submission.FAILED
        elif has_short:
            status = Submission.PENDING
        else:
            status = Submission.PASSED
        submission, _created = Submission.objects.update_or_create(
            enrolment=enrolment,
            week_key=week.translation_key,
            defaults={
                "answers": answers,
                "score": score,
                "status": status,
                "let_through": False,
                "submitted_at": timezone.now(),
                "reviewed_by": None,
                "reviewed_at": None,
                "review_note": "",
            },
        )
    return submission


def _require_mentor(user, program_key):
    if not is_mentor(user, program_key):
        raise Refused(_("Only this program's mentors can do that."))


def review_submission(mentor, submission, passed, note=""):
    """A mentor of the submission's program decides on answers waiting for review."""
    _require_mentor(mentor, submission.enrolment.program_key)
    with transaction.atomic():
        submission = Submission.objects.select_for_update().get(pk=submission.pk)
        if submission.status != Submission.PENDING:
            raise Refused(_("These answers have already been reviewed."))
        submission.status = Submission.PASSED if passed else Submission.FAILED
        submission.reviewed_by = mentor
        submission.reviewed_at = timezone.now()
        submission.review_note = note.strip()
        submission.save()
    return submission


def let_through(mentor, enrolment, week, note=""):
    """A mentor of the program passes a participant's week without (further) answers, so the
    next week opens; the week must already be open to the participant."""
    _require_mentor(mentor, enrolment.program_key)
    program = program_of(week)
    if program.translation_key != enrolment.program_key:
        raise Refused(_("This week belongs to another program."))
    state = state_of(week, enrolment, program)
    if state is None or not state.unlocked:
        raise Refused(_("This week is still locked: pass the previous week's assessment first."))
    if state.passed:
        raise Refused(_("This participant has already passed this week."))
    submission, _created = Submission.objects.update_or_create(
        enrolment=enrolment,
        week_key=week.translation_key,
        defaults={
            "status": Submission.PASSED,
            "let_through": True,
            "reviewed_by": mentor,
            "reviewed_at": timezone.now(),
            "review_note": note.strip(),
        },
    )
    return submission


def answers_for_review(week, submission):
    """Each question with the participant's answer, for a mentor reading it."""
    rows = []
    for block_id, kind, value in questions(week):
        answer = submission.answers.get(block_id)
        if kind == "choice":
            chosen = {int(index) for index in (answer or [])}
            choices = [
                {"text": choice["text"], "chosen": i in chosen, "correct": choice["correct"]}
                for i, choice in enumerate(value["choices"])
            ]
            rows.append({"kind": kind, "question": value["question"], "choices": choices})
        else:
            rows.append(
                {
                    "kind": kind,
                    "question": value["question"],
                    "guidance": value["guidance"],
                    "answer": answer or "",
                }
            )
    return rows


# --- Discussion ------------------------------------------------------------------------------


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


# --- Certificates ----------------------------------------------------------------------------


def issue_certificate(enrolment, program):
    """The participant's certificate, issued on first request once every week is passed."""
    states = week_states(weeks_of(program), enrolment)
    if not all_passed(states):
        raise Refused(_("The certificate is issued once every week of the program is passed."))
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing:
        return existing
    return Certificate.objects.create(
        enrolment=enrolment,
        code=secrets.token_urlsafe(CERTIFICATE_CODE_BYTES),
        name=enrolment.public_name,
    )


def certificate_program(certificate, locale):
    """The program page a certificate is for, in `locale` when translated."""
    pages = ProgramPage.objects.filter(translation_key=certificate.enrolment.program_key)
    return pages.filter(locale=locale).first() or pages.first()


# --- Page contexts ---------------------------------------------------------------------------


def program_context(program, user):
    from .forms import EnrolmentForm

    enrolment = enrolment_for(user, program.translation_key)
    states = week_states(weeks_of(program), enrolment)
    certificate = None
    if enrolment is not None:
        certificate = Certificate.objects.filter(enrolment=enrolment).first()
    chats = [chat for state in states for chat in state.week.live_chats]
    return {
        "enrolment": enrolment,
        "week_states": states,
        "live_chats": sorted(chats, key=lambda chat: chat.value["starts_at"].isoformat()),
        "next_state": next_step(states) if enrolment else None,
        "completed": enrolment is not None and all_passed(states),
        "certificate": certificate,
        "is_mentor": is_mentor(user, program.translation_key),
        "mentor_names": mentor_names(program),
        "places_left": places_left(program),
        "enrol_form": EnrolmentForm(
            initial={"pseudonym": enrolment.pseudonym, "country": enrolment.country}
            if enrolment
            else None
        ),
    }


def week_context(week, user):
    from .forms import AssessmentForm, PostForm

    program = program_of(week)
    enrolment = enrolment_for(user, program.translation_key)
    mentor = is_mentor(user, program.translation_key)
    state = state_of(week, enrolment, program) if enrolment else None
    unlocked = mentor or (state is not None and state.unlocked)
    discuss = mentor or (state is not None and state.unlocked)
    can_answer = (
        state is not None
        and state.unlocked
        and not state.passed
        and not state.pending
        and not state.deadline_passed
    )
    week_threads = threads(week, program.translation_key) if discuss else []
    resources = []
    for block in week.resources:
        page = block.value["resource"]
        if page is not None:
            page = page.localized
            if page.live:
                resources.append({"page": page.specific, "note": block.value["note"]})
    keys = [w.translation_key for w in weeks_of(program)]
    number = keys.index(week.translation_key) + 1 if week.translation_key in keys else None
    return {
        "program": program,
        "week_number": number,
        "previous_week_number": number - 1 if number and number > 1 else None,
        "enrolment": enrolment,
        "state": state,
        "is_mentor": mentor,
        "unlocked": unlocked,
        "can_answer": can_answer,
        "assessment_form": AssessmentForm(week) if can_answer else None,
        "week_resources": resources,
        "can_discuss": discuss,
        "threads": week_threads,
        "last_post_id": max(
            [t.question.pk for t in week_threads] + [a.pk for t in week_threads for a in t.answers],
            default=0,
        ),
        "post_form": PostForm() if discuss else None,
    }
