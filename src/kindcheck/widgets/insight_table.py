"""The insights screen's people table and the short lines its panels are made of: how each
figure reads as text, and in which of the theme's colours."""

from __future__ import annotations

from pendulum import DateTime
from rich.style import Style
from rich.text import Text
from textual.dom import DOMNode

from kindcheck.domain.cadence import CadenceState
from kindcheck.domain.calendar import weekday_name
from kindcheck.domain.dates import format_ago
from kindcheck.domain.initiatives import Coverage, Involvement
from kindcheck.domain.insights import Attention, FollowThrough, PersonInsight
from kindcheck.domain.trends import MonthTally
from kindcheck.widgets.literal import user_rich
from kindcheck.widgets.mood_chart import mood_text
from kindcheck.widgets.privacy import veil
from kindcheck.widgets.tones import tones

MOOD_CELL_WIDTH = 12
COLUMNS: tuple[tuple[str, str], ...] = (
    ("Person", "person"),
    ("Cadence", "cadence"),
    ("Check-in", "checkin"),
    ("Human first", "human"),
    ("Hovering", "hovering"),
    ("Kept/late/open", "promises"),
    ("Progress:missing", "progress"),
    ("Mood", "mood"),
)
INITIATIVE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("Initiative", "initiative"),
    ("Person", "person"),
    ("Last talked", "last"),
    ("Next", "next"),
    ("Before the target", "covered"),
)


def promises_line(follow: FollowThrough) -> str:
    """E.g. "2 on time · 1 late · 3 open (1 past due)"."""
    line = f"{follow.kept_on_time} on time · {follow.kept_late} late · {follow.open} open"
    return line + (f" ({follow.open_late} past due)" if follow.open_late else "")


def months_line(tallies: list[MonthTally]) -> str:
    """E.g. "Jun 2:0  Jul 1:1 …" — progress:missing per month."""
    return "  ".join(f"{t.month.format('MMM')} {t.progress}:{t.missing}" for t in tallies)


def checkin_words(insight: PersonInsight) -> str:
    """E.g. "3d overdue · 10d ago", "due today · 7d ago", "no check-in yet"."""
    status = insight.status
    if status.state is CadenceState.NEVER:
        return "no check-in yet"
    state = {
        CadenceState.FINE: "fine",
        CadenceState.DUE: "due today",
        CadenceState.OVERDUE: f"{status.days_overdue}d overdue",
    }[status.state]
    return f"{state} · {status.days_since}d ago"


def insight_styles(node: DOMNode) -> dict[str, Style]:
    """The styles the figures are drawn in, from the theme `node` shows."""
    tone = tones(node)
    return {
        "low": tone.error,
        "mid": tone.warning,
        "high": tone.success,
        "gap": Style(dim=True),
        "muted": Style(dim=True),
        "bold": Style(bold=True),
    }


def insight_cells(insight: PersonInsight, styles: dict[str, Style]) -> list[Text]:
    """One row of the people table, in the order of COLUMNS."""
    colour = {
        Attention.FINE: styles["muted"],
        Attention.DUE: styles["mid"],
        Attention.LONG_OVERDUE: styles["low"],
    }[insight.attention]
    human = insight.human_first
    if human.share is None:
        human_cell = Text("—", styles["muted"])
    else:
        human_cell = Text(f"{human.asked}/{human.total} {human.share:.0%}",
                          styles["mid"] if human.needs_a_nudge else "")
    hover = insight.hovering
    hover_cell = Text(f"{hover.ratio:.1f}× ({hover.moments})")
    if hover.is_hovering:
        hover_cell = Text(f"↑ {hover.ratio:.1f}× ({hover.moments})", styles["mid"])
    follow = insight.follow_through
    promises = Text(f"{follow.kept_on_time}/{follow.kept_late}/{follow.open}")
    if follow.open_late:
        promises.append(f" · {follow.open_late} late", styles["low"])
    mood = mood_text(insight.moods, styles, width=MOOD_CELL_WIDTH)
    if not insight.moods:
        mood = Text("—", styles["muted"])
    return [
        user_rich(insight.person.name, one_line=True),
        Text(str(insight.person.cadence)),
        Text(checkin_words(insight), colour),
        human_cell,
        hover_cell,
        promises,
        Text(f"{insight.progress_noted} : {insight.missing_noted}"),
        mood,
    ]


def next_words(at: DateTime | None, now: DateTime) -> str:
    """The next conversation, short: "today 14:00", "tomorrow", "Thu", "18 Dec", "nothing yet"."""
    if at is None:
        return "nothing planned"
    at = at.in_timezone(now.timezone) if now.timezone else at
    days = at.date().toordinal() - now.date().toordinal()
    if days <= 0:
        return f"today {at:%H:%M}"
    if days == 1:
        return "tomorrow"
    if days < 7:
        return weekday_name(at)
    return at.format("D MMM")


def initiative_cells(
    coverage: Coverage,
    row: Involvement,
    first: bool,
    now: DateTime,
    styles: dict[str, Style],
    *,
    masked: bool = False,
) -> list[Text]:
    """One row of the initiatives table; the initiative is named on its first row only."""
    initiative = coverage.initiative
    name = veil(initiative.name, masked) if first else ""
    if first and initiative.target is not None:
        name += f" · {initiative.target.format('ddd D MMM')}"
    if coverage.target_passed(now.date()):
        flag = Text("its day has come", styles["muted"])
    elif row.uncovered:  # the next talk comes after the target, or there is none
        flag = Text("needs one sooner" if row.next else "needs a follow-up", styles["mid"])
    else:
        flag = Text("✓ planned", styles["high"])
    return [
        user_rich(name, "bold", one_line=True),
        user_rich(row.person.name, one_line=True),
        Text(format_ago(row.last, now) if row.last else "never", styles["muted"]),
        Text(next_words(row.next, now)),
        flag,
    ]
