"""Requests ↔ competences by meaning (matching.texts) on the hand-labelled set of the tests: precision and recall
(goal ≥ 0.9 each), and how fast words are read."""

import time

GOAL = 0.9


def run() -> None:
    from matching import texts
    from matching.tests.test_texts import labelled_pairs, precision_and_recall

    precision, recall, count = precision_and_recall()
    print(f"размеченных пар «запрос ↔ компетенция»: {count}; точность {precision:.3f}, полнота {recall:.3f} "
          f"(цель ≥ {GOAL}) — {'да' if min(precision, recall) >= GOAL else 'НЕТ'}")
    words = {w for request, offer, _ in labelled_pairs() for w in texts.WORD.findall(f"{request} {offer}".lower())}
    texts.term_of.cache_clear()
    started = time.perf_counter()
    for word in words:
        texts.term_of(word)
    elapsed = time.perf_counter() - started
    print(f"разбор слов pymorphy3: {len(words) / elapsed:,.0f} разных слов/с".replace(",", " "))
