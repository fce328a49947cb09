"""What a request asks for and what an offer gives, by meaning (matching.texts), and the hand-labelled set."""

from pathlib import Path

from django.test import SimpleTestCase

from matching.texts import needs, request_meets, terms

LABELLED = Path(__file__).parent / "data" / "requests_and_offers.tsv"


def labelled_pairs() -> list[tuple[str, str, bool]]:
    """(request, offer, whether the offer answers it), labelled by hand."""
    rows = [line.rstrip("\n").split("\t") for line in LABELLED.read_text(encoding="utf-8").splitlines()]
    return [(request, offer, label == "1") for request, offer, label in (r for r in rows if r[0] and r[0][0] != "#")]


def precision_and_recall() -> tuple[float, float, int]:
    pairs = labelled_pairs()
    found = [(request_meets(request, offer), label) for request, offer, label in pairs]
    true = sum(1 for got, label in found if got and label)
    return true / max(1, sum(got for got, _ in found)), true / max(1, sum(label for _, label in found)), len(pairs)


class WordFormTests(SimpleTestCase):
    def test_word_forms_of_a_subject_meet(self):
        self.assertTrue(request_meets("помощь с химией", "химии"))
        self.assertTrue(request_meets("задачи по физике", "физикой"))
        self.assertTrue(request_meets("математическая олимпиада", "математика"))
        self.assertTrue(request_meets("Робототехнику", "#робототехника"))
        self.assertTrue(request_meets("ёлка", "елки"))

    def test_a_request_asks_for_its_subjects_not_its_generic_words(self):
        self.assertEqual(needs("хочу помощь с подготовкой к ЕГЭ по истории"), (frozenset({"истор"}), frozenset()))

    def test_a_request_with_no_subject_asks_for_its_generic_words(self):
        self.assertEqual(needs("помощь с проектом")[0], frozenset())
        self.assertTrue(request_meets("помощь с проектом", "проектная деятельность"))

    def test_prepositions_and_pronouns_are_not_terms(self):
        self.assertEqual(terms("мне по и для"), frozenset())


class SharedWordsTests(SimpleTestCase):
    def test_shared_generic_words_do_not_make_a_match(self):
        self.assertFalse(request_meets("методика преподавания физики", "преподавание химии"))
        self.assertFalse(request_meets("олимпиада по математике", "олимпиаде по химии"))
        self.assertFalse(request_meets("изучение хакасского языка", "английский язык"))
        self.assertFalse(request_meets("соревнования по робототехнике", "соревнования по футболу"))


class LabelledSetTests(SimpleTestCase):
    def test_the_labelled_set_has_at_least_60_pairs_of_both_kinds(self):
        pairs = labelled_pairs()
        self.assertGreaterEqual(len(pairs), 60)
        self.assertGreaterEqual(sum(not label for _, _, label in pairs), 20)

    def test_precision_and_recall_on_the_labelled_set_are_at_least_0_9(self):
        precision, recall, _ = precision_and_recall()
        self.assertGreaterEqual(precision, 0.9)
        self.assertGreaterEqual(recall, 0.9)
