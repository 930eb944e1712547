"""Login, logout, password change, and the account page with its API tokens."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.web.accounts import services
from gongkai.web.accounts.forms import ApiTokenForm, LoginForm
from gongkai.web.accounts.models import ApiToken


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form: Any) -> HttpResponse:
        services.change_password(self.request.user, form.cleaned_data["new_password1"])
        from django.contrib.auth import update_session_auth_hash

        update_session_auth_hash(self.request, self.request.user)
        messages.success(self.request, _("密码已修改。"))
        return redirect(self.get_success_url())


@require_GET
@login_required
def profile(request: HttpRequest) -> HttpResponse:
    tokens = request.user.api_tokens.filter(revoked_at__isnull=True).order_by("-created_at")
    return render(
        request,
        "accounts/profile.html",
        {
            "memberships": request.user.memberships.select_related("organ", "unit"),
            "tokens": tokens,
            "form": ApiTokenForm(),
        },
    )


@require_POST
@login_required
def create_token(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写令牌用途。"))
        return redirect("accounts:profile")
    api_token, token = services.create_api_token(request.user, form.cleaned_data["name"])
    return render(request, "accounts/token_created.html", {"api_token": api_token, "token": token})


@require_http_methods(["GET", "POST"])
@login_required
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse:
    api_token = get_object_or_404(ApiToken, pk=token_id, user=request.user, revoked_at__isnull=True)
    if request.method == "POST":
        services.revoke_api_token(request.user, api_token)
        messages.success(request, _("令牌已作废。"))
        return redirect("accounts:profile")
    return render(request, "accounts/token_revoke.html", {"api_token": api_token})
