"""What program and week pages show a reader: their progress, forms, discussion and resources."""

from library.visibility import listed_ids

from ..forms import AssessmentForm, EnrolmentForm, PostForm
from ..models import Certificate
from .discussion import threads
from .enrolment import enrolment_for, places_left
from .progress import all_passed, next_step, week_states
from .roles import is_mentor, mentor_names
from .structure import program_of, program_weeks


def program_context(program, user):
    enrolment = enrolment_for(user, program.translation_key)
    states = week_states(program_weeks(program), enrolment)
    certificate = None
    if enrolment is not None:
        certificate = Certificate.objects.filter(enrolment=enrolment).first()
    chats = [chat for state in states for chat in state.week.live_chats]
    mentor = is_mentor(user, program.translation_key)
    return {
        "enrolment": enrolment,
        "week_states": states,
        "live_chats": sorted(chats, key=lambda chat: chat.value["starts_at"].isoformat()),
        "next_state": next_step(states) if enrolment else None,
        "completed": enrolment is not None and all_passed(states),
        "certificate": certificate,
        "is_mentor": mentor,
        # Where a live chat happens (a room, a meeting link) is for the program's people only.
        "chat_places_visible": enrolment is not None or mentor,
        "mentor_names": mentor_names(program),
        "places_left": places_left(program),
        "enrol_form": EnrolmentForm(
            initial={"pseudonym": enrolment.pseudonym, "country": enrolment.country}
            if enrolment
            else None
        ),
    }


def week_context(week, user):
    program = program_of(week)
    enrolment = enrolment_for(user, program.translation_key)
    mentor = is_mentor(user, program.translation_key)
    structure = program_weeks(program)
    keys = [program_week.translation_key for program_week in structure]
    number = keys.index(week.translation_key) + 1 if week.translation_key in keys else None
    state = None
    if enrolment is not None and number is not None:
        state = week_states(structure, enrolment)[number - 1]
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
    chosen = []
    for block in week.resources:
        page = block.value["resource"]
        if page is not None:
            chosen.append((page.localized.specific, block.value["note"]))
    # Only what the public may see listed: a restricted or unpublished resource (or one under
    # an unpublished category) drops out of the week instead of leaking its title and link.
    shown = listed_ids([page for page, _note in chosen])
    resources = [{"page": page, "note": note} for page, note in chosen if page.pk in shown]
    return {
        "program": program,
        # The deadline that counts is the source week's (see structure), whoever reads.
        "deadline": structure[number - 1].rules.deadline if number else week.deadline,
        "week_number": number,
        "previous_week_number": number - 1 if number and number > 1 else None,
        "enrolment": enrolment,
        "state": state,
        "is_mentor": mentor,
        "chat_places_visible": enrolment is not None or mentor,
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
