"""The two settings every hook reads from the MkDocs configuration: the build's language and the
data folder. Duck-typed (no MkDocs import), so the package stays free of MkDocs."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def language(config: Any) -> str:
    """theme.language, set per build by volia/build_site.py (VOLIA_LANG)."""
    return config.theme["language"]


def data_folder(config: Any) -> Path:
    """extra.data_dir (VOLIA_DATA_DIR), relative to mkdocs.yml."""
    return (Path(config.config_file_path).parent / config.extra.get("data_dir", "data")).resolve()
