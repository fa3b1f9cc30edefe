from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from redcross.demo import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Load the demo data of every app (idempotent) and create one demo staff account per role."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=int, default=1, help="Multiply the volume of demo records (for benchmarks)."
        )
        parser.add_argument(
            "--force", action="store_true", help="Run even with DEBUG off (never on a real portal)."
        )

    def handle(self, *args, force=False, scale=1, **options):
        if scale < 1:
            raise CommandError("--scale must be 1 or more.")
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with a published password: it runs only with DEBUG=1 (or --force)."
            )
        logins = []
        with transaction.atomic():
            for app_config in apps.get_app_configs():
                try:
                    module = import_module(f"{app_config.name}.demo")
                except ModuleNotFoundError as error:
                    if error.name != f"{app_config.name}.demo":
                        raise
                    continue
                result = module.seed(scale=scale)
                if app_config.name == "redcross":
                    logins = result
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(f"Staff logins at /admin/ (password for all: {DEMO_PASSWORD}):")
        for username, role in logins:
            self.stdout.write(f"  {username:<16} {role}")
