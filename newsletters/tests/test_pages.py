"""Reader pages of the newsletters app and the sign-up forms on every page."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import clear_url_caches

from newsletters import sending, services
from newsletters.dev_mailbox import start_mailbox
from newsletters.tests.conftest import add_confirmed, make_issue

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_every_page_has_a_footer_form_identical_for_everyone_and_free_of_queries(client, newsroom, morning):
    article = newsroom.add_article("A story with a form")
    home = client.get("/").content.decode()
    assert "data-signup" in home and "csrfmiddlewaretoken" not in home
    assert '<span aria-hidden="true">*</span> indicates required' in home
    assert home.count('action="/newsletters/subscribe/"') == 2  # footer and the home slot
    story = client.get(article.url).content.decode()
    assert story.count('action="/newsletters/subscribe/"') == 2  # inline and footer
    assert 'name="website"' in story  # the honeypot
    # The list of newsletters comes from the cache: the forms add no query once warm.
    before = _queries(client, article.url)
    from newsletters.selectors import forget_public_newsletters

    forget_public_newsletters()
    client.get(article.url)
    assert _queries(client, article.url) == before


def test_the_newsletters_page_and_a_newsletter_page_list_what_readers_get(client, sink, morning, weekly):
    weekly.is_public = False
    weekly.save()
    index = client.get("/newsletters/").content.decode()
    assert "The Morning Test" in index and "Weekly Margins" not in index
    assert client.get("/newsletters/weekly-margins/").status_code == 404
    add_confirmed(morning, 2)
    issue = make_issue(morning, subject="Monday: the bridge reopens")
    services.issue_send_start(issue_id=issue.pk, enqueue=False)
    sending.deliver_issue(issue.pk)
    page = client.get("/newsletters/morning-test/").content.decode()
    assert "Monday: the bridge reopens" in page and "Weekdays at 7:00" in page
    web = client.get(issue.get_absolute_url())
    assert web.status_code == 200 and "The vote is on" in web.content.decode()
    draft = make_issue(morning, subject="Not yet")
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_the_development_mailbox_lists_messages_and_shows_their_links(client, tmp_path, settings):
    directory = tmp_path / "mailbox"
    controller = start_mailbox(directory)
    try:
        import smtplib

        with smtplib.SMTP("127.0.0.1", controller.port) as smtp:
            smtp.sendmail(
                "a@example.com",
                ["b@example.com"],
                b"Subject: Confirm please\r\nTo: b@example.com\r\nMessage-ID: <x@y>\r\n\r\n"
                b"Open http://testserver/newsletters/confirm/abc/ now\r\n",
            )
    finally:
        controller.stop()
    settings.NEWSLETTERS_MAILBOX_DIR = directory
    with override_settings(DEBUG=True, ROOT_URLCONF="config.urls"):
        import importlib

        import config.urls
        import newsletters.urls

        importlib.reload(newsletters.urls)
        importlib.reload(config.urls)
        clear_url_caches()
        try:
            listing = client.get("/dev/mailbox/").content.decode()
            assert "Confirm please" in listing
            name = next(p.stem for p in directory.glob("*.eml"))
            message = client.get(f"/dev/mailbox/{name}/").content.decode()
            assert '<a href="http://testserver/newsletters/confirm/abc/">' in message
        finally:
            importlib.reload(newsletters.urls)
            importlib.reload(config.urls)
            clear_url_caches()
    assert client.get("/dev/mailbox/").status_code == 404  # not routed without DEBUG


def test_a_scheduled_issue_goes_out_when_its_time_comes(sink, morning):
    from django.utils import timezone

    from newsletters.tasks import resume_sending

    add_confirmed(morning, 2)
    issue = make_issue(morning)
    services.issue_schedule(issue_id=issue.pk, send_at=timezone.now() - timezone.timedelta(seconds=1))
    resume_sending.call()
    issue.refresh_from_db()
    assert issue.status == "sent"
    assert len(sink.messages()) == 2


def test_staff_make_an_issue_from_an_article_and_send_a_test_to_themselves(client, sink, newsroom, editor, morning):
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(*Permission.objects.filter(content_type__app_label="newsletters"))
    client.force_login(editor)
    article = newsroom.add_article("Bridge reopens after two years")
    response = client.post("/cms/newsletters/from-article/", {"article": article.pk, "newsletter": morning.pk})
    assert response.status_code == 302
    from newsletters.models import Issue

    issue = Issue.objects.get()
    assert issue.subject == "Bridge reopens after two years"
    page = client.get(response["Location"])
    assert "Send now to 0 subscribers" in page.content.decode()
    client.post(response["Location"], {"action": "test"})
    [test_email] = sink.messages()
    assert test_email.subject == "[Test] Bridge reopens after two years"
    assert test_email.to == editor.email
    assert "Bridge reopens after two years" in test_email.body("html")
    assert article.url in test_email.body("plain")


def test_a_hidden_newsletters_sent_issues_are_not_public(client, sink, morning, weekly):
    weekly.is_public = False
    weekly.save()
    add_confirmed(weekly, 1)
    issue = make_issue(weekly, subject="For insiders only")
    services.issue_send_start(issue_id=issue.pk, enqueue=False)
    sending.deliver_issue(issue.pk)
    assert client.get(issue.get_absolute_url()).status_code == 404
    assert client.get("/newsletters/weekly-margins/").status_code == 404  # its archive
    # Its subscribers' emails do not point at a web version that does not exist.
    [message] = sink.messages()
    assert "Read in your browser" not in message.body("plain")
    assert issue.get_absolute_url() not in message.body("html")


def test_hiding_a_newsletter_withdraws_its_cached_issue_pages(client, sink, morning):
    add_confirmed(morning, 1)
    issue = make_issue(morning)
    services.issue_send_start(issue_id=issue.pk, enqueue=False)
    sending.deliver_issue(issue.pk)
    assert client.get(issue.get_absolute_url()).status_code == 200  # now in the page cache
    morning.is_public = False
    morning.save()
    assert client.get(issue.get_absolute_url()).status_code == 404
