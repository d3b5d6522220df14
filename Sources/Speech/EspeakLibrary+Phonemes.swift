import CEspeakNG

extension EspeakLibrary {
    /// espeak-ng's phonemes for each of `texts` in its own ASCII phoneme names (`g_@_n_z_'A:_l_E_z` for
    /// "gonzalez"), with `_` between phonemes, stress marks (`'`, `,`) kept, and a space between words; `nil` for
    /// a text espeak gives nothing for. Empty when the library or its en-us data is missing.
    ///
    /// This is espeak-ng's letter-to-sound front end (its dictionary and rules), the same one its synthesis
    /// uses, so an unusual name gets the pronunciation a speech synthesizer would give it. It selects the
    /// `en-us` voice once per call, which stays selected for later synthesis.
    ///
    /// Not real-time safe: control thread only; takes the library's lock for the whole batch.
    public static func phonemes(_ texts: [String]) -> [String?] {
        guard !texts.isEmpty, self.initializeForSynthesis() != nil else { return [] }
        return self.lock.withLock { _ -> [String?] in
            guard espeak_SetVoiceByName("en-us") == EE_OK else { return [] }
            return texts.map(Self.lockedPhonemes)
        }
    }

    /// The phonemes of one text; the caller holds the lock and has selected a voice.
    private static func lockedPhonemes(_ text: String) -> String? {
        // Bits 8–23 of the phoneme mode are the separator espeak puts between phonemes.
        let mode = Int32(UInt8(ascii: "_")) << 8
        var pieces: [String] = []
        text.withCString { start in
            var cursor: UnsafeRawPointer? = UnsafeRawPointer(start)
            // espeak translates up to the next clause boundary per call and advances the cursor; it sets it to nil
            // at the end of the text.
            var clauseCount = 0
            while let current = cursor, clauseCount < 64 {
                clauseCount += 1
                var pointer: UnsafeRawPointer? = current
                guard let result = espeak_TextToPhonemes(&pointer, espeakCHARS_UTF8, mode) else { break }
                pieces.append(String(cString: result))
                cursor = pointer
            }
        }
        let joined = pieces.joined(separator: " ").split(separator: " ").joined(separator: " ")
        return joined.isEmpty ? nil : joined
    }
}
