# Classes whose type dict is not a plain dict, or whose __module__ entry is not a str:
#   Point: a ctypes Structure (its class dict is ctypes' StgDict, a dict subclass);
#   Callback: a CFUNCTYPE class, made inside ctypes (module "ctypes");
#   Specced: a type made from a C spec, as Cython makes its function type: "__module__" in its
#   dict is the member descriptor of its instances' own __module__, and its tp_name holds
#   "module.Name".
# EXPECTED maps each class's module-qualified name to its number of instances (as gc counts
# them where they are gc-tracked: ctypes keeps CFunctionType instances of its own too).
import ctypes
import gc


class Point(ctypes.Structure):
    _fields_ = [("x", ctypes.c_int), ("y", ctypes.c_int)]


points = [Point(i, i) for i in range(3)]

Callback = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_int)
callbacks = [Callback(abs) for _ in range(2)]


class _MemberDef(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("type", ctypes.c_int), ("offset", ctypes.c_ssize_t),
                ("flags", ctypes.c_int), ("doc", ctypes.c_char_p)]


class _Slot(ctypes.Structure):
    _fields_ = [("slot", ctypes.c_int), ("pfunc", ctypes.c_void_p)]


class _Spec(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("basicsize", ctypes.c_int), ("itemsize", ctypes.c_int),
                ("flags", ctypes.c_uint), ("slots", ctypes.POINTER(_Slot))]


_T_OBJECT, _PY_TP_MEMBERS, _PY_TPFLAGS_DEFAULT = 6, 72, 0
_members = (_MemberDef * 2)(_MemberDef(b"__module__", _T_OBJECT, 16, 0, None))
_slots = (_Slot * 2)(_Slot(_PY_TP_MEMBERS, ctypes.cast(_members, ctypes.c_void_p)))
_name = (__name__ + ".Specced").encode()
_spec = _Spec(_name, 24, 0, _PY_TPFLAGS_DEFAULT, _slots)
_from_spec = ctypes.pythonapi.PyType_FromSpec
_from_spec.restype = ctypes.py_object
_from_spec.argtypes = [ctypes.POINTER(_Spec)]
Specced = _from_spec(ctypes.byref(_spec))
specced = [Specced() for _ in range(4)]

EXPECTED = {
    __name__ + ".Point": sum(1 for o in gc.get_objects() if type(o) is Point),
    "ctypes.CFUNCTYPE.<locals>.CFunctionType": sum(1 for o in gc.get_objects() if type(type(o)) is type(Callback)
                                                   and type(o).__qualname__ == "CFUNCTYPE.<locals>.CFunctionType"),
    __name__ + ".Specced": len(specced),
}
assert EXPECTED[__name__ + ".Point"] == 3
assert type(Specced.__dict__["__module__"]) is not str
