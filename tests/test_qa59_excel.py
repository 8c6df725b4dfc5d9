"""QA59: Excel workbooks as a city's staff keep them. A plan's name (「東浜市子ども・子育て支援事業計画」)
was masked as a person's (東浜 市子), --title too; 「まず、放課後児童クラブについて意見を述べます。」 was
dropped as a stock sentence, so the published summary lost its subject; formulas no spreadsheet had
calculated and hidden rows were read without a word; a password-protected workbook, an .ods and an
HTML page or a CSV named .xls were refused with the wrong words."""

from __future__ import annotations

import zipfile

import openpyxl
import pytest
from conftest import assert_masked, invoke, read_csv_rows, split_texts, write_csv, write_sheet

from cluster.messages_ja import is_known, translate
from cluster.pipeline import title_from_rows
from cluster.split import split_submission

HEADER = ["受付番号", "提出方法", "氏名", "ご意見"]


@pytest.mark.parametrize("text, kept", [
    ("東浜市子ども・子育て支援事業計画（案）に対する意見募集の結果", "東浜市子ども・子育て支援事業計画"),
    ("松浦市子ども医療費の助成を高校生まで広げてほしい。", "松浦市子ども医療費"),
    ("西浜市子ども医療費助成のように、東浜市も高校生まで対象にしてください。", "西浜市子ども医療費助成"),
])
def test_a_city_name_before_kodomo_is_no_person(text, kept):
    assert_masked(text, kept=[kept])


def test_the_given_name_ichiko_is_still_masked():
    assert_masked("東浜市子さんから聞いた話です。", secrets=["市子"])
    assert_masked("意見を出したのは東浜市子です。", secrets=["市子"])


def test_the_title_given_is_published_as_typed(tmp_path):
    comments = write_csv(tmp_path / "c.csv", HEADER, [["1", "郵送", "山田花子", "図書館の開館時間を延ばしてほしい。"]])
    title = "鈴木花子さん記念ホール整備計画（案）に対する意見募集の結果"  # staff named it so
    res = invoke("run", comments, "--out", tmp_path / "out", "--model", "char-hash", "--title", title)
    assert res.exit_code == 0, res.output
    assert (tmp_path / "out" / "report.md").read_text(encoding="utf-8").splitlines()[0] == f"# {title}"


LETTER = ("いつも市政にご尽力いただきありがとうございます。\n"
          "まず、放課後児童クラブについて意見を述べます。定員が足りず、毎年待機児童が出ています。\n"
          "次に、児童館について意見を述べます。建物が古く、雨漏りがしています。\n"
          "最後に、病児保育について意見を述べます。予約がとれないことが多いです。")


def test_points_announced_by_their_subject_are_opinions_headed_by_it():
    pieces = [(LETTER[s.start:s.end], s.heading) for s in split_submission(LETTER)]
    assert pieces[0] == ("いつも市政にご尽力いただきありがとうございます。", "")  # the preamble (a greeting row)
    assert pieces[1:] == [("定員が足りず、毎年待機児童が出ています。", "放課後児童クラブについて"),
                      ("建物が古く、雨漏りがしています。", "児童館について"),
                      ("予約がとれないことが多いです。", "病児保育について")]


def test_one_announced_subject_is_kept_as_the_heading():
    text = "放課後児童クラブについて意見を述べます。定員が足りず、毎年待機児童が出ています。"
    (seg,) = split_submission(text)
    assert (text[seg.start:seg.end], seg.heading) == ("定員が足りず、毎年待機児童が出ています。", "放課後児童クラブについて")


@pytest.mark.parametrize("text", [
    "本計画案について意見を述べます。放課後児童クラブの定員が足りず、毎年待機児童が出ています。",
    "東浜市子ども・子育て支援事業計画（案）について意見を述べます。放課後児童クラブの定員を増やしてください。",
    "以下2点について意見を述べます。放課後児童クラブの定員が足りません。",
])
def test_announcing_the_draft_or_the_points_names_no_subject(text):
    assert all(not s.heading for s in split_submission(text))


def test_an_announcement_on_its_own_line_heads_its_paragraph_when_it_opens_a_point():
    text = ("まず、放課後児童クラブについて意見を述べます。\n定員が足りず、毎年待機児童が出ています。\n"
            "次に、児童館について意見を述べます。\n建物が古く、雨漏りがしています。")
    assert split_texts(text) == ["定員が足りず、毎年待機児童が出ています。", "建物が古く、雨漏りがしています。"]


def test_the_published_summary_keeps_the_subject(tmp_path):
    comments = write_csv(tmp_path / "c.csv", HEADER, [["1", "郵送", "山田太郎", LETTER],
                                                      ["2", "FAX", "鈴木一郎", "病児保育の施設が遠すぎて使えません。"]])
    res = invoke("run", comments, "--out", tmp_path / "out", "--model", "char-hash")
    assert res.exit_code == 0, res.output
    report = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    for subject in ("放課後児童クラブについて", "児童館について", "病児保育について"):
        assert subject in report, report
    rows = read_csv_rows(tmp_path / "out" / "opinions.csv")
    assert [r["heading"] for r in rows if r["comment_id"] == "1" and r["status"] == "ok"] == [
        "放課後児童クラブについて", "児童館について", "病児保育について"]
    # the departments' list of every opinion shows what each is about
    listed = [r[4] for r in openpyxl.load_workbook(tmp_path / "out" / "worksheet.xlsx")["意見一覧"].iter_rows(
        min_row=2, values_only=True) if r[4]]
    assert "【児童館について】\n建物が古く、雨漏りがしています。" in listed, listed
    assert "病児保育の施設が遠すぎて使えません。" in listed  # no heading, none shown


@pytest.mark.parametrize("row, title", [
    ("東浜市子ども・子育て支援事業計画（案）意見一覧", "東浜市子ども・子育て支援事業計画（案）に対する意見募集の結果"),
    ("東浜市公共施設再編計画（案）パブリックコメント意見一覧", "東浜市公共施設再編計画（案）に対する意見募集の結果"),
    ("意見一覧", ""),
])
def test_a_title_row_naming_the_draft_before_its_list(row, title):
    assert title_from_rows([row]) == title


def _workbook_with(tmp_path, rows, hidden=(), name="w.xlsx"):
    return write_sheet(tmp_path / name, rows, hidden=hidden)


def _run(tmp_path, path, *extra):
    res = invoke("run", path, "--out", tmp_path / "out", "--model", "char-hash", "--no-progress", *extra)
    assert res.exit_code == 0, res.output
    assert "Traceback" not in res.output
    return res.output


def test_formulas_never_calculated_are_named_and_kept(tmp_path):
    path = _workbook_with(tmp_path, [
        HEADER, ["1", "郵送", "山田", "学童の定員を増やしてください。"], ["=ROW()-1", "FAX", "佐藤", '="保育料の"&"無償化を拡大してほしい。"'],
        ["3", "郵送", "鈴木", "児童館を建て替えてください。"], ["合計", None, None, "=COUNTA(D2:D4)"]])
    output = _run(tmp_path, path)
    (line,) = [x for x in output.splitlines() if "never calculated" in x]
    assert line.startswith("warning: 2 cells (A3, D3) hold formulas whose values were never calculated")
    assert "D5" not in line  # the total under the table is no submission
    rows = read_csv_rows(tmp_path / "out" / "opinions.csv")
    assert len(rows) == 3 and any("無償化" in r["text"] for r in rows)  # kept, not dropped
    assert is_known(line) and "数式" in translate(line)


def test_hidden_rows_are_counted_and_said(tmp_path):
    path = _workbook_with(tmp_path, [HEADER] + [[str(k), "郵送", f"氏名{k}", f"公園{k}に遊具を増やしてください。"]
                                             for k in range(1, 5)], hidden=[3, 4])
    output = _run(tmp_path, path)
    (line,) = [x for x in output.splitlines() if "hidden row" in x]
    assert line.startswith("2 hidden rows (rows 3, 4) read and counted as the others")
    assert len(read_csv_rows(tmp_path / "out" / "opinions.csv")) == 4
    assert is_known(line) and "非表示" in translate(line)
    # no hidden row: nothing said
    plain = _workbook_with(tmp_path, [HEADER, ["1", "郵送", "山田", "公園に遊具を増やしてください。"]], name="p.xlsx")
    assert "hidden row" not in _run(tmp_path, plain)


def test_totals_of_several_sheets_are_named_with_their_sheet(tmp_path):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for sheet, rows in {"電子メール": [["1", "山田", "学童を増やしてください。"], ["2", "佐藤", "児童館を直してください。"]],
                        "郵送": [["1", "鈴木", "保育料を下げてください。"]]}.items():
        ws = wb.create_sheet(sheet)
        ws.append(["受付番号", "氏名", "ご意見"])
        for row in rows:
            ws.append(row)
        ws.append([f"計 {len(rows)}件"])
    wb.save(tmp_path / "s.xlsx")
    output = _run(tmp_path, tmp_path / "s.xlsx")
    assert "sheet 電子メール row 4 「計 2件」, sheet 郵送 row 3 「計 1件」" in output, output


def _refused(tmp_path, path, *parts):
    res = invoke("run", path, "--out", tmp_path / "out")
    assert res.exit_code == 2, res.output
    (line,) = res.output.strip().splitlines()
    for part in parts:
        assert part in line, line
    assert is_known(line.removeprefix("error: "))
    return line


def test_a_password_protected_workbook_is_named_so(tmp_path):
    path = tmp_path / "意見.xlsx"  # an Office container holding an EncryptedPackage stream
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptedPackage".encode("utf-16-le")
                     + bytes(1000))
    _refused(tmp_path, path, "is protected by a password", "remove the password")


def test_an_ods_is_named_so(tmp_path):
    path = tmp_path / "意見.ods"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    line = _refused(tmp_path, path, "OpenDocument spreadsheet (.ods", "save the comments as CSV or Excel")
    assert "unpack" not in line


def test_a_csv_or_a_web_page_under_an_xls_name(tmp_path):
    csv_path = tmp_path / "意見.xls"
    csv_path.write_bytes("受付番号,氏名,ご意見\r\n1,山田,学童の定員を増やしてください。\r\n2,佐藤,児童館を直してください。\r\n"
                         .encode("cp932"))
    output = _run(tmp_path, csv_path)
    assert "text under an .xls name, read as CSV" in output
    assert len(read_csv_rows(tmp_path / "out" / "opinions.csv")) == 2
    html = tmp_path / "export.xls"
    html.write_text("<html><body><table><tr><td>受付番号</td><td>ご意見</td></tr></table></body></html>", encoding="utf-8")
    _refused(tmp_path, html, "is a web page (HTML) under an .xls name")


def test_the_merged_cells_helper_still_reads_a_title_row_as_the_report_title(tmp_path):
    path = write_sheet(tmp_path / "t.xlsx", [["東浜市子ども・子育て支援事業計画（案）意見一覧"], [], HEADER,
                                              ["1", "郵送", "山田", "学童の定員を増やしてください。"]])
    _run(tmp_path, path)
    report = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert report.splitlines()[0] == "# 東浜市子ども・子育て支援事業計画（案）に対する意見募集の結果"


def test_a_spreadsheet_function_written_with_at_is_no_account():
    assert_masked("@SUM(1+1) 先頭が記号の意見です。", kept=["@SUM(1+1)"])
    assert_masked("@hanako（ハナコ）です。", secrets=["hanako"])
