"""The roadmaps of the seeds as ready templates a user copies and adapts: the school roadmap (seed 000), the
municipal one with its December control points (001), the regional seven-stage one (002), the teachers' one
(003) and the regional teachers' one (004), kept as data in catalogue/*.json. No Django here."""

import datetime
import json
from dataclasses import dataclass
from pathlib import Path

FOLDER = Path(__file__).with_name("catalogue")


@dataclass(frozen=True)
class Row:
    """One row of a roadmap as a table holds it: a section heading, or an item of the current section."""

    number: str
    activity: str
    term: str = ""
    responsible: str = ""
    result: str = ""
    section: bool = False
    control_point: bool = False
    confirmed_by: str = ""  # the product's record that completes the item, as Item.confirmed_by
    line: int = 0  # the row of the file it came from; 0 for a template


@dataclass(frozen=True)
class Template:
    code: str
    name: str
    level: str  # the kind of organization it is written for: school, municipality, region
    title: str
    starts_on: datetime.date
    ends_on: datetime.date
    rows: tuple[Row, ...]


def _load(path: Path) -> Template:
    data = json.loads(path.read_text(encoding="utf-8"))
    rows = []
    for section in data["sections"]:
        if section["title"]:
            rows.append(Row(section["number"], section["title"], section=True))
        rows += [Row(item["number"], item["activity"], item["term"], item["responsible"], item["result"],
                     control_point=item.get("control_point", False), confirmed_by=item.get("confirmed_by", ""))
                 for item in section["items"]]
    return Template(data["code"], data["name"], data["level"], data["title"],
                    datetime.date.fromisoformat(data["starts_on"]), datetime.date.fromisoformat(data["ends_on"]),
                    tuple(rows))


TEMPLATES: dict[str, Template] = {t.code: t for t in map(_load, sorted(FOLDER.glob("*.json")))}
