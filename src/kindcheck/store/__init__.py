"""Persistence on TinyDB: atomic files, locking, schema and migrations. No Textual."""
