"""Published summaries cut at a sentence's end in English too (QA51)."""
from __future__ import annotations

from cluster.report import SHORTENED_MARK, SUMMARY_LIMIT, shorten


def test_an_english_summary_is_cut_at_a_full_stop():
    text = ("The plan should include clear targets for renewable energy in every municipality. " * 3
            + "We also ask the prefecture to publish an English summary of the plan so that foreign residents "
              "can take part and understand its goals without help. " * 3)
    assert len(text) > SUMMARY_LIMIT
    out = shorten(text)
    assert out.endswith("municipality." + SHORTENED_MARK) or out.endswith("help." + SHORTENED_MARK)
    # an abbreviation-like dot inside a word is no sentence end
    assert shorten("a.b " * 150).endswith(SHORTENED_MARK)
