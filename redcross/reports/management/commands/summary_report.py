from django.core.management.base import BaseCommand, CommandError

from redcross.reports import periods, services


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
        # Asked for like any report, but produced here and now rather than by a worker.
        report, created = services.report_request(period=period, queue=False)
        if not created:
            raise CommandError(
                f"The report of this period is already being produced (report {report.pk}); its page shows when it "
                "is ready."
            )
        report = services.report_build(report_id=report.pk)
        for field in ("docx", "xlsx", "pdf"):
            self.stdout.write(getattr(report, field).path)
