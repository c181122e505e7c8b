"""Helpers the members views share."""

from __future__ import annotations

from lib.json_steps import json_body, json_error

__all__ = ["json_body", "json_error", "safe_next"]


def safe_next(path: str) -> str:
    """Only paths on this site, so a sign-in link cannot send anyone elsewhere."""
    if path.startswith("/") and not path.startswith("//") and "\\" not in path:
        return path[:200]
    return ""
