import pytest

from khabar.tasks.language import guess_language

SENTENCES = {
    "fa": "وزیر امور خارجه کشورمان پس از رایزنی‌های خود در پاکستان در جمع خبرنگاران گفت که توافقات خوبی انجام شد.",
    "ar": "جددت باكستان وإيران تأكيد التزامهما بتعزيز العلاقات الثنائية ودعم السلام والاستقرار في المنطقة.",
    "ur": "عالمی مالیاتی ادارے نے منی بجٹ کا مطالبہ کردیا اور ٹیکس اہداف پر نظرثانی کی درخواست مسترد کردی گئی ہے۔",
    "ps": "د عبدالله عبدالله ټاکنیزې ډلې له خوا د ټاکنو د پایلو د نه منلو په لړ کې سلامشورې روانې دي.",
    "tg": "Эдгар Вегуила захмҳои даст ва ҷоғ бардошт, дар ҳоле ки ба Кристоффер Шнайдер ҷарроҳӣ лозим буд.",
    "kk": "Олар мұны «фотон» деп аталатын жарықтың шағын бөлшегін шығару арқылы істейді.",
    "ru": "Министр иностранных дел Таджикистана провёл переговоры со своим афганским коллегой в Душанбе.",
    "en": "An Afghan and coalition security force detained two insurgents during an operation in Helmand province.",
    "zh": "中华人民共和国外交部发言人今天在例行记者会上回答了有关阿富汗局势的问题。",
}


@pytest.mark.parametrize("language", SENTENCES)
def test_language_of_a_sentence(language):
    assert guess_language(SENTENCES[language])["language"] == language


def test_dari_is_reported_as_persian():
    dari = "ریاست جمهوری افغانستان می گوید که نیروهای امنیتی در ولایت هلمند عملیات تصفیوی را آغاز کرده اند."
    assert guess_language(dari)["language"] == "fa"


def test_persian_quoting_an_urdu_name_stays_persian():
    text = SENTENCES["fa"] + " " + SENTENCES["fa"] + " روزنامه «جنگ» نوشت: «ہے»."
    assert guess_language(text)["language"] == "fa"


def test_text_without_enough_letters_is_und():
    assert guess_language("۱۴۰۳/۰۸/۱۶ 12:30 — https://example.org")["language"] == "und"


def test_same_answer_every_time():
    assert len({guess_language(SENTENCES["ar"])["language_score"] for _ in range(5)}) == 1
