/// The `META` section: `SnapshotMetadata` as one JSON object whose keys are the Swift
/// property names.
extension SnapshotFile {
    /// The metadata as compact JSON in UTF-8, keys in declaration order, `nil` optionals left out.
    static func encodeMetadata(_ metadata: SnapshotMetadata) -> [UInt8] {
        var members: [String] = []
        func add(_ key: String, _ json: String) { members.append(SnapshotFileJSON.quoted(key) + ":" + json) }
        func strings(_ list: [String]) -> String {
            "[" + list.map(SnapshotFileJSON.quoted).joined(separator: ",") + "]"
        }
        func ints(_ list: [Int]) -> String { "[" + list.map { String($0) }.joined(separator: ",") + "]" }

        add("pythonVersion", SnapshotFileJSON.quoted(metadata.pythonVersion))
        add("pythonImplementation", SnapshotFileJSON.quoted(metadata.pythonImplementation))
        add("pid", String(metadata.pid))
        add("time", SnapshotFileJSON.number(metadata.time))
        if let rss = metadata.rssBytes { add("rssBytes", String(rss)) }
        if let peak = metadata.peakRSSBytes { add("peakRSSBytes", String(peak)) }
        add("gcEnabled", metadata.gcEnabled ? "true" : "false")
        add("gcCounts", ints(metadata.gcCounts))
        add("gcThresholds", ints(metadata.gcThresholds))
        add("collected", metadata.collected ? "true" : "false")
        add("capturedBy", SnapshotFileJSON.quoted(metadata.capturedBy))
        add("captureSeconds", SnapshotFileJSON.number(metadata.captureSeconds))
        if let executable = metadata.executable { add("executable", SnapshotFileJSON.quoted(executable)) }
        if let argv = metadata.argv { add("argv", strings(argv)) }
        if let incomplete = metadata.incomplete { add("incomplete", SnapshotFileJSON.quoted(incomplete)) }
        add("limitations", strings(metadata.limitations))
        return Array(("{" + members.joined(separator: ",") + "}").utf8)
    }

    /// Reads the `META` JSON. Unknown keys are ignored; optional keys may be missing or `null`.
    static func decodeMetadata(_ bytes: [UInt8]) throws(SnapshotFileError.Reason) -> SnapshotMetadata {
        let document: SnapshotFileJSON
        do {
            document = try SnapshotFileJSON.parse(bytes)
        } catch {
            throw .invalidMetadata("section META is not valid JSON (\(error.message))")
        }
        guard case let .object(members) = document else {
            throw .invalidMetadata("section META is not a JSON object")
        }
        let fields = SnapshotFileMetadataFields(members: members)
        return SnapshotMetadata(
            pythonVersion: try fields.string("pythonVersion"),
            pythonImplementation: try fields.optionalString("pythonImplementation") ?? "cpython",
            pid: try fields.required("pid", fields.int32),
            time: try fields.required("time", fields.double),
            rssBytes: try fields.uint64("rssBytes"),
            peakRSSBytes: try fields.uint64("peakRSSBytes"),
            gcEnabled: try fields.required("gcEnabled", fields.bool),
            gcCounts: try fields.required("gcCounts", fields.ints),
            gcThresholds: try fields.required("gcThresholds", fields.ints),
            collected: try fields.required("collected", fields.bool),
            capturedBy: try fields.string("capturedBy"),
            captureSeconds: try fields.double("captureSeconds") ?? 0,
            executable: try fields.optionalString("executable"),
            argv: try fields.strings("argv"),
            incomplete: try fields.optionalString("incomplete"),
            limitations: try fields.strings("limitations") ?? []
        )
    }
}

/// Typed access to the members of the `META` object; each accessor returns `nil` for a missing
/// or `null` key and throws for a value of the wrong type.
private struct SnapshotFileMetadataFields {
    let members: [String: SnapshotFileJSON]

    private func value(_ key: String) -> SnapshotFileJSON? {
        guard let value = members[key], value != .null else { return nil }
        return value
    }

    private func wrongType(_ key: String, _ expected: String) -> SnapshotFileError.Reason {
        .invalidMetadata("key '\(key)' must be \(expected)")
    }

    func required<T>(
        _ key: String,
        _ accessor: (String) throws(SnapshotFileError.Reason) -> T?
    ) throws(SnapshotFileError.Reason) -> T {
        guard let value = try accessor(key) else { throw .invalidMetadata("required key '\(key)' is missing") }
        return value
    }

    func string(_ key: String) throws(SnapshotFileError.Reason) -> String {
        try required(key, optionalString)
    }

    func optionalString(_ key: String) throws(SnapshotFileError.Reason) -> String? {
        guard let value = value(key) else { return nil }
        guard case let .string(text) = value else { throw wrongType(key, "a string") }
        return text
    }

    func bool(_ key: String) throws(SnapshotFileError.Reason) -> Bool? {
        guard let value = value(key) else { return nil }
        guard case let .bool(flag) = value else { throw wrongType(key, "true or false") }
        return flag
    }

    func double(_ key: String) throws(SnapshotFileError.Reason) -> Double? {
        guard let value = value(key) else { return nil }
        guard case let .number(text) = value else { throw wrongType(key, "a number") }
        switch text {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default:
            guard let number = Double(text) else { throw wrongType(key, "a number") }
            return number
        }
    }

    private func integer<T: FixedWidthInteger>(
        _ key: String,
        _ value: SnapshotFileJSON,
        as: T.Type
    ) throws(SnapshotFileError.Reason) -> T {
        guard case let .number(text) = value, let number = T(text) else {
            throw wrongType(key, T.isSigned ? "an integer" : "a non-negative integer")
        }
        return number
    }

    func int32(_ key: String) throws(SnapshotFileError.Reason) -> Int32? {
        guard let value = value(key) else { return nil }
        return try integer(key, value, as: Int32.self)
    }

    func uint64(_ key: String) throws(SnapshotFileError.Reason) -> UInt64? {
        guard let value = value(key) else { return nil }
        return try integer(key, value, as: UInt64.self)
    }

    func ints(_ key: String) throws(SnapshotFileError.Reason) -> [Int]? {
        guard let value = value(key) else { return nil }
        guard case let .array(elements) = value else { throw wrongType(key, "an array of integers") }
        var result: [Int] = []
        for element in elements {
            guard case let .number(text) = element, let number = Int(text) else {
                throw wrongType(key, "an array of integers")
            }
            result.append(number)
        }
        return result
    }

    func strings(_ key: String) throws(SnapshotFileError.Reason) -> [String]? {
        guard let value = value(key) else { return nil }
        guard case let .array(elements) = value else { throw wrongType(key, "an array of strings") }
        var result: [String] = []
        for element in elements {
            guard case let .string(text) = element else { throw wrongType(key, "an array of strings") }
            result.append(text)
        }
        return result
    }
}
