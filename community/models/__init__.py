"""Members' contributions, one module per concern; imported here so Django finds them all."""

from .choices import MemberChoices  # noqa: F401
from .collections import Collection, CollectionItem  # noqa: F401
from .comments import Comment, CommentReport  # noqa: F401
from .feedback import FeedbackMessage  # noqa: F401
from .following import Follow  # noqa: F401
from .ratings import Rating  # noqa: F401
from .sharing import CollectionActivity, CollectionEditor, FeaturedCollection  # noqa: F401
from .shortlinks import ShortLink  # noqa: F401
from .submissions import ResourceIdentity, Submission  # noqa: F401
from .suggestions import ProblemReport, Suggestion, VolunteerTranslation  # noqa: F401
