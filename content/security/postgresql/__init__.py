"""Django's PostgreSQL backend with a circuit breaker on new connections (see base.py)."""
