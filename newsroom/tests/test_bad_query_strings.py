import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "?page=abc",
        "?page=999999",
        "?page=-1",
        "?page=0",
        "?page=1e9",
        "?page=%00",
        "?page=%F0%9F%92%A5",
        "?page=" + "9" * 400,
        "?page[]=1&page=2",
        "?%%%",
        "?q=<script>alert(1)</script>",
    ],
)
def test_odd_query_strings_never_fail(client, newsroom, query):
    newsroom.add_feed_item("An item", at=newsroom.home.first_published_at)
    for path in ("/", "/news-feed/", "/politics/", "/authors/"):
        response = client.get(path + query)
        assert response.status_code == 200, (path, query)


@pytest.mark.django_db
def test_an_unknown_address_gets_the_designed_404_page(client, newsroom):
    response = client.get("/no-such-story/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We couldn't find that page" in html
    assert "Skip to content" in html
