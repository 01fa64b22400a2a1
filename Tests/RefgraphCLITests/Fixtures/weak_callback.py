# A weak reference whose callback is a bound method: the callback (and through it the
# method's owner and the owner's 4,000-byte buffer) is held by the weakref, strongly; the
# referent is not. Prints the addresses and the bytes the weakref retains.
import sys
import weakref


class Target:
    pass


class Owner:
    def __init__(self):
        self.buffer = bytes(4000)

    def forget(self, ref):
        pass


target = Target()
watch = weakref.ref(target, Owner().forget)
plain = weakref.ref(target)
method = watch.__callback__
print("watch %s" % hex(id(watch)))
print("target %s" % hex(id(target)))
print("watch_retained %d" % (sys.getsizeof(watch) + sys.getsizeof(method) + sys.getsizeof(method.__self__)
                             + sys.getsizeof(method.__self__.buffer)))
del method

if len(sys.argv) > 1:
    # Run by a plain interpreter: snapshot with the standalone agent.
    import refgraph_agent

    refgraph_agent.snapshot(sys.argv[1])
