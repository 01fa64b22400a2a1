# 1,000 instances made, then gc.freeze(): they (and every other tracked object) are in the gc's
# permanent generation, which gc.get_objects() leaves out. No tracked object is made after the
# freeze, so none outside the permanent generation leads to them. `thaw()` puts them back.
import gc


class Frozen:
    pass


def thaw():
    gc.unfreeze()


frozen = [Frozen() for _ in range(1000)]
FROZEN_COUNT = gc.freeze() or gc.get_freeze_count()
