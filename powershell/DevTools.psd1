# The DevTools module: run AWS Lambda functions locally, with Lambda's execution model.
# ModuleVersion is stamped at build from version.json (Nerdbank.GitVersioning); the value here is a placeholder.
@{
    RootModule           = 'DevTools.PowerShell.dll'
    ModuleVersion        = '0.0.0'
    GUID                 = 'b95b34bf-2d69-4a02-b364-0d88f3ff4bae'
    Author               = 'Lambda DevTools'
    CompanyName          = 'Lambda DevTools'
    Copyright            = '(c) Lambda DevTools. All rights reserved.'
    Description          = 'Run AWS Lambda functions locally with Lambda''s execution model: real cold starts, frozen environments, lifecycle records. Invoke-LocalFunction, New-LocalEvent, Build-LocalFunction, Get-Container, Stop-Container, Get-LocalFunction, Receive-LifecycleEvent.'
    # A net10.0 binary module: pwsh 7.6 or later (PowerShell on .NET 10).
    PowerShellVersion    = '7.6'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('DevTools.Format.ps1xml')
    CmdletsToExport      = @(
        'Invoke-LocalFunction'
        'New-LocalEvent'
        'Build-LocalFunction'
        'Get-LocalFunction'
        'Get-Container'
        'Stop-Container'
        'Receive-LifecycleEvent'
        'Get-LocalBackend'
        'Stop-LocalBackend'
        'Get-LocalApiRoute'
        'Invoke-LocalApi'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('AWS', 'Lambda', 'Serverless', 'SAM', 'Local', 'Emulator')
        }
    }
}
