#!/usr/bin/env bash
# Runs the development server and the background task worker together (used by `make run`).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin

$BIN/python manage.py db_worker &
worker=$!
trap 'kill "$worker" 2>/dev/null || true' EXIT INT TERM

echo "Site:  http://127.0.0.1:8000/"
echo "Admin: http://127.0.0.1:8000/admin/"
$BIN/python manage.py runserver 127.0.0.1:8000
