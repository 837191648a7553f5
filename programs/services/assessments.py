"""Assessments: scoring a week's answers and recording them, and reading them for review."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Enrolment, Submission
from .progress import state_of
from .refusal import Refused
from .structure import program_of


def questions(week):
    """The week's questions as (block id, kind, value) in the trainer's order."""
    return week.questions()


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
    locked (or not part of the program in its source language), after the deadline, and once
    passed or waiting for review."""
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
        # Scored against the source language's week: its questions (the same block ids in
        # every translation), right answers and pass mark are the rule in every language.
        rules = state.rules
        has_short = any(kind == "short_answer" for _id, kind, _v in questions(rules))
        score = score_answers(rules, answers)
        if score is not None and score < rules.pass_mark:
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
