"""Screens: one per module, each with its CSS in a .tcss file beside it."""
