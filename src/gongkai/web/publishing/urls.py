from django.urls import path

from gongkai.web.publishing.views import channels, items, organ, ranking

app_name = "publishing"
urlpatterns = [
    path("", organ.home, name="home"),
    path("organ/<int:organ_id>/", organ.dashboard, name="dashboard"),
    path("organ/<int:organ_id>/settings/", organ.settings_page, name="settings"),
    path("organ/<int:organ_id>/catalogue/", organ.add_node, name="add_node"),
    path("organ/<int:organ_id>/new/", items.create, name="create"),
    path("organ/<int:organ_id>/ranking/", ranking.ranking_page, name="ranking"),
    path("organ/<int:organ_id>/ranking.<str:fmt>", ranking.ranking_file, name="ranking_file"),
    path("organ/<int:organ_id>/inspection/", ranking.inspection_page, name="inspection"),
    path("organ/<int:organ_id>/channels/", channels.channels_page, name="channels"),
    path("organ/<int:organ_id>/channels/add/", channels.add_channel, name="add_channel"),
    path("organ/<int:organ_id>/channels/followers/", channels.add_followers, name="followers"),
    path("organ/<int:organ_id>/channels/import/", channels.import_file, name="import"),
    path("organ/<int:organ_id>/channels/adoption/", channels.add_adoption, name="adoption"),
    path(
        "organ/<int:organ_id>/channels/publications.csv",
        channels.export_publications,
        name="export_publications",
    ),
    path("unit/<int:unit_id>/", ranking.unit_page, name="unit"),
    path("item/<int:item_id>/", items.detail, name="item"),
    path("item/<int:item_id>/edit/", items.edit, name="edit"),
    path("item/<int:item_id>/attach/", items.attach, name="attach"),
    path("item/<int:item_id>/submit/", items.submit, name="submit"),
    path("item/<int:item_id>/review/", items.review, name="review"),
    path("item/<int:item_id>/override/", items.override, name="override"),
    path("item/<int:item_id>/withdraw/", items.withdraw, name="withdraw"),
    path("attachment/<int:attachment_id>/", items.attachment_file, name="attachment"),
    path("attachment/<int:attachment_id>/delete/", items.detach, name="detach"),
]
