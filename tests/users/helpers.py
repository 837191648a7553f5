"""Small helpers the account tests share: logging in through allauth's real views."""

import re

from django.apps import apps
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.db import models

from .conftest import PASSWORD


def is_authenticated(client):
    return SESSION_KEY in client.session


def post_login(client, username, password=PASSWORD, lang="en"):
    return client.post(f"/{lang}/accounts/login/", {"login": username, "password": password})


def reset_link_from_outbox():
    body = mail.outbox[-1].body
    return re.search(r"https?://[^\s]+/accounts/password/reset/key/[^\s]+", body).group(0)


def text_columns_containing(*needles):
    """(model, field) of every text, char or JSON column in the database holding a needle."""
    hits = []
    for model in apps.get_models():
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField, models.JSONField))
        ]
        for name in fields:
            for value in model.objects.values_list(name, flat=True):
                if value is not None and any(n in str(value) for n in needles):
                    hits.append((model._meta.label, name))
    return hits
