"""Browser tests: Debian's Chromium driven by pytest-playwright against Django's live server.

One browser is launched per session (pytest-playwright's session-scoped `browser`); each test
opens its own contexts at the widths it needs.

Live-server tests need committed data, so they run in transactional databases that Django empties
after every test; the `load_content` fixture restores the initial content from a snapshot taken
once per session (tests/db_snapshot.py). Browser tests run first among the transactional tests.
"""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run inside one
# unless told that this is deliberate (the test code is synchronous).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
BROWSER_DIR = Path(__file__).resolve().parent


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    names = getattr(item, "fixturenames", ())
    return "transactional_db" in names or "live_server" in names


def pytest_collection_modifyitems(items):
    """Run browser tests first among the transactional tests (after pytest-django's sort)."""
    browser = [i for i in items if BROWSER_DIR in Path(str(i.path)).parents]
    if not browser:
        return
    rest = [i for i in items if i not in browser]
    first_tx = next((n for n, i in enumerate(rest) if _is_transactional(i)), len(rest))
    items[:] = rest[:first_tx] + browser + rest[first_tx:]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run 'bash scripts/ensure_chromium.sh' "
            "or set CHROMIUM_PATH."
        )
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def artifacts_dir():
    path = ARTIFACTS / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def site(load_content, live_server):
    """The sample content plus a page that uses every body block, served by the live server."""
    from tests.browser.sample_pages import create_block_gallery

    create_block_gallery()
    return live_server
