"""The questionnaires of stages 2–3 fill the profiles matching reads, by the one path of the person's own stage 2–3
questionnaire (`logins.actions.save_questionnaire`, which writes through people.actions and notes the change for
the curator): the mentee's needs become a request, the mentor's «Чем я могу быть полезен» the profile's answer.

The questionnaires of stages 4–5 hold nothing a profile has a place for: training needs and the preferences after
the group meeting (these name people in free text; matching keeps them on its own page) stay answers."""

from logins.actions import save_questionnaire
from people.models import MenteeRequest
from surveys.models import Item

# The options of «В чём вам нужна помощь наставника?» (surveys.catalogue) as the areas of a request.
AREAS = {"учёба": MenteeRequest.Area.STUDY, "профессиональное самоопределение": MenteeRequest.Area.CAREER,
         "проектная деятельность": MenteeRequest.Area.CREATIVE, "адаптация в коллективе": MenteeRequest.Area.ADAPTATION,
         "личностное развитие": MenteeRequest.Area.PERSONAL}
REQUEST_LENGTH = 500


def _said(cleaned: list[tuple[Item, dict]]) -> tuple[list[str], str]:
    """The options chosen in the questionnaire's multiple-choice item and its free text, joined."""
    chosen = [c for item, fields in cleaned if item.kind == Item.Kind.MULTIPLE for c in fields["choices"]]
    text = " ".join(fields["text"].strip() for item, fields in cleaned if item.kind == Item.Kind.TEXT).strip()
    return chosen, text


def fill(code: str, participant, cleaned: list[tuple[Item, dict]], *, actor) -> None:
    chosen, text = _said(cleaned)
    said = "; ".join(part for part in (", ".join(chosen), text) if part)
    if code == "mentee_needs" and participant.is_mentee and said:
        save_questionnaire(participant, actor=actor, interests=participant.interests,
                           request_text=said[:REQUEST_LENGTH],
                           request_area=AREAS.get(chosen[0], MenteeRequest.Area.OTHER) if chosen
                           else MenteeRequest.Area.OTHER)
    elif code == "mentor_usefulness" and participant.is_mentor and said:
        save_questionnaire(participant, actor=actor, interests=participant.interests, useful_for=said)
