"""A letter's 「また、」 paragraph whose background only shares the consultation's subject with the
opinion before it (QA37, a cycling plan: 自転車保険 after 自転車通行帯) is a new opinion; background
that names the opinion's own thing (屋根付きの遊び場) stays with it. Texts invented for the tests."""
from __future__ import annotations

from cluster.pipeline import _split_pieces


def _ok(text: str) -> list[str]:
    return [piece for _, _, _, piece, status in _split_pieces(text, True) if status == "ok"]


def test_a_new_point_sharing_only_the_subject_word_is_cut():
    text = ("自転車通行空間の整備については、車道の左端に矢羽根を描くだけでなく、縁石で車道と分けた"
            "自転車通行帯を整備してほしいと思います。矢羽根だけでは車が入ってきます。\n"
            "また、自転車保険に入っていない中高生が多いと聞きます。保険加入の周知を学校を通じて行ってください。")
    assert _ok(text) == [
        "自転車通行空間の整備については、車道の左端に矢羽根を描くだけでなく、縁石で車道と分けた"
        "自転車通行帯を整備してほしいと思います。矢羽根だけでは車が入ってきます。",
        "また、自転車保険に入っていない中高生が多いと聞きます。保険加入の周知を学校を通じて行ってください。"]


def test_background_naming_the_opinions_own_thing_stays():
    text = ("駅前広場に屋根付きの休憩所をつくってください。\n\n"
            "夏は日差しが強く、雨の日は待つ場所がありません。\n\n"
            "また、屋根付きの休憩所があれば、高齢者の外出のきっかけにもなると思います。"
            "他市の例も参考にしていただければ幸いです。")
    assert len(_ok(text)) == 1
    text = ("東図書館を取り壊さずに、耐震改修して使い続けてください。\n\n"
            "また、建て替えるよりも改修のほうが費用も安く済むと聞いています。地域の声をよく聞いて判断していただきたいと思います。")
    assert len(_ok(text)) == 1
