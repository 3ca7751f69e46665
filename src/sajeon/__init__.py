"""sajeon (사전): a Korean–English translation memory and concept-oriented glossary."""

__version__ = "0.1.0"
