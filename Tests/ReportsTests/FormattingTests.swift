import Reports
import Testing

/// Numbers from a snapshot may be anything a double holds: none of them may stop a report.
@Suite struct FormattingTests {
    @Test func ordinaryNumbersKeepTheirFormat() {
        #expect(Formatting.fixed(12.345, places: 2) == "12.35")
        #expect(Formatting.fixed(0.5, places: 0) == "1")
        #expect(Formatting.seconds(0.75) == "0.75 s")
        #expect(Formatting.seconds(0.0421) == "42.1 ms")
    }

    @Test func negativeNumbersKeepTheirSign() {
        #expect(Formatting.fixed(-0.5, places: 2) == "-0.50")
        #expect(Formatting.fixed(-12.345, places: 1) == "-12.3")
        #expect(Formatting.fixed(-0.001, places: 2) == "0.00")
        #expect(Formatting.seconds(-1) == "-1.00 s")
    }

    @Test func numbersBeyondAnIntAreWrittenAsDoubles() {
        #expect(Formatting.fixed(1e300, places: 2) == "1e+300")
        #expect(Formatting.fixed(-1e300, places: 2) == "-1e+300")
        #expect(Formatting.seconds(1e300) == "1e+300 s")
        #expect(Formatting.fixed(123_456_789_012.5, places: 2) == "123456789012.50")
    }

    @Test func nonFiniteNumbersAreNamed() {
        #expect(Formatting.seconds(.nan) == "nan s")
        #expect(Formatting.seconds(.infinity) == "inf s")
        #expect(Formatting.seconds(-.infinity) == "-inf s")
        #expect(Formatting.fixed(.nan, places: 1) == "nan")
    }
}
