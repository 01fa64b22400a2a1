"""Prints "BITS REPR" for floats whose repr the outside reader must rebuild: edge cases around
the switch to exponents (1e-4, 1e16), powers of ten, subnormals, extremes, seeded random bit
patterns and seeded short decimals. BITS is the double's IEEE 754 bits in hex."""

import random
import struct


def bits(value):
    return struct.unpack("<Q", struct.pack("<d", value))[0]


values = [0.0, -0.0, 1.0, -1.0, 0.1, 0.5, 1.5, 100.0, 123456.789, 1e-4, 9.999e-5, 1e-5, 0.00012, 1e15,
          9999999999999998.0, 1e16, 1.2345e16, 1e17, 1e22, 1e-7, 5e-324, 2.2250738585072014e-308,
          1.7976931348623157e308, float("inf"), float("-inf"), float("nan"), 2.0 ** 53, 2.0 ** 63, 3.0e-310,
          1 / 3, 2 / 3, 0.1 + 0.2, 1e100, 1.0000000000000002]
values += [10.0 ** e for e in range(-30, 31)] + [-(10.0 ** e) * 1.5 for e in range(-30, 31)]
generator = random.Random(20261206)
for _ in range(20000):
    value = struct.unpack("<d", struct.pack("<Q", generator.getrandbits(64)))[0]
    values.append(value)
for _ in range(5000):
    values.append(round(generator.uniform(-1e6, 1e6), generator.randint(0, 6)))
for value in values:
    print("%x %r" % (bits(value), value))
