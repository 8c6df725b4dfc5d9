"""QA49: whole e-mail bodies pasted into a sheet (a city's 公共交通計画 consultation).

Company signature blocks and confidentiality notices, mobile footers, quoted notices under an
unrecognised lead-in, forwards the writer only points to, HTML from a web mailer, attachment-only
mails with a footer, preambles and 一つ書き items."""
from __future__ import annotations

import pytest

from cluster.normalize import comparison_text, display_text, is_attachment_only, is_introduction
from cluster.split import split_submission


def pieces(text: str) -> list[tuple[str, str]]:
    """(kind, text) of each segment: "ok" for an opinion, else "closing", "header" or "quoted"."""
    out = []
    for s in split_submission(text):
        kind = s.part or ("closing" if s.closing else "ok")
        out.append((kind, s.text_of(text)))
    return out


def opinions(text: str) -> list[str]:
    return [t for k, t in pieces(text) if k == "ok"]


SIGNATURE = ("━━━━━━━━━━━━━━━━━━━━\n株式会社あさひ運輸　総務部\n山川太一\n〒111-2222 みなと市浜町1丁目2番3号\n"
             "TEL：0111-22-3333　FAX：0111-22-3334\nURL：https://www.asahi-unyu.example.co.jp\n━━━━━━━━━━━━━━━━━━━━\n")
NOTICE_JA = ("本メールは機密情報を含む場合があります。本メールを誤って受信された場合は、お手数ですが送信者にご連絡の上、"
             "本メールを削除してください。\n")
NOTICE_EN = ("This e-mail and any attachments may contain confidential information. If you are not the intended "
             "recipient, please notify the sender and delete this e-mail.")


@pytest.mark.parametrize("request_line", ["浜町方面への朝のバスを増便してください。", "倉庫前にバス停を新設してください。"])
def test_company_signature_and_confidentiality_notice_leave_the_opinion(request_line):
    source = f"{request_line}\n\nよろしくお願いいたします。\n\n{SIGNATURE}{NOTICE_JA}{NOTICE_EN}"
    ops = opinions(source)
    assert len(ops) == 1 and ops[0].startswith(request_line)
    assert "機密" not in ops[0] and "株式会社" not in ops[0] and "confidential" not in ops[0]
    rest = "".join(t for k, t in pieces(source) if k != "ok")
    assert "本メールは機密情報" in rest and "TEL" in rest  # kept as a greeting row, not lost


def test_same_company_block_under_different_opinions_makes_no_copies():
    a = f"浜町方面への朝のバスを増便してください。\n\n{SIGNATURE}{NOTICE_JA}"
    b = f"倉庫前にバス停を新設してください。\n\n{SIGNATURE}{NOTICE_JA}"
    assert len(opinions(a)) == len(opinions(b)) == 1  # the block is no opinion (QA49: 5 copies made a campaign)
    assert comparison_text(opinions(a)[0]) != comparison_text(opinions(b)[0])
    assert comparison_text(opinions(a)[0]) == comparison_text("浜町方面への朝のバスを増便してください。")


def test_dash_dash_signature_and_a_notice_in_brackets():
    source = ("循環バスの運行間隔を短くしてほしい。\n\n--\nあおば建設株式会社　企画部\n川村純\nTEL 0111-66-7788\n\n"
              "【ご注意】このメールには機密情報が含まれている可能性があります。誤って受信された方は直ちに削除してください。")
    assert opinions(source) == ["循環バスの運行間隔を短くしてほしい。"]


@pytest.mark.parametrize("footer", ["Sent from my Android", "Sent from my iPhone", "iPhoneから送信", "Android から送信",
                                    "Get Outlook for iOS"])
def test_mobile_footer_leaves_the_opinion(footer):
    source = f"終バスを22時頃まで延長してください。\n\n{footer}"
    assert opinions(source) == ["終バスを22時頃まで延長してください。"]


@pytest.mark.parametrize("lead_in", ["みなと市 交通政策課 様 のメッセージ：", "2026年1月10日(土) 9:00 みなと市 交通政策課:"])
@pytest.mark.parametrize("mark", ["＞", "> "])
def test_quoted_notice_under_an_unrecognised_lead_in_is_quoted(lead_in, mark):
    source = (f"デマンドタクシーを当日予約できるようにしてほしいです。\n\n井上愛\n\n{lead_in}\n"
              f"{mark}みなと市では、「みなと市公共交通計画（案）」を作成しました。\n"
              f"{mark}ご意見には住所・氏名・電話番号を記載してください。\n{mark}募集期間：令和8年1月10日（土）～2月9日（月）")
    assert opinions(source) == ["デマンドタクシーを当日予約できるようにしてほしいです。"]
    quoted = [t for k, t in pieces(source) if k == "quoted"]
    assert quoted and quoted[0].startswith(lead_in)


FORWARD = ("---------- Forwarded message ---------\nFrom: 浜線を守る会 <mamorukai@example.org>\n"
           "Date: 2026年1月18日(日) 19:30\nSubject: 【拡散希望】浜線廃止への意見提出のお願い\nTo: 会員各位\n\n"
           "会員の皆様へ\n以下の文面で市へ意見を送ってください。\n\n"
           "浜線の廃止に反対します。\n浜線は浜地区の住民が病院へ通う唯一の公共交通です。路線を維持してください。\n")


@pytest.mark.parametrize("note", ["下記の意見に賛同します。", "先ほどの意見、宛先を間違えたので転送します。"])
def test_a_forward_the_writer_only_points_to_is_the_opinion(note):
    source = f"{note}\n\n清水幸子\n\n{FORWARD}"
    ops = opinions(source)
    assert len(ops) == 1 and ops[0].startswith("浜線の廃止に反対します。")
    assert "From:" not in ops[0] and "文面" not in ops[0]
    kinds = [k for k, _ in pieces(source)]
    assert "header" in kinds and "quoted" not in kinds


def test_a_forward_under_the_writers_own_request_stays_quoted():
    source = f"駅前の駐輪場を増設してください。\n\n清水幸子\n\n{FORWARD}"
    assert opinions(source) == ["駅前の駐輪場を増設してください。"]


@pytest.mark.parametrize("note", ["私の娘も浜線で高校に通っています。", "浜線がなくなったら私は外出できなくなります。"])
def test_a_campaign_forwarded_under_the_writers_own_words_is_the_opinion_and_the_words_its_reason(note):
    # QA49: the campaign of 8 was counted 5, three forwards kept as quoted under a line of the writer's own
    source = f"{note}\n\n木村和子\n\n{FORWARD}"
    kinds = pieces(source)
    assert ("reason", note) in kinds
    ops = opinions(source)
    assert len(ops) == 1 and ops[0].startswith("浜線の廃止に反対します。") and "文面" not in ops[0]
    assert "quoted" not in [k for k, _ in kinds]


def test_a_forward_that_is_no_campaign_text_stays_quoted_under_the_writers_words():
    # a note over a plain forwarded mail (no 「以下の文面で…」 over it) is the writer's opinion
    plain = FORWARD.replace("会員の皆様へ\n以下の文面で市へ意見を送ってください。\n\n", "")
    source = f"私の娘も浜線で高校に通っています。\n\n{plain}"
    assert opinions(source) == ["私の娘も浜線で高校に通っています。"]


def test_forwarded_campaign_copies_and_typed_copies_make_one_duplicate_group(tmp_path):
    from conftest import read_csv_rows, run_folder

    typed = "浜線の廃止に反対します。\n浜線は浜地区の住民が病院へ通う唯一の公共交通です。路線を維持してください。"
    rows = [["1", typed], ["2", typed + "\n\n本当に困ります。"], ["3", f"私の娘も浜線で高校に通っています。\n\n{FORWARD}"],
            ["4", f"浜線がなくなったら私は外出できなくなります。\n\n{FORWARD}"], ["5", "駅前の駐輪場を増設してください。"]]
    out, _, _ = run_folder(tmp_path, ["No", "意見"], rows)
    ops = read_csv_rows(out / "opinions.csv")
    groups = {r["comment_id"]: r["duplicate_group"] for r in ops if r["status"] == "ok"}
    assert groups["1"] and groups["1"] == groups["3"] == groups["4"]
    assert sorted(r["comment_id"] for r in ops if r["status"] == "reason") == ["3", "4"]
    assert sum(r["status"] == "ok" for r in ops) == 5


def test_html_from_a_web_mailer_is_decoded():
    from cluster.io import decode_html_text

    assert decode_html_text("交通政策課&nbsp;様<br><br>1.&nbsp;終バスを延長してください。<br>2.&nbsp;屋根をつけてください。") == \
        "交通政策課 様\n\n1. 終バスを延長してください。\n2. 屋根をつけてください。"
    assert decode_html_text("<div>無料乗車券を交付してください。</div><div>&nbsp;</div><div>mari.w&#64;example.jp</div>") == \
        "無料乗車券を交付してください。\n\nmari.w@example.jp"
    assert decode_html_text("&lt;div&gt;屋根を&lt;/div&gt;") == "屋根を"
    assert decode_html_text("a<b と c>d、3<5") == "a<b と c>d、3<5"  # prose, no markup


def test_html_cells_are_decoded_when_read(tmp_path):
    from cluster.io import choose_columns, read_table

    path = tmp_path / "c.csv"
    path.write_text("番号,意見\n1,1.&nbsp;終バスを延長してください。<br>2.&nbsp;屋根をつけてください。\n2,駐輪場を増やして。\n",
                    encoding="utf-8")
    table = read_table(path)
    col = choose_columns(table)["text"]
    assert table.rows[0][col] == "1. 終バスを延長してください。\n2. 屋根をつけてください。"
    assert any("HTML" in n and "1 cell" in n for n in table.read_notes(col))
    assert len(opinions(table.rows[0][col])) == 2


@pytest.mark.parametrize("source", ["意見は添付ファイルのとおりです。\n\nSent from my iPhone",
                                    "当法人の意見を別添PDFにまとめましたので、ご確認ください。"])
def test_attachment_only_mails(source):
    ops = opinions(source)
    assert len(ops) == 1 and is_attachment_only(ops[0])


def test_preambles_and_subject_line():
    assert is_introduction("お世話になります。\n意見を2点送ります。")
    assert is_introduction("先日お送りした意見に追加です。")
    source = "件名：浜線の廃止に反対します\n\n浜線の廃止に反対します。路線を維持してください。"
    assert display_text(source) == "浜線の廃止に反対します。路線を維持してください。"
    assert comparison_text(source) == comparison_text("浜線の廃止に反対します。路線を維持してください。")


def test_ichi_items_and_short_request_lines_are_cut():
    letter = ("拝啓\n厳寒の候、ますますご清栄のこととお慶び申し上げます。\nさて、計画（案）について意見を申し上げます。\n"
              "一、バスの増便を願います。\n一、運賃の値下げを願います。\n敬具\n工藤正男")
    assert opinions(letter) == ["バスの増便を願います。", "運賃の値下げを願います。"]
    assert opinions("バス停に屋根を。\n終バスの延長を。\n久保田実") == ["バス停に屋根を。", "終バスの延長を。"]
    # two sentences of one request stay one opinion
    assert len(opinions("浜線の廃止に反対します。\n路線を維持してください。")) == 1


@pytest.mark.parametrize("source", ["このメールに書いた住所は削除してください。\n個人情報が誤って送信されないようにしてください。",
                                    "バス停の案内板を直してください。\n――――――――――\n案内板が読めません。"])
def test_requests_that_speak_of_mail_or_rules_stay_opinions(source):
    assert all(k == "ok" for k, _ in pieces(source))
