"""Numbers of campaigns a page has already scoped (`Campaign.objects.visible_to`): how many were asked and answered,
satisfaction and the dynamics of the scale items by organization, form and pair. Rows read here are counted, never
listed: the only names a page shows come from `visible_to` of the user (people.Participant, pairs.Pair)."""

from collections import defaultdict

from django.db.models import Count

from pairs.models import Pair, PairMentee
from surveys import catalogue, results
from surveys.models import Answer, Campaign, Item


def _counted(campaigns, key: str):
    return campaigns.annotate(asked=Count("recipients", distinct=True),
                              answered=Count("responses", distinct=True)).values_list(key, "asked", "answered")


def progress(campaigns) -> dict[int, tuple[int, int]]:
    """(asked, answered) per campaign; a territory's campaign counts its parts."""
    ids = [c.pk for c in campaigns]
    counts = {pk: (asked, answered) for pk, asked, answered in _counted(Campaign.objects.filter(pk__in=ids), "pk")}
    for whole, asked, answered in _counted(Campaign.objects.filter(part_of__in=ids), "part_of"):
        counts[whole] = (counts[whole][0] + asked, counts[whole][1] + answered)
    return counts


def by_part(campaign: Campaign) -> list[tuple[str, int, int]]:
    """A territory's campaign: (organization, asked, answered) of each part — numbers only."""
    parts = list(campaign.parts.select_related("organization").order_by("organization__name"))
    counts = progress(parts)
    return [(part.organization.name, *counts[part.pk]) for part in parts]


def _pairs_of(participant_ids: set[int]) -> dict[int, tuple[int, str]]:
    """The latest pair of each respondent (as mentor or mentee): (pair id, form name)."""
    found: dict[int, tuple] = {}
    mentees = PairMentee.objects.filter(mentee__in=participant_ids).values_list(
        "mentee", "pair", "pair__form__name", "pair__start_date")
    mentors = Pair.objects.filter(mentor__in=participant_ids).values_list("mentor", "pk", "form__name", "start_date")
    for person, pair, form, _start in sorted([*mentees, *mentors], key=lambda row: (row[3], row[1])):
        found[person] = (pair, form)
    return found


def _means(rows) -> dict[str, list]:
    """{characteristic: [(wave, mean, change) × 3]} of (item text, wave, score) rows."""
    grouped: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for text, wave, score in rows:
        grouped[text][wave].append(score)
    return {text: results.dynamics(waves) for text, waves in grouped.items()}


def scores(campaigns) -> dict:
    """Satisfaction per wave and the dynamics of every scale item: overall, by organization, form and pair id."""
    rows = list(Answer.objects.filter(response__campaign__in=campaigns, item__kind=Item.Kind.SCALE,
                                      score__isnull=False).values_list(
        "item__position", "item__text", "response__campaign__wave", "response__campaign__organization__name",
        "response__participant", "score").order_by("item__position"))
    pairs = _pairs_of({row[4] for row in rows if row[4]})
    overall, organizations, forms, by_pair = [], defaultdict(list), defaultdict(list), defaultdict(list)
    satisfaction: dict[str, list[int]] = defaultdict(list)
    for _, text, wave, organization, participant, score in rows:
        overall.append((text, wave, score))
        organizations[organization].append((text, wave, score))
        if participant in pairs:
            pair, form = pairs[participant]
            forms[form].append((text, wave, score))
            by_pair[pair].append((text, wave, score))
        if text.startswith(catalogue.SATISFACTION):
            satisfaction[wave].append(score)
    return {
        "satisfaction": [(wave, *results.satisfied(satisfaction.get(wave, ())),
                          results.percent(*results.satisfied(satisfaction.get(wave, ())))) for wave in results.WAVES],
        "overall": _means(overall),
        "by_organization": {name: _means(group) for name, group in sorted(organizations.items())},
        "by_form": {name: _means(group) for name, group in sorted(forms.items())},
        "by_pair": {pk: _means(group) for pk, group in by_pair.items()},
    }
