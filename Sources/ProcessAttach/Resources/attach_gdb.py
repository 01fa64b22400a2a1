# Run by gdb (`gdb -batch -nx -x refgraph_attach_gdb.py`) for `refgraph attach`; never run by
# Python directly. It attaches to REFGRAPH_PID, schedules the loader in REFGRAPH_PAYLOAD with
# Py_AddPendingCall(PyRun_SimpleString, page) so the target's main thread runs it between two
# bytecodes, and detaches at once. It never calls into the interpreter where a thread stopped:
# the only calls made in the target are mmap(2) (a system call, no locks) and Py_AddPendingCall
# (designed to be called from any thread without the GIL, even from a signal handler).
#
# Output: lines "REFGRAPH <key> <value>" on stdout for refgraph to read. Errors are one line
# "REFGRAPH error <kind> <message>".
import os
import struct
import time

import gdb

SYSCALL_SELECT = 23
SYSCALL_CLOCK_NANOSLEEP = 230
SYSCALL_PSELECT6 = 270
SYSCALL_FUTEX = 202
SYSCALL_RESTART = 219  # restart_syscall(2), how the kernel resumes a call it stopped with -ERESTART_RESTARTBLOCK
FUTEX_WAITS = (0, 9)  # FUTEX_WAIT, FUTEX_WAIT_BITSET (without the PRIVATE and CLOCK_REALTIME bits)
EINTR = 4
RESTART_CODES = (-512, -513, -514, -516)  # -ERESTARTSYS, -ERESTARTNOINTR, -ERESTARTNOHAND, -ERESTART_RESTARTBLOCK
TIMER_ABSTIME = 1
CLOCK_MONOTONIC = 1
PTRACE_GETREGSET = 0x4204
NT_X86_XSTATE = 0x202  # the XSAVE area: x87, SSE, AVX, AVX-512, AMX tile state...


ATTACHED_AT = []


def say(key, value):
    print("REFGRAPH %s %s" % (key, value), flush=True)


class Failure(Exception):
    def __init__(self, kind, message):
        Exception.__init__(self, message)
        self.kind = kind


def run(command):
    return gdb.execute(command, to_string=True)


def value(expression):
    return int(gdb.parse_and_eval(expression))


def symbol_address(name):
    try:
        return value("(long)&%s" % name)
    except gdb.error:
        return None


def attach(pid):
    for setting in ("set pagination off", "set confirm off", "set width 0",
                    "set unwindonsignal on", "set unwind-on-terminating-exception on",
                    "set debuginfod enabled off", "set auto-solib-add off",
                    "set print thread-events off", "set print inferior-events off",
                    "set scheduler-locking off"):
        try:
            run(setting)
        except gdb.error:
            pass
    try:
        run("attach %d" % pid)
        ATTACHED_AT.append(time.monotonic())
    except gdb.error as error:
        text = str(error)
        if "ptrace" in text and ("not permitted" in text or "Permission" in text):
            tracer = tracer_of(pid)
            if tracer:
                raise Failure("traced", "%d" % tracer) from None
            raise Failure("permission", text) from None
        if "No such process" in text:
            raise Failure("no-process", text) from None
        raise Failure("attach", text) from None
    # Only the libraries whose symbols we need: reading every library's debug info is slow.
    for library in ("libc.so", "libpython"):
        try:
            run("sharedlibrary %s" % library)
        except gdb.error:
            pass


def tracer_of(pid):
    """The process tracing `pid` now (a second attach or a debugger: the usual reason ptrace is
    refused to root), or 0."""
    try:
        with open("/proc/%d/status" % pid) as status:
            for line in status:
                if line.startswith("TracerPid:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def main_thread(pid):
    for thread in gdb.selected_inferior().threads():
        if thread.ptid[1] == pid:
            return thread
    raise Failure("attach", "the target's main thread is not among its threads")


def in_syscall(thread):
    thread.switch()
    return value("$orig_rax") >= 0


def call_thread(pid, main, main_waits):
    """The thread to run our small calls on. The main thread itself when it waits in the system
    call that `end_sleep` or `interrupt_wait` will end: gdb restores its registers exactly after
    each call, so that call is still the one it stopped in. Another thread would let the main
    thread run during the calls (scheduler-locking is off), and it can stop again on its way
    back into the restarted call, with its registers saying "about to enter the call", not "in
    it": making that "return 0" made the thread enter system call 0, read(2), with the sleep's
    arguments (CLOCK_MONOTONIC = 1 as the file descriptor), and time.sleep raised EBADF in the
    target. Otherwise one blocked in a system call other than the main thread if there is one
    (then the main thread, which may hold CPython's pending-call lock for a moment, keeps
    running while the call waits for it), else the main thread."""
    if main_waits:
        return main
    for thread in gdb.selected_inferior().threads():
        if thread.ptid[1] != pid and in_syscall(thread):
            return thread
    return main


def check_register_writes(thread):
    """Raises Failure("registers") unless gdb can write this thread's registers back. gdb's
    `call` saves a thread's registers, runs the function and writes them back; a gdb that cannot
    write the CPU's extended state (gdb 13 sizes the XSAVE area of a CPU with AMX too small, and
    Linux refuses a short one with EFAULT: "Couldn't write extended state status: Bad address")
    fails half-way, with the registers set up for the call and the interrupted system call no
    longer restarted, and the target fails (a time.sleep raises "OSError: [Errno 514]") or
    crashes. The proof writes one bit of xmm15 and writes it back; the stopped thread never runs
    with the changed value, and a write that fails changes nothing. (gdb skips a write of the value
    a register already holds, so an unchanged write would prove nothing.)"""
    thread.switch()
    flip = "set var $xmm15.v4_int32[0] = $xmm15.v4_int32[0] ^ 1"
    try:
        run(flip)
    except gdb.error as error:
        size = xsave_size(thread)
        raise Failure("registers", "%s %s %s" % (size or 0, gdb.VERSION.split()[0], str(error).rstrip("."))) from None
    run(flip)


def xsave_size(thread):
    """The size in bytes of the thread's XSAVE area as Linux hands it to a debugger (the length
    PTRACE_GETREGSET leaves in a buffer larger than any CPU's), or None if it cannot be read. Asked
    from gdb's own process, which is the tracer; it only reads."""
    try:
        import ctypes

        class IOVec(ctypes.Structure):
            _fields_ = [("base", ctypes.c_void_p), ("length", ctypes.c_size_t)]

        libc = ctypes.CDLL(None, use_errno=True)
        libc.ptrace.argtypes = [ctypes.c_long, ctypes.c_long, ctypes.c_void_p, ctypes.c_void_p]
        libc.ptrace.restype = ctypes.c_long
        buffer = ctypes.create_string_buffer(1 << 16)
        vector = IOVec(ctypes.cast(buffer, ctypes.c_void_p), len(buffer))
        if libc.ptrace(PTRACE_GETREGSET, thread.ptid[1], NT_X86_XSTATE, ctypes.byref(vector)) != 0:
            return None
        return vector.length
    except (ImportError, OSError, AttributeError):
        return None


def sleep_deadline(main):
    """If the main thread is in time.sleep's system call, the CLOCK_MONOTONIC time at which
    that sleep would end, else None. Reads only; `end_sleep` then makes the call return."""
    main.switch()
    number = value("$orig_rax")
    if value("$rax") not in RESTART_CODES:
        return None
    if number == SYSCALL_CLOCK_NANOSLEEP:
        # CPython 3.11+: clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, NULL).
        if value("$rdi") == CLOCK_MONOTONIC and value("$rsi") & TIMER_ABSTIME and value("$rdx") != 0:
            request = value("$rdx")
            return value("*(long*)%d" % request) + value("*(long*)%d" % (request + 8)) / 1e9
    elif number in (SYSCALL_SELECT, SYSCALL_PSELECT6):
        # CPython 3.8-3.10: select(0, NULL, NULL, NULL, &timeout); the kernel has already stored
        # the time left in the timeout (a timeval for select, a timespec for pselect6).
        no_sets = all(value(register) == 0 for register in ("$rdi", "$rsi", "$rdx", "$r10"))
        if no_sets and value("$r8") != 0:
            timeout = value("$r8")
            scale = 1e6 if number == SYSCALL_SELECT else 1e9
            left = value("*(long*)%d" % timeout) + value("*(long*)%d" % (timeout + 8)) / scale
            return time.monotonic() + left
    return None


def still_interrupted(main, numbers):
    """Whether the main thread is still stopped inside one of the system calls `numbers` (or the
    kernel's restart of it), about to be restarted: the only state in which its return value
    may be changed. Checked again just before changing it, whatever ran in between."""
    main.switch()
    return value("$orig_rax") in numbers + (SYSCALL_RESTART,) and value("$rax") in RESTART_CODES


def end_sleep(main):
    """Makes the interrupted sleep call return 0 (done) instead of being restarted."""
    if not still_interrupted(main, (SYSCALL_CLOCK_NANOSLEEP, SYSCALL_SELECT, SYSCALL_PSELECT6)):
        return False
    run("set var $orig_rax = -1")
    run("set var $rax = 0")
    return True


def in_futex_wait(main):
    """Whether the main thread waits in futex(2): on a Python lock (Lock.acquire, Thread.join,
    queue.get), for the GIL, or on a C-level lock."""
    main.switch()
    return (value("$orig_rax") == SYSCALL_FUTEX and value("$rax") in RESTART_CODES
            and value("$rsi") & 0x7f in FUTEX_WAITS)


def interrupt_wait(main):
    """Makes the futex wait return EINTR, as it does whenever a signal with a handler arrives
    (CPython's SIGINT handler causes exactly this). Every futex user retries on EINTR; CPython's
    lock acquire first runs Py_MakePendingCalls, which is what makes the bootstrap run."""
    if not still_interrupted(main, (SYSCALL_FUTEX,)):
        return False
    run("set var $orig_rax = -1")
    run("set var $rax = -%d" % EINTR)
    return True


def inject(pid, payload_path, folder, agent):
    attach(pid)
    for name in ("Py_AddPendingCall", "PyRun_SimpleString", "Py_IsInitialized"):
        if symbol_address(name) is None:
            raise Failure("not-python", "no symbol %s in process %d" % (name, pid))
    main = main_thread(pid)
    deadline = sleep_deadline(main)
    waiting = deadline is None and in_futex_wait(main)
    caller = call_thread(pid, main, deadline is not None or waiting)
    check_register_writes(caller)  # before the first call in the target
    caller.switch()
    if value("(int)Py_IsInitialized()") == 0:
        raise Failure("not-ready", "the interpreter is not initialized (starting up or shutting down)")
    with open(payload_path, "rb") as handle:
        template = handle.read().decode("utf-8")
    inner = (template.replace("__REFGRAPH_DEADLINE__", repr(deadline))
             .replace("__REFGRAPH_DIR__", repr(folder))
             .replace("__REFGRAPH_AGENT__", repr(agent)))
    # compile() first, so the parser's token lists for the loader are freed before it runs.
    code = "exec(compile(%r, '<refgraph attach>', 'exec'), {'__name__': '__refgraph_attach__'})" % inner
    data = code.encode("utf-8") + b"\0"
    size = (len(data) + 4095) // 4096 * 4096
    caller.switch()
    # PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS: the code string lives in memory of its
    # own, so nothing in the target calls malloc (whose lock a stopped thread may hold).
    page = value("(long)mmap(0, %d, 3, 0x22, -1, 0)" % size)
    if page == -1 or page == 0:
        raise Failure("inject", "mmap in the target failed")
    gdb.selected_inferior().write_memory(page, data)
    say("page", "%#x %d" % (page, size))
    status = value("(int)Py_AddPendingCall((void*)PyRun_SimpleString, (void*)%d)" % page)
    if status != 0:
        raise Failure("inject", "Py_AddPendingCall refused the call (its queue is full)")
    breaker = os.environ.get("REFGRAPH_EVAL_BREAKER")
    if breaker and caller.ptid[1] != pid:
        # 3.9-3.12 compute the eval breaker for the calling thread, which may not run pending
        # calls: set it, or a main thread busy in Python never looks at them (a plain store,
        # as CPython's own signal handler makes; all threads are stopped).
        gdb.selected_inferior().write_memory(int(breaker), struct.pack("<i", 1))
        say("breaker", breaker)
    if deadline is not None and end_sleep(main):
        say("scheduled", "sleep")
    elif waiting and interrupt_wait(main):
        say("scheduled", "lock-wait")
    else:
        main.switch()
        say("scheduled", "running" if value("$orig_rax") < 0 else "syscall %d" % value("$orig_rax"))


def main():
    pid = int(os.environ["REFGRAPH_PID"])
    try:
        inject(pid, os.environ["REFGRAPH_PAYLOAD"], os.environ["REFGRAPH_DIR"], os.environ["REFGRAPH_AGENT"])
    except Failure as failure:
        say("error", "%s %s" % (failure.kind, str(failure).replace("\n", " ")))
    except gdb.error as error:
        say("error", "gdb %s" % str(error).replace("\n", " "))
    finally:
        try:
            if gdb.selected_inferior().pid != 0:
                run("detach")
                if ATTACHED_AT:
                    say("stopped", "%.3f" % (time.monotonic() - ATTACHED_AT[0]))
        except gdb.error as error:
            say("error", "detach %s" % str(error).replace("\n", " "))


main()
