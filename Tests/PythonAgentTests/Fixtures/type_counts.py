import gc

class Alpha:
    def __init__(self, n):
        self.n = n

class Beta:
    __slots__ = ("ref",)

alphas = [Alpha(i) for i in range(7)]
betas = []
for _ in range(4):
    b = Beta()
    b.ref = alphas
    betas.append(b)

EXPECTED_ALPHA = sum(1 for o in gc.get_objects() if type(o) is Alpha)
EXPECTED_BETA = sum(1 for o in gc.get_objects() if type(o) is Beta)
