from django import template
from django.utils.safestring import SafeString, mark_safe

from gongkai.web.publishing.rendering import render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    return mark_safe(render_markdown(text))
