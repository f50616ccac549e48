import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
ENV_READ = re.compile(
    r"""env(?:\.\w+)?\(\s*["']([A-Z][A-Z0-9_]+)["']|_required\(\s*["']([A-Z][A-Z0-9_]+)["']"""
)
SCHEMA_KEY = re.compile(r"^\s{4}([A-Z][A-Z0-9_]+)=\(", re.M)


def variables_read_by_settings():
    names = set()
    for path in (ROOT / "kapsite" / "settings").glob("*.py"):
        text = path.read_text()
        for match in ENV_READ.finditer(text):
            names.add(match.group(1) or match.group(2))
        names.update(SCHEMA_KEY.findall(text))
    return names


def test_env_example_documents_every_setting():
    documented = set(
        re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M)
    )
    missing = variables_read_by_settings() - documented
    assert not missing, f".env.example does not mention: {sorted(missing)}"
    assert "SECRET_KEY" in documented
