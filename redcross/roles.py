"""The staff roles: five groups whose permissions are declared here and kept in step on every migrate."""

from dataclasses import dataclass

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db.models import Q

MANAGE_ACTIONS = ("add", "change", "delete", "view")


@dataclass(frozen=True)
class Role:
    name: str
    manages: tuple[str, ...] = ()
    views: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()
    # Models ("app_label.model") of a managed app that this role only reads, because another role keeps them.
    reads_only: tuple[str, ...] = ()

    def permission_filter(self) -> Q:
        managed = Q(content_type__app_label__in=self.manages)
        for model in self.reads_only:
            app_label, model_name = model.split(".", 1)
            managed &= ~Q(content_type__app_label=app_label, content_type__model=model_name) | Q(
                codename__startswith="view_")
        viewed = Q(content_type__app_label__in=self.views, codename__startswith="view_")
        wanted = (managed | viewed) & ~Q(codename__in=EXPLICIT_ONLY)
        for perm in self.extra:
            app_label, codename = perm.split(".", 1)
            wanted |= Q(content_type__app_label=app_label, codename=codename)
        return wanted


# Permissions no role carries: an administrator gives them to a named person (seeing personal data whole).
EXPLICIT_ONLY = ("view_personal_data",)


# Donations and their uses are kept by the finance office. Project staff read them (a donation's use for a project
# shows as that project's money received) but neither record nor allocate them: the branch's choice, so that every
# receipt and every yuan of a gift passes through one office.
FINANCE_MODELS = ("projects.donation", "projects.allocation", "projects.historicaldonation",
                  "projects.historicalallocation")
PROJECTS_MANAGER = Role("项目管理员", manages=("projects",), reads_only=FINANCE_MODELS)
# Training staff see the text messages sent to citizens and send one again (“change”: nothing else is changed).
TRAINING_MANAGER = Role(
    "培训管理员",
    manages=("training",),
    extra=("redcross.view_textmessage", "redcross.change_textmessage"),
)
# Publicity staff look after the public face of the portal, so they also keep the branch profile.
PUBLICITY_MANAGER = Role(
    "宣传管理员",
    manages=("publicity",),
    extra=("redcross.view_branchprofile", "redcross.change_branchprofile"),
)
# Finance staff record donations and their uses; they read the projects, sites and money the uses go to.
FINANCE_MANAGER = Role(
    "财务管理员",
    extra=(*(f"projects.{action}_{model.split('.')[1]}" for model in FINANCE_MODELS for action in MANAGE_ACTIONS),
           "projects.view_project", "projects.view_site", "projects.view_fundingline", "projects.view_spendingline"),
)
LEADERSHIP = Role(
    "领导",
    views=("redcross", "projects", "training", "publicity", "reports"),
    extra=("reports.download_report",),
)
ROLES = (PROJECTS_MANAGER, TRAINING_MANAGER, PUBLICITY_MANAGER, FINANCE_MANAGER, LEADERSHIP)
ROLE_APPS = {label for role in ROLES for label in (*role.manages, *role.views)} | {
    perm.split(".", 1)[0] for role in ROLES for perm in role.extra
}


def sync_roles(group_model, permission_model) -> None:
    """Create the groups and give each exactly the permissions its role declares."""
    for role in ROLES:
        group, _created = group_model.objects.get_or_create(name=role.name)
        group.permissions.set(permission_model.objects.filter(role.permission_filter()))


def sync_after_migrate(sender, apps=global_apps, using="default", **kwargs) -> None:
    """Runs after migrate, and after flush (which sends no `apps`), so the roles always exist."""
    if sender.label not in ROLE_APPS:
        return
    # auth creates a new model's permissions in its own post_migrate receiver, which may run after this one.
    create_permissions(sender, verbosity=0, using=using, apps=apps)
    try:
        group_model = apps.get_model("auth", "Group")
        permission_model = apps.get_model("auth", "Permission")
    except LookupError:
        return
    sync_roles(group_model, permission_model)
