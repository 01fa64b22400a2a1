"""Every job adds a buffering handler to a shared logger and never removes it."""
import logging
import logging.handlers
import sys

from common import drive

CONTROL = "--control" in sys.argv
log = logging.getLogger("jobs")
log.setLevel(logging.INFO)
log.propagate = False


def step(i):
    handler = logging.handlers.MemoryHandler(capacity=1000, flushLevel=logging.CRITICAL)
    log.addHandler(handler)
    log.info("job %d started", i)
    log.info("job %d done", i)
    if CONTROL:
        log.removeHandler(handler)
        handler.close()


drive("logging", step, 600)
