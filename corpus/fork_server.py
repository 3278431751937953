"""What ``corpus.engine``'s fork server runs after importing the stages' modules; imported there and nowhere else.

This is the one module whose import does something (against the project's rule that importing a module does
nothing): CPython's fork server (``multiprocessing.forkserver.main``) only imports the modules it is given before it
forks the workers, so importing is the only way to have it run code. The engine names this module last.

Importing it calls ``prepare_fork_server()`` of every module imported so far that defines one: what each worker would
otherwise build for itself on its first records (the pre-annotator's timestamp patterns, 0.06 CPU-s) is built once,
here, and every worker forked from the server starts with it. A hook must give the same state however often it is
called; it is called in no other process.
"""

from __future__ import annotations

import sys
from types import ModuleType

HOOK = "prepare_fork_server"


def prepare_imported_modules() -> None:
    """Call the hook of each module imported so far that defines one (read from the module's namespace: a module's
    ``__getattr__`` is not asked). A hook that fails leaves its work to the workers, which meet the error on the
    record that needs the work, where the engine reports it: raised here, it would stop the fork server, and every
    pool of the process would fail without naming it."""
    for module in list(sys.modules.values()):
        hook = vars(module).get(HOOK) if isinstance(module, ModuleType) else None
        if callable(hook):
            try:
                hook()
            except Exception:  # reported by the worker that redoes the work (see above)
                pass


prepare_imported_modules()
