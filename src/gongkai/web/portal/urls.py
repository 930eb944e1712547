from django.urls import path

from gongkai.web.portal import views

app_name = "portal"
urlpatterns = [
    path("<int:organ_id>/", views.home, name="home"),
    path("<int:organ_id>/guide/", views.guide, name="guide"),
    path("<int:organ_id>/rules/", views.rules, name="rules"),
    path("<int:organ_id>/statutory/", views.statutory, name="statutory"),
    path("<int:organ_id>/catalogue/", views.catalogue, name="catalogue"),
    path("<int:organ_id>/column/<int:node_id>/", views.node, name="node"),
    path("<int:organ_id>/column/<int:node_id>/atom.xml", views.feed, name="feed"),
    path("<int:organ_id>/category/<str:key>/atom.xml", views.category_feed, name="category_feed"),
    path("<int:organ_id>/item/<int:item_id>/", views.item, name="item"),
    path(
        "<int:organ_id>/item/<int:item_id>/attachment/<int:attachment_id>/",
        views.attachment,
        name="attachment",
    ),
    path("<int:organ_id>/search/", views.search, name="search"),
    path("<int:organ_id>/sitemap.xml", views.sitemap, name="sitemap"),
    path("<int:organ_id>/reports/", views.reports, name="reports"),
    path("<int:organ_id>/reports/<int:year>/", views.report, name="report"),
    path("<int:organ_id>/reports/<int:year>/pdf/", views.report_pdf, name="report_pdf"),
]
