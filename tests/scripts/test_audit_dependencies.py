"""scripts/audit_dependencies.py: an audit that checked nothing is a failure, never a pass."""

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "audit_dependencies.py"
PIP_AUDIT = ROOT / ".venv-audit" / "bin" / "pip-audit"

spec = importlib.util.spec_from_file_location("audit_dependencies", SCRIPT)
audit = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = audit  # dataclasses look their module up
spec.loader.exec_module(audit)

PINS = {"django": "5.2.19", "wagtail": "7.4.4"}


def skipped(name, version):
    # pip-audit 2.10's JSON for a package its service could not look up.
    reason = f"Dependency not found on PyPI and could not be audited: {name} ({version})"
    return {"name": name, "skip_reason": reason}


def audited(name, version, *vuln_ids):
    return {
        "name": name,
        "version": version,
        "vulns": [
            {"id": i, "fix_versions": [], "aliases": [], "description": ""} for i in vuln_ids
        ],
    }


def test_every_pin_of_the_lock_file_is_read():
    pins = audit.pinned_packages(ROOT / "requirements.lock")
    lines = [line for line in (ROOT / "requirements.lock").read_text().splitlines() if "==" in line]
    assert len(pins) == len(lines)
    assert pins["django"].startswith("5.2.") and pins["wagtail"].startswith("7.4.")


def test_a_report_where_every_package_was_skipped_is_incomplete_not_a_pass():
    report = {"dependencies": [skipped(n, v) for n, v in PINS.items()], "fixes": []}
    verdict = audit.judge(report, PINS)
    assert verdict.status == audit.INCOMPLETE
    assert verdict.audited == [] and set(verdict.skipped) == set(PINS)
    assert "AUDIT INCOMPLETE" in verdict.lines(len(PINS))[-1]


def test_one_skipped_package_makes_the_audit_incomplete():
    report = {"dependencies": [audited("django", "5.2.19"), skipped("wagtail", "7.4.4")]}
    assert audit.judge(report, PINS).status == audit.INCOMPLETE


def test_a_pinned_package_missing_from_the_report_makes_it_incomplete():
    verdict = audit.judge({"dependencies": [audited("Django", "5.2.19")]}, PINS)
    assert verdict.status == audit.INCOMPLETE
    assert verdict.missing == ["wagtail"]


def test_an_empty_report_is_incomplete():
    assert audit.judge({"dependencies": []}, {}).status == audit.INCOMPLETE


def test_known_vulnerabilities_fail():
    report = {"dependencies": [audited("django", "5.2.19", "PYSEC-0000-1"), audited("wagtail", "")]}
    verdict = audit.judge(report, PINS)
    assert verdict.status == audit.VULNERABLE
    assert verdict.vulnerable == {"django": ["PYSEC-0000-1"]}


def test_every_package_audited_and_clean_passes():
    report = {"dependencies": [audited(n, v) for n, v in PINS.items()]}
    verdict = audit.judge(report, PINS)
    assert verdict.status == audit.OK
    assert verdict.lines(len(PINS))[0] == "Audited 2 of 2 pinned packages."


def run_script(*args, env=None):
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **(env or {})},
        check=False,
    )


def test_without_pip_audit_the_script_fails_loudly(tmp_path):
    result = run_script("--pip-audit", str(tmp_path / "no-pip-audit"))
    assert result.returncode == audit.INCOMPLETE
    assert "AUDIT INCOMPLETE: pip-audit not found" in result.stderr


@pytest.mark.skipif(
    not PIP_AUDIT.exists(), reason="pip-audit is installed by `make audit` (.venv-audit)"
)
def test_real_pip_audit_that_cannot_reach_its_database_is_not_a_pass(tmp_path):
    lock = tmp_path / "requirements.lock"
    lock.write_text("django==5.2.19\n")
    # Every HTTPS request goes to a closed local port: no vulnerability database answers.
    proxy = {"HTTPS_PROXY": "http://127.0.0.1:1", "https_proxy": "http://127.0.0.1:1"}
    result = run_script(str(lock), env=proxy)
    assert result.returncode == audit.INCOMPLETE, result.stdout + result.stderr
    assert "AUDIT INCOMPLETE" in result.stderr
