"""Template access to users.public_identity: `{{ member|public_name:"collection" }}` is the
member's public name, or empty when their choices say not to name them there."""

from django import template

from users import public_identity

register = template.Library()


@register.filter
def public_name(member, context):
    return public_identity.public_name(member, context) or ""
