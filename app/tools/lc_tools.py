"""The LangChain tools over the pure cost and compare functions: for a chat model's tool calls only."""

from __future__ import annotations

from datetime import date
from typing import Any

from langchain_core.tools import StructuredTool, ToolException
from pydantic import BaseModel, Field

from app.corpus.load import Corpus
from app.errors import AdvisorError
from app.retrieval.names import ProgramMatcher
from app.tools.compare import compare_programs
from app.tools.cost import CostInputs, calculate, format_validation_error, parse_inputs

TOOL_DESCRIPTION = (
    "Compute the cost of a master's degree: cost of attendance, income forgone, loan payment, total interest, "
    "break-even years and debt-to-income. Pass only what the user said; give program_id to use a program's "
    "tuition and duration. Defaults (federal loan rate, the standard repayment term for the amount borrowed under "
    "the July 2026 rules, role salaries) are filled from cited data and listed in 'assumptions'; inputs still "
    "needed are listed in 'missing' - ask the user for them. A loan in another currency than USD gets no federal "
    "cap, term tier, Grad PLUS or RAP (US dollar rules): its payment is on the whole amount at the user's rate, or, "
    "with payment_basis 'illustration', at the US federal rate for illustration only - say so and ask their rate."
)


def make_cost_tool(corpus: Corpus) -> StructuredTool:
    """The `calculate_cost` tool; bad input comes back to the model as a readable message, not an exception."""

    def run(**kwargs: Any) -> dict[str, Any]:
        try:
            return calculate(parse_inputs(kwargs), corpus).model_dump(mode="json")
        except AdvisorError as e:
            raise ToolException(str(e)) from e

    return StructuredTool.from_function(
        func=run, name="calculate_cost", description=TOOL_DESCRIPTION, args_schema=CostInputs,
        handle_tool_error=True, handle_validation_error=format_validation_error,
    )  # fmt: skip


class CompareArgs(BaseModel):
    """Arguments of the compare_programs tool."""

    programs: list[str] = Field(
        min_length=1,
        description=(
            "Program names, aliases or ids, e.g. ['OMSCS', 'CMU MSML']. Give two or more to compare; "
            "one name returns that program's sourced facts alone."
        ),
    )


def make_compare_tool(corpus: Corpus, matcher: ProgramMatcher, today: date) -> StructuredTool:
    """A `compare_programs` tool returning Comparison.to_json() (sourced, dated cells; unknown names listed)."""

    def run(programs: list[str]) -> dict[str, Any]:
        return compare_programs(programs, corpus, matcher, today).to_json()

    return StructuredTool.from_function(
        func=run,
        name="compare_programs",
        description=(
            "Compare ML/AI degree programs side by side: school, degree, modality, pace, duration, credits, "
            "published tuition, estimated total tuition (with working), fees, GRE policy and prerequisites. "
            "Every field has its source url and as-of date; 'not published' means the sources do not give it; "
            "outdated=true marks figures more than two academic years old. Names the tool cannot match are "
            "returned under 'unmatched' with the closest program ids."
        ),
        args_schema=CompareArgs,
    )
