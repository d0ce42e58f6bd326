"""A small mood chart: one bar per check-in (or per week) on a fixed 1–5 scale.

Textual's Sparkline scales its bars between the data's own lowest and highest values, so a
steady 4 with one 3 would look like a crash. Moods need a fixed scale to be read honestly,
so this chart draws its own bars.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from kindcheck.widgets import css_beside

BARS = "▁▂▃▄▅▆▇█"
GAP = "·"  # a week (or check-in) without a mood


def mood_bar(mood: float) -> str:
    """The bar for one mood: 1 is the lowest bar, 5 the full one."""
    level = round((min(max(mood, 1.0), 5.0) - 1.0) / 4.0 * (len(BARS) - 1))
    return BARS[level]


def mood_band(mood: float) -> str:
    """Which band a mood falls in: "low" (below 2.5), "high" (3.5 and up) or "mid"."""
    if mood < 2.5:
        return "low"
    return "high" if mood >= 3.5 else "mid"


def mood_text(
    moods: Sequence[float | None], styles: Mapping[str, Style | str], *, width: int | None = None
) -> Text:
    """Bars for `moods` (the latest `width` of them), each styled by its band; None is a gap.

    `styles` maps "low", "mid", "high" and "gap" to a style.
    """
    shown = list(moods)[-width:] if width else list(moods)
    text = Text(no_wrap=True, end="")
    for mood in shown:
        if mood is None:
            text.append(GAP, styles.get("gap", ""))
        else:
            text.append(mood_bar(mood), styles.get(mood_band(mood), ""))
    return text


class MoodChart(Widget):
    """A label, mood bars and a caption on one line, e.g. `Mood  ▃▅▆▆█  4.2 lately`."""

    DEFAULT_CSS = css_beside(__file__)

    COMPONENT_CLASSES = {
        "mood-chart--label",
        "mood-chart--low",
        "mood-chart--mid",
        "mood-chart--high",
        "mood-chart--gap",
        "mood-chart--caption",
    }

    moods: reactive[tuple[float | None, ...]] = reactive(tuple, layout=True)
    caption: reactive[str] = reactive("", layout=True)

    def __init__(
        self,
        label: str,
        moods: Sequence[float | None] = (),
        *,
        caption: str = "",
        empty: str = "no moods yet",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.label = label
        self.empty = empty
        self.set_reactive(MoodChart.moods, tuple(moods))
        self.set_reactive(MoodChart.caption, caption)

    def show(self, moods: Sequence[float | None], caption: str = "") -> None:
        """Replace the moods and caption at once."""
        self.moods = tuple(moods)
        self.caption = caption

    def render(self) -> Text:
        style = self.get_component_rich_style
        text = Text(no_wrap=True, end="")
        text.append(f"{self.label}  ", style("mood-chart--label"))
        if not any(mood is not None for mood in self.moods):
            text.append(self.empty, style("mood-chart--caption"))
            return text
        styles: dict[str, Style | str] = {
            band: style(f"mood-chart--{band}") for band in ("low", "mid", "high", "gap")
        }
        text.append_text(mood_text(self.moods, styles))
        if self.caption:
            text.append(f"  {self.caption}", style("mood-chart--caption"))
        return text
