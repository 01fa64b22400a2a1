class Leaf:
    def __init__(self, i):
        self.i = i
        self.text = "leaf %d" % i

tree = {"leaves": [Leaf(i) for i in range(20)], "name": "roundtrip"}
