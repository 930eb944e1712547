from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "gongkai.web.accounts"
    label = "accounts"
    verbose_name = "账号与权限"

    def ready(self) -> None:
        from axes.signals import user_locked_out

        from gongkai.web.accounts.throttle import record_lockout

        user_locked_out.connect(record_lockout, dispatch_uid="gongkai.account.lock")
