"""Where the satisfaction indicators read their numbers: the final questionnaires of mentors and mentees (stage 7).

The questionnaires come later; until an app provides their answers (`provide`, from its AppConfig.ready), every
organization has no data and the indicators say «нет данных»."""

import datetime
from collections.abc import Callable, Iterable

CODES = ("satisfaction_mentees", "satisfaction_mentors")

# organization ids, day → {organization id: {indicator code: (satisfied, answered)}}
Source = Callable[[Iterable[int], datetime.date], dict[int, dict[str, tuple[int, int]]]]
_sources: list[Source] = []


def provide(source: Source) -> None:
    """Called once by the app holding the final questionnaires."""
    _sources.append(source)


def by_organization(organization_ids: Iterable[int], day: datetime.date) -> dict[int, dict[str, tuple[int, int]]]:
    """(satisfied, answered) per organization and satisfaction indicator, from the answers given by `day`."""
    found: dict[int, dict[str, tuple[int, int]]] = {}
    organization_ids = list(organization_ids)
    for source in _sources:
        for organization, answers in source(organization_ids, day).items():
            found.setdefault(organization, {}).update(answers)
    return found
