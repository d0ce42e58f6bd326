"""The shell commands behind `kindcheck` (parsed in `kindcheck.cli`), grouped by what they do.

Each module adds its subcommands to the parser with `add_commands` and keeps its heavier
imports inside the commands themselves, so the quick ones (`note`) load only what they use.
"""
