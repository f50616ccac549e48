"""Mozilla HTTP Observatory grade per page type, scored offline.

tools/observatory/score.mjs feeds responses captured here (production security settings,
HTTPS, plus the plain-HTTP redirect) to the Observatory package's own tests and grader.
CI installs the package (`npm ci` in tools/observatory); elsewhere the test skips unless it
is installed.
"""

import json
import shutil
import subprocess

import pytest

from .conftest import PUBLIC_PAGES, ROOT

TOOL = ROOT / "tools" / "observatory"
HOST = "kapsite.example.com"
# Every public page type, including the form pages (CSRF cookie) and the error page.
SCORED_PAGES = {
    **PUBLIC_PAGES,
    "FAQ": "/learn/faq/",
    "provider directory": "/find-a-provider/",
    "directory (filtered)": "/find-a-provider/?location=94612",
    "provider page": "/find-a-provider/chelsea-kap-new-york/",
    "booking form": "/request-an-appointment/",
    "search results": "/search/?q=ketamine",
    "not found (404)": "/no-such-page/",
}


def capture(client, path):
    https = client.get(path, secure=True, headers={"host": HOST})
    http = client.get(path, secure=False, headers={"host": HOST})
    headers = [(k, v) for k, v in https.items()]
    headers += [("Set-Cookie", morsel.OutputString()) for morsel in https.cookies.values()]
    return {
        "url": f"https://{HOST}{path}",
        "status": https.status_code,
        "headers": headers,
        "body": https.content.decode(),
        "http": {"status": http.status_code, "headers": list(http.items())},
        "httpRedirects": [
            {"url": f"http://{HOST}{path}", "status": http.status_code},
            {"url": http.get("Location", ""), "status": https.status_code},
        ],
    }


def observatory_scores(pages: dict) -> dict:
    if not shutil.which("node") or not (TOOL / "node_modules" / "@mdn").exists():
        pytest.skip("run `npm ci --ignore-scripts` in tools/observatory first (CI does)")
    out = subprocess.run(
        ["node", str(TOOL / "score.mjs")],
        input=json.dumps({"pages": pages}),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(out.stdout)


@pytest.mark.django_db
def test_public_pages_score_a_plus(client, production_security):
    pages = {name: capture(client, url) for name, url in SCORED_PAGES.items()}
    pages["admin login"] = capture(client, "/admin/login/")
    for page in pages.values():
        assert page["http"]["status"] == 301
        assert page["httpRedirects"][1]["url"].startswith("https://")
    scores = observatory_scores(pages)
    report = {name: (s["grade"], s["score"]) for name, s in scores.items()}
    print("Observatory:", report)
    for name in SCORED_PAGES:
        failed = {t: v["result"] for t, v in scores[name]["tests"].items() if not v["pass"]}
        assert scores[name]["grade"] == "A+", (name, scores[name]["score"], failed)
    # The admin's documented looser CSP ('unsafe-inline' for Wagtail) costs points there.
    assert scores["admin login"]["score"] >= 80, scores["admin login"]


def test_the_scorer_can_fail():
    """A response with no security headers must not get an A."""
    bare = {
        "url": f"https://{HOST}/",
        "status": 200,
        "headers": [("Content-Type", "text/html")],
        "body": "<html></html>",
        "http": {"status": 200, "headers": [("Content-Type", "text/html")]},
        "httpRedirects": [{"url": f"http://{HOST}/", "status": 200}],
    }
    scores = observatory_scores({"bare": bare})
    assert scores["bare"]["grade"] in {"D", "D-", "D+", "E", "F"}
