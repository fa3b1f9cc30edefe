from django.utils.translation import get_language

from .models import BranchProfile


def branch(request):
    profile = BranchProfile.load()
    return {"branch": profile, "branch_name": profile.display_name(get_language())}
