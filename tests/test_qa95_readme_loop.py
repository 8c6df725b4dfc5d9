"""QA95: a newcomer follows README.md's review loop command by command on the shipped sample. Its
`review cut` example named words the sample does not hold (exit 2 at step 6), and the top-level help
left cut, join and category out of the review commands. Every command of the loop runs here as
README writes it, in order, so the README cannot drift from the sample again."""
from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from conftest import invoke, model_args

ROOT = Path(__file__).resolve().parent.parent


def review_loop_commands() -> list[list[str]]:
    """The `cluster …` lines of README's 「The review loop」 block, as argument lists, comments cut."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## The review loop"):]
    block = section[section.index("```bash") + len("```bash"):]
    block = block[:block.index("```")]
    commands = []
    for line in block.strip().splitlines():
        line = re.sub(r"\s+#\s.*$", "", line).strip()
        if line.startswith(".venv/bin/cluster "):
            commands.append(shlex.split(line)[1:])
    return commands


def test_the_readme_loop_is_the_commands_staff_are_told_about():
    commands = review_loop_commands()
    verbs = [c[1] for c in commands if c[0] == "review"]
    assert commands[0][0] == "run" and commands[-1][0] == "run"
    # every review command README's loop shows is one the tool has, and the loop shows each of them
    from cluster.cli import review_group

    assert set(verbs) == set(review_group.commands)


def test_every_command_of_the_readme_loop_runs_on_the_sample(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    extra = model_args()
    for args in review_loop_commands():
        if args[0] == "run":
            args = args + extra
        if args[:2] == ["review", "import"] and not Path(args[3]).exists():
            # staff fill in the worksheet in Excel: here one answer is typed into its first row
            from openpyxl import load_workbook

            book = load_workbook("out/worksheet.xlsx")
            sheet = book.worksheets[0]
            header_row = next(r for r in range(1, 12) if sheet.cell(row=r, column=1).value == "No.")
            column = next(c.column for c in sheet[header_row] if c.value == "考え方")
            sheet.cell(row=header_row + 1, column=column, value="ご意見として承り、今後の参考とさせていただきます。")
            book.save(args[3])
        result = invoke(*args)
        assert result.exit_code == 0, f"{' '.join(args)}\n{result.output}"
    opinions = (tmp_path / "out" / "opinions.csv").read_text(encoding="utf-8-sig")
    assert "P-012-1.2" in opinions  # the cut took effect on the re-run


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_top_level_help_names_every_review_command(lang):
    from cluster.cli import review_group

    words = {"en": {}, "ja": {"merge": "統合", "move": "移動", "split": "分割", "detach": "重複から外す",
                              "exclude": "対象外", "cut": "切り分け", "join": "つなぎ合わせ", "label": "見出し",
                              "summary": "概要", "answer": "考え方", "category": "対応区分", "section": "該当箇所",
                              "department": "担当課", "confirm": "確定", "undo": "取消し", "import": "取込み",
                              "list": "一覧", "show": "表示"}}[lang]
    result = invoke("--help", "--lang", lang)
    assert result.exit_code == 0
    summary = result.output[result.output.index("cluster review"):]
    summary = " ".join(summary[:summary.index("\n\n")].split())
    for name in review_group.commands:
        assert words.get(name, name) in summary, (name, summary)
