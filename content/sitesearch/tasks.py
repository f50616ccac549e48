"""Background work for site search."""

from django_tasks import task

from . import vocabulary


@task()
def rebuild_vocabulary(requested_at: float = 0.0) -> int:
    """Rebuild the spelling vocabulary from the published content (see vocabulary.py), unless
    this process has started a rebuild since it was requested. Returns the number of words, or
    -1 when skipped."""
    if requested_at and requested_at < vocabulary.LAST_REBUILD["started"]:
        return -1
    return vocabulary.rebuild()
