"""What a staff member's dashboard shows: decided from the permissions they hold, not from the names of their groups,
so that a group an administrator makes up (admin → 组) gets the fronts its rights open.

A front is shown to whoever may read its records in the admin; an attention list to whoever may open the records
it lists (attention.LISTS).
A superuser holds every permission and sees everything; a user holding none of these sees an empty dashboard.
"""

from ..views import staff_member

FRONTS = ("projects", "positions", "donations", "training", "publicity")
# The permission that opens each front: reading the records its figures come from.
FRONT_PERMISSIONS = {
    "projects": "projects.view_activity",  # 项目管理员, 领导; the finance office reads projects' money, not their work
    "positions": "projects.view_assessment",  # 项目管理员, 领导
    "donations": "projects.view_donation",  # 财务管理员, 项目管理员 (reads), 领导
    "training": "training.view_session",  # 培训管理员, 领导
    "publicity": "publicity.view_placement",  # 宣传管理员, 领导
}
REPORTS, MESSAGES = "reports", "messages"


def scopes_of(user) -> frozenset[str]:
    """The fronts the user sees, and "reports" (may ask for reports) and "messages" (reads the text messages
    sent to citizens) for the attention lists that are no front's."""
    if not user.is_active:
        return frozenset()
    scopes = {front for front, permission in FRONT_PERMISSIONS.items() if user.has_perm(permission)}
    if staff_member(user):
        scopes.add(REPORTS)
    if user.has_perm("redcross.view_textmessage"):
        scopes.add(MESSAGES)
    return frozenset(scopes)


def may_make_report(user) -> bool:
    """Whether the user may ask for a report on /reports/ (the same test as its views)."""
    return user.is_active and staff_member(user)
