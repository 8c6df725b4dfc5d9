"""A 'no comment' with words of courtesy after it is no opinion (QA52: published as opinions)."""
from __future__ import annotations

import pytest

from cluster.normalize import is_empty_opinion


@pytest.mark.parametrize("text", [
    "特にありません。説明を聞いてよく分かりました。",
    "意見は特にありません。説明会に参加してよく分かりました。",
    "特に意見はありませんが、計画がうまく進むことを期待しています。",
    "特にありません。今後も頑張ってください！",
    "特になし。丁寧な説明ありがとうございました。",
])
def test_no_comment_and_courtesy(text):
    assert is_empty_opinion(text)


@pytest.mark.parametrize("text", [
    "計画がうまく進むことを期待しています。",  # support for the draft, said alone
    "特にありません。ただ、駐輪場を増やしてください。",
    "特にありません。駐輪場を増やしてほしいので頑張ってください。",
    "特にありません。バスの本数が少ないのが心配です。",
    "頑張ってください。",
])
def test_something_said_stays_an_opinion(text):
    assert not is_empty_opinion(text)
