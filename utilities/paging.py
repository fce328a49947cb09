"""One page of a filtered list, for the list pages and their page links (templates/_pagination.html)."""

from django.core.paginator import Paginator
from django.http import HttpRequest

PAGE_SIZE = 50


def paginate(request: HttpRequest, rows, size: int = PAGE_SIZE) -> dict:
    """{"page": the asked page of `rows`, "query": the request's filters without the page number}."""
    query = request.GET.copy()
    query.pop("page", None)
    return {"page": Paginator(rows, size).get_page(request.GET.get("page")), "query": query.urlencode()}
