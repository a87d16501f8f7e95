"""HTML read as a reader sees it, without Qt: the text of every element, white space folded."""

from __future__ import annotations

from html.parser import HTMLParser


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "li", "p", "h3"):
            self.parts.append("\n")


def text_of(html: str) -> str:
    """Lines of text (a <br>, list item, paragraph or heading starts one), spaces folded."""
    parser = _Text()
    parser.feed(html)
    lines = ("".join(parser.parts)).split("\n")
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())
