from campaigns.models.drives import ArticleDailyViews, Campaign
from campaigns.models.gifts import GiftMembership

__all__ = ["ArticleDailyViews", "Campaign", "GiftMembership"]
