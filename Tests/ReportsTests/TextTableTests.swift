import Reports
import Testing

@Suite struct TextTableTests {
    @Test func columnsAlignUnderTheirTitles() {
        var table = TextTable(columns: [
            .init("type"), .init("count", alignment: .right), .init("size", alignment: .right),
        ])
        table.append(["tuple", "8959", "512 KiB"])
        table.append(["builtin_function_or_method", "800", "56.3 KiB"])
        table.append(["dict", "12"])
        table.total = ["total", "9771", "568.3 KiB"]
        #expect(
            table.render() == """
                type                        count       size
                --------------------------  -----  ---------
                tuple                        8959    512 KiB
                builtin_function_or_method    800   56.3 KiB
                dict                           12
                --------------------------  -----  ---------
                total                        9771  568.3 KiB

                """
        )
    }

    @Test func leftAlignedLastColumnHasNoTrailingSpaces() {
        let table = TextTable(
            columns: [.init("count", alignment: .right), .init("type")],
            rows: [["3", "a"], ["12345", "a.much.longer.Name"]]
        )
        #expect(
            table.render() == """
                count  type
                -----  ------------------
                    3  a
                12345  a.much.longer.Name

                """
        )
    }

    @Test func wideCharactersAndControlCharactersKeepColumnsStraight() {
        let table = TextTable(
            columns: [.init("name"), .init("n", alignment: .right)],
            rows: [["日本", "1"], ["a\tb", "2"], ["🐍", "3"], ["e\u{301}", "4"]]
        )
        #expect(
            table.render() == """
                name  n
                ----  -
                日本  1
                a\\tb  2
                🐍    3
                e\u{301}     4

                """
        )
    }

    @Test func emptyTableIsHeaderAndRule() {
        let table = TextTable(columns: [.init("type"), .init("count", alignment: .right)])
        #expect(table.render() == "type  count\n----  -----\n")
    }

    @Test func byteCountsReadTheSameEverywhere() {
        #expect(ByteCountFormat.string(0) == "0 B")
        #expect(ByteCountFormat.string(1023) == "1023 B")
        #expect(ByteCountFormat.string(1024) == "1.0 KiB")
        #expect(ByteCountFormat.string(1536) == "1.5 KiB")
        #expect(ByteCountFormat.string(1_048_575) == "1.0 MiB")
        #expect(ByteCountFormat.string(12 * 1_048_576) == "12.0 MiB")
        #expect(ByteCountFormat.string(3 << 30) == "3.0 GiB")
        #expect(ByteCountFormat.string(UInt64.max - 1) == "16.0 EiB")
        // Where totals stop instead of wrapping around.
        #expect(ByteCountFormat.string(UInt64.max) == "≥ 16.0 EiB")
    }
}
