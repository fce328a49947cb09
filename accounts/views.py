from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Placeholder home page; the per-role home pages replace it."""
    return render(request, "accounts/home.html", {})
