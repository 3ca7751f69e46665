"""The model and its rules: concepts, terms, segments and their checks, language tags, text
folding, sentence splitting, the similarity score and glossary changes. Imports no other layer."""
