"""Benchmark (not a test): render a filtered, distance-sorted directory page over 2,000 providers.

    .venv/bin/python bench/providers_directory.py [--providers 2000] [--runs 30]

Creates a throwaway test database (``test_<name>`` of DATABASE_URL, or an SQLite file), loads
the initial content, bulk-creates the providers, then times full requests through Django's test
client and reports the median. The database is destroyed afterwards.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kapsite.settings.test")
os.environ.setdefault("LOG_LEVEL", "WARNING")

QUERY = {
    "location": "94612",
    "radius": "100",
    "treatment": "iv-ketamine",
    "visit": "in_person",
    "accepting": "yes",
    "page": "2",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--providers", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        call_command("load_initial_content", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
        from tests.providers.bulk import create_providers

        started = time.perf_counter()
        create_providers(args.providers, prefix="bench")
        created_in = time.perf_counter() - started
        client = Client()
        url = "/find-a-provider/"
        response = client.get(url, QUERY)  # warm-up: templates, ZIP data, site caches
        if response.status_code != 200:
            raise SystemExit(f"directory answered {response.status_code}")
        timings = []
        for _ in range(args.runs):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, QUERY)
            timings.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"directory answered {response.status_code}")
        print(f"database: {connection.vendor}")
        print(f"providers: {args.providers} generated (+ sample data) in {created_in:.1f} s")
        print(f"query: {url}?{'&'.join(f'{k}={v}' for k, v in QUERY.items())}")
        print(f"queries per request: {len(queries)}")
        print(
            f"render time over {args.runs} runs: median {statistics.median(timings):.1f} ms, "
            f"min {min(timings):.1f} ms, max {max(timings):.1f} ms"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
