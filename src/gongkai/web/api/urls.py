from django.urls import URLPattern, re_path

from gongkai.web.api.errors import json_outside_operations, unknown_path
from gongkai.web.api.views import api

app_name = "api"
urlpatterns = [
    URLPattern(p.pattern, json_outside_operations(p.callback), p.default_args, p.name)
    for p in api.urls[0]
    if isinstance(p, URLPattern)
] + [re_path(r"", unknown_path, name="unknown")]
