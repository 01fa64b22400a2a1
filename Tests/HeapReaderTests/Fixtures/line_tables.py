"""Prints, one JSON object a line, the line table of every code object of a generated module
(statements far apart, lines going back, expressions over many lines, instructions without a
line) with the line CPython gives each instruction: co_lines() where it exists (3.10+), else
dis.findlinestarts. HeapReaderTests decodes each table and compares."""

import dis
import json
import sys

SOURCE = """
def far(a):
    x = a
""" + "\n" * 300 + """
    y = (x +
         1)
    for i in range(3):
        y += i
""" + "\n" * 70 + """
    return [
        y,
        x,
    ]


class Holder:
    def method(self, v):
        try:
            return v.attribute
        except AttributeError:
            return None


def generator(n):
    while n:
        yield n
        n -= 1


async def coroutine(f):
    async with f() as g:
        await g
"""


def code_objects(code):
    yield code
    for const in code.co_consts:
        if type(const) is type(code):
            yield from code_objects(const)


def expected_lines(code):
    size = len(code.co_code)
    if hasattr(code, "co_lines"):
        ranges = list(code.co_lines())
        for offset in range(0, size, 2):
            line = -1
            for start, end, found in ranges:
                if start <= offset < end:
                    line = -1 if found is None else found
            yield offset, line
    else:
        starts = list(dis.findlinestarts(code))
        for offset in range(0, size, 2):
            line = code.co_firstlineno
            for start, found in starts:
                if start <= offset:
                    line = found
            yield offset, line


def main():
    for code in code_objects(compile(SOURCE, "generated.py", "exec")):
        if sys.version_info >= (3, 11):
            form, table = "locations", code.co_linetable
        elif sys.version_info >= (3, 10):
            form, table = "linetable310", code.co_linetable
        else:
            form, table = "lnotab", code.co_lnotab
        print(json.dumps({
            "name": code.co_name, "format": form, "first": code.co_firstlineno, "table": table.hex(),
            "lines": list(expected_lines(code)),
        }))


main()
