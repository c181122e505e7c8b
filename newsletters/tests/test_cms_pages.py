"""Every newsletters page of the CMS opens for every role: 200 where the role may use it, a
refusal (403, or Wagtail's redirect to the dashboard) where not, never a 500 (issue 15.8)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from newsletters import services
from newsletters.models import Issue, Subscriber, Suppression
from newsletters.tests.conftest import add_confirmed, make_issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def cms_objects(newsroom, morning):  # type: ignore[no-untyped-def]
    [reader] = add_confirmed(morning, 1)
    services.suppression_add(email=reader.email, reason="complained")
    issue = make_issue(morning)
    return {"newsletter": morning, "issue": issue, "subscriber": reader, "suppression": Suppression.objects.get()}


def _pages(objects) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    """(url, model, action the page needs)."""
    base = "/cms/snippets/newsletters"
    n, i, s, x = (objects[k].pk for k in ("newsletter", "issue", "subscriber", "suppression"))
    return [
        (f"{base}/newsletter/", "newsletter", "view"),
        (f"{base}/newsletter/add/", "newsletter", "add"),
        (f"{base}/newsletter/edit/{n}/", "newsletter", "change"),
        (f"{base}/issue/", "issue", "view"),
        (f"{base}/issue/add/", "issue", "add"),
        (f"{base}/issue/edit/{i}/", "issue", "change"),
        (f"/cms/newsletters/issues/{i}/send/", "issue", "change"),
        ("/cms/newsletters/from-article/", "issue", "add"),
        (f"{base}/subscriber/", "subscriber", "view"),
        (f"{base}/subscriber/inspect/{s}/", "subscriber", "view"),
        (f"{base}/suppression/", "suppression", "view"),
        (f"{base}/suppression/inspect/{x}/", "suppression", "view"),
    ]


def _may(user, model: str, action: str) -> bool:  # type: ignore[no-untyped-def]
    perms = {
        f"newsletters.{a}_{model}" for a in (["add", "change", "delete", "view"] if action == "view" else [action])
    }
    return any(user.has_perm(p) for p in perms)


def test_every_newsletters_cms_page_opens_for_an_administrator(client, cms_objects):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.com", "pw")
    client.force_login(admin)
    for url, _model, _action in _pages(cms_objects):
        response = client.get(url)
        assert response.status_code == 200, url
    listing = client.get("/cms/snippets/newsletters/issue/").content.decode()
    assert f'href="/cms/newsletters/issues/{cms_objects["issue"].pk}/send/"' in listing
    editor = client.get(f"/cms/snippets/newsletters/issue/edit/{cms_objects['issue'].pk}/").content.decode()
    assert "Send, test or follow progress" in editor
    assert f"/cms/newsletters/issues/{cms_objects['issue'].pk}/send/" in editor


def test_every_newsletters_cms_page_answers_each_role_without_an_error(client, cms_objects, editor):
    access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    roles = list(Group.objects.all())
    assert roles, "no groups to try"
    for group in roles:
        group.permissions.add(access)
        user = get_user_model().objects.create_user(f"role-{group.pk}", f"role{group.pk}@example.com", "pw")
        user.groups.add(group)
        user = get_user_model().objects.get(pk=user.pk)  # fresh permission cache
        client.force_login(user)
        for url, model, action in _pages(cms_objects):
            response = client.get(url)
            if _may(user, model, action):
                assert response.status_code == 200, (group.name, url)
            else:
                assert response.status_code in {302, 403}, (group.name, url, response.status_code)


def test_subscribers_and_the_suppression_list_are_read_only_with_their_records(client, cms_objects, morning):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.com", "pw")
    client.force_login(admin)
    subscriber: Subscriber = cms_objects["subscriber"]
    for url in (
        f"/cms/snippets/newsletters/subscriber/edit/{subscriber.pk}/",
        "/cms/snippets/newsletters/subscriber/add/",
        f"/cms/snippets/newsletters/suppression/edit/{cms_objects['suppression'].pk}/",
    ):
        assert client.get(url).status_code in {302, 403}, url
        # Not even a forged POST changes the hash.
        client.post(url, {"email": subscriber.email, "email_hash": "0" * 64, "reason": "manual"})
    subscriber.refresh_from_db()
    assert subscriber.email_hash != "0" * 64 and Suppression.objects.get().reason == "complained"
    page = client.get(f"/cms/snippets/newsletters/subscriber/inspect/{subscriber.pk}/").content.decode()
    assert "Spam complaint" in page  # the suppression, with its reason
    assert "The Morning Test" in page and "Unsubscribed" in page  # the subscription
    assert "suppression:complained" in page  # the consent record of the withdrawal
    listing = client.get("/cms/snippets/newsletters/suppression/").content.decode()
    assert "Spam complaint" in listing and subscriber.email_hash[:12] in listing
    assert Issue.objects.count() == 1
