"""Reports over a draft's positions: renderers beside the other writers."""

from .html import render_html, write_html

__all__ = ["render_html", "write_html"]
