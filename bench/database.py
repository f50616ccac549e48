"""Shared by the benchmark scripts: create their throwaway PostgreSQL database on first use."""

import psycopg
import psycopg.sql


def ensure_database(url: str) -> None:
    """Create the database named in this postgres:// URL if it is missing (trust auth, as on the
    CI machine); the maintenance database `postgres` on the same server is used to create it."""
    name = url.rsplit("/", 1)[1]
    maintenance = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(maintenance, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            print(f"creating benchmark database {name}", flush=True)
            conn.execute(psycopg.sql.SQL("CREATE DATABASE {}").format(psycopg.sql.Identifier(name)))
