"""The domain: people, check-ins and the rules about them. No I/O, no Textual."""
