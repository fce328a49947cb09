"""The printing of figures and the charts, without the database."""

from reports import charts
from reports.writing import change, number

PNG = b"\x89PNG\r\n\x1a\n"


def test_figures_print_with_a_decimal_comma_and_a_dash_for_none():
    assert [number(7), number(12.5), number(70.0), number(None)] == ["7", "12,5", "70,0", "—"]
    assert [change(3.0), change(-0.5), change(None)] == ["+3,0", "-0,5", "—"]


def test_every_chart_is_a_png_with_russian_labels_even_without_values():
    pictures = [
        charts.grouped_bars("Участники по формам", ["ученик – ученик"], {"наставники": [3], "наставляемые": [5]}),
        charts.stacked_bars("Пары", ["ученик – ученик", "учитель – учитель"], {"действует": [2, 1], "завершена": [1, 0]}),
        charts.against_targets("Показатели", ["Дети 10–19 лет"], [None], [70.0]),
        charts.by_wave("Удовлетворённость", ["входная", "итоговая"], {"Наставляемые": [5.5, None]}),
    ]
    assert all(picture.startswith(PNG) for picture in pictures)
