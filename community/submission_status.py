"""Where a member's submission stands (in review, needs changes, published, withdrawn), read from
its draft page and the moderation workflow, for “My submissions”."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy
from wagtail.models import Page, TaskState, WorkflowState

IN_REVIEW = "in_review"
NEEDS_CHANGES = "needs_changes"
PUBLISHED = "published"
WITHDRAWN = "withdrawn"
STATE_LABELS = {
    IN_REVIEW: gettext_lazy("In review"),
    NEEDS_CHANGES: gettext_lazy("Needs changes"),
    PUBLISHED: gettext_lazy("Published"),
    WITHDRAWN: gettext_lazy("Withdrawn"),
}


@dataclass
class SubmissionStatus:
    state: str
    label: str
    comment: str = ""
    url: str = ""


def submission_status(submission):
    """Where the submission stands, with the curator's comment when changes are needed."""
    return submission_statuses([submission])[submission.pk]


def submission_statuses(items):
    """{submission.pk: SubmissionStatus} for many submissions, in a fixed number of queries
    however many there are (the “My submissions” page)."""
    pages = Page.objects.in_bulk([item.page_id for item in items if item.page_id])
    drafts = [page for page in pages.values() if not page.live]
    latest = {}  # page id (as text) -> its latest workflow state
    if drafts:
        states = WorkflowState.objects.filter(
            base_content_type=drafts[0].get_base_content_type(),
            object_id__in=[str(page.pk) for page in drafts],
        ).order_by("-created_at", "-id")
        for state in states:
            latest.setdefault(state.object_id, state)
    needs_changes = [s for s in latest.values() if s.status == WorkflowState.STATUS_NEEDS_CHANGES]
    comments = {}  # workflow state id -> the rejecting curator's comment
    if needs_changes:
        rejections = TaskState.objects.filter(
            workflow_state__in=needs_changes, status="rejected"
        ).order_by("-finished_at")
        for task_state in rejections:
            comments.setdefault(task_state.workflow_state_id, task_state.get_comment())
    statuses = {}
    for item in items:
        page = pages.get(item.page_id)
        if page is None:
            status = SubmissionStatus(WITHDRAWN, str(STATE_LABELS[WITHDRAWN]))
        elif page.live:
            status = SubmissionStatus(PUBLISHED, str(STATE_LABELS[PUBLISHED]), url=page.url or "")
        else:
            state = latest.get(str(page.pk))
            if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
                status = SubmissionStatus(
                    NEEDS_CHANGES,
                    str(STATE_LABELS[NEEDS_CHANGES]),
                    comment=comments.get(state.pk, ""),
                )
            else:
                status = SubmissionStatus(IN_REVIEW, str(STATE_LABELS[IN_REVIEW]))
        statuses[item.pk] = status
    return statuses
