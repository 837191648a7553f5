"""The api app's pages under /<lang>/: feeds, the embed builder and the widget."""

from django.urls import path, register_converter

from . import embed, feeds, link_previews


class FeedFormat:
    regex = "rss|atom"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(FeedFormat, "feed")

urlpatterns = [
    path("feeds/latest/<feed:feed_format>/", feeds.latest_feed, name="api_feed_latest"),
    path(
        "feeds/categories/<slug:slug>/<feed:feed_format>/",
        feeds.category_feed,
        name="api_feed_category",
    ),
    path(
        "feeds/collections/<int:pk>/<feed:feed_format>/",
        feeds.collection_feed,
        name="api_feed_collection",
    ),
    path("feeds/search/<feed:feed_format>/", feeds.search_feed, name="api_feed_search"),
    path("embed/", embed.builder, name="api_embed"),
    path("embed/widget/", embed.widget, name="api_embed_widget"),
    path(
        "share/<slug:kind>/<int:pk>/<slug:digest>.png",
        link_previews.share_image,
        name="api_share_image",
    ),
]
