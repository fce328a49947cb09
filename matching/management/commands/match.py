import datetime
import json
from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from matching import engine
from organizations.models import Organization
from programmes.models import MentorshipForm

KINDS = {"org": None, "municipality": Organization.Kind.MUNICIPALITY, "region": Organization.Kind.REGION}


class Command(BaseCommand):
    help = "Подбор наставников наставляемым в организации, муниципалитете или регионе. Без --apply ничего не пишет."

    def add_arguments(self, parser):
        scope = parser.add_mutually_exclusive_group(required=True)
        for option in KINDS:
            scope.add_argument(f"--{option}", metavar="CODE")
        parser.add_argument("--form", help="код формы наставничества (по умолчанию все формы по очереди)")
        parser.add_argument("--start", help="дата начала пар, ДД.ММ.ГГГГ (по умолчанию сегодня)")
        parser.add_argument("--apply", action="store_true", help="записать предложенные пары")
        parser.add_argument("--json", action="store_true", help="напечатать результат одним объектом JSON")

    def handle(self, *args, **options):
        option, code = next((o, options[o]) for o in KINDS if options[o])
        scope = Organization.objects.filter(code=code).first()
        if scope is None or (KINDS[option] and scope.kind != KINDS[option]):
            raise CommandError(f"Нет организации с кодом «{code}» нужного типа.")
        forms = MentorshipForm.objects.all()
        if options["form"]:
            forms = forms.filter(code=options["form"])
            if not forms:
                raise CommandError(f"Нет формы наставничества с кодом «{options['form']}».")
        start = (datetime.datetime.strptime(options["start"], "%d.%m.%Y").date() if options["start"]
                 else timezone.localdate())
        reserved = Counter()
        results = [engine.match(scope, form, day=start, reserved=reserved) for form in forms]
        if options["apply"]:
            mentee_ids = [m["id"] for r in results for p in r.pairs for m in p["mentees"]]
            organizations = {p.pk: p.organization for p in
                             engine.Participant.objects.filter(pk__in=mentee_ids).select_related("organization")}
            for result in results:
                engine.accept(result, organizations, start_date=start,
                              planned_end_date=start.replace(year=start.year + 1), actor=None)
        self._print(results, options)

    def _print(self, results, options):
        unmatched = {m["id"]: m for r in results for m in r.unmatched_mentees}
        for result in results:  # a mentee matched in one form is not unmatched overall
            for pair in result.pairs:
                for mentee in pair["mentees"]:
                    unmatched.pop(mentee["id"], None)
        summary = {
            "matched": sum(r.matched for r in results), "unmatched": len(unmatched),
            "total_score": sum(r.total_score for r in results),
            "pairs": [{"form": r.form.code, "mentor": p["mentor"],
                       "mentees": [{k: m[k] for k in ("id", "name", "score", "reasons")} for m in p["mentees"]]}
                      for r in results for p in r.pairs],
            "unmatched_mentees": list(unmatched.values()),
        }
        if options["json"]:
            self.stdout.write(json.dumps(summary, ensure_ascii=False))
            return
        for pair in summary["pairs"]:
            names = ", ".join(f"{m['name']} ({m['score']})" for m in pair["mentees"])
            self.stdout.write(f"{pair['mentor']['name']} → {names}")
        for mentee in summary["unmatched_mentees"]:
            self.stdout.write(f"без наставника: {mentee['name']} — {mentee['reason']}")
        verb = "записано" if options["apply"] else "предложено (ничего не записано)"
        self.stdout.write(f"Подобрано {summary['matched']}, без наставника {summary['unmatched']}, "
                          f"сумма оценок {summary['total_score']}; {verb}.")
