from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "gongkai.web.operations"
    label = "operations"
    verbose_name = "运维（备份与恢复）"
