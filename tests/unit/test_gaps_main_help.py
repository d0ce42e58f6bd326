"""`kindcheck --help` shows the everyday commands of teams, calendar and sync among its
examples, each one a command line the parser really takes, and stays short."""

from __future__ import annotations

import shlex

from kindcheck.cli import MAIN_EPILOG, build_parser

NEW_EVERYDAY = ("kindcheck import people ", "kindcheck delete-person ",
                "kindcheck calendar sync", "kindcheck sync ", "kindcheck demo --org")


def example_lines() -> list[str]:
    block = MAIN_EPILOG.split("examples:\n", 1)[1].split("\n\n", 1)[0]
    return block.splitlines()


def test_the_new_everyday_commands_are_among_the_examples() -> None:
    lines = example_lines()
    for start in NEW_EVERYDAY:
        assert any(line.strip().startswith(start) or line.strip() == start.strip()
                   for line in lines), start


def test_every_example_is_a_command_line_the_parser_takes() -> None:
    parser = build_parser()
    for line in example_lines():
        # What follows two or more spaces after the command is what it is for, not arguments.
        command = shlex.split(line.strip().split("  ")[0])
        assert command[0] == "kindcheck", line
        parser.parse_args(command[1:])  # raises (one line, exit 2) on anything it cannot read


def test_the_examples_stay_short() -> None:
    lines = example_lines()
    assert len(lines) <= 20
    assert all(len(line) <= 92 for line in lines)
