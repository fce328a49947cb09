"""What a viewer may see of a participant — decided here once, for the card, the pair card and the API.

Inside the organization its staff see the whole record; a participant sees their own record and a legal
representative their child's. Of others, people see what their work needs: a mentor sees of a mentee the
name, class and the contact the school recorded (not the date of birth, the parents, consents or notes); a
mentee and their parent see of the mentor the name, organization and contact, and the class of a pupil or
student mentor. Anyone else who meets a participant (another mentee of a group) sees the name only. Above the
organization nobody is seen at all (accounts.scoping)."""

from accounts.models import Role
from accounts.scoping import may, personal_participant_ids, sees_people
from people.models import LEARNERS

NAME = frozenset({"last_name", "first_name", "middle_name"})
CONTACT = frozenset({"email", "phone"})
CLASS = frozenset({"grade", "grade_letter"})
# Every field and section of the card; the API's fields are named the same.
EVERYTHING = NAME | CONTACT | CLASS | frozenset({
    "organization", "birth_date", "sex", "category", "teaching_experience_years", "professional_experience_years",
    "interests", "is_mentor", "is_mentee",
    "mentor_profile", "mentee_profile", "requests", "consents", "pairs"})
OF_MENTEE = NAME | CLASS | CONTACT | {"organization"}
OF_MENTOR = NAME | CONTACT | {"organization"}


def fields_for(user, participant) -> frozenset[str]:
    """The fields and sections of `participant` that `user` may see."""
    from pairs.models import PairMentee

    if not user.is_authenticated:
        return frozenset()
    if may(user, "view_people", participant.organization):
        return EVERYTHING
    if personal_participant_ids(user).filter(participant=participant).exists():
        return EVERYTHING
    live = PairMentee.objects.live()
    if live.filter(mentee=participant, pair__mentor__in=personal_participant_ids(user, Role.MENTOR)).exists():
        return OF_MENTEE
    mine = personal_participant_ids(user, Role.MENTEE, Role.REPRESENTATIVE)
    if live.filter(pair__mentor=participant, mentee__in=mine).exists():
        return OF_MENTOR | (CLASS if participant.category in LEARNERS else frozenset())
    # Another mentee of a group sees the names on the pair card; above the organization, nothing.
    return NAME if sees_people(user) else frozenset()
