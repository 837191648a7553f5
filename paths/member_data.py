"""A member's ticked steps in “Download my data”; “Delete my account” removes them with the
account (the foreign key cascades)."""


def export_path_progress(user):
    from .models import StepDone

    return [
        {"path": str(t.path_key), "step": str(t.step), "done_at": t.done_at.isoformat()}
        for t in StepDone.objects.filter(member=user).order_by("pk")
    ]


def register():
    try:
        from users import data_export
    except ImportError:  # the accounts app is not installed
        return
    data_export.register("learning_paths", export_path_progress)
