"""A target for `refgraph attach` read from outside: python outside_target.py MODE.

It builds a known heap (HOLDER: a list of 2000 Node objects, each with .child a Leaf, so
`chain --type Leaf` is __main__ -> ['holder'] -> [0] -> .child), prints "ready PID [PORT]",
then the main thread does what MODE says:
  read     blocks in read() on stdin for ever; each line read is answered "echo LINE"
  accept   blocks in accept() on a listening socket (PORT); each connection's first line is
           answered "echo LINE" on it
  threads  50 threads spin in Python; the main thread answers stdin as in read
  gil      a thread holds the GIL in one long C call (sum over a huge range); the main
           thread waits for it
  epoll    the main thread waits in epoll_wait() for stdin; each line is answered as in read
  deadlock two threads deadlock for ever on two locks (each holds one and waits for the
           other; they print "deadlocked" first); the main thread answers stdin as in read
  frozen   1000 Frozen objects, each in a cycle with itself that nothing else reaches, moved
           to the gc's permanent generation by gc.freeze(); the main thread answers stdin
"""
import gc
import os
import select
import socket
import sys
import threading


class Leaf:
    pass


class Node:
    def __init__(self, i):
        self.child = Leaf()
        self.number = i


holder = [Node(i) for i in range(2000)]
mode = sys.argv[1]


def answer_stdin():
    while True:
        line = sys.stdin.buffer.readline()
        if not line:
            return
        sys.stdout.write("echo %s\n" % line.decode().strip())
        sys.stdout.flush()


def spin():
    count = 0
    while True:
        count += 1


if mode == "read":
    print("ready %d" % os.getpid(), flush=True)
    answer_stdin()
elif mode == "accept":
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    print("ready %d %d" % (os.getpid(), server.getsockname()[1]), flush=True)
    while True:
        connection, _ = server.accept()
        with connection:
            line = connection.makefile("rb").readline()
            connection.sendall(b"echo " + line.strip() + b"\n")
elif mode == "threads":
    for _ in range(50):
        threading.Thread(target=spin, daemon=True).start()
    print("ready %d" % os.getpid(), flush=True)
    answer_stdin()
elif mode == "gil":
    # sum() over a range runs in C and never lets the GIL go; the thread says so first.
    worker = threading.Thread(target=lambda: (print("holding", flush=True), sum(range(10**13))), daemon=True)
    print("ready %d" % os.getpid(), flush=True)
    worker.start()
    worker.join()
elif mode == "epoll":
    poller = select.epoll()
    poller.register(0, select.EPOLLIN)
    print("ready %d" % os.getpid(), flush=True)
    while True:
        poller.poll()
        line = os.read(0, 4096)
        if not line:
            break
        sys.stdout.write("echo %s\n" % line.decode().strip())
        sys.stdout.flush()
elif mode == "deadlock":
    first, second = threading.Lock(), threading.Lock()
    both_hold = threading.Barrier(2, action=lambda: print("deadlocked", flush=True))

    def take(one, other):
        with one:
            both_hold.wait()
            with other:
                pass

    print("ready %d" % os.getpid(), flush=True)
    for pair in ((first, second), (second, first)):
        threading.Thread(target=take, args=pair, daemon=True).start()
    answer_stdin()
elif mode == "frozen":

    class Frozen:
        def __init__(self):
            self.me = self

    frozen = [Frozen() for _ in range(1000)]
    gc.freeze()
    del frozen
    print("ready %d" % os.getpid(), flush=True)
    answer_stdin()
else:
    raise SystemExit("unknown mode " + mode)
