"""QA52: raw exports of web-form services (Google Forms, Microsoft Forms, LoGoフォーム, kintone) read
as they are: several free-text questions, a 該当箇所 column named as a question, a status column,
record numbers 1..N in two files, a channel named after its file. Small invented inputs."""
from __future__ import annotations

from conftest import invoke, read_csv_rows, write_csv

GOOGLE_HEADER = ["タイムスタンプ", "メールアドレス", "計画案全体についてどう思いますか",
                 "特に重要だと思う施策を選んでください（複数回答可）",
                 "第2章「現状と課題」について", "第3章「目標と施策」について", "その他ご意見"]
GOOGLE_ROWS = [
    ["2026/01/10 1:16:08 午後 GMT+9", "a1@example.jp", "賛成", "バスの充実, 乗り継ぎ改善",
     "駅で電車とバスの接続が悪く、三十分待つことがあります。", "ICカードを使えるようにしてください。", "特にありません"],
    ["2026/01/11 9:02:11 午前 GMT+9", "a2@example.jp", "反対", "デマンド交通の導入",
     "アンケートの回答者が少なすぎて町民の意見とは言えません。", "", "説明会を土日にも開いてほしいです。"],
    ["2026/01/12 3:07:02 午後 GMT+9", "a3@example.jp", "賛成", "バスの充実",
     "", "東回り線の廃止には反対です。通院に使っています。", ""],
    ["2026/01/13 8:40:51 午後 GMT+9", "a4@example.jp", "どちらともいえない", "バスの充実, デマンド交通の導入",
     "タクシーの運転手不足を数字で示してください。", "特にありません", "-"],
    ["2026/01/14 7:15:30 午前 GMT+9", "a5@example.jp", "反対", "乗り継ぎ改善",
     "", "", "資料の文字が小さくて読みにくかったです。"],
    ["2026/01/15 6:00:00 午後 GMT+9", "a6@example.jp", "賛成", "デマンド交通の導入, 乗り継ぎ改善",
     "バス停の屋根とベンチが足りないことを課題に入れてください。", "運賃を高齢者は無料にしてほしいです。", ""],
]
GOOGLE_TEXTS = {"駅で電車とバスの接続が悪く", "アンケートの回答者が少なすぎて", "タクシーの運転手不足",
                "バス停の屋根とベンチ", "ICカードを使える", "東回り線の廃止には反対", "運賃を高齢者は無料",
                "説明会を土日にも", "資料の文字が小さくて"}


def _run(tmp_path, *paths_and_options, out="out"):
    res = invoke("run", *paths_and_options, "--out", tmp_path / out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    return res.output, tmp_path / out


def _ok(out):
    return [r for r in read_csv_rows(out / "opinions.csv") if r["status"] == "ok"]


def test_a_google_forms_export_reads_every_free_text_question_as_the_rows_opinions(tmp_path):
    """QA52: only その他ご意見 was read (12 of 42 opinions); 第2章 and 第3章 were only named as not used."""
    path = write_csv(tmp_path / "回答.csv", GOOGLE_HEADER, GOOGLE_ROWS)
    said, out = _run(tmp_path, path)
    ok = _ok(out)
    assert {t for t in GOOGLE_TEXTS if any(t in r["text"] for r in ok)} == GOOGLE_TEXTS
    assert len(ok) == len(GOOGLE_TEXTS)
    line = next(x for x in said.splitlines() if x.startswith("opinion columns"))
    assert "第2章「現状と課題」について, 第3章「目標と施策」について, その他ご意見" in line
    assert "heading of its answers" in line
    # each question is the 該当箇所 of its answers (その他 names no place in the draft)
    heading = {r["text"][:8]: r["heading"] for r in ok}
    assert heading["駅で電車とバスの"] == "第2章「現状と課題」" and heading["ICカードを使え"] == "第3章「目標と施策」"
    assert heading["説明会を土日にも"] == ""
    # the radio and checkbox columns are named once as choices, never as past answers (「（複数回答可）」)
    assert "choice columns not counted: 計画案全体についてどう思いますか, 特に重要だと思う施策を選んでください（複数回答可）" in said
    assert "table of past answers" not in said
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "意見を含まない提出" not in report  # every row holds an opinion


def test_the_text_column_option_repeats_in_the_order_given(tmp_path):
    """QA52: a repeated --text-column kept the last one, silently; the columns left out are named in full."""
    path = write_csv(tmp_path / "回答.csv", GOOGLE_HEADER, GOOGLE_ROWS)
    said, out = _run(tmp_path, path, "--text-column", "その他ご意見", "--text-column", "第2章「現状と課題」について")
    line = next(x for x in said.splitlines() if x.startswith("opinion columns"))
    assert "opinion columns その他ご意見, 第2章「現状と課題」について" in line
    texts = [r["text"] for r in _ok(out)]
    assert any("説明会を土日にも" in t for t in texts) and any("駅で電車とバスの接続" in t for t in texts)
    assert not any("ICカード" in t for t in texts)  # 第3章 not given: not read, but named
    assert "warning: column of free text not read: 第3章「目標と施策」について" in said
    # one column given: that column alone, the others named in full
    said, out = _run(tmp_path, path, "--text-column", "その他ご意見", out="one")
    assert "columns of free text not read: 第2章「現状と課題」について, 第3章「目標と施策」について" in said
    assert "and 1 more" not in said and "and 2 more" not in said


LOGO_HEADER = ["申請ID", "ステータス", "お名前【必須】",
               "ご意見の対象となる箇所（章・ページなど）\n※分かる範囲でご記入ください",
               "あおば市総合計画（案）に対するご意見をご記入ください。【必須】\n※1,000文字以内", "ご意見の理由（任意）"]
LOGO_ROWS = [
    ["2026030101", "完了", "石井 恵子", "第4章 施策5", "公共施設の統廃合には反対です。地区ごとに説明会を開いてください。",
     "公民館がなくなると地域の活動ができなくなるため。"],
    ["2026030102", "完了", "上田 誠", "P.25", "駅前の空き店舗対策を強化してください。", ""],
    ["2026030103", "取下げ", "石井 恵子", "第4章 施策5", "公共施設の統廃合には反対です。", ""],
    ["2026030104", "受付済", "青木 一郎", "", "人口減少を前提とした計画にしてください。目標人口が高すぎます。",
     "近隣市も人口が減っているから。"],
    ["2026030105", "テスト", "あおば市 企画課", "", "テスト送信です。", ""],
]


def test_a_logo_export_reads_the_long_question_as_the_opinion_and_its_section_and_reason(tmp_path):
    """QA52: the short 該当箇所 column was taken as the opinion (「第4章 施策5」 件数 3), every opinion missing;
    the 取下げ and テスト rows counted as submissions."""
    path = write_csv(tmp_path / "logo.csv", LOGO_HEADER, LOGO_ROWS)
    said, out = _run(tmp_path, path)
    read = next(x for x in said.splitlines() if x.startswith("read "))
    assert "text = あおば市総合計画（案）に対するご意見をご記入ください。" in read
    fields = next(x for x in said.splitlines() if x.startswith("opinion column "))
    assert "該当箇所 from ご意見の対象となる箇所（章・ページなど）" in fields and "reason from ご意見の理由（任意）" in fields
    rows = read_csv_rows(out / "opinions.csv")
    ok = [r for r in rows if r["status"] == "ok"]
    assert {r["comment_id"] for r in ok} == {"2026030101", "2026030102", "2026030104"}
    assert any(r["heading"] == "第4章 施策5" for r in ok)
    assert any("公民館がなくなると" in r["text"] for r in rows) and any("近隣市も人口が" in r["text"] for r in rows)
    # the withdrawn resend and the staff's test: kept, excluded, not counted
    by_id = {r["comment_id"]: r["status"] for r in rows}
    assert by_id["2026030103"] == "excluded" and by_id["2026030105"] in ("excluded", "empty")
    line = next(x for x in said.splitlines() if "withdrawn or a test" in x)
    assert line.startswith("2 rows withdrawn or a test by ステータス (取下げ 1, テスト 1:")
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "提出件数 3件" in report or "提出件数：3件" in report
    assert "企画課" not in report and "テスト送信" not in report and "対象外" not in report


def test_record_numbers_of_two_unrelated_exports_are_not_merged_and_a_file_channel_is_not_masked(tmp_path):
    """QA52: kintone's attachment-only record 10 was merged with Microsoft Forms' response 10 of another
    person (54 submissions → 53), and the channel 「Microsoft Forms」 was published as 「［氏名］」."""
    ledger = write_csv(tmp_path / "意見受付台帳.csv", ["レコード番号", "受付方法", "提出者氏名", "意見"], [
        ["1", "郵送", "山口 茂", "東回り線の廃止には反対です。"],
        ["2", "FAX", "石田 ミツ", "意見は別紙のとおりです。"],
        ["3", "郵送", "北村 良子", "駅前の駐輪場を増やしてください。"]])
    # (a service whose name is not folded into 電子申請 as 「Microsoft Forms」 now is, QA53: two capitalised words, as
    # a Latin name is written)
    forms = write_csv(tmp_path / "Survey Monkey.csv", ["ID", "ご意見"], [
        ["1", "産後ケアの利用料を下げてください。"], ["2", "学童保育の待機児童を解消してください。"],
        ["3", "児童館を夜まで開けてほしいです。"]])
    said, out = _run(tmp_path, ledger, forms)
    assert "text typed in another file" not in said
    line = next(x for x in said.splitlines() if x.startswith("not merged:"))
    assert "意見受付台帳-2 / Survey Monkey-2" in line
    assert "are new submissions, counted twice" not in said
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "提出件数 6件" in report
    assert "Survey Monkey 3件" in report and "［氏名］ 3件" not in report
    # a file named as the attachments' still gives the text (QA42)
    typed = write_csv(tmp_path / "添付.csv", ["レコード番号", "意見"], [["2", "里山の保全を計画に書いてください。"]])
    said, out = _run(tmp_path, ledger, typed, out="typed")
    assert "text typed in another file" in said and "not merged" not in said


def test_an_empty_name_column_gives_way_to_the_name_column_with_names(tmp_path):
    """QA52 (Microsoft Forms): the system column 名前 (empty) was the submitter, お名前（任意） held the names."""
    path = write_csv(tmp_path / "forms.csv", ["ID", "メール", "名前", "ご意見", "お名前（任意）"], [
        ["1", "anonymous", "", "産後ケアの利用料を下げてください。", "佐藤 美咲"],
        ["2", "anonymous", "", "学童保育の待機児童を解消してください。", ""],
        ["3", "anonymous", "", "児童館を夜まで開けてほしいです。", "伊藤 直子"]])
    said, out = _run(tmp_path, path)
    assert "submitter = お名前（任意） (guessed)" in said
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "氏名の欄がないため" not in report and "提出者数：3名" in report
