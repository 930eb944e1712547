from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "gongkai.web.workspace"
    label = "workspace"
    verbose_name = "年报工作台"
