// Scalar reference kernels, written from the segment rules of ITU-T G.711 (Tables 1 and 2) with the 16-bit input
// convention of the G.191 reference software. The SIMD kernels must match these bit for bit.

extension G711 {
    /// µ-law code of one 16-bit sample.
    ///
    /// G.711 µ-law works on a 14-bit sign-magnitude value: the magnitude (0 ... 8191) plus the bias 33 falls in one
    /// of eight segments, 32 << s ≤ biased < 64 << s, and within it in one of sixteen steps of 2 << s. The code is the segment and step, inverted, with bit 7 set for positive samples.
    @inline(__always)
    static func encodeMuLawReference(_ sample: Int16) -> UInt8 {
        let value = Int32(sample)
        let magnitude = (value < 0 ? ~value : value) >> 2
        let biased = min(magnitude + 33, 0x1FFF)

        var segment: Int32 = 0
        while segment < 7 && biased >= (64 << segment) {
            segment += 1
        }
        let step = (biased >> (segment + 1)) & 0xF

        let code = 0x7F - ((segment << 4) | step)
        return UInt8(truncatingIfNeeded: value >= 0 ? code | 0x80 : code)
    }

    /// 16-bit sample for one µ-law code: the middle of the code's step, ((2·step + 33) << segment) - 33 in 14 bits.
    @inline(__always)
    static func decodeMuLawReference(_ code: UInt8) -> Int16 {
        let inverted = Int32(~code)
        let segment = (inverted >> 4) & 0x7
        let step = inverted & 0xF

        let magnitude = (((step << 3) + 132) << segment) - 132
        return Int16(truncatingIfNeeded: code & 0x80 != 0 ? magnitude : -magnitude)
    }

    /// A-law code of one 16-bit sample.
    ///
    /// G.711 A-law works on a 13-bit sign-magnitude value: a magnitude below 32 is segment 0 in steps of 2; above,
    /// segment s (1 ... 7) holds 16 << s ... (32 << s) - 1 in steps of 1 << s. The code is the segment and step with
    /// bit 7 set for positive samples, and the even bits inverted (XOR 0x55).
    @inline(__always)
    static func encodeALawReference(_ sample: Int16) -> UInt8 {
        let value = Int32(sample)
        let magnitude = (value < 0 ? ~value : value) >> 3

        var segment: Int32 = 0
        while segment < 7 && magnitude >= (32 << segment) {
            segment += 1
        }
        let step = (magnitude >> max(segment, 1)) & 0xF

        let code = (segment << 4) | step
        return UInt8(truncatingIfNeeded: (value >= 0 ? code | 0x80 : code) ^ 0x55)
    }

    /// 16-bit sample for one A-law code: the middle of the code's step, scaled from 13 to 16 bits.
    @inline(__always)
    static func decodeALawReference(_ code: UInt8) -> Int16 {
        let uninverted = Int32(code ^ 0x55)
        let segment = (uninverted >> 4) & 0x7
        let step = uninverted & 0xF

        var magnitude = (step << 4) + 8
        if segment > 0 {
            magnitude = (magnitude + 256) << (segment - 1)
        }
        return Int16(truncatingIfNeeded: uninverted & 0x80 != 0 ? magnitude : -magnitude)
    }

    @inline(__always)
    static func encodeReference(
        _ source: UnsafePointer<Int16>, _ destination: UnsafeMutablePointer<UInt8>, _ count: Int,
        _ encodeOne: (Int16) -> UInt8
    ) {
        for index in 0..<count {
            destination[index] = encodeOne(source[index])
        }
    }

    @inline(__always)
    static func decodeReference(
        _ source: UnsafePointer<UInt8>, _ destination: UnsafeMutablePointer<Int16>, _ count: Int,
        _ decodeOne: (UInt8) -> Int16
    ) {
        for index in 0..<count {
            destination[index] = decodeOne(source[index])
        }
    }
}
