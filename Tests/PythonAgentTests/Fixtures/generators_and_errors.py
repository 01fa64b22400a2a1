import weakref

def counter():
    in_generator = ["generator local"]  # noqa: F841
    yield 1
    yield 2

running = counter()
next(running)

class Target:
    pass

target = Target()
weak = weakref.ref(target)

def fail():
    doomed_local = ["frame local"]  # noqa: F841
    raise ValueError("kept")

try:
    fail()
except ValueError as e:
    error = e
