/// String measures and edits done the way Python's `str` does them, counting code points.
extension String {
    /// `len(s)`: the number of Unicode scalars, not of grapheme clusters.
    var pythonLength: Int {
        unicodeScalars.count
    }

    /// `s.ljust(width)`: padded on the right with spaces to `width` code points.
    func pythonLeftJustified(_ width: Int) -> String {
        let missing = width - pythonLength
        return missing > 0 ? self + String(repeating: " ", count: missing) : self
    }

    /// `s.strip()`: without the white space Python's `str.isspace` knows, at both ends.
    var pythonStripped: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isPythonSpace }),
            let last = scalars.lastIndex(where: { !$0.isPythonSpace })
        else { return "" }
        return String(scalars[first...last])
    }

    /// Whether the string ends with `suffix`, comparing code points as Python does.
    func pythonHasSuffix(_ suffix: String) -> Bool {
        unicodeScalars.reversed().starts(with: suffix.unicodeScalars.reversed())
    }
}

extension Unicode.Scalar {
    /// The characters `str.isspace()` accepts in Python 3.
    var isPythonSpace: Bool {
        switch value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029,
            0x202F, 0x205F, 0x3000:
            true
        default:
            false
        }
    }
}
