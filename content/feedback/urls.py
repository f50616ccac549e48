from django.urls import path

from . import views

app_name = "feedback"
urlpatterns = [
    path("helpful/", views.helpful, name="helpful"),
    path("comment/", views.comment, name="comment"),
]
