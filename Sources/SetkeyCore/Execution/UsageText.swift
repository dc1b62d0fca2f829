/// The usage and help texts. The usage reads like the classic tool's (reference 1.1) with
/// our options added; `--help` explains every option.
public enum UsageText {
    /// The version line (`-V`, `--version`).
    public static let versionLine = "setkey (Swift setkey) 0.1.0, compatible with ipsec-tools 0.8.2/0.9.1 setkey"

    /// The classic usage block.
    public static let usage = """
        usage: setkey [-vrk] [-B backend] file ...
               setkey [-nvrk] [-B backend] -c
               setkey [-nvrk] [-B backend] -f filename
               setkey [-Palpvrk] [--json] [--nokeys] [-B backend] -D
               setkey [-Pv] [-B backend] -F
               setkey [-H] [--json] [-B backend] -x
               setkey [-V] [-h] [--help] [--version] [--list-backends]

        """

    /// The long help (`--help`).
    public static let help = """
        setkey: add, update, dump and flush IPsec Security Associations (SAD) and Security
        Policies (SPD), as the BSD/KAME setkey does, over a choice of backends.

        """ + usage + """

        Modes (the last one given wins; -D with -f or -c dumps after the script):
          -f FILE        read statements from FILE (- for standard input); the whole file is
                         checked first: a file with any error changes nothing
          -c             read statements from standard input, run each as soon as it ends in ';'
          -D             dump the SAD (with -P: the SPD)
          -F             flush the SAD (with -P: the SPD)
          -x             monitor: print every change as it happens (-xx: epoch timestamps)
          FILE ...       print raw PF_KEY messages stored in files as setkey would

        Options:
          -P             -D/-F act on the SPD
          -a             -D also shows dead SAs
          -l             -D: loop, short format, every second
          -p             dumps show ports
          -n             parse and check against the backend, send nothing
          -v             print each message (PF_KEY decode) sent and received
          -H             hex-dump each message
          -r / -k        Linux semantics: copy 'in' policies to 'fwd' (default) / do not
          -B, --backend NAME   the backend to use (see --list-backends)
          --config FILE  the configuration file (default: $SETKEY_CONFIG, the installed
                         one, or Config/setkey.conf of the checkout)
          --json         JSON output (dumps, get replies, monitor events as JSON Lines)
          --nokeys       show key lengths instead of keys
          --list-backends  list the backend plugins found and what they support
          -V, --version  print the version
          -h, --help     print this help

        Exit status: 0 when everything succeeded; 1 on a usage error, a syntax error (nothing is
        applied) or when any statement was refused (each refusal is printed as
        'The result of line N: <reason>.').

        """
}
