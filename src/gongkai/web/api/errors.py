"""Every API error is JSON ``{"error": code, "message": 中文说明}``: the framework's own errors
(authentication, validation, an unknown path or method) and any fault in a view alike."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

logger = logging.getLogger(__name__)

JSON_OPTIONS = {"ensure_ascii": False}
ALLOWED = "GET"

# pydantic's error types, said in Chinese (the parameter's name is added in front).
_REASONS = {
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "bool_parsing": "应为 true 或 false",
    "greater_than_equal": "不能小于 {ge}",
    "less_than_equal": "不能大于 {le}",
    "missing": "不能缺少",
}


def error_response(status: int, code: str, message: str) -> JsonResponse:
    response = JsonResponse(
        {"error": code, "message": message}, status=status, json_dumps_params=JSON_OPTIONS
    )
    if status == 401:
        response["WWW-Authenticate"] = 'Token realm="gongkai"'
    if status == 405:
        response["Allow"] = ALLOWED
    return response


def _reason(item: dict[str, Any]) -> str:
    where = ".".join(str(part) for part in item.get("loc", ())[1:]) or "请求"
    template = _REASONS.get(item.get("type", ""), "的值无效")
    try:
        reason = template.format(**item.get("ctx", {}))
    except (KeyError, IndexError):
        reason = "的值无效"
    return f"参数 {where} {reason}"


def _validation(request: HttpRequest, exc: Any) -> HttpResponse:
    reasons = list(dict.fromkeys(_reason(item) for item in exc.errors))
    return error_response(400, "bad_parameter", "；".join(reasons) or "参数错误")


def _unauthorized(request: HttpRequest, exc: Any) -> HttpResponse:
    return error_response(401, "unauthorized", "需要有效的 API 令牌（Authorization: Token …）")


def _http_error(request: HttpRequest, exc: Any) -> HttpResponse:
    return error_response(exc.status_code, "http_error", str(exc))


def _not_found(request: HttpRequest, exc: Any) -> HttpResponse:
    return error_response(404, "not_found", "没有找到该资源，或无权查看")


def _server_error(request: HttpRequest, exc: Any) -> HttpResponse:
    logger.exception("API error on %s", request.path, exc_info=exc)
    return error_response(500, "server_error", "服务器内部错误，已记录，请稍后再试")


def install_handlers(api: NinjaAPI) -> None:
    api.add_exception_handler(ValidationError, _validation)
    api.add_exception_handler(AuthenticationError, _unauthorized)
    api.add_exception_handler(HttpError, _http_error)
    api.add_exception_handler(Http404, _not_found)
    api.add_exception_handler(Exception, _server_error)


def json_outside_operations(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The framework answers an unsupported method (and its root path) outside any operation's
    error handling, in plain text or HTML: give those answers in JSON too."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            return error_response(404, "not_found", "没有这个接口")
        if isinstance(response, HttpResponseNotAllowed):
            return error_response(405, "method_not_allowed", "此接口只读，仅支持 GET")
        return response

    wrapped.csrf_exempt = True  # type: ignore[attr-defined]
    return wrapped


def unknown_path(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    return error_response(404, "not_found", "没有这个接口")
