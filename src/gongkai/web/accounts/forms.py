"""Login with lock-out, and the forms of the account page."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """Django's login form in Chinese. Failures are counted and locked out by django-axes (per
    source and username, on this form and the admin's alike)."""

    error_messages = {
        "invalid_login": _("用户名或密码不正确。连续多次输错后，从此处登录该账号将被暂时锁定。"),
        "inactive": _("此账号已停用。"),
    }


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("用途"), max_length=100)
