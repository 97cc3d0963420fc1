"""Where each kind of page is published, shared by the link checker and the renderer."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from laa_publish.model.entities import Partnership

PARTNER_GUIDE = "for-partners/guide.md"
DATA_ERRORS = "for-partners/data-errors.md"
SCHEMAS_PAGE = "for-partners/schemas.md"
ALIGNMENT_PAGE = "partnership/alignment.md"
BUDGETS_PAGE = "partnership/budgets.md"
BENEFITS_PAGE = "partnership/benefits.md"
ACCESSIBILITY_PAGE = "about/accessibility.md"
RELEASE_CALENDAR = "about/release-calendar.md"
REVISIONS_PAGE = "about/revisions.md"
AUDIT_FILES = ("downloads/revisions.csv", "datapackage.json")
FIXED_PAGES = (
    "index.md",
    "outcomes/index.md",
    "indicators/index.md",
    "areas/index.md",
    "partners/index.md",
    "about/method.md",
    "about/downloads.md",
    ACCESSIBILITY_PAGE,
    PARTNER_GUIDE,
    DATA_ERRORS,
    SCHEMAS_PAGE,
    ALIGNMENT_PAGE,
    BUDGETS_PAGE,
    BENEFITS_PAGE,
    RELEASE_CALENDAR,
    REVISIONS_PAGE,
)
SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
SCHEMA_VERSION = "v1"


def indicator_page(ident: str) -> str:
    """Where an indicator's page lives."""
    return f"indicators/{ident}.md"


def outcome_page(ident: str) -> str:
    """Where an outcome's page lives."""
    return f"outcomes/{ident}.md"


def area_page(code: str) -> str:
    """Where an area's page lives."""
    return f"areas/{code}.md"


def partner_page(ident: str) -> str:
    """Where a partner's page lives."""
    return f"partners/{ident}.md"


def content_target(path: str) -> str:
    """Where a file under content/ is published: the same place below the site root."""
    return str(PurePosixPath(path).relative_to("content"))


def published_schemas() -> dict[str, Path]:
    """Each packaged JSON Schema by the stable site path editors can point at."""
    return {
        f"schemas/{SCHEMA_VERSION}/{path.name}": path
        for path in sorted(SCHEMA_DIR.glob("*.schema.json"))
    }


def published_pages(p: Partnership) -> set[str]:
    """Every page path the build will generate, for checking partners' relative links."""
    pages = set(FIXED_PAGES)
    pages |= {outcome_page(i) for i in p.outcomes}
    pages |= {indicator_page(i) for i in p.indicators}
    pages |= {area_page(c) for c in p.areas}
    pages |= {partner_page(i) for i in p.partners}
    pages |= {content_target(path) for path in p.pages}
    pages |= {f"downloads/{i}.csv" for i in p.indicators}
    pages |= set(published_schemas())
    pages |= set(AUDIT_FILES)
    return pages
