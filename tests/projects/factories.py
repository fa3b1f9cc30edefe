import datetime as dt
from decimal import Decimal

import factory

from projects.models import Activity, Facility, FacilityKind, FundingLine, Project, Site


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site

    name = factory.Sequence(lambda n: f"幸福社区{n}")
    community = factory.SelfAttribute("name")
    town = "城东街道"
    address = factory.Sequence(lambda n: f"人民路 {n} 号")
    status = Site.Status.BUILT
    # The days its status changed, as the model requires them: built sites have been built, closed ones closed.
    started_on = dt.date(2023, 3, 1)
    built_on = factory.LazyAttribute(
        lambda o: max(dt.date(2024, 6, 1), o.started_on) if o.status == Site.Status.BUILT else None
    )
    closed_on = factory.LazyAttribute(
        lambda o: max(dt.date(2025, 10, 1), o.built_on or o.started_on) if o.status == Site.Status.CLOSED else None
    )
    published = True


class FacilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Facility

    site = factory.SubFactory(SiteFactory)
    kind = factory.LazyFunction(lambda: FacilityKind.objects.get(name="博爱书屋"))
    name = factory.LazyAttribute(lambda o: o.kind.name)
    opened_on = dt.date(2025, 3, 1)
    opening_hours = "周一至周五 8:30-17:00"


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"博爱家园建设项目{n}")
    year = 2025
    funding = Project.Funding.APPLIED_UPWARD
    budget = Decimal("140000.00")
    published = True

    @factory.post_generation
    def sites(self, create, extracted, **kwargs):
        if create and extracted:
            self.sites.set(extracted)


class FundingLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingLine

    project = factory.SubFactory(ProjectFactory)
    source = "provincial"
    amount = Decimal("70000.00")
    received_on = dt.date(2025, 4, 1)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    site = factory.SubFactory(SiteFactory)
    kind = Activity.Kind.VOLUNTEER_TRAINING
    date = dt.date(2025, 5, 20)
    title = factory.Sequence(lambda n: f"志愿者岗前培训第{n}期")
    participants = 30
    volunteers = 5
    volunteer_hours = Decimal("10.0")
    beneficiaries = 30
    published = True


def jpeg_bytes(size=(800, 600), color=(200, 30, 30)) -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG")
    return buffer.getvalue()


def photo_of(**owner):
    """A real photo (so that its thumbnail can be made) of a site, facility or activity."""
    from django.core.files.base import ContentFile

    from projects.models import Photo

    photo = Photo(**owner)
    photo.image.save("photo.jpg", ContentFile(jpeg_bytes()), save=True)
    return photo
