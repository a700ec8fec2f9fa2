"""YAML loading that remembers where every key stands, so validation errors can name file and line.

A hydrologist editing a reasoning line must be told ``lines/wmcn_droogte.yaml:42:
phases.1.indicators.0.enter: ...``, not a Python traceback. This module composes the YAML node tree,
records the line of every key path, and turns pydantic errors into :class:`Problem` records.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

Path_ = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file: where (file, line, key path) and what was expected."""

    file: str
    line: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{self.file}:{self.line}: {where}{self.message}"


class ProblemsError(Exception):
    """Raised when a file does not validate; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def dotted(path: Path_) -> str:
    return ".".join(str(p) for p in path)


class PositionedYaml:
    """A parsed YAML document plus the 1-based line of every key path in it."""

    def __init__(self, file: Path, data: Any, lines: dict[Path_, int]):
        self.file = file
        self.data = data
        self.lines = lines

    def line_of(self, path: Path_) -> int:
        """Line of the deepest known prefix of ``path`` (a missing key reports its parent's line)."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)

    def problem(self, path: Path_, message: str) -> Problem:
        return Problem(str(self.file), self.line_of(path), dotted(path), message)


def _walk(node: yaml.Node, path: Path_, lines: dict[Path_, int]) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            if isinstance(key, str) and key.lstrip("-").isdigit():
                key_path = path + (int(key),)
                lines[path + (key,)] = key_node.start_mark.line + 1
            else:
                key_path = path + (key,)
            lines[key_path] = key_node.start_mark.line + 1
            _walk(value_node, key_path, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[path + (index,)] = item.start_mark.line + 1
            _walk(item, path + (index,), lines)


def read_yaml(file: Path) -> PositionedYaml:
    """Parse a YAML file; a syntax error becomes a :class:`ProblemsError` with the line of the error."""
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProblemsError([Problem(str(file), 1, "", f"cannot read file: {exc}")]) from exc
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark else 1
        reason = getattr(exc, "problem", None) or str(exc)
        raise ProblemsError([Problem(str(file), line, "", f"YAML syntax error: {reason}")]) from exc
    lines: dict[Path_, int] = {}
    if node is not None:
        _walk(node, (), lines)
    return PositionedYaml(file, data, lines)


def _message(error: dict) -> str:
    msg = error["msg"]
    if error["type"] == "extra_forbidden":
        return "unknown key (check the spelling; see redeneerlijnen/README.md)"
    if error["type"] == "missing":
        return "required key is missing"
    if "input" in error and error["type"] not in ("model_type", "dict_type"):
        value = error["input"]
        if not isinstance(value, (dict, list)):
            return f"{msg} (got {value!r})"
    return msg


def problems_from_validation(doc: PositionedYaml, exc: ValidationError) -> list[Problem]:
    """Turn pydantic errors into problems located in the YAML file."""
    problems = []
    for error in exc.errors():
        loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and p.startswith(("function-", "tagged-union"))))
        problems.append(doc.problem(loc, _message(error)))
    return problems


def validate_document(doc: PositionedYaml, model: type[M]) -> M:
    """Validate a parsed document into ``model``; all errors are raised together as problems."""
    if not isinstance(doc.data, dict):
        raise ProblemsError([doc.problem((), f"expected a mapping at the top of the file, got {type(doc.data).__name__}")])
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        raise ProblemsError(problems_from_validation(doc, exc)) from exc


def load_model(file: Path, model: type[M]) -> M:
    """Read and validate one YAML file into ``model``."""
    return validate_document(read_yaml(Path(file)), model)
