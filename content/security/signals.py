"""End a user's sessions on the server when they log out or their account is deactivated."""

import time
from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.contrib.sessions.models import Session
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

LOGIN_AT_KEY = "_kapsite_login_at"


@receiver(user_logged_in)
def remember_login_time(sender, request, user, **kwargs):
    """The absolute session limit counts from here (Django already gave a new session key)."""
    if hasattr(request, "session"):
        request.session[LOGIN_AT_KEY] = int(time.time())


def end_sessions_for(user_id) -> int:
    """Delete every unexpired session that belongs to the user. Returns how many were ended."""
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        data = session.get_decoded()
        if str(data.get("_auth_user_id")) == str(user_id):
            store_class(session.session_key).delete()
            ended += 1
    return ended


@receiver(pre_save, sender=get_user_model())
def note_deactivation(sender, instance, **kwargs):
    instance._kapsite_was_active = None
    if instance.pk and not instance.is_active:
        was = sender.objects.filter(pk=instance.pk).values_list("is_active", flat=True).first()
        instance._kapsite_was_active = was


@receiver(post_save, sender=get_user_model())
def end_sessions_of_deactivated_user(sender, instance, created, **kwargs):
    if not created and getattr(instance, "_kapsite_was_active", None) and not instance.is_active:
        end_sessions_for(instance.pk)


def _connect_clinic_phone_cache():
    """Keep the clinic phone in the cache so the outage page can show it without the DB."""
    from content.core.models import ClinicSettings

    from .outage import remember_clinic_phone

    @receiver(post_save, sender=ClinicSettings, weak=False)
    def cache_clinic_phone(sender, instance, **kwargs):
        remember_clinic_phone(instance.phone)


_connect_clinic_phone_cache()
