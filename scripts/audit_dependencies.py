"""Dependency audit that cannot pass by checking nothing (`make audit`, README "Security").

Runs pip-audit on the pinned lock file (no resolution, no install) and then checks its JSON
report: every pinned package must have been looked up in the vulnerability database. pip-audit
alone prints "No known vulnerabilities found" and exits 0 when the database cannot be reached for
a package ("Dependency not found on PyPI and could not be audited" is only a skip). Here that is
a failure, and so is a report that names fewer packages than the lock file pins.

Exit status: 0 every package audited and none vulnerable; 1 known vulnerabilities; 2 the audit
was incomplete or could not run (nothing to trust). Only the standard library is used, so the
script runs with any Python; pip-audit comes from its own virtual environment
(requirements-audit.lock, installed by `make audit`).

    python scripts/audit_dependencies.py [--pip-audit PATH] [LOCK_FILE] [-- extra pip-audit args]
    e.g. -- --vulnerability-service osv
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*==\s*([^\s;#\\]+)")

OK, VULNERABLE, INCOMPLETE = 0, 1, 2


def canonical(name: str) -> str:
    """PEP 503 normalised name (as pip-audit reports it)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pinned_packages(lock_file: Path) -> dict[str, str]:
    """name -> version for every `name==version` line of a pip lock file."""
    pins = {}
    for line in lock_file.read_text().splitlines():
        match = PIN.match(line)
        if match:
            pins[canonical(match.group(1))] = match.group(2)
    return pins


@dataclass
class Verdict:
    status: int
    audited: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    vulnerable: dict[str, list[str]] = field(default_factory=dict)

    def lines(self, pinned: int) -> list[str]:
        out = [f"Audited {len(self.audited)} of {pinned} pinned packages."]
        for name, reason in sorted(self.skipped.items()):
            out.append(f"  NOT AUDITED {name}: {reason}")
        for name in self.missing:
            out.append(f"  NOT AUDITED {name}: not in pip-audit's report")
        for name, ids in sorted(self.vulnerable.items()):
            out.append(f"  VULNERABLE {name}: {', '.join(ids)}")
        if self.status == INCOMPLETE:
            out.append(
                "AUDIT INCOMPLETE: the packages above were not checked against a vulnerability "
                "database (unreachable from this machine?). This is not a pass."
            )
        elif self.status == VULNERABLE:
            out.append("AUDIT FAILED: known vulnerabilities above; upgrade and re-lock.")
        else:
            out.append("Audit passed: every pinned package checked, no known vulnerabilities.")
        return out


def judge(report: dict, pins: dict[str, str]) -> Verdict:
    """The verdict on pip-audit's JSON report (`--format json`) for these pins."""
    verdict = Verdict(status=OK)
    reported = set()
    for dependency in report.get("dependencies", []):
        name = canonical(dependency["name"])
        reported.add(name)
        if dependency.get("skip_reason"):
            verdict.skipped[name] = dependency["skip_reason"]
            continue
        verdict.audited.append(name)
        ids = [vuln["id"] for vuln in dependency.get("vulns", [])]
        if ids:
            verdict.vulnerable[name] = ids
    verdict.missing = sorted(set(pins) - reported)
    if verdict.skipped or verdict.missing or not verdict.audited:
        verdict.status = INCOMPLETE
    elif verdict.vulnerable:
        verdict.status = VULNERABLE
    return verdict


def run_pip_audit(pip_audit: str, lock_file: Path, extra: list[str]) -> tuple[dict | None, str]:
    """pip-audit's JSON report (None when it wrote none) and its error output."""
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "report.json"
        result = subprocess.run(  # noqa: S603  a fixed tool with our own arguments
            [
                pip_audit,
                "--requirement",
                str(lock_file),
                "--no-deps",  # the lock file pins everything; nothing is resolved or installed
                "--disable-pip",
                "--progress-spinner",
                "off",
                "--format",
                "json",
                "--output",
                str(output),
                *extra,
            ],
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        try:
            return json.loads(output.read_text()), result.stderr
        except (OSError, ValueError):
            return None, result.stderr


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    extra = argv[argv.index("--") + 1 :] if "--" in argv else []
    argv = argv[: argv.index("--")] if "--" in argv else argv
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lock_file", nargs="?", default=str(ROOT / "requirements.lock"))
    parser.add_argument("--pip-audit", default=str(ROOT / ".venv-audit" / "bin" / "pip-audit"))
    args = parser.parse_args(argv)

    lock_file = Path(args.lock_file)
    pins = pinned_packages(lock_file)
    if not pins:
        print(f"AUDIT INCOMPLETE: no name==version pins in {lock_file}.", file=sys.stderr)
        return INCOMPLETE
    pip_audit = shutil.which(args.pip_audit)
    if pip_audit is None:
        print(
            f"AUDIT INCOMPLETE: pip-audit not found at {args.pip_audit} (run `make audit`, "
            "which installs it from requirements-audit.lock).",
            file=sys.stderr,
        )
        return INCOMPLETE
    report, errors = run_pip_audit(pip_audit, lock_file, extra)
    if report is None:
        last = [line for line in errors.splitlines() if line.strip()][-5:]
        print(
            "AUDIT INCOMPLETE: pip-audit wrote no report (vulnerability database unreachable?):",
            *("  " + line for line in last),
            sep="\n",
            file=sys.stderr,
        )
        return INCOMPLETE
    verdict = judge(report, pins)
    print("\n".join(verdict.lines(len(pins))), file=sys.stderr if verdict.status else sys.stdout)
    return verdict.status


if __name__ == "__main__":
    sys.exit(main())
