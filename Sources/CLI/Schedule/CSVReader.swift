/// Comma-separated values as RFC 4180 writes them, record by record, each with the line it starts on.
///
/// A field may be quoted with `"`; inside quotes a comma or a line break is part of the field and `""` is one
/// quote. Lines end in LF or CRLF. A record that breaks these rules (a quote inside an unquoted field, text after a
/// closing quote, a quote never closed) is returned as malformed with the reason, and reading goes on at the next
/// line, so one bad line does not hide the rest. A quote never closed runs to the end of the file.
///
/// Not real-time safe: control thread only.
struct CSVReader {
    /// One record of the file.
    struct Record: Equatable {
        /// The 1-based line the record starts on.
        let line: Int

        /// The fields, or why the record could not be read.
        let fields: Result<[String], Malformed>
    }

    /// Why a record could not be read.
    struct Malformed: Error, Equatable {
        let reason: String
    }

    private var scalars: Substring.UnicodeScalarView
    private var line = 1

    init(_ text: String) {
        var view = Substring(text).unicodeScalars
        if view.first == "\u{FEFF}" { view.removeFirst() }
        self.scalars = view
    }

    /// Every record, blank lines left out.
    static func records(_ text: String) -> [Record] {
        var reader = CSVReader(text)
        var records: [Record] = []
        while let record = reader.next() {
            if case .success(let fields) = record.fields, fields == [""] { continue }
            records.append(record)
        }
        return records
    }

    /// The next record, or `nil` at the end of the text.
    mutating func next() -> Record? {
        guard !self.scalars.isEmpty else { return nil }
        let start = self.line
        var fields: [String] = []
        var field = ""
        var isQuoted = false
        var wasQuoted = false

        while let scalar = self.scalars.popFirst() {
            if isQuoted {
                if scalar == "\"" {
                    if self.scalars.first == "\"" {
                        self.scalars.removeFirst()
                        field.unicodeScalars.append("\"")
                    } else {
                        isQuoted = false
                    }
                } else {
                    if scalar == "\n" { self.line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case ",":
                fields.append(field)
                field = ""
                wasQuoted = false
            case "\r" where self.scalars.first == "\n":
                continue
            case "\n":
                self.line += 1
                fields.append(field)
                return Record(line: start, fields: .success(fields))
            case "\"" where field.isEmpty && !wasQuoted:
                isQuoted = true
                wasQuoted = true
            case "\"":
                self.skipLine()
                return Record(line: start, fields: .failure(Malformed(reason: "a quote inside an unquoted field")))
            default:
                if wasQuoted {
                    self.skipLine()
                    return Record(
                        line: start, fields: .failure(Malformed(reason: "text after the closing quote of a field")))
                }
                field.unicodeScalars.append(scalar)
            }
        }
        if isQuoted {
            return Record(line: start, fields: .failure(Malformed(reason: "a quoted field is never closed")))
        }
        fields.append(field)
        return Record(line: start, fields: .success(fields))
    }

    /// Drops the rest of the current line, its line break included.
    private mutating func skipLine() {
        while let scalar = self.scalars.popFirst() {
            if scalar == "\n" {
                self.line += 1
                return
            }
        }
    }
}
