"""The typeface the drawn outputs (badge, Open Graph cards) measure and draw text with: DejaVu Sans,
shipped in volia/outputs/fonts/ (nothing is downloaded; its licence is beside it)."""

from __future__ import annotations

from pathlib import Path

FONTS = Path(__file__).resolve().parent / "fonts"
REGULAR = FONTS / "DejaVuSans.ttf"
BOLD = FONTS / "DejaVuSans-Bold.ttf"
