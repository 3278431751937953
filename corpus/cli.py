"""The ``corpus`` command line: ``corpus COMMAND --help`` describes each command."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

import corpus.commands
from schemas.errors import CorpusError


def command_modules() -> list[str]:
    """Every module of ``corpus.commands``; each defines ``register(subparsers)``, which adds its
    parser(s) with ``set_defaults(handler=...)``, a function of the parsed arguments returning the exit status."""
    return sorted(info.name for info in pkgutil.iter_modules(corpus.commands.__path__, "corpus.commands."))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="corpus",
        description="News pages -> versioned, validated Parquet corpus of article/quote/boilerplate/teaser "
        "spans, Label Studio round trip, Hugging Face hub folder.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in command_modules():
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
