from django.apps import AppConfig


class OrgansConfig(AppConfig):
    name = "gongkai.web.organs"
    label = "organs"
    verbose_name = "机关"
