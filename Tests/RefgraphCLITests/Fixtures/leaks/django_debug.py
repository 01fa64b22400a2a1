"""Django with DEBUG on, running queries outside a request cycle: every query is logged."""
import sys

import django
from django.conf import settings

CONTROL = "--control" in sys.argv
settings.configure(
    DEBUG=not CONTROL,
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    INSTALLED_APPS=[],
    USE_TZ=True,
)
django.setup()
from django.db import connection  # noqa: E402

from common import drive  # noqa: E402

with connection.cursor() as c:
    c.execute("create table note (id integer primary key, body text)")


def step(i):
    with connection.cursor() as c:
        c.execute("insert into note (body) values (%s)", ["note %d" % i])
        c.execute("select body from note where id = %s", [i])


drive("django", step, 3000)
