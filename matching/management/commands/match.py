import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from matching import actions, engine
from organizations.models import Organization
from programmes.models import MentorshipForm

SCOPES = {"org": Organization.EDUCATIONAL_KINDS, "municipality": (Organization.Kind.MUNICIPALITY,),
          "region": (Organization.Kind.REGION,)}


class Command(BaseCommand):
    help = ("Подбор наставников наставляемым в организации, муниципалитете или регионе: сначала как можно больше "
            "пар, затем наибольшая сумма оценок. Без --apply ничего не записывает.")

    def add_arguments(self, parser):
        scope = parser.add_mutually_exclusive_group(required=True)
        for option in SCOPES:
            scope.add_argument(f"--{option}", metavar="CODE", help="код организации, муниципалитета или региона")
        parser.add_argument("--form", help="код формы наставничества (по умолчанию все формы сразу)")
        parser.add_argument("--start", help="дата начала пар, ДД.ММ.ГГГГ (по умолчанию сегодня)")
        parser.add_argument("--apply", action="store_true", help="создать предложенные пары (ждут приказа)")
        parser.add_argument("--json", action="store_true", help="напечатать результат одним объектом JSON")

    def handle(self, *args, **options):
        option, code = next((o, options[o]) for o in SCOPES if options[o])
        scope = Organization.objects.filter(code=code, kind__in=SCOPES[option]).first()
        if scope is None:
            raise CommandError(f"Нет {'организации' if option == 'org' else 'территории'} с кодом «{code}» "
                               f"для --{option}.")
        forms = list(MentorshipForm.objects.all())
        if options["form"]:
            forms = [f for f in forms if f.code == options["form"]]
            if not forms:
                raise CommandError(f"Нет формы наставничества с кодом «{options['form']}».")
        start = self._start(options["start"])
        result = engine.match(scope, forms, day=start)
        pairs = result.pairs()
        if options["apply"]:
            actions.propose_suggestions(pairs, start_date=start, actor=None)
        self._print(result, pairs if options["json"] else engine.explained(pairs, start), options)

    def _start(self, text: str | None) -> datetime.date:
        if not text:
            return timezone.localdate()
        try:
            return datetime.datetime.strptime(text, "%d.%m.%Y").date()
        except ValueError as error:
            raise CommandError(f"--start: дата «{text}» не в формате ДД.ММ.ГГГГ.") from error

    def _print(self, result: engine.Result, pairs: list[dict], options) -> None:
        if options["json"]:
            self.stdout.write(json.dumps({
                "matched": result.matched, "unmatched": len(result.unmatched_mentees),
                "total_score": result.total_score,
                "pairs": [{"mentor": p["mentor"], "mentees": [{k: m[k] for k in ("id", "name", "score")}
                                                             for m in p["mentees"]]} for p in pairs],
                "unmatched_mentees": result.unmatched_mentees,
            }, ensure_ascii=False))
            return
        for pair in pairs:
            self.stdout.write(pair["mentor"]["name"])
            for mentee in pair["mentees"]:
                reasons = "; ".join(f"{text} ({points:+d})" for text, points in mentee["reasons"])
                self.stdout.write(f"  → {mentee['name']} ({mentee['form']['name']}), оценка {mentee['score']}: "
                                  f"{reasons or 'общих признаков нет, правила формы позволяют'}")
        for mentee in result.unmatched_mentees:
            self.stdout.write(f"без наставника: {mentee['name']} — {mentee['reason']}")
        for note in result.notes:
            self.stdout.write(note)
        verb = "пары созданы и ждут приказа" if options["apply"] else "ничего не записано (--apply, чтобы создать пары)"
        self.stdout.write(f"Подобрано {result.matched}, без наставника {len(result.unmatched_mentees)}, "
                          f"сумма оценок {result.total_score}; {verb}.")
