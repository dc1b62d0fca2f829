import SetkeyCore

// The plugin's two exported C symbols (see `PluginABI`).

@_cdecl("setkey_xfrm_plugin_abi_version")
public func setkeyPluginABIVersion() -> UInt32 { PluginABI.version }

@_cdecl("setkey_xfrm_plugin_backend_type")
public func setkeyPluginBackendType() -> UnsafeRawPointer { PluginABI.exportedType(XFRMBackend.self) }
