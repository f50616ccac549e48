"""Browser tests: Debian's Chromium driven by pytest-playwright against Django's live server.

One browser is launched per session (pytest-playwright's session-scoped `browser`); each test
opens its own contexts at the widths it needs.

Live-server tests need committed data, so they run in transactional databases that Django empties
after every test; the `load_content` fixture restores the initial content from a snapshot taken
once per session (tests/db_snapshot.py).
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
