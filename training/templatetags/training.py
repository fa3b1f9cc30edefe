from django import template

from training.display import session_period

register = template.Library()


@register.filter
def period(session, style: str = "") -> str:
    """A session's time over one day or several: `{{ session|period }}`, `{{ session|period:"short" }}`."""
    return session_period(session.starts_at, session.ends_at, short=style == "short")
