"""QA108: a city's five ward meetings, each ward's record typed its own way, read with the written comments. A
「都市計画課」 in the speaker column was published as a citizen, a ward's summary published the office's answer
(「○ 市から、…と回答した。」) and framed every request in 「○ 参加者から、…との意見があった。」, a name label in a record
typed one turn per row (「田中：…」) was published, a 町会長's self-introduction was an opinion, and the run said
「column not used: 発言者」 of the column it used. The records were written for these tests."""
from __future__ import annotations

from conftest import invoke, read_csv_rows, write_csv
from cluster.normalize import display_text


def _run(tmp_path, name, header, rows):
    comments = write_csv(tmp_path / name, header, rows)
    out = tmp_path / "out"
    result = invoke("run", comments, "--out", out, "--model", "char-hash")
    assert result.exit_code == 0, result.output
    status = {r["comment_id"]: r["status"] for r in read_csv_rows(out / "opinions.csv")}
    return out, result.output, status, (out / "report.md").read_text(encoding="utf-8")


def test_a_department_in_the_speaker_column_is_the_office(tmp_path):
    out, said, status, report = _run(tmp_path, "説明会_中央区.csv", ["番号", "発言者", "発言内容"], [
        ["1", "司会", "ご意見のある方はどうぞ。"], ["2", "参加者1", "駅前の駐輪場を増やしてほしいです。"],
        ["3", "都市計画課", "駐輪場については検討してまいります。"], ["4", "市", "ほかにございますか。"],
        ["5", "参加者2", "通学路に歩道を整備してください。"]])
    assert "speaker = 発言者 (guessed)" in said and "not used: 発言者" not in said
    assert status == {"1": "excluded", "2": "ok", "3": "excluded", "4": "excluded", "5": "ok"}
    assert "検討してまいります" not in report and "- 提出件数：2件" in report


def test_a_name_label_in_a_record_typed_one_turn_per_row_is_left_out(tmp_path):
    out, said, status, report = _run(tmp_path, "説明会_緑区.csv", ["番号", "発言"], [
        ["1", "議長：それでは意見交換に移ります。"], ["2", "田中：うちは農家なんですけど、農地を残してほしいんです。"],
        ["3", "市：農地については検討します。"], ["4", "参加者2：公園をもっと増やしてください。"],
        ["5", "佐藤さん：バスの本数を増やしてほしい。"]])
    assert status == {"1": "excluded", "2": "ok", "3": "excluded", "4": "ok", "5": "ok"}
    ok = {r["comment_id"]: r["text"] for r in read_csv_rows(out / "opinions.csv") if r["status"] == "ok"}
    assert ok["2"] == "うちは農家なんですけど、農地を残してほしいんです。"
    for word in ("田中", "佐藤", "［氏名］", "議長", "検討します"):
        assert word not in report, word


def test_a_wards_summary_publishes_the_requests_without_its_frame_and_not_the_offices_answers(tmp_path):
    summary = ("○ 参加者から、公園を増やしてほしいとの意見があった。\n"
               "○ 市から、公園の配置については緑の基本計画で検討していると回答した。\n"
               "○ 参加者から、空き家対策を急いでほしいという要望があった。")
    assert display_text("○ 参加者から、公園を増やしてほしいとの意見があった。") == "公園を増やしてほしい。"
    out, said, status, report = _run(tmp_path, "説明会_西区.csv", ["番号", "発言要旨"], [["D1", summary]])
    ok = [r["text"] for r in read_csv_rows(out / "opinions.csv") if r["status"] == "ok"]
    assert len(ok) == 2 and not any("回答した" in t for t in ok)
    assert "| 公園を増やしてほしい。 |" in report and "| 空き家対策を急いでほしい。 |" in report
    assert "回答した" not in report and "参加者から" not in report


def test_a_neighbourhood_officers_self_introduction_is_no_opinion():
    letter = "東雲町会の会長をしております中川です。駅前の再開発ビルに図書館を入れてほしい。"
    assert display_text(letter) == "駅前の再開発ビルに図書館を入れてほしい。"
