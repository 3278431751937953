"""Configuration and environment, read in one place.

The dataset version (and the hub repository, ``hub_repo_id``) live in ``[tool.corpus]`` of the project's
``pyproject.toml``; environment variables: ``LABEL_STUDIO_URL``, ``LABEL_STUDIO_API_KEY``, ``HF_TOKEN``, ``SPARK_MASTER`` (the
Spark master URL of ``--engine spark`` when ``--master`` is not given); paths default to the
project layout (``seeds/``, ``seeds/annotations/``, ``dist/``) relative to the project root, found by
walking up from the working directory to the first ``pyproject.toml`` with a ``[tool.corpus]`` table. The
development evaluation set is read (never copied) from ``../shared/eval`` beside the root.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from schemas.errors import ConfigError

VERSION_RE = re.compile(r"\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?")


class DistLayout:
    """Where the outputs go under a ``dist`` folder: releases and the hub folder. Shared by the project's
    settings and a build's options, whose ``dist`` may be given on the command line."""

    __slots__ = ()
    dist: Path

    @property
    def releases(self) -> Path:
        return self.dist / "releases"

    @property
    def hub(self) -> Path:
        return self.dist / "hub"


@dataclass(frozen=True, slots=True)
class Settings(DistLayout):
    root: Path
    dataset_version: str | None
    label_studio_url: str | None
    label_studio_api_key: str | None
    hub_repo_id: str | None = None
    hub_token: str | None = None
    spark_master: str | None = None

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def annotations(self) -> Path:
        return self.root / "seeds" / "annotations"

    @property
    def dist(self) -> Path:
        return self.root / "dist"

    @property
    def eval_dir(self) -> Path:
        """The development evaluation set: shared material beside the project, not part of it; scripts that
        read it say so when it is absent."""
        return self.root.parent / "shared" / "eval"


def name_under(name: str, root: str) -> str | None:
    """``name`` (absolute and normalised) relative to the folder ``root``, ``/``-separated (``.`` for root
    itself), or None when it is not under it. String operations: Path objects cost more than reading a small
    page, and a build names every file it reads."""
    if name == root:
        return "."
    prefix = os.path.join(root, "")
    if not name.startswith(prefix):
        return None
    relative = name[len(prefix):]
    return relative if os.sep == "/" else relative.replace(os.sep, "/")


def find_root(start: Path | None = None) -> Path:
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and "tool" in (data := _read_toml(candidate)) and "corpus" in data["tool"]:
            return folder
    return here


def _read_toml(path: Path) -> dict:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None


def load_settings(root: Path | None = None, environ: dict[str, str] | None = None) -> Settings:
    environ = dict(os.environ if environ is None else environ)
    root = find_root() if root is None else Path(root).resolve()
    pyproject = root / "pyproject.toml"
    version = hub_repo_id = None
    if pyproject.is_file():
        table = _read_toml(pyproject).get("tool", {}).get("corpus", {})
        version = table.get("dataset_version")
        if version is not None:
            check_version(str(version), f"{pyproject} [tool.corpus] dataset_version")
        hub_repo_id = table.get("hub_repo_id")
    return Settings(
        root=root,
        dataset_version=version,
        label_studio_url=environ.get("LABEL_STUDIO_URL") or None,
        label_studio_api_key=environ.get("LABEL_STUDIO_API_KEY") or None,
        hub_repo_id=hub_repo_id,
        # None lets huggingface_hub fall back to its stored login.
        hub_token=environ.get("HF_TOKEN") or None,
        spark_master=environ.get("SPARK_MASTER") or None,
    )


def check_version(version: str, where: str = "--version") -> str:
    if not VERSION_RE.fullmatch(version):
        raise ConfigError(f"{where}: {version!r} is not a version like 1.2.0 (MAJOR.MINOR.PATCH)")
    return version
