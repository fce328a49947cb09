"""Where a programme stands: each stage with its state, the documents it produced, what it still lacks
and what stops it from moving on — what the curator sees before the next stage. Reads only."""

from dataclasses import dataclass

from meetings import records
from programmes import stages
from programmes.models import Programme, ProgrammeStage, StageDocument


@dataclass(frozen=True)
class StageProgress:
    stage: ProgrammeStage
    documents: list[StageDocument]
    missing: list[stages.Document]  # not produced yet, required ones first
    blocker: str  # why the stage's next step (start or completion) is not possible now; "" when it is
    records: list[str]  # what the pairs' records of the year add to the stage (stages 6 and 7)

    @property
    def title(self) -> str:
        return stages.BY_NUMBER[self.stage.number].title


def progress(programme: Programme) -> list[StageProgress]:
    """The seven stages of `programme` in order; the recorded documents of stages 6–7 come from the pairs' work."""
    rows = list(programme.stages.prefetch_related("documents"))
    states = {s.number: s.state for s in rows}
    counted = records.counts(programme)
    from_records = records.produced(programme, counted)
    result = []
    for stage in rows:
        produced = {d.kind for d in stage.documents.all()} | from_records
        if stage.state == stages.NOT_STARTED:
            blocker = stages.why_not_start(stage.number, states)
        elif stage.state == stages.IN_PROGRESS:
            blocker = stages.why_not_complete(stage.number, states, produced)
        else:
            blocker = ""
        result.append(StageProgress(stage, list(stage.documents.all()), stages.missing_documents(stage.number, produced),
                                    blocker, records.lines(stage.number, counted)))
    return result


def current(stages_progress: list[StageProgress]) -> StageProgress | None:
    """The first stage not completed (None once the programme is through)."""
    return next((p for p in stages_progress if p.stage.state != stages.COMPLETED), None)
