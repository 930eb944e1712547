from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gongkai.web.core"
    label = "core"
    verbose_name = "gongkai"

    def ready(self) -> None:
        from gongkai.web.core import checks  # noqa: F401  (registers the system checks)
