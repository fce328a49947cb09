"""The API's lists page by limit and offset, both bounded: an offset past any list is the input's error, not
a number that overflows the database's integers."""

from django.conf import settings
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_OFFSET = 1_000_000_000


class PagingIn(Schema):
    limit: int = Field(settings.NINJA_PAGINATION_PER_PAGE, ge=1, le=settings.NINJA_PAGINATION_MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class Paging(LimitOffsetPagination):
    Input = PagingIn
