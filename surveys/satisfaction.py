"""The final questionnaires of mentees and mentors as the source of monitoring's satisfaction indicators."""

import datetime
from collections import defaultdict
from collections.abc import Iterable

from surveys import catalogue, results
from surveys.models import Answer, Campaign

# questionnaire code → the indicator its final wave feeds
INDICATORS = {"mentee_dynamics": "satisfaction_mentees", "mentor_dynamics": "satisfaction_mentors"}


def _satisfaction_scores(organization_ids: Iterable[int]):
    return Answer.objects.filter(
        response__campaign__organization__in=list(organization_ids),
        response__campaign__questionnaire__code__in=INDICATORS, item__kind="scale",
        item__text__startswith=catalogue.SATISFACTION, score__isnull=False)


def final_satisfaction(organization_ids: Iterable[int], day: datetime.date) -> dict[int, dict[str, tuple[int, int]]]:
    """Numbers only: (satisfied, answered) per organization, from the final answers given by `day`."""
    scores: dict[tuple[int, str], list[int]] = defaultdict(list)
    rows = _satisfaction_scores(organization_ids).filter(
        response__campaign__wave=Campaign.Wave.FINAL, response__answered_at__date__lte=day,
    ).values_list("response__campaign__organization", "response__campaign__questionnaire__code", "score")
    for organization, code, score in rows:
        scores[organization, INDICATORS[code]].append(score)
    found: dict[int, dict[str, tuple[int, int]]] = defaultdict(dict)
    for (organization, indicator), values in scores.items():
        found[organization][indicator] = results.satisfied(values)
    return dict(found)



def dynamics(organization_ids: Iterable[int], first: datetime.date, last: datetime.date) -> dict[str, list]:
    """Numbers only: indicator → results.dynamics of the satisfaction scores answered between `first` and `last`,
    entry → intermediate → final."""
    scores: dict[str, dict[str, list[int]]] = {code: defaultdict(list) for code in INDICATORS.values()}
    rows = _satisfaction_scores(organization_ids).filter(response__answered_at__date__range=(first, last)) \
        .values_list("response__campaign__questionnaire__code", "response__campaign__wave", "score")
    for code, wave, score in rows:
        scores[INDICATORS[code]][wave].append(score)
    return {indicator: results.dynamics(by_wave) for indicator, by_wave in scores.items()}
