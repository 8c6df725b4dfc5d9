"""Comparison text: what two opinions must share to count as the same words.

The original text is always kept; this only builds the key used for duplicate detection
and embedding. NFKC folds full-width digits and letters, spaces are removed (Japanese does
not need them and form letters differ in them), stock greetings and closing lines go (only a
whole sentence or line made of them, never a phrase inside a sentence: 「現在65歳以上です。」 keeps
its 「以上です」), and a trailing signature line (「東町在住　山田」) is dropped.
``display_text`` is the published form; ``is_introduction`` tells a preamble that only
greets, introduces the writer or announces the items below (「意見」「意見：」「意見を送ります。」「計画案に
ついて3点意見します。」 alone over them) from an opinion. ``is_empty_opinion`` reads a stock 'no comment'
(「特に意見はございません」) and a letter that only thanks (「特に意見はありませんが、いつもありがとうござ
います。」「計画づくりお疲れ様です。」) as no opinion.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from typing import Sequence

from .transcript import without_speech_noise

# Stock greeting and closing phrases. They are removed only when a whole sentence (from the
# text start or after 。．！？ or a line break, up to its end mark) or a whole line is made of
# them (「計画案を拝見し、気になった点を挙げます。」 is two of them), never from inside a sentence:
# 「現在65歳以上です。」 and 「意見は以上です。」 keep their 「以上です」.
# Closing words of a letter, shared by the greeting filter, the splitter (a closing line after
# the last item) and the masker (a lone family name after a closing is a signature).
CLOSING_WORDS = ("以上", "敬具", "敬白", "謹白", "草々", "早々", "不一", "草一", "かしこ")

# A closing with the writer's name on its line: 「Best regards, Anna Schmidt」「Atenciosamente, João」
_FOREIGN_CLOSING_WORDS = (r"(?i:(?:with\s+)?(?:best|kind|warm|warmest)\s+(?:regards|wishes)|regards|sincerely(?:\s+yours)?"
                          r"|yours\s+(?:sincerely|faithfully|truly)|many\s+thanks|thank\s+you|thanks"
                          r"|atenciosamente|cordialmente|abraços|trân\s+trọng|kính\s+thư|saludos|atentamente)")
# A line that closes a letter in another language, a signature under it (「Xin chân thành cảm ơn.」「Best
# regards,」「此致敬礼」「감사합니다」「박지영 드림」「Atenciosamente,」「Salamat po.」「धन्यवाद」): the splitter
# cuts it with the name and contact lines under it, as it cuts 「以上」「敬具」 (split._closing_block)
FOREIGN_CLOSING_LINE_RE = re.compile(
    r"[ \t\u3000]*(?:" + _FOREIGN_CLOSING_WORDS + r"|(?i:xin\s+(?:chân\s+thành\s+)?cảm\s+ơn|cảm\s+ơn|obrigad[oa]s?|muito\s+obrigad"
    r"|(?:maraming\s+)?salamat|gracias|muchas\s+gracias)"
    r"|此致|敬礼|敬禮|(?:非常)?(?:谢谢|謝謝|感谢|感謝)|(?:정말\s*|진심으로\s*)?(?:감사|고맙)|(?:[가-힣]{1,5}\s*){1,3}(?:드림|올림)"
    r"|(?:हार्दिक\s*|धेरै\s*)?धन्यवाद|सादर)")
_FOREIGN_GREETINGS = [
    # English: 「Thank you for reading.」「Thank you for the opportunity to comment.」「Best regards, Anna」
    r"(?i:thank\s+you(?:\s+(?:very|so)\s+much)?(?:\s+for\s+(?:reading(?:\s+(?:this|my\s+(?:comment|opinion|letter)))?"
    r"|listening|your\s+(?:kind\s+)?(?:time|consideration|attention|understanding|help|support)"
    r"|(?:the|this)\s+opportunity(?:\s+to\s+(?:comment|give\s+(?:my\s+)?(?:opinion|comments?)))?))?"
    r"|good\s+(?:morning|afternoon|evening)|greetings|respectfully(?:\s+yours)?)",
    _FOREIGN_CLOSING_WORDS + r"[,，]?[ \t]+[A-ZÀ-ÖØ-ÞĀ-ſƠƯẠ-ỹ][\w.'’-]*(?:[ \t]+[A-ZÀ-ÖØ-ÞĀ-ſƠƯẠ-ỹ][\w.'’-]*){0,3}",
    # Chinese (simplified / traditional)
    r"此致(?:[\s，,]*敬礼|[\s，,]*敬禮)?|敬礼|敬禮|(?:非常|十分)?(?:谢谢|謝謝|感谢|感謝)(?:您|你|大家)?(?:的)?"
    r"(?:阅读|閱讀|关注|關注|考虑|考慮|支持|帮助|幫助|理解)?|多谢|多謝|您好|你好|大家好|请多关照|請多關照|拜托了|拜託了|"
    r"尊敬的[^\n。，,：:]{1,20}[：:]?|[^\n。，,]{1,10}敬上",
    # Korean: 「안녕하세요」「감사합니다」「잘 부탁드립니다」「박지영 드림」
    r"(?:정말|진심으로|대단히)?\s*(?:감사합니다|감사드립니다|고맙습니다|감사했습니다)|안녕하세요|안녕하십니까|"
    r"(?:잘\s*)?부탁(?:드립니다|드려요)|(?:[가-힣]{1,5}\s*){1,3}(?:드림|올림)|존경하는\s*[^\n.,。]{1,20}(?:님|께)?",
    # Vietnamese: 「Kính gửi Ủy ban thành phố.」「Xin chân thành cảm ơn.」「Trân trọng.」
    r"(?i:kính\s+gửi\s+[^\n.,。!?]{1,40}|(?:xin\s+)?(?:chân\s+thành\s+|trân\s+trọng\s+)?cảm\s+ơn(?:\s+(?:rất\s+nhiều|nhiều))?"
    r"|xin\s+chào|chào\s+(?:anh|chị|ông|bà|quý\s+vị)[^\n.,。!?]{0,20}|trân\s+trọng|kính\s+thư)",
    # Portuguese (and Spanish): 「Prezados,」「Muito obrigado.」「Atenciosamente,」
    r"(?i:prezad[oa]s?(?:\s+senhor(?:es|as|a)?)?(?:\s+[^\n.,。!?]{1,30})?|(?:muito\s+)?obrigad[oa]s?(?:\s+pela\s+atenção)?"
    r"|atenciosamente|cordialmente|abraços|olá|bom\s+dia|boa\s+tarde|boa\s+noite"
    r"|(?:muchas\s+)?gracias|atentamente|saludos(?:\s+cordiales)?|estimad[oa]s?(?:\s+[^\n.,。!?]{1,30})?)",
    # Tagalog: 「Salamat po.」「Maraming salamat po.」「Magandang araw po.」
    r"(?i:(?:maraming\s+)?salamat(?:\s+po)?(?:\s+(?:nang\s+marami|sa\s+inyo))?|magandang\s+(?:araw|umaga|hapon|gabi)(?:\s+po)?"
    r"|kumusta(?:\s+po)?|lubos\s+na\s+gumagalang)",
    # Nepali: 「धन्यवाद।」「नमस्ते」
    r"(?:हार्दिक\s*|धेरै\s*)?धन्यवाद|नमस्ते|नमस्कार|सादर",
]

_GREETINGS = [
    r"(いつも|平素は|平素より)?(大変|たいへん)?お世話にな(って(おり|い)ます|ります)",  # 「お世話になります」 too
    r"(いつも|平素は|平素より)?(大変)?お世話様です",
    r"お疲れ(様|さま)です",
    r"はじめまして",
    r"初めまして",
    r"突然の(メール|ご連絡|お便り)(で|を)?(失礼|申し訳ございません|すみません)(いた|致)?し?ます",
    "拝啓|謹啓|前略|" + "|".join(w for w in CLOSING_WORDS if w != "以上"),  # 以上 comes last, below
    # 時候の挨拶: 「時下ますますご清祥のこととお慶び申し上げます」「春暖の候、…」「寒さ厳しき折、…」
    r"[^\n。、]{1,8}の(候|みぎり)",
    r"[^\n。、]{1,10}(の)?(折|折柄)(から)?",
    r"(時下|貴職|皆様|皆さま|貴殿|[^\n。、]{1,12}の(皆様|皆さま))?(におかれましては|には)?(ますます|益々)?ご(清祥|清栄|健勝|隆盛)の"
    r"(こと|段)?(と)?(お|御)[^\n。、]{1,5}申し上げます",
    r"平素(は|より)?[^\n。]{0,24}(ご高配|ご尽力|ご理解|ご支援|ご協力)[^\n。]{0,12}(御礼|お礼|感謝)申し上げます",
    # 「以下、意見です。」「下記のとおり意見を提出いたします。」
    r"(以下|下記|次)(、|の(とおり|通り)、?)?(が|は)?(私の|当会の|当協会の)?(ご?意見|要望|提案)(です|となります|になります|を(提出|送付)(いた|致)?し?ます)",
    # 「お問い合わせへのご回答ありがとうございました。」
    r"([^\n。]{0,20}(への|に対する))?(ご回答|ご返信|ご連絡|お返事|ご返事|ご対応)(を)?(いただき)?、?"
    r"(ありがとうございま(す|した)|感謝(いた|致)?し?ます)",
    r"(以下|下記|次)の(とおり|通り|ように)(、)?(ご?意見|コメント)を(提出(いた|致)?し|申し上げ|述べ|お?送り(いた|致)?し|送り)ます",
    r"意見を(提出|申し上げ)(いた)?します",
    r"意見を(提出(いた|致)?し|申し上げ)ます",
    # 「二点意見します。」「3点、意見を申し上げます。」
    r"[0-9０-９一二三四五六七八九十]+\s*(点|つ|項目|件)(について|に関して|の)?、?\s*(ご?意見|コメント)を?(申し上げ|述べ|提出(いた|致)?し|お?送り(いた|致)?し|(いた|致)?し)ます",
    # 「意見を2点述べます。」「要望を三つ申し上げます。」 (QA40: it was published as an opinion of its own)
    r"(ご?意見|要望|コメント|提案)を[0-9０-９一二三四五六七八九十]+\s*(点|つ|項目|件)、?(申し上げ|述べ|提出(いた|致)?し|お?送り(いた|致)?し|(いた|致)?し)ます",
    # 「中央中学校PTAとして意見を提出します。」 (QA41: published as an opinion of its own)
    r"[^\n。]{1,30}として、?(ご?意見|コメント|要望)を(述べ|提出(いた|致)?し|申し上げ|お?送り(いた|致)?し)ます",
    # 「計画（案）について、東原町の住民として意見を申し上げます。」
    r"[^\n。]{0,30}(について|に対して|に対し)、?(?:[^\n。、]{1,20}として、?)?(以下の|次の)?(とおり|通り)?、?(意見|コメント)を(述べ|提出し|提出いたし|申し上げ|送り|お送りし)ます",
    r"以上(、)?(どうぞ)?(よろしく|宜しく)お願い(いた|致)?し?ます",
    r"(どうぞ|どうか|何卒|なにとぞ)?(よろしく|宜しく)お願い((いた|致)?し?ます|申し上げます)",
    # 「長々と書きましたが、よろしくお願いいたします。」「乱文失礼いたしました。」 (QA53: published as a row)
    r"(長々と|長々|長く)(書きました|書いてしまいました|なりました|なってしまいました|失礼しました|失礼いたしました)(が|けれど|けど)?、?"
    r"((どうぞ|どうか)?(よろしく|宜しく)お願い((いた|致)?し?ます|申し上げます))?",
    r"(乱文|乱筆|拙文|駄文)(乱筆)?(にて)?、?(失礼|ご容赦|お許し)[^\n。]{0,12}",
    r"ご?検討(の程|のほど)?(を)?(よろしく|宜しく)?お願い((いた|致)?し?ます|申し上げます)",
    # 「寒い日が続きますので、皆様お体にお気をつけください。」「職員の皆様もご自愛ください。」 (QA69: a row of its own)
    r"([^\n。]{0,24}(ので|から|折|おり|中|が|けれど|けれども)、?)?([^\n。、]{0,10}(皆様|皆さま|皆さん)(も|には)?)?、?"
    r"((お体|お身体|お体調|体調|健康)(に|を|には)?(は)?(お気をつけ|お気を付け|気をつけ|十分(に)?ご留意|ご留意|大切に)|ご自愛)"
    r"(ください|下さい|くださいませ|なさってください)",
    # 「末筆ながら、皆様のますますのご健勝をお祈り申し上げます。」 (QA85: it closed a letter's last opinion)
    r"(末筆ながら|末筆では(ございますが|ありますが))?、?[^\n。]{0,30}(ご健勝|ご多幸|ご発展|ご活躍|ご繁栄|ご清栄)"
    r"[^\n。]{0,20}(を)?(お祈り|祈念)(いた|致)?し?(申し上げ)?ます",
    # 「拝啓　寒さ厳しき折、皆様いかがお過ごしでしょうか。」 (QA106: published over the letter's request)
    r"(拝啓|謹啓|前略)?[ \u3000]*([^\n。]{0,20}(の折|の候|のみぎり|の頃|の季節|となりました|になりました)、?)?"
    r"([^\n。、]{0,10}(皆様|皆さま|皆さん|みなさま|みなさん)(に|には)?(は|も)?)?、?"
    r"(いかが|如何)(お過ごし|おすごし)(でしょうか|ですか|のことと存じます)",
    # 「お忙しいところ恐れ入りますが、一点だけ意見させてください。」
    r"([0-9０-９一二三四五六七八九十]+\s*(点|つ)(だけ)?、?)?(ご?意見|お願い|要望)(させて|を述べさせて|を申し上げさせて)(ください|下さい|いただきます|頂きます)",
    r"((私|わたし)の)?(ご)?意見は以上(です|となります|になります)",
    r"以上です",
    r"(どうも)?ありがとうございま(す|した)",
    r"以上",
    r"[^\n。、]{0,30}?(?<![同模仕多異一態有文])(御中|様|殿)",  # 「ご担当者様」, not 「同様」
    r"[^\n。、]{0,30}(計画案|案|素案|原案|資料)[)）]?を(拝見|拝読)し(まし)?た?",
    # 「いつも市政へのご尽力ありがとうございます」「いつもご苦労様です」「お忙しいところ恐縮ですが」
    # (QA61: 「いつも町政にご尽力いただき…」「日頃より町政にご尽力いただき感謝申し上げます」 were published, and
    # joined two letters on unrelated requests into one row)
    r"(いつも|平素は|平素より|日頃より|日頃から|日ごろより|日ごろから)?、?([^\n。、]{1,10}(への|に対する|に|で|のために))?"
    r"(ご尽力|ご努力|ご奮闘|お力添え)(を)?(いただき|頂き|くださり|下さり)?、?(誠に|本当に|大変)?"
    r"(ありがとうございます|ありがとうございました|に感謝(いた|致)?し?ます|感謝(いた|致)?し?ております|感謝(いた|致)?し?ます|"
    r"感謝申し上げます|(御礼|お礼)申し上げます|に敬意を表します|敬意を表します)",
    r"(いつも|日頃より)?ご苦労(様|さま)です",
    r"お忙しい(ところ|中)(大変)?(恐縮|恐れ入り|申し訳ございません|申し訳ありません)(です|ます)?(が)?",
    # 「子育て中の母親として意見を述べさせていただきます」「計画案への意見です」「意見は3点です」
    r"[^\n。]{0,40}(ご?意見|コメント)を(述べ|申し上げ|提出|お?送り)させて(いただき|頂き)ます",
    r"[^\n。、]{0,30}(へ|に対する|について)の(ご?意見|コメント)(です|となります|をお?送りします)",
    r"(ご?意見|要望)は[0-9０-９一二三四五六七八九十]+\s*(点|つ|件)(です|あります|ございます)",
    # 「図書室について二つお願いがあります」「要望が3点あります」
    r"([^\n。、]{0,30}(について|に関して|に関し|では)、?)?((ご?意見|要望|お願い|提案)が[0-9０-９一二三四五六七八九十]+\s*(点|つ|件)|"
    r"[0-9０-９一二三四五六七八九十]+\s*(点|つ|件)の?(ご?意見|要望|お願い|提案)が)(あります|ございます)",
    # where to send the reply, not an opinion: 「ご回答は … へお送りいただけると幸いです」「回答は不要です」
    r"(ご?回答|ご?返信|ご?返事|お返事)(は|を)?[^\n。]{0,60}(へ|に|まで)(お?送り|ご?連絡|ご?返信|メール|送付)(を)?"
    r"(いただけると|いただければ|頂けると|頂ければ|してください|ください|下さい|願います|お願い(いた|致)?し?ます)"
    r"(幸いです|助かります|ありがたいです|嬉しいです|うれしいです)?",
    r"(ご?回答|ご?返信|ご?返事|お返事)(は)?(不要|いりません|要りません)(です)?",
    # what the writer asks of the office, not of the draft (QA62: each was published as an opinion after 「なお、」)
    r"(なお|尚)、?",
    r"(私の|わたしの|当方の)?(氏名|名前|個人名|住所|連絡先|個人情報)(等|など)?(は|を|について)?、?(公表|公開|掲載|記載)"
    r"(しないで|されないよう|しないよう|は控えて|を控えて|はしないで)(ください|下さい|ほしい|欲しい|いただきたい|頂きたい|"
    r"お願い(いた|致)?し?ます)(です)?(お願い(いた|致)?し?ます)?",
    r"(私の|わたしの|当方の)?(氏名|名前|個人名|住所|連絡先|個人情報)(等|など)?の(公表|公開|掲載)(は|を)?、?"
    r"(しないで|控えて|ご遠慮)(ください|下さい|ほしい|欲しい|いただきたい|頂きたい|お願い(いた|致)?し?ます)",
    r"(ご不明な点|ご不明点|不明な点|ご質問|お問い合わせ|お問合せ)(等|など)?(が)?(あれば|ございましたら|ありましたら|がある場合は?)、?"
    r"[^\n。]{0,20}(ご連絡|連絡|お問い合わせ|問い合わせ|お問合せ)(ください|下さい|いただければ[^\n。]{0,10}|願います|"
    r"お願い(いた|致)?し?ます)",
    # 「（最後に、）このような機会をいただき感謝申し上げます」
    r"[^\n。]{0,40}(機会|場)を(設けて)?(いただき|頂き|いただいた|頂いた)[^\n。]{0,12}"
    r"(ありがとうございま(す|した)|感謝(いた|致)?し?ます|感謝申し上げます|御礼申し上げます|お礼申し上げます)",
    r"(以下|下記|次)の?\s*[0-9０-９一二三四五六七八九十]*\s*(点|項目|件)?(について|に関して|を|の)?、?\s*(ご?意見|コメント)?を?(申し上げ|述べ|提出|挙げ|送り|お送りし)(いた|致)?(し)?ます",
    r"気にな(った|る)点を(挙げ|述べ|申し上げ)ます",
    # 「意見を2点送ります。」「先日お送りした意見に追加です。」 (QA49: each was published as an opinion)
    r"(ご?意見|要望|コメント|提案)を[0-9０-９一二三四五六七八九十]+\s*(点|つ|項目|件)、?(送り|送信し|送付し)ます",
    r"(先日|先ほど|先程|以前|前回|昨日|さきほど)[^\n。]{0,10}(お?送り|送信|提出)(した|いたした|しました|させていただいた)"
    r"(ご?意見|メール|要望)(に|への|の)(追加|補足)(です|します|いたします|があります|させてください)",
    # a campaign organiser's lines over the text to send (「会員の皆様へ」「以下の文面で市へ意見を送ってください。」)
    r"[^\n。、]{0,20}の?(皆様|皆さま|皆さん|各位)(へ|に)",
    # a letter's salutation to the city, a child's too (QA50: 「さくら市のえらい人へ」「市長さんへ」
    # 「きょういくいいんかいのみなさんへ」 were read as the opinion's first sentence)
    r"[^\n。、]{0,20}?(えらい|偉い)?(人|ひと|人たち|ひとたち|方|かた|方々|みなさん|みなさま|市長|町長|村長|区長|知事|教育長|"
    r"議長|先生|せんせい|担当者?|しちょう)(さん|さま|様|殿|たち)?へ",
    r"(以下|下記|次)の(文面|文章|文|内容|例文|文例)(で|を|のとおり)[^\n。]{0,30}(送って|提出して|お送り)(ください|下さい)",
    # 「第3次計画案について、思うところを書かせていただきます。」 (QA47: the first line of a letter's opinion)
    r"[^\n。]{0,40}(について|に対して|に関して)?、?(思う|感じた|考える)(ところ|こと)を(書かせて|述べさせて)(いただき|頂き)ます",
    # an English letter's salutation and closing (「Dear Sir or Madam,」「Best regards,」: QA26 saw the
    # closing published with the opinion)
    r"(?i:(with\s+)?(best|kind|warm|warmest)\s+(regards|wishes)|regards|sincerely(\s+yours)?|yours\s+(sincerely|faithfully|truly)"
    r"|thank\s+you(\s+(very\s+much|for\s+your\s+(time|consideration|attention)))?|thanks(\s+in\s+advance)?|cheers"
    r"|dear\s+[^\n.,。、]{1,40}|to\s+whom\s+it\s+may\s+concern|hello|hi)[,，.!]?",
    # foreign residents' salutations, thanks and closings (QA44: 「Kính gửi Ủy ban thành phố.」「Xin chân thành
    # cảm ơn.」「此致敬礼」「감사합니다」「Atenciosamente」「Salamat po」「धन्यवाद」 stayed in the opinion and drove
    # its grouping); only ever a whole sentence or line, as the Japanese ones
    *_FOREIGN_GREETINGS,
]
# 「どうぞご検討ください。」「前向きなご検討をお願いいたします。」「子育て中の親の声として、どうぞご検討ください。」:
# consideration asked of nothing named, a courtesy under a letter's requests (QA69: each was a row of its own; 「バスの
# 増便をご検討ください」「重点事業として、ぜひご検討ください」 name what). Alone in a submission it is its opinion
# (``strip_greetings`` keeps it then: QA70 saw 「慎重なご検討をお願いいたします。」 counted as no opinion).
_COURTESY_REQUESTS = [
    r"(([^\n。、を]{0,12}の)?(声|立場|一人|ひとり|一市民|一住民)として、?)?(どうぞ|どうか|何卒|なにとぞ|ぜひ|是非)?、?"
    r"(前向きな|前向きに|十分な|十分に)?ご?(検討|考慮)(の程|のほど)?(を)?(よろしく|宜しく)?"
    r"(お願い(いた|致)?し?ます|お願い申し上げます|ください|下さい|(くださいます|いただけます|頂けます)よう(お願い|よろしく)"
    r"[^\n。]{0,10}|いただければ幸いです|頂ければ幸いです)",
]
_GREETINGS += _COURTESY_REQUESTS
_GREETING_PARTS = [re.compile(g) for g in _GREETINGS]
_BASE_GREETING_PARTS = [re.compile(g) for g in _GREETINGS if g not in _COURTESY_REQUESTS]
# A greeting sentence: one or more greeting phrases joined by 、 or blanks, then its end marks.
_JOINER_RE = re.compile(r"[、，,\s]*")
_SENTENCE_TAIL_RE = re.compile(r"[、，,。．.！？!?।\s]*")
_END_MARKS = "。．！？!?।"  # and the Devanagari danda (Nepali, QA44)
_CLOSERS = "」』）)】〕"


def _sentences(text: str) -> list[str]:
    """``text`` cut after each run of end marks (。．！？!? or a "." no letter or digit follows)
    and after each line break; the pieces join back to ``text``."""
    out, start, i, n = [], 0, 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\n" or ch in _END_MARKS or (ch == "." and (i + 1 >= n or not text[i + 1].isascii()
                                                             or not text[i + 1].isalnum())):
            end = i + 1
            if ch != "\n":
                while end < n and (text[end] in _END_MARKS or text[end] in _CLOSERS):
                    end += 1
                if end < n and text[end] == "\n":
                    end += 1
            out.append(text[start:end])
            start = i = end
            continue
        i += 1
    if start < n:
        out.append(text[start:])
    return out


def is_greeting_sentence(sentence: str, courtesy_requests: bool = True) -> bool:
    """True when ``sentence`` (one sentence or line) is nothing but stock greetings/closings.

    Walks the phrases left to right, each position tried once (linear, no nested backtracking:
    one big alternation repeated would be exponential on 「様様様…」).
    """
    core = sentence.strip(" \t\n\u3000")
    if not core:
        return False
    todo, seen = [0], {0}
    while todo:
        pos = todo.pop()
        for rx in (_GREETING_PARTS if courtesy_requests else _BASE_GREETING_PARTS):
            m = rx.match(core, pos)
            if m is None or m.end() == pos:
                continue
            if _SENTENCE_TAIL_RE.fullmatch(core, m.end()):
                return True
            nxt = _JOINER_RE.match(core, m.end()).end()
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return False


# A preamble that only introduces the writer or announces the items that follow.
_INTRO_SENTENCE_RE = re.compile(
    r"^(?:[^。、]{0,30}(?:課|係|室|部|局|会|協会|団体|事務所|在住|在勤|在学|市民|区民|県民|町民|村民|住民|者|"
    r"母|父|母親|父親|主婦|主夫|会社員|学生|会長|理事長|委員長|代表|代表者|部長|支部長)"
    r"の[^。、がはをにでも]{1,10}(?:です|でございます)"
    # 「自治会を代表して意見を申し上げます。」「老人クラブ連合会として、会員の意見をとりまとめ提出します。」 (QA63: both
    # the opening of an association's items, counted as opinions)
    r"|[^。]{1,30}を代表して、?(?:ご?意見|要望|提案)を(?:述べ|申し上げ|提出(?:いた|致)?し|お?送り(?:いた|致)?し)ます"
    r"|[^。]{1,30}として、?(?:会員|住民|市民|町民|村民|区民|地域|皆様|皆さん|関係者|団体|役員)(?:の|から(?:の)?)"
    r"(?:ご?意見|要望|声)を(?:とりまとめ|取りまとめ|取り纏め|まとめ)(?:て|、)?"
    r"(?:提出|送付|お送り|申し上げ)(?:いた|致)?し?ます"
    r"|[^。]{0,30}と申します"
    # 「北地区の住民です。」「子育て中の母親です。」「バスをよく使う高齢者です。」: who writes (a は
    # other than 私は makes it a statement about others: 「一番困るのは高齢者です。」)
    r"|(?:私は|わたしは)?[^。は]{0,30}(?:住民|市民|町民|村民|区民|県民|主婦|主夫|会社員|公務員|自営業|学生|母親|父親|保護者|"
    r"者|一人|ひとり|一員|母|父)(?:です|でございます|をしています|をしております)"
    r"|[■□◆◇●○◎★☆・＊*\s]*[^。、\n]{1,20}(?:より|拝)"
    r"|[^。]{0,20}(?:拝見|拝読)(?:しました|いたしました|致しました)"
    # 「共働きで二人の子を育てています。」「駅の近くに住んでいます。」: the writer's life, no は/が about others
    r"|(?:私は|わたしは|私たちは|我が家は|うちは)?(?:[^。はがも]|子ども|こども){0,30}(?:育てて|子育てをして|住んで|暮らして|生活して)(?:います|おります)"
    # 「東町に住む看護師です。」「南町に住む75歳の年金生活者です。」「西町で介護の仕事をしています。」 (QA28: a
    # campaign's senders each opened with one; 379 such lines were published as opinions)
    r"|(?:私は|わたしは)?[^。はが]{0,20}(?:に住む|に住んでいる|で暮らす|に暮らす|で働く|に勤める)[^。はがをに]{1,20}(?:です|でございます)"
    r"|(?:私は|わたしは)?[^。はが]{0,30}の仕事(?:を|に)(?:して|就いて|携わって)(?:います|おります)"
    r"|(?:私は|わたしは)?[^。はが]{0,20}子育て中(?:です|でございます)"
    # 「農業を営んでいます。」「漁業に従事しております。」「市内で工務店を経営しています。」「自治会長をしております。」
    r"|(?:私は|わたしは)?[^。はが]{0,30}(?:を営んで|に従事して|を経営して|に勤めて|に勤務して|で働いて)(?:います|おります)"
    r"|(?:私は|わたしは)?[^。はが]{0,30}(?:会長|役員|代表|委員|理事|職員|教員|農家|漁師)(?:を|として)?"
    r"(?:しております|しています|務めております|務めています)"
    # 「先日も送りましたが、書き忘れたことがあるので再度送ります。」: a second letter announced
    r"|[^。]{0,40}(?:再度|改めて|追加で|重ねて|もう一度)(?:(?:ご?意見|要望|提案)を)?(?:お?送り|送付|提出)(?:いた|致)?し?(?:ます|ました)"
    # a child's self-introduction (QA41): 「ぼくの名前は いとう そうま です。」「わたしは みなと小3年2組の さとう ゆいです。」
    # 「小学3年生です。」「中学2年のさとうです。」「みどり町3丁目に すんでます。」
    r"|(?:ぼく|僕|わたし|私|おれ|俺|うち)の(?:なまえ|名前)は[^。]{1,20}(?:です|だよ|といいます|っていいます)"
    r"|(?:ぼくは|僕は|わたしは|私は)?[^。はが]{0,20}(?:小学|中学|高校|小|中|高)(?:校)?[ 　]*[0-9０-９一二三四五六]+[ 　]*年(?:生)?"
    r"(?:[ 　]*[0-9０-９一二三四五六七八九十]+[ 　]*組)?(?:の|[ 　]+)?[^。、はがをにで]{0,12}(?:です|だよ)"
    r"|(?:ぼくは|僕は|わたしは|私は)?[^。はがも]{0,30}(?:すんで|住んで)(?:ます|る|いる)(?:よ)?"
    # 「三人の子を育てた経験から申し上げます。」: where the writer speaks from
    r"|[^。]{0,40}(?:経験|立場)から(?:意見を)?(?:申し上げ|述べ|お送りし|送り)(?:ます|ました)"
    # 「東雲町会の会長をしております中川です。」: who the writer is in the neighbourhood (QA108: a row of its own)
    r"|[^。]{0,30}(?:会長|副会長|役員|代表|理事|班長|組長|会計|民生委員|児童委員|委員)を(?:して|務めて|やって)(?:おり|い)(?:ます|る)"
    r"[^。]{0,16}(?:です|と申します|といいます)"
    # 「電話 090-1234-5678。」「連絡先：tanaka@example.jp」: the writer's contact, nothing else
    r"|(?:私の|わたしの)?(?:電話番号|電話|携帯|TEL|Tel|tel|連絡先|メールアドレス|メール|E-?mail)(?:は)?[:：\s]*"
    r"[0-9０-９\-－‐−ー()（）+＋\s]{6,}|"
    r"(?:私の|わたしの)?(?:連絡先|メールアドレス|メール|E-?mail)(?:は)?[:：\s]*[^\s。、]+@[^\s。、]+(?:です)?"
    # 「当協会の意見を下記のとおり提出いたします。」「さて、標記の件について、下記のとおり意見を提出します。」
    r"|[^。]{0,60}(?:以下|次|下記)の?(?:とおり|通り)[、，,]?[^。]{0,10}?(?:申し上げ|述べ|提出|送付|送り|お送り)(?:いた|致)?し?(?:ます|ました)"
    # 「NPO法人みどりのネットワーク事務局です。」「専門はエネルギー工学です。」
    r"|[^。、はが]{0,40}(?:法人|協会|会議所|連絡会|連合会|協議会|組合|委員会|事務局|団体)(?:の[^。、がはをにでも]{1,10})?(?:です|でございます)"
    r"|(?:私の)?専門(?:分野)?は[^。]{1,30}(?:です|でございます)"
    r"|[^。]{0,40}(?:以下|次の|下記)[^。]{0,30}(?:意見|提案|要望|質問)[^。]{0,20}"
    r"(?:申し上げ|述べ|提出|送り|お送り|いたし|致し|し)(?:ます|ました)"
    # 「第6章の推進体制について、次の2点を求めます。」 over the items (QA86: a row of its own, as 「…要望します」 was not)
    r"|[^。]{0,40}(?:以下|次|下記)の[0-9０-９一二三四五六七八九十]*[ \u3000]*(?:点|事項|こと)を"
    r"(?:求め|お願い(?:いた|致)?し|要求し|提案し|提言し)(?:ます|ました)"
    # 「意見は次のとおりです。」「私の意見は以下の3点です。」「要望は下記のとおり。」: the items announced
    r"|(?:私の|わたしの|当会の|弊社の)?(?:ご?意見|要望|提案|質問)(?:等|など)?は[、，,]?"
    r"(?:次|以下|下記)の?(?:とおり|通り|[0-9０-９一二三四五六七八九十]+(?:点|つ|項目))(?:です|でございます)?"
    r"|(?:ご?意見|要望|提案)を(?:申し上げ|述べ)(?:ます|させていただきます)"
    # 「意見」「意見：」「意見です。」「意見を送ります。」「計画案について3点意見します。」 alone over the items: a
    # heading or an announcement (QA47: 「意見」 over four numbered items was published as a row of its own)
    # (「公園について意見します。」 names what it is about: no announcement without a count)
    r"|(?:[^。、]{0,40}?(?:について|に関して|に対して|に対し|への|に対する)(?:の)?[、，,]?[ \u3000]*)?"
    # (質問 as 意見: 「計画案について3点質問します。」 over the items, QA50)
    r"(?:[0-9０-９一二三四五六七八九十]+[ \u3000]*(?:点|つ|項目|件)[、，,]?[ \u3000]*(?:私の|わたしの)?"
    r"(?:ご?意見|要望|提案|コメント|ご?質問)(?:等|など)?(?:です|でございます|を(?:お?送り|送付|提出)(?:いた|致)?し?ます|(?:いた|致)?します|(?:させて|さして)(?:ください|いただきます))?"
    r"|(?:私の|わたしの)?(?:ご?意見|要望|提案|コメント|ご?質問)(?:等|など)?(?:です|でございます|を(?:お?送り|送付|提出)(?:いた|致)?し?ます)?)"
    # 「以下、質問です。」「質問があります。」「いくつか質問があります。」 over the items (QA50)
    r"|(?:以下|下記|次)[、，,]?(?:の)?(?:ご?質問|お尋ね)(?:です|になります|となります|でございます)"
    r"|(?:[^。、]{0,40}?(?:について|に関して|に対して|に対し)[、，,]?)?(?:いくつか|[0-9０-９一二三四五六七八九十]+[ \u3000]*(?:点|つ|件))?"
    r"(?:ご?質問|お尋ねしたいこと|確認したいこと)が(?:いくつか|[0-9０-９一二三四五六七八九十]+[ \u3000]*(?:点|つ|件))?(?:あります|ございます)"
    r")[。．.！!：:]?$")


# A self-introduction in another language (QA44: foreign residents opened with one; alone on its line
# it was counted as an opinion): the name, where the writer lives or comes from, what the writer does.
# Matched on the whole sentence; one that also asks or argues something (a request word, 「but」
# 「because」…) is no introduction (``_FOREIGN_ARGUES_RE``).
_CAP = r"[A-ZÀ-ÖØ-ÞĀ-ſƠƯẠ-ỹ]"
_FOREIGN_INTRO_RE = re.compile(
    r"^(?:"
    # English: 「My name is Nguyen Van An.」「Hello, I'm David Miller from the USA.」「I have lived in Sakura
    # City for 5 years.」「I am a nurse from the Philippines.」
    r"(?i:(?:hello|hi|good\s+(?:morning|afternoon|evening))[,，!.]?\s*)?"
    r"(?:(?i:my\s+name\s+is|my\s+name's)\s+[^.!?。\n]{1,80}"
    r"|(?i:i\s+am|i'm|i’m)\s+" + _CAP + r"[\w'’.-]*(?:\s+" + _CAP + r"[\w'’.-]*){0,4}(?:[,，]?\s+(?i:from|and|living|working)\b[^.!?。\n]{1,60})?"
    r"|(?i:i\s+(?:am|'m|’m)\s+(?:from|an?\s+[^.!?。\n]{1,40}?(?:student|worker|resident|mother|father|parent|trainee|teacher|"
    r"nurse|engineer|employee|caregiver|housewife|volunteer|citizen|national|intern))\b[^.!?。\n]{0,60})"
    r"|(?i:i\s+(?:have\s+)?(?:live|lived|been\s+living|work|worked|been\s+working|stay|stayed|study|studied)\s+(?:in|at)\s+)"
    r"(?:(?!(?i:\s(?:and|but|so|where|which|that|because)\b))[^.!?。\n,]){1,50}(?i:\s+(?:for|since)\s+[^.!?。\n,]{1,25})?"
    r"|(?i:i\s+(?:come|came)\s+from)\s+[^.!?。\n]{1,60})"
    # Chinese: 「我叫王小明，在樱花市住了五年。」「我是陳美玲，來自台灣。」
    r"|(?:大家好|您好|你好)?[，,]?(?:我叫|我名叫|我的名字是|我的名字叫|我是|我姓)[^。，,！!？?\n]{1,15}"
    r"(?:[，,、]\s*(?:我)?(?:(?:在|住在)[^。，,\n]{1,20}(?:住了|生活了|工作了|住|生活|工作|学习|學習)[^。，,\n]{0,10}"
    r"|(?:来自|來自|从|從)[^。，,\n]{1,15}(?:来|來)?|今年[^。，,\n]{1,8}|是[^。，,\n]{1,20}))*"
    r"|我(?:在|住在)[^。，,\n]{1,20}(?:住了|生活了|工作了)[^。，,\n]{1,10}|我(?:来自|來自)[^。，,\n]{1,20}"
    # Korean: 「제 이름은 김민수입니다.」「저는 김민수라고 합니다.」「…에 살고 있습니다.」「베트남에서 온 …입니다.」
    r"|(?:안녕하세요[.,!]?\s*)?(?:(?:제|저의|내)\s*이름은\s*[^.!?。\n]{1,20}(?:입니다|이에요|예요|이라고\s*합니다|라고\s*합니다)"
    r"|저는\s*[^.!?。\n]{1,20}(?:이라고|라고)\s*합니다"
    r"|(?:저는\s*)?[^.!?。\n]{1,30}에서\s*온\s*[^.!?。\n]{1,20}(?:입니다|이에요|예요)"
    r"|(?:저는\s*)?[^.!?。\n]{1,30}에\s*(?:살고\s*있습니다|살고\s*있어요|삽니다|살아요|거주하고\s*있습니다)"
    r"|(?:저는\s*)?[^.!?。\n]{1,30}에\s*사는\s*[^.!?。\n]{1,20}(?:입니다|이에요|예요))"
    # Vietnamese: 「Tôi tên là Trần Thị Hoa, thực tập sinh tại nhà máy.」「Chúng tôi là người Việt Nam đang sống …」
    r"|(?i:(?:xin\s+chào[,.!]?\s*)?(?:tôi\s+tên\s+là|tên\s+tôi\s+là|tôi\s+là|chúng\s+tôi\s+là|tôi\s+đến\s+từ"
    r"|tôi\s+(?:đang\s+)?(?:sống|ở|làm\s+việc)\s+(?:ở|tại))\s+[^.!?。\n]{1,100})"
    # Portuguese (and Spanish): 「Meu nome é João Carlos Silva, moro em Kita-machi.」「Sou brasileiro.」
    r"|(?i:(?:olá|bom\s+dia)?[,.!]?\s*(?:meu\s+nome\s+é|me\s+chamo|eu\s+me\s+chamo|chamo-me|sou\s+(?:o|a)|eu\s+sou\s+(?:o|a)"
    r"|(?:eu\s+)?moro\s+(?:em|no|na)|(?:eu\s+)?sou\s+(?:brasileir|peruan|bolivian|japonês|nikkei)|mi\s+nombre\s+es|me\s+llamo"
    r"|(?:yo\s+)?vivo\s+en|soy\s+de)\s*[^.!?。\n]{1,100})"
    # Tagalog: 「Ako po si Maria Santos, nakatira sa 1-2-3 Sakae-cho.」
    r"|(?i:(?:magandang\s+(?:araw|umaga|hapon|gabi)(?:\s+po)?[,.!]?\s*)?(?:ako\s+(?:po\s+)?(?:ay\s+)?si|ang\s+pangalan\s+ko\s+(?:po\s+)?ay"
    r"|(?:ako\s+(?:po\s+)?(?:ay\s+)?)?nakatira\s+(?:po\s+)?sa)\s+[^.!?。\n]{1,100})"
    # Nepali: 「मेरो नाम राम बहादुर थापा हो।」「म … मा बस्छु।」
    r"|(?:नमस्ते[,।]?\s*)?(?:मेरो\s+नाम\s+[^।.!?\n]{1,40}\s*(?:हो|हुँ)|म\s+[^।.!?\n]{1,40}(?:मा\s+बस्छु|बाट\s+आएको\s+हुँ|हुँ))"
    # Indonesian: 「Nama saya Budi.」
    r"|(?i:nama\s+saya\s+[^.!?。\n]{1,40})"
    r")[\s.。．!！,，।]*$")
# ... and nothing argued or asked in it: 「I am David, and I think the buses are too few.」
_FOREIGN_ARGUES_RE = re.compile(
    r"(?i:\b(?:please|should|must|need|needs|want|would\s+like|but|because|however|think|hope|difficult|problem|cannot|can't"
    r"|por\s+favor|precis\w*|deve\w*|gostaria|mas|porque|difícil|problema|pero"
    r"|xin\s+hãy|hãy|mong|cần|muốn|nhưng|vì|nên|khó|không"
    r"|sana|kailangan|pakiusap|dahil|pero|mahirap|gusto)\b)"
    r"|希望|请|請|要求|建议|建議|但是|但|因为|因為|所以|困难|困難|不|没|沒|难|難|担心|擔心|问题|問題"
    r"|주세요|바랍니다|필요|하지만|때문에|어렵|싶습니다|원합니다|문제|없"
    r"|गर्नुहोस्|चाहिन्छ|तर|किनभने|गाह्रो")


def _is_foreign_introduction(sentence: str) -> bool:
    """「My name is Nguyen Van An.」「我叫王小明，在樱花市住了五年。」「제 이름은 김민수입니다.」「Tôi tên là …」
    「Meu nome é …, moro em …」「Ako po si …」「मेरो नाम … हो।」: the writer introduced in another language
    (QA44), nothing asked or argued."""
    core = sentence.strip(" \t\n\u3000")
    return (len(core) <= 160 and bool(_FOREIGN_INTRO_RE.match(core))
            and not _FOREIGN_ARGUES_RE.search(core))


# 「原田です。」「私は原田恵子です。」 once the masker has found the name in it: 「［氏名］です。」
# 「元県職員の渡辺です。」 (what the writer is, then の and the name) too
# 「先日郵送で意見を出した渡辺です。」 (a clause about the writer before the name) too
_NAME_INTRO_RE = re.compile(r"^(?:私は|わたしは|私、)?(?:[^。、はがを［］]{1,20}の|[^。、はが［］]{1,30}(?:た|る|ている))?"
                            r"［氏名］[\s\u3000]*(?:です|でございます|と申します|と言います)[。．.！!]?$")


_NAME_INTRO_MAX = 40  # a name introduction is short: longer sentences are not given to the masker


def _is_name_introduction(sentence: str) -> bool:
    """「原田です。」: the writer's name (as the masker finds names) and です, nothing else.
    「反対です。」「森です。」 are no introduction: the masker finds no person name in them."""
    if "です" not in sentence and "申します" not in sentence and "言います" not in sentence:
        return False
    from .mask import mask_personal_data  # mask imports this module

    return bool(_NAME_INTRO_RE.match(mask_personal_data(sentence).strip()))


# A greeting that opens the sentence of a self-introduction: 「はじめまして、市民の竹内です。」
_GREETING_LEAD_RE = re.compile(r"^(?:拝啓|謹啓|前略|はじめまして|初めまして|こんにちは|お世話になっております|お世話になります|"
                               r"お疲れ様です|いつもお世話になっております)[、，,\s]+")


def is_introduction(text: str) -> bool:
    """True when every sentence of ``text`` is a greeting, a self-introduction
    (「交通政策課の山田です。」「…と申します。」「原田です。」「三児の母の清水です。」) or an announcement
    of the items below (「以下の3点について意見を述べます。」): the preamble of a numbered list, not an
    opinion."""
    parts = [_GREETING_LEAD_RE.sub("", p.strip()) for p in _sentences(text) if p.strip()]
    return bool(parts) and all(is_greeting_sentence(p) or _INTRO_SENTENCE_RE.match(p) or is_date_line(p)
                               or _is_foreign_introduction(p) or _is_name_introduction(p) for p in parts)


def only_greetings(text: str) -> bool:
    """Whether every sentence of ``text`` is a greeting or a courtesy request (「どうぞご検討ください。」)."""
    parts = [p for p in _sentences(text) if p.strip()]
    return bool(parts) and all(is_greeting_sentence(p) for p in parts)


def strip_greetings(text: str) -> str:
    """``text`` without its whole greeting and closing sentences and lines (line breaks kept); a courtesy
    request (``_COURTESY_REQUESTS``) stays when nothing else would (it is then what the writer asks)."""
    parts = _sentences(text)
    out = "".join(("\n" if part.endswith("\n") else "") if is_greeting_sentence(part) else part for part in parts)
    if any(ch.isalnum() for ch in out):
        return out
    return "".join(("\n" if part.endswith("\n") else "") if is_greeting_sentence(part, courtesy_requests=False)
                   else part for part in parts)


# A short last line that names a person or place, not a sentence: 「東町在住　山田」「（山田太郎）」
_SIGNATURE_RE = re.compile(
    r"\n\s*[（(]?[^\n。．！？!?]{0,20}(在住|在勤|在学|より|拝|氏名|名前)[^\n。．！？!?]{0,12}[）)]?\s*$"
)
# Contact lines that head a letter: personal data, never part of the opinion.
# Labels of a letter's contact fields, shared with the masker (mask.py).
NAME_LABELS = ("お名前", "氏名", "名前")
CONTACT_LABELS = ("電話番号", "メールアドレス", "ご住所", "連絡先", "E-mail", "e-mail", "ファクス", "電話", "携帯",
                  "TEL", "Tel", "tel", "FAX", "Fax", "メール", "Email", "email", "住所", "年齢", "性別", "職業",
                  "所属", "マイナンバー", "個人番号", "生年月日", "誕生日")  # longer first: alternations take the first that matches
# (マイナンバー … 誕生日: a signature's 「マイナンバー：…」 line was grouped and labelled on, QA23)
# ... and in the languages foreign residents write in (QA44: 「SĐT: …」「연락처: …」「电话：…」「Contact: …」
# stayed in the opinion and drove its grouping). Not shared with the masker: it labels in Japanese.
_FOREIGN_CONTACT_LABELS = (
    r"(?i:contact(?:\s+(?:number|details|info(?:rmation)?))?|(?:tele)?phone(?:\s+number)?|tel\.?|mobile|cell(?:\s*phone)?"
    r"|e-?mail(?:\s+address)?|mail|address|name|residence\s+card(?:\s+no\.?|\s+number)?|passport(?:\s+no\.?|\s+number)?"
    r"|sđt|số\s+điện\s+thoại|điện\s+thoại|địa\s+chỉ|họ\s+(?:và\s+)?tên|thẻ\s+cư\s+trú|số\s+hộ\s+chiếu"
    r"|telefone|celular|endereço|nome|contato|telepono|tirahan|pangalan|numero|correo|teléfono|dirección|nombre)"
    r"|联系电话|聯絡電話|联系方式|聯絡方式|联系人|聯絡人|手机|手機|邮箱|郵箱|电子邮件|電子郵件|电邮|電郵|电话|地址|姓名|住址"
    r"|在留卡号码|在留卡號碼|护照号码|護照號碼"
    r"|연락처|전화번호|전화|휴대폰|핸드폰|주소|이메일|이름|성명"
    r"|फोन|मोबाइल|ठेगाना|नाम|इमेल")
# The field ends at its line's end, or at a sentence end after it: 「電話：090-…。バスの時刻表を英語に
# してください。」 and 「Tel: 090-…. Please translate …」 go on with an opinion on the same line, which
# the whole line's removal lost (QA46: five submissions published as holding no opinion)
_CONTACT_LINE_RE = re.compile(
    # (or a space and a phone number alone on the line: 「TEL 0265-61-2204」, what stayed of a fax's cover sheet, QA104;
    # not 「年齢 65歳以上の…」「電話 110番の…」, QA105)
    rf"^[^\S\n]*(?:{'|'.join(NAME_LABELS + CONTACT_LABELS)}|{_FOREIGN_CONTACT_LABELS})(?:[^\S\n]*[:：]"
    r"|[^\S\n]+(?=[+＋(（]?[0-9０-９][0-9０-９\-－‐−ー()（）\s]{8,}$))"
    r"[^\n]*?(?:。|[.．](?=[^\S\n])|$)",
    re.MULTILINE,
)
_SPACE_RE = re.compile(r"\s+")
# ... except one space between two words of a script written with spaces (「bus stop」, 「Route 3」,
# 「tiếng Nhật」, 「의료 통역」, Devanagari): without it an English opinion became one token per sentence
# (「Pleaserunbusesmoreoften」) and matched nothing, and a Korean one a single word (QA44)
_SPACED = "0-9A-Za-z\u00c0-\u024f\u0300-\u036f\u1e00-\u1eff\u0370-\u03ff\u0400-\u04ff\u0900-\u097f\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"
_LATIN_SPACE_RE = re.compile(rf"(?<=[{_SPACED}])\s+(?=[{_SPACED}])")
_PUNCT_FOLD = str.maketrans({"!": "！", "?": "？"})
# After NFKC, 「．」 and 「，」 are "." and ","; fold them to 。 and 、 except inside numbers (1.5, 1,234).
_PERIOD_RE = re.compile(r"(?<![0-9A-Za-z])\.|\.(?![0-9A-Za-z])")  # keep 1.5, example.jp
_COMMA_RE = re.compile(r"(?<![0-9]),|,(?![0-9])")


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


# A pasted mail's 「件名：北山線の廃止に反対します」「Subject: …」 first line over the text: a heading at most,
# no part of the opinion's words (QA49: it led the campaign's published row and its duplicate key)
_SUBJECT_FIRST_RE = re.compile(r"\A[ \t\u3000\n]*(?:件名|(?i:subject))[ \t\u3000]*[:：][^\n]*\n(?=[\s\S]*\S)")

# Campaigns repeat the same texts many times: both functions below are cached (bounded).
_CACHE_SIZE = 1 << 17


@lru_cache(maxsize=_CACHE_SIZE)
def comparison_text(text: str) -> str:
    """Normalised text for duplicate keys and embeddings (original kept elsewhere)."""
    text = without_speech_noise(nfkc(text).replace("\r\n", "\n"))  # 「えー、」「（拍手）」 (a meeting's record, QA106)
    text = _SUBJECT_FIRST_RE.sub("", text)
    text = _CONTACT_LINE_RE.sub("", text)
    text = _SIGNATURE_RE.sub("", text)
    text = strip_greetings(text)
    text = _drop_leading_introduction(text)  # who writes is no part of what the opinion asks
    text = text.translate(_PUNCT_FOLD)
    text = _COMMA_RE.sub("、", _PERIOD_RE.sub("。", text))
    text = _SPACE_RE.sub("", _LATIN_SPACE_RE.sub("\x00", text)).replace("\x00", " ")
    return text.strip("、。 ")


# A letter's date on its last line (「令和8年11月5日」「2026年11月5日（木）」), and a first line that
# only labels what follows (「意見」「ご意見：」「【意見】」): neither is part of the published opinion.
_DATE = (r"[ \t\u3000]*(?:(?:令和|平成)[ \t\u3000]*(?:[0-9０-９]{1,2}|元)|[0-9０-９]{4})[ \t\u3000]*年"
         r"[ \t\u3000]*[0-9０-９]{1,2}[ \t\u3000]*月[ \t\u3000]*[0-9０-９]{1,2}[ \t\u3000]*日"
         r"(?:[ \t\u3000]*[（(][月火水木金土日][）)])?[ \t\u3000]*$")
_DATE_LINE_RE = re.compile(r"\n" + _DATE)
_DATE_ONLY_RE = re.compile(r"^" + _DATE)
_LABEL_LINE_RE = re.compile(r"^[ \t\u3000]*[【＜<［\[〈]?[ \t\u3000]*(?:ご?意見(?:の?内容)?|本文)[ \t\u3000]*[】＞>］\]〉]?"
                            r"[ \t\u3000]*[:：]?[ \t\u3000]*\n")


def is_date_line(line: str) -> bool:
    """「令和8年11月4日」「2026年11月4日（水）」 alone: a letter's date."""
    return bool(_DATE_ONLY_RE.match(line.strip("\n")))


def without_date_line(text: str) -> str:
    """``text`` without a date alone on its last line (the letter's date, once the signature and
    address under it have been masked away)."""
    cut = _DATE_LINE_RE.sub("", "\n" + text)[1:] if text else text
    return cut.rstrip() if cut != text else text


def display_text(text: str, section: str | None = None) -> str:
    """Text for the published table: the opinion without greetings, contact lines and signature,
    and without a letter's form furniture (``without_form_furniture``: a leading 「該当箇所：…」 line,
    【意見】 labels, 【理由】 as 「（理由）」; with ``section``, the row's 該当箇所, a first heading line
    it shows too).

    Original characters are kept (no NFKC), except half-width katakana, which is published
    full-width (「ﾍﾙﾒｯﾄ」 → 「ヘルメット」); when nothing would be left, the text is kept whole.
    """
    original = text.replace("\r\n", "\n").strip()
    text = without_speech_noise(original)  # a speaker's 「えー、」「あのー、」 and the record's 「（拍手）」 (QA106)
    text = _LABEL_LINE_RE.sub("", _CONTACT_LINE_RE.sub("", _SUBJECT_FIRST_RE.sub("", text)))
    text = _SIGNATURE_RE.sub("", _DATE_LINE_RE.sub("", "\n" + text))
    text = strip_greetings(text)
    text = _drop_leading_introduction(text, names=True)  # 「民生委員の田中です。」 too (QA23)
    text = without_form_furniture(text.strip(" \n\u3000"), section)
    text = re.sub(r"\n\s*\n(\s*\n)+", "\n\n", text).strip(" \n\u3000、")
    # 「また、駐車場を…」: the connective that opened the point in its letter means nothing in the table
    text = _LEADING_CONNECTIVE_RE.sub("", text)
    if section and re.match(r"同条(?:第|の|に|は|で|を|、|ただし)", text):  # (not 「同条件」)
        text = _same_article_named(text, section)
    text = _without_later_item_markers(text)
    text = text if any(ch.isalnum() for ch in text) else original
    # half-width katakana (「ﾍﾙﾒｯﾄ」, a FAX's OCR or an old system's export) is published full-width
    return _HALFWIDTH_KANA_RE.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)


_HALFWIDTH_KANA_RE = re.compile(r"[\uff66-\uff9f]+")


def _same_article_named(text: str, section: str) -> str:
    """「同条第4項の…」 in a row whose 該当箇所 names the article (「第11条第4項」) as 「第11条第4項の…」: in the table the
    article 「同条」 referred to in its letter is not there to read (QA116)."""
    from .labels import _article_key, find_references

    article = next((k for k in map(_article_key, find_references(section)) if k and k.startswith("第")), None)
    return article + text[2:] if article else text


# ---- a letter's form furniture (QA40): what only frames the opinion in a form or a typed letter.
# 【意見】〈意見〉＜意見内容＞「意見：」 at a line start label the opinion (dropped); 【理由】〈理由〉「理由：」 head its
# reason, published inline as 「（理由）」 after the opinion's last sentence: 「…示すべき。（理由）現行の…」.
_OPEN = "【＜<［\\[〈《（("
_CLOSE = "】＞>］\\]〉》）)"
_OPINION_LABEL = r"(?:ご?意見(?:の?内容|の?要旨|の?趣旨|の?概要)?|提出意見|意見・提案|ご?提案(?:の?内容)?|本文)"
_REASON_LABEL = r"(?:(?:ご?意見|ご?提案|その)の?)?(?:理由|根拠)(?:・根拠)?"


def _line_label_re(words: str) -> re.Pattern:
    """A label at a line start, bracketed (【意見】〈理由〉, a colon after it or not) or bare with a colon
    (意見：, 理由:), and the blanks after it."""
    return re.compile(rf"^[ \t\u3000]*(?:[{_OPEN}][ \t\u3000]*{words}[ \t\u3000]*[{_CLOSE}][ \t\u3000]*[:：]?"
                      rf"|{words}[ \t\u3000]*[:：])[ \t\u3000]*")


_OPINION_LABEL_RE = _line_label_re(_OPINION_LABEL)
_REASON_LABEL_RE = _line_label_re(_REASON_LABEL)
# a bracketed reason label inside a line, after a sentence: 「…示すべき。【理由】現行の…」
_INLINE_REASON_RE = re.compile(rf"(?<=[。．！？!?])[ \t\u3000]*[{_OPEN}][ \t\u3000]*{_REASON_LABEL}[ \t\u3000]*[{_CLOSE}]"
                               r"[ \t\u3000]*[:：]?[ \t\u3000]*")
REASON_MARK = "（理由）"
_SENTENCE_CLOSED = tuple("。．.！!？?」』）)…")
# 「該当箇所：第10条」「【該当ページ】12」「対象箇所 第3章」: the place the opinion is about, on a line of its own
# (the 該当箇所 column shows it; QA40: 「該当箇所：第10条<br>…」 published as the opinion's first line)
_PLACE_LABEL_RE = re.compile(
    r"^[ \t\u3000]*[" + _OPEN + r"]?[ \t\u3000]*(?:意見の)?(?:該当|対象)(?:する)?(?:箇所|個所|ページ|頁|部分|項目|章|条文|条項|条|節)"
    r"(?:[（(]ページ[)）])?[0-9０-９]{0,2}[ \t\u3000]*(?:[" + _CLOSE + r"][ \t\u3000]*[:：]?|[:：]|[ \t\u3000](?=\S))"
    r"[ \t\u3000]*(?P<value>[^\n]*)$")
# a heading line: 「第3条について」「第5条関係」「【第7条】」「■附則第2項に関する意見」「1．駐輪場について」
_HEADING_MARKER_RE = re.compile(r"^(?:[■□◆◇●○◎▼▽・＊*]|[(（]?[0-9０-９]{1,2}[)）.．、]|[①-⑳])[ \t\u3000]*")
_HEADING_END_RE = re.compile(r"(?:について|に関して|に関する(?:ご?意見|要望|提案)|に対する(?:ご?意見|要望|提案)|への(?:ご?意見|要望|提案)"
                             r"|関係|関連|の件)(?:[（(](?:ご?意見|要望|提案)[)）])?$")
_HEADING_MAX = 40


def _unbracketed(line: str) -> str:
    line = line.strip(" \t\u3000")
    if len(line) >= 2 and line[0] in _OPEN and line[-1] in _CLOSE:
        return line[1:-1].strip(" \t\u3000")
    return line


def _heading_subject(line: str) -> tuple[str, bool] | None:
    """(what a heading line names, whether it ends like a heading: 「…について」「…関係」) when ``line``
    reads as a heading (short, no sentence in it), else None."""
    core = _unbracketed(_HEADING_MARKER_RE.sub("", _unbracketed(line)))
    if not core or len(core) > _HEADING_MAX or any(ch in core for ch in "。．！？!?"):
        return None
    subject = _HEADING_END_RE.sub("", core).strip(" \t\u3000")
    return (_unbracketed(subject), subject != core) if subject else None


def _reference_only(subject: str) -> list[str]:
    """The references of ``subject`` when it is nothing else (「第3条」「附則第2項」「第4章3節（回収目標）」
    「第3条及び第5条」: a caption in brackets after them allowed), else []."""
    from .labels import _kanji_to_digits, find_references  # labels imports io, which needs no normalize

    refs = find_references(subject)
    if not refs:
        return []
    rest = _kanji_to_digits(nfkc(subject)).replace(" ", "")
    for ref in sorted(refs, key=len, reverse=True):
        rest = rest.replace(ref, "", 1)
    rest = re.sub(r"[(（][^()（）]{0,20}[)）]", "", rest)
    return refs if not rest.strip("、,・/／及びおよびとのに ") else []


def _shows(section: str, subject: str, refs: Sequence[str]) -> bool:
    """Whether the row's 該当箇所 ``section`` shows what a heading names: each of its references (「附則」
    is shown by 「附則第2項」, 「12ページ」 by 「p.12」), or, for a heading of words, its words."""
    from .labels import find_references, names_reference, reference_key

    if not section.strip():
        return False
    if refs:
        shown = {reference_key(r) for r in find_references(section)}
        return all(reference_key(r) in shown or names_reference(section, r) for r in refs)
    fold = lambda x: re.sub(r"\s+", "", nfkc(x))  # noqa: E731
    return fold(subject) in fold(section)


def _leading_furniture(text: str, section: str | None) -> str:
    """``text`` without the lines above the opinion that only say where it belongs: a 「該当箇所：…」
    line (and the place under a label alone: 「【該当箇所】⏎第10条」), and, with the row's ``section``,
    a first heading line the section shows (「第3条について」 under 第3条 or 第3条第2項, 「【附則】」 under
    附則第2項, 「駐輪場について」 under that heading). A heading the 該当箇所 does not show stays: it says
    what the opinion is about."""
    for _ in range(3):
        lines = text.split("\n")
        if len(lines) < 2 or not "".join(lines[1:]).strip():
            return text
        first = lines[0]
        m = _PLACE_LABEL_RE.match(first)
        if m and len(m.group("value")) <= _HEADING_MAX and not any(ch in m.group("value") for ch in "。．！？!?"):
            drop = 1
            if not m.group("value").strip() and len(lines) > 2 and _heading_subject(lines[1]) is not None:
                drop = 2  # 「【該当箇所】⏎第10条⏎…」
            text = "\n".join(lines[drop:]).lstrip(" \n\u3000")
            continue
        head = _heading_subject(first) if section is not None else None
        if head is not None:
            subject, headed = head
            refs = _reference_only(subject)
            if (refs or headed) and _shows(section, subject, refs):
                text = "\n".join(lines[1:]).lstrip(" \n\u3000")
                continue
        return text
    return text


def without_form_furniture(text: str, section: str | None = None) -> str:
    """The opinion of a form or a typed letter without what only frames it (QA40):
    its leading 「該当箇所：…」 line and, with the row's 該当箇所 ``section``, a first heading line that
    section shows (``_leading_furniture``); the labels 【意見】〈意見〉＜意見内容＞「意見：」 at a line start
    (a line left empty goes); 【理由】〈理由〉「理由：」 at a line start (or after a sentence) become 「（理由）」
    after the opinion's last sentence, 「。」 added when it has no end mark: 「回収目標の根拠を示すべき。
    （理由）現行の…」. Nothing else is changed; a text that would be left empty is returned as it was."""
    original = text
    text = _leading_furniture(text, section)
    out: list[str] = []
    join_next = False  # a reason label alone on its line: its text follows on the next line
    for line in text.split("\n"):
        m = _OPINION_LABEL_RE.match(line)
        if m:
            line = line[m.end():]
            if not line.strip():
                continue
        m = _REASON_LABEL_RE.match(line)
        if m:
            rest = line[m.end():].strip(" \t\u3000")
            while out and not out[-1].strip():
                out.pop()
            if out:
                last = out[-1].rstrip(" \t\u3000")
                out[-1] = last + ("" if last.endswith(_SENTENCE_CLOSED) else "。") + REASON_MARK + rest
            else:
                out.append(REASON_MARK + rest)
            join_next = not rest
            continue
        if join_next:
            if not line.strip():
                continue
            out[-1] += line.strip(" \t\u3000")
            join_next = False
            continue
        out.append(_INLINE_REASON_RE.sub(REASON_MARK, line))
    text = "\n".join(out).strip(" \n\u3000")
    return text if any(ch.isalnum() for ch in text.replace(REASON_MARK, "")) else original


# An item marker at the start of a later line: 「…延長してください。⏎2. 現在は18時までのため…」 once staff
# joined items 1 and 2 of a letter (QA29: 「2\.」 was published); (1) / 1. / ① / 一、 styles.
_LINE_ITEM_RE = re.compile(r"(?m)(?<=\n)[ \t\u3000]*(?:[(（]\s*([0-9０-９]{1,2})\s*[)）]|([0-9０-９]{1,2})\s*[.．、)）](?![0-9０-９])"
                           r"|([①-⑳])|([一二三四五六七八九十]{1,2})\s*[、．.])[ \t\u3000]*")


def _without_later_item_markers(text: str) -> str:
    """``text`` without the item markers that start its later lines, unless the text holds a list of
    its own (one of them is item 1: 「次の2点です。⏎1. …⏎2. …」 keeps its numbers)."""
    found = list(_LINE_ITEM_RE.finditer(text))
    if not found:
        return text
    firsts = {"1", "１", "①", "一"}
    if any(next(g for g in m.groups() if g) in firsts for m in found):
        return text
    return _LINE_ITEM_RE.sub("", text)


# A note at the start of a card on who wrote it down: 「（保護者が代筆）」「【聞き取り：職員】」「(代筆)」
_SCRIBE_NOTE_RE = re.compile(r"\s*[（(【［\[〔][^）)】］\]〕\n]{0,12}(?:代筆|代理記入|代理で記入|代わりに記入|聞き取り|聞きとり)"
                             r"[^）)】］\]〕\n]{0,12}[）)】］\]〕][ \t\u3000]*")


def _drop_leading_introduction(text: str, names: bool = False) -> str:
    """``text`` without the sentences before its first opinion that only introduce the writer
    (「前略　私は…に住んでいます。」「電話 090-….」「子育て中の母親です。」): they are no part of
    the opinion's summary (and would publish a masked address in its place). With ``names``, a
    short sentence that only gives the writer's name (「民生委員の田中です。」, as ``is_introduction``
    reads it: the masker finds the name) goes too; the published summary asks for it, the
    comparison text does without (a masker run per opinion)."""
    scribe = _SCRIBE_NOTE_RE.match(text)
    if scribe and any(ch.isalnum() for ch in text[scribe.end():]):
        text = text[scribe.end():]  # 「（保護者が代筆）」: who wrote it down, no part of the opinion (QA41)
    parts = _sentences(text)
    k = 0
    while k < len(parts) - 1:
        p = _GREETING_LEAD_RE.sub("", parts[k].strip())
        if p and not (_INTRO_SENTENCE_RE.match(p) or is_date_line(p) or is_greeting_sentence(p)
                      or _is_foreign_introduction(p) or (names and len(p) <= _NAME_INTRO_MAX and _is_name_introduction(p))):
            break
        k += 1
    rest = "".join(parts[k:])
    return rest if k and any(ch.isalnum() for ch in rest) else text


_LEADING_CONNECTIVE_RE = re.compile(
    r"^(?:また|次に|つぎに|それから|それと|さらに|更に|加えて|あわせて|併せて|最後に|まず|もう一点|もう1点|もうひとつ|もう一つ|あと|"
    r"[二三四五2-5２-５](?:点|つ)目(?:として|は|に)?|第[二三四五2-5２-５](?:に|点)"
    # 「なお、」「上記に関連して、」「前述のとおり、」「先ほどの意見の補足ですが、」 (QA69: published at a summary's start)
    r"|なお|尚|ちなみに|(?:上記|前記|先の意見|前の意見)?に関連して|(?:上記|前記)の件(?:ですが|について)|前述の(?:とおり|通り)"
    r"|(?:先ほど|先程|前)の(?:意見|項目)の補足(?:ですが|として|です))[、，,][ \u3000]*"
    # 「同じく第4章2節では、…」 (QA27): it points back to the letter's previous item
    r"|^同じく[、，,]?[ \u3000]*")


def content_hash(text: str, length: int = 12) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


@lru_cache(maxsize=_CACHE_SIZE)
def is_empty_opinion(text: str) -> bool:
    """Nothing to cluster: blank, punctuation or figures only (「3/4」「0012」: no word, QA74), a stock
    'no comment', or thanks only."""
    key = comparison_text(text)
    if not key or not any(ch.isalpha() for ch in key):
        return True
    return bool(_NO_OPINION_RE.fullmatch(key) or _TEST_ENTRY_RE.fullmatch(key) or _is_test_message(key)
                or _NOTHING_WRITTEN_RE.fullmatch(key) or _is_thanks_only(key))


# A sentence that only thanks or says 「お疲れ様」 (「県の皆さんいつもありがとうございます」「社協の横山様には本当に
# よくしていただきました」「計画づくりお疲れ様です」), after a stock 'no comment' or not (「特に意見はありませんが、
# …ありがとうございます」): QA47's thank-you letters were published as opinions. Thanks for what the draft
# does (「…を盛り込んでいただきありがとうございます」) praises the draft: an opinion, no match.
_THANKS_SENTENCE_RE = re.compile(
    r"(?:(?:特に|とくに)?(?:ご?意見|要望|コメント)(?:等|など)?(?:は|も)?(?:特に|とくに)?(?:ありません|ございません|ないです|ない)"
    r"(?:が|けれど|けど|けれども)[、，,]?)?"
    r"(?:(?!盛り込|記載|明記|書いて|入れて|取り入れ|反映|示して|載せて)[^。！？!?]){0,50}?"
    r"(?:ありがとうございま(?:す|した)|ありがとう|感謝(?:いた|致)?し?(?:ております|しています|ています|ます|申し上げます)"
    r"|(?:お礼|御礼)(?:を)?申し上げ(?:ます|たいです)|お疲れ(?:様|さま)(?:です|でした)|ご苦労(?:様|さま)(?:です|でした)"
    r"|お世話にな(?:りました|っております|っています)|(?:よく|親切に|丁寧に|優しく)して(?:いただき|くださり|もらい|くれ)ました)"
    r"[。．.！!]*")


# A cheer for the staff with nothing asked of the draft (「職員の皆様、頑張ってください。」「陰ながら応援しています。」;
# QA98 published 「計画づくりお疲れ様です。職員の皆様、頑張ってください。」 as a row): only the staff addressed, or no
# one, before it; 「ごみ減量の啓発を頑張ってください」 names what to do and stays an opinion.
_CHEER_SENTENCE_RE = re.compile(
    # (the staff of a department or facility, 「図書館の職員の皆様」; not a side, 「建設反対の皆さん」, QA102)
    r"(?P<to>(?:(?:[^\s、。，,]{0,8}(?:課|係|室|局|部|所|館|センター|役場|役所)の)?(?:[県市町村区]|しやくしょ|やくしょ|やくば)?(?:の)?"
    r"(?:職員|担当|担当課)?(?:の)?(?:皆様|皆さん|みなさん|皆さま|みなさま|方々|各位)"
    r"|(?:市長|町長|村長|区長|知事|教育長|副市長)(?:さん|様)?)"
    r"(?:も)?[、，,！!]?)?(?:これからも|今後とも|今後も|引き続き|どうか|ぜひ)?[、，,]?(?:お体に気をつけて[、，,]?)?"
    r"(?:(?:頑張|がんば|ガンバ)って(?:ください|下さい|くださいね|ね)?|(?:陰ながら)?応援して(?:います|おります))[。．.！!]*")


def _is_thanks_only(key: str) -> bool:
    """Every sentence of ``key`` (a comparison text: greetings already gone) only thanks, as a
    greeting does: no opinion (「いつもありがとうございます。計画づくりお疲れ様です。」)."""
    parts = [p for p in re.split(r"(?<=[。！？!?])", key) if p.strip("。．.！!？? ")]
    if not parts or len(key) > 200:
        return False
    from .stance import sentence_stance

    # (a cheer asks, 「頑張ってください」, but for nothing: no stance read on it; alone and said to no one it may
    # be the writer's support for the draft, and stays an opinion, QA52)
    thanks = [bool(_THANKS_SENTENCE_RE.fullmatch(p)) and not any(sentence_stance(p)) for p in parts]
    cheers = [_CHEER_SENTENCE_RE.fullmatch(p) for p in parts]
    if all(t or c for t, c in zip(thanks, cheers)) and (any(thanks) or any(c and c.group("to") for c in cheers)):
        return True
    # after a stock 'no comment', words of courtesy too (「特にありません。説明を聞いてよく分かりました。」
    # 「特に意見はありませんが、計画がうまく進むことを期待しています。」: QA52 published them as opinions);
    # 「…を期待しています」 alone stays an opinion (support for the draft)
    # the 'no comment' may also come last (「いつもありがとうございます。特にありません。」「資料はとても分かりやすかった
    # です。特に意見はありません。」: QA53 counted nine such form answers as a same-wording campaign)
    lead = _NO_OPINION_LEAD_RE.match(key)
    if lead is not None:
        rest = [p for p in re.split(r"(?<=[。！？!?])", key[lead.end():]) if p.strip("。．.！!？? ")]
    elif len(parts) > 1 and any(_NO_OPINION_RE.fullmatch(p.rstrip("。．.！!")) for p in parts):
        # (anywhere among courtesies: 「いつもありがとうございます。計画案を拝見しました。特に意見はありません。皆様お体を
        # 大切に。」, QA115 published it as a row)
        rest = [p for p in parts if not _NO_OPINION_RE.fullmatch(p.rstrip("。．.！!"))]
    else:
        return False
    return all(((_THANKS_SENTENCE_RE.fullmatch(p) or _COURTESY_SENTENCE_RE.fullmatch(p)) and not any(sentence_stance(p)))
               or _CHEER_RE.fullmatch(p) or _CLOSING_WISH_RE.fullmatch(p) for p in rest)


# words of courtesy that say nothing of the draft once 'no comment' is said
_COURTESY_SENTENCE_RE = re.compile(
    r"[^。！？!?]{0,50}?(?:(?:よく|だいたい|おおむね)?(?:分かり|わかり|理解(?:でき|し)|了解し|納得し)ました|(?:よく|だいたい)?(?:分かり|わかり)(?:ます|ました)"
    r"|期待(?:して(?:おり|い)ます|しています|します|しております)|応援して(?:います|おります)"
    r"|(?:分かり|わかり)やすかった(?:です)?|(?:分かり|わかり)やすい(?:です)?"
    r"|(?:利用|使用)させて(?:いただいて|頂いて|もらって)(?:い|お)ります|(?:利用|使用)させて(?:いただいて|頂いて|もらって)います"
    # a draft read, a closing wish for the staff's health (QA115)
    r"|拝見(?:いた|致)?しました|読ませて(?:いただき|頂き)ました|目を通しました)[。．.！!]*")
# a closing wish for the staff's health: 「皆様お体を大切にしてください」 asks nothing of the draft (QA115, QA117)
_CLOSING_WISH_RE = re.compile(
    r"[^。！？!?]{0,20}?(?:(?:お体|お身体|おからだ|体|身体)(?:を|に|には)?(?:十分)?(?:大切に|大事に|お大事に|気をつけて|お気をつけ)"
    r"(?:なさって|して)?(?:ください|下さい|くださいませ)?|ご自愛(?:ください|下さい|くださいませ))[。．.！!]*")
# 「頑張ってください」 reads as a request to the stance reading; alone it cheers
_CHEER_RE = re.compile(r"(?:これからも|今後も|引き続き|どうか)?[、，,]?(?:頑張|がんば)って(?:ください|下さい)(?:ね)?[。．.！!]*")


def is_form_test(text: str) -> bool:
    """A test of the form (「テスト」「test」「テスト送信です。表示の確認のため送信しました。」): no opinion, and no
    submission staff mean to count (the run names them)."""
    key = comparison_text(text)
    return bool(key) and bool(_FORM_TEST_RE.fullmatch(key) or _is_test_message(key))


def _is_test_message(key: str) -> bool:
    """A form test said in sentences: 「テスト送信です。表示の確認のため送信しました。」「これは送信テスト
    です。届いているか確認させてください。」 (QA29: published as a row until staff excluded it)."""
    parts = [p for p in key.split("。") if p.strip()]
    # (a purpose alone says it too: 「動作確認のため送信しました。」「試験的に送信しています。」, QA102)
    if len(parts) == 1 and _TEST_PURPOSE_RE.fullmatch(parts[0]) and re.search(r"テスト|動作確認|試験", parts[0]):
        return True
    if not parts or len(parts) > 3 or not any(_TEST_SENTENCE_RE.fullmatch(p) for p in parts):
        return False
    return all(_TEST_SENTENCE_RE.fullmatch(p) or _TEST_PURPOSE_RE.fullmatch(p) for p in parts)


# A test of the form or a key held down (「テスト」「test」「あああ」「ｗｗｗ」): no opinion (QA25: 「あ」 ×43 and
# 「テスト」 ×15 were published as rows and counted as form letters)
# 「テスト」「test test」, and 「試験送信」「動作確認です」 (QA101: published as opinions): a test of the form
_FORM_TEST_RE = re.compile(r"(?:(?i:テスト|てすと|test)[\s　・]*){1,3}(?:送信|投稿|中)?(?:です)?[0-9]*|"
                           r"(?:試験|動作確認)(?:送信|投稿|用)?(?:です)?")
_TEST_ENTRY_RE = re.compile(rf"{_FORM_TEST_RE.pattern}|([ぁ-ゖァ-ヺa-zA-Zー])\1*")
_TEST_SENTENCE_RE = re.compile(r"(?:これは|こちらは)?(?:送信|投稿|入力|動作確認の?(?:ための)?)?(?:(?i:テスト|てすと|test)|試験送信|動作確認)"
                               r"(?:送信|投稿|入力|中)?(?:です|でした|します|となります)?")
_TEST_PURPOSE_RE = re.compile(r"[^。]{0,20}(?:確認|テスト|試験的|お試し)の?(?:ため|用)?に?[^。]{0,12}(?:送信|投稿|入力)(?:しました|します|しています|です)?"
                              # 「削除してください」「本番では意見を書きます」 after a test (QA101, QA102)
                              r"|(?:問題(?:が)?なければ|確認(?:でき)?(?:たら|後)|この(?:投稿|送信)は)?、?削除(?:して(?:ください|下さい|"
                              r"いただいて構いません)|を?お願い(?:いた|致)?します)|本番(?:では|は)[^。]{0,20}"
                              r"|[^。]{0,10}(?:届いて|表示されて|送信できて|受け付けられて)(?:いる|いない)か(?:を)?"
                              r"(?:確認(?:させてください|しています|します|したいです|したい)|教えてください)")
# 「特になし」「意見はありません」「特に意見はございません」「意見なし」「要望は特にないです」「…について特に意見は
# ありません」: a stock 'no comment'
# (QA23: 「意見はありません。」 was counted as an opinion and grouped with 「駐輪場が足りません。」);
# 「反対意見はありません」「問題はありません」 say something and are no match.
# A card with no words on it, noted by whoever typed it in: 「（絵のみ）」「白紙」「無記入」「判読不能」 (QA41)
_NOTHING_WRITTEN_RE = re.compile(r"[（(【［\[〔]?(?:絵のみ|絵だけ|イラストのみ|絵|イラスト|白紙|無記入|記入なし|判読不能|読めない|"
                                 r"空欄)(?:の(?:み|カード))?(?:です)?[）)】］\]〕]?"
                                 # and what the picture shows: 「（絵のみ）こうえんの絵」
                                 r"(?:[^。!?！？]{0,20}(?:の絵|の絵です|のイラスト|を(?:描|か)いた絵))?")
# 「特にありません。」「意見は特にありませんが、」 opening a text (``_is_thanks_only``)
def _no_opinion_lead():
    return re.compile(f"(?:{_NO_OPINION_RE.pattern})(?:[。．.！!]+|(?:が|けれど|けど|けれども)[、，,]?)")


_NO_OPINION_RE = re.compile(
    # 「計画の内容について特に意見はありません」: what it has nothing in particular to say about (QA39);
    # without 特に, 「第3章については意見はありません」 says something of the draft (QA23)
    r"(?:[^、。]{1,20}?(?:について|に関して|に対して|に対する)(?:は|の)?、?(?=特に|とくに))?"
    r"(?:特に|とくに)?(?:(?:ご?意見|要望|コメント|質問)(?:等|など)?(?:は|も)?(?:特に|とくに)?)?"
    r"(?:ありません|ございません|なし|無し|ない|ないです|ありませんでした)")


# A sentence that only points to an attachment (「別添ファイルのとおり意見を提出します。」「添付ファイルを参照して
# ください。」「意見は別紙のとおりです。」「第7条について、別添のとおり意見を提出します。」): the opinion is in a file
# the run does not read (QA40: two of them were grouped with a real opinion and published as a row).
# Matched whole on the comparison text (NFKC, no blanks), so 「別紙のとおり、第3条の削除を求めます。」, which
# argues something, is no match.
_POLITE_END = (r"(?:して|になって|の上|のうえ|いただき|頂き)?(?:ください|下さい|願います|お願い(?:いた|致)?し?ます|"
               r"お願い申し上げます|いただきたく(?:存じます|お願い(?:いた|致)?し?ます)?|いただければ(?:幸いです)?|"
               r"くださいますよう(?:お願い(?:いた|致)?し?ます|お願い申し上げます))?")
_SENDS = (r"(?:ご?意見|要望|コメント)?(?:を|として)?(?:提出|送付|送信|お?送り|申し上げ|述べ|添付)"
          r"(?:(?:いた|致)?し?ます|させて(?:いただき|頂き)ます|しました|いたしました)")
_ATTACHMENT_SENTENCE_RE = re.compile(
    # what it is about: 「第7条について、」「計画案に対する」
    r"(?:[^、。]{1,25}?(?:について|に関して|に関する|に対して|に対する|への|に係る)(?:の)?(?:ご?意見)?"
    r"(?:は|につきましては|については)?、?)?"
    r"(?:(?:私|わたし|当会|当社|弊社|当団体|本会|当協会|当法人)(?:の|から|としての)?)?"
    r"(?:(?:ご?意見|提出意見|意見書|要望|詳細|内容|理由|要旨)(?:等|など)?(?:は|につきましては|については|を)?、?)?"
    r"(?:別添|別紙|添付|同封|別送|別ファイル)[0-9一二三四五六七八九十]*(?:の|した|しました|いたしました|させていただいた)?"
    r"(?:ファイル|資料|書面|文書|書類|意見書|データ|(?i:pdf|word|excel)|ワード|エクセル)?[0-9]*(?:の|を|に|で|にて)?"
    r"(?:(?:とおり|通り)、?(?:です|でございます|となります|になります|" + _SENDS + r")?"
    r"|(?:ご?参照|ご?覧|ご?確認|ご?一読)(?:を)?" + _POLITE_END +
    r"|(?:記載|記入)(?:の|した|しました|しています|いたしました)?(?:とおり|通り)?(?:です|となります)?"
    r"|" + _SENDS + r")"
    # 「意見書を添付します。」「意見を別紙で添付いたしました。」
    # 「当法人の意見を別添PDFにまとめましたので、ご確認ください。」 (QA49)
    r"|(?:[^、。]{1,25}?(?:について|に関して|に対して|に対する|への)(?:の)?、?)?"
    r"(?:(?:私|わたし|当会|当社|弊社|当団体|本会|当協会|当法人|当組合)(?:の|から|としての)?)?"
    r"(?:ご?意見|意見書|要望|提出意見|内容|詳細)(?:等|など)?(?:を|は)(?:別添|別紙|添付|同封)(?:の)?"
    r"(?:ファイル|資料|書面|文書|書類|(?i:pdf|word|excel))?(?:に|で|にて)(?:まとめ|記載|記入|整理)"
    r"(?:ました|ております|ています|いたしました|させていただきました)(?:ので|から)?、?"
    r"(?:(?:ご?参照|ご?覧|ご?確認|ご?一読)(?:を)?" + _POLITE_END + r")?"
    r"|(?:[^、。]{1,25}?(?:について|に関して|に対して|に対する|への)(?:の)?、?)?"
    r"(?:ご?意見|意見書|要望書|提出意見)(?:を|は)(?:別紙|別添|ファイル|(?i:pdf))?(?:で|にて)?(?:添付|同封|別送)"
    r"(?:(?:いた|致)?し?ます|しました|いたしました|しています|させていただきます)")
# the longest comparison text read as pointing only to an attachment (a few sentences)
_ATTACHMENT_ONLY_MAX = 120


@lru_cache(maxsize=_CACHE_SIZE)
def is_attachment_only(text: str) -> bool:
    """True when ``text`` says nothing but that its opinion is in an attachment: each sentence
    points to it (「別添のとおり。」「添付ファイルを参照してください。」) or is a greeting or a stock 'no
    comment', and one points to it. 「別紙のとおり、第3条の削除を求めます。」 argues something: False."""
    key = comparison_text(text)
    if not key or len(key) > _ATTACHMENT_ONLY_MAX:
        return False
    pointed = False
    for sentence in (s.strip("、 ") for s in re.split(r"[。！？!?]+", key)):
        if not sentence:
            continue
        if _ATTACHMENT_SENTENCE_RE.fullmatch(sentence):
            pointed = True
        elif not (_NO_OPINION_RE.fullmatch(sentence) or is_greeting_sentence(sentence)
                  or is_introduction(sentence + "。")):  # 「NPO法人みなと子育てネットの後藤です。」 (QA49)
            return False
    return pointed


_NO_OPINION_LEAD_RE = _no_opinion_lead()
