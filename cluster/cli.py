"""Command line: a thin layer over the library. Errors end with one line and exit 2."""
from __future__ import annotations

import errno
import functools
import os
import re
import sys
from collections import Counter
from pathlib import Path

import click

from . import __version__


_LANG: str | None = None  # --lang of the command being run (None: CLUSTER_LANG, else English)
_ARGV: list[str] = []  # the arguments of the command being run, as typed (for the order of its files)


def _echo(message: str, err: bool = False) -> None:
    """click.echo, in Japanese with --lang ja (or CLUSTER_LANG=ja): the lines are worded at output
    time (cluster/messages_ja.py); the library and the default output stay English."""
    from .messages_ja import lang, translate

    click.echo(translate(message) if lang(_LANG) == "ja" else message, err=err)


def _set_lang(ctx, param, value):
    global _LANG
    if value is not None:
        _LANG = value
    return value


_lang = click.option("--lang", type=click.Choice(["en", "ja"]), default=None, expose_value=False, is_eager=True,
                     callback=_set_lang,
                     help="Language of the lines printed: en (default) or ja (日本語); also CLUSTER_LANG=ja.")


def _fail(message: str, code: int = 2) -> None:
    try:
        _echo(f"error: {message}", err=True)
    except BrokenPipeError:  # (stderr piped into a reader that stopped)
        _silence_closed_streams()
    sys.exit(code)


# Ctrl-C: the shell's code for a process ended by SIGINT (128 + 2), as Python itself exits
INTERRUPTED = 130
INTERRUPTED_MESSAGE = "interrupted; the previous outputs are left as they were"


def _silence_closed_streams(*streams) -> None:
    """``streams`` (default stdout and stderr) go to the null device: their reader stopped
    (`cluster run … 2>&1 | head -1`). Further lines, and Python's flush at exit, then neither fail
    nor print a traceback."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in streams or (sys.stdout, sys.stderr):
        try:
            os.dup2(devnull, stream.fileno())
        except (OSError, ValueError, AttributeError):  # (no real file: click's test runner)
            pass
    os.close(devnull)


def _guarded(fn):
    """Turn known input errors (and anything unexpected) into one clear line, no traceback."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            if kwargs.get("run_dir"):  # a review verb: never on a folder a killed run left half replaced
                from .pipeline import recover_interrupted_publish

                if note := recover_interrupted_publish(kwargs["run_dir"]):
                    _echo(note, err=True)
                from .review import ID_ARGUMENTS, as_spelt_in_run

                if any(kwargs.get(k) for k in ID_ARGUMENTS):  # (`review list` reads no opinions.csv for it)
                    kwargs = as_spelt_in_run(kwargs["run_dir"], kwargs)
            return fn(*args, **kwargs)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException, SystemExit):
            raise
        except KeyboardInterrupt:
            # (a run publishes its outputs all or nothing, and puts every file back when
            # interrupted while moving them in: pipeline._swap_in)
            _fail(INTERRUPTED_MESSAGE, INTERRUPTED)
        except BrokenPipeError:
            # the reader of the output stopped (`… | head -1`). Every command prints after its
            # work is done (a run's lines while it works are dropped: _log), so the work stands:
            # exit 0, as `review show | head` does. Not 141 (128 + SIGPIPE, a program the signal
            # killed): under `set -o pipefail` that would fail a script whose outputs are complete.
            _silence_closed_streams()
            return None
        except ValueError as exc:  # InputError, EncoderError, DecisionsError are ValueErrors
            for line in getattr(exc, "lines", ())[:-1]:  # several problems found at once: one line each
                _echo(f"error: {line}", err=True)
            last = (getattr(exc, "lines", None) or [str(exc)])[-1]
            _fail(last.splitlines()[0] if last else type(exc).__name__)
        except OSError as exc:
            _fail(_os_error_message(exc))
        except Exception as exc:  # noqa: BLE001 - last resort: never a traceback for users
            if os.environ.get("CLUSTER_DEBUG"):
                raise
            detail = " ".join(str(exc).split())[:300]  # one line, whatever the exception holds
            _fail(f"unexpected {type(exc).__name__}: {detail} (set CLUSTER_DEBUG=1 for details)")

    return wrapper


def _os_error_message(exc: OSError) -> str:
    """One line for a failed read or write, naming the file the user knows.

    Outputs are written in a hidden ``.staging-*`` folder of the run folder and moved into
    place at the end: the message names the output (DIR/report.xlsx), not the staging path.
    """
    name = re.sub(r"[\\/]\.staging-[^\\/]+(?=[\\/]|$)", "", str(exc.filename or ""))
    name = re.sub(r"(^|[\\/])\.([^\\/]+)\.[^.\\/]+\.tmp$", r"\1\2", name)  # atomic_path's temp name
    if exc.errno == errno.ENOSPC:
        return (f"no space left on the disk while writing {name or 'the outputs'}; free some space and "
                "run again (files already in place were not changed)")
    if exc.errno is not None and exc.errno == getattr(errno, "EDQUOT", None):
        return f"disk quota exceeded while writing {name or 'the outputs'}; files already in place were not changed"
    return f"{name}: {exc.strerror or exc}".lstrip(": ")


def _log(message: str) -> None:
    try:
        _echo(message, err=True)
    except BrokenPipeError:
        # stderr piped into a reader that stopped (`2>&1 | head`): the run goes on without its
        # messages rather than stopping with nothing written
        _silence_closed_streams(sys.stderr)
        sys.stderr = open(os.devnull, "w")


def _print_done(message: str) -> None:
    """A line on stdout after the work is done: a reader that stopped (`| head -1`) is no failure
    (the outputs are written; exit 0, as `review show | head` does)."""
    try:
        _echo(message)
    except BrokenPipeError:
        _silence_closed_streams(sys.stdout)


class _Context(click.Context):
    """Help in Japanese with --lang ja (or CLUSTER_LANG=ja): click's headings and lines wrapped by
    display width (cluster/help_ja.py); the texts themselves are swapped in by _OneLineErrors.main."""

    def make_formatter(self) -> click.HelpFormatter:
        from .messages_ja import lang

        if lang(_LANG) == "ja":
            from .help_ja import JapaneseHelpFormatter

            return JapaneseHelpFormatter(width=self.terminal_width, max_width=self.max_content_width)
        return super().make_formatter()


class _Command(click.Command):
    context_class = _Context


class _Group(click.Group):
    context_class = _Context
    command_class = _Command
    group_class = type  # (a group under it is of its own class)


class _OneLineErrors(_Group):
    """click prints a usage error as four lines (usage, hint, blank, error); the tool's rule is
    one clear line for bad input, so usage errors name the command's --help instead."""

    def main(self, *args, **kwargs):
        global _LANG, _ARGV
        _LANG = None  # (each invocation its own --lang: the runner of the tests calls main again)
        argv = list(kwargs.get("args") or (args[0] if args else None) or sys.argv[1:])
        _ARGV = [str(a) for a in argv]
        for k, arg in enumerate(argv):  # (a usage error comes before --lang's callback: it is said in that language)
            value = argv[k + 1] if arg == "--lang" and k + 1 < len(argv) else arg[7:] if arg.startswith("--lang=") else ""
            if value in ("en", "ja"):
                _LANG = value
        from .help_ja import use_language
        from .messages_ja import lang

        use_language(self, lang(_LANG))  # (--help is printed before any option's callback runs)
        kwargs["standalone_mode"] = False
        try:
            code = super().main(*args, **kwargs)
        except click.UsageError as exc:
            if type(exc).__name__ == "NoArgsIsHelpError" and exc.ctx is not None:  # bare `cluster`: its help
                click.echo(exc.ctx.get_help())
                sys.exit(0)
            where = f" (see `{exc.ctx.command_path} --help`)" if exc.ctx is not None else ""
            _fail(f"{' '.join(exc.format_message().split())}{where}")
        except click.ClickException as exc:
            _echo(f"error: {' '.join(exc.format_message().split())}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            _fail("aborted")
        except KeyboardInterrupt:  # (before or after a command's own handling: while starting up)
            _fail(INTERRUPTED_MESSAGE, INTERRUPTED)
        except BrokenPipeError:  # (--help into `| head -1`: see _guarded)
            _silence_closed_streams()
            sys.exit(0)
        if isinstance(code, int):  # --help, --version: click's exit code
            sys.exit(code)
        return code


@click.group(cls=_OneLineErrors, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cluster")
@_lang
def main() -> None:
    """Turn raw Japanese public comments into a published answer table.

    \b
    cluster run       comments -> opinions, duplicates, clusters, past answers, report
    cluster answers   top past answers for each row of a query file
    cluster review    record staff decisions (merge, move, split, detach, exclude, cut, join, label, summary,
                      answer, category, section, department, confirm, undo, import a filled-in
                      worksheet.xlsx); list and show them
    """


def _reader_options(what: str):
    """--encoding, --sheet and --header-row for the file a command reads (``what``: its name in help)."""
    options = [
        click.option("--encoding", help=f"Encoding of the {what} when detection is wrong (utf-8, cp932 ...)."),
        click.option("--sheet", help=f"Excel sheet of the {what} to read (default: the first visible sheet with data)."),
        click.option("--header-row", type=click.IntRange(min=1),
                     help=f"Row number of the {what}'s column names (Excel's row number; for CSV the record "
                          "number, as a spreadsheet shows it: a quoted cell with line breaks is one row). Rows "
                          "above it are skipped and listed. Default: found (a title row above the column names "
                          "is skipped)."),
    ]

    def add(command):
        for option in reversed(options):
            command = option(command)
        return command

    return add


@main.command("run")
@click.argument("input_paths", metavar="INPUT...", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Run folder to write.")
@click.option("--text-column", multiple=True,
              help="Column with the comment text (guessed: ご意見, 意見, 本文, 内容, text ...; a form's several "
                   "free-text questions are read in turn); repeat it to read several columns in that order, each "
                   "column's name the heading of its answers.")
@click.option("--id-column", help="Column with the submission id (guessed: 受付番号, 番号, ID ...; else the row number).")
@click.option("--channel-column", help="Column with the channel: 郵送 / 持参 / FAX / 電子メール (guessed: 提出方法 ...).")
@click.option("--submitter-column", help="Column naming the submitter, to count 提出者数 and mask names (guessed: 氏名 ...).")
@click.option("--kind-column", help="Column telling 個人 or 団体, to count 提出者数 by kind (guessed: 個人・団体, "
                                    "提出者区分 ...); a 団体名 column names the organisation (guessed: 団体名, 法人名 ...).")
@click.option("--attribute-column", "attribute_columns", multiple=True,
              help="Column of the submitters' attributes (年代 or 年齢, 在住・在勤・在学, 性別 …): the report adds "
                   "「提出者の内訳（年代）：10代 2名、20代 5名 …」, ages in years counted by their ten years; repeatable; "
                   "kept for later runs into --out (--attribute-column \"\" stops it). At most 20 different values "
                   "(no addresses or free text).")
@click.option("--answers", "answers", multiple=True, type=click.Path(),
              help="Past answers table (CSV/XLSX) to suggest 考え方 from; repeatable. Or one index saved "
                   "by `cluster answers --save-index` (not re-embedded).")
@click.option("--answer-id-column", help="Past answers: id column (guessed: No., 番号 ...).")
@click.option("--answer-opinion-column", help="Past answers: past opinion column (guessed: ご意見の概要 ...).")
@click.option("--answer-text-column", help="Past answers: answer column (guessed: 市の考え方, 回答 ...).")
@click.option("--min-answer-score", type=float, default=None,
              help="Show a past answer in the report as a candidate from this score up (answers.csv lists all). "
                   "Default: the past-answer index's own threshold (0.15 unless the saved index says otherwise).")
@click.option("--topics", type=click.Path(dir_okay=False),
              help="Topics or draft sections (CSV: topic[,description], or one per line in .txt).")
@click.option("--order", type=click.Choice(["auto", "section", "count"]), default="auto", show_default=True,
              help="Report row order: section = the draft's order, as in the --topics file (rows with no topic "
                   "last); count = most opinions first; auto = section when --topics is given, else count.")
@click.option("--count-repeats", type=click.Choice(["each", "once"]), default=None,
              help="An opinion its submitter (氏名) sent more than once, exact or near copies (the same letter by "
                   "e-mail and by post): each = every copy counts (default); once = counted once, the later copies "
                   "kept in opinions.csv with status repeat (repeat_of names the first) and the report says "
                   "「同一の者から同一内容の意見が複数提出されたものは1件として集計しています（該当N件）。」. Kept for "
                   "later runs into --out.")
@click.option("--final", is_flag=True,
              help="The report as it will be published: confirmed answers only (no unconfirmed candidates; "
                   "worksheet.xlsx and answers.csv keep them), and the run names the rows still without one.")
@click.option("--no-split", is_flag=True, help="Keep one opinion per submission (do not cut numbered items or "
              "paragraphs); greetings, a quoted notice and the signature around it are still left out of it, in "
              "rows of their own (status greeting, header, quoted).")
@click.option("--model", help="Embedding model: a sentence-transformers name or path (default: the shipped model).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed for the clustering.")
@_reader_options("input file")
@click.option("--title", help="Report title (default: from a title row above the table that names the draft, "
                               "「…（案）に対する意見一覧」, else from the input file name).")
@click.option("--answer-heading",
              help="The report's answer column heading (「県の考え方」「市の考え方」; default 考え方, or the one the "
                   "earlier run in --out used).")
@click.option("--period", help="The consultation period, printed in the report as 意見募集期間 "
                                "(「令和8年1月10日～2月9日」).")
@click.option("--categories", type=click.Path(dir_okay=False),
              help="Your office's 対応区分, one per line: a short code and what it means (「A,ご意見を踏まえ案を修正したもの」, "
                   "「ア　今後の参考とするもの」). Default: A 案を修正 / B 既に盛り込み済み / C 参考 / D 反映しない / E その他. "
                   "`cluster review category` records a row's.")
@click.option("--no-mask", is_flag=True, help="Do not mask personal data in the report and worksheet.xlsx (opinions.csv, clusters.csv and "
                   "answers.csv hold the text as sent either way).")
@click.option("--report-encoding", type=click.Choice(["utf-8-sig", "cp932"]), default="utf-8-sig",
              show_default=True, help="Encoding of the CSV outputs (cp932 for old Excel; characters it lacks become 〓, with a warning).")
@click.option("--no-worksheet", is_flag=True,
              help="Do not write worksheet.xlsx (the sheet staff fill in with summaries and answers, read back "
                   "by `cluster review import`).")
@click.option("--progress/--no-progress", default=None, help="Progress bars on stderr (default: when a terminal).")
@_lang
@_guarded
def run_command(input_paths, out_dir, text_column, id_column, channel_column, submitter_column, kind_column,
                attribute_columns, answers,
                answer_id_column, answer_opinion_column, answer_text_column, min_answer_score, topics, order,
                count_repeats, final, no_split, model, seed,
                encoding, sheet, header_row, title, answer_heading, period, categories, no_mask, report_encoding,
                no_worksheet, progress):
    """Cluster the comments in INPUT and write the run folder --out.

    INPUT is a CSV, TSV, XLSX or JSON lines file in UTF-8 or CP932; several files (one per
    channel: the web form's CSV, the typed-in letters, an event's cards) are read as one
    consultation, each file's columns guessed on its own, and a file without a channel column
    counts under its file name (郵送.xlsx). Writes opinions.csv, clusters.csv, answers.csv,
    report.xlsx/.md/.html/.csv, worksheet.xlsx and run.json into the folder; staff decisions in
    its decisions.jsonl are applied again.

    Only report.* of a run with --final is for publishing (personal data masked); opinions.csv,
    clusters.csv, answers.csv, worksheet.xlsx, run.json and decisions.jsonl hold the text as sent
    or staff's names and stay inside the office.
    """
    from .pipeline import RunOptions, run

    _refuse_past_answers_as_comments(input_paths, answers)
    opts = RunOptions(
        text_column=text_column[0] if text_column else None, more_text_columns=tuple(text_column[1:]),
        id_column=id_column, channel_column=channel_column,
        submitter_column=submitter_column, kind_column=kind_column, attribute_columns=tuple(attribute_columns),
        answers=tuple(answers), answer_id_column=answer_id_column,
        answer_opinion_column=answer_opinion_column, answer_text_column=answer_text_column,
        answer_min_score=min_answer_score, topics=topics, order=order, final=final,
        split=not no_split, model=model, seed=seed, encoding=encoding, sheet=sheet, header_row=header_row, title=title,
        mask=not no_mask, csv_encoding=report_encoding, worksheet=not no_worksheet,
        answer_heading=answer_heading, period=period, categories=categories, count_repeats=count_repeats,
    )
    show = sys.stderr.isatty() if progress is None else progress
    result = run(input_paths[0] if len(input_paths) == 1 else list(input_paths), out_dir, opts, log=_log,
                 progress=show)
    c = result.counts
    _print_done(
        f"{_n(c['input_rows'], 'row')}, {_n(c['ok_opinions'], 'opinion')}, {_n(c['duplicate_groups'], 'duplicate group')}, "
        f"{_n(c['clusters'], 'cluster')} -> {result.out_dir}/report.xlsx"
    )
    # which files may leave the office: the CSVs hold the text as sent (QA32: nothing said so); a draft's report is
    # for review, not for the website (QA103: 「publish report.*」 was said of a run without --final)
    open_rows = c.get("report_rows", 0) - c.get("report_rows_answered", 0)
    if no_mask:
        publish = "report.* are NOT masked (--no-mask): check them before publishing"
    elif not final:
        publish = ("report.xlsx, report.md, report.html and report.csv are a draft for review (candidate answers "
                   "marked, personal data masked): publish the report of a run with --final")
    elif open_rows:
        publish = (f"publish report.xlsx, report.md, report.html or report.csv (personal data masked) once "
                   f"{_n(open_rows, 'row')} without a confirmed answer {'has' if open_rows == 1 else 'have'} one")
    else:
        publish = "publish report.xlsx, report.md, report.html or report.csv (personal data masked)"
    _print_done(publish
          + "; keep inside the office: opinions.csv, clusters.csv, answers.csv (the text as sent, personal data "
          + "included)" + (" and worksheet.xlsx (for the departments)" if not no_worksheet else ""))


def _after_answers(argv: list[str]) -> list[str]:
    """The file arguments typed right after an ``--answers FILE`` (「--answers a.csv b.csv」: b.csv is an input)."""
    out: list[str] = []
    k = 0
    while k < len(argv):
        arg = argv[k]
        k += 1
        if arg == "--answers" or arg.startswith("--answers="):
            k += arg == "--answers"  # its value
            while k < len(argv) and not argv[k].startswith("-"):
                out.append(argv[k])
                k += 1
    return out


def _refuse_past_answers_as_comments(input_paths, answers) -> None:
    """`cluster run new.csv --answers a.xlsx b.csv` reads b.csv as comments (click takes one file an
    --answers): a past-answer table published as citizens' opinions. A file typed right after an
    --answers file that has an answer column (考え方, 回答 …) is refused with one line."""
    if not answers:
        return
    from .answers import ANSWER_TEXT_CANDIDATES
    from .io import InputError, guess_column, read_table

    typed = set(_after_answers(_ARGV))
    for path in input_paths:
        if str(path) not in typed or not Path(path).is_file():
            continue
        try:
            table = read_table(path)
        except InputError:
            continue  # the run says what is wrong with it
        column = guess_column(table.columns, ANSWER_TEXT_CANDIDATES, what="answer-text", required=False)
        if column is not None:
            _fail(f"{Path(path).name} comes after --answers and has an answer column ({column}): it would be read as "
                  f"comments; give each past-answer file its own --answers (--answers {Path(answers[-1]).name} "
                  f"--answers {Path(path).name}), or name the comment files before --answers")


@main.command("answers")
@click.argument("past", nargs=-1, required=True, type=click.Path(dir_okay=True))
@click.option("--query", "query_path", required=True, type=click.Path(dir_okay=False),
              help="Table of queries (one opinion per row).")
@click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False), help="CSV to write.")
@click.option("-k", "k", type=int, default=5, show_default=True, help="Past answers per query.")
@click.option("--text-column", help="Query text column (guessed).")
@click.option("--id-column", help="Query id column (guessed; else the row number).")
@click.option("--answer-id-column", help="Past answers: id column (guessed).")
@click.option("--answer-opinion-column", help="Past answers: past opinion column (guessed).")
@click.option("--answer-text-column", help="Past answers: answer column (guessed).")
@click.option("--model", help="Embedding model (default: the shipped model).")
@click.option("--min-score", type=float, default=0.0, show_default=True, help="Leave out candidates below this score.")
@click.option("--save-index", type=click.Path(), help="Also save the past-answer index here for reuse.")
@_reader_options("query file")
@_lang
@_guarded
def answers_command(past, query_path, out_path, k, text_column, id_column, answer_id_column,
                    answer_opinion_column, answer_text_column, model, min_score, save_index, encoding, sheet,
                    header_row):
    """Suggest past answers: the top K answers in PAST for each row of --query.

    PAST is one or more past-answer tables (CSV/XLSX with past opinion and answer
    columns) or a saved index folder. Writes query_id, rank, answer_id, score, ...
    --encoding, --sheet and --header-row apply to the query file, as for `cluster run` INPUT.
    """
    from .answers import run_answers_query

    if k < 1:
        _fail("-k must be 1 or more")
    if str(out_path).endswith(("/", os.sep)):
        _fail(f"--out {out_path}: give a file name for the CSV (e.g. {os.path.join(out_path, 'suggestions.csv')})")
    run_answers_query(list(past), query_path, out_path, k=k, text_column=text_column, id_column=id_column,
                      answer_id_column=answer_id_column, answer_opinion_column=answer_opinion_column,
                      answer_text_column=answer_text_column, model=model, min_score=min_score,
                      save_index=save_index, encoding=encoding, sheet=sheet, header_row=header_row, log=_log)


@main.group("review")
@_lang
def review_group() -> None:
    """Record staff decisions in DIR/decisions.jsonl (applied again by the next `cluster run`).

    Decisions name the opinions they concern, so they survive re-clustering, a new
    model and late comments.
    """


_by = click.option("--by", help="Who decides (default: the OS user).")
_dir = click.argument("run_dir", metavar="DIR", type=click.Path(file_okay=False, exists=False))


def _n(n, noun: str) -> str:
    """``1 opinion``, ``2 opinions``."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _say(lines) -> None:
    for line in lines:
        _echo(line, err=True)


@review_group.command("merge")
@_dir
@click.argument("clusters", nargs=-1, required=True)
@_by
@_lang
@_guarded
def review_merge(run_dir, clusters, by):
    """Merge clusters C1 C2 [...] into one.

    After the next run the merged row carries the id of the cluster with the most distinct
    opinions (exact and near copies count once); the other ids are still accepted for it. The
    line recorded says which id that is, and which answer, summary, label, 対応区分 and 該当箇所
    the merged row keeps."""
    from .review import said_merge

    _say(said_merge(run_dir, clusters, by)[1])


@review_group.command("move")
@_dir
@click.argument("opinion_id")
@click.argument("cluster_id")
@_by
@_lang
@_guarded
def review_move(run_dir, opinion_id, cluster_id, by):
    """Move one opinion into cluster CLUSTER_ID."""
    from .review import said_move

    _say(said_move(run_dir, opinion_id, cluster_id, by)[1])


@review_group.command("split")
@_dir
@click.argument("opinion_ids", nargs=-1, required=True)
@_by
@_lang
@_guarded
def review_split(run_dir, opinion_ids, by):
    """Take the given opinions out into a new cluster of their own."""
    from .review import said_split

    _say(said_split(run_dir, opinion_ids, by)[1])


@review_group.command("detach")
@_dir
@click.argument("opinion_ids", metavar="OPINION_ID [OPINION_ID ...]", nargs=-1, required=True)
@_by
@_lang
@_guarded
def review_detach(run_dir, opinion_ids, by):
    """Take opinions out of their duplicate group: they are not copies of it.

    For an opinion the near-duplicate detector put into a form-letter group by mistake (a
    letter that copies the campaign text and adds a request of its own, or a different short
    opinion): the next run makes it a unit of its own, clustered on its own text, and the
    group's duplicate_count drops by one. The report's 件数 changes only if the grouping then
    places the opinion in another cluster (often it stays with the campaign it quotes); to take
    it out of the cluster, use `cluster review move` or `split` after the next run. An exact
    copy of another opinion of the group (the same text once normalised) is a copy and is
    refused; name copies of each other together (exact or near, e.g. a second campaign's letters)
    to take them out as a group of their own.
    Withdraw with `cluster review undo`.
    """
    from .review import said_detach

    _say(said_detach(run_dir, opinion_ids, by)[1])


@review_group.command("exclude")
@_dir
@click.argument("opinion_ids", metavar="OPINION_ID|CLUSTER_ID|SUBMISSION_ID [...]", nargs=-1, required=True)
@click.option("--reason", help="Why they are no opinion on the draft (recorded with the decision; shown by "
              "`cluster review list`).")
@click.option("--with-copies", is_flag=True, help="Exclude every copy in the opinions' duplicate groups too "
              "(each is named in the decision). Without it, one copy of a group is refused.")
@_by
@_lang
@_guarded
def review_exclude(run_dir, opinion_ids, reason, with_copies, by):
    """Exclude opinions that are no opinion on the draft (対象外).

    For a preamble the splitter kept, 「テスト送信です」, a question about the procedure or spam:
    the next run keeps their rows in opinions.csv with status `excluded` and leaves them out of
    the clusters, 件数, 意見総数 and the worksheet; the report's counts say how many staff
    excluded. Their submissions still count (提出者数, 提出件数). Only the opinions named are
    excluded: one copy of a duplicate group (a campaign letter) is refused; name them all or
    add --with-copies. A cluster id (C009) excludes the whole row, every copy with it; a
    submission's id (W-016) its opinions. Exclusion wins over a merge, move or split of the same opinion.
    Withdraw with `cluster review undo`: the opinion comes back on the next run.
    """
    from .review import said_exclude

    _say(said_exclude(run_dir, opinion_ids, reason=reason, with_copies=with_copies, by=by)[1])


@review_group.command("cut")
@_dir
@click.argument("opinion_id")
@click.option("--before", "before", metavar="TEXT", required=True, multiple=True,
              help="The words the second part starts with (once in the opinion's text, not at its start); "
                   "repeat it to cut one opinion in three or more at once.")
@_by
@_lang
@_guarded
def review_cut(run_dir, opinion_id, before, by):
    """Cut one opinion in two where TEXT starts (the splitter left two opinions in one).

    The next run keeps OPINION_ID for the first part and makes the rest opinion OPINION_ID.2 of
    the same submission; each is grouped on its own text and counted in 意見総数. With --before
    given several times the opinion is cut at each (no run needed between two cuts).
    Withdraw with `cluster review undo`.
    """
    from .review import said_cuts

    _say(said_cuts(run_dir, opinion_id, before, by))


@review_group.command("join")
@_dir
@click.argument("opinion_ids", metavar="OPINION_ID OPINION_ID [...]", nargs=-1, required=True)
@_by
@_lang
@_guarded
def review_join(run_dir, opinion_ids, by):
    """Join opinions of one submission the splitter cut apart into one opinion.

    The next run makes the first of them one opinion, from its start to the last one's end in
    the submission; the others keep their rows in opinions.csv with status `joined` and are
    counted nowhere (the letter counts once in 件数 and 意見総数).
    Withdraw with `cluster review undo`.
    """
    from .review import said_join

    _say(said_join(run_dir, opinion_ids, by)[1])


@review_group.command("label", context_settings={"ignore_unknown_options": True})  # TEXT may start with 「- 」
@_dir
@click.argument("cluster_id")
@click.argument("text")
@_by
@_lang
@_guarded
def review_label(run_dir, cluster_id, text, by):
    """Give cluster CLUSTER_ID the label TEXT: the report shows it as the row's heading 【TEXT】
    (published with the report), clusters.csv and the worksheet as the cluster's label."""
    from .review import said_label

    _say(said_label(run_dir, cluster_id, text, by)[1])


@review_group.command("summary", context_settings={"ignore_unknown_options": True})  # TEXT may start with 「- 」
@_dir
@click.argument("cluster_id")
@click.argument("text")
@_by
@_lang
@_guarded
def review_summary(run_dir, cluster_id, text, by):
    """Write the ご意見の概要 of cluster CLUSTER_ID: the report shows TEXT instead of the
    representative opinion (masked like every report text)."""
    from .review import said_summary

    _say(said_summary(run_dir, cluster_id, text, by)[1])


@review_group.command("section", context_settings={"ignore_unknown_options": True})  # TEXT may start with 「- 」
@_dir
@click.argument("cluster_id")
@click.argument("text")
@_by
@_lang
@_guarded
def review_section(run_dir, cluster_id, text, by):
    """Write the 該当箇所 of cluster CLUSTER_ID (the part of the draft it concerns, 「第4章 観光振興」):
    the report shows TEXT instead of the section the run finds from --topics and the page
    references in the opinions (masked like every report text). Withdraw with `cluster review undo`."""
    from .review import said_section

    _say(said_section(run_dir, cluster_id, text, by)[1])


@review_group.command("department", context_settings={"ignore_unknown_options": True})  # TEXT may start with 「- 」
@_dir
@click.argument("cluster_id")
@click.argument("department")
@_by
@_lang
@_guarded
def review_department(run_dir, cluster_id, department, by):
    """Assign cluster CLUSTER_ID to DEPARTMENT, the department that writes its answer (担当課,
    「道路課」): worksheet.xlsx shows it in its 担当課 column (filter on it to send each department
    its rows), clusters.csv in its department column and report.csv in its 担当課 column; the
    published report.xlsx, .md and .html do not show it. It follows the row's opinions through
    re-runs and merges. Withdraw with `cluster review undo`."""
    from .review import said_department

    _say(said_department(run_dir, cluster_id, department, by)[1])


@review_group.command("answer")
@_dir
@click.argument("cluster_id")
@click.option("--answer-id", help="Confirm this past answer (answer_id from answers.csv or the past answers the "
              "run used, or the number read in the published table, 5 or No.5, when it names one; its text is "
              "recorded with the decision).")
@click.option("--text", help="Write the answer (考え方) yourself.")
@_by
@_lang
@_guarded
def review_answer(run_dir, cluster_id, answer_id, text, by):
    """Confirm the answer (考え方) of cluster CLUSTER_ID."""
    from .review import said_answer

    _say(said_answer(run_dir, cluster_id, answer_id=answer_id, text=text, by=by)[1])


@review_group.command("category")
@_dir
@click.argument("cluster_id")
@click.argument("category")
@_by
@_lang
@_guarded
def review_category(run_dir, cluster_id, category, by):
    """Give cluster CLUSTER_ID a 対応区分 (how the answer treats it), shown in the report's
    last column and counted above the table.

    CATEGORY is one of the run's categories: its code (A), its name, or a word only one name
    holds (参考). They are your office's (`cluster run --categories FILE`), else:

    \b
    A ご意見を踏まえ案を修正したもの
    B ご意見の趣旨が既に案に盛り込まれているもの
    C 今後の取組の参考とするもの
    D 案に反映しなかったもの
    E その他（ご質問・ご感想など）

    Withdraw with `cluster review undo`.
    """
    from .review import said_category

    _say(said_category(run_dir, cluster_id, category, by)[1])


@review_group.command("confirm")
@_dir
@click.argument("cluster_id")
@_by
@_lang
@_guarded
def review_confirm(run_dir, cluster_id, by):
    """Confirm cluster CLUSTER_ID as it is."""
    from .review import said_confirm

    _say(said_confirm(run_dir, cluster_id, by)[1])


@review_group.command("import")
@_dir
@click.argument("worksheet", metavar="WORKSHEET", type=click.Path(dir_okay=False))
@click.option("--dry-run", is_flag=True, help="List what would be recorded; record nothing.")
@_by
@_lang
@_guarded
def review_import(run_dir, worksheet, dry_run, by):
    """Record the labels, summaries, answers, 対応区分, 該当箇所 and 担当課 staff wrote in WORKSHEET (a worksheet.xlsx
    of DIR).

    Every run writes DIR/worksheet.xlsx: one row per cluster with its ラベル, ご意見の概要, 考え方,
    該当箇所 and 担当課 to fill in and its 対応区分 to choose (the shaded columns), the best past-answer
    candidate beside them, and a sheet listing every opinion. Send it to whoever writes the
    answers; when it comes back, each changed cell becomes a `label` (the row's heading 【…】 in
    the report), `summary`, `answer`, `category`, `section` (該当箇所) or `department` (担当課) decision
    (an answer pasted unchanged from the candidate column is recorded as that past answer).
    Emptied cells record nothing; importing the same file twice records nothing new. The
    worksheet may come from an earlier run of DIR: decisions name the opinions, not the row numbers.
    """
    from .review import rerun_hint
    from .worksheet import import_worksheet

    result = import_worksheet(run_dir, worksheet, by=by, dry_run=dry_run)
    for message in result.messages + result.replaces:
        _echo(message, err=True)
    if dry_run:
        for kind, cluster_id, text in result.planned:
            _echo(f"would record {kind} for {cluster_id}: {' '.join(str(text).split())[:60]}", err=True)
    kinds = Counter(kind for kind, _, _ in result.planned)
    plural = {"summary": "summaries", "answer": "answers", "label": "labels", "category": "categories (対応区分)",
              "section": "sections (該当箇所)", "department": "departments (担当課)"}
    order = {"answer": 0, "summary": 1, "label": 2}
    what = ", ".join(f"{kinds[kind]} {kind if kinds[kind] == 1 else plural.get(kind, kind + 's')}"
                     for kind in sorted(kinds, key=lambda k: (order.get(k, 9), k))) or "nothing"
    _echo(f"{'would record' if dry_run else 'recorded'} {what} from {Path(worksheet).name} "
               f"({result.unchanged} rows unchanged, {result.already} changes recorded before)"
               + ("" if dry_run or not result.recorded else f"; {rerun_hint(run_dir, them=True)}"),
               err=True)


@review_group.command("undo")
@_dir
@click.option("--decision", "number", type=int, help="Number of the decision to withdraw (as `cluster review "
              "list` numbers them; default: the latest one still in force).")
@click.option("--import", "imported", metavar="FILE", help="Withdraw every decision imported from the worksheet "
              "FILE (by its file name) with `cluster review import`.")
@_by
@_lang
@_guarded
def review_undo(run_dir, number, imported, by):
    """Withdraw a decision (the latest by default), or all imported from one worksheet; the
    next run no longer applies them.

    A `withdraw` line is appended to DIR/decisions.jsonl: the withdrawn decision stays in
    the file, so the file remains a complete record of who decided what.
    """
    from .review import said_withdraw

    if imported and number is not None:
        raise click.UsageError("give --decision or --import, not both")
    _say(said_withdraw(run_dir, number, imported, by)[1])


@review_group.command("show")
@_dir
@click.argument("item_id", metavar="ID")
@_lang
@_guarded
def review_show(run_dir, item_id):
    """Show one cluster (C3) or one opinion (A1-1) of DIR on one screen.

    \b
    A cluster: its size, label, ご意見の概要 (summary), the answer (confirmed, or the top
    past-answer candidate, marked as a candidate), its opinions (id and short text; copies
    counted, not listed) and the recorded decisions that name it or its opinions.
    An opinion: its text, status, cluster and the decisions that name it.
    Decisions are numbered as `cluster review list` and `undo --decision N` number them.
    """
    from .review import show_lines

    lines = show_lines(run_dir, item_id)
    try:
        for line in lines:
            _echo(line)
    except BrokenPipeError:  # `cluster review show DIR C3 | head`: the reader stopped, which is no error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


@review_group.command("list")
@_dir
@_lang
@_guarded
def review_list(run_dir):
    """List the recorded decisions, numbered as `undo --decision N` takes them."""
    from .io import InputError
    from .decisions import withdrawal_warnings
    from .review import decision_lines

    if not Path(run_dir).is_dir():
        raise InputError(f"{run_dir}: no such run folder")
    lines = decision_lines(run_dir)
    for line in lines:
        _echo(line)
    for warning in withdrawal_warnings(run_dir):  # a withdrawal whose decision is gone or renumbered
        _echo(f"warning: {warning}", err=True)
    if not lines:
        _echo(f"no decisions recorded in {Path(run_dir) / 'decisions.jsonl'} yet", err=True)


if __name__ == "__main__":
    main()
