from django.test import RequestFactory, SimpleTestCase

from utilities.paging import PAGE_SIZE, paginate


class PagingTests(SimpleTestCase):
    def test_the_page_links_keep_the_filters_and_drop_the_old_page_number(self):
        request = RequestFactory().get("/", {"q": "Иванов", "status": "active", "page": "2"})
        context = paginate(request, list(range(PAGE_SIZE * 3)))
        self.assertEqual(context["page"].number, 2)
        self.assertEqual(context["query"], "q=%D0%98%D0%B2%D0%B0%D0%BD%D0%BE%D0%B2&status=active")

    def test_a_page_past_the_end_shows_the_last_one(self):
        context = paginate(RequestFactory().get("/", {"page": "99"}), list(range(PAGE_SIZE + 1)))
        self.assertEqual(context["page"].number, 2)
