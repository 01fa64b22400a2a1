/// The Python code the target's main thread runs (a template gdb fills in), which loads the
/// standalone agent into a private namespace and writes the snapshot into the attach folder.
enum BootstrapScript {
    static let source = #"""
# The code `refgraph attach` has the target's main thread run (through Py_AddPendingCall and
# PyRun_SimpleString, between two bytecodes, holding the GIL). gdb fills in the three
# __REFGRAPH_*__ names and wraps it in exec(..., {}) so nothing is bound in __main__.
# It raises nothing: PyRun_SimpleString would print a traceback into the target's stderr, and a
# failed pending call turns into a SystemError in the target's code. So the program's own Python
# signal handlers must not run inside it either (one that raises, as a SIGTERM handler calling
# sys.exit does, would raise here): while it runs, signals are only recorded, and afterwards
# each recorded signal is sent again, so its handler runs in the program's own code.
def _refgraph_attach(folder, agent_path, deadline):
    import os
    import signal
    if not os.path.isdir(folder):
        return  # refgraph gave up waiting and removed the folder: leave no file anywhere
    received = []
    sleeping = []

    def record(signum, frame):
        received.append(signum)
        if sleeping:
            raise InterruptedError()  # ends the rest of the sleep below

    handlers = {}
    try:
        for signum in signal.valid_signals():
            handler = signal.getsignal(signum)
            if callable(handler):
                handlers[signum] = handler
                signal.signal(signum, record)
        _refgraph_snapshot(folder, agent_path)
        if deadline is not None:
            sleeping.append(True)
            _refgraph_finish_sleep(deadline, folder)
    except BaseException:
        pass
    finally:
        for signum, handler in handlers.items():
            try:
                signal.signal(signum, handler)
            except BaseException:
                pass
    if received:
        # Sent from a new thread, which gets the GIL only after this code has returned, so the
        # handlers run in the program's own code.
        import _thread
        import time
        _thread.start_new_thread(_refgraph_resend, (os.kill, time.sleep, os.getpid(), received))


def _refgraph_snapshot(folder, agent_path):
    import os
    message = "ok"
    try:
        _refgraph_agent(agent_path).snapshot(os.path.join(folder, "snapshot.rgs"))
    except BaseException as error:
        message = "failed %s: %s" % (type(error).__name__, error)
    try:
        temporary = os.path.join(folder, "status.tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(descriptor, message.encode("utf-8", "replace"))
        finally:
            os.close(descriptor)
        os.rename(temporary, os.path.join(folder, "status"))
    except BaseException:
        pass


def _refgraph_agent(agent_path):
    # The agent is loaded once per process, as the module sys.modules["_refgraph_attach_agent"],
    # and reused by later attaches while its source is the same: its objects are then the same
    # in every snapshot, so comparing two snapshots shows the program's growth, not the agent's.
    import sys
    name = "_refgraph_attach_agent"
    with open(agent_path, "rb") as handle:
        source = handle.read()
    module = sys.modules.get(name)
    if module is not None and getattr(module, "__refgraph_source_hash__", None) == (len(source), hash(source)):
        return module
    module = type(sys)(name)
    module.__file__ = agent_path
    exec(compile(source, agent_path, "exec"), module.__dict__)
    module.__refgraph_source_hash__ = (len(source), hash(source))
    sys.modules[name] = module
    return module


def _refgraph_finish_sleep(deadline, folder):
    # The main thread was in time.sleep, which gdb ended early so this code could run: sleep
    # what was left, so the program's sleep still lasts at least as long as it asked (unless a
    # signal arrives, which ends the program's own sleep too when its handler raises).
    # Another attach meanwhile cannot run its own bootstrap (CPython runs one pending call at a
    # time), so this one looks for that attach's folder every 0.2 s and takes its snapshot.
    import os
    import time
    parent = os.path.dirname(folder)
    prefix = "refgraph-attach-%d-" % os.getpid()
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return
        time.sleep(min(left, 0.2))
        try:
            names = [name for name in os.listdir(parent) if name.startswith(prefix)]
        except OSError:
            names = []
        for name in names:
            other = os.path.join(parent, name)
            if other != folder and not name.endswith(".done") and os.path.exists(os.path.join(other, "bootstrap.py")) and not os.path.exists(os.path.join(other, "status")):
                _refgraph_snapshot(other, os.path.join(other, "refgraph_agent.py"))


def _refgraph_resend(kill, sleep, pid, signals):
    # Runs after the exec namespace is cleared: it may use only its arguments (no imports).
    sleep(0.01)
    for signum in signals:
        kill(pid, signum)


_refgraph_attach(__REFGRAPH_DIR__, __REFGRAPH_AGENT__, __REFGRAPH_DEADLINE__)
globals().clear()
"""#
}
