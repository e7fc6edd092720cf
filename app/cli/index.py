"""`advisor config`, `index` and `eval`: settings, building the index, measuring quality."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from app.cli.common import build_for, emit
from app.settings import Settings


@click.command("config")
@click.pass_obj
def config_cmd(settings: Settings) -> None:
    """Print every setting, its value and what it does."""
    for name, f in Settings.model_fields.items():
        value = getattr(settings, name)
        shown = "***" if name == "auth" and value else value  # never print a password
        click.echo(f"ADVISOR_{name.upper()}={shown}    # {f.description}")


@click.command("index")
@click.option("--rebuild", is_flag=True, help="Re-embed everything.")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@click.pass_obj
def index_cmd(settings: Settings, rebuild: bool, as_json: bool) -> None:
    """Build or update the index from corpus/ (only new or changed chunks are embedded)."""
    from app.index.build import build_index

    stats = build_index(settings, rebuild=rebuild, progress=not as_json or sys.stderr.isatty())
    if as_json:
        emit(stats.as_dict())
    else:
        click.echo(", ".join(f"{k}: {v}" for k, v in stats.as_dict().items()))


@click.group("eval")
def eval_group() -> None:
    """Measure retrieval and answer quality on labelled questions."""


@eval_group.command("retrieval")
@click.option("--questions", type=click.Path(exists=True, path_type=Path), required=True)
@click.option("--k", type=click.IntRange(1, 50), default=5)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def eval_retrieval_cmd(ctx: click.Context, questions: Path, k: int, as_json: bool) -> None:
    """recall@k, MRR and recall within 1,000 characters: hybrid vs plain dense."""
    from app.evaluation import evaluate_retrieval, load_questions

    report = evaluate_retrieval(build_for(ctx).retriever, load_questions(questions), k)
    if as_json:
        emit(report)
        return
    for split, rep in report.items():
        click.echo(f"[{split}] {rep['questions']} answerable questions, k={k}")
        for mode in ("hybrid", "dense"):
            r = rep[mode]
            label = "hybrid (BM25+dense+names, RRF)" if mode == "hybrid" else "baseline (dense only)"
            click.echo(f"  {label:32} recall@{k} {r[f'recall@{k}']:.3f} (95% {_ci(r[f'recall@{k}_ci95'])})  "
                       f"MRR {r['mrr']:.3f}  "
                       f"recall within 1000 chars {r['recall_within_1000_chars']:.3f}  misses {r['misses']}")  # fmt: skip


@eval_group.command("answers")
@click.option("--questions", type=click.Path(exists=True, path_type=Path), required=True)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def eval_answers_cmd(ctx: click.Context, questions: Path, as_json: bool) -> None:
    """Answer quality: share of answerable questions citing an expected source, abstention, broken citations."""
    from app.evaluation import evaluate_answers, load_questions

    report = evaluate_answers(build_for(ctx), load_questions(questions))
    if as_json:
        emit(report)
        return
    for split, r in report.items():
        click.echo(f"[{split}] {r['questions']} questions ({r['answerable']} answerable, {r['not_covered']} not covered)")
        click.echo(f"  answerable citing an expected section or program: {r['answerable_citing_expected']:.3f}"
                   f" (95% {_ci(r['answerable_citing_expected_ci95'])})  (misses: {r['misses']})")  # fmt: skip
        click.echo(f"  answerable that abstained: {r['answerable_abstained']:.3f}"
                   f" (95% {_ci(r['answerable_abstained_ci95'])}) {r['wrongly_abstained']}"
                   f"  by rule: {r['wrongly_abstained_by']}")  # fmt: skip
        click.echo(f"  not covered that abstained: {r['not_covered_abstained']:.3f}"
                   f" (95% {_ci(r['not_covered_abstained_ci95'])})  by rule: {r['rightly_abstained_by']}"
                   f"  (answered anyway: {r['answered_not_covered']})")  # fmt: skip
        click.echo(f"  coverage accuracy: {r['coverage_accuracy']:.3f}")
        click.echo(f"  broken citations: {r['broken_citations']}; filler sentences cited: {r['filler_cited']}")
        for qid, problems in r["problems"].items():
            click.echo(f"    {qid}: {'; '.join(problems)}")


@eval_group.command("numbers")
@click.option("--phrasings", type=click.Path(exists=True, path_type=Path), required=True)
@click.option("--json", "as_json", is_flag=True)
def eval_numbers_cmd(phrasings: Path, as_json: bool) -> None:
    """The number reader on labelled sentences: rows read exactly, slot precision and recall, numbers guessed."""
    from app.answer.numbers import read_numbers
    from app.evaluation import evaluate_numbers, load_number_rows

    report = evaluate_numbers(lambda text: read_numbers(text).slots, load_number_rows(phrasings))
    if as_json:
        emit(report)
        return
    for split, r in report.items():
        click.echo(f"[{split}] {r['rows']} sentences")
        click.echo(f"  read exactly (every slot and value, nothing more): {r['rows_read_exactly']:.3f}"
                   f" (95% {_ci(r['rows_read_exactly_ci95'])})  wrong: {r['wrong_rows']}")  # fmt: skip
        click.echo(f"  slot precision {r['slot_precision']:.3f}  recall {r['slot_recall']:.3f}"
                   f"  numbers that must stay unassigned but were put in a slot: {r['numbers_guessed_into_a_slot']}")


def _ci(bounds: tuple[float, float] | list[float]) -> str:
    return "n/a" if bounds[0] == bounds[1] == 0.0 else f"{bounds[0]:.2f}–{bounds[1]:.2f}"
