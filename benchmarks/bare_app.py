"""The yardstick for start-up: a bare Textual app showing the same names kindcheck would.

Run as `python benchmarks/bare_app.py NAMES_FILE`; one name a line.
"""

from __future__ import annotations

import sys
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header


class BareApp(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, names: list[str]) -> None:
        super().__init__()
        self.names = names

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable()
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Name")
        for name in self.names:
            table.add_row(name)


if __name__ == "__main__":
    BareApp(Path(sys.argv[1]).read_text(encoding="utf-8").splitlines()).run()
