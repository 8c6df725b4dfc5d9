"""`--help` in Japanese (`--lang ja` or CLUSTER_LANG=ja): every command and option worded for staff,
click's own words too, lines wrapped by display width; English help untouched otherwise."""
import re

import click
import pytest
from click.testing import CliRunner
from conftest import invoke

from cluster.cli import main
from cluster.help_ja import COMMANDS, display_width, option_help, wrap


def _commands(command, path="cluster"):
    yield path, command
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            yield from _commands(sub, f"{path} {name}")


def test_every_command_and_option_has_japanese_help():
    missing = []
    for path, command in _commands(main):
        if path not in COMMANDS:
            missing.append(path)
        for param in command.params:
            if isinstance(param, click.Option) and not option_help(path, param.name):
                missing.append(f"{path} {param.opts[0]}")
    assert missing == []


def test_run_help_in_japanese_reads_as_japanese_and_fits_the_width():
    result = invoke("run", "--help", "--lang", "ja")
    assert result.exit_code == 0
    text = result.output
    assert text.startswith("使い方: ")
    assert "[オプション] INPUT..." in text
    assert "\nオプション:\n" in text
    assert "書き出す実行フォルダ。" in text and "［必須］" in text
    assert "［既定：0］" in text  # --seed's default, click's own words
    assert "この説明を表示して終了します。" in text
    for english in ("Run folder to write.", "Seed for the clustering.", "Show this message", "[default:", "Usage:"):
        assert english not in text
    assert max(display_width(line) for line in text.splitlines()) <= 80  # (a closing mark may hang, within 80)


def test_japanese_help_then_english_help_in_one_process():
    invoke("run", "--help", "--lang", "ja")
    english = invoke("run", "--help").output
    assert "Run folder to write." in english and "Usage:" in english
    assert "書き出す実行フォルダ" not in english


def test_environment_setting_gives_japanese_help_for_review_commands():
    result = CliRunner(env={"CLUSTER_LANG": "ja"}).invoke(main, ["review", "exclude", "--help"])
    assert result.exit_code == 0
    assert "案に対する意見ではないもの（対象外）を除きます。" in result.output
    assert "--with-copies" in result.output and "写しもすべて除きます" in result.output
    listing = CliRunner(env={"CLUSTER_LANG": "ja"}).invoke(main, ["review", "--help"]).output
    assert "\nコマンド:\n" in listing
    assert re.search(r"\n  merge +項目 C1 C2 \[...\] を一つに統合します\n", listing)


@pytest.mark.parametrize("width", [20, 31, 48])
def test_wrap_breaks_japanese_by_display_width_without_bad_line_starts(width):
    text = ("同じ提出者（氏名）が同じ意見を複数回送ったとき（メールと郵送で同じ手紙など。完全な写しも"
            "ほぼ同じ写しも）：each = すべて数える（既定）、once = 一件と数え、後の写しは opinions.csv に "
            "status repeat で残します。")
    lines = wrap(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        assert display_width(line) <= width + 2
        assert not line.startswith(("。", "、", "）", "」"))
        assert not line.endswith(("（", "「"))
    assert any("opinions.csv" in line for line in lines)  # an ASCII word is never cut


def test_every_commands_japanese_help_fits_an_80_column_terminal():
    wide = []
    for path, _ in _commands(main):
        args = path.split()[1:] + ["--help", "--lang", "ja"]
        text = CliRunner().invoke(main, args).output
        wide += [(path, line) for line in text.splitlines() if display_width(line) > 80]
    assert wide == []
