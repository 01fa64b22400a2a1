"""A Flask app that keeps every request's details in a module-level history for debugging."""
import sys
from collections import deque

from flask import Flask, request

from common import drive

app = Flask(__name__)
BOUNDED = "--control" in sys.argv
debug_history = deque(maxlen=50) if BOUNDED else []


@app.route("/items/<int:item_id>")
def item(item_id):
    body = {"id": item_id, "name": "item-%d" % item_id, "tags": ["a", "b"]}
    debug_history.append((request.path, dict(request.headers), body))
    return body


client = app.test_client()


def step(i):
    response = client.get("/items/%d" % i, headers={"X-Request-Id": "req-%d" % i})
    assert response.status_code == 200


drive("flask", step, 3000)
