-- fold(text): the folded words of a text, as Khabar keeps them in `articles.match_text`, so one
-- search finds every typing of a word:
--     select title from articles where match_text like '%' || fold('کشورمان') || '%'
-- The same letters, digits and marks as tasks/folding.py (tests/tasks/test_folding.py keeps the
-- two in step): ZWNJ joins, Arabic letter forms become Persian ones, digits ASCII, marks go.
create or replace macro fold(t) as
    trim(regexp_replace(
        regexp_replace(
            lower(translate(replace(t, chr(8204), ''), 'يىكأإٱآةۀ۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩', 'ییکااااهه01234567890123456789')),
            '[\x{064b}-\x{065f}\x{0670}\x{0640}]', '', 'g'
        ),
        '[^\pL\pN]+', ' ', 'g'
    ));
