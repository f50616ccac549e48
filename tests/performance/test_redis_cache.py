"""The project's Redis cache backend: Django's, with one redis-py client per pool, on real Redis."""

import threading

import pytest
from django.core.cache import caches

REDIS_URL = "redis://127.0.0.1:6379/14"


@pytest.fixture
def redis_cache(settings, redis_database):
    redis_database(REDIS_URL)
    settings.CACHES = {
        **settings.CACHES,
        "redis-test": {
            "BACKEND": "content.performance.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "kapsite-test",
        },
    }
    return caches["redis-test"]


def test_one_client_serves_every_call(redis_cache):
    client = redis_cache._cache.get_client()
    assert redis_cache._cache.get_client(write=True) is client
    redis_cache.set("a", {"value": 1})
    assert redis_cache.get_many(["a", "missing"]) == {"a": {"value": 1}}
    assert redis_cache.add("counter", 0)
    assert redis_cache.incr("counter") == 1
    assert redis_cache._cache.get_client() is client


def test_the_shared_client_is_safe_across_threads(redis_cache):
    errors = []

    def work(n):
        try:
            for i in range(50):
                redis_cache.set(f"t{n}:{i}", i)
                assert redis_cache.get(f"t{n}:{i}") == i
        except Exception as exc:  # reported below
            errors.append(exc)

    # The backend object is per thread in Django; share one on purpose to test the client.
    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(redis_cache.get_many([f"t{n}:49" for n in range(8)])) == 8
