import threading

release = threading.Event()
started = threading.Event()

def blocked_worker():
    waiting_here = "worker local"  # noqa: F841
    started.set()
    release.wait()

worker = threading.Thread(target=blocked_worker, name="blocked-worker", daemon=True)
worker.start()
started.wait()

def finish():
    release.set()
    worker.join()
