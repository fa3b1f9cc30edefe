from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("First-aid and elder-care training")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models import Base, Course, Session
        from .selectors import forget_sessions_to_sign_up

        for model in (Session, Course, Base):
            post_save.connect(forget_sessions_to_sign_up, sender=model, dispatch_uid=f"sign-up-memo-{model.__name__}")
            post_delete.connect(forget_sessions_to_sign_up, sender=model, dispatch_uid=f"sign-up-memo-{model.__name__}")
