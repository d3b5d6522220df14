import CLI
import Glibc

exit(AttendantCommandLine().run(Array(CommandLine.arguments.dropFirst()), console: .standard()))
