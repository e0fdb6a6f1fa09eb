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


def test_ukrainian_is_not_kazakh_and_kazakh_stays_kazakh():
    ukrainian = "Міністр закордонних справ України провів переговори зі своїм казахським колегою в Астані."
    assert guess_language(ukrainian) == {"language": "uk", "language_method": "letters", "language_score": None}
    assert guess_language(SENTENCES["kk"])["language"] == "kk"


@pytest.mark.parametrize(
    "sentence",
    [
        "Переговоры прошли в Кабуле.",
        "Делегации обсудили вопросы безопасности на границе.",
        "Стороны подписали соглашение о сотрудничестве.",
        "Министр прибыл в Душанбе с официальным визитом.",
    ],
)
def test_short_russian_sentences_stay_russian(sentence):
    assert guess_language(sentence)["language"] == "ru"


def test_bulgarian_with_its_own_words_stays_bulgarian():
    bulgarian = "Това е първата среща на министрите след изборите, които ще се проведат още тази година."
    assert guess_language(bulgarian)["language"] == "bg"


def test_score_is_a_probability_only_where_the_model_decided():
    assert guess_language(SENTENCES["fa"])["language_method"] == "letters"
    assert guess_language(SENTENCES["fa"])["language_score"] is None
    chinese = guess_language(SENTENCES["zh"])
    assert chinese["language_method"] == "model" and 0 < chinese["language_score"] <= 1


def test_same_answer_every_time():
    assert len({guess_language(SENTENCES["ar"])["language_score"] for _ in range(5)}) == 1
