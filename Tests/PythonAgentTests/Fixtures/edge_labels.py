class Holder:
    def __init__(self):
        self.attr = ["attribute value"]
        self.mapping = {"k": ("dict value",), 42: ("int key value",)}
        self.items = ["i0", "i1", "i2", ["third item"]]

    def method(self):
        return self

def make_closure():
    captured = {"captured": True}
    def inner():
        return captured
    return inner

holder = Holder()
closure = make_closure()
bound = holder.method
