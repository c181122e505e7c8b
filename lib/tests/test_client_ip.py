"""The client's real address: X-Forwarded-For only as far as TRUSTED_PROXIES says."""

from __future__ import annotations

import ipaddress

import pytest
from django.test import RequestFactory

from campaigns.models import ArticleDailyViews
from campaigns.reader_counts import flush_view_counts
from lib.client_ip import client_ip, client_network, parse_trusted_proxies

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"


def _request(remote: str, forwarded: str | None = None):  # type: ignore[no-untyped-def]
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_a_spoofed_forwarded_for_is_ignored_without_trusted_proxies(settings):
    settings.TRUSTED_PROXIES = 0
    assert client_ip(_request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


def test_with_one_trusted_hop_the_address_the_proxy_saw_is_used(settings):
    settings.TRUSTED_PROXIES = 1
    # The reader sent a fake entry; nginx appended the address it really saw.
    assert client_ip(_request("127.0.0.1", "10.9.9.9, 203.0.113.7")) == "203.0.113.7"
    assert client_ip(_request("127.0.0.1")) == "127.0.0.1"  # nobody in front: the peer itself


def test_with_trusted_networks_the_right_most_untrusted_address_is_used(settings):
    settings.TRUSTED_PROXIES = parse_trusted_proxies("127.0.0.1/32, 10.0.0.0/8")
    assert client_ip(_request("127.0.0.1", "1.1.1.1, 203.0.113.7, 10.0.0.5")) == "203.0.113.7"
    # A peer outside the trusted networks is the client, whatever it claims.
    assert client_ip(_request("198.51.100.8", "203.0.113.7")) == "198.51.100.8"


def test_garbage_and_ports_in_the_header_never_become_the_address(settings):
    settings.TRUSTED_PROXIES = 2
    assert client_ip(_request("127.0.0.1", "203.0.113.7:5151, <script>")) == "127.0.0.1"
    assert client_ip(_request("127.0.0.1", "[2001:db8::1]:443, 10.0.0.2")) == "2001:db8::1"
    assert client_ip(_request("")) == "unknown"


def test_two_ipv6_addresses_in_one_64_share_a_bucket(settings):
    settings.TRUSTED_PROXIES = 0
    one = client_network(_request("2001:db8:1:2:aaaa::1"))
    other = client_network(_request("2001:db8:1:2:ffff:ffff:ffff:fffe"))
    neighbour = client_network(_request("2001:db8:1:3::1"))
    assert one == other == "2001:db8:1:2::/64"
    assert neighbour != one
    assert client_network(_request("203.0.113.7")) == "203.0.113.7"
    assert ipaddress.ip_network(one).prefixlen == 64


def test_a_bad_trusted_proxies_value_says_what_to_write():
    with pytest.raises(ValueError, match="neither a count nor a network"):
        parse_trusted_proxies("nginx")


@pytest.mark.django_db
def test_readers_behind_the_proxy_are_counted_apart_by_the_beacon(client, newsroom, settings):
    settings.TRUSTED_PROXIES = 1
    article = newsroom.add_article("Ferry fares frozen")
    for reader in ("203.0.113.7", "198.51.100.4", "203.0.113.7"):  # the third is a reload
        client.post(
            "/support/views/",
            {"article": str(article.pk)},
            HTTP_USER_AGENT=FIREFOX,
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=reader,
        )
    flush_view_counts()
    assert ArticleDailyViews.objects.get(article=article).views == 2  # REMOTE_ADDR alone folded them into 1


@pytest.mark.django_db
def test_the_request_log_names_the_real_client(client, settings, caplog):
    settings.TRUSTED_PROXIES = 1
    with caplog.at_level("INFO", logger="masthead.request"):
        client.get("/healthz", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert [record.client for record in caplog.records if record.name == "masthead.request"] == ["203.0.113.7"]
