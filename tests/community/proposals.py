"""What the tests of members' proposals share: staff signed in to the admin, a resource's page
in one language, and the suggestion form as a browser would send it back."""

import re

from library.models import ResourcePage
from tests.browser.admin_steps import make_staff


def staff_client(client, groups, name):
    """A staff member of `groups` signed in to the admin past the second factor."""
    user, device = make_staff(name, groups)
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return user


def page_in(resource, language):
    return ResourcePage.objects.get(
        translation_key=resource.translation_key, locale__language_code=language
    )


def form_values(html):
    """The form's fields as a browser would send them (inputs, textareas, selected options,
    checked boxes): enough for the suggestion form."""
    data = {}
    for name, value in re.findall(
        r'<input type="(?:text|url|hidden)" name="(\w+)" value="([^"]*)"', html
    ):
        data[name] = value
    for name, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html):
        data[name] = value
    for name, value in re.findall(r'<textarea name="(\w+)"[^>]*>\s*([^<]*)</textarea>', html):
        data[name] = value.strip()
    for select_name, body in re.findall(r'<select name="(\w+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.findall(r'<option value="([^"]*)"[^>]*selected', body)
        data[select_name] = chosen if len(chosen) != 1 else chosen[0]
    checked = re.findall(r'<input type="checkbox" name="(\w+)" value="([^"]*)"[^>]*checked', html)
    for name, value in checked:
        data.setdefault(name, []).append(value)
    for key in ("languages", "regions", "categories"):
        if isinstance(data.get(key), str):
            data[key] = [data[key]]
    import html as html_module

    return {k: (html_module.unescape(v) if isinstance(v, str) else v) for k, v in data.items()}


def open_form(client, resource, language):
    response = client.get(f"/{language}/r/{resource.translation_key}/suggest/")
    assert response.status_code == 200
    return form_values(response.content.decode())
