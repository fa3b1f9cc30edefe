"""The publicity front's records, by subject."""

from .news import Article, ArticleImage
from .people import (
    AppointmentBatch,
    Commendation,
    Correspondent,
    Outlet,
    OutletLevel,
    Placement,
    ScoringRule,
    ScoringScheme,
    Story,
    StoryKind,
)
from .wechat import WeChatAccount, WeChatMonth, WeChatPost, WeChatRanking

__all__ = [
    "AppointmentBatch",
    "Article",
    "ArticleImage",
    "Commendation",
    "Correspondent",
    "Outlet",
    "OutletLevel",
    "Placement",
    "ScoringRule",
    "ScoringScheme",
    "Story",
    "StoryKind",
    "WeChatAccount",
    "WeChatMonth",
    "WeChatPost",
    "WeChatRanking",
]
