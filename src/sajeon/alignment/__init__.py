"""Sentence alignment of articles and their translations: anchors, the aligner and its model,
the review file and gold links. Builds on the engine (term recognition) and below."""
