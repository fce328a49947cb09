"""The arithmetic of the indicators, without the database."""

import datetime
import itertools

from monitoring import indicators as ind
from programmes.eligibility import age_on


def test_a_share_is_a_percentage_to_one_decimal():
    assert ind.share(1, 3) == 33.3
    assert ind.share(7, 7) == 100.0


def test_a_share_of_an_unknown_or_empty_denominator_is_unknown():
    assert ind.share(5, None) is None
    assert ind.share(5, 0) is None
    assert ind.share(None, 10) is None


def test_a_value_at_or_above_its_target_is_on_track_and_below_it_behind():
    assert ind.status(70.0, 70.0) == ind.ON_TRACK
    assert ind.status(69.9, 70.0) == ind.BEHIND


def test_no_value_is_no_data_before_anything_else_and_no_target_is_no_target():
    assert ind.status(None, 70.0) == ind.NO_DATA
    assert ind.status(None, None) == ind.NO_DATA
    assert ind.status(12.5, None) == ind.NO_TARGET


def test_the_seed_targets_run_from_2020_to_2024_in_a_straight_line_and_stay_after():
    assert [ind.default_target("mentees_10_19", y) for y in range(2019, 2027)] == [None, 10, 25, 40, 55, 70, 70, 70]
    assert ind.default_target("enterprises", 2022) == 16.0
    assert ind.default_target("satisfaction_mentors", 2021) == 58.8


def test_the_seed_sets_no_target_for_the_organizations_implementing_the_model():
    assert ind.default_target("organizations_implementing", 2026) is None


def test_every_indicator_of_the_issue_is_evaluated_in_its_order():
    values = ind.evaluate(ind.Counts(), {}, {}, {})
    assert [v.code for v in values] == ["mentees_10_19", "mentors_15_19", "young_teachers", "enterprises",
                                        "satisfaction_mentees", "satisfaction_mentors", "organizations_implementing"]


def test_evaluate_divides_the_counts_by_the_entered_denominators_and_compares_with_the_targets():
    counts = ind.Counts(mentees_10_19=30, mentors_15_19=4, young_teacher_mentees=3, enterprises=1,
                        organizations_implementing=2, organizations=3)
    values = {v.code: v for v in ind.evaluate(
        counts, {"children_10_19": 60, "children_15_19": 25, "young_teachers": 4},
        {"satisfaction_mentees": (17, 20)}, {"mentees_10_19": 40.0, "mentors_15_19": 20.0, "young_teachers": 70.0,
                                             "satisfaction_mentees": 85.0})}
    assert (values["mentees_10_19"].value, values["mentees_10_19"].status) == (50.0, ind.ON_TRACK)
    assert (values["mentors_15_19"].value, values["mentors_15_19"].status) == (16.0, ind.BEHIND)
    assert (values["young_teachers"].value, values["young_teachers"].status) == (75.0, ind.ON_TRACK)
    assert (values["enterprises"].numerator, values["enterprises"].denominator,
            values["enterprises"].value, values["enterprises"].status) == (1, None, None, ind.NO_DATA)
    assert (values["satisfaction_mentees"].value, values["satisfaction_mentees"].status) == (85.0, ind.ON_TRACK)
    assert (values["satisfaction_mentors"].numerator, values["satisfaction_mentors"].status) == (None, ind.NO_DATA)
    assert (values["organizations_implementing"].value,
            values["organizations_implementing"].status) == (66.7, ind.NO_TARGET)


def test_counts_of_two_parts_of_a_territory_add_up():
    assert ind.Counts(1, 2, 3, 0, 1, 2) + ind.Counts(10, 20, 30, 0, 0, 1) == ind.Counts(11, 22, 33, 0, 1, 3)


def test_born_between_holds_exactly_the_birth_dates_of_the_ages_eligibility_computes():
    days = [datetime.date(2026, 11, 22), datetime.date(2028, 2, 29), datetime.date(2027, 3, 1),
            datetime.date(2026, 1, 1)]
    for day, (youngest, oldest) in itertools.product(days, [ind.MENTEE_AGES, ind.MENTOR_AGES]):
        earliest, latest = ind.born_between(day, youngest, oldest)
        for born in (earliest + datetime.timedelta(days=shift) for shift in range(-400, (latest - earliest).days + 400, 3)):
            assert (earliest <= born <= latest) == (youngest <= age_on(born, day) <= oldest), (day, born)
        for edge in (earliest, latest):
            assert youngest <= age_on(edge, day) <= oldest
        assert age_on(earliest - datetime.timedelta(days=1), day) == oldest + 1
        assert age_on(latest + datetime.timedelta(days=1), day) == youngest - 1


def test_a_person_known_by_the_birth_year_only_is_taken_as_born_on_the_first_of_july():
    assert ind.birth_years_between(datetime.date(2026, 11, 22), 10, 19) == (2007, 2016)
    assert ind.birth_years_between(datetime.date(2026, 3, 1), 10, 19) == (2006, 2015)


def test_the_trend_ends_each_earlier_year_and_then_the_day_itself():
    assert ind.trend_days(datetime.date(2026, 11, 22), 3) == [datetime.date(2024, 12, 31), datetime.date(2025, 12, 31),
                                                              datetime.date(2026, 11, 22)]
