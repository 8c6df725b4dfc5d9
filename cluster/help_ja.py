"""Japanese help text (`cluster … --help --lang ja`, or CLUSTER_LANG=ja): the commands' and
options' help in the words staff use, and a help formatter that wraps by display width.

The English help stays in cli.py, next to each option; this module holds its Japanese wording,
keyed by the command's path and the option's name, and swaps it in for one invocation
(`use_language`). A command or option missing here keeps its English help (the tests list any).
"""
from __future__ import annotations

import re
import unicodedata

import click

# A paragraph starting with \b is printed as written (click's marker): the lists below keep their lines.
COMMANDS = {
    "cluster": (
        "パブリックコメントの意見（元の提出ファイル）から、公表する「意見の概要と考え方」の表を作ります。\n\n"
        "\b\n"
        "cluster run       意見を読み、写しと同趣旨の意見をまとめ、報告書を作る\n"
        "cluster answers   問い合わせの各行に、過去の回答の候補を示す\n"
        "cluster review    職員の判断を記録する（統合・移動・分割・重複から外す・\n"
        "                  対象外・切り分け・つなぎ合わせ・見出し・概要・考え方・\n"
        "                  対応区分・該当箇所・担当課・確定・取消し・\n"
        "                  worksheet の取込み）。判断の一覧と表示も"
    ),
    "cluster run": (
        "INPUT の意見を読み、実行フォルダ --out に結果を書き出します。\n\n"
        "INPUT は CSV・TSV・XLSX・JSON lines（UTF-8 または CP932）です。ファイルを複数渡すと"
        "（電子申請の CSV、入力した郵送分、説明会のカードなど）一つの意見募集として読み、列はファイルごとに"
        "推定します。提出方法の列がないファイルは、ファイル名（郵送.xlsx）を提出方法として数えます。"
        "フォルダには opinions.csv、clusters.csv、answers.csv、report.xlsx/.md/.html/.csv、worksheet.xlsx、"
        "run.json を書き、フォルダの decisions.jsonl にある職員の判断をもう一度当てはめます。\n\n"
        "公表できるのは --final を付けた実行の report.*（個人情報はマスク済み）だけです。opinions.csv・clusters.csv・"
        "answers.csv・worksheet.xlsx・run.json・decisions.jsonl は届いたままの文面や職員の名前を含むので、庁内だけで"
        "使ってください。"
    ),
    "cluster answers": (
        "過去の回答の候補：--query の各行に、PAST から上位 K 件の回答を示します。\n\n"
        "PAST は過去の回答の表（過去の意見と回答の列がある CSV/XLSX）一つ以上か、保存した索引のフォルダです。"
        "query_id、rank、answer_id、score … の列を書きます。--encoding、--sheet、--header-row は、"
        "cluster run の INPUT と同じく問い合わせファイルに効きます。"
    ),
    "cluster review": (
        "職員の判断を DIR/decisions.jsonl に記録します（次の cluster run でもう一度当てはめます）。\n\n"
        "判断は対象の意見を名指しで記録するので、まとめ直し・モデルの変更・締切後の意見の追加のあとも保たれます。"
    ),
    "cluster review answer": "項目 CLUSTER_ID の考え方を確定します。",
    "cluster review category": (
        "項目 CLUSTER_ID に対応区分（考え方での扱い）を付けます。報告書の最後の列に示し、表の上で数えます。\n\n"
        "CATEGORY はその実行の対応区分の一つです：記号（A）、名前、または一つの名前だけにある語（参考）。"
        "区分は所属のもの（cluster run --categories FILE）、指定がなければ次のとおりです。\n\n"
        "\b\n"
        "A ご意見を踏まえ案を修正したもの\n"
        "B ご意見の趣旨が既に案に盛り込まれているもの\n"
        "C 今後の取組の参考とするもの\n"
        "D 案に反映しなかったもの\n"
        "E その他（ご質問・ご感想など）\n\n"
        "取り消すには cluster review undo を使います。"
    ),
    "cluster review confirm": "項目 CLUSTER_ID を今のまま確定します。",
    "cluster review cut": (
        "意見を TEXT の始まる位置で二つに切ります（切り分けで一つに残った二つの意見）。\n\n"
        "次の実行で前半が OPINION_ID のまま、残りは同じ提出の意見 OPINION_ID.2 になり、それぞれの文で"
        "まとめられ、意見総数に数えられます。--before を何度か付けると、その位置ごとに切ります"
        "（切るたびに実行し直す必要はありません）。取り消すには cluster review undo を使います。"
    ),
    "cluster review department": (
        "項目 CLUSTER_ID の考え方を書く担当課を DEPARTMENT（「道路課」）にします。worksheet.xlsx の担当課の列"
        "（絞り込んで課ごとに送れます）、clusters.csv の department 列、report.csv の担当課の列に出ます。"
        "公表する report.xlsx・.md・.html には出ません。再実行や統合のあとも項目の意見についていきます。"
        "取り消すには cluster review undo を使います。"
    ),
    "cluster review detach": (
        "意見を重複のグループから外します（その写しではない意見）。\n\n"
        "重複の検出で組織的な意見（同じ文面の意見）のグループに誤って入った意見（文面を写して自分の要望を"
        "書き足した手紙、別の短い意見など）に使います。次の実行でその意見は単独の意見として自分の文で"
        "まとめられ、グループの写しの数が一つ減ります。報告書の件数が変わるのは、まとめ直しで別の項目に"
        "入ったときだけです（引用した文面の項目に残ることが多い）。項目から出すには、次の実行のあと "
        "cluster review move か split を使います。グループの他の意見とまったく同じ文（正規化後）は写しなので"
        "断ります。互いに写しである意見（別の組織的な意見の手紙など）は一緒に名指しすると、一つのグループ"
        "として外せます。取り消すには cluster review undo を使います。"
    ),
    "cluster review exclude": (
        "案に対する意見ではないもの（対象外）を除きます。\n\n"
        "切り分けで残った前置き、「テスト送信です」、手続きについての質問、迷惑メールなどに使います。"
        "次の実行で opinions.csv には status excluded として行を残し、項目・件数・意見総数・worksheet からは"
        "除きます。報告書の集計に、職員が対象外としたものの数を示します。提出は数えたままです"
        "（提出者数・提出件数）。除くのは名指しした意見だけです。重複のグループ（組織的な意見の手紙）の"
        "一通だけは断ります：すべてを名指しするか --with-copies を付けます。項目の ID（C009）なら"
        "その行全体を写しごと、提出の番号（W-016）ならその提出の意見を除きます。同じ意見の統合・移動・"
        "分割より対象外が優先します。cluster review undo で取り消すと、次の実行で意見が戻ります。"
    ),
    "cluster review import": (
        "WORKSHEET（DIR の worksheet.xlsx）に職員が書いた見出し・概要・考え方・対応区分・該当箇所・"
        "担当課を記録します。\n\n"
        "実行のたびに DIR/worksheet.xlsx を書きます。項目ごとに一行で、ラベル・ご意見の概要・考え方・"
        "該当箇所・担当課を書き込み、対応区分を選ぶ列（網掛け）と、その横に過去の回答の最良の候補があり、"
        "全意見の一覧のシートもあります。回答を書く人に送り、戻ってきたら、変わったセルごとに label"
        "（報告書の行の見出し【…】）、summary、answer、category、section（該当箇所）、department（担当課）の"
        "判断として記録します（候補の列からそのまま貼った回答は、その過去の回答として記録）。空にしたセルは"
        "何も記録せず、同じファイルを二度取り込んでも新しい記録は増えません。DIR の以前の実行の worksheet でも"
        "構いません：判断は行の番号ではなく意見を名指しします。"
    ),
    "cluster review join": (
        "切り分けで分かれた一つの提出の意見を、一つの意見につなぎます。\n\n"
        "次の実行で、最初の意見が提出の中のその始まりから最後の意見の終わりまでの一つの意見になります。"
        "他の意見は opinions.csv に status joined として行を残し、どこにも数えません（その手紙は件数と"
        "意見総数に一度だけ数えます）。取り消すには cluster review undo を使います。"
    ),
    "cluster review label": (
        "項目 CLUSTER_ID に見出し TEXT を付けます。報告書では行の見出し【TEXT】として（報告書とともに公表）、"
        "clusters.csv と worksheet では項目のラベルとして示します。"
    ),
    "cluster review list": "記録した判断を、undo --decision N が使う番号つきで一覧にします。",
    "cluster review merge": (
        "項目 C1 C2 [...] を一つに統合します。\n\n"
        "次の実行のあと、統合した行は異なる意見がいちばん多い項目の ID になります（完全な写しと"
        "ほぼ同じ写しは一つと数えます）。他の ID でもその行を指せます。記録のときに、どの ID になるか、"
        "どの考え方・概要・見出し・対応区分・該当箇所を残すかを示します。"
    ),
    "cluster review move": "意見を一つ、項目 CLUSTER_ID に移します。",
    "cluster review section": (
        "項目 CLUSTER_ID の該当箇所（その意見が関わる案の箇所、「第4章 観光振興」）を書きます。報告書には、"
        "--topics と意見のページ番号から実行が見つけた箇所の代わりに TEXT を示します（報告書の他の文と"
        "同じく個人情報を伏せます）。取り消すには cluster review undo を使います。"
    ),
    "cluster review show": (
        "DIR の項目一つ（C3）か意見一つ（A1-1）を一画面に示します。\n\n"
        "項目：件数、見出し、ご意見の概要、考え方（確定したもの、なければ最上位の過去の回答の候補を"
        "候補として）、意見（ID と短い文。写しは数だけ）、その項目や意見を名指しした判断。\n\n"
        "意見：文、状態、項目、その意見を名指しした判断。\n\n"
        "判断の番号は cluster review list と undo --decision N の番号です。"
    ),
    "cluster review split": "名指しした意見を取り出して、新しい項目にします。",
    "cluster review summary": (
        "項目 CLUSTER_ID のご意見の概要を書きます。報告書には代表の意見の代わりに TEXT を示します"
        "（報告書の他の文と同じく個人情報を伏せます）。"
    ),
    "cluster review undo": (
        "判断を取り消します（指定がなければ最新のもの）。一つの worksheet から取り込んだ判断をまとめて"
        "取り消すこともできます。次の実行からは当てはめません。\n\n"
        "DIR/decisions.jsonl に withdraw の行を書き足します。取り消した判断も残るので、ファイルは"
        "誰が何を判断したかの完全な記録のままです。"
    ),
}

# The line in a group's list of commands (else the help's first sentence)
SHORT = {
    "cluster run": "意見を読み、実行フォルダに結果を書き出します",
    "cluster answers": "問い合わせの各行に、過去の回答の候補を示します",
    "cluster review": "職員の判断を記録します（次の実行でも当てはめます）",
    "cluster review department": "項目の考え方を書く担当課を記録します",
    "cluster review import": "記入済みの worksheet.xlsx を取り込みます",
    "cluster review undo": "判断を取り消します",
    "cluster review cut": "意見を TEXT の始まる位置で二つに切ります",
    "cluster review section": "項目 CLUSTER_ID の該当箇所を書きます",
}

# Options of every command that has them (their help is the same wherever they appear).
SHARED_OPTIONS = {
    "help": "この説明を表示して終了します。",
    "version": "版を表示して終了します。",
    "lang": "表示の言語：en（既定）または ja（日本語）。環境変数 CLUSTER_LANG=ja でも指定できます。",
    "by": "判断した人（既定：OS のユーザー名）。",
}

_READER = {
    "encoding": "{what}の文字コードの推定が違うときに指定します（utf-8、cp932 …）。",
    "sheet": "読み込む{what}の Excel のシート（既定：データのある最初の表示中のシート）。",
    "header_row": (
        "{what}の列名の行の番号（Excel の行番号。CSV では表計算ソフトで見える行の番号：改行を含む"
        "引用符つきのセルは一行）。それより上の行は読み飛ばして一覧にします。既定：自動で見つけます"
        "（列名の上の表題の行は読み飛ばします）。"
    ),
}

OPTIONS = {
    "cluster run": {
        "out_dir": "書き出す実行フォルダ。",
        "text_column": (
            "意見の文の列（推定：ご意見、意見、本文、内容、text …。フォームの自由記述の設問が複数あれば"
            "順に読みます）。何度か付けると、その順に複数の列を読み、列名がその回答の見出しになります。"
        ),
        "id_column": "提出の番号の列（推定：受付番号、番号、ID …。なければ行番号）。",
        "channel_column": "提出方法の列：郵送／持参／FAX／電子メール（推定：提出方法 …）。",
        "submitter_column": "提出者の氏名の列。提出者数を数え、氏名を伏せるのに使います（推定：氏名 …）。",
        "kind_column": (
            "個人か団体かの列。提出者数を区分ごとに数えます（推定：個人・団体、提出者区分 …）。"
            "団体名の列は団体の名前です（推定：団体名、法人名 …）。"
        ),
        "attribute_columns": (
            "提出者の属性の列（年代や年齢、在住・在勤・在学、性別 …）。報告書に「提出者の内訳（年代）："
            "10代 2名、20代 5名 …」を加えます（年齢は10歳ごとに数えます）。何度でも付けられ、以後の --out への"
            "実行でも保ちます（--attribute-column \"\" でやめます）。値は20種類まで（住所や自由記述は不可）。"
        ),
        "answers": (
            "考え方の候補を探す過去の回答の表（CSV/XLSX）。何度でも付けられます。cluster answers --save-index で"
            "保存した索引一つでも構いません（埋め込みを計算し直しません）。"
        ),
        "answer_id_column": "過去の回答：番号の列（推定：No.、番号 …）。",
        "answer_opinion_column": "過去の回答：過去の意見の列（推定：ご意見の概要 …）。",
        "answer_text_column": "過去の回答：回答の列（推定：市の考え方、回答 …）。",
        "min_answer_score": (
            "この点数以上の過去の回答を、報告書に候補として示します（answers.csv にはすべて載ります）。"
            "既定：過去の回答の索引の基準（保存した索引に別の値がなければ 0.15）。"
        ),
        "topics": "テーマや案の章・節の一覧（CSV：topic[,description]、または .txt に一行に一つ）。",
        "order": (
            "報告書の行の順：section = 案の順（--topics のファイルの順。該当箇所のない行は最後）、"
            "count = 意見の多い順、auto = --topics があれば section、なければ count。"
        ),
        "count_repeats": (
            "同じ提出者（氏名）が同じ意見を複数回送ったとき（メールと郵送で同じ手紙など。完全な写しも"
            "ほぼ同じ写しも）：each = すべて数える（既定）、once = 一件と数え、後の写しは opinions.csv に "
            "status repeat で残し（repeat_of が最初のもの）、報告書に「同一の者から同一内容の意見が複数提出"
            "されたものは1件として集計しています（該当N件）。」と書きます。以後の --out への実行でも保ちます。"
        ),
        "final": (
            "公表する形の報告書：確定した考え方だけを示し（未確認の候補は出しません。worksheet.xlsx と "
            "answers.csv には残ります）、まだ考え方のない行を実行が示します。"
        ),
        "no_split": (
            "一つの提出を一つの意見のままにします（番号つきの項目や段落で切りません）。あいさつ、引用した"
            "お知らせ、その前後の署名は、別の行（status greeting、header、quoted）として除きます。"
        ),
        "model": "埋め込みのモデル：sentence-transformers の名前かパス（既定：同梱のモデル）。",
        "seed": "まとめの乱数の種。",
        "title": (
            "報告書の表題（既定：表の上の表題の行に案の名前「…（案）に対する意見一覧」があればそれ、"
            "なければ入力ファイルの名前から）。"
        ),
        "answer_heading": (
            "報告書の考え方の列の見出し（「県の考え方」「市の考え方」。既定は 考え方、または --out の以前の"
            "実行で使ったもの）。"
        ),
        "period": "意見募集期間。報告書に意見募集期間として示します（「令和8年1月10日～2月9日」）。",
        "categories": (
            "所属の対応区分を一行に一つ：短い記号とその意味（「A,ご意見を踏まえ案を修正したもの」「ア　今後の"
            "参考とするもの」）。既定：A 案を修正／B 既に盛り込み済み／C 参考／D 反映しない／E その他。"
            "行の区分は cluster review category で記録します。"
        ),
        "no_mask": (
            "報告書と worksheet.xlsx で個人情報を伏せません（opinions.csv、clusters.csv、answers.csv は"
            "どちらでも送られたままの文です）。"
        ),
        "report_encoding": (
            "CSV の出力の文字コード（古い Excel には cp932。cp932 にない文字は 〓 になり、警告を出します）。"
        ),
        "no_worksheet": (
            "worksheet.xlsx（職員が概要と考え方を書き込み、cluster review import で読み戻す表）を書きません。"
        ),
        "progress": "標準エラー出力に進み具合を表示します（既定：端末のとき）。",
    },
    "cluster answers": {
        "query_path": "問い合わせの表（一行に一つの意見）。",
        "out_path": "書き出す CSV。",
        "k": "問い合わせ一つあたりの過去の回答の数。",
        "text_column": "問い合わせの文の列（推定）。",
        "id_column": "問い合わせの番号の列（推定。なければ行番号）。",
        "answer_id_column": "過去の回答：番号の列（推定）。",
        "answer_opinion_column": "過去の回答：過去の意見の列（推定）。",
        "answer_text_column": "過去の回答：回答の列（推定）。",
        "model": "埋め込みのモデル（既定：同梱のモデル）。",
        "min_score": "この点数より低い候補は除きます。",
        "save_index": "過去の回答の索引をここにも保存し、次に使えるようにします。",
    },
    "cluster review answer": {
        "answer_id": (
            "この過去の回答を確定します（answers.csv か実行が使った過去の回答の answer_id、または公表した表の"
            "番号 5 や No.5 で一つに決まるとき。その文も判断と一緒に記録します）。"
        ),
        "text": "考え方を自分で書きます。",
    },
    "cluster review cut": {
        "before": (
            "後半の始まりの語（意見の中に一度だけあり、意見の先頭ではないもの）。何度か付けると、一つの意見を"
            "三つ以上に一度で切ります。"
        ),
    },
    "cluster review exclude": {
        "reason": "案に対する意見ではない理由（判断と一緒に記録し、cluster review list で示します）。",
        "with_copies": (
            "その意見の重複のグループの写しもすべて除きます（一つずつ判断に名前を記録）。付けないと、"
            "グループの一通だけは断ります。"
        ),
    },
    "cluster review import": {
        "dry_run": "記録する内容を一覧にするだけで、何も記録しません。",
    },
    "cluster review undo": {
        "number": (
            "取り消す判断の番号（cluster review list の番号。既定：まだ有効な最新のもの）。"
        ),
        "imported": "cluster review import で worksheet FILE（ファイル名）から取り込んだ判断をすべて取り消します。",
    },
}

# The file each command's --encoding, --sheet and --header-row read (cli._reader_options)
_READER_WHAT = {"cluster run": "入力ファイル", "cluster answers": "問い合わせファイル"}

# What each argument's placeholder stands for, said under the command's help (QA83: 「DIR」 was never said
# to be the folder written by cluster run --out)
ARGUMENTS = {
    "DIR": "実行フォルダ（cluster run の --out に指定したフォルダ。例：out）",
    "INPUT": "意見のファイル（CSV・TSV・Excel・JSON lines。いくつでも並べられます）",
    "CLUSTER_ID": "項目ID（clusters.csv の cluster_id。例：C001）",
    "CLUSTERS": "項目ID をいくつか（例：C001 C004）",
    "OPINION_ID": "意見ID（opinions.csv の opinion_id。受付番号に -1、-2… を付けたもの。例：A1-1）",
    "OPINION_IDS": "意見ID をいくつか（opinions.csv の opinion_id）",
    "SUBMISSION_ID": "提出の受付番号（その提出の意見すべて）",
    "ID": "項目ID（C001）か意見ID（A1-1）",
    "TEXT": "書き込む文字列（空白を含むときは \"…\" で囲みます）",
    "CATEGORY": "対応区分の記号か名前（既定は A〜E。例：A、「今後の取組の参考とするもの」）",
    "DEPARTMENT": "担当課の名前",
    "WORKSHEET": "記入済みの worksheet.xlsx",
    "PAST": "過去の回答の表（CSV・Excel）",
}


def argument_legend(command: click.Command) -> str:
    """「DIR：実行フォルダ（…）」 paragraphs for the placeholders of ``command``'s arguments, in their order."""
    seen: list[str] = []
    for param in command.params:
        if isinstance(param, click.Argument):
            for word in re.findall(r"[A-Z][A-Z_]*", param.human_readable_name):
                if word in ARGUMENTS and word not in seen:
                    seen.append(word)
    return "\n\n".join(f"{word}：{ARGUMENTS[word]}" for word in seen)


def option_help(command_path: str, name: str) -> str | None:
    """The Japanese help of option ``name`` (its parameter name) of ``command_path``, or None."""
    if name in OPTIONS.get(command_path, {}):
        return OPTIONS[command_path][name]
    if name in _READER and command_path in _READER_WHAT:
        return _READER[name].format(what=_READER_WHAT[command_path])
    return SHARED_OPTIONS.get(name)


def _commands(command: click.Command, path: str):
    yield path, command
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            yield from _commands(sub, f"{path} {name}")


def use_language(root: click.Command, language: str) -> None:
    """Put the help of ``root`` and every command under it in ``language`` (en or ja) for this
    invocation: the English help is kept aside on first use, so the next invocation in the same
    process (the tests' runner) can have it back."""
    for path, command in _commands(root, "cluster"):
        english = command.__dict__.setdefault("_help_en", (command.help, command.short_help))
        if language == "ja" and path in COMMANDS:
            legend = argument_legend(command)
            command.help = COMMANDS[path] + (f"\n\n{legend}" if legend else "")
            # (click's short help cuts at a word boundary in English; a Japanese line has none)
            command.short_help = SHORT.get(path) or COMMANDS[path].split("\n")[0].split("。")[0]
        else:
            command.help, command.short_help = english
        for param in command.params:
            if not isinstance(param, click.Option):
                continue
            english_option = param.__dict__.setdefault("_help_en", param.help)
            japanese = option_help(path, param.name or "") if language == "ja" else None
            param.help = japanese or english_option


def display_width(text: str) -> int:
    """Terminal columns of ``text``: full-width and wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "FW" else 1 for ch in text)


_CLOSING = "。、，．）」』】〕・：？！ー"  # never at a line's start (kinsoku)
_OPENING = "（「『【〔"  # never at a line's end


def wrap(text: str, width: int) -> list[str]:
    """Lines of ``text`` no wider than ``width`` columns: broken between characters in Japanese
    (which has no spaces to break at) and at spaces between Latin words; a closing mark never
    starts a line, an opening bracket never ends one."""
    tokens = re.findall(r" +|[!-~]+|[^ -~]", text)  # spaces, ASCII words, other characters one by one
    lines: list[str] = []
    line = ""
    for token in tokens:
        if token.startswith(" "):
            line += " " if line else ""
            continue
        fits = display_width(line + token) <= width
        if fits or not line.strip() or (token in _CLOSING and display_width(line) <= width):
            line += token  # (one closing mark may hang past the width)
            continue
        carried = ""
        if token in _CLOSING:  # a second one: the character before the marks goes down with them
            cut = len(line.rstrip(_CLOSING)) - 1
            if cut > 0:
                carried, line = line[cut:], line[:cut]
        while line and line[-1] in _OPENING:
            carried, line = line[-1] + carried, line[:-1]
        lines.append(line.rstrip())
        line = carried + token
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


class JapaneseHelpFormatter(click.HelpFormatter):
    """click's help layout with Japanese headings and lines wrapped by display width (click counts
    a full-width character as one column, so Japanese help would run twice as wide)."""

    _HEADINGS = {"Options": "オプション", "Commands": "コマンド", "Arguments": "引数"}

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        args = args.replace("[OPTIONS]", "[オプション]").replace("COMMAND [ARGS]...", "コマンド [引数]...")
        head = f"{' ' * self.current_indent}使い方: {prog}"
        if display_width(f"{head} {args}") <= self.width:
            self.write(f"{head} {args}\n")
            return
        self.write(head + "\n")  # (click counts 「使い方」 as 3 columns, not 6: the arguments on lines of their own)
        for line in wrap(args, max(self.width - self.current_indent - 4, 20)):
            self.write(f"{' ' * (self.current_indent + 4)}{line}\n")

    def write_heading(self, heading: str) -> None:
        super().write_heading(self._HEADINGS.get(heading, heading))

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        width = max(self.width - self.current_indent - 2, 20)  # (room for a closing mark that hangs)
        for k, paragraph in enumerate(text.split("\n\n")):
            if k:
                self.write("\n")
            if paragraph.startswith("\b"):
                for line in paragraph[1:].strip("\n").split("\n"):
                    self.write(f"{indent}{line}\n")
                continue
            joined = "".join(part.strip() for part in paragraph.split("\n"))
            for line in wrap(joined, width):
                self.write(f"{indent}{line}\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = [(first, _click_words(second)) for first, second in rows]
        first_width = min(max((display_width(first) for first, _ in rows), default=0), col_max)
        text_width = max(self.width - first_width - col_spacing - self.current_indent - 2, 20)
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if display_width(first) <= first_width:
                self.write(" " * (first_width - display_width(first) + col_spacing))
            else:
                self.write("\n" + " " * (first_width + col_spacing + self.current_indent))
            lines = wrap(second, text_width)
            self.write(f"{lines[0]}\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_width + col_spacing + self.current_indent}}{line}\n")


def _click_words(text: str) -> str:
    """click's own words after an option's help (「[default: 5]」「[required]」) in Japanese."""
    text = text.replace("[required]", "［必須］").replace("Show this message and exit.", SHARED_OPTIONS["help"])
    text = re.sub(r"\[x>=(\d+)\]", r"［\1以上］", text)
    return re.sub(r"\[default: ([^\]]*?)(; required)?\]",
                  lambda m: f"［既定：{m.group(1)}{'、必須' if m.group(2) else ''}］", text)
