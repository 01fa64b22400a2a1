import Foundation

/// Checks `condition` every `interval` seconds until it holds or `timeout` seconds pass, and
/// says whether it held: for events a test can only see by looking (a file appearing, a field
/// of /proc changing), never to let time pass.
public func poll(timeout: Double, every interval: Double = 0.01, until condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
        if try condition() { return true }
        if Date() > deadline { return false }
        Thread.sleep(forTimeInterval: interval)
    }
}
