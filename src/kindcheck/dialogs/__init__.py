"""Modal dialogs: one per module, each with its CSS beside it."""
