"""The newsroom's content model; each kind of page lives in a module named after it."""

from .articles import ArticleAuthor, ArticlePage, ArticleTag, ArticleUpdate
from .authors import AuthorIndexPage, AuthorLink, AuthorPage
from .editors_picks import EditorsPick, EditorsPicks
from .home import HomePage
from .news_feed import NewsFeedItemPage, NewsFeedPage
from .sections import SectionPage
from .settings import NewsroomSettings
from .standard import StandardPage

__all__ = [
    "ArticleAuthor",
    "ArticlePage",
    "ArticleTag",
    "ArticleUpdate",
    "AuthorIndexPage",
    "AuthorLink",
    "AuthorPage",
    "EditorsPick",
    "EditorsPicks",
    "HomePage",
    "NewsFeedItemPage",
    "NewsFeedPage",
    "NewsroomSettings",
    "SectionPage",
    "StandardPage",
]
