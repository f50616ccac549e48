"""The project's Redis cache backend: django-redis (one redis-py client per server), failing open."""

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
    from django_redis import get_redis_connection

    client = get_redis_connection("redis-test")
    assert get_redis_connection("redis-test", write=False) is client
    redis_cache.set("a", {"value": 1})
    assert redis_cache.get_many(["a", "missing"]) == {"a": {"value": 1}}
    assert redis_cache.add("counter", 0)
    assert redis_cache.incr("counter") == 1
    assert get_redis_connection("redis-test") is client


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


# --- Failing open, and the circuit breaker (issue 14) --------------------------------------

OWN_REDIS_URL = "redis://127.0.0.1:6379/11"


def backend_at(location, *, timeout=2.0, circuit_seconds=300):
    from content.performance.redis_cache import RedisCache

    return RedisCache(
        location,
        {
            "KEY_PREFIX": "kapsite-test",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": timeout, "SOCKET_TIMEOUT": timeout},
            "CIRCUIT_BREAKER_SECONDS": circuit_seconds,
        },
    )


def test_with_redis_refusing_reads_miss_writes_are_skipped_and_counters_stay_local(
    closed_port, caplog
):
    caplog.set_level("WARNING", logger="content.performance.redis_cache")
    cache = backend_at(f"redis://:secret-password@127.0.0.1:{closed_port}/0")
    assert cache.get("page", "default") == "default"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.set("page", "html") is None
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.delete("page") is False
    # Rate-limit counters: add / incr / decr / get work, in this process's memory.
    assert cache.add("counter", 1, timeout=60) is True
    assert cache.add("counter", 1, timeout=60) is False
    assert cache.incr("counter") == 2
    assert cache.decr("counter") == 1
    assert cache.get("counter") == 1
    assert not cache.is_reachable()
    assert caplog.text.count("is unreachable (") == 1
    assert caplog.text.count("counters (rate limits) are kept per process") == 1
    assert "secret-password" not in caplog.text  # the address is logged without credentials


def test_a_counter_redis_held_before_the_outage_starts_again_locally(closed_port):
    cache = backend_at(f"redis://127.0.0.1:{closed_port}/0")
    assert cache.incr("held-by-redis") == 1


def test_a_hanging_redis_costs_one_timeout_then_calls_skip_it(hanging_server):
    import time

    cache = backend_at(f"redis://127.0.0.1:{hanging_server.port}/0", timeout=1.0)
    started = time.monotonic()
    assert cache.get("a") is None
    assert time.monotonic() - started >= 0.9  # the first call waited for the timeout
    assert hanging_server.new_connections() == 1
    started = time.monotonic()
    for n in range(50):
        assert cache.get(f"key-{n}") is None
        cache.set(f"key-{n}", n)
    assert time.monotonic() - started < 1.0  # 100 calls, not one of them waited
    assert hanging_server.new_connections() == 0


@pytest.fixture
def own_redis(redis_database):
    from content.core.circuit_breaker import breaker

    raw = redis_database(OWN_REDIS_URL)
    yield raw
    breaker(backend_at(OWN_REDIS_URL).breaker_name, 0).record_success()  # leave it closed


def test_while_the_breaker_is_open_calls_do_not_reach_redis(own_redis):
    from content.core.circuit_breaker import breaker

    cache = backend_at(OWN_REDIS_URL, circuit_seconds=300)
    breaker(cache.breaker_name, 300).record_failure()
    cache.set("skipped", "value")
    assert own_redis.keys("*skipped*") == []
    assert cache.get("skipped") is None


def test_after_the_cool_down_one_call_tries_redis_and_closes_the_breaker(own_redis, caplog):
    from content.core.circuit_breaker import breaker

    caplog.set_level("WARNING", logger="content.performance.redis_cache")
    cache = backend_at(OWN_REDIS_URL, circuit_seconds=0)  # the cool-down is over at once
    breaker(cache.breaker_name, 0).record_failure()
    assert not cache.is_reachable()
    cache.set("back", "value")  # the trial call
    assert cache.is_reachable()
    assert own_redis.keys("*back*") != []
    assert cache.get("back") == "value"
    assert "answers again" in caplog.text


def test_other_redis_errors_fail_open_without_opening_the_breaker(own_redis):
    cache = backend_at(OWN_REDIS_URL)
    own_redis.rpush(cache.make_key("a-list"), "x")  # WRONGTYPE for GET
    assert cache.get("a-list", "default") == "default"
    assert cache.is_reachable()
    cache.set("fine", 1)
    assert cache.get("fine") == 1
