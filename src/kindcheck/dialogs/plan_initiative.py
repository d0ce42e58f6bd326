"""Follow-ups proposed for an initiative: plan them all, go through them one by one, or leave."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from kindcheck.domain.calendar import their_clock, their_time
from kindcheck.domain.initiative_plan import Proposal
from kindcheck.domain.model import Person
from kindcheck.widgets.literal import shown, user_text
from kindcheck.widgets.privacy import veil

Answer = Literal["all", "one"]


def proposal_line(proposal: Proposal) -> str:
    """"Ada Lovelace · Tue 24 Nov 10:00", with their own clock when it reads otherwise."""
    at = proposal.at
    line = f"{proposal.person.name} · {at.format('ddd D MMM')} {at:%H:%M}"
    theirs = their_time(proposal.person, at)
    if theirs is not None:
        line += f" ({their_clock(theirs, at)} for them)"
    return line


class PlanInitiativeDialog(ModalScreen[Answer | None]):
    """Show the proposed follow-ups for `name`; answers "all", "one" (one by one) or None."""

    CSS_PATH = "plan_initiative.tcss"
    AUTO_FOCUS = "#initiative-all"
    BINDINGS = [
        Binding("a,ctrl+s", "answer('all')", "Plan all", id="plan_initiative.all"),
        Binding("o", "answer('one')", "One by one", id="plan_initiative.one"),
        Binding("escape", "leave", "Cancel", id="plan_initiative.cancel"),
    ]

    def __init__(
        self,
        name: str,
        proposals: Sequence[Proposal],
        left: Sequence[Person] = (),
        *,
        masked: bool = False,
    ) -> None:
        super().__init__()
        self.initiative_name = veil(name, masked)  # like a topic, hidden under the mask
        self.proposals = list(proposals)
        self.left = list(left)

    def compose(self) -> ComposeResult:
        count = len(self.proposals)
        chats = "a follow-up" if count == 1 else f"{count} follow-ups"
        with Vertical(classes="dialog"):
            yield Static(user_text(f"Plan {chats} for {self.initiative_name}", one_line=True),
                         classes="dialog-title")
            lines = Text()
            for index, proposal in enumerate(self.proposals):
                if index:
                    lines.append("\n")
                lines.append("• ")
                lines.append(shown(proposal_line(proposal), one_line=True))
            yield Static(lines, id="initiative-proposals")
            if self.left:
                names = ", ".join(p.name for p in self.left)
                yield Static(user_text(f"No free time before the target for {names}."),
                             id="initiative-left", classes="hint")
            yield Static("The topic of each is the initiative. Times are free in your "
                         "working hours.", classes="hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Plan all (a)", variant="primary", id="initiative-all")
                yield Button("One by one (o)", id="initiative-one")
                yield Button("Cancel", id="initiative-cancel")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        answers: dict[str | None, Answer] = {"initiative-all": "all", "initiative-one": "one"}
        self.dismiss(answers.get(event.button.id))

    def action_answer(self, answer: Answer) -> None:
        self.dismiss(answer)

    def action_leave(self) -> None:
        self.dismiss(None)

    def reload(self) -> None:
        """The proposals were made a moment ago; saving each checks the store again."""

