"""Serve a few hundred requests, as a web worker would between restarts."""

import sys

import webapp


def main(requests):
    app = webapp.Application()
    for i in range(requests):
        app.handle("/users" if i % 2 else "/health")
    print("handled %d requests" % requests)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
