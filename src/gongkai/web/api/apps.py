from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "gongkai.web.api"
    label = "api"
    verbose_name = "JSON API"
