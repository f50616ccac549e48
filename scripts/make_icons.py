"""Draw the site icons in public/ from static/img/favicon.svg with Chromium (run by hand when the
mark changes): favicon.ico (16, 32, 48 px), apple-touch-icon.png (180 px, full bleed) and the web
manifest's icon-192.png and icon-512.png.

    .venv/bin/python scripts/make_icons.py
"""

import io
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
SVG = (ROOT / "static" / "img" / "favicon.svg").read_text()
OUT = ROOT / "public"
BRAND = "#0f4c5c"


def render(browser, size, background=None):
    page = browser.new_page(viewport={"width": size, "height": size})
    sized = SVG.replace("<svg ", f'<svg width="{size}" height="{size}" ')
    page.set_content(
        f'<body style="margin:0;background:{background or "transparent"}">{sized}</body>'
    )
    png = page.screenshot(
        omit_background=background is None, clip={"x": 0, "y": 0, "width": size, "height": size}
    )
    page.close()
    return Image.open(io.BytesIO(png))


def main():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        # iOS rounds the corners itself: a full square with the brand colour behind the mark.
        render(browser, 180, BRAND).convert("RGB").save(OUT / "apple-touch-icon.png", optimize=True)
        render(browser, 192).save(OUT / "icon-192.png", optimize=True)
        render(browser, 512).save(OUT / "icon-512.png", optimize=True)
        render(browser, 256).save(OUT / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
        browser.close()


if __name__ == "__main__":
    main()
