"""The arithmetic of results on hand-worked data."""

from surveys import catalogue, results


def test_satisfaction_counts_scores_from_seven_of_ten():
    # 9, 7 satisfied; 6, 2 not → 2 of 4 = 50 %
    assert results.satisfied([9, 6, 7, 2]) == (2, 4)
    assert results.percent(2, 4) == 50.0
    assert results.percent(2, 3) == 66.7


def test_satisfaction_percent_is_none_when_nobody_answered():
    assert results.percent(0, 0) is None


def test_dynamics_gives_mean_and_change_from_entry_to_final():
    rows = results.dynamics({"entry": [4, 6], "intermediate": [6, 7], "final": [8, 9]})
    assert rows == [("entry", 5.0, None), ("intermediate", 6.5, 1.5), ("final", 8.5, 2.0)]


def test_dynamics_skips_a_missing_wave_and_compares_with_the_last_known():
    rows = results.dynamics({"entry": [5], "final": [8]})
    assert rows == [("entry", 5.0, None), ("intermediate", None, None), ("final", 8.0, 3.0)]


def test_every_ready_questionnaire_has_items_of_known_kinds_and_options_for_choices():
    kinds = {catalogue.SCALE, catalogue.SINGLE, catalogue.MULTIPLE, catalogue.TEXT}
    for title, _stage, _audience, items in catalogue.QUESTIONNAIRES.values():
        assert items, title
        for kind, _text, options in items:
            assert kind in kinds
            assert bool(options) == (kind in (catalogue.SINGLE, catalogue.MULTIPLE))


def test_the_final_questionnaires_of_mentees_and_mentors_carry_a_satisfaction_score():
    for code in ("mentee_dynamics", "mentor_dynamics"):
        items = catalogue.QUESTIONNAIRES[code][3]
        assert any(k == catalogue.SCALE and t.startswith(catalogue.SATISFACTION) for k, t, _ in items)
