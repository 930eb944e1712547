"""Login with lock-out, and the forms of the account page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from gongkai.web.accounts import services
from gongkai.web.accounts.models import User


class LoginForm(AuthenticationForm):
    """Django's login form, plus lock-out after repeated failures.

    A locked account is refused before its password is checked, with the same message whether
    or not the password is right, so that a locked account cannot be used to guess passwords.
    """

    error_messages = {
        "invalid_login": _("用户名或密码不正确。连续多次输错后账号将被暂时锁定。"),
        "inactive": _("此账号已停用。"),
        "locked": _("此账号因连续登录失败已被暂时锁定，请稍后再试或联系系统管理员。"),
    }

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username and password:
            user = User.objects.filter(username=username).first()
            if user is not None and services.is_locked(user):
                raise forms.ValidationError(self.error_messages["locked"], code="locked")
            try:
                cleaned = super().clean()
            except forms.ValidationError:
                locked = services.record_failed_login(username)
                if locked is not None and services.is_locked(locked):
                    raise forms.ValidationError(
                        self.error_messages["locked"], code="locked"
                    ) from None
                raise
            services.record_successful_login(self.get_user())
            return cleaned
        return super().clean()


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("用途"), max_length=100)
