"""For PendingCallBreakerTests: python pending_call_from_thread.py LIBRARY.so

Loads the compiled pending_call_thread.c, prints "ready", starts its thread (which schedules a
pending call and blocks in read(2)), then loops in pure Python, holding the GIL, for two
seconds: prints "ran early" if the pending call ran meanwhile, else "waiting". It then loops
until the call runs, prints "ran" and waits to be killed. Nothing in the loops releases the GIL."""
import ctypes
import os
import sys
import time

library = ctypes.PyDLL(sys.argv[1])  # PyDLL: calls keep the GIL
added = ctypes.c_int.in_dll(library, "pending_call_added")
ran = ctypes.c_int.in_dll(library, "pending_call_ran")
blocking_read, blocking_write = os.pipe()
print("ready", flush=True)
library.start_adder(blocking_read)
while not added.value:
    pass
started = time.monotonic()
while not ran.value and time.monotonic() - started < 2:
    pass
library.report_waiting(ran.value)
while not ran.value:
    pass
print("ran", flush=True)
os.read(blocking_read, 1)
