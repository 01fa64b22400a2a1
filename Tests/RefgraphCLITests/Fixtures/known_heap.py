# A heap whose own classes have known counts: 10 Alpha, 25 Beta, 3 Gamma.
class Alpha:
    pass


class Beta:
    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


class Gamma:
    def __init__(self):
        self.items = []


alphas = [Alpha() for _ in range(10)]
betas = [Beta(i) for i in range(25)]
gammas = (Gamma(), Gamma(), Gamma())

# What the gc sees of the fixture's classes at the end of the script, for the test to compare.
import gc  # noqa: E402

for cls in (Alpha, Beta, Gamma):
    print("%s %d" % (cls.__name__, sum(1 for o in gc.get_objects() if type(o) is cls)))
