"""QA71: the published counts. A person named in a file without a 個人・団体 column and in one with it counts
once, under the kind the second gives; a letter that only thanks and wishes staff well (「…が、皆様ご自愛
ください。」) is a submission without an opinion."""

from __future__ import annotations

from conftest import invoke, read_csv_rows, write_csv, write_sheet


def test_a_person_in_a_file_without_kinds_counts_once_under_the_kind_given_elsewhere(tmp_path):
    web = write_csv(tmp_path / "電子申請.csv", ["受付番号", "氏名", "ご意見"], [
        ["W-1", "山田 太郎", "北分館を存続させてください。"],
        ["W-2", "田中 誠", "駐車場を増やしてください。"],
        ["W-3", "佐藤 花子", "開館時間を延長してください。"]])
    letters = write_sheet(tmp_path / "手紙等.xlsx", [
        ["受付番号", "提出方法", "氏名", "団体名", "ご意見"],
        ["L-1", "郵送", "山田太郎", "", "北分館を残してほしい。"],
        ["L-2", "持参", "田中 誠", "", "駐車場が足りません。"],
        ["L-3", "郵送", "鈴木 一郎", "みどり町内会", "分館の存続を求めます。"]])
    out = tmp_path / "out"
    res = invoke("run", web, letters, "--out", out, "--model", "char-hash")
    assert res.exit_code == 0, res.output
    line = next(x for x in (out / "report.md").read_text(encoding="utf-8").splitlines() if "提出者数" in x)
    # 山田太郎 and 田中誠: 個人 (the letters say so), once; 佐藤花子: 区分不明; the 町内会: 1団体
    assert "提出者数：4（個人 2名、団体 1団体、区分不明 1名。提出件数 6件" in line


def test_a_letter_of_thanks_and_good_wishes_is_no_opinion(tmp_path):
    src = write_csv(tmp_path / "in.csv", ["受付番号", "ご意見"], [
        ["L-12", "計画づくりお疲れ様です。寒い日が続きますが、皆様ご自愛ください。"],
        ["L-13", "北分館を存続させてください。"]])
    out = tmp_path / "out"
    assert invoke("run", src, "--out", out, "--model", "char-hash").exit_code == 0
    status = {r["comment_id"]: r["status"] for r in read_csv_rows(out / "opinions.csv")}
    assert status["L-12"] == "empty"
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "ご自愛" not in report and "意見を含まない提出：1件" in report
