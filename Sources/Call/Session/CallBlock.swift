import Dialogue

/// What the audio side did in one block, as the call side is told it.
struct CallBlock {
    /// Where the block starts, in frames from the start of the call.
    var sampleTime: Int64
    var frameCount: Int
    /// What the front end found in it.
    var events: CallFrontEnd.BlockEvents
    /// Whether the agent's audio was queued or playing when the block was read out.
    var wasPlaying: Bool
    /// The prompt whose first frame the block carried, if one started.
    var startedPrompt: Prompt?
    /// Whether that prompt started after a block without the agent's audio.
    var startedAfterSilence: Bool
    /// Keys the caller pressed, or the caller hanging up.
    var signal: LineSignal?

    /// The block's end.
    var endSampleTime: Int64 { self.sampleTime + Int64(self.frameCount) }
}

/// What the caller does on the line besides speaking.
enum LineSignal: Equatable {
    case keypad(String)
    case hangUp
}
