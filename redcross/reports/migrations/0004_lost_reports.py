import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0003_brief_sentences'),
    ]

    operations = [
        migrations.AddField(
            model_name='report',
            name='claim',
            field=models.CharField(blank=True, editable=False, max_length=64, verbose_name='claimed by task'),
        ),
        migrations.AddField(
            model_name='report',
            name='queued_at',
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name='handed to a worker'),
        ),
        # Reports asked for before: handed to a worker when they were asked for.
        migrations.RunSQL("UPDATE reports_report SET queued_at = requested_at", migrations.RunSQL.noop),
    ]
