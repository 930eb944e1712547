from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "gongkai.web.accounts"
    label = "accounts"
    verbose_name = "账号与权限"
