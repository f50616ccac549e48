"""The Spanish interface catalogue is complete, compiled from the committed .po, and consistent.

Every msgid has a Spanish msgstr (all plural forms), none is marked fuzzy, and each committed
.mo is exactly what ``msgfmt --check-format`` (what ``manage.py compilemessages`` runs) makes from
its .po: a .po edited without recompiling fails here.
"""

import ast
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

LOCALE_DIR = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES"
DOMAINS = ["django"]


def parse_po(text: str) -> list[dict]:
    """Entries as {"flags", "msgctxt", "msgid", "msgid_plural", "msgstr": {index: text}}."""
    entries, current, key = [], None, None
    for line in [*text.splitlines(), ""]:
        line = line.strip()
        if not line:
            if current is not None:
                entries.append(current)
            current, key = None, None
            continue
        if current is None:
            current = {"flags": set(), "msgstr": {}}
        if line.startswith("#,"):
            current["flags"].update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$', line)
        if match:
            keyword, index, value = match.group(1), match.group(2), ast.literal_eval(match.group(3))
            if keyword.startswith("msgstr"):
                key = ("msgstr", int(index) if index is not None else 0)
                current["msgstr"][key[1]] = value
            else:
                key = (keyword, None)
                current[keyword] = value
        else:  # a continuation line of the previous string
            value = ast.literal_eval(line)
            if key[0] == "msgstr":
                current["msgstr"][key[1]] += value
            else:
                current[key[0]] += value
    return entries


def catalogue(domain):
    path = LOCALE_DIR / f"{domain}.po"
    return path, parse_po(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_entry_is_translated_and_none_is_fuzzy(domain):
    path, entries = catalogue(domain)
    header, messages = entries[0], entries[1:]
    assert header["msgid"] == "" and "Language: es" in header["msgstr"][0]
    assert "fuzzy" not in header["flags"], f"{path.name}: the header is still marked fuzzy"
    assert len(messages) > 100
    nplurals = int(re.search(r"nplurals=(\d+)", header["msgstr"][0]).group(1))
    untranslated = []
    for entry in messages:
        assert "fuzzy" not in entry["flags"], f"fuzzy: {entry['msgid']!r}"
        expected = nplurals if "msgid_plural" in entry else 1
        strings = [entry["msgstr"].get(i, "") for i in range(expected)]
        if not all(s.strip() for s in strings):
            untranslated.append(entry["msgid"])
    assert not untranslated, f"{path.name}: untranslated {untranslated}"


@pytest.mark.parametrize("domain", DOMAINS)
def test_placeholders_and_markup_are_kept(domain):
    """The same %(name)s placeholders and the same HTML tags in the English and the Spanish."""
    _, entries = catalogue(domain)
    placeholder = re.compile(r"%\(\w+\)[sd]|%[sd]")
    tag = re.compile(r"</?[a-z]+")
    for entry in entries[1:]:
        english = entry.get("msgid_plural", entry["msgid"])
        for spanish in entry["msgstr"].values():
            assert sorted(placeholder.findall(spanish)) == sorted(placeholder.findall(english)), (
                entry["msgid"]
            )
            assert sorted(tag.findall(spanish)) == sorted(tag.findall(english)), entry["msgid"]


@pytest.mark.parametrize("domain", DOMAINS)
def test_compiled_catalogue_matches_the_po_file(domain, tmp_path):
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip(
            "msgfmt (GNU gettext) is not installed, so the .mo cannot be rebuilt to compare"
        )
    po, mo = LOCALE_DIR / f"{domain}.po", LOCALE_DIR / f"{domain}.mo"
    assert mo.exists(), f"{mo.name} is missing: run manage.py compilemessages"
    fresh = tmp_path / mo.name
    # The command compilemessages runs; --check-format also fails on a broken placeholder.
    subprocess.run([msgfmt, "--check-format", "-o", fresh, po], check=True)  # noqa: S603
    assert fresh.read_bytes() == mo.read_bytes(), (
        f"{mo.name} is not compiled from the current {po.name}: run manage.py compilemessages"
    )
