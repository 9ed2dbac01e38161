# SPDX-License-Identifier: EUPL-1.2
"""Markdown from editors to safe HTML: raw HTML is not interpreted, only http/https/mailto links."""

from __future__ import annotations

import markdown
import nh3

_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "h2", "h3", "h4", "blockquote", "code", "abbr"}
_CLASSES = {
    "p": {"class": "utrecht-paragraph"},
    "ul": {"class": "utrecht-unordered-list"},
    "ol": {"class": "utrecht-ordered-list"},
    "li": {"class": "utrecht-unordered-list__item"},
    "a": {"class": "utrecht-link"},
    "h2": {"class": "utrecht-heading-2"},
    "h3": {"class": "utrecht-heading-3"},
    "h4": {"class": "utrecht-heading-4"},
}


def _converter() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    # Raw HTML in the source is escaped, not passed through.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


def markdown_to_html(text: str | None, *, shift_headings: bool = True) -> str:
    """Sanitised HTML for editor-written Markdown; headings start at h2 (the page has the h1)."""
    if not text:
        return ""
    html = _converter().convert(text)
    if shift_headings:
        for level in (3, 2, 1):
            html = html.replace(f"<h{level}>", f"<h{level + 1}>").replace(f"</h{level}>", f"</h{level + 1}>")
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes={"a": {"href", "title"}, "abbr": {"title"}},
        url_schemes={"http", "https", "mailto"},
        set_tag_attribute_values=_CLASSES,
        link_rel="noopener noreferrer",
    )
