"""The demo's questionnaires, through surveys.actions: the home school's mentees and mentors answered the entry
and intermediate waves (closed), the final wave of mentees is open with part of the answers in, the mentors'
final one closed — so the satisfaction indicators show values and the dynamics have three points."""

import datetime
import random

from surveys import actions
from surveys.models import Campaign, Questionnaire

# wave → (mean satisfaction score, closed)
_WAVES = {Campaign.Wave.ENTRY: (5, True), Campaign.Wave.INTERMEDIATE: (7, True), Campaign.Wave.FINAL: (8, False)}


def _values(questionnaire: Questionnaire, rng: random.Random, mean: int) -> dict[int, object]:
    values: dict[int, object] = {}
    for item in questionnaire.items.all():
        if item.kind == item.Kind.SCALE:
            values[item.pk] = max(1, min(10, mean + rng.randint(-3, 2)))
        elif item.kind == item.Kind.TEXT:
            values[item.pk] = "Стало понятнее, что делать дальше"
        else:
            values[item.pk] = item.options[0] if item.kind == item.Kind.SINGLE else item.options[:2]
    return values


def make_surveys(pairs, *, seed: int, today: datetime.date, curator) -> None:
    rng = random.Random(seed)
    school = pairs[0].organization  # the home school, whose curator the demo has
    pairs = [pair for pair in pairs if pair.organization_id == school.pk]
    mentees = [m.mentee for pair in pairs for m in pair.mentees.all()]
    mentors = list({pair.mentor_id: pair.mentor for pair in pairs}.values())
    for code, people in (("mentee_dynamics", mentees), ("mentor_dynamics", mentors)):
        questionnaire = Questionnaire.objects.get(code=code)
        for days_ago, (wave, (mean, closed)) in zip((90, 45, 5), _WAVES.items(), strict=True):
            closed = closed or code == "mentor_dynamics" and wave == Campaign.Wave.FINAL
            campaign = Campaign.objects.create(organization=school, questionnaire=questionnaire, wave=wave,
                                               opened_on=today - datetime.timedelta(days=days_ago),
                                               created_by=curator)
            people = [p for p in people if p.organization_id == school.pk]  # mentors from partners answer there
            campaign.recipients.set(people)
            answering = people if closed else people[: max(1, len(people) * 2 // 3)]
            for person in answering:
                actions.answer(campaign, person, _values(questionnaire, rng, mean), by=curator)
            if closed:
                actions.close(campaign, by=curator)
