"""The sample providers are fictional but must be self-consistent (issue 20, item 9): one set of
credentials per clinician, telehealth only where a clinician there is licensed, and the site's
name says it is a sample."""

import csv
import re
from collections import defaultdict

import yaml

from content.core.initial_content import FIXTURES_DIR

PROVIDERS = FIXTURES_DIR / "providers" / "providers.csv"
CLINICIANS = FIXTURES_DIR / "providers" / "clinicians.csv"


def rows(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def person(name: str) -> str:
    """'Dr. Ana Alder (sample)' -> 'ana alder': the same person with or without the title."""
    return re.sub(r"^Dr\.\s+|\s*\(sample\)$", "", name).strip().casefold()


def test_each_sample_clinician_has_one_set_of_credentials():
    identities = defaultdict(set)
    holders = defaultdict(set)
    for row in rows(CLINICIANS):
        licence = (
            row["credentials"],
            row["licence_type"],
            row["licence_number"],
            row["licence_state"],
        )
        identities[person(row["name"])].add((row["name"].startswith("Dr. "), *licence))
        holders[row["licence_number"]].add(person(row["name"]))
        assert row["name"].endswith("(sample)"), row["name"]
    contradictory = {name: ids for name, ids in identities.items() if len(ids) > 1}
    assert contradictory == {}
    shared = {number: names for number, names in holders.items() if len(names) > 1}
    assert shared == {}


def test_telehealth_states_are_where_a_clinician_there_is_licensed():
    licensed = defaultdict(set)
    for row in rows(CLINICIANS):
        licensed[row["provider_slug"]].add(row["licence_state"])
    problems = {}
    for row in rows(PROVIDERS):
        states = {s.strip() for s in re.split(r"[;,]", row["telehealth_states"]) if s.strip()}
        if row["telehealth"] == "yes" and not states <= licensed[row["slug"]]:
            problems[row["slug"]] = sorted(states - licensed[row["slug"]])
        if row["in_person"] != "no" and row["state"]:
            assert row["state"] in licensed[row["slug"]], row["slug"]
    assert problems == {}


def test_the_sample_site_says_so_in_its_name():
    site = yaml.safe_load((FIXTURES_DIR / "site.yaml").read_text(encoding="utf-8"))
    assert "(sample" in site["home"]["site_name"]
    assert "(sample" in site["clinic"]["clinic_name"]
    for row in rows(PROVIDERS):
        assert row["is_sample"] == "yes" and "(sample)" in row["name"], row["slug"]
