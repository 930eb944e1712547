"""The site's URLs: one include per app."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "gongkai 管理"
admin.site.site_title = "gongkai"

urlpatterns = [
    path("", include("gongkai.web.core.urls")),
    path("accounts/", include("gongkai.web.accounts.urls")),
    path("reports/", include("gongkai.web.reports.urls")),
    path("supervision/", include("gongkai.web.supervision.urls")),
    path("audit/", include("gongkai.web.audit.urls")),
    path("api/v1/", include("gongkai.web.api.urls")),
    path("publishing/", include("gongkai.web.publishing.urls")),
    path("open/", include("gongkai.web.portal.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("registers/", include("gongkai.web.registers.urls")),
    path("appeals/", include("gongkai.web.appeals.urls")),
    path("workspace/", include("gongkai.web.workspace.urls")),
    path("", include("gongkai.web.applications.urls")),
]

handler400 = "gongkai.web.core.views.bad_request"
handler403 = "gongkai.web.core.views.permission_denied"
handler404 = "gongkai.web.core.views.page_not_found"
handler500 = "gongkai.web.core.views.server_error"
