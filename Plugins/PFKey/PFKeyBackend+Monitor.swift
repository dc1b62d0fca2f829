#if canImport(Glibc)
import Glibc
#endif
import SetkeyCore

extension PFKeyBackend {
    /// `-x`: turns promiscuous mode on (SADB_X_PROMISC, satype 1) and delivers every message
    /// the socket receives, its raw bytes kept, until `handler` returns false. The first
    /// event is usually the kernel's broadcast of the PROMISC request itself.
    public func monitor(_ handler: (KeyEvent) -> Bool) throws(BackendError) {
        try channel.send(channel.builder().promisc(on: true))
        try channel.transport.setReceiveTimeout(nil)
        while true {
            guard let bytes = try channel.transport.receive(waiting: true) else { continue }
            channel.observer?(.received(bytes))
            var now = timeval()
            gettimeofday(&now, nil)
            let event = decoder.event(bytes, seconds: Int64(now.tv_sec), microseconds: Int32(now.tv_usec))
            if !handler(event) { return }
        }
    }
}
