#if canImport(Glibc)
import Glibc
#endif
import SetkeyCore

// argv -> Invocation -> the core runner -> exit status. Nothing else happens here.
exit(SetkeyRunner.run(arguments: Array(CommandLine.arguments.dropFirst()), context: .process()))
