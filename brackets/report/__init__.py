"""Reports over a draft's positions: renderers beside the other writers."""

from .html import render_html as render_html
from .html import write_html as write_html
