"""Imported by the indexer's forkserver before it starts any worker (``set_forkserver_preload``).

The models load once, in the forkserver; every worker forked from it starts with them in memory
(shared copy-on-write) instead of loading its own, so a pool, and a pool replaced after a worker
died or overran its time limit, starts at once.
"""

from __future__ import annotations

import logging
import os

# Before numpy loads here: the workers forked from this process are single-threaded (see
# ``tui.index.worker_init``), and their BLAS must not start a thread per core in each of them.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

from tui.core.entities.lexicon import load_tagger  # after the thread limits above
from tui.core.pipeline import load_models

try:
    load_models()
    # The part-of-speech model too (17 MB, 0.6 s): most news articles ask for it, and loaded here
    # it is shared by every worker instead of loaded by each.
    load_tagger()
except Exception:  # a head start only: each worker's first job loads what is missing and reports its errors
    logging.getLogger(__name__).debug("model preload failed", exc_info=True)
