"""The cost and compare LangChain tools (app/tools/lc_tools.py), with LangChain's standard tool suites."""

from __future__ import annotations

import json
from typing import Any

import pytest
from langchain_core.messages import ToolMessage
from langchain_core.tools import BaseTool
from langchain_tests.integration_tests import ToolsIntegrationTests
from langchain_tests.unit_tests import ToolsUnitTests
from pydantic import ValidationError

from app.tools.lc_tools import make_compare_tool, make_cost_tool
from tests.helpers import TODAY, compare, corpus_and_matcher

TOOL = make_cost_tool(corpus_and_matcher()[0])
EXAMPLE = {"program_id": "cmu-msml", "living_per_month": 2000, "salary_before": 60000, "role": "data_scientist",
           "loan": 50000, "accrue_in_school": True}  # fmt: skip


def test_tool_returns_json_safe_result() -> None:
    out = TOOL.invoke(EXAMPLE)
    assert out["currency"] == "USD" and out["years"] == pytest.approx(16 / 12)
    assert json.loads(json.dumps(out)) == out


def test_tool_reports_errors_to_the_model() -> None:
    bad = TOOL.invoke({"type": "tool_call", "id": "1", "name": "calculate_cost", "args": {"years": -2}})
    assert isinstance(bad, ToolMessage) and bad.status == "error" and "years" in bad.content
    unknown = TOOL.invoke({"type": "tool_call", "id": "2", "name": "calculate_cost", "args": {"program_id": "x"}})
    assert unknown.status == "error" and "unknown program id 'x'" in unknown.content


class _CostToolParams:
    """What LangChain's standard tool suites need to build and call the tool."""

    @property
    def tool_constructor(self) -> BaseTool:
        return TOOL

    @property
    def tool_constructor_params(self) -> dict[str, Any]:
        return {}

    @property
    def tool_invoke_params_example(self) -> dict[str, Any]:
        return EXAMPLE


class TestCostToolUnit(_CostToolParams, ToolsUnitTests):
    pass


class TestCostToolIntegration(_CostToolParams, ToolsIntegrationTests):
    pass


def _tool() -> BaseTool:
    corpus, matcher = corpus_and_matcher()
    return make_compare_tool(corpus, matcher, TODAY)


def test_tool_returns_the_comparison_json_and_needs_a_name() -> None:
    tool = _tool()
    assert tool.name == "compare_programs"
    out = tool.invoke({"programs": ["OMSCS", "CMU MSML"]})
    assert out == compare("OMSCS", "CMU MSML").to_json()
    assert tool.invoke({"programs": ["OMSCS"]})["programs"][0]["id"] == "gatech-omscs"  # one still works
    with pytest.raises(ValidationError):
        tool.invoke({"programs": []})


class _CompareToolParams:
    """What LangChain's standard tool suites need to build and call the tool."""

    @property
    def tool_constructor(self) -> BaseTool:
        return _tool()

    @property
    def tool_invoke_params_example(self) -> dict:
        return {"programs": ["OMSCS", "CMU MSML"]}


class TestCompareToolUnit(_CompareToolParams, ToolsUnitTests):
    pass


class TestCompareToolIntegration(_CompareToolParams, ToolsIntegrationTests):
    pass
