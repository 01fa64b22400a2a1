"""Send requests; only every other one gets a reply, so half of them pile up."""

import sys

import messaging

dispatcher = messaging.Dispatcher()


def make_callback(request_id, log):
    def on_reply(reply):
        log.append((request_id, reply))
    return on_reply


def main(count):
    log = []
    for request_id in range(count):
        dispatcher.send(request_id, make_callback(request_id, log))
        if request_id % 2 == 0:
            dispatcher.receive(request_id, "result")
    print("sent %d requests, %d replies" % (count, len(log)))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
