"""pubcom-cluster: raw Japanese public comments to a published answer table.

Library first: ``run`` is the batch pipeline, ``load_encoder`` the embedding interface.
"""
from __future__ import annotations

__version__ = "0.1.0"

from .embed import load_encoder  # noqa: E402

__all__ = ["load_encoder", "run", "__version__"]


def run(*args, **kwargs):
    """Run the whole pipeline; see :func:`cluster.pipeline.run`."""
    from .pipeline import run as _run

    return _run(*args, **kwargs)
