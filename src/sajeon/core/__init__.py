"""The model and its rules: concepts, terms, segments and their checks, language tags, text
folding, sentences, the similarity score, glossary changes, romanization. No other layer."""
