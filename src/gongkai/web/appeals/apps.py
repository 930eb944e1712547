from django.apps import AppConfig


class AppealsConfig(AppConfig):
    name = "gongkai.web.appeals"
    label = "appeals"
    verbose_name = "行政复议、行政诉讼案件（表四）"
