"""JSON-LD (schema.org) for pages, built from the same fields the templates show.

Every function returns plain dicts; `content.core.templatetags.seo_tags` renders each one in its
own `<script type="application/ld+json">` (a data block: browsers and CSP never execute it).

Page types add their own nodes by overriding `structured_data(request)` (see BasePage and
ClinicalReviewMixin in models.py); they should only state what the page visibly shows.
"""

from __future__ import annotations

import json
import re
from html import unescape

from django.templatetags.static import static
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from . import site_url
from .citations import MARKER_RE

SCHEMA = "https://schema.org"

# Same escapes as django.utils.html.json_script: the JSON cannot close the <script> element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def to_json_script(data: dict) -> SafeString:
    """Serialise one JSON-LD object for a `<script type="application/ld+json">` element.

    Like django.utils.html.json_script: <, > and & are escaped as JSON unicode escapes, so the
    text cannot end the element; HTML entity escaping would corrupt the JSON.
    """
    text = json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    # Escaped above, as json_script does.
    return mark_safe(text)  # noqa: S308  # nosec B308 B703


def root_url(request) -> str:
    """The public root URL (SITE_URL for the site it names, see content/core/site_url.py)."""
    return site_url.root_url(request)


def absolute(request, url: str) -> str:
    """An absolute URL on this site for a path, a full URL stays as it is."""
    return site_url.absolute(url, request)


def clinic_id(request) -> str:
    return f"{root_url(request)}/#clinic"


def person(person_obj) -> dict | None:
    """A Person snippet as schema.org Person, with its credentials (as shown on the page)."""
    if person_obj is None:
        return None
    node = {"@type": "Person", "name": person_obj.name}
    if person_obj.credentials:
        node["honorificSuffix"] = person_obj.credentials
        node["hasCredential"] = {
            "@type": "EducationalOccupationalCredential",
            "name": person_obj.credentials,
        }
    return node


def logo_url(clinic, request) -> str:
    if clinic.logo_id:
        return absolute(request, clinic.logo.get_rendition("max-512x512").url)
    return absolute(request, static("img/logo.png"))


def postal_address(street, locality, region, postal_code, country="US") -> dict | None:
    if not (street or locality):
        return None
    return {
        "@type": "PostalAddress",
        "streetAddress": street,
        "addressLocality": locality,
        "addressRegion": region,
        "postalCode": postal_code,
        "addressCountry": country,
    }


def clinic_organization(clinic, request) -> dict:
    """The site-wide MedicalClinic node from ClinicSettings (the footer shows the same details)."""
    node = {
        "@context": SCHEMA,
        "@type": "MedicalClinic",
        "@id": clinic_id(request),
        "name": clinic.clinic_name,
        "url": root_url(request) + "/",
        "logo": logo_url(clinic, request),
        "telephone": clinic.phone,
        "email": clinic.email,
    }
    address = postal_address(
        clinic.street_address, clinic.locality, clinic.region, clinic.postal_code
    )
    if address:
        node["address"] = address
    if clinic.tagline:
        node["slogan"] = clinic.tagline
    return node


def breadcrumb_ancestors(page) -> list:
    """The page's ancestors below the tree root (home first), fetched once per page instance.

    Shared by the visible breadcrumbs (site_tags.breadcrumbs) and the BreadcrumbList.
    """
    from content.core import fragments

    cached = getattr(page, "_breadcrumb_ancestors", None)
    if cached is None:

        def ancestors():
            fields = ("title", "url_path", "path", "depth")
            return list(page.get_ancestors().filter(depth__gt=1).only(*fields))

        # A new page being previewed has no pk (and no cached ancestors) yet.
        cached = fragments.cached(f"ancestors:{page.pk}", ancestors) if page.pk else ancestors()
        page._breadcrumb_ancestors = cached
    return cached


def breadcrumb_trail(page) -> list[tuple[str, object]]:
    """(label, page) pairs as templates/includes/breadcrumbs.html shows them: 'Home' first."""
    ancestors = breadcrumb_ancestors(page)
    if not ancestors:
        return []
    trail = [(gettext("Home") if a.depth == 2 else a.title, a) for a in ancestors]
    trail.append((page.title, page))
    return trail


def breadcrumb_list(page, request) -> dict | None:
    trail = breadcrumb_trail(page)
    if not trail:
        return None
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": label,
                "item": crumb.get_full_url(request),
            }
            for position, (label, crumb) in enumerate(trail, start=1)
        ],
    }


def plain_text(html: str) -> str:
    """Rich text as one line of plain text: tags dropped, entities decoded, blocks spaced."""
    spaced = re.sub(r"</(p|li|h[1-6])>|<br\s*/?>", " ", html or "")
    # Reference markers ([^key]) are links on the page, not words of the answer.
    return " ".join(MARKER_RE.sub("", unescape(strip_tags(spaced))).split())


def faq_entities(page) -> list[dict]:
    """Each faq_item block in the page body as a schema.org Question with its Answer."""
    body = getattr(page, "body", None)
    if not body:
        return []
    questions = []
    for block in body:
        if block.block_type != "faq_item":
            continue
        answer_html = block.value["answer"].source if block.value.get("answer") else ""
        questions.append(
            {
                "@type": "Question",
                "name": block.value["question"],
                "acceptedAnswer": {"@type": "Answer", "text": plain_text(answer_html)},
            }
        )
    return questions


def language(page) -> str:
    locale = getattr(page, "locale", None)
    return locale.language_code if locale else "en"


def web_page(page, request, page_type: str = "WebPage") -> dict:
    """The page itself. Pages with FAQ items are also an FAQPage listing each question."""
    url = page.get_full_url(request)
    node = {
        "@context": SCHEMA,
        "@type": page_type,
        "@id": f"{url}#webpage",
        "url": url,
        "name": page.title,
        "inLanguage": language(page),
        "publisher": {"@id": clinic_id(request)},
    }
    description = getattr(page, "meta_description", "") or page.search_description
    if description:
        node["description"] = description
    questions = faq_entities(page)
    if questions:
        node["@type"] = [page_type, "FAQPage"]
        node["mainEntity"] = questions
    return node


def page_structured_data(page, request, page_type: str = "WebPage") -> list[dict]:
    """Default nodes for any content page: the page and (except on home) its breadcrumbs."""
    nodes = [web_page(page, request, page_type)]
    crumbs = breadcrumb_list(page, request)
    if crumbs:
        nodes.append(crumbs)
    return nodes


def citation(value) -> dict:
    """A reference block's value as a CreativeWork (the references list shows the same fields)."""
    node = {
        "@type": "ScholarlyArticle" if value.get("kind") == "paper" else "CreativeWork",
        "name": value.get("title"),
        "publisher": {"@type": "Organization", "name": value.get("source")},
        "datePublished": str(value.get("year")),
    }
    link = value.link() if hasattr(value, "link") else value.get("url")
    if link:
        node["url"] = link
    if value.get("doi"):
        node["identifier"] = f"doi:{value['doi']}"
    return node


def publication_times(page) -> tuple[str | None, str | None]:
    """When the page was first published and last changed (its last publish), ISO 8601: the
    same two times in the JSON-LD (datePublished, dateModified) and the article:* meta tags."""
    first = getattr(page, "first_published_at", None)
    last = getattr(page, "last_published_at", None) or first
    return (first.isoformat() if first else None, last.isoformat() if last else None)


def medical_web_page(page, request) -> list[dict]:
    """A health page: MedicalWebPage with review details, authorship and citations."""
    nodes = page_structured_data(page, request, page_type="MedicalWebPage")
    node = nodes[0]
    node["medicalAudience"] = {"@type": "MedicalAudience", "audienceType": "Patient"}
    topic = getattr(page, "topic", None)
    node["about"] = {"@type": "Thing", "name": topic.name if topic else page.title}
    if page.last_reviewed:
        node["lastReviewed"] = page.last_reviewed.isoformat()
    reviewer = person(page.clinical_reviewer)
    if reviewer:
        node["reviewedBy"] = reviewer
    author = person(page.author)
    if author:
        node["author"] = author
    published, modified = publication_times(page)
    if published:
        node["datePublished"] = published
    if modified:
        node["dateModified"] = modified
    # In the order the page numbers them (first citation in the text first).
    citations = [citation(ref.value) for ref in page.citations.references]
    if citations:
        node["citation"] = citations
    return nodes


# Practice locations (the provider directory's ProviderPage) ------------------------------------

DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def opening_hours_specification(spans) -> list[dict]:
    """OpeningHoursSpecification entries from structured hours: each span has ``days``
    (1 = Monday ... 7 = Sunday) and ``opens``/``closes`` times (duck-typed, e.g.
    providers.hours.Span)."""
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": [f"{SCHEMA}/{DAYS[day - 1]}" for day in span.days],
            "opens": span.opens.strftime("%H:%M"),
            "closes": span.closes.strftime("%H:%M"),
        }
        for span in spans
    ]


PHYSICIAN_CREDENTIALS = re.compile(r"\b(MD|DO)\b")


def clinician(person_obj) -> dict:
    """A clinician at a location: a Person, also a Physician when they hold an MD or DO."""
    node = person(person_obj)
    if PHYSICIAN_CREDENTIALS.search(person_obj.credentials or ""):
        node["@type"] = ["Person", "Physician"]
    role = getattr(person_obj, "get_role_display", None)
    if role:
        node["jobTitle"] = role()
    return node


def practice_location(page, request) -> dict:
    """A practice location page as MedicalClinic (duck-typed on providers.ProviderPage fields)."""
    url = page.get_full_url(request)
    node = {
        "@context": SCHEMA,
        "@type": "MedicalClinic",
        "@id": f"{url}#location",
        "name": page.title,
        "url": url,
        "telephone": page.phone,
        "isAcceptingNewPatients": bool(page.accepting_new_patients),
    }
    description = getattr(page, "meta_description", "")
    if description:
        node["description"] = description
    address = postal_address(page.street_address, page.city, page.state, page.postal_code)
    if address:
        node["address"] = address
    if page.latitude is not None and page.longitude is not None:
        node["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": page.latitude,
            "longitude": page.longitude,
        }
    hours = opening_hours_specification(getattr(page, "opening_hours_spans", ()))
    if hours:
        node["openingHoursSpecification"] = hours
    services = [{"@type": "MedicalTherapy", "name": t.name} for t in page.treatments.all()]
    if services:
        node["availableService"] = services
    clinicians = [clinician(c) for c in page.clinicians.all()]
    if clinicians:
        node["employee"] = clinicians
    return node


def practice_location_structured_data(page, request) -> list[dict]:
    """Nodes for a provider page: the location and its breadcrumbs.

    ProviderPage uses it with:
        def structured_data(self, request):
            return practice_location_structured_data(self, request)
    """
    nodes = [practice_location(page, request)]
    crumbs = breadcrumb_list(page, request)
    if crumbs:
        nodes.append(crumbs)
    return nodes
