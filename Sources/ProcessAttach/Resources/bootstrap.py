# refgraph attach's bootstrap, which the loader keeps as sys.modules["_refgraph_attach_bootstrap"],
# like the agent, so that a second attach finds the same objects.
# It raises nothing: PyRun_SimpleString would print a traceback into the target's stderr, and a
# failed pending call turns into a SystemError in the target's code. So the program's own Python
# signal handlers must not run inside it either (one that raises, as a SIGTERM handler calling
# sys.exit does, would raise here): while it runs, signals are only recorded, and afterwards
# each recorded signal is sent again, so its handler runs in the program's own code.
import sys as _sys

LOADER_MARK = "# refgraph attach loader."  # the first line of loader.py

# The modules the process had before refgraph's first attach: those it has now besides them
# were loaded by the attach (signal, the agent's json, ...), see _name_tables.
_MODULES_BEFORE = frozenset(_sys.modules)


def attach(folder, agent_path, deadline, loader):
    import os
    import signal
    if not os.path.isdir(folder):
        return  # refgraph gave up waiting and removed the folder: leave no file anywhere
    received = []

    def record(signum, frame):
        received.append(signum)
        if frame is not None and frame.f_code is _nap.__code__:
            raise InterruptedError()  # ends the rest of the sleep, see _finish_sleep

    handlers = {}
    # What this attach made, left out of the snapshot with its frames, so that two attaches do
    # not differ by refgraph's objects (this module's and the agent's are the same each time).
    # own[0] is the loader's namespace, by which _stack knows the loader's frame.
    own = [loader, received, record, record.__closure__, handlers]
    own.extend(record.__closure__)
    try:
        for signum in signal.valid_signals():
            handler = signal.getsignal(signum)
            if callable(handler):
                handlers[signum] = handler
                signal.signal(signum, record)
        _snapshot(folder, agent_path, own)
        if deadline is not None:
            _finish_sleep(deadline, folder, own, received)
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
        _thread.start_new_thread(_resend, (os.kill, time.sleep, os.getpid(), received))


def _snapshot(folder, agent_path, own):
    import os
    message = "ok"
    mine = None
    try:
        agent = _agent(agent_path)
        mine = [own] + own + _stack(own[0]) + _name_tables()
        agent._snapshot(os.path.join(folder, "snapshot.rgs"), False, mine)
    except BaseException as error:
        message = "failed %s: %s" % (type(error).__name__, error)
    finally:
        mine = None  # it holds this frame, which holds it
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


def _stack(loader):
    # What this attach put on the main thread's stack, alive while the snapshot is taken: this
    # module's frames; below them the loader's, in its namespace ``loader``, and the frame of
    # the line PyRun_SimpleString ran (gdb's exec(compile(...))); the function objects 3.11
    # and later make to run those two codes, and the codes' tuples, which the gc may track;
    # and the lists in which CPython's parser keeps that line's tokens until it returns,
    # which hold the loader's source.
    import gc
    import sys
    frames = []
    frame = sys._getframe(1)
    namespace = globals()
    while frame is not None and frame.f_globals is namespace:
        frames.append(frame)
        frame = frame.f_back
    if frame is None or frame.f_globals is not loader:
        return frames
    frames.append(frame)
    frame = frame.f_back
    if frame is None or frame.f_code.co_filename != "<string>" or frame.f_code.co_name != "<module>":
        return frames
    frames.append(frame)
    line = frame.f_code
    frame = None
    codes = [frames[-2].f_code, line]
    sources = [c for c in line.co_consts if type(c) is str and c.startswith(LOADER_MARK)]
    found = [line.co_consts, line.co_names, codes[0].co_consts, codes[0].co_names]
    for holder in gc.get_referrers(*codes, *sources):
        if type(holder) is list:
            found.append(holder)
        elif type(holder) is type(_stack) and any(holder.__code__ is code for code in codes):
            found.append(holder)
    holder = None
    return frames + found


def _name_tables():
    # On 3.11 and later a code object keeps the names of its locals in a tuple Python cannot
    # reach (co_varnames makes a new one, which 3.12+ caches), and a class with __slots__ keeps
    # their sorted names in one. Until the gc first examines such a tuple, and then stops
    # tracking it, it is in gc.get_objects() and, as nothing the agent can see refers to it,
    # looks held from C. The first attach loads this module, the agent and the modules they
    # import, so their tuples would be in its snapshot and gone from the next one. They are
    # found among the gc's youngest objects by their contents, the interned names, leaving
    # out the tuples with the same names that the agent does see (constants, __slots__).
    import gc
    import sys
    function_type = type(_name_tables)
    code_type = type(_name_tables.__code__)
    modules = sys.modules
    loaded = [modules[name] for name in list(modules) if name not in _MODULES_BEFORE and name in modules]
    codes = []
    wanted = set()
    visible = set()
    namespaces = [(vars(module), module.__name__) for module in loaded]
    while namespaces:  # modules, and the classes defined in them, nested ones too
        namespace, owner = namespaces.pop()
        for value in list(namespace.values()):
            if type(value) is function_type:
                codes.append(value.__code__)
            elif type(value) is type and value.__module__ == owner:
                namespaces.append((vars(value), owner))
                slots = vars(value).get("__slots__")
                visible.add(id(slots))
                if type(slots) is str:
                    slots = (slots,)
                if type(slots) is tuple:
                    # What the type keeps: the names sorted, without __dict__ and __weakref__.
                    slots = frozenset(id(name) for name in slots if name not in ("__dict__", "__weakref__"))
                    if slots:
                        wanted.add(slots)
    namespace = value = slots = None
    local_names = sys.version_info >= (3, 11)  # before, co_varnames is the code's own tuple
    while codes:
        code = codes.pop()
        constants = [code.co_consts]
        while constants:
            constant = constants.pop()
            visible.add(id(constant))
            constants.extend(c for c in constant if type(c) is tuple or type(c) is frozenset)
            codes.extend(c for c in constant if type(c) is code_type)
        constant = None
        if local_names:
            # Read through _varname_from_oparg (3.11+, for dis): on 3.12+ co_varnames and
            # co_cellvars would leave new cached tuples of their own on the code.
            name_at = code._varname_from_oparg
            names = []
            try:
                while True:
                    names.append(id(name_at(len(names))))
            except IndexError:
                pass
            if names:
                wanted.add(frozenset(names))
    code = name_at = names = None
    lengths = set(map(len, wanted))
    return [t for t in gc.get_objects(0) if type(t) is tuple and len(t) in lengths and id(t) not in visible
            and frozenset(map(id, t)) in wanted]


def _agent(agent_path):
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


def _finish_sleep(deadline, folder, own, received):
    # The main thread was in time.sleep, which gdb ended early so this code could run: sleep
    # what was left, so the program's sleep still lasts at least as long as it asked, unless a
    # signal arrived meanwhile, during the snapshot or during this sleep: then it ends now, so
    # that the program's handler runs at once, not when the sleep is over (the handler of a
    # SIGTERM must not wait ten minutes because the program was asleep when attached to).
    # Another attach meanwhile cannot run its own bootstrap (CPython runs one pending call at a
    # time), so this one looks for that attach's folder every 0.2 s and takes its snapshot.
    import os
    import time
    parent = os.path.dirname(folder)
    prefix = "refgraph-attach-%d-" % os.getpid()
    while not received:
        left = deadline - time.monotonic()
        if left <= 0:
            return
        try:
            _nap(time.sleep, min(left, 0.2))
        except InterruptedError:
            return
        try:
            names = [name for name in os.listdir(parent) if name.startswith(prefix)]
        except OSError:
            names = []
        for name in names:
            other = os.path.join(parent, name)
            queued, done = os.path.join(other, "bootstrap.py"), os.path.join(other, "status")
            if other != folder and not name.endswith(".done") and os.path.exists(queued) and not os.path.exists(done):
                _snapshot(other, os.path.join(other, "refgraph_agent.py"), own)


def _nap(sleep, seconds):
    # The one place a recorded signal raises (the handler looks for this function's frame):
    # an exception raised anywhere else in this module would escape it.
    sleep(seconds)


def _resend(kill, sleep, pid, signals):
    sleep(0.01)
    for signum in signals:
        kill(pid, signum)
