"""The axe harness itself finds problems: guards against a check that can never fail."""

import pytest

from tests.browser.helpers import axe_violations

pytestmark = pytest.mark.browser

BROKEN = """<!DOCTYPE html><html><head><title>Broken</title></head><body>
<main><h1>Broken page</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<p style="color:#777;background:#888">Low contrast text</p>
<input type="text"></main></body></html>"""


def test_axe_reports_missing_alt_low_contrast_and_unlabelled_input(browser):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content(BROKEN)
        found = {v["id"] for v in axe_violations(page)}
    finally:
        context.close()
    assert {"image-alt", "color-contrast", "label", "html-has-lang"} <= found
