"""The charts of a report as PNG pictures (matplotlib without pyplot, so no global state and no display): bars by
form, pairs by state, indicators against their targets, satisfaction by wave. No Django."""

import io

from matplotlib.figure import Figure

WIDTH = 7.5  # inches: the text width of an A4 page with 2 cm margins, as the DOCX places the pictures
COLOURS = ["#2f6fb0", "#e0883a", "#4f9d57", "#b84a4a", "#8a6bb8"]


def _png(figure: Figure) -> bytes:
    figure.tight_layout()
    stream = io.BytesIO()
    figure.savefig(stream, format="png", dpi=120)
    return stream.getvalue()


def _figure(rows: int) -> tuple[Figure, object]:
    figure = Figure(figsize=(WIDTH, 1.6 + 0.45 * max(rows, 1)))
    return figure, figure.subplots()


def grouped_bars(title: str, labels: list[str], series: dict[str, list[float]]) -> bytes:
    """Horizontal bars: a group per label, a bar per series (e.g. mentors and mentees of each form)."""
    figure, axes = _figure(len(labels) * max(len(series), 1) // 2 + 1)
    height = 0.8 / max(len(series), 1)
    for index, (name, values) in enumerate(series.items()):
        positions = [i + index * height for i in range(len(labels))]
        axes.barh(positions, values, height=height, label=name, color=COLOURS[index % len(COLOURS)])
    axes.set_yticks([i + height * (len(series) - 1) / 2 for i in range(len(labels))], labels)
    axes.invert_yaxis()
    axes.set_title(title)
    _legend(axes, len(series))
    return _png(figure)


def _legend(axes, entries: int) -> None:
    """The legend under the chart, so it never covers a bar."""
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncols=min(entries, 5), fontsize="small",
                frameon=False)


def stacked_bars(title: str, labels: list[str], parts: dict[str, list[int]]) -> bytes:
    """Horizontal bars, each split into parts (e.g. the pairs of a form by state)."""
    figure, axes = _figure(len(labels))
    left = [0] * len(labels)
    for index, (name, values) in enumerate(parts.items()):
        axes.barh(labels, values, left=left, label=name, color=COLOURS[index % len(COLOURS)])
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.invert_yaxis()
    axes.set_title(title)
    _legend(axes, len(parts))
    return _png(figure)


def against_targets(title: str, labels: list[str], values: list[float | None], targets: list[float | None]) -> bytes:
    """A bar per indicator with its target as a mark; an indicator without a value has no bar."""
    figure, axes = _figure(len(labels))
    axes.barh(labels, [v or 0 for v in values], color=COLOURS[0], label="значение, %")
    marked = [(label, target) for label, target in zip(labels, targets, strict=True) if target is not None]
    if marked:
        axes.scatter([t for _, t in marked], [label for label, _ in marked], marker="|", s=400, color=COLOURS[3],
                     label="цель, %", zorder=3)
    axes.set_xlim(0, 100)
    axes.invert_yaxis()
    axes.set_title(title)
    _legend(axes, 2)
    return _png(figure)


def by_wave(title: str, waves: list[str], series: dict[str, list[float | None]]) -> bytes:
    """The mean score of each group in each wave (entry → intermediate → final); a wave without answers is a gap."""
    figure = Figure(figsize=(WIDTH, 3.2))
    axes = figure.subplots()
    for index, (name, means) in enumerate(series.items()):
        axes.plot(waves, [float("nan") if m is None else m for m in means], marker="o", label=name,
                  color=COLOURS[index % len(COLOURS)])
    axes.set_ylim(0, 10)
    axes.set_ylabel("средний балл (1–10)")
    axes.set_title(title)
    _legend(axes, len(series))
    return _png(figure)
