"""The Label Studio server for the tests marked ``labelstudio``.

Uses the server named by LABEL_STUDIO_URL / LABEL_STUDIO_API_KEY when both are set; otherwise sets up
(``scripts/labelstudio-server setup``) and starts a real server on a free 127.0.0.1 port with a fresh
data dir and a random API token, and stops it at the end of the session. A server that cannot be set up
or started fails the tests that need it, loudly: it is never skipped.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SERVER_SCRIPT = ROOT / "scripts" / "labelstudio-server"


@dataclass(frozen=True)
class LabelStudioInstance:
    url: str
    api_key: str


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=5) as response:
            return b"UP" in response.read()
    except OSError:
        return False


def _run(arguments: list[str], env: dict[str, str], timeout: float) -> str:
    try:
        done = subprocess.run([str(SERVER_SCRIPT), *arguments], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=timeout)
    except subprocess.TimeoutExpired as error:
        pytest.fail(f"scripts/labelstudio-server {' '.join(arguments)} did not finish in {timeout:.0f} s:\n"
                    f"{error.stdout or ''}\n{error.stderr or ''}", pytrace=False)
    if done.returncode != 0:
        pytest.fail(f"scripts/labelstudio-server {' '.join(arguments)} failed (exit {done.returncode}); the "
                    f"Label Studio tests need a real server:\n{done.stdout}\n{done.stderr}", pytrace=False)
    return done.stdout


@pytest.fixture(scope="session")
def labelstudio_server(tmp_path_factory) -> LabelStudioInstance:
    url, api_key = os.environ.get("LABEL_STUDIO_URL"), os.environ.get("LABEL_STUDIO_API_KEY")
    if url and api_key:
        if not _healthy(url.rstrip("/")):
            pytest.fail(f"LABEL_STUDIO_URL={url} is set but its /health does not answer", pytrace=False)
        yield LabelStudioInstance(url.rstrip("/"), api_key)
        return
    state = tmp_path_factory.mktemp("labelstudio")
    env = {**os.environ, "LABEL_STUDIO_API_KEY": secrets.token_hex(20)}
    _run(["setup"], env, timeout=900)
    try:
        output = _run(["start", "--port", "0", "--state-dir", str(state)], env, timeout=400)
        urls = [line.split("=", 1)[1] for line in output.splitlines() if line.startswith("export LABEL_STUDIO_URL=")]
        if not urls or not _healthy(urls[0]):
            pytest.fail(f"scripts/labelstudio-server start gave no healthy URL:\n{output}", pytrace=False)
        yield LabelStudioInstance(urls[0], env["LABEL_STUDIO_API_KEY"])
    finally:
        subprocess.run([str(SERVER_SCRIPT), "stop", "--state-dir", str(state)], cwd=ROOT, env=env,
                       capture_output=True, text=True, timeout=120)
