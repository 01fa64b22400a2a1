"""A message dispatcher that waits for replies and never gives up on one.

Every outgoing request is kept in `Dispatcher._expected` until its reply arrives. Replies
to some requests never come, and nothing prunes the dict, so those requests — each with a
callback closure and a parsed tree of nodes whose children point back to their parent
(reference cycles) — stay forever. This is the shape of the xmpppy/OpenStack leaks that
objgraph's documentation walks through.
"""


class Node:
    """An element of a parsed message; children point back to their parent."""

    def __init__(self, name, parent=None):
        self.name = name
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)


class Request:
    """An outgoing request waiting for its reply."""

    def __init__(self, request_id, body, callback):
        self.request_id = request_id
        self.body = body
        self.callback = callback


class Dispatcher:
    """Sends requests and routes replies to their callbacks."""

    def __init__(self):
        self._expected = {}

    def send(self, request_id, on_reply):
        body = Node("iq")
        query = Node("query", body)
        Node("item", query)
        self._expected[request_id] = Request(request_id, body, on_reply)

    def receive(self, request_id, reply):
        request = self._expected.pop(request_id, None)
        if request is not None:
            request.callback(reply)
