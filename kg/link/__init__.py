"""Linking and canonicalisation: the division knowledge base, place resolution and romanised labels."""
