// The layers below the shell, re-exported: whoever imports KBMCore (kbm, the tests) sees the whole package.

@_exported import KBMDomain
@_exported import KBMLanguage
@_exported import KBMModel
@_exported import KBMPersistence
@_exported import KBMRender
