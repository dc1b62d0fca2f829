#if canImport(Glibc)
import Glibc
#endif
import SetkeyConformance
import SetkeyCore

// setkey-conformance --backend NAME [--config FILE] [--json] [--filter PATTERN] [--allow-host]
exit(ConformanceCommand.run(arguments: Array(CommandLine.arguments.dropFirst()), context: .process()))
