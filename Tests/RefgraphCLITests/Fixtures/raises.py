# Raises an uncaught exception after building a little heap.
class Marker:
    pass


kept = [Marker() for _ in range(3)]
raise ValueError("boom from the fixture")
