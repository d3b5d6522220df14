import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What the process and the calling thread have used: CPU time and resident memory, for benchmarks and reports.
///
/// Not real-time safe: system calls and, for memory, a file read. Control threads.
public enum ProcessUsage {
    /// User and system CPU time the whole process has used, in seconds (`getrusage(RUSAGE_SELF)`).
    public static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// CPU time of the calling thread, in seconds (`CLOCK_THREAD_CPUTIME_ID`): what it did, whatever else the machine
    /// ran.
    public static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    /// The process's resident memory now, in bytes (the second field of `/proc/self/statm`, in pages); `nil` where
    /// there is no `/proc`.
    public static func residentBytes() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
