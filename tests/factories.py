import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

STAFF_PASSWORD = "correct horse battery staple"


class StaffFactory(factory.django.DjangoModelFactory):
    """A staff member holding one of the roles (a group created by the migrations): StaffFactory(role="领导")."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    first_name = "测试"
    is_staff = True

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        self.set_password(STAFF_PASSWORD)
        self.save()
        if extracted:
            self.groups.set([Group.objects.get(name=extracted)])
