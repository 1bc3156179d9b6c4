"""Where a collection's inputs are and where each output of a build goes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Layout:
    """Where a collection's inputs are and where each output goes."""

    root: Path

    @property
    def confdir(self) -> Path:
        return self.root

    @property
    def srcdir(self) -> Path:
        return self.root / "docs"

    @property
    def locale_dir(self) -> Path:
        return self.root / "locale"

    @property
    def build_dir(self) -> Path:
        return self.root / "_build"

    def html_dir(self, code: str) -> Path:
        return self.build_dir / "html" / code

    def latex_dir(self, code: str) -> Path:
        return self.build_dir / "latex" / code

    def doctree_dir(self, code: str) -> Path:
        return self.build_dir / "doctrees" / code

    @property
    def pdf_dir(self) -> Path:
        return self.build_dir / "pdf"

    @property
    def site_pdf_dir(self) -> Path:
        return self.build_dir / "html" / "pdf"

    def stamp(self, code: str, fmt: str) -> Path:
        return self.build_dir / "stamps" / f"{code}.{fmt}.json"
