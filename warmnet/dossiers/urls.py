from django.urls import path

from warmnet.dossiers.views import dossiers, grid, hard_moments, milestones, points

POINT = "dossiers/<int:dossier>/points/"
POSITION = "dossiers/<int:dossier>/points/<int:point>/positions/"
STATUS = "dossiers/<int:dossier>/points/<int:point>/status/"

app_name = "dossiers"
urlpatterns = [
    path("dossiers/", dossiers.dossier_list, name="dossier_list"),
    path("dossiers/new/", dossiers.dossier_edit, name="dossier_new"),
    path("dossiers/<int:pk>/", dossiers.dossier_detail, name="dossier_detail"),
    path("dossiers/<int:pk>/edit/", dossiers.dossier_edit, name="dossier_edit"),
    path("dossiers/<int:pk>/delete/", dossiers.dossier_delete, name="dossier_delete"),
    path(POINT + "new/", points.point_edit, name="point_new"),
    path(POINT + "<int:pk>/", points.point_detail, name="point_detail"),
    path(POINT + "<int:pk>/edit/", points.point_edit, name="point_edit"),
    path(POINT + "<int:pk>/delete/", points.point_delete, name="point_delete"),
    path("dossiers/<int:pk>/positions/", grid.dossier_grid, name="positions_grid"),
    path(POSITION + "grid/", grid.point_grid, name="point_positions_grid"),
    path(POSITION + "new/", points.position_edit, name="position_new"),
    path(POSITION + "<int:pk>/edit/", points.position_edit, name="position_edit"),
    path(POSITION + "<int:pk>/delete/", points.position_delete, name="position_delete"),
    path(STATUS + "new/", points.status_change_edit, name="status_change_new"),
    path(STATUS + "<int:pk>/edit/", points.status_change_edit, name="status_change_edit"),
    path(STATUS + "<int:pk>/delete/", points.status_change_delete, name="status_change_delete"),
    path("milestones/", milestones.milestone_list, name="milestone_list"),
    path("milestones/new/", milestones.milestone_edit, name="milestone_new"),
    path("milestones/<int:pk>/edit/", milestones.milestone_edit, name="milestone_edit"),
    path("milestones/<int:pk>/delete/", milestones.milestone_delete, name="milestone_delete"),
    path("hard-moments/", hard_moments.hard_moment_list, name="hard_moment_list"),
    path("hard-moments/new/", hard_moments.hard_moment_edit, name="hard_moment_new"),
    path("hard-moments/<int:pk>/edit/", hard_moments.hard_moment_edit, name="hard_moment_edit"),
    path(
        "hard-moments/<int:pk>/delete/",
        hard_moments.hard_moment_delete,
        name="hard_moment_delete",
    ),
]
