from django.apps import AppConfig


class RegistersConfig(AppConfig):
    name = "gongkai.web.registers"
    label = "registers"
    verbose_name = "登记簿（表二）"
