"""Participants' and mentors' screens. Views parse input, call `services`, and render; a refusal
re-renders the page with the typed input and the rule's message, and nothing is saved."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Locale

from tasharuk.ratelimit import rate_limited

from . import certificates, services
from .forms import AssessmentForm, EnrolmentForm, LetThroughForm, PostForm, ReviewForm
from .models import Certificate, Enrolment, ProgramPage, Submission, WeekPage
from .statistics import program_statistics


def _live(model, pk):
    return get_object_or_404(model.objects.live(), pk=pk)


def _open_week(request, pk):
    """A live week the reader may read: its program is live too (an unpublished program hides
    its weeks) and any view restriction on it or above accepts the request, as Wagtail's page
    serving would."""
    week = _live(WeekPage, pk)
    if not week.program_is_open():
        raise Http404
    for restriction in week.get_view_restrictions():
        if not restriction.accept_request(request):
            raise Http404
    return week


def _refused(request, message, status=400):
    return render(request, "programs/refused.html", {"message": message}, status=status)


def _rerender(request, page, status, message=None, **context):
    if message:
        messages.error(request, message)
    response = page.serve(request, **context)
    response.status_code = status
    return response


@login_required
@require_POST
def enrol(request, page_id):
    program = _live(ProgramPage, page_id)
    form = EnrolmentForm(request.POST)
    if not form.is_valid():
        return _rerender(request, program, 400, enrol_form=form)
    try:
        services.enrol(
            request.user,
            program,
            pseudonym=form.cleaned_data["pseudonym"],
            country=form.cleaned_data["country"],
        )
    except services.Refused as refusal:
        return _rerender(request, program, 400, refusal.message, enrol_form=form)
    messages.success(request, _("You are enrolled. Week 1 is open: welcome!"))
    return redirect(program.url)


@login_required
@require_POST
def update_enrolment(request, page_id):
    program = _live(ProgramPage, page_id)
    enrolment = services.enrolment_for(request.user, program.translation_key)
    if enrolment is None:
        return _refused(request, _("Enrol in the program first."))
    form = EnrolmentForm(request.POST)
    if not form.is_valid():
        return _rerender(request, program, 400, enrol_form=form)
    services.update_enrolment(
        enrolment, form.cleaned_data["pseudonym"], form.cleaned_data["country"]
    )
    messages.success(request, _("Your choices are saved."))
    return redirect(program.url)


@login_required
@require_POST
def submit_assessment(request, page_id):
    week = _open_week(request, page_id)
    form = AssessmentForm(week, request.POST)
    if not form.is_valid():
        return _rerender(
            request, week, 400, _("Please answer every question."), assessment_form=form
        )
    try:
        submission = services.submit_assessment(request.user, week, form.answers())
    except services.Refused as refusal:
        return _rerender(request, week, 400, refusal.message, assessment_form=form)
    if submission.status == Submission.PASSED:
        messages.success(request, _("You passed this week. The next week is open."))
    elif submission.status == Submission.PENDING:
        messages.success(request, _("Thank you. A mentor will review your answers."))
    else:
        messages.error(
            request,
            _("Your score is %(score)s%%; the pass mark is %(pass_mark)s%%. You can try again.")
            % {"score": submission.score, "pass_mark": week.pass_mark},
        )
    return redirect(week.url)


@login_required
@require_POST
@rate_limited("comment")
def post_message(request, page_id):
    week = _open_week(request, page_id)
    form = PostForm(request.POST)
    if not form.is_valid():
        return _rerender(request, week, 400, _("Write a message first."), post_form=form)
    try:
        post = services.post_message(
            request.user, week, form.cleaned_data["body"], form.cleaned_data["parent"]
        )
    except services.Refused as refusal:
        return _rerender(request, week, 400, refusal.message, post_form=form)
    return redirect(f"{week.url}#post-{post.pk}")


@require_GET
def new_posts(request, page_id):
    """JSON for the discussion's polling script: posts after ?after=<id>, rendered (escaped)."""
    week = _open_week(request, page_id)
    try:
        after = int(request.GET.get("after", "0"))
    except ValueError:
        return JsonResponse({"error": _("“after” must be a post number.")}, status=400)
    if not services.can_discuss(request.user, week):
        return JsonResponse({"error": _("This discussion is not open to you.")}, status=403)
    program = services.program_of(week)
    posts = services.posts_after(week, program.translation_key, after)
    return JsonResponse(
        {
            "posts": [
                {
                    "id": post.pk,
                    "parent": post.parent_id,
                    "html": _render_post(request, week, post),
                }
                for post in posts
            ]
        }
    )


def _render_post(request, week, post):
    if post.parent_id is None:  # a new question arrives as a thread, with its answer form
        context = {"thread": services.Thread(question=post), "week": week}
        return render_to_string("programs/includes/thread.html", context, request=request)
    return render_to_string("programs/includes/post.html", {"post": post}, request=request)


@login_required
def dashboard(request):
    locale = Locale.get_active()
    rows = []
    for enrolment in Enrolment.objects.filter(member=request.user).order_by("-enrolled_at"):
        pages = ProgramPage.objects.live().filter(translation_key=enrolment.program_key)
        program = pages.filter(locale=locale).first() or pages.first()
        if program is None:
            continue
        context = services.program_context(program, request.user)
        rows.append({"program": program, **context})
    mentoring = services.mentored_programs(request.user, locale)
    return render(request, "programs/dashboard.html", {"rows": rows, "mentoring": mentoring})


@login_required
@require_POST
def request_certificate(request, page_id):
    program = _live(ProgramPage, page_id)
    enrolment = services.enrolment_for(request.user, program.translation_key)
    if enrolment is None:
        return _refused(request, _("Enrol in the program first."))
    try:
        certificate = services.issue_certificate(enrolment, program)
    except services.Refused as refusal:
        return _rerender(request, program, 400, refusal.message)
    return redirect("programs_certificate", code=certificate.code)


def _certificate(code):
    certificate = Certificate.objects.select_related("enrolment").filter(code=code).first()
    if certificate is None:
        raise Http404
    return certificate


@require_GET
def certificate(request, code):
    """Public verification page: anyone with the link sees the chosen name and the program."""
    certificate = _certificate(code)
    program = services.certificate_program(certificate, Locale.get_active())
    if program is None:
        raise Http404
    weeks = services.weeks_of(program)
    return render(
        request,
        "programs/certificate.html",
        {"certificate": certificate, "program": program, "weeks": weeks},
    )


@require_GET
def certificate_pdf(request, code):
    certificate = _certificate(code)
    program = services.certificate_program(certificate, Locale.get_active())
    if program is None:
        raise Http404
    verify_url = request.build_absolute_uri(
        request.path.removesuffix("pdf/").removesuffix("/") + "/"
    )
    pdf = certificates.render_pdf(
        certificate, program, services.weeks_of(program), verify_url, get_language()
    )
    response = FileResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.pdf"'
    return response


def _mentor_program(request, page_id):
    program = _live(ProgramPage, page_id)
    if not services.is_mentor(request.user, program.translation_key):
        return program, _refused(request, _("Only this program's mentors can do that."), 403)
    return program, None


@login_required
def mentor(request, page_id):
    program, refusal = _mentor_program(request, page_id)
    if refusal:
        return refusal
    structure = services.program_weeks(program)
    weeks = [week.page for week in structure]
    weeks_by_key = {week.translation_key: week for week in weeks}
    enrolments = Enrolment.objects.filter(program_key=program.translation_key).order_by("number")
    participants = [
        {"enrolment": e, "states": services.week_states(structure, e)}
        for e in enrolments.prefetch_related("submissions")
    ]
    pending = []
    for submission in (
        Submission.objects.filter(
            enrolment__program_key=program.translation_key, status=Submission.PENDING
        )
        .select_related("enrolment")
        .order_by("submitted_at")
    ):
        week = weeks_by_key.get(submission.week_key)
        if week is not None:
            pending.append(
                {
                    "submission": submission,
                    "week": week,
                    "answers": services.answers_for_review(week, submission),
                    "form": ReviewForm(prefix=f"s{submission.pk}"),
                }
            )
    return render(
        request,
        "programs/mentor.html",
        {
            "program": program,
            "weeks": weeks,
            "participants": participants,
            "pending": pending,
            "statistics": program_statistics(program),
        },
    )


@login_required
@require_POST
def review(request, submission_id):
    submission = get_object_or_404(Submission, pk=submission_id)
    form = ReviewForm(request.POST, prefix=f"s{submission.pk}")
    if not form.is_valid():
        return _refused(request, _("Choose whether the answers pass."))
    try:
        services.review_submission(
            request.user,
            submission,
            passed=form.cleaned_data["decision"] == "pass",
            note=form.cleaned_data["note"],
        )
    except services.Refused as refusal:
        return _refused(request, refusal.message, 403)
    messages.success(request, _("Your review is saved."))
    return redirect(_mentor_url(request))


def _mentor_url(request):
    try:
        return reverse("programs_mentor", args=[int(request.POST["next_page"])])
    except (KeyError, ValueError):
        return reverse("programs_dashboard")


@login_required
@require_POST
def let_through(request, page_id):
    program, refusal = _mentor_program(request, page_id)
    if refusal:
        return refusal
    form = LetThroughForm(request.POST)
    if not form.is_valid():
        return _refused(request, _("Choose a participant and a week."))
    enrolment = get_object_or_404(
        Enrolment, pk=form.cleaned_data["enrolment"], program_key=program.translation_key
    )
    week = _open_week(request, form.cleaned_data["week"])
    try:
        services.let_through(request.user, enrolment, week, form.cleaned_data["note"])
    except services.Refused as refusal:
        return _refused(request, refusal.message)
    messages.success(
        request,
        _("%(name)s may go on to the next week.") % {"name": enrolment.public_name},
    )
    return redirect("programs_mentor", page_id=program.pk)
