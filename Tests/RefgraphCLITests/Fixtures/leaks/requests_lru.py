"""An lru_cache on a method keeps every client (and its requests Session) alive."""
import functools
import sys

import requests
from requests.adapters import BaseAdapter

from common import drive

CONTROL = "--control" in sys.argv


class CannedAdapter(BaseAdapter):
    def send(self, request, **kwargs):
        response = requests.Response()
        response.status_code = 200
        response._content = b'{"ok": true, "url": "%s"}' % request.url.encode()
        response.url = request.url
        response.request = request
        return response

    def close(self):
        pass


class ApiClient:
    def __init__(self, base):
        self.base = base
        self.session = requests.Session()
        self.session.mount("http://", CannedAdapter())

    # The leak under test: the cache keeps every client (bugbear's B019 warns of exactly this).
    @functools.lru_cache(maxsize=512 if CONTROL else None)  # noqa: B019
    def endpoint(self, path):
        return self.session.get(self.base + path).json()


def step(i):
    client = ApiClient("http://api.example/%d" % (i % 7))
    client.endpoint("/users/%d" % i)


drive("requests", step, 900)
