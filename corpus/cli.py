"""The ``corpus`` command line: ``corpus COMMAND --help`` describes each command."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from schemas.errors import CorpusError

# Each module defines ``register(subparsers)``, which adds its parser(s) with a ``handler(args) -> int``.
COMMAND_MODULES: tuple[str, ...] = (
    "corpus.commands.ingest",
    "corpus.commands.validate",
    "corpus.commands.release",
    "corpus.commands.publish",
    "corpus.commands.build",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="corpus",
        description="News pages -> versioned, validated Parquet corpus of article/quote/boilerplate/teaser "
        "spans, Label Studio round trip, Hugging Face hub folder.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except CorpusError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
