import Foundation

/// Where a CPython process keeps its runtime, and which layout its memory has: `_PyRuntime`
/// found through the ELF symbol table of libpython (or of a statically linked executable),
/// the version from `Py_Version` where it exists (3.11+), else from the file's name.
public struct PythonRuntime: Sendable {
    public let pid: Int32
    /// The process: live, or in a core file.
    public let image: ProcessImage
    /// The file that holds the interpreter: libpython, or the executable.
    public let binary: String
    /// The address of `_PyRuntime` in the process.
    public let runtimeAddress: UInt64
    /// `Py_Version` read from the process (3.11+), nil before.
    public let versionHex: UInt64?
    public let layout: CPythonLayout
    /// Addresses of other exported objects the walk uses, by symbol name (those present).
    public let symbols: [String: UInt64]

    /// The symbols looked up: the runtime, the version, and the built-in types the walk tells
    /// apart by address (an extension type may share a name with one, never an address).
    static let wantedSymbols = Set<String>([
        "_PyRuntime", "Py_Version", "_Py_NoneStruct", "_PySet_Dummy", "PyUnicode_Type", "PyBytes_Type", "PyLong_Type",
        "PyBool_Type", "PyFloat_Type", "PyList_Type", "PyTuple_Type", "PyDict_Type", "PySet_Type",
        "PyFrozenSet_Type", "PyType_Type", "PyModule_Type", "PyFunction_Type", "PyCell_Type",
        "PyMethod_Type", "PyBaseObject_Type", "PyCode_Type", "PyFrame_Type", "PyCFunction_Type",
        "_PyWeakref_RefType", "_PyWeakref_ProxyType", "_PyWeakref_CallableProxyType",
        "PyGen_Type", "PyCoro_Type", "PyAsyncGen_Type",
    ]).union(CPythonLayout.traverseSymbols)

    /// Finds the runtime of process `pid`, reading what it must through `memory`.
    public init(pid: Int32, memory: MemorySource) throws(HeapReaderError) {
        try self.init(image: try .live(pid: pid), memory: memory)
    }

    /// Finds the runtime of the process `image` describes (live or in a core file): the first
    /// of its libpython files, then its executable, that exports `_PyRuntime`, read from this
    /// machine's copy under `image.fileRoot`; reads what it must through `memory`.
    public init(image: ProcessImage, memory: MemorySource) throws(HeapReaderError) {
        self.image = image
        pid = image.pid
        var found: (String, ELFSymbols, UInt64)?
        for file in image.interpreterFiles {
            guard let symbols = try? ELFSymbols(path: image.fileRoot + file, wanted: Self.wantedSymbols),
                symbols.symbols["_PyRuntime"] != nil, let bias = symbols.loadBias(in: image.map, path: file)
            else { continue }
            found = (file, symbols, bias)
            break
        }
        guard let (file, elf, bias) = found, let runtime = elf.symbols["_PyRuntime"] else {
            throw HeapReaderError(
                .notPython,
                "\(image.name) is not CPython: neither a libpython nor its executable exports _PyRuntime."
            )
        }
        binary = file
        runtimeAddress = runtime &+ bias
        symbols = elf.symbols.mapValues { $0 &+ bias }
        var hex: UInt64?
        if let address = symbols["Py_Version"] { hex = try memory.load(address, as: UInt64.self) }
        versionHex = hex
        let version: String
        if let hex {
            version = "\((hex >> 24) & 0xFF).\((hex >> 16) & 0xFF)"
        } else if let named = Self.version(inName: (file as NSString).lastPathComponent) {
            version = named
        } else {
            throw HeapReaderError(.notPython, "\(image.name) runs a Python whose version cannot be told from \(file).")
        }
        layout = try CPythonLayout(version: version)
    }

    /// `3.X` from `libpython3.X.so…` or `python3.X`.
    static func version(inName name: String) -> String? {
        guard let range = name.range(of: "python3.") else { return nil }
        let digits = name[range.upperBound...].prefix { $0.isNumber }
        return digits.isEmpty ? nil : "3.\(digits)"
    }
}
