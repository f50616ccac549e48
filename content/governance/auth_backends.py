"""django-axes login throttling as an authentication backend."""

from axes.backends import AxesStandaloneBackend


class ThrottledLoginBackend(AxesStandaloneBackend):
    """Counts failed logins and refuses locked-out users (django-axes).

    Logins through the site (the Wagtail admin login form) always pass the request, so they are
    throttled. ``authenticate()`` calls without a request (such as the test client's
    ``login()``) cannot be tied to a client address; this backend steps aside for them
    instead of raising, and the next backend checks the password as usual.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
