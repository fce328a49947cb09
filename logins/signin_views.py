"""Signing in with an invitation: the code from a slip or the link from an e-mail, then a password."""

from axes.handlers.proxy import AxesProxyHandler
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from logins import actions
from logins.forms import CodeForm, NewPasswordForm

FORM_METHODS = require_http_methods(["GET", "POST"])
BACKEND = "django.contrib.auth.backends.ModelBackend"


def _accept(request: HttpRequest, secret: str) -> HttpResponse:
    """The password form of a usable invitation (a confirmation for a signed-in person); then signed in."""
    if not AxesProxyHandler.is_allowed(request):
        return render(request, "registration/locked_out.html", status=429)
    try:
        invitation = actions.usable(secret)
    except ValidationError as refusal:
        if isinstance(refusal, actions.UnknownSecret):
            # Guessing codes counts against the address like guessing passwords (django-axes).
            user_login_failed.send(sender=__name__, credentials={"username": "код приглашения"}, request=request)
        return render(request, "logins/refused.html", {"reason": " ".join(refusal.messages)}, status=410)
    signed_in = request.user if request.user.is_authenticated else None
    if signed_in and not actions.is_invitee(signed_in, invitation):
        # Nobody else learns whom it invites (a pupil's name stays in the organization).
        return render(request, "logins/refused.html", {"reason": "Это приглашение не для вашей учётной записи: "
                                                                 "выйдите и откройте его снова."}, status=403)
    has_login = actions.account_of(invitation) is not None
    form = None if signed_in else NewPasswordForm(request.POST if "password" in request.POST else None,
                                                  has_login=has_login)
    if "confirm" in request.POST if signed_in else form.is_bound and form.is_valid():
        try:
            user = actions.redeem(secret, signed_in=signed_in, **(form.cleaned_data if form else {}))
        except ValidationError as refusal:
            if form is None:
                return render(request, "logins/refused.html", {"reason": " ".join(refusal.messages)}, status=409)
            form.add_error(None, refusal)
        else:
            if not signed_in:
                login(request, user, backend=BACKEND)
            messages.success(request, "Готово: вы вошли в «Наставник».")
            return redirect("home")
    context = {"invitation": invitation, "form": form, "secret": secret, "signed_in": signed_in,
               "has_login": has_login}
    return render(request, "logins/accept.html", context)


@FORM_METHODS
def accept_code(request: HttpRequest) -> HttpResponse:
    """The address on the slips: the code, then the password."""
    code_form = CodeForm(request.POST or None)
    if request.method == "POST" and code_form.is_valid():
        return _accept(request, code_form.cleaned_data["code"])
    return render(request, "logins/code.html", {"form": code_form})


@FORM_METHODS
def accept_link(request: HttpRequest, token: str) -> HttpResponse:
    return _accept(request, token)


