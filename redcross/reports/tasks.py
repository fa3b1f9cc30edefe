from celery import Task, shared_task

from . import services

# Retries come back well before the broker's visibility timeout (2 hours): 30 s, 60 s … at most 10 minutes.
MAX_RETRIES = 5
TIME_LIMIT = int(services.BUILD_TIME_LIMIT.total_seconds())


class ReportTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        services.report_failed(report_id=args[0], claim=task_id, error=f"{type(exc).__name__}: {exc}")


@shared_task(
    base=ReportTask, bind=True, acks_late=True, reject_on_worker_lost=True, autoretry_for=(Exception,),
    max_retries=MAX_RETRIES, retry_backoff=30, retry_backoff_max=600, retry_jitter=False,
    time_limit=TIME_LIMIT, soft_time_limit=TIME_LIMIT - 60,
)
def build_report(self, report_id: int) -> str:
    # The task's id survives its retries and redeliveries, so they keep the claim on the report.
    return services.report_build(report_id=report_id, claim=self.request.id).status


@shared_task
def queue_closed_period(kind: str) -> int:
    return services.queue_closed_period(kind=kind).pk


@shared_task
def requeue_lost_reports() -> int:
    return services.reports_requeue_lost()
