"""Japanese wording of the lines `cluster run` and `cluster review …` print (``--lang ja``).

The library speaks English (tests, scripts and README read its lines); this module turns a line
into plain Japanese at the moment it is printed: :func:`translate` for one line,
:func:`translating` to wrap a ``log`` callable (``pipeline.run(..., log=translating(print))``).

An ordered table holds a regular expression on the English line and its Japanese wording. What
the English line names (numbers, ids such as C001 or P-019-2, file names and paths, commands in
backticks, quoted texts 「…」) is carried over verbatim. A line no entry matches is printed in
English, unchanged (only a leading ``error:`` / ``warning:`` / ``note:`` becomes
エラー： / 警告： / 注：): a line is never dropped or garbled.
"""
from __future__ import annotations

import os
import re
from typing import Callable, Optional

LANGS = ("en", "ja")
ENV = "CLUSTER_LANG"

KINDS = {"merge": "統合", "move": "移動", "split": "分割", "detach": "重複から外す", "exclude": "対象外",
         "cut": "切り分け", "join": "つなぎ合わせ", "label": "見出し", "summary": "概要", "answer": "回答",
         "category": "対応区分", "section": "該当箇所", "department": "担当課", "confirm": "分類の確定",
         "withdraw": "取り消し"}

PREFIXES = (("error: ", "エラー："), ("warning: ", "警告："), ("note: ", "注："))

_RERUN = re.compile(r"(?:; )?run (?P<cmd>`cluster run [^`]*`) again to apply (?:it|them)$")

# fragments inside a line (applied to the groups named f_…): column roles, counts of opinions,
# row places. Each keeps the figures and names it matches.
_NOT_ROWS = {"answers": "回答", "submissions": "提出"}  # what skipped rows of a table are not
# the role of a column an error names (「unknown kind column」, 「cannot guess the answer-text column」)
_COLUMN_ROLES = {"text": "本文", "id": "ID", "channel": "提出方法", "submitter": "提出者", "kind": "個人・団体の別",
                 "answer-text": "回答（考え方）", "answer-opinion": "過去の意見", "answer-id": "回答のID",
                 "answer-source": "出典", "topic": "トピック"}
_FRAGMENTS: list[tuple[re.Pattern, "str | Callable[[re.Match], str]"]] = [(re.compile(p), r) for p, r in [
    # a read line's description (before the rules for rows below take its figures)
    (r"(\d+) rows? repeating the header skipped \((?:page breaks?, )?not (answers|submissions)\): ",
     lambda m: f"列名を繰り返す{m[1]}行は読み飛ばし（{_NOT_ROWS[m[2]]}ではありません）："),
    (r"(\d+) rows? below the data skipped \((?:total|note|total and note), not (answers|submissions)\): ",
     lambda m: f"データの下の{m[1]}行は読み飛ばし（合計・注記で、{_NOT_ROWS[m[2]]}ではありません）："),
    (r"^(xlsx|csv|tsv), sheets? ", r"\1、シート "),
    (r", read as one table\b", " を1つの表として"),  # (QA41: left in English)
    (r", (\d+) opinions?\)", r", 意見\1件)"),
    (r",? and (\d+) more\b", r"、ほか\1件"),  # (QA34: 「… と 10 more」)
    (r"(?<=\)) and (?=\S+ \()", " と "),
    (r"(?<=\S) and (?=[A-Z]?[\w.-]*\d)", " と "),
    (r" ?\(guessed\)", "（推定）"),
    (r"\(none\)", "（なし）"),
    (r"\btext column = ", "本文の列 = "),
    (r"\btext = ", "本文 = "),
    (r"\bid = ", "ID = "),
    (r"\bchannel = ", "提出方法 = "),
    (r"\bsubmitter = ", "提出者 = "),
    (r"\bkind = ", "個人・団体の別 = "),
    (r"\borganisation = ", "団体名 = "),
    (r"\baddress = ", "住所 = "),
    (r"\bspeaker = ", "発言者 = "),
    (r"\bopinion column = ", "意見の列 = "),
    (r"\banswer column = ", "回答の列 = "),
    (r"\bid column = ", "IDの列 = "),
    (r"\bsource column = ", "出典の列 = "),
    (r"\bdepartment column = ", "担当課の列 = "),
    (r", (?=(?:本文|ID|提出方法|提出者|個人・団体の別|団体名|住所|意見の列|回答の列|IDの列|出典の列|担当課の列|本文の列) = )", "、"),
    (r"\bheader found on row (\d+)", r"列名は\1行目"),
    (r"(\d+) rows? above it skipped \(title\)", r"その上の\1行は表題として読み飛ばし"),
    (r"(\d+) rows? above it skipped", r"その上の\1行は読み飛ばし"),
    (r"\bsheet (\S+) row (\d+)", r"シート \1 の\2行目"),
    # the row_number column's value, not the file's line (QA30: 「opinions.csv の11行目」 sent staff to line 11)
    (r"\brows? (\d+(?:(?:, |[~–-])\d+)*) in opinions\.csv", r"opinions.csv の row_number \1"),
    (r" ?\(lines? (\d+(?:(?:, |[~–-])\d+)*) of the file\)", r"（ファイルの\1行目）"),
    (r"\blines? (\d+(?:(?:, |[~–-])\d+)*) of the file", r"ファイルの\1行目"),
    (r"\brows? (\d+(?:(?:, |[~–-])\d+)*) ?", r"\1行目"),
    (r"\((\d+) in all\)", r"（全\1件）"),
    (r"^other grouping settings: ", "分類の設定が前回と違います："),
    (r"^another model: (\S+) instead of (\S+)$", r"モデルが前回と違います：\2 ではなく \1"),
    (r"^another model: the files of (\S+) changed since the earlier run$", r"モデルが前回と違います：\1 のファイルが前回から変わっています"),
    (r"\ba confirmed answer\b", "確定した回答"),
    (r"\ba written summary\b", "職員が書いた概要"),
    (r"\ba staff confirmation \(review confirm\)", "分類の確定（review confirm）"),
    (r"^all of them copies or near-copies of opinions already in it$", "どれも、すでにある意見の写し・ほぼ写しです"),
    (r"^(\d+) of them copies or near-copies of opinions already in it$", r"うち\1件は、すでにある意見の写し・ほぼ写しです"),
    (r"^a copy or near-copy of an opinion already in it$", "すでにある意見の写し・ほぼ写しです"),
    (r"(\d+) copies → ", r"写し\1件 → "),
    (r"(\S+) (\d+) rows?\b", r"\1 \2行"),
    (r"(\d+) applied", r"\1件を反映"),
    (r"(\d+) no longer apply", r"\1件はもう当てはまらない"),
    (r"(\d+) did not take effect \(see above\)", r"\1件は効果なし（上を参照）"),
    (r"(\d+) replaced by a later one", r"\1件は後の判断に置き換え"),
    (r"(\d+) withdrawn", r"\1件を取り消し"),
    (r"\(by (\d+) withdrawals?\)", r"（取り消し\1件による）"),
    (r"\b(" + "|".join(KINDS) + r") (\d+)\b", lambda m: f"{KINDS[m.group(1)]} {m.group(2)}"),
    (r"(\d+) answers?\b", r"回答\1件"),
    (r"(\d+) summar(?:y|ies)\b", r"概要\1件"),
    (r"(\d+) labels?\b", r"見出し\1件"),
    (r"(\d+) categories \(対応区分\)|(\d+) category\b", lambda m: f"対応区分{m.group(1) or m.group(2)}件"),
    (r"(\d+) sections \(該当箇所\)|(\d+) section\b", lambda m: f"該当箇所{m.group(1) or m.group(2)}件"),
    (r"(\d+) departments \(担当課\)|(\d+) department\b", lambda m: f"担当課{m.group(1) or m.group(2)}件"),
    (r"^nothing$", "何も"),
    (r" \(sheet ([^()]+)\)", r"（シート \1）"),
    # (QA48: which run used --no-split, and how to keep the clusters)
    (r"the earlier run used --no-split, this one does not; give --no-split again to keep them",
     "前回は --no-split を使いましたが、今回は使っていません。項目を保つにはもう一度 --no-split を指定してください"),
    (r"this run uses --no-split, the earlier one did not", "今回は --no-split を使っていますが、前回は使っていません"),
    # re-run reasons (QA73: left in English inside the Japanese line)
    (r"^most earlier opinions changed: (\d+) of (\d+) rewritten or no longer in the input$",
     r"前回の意見の大半が変わりました（\2件のうち\1件が書き換わったか、入力にありません）"),
    (r"^another input: none of the earlier run's (\d+) opinions is in it as it was; this folder's earlier outputs are "
     r"replaced \(use another --out to keep them\)$",
     r"別の入力です：前回の意見\1件のどれもそのままの形では入っていません。このフォルダの前回の出力は置き換えられます"
     r"（残すには別の --out を指定してください）"),
    (r"(\S+) is gone", r"\1 はもうありません"),
    (r"; (?=\S+ はもうありません)", "、"),
]]


def _frag(text: Optional[str]) -> str:
    if not text:
        return ""
    for rx, repl in _FRAGMENTS:
        text = rx.sub(repl, text)
    return text


def _spaced(text: str) -> str:
    """``text`` before a particle: a space after an id or a code (「対応区分 C は」)."""
    return text + " " if text[-1:].isascii() and text[-1:].isalnum() else text


_FILE_KINDS = {"a PDF file": "PDFファイル", "an old Office file (.xls or .doc)": "古い形式のOfficeファイル（.xls か .doc）",
               "a PNG image": "PNG画像", "a JPEG image": "JPEG画像", "a GIF image": "GIF画像",
               "a Word document (.docx)": "Wordの文書（.docx）", "a PowerPoint file (.pptx)": "PowerPointのファイル（.pptx）",
               "an OpenDocument spreadsheet (.ods: LibreOffice)": "LibreOfficeの表計算ファイル（.ods）",
               "an OpenDocument file (LibreOffice)": "LibreOfficeのファイル", "a ZIP archive": "ZIPファイル"}


def _a_output(files: str) -> str:
    """「worksheet_記入済.xlsx (a worksheet.xlsx)」 in Japanese."""
    return re.sub(r" \((\S+\.(?:csv|xlsx))\)", r"（\1）", files)


def _opt(value: Optional[str], fmt: str) -> str:
    return fmt.format(value) if value else ""


_OPS = r"\S+ 「[^」]*」(?:, \S+ 「[^」]*」)*(?:, and \d+ more)?"  # describe_opinions: P-009-4 「…」
_COPIES = r"(?:; (?P<copies>\d+) exact or near cop(?:y|ies) go(?:es)? with (?:it|them))?"
_BY_AT = r"by (?P<by>.+?)(?:, (?P<at>\d{4}-[^)]*))?"
# review._recorded_how: 「recorded from ws_B.xlsx by 道路課 on 2026-11-28 15:10 (decision 3)」
_RECORDED_HOW = r"recorded(?: from (?P<src>\S+))?(?: by (?P<by>.+?))?(?: on (?P<at>.+?))? \(decision (?P<n>\d+)\)"


def _provenance(src: Optional[str], by: Optional[str], at: Optional[str]) -> list[str]:
    """Where a decision came from, in Japanese: 「取り込み元 ws_B.xlsx」「記録者 道路課」 and when."""
    return [p for p in (src and f"取り込み元 {src}", by and f"記録者 {by}", at) if p]


def _copies(m) -> str:
    return f"（重複グループの写し{m['copies']}件もいっしょに移ります）" if m["copies"] else ""


def _ops(text: str) -> str:
    return re.sub(r", and (\d+) more$", r"、ほか\1件", text).replace("」, ", "」、")


def _merge_effect(effect: Optional[str]) -> str:
    if not effect:
        return ""
    m = re.fullmatch(r"the merged row will be (?P<id>\S+) after the next run \(of the merged clusters, the one with "
                     r"the most distinct opinions keeps its id; (?P<others>.+?) (?:is|are) still accepted for it\)",
                     effect)
    if m:
        return (f"。次の実行のあと、まとめた行は {m['id']} になります（まとめた項目のうち、異なる意見がいちばん多い"
                f"項目のIDが残ります。{_frag(m['others'])} も引き続きこの行を指すIDとして使えます）")
    m = re.fullmatch(r"the merged row will be (?P<ids>.+?) after the next run \(of the merged clusters, the one with "
                     r"the most distinct opinions keeps its id, and they have (?P<n>\d+) distinct opinions? each: the "
                     r"run's grouping picks; (?:either id is|each of their ids is) still accepted for it\)", effect)
    if m:
        ids = m["ids"].replace(" or ", " か ")
        return (f"。次の実行のあと、まとめた行は {ids} になります（どれも異なる意見が{m['n']}件で同じなので、次の実行の"
                "分類で決まります。どのIDも引き続きこの行を指すIDとして使えます）")
    m = re.fullmatch(r"the merged row will keep the id of whichever of (?P<ids>.+?) has the most distinct opinions "
                     r"when the next run applies it \(decision (?P<n>\d+), not yet applied, changes them first; "
                     r"(?:either id is|each of their ids is) still accepted for it\)", effect)
    if m:
        return (f"。まとめた行のIDは、次の実行で {_frag(m['ids'])} のうち異なる意見がいちばん多い項目のものになります"
                f"（まだ反映されていない判断{m['n']}が先にこれらを変えるため。どのIDも引き続き使えます）")
    return ": " + effect  # (unknown wording: kept as it is)


_REGROUPED = (r"(?P<ids>.+?), named with (?:its|their) text before a cut or join, (?:was|were) grouped again on the "
              r"new text and now (?:sits|sit) in a row with (?P<k>\d+) other opinions?, which the \w+ was not "
              r"written for: record it for that row, or take (?:it|them) out with `cluster review split` and record it "
              r"again")


def _regrouped_ja(m) -> str:
    return (f"{m['ids']} は切る・つなぐ前の文で記録され、新しい文でまとめ直されて、ほかに{m['k']}件の意見がある項目に"
            "入りました。この判断はその項目のために書かれたものではありません。その項目に記録し直すか、"
            "`cluster review split` で取り出してから記録し直してください")


_LIST_WORDS = [(re.compile(p), r) for p, r in [
    (r"\((\d+) opinions?\)", r"（意見\1件）"),
    (r"\((\d+) opinions?, (\d+) with copies\)", r"（意見\1件、写しを含め\2件）"),
    (r"\((\d+) opinions? and (\d+) copies\)", r"（意見\1件と写し\2件）"),  # (QA73)
    (r"(?<=  )before (「[^」]*」)", r"切る位置 \1"),
    (r"(?<=  )by (?=\S)", "記録者 "),
    (r"\[withdrawn\]$", "［取り消し済み］"),
    (r"\(waiting for the next run\)$", "（次の実行で反映）"),
    (r"\(no longer applies: ([^()]*(?:\([^()]*\)[^()]*)*)\)$",
     lambda m: f"（もう当てはまりません：{_why_not(m[1])}）" if _why_not(m[1]) is not None else m[0]),
    (r"\(not applied: " + _REGROUPED + r"\)$", lambda m: f"（当てはめていません：{_regrouped_ja(m)}）"),
    (r"^withdraws decisions? ([\d, ]+)(?=  )", r"判断\1を取り消し"),
    (r"^into (\S+)(?=  )", r"\1 へ"),
    (r"^(\S+(?: \+ \S+)*) \(now (\S+)\)(?=  )", r"\1（現在 \2）"),
    (r"(?<=  )from (\S+(?: \([0-9a-f]+\))?)(?=  )", r"取り込み元 \1"),  # a worksheet's import (QA34)
]]


def _work(text: Optional[str]) -> str:
    """What staff recorded on a row, as a note names it (``review._staff_work``): 「confirmed answer
    (past answer 4: 「…」)」, 「summary 「…」」, 「label 【…】」, joined with 「, 」 and 「 and 」."""
    text = text or ""
    for rx, repl in _WORK:
        text = rx.sub(repl, text)
    return text


_WORK = [(re.compile(p), r) for p, r in [
    (r"confirmed answer \(past answer (\S+?)(?:: (「[^」]*」))?\)",
     lambda m: f"確定した回答（過去の回答 {m[1]}" + (f"：{m[2]}" if m[2] else "") + "）"),
    (r"confirmed answer \((「[^」]*」)\)", r"確定した回答（\1）"),
    (r"\bsummary (「[^」]*」)", r"概要\1"),
    (r"\blabel (【[^】]*】)", r"見出し\1"),
    (r"\bcategory \(対応区分\) ", "対応区分 "),
    (r"`confirm`", "分類の確定"),
    (r"(?<=[」】）\w]) and (?=\S)", "、"),
    (r"(?<=[」】）\w]), (?=\S)", "、"),
]]


def _staff_places(listed: str) -> str:
    """「C001 (該当箇所 「…」) and C002 (該当箇所 「…」)」 -> 「C001（該当箇所「…」）、C002（該当箇所「…」）」."""
    return re.sub(r" \((該当箇所|担当課) (「[^」]*」)\)", r"（\1\2）", listed).replace(" and ", "、")


def _list_row(rest: str) -> str:
    for rx, repl in _LIST_WORDS:
        rest = rx.sub(repl, rest)
    return rest


_PLACED = [(re.compile(p), r) for p, r in [
    (r"(\d+) joined earlier clusters \(([^)]*)\)", r"\1件は前の項目（\2）へ"),
    (r"(\d+) form (\d+) new clusters?", r"\1件で新しい項目\2つ"),
    (r"^none placed$", "入れた意見なし"),
    (r"([^\s;,()]+(?: [^\s;,()]+)*) joined into ([^\s;,()]+)", r"\1 を \2 につなぎ合わせ"),
    (r"([^\s;,()]+) cut in two \(([^)]*)\)", r"\1 を二つに切り分け（\2）"),
    (r" and its (\d+) (?:exact )?cop(?:y|ies) alike(?: \((\d+) near\))?",
     lambda m: f"（同じ文面の写し{m[1]}件も同様に" + (f"。うちほぼ同じ文面{m[2]}件" if m[2] else "") + "）"),
    (r"; ", "、"),
    (r", (?=\d+件)", "、"),
]]


def _placed(text: Optional[str]) -> str:
    """Where the opinions a run placed went (late comments, cut or joined opinions)."""
    text = text or ""
    for rx, repl in _PLACED:
        text = rx.sub(repl, text)
    return text


_NO_LONGER = [(re.compile(p), r) for p, r in [
    (r"^its opinions? (?:is|are) excluded \(対象外\) by decisions? ([\d, ]+)$", r"その意見は判断\1で対象外になっています"),
    (r"^its opinions are gone$", "その意見がもうありません"),
    # (QA73: 「P-038-1 is gone」「P-009-2 is gone; P-009-3 is gone」)
    (r"^\S+ is gone(?:; \S+ is gone)*$", lambda m: "、".join(x.removesuffix(" is gone") + " はもうありません"
                                                          for x in m[0].split("; "))),
    # (QA111: 「L-001-1 is not an opinion in this run (status greeting)」 stayed in English)
    (r"^\S+ is (?:gone|not an opinion in this run \(status \w+\))(?:; \S+ is (?:gone|not an opinion in this run "
     r"\(status \w+\)))*$",
     lambda m: "、".join(re.sub(r"^(\S+) is not an opinion in this run \(status (\w+)\)$",
                               lambda x: f"{x[1]} はこの実行では意見ではありません（status {x[2]}）",
                               x.removesuffix(" is gone") + " はもうありません" if x.endswith(" is gone") else x)
                        for x in m[0].split("; "))),
    (r"^it is no longer needed: the tool now cuts the submission at (?P<w>「[^」]*」) itself \((?P<i>\S+) is status "
     r"(?P<st>\w+) in opinions\.csv, (?P<j>\S+) opens there\)$",
     lambda m: f"もう必要ありません。このツールは今は {m['w']} の位置で提出を切り分けます（{m['i']} は opinions.csv の "
               f"status {m['st']}、{m['j']} がそこから始まります）"),
    (r"^it is no longer needed: the tool now cuts the submission itself: (?P<i>\S+) \(with (?P<w>「[^」]*」)\) is status "
     r"(?P<st>\w+) in opinions\.csv, (?P<j>\S+) the opinion after it$",
     lambda m: f"もう必要ありません。このツールは今は提出を自分で切り分けます（{m['w']} を含む {m['i']} は opinions.csv の "
               f"status {m['st']}、その後の {m['j']} が意見です）"),
    (r"^the target cluster's opinions are gone$", "移す先の項目の意見がもうありません"),
    (r"^its opinions are one opinion now$", "その意見はもう一つの意見になっています"),
    (r"^its opinions are in different submissions now$", "その意見はもう別々の提出に分かれています"),
    # (QA48: a decision an older version recorded)
    (r"^it is no longer needed: the tool now reads (?P<ids>.+?) as having no opinion \(status (?P<st>[\w /]+) in "
     r"opinions\.csv\), so (?:it is|they are) left out of the clusters and the counts without an exclusion$",
     lambda m: f"もう必要ありません。このツールは今は {m['ids'].replace(', ', '、')} を意見のない行として読みます"
               f"（opinions.csv の status は {m['st']}）。対象外にしなくても項目と件数から外れます"),
    (r"^the tool now reads (?P<ids>.+?) as having no opinion \(status (?P<st>[\w /]+) in opinions\.csv\), in no "
     r"cluster$",
     lambda m: f"このツールは今は {m['ids'].replace(', ', '、')} を意見のない行として読みます（opinions.csv の status は "
               f"{m['st']}）。どの項目にも入りません"),
    (r"^(?P<i>\S+) is now an exact copy of (?P<c>.+?) \(the same text once normalised; (?:it stays|they stay) in its "
     r"duplicate group\), and an exact copy is counted with its copies: (?:(?P<cmd>`[^`]+`) takes them all out|"
     r"(?P<whole>they are its whole group, so nothing is taken out)), (?P<undo>`[^`]+`) drops this one$",
     lambda m: f"{m['i']} は今は {m['c'].replace(', ', '、')} と同じ文面です（表記をそろえると同一。そちらは重複グループに"
               f"残ります）。同じ文面の写しは一緒に数えます。"
               + (f"全部を外すには {m['cmd']}" if m["cmd"] else "それが重複グループのすべてなので、外すものはありません")
               + f"。この判断をやめるには {m['undo']}"),
]]


def _why_not(text: str) -> Optional[str]:
    for rx, repl in _NO_LONGER:
        if rx.search(text):
            return rx.sub(repl, text)
    return None


def _answer_source(m) -> str:
    if m["aid"]:
        return f"過去の回答 {m['aid']}"
    if m["src"]:
        return f"{m['src']} の回答"
    return "職員が書いた考え方"


# --- `cluster review show`: its view of a cluster or an opinion (review.show_lines), line by line

# what a label, summary, answer, 対応区分 or 該当箇所 becomes on the next run (a decision recorded since)
_SINCE = r"(?:; decision (?P<sn>\d+), recorded since the run, makes it 「(?P<st>.*)」 on the next (?P<scmd>`cluster run`))?"

_STATUS = {"ok": "有効な意見", "excluded": "対象外", "joined": "つなぎ合わせ済み", "empty": "意見なし",
           "greeting": "あいさつ・署名", "header": "メールのヘッダー", "quoted": "引用",
           "reason": "意見に付いた理由", "attachment": "添付ファイルを指すだけ",
           "repeat": "同一の者からの同一内容の意見"}
# why an opinion that only points to an attachment (status attachment) is not grouped or reshaped (review.ATTACHMENT_WHY)
_ATTACHMENT_WHY = ("its text only points to an attachment (status attachment): type the attachment's text into the input "
                   "in its place and run again")
_ATTACHMENT_WHY_JA = ("本文が添付ファイルを指すだけです（status attachment）。添付ファイルの内容を入力ファイルのその行に書き写して、"
                      "もう一度実行してください")


# why an opinion its submitter sent before is in no cluster (status repeat, review.REPEAT_WHY)
_REPEAT_WHY = ("it repeats an opinion its submitter sent before (status repeat, `cluster run --count-repeats once`): "
               "counted once, with the opinion repeat_of in opinions.csv names")
_REPEAT_WHY_JA = ("同一の者が前に提出した意見と同じ・ほぼ同じ意見です（status repeat、`cluster run --count-repeats once`）。"
                  "opinions.csv の repeat_of にある意見と合わせて1件として数えています")


def _not_clustered_why(why: str) -> str:
    """review._not_clustered_why in Japanese: why an opinion is in no cluster."""
    if why == _ATTACHMENT_WHY:
        return _ATTACHMENT_WHY_JA
    if why == _REPEAT_WHY:
        return _REPEAT_WHY_JA
    if why.startswith("it gives the reasons for another opinion of its submission"):
        return ("同じ提出の別の意見に付いた理由です（status reason：複数の「意見の趣旨」に付いた「意見の理由」、フォームの理由欄、"
                "転送された運動の文面の上に書き添えた一言）。意見としては数えません")
    m = re.fullmatch(r"its status is (\w+)", why)
    if m:
        return f"status が {m[1]}" + (f"（{_STATUS[m[1]]}）" if m[1] in _STATUS else "") + " です"
    return why


def _since(m) -> str:
    return (f"。判断{m['sn']}（前回の実行のあとに記録）により、次の {m['scmd']} で「{m['st']}」になります"
            if m["sn"] else "")


def _show_where(where: str) -> str:
    """Where an opinion is (``in …`` of the opinion view): a cluster, or none (a joined piece: into which)."""
    m = re.fullmatch(r"no cluster: joined into (?P<h>\S+) by decision (?P<n>\d+)(?: \(in (?P<c>\S+)\))?", where)
    if m:
        return (f"どの項目にも入っていません（判断{m['n']}で {m['h']} につなぎ合わせ済み"
                + (f"。{m['h']} は {m['c']} にあります" if m["c"] else "") + "）")
    m = re.fullmatch(r"no cluster: a repeat of (?P<f>\S+)(?: \(in (?P<c>\S+)\))?", where)
    if m:  # (status repeat, --count-repeats once)
        return (f"どの項目にも入っていません（同一の者が前に提出した {m['f']} と同じ内容として1件に数えています"
                + (f"。{m['f']} は {m['c']} にあります" if m["c"] else "") + "）")
    if where == "no cluster":
        return "どの項目にも入っていません"
    m = re.fullmatch(r"(?P<c>\S+) \((?:now (?P<now>\S+): )?(?P<t>.*?)(?:, )?(?P<n>\d+) opinions?\)", where)
    if m:
        now = f"（現在は {m['now']}）" if m["now"] else ""
        return f"項目 {m['c']}{now}（{_opt(m['t'], '{}、')}意見{m['n']}件）"
    return where


def _opinion_head(m) -> str:
    status = m["st"] + _opt(_STATUS.get(m["st"]), "（{}）")
    where = _show_where(m["where"])
    head = f"意見 {m['o']}（提出 {m['s']}）：状態 {status}、{where}"
    return head + (f"。重複グループ {m['g']}（同文意見{m['k']}件）" if m["g"] else "")


def _show_answer(m) -> str:
    if m["conf"]:
        who = "職員が記入" if m["staff"] else f"過去の回答 {m['aid']}"
        said = f"考え方（回答）：確定済み（{who}）{_opt(m['t'], '「{}」')}"
    elif m["cand"]:
        said = f"考え方（回答）：未確定。回答候補：過去の回答 {m['cand']}（一致度 {m['score']}）「{m['ct']}」"
    else:
        said = "考え方（回答）：未確定（回答候補なし）"
    return said + _since(m)


_SHOW: list[tuple[str, "str | Callable[[re.Match], str]"]] = [
    (r"(?P<c>\S+?)(?: \(now (?P<now>\S+)\))?(?: \(No\. (?P<no>\d+)\))?: (?P<n>\d+) opinions?(?: \((?P<d>\d+) distinct, "
     r"copies and near-copies counted once\))?(?P<conf>, confirmed)?",
     lambda m: f"{m['c']}{_opt(m['now'], '（現在は {}）')}{_opt(m['no'], '（報告書の No. {}）')}：件数{m['n']}件"
               + _opt(m["d"], "（同文・ほぼ同文の意見を1件と数えると{}件）") + ("、分類は確定済み" if m["conf"] else "")),
    (r"label: (?P<l>.*?)(?P<how> \(staff\)| \(made from keywords\))?" + _SINCE,
     lambda m: "見出し：" + ("（なし）" if m["l"] == "(none)" and not m["how"] else m["l"])
               + {" (staff)": "（職員が記入）", " (made from keywords)": "（キーワードから自動で作成）"}.get(m["how"], "")
               + _since(m)),
    (r"summary: \(none: the report shows the representative opinion 「(?P<r>.*)」\)" + _SINCE,
     lambda m: f"ご意見の概要：（未記入。報告書には代表意見「{m['r']}」を載せます）" + _since(m)),
    (r"summary: (?P<t>.*?)" + _SINCE, lambda m: f"ご意見の概要：{m['t']}" + _since(m)),
    (r"answer: (?:(?P<conf>confirmed), (?:(?P<staff>written by staff)|past answer (?P<aid>\S+))(?: 「(?P<t>.*)」)?"
     r"|none confirmed; candidate: past answer (?P<cand>\S+) \(score (?P<score>[\d.]+)\) 「(?P<ct>.*)」"
     r"|none confirmed, no candidate)" + _SINCE, _show_answer),
    (r"対応区分: (?P<v>.*?)" + _SINCE,
     lambda m: "対応区分：" + ("（なし）" if m["v"] == "(none)" else m["v"]) + _since(m)),
    (r"該当箇所: \(none by staff: the report shows the topic and page references the run finds\)" + _SINCE,
     lambda m: "該当箇所：（職員の記入なし。報告書には、実行で見つけたトピックと意見中のページの記載を載せます）" + _since(m)),
    (r"該当箇所: (?P<t>.*?) \(staff\)" + _SINCE, lambda m: f"該当箇所：{m['t']}（職員が記入）" + _since(m)),
    (r"該当箇所: (?P<t>「.*」) as the run found it \(none by staff\)" + _SINCE,
     lambda m: f"該当箇所：{m['t']}（実行で見つけたもの。職員の記入なし）" + _since(m)),
    (r"該当箇所: none found by the run \(none by staff\)" + _SINCE,
     lambda m: "該当箇所：（実行では見つからず、職員の記入もなし）" + _since(m)),
    (r"担当課: (?P<v>.*?)" + _SINCE, lambda m: "担当課：" + ("（なし）" if m["v"] == "(none)" else m["v"]) + _since(m)),
    (r"opinions:", "意見（同文・ほぼ同文の意見は1行にまとめています）："),
    (r"   … and (?P<n>\d+) more distinct texts \(opinions\.csv, cluster_id (?P<c>\S+)\)",
     "   …ほかに異なる意見{n}件（opinions.csv の cluster_id が {c} の行）"),
    (r"   (?P<o>\S+) \(\+(?P<k>\d+) cop(?:y|ies)\)  (?P<t>.*)", "   {o}（同文意見 +{k}件）  {t}"),
    (r"decisions naming (?P<c>\S+)(?: or (?P<i>\S+))? or its opinions:",
     lambda m: f"{m['c']}{_opt(m['i'], '（{}）')} とその意見に関する判断："),
    (r"decisions naming (?P<o>\S+):", "{o} に関する判断："),
    (r"   \(none\)", "   （なし）"),
    (r"opinion (?P<o>\S+) \(submission (?P<s>.*?)\), status (?P<st>\S+), in (?P<where>.+?)"
     r"(?:; duplicate group (?P<g>\S+) \((?P<k>\d+) copies\))?", _opinion_head),
    (r"text: (?P<t>.*)", "本文：{t}"),
    (r"unknown id '(?P<i>.*?)': no cluster or opinion of (?P<d>.+?) has it(?:; did you mean (?P<close>.+?)\?)? "
     r"\(see cluster_id in clusters\.csv, opinion_id in opinions\.csv\)",
     lambda m: f"ID '{m['i']}' は {m['d']} のどの項目・意見にもありません{_opt(m['close'], '（{} のことですか？）')}"
               "（clusters.csv の cluster_id、opinions.csv の opinion_id を見てください）"),
    (r"opinion '(?P<o>[^']*)' has status (?P<st>\S+)(?P<undo> \(`cluster review undo` on its exclusion brings it "
     r"back\))?(?P<att> \(" + re.escape(_ATTACHMENT_WHY) + r"\))?; only opinions with status ok can be (?P<verb>\w+)",
     lambda m: f"意見 '{m['o']}' は status {m['st']}{_opt(_STATUS.get(m['st']), '（{}）')}です"
               + ("（対象外にした判断を `cluster review undo` で取り消すと元に戻ります）" if m["undo"] else "")
               + (f"（{_ATTACHMENT_WHY_JA}）" if m["att"] else "")
               + f"。{ {'joined': 'つなぎ合わせ', 'cut': '切り分け'}.get(m['verb'], m['verb']) }られるのは status ok の意見だけです"
               if m["verb"] in ("joined", "cut") else None),
    (r"opinion '(?P<o>[^']*)' has status (?P<st>\S+) and is in no cluster: it is not counted as an opinion already; "
     r"only clustered opinions \(status ok\) can be excluded",
     lambda m: f"意見 '{m['o']}' は status {m['st']}{_opt(_STATUS.get(m['st']), '（{}）')}で、どの項目にも入っていません。"
               "もともと意見として数えていません。対象外にできるのは項目に入っている意見（status ok）だけです"),
    (r"give a cluster id \(C3\) or an opinion id \(see clusters\.csv, opinions\.csv\)",
     "項目のID（C3 など）か意見のIDを指定してください（clusters.csv、opinions.csv を参照）"),
]


def _ws_where(where: str) -> str:
    """A worksheet cell as `review import` names it (「worksheet.xlsx, row 5, column 考え方」)."""
    m = re.fullmatch(r"(?P<f>.+?), row (?P<n>\d+)(?: \((?P<c>[^()]*)\))?(?:, column (?P<col>.+))?", where)
    if not m:
        return where
    return f"{m['f']} の{m['n']}行目{_opt(m['c'], '（{}）')}" + _opt(m["col"], "、{}の列")


_SAVE_AS_UTF8 = (r"open it in a text editor and save it as UTF-8 \(メモ帳: 名前を付けて保存 → 文字コード「UTF-8」\); "
                 r"until then nothing is read from it or added to it")
_SAVED_JA = ("テキストエディタで開いて UTF-8 で保存し直してください（メモ帳: 名前を付けて保存 → 文字コード「UTF-8」）。"
             "それまでは、このファイルから読むことも書き足すこともしません")


def _category_why(text: str) -> str:
    """Why a 対応区分 cell names no category (categories.find_category), in Japanese when known."""
    said = _body(text)
    return said if said is not None else text


_MORE_ENTRIES: list[tuple[str, "str | Callable[[re.Match], str]"]] = [
    # --- decisions.jsonl that cannot be read
    (r"(?P<p>.+?decisions\.jsonl): cannot read: (?P<why>.+)", "{p}：読み込めません：{why}"),
    (r"(?P<p>.+?): line (?P<n>\d+) is not UTF-8 text; fix or remove that line",
     "{p}：{n}行目が UTF-8 の文字ではありません。その行を直すか消してください"),
    (r"(?P<p>.+?): line (?P<n>\d+) is not a valid decision \((?P<why>.*)\); fix or remove that line",
     "{p}：{n}行目は判断の記録として読めません（{why}）。その行を直すか消してください"),
    (r"(?P<p>.+?): the file was saved as UTF-16 \(Windows 「Unicode」, or PowerShell 5's > or >>\), not UTF-8; "
     + _SAVE_AS_UTF8,
     "{p}：ファイルが UTF-8 ではなく UTF-16（Windows の「Unicode」、PowerShell 5 の > や >>）で保存されています。" + _SAVED_JA),
    (r"(?P<p>.+?): lines? (?P<lines>[\d, .]+?) (?:were|was) saved as UTF-16 \(PowerShell 5's >> appends so\), the "
     r"rest as UTF-8: type (?:those lines|it) again in UTF-8, or remove (?:them|it); until then nothing is read from "
     r"it or added to it",
     "{p}：{lines}行目が UTF-16（PowerShell 5 の >> はそう書き足します）、残りが UTF-8 で保存されています。"
     "その行を UTF-8 で入力し直すか、消してください。それまでは、このファイルから読むことも書き足すこともしません"),
    (r"(?P<p>.+?): the file was saved as Shift_JIS \(Windows \"ANSI\", CP932\), not UTF-8; " + _SAVE_AS_UTF8,
     "{p}：ファイルが UTF-8 ではなく Shift_JIS（Windows の \"ANSI\"、CP932）で保存されています。" + _SAVED_JA),
    (r"(?P<p>.+?): lines (?P<lines>[\d, .]+?) were saved as Shift_JIS \(Windows \"ANSI\", CP932\), the rest as UTF-8 "
     r"\(an editor cannot save such a file as one encoding\): type those lines again in UTF-8, or remove them; until "
     r"then nothing is read from it or added to it",
     "{p}：{lines}行目が Shift_JIS（Windows の \"ANSI\"、CP932）、残りが UTF-8 で保存されています（このようなファイルは"
     "エディタで一つの文字コードに保存できません）。その行を UTF-8 で入力し直すか、消してください。それまでは、この"
     "ファイルから読むことも書き足すこともしません"),
    # --- late-run regrouping (a re-run on the earlier run's clusters)
    (r"re-run: earlier opinions (?:changed in the input|(?P<tool>read otherwise by this version of the tool \(the input "
     r"is unchanged\))): (?P<parts>.+?); the other clusters are kept",
     lambda m: ("再実行：入力は変わっていませんが、このツールのこの版は前回の意見を違うように読みます：" if m["tool"]
                else "再実行：前回の意見が入力で変わっています：") + "。".join(
         re.sub(r"^(\d+) corrected \(each keeps its cluster\): (.+)$", r"修正された意見\1件（それぞれ項目はそのまま）：\2",
                re.sub(r"^(\d+) read otherwise \(each keeps its cluster\): (.+)$", r"読み方が変わった意見\1件（それぞれ項目はそのまま）：\2",
                re.sub(r"^(\d+) no longer found \(each leaves its cluster\): (.+)$",
                       r"もう見つからない意見\1件（それぞれ項目から外れます）：\2",
                re.sub(r"^(\d+) no longer in the input or rewritten \(each leaves its cluster\): (.+)$",
                       r"入力からなくなった・書き換えられた意見\1件（それぞれ項目から外れます）：\2", part))))
         for part in m["parts"].split("; ")) + "。ほかの項目はそのままです"
     if all(re.match(r"\d+ (?:corrected|no longer|read otherwise)", part) for part in m["parts"].split("; ")) else None),
    (r"withdrawn since the earlier run \((?P<kinds>[\w /]+)\): (?P<n>\d+) distinct opinions? placed again without it "
     r"\((?P<went>.*)\); the other clusters are kept",
     lambda m: f"前回の実行のあとに取り消した判断（{'・'.join(KINDS.get(k, k) for k in m['kinds'].split(' / '))}）：その判断で"
               f"置かれていた異なる意見{m['n']}件を、判断なしで置き直しました（{m['went'].replace(' -> ', ' → ')}）。"
               "ほかの項目はそのままです"),
    (r"worksheet\.xlsx was filled in where it lay \(its cells differ from what the run wrote\): kept as (?P<k>\S+); "
     r"(?:import it with (?P<cmd>`[^`]+`)|it was imported already \(decisions? (?P<ns>[\d, …]+)\): nothing to import "
     r"again)",
     lambda m: f"worksheet.xlsx がその場で記入されていました（実行で書き出した内容とセルが違います）：{m['k']} として残しました。"
               + (f"{m['cmd']} で取り込めます" if m["cmd"] else f"取り込み済みです（判断{m['ns']}）。もう一度取り込む必要はありません")),
    (r"(?P<n>\d+) earlier opinions? changes? rows with (?:its|their) duplicate group, which late near-copies joined to "
     r"a group of another row \((?P<r>\d+) rows?\): (?P<list>.+?); (?P<cmd>`cluster review detach [^`]+`) takes them "
     r"out of the joined group \(each is then placed on its own text\)",
     "前回の意見{n}件が、重複グループごと別の項目に移ります。追加のほぼ同文の意見が、別の項目のグループとつなげたためです"
     "（{r}項目）：{list}。{cmd} でつながったグループから外せます（外した意見はそれぞれの文面で分類されます）"),
    # --- cluster review import: the worksheet's cells
    (r"row (?P<n>\d+) \((?P<c>\S+)\): (?P<col>.+?) was emptied; nothing recorded \(withdraw a decision with "
     r"(?P<cmd>`cluster review undo`)\)",
     "{n}行目（{c}）：{col}が空にされています。何も記録しません（記録した判断を取り消すには {cmd}）"),
    (r"(?P<where>.+?, row \d+, column .+?) holds a formula \((?P<f>.*)\); type the text itself",
     lambda m: f"{_ws_where(m['where'])}に数式（{m['f']}）が入っています。数式ではなく文字そのものを入力してください"),
    (r"(?P<p>.+?): not an Excel worksheet \(\.xlsx\); import the worksheet\.xlsx a run wrote, edited and saved in "
     r"Excel format",
     "{p}：Excelのワークシート（.xlsx）ではありません。実行で書き出した worksheet.xlsx を編集し、Excel形式で保存した"
     "ものを取り込んでください"),
    (r"(?P<p>.+?): cannot be read as an Excel file \((?P<t>[^()]+(?:\([^()]*\))?[^()]*)\); save it again in Excel as "
     r"「Excel ブック \(\*\.xlsx\)」",
     lambda m: f"{m['p']}：Excelファイルとして読めません（"
               + {"not an Excel file inside (a CSV or text file renamed .xlsx?)":
                  "中身がExcelファイルではありません。CSVやテキストのファイル名を .xlsx に変えたものではありませんか",
                  "damaged or not saved by Excel": "壊れているか、Excelで保存されたものではありません"}.get(m['t'], m['t'])
               + "）。Excelで「Excel ブック (*.xlsx)」として保存し直してください"),
    (r"(?P<p>.+?): not a worksheet written by (?P<cmd>`cluster run`) \(sheet '(?P<s>[^']*)' or its hidden sheet is "
     r"missing\); use the worksheet\.xlsx from the run folder",
     "{p}：{cmd} が書き出したワークシートではありません（シート '{s}' か、その隠しシートがありません）。"
     "実行フォルダの worksheet.xlsx を使ってください"),
    (r"(?P<p>.+?): written by another version of the tool \((?P<v>.*)\); write a new worksheet with "
     r"(?P<cmd>`cluster run`)",
     "{p}：別の版のツールが書き出したワークシートです（{v}）。{cmd} で新しいワークシートを書き出してください"),
    (r"(?P<where>.+?, row \d+): cluster '(?P<c>[^']*)' is not one of this worksheet's clusters \(was the row copied "
     r"from another worksheet\?\)",
     lambda m: f"{_ws_where(m['where'])}：項目 '{m['c']}' はこのワークシートの項目ではありません"
               "（別のワークシートから行を写しませんでしたか？）"),
    (r"(?P<where>.+?, row \d+): cluster (?P<c>\S+) appears twice \(also row (?P<k>\d+)\); keep one row",
     lambda m: f"{_ws_where(m['where'])}：項目 {m['c']} が2回出てきます（{m['k']}行目にも）。1行だけ残してください"),
    (r"(?P<where>.+?, row \d+): (?P<s>\S+) or (?P<a>\S+) filled in a row without a cluster_id \(was it cleared\?\); "
     r"put the cluster_id back",
     lambda m: f"{_ws_where(m['where'])}：cluster_id のない行に{m['s']}か{m['a']}が記入されています"
               "（cluster_id を消してしまいましたか？）。cluster_id を元に戻してください"),
    (r"(?P<p>.+?): sheet '(?P<s>[^']*)' has no header row with cluster_id, (?P<a>\S+) and (?P<b>\S+); do not rename "
     r"those columns",
     "{p}：シート '{s}' に cluster_id・{a}・{b} の列名の行がありません。これらの列名は変えないでください"),
    (r"(?P<where>.+?, row \d+ \([^()]*\), column \S+): (?P<why>.+?); nothing recorded; one of: (?P<list>.+)",
     lambda m: f"{_ws_where(m['where'])}：{_category_why(m['why'])}。何も記録していません。次のいずれかを指定してください："
               f"{m['list']}"),
    (r"(?P<f>.+?): (?P<n>\d+) cells of column (?P<col>\S+) name no category of this run: (?P<cells>.+?); nothing "
     r"recorded; one of: (?P<list>.+)",
     lambda m: f"{m['f']}：{m['col']}の列の{m['n']}個のセルが、この実行の対応区分にない値です："
               + "、".join(re.sub(r"^row (\d+) \(([^()]*)\): (.+)$",
                                  lambda c: f"{c[1]}行目（{c[2]}）：{_category_why(c[3])}", cell)
                           for cell in m["cells"].split("; "))
               + f"。何も記録していません。次のいずれかを指定してください：{m['list']}"),
    (r"the category is empty; one of: (?P<list>.+)", "対応区分が空です。次のいずれかを指定してください：{list}"),
    (r"「(?P<v>.*?)」 is not one of this run's categories \(対応区分\)", "「{v}」はこの実行の対応区分にありません"),
    # --- cluster review import: pasted, cut or typed-over cells, and the worksheet checks of QA45
    (r"row (?P<n>\d+) \((?P<c>\S+)\): (?P<col>\S+) is the candidate shown for (?P<o>row \d+ \([^()]*\)|\S+) \(past answer "
     r"(?P<a>\S+)\), not one of (?P=c)'s own: it is taken as (?P=c)'s answer; if it was meant for the other row, put it "
     r"there \((?P<cmd>`[^`]+`) takes an import back\)",
     lambda m: f"{m['n']}行目（{m['c']}）：{m['col']}は {_ws_rows(m['o'])} に示した回答案（過去の回答 {m['a']}）で、"
               f"{m['c']} 自身の回答案ではありません。{m['c']} の回答として取り込みます。別の行のためのものなら、"
               f"その行に貼り直してください（取り込みを取り消すには {m['cmd']}）"),
    (r"(?P<f>.+?): (?P<r>row \d+ \([^()]*\)) holds (?:the candidate \(回答案\) shown for (?P<co>.+?)|the (?P<col>\S+) "
     r"shown for (?P<o>.+?)), (?:whose (?P<col2>\S+) cell was (?P<how>emptied|changed)|(?P<gone>a row no longer in the "
     r"sheet)): was it cut and pasted into the wrong row\? Nothing recorded: put it back in (?P<back>.+?) \(to use it "
     r"for (?P<c>\S+) too, keep it in both rows\), or start again from the run's worksheet\.xlsx",
     lambda m: f"{m['f']}：{_ws_rows(m['r'])}に、{_ws_rows(m['co'] or m['o'])} に示した"
               f"{'回答案' if m['co'] else m['col']}が入っています。"
               + ("その行はもうシートにありません。" if m['gone'] else
                  f"その行の{m['col2']}のセルは{'空にされて' if m['how'] == 'emptied' else '変えられて'}います。")
               + f"間違った行に切り取って貼り付けませんでしたか？ 何も記録していません：{_ws_rows(m['back'])} に戻すか"
               f"（{m['c']} にも使うなら両方の行に残してください）、実行フォルダの worksheet.xlsx からやり直してください"),
    (r"(?P<f>.+?): (?P<n>\d+) cells hold what the worksheet showed for another row: (?P<list>.+?); was a column sorted "
     r"or pasted apart from its rows\? Nothing recorded: sort whole rows \(or undo the paste\), or start again from the "
     r"run's worksheet\.xlsx",
     lambda m: f"{m['f']}：{m['n']}個のセルに、別の行に示した内容が入っています："
               + _ws_rows(re.sub(r"(row \d+ \([^()]*\)|\S+) holds the (\S+) shown for (row \d+ \([^()]*\)|\S+)",
                                 r"\1 に \3 の\2", m["list"]))
               + "。列だけを並べ替えたり、行からずらして貼り付けたりしませんでしたか？ 何も記録していません："
               "行全体で並べ替える（または貼り付けを元に戻す）か、実行フォルダの worksheet.xlsx からやり直してください"),
    (r"(?P<f>.+?), row (?P<n>\d+) \(cluster (?P<c>\S+)\): column (?P<col>\S+) was (?P<was>.+?) when the worksheet was "
     r"written and is now (?P<now>.+?); was it typed over by mistake\? (?P=col) is not imported: put (?P=was) back "
     r"\(or start again from the run's worksheet\.xlsx\)",
     "{f} の{n}行目（項目 {c}）：{col}の列は、ワークシートを書き出したときは {was} で、今は {now} です。誤って上書き"
     "しませんでしたか？ {col}は取り込みません：{was} に戻してください（または実行フォルダの worksheet.xlsx から"
     "やり直してください）"),
    (r"(?P<f>.+?), row (?P<n>\d+) \(cluster (?P<c>\S+)\): (?P<cells>column .+?)(?: \(and (?P<m>\d+) more rows like "
     r"it\))?: were only some columns sorted, or cluster_id cells changed\? Sort whole rows, or start again from the "
     r"run's worksheet\.xlsx",
     lambda m: f"{m['f']} の{m['n']}行目（項目 {m['c']}）："
               + "、".join(re.sub(r"^column (\S+) was (.+?) when the worksheet was written and is now (.+)$",
                                  r"\1の列は書き出したとき \2、今は \3", part) for part in m["cells"].split("; "))
               + _opt(m["m"], "（ほかに同じような行が{}行）")
               + "。一部の列だけを並べ替えたか、cluster_id のセルを変えませんでしたか？ 行全体で並べ替えるか、"
               "実行フォルダの worksheet.xlsx からやり直してください"),
    (r"「(?P<v>.*?)」 is only in (?P<cats>.+), which says the opposite; write the code",
     "「{v}」は {cats} にしか含まれず、その区分は逆の意味です。区分の記号を書いてください"),
    (r"「(?P<v>.*?)」 is in more than one category \((?P<codes>[^()]*)\); write the code",
     "「{v}」は複数の区分（{codes}）に含まれます。区分の記号を書いてください"),
    (r"(?P<p>.+?): sheet '(?P<s>[^']*)': columns? (?P<cols>.+?) renamed: the import reads a column by its name, so what "
     r"was typed under it would be lost; nothing recorded: put the names? (?P<names>.+?) back in the header row",
     lambda m: f"{m['p']}：シート '{m['s']}' の列名が変えられています："
               + re.sub(r"(\S+) \(now (「[^」]*」)\)", r"\1（今は \2）", m["cols"]).replace("）, ", "）、")
               + "。取り込みは列を名前で読むため、その列に書いたものが取り込まれません。何も記録していません："
               f"列名の行に {m['names'].replace(', ', '、')} を戻してください"),
    (r"columns? (?P<cols>.+?) (?:is|are) no longer in sheet 「(?P<s>[^」]*)」 \(deleted\?\): nothing is read for "
     r"(?:it|them)",
     lambda m: f"列 {m['cols'].replace(', ', '、')} がシート「{m['s']}」にありません（削除しましたか？）。"
               "その列からは何も読みません"),
    (r"read sheet 「(?P<s>[^」]*)」 as the worksheet's (?P<m>\S+) \(the only sheet with its header row; was it renamed\?\)",
     "シート「{s}」をワークシートの{m}として読みました（その列名の行があるシートはこれだけです。シート名を変えましたか？）"),
    (r"(?P<p>.+?): not a worksheet written by (?P<cmd>`cluster run`) \(its hidden sheet (?P<h>\S+), which remembers "
     r"what each row showed, is missing\); start again from the worksheet\.xlsx in the run folder",
     "{p}：{cmd} が書き出したワークシートではありません（各行に示した内容を覚えている隠しシート {h} がありません）。"
     "実行フォルダの worksheet.xlsx からやり直してください"),
    (r"(?P<p>.+?): sheet '(?P<s>[^']*)' is missing and no other sheet has its header row \(cluster_id, (?P<a>\S+), "
     r"(?P<b>\S+)\); use the worksheet\.xlsx from the run folder",
     "{p}：シート '{s}' がなく、その列名の行（cluster_id・{a}・{b}）があるシートもありません。"
     "実行フォルダの worksheet.xlsx を使ってください"),
    (r"(?P<p>.+?): sheet '(?P<s>[^']*)' is missing and (?P<n>\d+) sheets have its header row \((?P<list>.+)\); keep one "
     r"of them and name it (?P<m>\S+)",
     lambda m: f"{m['p']}：シート '{m['s']}' がなく、その列名の行があるシートが{m['n']}枚あります"
               f"（{m['list'].replace(', ', '、')}）。1枚だけ残し、名前を {m['m']} にしてください"),
    (r"(?P<f>.+?): (?P<cols>.+?) cells of (?P<rows>.+?) are merged into one \((?P<ref>[A-Z]+\d+:[A-Z]+\d+)\): the import "
     r"reads such a cell for the top row only; nothing recorded: unmerge them and fill each row \(copy the text into "
     r"every row it answers\)",
     lambda m: f"{m['f']}：{_ws_rows(m['rows'])} の{m['cols'].replace(' and ', '・')}のセルが結合されています"
               f"（{m['ref']}）。結合したセルは一番上の行の分しか読めません。何も記録していません：結合を解除し、"
               "各行に記入してください（同じ文を使う行すべてに写してください）"),
    (r"(?P<where>.+?, row \d+ \([^()]*\), column \S+): Excel changed what was typed into a date \((?P<d>[^()]*)\); "
     r"nothing recorded: type it as text \(with a leading apostrophe, '3-1, or as 3－1\)",
     lambda m: f"{_ws_where(m['where'])}：入力した文字をExcelが日付（{m['d']}）に変えています。何も記録していません："
               "文字として入力してください（先頭にアポストロフィを付けて '3-1 とするか、3－1 と全角で）"),
    (r"(?P<f>.+?): (?P<n>\d+) cells hold a date Excel changed what was typed into: (?P<list>.+?); nothing recorded: "
     r"type them as text \(with a leading apostrophe, '3-1, or as 3－1\)",
     lambda m: f"{m['f']}：{m['n']}個のセルで、入力した文字をExcelが日付に変えています：{_ws_rows(m['list'])}。"
               "何も記録していません：文字として入力してください（先頭にアポストロフィを付けて '3-1 とするか、3－1 と全角で）"),
    (r"(?P<where>.+?, row \d+ \([^()]*\)), column (?P<col>\S+) holds only 「(?P<t>.*)」: did you mean past answer "
     r"(?P<n>\S+)\? It would be published as the answer; nothing recorded: paste that answer's text into (?P=col), or "
     r"(?P<cmd>`[^`]+`)",
     lambda m: f"{_ws_where(m['where'])}：{m['col']}に「{m['t']}」だけが入っています。過去の回答 {m['n']} のことですか？ "
               f"このままでは「{m['t']}」が回答として公表されます。何も記録していません：その回答の文を{m['col']}に"
               f"貼り付けるか、{m['cmd']} を実行してください"),
    (r"(?P<f>.+?): (?P<k>\d+) cells of column (?P<col>\S+) hold only a number: (?P<list>.+?): did you mean past answers "
     r"by number\? They would be published as the answers; nothing recorded: paste each answer's text into (?P=col), "
     r"or (?P<cmd>`[^`]+`) \(one row at a time\)",
     lambda m: f"{m['f']}：{m['col']}の列の{m['k']}個のセルに番号だけが入っています：{_ws_rows(m['list'])}。"
               "過去の回答の番号のことですか？ このままでは番号が回答として公表されます。何も記録していません："
               f"それぞれの回答の文を{m['col']}に貼り付けるか、{m['cmd']} を実行してください（1行ずつ）"),
    (r"(?P<col>回答案（未確認）|回答の状態|回答案の番号) was changed in (?P<rows>.+?): the import does not read this "
     r"column, nothing recorded for it; (?P<what>.+)",
     lambda m: f"{m['col']}が変更されています：{_ws_rows(m['rows'])}。この列は取り込みません（何も記録していません）。"
               + _unread_what(m["what"])),
    (r"(?P<r>row \d+ \([^()]*\)|\S+): (?P<col>\S+) is as the worksheet showed it \((?P<shown>.*?)\), but a decision "
     r"imported from (?P<src>.+?) since then gives it (?P<v>「.*」) \(decision (?P<n>\d+)\); to take it back "
     r"(?P<cmd>`[^`]+`)",
     lambda m: f"{_ws_rows(m['r'])}：{m['col']}はワークシートに示したまま（{'空欄' if m['shown'] == 'blank' else m['shown']}）"
               f"ですが、その後に {m['src']} から取り込んだ判断{m['n']}で {m['v']} になっています。"
               f"取り消すには {m['cmd']}"),
    (r"(?P<f>.+?) was written in run folder (?P<w>.+?), not (?P<h>.+?): its cells land on the same opinions here "
     r"\(found by id and text\); if it belongs to (?P=w), import it there \((?P<cmd>`[^`]+`) takes an import back\)",
     "{f} は実行フォルダ {w} で書き出したもので、{h} のものではありません。セルはこのフォルダの同じ意見（IDと文面で"
     "照合）に取り込みます。{w} のものなら、そちらに取り込んでください（取り込みを取り消すには {cmd}）"),
    (r"the (?P<a>\S+) written in (?P<k>\d+) of (?P<n>\d+) rows read like the opinions of other rows \((?P<list>.+?)\): "
     r"was the (?P=a) column sorted or pasted apart from its rows\? Check them before the next run; (?P<cmd>`[^`]+`) "
     r"takes this import back",
     lambda m: f"{m['a']}を書いた{m['n']}行のうち{m['k']}行は、ほかの行の意見に答えているように読めます（"
               + re.sub(r"row (\d+)'s like row (\d+)'s", r"\1行目は\2行目の意見", m['list']).replace(", ", "、")
               + f"）。{m['a']}の列だけを並べ替えたり、行をずらして貼り付けたりしていませんか。次の実行の前に確かめてください。"
               f"この取り込みを取り消すには {m['cmd']}"),
    (r"row (?P<r>\d+) \((?P<c>\S+)\): this file's (?P<kind>\w+) (?P<v>「.*?」) was imported before, but the (?P=kind) "
     + _RECORDED_HOW + r" stands: (?P<now>「.*」); withdrawing that one puts this file's back: (?P<cmd>`[^`]+`)",
     lambda m: f"{m['r']}行目（{m['c']}）：このファイルの{KINDS.get(m['kind'], m['kind'])} {m['v']} は前に取り込みましたが、"
               f"そのあとの判断{m['n']}（{'、'.join(_provenance(m['src'], m['by'], m['at']))}）の {m['now']} が有効です。"
               f"このファイルのものに戻すには、その判断を取り消します：{m['cmd']}"),
    (r"sheet (?P<s>\S+) was changed: it is there to read, its edits are not imported \(only the columns to fill in "
     r"(?P<m>\S+) are\); to move an opinion to another cluster use (?P<cmd>`[^`]+`) or the notebook",
     "シート {s} が変更されています。このシートは読むためのもので、変更は取り込みません（取り込むのは {m} の記入欄です）。"
     "意見を別の項目に移すには {cmd} かノートブックを使ってください"),
    (r"rows of (?P<rows>.+?) are one cluster now \((?P<c>\S+), merged since this worksheet was written\): both "
     r"(?P<what>.+?) are recorded and the next run keeps the one covering more of it; check that row after the run",
     lambda m: f"{m['rows'].replace(' and ', ' と ')} の行は、ワークシートを書き出したあとに統合され、今は一つの項目"
               f"（{m['c']}）です。両方を記録し、次の実行ではその項目の意見を多く含む方を使います。実行のあとでその行を"
               "確かめてください"),
    (r"row (?P<n>\d+) \((?P<c>\S+)\): its opinions are no longer in the run; nothing recorded",
     "{n}行目（{c}）：その行の意見はもうこの実行にありません。何も記録していません"),
    (r"row (?P<n>\d+) \((?P<c>\S+)\): ラベル is not its cluster's label in this run \((?P<l>.*)\) and this worksheet "
     r"\(written by an older version\) does not say which label it showed, so it is not recorded over that one: record "
     r"it with (?P<cmd>`[^`]+`)",
     "{n}行目（{c}）：ラベルがこの実行の項目のラベル（{l}）と違います。このワークシート（古い版で書き出したもの）は"
     "どのラベルを示したかを覚えていないため、上書きして記録はしません。記録するには {cmd}"),
    (r"HTML from a mailer \(<br>, <div>, &nbsp; …\) read as plain text in (?P<n>\d+) cells?",
     "メールソフトのHTML（<br>、<div>、&nbsp; など）を{n}件のセルで普通の文字として読みました"),
]


def _ws_rows(text: str) -> str:
    """「row 7 (C003), row 9 (C005) and 2 more」 -> 「7行目（C003）、9行目（C005）、ほか2件」 (worksheet import lines)."""
    text = re.sub(r"\brow (\d+) \(([^()]*)\)", r"\1行目（\2）", text or "")
    return re.sub(r" and (\d+) more$", r"、ほか\1件", text).replace(", ", "、")


def _unread_what(what: str) -> str:
    """What to do with a changed cell of a column `review import` does not read, in Japanese."""
    for pattern, ja in ((r"to use the edited text, copy it into (\S+)", r"書き換えた文を使うには、\1に写してください"),
                        (r"a row is confirmed by its (\S+): copy the candidate into \1, or (`[^`]+`)",
                         r"行の回答は\1で確定します：回答案を\1に写すか、\2 を実行してください"),
                        (r"to answer with a past answer, (`[^`]+`) \(or paste its text into (\S+)\)",
                         r"過去の回答を使うには \1 を実行してください（またはその文を\2に貼り付けてください）")):
        if re.fullmatch(pattern, what):
            return re.sub(pattern, ja, what)
    return what


# --- `cluster run --count-repeats`: an opinion its submitter sent more than once (status repeat)
_MORE_ENTRIES += [
    (r"repeats: (?P<n>[\d,]+) opinions? repeats? an opinion the same submitter sent before \(exact or near copy\), "
     r"counted once \(--count-repeats once; status repeat, repeat_of in opinions\.csv\): (?P<ids>.+?)(?P<more> …)?",
     lambda m: f"同一の者が前に提出した意見と同じ・ほぼ同じ意見が{m['n']}件あり、1件として数えます（--count-repeats once。"
               "opinions.csv の status は repeat、repeat_of は同じ内容の最初の意見）："
               + re.sub(r" \(repeats (\S+)\)", r"（\1 と同じ）", m["ids"]).replace(", ", "、")
               + (" ほか" if m["more"] else "")),
    (r"(?P<n>[\d,]+) opinions? repeats? an opinion the same submitter sent before \(exact or near copy\) and (?:is|are) "
     r"counted again; `--count-repeats once` counts (?:it|them) once \((?P<note>[^()]+)\)",
     "同一の者が前に提出した意見と同じ・ほぼ同じ意見が{n}件あり、それぞれ件数に数えています。"
     "`--count-repeats once` で1件として数えます（{note}）"),
    (r"--count-repeats once: the input gives no submitter \(氏名\), so submitters cannot be told apart; every opinion "
     r"is counted",
     "--count-repeats once：入力に提出者（氏名）がないため、同一の者からの提出か判断できません。意見はそれぞれ数えます"),
    (r"opinions counted once as repeats of their submitter's \(--count-repeats once\) leave its clusters; the other "
     r"clusters are kept",
     "同一の者からの同一内容の意見として1件に数えた意見（status repeat）は項目から外れます。ほかの項目はそのままです"),
    (r"late comments: (?P<n>[\d,]+) new opinions?, (?:each a repeat|a repeat) of an opinion (?:their|its) submitter "
     r"sent before, counted once \(--count-repeats once\): (?P<ids>.+?); the other clusters are kept",
     lambda m: f"追加の意見：新しい意見{m['n']}件は同一の者が前に提出した意見と同じ内容で、1件として数えます"
               f"（--count-repeats once）：{m['ids'].replace(', ', '、')}。ほかの項目はそのままです"),
]

# --- QA48: run folders, decisions and worksheets written by an older version of the tool
_MORE_ENTRIES += [
    (r"re-run: the tool now cuts (?P<n>[\d,]+) earlier opinions? differently \(a greeting or signature line is a row "
     r"of its own(?:, or a sentence naming the subject its heading)?(?P<read>, a sentence naming the subject its heading, or "
     r"the letter read otherwise: a fax's lines, OCR, a meeting's labels)?\): (?P<ids>.+?); "
     r"(?:it keeps its cluster|each keeps its cluster) and staff decisions",
     lambda m: f"再実行：前回の意見{m['n']}件を、このツールは今は違う位置で切り分けます（"
               + ("あいさつや署名の行が別の行になる、主題を述べる文が見出しになる、またはファクスの送信記録・OCR・説明会の"
                  "発言者名の読み方が変わったためです" if m["read"] else
                  "あいさつや署名の行が別の行になるか、主題を述べる文が見出しになります")
               + f"）：{m['ids'].replace(', ', '、')}。項目と職員の判断はそのままです"),
    (r"re-run: the tool now reads (?P<n>[\d,]+) earlier opinions? as having no opinion \(status empty or greeting in "
     r"opinions\.csv\), the input unchanged: (?P<ids>.+?); (?:it leaves its cluster|each leaves its cluster)",
     lambda m: f"再実行：入力は変わっていませんが、前回の意見{m['n']}件を、このツールは今は意見のない行として読みます"
               f"（opinions.csv の status は empty または greeting）：{m['ids'].replace(', ', '、')}。項目から外れます"),
    (r"decision (?P<n>\d+) \((?P<kind>\w+) " + _BY_AT + r"\): (?P<ids>.+?): the tool now cuts (?:its submission|their "
     r"submissions) differently \((?P<why>[^()]+)\); still applies to the opinions?"
     r"(?P<under> under its id now)?",
     lambda m: f"判断{m['n']}（{KINDS.get(m['kind'], m['kind'])}、{m['by']}{_opt(m['at'], '、{}')}）：{m['ids'].replace(', ', '、')}："
               "このツールは今はその提出を違う位置で切り分けます（"
               + {"a greeting or signature line is a row of its own": "あいさつや署名の行が別の行になります",
                  "a greeting or signature line is a row of its own, or a sentence naming the subject its heading":
                      "あいさつや署名の行が別の行になるか、主題を述べる文が見出しになります",
                  "a greeting or signature line is a row of its own, a sentence naming the subject its heading, or the "
                  "letter read otherwise: a fax's lines, OCR, a meeting's labels":
                      "あいさつや署名の行が別の行になる、主題を述べる文が見出しになる、またはファクスの送信記録・OCR・説明会の"
                      "発言者名の読み方が変わったためです",
                  "the earlier run used --no-split": "前回は --no-split を使いました",
                  "this run uses --no-split": "今回は --no-split を使っています"}.get(m["why"], m["why"]) + "）。"
               + ("今のIDの意見に当てはめます" if m["under"] else "その意見に引き続き当てはめます")),
    # (QA111: a decision applied to part of its opinions, ``decisions._partly_applied``, stayed in English)
    (r"decision (?P<n>\d+) \((?P<kind>\w+) " + _BY_AT + r"\): (?P<k>\d+) of its opinions (?:is|are) gone \((?P<ids>.+)\); "
     r"applied to the rest",
     lambda m: f"判断{m['n']}（{KINDS.get(m['kind'], m['kind'])}、{m['by']}{_opt(m['at'], '、{}')}）：意見{m['k']}件がもう"
               f"ありません（{m['ids'].replace(', ', '、')}）。残りの意見に当てはめます"),
    (r"decision (?P<n>\d+) \((?P<kind>\w+) " + _BY_AT + r"\): (?P<k>\d+) of its opinions now (?:has another id|have other "
     r"ids) \((?P<pairs>.+): (?:(?P<tool>this version of the tool cuts the unchanged input otherwise)|the input's ids or "
     r"row order changed)\); applied to (?:it by its text|them by their text)",
     lambda m: f"判断{m['n']}（{KINDS.get(m['kind'], m['kind'])}、{m['by']}{_opt(m['at'], '、{}')}）：意見{m['k']}件のIDが"
               f"変わりました（{m['pairs'].replace(', ', '、')}："
               + ("入力は変わっていませんが、このツールのこの版は違う位置で切り分けます" if m["tool"]
                  else "入力のIDか行の順が変わったため") + "）。本文で見つけて当てはめます"),
    (r"decision (?P<n>\d+) \((?P<kind>\w+) " + _BY_AT + r"\): still applies to (?P<ids>.+?), whose texts? "
     r"(?:(?P<tool>this version of the tool reads otherwise \(the input is unchanged\))|(?:was|were) corrected in the "
     r"input since the last run)",
     lambda m: f"判断{m['n']}（{KINDS.get(m['kind'], m['kind'])}、{m['by']}{_opt(m['at'], '、{}')}）："
               + ("入力は変わっていませんが、このツールのこの版は " if m["tool"] else "前回の実行の後に入力で本文が直された ")
               + f"{m['ids'].replace(', ', '、')}"
               + (" の本文を違うように読みます。引き続き当てはめます" if m["tool"] else " にも引き続き当てはめます")),
    (r"decision (?P<n>\d+) \((?P<kind>\w+) " + _BY_AT + r"\): the tool now reads (?P<ids>.+?) as having no opinion "
     r"\(status (?P<st>[\w /]+) in opinions\.csv\); applied to the rest",
     lambda m: f"判断{m['n']}（{KINDS.get(m['kind'], m['kind'])}、{m['by']}{_opt(m['at'], '、{}')}）：このツールは今は "
               f"{m['ids'].replace(', ', '、')} を意見のない行として読みます（opinions.csv の status は {m['st']}）。"
               "残りの意見に当てはめます"),
    (r"duplicates: (?P<n>\d+) opinion\(s\) taken out of their duplicate group by staff decisions \(detach\), "
     r"(?P<k>\d+) of them exact copies of a detached text that no decision names \(late comments\): (?P<ids>.+)",
     lambda m: f"重複：職員の判断（重複から外す）で意見{m['n']}件を重複グループから外しました。うち{m['k']}件は、外した"
               f"意見と同じ文面で、判断が名指ししていない意見です（追加の意見）：{m['ids'].replace(', ', '、')}"),
    (r"the earlier run in (?P<d>.+?) was written by another build of the tool \((?:build (?P<b>\w+)|(?P<old>an older "
     r"version, which recorded no build))?; this one is build (?P<now>\w+)\): the report may differ from the earlier "
     r"one for the same input and decisions",
     lambda m: f"{m['d']} の前回の実行は、このツールの別の版で書かれています（"
               + (f"版 {m['b']}" if m["b"] else "版の記録のない古い版") + f"。今回は版 {m['now']}）。入力と判断が同じでも、"
               "報告書が前回と違うことがあります"),
    (r"column (?P<col>\S+): this worksheet \(written by an older version\) does not say what it showed there, so "
     r"(?P<n>\d+) cells? that differs? from this run (?:is|are) not recorded: (?P<list>.+?); record one with "
     r"(?P<cmd>`[^`]+`)",
     lambda m: f"{m['col']}の列：このシートは古い版で書かれたもので、この列に何を表示したかが分からないため、今回の実行と"
               f"違うセル{m['n']}件は記録しません：{_ws_rows(m['list'])}。記録するには、たとえば {m['cmd']}"),
]


def _ja_list(names: str) -> str:
    """「意見1, 意見2」 as a Japanese list: 「意見1、意見2」."""
    return names.replace(", ", "、")


def _layout_part(part: str) -> str:
    """One count of ``pipeline._layout_line`` in Japanese."""
    n = re.match(r"\d+", part)
    k = n.group(0) if n else ""
    for key, ja in (("line break", f"文の途中の改行{k}か所をつなぐ"),
                    ("page number", f"ページ番号・受付印の行{k}行を除く"),
                    ("fax banner", f"ファクスの送信票・送信記録の行{k}行を除く（「FAX送信票」「送信日時 …」「P.1/2」）"),
                    ("item number", f"項目番号{k}か所を「1」と読む（「l.」「(l)」）"),
                    ("kanji 「一」", f"カタカナ語の中の「一」{k}か所を「ー」と読む（「ル一ル」）"),
                    ("look-alike", f"形の似た文字{k}か所をカタカナ・数字と読む（「コミュ二ティ」「5〇台」）"),
                    ("space after every character", f"一字ごとに空白のある行{k}行を詰める（「図 書 館」）")):
        if key in part:
            return ja
    return part


# (regex matched on the whole line, without its error:/warning:/note: prefix and without a trailing
#  "run `cluster run … --out DIR` again to apply it", and the Japanese: a str.format template over the
#  groups (f_… groups pass through _frag; a missing group is empty) or a function of the match)
_Entry = tuple[re.Pattern, "str | Callable[[re.Match], str]"]
_TABLE: list[_Entry] = [(re.compile(p, re.S), t) for p, t in _SHOW + [
    # --- cluster run: reading the input
    (r"read (?P<n>\d+) rows? from (?P<file>.+?) \((?P<f_desc>.*)\); columns: (?P<f_cols>.*)",
     "{file} から{n}行を読み込みました（{f_desc}）。使う列：{f_cols}"),
    (r"columns? not used: (?P<f_cols>.+) \(only the columns named above are read\)",
     "使わない列：{f_cols}（読むのは上の行に挙げた列だけです）"),
    # QA52: a form's free-text and choice columns not read
    (r"columns? of free text not read: (?P<cols>.+) \(give (?P<opt>--[\w-]+) once for each column to read, in the "
     r"order wanted\)",
     "文章が入っている列を読んでいません：{cols}（読む列ごとに {opt} を、読む順に指定してください）"),
    (r"choice columns? not counted: (?P<cols>.+) \(answers picked from a list; this run tallies no choices\)",
     "選択式の列は集計しません：{cols}（選択肢から選んだ回答です。この実行では選択肢を集計しません）"),
    (r"(?P<n>\d+) rows? of a meeting's record (?:are|is) the moderator or staff speaking or a stage note "
     r"\(「司会：」「事務局：」「（拍手）」: (?P<f_where>.+)\): kept in opinions\.csv as excluded, not counted, grouped or published",
     "説明会の記録のうち、司会・事務局の発言や（拍手）などの記録だけの行が{n}行あります（「司会：」「事務局：」「（拍手）」：{f_where}）。"
     "opinions.csv には対象外（excluded）として残し、数えず、分類・公表もしません"),
    (r"(?P<n>\d+) rows? withdrawn or a test by (?P<col>.+?) \((?P<vals>.+?): (?P<f_where>.+)\): kept in opinions\.csv "
     r"as excluded, not counted, grouped or published",
     "{col} が取下げ・削除・テストの行が{n}行あります（{vals}：{f_where}）。opinions.csv には対象外（excluded）として残し、"
     "数えず、分類・公表もしません"),
    (r"not merged: (?P<pairs>.+?): a submission that only points to an attachment and a row of another file with the "
     r"same number, both files numbering their records 1\.\.N: counted as two submissions \(to type an attachment's "
     r"text into another file, name that file 添付…\)",
     "統合していません：{pairs}。添付ファイルを指すだけの提出と、別のファイルの同じ番号の行ですが、どちらのファイルも"
     "1..N の番号を順に振っているため、別の提出として数えます（添付ファイルの内容を別のファイルに書き写すときは、そのファイル名を"
     "「添付…」にしてください）"),
    (r"(?P<file>.+?) has no column '(?P<col>.+)' \((?P<opt>--[a-z-]+)\): its column is guessed",
     "{file} には列「{col}」がありません（{opt}）。このファイルの列は推定します"),
    (r"(?P<file>.+?) looks like a table of past answers: its column (?P<a>.+?) holds answers beside the opinions in "
     r"(?P<t>.+?); its rows are read as this consultation's opinions \(counted and published\); if it holds the "
     r"answers of an earlier consultation, give it with --answers instead",
     "{file} は過去の回答の表のようです（列 {a} に、{t} の意見への回答があります）。その行は今回の意見として読み込み、"
     "数えて公表します。前回までの意見募集の回答の表なら、--answers で指定してください"),
    # sheets of one workbook read as one table (QA41: left in English, its example id always FAX-1)
    (r"(?P<n>\d+) sheets with the same columns read as one table \((?P<list>.+?) rows\); (?:each sheet's name is read "
     r"as the channel \((?P<ch>[^()]+(?:\([^()]*\))?)\)|column (?P<col>\S+) names each row's sheet"
     r"(?: \(--channel-column (?P<opt>\S+) counts the sheets as channels in 提出方法別\))?)"
     r"(?:; (?P<id>.+?) repeats across sheets, so each id has its sheet's name in front \((?P<ex>[^()]+)\))?",
     lambda m: f"列が同じシート{m['n']}枚を1つの表として読みました（{m['list']}行）。"
               + (f"シート名を提出方法として読みます（{m['ch']}）" if m["ch"] else
                  f"列 {m['col']} に各行のシート名を入れました"
                  + _opt(m["opt"], "（--channel-column {} でシートを提出方法別に数えます）"))
               + (f"。{m['id']} がシートの間で重なるため、IDの前にシート名を付けました（{m['ex']}）" if m["id"] else "")),
    (r"(?P<n>\d+) rows? of this CP932 file hold 「\?」 inside Japanese words \((?P<f_where>.+)\): Excel saves a "
     r"character CP932 lacks \(𠮷, 髙, an emoji\) as 「\?」; check them against the letters, or save the file as "
     r"「CSV UTF-8」",
     "このCP932のファイルの{n}行で、日本語の語の中に「?」があります（{f_where}）。ExcelはCP932にない文字（𠮷、髙、絵文字）を"
     "「?」で保存します。元の文書と照らし合わせるか、「CSV UTF-8」で保存し直してください"),
    (r"page layout undone in (?P<n>\d+) rows? \(text copied from a PDF or OCR\): (?P<what>.+) "
     r"\(the input file keeps it as it was\)",
     lambda m: f"PDF・OCRから写したとみられる{m['n']}行の書式を直しました："
               + "、".join(_layout_part(p) for p in m["what"].split("; ")) + "（入力ファイルはそのままです）"),
    (r"opinion columns? (?P<texts>.+?)(?:: each one's opinions in turn)?(?P<q> \(each column's name is the heading of "
     r"its answers\))?(?:; 該当箇所 from (?P<secs>.+?))?"
     r"(?:; reason from (?P<reasons>.+?) \(read with its opinion, under 【理由】\))?",
     lambda m: (f"意見の列：{_ja_list(m['texts'])}" + ("（列ごとに別の意見として順に読みます）" if ", " in m["texts"] else "")
                + ("（列名をその回答の見出しにします）" if m["q"] else "")
                + (f"。該当箇所は {_ja_list(m['secs'])} から" if m["secs"] else "")
                + (f"。理由は {_ja_list(m['reasons'])} から（意見と一緒に【理由】として読みます）" if m["reasons"] else ""))),
    (r"(?P<n>\d+) rows? with every cell empty \((?P<f_where>.+)\): kept in opinions\.csv \(status empty\), "
     r"not counted as submissions",
     "すべてのセルが空の行が{n}行あります（{f_where}）。opinions.csv には残し（status empty）、提出には数えません"),
    (r"(?P<n>\d+) blank rows? among the data \((?P<f_where>.+)\) not read: not submissions",
     "データの途中に空の行が{n}行あります（{f_where}）。提出ではないので読みません"),
    (r"(?P<col>.+?): (?P<n>\d+) submissions? typed over several rows, one opinion per row, (?:each )?counts? once "
     r"in 提出件数 and 提出者数, its opinions numbered on \((?P<eg>.+?)\): (?P<list>.+)",
     lambda m: (f"{m['col']}：1件の提出を複数の行に1行1意見で入力したものが{m['n']}件あります。それぞれ提出件数・提出者数では1件とし、"
                f"意見は通し番号にします（{m['eg']}）。該当："
                + "；".join(_frag(part.replace(" on ", "：", 1)) for part in m["list"].split("; ")))),
    (r"(?P<n>\d+) (?P<col>.+?) values? used by more than one row: (?P<vals>.+?) \((?P<f_where>.+?)\); the repeats "
     r"are read as (?P<rep>.+?) \(is (?P=col) the id column\? --id-column names another\)",
     "{col}の同じ値が複数の行にあります（{n}件）：{vals}（{f_where}）。2つ目以降は {rep} として読みます"
     "（{col}はIDの列ですか？ 別の列なら --id-column で指定してください）"),
    (r"(?P<n>\d+) rows? without an? (?P<col>.+?) read as (?P<ids>.+?): (?:its|their) row numbers? (?:is|are) "
     r"another row's (?P=col)",
     "{col}のない{n}行は {ids} として読みました（行番号が他の行の{col}と重なるため）"),
    (r"removed (?P<n>\d+) control or invisible characters \(in (?P<r>\d+) rows?; the rows are kept\)",
     "制御文字・見えない文字（ゼロ幅スペースなど）を{n}個取り除きました（{r}行。行は残します）"),
    (r"--sheet (?P<s>.+?) is for Excel files; (?P<file>.+?) is (?P<fmt>.+?), so it has no sheets \(ignored\)",
     "--sheet {s} はExcelファイル用です。{file} は {fmt} なのでシートがありません（指定は使いません）"),
    (r"(?P<file>.+?): ids also in (?P<others>.+?): its ids have the file's name in front \((?P<eg>.+)\)",
     "{file}：IDが {others} と重なるため、IDの前にファイル名を付けました（{eg}）"),
    (r"(?P<file>.+?) has no channel column: its (?P<n>\d+) rows? counts? under 「(?P<ch>.*?)」 in 提出方法別 "
     r"\(name the file after its channel, e\.g\. 郵送\.xlsx, or give it a channel column\)",
     "{file} には提出方法の列がありません。この{n}行は提出方法別で「{ch}」に数えます"
     "（ファイル名を提出方法にする（例：郵送.xlsx）か、提出方法の列を付けてください）"),
    (r"(?P<n>\d+) input files read as one consultation: (?P<f_list>.+) \(rows (?P<ranges>.+) of opinions\.csv's "
     r"row_number\)",
     "入力ファイル{n}つを1つの意見募集として読みました：{f_list}（opinions.csv の row_number で {ranges}）"),
    (r"--order section without --topics: rows citing an article of the draft \(前文, 第N条, 附則\) follow the articles, "
     r"the others come last in count order; --topics \(the draft's sections, in order\) orders them all",
     "--order section を --topics なしで使っています：案の条（前文、第N条、附則）を挙げる行は条の順に並べ、ほかの行は最後に"
     "件数の多い順に並べます。すべての行を案の順に並べるには --topics（案の章・節を順に並べたもの）を指定してください"),
    # --- past answers
    (r"past answers: (?P<file>[^():]+?) \((?P<desc>[^()]*)\): (?P<f_cols>(?:opinion|answer) column = .+)",
     "過去の回答：{file}（{desc}）：{f_cols}"),
    (r"past answers: (?P<file>.+?): columns? not used: (?P<f_cols>.+) \(only the columns named above are read\)",
     "過去の回答：{file}：使わない列：{f_cols}（読むのは上の行に挙げた列だけです）"),
    (r"past answers: (?P<file>.+?): skipped (?P<n>\d+) rows? with an empty answer: (?P<ids>.+); fill in their "
     r"answers to offer them",
     "過去の回答：{file}：回答が空の{n}行（{ids}）を読み飛ばしました。候補にするには回答を記入してください"),
    (r"past answers: (?P<file>.+?): (?P<n>\d+) note rows? without an answer skipped \(notes or a footer under the "
     r"table\): (?P<list>.+)",
     "過去の回答：{file}：表の下の注記・問い合わせ先など回答のない{n}行を読み飛ばしました：{list}"),
    (r"(?P<file>.+?): the answer column '(?P<col>.+?)' holds numbers, not answer texts \((?P<n>\d+) of (?P<k>\d+) "
     r"rows, e\.g\. 「(?P<ex>.*?)」\); the answers look like they are in '(?P<better>.+?)': give --answer-text-column (?P<opt>.+)",
     "{file}：回答の列「{col}」は数字で、回答の文章ではありません（{k}行のうち{n}行。例：「{ex}」）。回答は「{better}」の列に"
     "あるようです。--answer-text-column {opt} を指定してください"),
    (r"(?P<file>.+?): the answer column '(?P<col>.+?)' holds numbers, not answer texts \((?P<n>\d+) of (?P<k>\d+) "
     r"rows, e\.g\. 「(?P<ex>.*?)」\)",
     "{file}：回答の列「{col}」は数字で、回答の文章ではありません（{k}行のうち{n}行。例：「{ex}」）。"
     "--answer-text-column で回答の列を指定してください"),
    (r"past answers: (?P<file>.+?): its answers are 「(?P<theirs>[^」]+)」, this report's column is 「(?P<ours>[^」]+)」: a "
     r"candidate from it speaks for another body; rewrite it before confirming",
     "過去の回答：{file} の回答は「{theirs}」で、この報告書の列は「{ours}」です。この表からの候補は別の団体の立場で書かれています。"
     "確定する前に書き直してください"),
    (r"past answers: (?P<file>.+?) is given twice: read once", "過去の回答：{file} が2回指定されています。1回だけ読みます"),
    (r"past answers: (?P<file>.+?) is a copy of (?P<first>.+?) \(the same content\): read once, as (?P<name>.+)",
     "過去の回答：{file} は {first} と同じ内容です。{name} として1回だけ読みます"),
    (r"past answers: (?P<n>\d+) answers? read from (?P<k>\d+) files?",
     "過去の回答：{k}つのファイルから{n}件を読み込みました"),
    # (a description with a title row skipped holds parentheses: 「(title): row 1 「…」」)
    (r"past answers: (?P<file>[^():]+?) \((?P<f_desc>.*)\): (?P<f_cols>(?:opinion|answer) column = .+)",
     "過去の回答：{file}（{f_desc}）：{f_cols}"),
    (r"past answers: (?P<file>.+?): skipped (?P<n>\d+) rows? with an empty answer: (?P<ids>.+) \(merged cells in "
     r"Excel\? unmerge and fill them\)",
     "過去の回答：{file}：回答が空の{n}行（{ids}）を読み飛ばしました（Excelのセル結合ではありませんか？ "
     "結合を解除して回答を埋めてください）"),
    (r"past answers: (?P<file>.+?): joined (?P<n>\d+) rows? without (?P<col>.+?) to the row above \(a cell split "
     r"over rows, as in a table converted from PDF\): (?P<list>.+)",
     lambda m: f"過去の回答：{m['file']}：{m['col']}のない{m['n']}行を上の行につなげました（PDFから変換した表のように、"
               f"1つのセルが複数の行に分かれていたため）："
               + re.sub(r"row (\d+) to row (\d+)", r"\1行目を\2行目へ", m["list"]).replace(", ", "、")),
    (r"past answers: (?P<file>.+?): sheet (?P<s>.+?) not read \(one column, a notes or cover page\)",
     "過去の回答：{file}：シート {s} は読みません（列が1つだけで、メモか表紙のページです）"),
    (r"past answers: index saved to (?P<p>.+)", "過去の回答：索引を {p} に保存しました"),
    (r"past answers: loaded index (?P<p>.+?) \((?P<n>\d+) answers, model (?P<m>.+)\)",
     "過去の回答：保存した索引 {p} を読み込みました（回答{n}件、モデル {m}）"),
    # --- cluster answers
    (r"query: (?P<file>.+?) \((?P<f_desc>.*)\): (?P<f_cols>text column = .+)",
     "検索する意見：{file}（{f_desc}）：{f_cols}"),
    (r"answers: (?P<q>\d+) quer(?:y|ies), (?P<r>\d+) candidate rows? written to (?P<p>.+?)"
     r"(?:; (?P<e>\d+) empty query rows? skipped)?",
     lambda m: f"過去の回答の候補：意見{m['q']}件について、候補{m['r']}行を {m['p']} に書き出しました"
               + _opt(m["e"], "（空の行{}行は飛ばしました）")),
    (r"-k must be 1 or more", "-k には1以上を指定してください"),
    (r"-k must be at least 1 \(got (?P<k>-?\d+)\)", "-k には1以上を指定してください（指定：{k}）"),
    (r"--out (?P<p>.+?): give a file name for the CSV \(e\.g\. (?P<eg>.+)\)",
     "--out {p}：書き出すCSVのファイル名を指定してください（例：{eg}）"),
    (r"no past answers with an answer text in (?P<p>.+?) \(a report of this tool without a confirmed answer: its "
     r"candidates are not answers of that consultation; give the published table, or confirm answers with "
     r"(?P<cmd>`[^`]+`) and write the report again\)",
     "{p} には回答の本文のある過去の回答がありません（確定した回答のない、このツールの報告書です。回答案はその意見募集の"
     "回答ではありません。公表した表を指定するか、{cmd} で回答を確定して報告書を作り直してください）"),
    (r"no past answers with an answer text in (?P<p>.+)", "{p} には回答の本文のある過去の回答がありません"),
    (r"Missing option '(?P<o>[^']+)'\.(?: \(see (?P<cmd>`.+`)\))?",
     lambda m: f"{m['o']} を指定してください{_opt(m['cmd'], '（{} を参照）')}"),
    # --- cluster run: opinions, duplicates, clusters
    (r"(?P<s>\d+) submissions?(?: in (?P<rows>\d+) rows)?(?: and (?P<b>\d+) blank rows?)?(?: and (?P<w>\d+) withdrawn)?"
     r"(?: and (?P<m>\d+) of a meeting's moderator or staff)? "
     r"-> (?P<r>\d+) opinion rows? \((?P<c>\d+) with content\)",
     lambda m: f"提出{m['s']}件{_opt(m['rows'], '（{}行）')}{_opt(m['b'], '（ほかに空の行{}行）')}{_opt(m['w'], '（ほかに取下げ等{}行）')}"
               f"{_opt(m['m'], '（ほかに説明会の司会・事務局等の行{}行）')}"
               f"を意見{m['r']}行に分けました"
               f"（内容のあるもの{m['c']}件）"),
    (r"duplicates: (?P<n>\d+) opinions? -> (?P<d>\d+) distinct \((?P<g>\d+) groups? with copies, "
     r"largest (?P<l>\d+)\)",
     lambda m: (f"重複：意見{m['n']}件を、同じ・ほぼ同じ文面をまとめて{m['d']}件としました（写しのあるグループ{m['g']}、"
                f"最大{m['l']}件）") if m['g'] != "0" else (f"重複：意見{m['n']}件に、同じ・ほぼ同じ文面の意見はありませんでした"
                                         f"（異なる文面{m['d']}件、写しのあるグループ{m['g']}、最大{m['l']}件）")),
    (r"duplicates: (?P<n>\d+) opinion\(s\) taken out of their duplicate group by staff decisions \(detach\)",
     "重複：職員の判断（重複から外す）で、意見{n}件を重複グループから外しました"),
    (r"campaigns \(groups of (?P<k>\d+) or more copies\): (?P<f_list>.+)",
     "同じ文面で多数寄せられた意見（写し{k}件以上のグループ）：{f_list}"),
    (r"(?P<c>\S+) holds (?P<n>\d+) campaigns of different wording \((?P<copies>[\d +…]+) copies: (?P<ids>.+?)\); "
     r"check that they ask the same \((?P<cmd>`[^`]+`) gives one its own row, its copies with it\)",
     "{c} には、文面の違う同文意見のグループが{n}個入っています（写し {copies}件：{ids}）。同じことを求めているか確かめてください"
     "（{cmd} で1つを写しごと別の項目にできます）"),
    (r"(?P<n>\d+) more rows hold campaigns of different wording, with smaller second campaigns: (?P<rows>.+?) "
     r"\(clusters\.csv: campaign_copies; `cluster review show` lists a row's texts\)",
     "ほかに{n}項目に、文面の違う同文意見のグループ（2つ目が小さいもの）が入っています：{rows}"
     "（clusters.csv の campaign_copies。`cluster review show` で項目の文面が見られます）"),
    (r"(?P<n>\d+) rows? holds? two or more opinions of one submission, each counted in its 件数: (?P<list>.+?); "
     r"(?:if one opinion was cut apart, (?P<cmd>`[^`]+`); )?if they ask different things, `cluster review move` one",
     lambda m: (f"{m['n']}項目に、1通の提出の意見が2件以上入っています（それぞれ件数に数えています）：{m['list']}。"
                + (f"1つの意見が分かれてしまったときは {m['cmd']}、" if m["cmd"] else "")
                + "別々のことを求めているときは `cluster review move` で1つを移してください")),
    (r"(?P<n>\d+) numbered items? of a letter kept out of the row its letter's other item is in \(one writer's items "
     r"never share a row\): (?P<list>.+?); if one says the other's request again, (?P<cmd>`[^`]+`)",
     lambda m: (f"1通の手紙で番号を分けて書かれた意見{m['n']}件を、同じ手紙の別の意見とは別の項目にしました（1人の書き手の"
                f"番号付きの意見は同じ項目に入れません）："
                + re.sub(r"(\S+) → (\S+) \(its letter's (\S+) is in (\S+)\)", r"\1 → \2（同じ手紙の \3 は \4）", m["list"])
                + f"。同じ要望を2度書いたものであれば {m['cmd']} でまとめてください")),
    # (QA78)
    (r"(?P<p>.+?): a Markdown or HTML report is not read as past answers; give (?:(?P<b>\S+) beside it \(the same table\)"
     r"|the report\.xlsx or report\.csv of that run, or the published table as Excel or CSV)",
     lambda m: f"{m['p']}：Markdown や HTML の報告書は過去の回答として読みません。"
               + (f"隣の {m['b']}（同じ表）を指定してください" if m["b"] else
                  "その実行の report.xlsx か report.csv、または公表した表の Excel か CSV を指定してください")),
    (r"past answers: (?P<n>\d+) candidates? shown in the report quotes? the earlier consultation's opinion or holds? its "
     r"masked personal data \(「…」とのご意見, ［氏名］\): adapt (?:it|them) before confirming \((?P<cmd>`[^`]+`)\): (?P<ids>.+)",
     "過去の回答：報告書に示した候補{n}件が、前の意見募集の意見を引用しているか、その伏せた個人情報（「…」とのご意見、［氏名］）を"
     "含んでいます。確定する前に書き直してください（{cmd}）：{ids}"),
    # (QA76)
    (r"(?P<n>\d+) opinions? citing another part of the draft than the rest of (?:its|their) row kept apart \(each part "
     r"of the draft its own row\): (?P<list>.+?)(?: and (?P<more>\d+) more)?; if two ask the same, (?P<cmd>`[^`]+`)",
     lambda m: (f"案の別の箇所を挙げている意見{m['n']}件を、同じ項目のほかの意見とは別の項目にしました（案の箇所ごとに"
                f"1項目）：" + re.sub(r"(\S+) → (\S+) \(left (\S+)\)", r"\1 → \2（\3 から）", m["list"]).replace("; ", "、")
                + (f" ほか{m['more']}件" if m["more"] else "")
                + f"。同じことを求めているときは {m['cmd']} でまとめてください")),
    (r"(?P<n>\d+) rows? without an? (?P<col>.+?) under a row with one, naming no 氏名 or 提出方法 \((?P<f_where>.+)\), "
     r"(?:each )?counts? as a submission of its own; if (?:they continue|it continues) the submission above \(one opinion "
     r"per row\), fill in its (?P=col) or merge the cells and run again",
     "{col}のない行が、{col}のある行の下に{n}行あります（氏名・提出方法もなし。{f_where}）。それぞれ1件の提出として数えます。"
     "上の提出の続き（1行1意見）であれば、{col}を記入するかセルを結合して、もう一度実行してください"),

    (r"excluded by staff decisions \(対象外, not opinions on the draft\): (?P<n>\d+) opinions? \((?P<ids>.+?)\): "
     r"in opinions\.csv with status excluded, out of the clusters and the counts of opinions",
     "職員の判断で対象外（案に対する意見ではない）：意見{n}件（{ids}）。opinions.csv に status excluded で残り、"
     "項目と意見の数からは除きます"),
    (r"opinions excluded since the earlier run leave its clusters; the other clusters are kept",
     "前回の実行のあとに対象外にした意見は項目から外れます。ほかの項目はそのままです"),
    (r"opinions that only point to an attachment leave its clusters; the other clusters are kept",
     "添付ファイルを指すだけの意見（status attachment）は項目から外れます。ほかの項目はそのままです"),
    (r"(?:late comments|(?P<tool>opinions read anew by this version of the tool \(the input is unchanged\))): "
     r"(?P<n>\d+) new distinct opinions?: (?P<where>(?:\d+ joined earlier clusters \([^)]*\)(?:, )?)?"
     r"(?:\d+ form \d+ new clusters?)?|none placed)(?:; (?P<c>\d+) cop(?:y|ies) or near-cop(?:y|ies) of earlier "
     r"opinions went to their copies' rows)?",
     lambda m: ("入力は変わっていませんが、このツールのこの版が新たに読んだ意見" if m["tool"] else "追加の意見")
               + f"：新しい意見（重複をまとめて）{m['n']}件：{_placed(m['where'])}"
               + _opt(m["c"], "。ほかに前の意見の写し・ほぼ写し{}件が、その写しの項目に入りました")),
    # (QA73: left in English after staff's cuts and joins)
    (r"(?P<n>\d+) distinct opinions? (?P<verbs>(?:cut|joined|put back)(?: or (?:cut|joined|put back))*) by staff "
     r"decisions \((?P<kinds>[^)]*)\), placed on (?:its|their) own text"
     r"(?: \(and (?P<others>\d+ (?:late comments|no longer excluded: an exclusion withdrawn)(?:; \d+ no longer excluded: an "
     r"exclusion withdrawn)?)\))?(?: \(and (?P<d>\d+) detached from their duplicate group\))?"
     r": (?P<where>.+)",
     lambda m: f"職員の判断（{m['kinds'].replace('cut', '切り分け').replace('join', 'つなぎ合わせ').replace('undo', '取り消し').replace(', ', '・')}）"
               f"で変わった意見{m['n']}件を、それぞれの文面で分類しました"
               + (f"（ほかに{m['others'].replace(' late comments', '件の追加の意見').replace(' no longer excluded: an exclusion withdrawn', '件は対象外の取り消し')}）" if m["others"] else "")
               + (f"（ほかに重複グループから切り離した{m['d']}件）" if m["d"] else "")
               + f"：{_placed(m['where'])}"),
    (r"(?P<n>\d+) late opinions? joined (?P<c>\S+), which has (?P<what>.+?) from before they came"
     r"(?: \((?P<copied>[^()]*)\))?: check it still fits them \((?P<ids>.+)\)",
     lambda m: f"追加の意見{m['n']}件が {m['c']} に入りました。{m['c']} の"
               f"{_spaced(_frag(m['what']).replace(' and ', '・'))}は、追加の前に記録したものです"
               f"{_opt(_frag(m['copied']), '（{}）')}。追加の意見にも合うか確かめてください（{m['ids']}）"),
    (r"(?P<n>\d+) new late opinions joined (?P<c>\S+), which had (?P<k>\d+) distinct opinions?: check that its "
     r"ご意見の概要 still stands for them \((?P<ids>.+?); `cluster review split` gives them a row\)",
     "追加の意見{n}件が {c}（前は異なる意見{k}件）に入りました。ご意見の概要が追加の意見も表しているか確かめてください"
     "（{ids}。`cluster review split` で別の項目にできます）"),
    (r"late comments: (?P<n>\d+) new opinions?, (?:each a copy|a copy) of an earlier one, joined (?:their|its) "
     r"copies' clusters?: (?P<list>.+?); the other clusters are kept",
     "追加の意見：新しい意見{n}件は前の意見の写しで、その写しの項目に入りました：{list}。ほかの項目はそのままです"),
    (r"re-run: the earlier run's clusters are not kept \((?P<f_why>.+?)\): all opinions are grouped afresh, so "
     r"clusters, their opinions and their No\. may change; a cluster that keeps most of its opinions keeps its id",
     "再実行：前回の項目は引き継ぎません（{f_why}）。すべての意見を分類し直すので、項目とその意見、No. が変わることが"
     "あります。意見の大半が残る項目はIDを保ちます"),
    (r"(?P<n>\d+) rows? without an? (?P<col>.+?) (?:is|are) numbered by (?:its|their) place: (?P<f_list>[^;]+?)"
     r"(?: and (?P<more>\d+) more)?",
     lambda m: f"{m['col']}のない{m['n']}行は、表の中の位置で番号を付けました：{_frag(m['f_list'])}"
               + _opt(m["more"], "、ほか{}行")),
    (r"--(?P<role>id|channel|submitter)-column '(?P<c>[^']*)' is the text column \(guessed; give --text-column if "
     r"the opinions are in another column\); the (?P=role) must come from another column \(the file has: "
     r"(?P<cols>.+)\)",
     lambda m: f"--{m['role']}-column の '{m['c']}' は本文の列です（推定。意見が別の列にあるときは --text-column で"
               f"指定してください）。{ {'id': 'ID', 'channel': '提出方法', 'submitter': '提出者'}[m['role']] }は別の列から"
               f"取ってください（ファイルの列：{m['cols']}）"),
    (r"(?P<p>.+?): --header-row (?P<n>\d+): the file has only (?P<k>\d+) rows?",
     "{p}：--header-row {n}：ファイルには{k}行しかありません"),
    (r"cut or joined by staff decisions: (?P<list>.+)",
     lambda m: f"職員の判断で切り分け・つなぎ合わせた意見：{_placed(m['list'])}"),
    (r"(?P<n>\d+) distinct opinions? (?P<verbs>(?:cut|joined|put back)(?: or (?:cut|joined|put back))*) by staff "
     r"decisions \((?P<how>[^)]*)\), placed on (?:its|their) own text: (?P<where>[^;()]+(?:\([^()]*\)[^;()]*)*)",
     lambda m: f"職員の判断（{'・'.join({'undo': '取り消し'}.get(k, KINDS.get(k, k)) for k in m['how'].split(', '))}）で"
               f"{'・'.join({'cut': '切り分け', 'joined': 'つなぎ合わせ', 'put back': '元に戻し'}[v] for v in m['verbs'].split(' or '))}"
               f"た意見{m['n']}件を、それぞれの文面で分類しました：{_placed(m['where'])}"),
    (r"same opinions as the earlier run, which kept the clusters of the run before it: its clusters are kept",
     "前回の実行と同じ意見です（前回も、その前の実行の項目を引き継いでいます）。項目はそのままです"),
    (r"decision (?P<n>\d+) \((?P<kind>\w+) " + _BY_AT + r"\) of (?P<ids>.+?) did not take effect: nothing is left to split "
     r"(?:it|them) from \(the other opinions of (?:its|their) cluster are gone, or an earlier decision took them out\)",
     lambda m: f"判断{m['n']}（{KINDS.get(m['kind'], m['kind'])}、{m['by']}{_opt(m['at'], '、{}')}）の {m['ids']} は効果がありません："
               "分ける相手が残っていません（同じ項目のほかの意見がなくなったか、先の判断で移されています）"),
    (r"decision (?P<n>\d+) \((?P<kind>\w+) " + _BY_AT + r"\) of (?P<ids>.+?)(?: into (?P<c>\S+))? did not take effect: "
     r"the opinions of its target cluster are now in the cluster (?:it is|they are) in \(an earlier decision joined them\)",
     lambda m: f"判断{m['n']}（{KINDS.get(m['kind'], m['kind'])}、{m['by']}{_opt(m['at'], '、{}')}）の {m['ids']}"
               + _opt(m["c"], "（{} へ）") + " は効果がありません：移し先の項目の意見が、すでに同じ項目にあります（先の判断でまとめられています）"),
    # (QA75: an answer recorded on a row of one opinion, which a cut or join then took to another row)
    (r"decision (?P<n>\d+) \((?P<kind>\w+) " + _BY_AT + r"\) not applied: " + _REGROUPED,
     lambda m: f"判断{m['n']}（{KINDS.get(m['kind'], m['kind'])}、{m['by']}{_opt(m['at'], '、{}')}）は当てはめていません："
               + _regrouped_ja(m)),
    (r"decision (?P<n>\d+) \((?P<kind>\w+) " + _BY_AT + r"\) no longer applies: (?P<why>.+)",
     lambda m: None if _why_not(m["why"]) is None else
     f"判断{m['n']}（{KINDS.get(m['kind'], m['kind'])}、{m['by']}{_opt(m['at'], '、{}')}）はもう当てはまりません："
     f"{_why_not(m['why'])}"),
    (r"(?P<c>\S+): replaces the (?P<what>answer|summary|label|category|section|department) recorded by (?P<by>.+?) on "
     r"(?P<at>.+?) \(decision (?P<n>\d+)\): (?P<t>「.*」)",
     lambda m: f"{m['c']}：{m['by']} が {m['at']} に記録した{KINDS[m['what']]}（判断{m['n']}）を置き換えます：{m['t']}"),
    (r"「(?P<t>[^」]*)」 is not in the text of (?P<o>\S+) 「(?P<ot>[^」]*)」; copy the words from opinions\.csv",
     "「{t}」は意見 {o}「{ot}」の本文にありません。opinions.csv から言葉を写してください"),
    (r"opinion '(?P<o>[^']*)' is not in any cluster \((?P<why>[^()]*(?:\([^()]*\)[^()]*)*)\); only clustered opinions "
     r"can be moved or split",
     lambda m: f"意見 '{m['o']}' はどの項目にも入っていません（"
               f"{_not_clustered_why(m['why'])}）。移動・分割できるのは項目に入っている意見だけです"),
    (r"opinion '(?P<o>[^']*)' is not in any cluster \((?P<why>[^()]*(?:\([^()]*\)[^()]*)*)\); only clustered opinions "
     r"are in duplicate groups",
     lambda m: f"意見 '{m['o']}' はどの項目にも入っていません（{_not_clustered_why(m['why'])}）。重複グループに入るのは"
               "項目に入っている意見だけです"),
    (r"opinion '(?P<o>[^']*)' is already (?P<kind>detached|excluded) by decision (?P<n>\d+) \((?P<when>applied by "
     r"the last run|run `[^`]+` again to apply it)(?P<tail>; withdraw it with `cluster review undo` to put it back)?"
     r"(?:; (?P<cmd>`[^`]+`) brings it back)?\)",
     lambda m: f"意見 '{m['o']}' はすでに判断{m['n']}で{'重複から外されて' if m['kind'] == 'detached' else '対象外になって'}"
               f"います（" + ("前回の実行で反映済み" if m["when"].startswith("applied") else "まだ反映されていません。"
                             + _body(m["when"]))
               + ("。`cluster review undo` で取り消すと元に戻ります" if m["tail"] else "")
               + _opt(m["cmd"], "。{} で元に戻せます") + "）"),
    (r"opinion '(?P<o>[^']*)' is not in a duplicate group \(duplicate_group is empty in opinions\.csv\): it is "
     r"already clustered on its own text; use move or split",
     "意見 '{o}' は重複グループに入っていません（opinions.csv の duplicate_group が空）。すでに自分の文面で分類されて"
     "います。move か split を使ってください"),
    (r"opinion '(?P<o>[^']*)' is an exact copy of (?P<c>\S+)(?: and (?P<more>\d+) more)? in (?P<g>\S+) \(the same "
     r"text once normalised\): an exact copy is a copy and stays in its group; name all of them to take copies of "
     r"each other out together",
     lambda m: f"意見 '{m['o']}' は {m['g']} の {m['c']}{_opt(m['more'], ' ほか{}件')} と全く同じ文面（写し）なので、"
               "単独ではグループから外せません。写し同士をいっしょに外すには、全部を指定してください"),
    (r"「(?P<t>[^」]*)」 is (?P<k>\d+) times in the text of (?P<o>\S+); give more of the words the second part starts "
     r"with, so they are there once",
     "「{t}」は意見 {o} の本文に{k}回あります。一度だけ出てくるように、後ろの部分の書き出しの言葉をもう少し長く"
     "指定してください"),
    (r"「(?P<a>[^」]*)」 and 「(?P<b>[^」]*)」 cut (?P<o>\S+) at the same place; give each cut once",
     "「{a}」と「{b}」は {o} の同じ位置で切り分けます。切り分ける位置は一度ずつ指定してください"),
    (r"「(?P<t>[^」]*)」 is at the start of (?P<o>\S+): nothing before it to cut off; give the words the second part "
     r"starts with",
     "「{t}」は意見 {o} の先頭です。その前に切り分ける部分がありません。後ろの部分の書き出しの言葉を指定してください"),
    (r"(?P<o>\S+) is already cut before 「(?P<t>[^」]*)」 by decision (?P<n>\d+)(?: \((?P<hint>run .+)\))?",
     lambda m: f"意見 {m['o']} はすでに判断{m['n']}で「{m['t']}」の前で切り分けられています"
               + _opt(_body(m["hint"]) if m["hint"] else "", "（{}）")),
    (r"give the text the second part starts with \(--before TEXT\)",
     "後ろの部分の書き出しの言葉を指定してください（--before TEXT）"),
    (r"join needs two or more opinions of one submission", "つなぎ合わせるには、同じ提出の意見を2件以上指定してください"),
    (r"(?P<a>\S+) and (?P<b>\S+) are opinions of different submissions \((?P<sa>[^,]+), (?P<sb>[^)]+)\); only "
     r"opinions of one submission can be joined",
     "{a} と {b} は別の提出（{sa}、{sb}）の意見です。つなぎ合わせられるのは同じ提出の意見だけです"),
    (r"(?P<a>\S+) and (?P<b>\S+) are on different rows of submission (?P<s>\S+) \(rows (?P<ra>\d+) and (?P<rb>\d+) in opinions\.csv\); "
     r"only opinions of one row can be joined: to make them one opinion, put the text in one row of the input",
     "{a} と {b} は提出 {s} の別の行（opinions.csv の row_number {ra} と {rb}）の意見です。つなぎ合わせられるのは同じ行の意見だけです。"
     "1つの意見にするには、入力ファイルで本文を1つの行にまとめてください"),
    (r"(?P<o>\S+) lies between them in the submission; name it too to join it, or join only pieces next to each other",
     "提出の中で、間に意見 {o} があります。それも指定してつなぎ合わせるか、隣り合う意見だけをつなぎ合わせてください"),
    (r"the (?P<kind>label|summary|section|department|answer text) is empty",
     lambda m: {'label': '見出し', 'summary': 'ご意見の概要', 'section': '該当箇所', 'department': '担当課',
                'answer text': '回答の文'}[m['kind']] + "が空です。入力してください"),
    (r"(?P<f>.+?): no decision to withdraw", "{f}：取り消せる判断がありません"),
    (r"there is no decision (?P<n>\d+) \(decisions 1 to (?P<k>\d+); (?P<cmd>`[^`]+`) lists them\)",
     "判断{n}はありません（判断は1～{k}。{cmd} で一覧できます）"),
    (r"there is no decision (?P<n>\d+): (?P<f>.+?) holds no decisions yet",
     "判断{n}はありません：{f} にはまだ判断が記録されていません"),
    (r"decision (?P<n>\d+) is already withdrawn", "判断{n}はすでに取り消されています"),
    (r"(?P<c>\S+) already has this (?P<kind>\w+) (?P<v>「.*」), " + _RECORDED_HOW + r": nothing recorded",
     lambda m: f"{m['c']} にはすでに同じ{KINDS.get(m['kind'], m['kind'])} {m['v']} が記録されています（判断{m['n']}"
               + "".join(f"、{p}" for p in _provenance(m['src'], m['by'], m['at'])) + "）。記録しませんでした"),
    (r"decision (?P<n>\d+) is itself a withdrawal; record the decision again instead",
     "判断{n}は取り消しの記録です。元の判断をもう一度記録してください"),
    (r"no decision in force was imported from (?P<f>.+?) \((?:imported files: (?P<list>.+)|nothing was imported)\)",
     lambda m: f"{m['f']} から取り込んだ有効な判断はありません"
               + (f"（取り込んだファイル：{m['list']}）" if m["list"] else "（まだ何も取り込んでいません）")),
    (r"merge needs two or more different clusters", "統合するには、異なる項目を2つ以上指定してください"),
    (r"opinion (?P<o>\S+) is already in cluster (?P<c>\S+)", "意見 {o} はすでに {c} にあります"),
    (r"staff decisions in (?P<file>.+?): (?P<n>\d+) recorded(?: \((?P<f_kinds>[^()]*)\))?: (?P<f_rest>.+)",
     lambda m: (f"職員の判断（{m['file']}）：{m['n']}件記録{_opt(_frag(m['f_kinds']), '（{}）')}："
                f"{_frag(m['f_rest'])}").replace(", ", "、").replace(" （", "（")),
    # QA51: a topics file pasted from the draft's 目次
    (r"topics: (?P<f>.+?) read as a table of contents: (?P<n>\d+) topics, (?P<p>\d+) with pages"
     r"(?P<range> \(each from its page to the page before the next topic's\))?"
     r"(?:; leaders and page numbers removed from (?P<c>\d+) names)?"
     r"(?:; (?P<nested>\d+) 第N節 named under their chapter \(第M章第N節\))?(?P<heading>; the 目次 line skipped)?",
     lambda m: f"該当箇所：{m['f']} を目次として読みました。トピック{m['n']}件、うちページのあるもの{m['p']}件"
               + ("（各トピックのページから次のトピックの前のページまで）" if m["range"] else "")
               + (f"。{m['c']}件の名前から点線（リーダー）とページ番号を除きました" if m["c"] else "")
               + (f"。{m['nested']}件の第N節を上の章の節としました（第M章第N節）" if m["nested"] else "")
               + ("。「目次」の行は読み飛ばしました" if m["heading"] else "")),
    (r"topics: (?P<n>\d+) rows? cites? a place no topic covers, published as cited in 該当箇所: (?P<list>.+?); check it is "
     r"in the draft, or write the row's place with (?P<cmd>`[^`]+`)",
     lambda m: f"該当箇所：{m['n']}項目が、案の箇所の一覧にない箇所を挙げています（挙げたとおり該当箇所に出します）："
               f"{m['list'].replace(', ', '、')}。案にあるか確かめるか、{m['cmd']} で項目の該当箇所を書いてください"),
    (r"topics: (?P<n>\d+) more clusters? match a topic too weakly to publish it \(score under (?P<t>[0-9.]+): the report's "
     r"該当箇所 names no topic for them, clusters\.csv keeps it\)",
     "該当箇所：ほかに{n}項目は、案の箇所との一致が弱いため、報告書の該当箇所に案の箇所を出していません（点数 {t} 未満。"
     "clusters.csv には残ります）"),
    # QA76: how a topics file was read, and what looks wrong in it
    (r"topics: (?P<f>.+?): (?P<n>\d+) topics read \((?P<p>\d+) with pages\)",
     "該当箇所：{f} から案の箇所を{n}件読みました（うちページのあるもの{p}件）"),
    (r"topics: (?P<f>.+?) lists (?P<t>「.+?」) twice: the later line is left out"
     r"(?: \(with other pages: (?P<other>[^;]+); the first line's (?P<first>.+?) are used\))?",
     lambda m: f"該当箇所：{m['f']} に {m['t']} が2回あります。後の行は使いません"
               + (f"（後の行のページ {m['other']} ではなく、最初の行の {m['first']} を使います）" if m["other"] else "")),
    (r"topics: (?P<f>.+?): (?P<a>「.+?」) \((?P<pa>[^()]+)\) and (?P<b>「.+?」) \((?P<pb>[^()]+)\) share pages: a page "
     r"cited there goes to either; correct the pages",
     "該当箇所：{f} の {a}（{pa}）と {b}（{pb}）のページが重なっています。そのページを挙げた意見はどちらにも付き得ます。"
     "ページを直してください"),
    (r"topics: (?P<f>.+?): (?P<names>「.+」) (?:has|have) no page number: the pages from the line above run on past it "
     r"to the next page given; add the page at the line's end",
     "該当箇所：{f} の {names} にページ番号がありません。上の行のページが、次にページのある行まで続くものとして読みます。"
     "行の終わりにページを書き足してください"),
    (r"topics: (?P<n>\d+) of (?P<k>\d+) clusters share no word with any topic and get none \(add words to a "
     r"topic's description to link them\)",
     "該当箇所：{k}項目のうち{n}項目は、どのトピックとも共通の言葉がなく、付きません"
     "（つなげるにはトピックの説明に言葉を足してください）"),
    (r"confirmed answer (?P<a>\S+) for (?P<c>\S+) is not in the past answers given \(--answers\); the text "
     r"recorded with the decision is used",
     "{c} の確定した回答 {a} は、指定した過去の回答（--answers）にありません。判断とともに記録した文を使います"),
    (r"kept from the earlier run in (?P<d>.+?): (?P<list>.+) \(give an option to change it\)",
     "{d} の前回の実行から引き継ぎました：{list}（変えるにはオプションを指定してください）"),
    (r"the earlier run in (?P<d>.+?) used (?P<opts>--answers|--topics|--answers and --topics), this one does not: "
     r"(?P<effects>.+); give them again to keep them",
     lambda m: f"{m['d']} の前回の実行では {m['opts'].replace(' and ', ' と ')} を使いましたが、今回は使っていません。"
               + "。".join({"no past-answer candidates (answers.csv, the report's 回答案)":
                            "過去の回答の候補（answers.csv、報告書の回答案）はありません",
                            "no topics or draft sections (該当箇所, the section order)":
                            "トピック・案の章節（該当箇所、章節の順）はありません"}.get(e, e) for e in m["effects"].split("; "))
               + "。残すにはもう一度指定してください"),
    (r"final report: (?P<d>\d+) of (?P<t>\d+) rows (?:has|have) a confirmed answer(?:; still without one: "
     r"No\. (?P<f_list>.+))?",
     lambda m: (f"公表版：{m['t']}項目のうち{m['d']}項目の回答が確定しています" if m["d"] != "0"
                else f"公表版：{m['t']}項目のうち、回答が確定した項目はまだありません")
               + _opt(_frag(m["f_list"]), "。まだ回答のない項目：No. {}")),
    (r"report title (?P<t>.+) is made from the file name; --title \"(?P<eg>.+)\" gives the whole heading",
     "報告書の題名 {t} はファイル名から作りました。--title \"{eg}\" で題名全体を指定できます"),
    (r"grouping (?P<n>\d+) distinct texts in (?P<b>\d+) blocks \(largest (?P<l>\d+)\)",
     "異なる文面{n}件を{b}ブロックに分けて分類します（最大{l}件）"),
    (r"grouping: (?P<a>\d+) clusters in blocks -> (?P<b>\d+) after joining across blocks",
     "分類：ブロックごとの{a}項目を、ブロックをまたいでまとめて{b}項目にしました"),
    (r"(?P<n>\d+) opinions? in (?P<k>\d+) clusters?; wrote (?P<dir>.+)",
     "意見{n}件を{k}項目にまとめました。出力先：{dir}"),
    (r"(?P<r>\d+) rows?, (?P<o>\d+) opinions?, (?P<g>\d+) duplicate groups?, (?P<c>\d+) clusters? -> (?P<path>.+)",
     "{r}行、意見{o}件、重複グループ{g}、{c}項目 → {path}"),
    # --- errors
    (r"(?P<p>.+?): no such file", "{p}：ファイルが見つかりません"),
    (r"(?P<p>.+?) is given twice: every submission in it would be counted twice; give it once",
     "{p} が2回指定されています。すべての提出が2回数えられてしまうので、1回だけ指定してください"),
    (r"(?P<p>.+?) has the same content as (?P<q>.+?): every submission in it would be counted twice; give it once",
     "{p} は {q} と同じ内容です。すべての提出が2回数えられてしまうので、どちらか1つだけ指定してください"),
    # (QA30: these were English)
    (r"sheets? (?P<names>.+?) not read: no list of comments(?: \((?P<opt>--[\w-]+) NAME reads (?:one of them|it) alone\))?",
     lambda m: f"シート {_why_sheets(m['names'])} は読んでいません（意見の一覧ではありません）"
               + (f"。{m['opt']} NAME でそのシートだけを読めます" if m['opt'] else "")),
    (r"sheets? (?P<names>.+?) not read: (?:their|its) columns differ from sheet (?P<first>.+?)'s"
     r"(?: \((?P<opt>--[\w-]+) NAME reads one of them instead\))?",
     lambda m: f"シート {m['names']} は読んでいません：列がシート {m['first']} と違います"
               + (f"（{m['opt']} NAME でそのシートだけを読めます）" if m['opt'] else "")),
    (r"(?P<n>\d+) submissions? only points? to an attachment \(「別添のとおり」\): (?P<ids>.+?); their opinions are in "
     r"files this run does not read: type each one's text into its own row of the file it came from, or into another "
     r"file's row under the same id, to count and group them(?: \(rows of another file with the same ids, (?P<again>.+?), are new submissions, counted twice\))?",
     lambda m: f"添付ファイルを指すだけの提出が{m['n']}件あります（「別添のとおり」）：{m['ids']}。意見はこの実行で読めないファイルに"
               "あります。件数に数えて分類するには、その内容を元の入力ファイルの同じ行か、別のファイルの同じIDの行に書き写してください"
               + (f"（同じIDの行を別のファイルに書くと、新しい提出として二重に数えます：{m['again']}）" if m['again'] else "")),
    (r"(?P<n>\d+) submissions? also points? to an attachment \(「別紙のとおり、…」\): (?P<ids>.+?); (?:its|their) own words "
     r"are counted, what the attachment adds is in a file this run does not read",
     "本文で意見を述べつつ添付ファイルも指している提出が{n}件あります（「別紙のとおり、…」）：{ids}。本文の意見は数えています。"
     "添付ファイルで加えた分はこの実行で読めないファイルにあります"),
    (r"split of (?P<ids>.+?) changes nothing: (?:it is|they are) all of (?P<c>\S+) \((?P<n>\d+) opinions?\), already a "
     r"cluster of (?:its|their) own(?P<rest>.*)",
     lambda m: f"{m['ids']} を分けても何も変わりません：{m['c']}（意見{m['n']}件）はこの意見だけで、すでに一つの項目です"
               + ("。別の項目へ移すには `cluster review move` を使います"
                  if m['rest'].startswith("; to put it into another cluster use") else m['rest'])),
    (r"past answer '(?P<id>[^']*)' has no answer text \(its row in (?P<file>.+?) has an empty answer column, so it was "
     r"skipped when the past answers were read\); write the answer with --text, or fill it in and run again",
     "過去の回答「{id}」には回答の本文がありません（{file} のその行の回答の列が空のため、読み込みのときに飛ばしました）。"
     "--text で考え方を書くか、回答を記入してからもう一度実行してください"),
    (r"「(?P<v>.*?)」 is not one of this run's categories \(対応区分\); one of: (?P<list>.+)",
     "「{v}」はこの実行の対応区分にありません。次のいずれかを指定してください：{list}"),
    (r"(?P<p>.+?): is a folder, not a file \(a run folder: give its (?P<name>report\.\w+), (?P<path>.+), as the past answers\)",
     "{p}：フォルダで、ファイルではありません（実行フォルダです。過去の回答にはその {name}（{path}）を指定してください）"),
    (r"(?P<p>.+?): is a folder, not a file", "{p}：フォルダで、ファイルではありません"),
    # what staff mistake for a comment table (QA59: a password, an .ods, an HTML page named .xls)
    (r"(?P<p>.+?): is (?P<what>.+?), not (?P<table>a comment table|a past-answer table|a topics list); "
     r"(?P<how>save (?:the comments|the past answers|the topics) as CSV or Excel \(\.xlsx\)|unpack it "
     r"and give the CSV or Excel file inside)",
     lambda m: f"{m['p']}：{_FILE_KINDS.get(m['what'], m['what'])}で、{_TABLE_KINDS[m['table']]}ではありません。"
               + (f"{_TABLE_KINDS[m['table']].removesuffix('の表').removesuffix('の一覧')}を CSV か Excel（.xlsx）で保存してください"
                  if m["how"].startswith("save") else "展開して、中の CSV か Excel のファイルを指定してください")),
    (r"(?P<p>.+?): is protected by a password \(encrypted\); open it in Excel, remove the password \((?P<menu>[^()]+), "
     r"empty it\), save it and run again",
     "{p}：パスワードで保護（暗号化）されています。Excelで開いてパスワードを外し（{menu} を空にする）、保存してからもう一度実行してください"),
    (r"(?P<p>.+?): is a web page \(HTML\) under an \.xls name, not an Excel workbook; open it in Excel and save it as Excel "
     r"\(\.xlsx\) or CSV",
     "{p}：名前は .xls ですが、中身はWebページ（HTML）で、Excelのブックではありません。Excelで開いて、Excel（.xlsx）か CSV で保存してください"),
    (r"(?P<p>.+?): old \.xls files are not supported; save it as \.xlsx or CSV",
     "{p}：古い形式の .xls ファイルは読めません。.xlsx か CSV で保存してください"),
    (r"(?P<f>.+?): text under an \.xls name, read as CSV \(the columns are found as in any CSV\)",
     "{f}：名前は .xls ですが中身はテキストなので、CSVとして読みました（列はほかのCSVと同じように推定します）"),
    (r"(?P<p>.+?): file not found(?: \((?P<opt>--[\w-]+)\))?",
     lambda m: f"{m['p']}：ファイルが見つかりません{_opt(m['opt'], '（{}）')}"),
    (r"(?P<p>.+?): no such run folder; run (?P<cmd>`[^`]+`) first",
     "{p}：実行フォルダがありません。先に {cmd} を実行してください"),
    (r"(?P<p>.+?): no such run folder", "{p}：実行フォルダがありません"),
    (r"(?:(?P<p>.+?): )?cannot guess the text column; give --text-column \(the file has: (?P<cols>.+)\)",
     lambda m: _opt(m["p"], "{}：") + f"意見の本文の列がわかりません。--text-column で指定してください（ファイルの列：{m['cols']}）"),
    (r"(?:(?P<p>.+?): )?cannot guess the (?P<what>[\w-]+) column; give (?P<opt>--[\w-]+) \(the file has: (?P<cols>.+)\)",
     lambda m: _opt(m["p"], "{}：") + f"{_COLUMN_ROLES.get(m['what'], m['what'])}の列がわかりません。{m['opt']} で指定して"
               f"ください（ファイルの列：{m['cols']}）"),
    (r"unknown attribute column '(?P<c>.*?)'; the input's other columns: (?P<cols>.+)",
     "属性の列 '{c}' はありません。ほかの列：{cols}"),
    (r"--attribute-column (?P<c>.+?): that column is read as the (?P<role>[\w-]+)(?: \(.*?\))? column; name a column of "
     r"the submitters' attributes \(年代, 在住・在勤 …\)",
     lambda m: f"--attribute-column {m['c']}：この列は{_COLUMN_ROLES.get(m['role'], m['role'])}の列として読んでいます。"
               "提出者の属性（年代、在住・在勤 など）の列を指定してください"),
    (r"--attribute-column (?P<c>.+?): (?P<n>\d+) different values; 提出者の内訳 publishes a few categories \(at most "
     r"(?P<lim>\d+): 年代, 在住・在勤, 性別 …\), not addresses or free text: name a column of categories",
     "--attribute-column {c}：値が{n}種類あります。提出者の内訳に載せるのは少数の区分（{lim}種類まで：年代、在住・在勤、性別 など）"
     "で、住所や自由記述は載せません。区分の列を指定してください"),
    (r"--attribute-column (?P<c>.+?): (?P<n>\d+) values? \((?P<vals>.*?)\)(?:, (?P<e>\d+) submissions? without one)?: "
     r"the report gives 提出者の内訳（(?P=c)）",
     lambda m: f"--attribute-column {m['c']}：値は{m['n']}種類（{m['vals']}）" + _opt(m["e"], "、記載のない提出{}件")
               + f"。報告書に「提出者の内訳（{m['c']}）」を載せます"),
    (r"--attribute-column cells holding personal data \(a name, an address, a phone number\) are counted as 記載なし in "
     r"提出者の内訳: (?P<list>.+); check those cells in the input",
     "--attribute-column の列に個人情報（氏名・住所・電話番号など）の入ったセルがあり、提出者の内訳では「記載なし」に数えました：{list}。"
     "入力ファイルのそのセルを確認してください"),
    (r"past answers: (?P<n>\d+) rows? whose best past answer matched another of (?:its|their) opinions than the one shown, "
     r"and fits that one little, shows? no candidate in the report \(answers\.csv lists it; the row may mix requests: "
     r"(?P<cmd>`[^`]+`)\): (?P<ids>.+)",
     "過去の回答：{n}項目は、いちばん合う過去の回答が表示する意見とは別の意見に対するもので、表示する意見にはあまり合わないため、"
     "報告書に回答案を出していません（answers.csv には載せています。項目に別々の要望が混ざっているかもしれません：{cmd}）：{ids}"),
    (r"(?P<cols>.+?) could give the report 提出者の内訳: --attribute-column (?P<c>.+?) counts the submitters by it",
     "{cols} から報告書の「提出者の内訳」を作れます（--attribute-column {c} でその列ごとに提出者を数えます）"),
    (r"(?:(?P<p>.+?): )?it looks like a list of comments \((?P<cols>.+?)\), not a table of past answers: it has no answer "
     r"column \(考え方, 回答\); give the earlier consultation's published table \(ご意見の概要 and 市の考え方\) as the past answers",
     lambda m: _opt(m["p"], "{}：") + f"意見の一覧のようです（{m['cols']}）。過去の回答の表ではありません（考え方・回答の列がありません）。"
               "以前の意見募集で公表した表（ご意見の概要と市の考え方の列がある表）を過去の回答に指定してください"),
    (r"(?:(?P<p>.+?): )?unknown (?P<what>[\w-]+) column '(?P<c>.*?)'; the file has: (?P<cols>.+)",
     lambda m: _opt(m["p"], "{}：") + f"{_COLUMN_ROLES.get(m['what'], m['what'])}の列 '{m['c']}' はありません。"
               f"ファイルの列：{m['cols']}"),
    (r"(?P<p>.+?): no topic column; head the column of topic names topic \(or 見出し, 項目, 章\), or list one topic a line "
     r"in a \.txt file \(the file has: (?P<cols>.+)\)",
     "{p}：トピック（案の章・節）の列がわかりません。トピック名の列の見出しを topic（または 見出し、項目、章）にするか、"
     ".txt ファイルに1行に1つずつ書いてください（ファイルの列：{cols}）"),
    (r"(?P<p>.+?): is not an Excel workbook that can be read \(the file is damaged, or is another kind of file under "
     r"this name\); open it in the program that made it and save the comments as Excel \(\.xlsx\) or CSV",
     "{p}：読み込めるExcelのブックではありません（ファイルが壊れているか、この名前で別の種類のファイルが保存されています）。"
     "作ったソフトで開き、意見を Excel（.xlsx）か CSV で保存し直してください"),
    (r"(?P<p>.+?): not (?P<enc>[\w-]+): (?P<n>\d+) byte runs? cannot be read as (?P=enc), the first at line "
     r"(?P<l>\d+) \(byte (?P<b>\d+)\)(?P<rest>.*)",
     lambda m: f"{m['p']}：{m['enc']} ではありません（{m['enc']} として読めないバイト列が{m['n']}か所、最初は"
               f"{m['l']}行目の{m['b']}バイト目）" + m["rest"]),
    (r"Missing argument '(?P<a>.+?)'\. \(see (?P<cmd>`.+`)\)", "引数 '{a}' がありません（{cmd} を参照）"),
    (r"No such command '(?P<c>[^']+)'\. \(see (?P<cmd>`.+`)\)", "'{c}' というコマンドはありません（{cmd} を参照）"),
    # a path that is a file where a folder is wanted, or the reverse (QA60: left in English)
    (r"Invalid value for '(?P<o>[^']+)': (?:Directory|File|Path) '(?P<p>.*?)' (?P<what>is a file|is a directory|does not "
     r"exist|is not readable|is not writable)\. \(see (?P<cmd>`.+`)\)",
     lambda m: f"{m['o']} の値が正しくありません：'{m['p']}' " + {
         "is a file": "はファイルです（フォルダを指定してください）", "is a directory": "はフォルダです（ファイルを指定してください）",
         "does not exist": "がありません", "is not readable": "を読めません", "is not writable": "に書き込めません"}[m["what"]]
               + f"（{m['cmd']} を参照）"),
    (r"Invalid value for '(?P<o>[^']+)': '(?P<v>.*?)' is not a valid (?P<t>float|integer)\. \(see (?P<cmd>`.+`)\)",
     lambda m: f"{m['o']} の値 '{m['v']}' は{'数' if m['t'] == 'float' else '整数'}ではありません（{m['cmd']} を参照）"),
    (r"(?P<p>.+?): no rows under the column names \((?P<cols>.+)\); nothing to cluster",
     "{p}：列名の下に行がありません（{cols}）。分類する意見がありません"),
    (r"No such option:? '?(?P<o>[^'\s]+?)'?\.?(?: Did you mean '?(?P<d>[^'\s]+?)'?\?)? \(see (?P<cmd>`.+`)\)",
     lambda m: f"{m['o']} というオプションはありません{_opt(m['d'], '（{} のことですか？）')}（{m['cmd']} を参照）"),
    (r"Option '(?P<o>[^']+)' requires an argument\.(?: \(see (?P<cmd>`.+`)\))?",
     lambda m: f"{m['o']} には値を指定してください{_opt(m['cmd'], '（{} を参照）')}"),
    (r"Got unexpected extra arguments? \((?P<a>.+)\) \(see (?P<cmd>`.+`)\)",
     "余分な引数があります（{a}）（{cmd} を参照）"),
    (r"Invalid value for '(?P<o>[^']+)': '(?P<v>.*?)' is not one of (?P<choices>.+?)\. \(see (?P<cmd>`.+`)\)",
     "{o} の値 '{v}' は使えません。使える値：{choices}（{cmd} を参照）"),
    (r"unknown opinion id '(?P<o>.*?)'; see opinion_id in opinions\.csv",
     "意見ID '{o}' はこの実行フォルダにありません（opinions.csv の opinion_id を見てください）"),
    (r"unknown cluster '(?P<c>.*?)' \(clusters: (?P<list>.+?); see cluster_id in clusters\.csv\)",
     "項目ID '{c}' はこの実行フォルダにありません（項目：{list}。clusters.csv の cluster_id を見てください）"),
    (r"give exactly one of --answer-id or --text", "--answer-id と --text のどちらか一方だけを指定してください"),
    (r"opinion '(?P<o>.*?)' is one of (?P<n>\d+) copies in duplicate group (?P<g>\S+) \(the same letter, counted "
     r"(?P<k>\d+) times\); excluding one copy of it is rarely meant: name the other copies too \((?P<ids>.+)\) or add "
     r"--with-copies to exclude the whole group, or use `cluster review detach` if it is not a copy",
     "意見 '{o}' は重複グループ {g} の写し{n}件の一つです（同じ文面として{k}件と数えています）。写しを1件だけ"
     "対象外にすることはふつうありません：残りの写し（{ids}）も一緒に指定するか、--with-copies を付けてグループ全体を対象外に"
     "してください。写しでないときは `cluster review detach` を使ってください"),
    (r"(?P<pro>.+?) holds? 賛成 and (?P<con>.+?) holds? 反対 opinions: one row of the published table will answer "
     r"both stances \((?P<cmd>`cluster review undo`) withdraws the merge\)",
     "{pro} に賛成の意見、{con} に反対の意見があります。まとめると、公表する表の1行が両方の立場に答えることになります"
     "（{cmd} で統合を取り消せます）"),
    (r"interrupted; the previous outputs are left as they were", "中断しました。前の出力はそのままです"),
    (r"interrupted; nothing was written", "中断しました。何も書き出していません"),
    # a run folder's output that cannot be replaced (open in Excel, read-only) (QA38)
    (r"(?P<p>.+?): cannot be replaced \(is it open in another program, e\.g\. Excel\?\); close it and run again "
     r"\(the previous outputs are kept as they were\)",
     "{p}：置き換えられません（Excel などで開いていませんか）。閉じてからもう一度実行してください（前の出力はそのままです）"),
    (r"(?P<p>.+?): the folder cannot be written \((?P<why>[^()]*)\); choose another --out folder or make it writable, "
     r"and run again \(the previous outputs are kept as they were\)",
     "{p}：フォルダに書き込めません（{why}）。別の --out フォルダを指定するか書き込めるようにしてから、もう一度実行してください"
     "（前の出力はそのままです）"),
    (r"(?P<lock>.*?~\$.+?): Excel's lock file skipped \((?P<wb>.+?) itself is read\)",
     "{lock}：Excel のロックファイルは読み飛ばしました（{wb} そのものを読みます）"),
    # hidden sheets an Excel input holds (QA38: the line stayed English)
    (r"hidden sheets? not read: (?P<names>.+?) \(every visible sheet is read: unhide one to read it\)",
     "非表示のシートは読んでいません：{names}（表示されているシートをすべて読みました。読むには再表示してください）"),
    (r"hidden sheets? not read: (?P<names>.+?) \(read sheet (?P<s>.+?); (?P<opt>--[\w-]+) NAME reads another\)",
     "非表示のシートは読んでいません：{names}（シート {s} を読みました。{opt} NAME で別のシートを読めます）"),
    (r"hidden sheets? not read: (?P<names>.+?) \(read sheet (?P<s>.+?); to read another, unhide it and move it "
     r"before the others\)",
     "非表示のシートは読んでいません：{names}（シート {s} を読みました。別のシートを読むには、再表示してほかのシートより前に移してください）"),
    # a text recorded for a row that a split or move recorded since the run takes opinions out of (QA83)
    (r"decisions? (?P<ns>[\d, ]+), recorded since the run, takes? (?P<k>\d+) of (?P<c>\S+)'s opinions out of the row "
     r"\((?P<ids>.+?)\): this (?P<kind>\w+) is recorded for the (?P<m>\d+) that stays?",
     lambda m: f"前回の実行のあとに記録した判断{m['ns'].replace(', ', '、')}で、{m['c']} の意見{m['k']}件"
               f"（{m['ids'].replace(', ', '、')}）はこの行から外れます。この{KINDS.get(m['kind'], m['kind'])}は"
               f"行に残る{m['m']}件について記録しました"),
    # a column staff added to the worksheet (QA88: its text was dropped without a word)
    (r"column (?P<c>.+?) is not one of the worksheet's \((?P<n>[\d,]+) cells? written in it\): the import does not read "
     r"it, nothing recorded from it",
     "{c} の列はワークシートの列ではありません（{n}個のセルに記入あり）。取り込みでは読まないので、何も記録していません"),
    # an answer that only points to another row (QA88)
    (r"(?P<p>.+?): column (?P<col>\S+) of (?P<rows>.+) only points to another row: published, it would read so, and "
     r"rows are numbered anew when opinions come late; nothing recorded: copy the answer itself into (?:each|the) cell",
     lambda m: f"{m['p']}：{_ws_rows(m['rows']).replace(' and ', '、').replace(', ', '、')} の {m['col']} の列は、ほかの行を指すだけです（「同上」など）。そのまま公表され、"
               "遅れて届いた意見で行の番号も変わります。何も記録していません。回答の文そのものを写してください"),
    (r"the answer 「(?P<t>.*)」 only points to another row: published, it would read so, and rows are numbered anew "
     r"when opinions come late; write the answer itself \(or --answer-id of a past answer\)",
     "考え方「{t}」はほかの行を指すだけです。そのまま公表され、遅れて届いた意見で行の番号も変わります。"
     "回答の文そのものを書いてください（過去の回答なら --answer-id）"),
    # (QA88: these stayed English)
    (r"late opinions also joined (?P<n>\d+) more rows with staff's work or new texts: (?P<ids>.+?) "
     r"\((?P<cmd>`cluster review show`) lists a row's opinions\)",
     lambda m: f"遅れて届いた意見は、職員の作業や新しい文のあるほかの{m['n']}行にも入りました："
               f"{m['ids'].replace(', ', '、')}（{m['cmd']} で行の意見を一覧できます）"),
    (r"report\.xlsx: No\. (?P<no>\d+)'s (?P<col>\S+) \((?P<c>[\d,]+) characters\) needs a row taller than Excel allows "
     r"\((?P<pt>[\d.]+) pt\): Excel cuts it on screen and in print; report\.html and report\.md show it whole",
     "report.xlsx：No. {no} の{col}（{c}字）は、Excel の行の高さの上限（{pt} pt）に収まりません。Excel の画面と印刷では"
     "途中で切れます。report.html と report.md には全文が載ります"),
    # (QA90: this stayed English)
    (r"form letters sent (?P<n>\d+) times or more are never grouped together, only by staff \(rows (?P<rows>.+?)\); two "
     r"that ask the same are joined with (?P<cmd>`[^`]+`) \(their ids\)",
     lambda m: f"{m['n']}件以上送られた同文意見は、職員が決めない限り一つの項目にまとめません（項目 "
               f"{m['rows'].replace(', ', '、')}）。同じことを求めている二つは {m['cmd']} でまとめられます（ROW には項目ID）"),
    # namesakes the 住所 column tells apart (QA87)
    (r"提出者数: (?P<n>[\d,]+) names? at different addresses in the (?P<col>.+?) column count as several people: "
     r"(?P<shown>.+?)(?: and (?P<more>\d+) more)? \(a submission without an address counts as the name's first person\)",
     lambda m: f"提出者数：{m['col']} の列で住所が違う同姓同名{m['n']}組を、それぞれ別の人として数えました："
               + re.sub(r" \((\d+)\)", r"（\1名）", m["shown"]).replace(", ", "、")
               + (f"、ほか{m['more']}件" if m["more"] else "") + "（住所のない提出は、その氏名の一人目に数えます）"),
    # a cover sheet passed over (QA83: the line stayed English)
    (r"sheets? (?P<names>.+?) skipped: one column, a cover page; read sheet (?P<s>.+?)(?: \((?P<opt>--[\w-]+) NAME reads another\))?",
     lambda m: f"表紙のシート {m['names'].replace(', ', '、').replace(' (「', '（「').replace('」)', '」）')} は読み飛ばしました（一列だけの表紙）。シート {m['s']} を読みました"
               + (f"（{m['opt']} NAME で別のシートを読めます）" if m["opt"] else "")),
    (r"aborted", "中止しました"),
    (r"unexpected (?P<t>\w+): (?P<d>.*) \(set CLUSTER_DEBUG=1 for details\)",
     "予期しないエラー（{t}）：{d}（詳しくは CLUSTER_DEBUG=1 を設定して実行してください）"),
    (r"no space left on the disk while writing (?P<f>.+?); free some space and run again \(files already in place "
     r"were not changed\)",
     "{f} の書き込み中にディスクがいっぱいになりました。空きを作ってもう一度実行してください（すでにあるファイルは"
     "変わっていません）"),
    # --- cluster review: what was recorded
    (r"recorded merge of (?P<f_what>.+?)(?:: (?P<eff>the merged row .+))?",
     lambda m: f"統合を記録しました：{_frag(m['f_what'])} を一つの項目にまとめます{_merge_effect(m['eff'])}"),
    (r"recorded move of (?P<op>" + _OPS + r")(?: from (?P<f_src>.+?))? into (?P<f_dst>.+?)" + _COPIES,
     lambda m: f"移動を記録しました：意見 {_ops(m['op'])} を{_opt(_frag(m['f_src']), ' {} から')} "
               f"{_frag(m['f_dst'])} へ移します{_copies(m)}"),
    (r"recorded split of (?P<op>" + _OPS + r")(?: from (?P<f_src>.+?))? into a cluster of their own" + _COPIES,
     lambda m: f"分割を記録しました：意見 {_ops(m['op'])} を{_opt(_frag(m['f_src']), ' {} から')}"
               f"新しい項目に分けます{_copies(m)}"),
    (r"recorded exclude of (?P<op>" + _OPS + r")(?: from (?P<f_src>.+?))?"
     r"(?: \((?P<why>(?![^()]*, \d+ opinions?\))[^()]*)\))?: (?:it is|they are) no opinion on the draft "
     r"\(対象外\), counted apart from 意見総数",
     lambda m: f"対象外を記録しました：意見 {_ops(m['op'])}{_opt(_frag(m['f_src']), '（{}）')}"
               f"{_opt(m['why'], '（理由：{}）')} は案に対する意見ではない（対象外）として、意見総数とは別に数えます"),
    (r"recorded cut of (?P<op>\S+)(?: in (?P<src>.+?))?: (?P<a>\S+) 「(?P<ta>[^」]*)」 and (?P<b>\S+) 「(?P<tb>[^」]*)」 "
     r"become two opinions, each grouped on its own text",
     lambda m: f"切り分けを記録しました：意見 {m['op']}{_opt(m['src'], '（{}）')} を {m['a']}「{m['ta']}」と "
               f"{m['b']}「{m['tb']}」の二つの意見にし、それぞれの文面で分類します"),
    (r"recorded join of (?P<f_ids>.+?): one opinion (?P<h>\S+) 「(?P<t>[^」]*)」, counted once; (?P<f_rest>.+?) "
     r"(?:keeps its row|keep their rows) with status joined",
     "つなぎ合わせを記録しました：意見 {f_ids} を一つの意見 {h}「{t}」にし、1件として数えます。"
     "{f_rest} の行は status joined で残ります"),
    (r"recorded label for (?P<f_c>.+?): it is published as the row's heading 【(?P<h>.*)】"
     r"(?P<masked> \(personal data masked\))? in the report",
     lambda m: f"見出しを記録しました：{_frag(m['f_c'])}。報告書では行の見出し【{m['h']}】として公表されます"
               + ("（個人情報は伏せ字にします）" if m["masked"] else "")),
    (r"recorded summary for (?P<f_c>.+?): ご意見の概要 「(?P<t>.*)」",
     "概要を記録しました：{f_c}。ご意見の概要は「{t}」です"),
    (r"recorded category for (?P<f_c>.+?): 対応区分 (?P<v>.+) in the report",
     "対応区分を記録しました：{f_c}。報告書の対応区分は {v} です"),
    (r"recorded section for (?P<f_c>.+?): 該当箇所 「(?P<t>.*)」(?P<masked> \(personal data masked\))? in the report",
     lambda m: f"該当箇所を記録しました：{_frag(m['f_c'])}。報告書の該当箇所は「{m['t']}」です"
               + ("（個人情報は伏せ字にします）" if m["masked"] else "")),
    (r"recorded department for (?P<f_c>.+?): 担当課 「(?P<t>.*)」 in worksheet\.xlsx, clusters\.csv and report\.csv "
     r"\(the published report does not show it\)",
     "担当課を記録しました：{f_c}。担当課は「{t}」です（worksheet.xlsx・clusters.csv・report.csv に載ります。"
     "公表する報告書には載りません）"),
    # review merge: the rows' staff 該当箇所 or 担当課 differ: which the merged row keeps
    (r"(?P<listed>.+? \((?:該当箇所|担当課) 「[^」]*」\)) differ; the merged row keeps (?P<k>\S+)'s (?P<t>「[^」]*」) "
     r"\(its (?P<kind>`\w+`) decision names the most opinions(?P<tie>, the later on a tie)?\)\. Check it after the next "
     r"run; (?P<cmd>`[^`]+`) writes another",
     lambda m: f"{_staff_places(m['listed'])} が"
               f"異なります。統合した行には {m['k']} の{m['t']}を残します（その {m['kind']} の判断が最も多くの意見を指すため"
               f"{'。同数なら後のもの' if m['tie'] else ''}）。次の実行のあとで確かめてください。{m['cmd']} で別のものを記録できます"),
    (r"past answer (?P<a>\S+) is none of (?P<c>\S+)'s candidates in answers\.csv \(its best: (?P<b>\S+) 「(?P<t>.*)」\); "
     r"check the id before publishing",
     "過去の回答 {a} は、answers.csv の {c} の候補にありません（いちばんの候補：{b}「{t}」）。公表の前に番号を確かめてください"),
    (r"recorded answer for (?P<f_c>.+?): (?:past answer (?P<aid>\S+)|answer of (?P<src>\S+)|its 考え方) 「(?P<t>.*)」",
     lambda m: f"回答を記録しました：{_frag(m['f_c'])}。考え方（回答）は {_answer_source(m)}「{m['t']}」です"),
    (r"recorded confirm of (?P<f_c>.+)", "分類の確定を記録しました：{f_c}"),
    (r"recorded detach \((?P<n>\d+) opinions?\): (?P<who>.+?) leaves? (?P<g>\S+) \((?P<a>\d+) -> (?P<b>\d+) "
     r"opinions?\) in duplicate_count; run (?P<cmd>`[^`]+`) again: it is then clustered on its own text, and the "
     r"cluster's 件数 changes only if the grouping places it in another cluster \(use `cluster review move` or "
     r"`split` to take it out of the cluster\)",
     "重複から外すことを記録しました（意見{n}件）：{who} は {g} から外れます（duplicate_count {a}件 → {b}件）。"
     "{cmd} をもう一度実行すると、自分の文面で分類されます。項目の件数が変わるのは、分類で別の項目に入ったときだけです"
     "（項目から外すには `cluster review move` か `split` を使ってください）"),
    (r"(?P<f_c>.+?) were already merged by decision (?P<n>\d+) \(" + _BY_AT + r", not yet applied\): this merge "
     r"changes nothing; (?P<cmd>`[^`]+`) withdraws it",
     lambda m: f"{_frag(m['f_c'])} はすでに判断{m['n']}でまとめられています（{m['by']}{_opt(m['at'], '、{}')}、"
               f"まだ反映されていません）。この統合では何も変わりません。{m['cmd']} で取り消せます"),
    (r"this confirms the grouping, not an answer: (?P<c>\S+)'s 考え方 candidate \(past answer (?P<a>\S+), score "
     r"(?P<s>[\d.]+), 「(?P<t>[^」]*)」\) is still unconfirmed and --final leaves the row without one; "
     r"(?P<cmd>`[^`]+`) confirms it",
     "これは分類の確定で、回答の確定ではありません。{c} の考え方の候補（過去の回答 {a}、スコア {s}、「{t}」）は"
     "未確定のままで、--final では回答なしになります。{cmd} で確定できます"),
    (r"this confirms the grouping, not an answer: (?P<c>\S+) has no 考え方 yet, so --final publishes it without one; "
     r"(?P<cmd>`[^`]+`) writes it",
     "これは分類の確定で、回答の確定ではありません。{c} にはまだ考え方がなく、--final では回答なしで公表されます。{cmd} で書けます"),
    (r"withdrew decision (?P<n>\d+) \((?P<kind>\w+)(?: of (?P<where>.+?))?(?: (?P<said>「[^」]*」))? " + _BY_AT + r"\)",
     lambda m: f"判断{m['n']}（{KINDS.get(m['kind'], m['kind'])}{_opt(m['where'], '：{}')}{m['said'] or ''}、"
               f"{m['by']}{_opt(m['at'], '、{}')}）を取り消しました"),
    (r"(?P<n> *\d+)  (?P<kind>" + "|".join(KINDS) + r")  (?P<rest>.*)",  # a row of `cluster review list`
     lambda m: f"{m['n']}  {KINDS[m['kind']]}  {_list_row(m['rest'])}"),
    (r"no decisions recorded in (?P<f>.+?) yet", "{f} にはまだ判断が記録されていません"),
    (r"(?P<dry>would record|recorded) (?P<f_what>.+?) from (?P<file>.+?) \((?P<u>\d+) rows? unchanged, "
     r"(?P<a>\d+) changes? recorded before\)",
     lambda m: (f"{m['file']} から新たに記録するものは{'ありません（試行）' if m['dry'] == 'would record' else 'ありませんでした'}"
                if m['f_what'] == 'nothing' else
                f"{m['file']} から{_frag(m['f_what']).replace(', ', '、')}を{'記録します（試行）' if m['dry'] == 'would record' else '記録しました'}")
               + f"（変更のない行{m['u']}、前に記録済みの変更{m['a']}）"),
    (r"would record (?P<kind>\w+) for (?P<c>\S+): (?P<t>.*)",
     lambda m: f"記録する予定（{KINDS.get(m['kind'], m['kind'])}）：{m['c']}："
               + re.sub(r"^past answer (\S+)$", r"過去の回答 \1", m['t'])),
    # --- fourteenth session: sheets of their own, the files that may be published, 提出者数
    (r"sheets? (?P<names>.+?) (?:has|have) other columns: read on (?:its|their) own, as another input file is "
     r"\(columns guessed for each\)",
     "シート {names} は列の並びが違うため、別の入力ファイルと同じように単独で読みます（列はシートごとに推定）"),
    (r"sheet (?P<name>.+?) not read: its opinions are those of sheet (?P<of>.+?) in other columns"
     r"(?: \((?P<opt>--[\w-]+) NAME reads one alone\))?",
     lambda m: f"シート {m['name']} は読んでいません：意見がシート {m['of']} と同じです（列の並びだけが違います）"
               + (f"（{m['opt']} NAME で1つのシートだけを読めます）" if m['opt'] else "")),
    (r"(?P<n>\d+) (?:sheets of (?P<files>\d+) files?|sheets and files) read as one consultation: (?P<f_list>.+) "
     r"\(rows (?P<ranges>.+) of opinions\.csv's row_number\)",
     lambda m: f"{m['n']}つのシート・ファイルを1つの意見募集として読みました：{_frag(m['f_list'])}"
               f"（opinions.csv の row_number で {m['ranges']}）"),
    (r"(?P<f_file>.+?) has no channel column: its (?P<n>\d+) rows? counts? under 「(?P<ch>.*?)」 in 提出方法別 "
     r"\(the (?P<what>sheet|file)'s name\)",
     lambda m: f"{_frag(m['f_file'])} には提出方法の列がありません。この{m['n']}行は{'シート' if m['what'] == 'sheet' else 'ファイル'}"
               f"の名前どおり、提出方法別で「{m['ch']}」に数えます"),
    (r"(?P<f_file>.+?) has no channel column: its (?P<n>\d+) rows? counts? under 「(?P<ch>.*?)」 in 提出方法別 "
     r"\(name the sheet after its channel, e\.g\. 郵送, or give it a channel column\)",
     "{f_file} には提出方法の列がありません。この{n}行は提出方法別で「{ch}」に数えます"
     "（シート名を提出方法にする（例：郵送）か、提出方法の列を付けてください）"),
    (r"(?P<f_file>.+?): ids also in (?P<f_others>.+?): its ids have the sheet's name in front \((?P<eg>.+)\)",
     "{f_file}：IDが {f_others} と重なるため、IDの前にシート名を付けました（{eg}）"),
    (r"(?P<file>.+?) comes after --answers and has an answer column \((?P<col>.+?)\): it would be read as comments; "
     r"give each past-answer file its own --answers \((?P<eg>.+?)\), or name the comment files before --answers",
     "{file} は --answers の後に書かれ、回答の列（{col}）があります。このままでは意見として読まれます。"
     "過去の回答のファイルには1つずつ --answers を付けるか（{eg}）、意見のファイルを --answers より前に書いてください"),
    (r"publish report\.xlsx, report\.md, report\.html or report\.csv \(personal data masked\); keep inside the office: "
     r"opinions\.csv, clusters\.csv, answers\.csv \(the text as sent, personal data included\)"
     r"(?P<ws> and worksheet\.xlsx \(for the departments\))?",
     lambda m: "公表できるのは report.xlsx・report.md・report.html・report.csv です（個人情報はマスク済み）。"
               "opinions.csv・clusters.csv・answers.csv は届いたままの文面（個人情報を含む）なので庁内だけで使ってください"
               + ("。worksheet.xlsx は各課の作業用です" if m['ws'] else "")),
    (r"report\.xlsx, report\.md, report\.html and report\.csv are a draft for review \(candidate answers marked, personal "
     r"data masked\): publish the report of a run with --final; keep inside the office: "
     r"opinions\.csv, clusters\.csv, answers\.csv \(the text as sent, personal data included\)"
     r"(?P<ws> and worksheet\.xlsx \(for the departments\))?",
     lambda m: "report.xlsx・report.md・report.html・report.csv は確認用の案です（回答案に印、個人情報はマスク済み）。"
               "公表するのは --final を付けて実行した報告書です。"
               "opinions.csv・clusters.csv・answers.csv は届いたままの文面（個人情報を含む）なので庁内だけで使ってください"
               + ("。worksheet.xlsx は各課の作業用です" if m['ws'] else "")),
    (r"publish report\.xlsx, report\.md, report\.html or report\.csv \(personal data masked\) once (?P<n>[\d,]+) rows? "
     r"without a confirmed answer (?:has|have) one; keep inside the office: "
     r"opinions\.csv, clusters\.csv, answers\.csv \(the text as sent, personal data included\)"
     r"(?P<ws> and worksheet\.xlsx \(for the departments\))?",
     lambda m: f"report.xlsx・report.md・report.html・report.csv は、考え方が確定していない{m['n']}行に考え方を"
               "記録してから公表してください（個人情報はマスク済み）。"
               "opinions.csv・clusters.csv・answers.csv は届いたままの文面（個人情報を含む）なので庁内だけで使ってください"
               + ("。worksheet.xlsx は各課の作業用です" if m['ws'] else "")),
    (r"report\.\* are NOT masked \(--no-mask\): check them before publishing; keep inside the office: opinions\.csv, "
     r"clusters\.csv, answers\.csv \(the text as sent, personal data included\)"
     r"(?P<ws> and worksheet\.xlsx \(for the departments\))?",
     lambda m: "report.* は個人情報をマスクしていません（--no-mask）。公表の前に確かめてください。"
               "opinions.csv・clusters.csv・answers.csv は届いたままの文面（個人情報を含む）なので庁内だけで使ってください"
               + ("。worksheet.xlsx は各課の作業用です" if m['ws'] else "")),
    (r"提出者数: (?P<n>[\d,]+) submissions name (?P<d>[\d,]+) submitters? \((?P<s>[\d,]+) names? (?:is|are) on more "
     r"than one\): submissions under one 氏名 count as one submitter \((?P<how>two people of one name too|"
     r"two people of one name at different addresses are two: the (?P<col>.+?) column)\)"
     r"(?:; with the (?P<nl>[\d,]+) submissions? without a name, one submitter each, the report says (?P<t>[\d,]+)名)?"
     r"; --submitter-column names another column",
     lambda m: f"提出者数：氏名のある提出{m['n']}件の提出者は{m['d']}名です（2件以上の提出にある氏名は{m['s']}名分）。"
               + ("同じ氏名の提出は1名に数えます（同姓同名の別人も）" if not m['col'] else
                  f"同じ氏名の提出は1名に数えます（住所の違う同姓同名は別の人：{m['col']} の列）")
               + (f"。氏名のない提出{m['nl']}件を1件1名に数え、報告書では{m['t']}名です" if m['nl'] else "")
               + "。別の列を使うには --submitter-column を指定してください"),
    (r"連名: (?P<n>[\d,]+) submissions? (?:say|says) (?:they carry|it carries) several people's names or signatures "
     r"\((?P<shown>.+?)(?: and (?P<more>\d+) more)?\); 提出者数 counts each submission once \(run\.json joint_submissions lists them\)",
     lambda m: f"連名：{m['n']}件の提出に複数の人の氏名または署名があると書かれています（"
               + m["shown"].replace(" 「", "「").replace(", ", "、") + (f"、ほか{m['more']}件" if m["more"] else "")
               + "）。提出者数では1件を1名として数えています（一覧は run.json の joint_submissions）"),
    # --- 提出者数 by 個人 / 団体 (a 個人・団体 or 団体名 column)
    (r"(?P<col>[^:]+): (?P<n>\d+) values? not among the known kinds of submitter \((?P<known>[^()]+)\), counted as "
     r"written: (?P<shown>.+)",
     lambda m: f"{m['col']}：{m['known'].replace(', ', '・')}のどちらでもない値が{m['n']}種類あります。"
               "提出者数では書かれたとおりに数えます：" + re.sub(r"」 (\d+) rows?", r"」\1行", m["shown"]).replace(", ", "、")
               .replace(" and ", "、ほか").replace(" more", "種類")),
    (r"提出者数: (?P<n>[\d,]+) submissions name (?P<d>[\d,]+) organisations? \((?P<s>[\d,]+) (?:is|are) on more than "
     r"one\): an organisation counts once by its name",
     "提出者数：団体名のある提出{n}件の団体は{d}団体です（{s}団体が複数の提出をしています）。同じ団体名の提出は1団体に数えます"),
    (r"(?P<f_file>.+?) has no column telling 個人 or 団体: its (?P<n>\d+) rows? count as 「(?P<k>[^」]*)」 in 提出者数 "
     r"\(give it a 個人・団体 column to count them by kind\)",
     "{f_file} には個人・団体の別の列がありません。この{n}行は提出者数で「{k}」に数えます"
     "（個人・団体の別に数えるには、個人・団体の列を付けてください）"),
    (r"--kind-column '(?P<c>[^']*)' is the (?P<role>text|id|channel|submitter) column; the kind of submitter must "
     r"come from another column \(the file has: (?P<cols>.+)\)",
     lambda m: f"--kind-column の '{m['c']}' は"
               f"{ {'text': '本文', 'id': 'ID', 'channel': '提出方法', 'submitter': '提出者'}[m['role']] }の列です。"
               f"個人・団体の別は別の列から取ってください（ファイルの列：{m['cols']}）"),
    # merged cells of a comment table (a 受付簿's 受付番号 merged over a letter's rows, QA55)
    # QA60: a run folder's own outputs given as comments, a file given twice in other forms, a folder a killed
    # run left, run.json or decision lines removed by hand, Excel's lock file in the run folder
    (r"skipped (?P<n>\d+) files? written by this tool, not comments: (?P<files>.+?)"
     r"(?P<ws>; a filled-in worksheet goes in with `cluster review import DIR FILE`)?",
     lambda m: f"このツールが書き出したファイル{m['n']}個は意見ではないので、読み飛ばしました：{_a_output(m['files'])}"
               + ("。記入済みの回答作成シートは `cluster review import DIR FILE` で取り込みます" if m["ws"] else "")),
    (r"(?P<p>.+?): is an output of this tool \((?P<k>\S+) of a run\), not a file of comments; give the files of comments "
     r"the run read \(its run\.json names them\)(?P<ws>; a filled-in worksheet goes in with `cluster review import DIR FILE`)?",
     lambda m: f"{m['p']}：このツールが書き出した実行結果（{m['k']}）で、意見のファイルではありません。その実行が読んだ意見のファイル"
               "（run.json に書いてあります）を指定してください"
               + ("。記入済みの回答作成シートは `cluster review import DIR FILE` で取り込みます" if m["ws"] else "")),
    (r"(?P<f>.+?) is given as comments and as --answers: its past answers would be counted and published as this "
     r"consultation's opinions; give it with --answers only",
     "{f} が意見のファイルとしても --answers としても指定されています。過去の回答が今回の意見として数えられ公表されてしまうため、"
     "--answers だけに指定してください"),
    (r"(?P<b>.+?) holds (?P<n>\d+) of the submissions in (?P<a>.+?) \(the same id, name and text\): the same comments "
     r"saved twice \(as CSV and as Excel, or exported twice\) would all be counted twice; give one of them \(the later "
     r"export, if one holds more\)",
     "{b} には {a} と同じ提出（ID・氏名・本文が同じ）が{n}件あります。同じ意見を2回保存したファイル（CSVとExcel、"
     "または2回の書き出し）を両方読むと、すべて2回数えてしまいます。どちらか1つ（件数の多い、後の書き出し）を指定してください"),
    (r"the last run into (?P<d>.+?) was stopped while it replaced its outputs: the outputs of the run before it are put back",
     "{d} への前回の実行は、出力を入れ替える途中で止まっていました。その前の実行の出力に戻しました"),
    (r"(?P<p>.+?) is missing \(removed by hand\?\): the earlier run's settings \(--title, --period, --answers …\) and its "
     r"cluster ids cannot be kept; give those options again(?:; the new cluster ids start after (?P<c>C\d+), so none names "
     r"another group)?",
     lambda m: f"{m['p']} がありません（手で削除しましたか？）。前回の実行の設定（--title、--period、--answers など）と項目IDは"
               "引き継げません。必要なオプションをもう一度指定してください"
               + (f"。新しい項目IDは {m['c']} の次から付けるので、前と同じIDが別の項目を指すことはありません" if m["c"] else "")),
    (r"(?P<p>.+?) holds (?P<n>\d+) lines?, the last run read (?P<m>\d+): (?P<k>\d+) lines? removed by hand\? What (?:it|they) "
     r"recorded is no longer applied \(`cluster review undo` takes a decision back and keeps the record\)",
     "{p} は{n}行ですが、前回の実行は{m}行を読みました。{k}行を手で削除しましたか？ その判断はもう反映されません"
     "（判断を取り消すには、記録が残る `cluster review undo` を使ってください）"),
    (r"(?P<f>report\.xlsx|worksheet\.xlsx) in (?P<d>.+?) seems open in Excel \(its lock file is there\): close it and open "
     r"it again to see this run's",
     "{d} の {f} はExcelで開いているようです（ロックファイルがあります）。今回の結果を見るには、閉じてから開き直してください"),
    (r"(?P<d>.+?): the folder cannot be made in (?P<p>.+?) \((?P<why>[^()]+)\); choose another --out folder, or one you "
     r"can write in",
     "{d}：{p} にフォルダを作れません（{why}）。--out に、書き込めるほかのフォルダを指定してください"),
    # QA63: rows of a report in the draft's order renumbered by a changed 該当箇所
    (r"(?P<n>\d+) rows? of the report (?:has|have) another No\. than in the last run \((?P<list>.+)\): a list or a worksheet "
     r"that names rows by No\. names others now; their cluster ids stay \((?P<cmd>`[^`]+`)\)",
     lambda m: f"報告書の{m['n']}項目の No. が前回の実行と変わりました（{m['list'].replace(' → ', '→')}）。No. で項目を示した一覧や"
               f"回答作成シートは、今は別の項目を指します。項目ID（cluster_id）は変わりません（{m['cmd']}）"),
    # QA59: formulas a program wrote and no spreadsheet calculated, and hidden rows
    (r"(?P<n>\d+) cells? \((?P<cells>[^()]+)\) (?:holds a formula whose value was|hold formulas whose values were) never "
     r"calculated \(a workbook written by a program, not saved by Excel\): read as the formula's text; if they are "
     r"formulas, open the file in Excel, save it and run again",
     "{n}個のセル（{cells}）は数式のままで、値が一度も計算されていません（Excelで保存されていない、プログラムが書き出したブック）。"
     "数式の文字をそのまま読みました。数式であれば、Excelで開いて保存してから、もう一度実行してください"),
    (r"(?P<n>\d+) hidden rows? \(rows? (?P<rows>[^()]+)\) read and counted as the others: Excel hides them, this tool "
     r"does not; a withdrawn or test row is left out by a ステータス column \(取下げ, テスト\) or by deleting it",
     "非表示の行{n}行（{rows}行目）も、ほかの行と同じく読んで数えました（Excelでは隠れていても、このツールは読みます）。"
     "取り下げやテストの行は、ステータス列（取下げ、テスト）に書くか、行を削除すると除かれます"),
    (r"merged cells: filled (?P<n>\d+) merged ranges? with the value of (?:its|their) first row \((?P<cols>.+)\)",
     "結合セル{n}か所に、その先頭の行の値を入れました（{cols}）"),
    (r"merged cells: (?P<n>\d+) merged ranges? in the text column (?P<c>.+?) \((?P<rows>.+?)\) kept in the first row only; "
     r"if those rows are separate submissions, unmerge and copy the text",
     "本文の列 {c} の結合セル{n}か所（{rows}）は、先頭の行だけに本文を入れました。別々の提出であれば、結合を解除して本文を写してください"),
    # past answers read from a published table (QA31)
    (r"past answers: (?P<file>[^:]+?): merged cells: filled (?P<n>\d+) merged ranges? with the value of (?:its|their) first "
     r"row \((?P<cols>.+)\)",
     "過去の回答：{file}：結合セル{n}か所に、その先頭の行の値を入れました（{cols}）"),
    (r"past answers: (?P<file>[^:]+?): skipped (?P<n>\d+) rows? without an answer of that consultation \(a report of "
     r"this tool; (?P<k>\d+) confirmed answers? read\): (?P<why>.+?): (?P<ids>.+)",
     lambda m: f"過去の回答：{m['file']}：その意見募集の回答ではない{m['n']}行を読み飛ばしました（このツールの報告書です。"
               f"確定した回答{m['k']}件を読みました）："
               + re.sub(r"(\d+) 「（考え方は未記入）」 \(no answer written\)", r"「（考え方は未記入）」\1行",
                        re.sub(r"(\d+) holds? an unconfirmed candidate 【回答案…未確認】 \(an older past answer or one never "
                               r"confirmed\)", r"未確認の回答案【回答案…未確認】\1行（以前の回答か、確定されなかった回答）",
                               m["why"])).replace(", ", "、") + f"：{m['ids']}"),
    (r"answer id '(?P<g>[^']*)' read as past answer (?P<a>\S+) \(the only past answer of this run numbered so\)",
     "回答番号 '{g}' は過去の回答 {a} と読みました（この実行の過去の回答でこの番号はこれだけです）"),
    (r"answer id '(?P<g>[^']*)' names (?P<n>\d+) past answers: (?P<list>.+?)(?: and (?P<more>\d+) more)?; give the whole id",
     lambda m: f"回答番号 '{m['g']}' に当たる過去の回答が{m['n']}件あります：{m['list']}"
               + (f" ほか{m['more']}件" if m['more'] else "") + "。IDを全部書いてください"),
    # notes on what staff recorded on the rows a merge or move touches (QA34)
    (r"(?P<c>\S+)'s (?P<w>.+?) now stands? for (?P<theirs>.+?) opinions? too; check it or record another with "
     r"(?P<cmd>`cluster review answer`)",
     lambda m: f"{m['c']} の{_work(m['w'])}は、{_theirs(m['theirs'])}の意見にも当てはまることになります。"
               f"確かめるか、{m['cmd']} で別の回答を記録してください"),
    (r"(?P<c>\S+)'s (?P<w>.+?) now stands? for (?P<theirs>.+?) opinions? too; check it after the next run",
     lambda m: f"{m['c']} の{_work(m['w'])}は、{_theirs(m['theirs'])}の意見にも当てはまることになります。"
               "次の実行のあとで確かめてください"),
    (r"(?P<c>\S+)'s (?P<w>.+?) now stands for (?P<ids>.+?)(?P<more> and more)? too; check it or record another with "
     r"(?P<cmd>`cluster review answer`)",
     lambda m: f"{m['c']} の{_work(m['w'])}は、{m['ids'].replace(' and ', '、').replace(', ', '、')}"
               f"{'など' if m['more'] else ''}にも当てはまることになります。確かめるか、{m['cmd']} で別の回答を記録してください"),
    (r"(?P<who>.+?) leaves? (?P<c>\S+), (?P<row>a confirmed row|a row with staff's text) \((?P<w>.+)\), "
     r"(?P<then>for .+)",
     lambda m: _leaving(m)),
    (r"(?P<label>\S+(?: \(now \S+\))?): (?P<lines>(?:replaces|does not replace) the .+)",
     lambda m: f"{m['label'].replace(' (now ', '（現在 ').replace(')', '）')}：" + _replaces(m["lines"])),
    (r"(?P<col>[^:]+): (?P<n>\d+) values? not among the known channels \((?P<known>[^()]+)\), counted as written: "
     r"(?P<shown>.+)",
     lambda m: f"{m['col']}：既定の提出方法（{m['known'].replace(', ', '・')}）にない値が{m['n']}種類あります。"
               "書かれたとおりに数えます：" + re.sub(r"」 (\d+) rows?", r"」\1行", m["shown"]).replace(", ", "、")
               .replace(" and ", "、ほか").replace(" more", "種類")),
    (r"(?P<col>[^:]+): counted under the standard channels: (?P<shown>.+)",
     lambda m: f"{m['col']}：次の値は既定の提出方法として数えます："
               + re.sub(r"」 as (\S+) \((\d+) rows?\)", r"」→\1（\2行）", m["shown"]).replace(", ", "、")
               .replace(" and ", "、ほか").replace(" more", "種類")),
    # `review show`: the row's best past answers with their evidence (QA31)
    (r"past answers in answers\.csv, best first \((?P<cmd>`[^`]+`) confirms one\):",
     "answers.csv の過去の回答（一致度の高い順。{cmd} で確定できます）："),
    (r"(?P<ind> +)(?P<id>\S+) \(score (?P<s>[\d.]+)(?:, below the report's (?P<floor>[\d.]+))?(?:; (?P<src>.+?))?\): "
     r"answered (?P<past>「[^」]*」)(?:; matched (?P<ours>「[^」]*」))?",
     lambda m: f"{m['ind']}{m['id']}（一致度 {m['s']}"
               + (f"、報告書に載せる基準 {m['floor']} 未満" if m['floor'] else "")
               + (f"、{m['src']}" if m['src'] else "") + f"）：過去の意見 {m['past']} への回答"
               + (f"。この項目で一致した文 {m['ours']}" if m['ours'] else "")),
    (r"(?P<ind> +)… and (?P<n>\d+) more in answers\.csv", "{ind}… ほか{n}件は answers.csv にあります"),
    # QA73: lines still printed in English under --lang ja
    (r"(?P<p>.+?): unknown encoding '(?P<e>[^']+)' \(use (?P<list>.+)\)",
     "{p}：文字コード '{e}' はわかりません（{list} を指定してください）"),
    (r"(?P<p>.+?): line (?P<n>\d+) is not a whole JSON record: (?P<why>.+?); fix or remove that line \(the file is not "
     r"read with a line left out\)",
     "{p}：{n}行目はJSONの記録として完結していません（{why}）。その行を直すか消してください（1行でも欠けたままでは読み込みません）"),
    (r"(?P<p>.+?): no topics found", "{p}：トピックが見つかりません"),
    (r"(?P<p>.+?), line (?P<n>\d+): code (?P<c>\S+) is also on line (?P<m>\d+); give each category its own code",
     "{p} の{n}行目：区分コード {c} は{m}行目にもあります。区分ごとに別のコードにしてください"),
    (r"(?P<p>.+?): the file is empty", "{p}：ファイルが空です"),
    (r"no header row: row (?P<n>\d+) 「(?P<t>.*)」 reads like an opinion, not column names, so every row is read as data, "
     r"in columns column1 … \(--header-row N names the header row if there is one\)",
     "列名の行がありません：{n}行目「{t}」は列名ではなく意見のようなので、すべての行をデータとして column1 … の列で読みます"
     "（列名の行があれば --header-row N で指定してください）"),
    (r"(?P<p>.+?): is the lock file Excel keeps while (?P<f>.+?) is open, not the workbook; give (?P<g>.+?) itself",
     "{p}：Excelが {f} を開いている間に作るロックファイルで、ブックではありません。{g} そのものを指定してください"),
    (r"(?P<p>.+?): the workbook has no data", "{p}：ブックにデータがありません"),
    (r"(?P<p>.+?): no sheet '(?P<s>[^']+)'; sheets: (?P<list>.+)", "{p}：シート「{s}」がありません。シート：{list}"),
    (r"(?:(?P<p>.+?): )?cannot guess the text column: the first row reads like an opinion, not column names "
     r"\(「(?P<t>.*)」\); add a header row such as ご意見 above it \(or give --header-row\)",
     lambda m: (f"{m['p']}：" if m["p"] else "") + f"本文の列がわかりません：1行目（「{m['t']}」）は列名ではなく意見のようです。"
               "その上に「ご意見」などの列名の行を加えてください（または --header-row を指定してください）"),
    (r"No such command '(?P<c>[^']+)'\.(?: Did you mean '(?P<d>[^']+)'\?)?(?P<rest> \(see `[^`]+`\))?",
     lambda m: f"コマンド '{m['c']}' はありません。" + (f"'{m['d']}' ではありませんか。" if m["d"] else "")
               + (m["rest"].replace(" (see ", "（").replace(")", " を参照）") if m["rest"] else "")),
    (r"(?P<p>.+?): the input file's folder that holds other files and no run of this tool; give a new or empty folder "
     r"for --out \(e\.g\. (?P<e>.+)\)",
     "{p}：入力ファイルのあるフォルダで、ほかのファイルがあり、このツールの実行フォルダではありません。--out には新しいフォルダか"
     "空のフォルダを指定してください（例：{e}）"),
    (r"model folder '(?P<m>[^']+)' not found; give the folder of a sentence-transformers model, a model name in the "
     r"local Hugging Face cache, or leave --model out for the shipped model",
     "モデルのフォルダ '{m}' が見つかりません。sentence-transformers のモデルのフォルダか、手元の Hugging Face キャッシュにある"
     "モデル名を指定してください。--model を省けば同梱のモデルを使います"),
    (r"--min-answer-score (?P<s>[\d.]+): answers confirmed in this run are offered to other rows from (?P<t>[\d.]+), the "
     r"past-answer index's own threshold \(below it they fit no row\)",
     "--min-answer-score {s}：今回確定した回答をほかの項目に候補として示すのは、一致度 {t}（過去の回答の索引の基準）からです"
     "（それ未満ではどの項目にも合いません）"),
    (r"(?P<n>\d+) submissions? only tests? the form \(「テスト」「テスト送信です。」\): (?P<ids>.+?); counted under 意見を含まない提出 "
     r"as sent; a status column saying テスト \(ステータス, 状態\) or deleting the rows leaves them out",
     "フォームのテストだけの提出が{n}件あります（「テスト」「テスト送信です。」）：{ids}。送られたとおり「意見を含まない提出」に"
     "数えています。テストと書いた状態の列（ステータス、状態）を加えるか、その行を消せば数えません"),
    # QA96: the lines of a run with staff's own model (--model), and why one cannot be loaded
    (r"model: (?P<m>.+?) \((?P<k>[^,()]+), (?P<d>\d+) dimensions(?:, (?P<f>/[^,]*|[A-Za-z]:\\[^,]*))?(?:, files (?P<h>[0-9a-f]+))?\)",
     lambda m: f"モデル：{m['m']}（{m['k']}、{m['d']}次元" + (f"、フォルダ {m['f']}" if m['f'] else "")
               + (f"、ファイルの指紋 {m['h']}" if m['h'] else "") + "）"),
    (r"model '(?P<m>[^']+)' is a file, not a model folder; give the folder that holds the model's files \(modules\.json, "
     r"config\.json …\), or no --model for the shipped model",
     "モデル '{m}' はファイルで、モデルのフォルダではありません。モデルのファイル（modules.json、config.json など）が入った"
     "フォルダを指定してください。--model を省けば同梱のモデルを使います"),
    (r"model folder '(?P<m>[^']+)' is not a sentence-transformers model \(no modules\.json or config\.json in it\); give the "
     r"folder the model was saved to, or no --model for the shipped model",
     "モデルのフォルダ '{m}' は sentence-transformers のモデルではありません（modules.json も config.json もありません）。"
     "モデルを保存したフォルダを指定してください。--model を省けば同梱のモデルを使います"),
    (r"model folder '(?P<m>[^']+)' cannot be read: (?P<why>.+)",
     "モデルのフォルダ '{m}' を読み込めません：{why}"),
    (r"model '(?P<m>[^']+)' cannot be loaded offline: no folder of that name here and no such model in the local Hugging "
     r"Face cache \(nothing is downloaded\); give a local folder of a sentence-transformers model, a name already in the "
     r"local Hugging Face cache, or no --model for the shipped model",
     "モデル '{m}' を読み込めません：その名前のフォルダも、手元の Hugging Face キャッシュにあるモデルもありません（ダウンロード"
     "はしません）。sentence-transformers のモデルのフォルダか、キャッシュにあるモデル名を指定してください。--model を省けば"
     "同梱のモデルを使います"),
    (r"model '(?P<m>[^']+)' cannot be loaded offline: (?P<why>.+?); give a local folder of a sentence-transformers model, "
     r"a name already in the local Hugging Face cache, or no --model for the shipped model",
     "モデル '{m}' を読み込めません（ダウンロードはしません）：{why}。sentence-transformers のモデルのフォルダか、手元の "
     "Hugging Face キャッシュにあるモデル名を指定してください。--model を省けば同梱のモデルを使います"),
    (r"model '(?P<m>[^']+)' needs sentence-transformers, which is not installed: pip install \"pubcom-cluster\[st\]\" "
     r"\(or use the default model: no --model\)",
     "モデル '{m}' には sentence-transformers が必要ですが、入っていません：pip install \"pubcom-cluster[st]\" で入れてください"
     "（--model を省けば同梱のモデルを使います）"),
    (r"unknown answer id '(?P<a>[^']*)': not in answers\.csv nor in the past answers this run used; see answer_id in "
     r"answers\.csv, or write it with --text",
     "回答ID '{a}' はありません（answers.csv にも、この実行が使った過去の回答にもありません）。answers.csv の answer_id を"
     "見るか、--text で回答を書いてください"),
    (r"unknown answer id '(?P<a>[^']*)': this run has no past answers \(cluster run --answers PAST\); write the answer "
     r"with --text",
     "回答ID '{a}' はありません。この実行には過去の回答がありません（cluster run --answers PAST）。--text で回答を書いてください"),
    (r"unknown opinion id '(?P<o>[^']+)'; (?P<s>\S+) is a submission: its opinions? (?:is|are) (?P<i>.+?); see opinion_id "
     r"in opinions\.csv",
     "意見ID '{o}' はありません。{s} は提出の番号で、その意見は {i} です。opinions.csv の opinion_id を見てください"),
    (r"(?P<p>\S*opinions\.csv): not found; run (?P<cmd>`[^`]+`) first",
     "{p} が見つかりません。先に {cmd} を実行してください"),
    (r"there is no decision (?P<n>-?\d+) \(decisions 1 to (?P<m>\d+); (?P<cmd>`[^`]+`) lists them\)",
     "判断 {n} はありません（判断は1〜{m}。{cmd} で一覧できます）"),
    (r"decision (?P<n>\d+) \((?P<kind>\w+) by (?P<by>[^,]+), (?P<at>[^)]+)\) no longer applies: (?P<f_why>.+)",
     lambda m: f"判断{m['n']}（{KINDS.get(m['kind'], m['kind'])}、{m['by']}、{m['at']}）はもう当てはまりません：{_frag(m['f_why'])}"),
] + _MORE_ENTRIES]


_SHEET_WHY = {"a count, example or working sheet by its name": "名前から集計・記入例・作業用のシート",
              "a working sheet (a 考え方 or 回答 column)": "考え方や回答の列がある作業用のシート",
              "no column of opinions": "意見の列がありません", "no sentences in its opinion column": "意見の列に文がありません",
              "no rows": "行がありません", "not a table": "表ではありません"}


def _why_sheets(text: str) -> str:
    """「FAX (no column of opinions, 3 rows), 集計 (…)」 -> 「FAX（意見の列がありません、3行）、集計（…）」."""
    text = re.sub(r", (\d+) rows?\)", r"、\1行)", text)
    for en, ja in _SHEET_WHY.items():
        text = re.sub(rf" \({re.escape(en)}(、\d+行)?\)", lambda m: f"（{ja}{m.group(1) or ''}）", text)
    return text.replace("）, ", "）、")


def _theirs(text: str) -> str:
    """「C026's 1」「C004's 2 and C009's 1」 -> 「C026 の1件」「C004 の2件、C009 の1件」."""
    return re.sub(r"(\S+)'s (\d+)", r"\1 の\2件", text).replace(" and ", "、").replace(", ", "、")


def _leaving(m) -> str:
    who = re.sub(r"^(\d+) opinions \((.+)\)$", r"意見\1件（\2）", m["who"])
    row = "回答を確定した行" if m["row"] == "a confirmed row" else "職員が記入した行"
    then = m["then"]
    t = re.fullmatch(r"for a cluster of (?:its|their) own, which has no answer yet: check both rows after the next run "
                     r"\((`[^`]+`) records one\)", then)
    if t:
        after = f"回答のない新しい項目になります。次の実行のあとで両方の行を確かめてください（{t[1]} で回答を記録できます）"
    elif (t := re.fullmatch(r"for (\S+), whose (.+) now stands for (?:it|them): check both rows after the next run", then)):
        after = f"{t[1]} に入り、{t[1]} の{_work(t[2])}が当てはまることになります。次の実行のあとで両方の行を確かめてください"
    elif (t := re.fullmatch(r"for (\S+), which has no confirmed answer yet: check both rows after the next run", then)):
        after = f"まだ回答の確定していない {t[1]} に入ります。次の実行のあとで両方の行を確かめてください"
    else:
        return m[0]
    return f"{who} は {m['c']}（{row}：{_work(m['w'])}）から出て、{after}"


def _replaces(lines: str) -> str:
    out = []
    for line in lines.split("; it also "):
        t = re.fullmatch(r"replaces the (?P<kind>\w+) " + _RECORDED_HOW + r": (?P<v>「.*」)", line)
        if t:
            out.append(f"判断{t['n']}（{'、'.join(_provenance(t['src'], t['by'], t['at']))}）で記録した"
                       f"{KINDS.get(t['kind'], t['kind'])} {t['v']} を置き換えます")
            continue
        t = re.fullmatch(r"does not replace the (?P<kind>\w+) " + _RECORDED_HOW + r", which names more of its opinions "
                         r"\((?P<a>\d+) against (?P<b>\d+)\): (?P<v>「.*」) stays", line)
        if t:
            out.append(f"判断{t['n']}（{'、'.join(_provenance(t['src'], t['by'], t['at']))}）の"
                       f"{KINDS.get(t['kind'], t['kind'])}は置き換えません。その行の意見を多く指しているためです"
                       f"（{t['a']}件対{t['b']}件）。{t['v']} のままです")
            continue
        out.append(line)
    return "。また、".join(out)


def _apply(entry: _Entry, m: re.Match) -> str:
    template = entry[1]
    if callable(template):
        return template(m)
    groups = {k: (_frag(v) if k.startswith("f_") else (v or "")) for k, v in m.groupdict().items()}
    return template.format(**groups)


def _body(line: str) -> Optional[str]:
    """The Japanese of a line without its prefix; None when no entry knows it."""
    hint = ""
    m = _RERUN.search(line)
    if m:
        hint = f"{m['cmd']} をもう一度実行すると反映されます"
        line = line[:m.start()]
        if not line:
            return hint
    for entry in _TABLE:
        m = entry[0].fullmatch(line)
        if m:
            said = _apply(entry, m)
            if said is None:  # (the entry does not know this variant)
                continue
            return said + ("。" + hint if hint else "")
    return None


_TABLE_KINDS = {"a comment table": "意見の表", "a past-answer table": "過去の回答の表", "a topics list": "トピックの一覧"}


def translate(line: str) -> str:
    """``line`` in Japanese; a line no entry matches is returned as it is (its error:/warning:/note:
    prefix in Japanese). Each line of a several-line message is translated on its own."""
    if "\n" in line:
        return "\n".join(translate(part) for part in line.split("\n"))
    prefix, body = "", line
    for en, ja in PREFIXES:
        if line.startswith(en):
            prefix, body = ja, line[len(en):]
            break
    said = _body(body)
    return prefix + (said if said is not None else body)


def is_known(line: str) -> bool:
    """Whether an entry of the table translates ``line`` (not only its prefix)."""
    for en, _ in PREFIXES:
        if line.startswith(en):
            line = line[len(en):]
            break
    return _body(line) is not None


def translating(log: Callable[[str], None]) -> Callable[[str], None]:
    """``log`` that is given each line in Japanese."""
    def said(message: str) -> None:
        log(translate(str(message)))
    return said


def lang(option: Optional[str] = None) -> str:
    """The language of the output: ``option`` (--lang), else the environment's CLUSTER_LANG, else en."""
    value = (option or os.environ.get(ENV) or "en").strip().lower()
    return "ja" if value.startswith("ja") else "en"
