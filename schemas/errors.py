"""Errors grouped by what the caller should do about them."""

from __future__ import annotations


class CorpusError(Exception):
    """Base of the toolkit's errors; ``exit_code`` is what the CLI exits with."""

    exit_code = 1


class ConfigError(CorpusError):
    """Fix the configuration or the command line: a bad option, version, path or setting."""

    exit_code = 2


class InputError(CorpusError):
    """Fix the input or set it aside: names the file, record and field at fault."""

    exit_code = 1


class RetryableError(CorpusError):
    """Something outside the toolkit failed (a server down or slow): try again later."""

    exit_code = 3
