"""Publish United Nations meeting documents in the six official languages with Sphinx."""
