"""URLs of shared collections, following, “New for you” and digests (under /<lang>/)."""

from django.urls import path

from .views import following, sharing

sharing_and_following_patterns = [
    path(
        "collections/<int:pk>/editors/",
        sharing.collection_editors,
        name="community_collection_editors",
    ),
    path("my/invitations/", sharing.invitations, name="community_invitations"),
    path("my/invitations/choice/", sharing.invitation_choice, name="community_invitation_choice"),
    path("my/new/", following.new_for_you, name="community_new_for_you"),
    path("my/following/", following.following_page, name="community_following"),
    path("follow/", following.follow, name="community_follow"),
    path("follow/<int:pk>/stop/", following.unfollow, name="community_unfollow"),
    path(
        "digest/unsubscribe/<str:token>/",
        following.digest_unsubscribe,
        name="community_digest_unsubscribe",
    ),
]
