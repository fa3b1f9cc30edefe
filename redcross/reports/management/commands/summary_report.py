from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError

from redcross.reports import periods
from redcross.reports.models import Report
from redcross.reports.services import report_build


class Command(BaseCommand):
    help = ("Produce a summary report now and print the paths of its Word, Excel and PDF files: "
            "year 2025 | quarter 2025-Q3 | month 2025-07 | range 2025-03-01 2025-08-31")

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=[periods.YEAR, periods.QUARTER, periods.MONTH, periods.RANGE])
        parser.add_argument("values", nargs="+")

    def handle(self, *args, kind, values, **options):
        try:
            period = periods.parse(kind, *values)
        except ValueError as error:
            raise CommandError(str(error)) from error
        try:
            report = Report.objects.create(kind=period.kind, start=period.start, end=period.end, status="running")
        except IntegrityError as error:
            raise CommandError("The report of this period is being produced right now; try again shortly.") from error
        report = report_build(report_id=report.pk)
        for field in ("docx", "xlsx", "pdf"):
            self.stdout.write(getattr(report, field).path)
