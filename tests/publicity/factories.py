import datetime as dt

import factory

from publicity.models import (
    Article,
    Correspondent,
    Outlet,
    OutletLevel,
    Placement,
    Story,
    StoryKind,
    WeChatAccount,
    WeChatPost,
)


class CorrespondentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Correspondent

    name = factory.Sequence(lambda n: f"通讯员{n}")
    kind = Correspondent.Kind.MEDIA
    organisation = "市融媒体中心"
    appointed_on = dt.date(2019, 4, 18)
    status = Correspondent.Status.ACTIVE
    # An ended appointment has the day it ended (the model requires it), an active one none.
    ended_on = factory.LazyAttribute(
        lambda o: max(dt.date(2024, 12, 31), o.appointed_on) if o.status == Correspondent.Status.ENDED else None
    )
    phone = factory.Sequence(lambda n: f"137{n:08d}")


class OutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outlet
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"媒体{n}")
    level = OutletLevel.LOCAL
    kind = Outlet.Kind.NEWSPAPER


class StoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Story
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"稿件{n}")
    kind = StoryKind.NEWS
    submitted_on = dt.date(2025, 3, 1)

    @factory.post_generation
    def correspondents(self, create, extracted, **kwargs):
        if create and extracted:
            self.correspondents.set(extracted)


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Placement

    story = factory.SubFactory(StoryFactory)
    outlet = factory.SubFactory(OutletFactory)
    published_on = dt.date(2025, 3, 5)


class WeChatAccountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WeChatAccount
        django_get_or_create = ("name",)

    name = "示例市红十字救援队"
    owner = "市红十字救援队"
    opened_on = dt.date(2013, 6, 1)


class WeChatPostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WeChatPost

    account = factory.SubFactory(WeChatAccountFactory)
    published_on = dt.date(2025, 5, 1)
    title = factory.Sequence(lambda n: f"推文{n}")
    reads = 500


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"新闻{n}")
    summary = "摘要"
    body = "<p>正文</p>"
    author = "宣传科"
    published = True
