// The three output formats of lists, records and reports.

public enum OutputFormat: String, Sendable, CaseIterable {
    case table, csv, json
}
